// The directory as the terminal reads it (kiosk/core/directory.hpp): every field, defensive
// parsing of untrusted catalog data, the areas a service covers, and the demo directory.
#include "kiosk/core/catalog.hpp"
#include "kiosk/core/directory.hpp"
#include "kiosk/core/store.hpp"
#include "kiosk/core/time.hpp"
#include "tests/core/quiet_log.hpp"
#include "tests/support/temp_dir.hpp"

#include <catch2/catch.hpp>

using nlohmann::json;
using namespace wk::core;

TEST_CASE("An organisation is read with every field the catalog defines", "[directory]") {
  const json d = json::parse(R"({"name": {"de": "IQ Beratung", "en": "IQ counselling"},
      "kind": "recognition_counselling", "topics": ["recognition", "work", "visa"], "languages": ["de", "fa"],
      "target_groups": ["skilled_worker", "tourist"], "postal_codes": ["12345", "123*", "1x"],
      "municipalities": ["Musterstadt"], "opening_hours": [{"day": "thu", "from": "12:00", "to": "18:00"},
      {"day": "mon", "from": "13:00", "to": "15:00"}, {"day": "mon", "from": "09:00", "to": "12:00"},
      {"day": "sun", "from": "10:00", "to": "09:00"}], "closed_days": ["2026-12-31", "2026-12-24", "nope"],
      "address": {"street": "Marktplatz 1", "postal_code": "12345", "municipality": "Musterstadt", "room": "2.07"},
      "phone": "+49 30 1234580", "email": "a@example.org", "website": "https://example.org",
      "appointment": {"de": "Mit Termin"}, "directions": {"de": "Bus 4"}, "accessibility": {"en": "Lift"}})");
  const auto o = parse_organisation("o-iq", d);
  REQUIRE(o);
  CHECK(o->name.at("en") == "IQ counselling");
  CHECK(o->kind == "recognition_counselling");
  CHECK(o->topics == std::vector<std::string>{"recognition", "work"});  // "visa" is no topic
  CHECK(o->target_groups == std::vector<std::string>{"skilled_worker"});
  CHECK(o->area.postal_codes == std::vector<std::string>{"12345", "123*"});
  REQUIRE(o->hours.weekly.size() == 3);  // the Sunday span ends before it starts
  CHECK(o->hours.weekly[0].weekday == 0);
  CHECK(o->hours.weekly[0].from == 9 * 60);
  CHECK(o->hours.weekly[1].from == 13 * 60);
  CHECK(o->hours.weekly[2].weekday == 3);
  REQUIRE(o->hours.closed.size() == 2);
  CHECK(o->hours.closed[0] < o->hours.closed[1]);
  CHECK(o->room == "2.07");
  CHECK(o->appointment.at("de") == "Mit Termin");
  CHECK(o->accessibility.at("en") == "Lift");
}

TEST_CASE("A contact person is read with their Kümmerer fields", "[directory]") {
  const auto p = parse_contact_person("p-1", json::parse(R"({"name": "Parisa Nouri", "organisation_id": "o-wc",
      "role": {"de": "Beraterin"}, "languages": ["de", "fa"], "target_groups": ["family_member"],
      "postal_codes": ["12350"], "municipalities": ["Osterfeld"], "kuemmerer_capacity": 90,
      "consultation_hours": [{"day": "tue", "from": "09:00", "to": "12:00"}]})"));
  REQUIRE(p);
  CHECK(p->kuemmerer_capacity == 90);
  CHECK(p->hours.weekly.size() == 1);
  CHECK(area_covers(p->area, "12350", ""));
  CHECK(area_covers(p->area, "", "Osterfeld"));
  CHECK_FALSE(area_covers(p->area, "12345", "Musterstadt"));
  const auto plain = parse_contact_person("p-2", json{{"name", "A"}, {"kuemmerer_capacity", -3}});
  REQUIRE(plain);
  CHECK_FALSE(plain->kuemmerer_capacity);
}

TEST_CASE("Directory items without what they cannot do without are refused with the reason", "[directory]") {
  std::string why;
  CHECK_FALSE(parse_organisation("o", json{{"kind", "other"}}, &why));
  CHECK(why == "no name");
  CHECK_FALSE(parse_organisation("o", json{{"name", {{"de", "A"}}}, {"kind", "ministry"}}, &why));
  CHECK(why == "no known kind");
  CHECK_FALSE(parse_organisation("o", json::array(), &why));
  CHECK(why == "not an object");
  CHECK_FALSE(parse_contact_person("p", json{{"name", 5}}, &why));
  CHECK(why == "no name");
  // Wrong shapes of optional fields are ignored.
  const auto o = parse_organisation("o", json{{"name", {{"de", "A"}}},
                                              {"kind", "other"},
                                              {"topics", "work"},
                                              {"opening_hours", {{"de", "Mo-Fr"}}},
                                              {"address", "Markt 1"}});
  REQUIRE(o);
  CHECK(o->topics.empty());
  CHECK(o->hours.empty());
  CHECK(o->street.empty());
}

TEST_CASE("Areas: postal codes, prefixes, municipalities, and an empty area covers all", "[directory]") {
  CHECK(is_postal_code_pattern("12345"));
  CHECK(is_postal_code_pattern("123*"));
  CHECK(is_postal_code_pattern("1*"));
  CHECK_FALSE(is_postal_code_pattern("1234"));
  CHECK_FALSE(is_postal_code_pattern("12345*"));
  CHECK_FALSE(is_postal_code_pattern("*"));
  CHECK_FALSE(is_postal_code_pattern("12a45"));
  const ServedArea area{{"12345", "1235*"}, {"Westdorf"}};
  CHECK(area_covers(area, "12345", ""));
  CHECK(area_covers(area, "12351", ""));
  CHECK_FALSE(area_covers(area, "12346", ""));
  CHECK(area_covers(area, "", "Westdorf"));
  CHECK_FALSE(area_covers(area, "", ""));
  CHECK(area_covers({}, "", ""));
}

TEST_CASE("load_directory reads the live items and leaves out what it cannot show", "[directory]") {
  test::QuietLog quiet;
  test::TempDir dir;
  Store store = Store::open(dir / "kiosk.db");
  apply_catalog_delta(store.db(),
                      {{"organisation", "o-2", 1, false, json{{"name", {{"de", "B"}}}, {"kind", "other"}}.dump()},
                       {"organisation", "o-1", 2, false, json{{"name", {{"de", "A"}}}, {"kind", "chamber"}}.dump()},
                       {"organisation", "o-bad", 3, false, json{{"name", {{"de", "C"}}}}.dump()},
                       {"contact_person", "p-1", 4, false, json{{"name", "X"}, {"organisation_id", "o-1"}}.dump()},
                       {"contact_person", "p-gone", 5, false, json{{"name", "Y"}}.dump()},
                       {"contact_person", "p-gone", 6, true, ""}},
                      "cur");
  const Directory d = load_directory(store.db());
  REQUIRE(d.organisations.size() == 2);
  CHECK(d.organisations[0].id == "o-1");
  REQUIRE(d.persons.size() == 1);
  REQUIRE(d.organisation("o-1"));
  CHECK(d.organisation("o-1")->kind == "chamber");
  CHECK_FALSE(d.organisation("o-bad"));
  CHECK_FALSE(d.organisation("o-0"));
}

TEST_CASE("A person's empty area, languages and hours are their organisation's", "[directory]") {
  Organisation o;
  o.area.postal_codes = {"123*"};
  o.languages = {"de", "fa"};
  o.hours.weekly = {{0, 9 * 60, 12 * 60}};
  ContactPerson p;
  CHECK(&area_of(p, &o) == &o.area);
  CHECK(&languages_of(p, &o) == &o.languages);
  CHECK(&hours_of(p, &o) == &o.hours);
  CHECK(&area_of(p, nullptr) == &p.area);
  p.area.municipalities = {"Nordheim"};
  p.languages = {"uk"};
  p.hours.weekly = {{1, 14 * 60, 16 * 60}};
  CHECK(&area_of(p, &o) == &p.area);
  CHECK(&languages_of(p, &o) == &p.languages);
  CHECK(&hours_of(p, &o) == &p.hours);
  CHECK(primary_language("fa-AF") == "fa");
  CHECK(primary_language("prs") == "prs");
  CHECK(primary_language("sr-Latn") == "sr");
}
