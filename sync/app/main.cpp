// welcome-sync: one sync run of a terminal, for the nightly systemd service and for staff.
// Exit codes say what a timer or a person should do next (see kUsage).
#include "kiosk/core/catalog.hpp"
#include "kiosk/core/config.hpp"
#include "kiosk/core/log.hpp"
#include "kiosk/core/outbox.hpp"
#include "kiosk/core/resource_dir.hpp"
#include "kiosk/core/store.hpp"
#include "kiosk/core/sync_state.hpp"
#include "kiosk/text/languages.hpp"
#include "kiosk/text/text_error.hpp"
#include "sync/app/cli.hpp"
#include "sync/engine/sync_run.hpp"

#include <cstdlib>
#include <iostream>

#ifndef WK_VERSION
#define WK_VERSION "0"
#endif

namespace {

namespace fs = std::filesystem;
using namespace wk;

constexpr int kExitError = 1;
constexpr int kExitUsage = 2;
constexpr int kExitDatabase = 4;
constexpr int kExitTryLater = 75;      // EX_TEMPFAIL
constexpr int kExitUnauthorized = 77;  // EX_NOPERM

int fail(int code, const std::string& what) {
  if (code == kExitDatabase)
    core::log::event(core::log::Level::error, core::log::Event::database_refused, "welcome-sync", what);
  else
    core::log::error("welcome-sync", what);
  return code;
}

int exit_code(sync::SyncOutcome o) {
  switch (o) {
    case sync::SyncOutcome::done:
      return 0;
    case sync::SyncOutcome::unreachable:
    case sync::SyncOutcome::busy:
      return kExitTryLater;
    case sync::SyncOutcome::unauthorized:
      return kExitUnauthorized;
    case sync::SyncOutcome::error:
      return kExitError;
  }
  return kExitError;
}

void print_status(core::Store& store) {
  core::Database& db = store.db();
  const core::SyncState s = core::load_sync_state(db);
  const auto or_never = [](const std::string& t) { return t.empty() ? std::string("never") : t; };
  std::cout << "last attempt:    " << or_never(s.last_attempt_at) << "\n"
            << "last success:    " << or_never(s.last_success_at) << "\n"
            << "pending changes: " << core::pending_count(db) << "\n"
            << "dead letters:    " << core::dead_letter_count(db) << "\n"
            << "catalogs:        " << core::catalog_count(db, "course") << " courses, "
            << core::catalog_count(db, "organisation") << " organisations, "
            << core::catalog_count(db, "contact_person") << " contact persons, " << core::catalog_count(db, "text")
            << " texts\n";
  if (!s.auth_refused_at.empty()) std::cout << "token refused:   " << s.auth_refused_at << "\n";
  if (!s.last_error.empty()) std::cout << "last error:      " << s.last_error << "\n";
  for (const core::DeadLetter& d : core::dead_letters(db)) {
    std::cout << "dead letter:     " << d.change_id << " " << d.entity << " " << d.op << " at " << d.rejected_at << ": "
              << d.reason << "\n";
  }
}

}  // namespace

int main(int argc, char** argv) {
  sync_app::CliOptions opt;
  try {
    opt = sync_app::parse_cli(std::vector<std::string>(argv + 1, argv + argc));
  } catch (const sync_app::CliError& e) {
    std::cerr << "welcome-sync: " << e.what() << "\nTry 'welcome-sync --help'.\n";
    return kExitUsage;
  }
  if (opt.help) {
    std::cout << sync_app::kUsage;
    return 0;
  }
  if (opt.version) {
    std::cout << "welcome-sync " << WK_VERSION << "\n";
    return 0;
  }

  const fs::path res = core::resource_dir(opt.resources);
  core::Config config;
  try {
    const auto languages = text::LanguageTable::load(res / "locales" / "languages.json");
    config = core::load_config(opt.config.value_or(core::default_config_file(opt.resources)), languages.codes());
  } catch (const text::TextDataError& e) {
    return fail(kExitUsage, e.what());
  } catch (const core::ConfigError& e) {
    return fail(kExitUsage, e.what());
  }
  core::log::set_level(core::log::parse_level(config.log_level));
  if (opt.data_dir) {
    // The default token file follows the data directory it lives in.
    if (config.hub && config.hub->token_file == config.data_dir / "hub-token") {
      config.hub->token_file = *opt.data_dir / "hub-token";
    }
    config.data_dir = *opt.data_dir;
  }

  // Never a new, empty terminal database in a mistyped directory (see welcome-kiosk).
  if (std::error_code ec; !fs::is_directory(config.data_dir, ec))
    return fail(kExitDatabase, config.data_dir.string() +
                                   ": the data directory (data_dir) does not exist; check the path in the "
                                   "configuration or create it for the kiosk's user: install -d -m 0700 -o USER " +
                                   config.data_dir.string());
  try {
    core::Store store = core::Store::open(config.data_dir / "kiosk.db");
    if (opt.status) {
      print_status(store);
      return 0;
    }
    if (!config.hub) {
      return fail(kExitUsage, "the configuration has no \"hub\" section: this terminal does not sync");
    }
    sync::SyncOptions so;
    so.hub = *config.hub;
    so.terminal_id = config.terminal_id;
    so.lock_file = config.data_dir / "sync.lock";
    so.app_version = WK_VERSION;
    so.lock_wait = std::chrono::seconds(opt.wait_lock_s);
    const sync::SyncReport r = sync::run_sync(store, so);
    std::cout << "sync " << sync::to_string(r.outcome) << ": pushed " << r.push.applied << " applied, "
              << r.push.duplicates << " duplicate, " << r.push.rejected << " rejected; pulled " << r.pull.items
              << " catalog item(s); " << r.pending << " pending, " << r.dead_letters << " dead letter(s); deleted "
              << r.purge.registrations << " registration(s) past retention\n";
    if (r.outcome != sync::SyncOutcome::done) std::cerr << "welcome-sync: " << r.message << "\n";
    return exit_code(r.outcome);
  } catch (const core::StoreError& e) {
    return fail(kExitDatabase, e.what());
  } catch (const std::exception& e) {
    return fail(kExitDatabase, std::string("local database: ") + e.what());
  }
}
