// The registration export: content (terminal, change id, time of receipt, the payload as
// pushed), order of receipt, NDJSON, and the atomic private output file.
#include "sync/hub/registration_export.hpp"

#include "hub_test_support.hpp"
#include "kiosk/core/time.hpp"
#include "kiosk/core/transliterate.hpp"
#include "tests/core/quiet_log.hpp"
#include "tests/support/paths.hpp"
#include "tests/support/temp_dir.hpp"

#include <sys/stat.h>
#include <catch2/catch.hpp>

#include <sstream>

using nlohmann::json;
using wk::core::test::QuietLog;
using wk::core::test::read_bytes;
using wk::core::test::TempDir;
using wk::hub::ExportFormat;
using wk::hub::HubStore;

namespace {

// Three registrations from two terminals (plus one rejected and one visit, not exported).
std::vector<wk::sync::Change> fill(HubStore& store) {
  store.add_terminal("term-1");
  store.add_terminal("term-2");
  std::vector<wk::sync::Change> sent;
  auto a = wk::hub::test::registration_change(1, "term-1");
  auto bad = wk::hub::test::registration_change(2, "term-1");
  bad.payload.erase("consent");
  auto visit = wk::hub::test::visit_change(3, wk::core::uuid_v7(), "insert",
                                           {{"started_at", "2026-11-25T10:00:00.000Z"}, {"language", "de"}});
  auto b = wk::hub::test::registration_change(4, "term-1");
  store.apply_push("term-1", {"term-1", {a, bad, visit, b}});
  auto c = wk::hub::test::registration_change(1, "term-2");
  store.apply_push("term-2", {"term-2", {c}});
  return {a, b, c};
}

}  // namespace

TEST_CASE("export: one JSON document with every registration as received, in order of receipt") {
  QuietLog quiet;
  HubStore store(":memory:");
  const auto sent = fill(store);
  std::ostringstream out;
  CHECK(wk::hub::write_registrations(store, ExportFormat::json, out) == 3);
  const json doc = json::parse(out.str());
  CHECK(doc["exported_at"].get<std::string>().size() == 24);
  const json& regs = doc["registrations"];
  REQUIRE(regs.size() == 3);
  const std::vector<std::string> terminals{"term-1", "term-1", "term-2"};
  for (std::size_t i = 0; i < 3; ++i) {
    CHECK(regs[i]["terminal_id"] == terminals[i]);
    CHECK(regs[i]["change_id"] == sent[i].change_id);
    CHECK(regs[i]["received_at"].get<std::string>().size() == 24);
    CHECK(regs[i]["payload"] == sent[i].payload);
  }
  CHECK(regs[0]["payload"]["family_members"][0]["given_names"] == "Lina");
  CHECK(regs[0]["payload"]["consent"]["purposes"].size() == 2);
}

TEST_CASE("export: an empty hub exports an empty list") {
  QuietLog quiet;
  HubStore store(":memory:");
  std::ostringstream out;
  CHECK(wk::hub::write_registrations(store, ExportFormat::json, out) == 0);
  CHECK(json::parse(out.str())["registrations"] == json::array());
}

TEST_CASE("export: NDJSON has one registration per line") {
  QuietLog quiet;
  HubStore store(":memory:");
  const auto sent = fill(store);
  std::ostringstream out;
  CHECK(wk::hub::write_registrations(store, ExportFormat::ndjson, out) == 3);
  std::istringstream in(out.str());
  std::string line;
  std::size_t n = 0;
  while (std::getline(in, line)) {
    const json j = json::parse(line);
    CHECK(j["change_id"] == sent[n].change_id);
    ++n;
  }
  CHECK(n == 3);
}

TEST_CASE("export: to a file, mode 0600, replacing an older export") {
  QuietLog quiet;
  TempDir dir;
  HubStore store(":memory:");
  fill(store);
  const auto file = dir / "export.json";
  wk::core::test::write_bytes(file, "old");
  CHECK(wk::hub::export_registrations_to_file(store, ExportFormat::json, file) == 3);
  struct stat st {};
  REQUIRE(::stat(file.c_str(), &st) == 0);
  CHECK((st.st_mode & 0777) == 0600);
  CHECK(json::parse(read_bytes(file))["registrations"].size() == 3);
  std::size_t entries = 0;
  for ([[maybe_unused]] const auto& e : std::filesystem::directory_iterator(dir.path())) ++entries;
  CHECK(entries == 1);  // no temporary file left behind

  CHECK_THROWS_WITH(wk::hub::export_registrations_to_file(store, ExportFormat::json, dir / "missing/dir/x.json"),
                    Catch::Contains("missing/dir/x.json"));
}

// Issue 20: what a spreadsheet would run or a reader would not see is neutralised.
TEST_CASE("export: CSV cells cannot start a formula and show control and bidi characters as marks") {
  using wk::hub::csv_cell;
  CHECK(csv_cell("Amina") == "Amina");
  CHECK(csv_cell("=HYPERLINK(\"http://x\")") == "'=HYPERLINK(\"http://x\")");
  CHECK(csv_cell("+4915112345678") == "'+4915112345678");
  CHECK(csv_cell("-2+3") == "'-2+3");
  CHECK(csv_cell("@SUM(A1)") == "'@SUM(A1)");
  CHECK(csv_cell("\tcmd") == "'<U+0009>cmd");
  CHECK(csv_cell("\rcmd") == "'<U+000D>cmd");
  CHECK(csv_cell("a\x1b"
                 "b") == "a<U+001B>b");
  CHECK(csv_cell("a\xc2\x85"
                 "b") == "a<U+0085>b");
  CHECK(csv_cell("\xe2\x80\xae"
                 "evil") == "<U+202E>evil");
  CHECK(csv_cell("\xe2\x80\x8f"
                 "أمينة") == "<U+200F>أمينة");
  CHECK(csv_cell("Олена a=b") == "Олена a=b");  // only the first character matters
}

TEST_CASE("export: JSON writes hidden characters as escapes that read back the same") {
  using wk::hub::escape_hidden_characters;
  const std::string value =
      "a\xe2\x80\xae"
      "b\xc2\x85"
      "c\x7f"
      "d\xef\xbb\xbf"
      "e\xe2\x81\xa6"
      "f\xd8\x9c"
      "g";
  const std::string dumped = json(value).dump();
  const std::string escaped = escape_hidden_characters(dumped);
  CHECK(escaped == "\"a\\u202Eb\\u0085c\\u007Fd\\uFEFFe\\u2066f\\u061Cg\"");
  CHECK(json::parse(escaped).get<std::string>() == value);
  CHECK(escape_hidden_characters(json("Олена Коваленко").dump()) == json("Олена Коваленко").dump());
}

TEST_CASE("export: CSV is a caseworker's sheet: one row per person, German labels, neutralised") {
  QuietLog quiet;
  HubStore store(":memory:");
  store.add_terminal("term-1");
  auto c = wk::hub::test::registration_change(1, "term-1");
  c.payload["given_names"] = "=HYPERLINK(\"http://x\")";
  c.payload["native_name"] =
      "\xe2\x80\x8f"
      "أمينة";  // a right-to-left mark: allowed, marked in CSV
  c.payload["employer"] = "@SUM(A1)";
  REQUIRE(store.apply_push("term-1", {"term-1", {c}}).results[0].status == wk::sync::PushResult::Status::applied);
  const wk::hub::DashboardText words(wk::test::source_dir() / "locales" / "dashboard");
  wk::hub::ExportSelection german{"", false, &words, "de"};
  std::ostringstream out;
  CHECK_THROWS_AS(wk::hub::write_registrations(store, ExportFormat::csv, out), std::invalid_argument);
  out.str("");
  CHECK(wk::hub::write_registrations(store, ExportFormat::csv, out, nullptr, german) == 1);
  const std::string csv = out.str();
  CHECK(csv.rfind("\xEF\xBB\xBF\"Eingegangen (UTC)\",\"Terminal\",\"Code\",\"Person\"", 0) == 0);
  std::size_t rows = 0;
  for (std::size_t pos = 0; (pos = csv.find("\r\n", pos)) != std::string::npos; pos += 2) ++rows;
  CHECK(rows == 3);  // header, registrant, one family member
  CHECK(csv.find("\"'=HYPERLINK(\"\"http://x\"\")\"") != std::string::npos);
  CHECK(csv.find("\"'@SUM(A1)\"") != std::string::npos);
  CHECK(csv.find("\"'+4915112345678\"") != std::string::npos);
  CHECK(csv.find("\"<U+200F>أمينة\"") != std::string::npos);
  // Beside the name in its own script, the same in Latin letters for the caseworker.
  CHECK(csv.find("\"Name in eigener Schrift\",\"Name in lateinischer Umschrift\"") != std::string::npos);
  std::string latin = wk::core::latin_transliteration(
      "\xe2\x80\x8f"
      "أمينة");
  REQUIRE_FALSE(latin.empty());
  latin.replace(latin.find("\xe2\x80\x8f"), 3, "<U+200F>");
  CHECK(csv.find("\"<U+200F>أمينة\",\"" + latin + "\"") != std::string::npos);
  CHECK(csv.find("\xe2\x80\x8f") == std::string::npos);
  // Labels, not codes; both rows linked by the code; dates as dates.
  CHECK(csv.find("\"K7QM-4XRT-X\",\"Anmeldende Person\",\"\",\"Fachkraft, zum Arbeiten eingereist\"") !=
        std::string::npos);
  CHECK(csv.find("\"K7QM-4XRT-X\",\"Familienmitglied\",\"Kind\"") != std::string::npos);
  CHECK(csv.find("\"Syrien\"") != std::string::npos);
  CHECK(csv.find("\"Arabisch\"") != std::string::npos);
  CHECK(csv.find("\"läuft\"") != std::string::npos);
  CHECK(csv.find("\"1990-04-17\"") != std::string::npos);
  CHECK(csv.find("\"2023-02-28\"") != std::string::npos);
  CHECK(csv.find("\"nein\",\"ja\",\"nein\"") != std::string::npos);  // course, daycare, school
  CHECK(csv.find("skilled_worker") == std::string::npos);
  CHECK(csv.find("T10:") == std::string::npos);  // no ISO timestamps, YYYY-MM-DD HH:MM
  std::ostringstream english;
  wk::hub::write_registrations(store, ExportFormat::csv, english, nullptr, {"", false, &words, "en"});
  CHECK(english.str().rfind("\xEF\xBB\xBF\"Received (UTC)\",\"Terminal\",\"Code\",\"Person\"", 0) == 0);
  CHECK(english.str().find("\"Anmeldende Person\"") != std::string::npos);  // the cells stay German

  std::ostringstream js;
  wk::hub::write_registrations(store, ExportFormat::ndjson, js);
  CHECK(js.str().find("\xe2\x80\x8f") == std::string::npos);
  CHECK(json::parse(js.str())["payload"]["native_name"] ==
        "\xe2\x80\x8f"
        "أمينة");
}

TEST_CASE("export: registrations are deleted from the hub a set time after they were exported") {
  QuietLog quiet;
  TempDir dir;
  HubStore store(dir / "hub.db");
  const auto sent = fill(store);
  CHECK(store.delete_exported_registrations(std::chrono::seconds{0}) == 0);  // nothing exported yet
  CHECK(wk::hub::export_registrations_to_file(store, ExportFormat::ndjson, dir / "out.ndjson") == 3);
  // One more arrives after the export: it is not marked.
  store.apply_push("term-2", {"term-2", {wk::hub::test::registration_change(2, "term-2")}});
  CHECK(store.registration_count() == 4);
  // Kept for the configured time (30 days here), then gone.
  CHECK(store.delete_exported_registrations(std::chrono::hours{24 * 30}) == 0);
  CHECK(store.registration_count() == 4);
  CHECK(store.delete_exported_registrations(std::chrono::seconds{0}) == 3);
  CHECK(store.registration_count() == 1);
  // The file still holds all three; the next export holds only the new one.
  std::ostringstream again;
  CHECK(wk::hub::write_registrations(store, ExportFormat::ndjson, again) == 1);
  // A retried push of a deleted registration is answered from the changes table, not stored again.
  const auto r = store.apply_push("term-1", {"term-1", {sent[0]}});
  CHECK(r.results[0].status == wk::sync::PushResult::Status::duplicate);
  CHECK(store.registration_count() == 1);
}

TEST_CASE("export: --since and --new take each registration once, and only what was written is marked") {
  QuietLog quiet;
  TempDir dir;
  HubStore store(dir / "hub.db");
  fill(store);  // three registrations, received today
  const std::string today = wk::core::utc_now_iso8601().substr(0, 10);
  std::vector<std::int64_t> written;
  std::ostringstream future;
  CHECK(wk::hub::write_registrations(store, ExportFormat::ndjson, future, nullptr, {"2999-01-01", false, nullptr, "de"},
                                     &written) == 0);
  CHECK(written.empty());
  CHECK(wk::hub::export_registrations_to_file(store, ExportFormat::ndjson, dir / "a.ndjson",
                                              {today, true, nullptr, "de"}) == 3);
  // Taken once: the next --new export is empty; one arriving later is the only one then.
  CHECK(wk::hub::export_registrations_to_file(store, ExportFormat::ndjson, dir / "b.ndjson",
                                              {"", true, nullptr, "de"}) == 0);
  store.apply_push("term-2", {"term-2", {wk::hub::test::registration_change(2, "term-2")}});
  CHECK(wk::hub::export_registrations_to_file(store, ExportFormat::ndjson, dir / "c.ndjson",
                                              {"", true, nullptr, "de"}) == 1);
  // A later sheet says when each was taken before.
  const wk::hub::DashboardText words(wk::test::source_dir() / "locales" / "dashboard");
  std::ostringstream sheet;
  wk::hub::write_registrations(store, ExportFormat::csv, sheet, nullptr, {"", false, &words, "de"});
  CHECK(sheet.str().find("\"" + today + " ") != std::string::npos);
}
