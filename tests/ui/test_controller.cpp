// Tests for kiosk/ui/controller and kiosk/ui/session against a real store in
// a temporary directory: starting, switching and ending visits, navigation,
// the idle wipe, and what happens when the store fails (navigation goes on,
// a localized banner is set, nothing is half-written).
#include "kiosk/ui/controller.hpp"

#include "kiosk/core/log.hpp"
#include "kiosk/core/store.hpp"
#include "kiosk/ui/idle_timer.hpp"
#include "kiosk/ui/session.hpp"

#include "../core/quiet_log.hpp"
#include "../support/temp_dir.hpp"

#include "tests/support/scalar.hpp"

#include <catch2/catch.hpp>

#include <mutex>
#include <string>
#include <vector>

using namespace wk::ui;
using wk::core::Store;
using wk::core::test::QuietLog;
namespace wlog = wk::core::log;

namespace {

using wk::test::scalar;
std::int64_t visit_rows(Store& s) {
  return scalar(s, "SELECT count(*) FROM visits");
}
std::int64_t outbox_rows(Store& s) {
  return scalar(s, "SELECT count(*) FROM outbox");
}

struct VisitRow {
  std::string id, language, end_reason;
  bool ended = false;
};
VisitRow only_visit(Store& s) {
  REQUIRE(visit_rows(s) == 1);
  auto st = s.db().prepare("SELECT id, language, ended_at, end_reason FROM visits");
  REQUIRE(st.step());
  return {st.column_text(0), st.column_text(1), st.column_text(3), !st.column_is_null(2)};
}

// A store, a session on the welcome screen, and the controller over them.
struct Fixture {
  QuietLog log;
  wk::core::test::TempDir dir;
  Store store = Store::open(dir / "kiosk.db");
  Session session;
  IdleTimer idle{10, 20};
  Controller controller{store, {"de", "en", "ar"}, "de", session, idle};
  int wipes = 0;

  Fixture() {
    session.language = "de";
    controller.on_wipe = [this] { ++wipes; };
  }
};

using Stack = std::vector<ScreenId>;

}  // namespace

TEST_CASE("ChooseLanguage starts a visit and opens home", "[controller]") {
  Fixture f;
  f.controller.apply(ChooseLanguage{"ar"}, 0);
  CHECK(f.session.language == "ar");
  CHECK(f.session.stack == Stack{ScreenId::home});
  CHECK(f.session.active());
  CHECK(f.session.top() == ScreenId::home);
  CHECK(f.session.error_key.empty());
  CHECK(visit_rows(f.store) == 1);
  CHECK(outbox_rows(f.store) == 1);
  const VisitRow v = only_visit(f.store);
  CHECK(v.id == f.session.visit_id);
  CHECK(v.language == "ar");
  CHECK_FALSE(v.ended);
  CHECK(f.wipes == 0);
}

TEST_CASE("ChooseLanguage of a language that is not enabled is ignored", "[controller]") {
  Fixture f;
  f.controller.apply(ChooseLanguage{"fr"}, 0);
  f.controller.apply(ChooseLanguage{""}, 0);
  CHECK(f.session.language == "de");
  CHECK(f.session.stack.empty());
  CHECK(f.session.top() == ScreenId::welcome);
  CHECK(f.session.visit_id.empty());
  CHECK(visit_rows(f.store) == 0);
  CHECK(outbox_rows(f.store) == 0);
}

TEST_CASE("SwitchLanguage updates the visit and pops the languages screen", "[controller]") {
  Fixture f;
  f.controller.apply(ChooseLanguage{"en"}, 0);
  f.controller.apply(Open{ScreenId::languages}, 1);
  REQUIRE(f.session.stack == Stack{ScreenId::home, ScreenId::languages});

  f.controller.apply(SwitchLanguage{"ar"}, 2);
  CHECK(f.session.language == "ar");
  CHECK(f.session.stack == Stack{ScreenId::home});
  CHECK(only_visit(f.store).language == "ar");
  CHECK(outbox_rows(f.store) == 2);

  // Not enabled: nothing changes.
  f.controller.apply(SwitchLanguage{"fr"}, 3);
  CHECK(f.session.language == "ar");
  CHECK(only_visit(f.store).language == "ar");
  CHECK(outbox_rows(f.store) == 2);

  // The same language again writes nothing; from another screen the stack stays.
  f.controller.apply(Open{ScreenId::about}, 4);
  f.controller.apply(SwitchLanguage{"ar"}, 5);
  CHECK(f.session.stack == Stack{ScreenId::home, ScreenId::about});
  CHECK(outbox_rows(f.store) == 2);
  CHECK(f.session.error_key.empty());
}

TEST_CASE("Open, Back and GoHome navigate the stack", "[controller]") {
  Fixture f;
  // GoHome and Open on the welcome screen without a session.
  f.controller.apply(GoHome{}, 0);
  CHECK(f.session.stack.empty());

  f.controller.apply(ChooseLanguage{"de"}, 0);
  f.controller.apply(Open{ScreenId::about}, 1);
  CHECK(f.session.stack == Stack{ScreenId::home, ScreenId::about});
  f.controller.apply(Open{ScreenId::about}, 2);  // no duplicate
  CHECK(f.session.stack == Stack{ScreenId::home, ScreenId::about});
  f.controller.apply(Open{ScreenId::welcome}, 3);  // never pushed
  CHECK(f.session.stack == Stack{ScreenId::home, ScreenId::about});
  f.controller.apply(Back{}, 4);
  CHECK(f.session.stack == Stack{ScreenId::home});
  f.controller.apply(Open{ScreenId::languages}, 5);
  f.controller.apply(Open{ScreenId::about}, 6);
  CHECK(f.session.stack == Stack{ScreenId::home, ScreenId::languages, ScreenId::about});
  CHECK(f.session.top() == ScreenId::about);
  f.controller.apply(GoHome{}, 7);
  CHECK(f.session.stack == Stack{ScreenId::home});
  CHECK(f.wipes == 0);
  CHECK_FALSE(only_visit(f.store).ended);
}

TEST_CASE("Back on home ends the session as finished", "[controller]") {
  Fixture f;
  f.controller.apply(ChooseLanguage{"ar"}, 0);
  const std::string id = f.session.visit_id;
  f.controller.apply(Back{}, 1);
  const VisitRow v = only_visit(f.store);
  CHECK(v.id == id);
  CHECK(v.ended);
  CHECK(v.end_reason == "finished");
  CHECK(outbox_rows(f.store) == 2);
  CHECK(f.session.stack.empty());
  CHECK(f.session.top() == ScreenId::welcome);
  CHECK(f.session.language == "de");
  CHECK(f.session.visit_id.empty());
  CHECK(f.wipes == 1);
}

TEST_CASE("EndSession ends the session as finished from any screen", "[controller]") {
  Fixture f;
  f.controller.apply(ChooseLanguage{"en"}, 0);
  f.controller.apply(Open{ScreenId::about}, 1);
  f.controller.apply(EndSession{}, 2);
  CHECK(only_visit(f.store).end_reason == "finished");
  CHECK(f.session.stack.empty());
  CHECK(f.session.language == "de");
  CHECK(f.wipes == 1);
}

TEST_CASE("check_idle ends an inactive session as idle and wipes it", "[controller][idle]") {
  Fixture f;
  f.controller.apply(ChooseLanguage{"ar"}, 0);
  f.controller.apply(Open{ScreenId::about}, 0);
  CHECK_FALSE(f.controller.check_idle(9));
  CHECK_FALSE(f.controller.check_idle(25));  // warning, not yet expired
  CHECK(f.session.active());
  CHECK(f.wipes == 0);

  CHECK(f.controller.check_idle(31));
  const VisitRow v = only_visit(f.store);
  CHECK(v.ended);
  CHECK(v.end_reason == "idle");
  CHECK(outbox_rows(f.store) == 2);
  CHECK(f.wipes == 1);
  CHECK(f.session.stack.empty());
  CHECK(f.session.language == "de");
  CHECK(f.session.visit_id.empty());
  CHECK(f.session.error_key.empty());
  // The timer starts over; nothing more to wipe on the welcome screen.
  CHECK(f.idle.phase(31) == IdleTimer::Phase::active);
  CHECK_FALSE(f.controller.check_idle(1000));
  CHECK(f.wipes == 1);
}

TEST_CASE("Any intent keeps the session alive", "[controller][idle]") {
  Fixture f;
  f.controller.apply(ChooseLanguage{"en"}, 0);
  CHECK_FALSE(f.controller.check_idle(25));
  f.controller.apply(StayActive{}, 25);  // the warning was answered
  CHECK_FALSE(f.controller.check_idle(31));
  CHECK_FALSE(f.controller.check_idle(54.9));
  CHECK(f.session.active());
  CHECK(f.controller.check_idle(55));
  CHECK(only_visit(f.store).end_reason == "idle");
}

TEST_CASE("The welcome screen never expires", "[controller][idle]") {
  Fixture f;
  CHECK_FALSE(f.controller.check_idle(100));
  CHECK_FALSE(f.controller.check_idle(1000));
  CHECK(f.wipes == 0);
  // ...and a session started late gets the full timeout.
  f.controller.apply(ChooseLanguage{"de"}, 1000);
  CHECK_FALSE(f.controller.check_idle(1029));
  CHECK(f.controller.check_idle(1030));
}

TEST_CASE("Session::wipe zeroes its strings and returns to the welcome screen", "[session]") {
  Session s;
  s.language = "zh-Hans-CN-x-a-long-language-tag";
  s.visit_id = "0190f5a2-7b3c-7d4e-8f00-123456789abc";
  s.error_key = "error.storage.with.a.long.key.name";
  s.stack = {ScreenId::home, ScreenId::about};

  const std::size_t id_len = s.visit_id.size(), key_len = s.error_key.size(), lang_len = s.language.size();
  const char* id_buf = s.visit_id.data();
  const char* key_buf = s.error_key.data();
  const char* lang_buf = s.language.data();

  s.wipe("en");
  CHECK(s.language == "en");
  CHECK(s.visit_id.empty());
  CHECK(s.error_key.empty());
  CHECK(s.stack.empty());
  CHECK(s.top() == ScreenId::welcome);
  CHECK_FALSE(s.active());

  // clear() keeps the heap buffers: the old characters must be zeros now.
  REQUIRE(s.visit_id.data() == id_buf);
  for (std::size_t i = 0; i < id_len; ++i) CHECK(id_buf[i] == 0);
  REQUIRE(s.error_key.data() == key_buf);
  for (std::size_t i = 0; i < key_len; ++i) CHECK(key_buf[i] == 0);
  if (s.language.data() == lang_buf) {  // "en" was written into the old buffer
    for (std::size_t i = 3; i < lang_len; ++i) CHECK(lang_buf[i] == 0);
  }
}

TEST_CASE("secure_clear zeroes and empties a string", "[session]") {
  std::string s(100, 'x');
  const char* buf = s.data();
  secure_clear(s);
  CHECK(s.empty());
  REQUIRE(s.data() == buf);
  for (std::size_t i = 0; i < 100; ++i) CHECK(buf[i] == 0);
  std::string empty;
  secure_clear(empty);
  CHECK(empty.empty());
}

TEST_CASE("A failing store: ChooseLanguage still navigates, sets error.storage, writes nothing",
          "[controller][storage]") {
  Fixture f;
  f.store.db().exec(
      "CREATE TEMP TRIGGER wk_test_fail_insert BEFORE INSERT ON visits "
      "BEGIN SELECT RAISE(ABORT, 'injected failure'); END");
  f.controller.apply(ChooseLanguage{"ar"}, 0);
  CHECK(f.session.stack == Stack{ScreenId::home});
  CHECK(f.session.language == "ar");
  CHECK(f.session.error_key == "error.storage");
  CHECK(f.session.visit_id.empty());
  CHECK(visit_rows(f.store) == 0);
  CHECK(outbox_rows(f.store) == 0);
  CHECK_FALSE(f.store.db().in_transaction());
  CHECK(f.log.errors >= 1);

  // Without a visit, switching language and ending write nothing and still work.
  f.controller.apply(Open{ScreenId::languages}, 1);
  f.controller.apply(SwitchLanguage{"en"}, 2);
  CHECK(f.session.language == "en");
  CHECK(f.session.stack == Stack{ScreenId::home});
  f.controller.apply(Back{}, 3);
  CHECK(f.session.stack.empty());
  CHECK(f.session.error_key.empty());  // the banner goes with the session
  CHECK(f.wipes == 1);
  CHECK(visit_rows(f.store) == 0);
  CHECK(outbox_rows(f.store) == 0);
}

TEST_CASE("A failing store: SwitchLanguage and ending keep the row and outbox consistent", "[controller][storage]") {
  Fixture f;
  f.controller.apply(ChooseLanguage{"de"}, 0);
  REQUIRE(visit_rows(f.store) == 1);
  REQUIRE(outbox_rows(f.store) == 1);
  f.store.db().exec(
      "CREATE TEMP TRIGGER wk_test_fail_update BEFORE UPDATE ON visits "
      "BEGIN SELECT RAISE(ABORT, 'injected failure'); END");

  f.controller.apply(SwitchLanguage{"ar"}, 1);
  CHECK(f.session.language == "ar");  // the screen still changes language
  CHECK(f.session.error_key == "error.storage");
  CHECK(only_visit(f.store).language == "de");
  CHECK(outbox_rows(f.store) == 1);

  f.controller.apply(Back{}, 2);  // ending fails too, but the session is wiped
  CHECK(f.session.stack.empty());
  CHECK(f.session.visit_id.empty());
  CHECK(f.session.language == "de");
  CHECK(f.wipes == 1);
  CHECK_FALSE(only_visit(f.store).ended);
  CHECK(outbox_rows(f.store) == 1);
  CHECK_FALSE(f.store.db().in_transaction());
}

TEST_CASE("The display toggles change the session only, from the welcome screen on, until the wipe",
          "[controller][seeing]") {
  Fixture f;
  using W = ToggleSeeing::What;
  // Chosen on the welcome screen, before any language: no visit starts.
  f.controller.apply(ToggleSeeing{W::large_text}, 0);
  f.controller.apply(ToggleSeeing{W::high_contrast}, 0);
  CHECK(f.session.large_text);
  CHECK(f.session.high_contrast);
  CHECK_FALSE(f.session.active());
  CHECK(outbox_rows(f.store) == 0);
  // They carry into the session.
  f.controller.apply(ChooseLanguage{"ar"}, 1);
  CHECK(f.session.large_text);
  CHECK(f.session.high_contrast);
  // A second tap turns one off.
  f.controller.apply(Open{ScreenId::seeing}, 2);
  f.controller.apply(ToggleSeeing{W::large_text}, 3);
  CHECK_FALSE(f.session.large_text);
  CHECK(f.session.high_contrast);
  CHECK(f.session.top() == ScreenId::seeing);
  // The idle wipe gives the next person the normal display.
  CHECK(f.controller.check_idle(40));
  CHECK_FALSE(f.session.large_text);
  CHECK_FALSE(f.session.high_contrast);
}

TEST_CASE("ReadAloud: the screen in a session, the welcome prompt before one", "[controller]") {
  Fixture f;
  // Before a session only the welcome prompt's speaker reads, in the prompt's language.
  Effects e = f.controller.apply(ReadAloud{}, 0);
  CHECK_FALSE(e.read_aloud);
  e = f.controller.apply(ReadAloud{"ar", "انقر على لغتك"}, 0);
  CHECK(e.read_aloud);
  CHECK(e.read_language == "ar");
  CHECK(e.read_text == "انقر على لغتك");
  CHECK(visit_rows(f.store) == 0);  // reading starts no visit
  // In a session the speaker reads the screen in the session language, never another text.
  f.controller.apply(ChooseLanguage{"en"}, 1);
  e = f.controller.apply(ReadAloud{}, 2);
  CHECK(e.read_aloud);
  CHECK(e.read_language.empty());
  e = f.controller.apply(ReadAloud{"ar", "انقر على لغتك"}, 3);
  CHECK(e.read_aloud);
  CHECK(e.read_language.empty());
}
