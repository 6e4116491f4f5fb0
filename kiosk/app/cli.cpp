// Command-line parsing for welcome-kiosk.
#include "kiosk/app/cli.hpp"

#include <algorithm>
#include <charconv>

#include "kiosk/text/input_rules.hpp"

namespace wk::app {

const char* const kUsage = R"(Usage: welcome-kiosk [OPTIONS]

Runs the Welcome Center self-service terminal (fullscreen, borderless).

Options:
  --config FILE          terminal configuration (default: /etc/welcome-kiosk/kiosk.json
                         when installed; config/kiosk.json of the source tree
                         in a build)
  --data-dir DIR         local data directory (overrides "data_dir" of the config)
  --resources DIR        directory holding locales/ and assets/ (default:
                         $WELCOME_KIOSK_RESOURCES, else /usr/share/welcome-kiosk
                         when installed, the source tree in a build)
  --windowed WxH         a window of W x H pixels instead of fullscreen
  --lang CODE            start in language CODE (one of the enabled languages)
  --screen ID            start on screen ID: welcome, home, languages, about, or a feature's
                         (register-consent ... register-receipt, courses,
                         course-detail)
  --screenshot FILE      render the start screen, write it to FILE (.png), exit
  --replay SCRIPT        run a replay script, exit 0 if every step passed, 1 if not
  --screenshot-dir DIR   where replay screenshots are written (default: .)
  --draw-only-screenshots
                         in a replay, rasterise only the frames a screenshot
                         step keeps (tests: every frame is still laid out and
                         checked; software GL spends no time on the others)
  --full-redraw          rasterise every frame whole instead of only the part
                         that changed since the last (diagnosis; tests)
  --screenshot-from-window
                         screenshots are what the X server shows in the
                         window, not the frame drawn (tests)
  --speech-wav DIR       read-aloud writes each reading to DIR/NNN-LANG.wav at
                         speaking pace instead of playing it (tests; checking
                         voices on a machine without speakers)
  --exit-after-frames N  quit after N frames (benchmarks)
  --today YYYY-MM-DD     take DATE as today's date for course dates and
                         deadlines (tests and demonstrations)
  --now YYYY-MM-DDTHH:MM take this local date and time as now (opening
                         hours; implies --today) (tests and demonstrations)
  --no-sync              do not sync with the hub this time, even if the
                         configuration names one (tests, demos, diagnosis)
  --check                validate configuration and locales, then exit
  --provision FILE       set this terminal up from the bundle welcome-hub made
                         (terminal add ID --bundle FILE): reads the bundle's code,
                         then the staff PIN, from standard input; checks the
                         bundle and, when it can be reached, the hub; writes the
                         configuration (--config), the hub's CA beside it, the
                         token and the data directory (owned by --user, default
                         welcome-kiosk when run as root); removes FILE
  --user NAME            with --provision: the user the kiosk service runs as
  --report-service-end   log how the kiosk's systemd unit ended (its ExecStopPost=:
                         $SERVICE_RESULT, $EXIT_CODE, $EXIT_STATUS): a watchdog kill
                         or a crash as the events staff search the journal for; exit 0
  --set-admin-pin        read the staff PIN (6 to 12 digits) from standard input
                         (asked twice without echo on a terminal), store it as
                         an argon2id hash in the local database, exit
  --verify-audit         check the hash chain of the staff audit log, exit
  --help                 show this help
  --version              show the version

Exit codes: 0 success, 1 a replay step failed, 2 bad command line,
configuration or locale files (or a PIN refused), 3 no display or window,
4 local database, 5 the audit log's chain is broken, 75 staff chose "exit to
maintenance" on the admin overlay (the systemd unit does not restart it:
RestartPreventExitStatus=75).
)";

namespace {

int to_int(const std::string& opt, const std::string& v, int lo, int hi) {
  int n = 0;
  auto [p, ec] = std::from_chars(v.data(), v.data() + v.size(), n);
  if (ec != std::errc() || p != v.data() + v.size() || n < lo || n > hi)
    throw CliError(opt + ": expected a whole number " + std::to_string(lo) + ".." + std::to_string(hi) + ", got \"" +
                   v + "\"");
  return n;
}

std::pair<int, int> to_size(const std::string& v) {
  const auto x = v.find('x');
  if (x == std::string::npos) throw CliError("--windowed: expected WIDTHxHEIGHT such as 1280x800, got \"" + v + "\"");
  return {to_int("--windowed width", v.substr(0, x), 320, 8192),
          to_int("--windowed height", v.substr(x + 1), 240, 8192)};
}

}  // namespace

CliOptions parse_cli(const std::vector<std::string>& args) {
  CliOptions o;
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    auto value = [&]() -> std::string {
      if (i + 1 >= args.size() || args[i + 1].empty()) throw CliError(a + ": missing value");
      return args[++i];
    };
    if (a == "--help" || a == "-h")
      o.help = true;
    else if (a == "--version")
      o.version = true;
    else if (a == "--check")
      o.check_only = true;
    else if (a == "--set-admin-pin")
      o.set_admin_pin = true;
    else if (a == "--verify-audit")
      o.verify_audit = true;
    else if (a == "--provision")
      o.provision = value();
    else if (a == "--user")
      o.user = value();
    else if (a == "--report-service-end")
      o.report_service_end = true;
    else if (a == "--no-sync")
      o.no_sync = true;
    else if (a == "--config")
      o.config = value();
    else if (a == "--data-dir")
      o.data_dir = value();
    else if (a == "--resources")
      o.resources = value();
    else if (a == "--windowed")
      o.windowed = to_size(value());
    else if (a == "--lang")
      o.language = value();
    else if (a == "--screen")
      o.screen = value();
    else if (a == "--screenshot")
      o.screenshot = value();
    else if (a == "--replay")
      o.replay = value();
    else if (a == "--screenshot-dir")
      o.screenshot_dir = value();
    else if (a == "--draw-only-screenshots")
      o.draw_only_screenshots = true;
    else if (a == "--full-redraw")
      o.full_redraw = true;
    else if (a == "--screenshot-from-window")
      o.screenshot_from_window = true;
    else if (a == "--speech-wav")
      o.speech_wav = value();
    else if (a == "--today") {
      o.today = value();
      const auto d = text::parse_date(o.today);
      if (!d || text::to_iso(*d) != o.today)
        throw CliError("--today: expected a date YYYY-MM-DD, got \"" + o.today + "\"");
    } else if (a == "--now") {
      o.now = value();
      const auto d = text::parse_date(o.now.substr(0, 10));
      const bool ok =
          o.now.size() == 16 && o.now[10] == 'T' && o.now[13] == ':' && d && text::to_iso(*d) == o.now.substr(0, 10) &&
          std::all_of(o.now.begin() + 11, o.now.end(), [](char c) { return c == ':' || (c >= '0' && c <= '9'); }) &&
          o.now.substr(11, 2) < "24" && o.now.substr(14, 2) < "60";
      if (!ok) throw CliError("--now: expected a local time YYYY-MM-DDTHH:MM, got \"" + o.now + "\"");
    } else if (a == "--exit-after-frames")
      o.exit_after_frames = to_int(a, value(), 1, 1000000);
    else
      throw CliError("unknown option \"" + a + "\"");
  }
  if (!o.user.empty() && !o.provision) throw CliError("--user goes with --provision");
  if (o.provision && (o.set_admin_pin || o.verify_audit || o.check_only || o.screenshot || o.replay))
    throw CliError("--provision runs alone (with --config, --data-dir, --user and --now only)");
  if (o.set_admin_pin && o.verify_audit) throw CliError("--set-admin-pin and --verify-audit cannot be combined");
  if ((o.set_admin_pin || o.verify_audit) && (o.screenshot || o.replay || o.check_only))
    throw CliError(std::string(o.set_admin_pin ? "--set-admin-pin" : "--verify-audit") +
                   " runs alone (with --config and --data-dir only)");
  if (o.screenshot && o.replay) throw CliError("--screenshot and --replay cannot be combined");
  if (o.draw_only_screenshots && !o.replay) throw CliError("--draw-only-screenshots needs --replay");
  if (o.screenshot && o.screenshot->extension() != ".png")
    throw CliError("--screenshot: the file name must end in .png");
  return o;
}

}  // namespace wk::app
