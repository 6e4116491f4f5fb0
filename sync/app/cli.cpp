// Parsing the welcome-sync command line (see cli.hpp).
#include "sync/app/cli.hpp"

#include <charconv>

namespace wk::sync_app {

const char* const kUsage = R"(Usage: welcome-sync --once [OPTIONS]
       welcome-sync --status [OPTIONS]

Syncs this terminal with its hub: pushes what newcomers entered, pulls the
catalogs, deletes acknowledged personal data after the retention period.
Safe while the kiosk runs on the same database (runs never overlap).

Modes:
  --once              run one full sync, then exit
  --status            print the sync state and the queue, then exit

Options:
  --config FILE       terminal configuration (default: /etc/welcome-kiosk/kiosk.json
                      when installed; config/kiosk.json of the source tree
                      in a build)
  --data-dir DIR      local data directory (overrides "data_dir" of the config)
  --resources DIR     directory holding locales/ and assets/ (default:
                      $WELCOME_KIOSK_RESOURCES, else /usr/share/welcome-kiosk
                      when installed, the source tree in a build)
  --wait-lock SEC     wait up to SEC seconds (0..3600, default 600) for a sync
                      run of the kiosk to finish
  --help              show this help
  --version           show the version

Exit codes: 0 all done, 75 hub unreachable or busy (try later),
77 the hub refused this terminal's token, 1 other sync errors (TLS,
protocol, hub answers), 2 bad command line or configuration, 4 local database.
)";

namespace {

int to_int(const std::string& opt, const std::string& v, int lo, int hi) {
  int n = 0;
  auto [p, ec] = std::from_chars(v.data(), v.data() + v.size(), n);
  if (ec != std::errc() || p != v.data() + v.size() || n < lo || n > hi) {
    throw CliError(opt + ": expected a whole number " + std::to_string(lo) + ".." + std::to_string(hi) + ", got \"" +
                   v + "\"");
  }
  return n;
}

}  // namespace

CliOptions parse_cli(const std::vector<std::string>& args) {
  CliOptions o;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    const auto value = [&]() -> const std::string& {
      if (i + 1 >= args.size()) throw CliError(a + ": missing value");
      return args[++i];
    };
    if (a == "--once") {
      o.once = true;
    } else if (a == "--status") {
      o.status = true;
    } else if (a == "--config") {
      o.config = value();
    } else if (a == "--data-dir") {
      o.data_dir = value();
    } else if (a == "--resources") {
      o.resources = value();
    } else if (a == "--wait-lock") {
      o.wait_lock_s = to_int(a, value(), 0, 3600);
    } else if (a == "--help" || a == "-h") {
      o.help = true;
    } else if (a == "--version") {
      o.version = true;
    } else {
      std::string shown = a.substr(0, 64);
      for (char& c : shown) {
        if (static_cast<unsigned char>(c) < 0x20) c = '?';
      }
      throw CliError("unknown option \"" + shown + "\"");
    }
  }
  const int modes = int(o.once) + int(o.status) + int(o.help) + int(o.version);
  if (modes == 0) throw CliError("say what to do: --once or --status");
  if (modes > 1) throw CliError("--once, --status, --help and --version cannot be combined");
  return o;
}

}  // namespace wk::sync_app
