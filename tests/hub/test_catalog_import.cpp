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
                     "\xEF\xBB\xBFid,title.de,title.ar,seats_total,seats_free,format,schedule.de\r\n"
                     "c-1,\"Deutsch B1, berufsbegleitend\",الألمانية,20,4,job_accompanying,\"Mo \"\"und\"\" Mi\"\r\n"
                     "c-2,\"Zwei\nZeilen\",,,,,\r\n");
  CHECK(f.kind == "course");
  REQUIRE(f.items.size() == 2);
  CHECK(f.items[0].first == "c-1");
  CHECK(f.items[0].second == json{{"title", {{"de", "Deutsch B1, berufsbegleitend"}, {"ar", "الألمانية"}}},
                                  {"seats_total", 20},
                                  {"seats_free", 4},
                                  {"format", "job_accompanying"},
                                  {"schedule", {{"de", "Mo \"und\" Mi"}}}});
  CHECK(f.items[1].second == json{{"title", {{"de", "Zwei\nZeilen"}}}});

  const auto p = csv("contact_person", "id,name,languages,target_groups,role.de\np-1,A. Berger,de; en;ar,,Beraterin\n");
  CHECK(p.items[0].second ==
        json{{"name", "A. Berger"}, {"languages", {"de", "en", "ar"}}, {"role", {{"de", "Beraterin"}}}});

  const auto t = csv("text", "id,de,en\nwelcome,Willkommen,Welcome\n");
  CHECK(t.items[0].second == json{{"de", "Willkommen"}, {"en", "Welcome"}});
}

TEST_CASE("catalog import: CSV errors name the file, line, column and problem") {
  CHECK(csv_error("course", "id,title.de\nc-1,Deu\"tsch\n") ==
        "f.csv:2: field 2: quote inside an unquoted field (quote the whole field and double inner quotes)");
  CHECK(csv_error("course", "id,title.de\nc-1,\"Deutsch\"x\n") ==
        "f.csv:2: field 2: unexpected character after a closing quote (double a quote inside a quoted field)");
  CHECK(csv_error("course", "id,title.de\nc-1,\"Deutsch\n") == "f.csv:2: field 2: quoted field is not closed");
  CHECK(csv_error("course", "id,title.de,seats_total\nc-1,Deutsch,zwanzig\n") ==
        "f.csv:2: column seats_total: expected a non-negative integer");
  CHECK(csv_error("course", "id,title.de,seats_total\nc-1,Deutsch,-3\n") ==
        "f.csv:2: column seats_total: expected a non-negative integer");
  CHECK(csv_error("course", "id,title.de,seats_total,seats_free\nc-1,Deutsch,3,5\n") ==
        "f.csv:2: column seats_free: greater than seats_total");
  CHECK(csv_error("course", "id,title.de\n,Deutsch\n") == "f.csv:2: column id: missing");
  CHECK(csv_error("course", "title.de\nDeutsch\n") == "f.csv:1: no \"id\" column in the header row");
  CHECK(csv_error("course", "id,title.de\nc-1,A\nc-2,B\nc-1,C\n") ==
        "f.csv:4: column id: duplicate id \"c-1\" (first on line 2)");
  CHECK(csv_error("course", "id,title.de\nc-1,A,extra\n") == "f.csv:2: 3 fields, expected 2 as in the header row");
  CHECK(csv_error("course", "id,seats_total\nc-1,3\n") == "f.csv:2: column title: missing (required)");
  CHECK(csv_error("course", "id,title.de,titel\nc-1,A,B\n").find("f.csv:2: column titel: unknown field") == 0);
  CHECK(csv_error("course", "id,title,title.de\nc-1,A,B\n") == "f.csv:1: column title.de conflicts with column title");
  CHECK(csv_error("course", "id,title.de,starts_on\nc-1,A,2026-13-01\n") ==
        "f.csv:2: column starts_on: expected a date YYYY-MM-DD");
  CHECK(csv_error("course", "id,title.de,format\nc-1,A,weekly\n") ==
        "f.csv:2: column format: expected one of job_accompanying, parallel, integration, other");
  CHECK(csv_error("course", "id,title.DE\nc-1,A\n") ==
        "f.csv:2: column title.DE: not a language code (like de, ar, zh-Hans)");
  CHECK(csv_error("course", "id,title.de\nc-1,\xff\n") == "f.csv:2: not valid UTF-8 (byte offset 16)");
  CHECK(csv_error("course", "") == "f.csv: empty file (expected a header row with an \"id\" column)");
  CHECK(csv_error("text", "id,de\nt-1,\n") == "f.csv:2: needs at least one language");
}

TEST_CASE("catalog import: JSON items and errors") {
  const auto f = js("organisation",
                    R"([{"id": "o-1", "name": {"de": "Welcome Center"}, "opening_hours": {"de": "Mo-Fr 9-16"}},
                        {"id": "o-2", "name": {"en": "IHK"}, "email": "info@example.org"}])");
  REQUIRE(f.items.size() == 2);
  CHECK(f.items[1].first == "o-2");
  CHECK(f.items[1].second == json{{"name", {{"en", "IHK"}}}, {"email", "info@example.org"}});

  CHECK(json_error("course", R"({"id": "c-1"})") == "f.json: expected an array of objects at the top level");
  CHECK(json_error("course", R"([{"title": {"de": "A"}}])") == "f.json: [0].id: missing");
  CHECK(json_error("course", R"([{"id": 5, "title": {"de": "A"}}])") == "f.json: [0].id: expected a string");
  CHECK(json_error("course", R"([{"id": "c-1", "title": "Deutsch"}])") ==
        "f.json: [0].title: expected an object of language code to text");
  CHECK(json_error("course", R"([{"id": "c-1", "title": {"de": "A"}, "seats_total": "20"}])") ==
        "f.json: [0].seats_total: expected a non-negative integer");
  CHECK(json_error("course", R"([{"id": "c-1", "title": {"de": "A"}, "seats_total": 2.5}])") ==
        "f.json: [0].seats_total: expected a non-negative integer");
  CHECK(json_error("contact_person", R"([{"id": "p", "name": "X", "languages": ["de", 3]}])") ==
        "f.json: [0].languages[1]: expected a string");
  CHECK(json_error("course", R"([{"id": "a", "title": {"de": "A"}}, {"id": "a", "title": {"de": "B"}}])") ==
        "f.json: [1].id: duplicate id \"a\" (first at [0])");
  CHECK(json_error("course", R"([1])") == "f.json: [0]: expected an object");
  CHECK(json_error("course", R"([{"id": "c-1", "title": {"de": "A"},])").find("f.json: not valid JSON: ") == 0);
  CHECK(json_error("course", std::string(100, '[')) == "f.json: nested deeper than 64 levels");
  CHECK(json_error("text", R"([{"id": "t", "de": ""}])") == "f.json: [0].de: empty");
  CHECK(json_error("course", R"([{"id": "c-1", "title": {"de": "A\u202eB"}}])") ==
        "f.json: [0].title.de: contains a bidi control character");
}

TEST_CASE("catalog import: files, and nothing stored after an error") {
  wk::core::test::QuietLog quiet;
  wk::core::test::TempDir dir;
  CHECK_THROWS_WITH(wk::hub::read_catalog_file(dir / "none.csv", "course", CatalogFormat::csv),
                    Catch::Contains("none.csv: cannot be read (no such file)"));
  const auto file = dir / "courses.csv";
  wk::core::test::write_bytes(file, "id,title.de,seats_total\nc-1,A,1\nc-2,B,x\n");
  wk::hub::HubStore store(":memory:");
  try {
    const auto catalog = wk::hub::read_catalog_file(file, "course", CatalogFormat::csv);
    store.upsert_items(catalog.kind, catalog.items, false);
    FAIL("imported");
  } catch (const ImportError& e) {
    CHECK(std::string(e.what()) == file.string() + ":3: column seats_total: expected a non-negative integer");
  }
  CHECK(store.catalog_version() == 0);
}

// Issue 22: a German spreadsheet saves "CSV" with semicolons (and often a BOM).
TEST_CASE("catalog import: semicolon-separated CSV from a German spreadsheet imports like commas") {
  const auto commas = csv("course",
                          "id,title.de,seats_total,schedule.de\r\n"
                          "c-1,\"Deutsch B1, abends\",20,Mo und Mi 18:00\r\n");
  const auto semicolons = csv("course",
                              "\xEF\xBB\xBFid;title.de;seats_total;schedule.de\r\n"
                              "c-1;Deutsch B1, abends;20;\"Mo und Mi 18:00\"\r\n");
  REQUIRE(semicolons.items.size() == 1);
  CHECK(semicolons.items == commas.items);
  // A list cell holding semicolons is quoted there; an unquoted one splits the row.
  const auto p = csv("contact_person", "id;name;languages\np-1;A. Berger;\"de; en\"\n");
  CHECK(p.items[0].second == json{{"name", "A. Berger"}, {"languages", {"de", "en"}}});
  CHECK_THROWS_WITH(csv("contact_person", "id;name;languages\np-1;A. Berger;de; en\n"),
                    Catch::Contains("f.csv:2"));
}
