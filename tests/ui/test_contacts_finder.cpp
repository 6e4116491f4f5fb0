// The contacts finder as a feature, through the Controller (no window): its tile reads the
// directory afresh, typing on the keyboard searches as you type, topic tiles and "speaks my
// language" narrow, a result opens its page, nothing found points to the Welcome Center's desk,
// a bad terms file or an empty directory leave it working, and the session's end forgets all.
#include "kiosk/ui/features/contacts/contacts_finder.hpp"

#include "kiosk/core/catalog.hpp"
#include "kiosk/core/store.hpp"
#include "kiosk/core/usage_counts.hpp"
#include "kiosk/core/time.hpp"
#include "kiosk/ui/controller.hpp"
#include "kiosk/ui/idle_timer.hpp"
#include "kiosk/ui/session.hpp"
#include "tests/core/quiet_log.hpp"
#include "tests/support/paths.hpp"
#include "tests/support/scalar.hpp"
#include "tests/support/temp_dir.hpp"
#include "tests/ui/keyboard_typing.hpp"

#include <catch2/catch.hpp>

#include <map>

using namespace wk::ui;
using nlohmann::json;

namespace {

const wk::text::LanguageTable& languages() {
  static const auto t = wk::text::LanguageTable::load(wk::test::source_dir() / "locales" / "languages.json");
  return t;
}

struct Fixture {
  wk::core::test::QuietLog quiet;
  wk::core::test::TempDir dir;
  wk::core::Store store = wk::core::Store::open(dir / "kiosk.db");
  Session session;
  IdleTimer idle{60, 90};
  Controller controller{store, {"de", "ru"}, "de", session, idle};
  ContactsFinder finder;

  explicit Fixture(std::filesystem::path terms = wk::test::source_dir() / "assets" / "directory" / "terms.json",
                   bool with_directory = true)
      : finder(store, session, controller.form(), terms, [] {
          return wk::core::LocalTime{*wk::core::parse_calendar_date("2026-12-08"), 10 * 60};
        }) {
    controller.form().configure(&languages(), {"de", "ru"});
    controller.add_feature(finder);
    if (with_directory) {
      const json hours = json::array({{{"day", "tue"}, {"from", "09:00"}, {"to", "12:00"}}});
      wk::core::apply_catalog_delta(
          store.db(),
          {{"organisation", "o-wc", 1, false,
            json{{"name", {{"de", "Welcome Center Musterstadt"}}}, {"kind", "welcome_center"}, {"opening_hours", hours}}
                .dump()},
           {"organisation", "o-iq", 2, false,
            json{{"name", {{"de", "IQ Anerkennungsberatung"}}},
                 {"kind", "recognition_counselling"},
                 {"topics", {"recognition"}},
                 {"languages", {"de", "ru"}}}
                .dump()},
           {"contact_person", "p-1", 3, false,
            json{{"name", "Katrin Müller"}, {"organisation_id", "o-wc"}, {"languages", {"de"}}}.dump()}},
          "cursor-1");
    }
    controller.apply(ChooseLanguage{"de"}, 0);
  }
  void apply(const Intent& i) { controller.apply(i, 0); }
  void type(const std::string& field, std::string_view text) {
    apply(Focus{field});
    REQUIRE(session.focus == field);
    test::type_on_keyboard(
        session, [this](const Intent& i) { apply(i); }, text);
  }
  std::vector<std::string> hit_ids() const {
    std::vector<std::string> out;
    const auto& d = finder.search()->directory();
    for (const FinderHit& h : finder.hits())
      out.push_back(h.person ? d.persons[h.index].id : d.organisations[h.index].id);
    return out;
  }
};

}  // namespace

TEST_CASE("The finder's tile opens it with the directory read, and typing searches as you type", "[finder]") {
  Fixture fx;
  REQUIRE(fx.finder.home_tile());
  fx.apply(fx.finder.home_tile()->intent);
  CHECK(fx.session.top() == ContactsScreen::find);
  REQUIRE(fx.finder.search());
  CHECK_FALSE(fx.finder.asking());
  fx.type("finder.search", "mül");
  CHECK(fx.finder.asking());
  CHECK(fx.hit_ids() == std::vector<std::string>{"p-1"});
  test::type_on_keyboard(
      fx.session, [&](const Intent& i) { fx.apply(i); }, "x");
  CHECK(fx.hit_ids().empty());
  CHECK(fx.finder.desk() != nullptr);
  CHECK(fx.finder.desk()->id == "o-wc");
}

TEST_CASE("Topic tiles and 'speaks my language' narrow, and a result opens its page", "[finder]") {
  Fixture fx;
  fx.apply(StartFinder{});
  fx.apply(SwitchLanguage{"ru"});
  fx.apply(ChooseTopic{"recognition"});
  CHECK(fx.finder.topic() == "recognition");
  CHECK(fx.hit_ids() == std::vector<std::string>{"o-iq"});
  fx.apply(ToggleMyLanguage{});
  CHECK(fx.hit_ids() == std::vector<std::string>{"o-iq"});
  fx.apply(ChooseTopic{"residence"});
  CHECK(fx.hit_ids().empty());         // nobody there speaks Russian
  fx.apply(ChooseTopic{"residence"});  // again: cleared
  CHECK(fx.finder.topic().empty());
  fx.apply(ChooseTopic{"no-such-topic"});
  CHECK(fx.finder.topic().empty());
  fx.apply(ChooseTopic{"recognition"});
  // Each chosen topic is counted, by its code only; the one that found nobody as well.
  std::map<std::string, std::int64_t> counted;
  for (const auto& row : wk::core::usage_rows(fx.store.db())) counted[row.metric + "/" + row.key] = row.count;
  CHECK(counted["searches/recognition"] == 2);
  CHECK(counted["searches/residence"] == 1);
  CHECK(counted["searches_empty/residence"] == 1);
  CHECK(counted["searches_empty/recognition"] == 0);
  fx.apply(ShowContact{false, "o-iq"});
  CHECK(fx.session.top() == ContactsScreen::detail);
  REQUIRE(fx.finder.shown_organisation());
  CHECK(fx.finder.shown_organisation()->id == "o-iq");
  fx.apply(Back{});
  fx.apply(ShowContact{true, "p-unknown"});  // a stale id opens nothing
  CHECK(fx.session.top() == ContactsScreen::find);
}

TEST_CASE("A postal code must have 5 digits", "[finder]") {
  Fixture fx;
  fx.apply(StartFinder{});
  fx.type("finder.postal_code", "123");
  fx.apply(PressKey{test::key_doing(fx.session, KeyAction::done)->id});
  CHECK(fx.finder.form().error("finder.postal_code") == "finder.postal_code.invalid");
  fx.type("finder.postal_code", "45");
  fx.apply(PressKey{test::key_doing(fx.session, KeyAction::done)->id});
  CHECK(fx.finder.form().error("finder.postal_code").empty());
  CHECK(fx.finder.form().value("finder.postal_code") == "12345");
}

TEST_CASE("The end of the session forgets the search", "[finder]") {
  Fixture fx;
  fx.apply(StartFinder{});
  fx.type("finder.search", "iq");
  fx.apply(ChooseTopic{"recognition"});
  fx.apply(EndSession{});
  CHECK(fx.finder.form().value("finder.search").empty());
  CHECK(fx.finder.topic().empty());
  CHECK(fx.finder.hits().empty());
  CHECK(fx.finder.search() == nullptr);
}

TEST_CASE("A bad terms file or an empty directory leave the finder working", "[finder]") {
  Fixture fx(wk::test::source_dir() / "no-such-terms.json", false);
  fx.apply(StartFinder{});
  CHECK(fx.session.top() == ContactsScreen::find);
  CHECK(fx.finder.terms().topics.size() == wk::core::kTopics.size());  // the tiles still show
  fx.type("finder.search", "visum");
  CHECK(fx.finder.hits().empty());
  CHECK(fx.finder.desk() == nullptr);  // the screen then names this terminal's own desk
}

TEST_CASE("The search index stays for the next newcomer until the directory changes", "[finder]") {
  Fixture fx;
  fx.apply(StartFinder{});
  const DirectorySearch* first = fx.finder.search();
  REQUIRE(first);
  fx.apply(EndSession{});
  fx.apply(ChooseLanguage{"de"});
  fx.apply(StartFinder{});
  CHECK(fx.finder.search() == first);  // the same index, not built again
  CHECK(fx.finder.form().value("finder.search").empty());
  fx.apply(EndSession{});
  wk::core::apply_catalog_delta(
      fx.store.db(),
      {{"contact_person", "p-2", 4, false, json{{"name", "Olena Kowalska"}, {"organisation_id", "o-wc"}}.dump()}},
      "cursor-2");
  fx.apply(ChooseLanguage{"de"});
  fx.apply(StartFinder{});
  fx.type("finder.search", "kowal");
  CHECK(fx.hit_ids() == std::vector<std::string>{"p-2"});  // built afresh with the pulled person
}

TEST_CASE("Ask for a call back: what is missing is marked, a request is stored once with one outbox change",
          "[finder][callback]") {
  Fixture fx;
  fx.apply(fx.finder.home_tile()->intent);
  fx.apply(FeatureIntent{ChooseTopic{"recognition"}});
  fx.apply(FeatureIntent{ShowContact{false, "o-iq"}});
  fx.apply(FeatureIntent{AskCallback{}});
  CHECK(fx.session.top() == ContactsScreen::callback);
  // The finder's topic, and only the organisation's own topics to choose from.
  CHECK(fx.finder.callback_topic() == "recognition");
  CHECK(fx.finder.callback_topics() == std::vector<std::string>{"recognition"});
  fx.apply(FeatureIntent{ChooseCallbackTopic{"astrology"}});
  CHECK(fx.finder.callback_topic() == "recognition");
  // Nothing given: the name is required, and a way to reach them.
  fx.apply(FeatureIntent{SendCallback{}});
  CHECK_FALSE(fx.finder.callback_sent());
  CHECK(fx.finder.form().errors.at("callback.name") == "field.required");
  fx.type("callback.name", "Reza Ahmadi");
  fx.apply(FeatureIntent{SendCallback{}});
  CHECK(fx.finder.form().errors.at("callback.phone") == "callback.need_contact");
  fx.type("callback.phone", "0151");
  fx.apply(FeatureIntent{SendCallback{}});
  CHECK(fx.finder.form().errors.at("callback.phone") == "phone.invalid");
  CHECK(wk::test::scalar(fx.store.db(), "SELECT count(*) FROM callbacks") == 0);
  fx.apply(Focus{"callback.phone"});
  for (int i = 0; i < 4; ++i) fx.apply(PressKey{"key.backspace"});
  fx.type("callback.phone", "015112345678");
  fx.apply(FeatureIntent{SendCallback{}});
  CHECK(fx.finder.callback_sent());
  CHECK(fx.finder.form().value("callback.phone").empty());  // wiped once stored
  CHECK(wk::test::scalar(fx.store.db(),
                         "SELECT count(*) FROM callbacks WHERE organisation_id = 'o-iq' AND topic = "
                         "'recognition' AND phone = '+4915112345678' AND language = 'de'") == 1);
  CHECK(wk::test::scalar(fx.store.db(), "SELECT count(*) FROM outbox WHERE entity = 'callback'") == 1);
  // A second tap on Send stores nothing more.
  fx.apply(FeatureIntent{SendCallback{}});
  CHECK(wk::test::scalar(fx.store.db(), "SELECT count(*) FROM callbacks") == 1);
}

TEST_CASE("Ask for a call back after registering: the registration's contact way, no fields asked",
          "[finder][callback]") {
  Fixture fx;
  fx.session.registration_code = "K7QM-4XRT-X";
  fx.apply(fx.finder.home_tile()->intent);
  fx.apply(FeatureIntent{ShowContact{true, "p-1"}});
  fx.apply(FeatureIntent{AskCallback{}});
  // The person has no topics of their own, nor does their organisation: every topic is offered.
  CHECK(fx.finder.callback_topics().size() == 9);
  fx.apply(FeatureIntent{ChooseCallbackTopic{"housing"}});
  fx.apply(FeatureIntent{SendCallback{}});
  CHECK(fx.finder.callback_sent());
  CHECK(wk::test::scalar(fx.store.db(),
                         "SELECT count(*) FROM callbacks WHERE person_id = 'p-1' AND organisation_id = "
                         "'o-wc' AND registration_code = 'K7QM-4XRT-X' AND name IS NULL AND topic = "
                         "'housing'") == 1);
  fx.apply(EndSession{});
  CHECK_FALSE(fx.finder.callback_sent());
  CHECK(fx.finder.callback_topic().empty());
}

TEST_CASE("The town instead of a postal code: the region's towns, one at a time, ranking who serves it first",
          "[finder]") {
  Fixture fx;
  wk::core::apply_catalog_delta(fx.store.db(),
                                {{"organisation", "o-mbe", 4, false,
                                  json{{"name", {{"de", "Migrationsberatung Nordheim"}}},
                                       {"kind", "migration_counselling"},
                                       {"topics", {"counselling"}},
                                       {"municipalities", {"Nordheim"}}}
                                      .dump()},
                                 {"organisation", "o-jmd", 5, false,
                                  json{{"name", {{"de", "Jugendmigrationsdienst"}}},
                                       {"kind", "youth_migration_service"},
                                       {"topics", {"counselling"}},
                                       {"municipalities", {"Südhausen"}}}
                                      .dump()}},
                                "cursor-2");
  fx.apply(fx.finder.home_tile()->intent);
  CHECK(fx.finder.municipalities() == std::vector<std::string>{"Nordheim", "Südhausen"});
  fx.apply(FeatureIntent{ChooseTopic{"counselling"}});
  fx.apply(FeatureIntent{ChooseMunicipality{"Südhausen"}});
  CHECK(fx.finder.municipality() == "Südhausen");
  REQUIRE_FALSE(fx.hit_ids().empty());
  CHECK(fx.hit_ids().front() == "o-jmd");
  CHECK(fx.finder.hits().front().in_area);
  fx.apply(FeatureIntent{ChooseMunicipality{"Nordheim"}});
  CHECK(fx.hit_ids().front() == "o-mbe");
  // A town the directory does not name, or the chosen one again: none.
  fx.apply(FeatureIntent{ChooseMunicipality{"Atlantis"}});
  CHECK(fx.finder.municipality().empty());
  fx.apply(FeatureIntent{ChooseMunicipality{"Nordheim"}});
  fx.apply(FeatureIntent{ChooseMunicipality{"Nordheim"}});
  CHECK(fx.finder.municipality().empty());
  fx.apply(FeatureIntent{ChooseMunicipality{"Nordheim"}});
  fx.apply(EndSession{});
  CHECK(fx.finder.municipality().empty());
}
