// Catalog import: JSON and CSV (RFC 4180 quoting, BOM, CRLF, nested "a.b" columns, numeric
// and list columns), the per-kind rules, and precise all-or-nothing errors.
#include "sync/hub/catalog_import.hpp"

#include "sync/hub/hub_store.hpp"
#include "tests/core/quiet_log.hpp"
#include "tests/support/temp_dir.hpp"

#include <catch2/catch.hpp>

using nlohmann::json;
using wk::hub::CatalogFormat;
using wk::hub::ImportError;
using wk::hub::parse_catalog;

namespace {

wk::hub::CatalogFile csv(const std::string& kind, const std::string& text) {
  return parse_catalog(text, kind, CatalogFormat::csv, "f.csv");
}

wk::hub::CatalogFile js(const std::string& kind, const std::string& text) {
  return parse_catalog(text, kind, CatalogFormat::json, "f.json");
}

std::string csv_error(const std::string& kind, const std::string& text) {
  try {
    csv(kind, text);
  } catch (const ImportError& e) {
    return e.what();
  }
  return "no error";
}

std::string json_error(const std::string& kind, const std::string& text) {
  try {
    js(kind, text);
  } catch (const ImportError& e) {
    return e.what();
  }
  return "no error";
}

}  // namespace

TEST_CASE("catalog import: kinds and formats from the command line") {
  CHECK(wk::hub::wire_kind("courses") == "course");
  CHECK(wk::hub::wire_kind("organisations") == "organisation");
  CHECK(wk::hub::wire_kind("contact-persons") == "contact_person");
  CHECK(wk::hub::wire_kind("texts") == "text");
  CHECK_FALSE(wk::hub::wire_kind("course").has_value());
  CHECK(wk::hub::format_from_extension("a/b.CSV") == CatalogFormat::csv);
  CHECK(wk::hub::format_from_extension("b.json") == CatalogFormat::json);
  CHECK_FALSE(wk::hub::format_from_extension("b.txt").has_value());
}

TEST_CASE("catalog import: CSV with quotes, BOM, CRLF, nested, numeric and list columns") {
  const auto f = csv("course",
                     "\xEF\xBB\xBFid,title.de,title.ar,capacity,course_type,schedule_note.de,childcare.from_age,"
                     "childcare.to_age\r\n"
                     "c-1,\"Deutsch B1, berufsbegleitend\",الألمانية,20,job_basic_b1,\"Mo \"\"und\"\" Mi\",1,6\r\n"
                     "c-2,\"Zwei\nZeilen\",,3,other,,,\r\n");
  CHECK(f.kind == "course");
  REQUIRE(f.items.size() == 2);
  CHECK(f.items[0].first == "c-1");
  CHECK(f.items[0].second == json{{"title", {{"de", "Deutsch B1, berufsbegleitend"}, {"ar", "الألمانية"}}},
                                  {"capacity", 20},
                                  {"course_type", "job_basic_b1"},
                                  {"schedule_note", {{"de", "Mo \"und\" Mi"}}},
                                  {"childcare", {{"from_age", 1}, {"to_age", 6}}}});
  CHECK(f.items[1].second == json{{"title", {{"de", "Zwei\nZeilen"}}}, {"capacity", 3}, {"course_type", "other"}});
  CHECK(f.places == std::vector<std::string>{"f.csv:2", "f.csv:3"});

  const auto p = csv("contact_person", "id,name,languages,target_groups,role.de\np-1,A. Berger,de; en;ar,,Beraterin\n");
  CHECK(p.items[0].second ==
        json{{"name", "A. Berger"}, {"languages", {"de", "en", "ar"}}, {"role", {{"de", "Beraterin"}}}});

  const auto t = csv("text", "id,de,en\nwelcome,Willkommen,Welcome\n");
  CHECK(t.items[0].second == json{{"de", "Willkommen"}, {"en", "Welcome"}});
}

// Issue 22: the course on KURSNET's fields.
TEST_CASE("catalog import: a course with every field, from CSV and from JSON alike") {
  const auto from_csv =
      csv("course",
          "id;title.de;organisation_id;course_type;language;level_from;level_to;starts_on;ends_on;"
          "registration_deadline;rolling_entry;schedule;schedule_note.en;delivery;intensity;address.street;"
          "address.postal_code;address.municipality;address.room;childcare.from_age;childcare.to_age;costs.de;"
          "capacity;accessibility.de\n"
          "c-17;Deutsch B1 abends;o-vhs;job_basic_b1;de;A2;B1;2027-01-11;2027-06-30;2027-01-04;Ja;"
          "\"Mon 18:00-21:15; wed 18:00 - 21:15\";plus two Saturdays;hybrid;part_time;Schulweg 3;12345;Musterstadt;"
          "2.14;1;6;kostenlos;16;Aufzug\n");
  const auto from_json = js("course", R"([{"id": "c-17", "title": {"de": "Deutsch B1 abends"},
      "organisation_id": "o-vhs", "course_type": "job_basic_b1", "language": "de", "level_from": "A2",
      "level_to": "B1", "starts_on": "2027-01-11", "ends_on": "2027-06-30", "registration_deadline": "2027-01-04",
      "rolling_entry": true, "schedule": [{"day": "mon", "from": "18:00", "to": "21:15"},
                                          {"day": "wed", "from": "18:00", "to": "21:15"}],
      "schedule_note": {"en": "plus two Saturdays"}, "delivery": "hybrid", "intensity": "part_time",
      "address": {"street": "Schulweg 3", "postal_code": "12345", "municipality": "Musterstadt", "room": "2.14"},
      "childcare": {"from_age": 1, "to_age": 6}, "costs": {"de": "kostenlos"}, "capacity": 16,
      "accessibility": {"de": "Aufzug"}}])");
  REQUIRE(from_csv.items.size() == 1);
  CHECK(from_csv.items == from_json.items);
  CHECK(from_json.places == std::vector<std::string>{"f.json: [1]"});
}

TEST_CASE("catalog import: course rules name the field and what is expected") {
  const std::string head = "id,title.de,course_type,capacity,";
  auto bad = [&](const std::string& column, const std::string& cell) {
    return csv_error("course", head + column + "\nc-1,A,other,5," + cell + "\n");
  };
  CHECK(bad("rolling_entry", "vielleicht") ==
        "f.csv:2: column rolling_entry: expected yes or no (also true/false, ja/nein, 1/0)");
  CHECK(bad("schedule", "montags") ==
        "f.csv:2: column schedule: session 1: expected DAY HH:MM-HH:MM (like mon 18:00-21:00)");
  CHECK(bad("schedule", "mon 18:00-21:00; fri 9-12") == "f.csv:2: column schedule[2].from: expected a time HH:MM");
  CHECK(bad("schedule", "mo 18:00-21:00") ==
        "f.csv:2: column schedule[1].day: expected one of mon, tue, wed, thu, fri, sat or sun");
  CHECK(bad("schedule", "mon 21:00-18:00") == "f.csv:2: column schedule[1].to: not after from");
  CHECK(bad("schedule", "mon 18:00-24:01") == "f.csv:2: column schedule[1].to: expected a time HH:MM");
  CHECK(bad("level_from", "B3") == "f.csv:2: column level_from: expected one of A1, A2, B1, B2, C1 or C2");
  CHECK(csv_error("course", head + "level_from,level_to\nc-1,A,other,5,B1,A2\n") ==
        "f.csv:2: column level_to: below level_from");
  CHECK(csv_error("course", head + "ends_on,registration_deadline\nc-1,A,other,5,2027-01-01,2027-02-01\n") ==
        "f.csv:2: column registration_deadline: after ends_on");
  CHECK(bad("delivery", "remote") == "f.csv:2: column delivery: expected one of in_person, online or hybrid");
  CHECK(bad("address.street", "Schulweg 3") == "f.csv:2: column address.municipality: missing (required)");
  CHECK(bad("childcare.from_age", "3") == "f.csv:2: column childcare.to_age: missing (required)");
  CHECK(csv_error("course", head + "childcare.from_age,childcare.to_age\nc-1,A,other,5,6,2\n") ==
        "f.csv:2: column childcare.to_age: below from_age");
  CHECK(csv_error("course", head + "childcare.from_age,childcare.to_age\nc-1,A,other,5,0,18\n") ==
        "f.csv:2: column childcare.to_age: expected an age from 0 to 17");
  CHECK(csv_error("course", "id,title.de,capacity\nc-1,A,5\n") == "f.csv:2: column course_type: missing (required)");
  CHECK(csv_error("course", "id,title.de,course_type\nc-1,A,other\n") ==
        "f.csv:2: column capacity: missing (required)");
  // Free seats come from the hub's booking ledger, never from a file.
  CHECK(bad("seats_free", "3").find("f.csv:2: column seats_free: unknown field for a course") == 0);
  CHECK(json_error("course", R"([{"id": "c", "title": {"de": "A"}, "course_type": "other", "capacity": 1,
                                  "address": {"municipality": "X", "floor": "2"}}])") ==
        "f.json: [1].address.floor: unknown field (known: street, postal_code, municipality or room)");
  CHECK(json_error("course", R"([{"id": "c", "title": {"de": "A"}, "course_type": "other", "capacity": 1,
                                  "schedule": [{"day": "mon", "from": "09:00"}]}])") ==
        "f.json: [1].schedule[1].to: missing (required)");
}

TEST_CASE("catalog import: CSV errors name the file, line, column and problem") {
  CHECK(csv_error("course", "id,title.de\nc-1,Deu\"tsch\n") ==
        "f.csv:2: field 2: quote inside an unquoted field (quote the whole field and double inner quotes)");
  CHECK(csv_error("course", "id,title.de\nc-1,\"Deutsch\"x\n") ==
        "f.csv:2: field 2: unexpected character after a closing quote (double a quote inside a quoted field)");
  CHECK(csv_error("course", "id,title.de\nc-1,\"Deutsch\n") == "f.csv:2: field 2: quoted field is not closed");
  CHECK(csv_error("course", "id,title.de,capacity\nc-1,Deutsch,zwanzig\n") ==
        "f.csv:2: column capacity: expected a non-negative integer");
  CHECK(csv_error("course", "id,title.de,capacity\nc-1,Deutsch,-3\n") ==
        "f.csv:2: column capacity: expected a non-negative integer");
  CHECK(csv_error("course", "id,title.de\n,Deutsch\n") == "f.csv:2: column id: missing");
  CHECK(csv_error("course", "title.de\nDeutsch\n") == "f.csv:1: no \"id\" column in the header row");
  CHECK(csv_error("text", "id,de\nc-1,A\nc-2,B\nc-1,C\n") ==
        "f.csv:4: column id: duplicate id \"c-1\" (first on line 2)");
  CHECK(csv_error("text", "id,de\nc-1,A,extra\n") == "f.csv:2: 3 fields, expected 2 as in the header row");
  CHECK(csv_error("course", "id,capacity,course_type\nc-1,3,other\n") == "f.csv:2: column title: missing (required)");
  CHECK(csv_error("course", "id,title.de,titel\nc-1,A,B\n").find("f.csv:2: column titel: unknown field") == 0);
  CHECK(csv_error("course", "id,title,title.de\nc-1,A,B\n") == "f.csv:1: column title.de conflicts with column title");
  CHECK(csv_error("course", "id,title.de,starts_on\nc-1,A,2026-13-01\n") ==
        "f.csv:2: column starts_on: expected a date YYYY-MM-DD");
  CHECK(csv_error("course", "id,title.de,course_type\nc-1,A,weekly\n")
            .find("f.csv:2: column course_type: expected one of integration_general, ") == 0);
  CHECK(csv_error("course", "id,title.DE\nc-1,A\n") ==
        "f.csv:2: column title.DE: not a language code (like de, ar, zh-Hans)");
  CHECK(csv_error("course", "id,title.de\nc-1,\xff\n") == "f.csv:2: not valid UTF-8 (byte offset 16)");
  CHECK(csv_error("course", "") == "f.csv: empty file (expected a header row with an \"id\" column)");
  CHECK(csv_error("text", "id,de\nt-1,\n") == "f.csv:2: needs at least one language");
}

TEST_CASE("catalog import: JSON items and errors") {
  const auto f = js("organisation",
                    R"([{"id": "o-1", "name": {"de": "Welcome Center"}, "kind": "welcome_center",
                         "opening_hours": [{"day": "mon", "from": "09:00", "to": "16:00"}]},
                        {"id": "o-2", "name": {"en": "IHK"}, "kind": "chamber", "email": "info@example.org"}])");
  REQUIRE(f.items.size() == 2);
  CHECK(f.items[1].first == "o-2");
  CHECK(f.items[1].second == json{{"name", {{"en", "IHK"}}}, {"kind", "chamber"}, {"email", "info@example.org"}});

  CHECK(json_error("course", R"({"id": "c-1"})") == "f.json: expected an array of objects at the top level");
  CHECK(json_error("course", R"([{"title": {"de": "A"}}])") == "f.json: [1].id: missing");
  CHECK(json_error("course", R"([{"id": 5, "title": {"de": "A"}}])") == "f.json: [1].id: expected a string");
  CHECK(json_error("course", R"([{"id": "c-1", "title": "Deutsch"}])") ==
        "f.json: [1].title: expected an object of language code to text");
  CHECK(json_error("course", R"([{"id": "c-1", "title": {"de": "A"}, "capacity": "20"}])") ==
        "f.json: [1].capacity: expected a non-negative integer");
  CHECK(json_error("course", R"([{"id": "c-1", "title": {"de": "A"}, "capacity": 2.5}])") ==
        "f.json: [1].capacity: expected a non-negative integer");
  CHECK(json_error("contact_person", R"([{"id": "p", "name": "X", "languages": ["de", 3]}])") ==
        "f.json: [1].languages[2]: expected a string");
  CHECK(json_error("text", R"([{"id": "a", "de": "A"}, {"id": "a", "de": "B"}])") ==
        "f.json: [2].id: duplicate id \"a\" (first at [1])");
  CHECK(json_error("course", R"([1])") == "f.json: [1]: expected an object");
  CHECK(json_error("course", R"([{"id": "c-1", "title": {"de": "A"},])").find("f.json: not valid JSON: ") == 0);
  CHECK(json_error("course", std::string(100, '[')) == "f.json: nested deeper than 64 levels");
  CHECK(json_error("text", R"([{"id": "t", "de": ""}])") == "f.json: [1].de: empty");
  CHECK(json_error("course", R"([{"id": "c-1", "title": {"de": "A\u202eB"}}])") ==
        "f.json: [1].title.de: contains a bidi control character");
}

TEST_CASE("catalog import: files, and nothing stored after an error") {
  wk::core::test::QuietLog quiet;
  wk::core::test::TempDir dir;
  CHECK_THROWS_WITH(wk::hub::read_catalog_file(dir / "none.csv", "course", CatalogFormat::csv),
                    Catch::Contains("none.csv: cannot be read (no such file)"));
  const auto file = dir / "courses.csv";
  wk::core::test::write_bytes(file, "id,title.de,course_type,capacity\nc-1,A,other,1\nc-2,B,other,x\n");
  wk::hub::HubStore store(":memory:");
  try {
    const auto catalog = wk::hub::read_catalog_file(file, "course", CatalogFormat::csv);
    store.upsert_items(catalog.kind, catalog.items, false);
    FAIL("imported");
  } catch (const ImportError& e) {
    CHECK(std::string(e.what()) == file.string() + ":3: column capacity: expected a non-negative integer");
  }
  CHECK(store.catalog_version() == 0);
}

// Issue 22: a German spreadsheet saves "CSV" with semicolons (and often a BOM).
TEST_CASE("catalog import: semicolon-separated CSV from a German spreadsheet imports like commas") {
  const auto commas = csv("course",
                          "id,title.de,capacity,course_type,schedule_note.de,schedule\r\n"
                          "c-1,\"Deutsch B1, abends\",20,other,Mo und Mi 18:00,mon 18:00-20:00\r\n");
  const auto semicolons = csv("course",
                              "\xEF\xBB\xBFid;title.de;capacity;course_type;schedule_note.de;schedule\r\n"
                              "c-1;Deutsch B1, abends;20;other;\"Mo und Mi 18:00\";mon 18:00-20:00\r\n");
  REQUIRE(semicolons.items.size() == 1);
  CHECK(semicolons.items == commas.items);
  // A list cell holding semicolons is quoted there; an unquoted one splits the row.
  const auto p = csv("contact_person", "id;name;languages\np-1;A. Berger;\"de; en\"\n");
  CHECK(p.items[0].second == json{{"name", "A. Berger"}, {"languages", {"de", "en"}}});
  CHECK_THROWS_WITH(csv("contact_person", "id;name;languages\np-1;A. Berger;de; en\n"), Catch::Contains("f.csv:2"));
}

// Issue 22: a reference that names nothing the hub holds is refused at its line.
TEST_CASE("catalog import: references name the line and the missing item") {
  auto known = [](std::string_view kind, std::string_view id) { return kind == "organisation" && id == "o-vhs"; };
  const auto ok =
      csv("course", "id,title.de,course_type,capacity,organisation_id\nc-1,A,other,5,o-vhs\nc-2,B,other,5,\n");
  CHECK_NOTHROW(wk::hub::check_references(ok, known));
  const auto bad = csv("course",
                       "id,title.de,course_type,capacity,organisation_id\nc-1,A,other,5,o-vhs\n"
                       "c-2,\"B\nzweizeilig\",other,5,o-vsh\n");
  CHECK_THROWS_WITH(wk::hub::check_references(bad, known),
                    "f.csv:3: column organisation_id: names no organisation held by the hub (\"o-vsh\"); "
                    "import the organisations first");
  const auto person = js("contact_person", R"([{"id": "p-1", "name": "A", "organisation_id": "o-x"}])");
  CHECK_THROWS_WITH(wk::hub::check_references(person, known),
                    "f.json: [1].organisation_id: names no organisation held by the hub (\"o-x\"); "
                    "import the organisations first");
  // Organisations name nothing.
  CHECK_NOTHROW(
      wk::hub::check_references(js("organisation", R"([{"id": "o", "name": {"de": "X"}, "kind": "other"}])"), known));
}

// Issue 23: a contact person's area names municipalities the region's organisations know.
TEST_CASE("catalog import: a municipality no organisation names is refused at its place") {
  const auto region =
      wk::hub::region_municipalities({json{{"address", {{"municipality", "Musterstadt"}}}},
                                      json{{"municipalities", {"Nordheim", "Südhausen"}}}, json("not an object")});
  CHECK(region == std::set<std::string, std::less<>>{"Musterstadt", "Nordheim", "Südhausen"});
  CHECK_NOTHROW(wk::hub::check_region(
      csv("contact_person", "id,name,municipalities\np-1,A,Musterstadt; Südhausen\np-2,B,\n"), region));
  CHECK_THROWS_WITH(
      wk::hub::check_region(csv("contact_person", "id,name,municipalities\np-1,A,Musterstadt\np-2,B,Musterstdt\n"),
                            region),
      Catch::StartsWith("f.csv:3: column municipalities: \"Musterstdt\" is not a municipality of the region"));
  CHECK_THROWS_WITH(
      wk::hub::check_region(
          js("contact_person", R"([{"id": "p-1", "name": "A", "municipalities": ["Nordheim", "Westdorf"]}])"), region),
      Catch::StartsWith("f.json: [1].municipalities[1]: \"Westdorf\" is not a municipality"));
  // Organisations define the region.
  CHECK_NOTHROW(wk::hub::check_region(
      js("organisation", R"([{"id": "o", "name": {"de": "X"}, "kind": "other", "municipalities": ["Westdorf"]}])"),
      region));
}

TEST_CASE("catalog import: the directory's organisations and persons, as CSV and JSON") {
  const auto o = js("organisation", R"([{"id": "o-iq", "name": {"de": "IQ Beratung"}, "kind": "recognition_counselling",
      "topics": ["recognition", "work"], "languages": ["de", "fa", "sr-Latn"], "postal_codes": ["12345", "123*"],
      "municipalities": ["Musterstadt"], "target_groups": ["skilled_worker"],
      "opening_hours": [{"day": "mon", "from": "09:00", "to": "12:00"}, {"day": "thu", "from": "12:00", "to": "24:00"}],
      "closed_days": ["2026-12-24"], "address": {"street": "Marktplatz 1", "postal_code": "12345",
      "municipality": "Musterstadt"}, "appointment": {"de": "Mit Termin"}, "directions": {"en": "Bus 4"},
      "website": "https://example.org"}])");
  REQUIRE(o.items.size() == 1);
  CHECK(o.items[0].second["opening_hours"].size() == 2);

  const auto p = csv("contact_person",
                     "id,name,organisation_id,topics,languages,target_groups,postal_codes,municipalities,"
                     "kuemmerer_capacity,consultation_hours,closed_days\n"
                     "p-1,Parisa Nouri,o-wc,residence;work,de; fa,family_member,12350; 12380,,90,"
                     "tue 09:00-12:00; thu 14:00-18:00,2026-12-24\n");
  REQUIRE(p.items.size() == 1);
  const json& d = p.items[0].second;
  CHECK(d["kuemmerer_capacity"] == 90);
  CHECK(d["postal_codes"] == json::array({"12350", "12380"}));
  CHECK(d["consultation_hours"][1] == json{{"day", "thu"}, {"from", "14:00"}, {"to", "18:00"}});
  CHECK(d["closed_days"] == json::array({"2026-12-24"}));
}

TEST_CASE("catalog import: a malformed opening hour, an unknown topic or region is refused at its place") {
  // Opening hours: a day, a time, an end before the start.
  CHECK(csv_error("organisation",
                  "id,name.de,kind,opening_hours\no-1,A,other,mon 09:00-12:00\n"
                  "o-2,B,other,mon 9-12\n") == "f.csv:3: column opening_hours[1].from: expected a time HH:MM");
  CHECK(csv_error("organisation", "id,name.de,kind,opening_hours\no-1,A,other,mo 09:00-12:00\n") ==
        "f.csv:2: column opening_hours[1].day: expected one of mon, tue, wed, thu, fri, sat or sun");
  CHECK(json_error("organisation", R"([{"id": "o", "name": {"de": "A"}, "kind": "other",
      "opening_hours": [{"day": "tue", "from": "14:00", "to": "12:00"}]}])") ==
        "f.json: [1].opening_hours[1].to: not after from");
  CHECK(json_error("organisation", R"([{"id": "o", "name": {"de": "A"}, "kind": "other",
      "opening_hours": {"de": "Mo-Fr 9-16"}}])") == "f.json: [1].opening_hours: expected an array of {day, from, to}");
  CHECK(json_error("organisation", R"([{"id": "o", "name": {"de": "A"}, "kind": "other",
      "closed_days": ["2026-12-32"]}])") == "f.json: [1].closed_days[1]: expected a date YYYY-MM-DD");
  // Topics, kinds and target groups come from their vocabularies.
  CHECK(csv_error("contact_person", "id,name,topics\np-1,A,work;visa\n") ==
        "f.csv:2: column topics[2]: unknown: \"visa\" (expected one of residence, work, recognition, language, "
        "family, housing, health, counselling or money)");
  CHECK(json_error("organisation", R"([{"id": "o", "name": {"de": "A"}, "kind": "ministry"}])")
            .find("f.json: [1].kind: expected one of welcome_center, immigration_office, ") == 0);
  CHECK(json_error("organisation", R"([{"id": "o", "name": {"de": "A"}}])") == "f.json: [1].kind: missing (required)");
  CHECK(csv_error("contact_person", "id,name,target_groups\np-1,A,refugee\n")
            .find("f.csv:2: column target_groups[1]: unknown: \"refugee\"") == 0);
  // Regions: postal codes of 5 digits or a prefix; a topic or postal code listed twice.
  CHECK(csv_error("contact_person", "id,name,postal_codes\np-1,A,12345;1234\n") ==
        "f.csv:2: column postal_codes[2]: expected a postal code of 5 digits or a prefix like 123*");
  CHECK(csv_error("contact_person", "id,name,postal_codes\np-1,A,12*45\n") ==
        "f.csv:2: column postal_codes[1]: expected a postal code of 5 digits or a prefix like 123*");
  CHECK(csv_error("contact_person", "id,name,topics\np-1,A,work;work\n") ==
        "f.csv:2: column topics[2]: \"work\" appears twice");
  CHECK(csv_error("contact_person", "id,name,languages\np-1,A,de;Farsi\n") ==
        "f.csv:2: column languages[2]: not a language code (like de, fa, sr-Latn)");
  CHECK(csv_error("contact_person", "id,name,kuemmerer_capacity\np-1,A,viele\n") ==
        "f.csv:2: column kuemmerer_capacity: expected a non-negative integer");
}
