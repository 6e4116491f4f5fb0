// The registration export: content (terminal, change id, time of receipt, the payload as
// pushed), order of receipt, NDJSON, and the atomic private output file.
#include "sync/hub/registration_export.hpp"

#include "hub_test_support.hpp"
#include "tests/core/quiet_log.hpp"
#include "tests/core/temp_dir.hpp"

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
