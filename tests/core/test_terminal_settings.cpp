// Staff settings over the configuration (kiosk/core/terminal_settings.hpp): every rule refuses
// with the setting named and nothing stored, a change is audited per setting, and a stored value
// that breaks the rules (the database edited by hand) falls back to the configuration's.
#include "kiosk/core/terminal_settings.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <functional>

#include "kiosk/core/audit_log.hpp"
#include "kiosk/core/time.hpp"
#include "tests/core/quiet_log.hpp"
#include "tests/support/scalar.hpp"
#include "tests/support/temp_dir.hpp"

using namespace wk::core;
using wk::test::scalar;

namespace {

const std::vector<std::string> kKnown{"de", "en", "ar", "uk"};

Config base() {
  Config c;
  c.terminal_id = "kiosk-01";
  c.languages = {"de", "en", "ar"};
  c.default_language = "de";
  return c;
}

}  // namespace

TEST_CASE("settings that break a rule are refused with the setting named, nothing stored", "[settings]") {
  test::QuietLog quiet;
  wk::test::TempDir dir;
  Store store = Store::open(dir / "kiosk.db");
  const TerminalSettings now = settings_of(base());
  const auto at = *from_iso8601("2026-12-07T09:00:00.000Z");
  struct Bad {
    std::function<void(TerminalSettings&)> edit;
    std::string key, reason;
  };
  const std::vector<Bad> bad{
      {[](TerminalSettings& s) { s.languages.clear(); }, "languages", "no_language"},
      {[](TerminalSettings& s) { s.languages.push_back("xx"); }, "languages", "unknown_language"},
      {[](TerminalSettings& s) { s.languages.push_back("de"); }, "languages", "unknown_language"},
      {[](TerminalSettings& s) {
         s.languages = {"en", "ar"};
       },
       "default_language", "default_not_enabled"},
      {[](TerminalSettings& s) { s.default_language = "uk"; }, "default_language", "default_not_enabled"},
      {[](TerminalSettings& s) { s.idle_timeout_s = 14; }, "idle_timeout_s", "idle_timeout"},
      {[](TerminalSettings& s) { s.idle_timeout_s = 3601; }, "idle_timeout_s", "idle_timeout"},
      {[](TerminalSettings& s) { s.idle_warning_s = 19; }, "idle_warning_s", "idle_warning"},
      {[](TerminalSettings& s) { s.ui_scale = 3.5; }, "ui_scale", "text_size"},
      {[](TerminalSettings& s) { s.ui_scale = std::nan(""); }, "ui_scale", "text_size"},
  };
  for (const auto& b : bad) {
    TerminalSettings next = now;
    b.edit(next);
    INFO(b.key << " " << b.reason);
    try {
      save_settings(store, now, next, kKnown, at);
      FAIL("accepted");
    } catch (const SettingsError& e) {
      CHECK(e.key() == b.key);
      CHECK(e.message_key() == b.reason);
    }
  }
  CHECK(scalar(store, "SELECT count(*) FROM settings") == 0);
  CHECK(scalar(store, "SELECT count(*) FROM audit_log") == 0);
  CHECK(effective_settings(store.db(), base(), kKnown) == now);
}

TEST_CASE("a change is stored, audited per setting, and in effect after a restart", "[settings]") {
  test::QuietLog quiet;
  wk::test::TempDir dir;
  const auto at = *from_iso8601("2026-12-07T09:00:00.000Z");
  TerminalSettings next = settings_of(base());
  next.languages = {"ar", "de", "uk"};
  next.default_language = "ar";
  next.ui_scale = 1.25;
  {
    Store store = Store::open(dir / "kiosk.db");
    const auto changed = save_settings(store, settings_of(base()), next, kKnown, at);
    CHECK(changed == std::vector<std::string>{"languages", "default_language", "ui_scale"});
    CHECK(save_settings(store, next, next, kKnown, at).empty());
    CHECK(scalar(store, "SELECT count(*) FROM audit_log WHERE action = 'setting_changed'") == 3);
  }
  Store store = Store::open(dir / "kiosk.db");
  CHECK(effective_settings(store.db(), base(), kKnown) == next);
  Config c = base();
  apply_settings(c, effective_settings(store.db(), c, kKnown));
  CHECK(c.default_language == "ar");
  CHECK(c.terminal_id == "kiosk-01");
}

TEST_CASE("stored settings edited by hand into nonsense give way to the configuration's", "[settings]") {
  test::QuietLog quiet;
  wk::test::TempDir dir;
  Store store = Store::open(dir / "kiosk.db");
  for (const char* stored :
       {"not json", "{}", R"({"languages": [], "default_language": "de", "idle_timeout_s": 90, "idle_warning_s": 30,
         "ui_scale": 1.0, "high_contrast": false})",
        R"({"languages": ["de"], "default_language": "de", "idle_timeout_s": "90", "idle_warning_s": 30,
         "ui_scale": 1.0, "high_contrast": false})"}) {
    store.db()
        .prepare("INSERT OR REPLACE INTO settings (key, value) VALUES ('staff.settings', ?1)")
        .bind(1, stored)
        .step();
    CHECK(effective_settings(store.db(), base(), kKnown) == settings_of(base()));
  }
}
