// welcome-kiosk: loads the configuration, the languages and the local store,
// then hands over to the shell. Every start-up problem ends here with a clear
// message for staff and a distinct exit code; nothing is half-configured.
#include <atomic>
#include <chrono>
#include <cstdlib>
#include <ctime>
#include <fstream>
#include <iostream>
#include <optional>
#include <sstream>

#include <unistd.h>

#include "kiosk/app/admin_commands.hpp"
#include "kiosk/app/cli.hpp"
#include "kiosk/app/hub_desk_adapter.hpp"
#include "kiosk/app/provision_command.hpp"
#include "kiosk/app/sync_link_adapter.hpp"
#include "kiosk/app/terminal_check.hpp"
#include "kiosk/core/config.hpp"
#include "kiosk/core/log.hpp"
#include "kiosk/core/resource_dir.hpp"
#include "kiosk/core/service_notify.hpp"
#include "kiosk/core/store.hpp"
#include "kiosk/core/terminal_settings.hpp"
#include "kiosk/core/time.hpp"
#include "kiosk/speech/alsa_sink.hpp"
#include "kiosk/speech/espeak_speaker.hpp"
#include "kiosk/speech/wav_sink.hpp"
#include "kiosk/text/languages.hpp"
#include "kiosk/text/messages.hpp"
#include "kiosk/text/text_error.hpp"
#include "kiosk/ui/features/admin/admin_console.hpp"
#include "kiosk/ui/features/registry.hpp"
#include "kiosk/ui/replay.hpp"
#include "kiosk/ui/shell.hpp"

#ifndef WK_VERSION
#define WK_VERSION "0"
#endif

namespace {

namespace fs = std::filesystem;
using namespace wk;

int fail(int code, const std::string& what) {
  core::log::error("kiosk", what);
  return code;
}

// The local database or its directory refused: exit 4, logged as the event staff search for.
int fail_database(const std::string& what) {
  core::log::event(core::log::Level::error, core::log::Event::database_refused, "kiosk", what);
  return 4;
}

// ExecStopPost= of the kiosk's unit: systemd says how the session ended. A watchdog kill and a
// crash become the journal events staff search for; a clean stop says nothing.
int report_service_end() {
  const auto env = [](const char* name) {
    const char* v = std::getenv(name);
    return std::string(v == nullptr ? "" : v);
  };
  const std::string result = env("SERVICE_RESULT"), code = env("EXIT_CODE"), status = env("EXIT_STATUS");
  const std::string how = "(SERVICE_RESULT=" + result + ", EXIT_CODE=" + code + ", EXIT_STATUS=" + status + ")";
  if (result == "watchdog")
    core::log::event(core::log::Level::error, core::log::Event::watchdog_restart, "session",
                     "the kiosk's frame loop stopped turning; systemd killed the session and restarts it " + how);
  else if (result == "signal" || result == "core-dump")
    core::log::event(core::log::Level::error, core::log::Event::session_crashed, "session",
                     "the kiosk session crashed; systemd restarts it " + how);
  return 0;
}

// "YYYY-MM-DDTHH:MM" (checked by the command line) as a local time on this machine's clock.
std::chrono::system_clock::time_point local_time_point(const std::string& text) {
  std::tm tm{};
  tm.tm_year = std::stoi(text.substr(0, 4)) - 1900;
  tm.tm_mon = std::stoi(text.substr(5, 2)) - 1;
  tm.tm_mday = std::stoi(text.substr(8, 2));
  tm.tm_hour = std::stoi(text.substr(11, 2));
  tm.tm_min = std::stoi(text.substr(14, 2));
  tm.tm_isdst = -1;
  return std::chrono::system_clock::from_time_t(std::mktime(&tm));
}

// Staff chose "exit to maintenance" under systemd. The unit's main process is cage, which does
// not pass the kiosk's exit code on, so the kiosk leaves this mark in its data directory; the
// unit's ExecCondition= removes it and skips the automatic restart (welcome-kiosk.service).
void mark_maintenance(const fs::path& data_dir) {
  const fs::path mark = data_dir / "maintenance";
  std::ofstream out(mark, std::ios::trunc);
  out << core::to_iso8601(std::chrono::system_clock::now()) << " staff chose exit to maintenance\n";
  if (!out.flush()) core::log::error("kiosk", "cannot write " + mark.string() + "; systemd will restart the kiosk");
}

}  // namespace

int main(int argc, char** argv) {
  const auto started = std::chrono::steady_clock::now();
  app::CliOptions opt;
  try {
    opt = app::parse_cli(std::vector<std::string>(argv + 1, argv + argc));
  } catch (const app::CliError& e) {
    std::cerr << "welcome-kiosk: " << e.what() << "\nTry 'welcome-kiosk --help'.\n";
    return 2;
  }
  if (opt.help) {
    std::cout << app::kUsage;
    return 0;
  }
  if (opt.version) {
    std::cout << "welcome-kiosk " << WK_VERSION << "\n";
    return 0;
  }

  if (opt.report_service_end) return report_service_end();

  const fs::path res = core::resource_dir(opt.resources);
  text::LanguageTable languages;
  text::MessageCatalog messages;
  core::Config config;
  if (opt.provision) {
    try {
      languages = text::LanguageTable::load(res / "locales" / "languages.json");
    } catch (const text::TextDataError& e) {
      return fail(2, e.what());
    }
    core::log::set_level(core::log::Level::warn);  // what it did is said on standard output
    app::ProvisionOptions po;
    po.bundle = *opt.provision;
    po.config_file = opt.config.value_or(core::default_config_file(opt.resources));
    po.data_dir = opt.data_dir;
    po.user = !opt.user.empty() ? opt.user : (::geteuid() == 0 ? "welcome-kiosk" : "");
    po.now = opt.now.empty() ? std::chrono::system_clock::now() : local_time_point(opt.now);
    po.languages = languages.codes();
    return app::provision_command(po, std::cin, isatty(STDIN_FILENO) == 1, std::cout, std::cerr);
  }
  try {
    languages = text::LanguageTable::load(res / "locales" / "languages.json");
    messages = text::MessageCatalog::load(languages, res / "locales");
    config = core::load_config(opt.config.value_or(core::default_config_file(opt.resources)), languages.codes());
  } catch (const text::TextDataError& e) {
    return fail(2, e.what());
  } catch (const core::ConfigError& e) {
    return fail(2, e.what());
  }
  core::log::set_level(core::log::parse_level(config.log_level));
  if (opt.no_sync) config.hub.reset();
  if (opt.data_dir) {
    // The default token file follows the data directory it lives in.
    if (config.hub && config.hub->token_file == config.data_dir / "hub-token") {
      config.hub->token_file = *opt.data_dir / "hub-token";
    }
    config.data_dir = *opt.data_dir;
  }

  std::optional<ui::ScreenId> screen;
  if (!opt.screen.empty()) {
    screen = ui::screen_from_name(opt.screen);
    if (!screen) {
      std::string names;
      auto add = [&](std::span<const ui::ScreenView> views) {
        for (const auto& v : views) names += (names.empty() ? "" : ", ") + std::string(v.id.name);
      };
      add(ui::shell_screens());
      for (const ui::FeatureModule* m : ui::feature_modules()) add(m->views);
      return fail(2, "--screen: unknown screen \"" + opt.screen + "\" (" + names + ")");
    }
  }
  if (!opt.language.empty() &&
      std::find(config.languages.begin(), config.languages.end(), opt.language) == config.languages.end())
    return fail(2, "--lang: \"" + opt.language + "\" is not an enabled language of this terminal");

  ui::ShellOptions so;
  so.started = started;
  so.fullscreen = !opt.windowed;
  if (opt.windowed) std::tie(so.width, so.height) = *opt.windowed;
  so.language = opt.language;
  so.screen = screen;
  so.exit_after_frames = opt.exit_after_frames;
  if (!opt.today.empty()) so.today = text::parse_date(opt.today);
  if (!opt.now.empty()) {
    const text::Date d = *text::parse_date(opt.now.substr(0, 10));
    if (!so.today) so.today = d;
    const std::chrono::year_month_day ymd{std::chrono::year{d.year}, std::chrono::month{static_cast<unsigned>(d.month)},
                                          std::chrono::day{static_cast<unsigned>(d.day)}};
    so.now = core::LocalTime{std::chrono::sys_days{ymd},
                             std::stoi(opt.now.substr(11, 2)) * 60 + std::stoi(opt.now.substr(14, 2))};
  }
  so.resources = res;
  so.screenshot_dir = opt.screenshot_dir;
  so.draw_every_frame = !opt.draw_only_screenshots && !opt.screenshot;
  so.full_redraw = opt.full_redraw;
  so.screenshot_from_window = opt.screenshot_from_window;
  if (opt.replay) {
    std::ifstream in(*opt.replay, std::ios::binary);
    if (!in) return fail(2, opt.replay->string() + ": cannot be read");
    std::stringstream ss;
    ss << in.rdbuf();
    try {
      so.replay = ui::parse_replay(ss.str(), opt.replay->string());
    } catch (const ui::ReplayError& e) {
      return fail(2, e.what());
    }
  } else if (opt.screenshot) {
    using K = ui::ReplayStep::Kind;
    so.replay =
        std::vector<ui::ReplayStep>{{K::frames, "", "", 3, 0, "frames 3"},
                                    {K::screenshot, opt.screenshot->filename().string(), "", 0, 0, "screenshot"}};
    so.screenshot_dir = opt.screenshot->has_parent_path() ? opt.screenshot->parent_path() : fs::path(".");
  }
  if (opt.check_only) {
    for (const auto& p : messages.check())
      core::log::warn("kiosk", "locale " + p.language + ": \"" + p.key + "\": " + p.what);
    // The files the terminal will need, as this user (run the check as the service's user).
    const auto problems = app::check_terminal(config);
    for (const auto& p : problems) core::log::error("check", p.file + ": " + p.what + "; fix: " + p.fix);
    if (!problems.empty()) return 2;
    std::cout << "configuration, locales and the terminal's files are valid\n";
    return 0;
  }

  // A typo in data_dir must not start an empty terminal in silence: the directory is made when
  // the terminal is set up (the package, install/run), never here; the database in it is.
  if (std::error_code ec; !fs::is_directory(config.data_dir, ec))
    return fail_database(
        config.data_dir.string() + ": the data directory (data_dir) does not exist; check the path in " +
        "the configuration or create it for the kiosk's user: install -d -m 0700 -o USER " + config.data_dir.string());
  try {
    const fs::path db_file = config.data_dir / "kiosk.db";
    // The UI thread's connection: it waits briefly for the worker's locks and, when a worker
    // runs, leaves the checkpoints to it (store.hpp Connection).
    core::Store store = core::Store::open(db_file, core::Connection::ui);
    if (opt.set_admin_pin) return app::set_admin_pin_command(store, std::cin, isatty(STDIN_FILENO) == 1, std::cerr);
    if (opt.verify_audit) return app::verify_audit_command(store, std::cout, std::cerr);
    // What staff changed on the admin overlay over the file's values (languages, timeouts, text).
    core::apply_settings(config, core::effective_settings(store.db(), config, languages.codes()));
    if (!opt.language.empty() &&
        std::find(config.languages.begin(), config.languages.end(), opt.language) == config.languages.end())
      return fail(2, "--lang: \"" + opt.language + "\" is not an enabled language of this terminal (staff settings)");
    // The sync worker wakes the shell when its status or the catalogs change; the shell exists
    // only after the worker, so the wake-up goes through this pointer.
    std::atomic<ui::Shell*> shell_ptr{nullptr};
    std::optional<sync::SyncWorker> worker;
    std::optional<app::SyncLinkAdapter> link;
    std::optional<sync::HubDesk> desk;
    std::optional<app::HubDeskAdapter> desk_link;
    if (config.hub) {
      sync::SyncOptions sync_options;
      sync_options.hub = *config.hub;
      sync_options.terminal_id = config.terminal_id;
      sync_options.lock_file = config.data_dir / "sync.lock";
      sync_options.app_version = WK_VERSION;
      worker.emplace(db_file, sync_options, [&shell_ptr] {
        if (ui::Shell* s = shell_ptr.load()) s->wake();
      });
      link.emplace(*worker);
      desk.emplace(sync_options, [&shell_ptr] {
        if (ui::Shell* s = shell_ptr.load()) s->wake();
      });
      desk_link.emplace(*desk);
      store.leave_checkpoints_to_others();
    }
    // Read-aloud: set up on its own thread; it wakes the shell to show the speaker button. Every
    // language of the table with a voice is offered to it (staff may enable more later).
    std::unique_ptr<speech::EspeakSpeaker> speaker;
    if (config.read_aloud || opt.speech_wav) {
      std::map<std::string, std::string, std::less<>> voices;
      for (const auto& l : languages.all())
        if (!l.voice.empty()) voices.emplace(l.code, l.voice);
      std::unique_ptr<speech::AudioSink> sink;
      if (opt.speech_wav)
        sink = std::make_unique<speech::WavSink>(*opt.speech_wav, true);
      else
        sink = std::make_unique<speech::AlsaSink>(config.audio_device);
      speaker = std::make_unique<speech::EspeakSpeaker>(std::move(voices), std::move(sink), [&shell_ptr] {
        if (ui::Shell* s = shell_ptr.load()) s->wake();
      });
    }
    // Under systemd: ready once the first frame is on screen, a heartbeat from every turn of the
    // frame loop (a hung loop is killed and restarted after WatchdogSec).
    core::ServiceNotify notify = core::ServiceNotify::from_environment();
    if (notify.watchdog_interval().count() > 0)
      so.max_sleep_s = std::chrono::duration<double>(notify.watchdog_interval()).count() / 4;
    ui::Shell shell({config, store, languages, messages, link ? &*link : nullptr, desk_link ? &*desk_link : nullptr,
                     speaker.get(), [&notify, &config] { notify.ready("serving terminal " + config.terminal_id); },
                     [&notify] { notify.alive(std::chrono::steady_clock::now()); }},
                    so);
    // Declared after the shell, so destroyed before it on every way out (exceptions too): the
    // worker stops (a transfer in flight is cancelled; the outbox keeps what was not
    // acknowledged) before the shell it wakes goes away.
    struct StopWorker {
      std::optional<sync::SyncWorker>& worker;
      std::optional<sync::HubDesk>& desk;
      std::atomic<ui::Shell*>& shell;
      ~StopWorker() {
        if (worker) worker->stop();
        desk.reset();
        shell = nullptr;
      }
    } stop_worker{worker, desk, shell_ptr};
    shell_ptr = &shell;
    if (worker) worker->start();
    // Written readings (tests) start deterministically: the speaker button is there from the first
    // frame on.
    if (speaker && opt.speech_wav) speaker->wait_until_quiet();
    const int rc = shell.run();
    notify.stopping();
    if (rc == ui::kExitToMaintenance && notify.active()) mark_maintenance(config.data_dir);
    // Written readings are finished before the kiosk ends (played ones stop with it).
    if (speaker && opt.speech_wav) speaker->wait_until_quiet();
    return rc;
  } catch (const core::StoreError& e) {
    return fail_database(e.what());
  } catch (const std::exception& e) {
    return fail_database(std::string("local database: ") + e.what());
  }
}
