// The hub's count of registrations per Kümmerer (sync/hub/kuemmerer_load.hpp), as
// `welcome-hub kuemmerer list` prints it.
#include <catch2/catch.hpp>

#include "sync/hub/hub_store.hpp"
#include "tests/core/quiet_log.hpp"
#include "tests/hub/hub_test_support.hpp"

using nlohmann::json;
using wk::hub::HubStore;

TEST_CASE("kuemmerer list: the directory's Kümmerer with their registrations, then unknown ids and none",
          "[hub][kuemmerer]") {
  wk::core::test::QuietLog quiet;
  HubStore store(":memory:");
  store.add_terminal("term-1");
  store.upsert_items("contact_person",
                     {{"p-b", json{{"name", "Samir Haddad"}, {"kuemmerer_capacity", 40}}},
                      {"p-a", json{{"name", "Aylin Berger"}, {"kuemmerer_capacity", 120}}},
                      {"p-plain", json{{"name", "No Kümmerer"}}}},
                     false);
  std::vector<wk::sync::Change> changes;
  for (const char* k : {"p-a", "p-a", "p-gone", ""}) {
    auto c = wk::hub::test::registration_change(static_cast<std::int64_t>(changes.size() + 1), "term-1");
    if (*k) c.payload["kuemmerer_id"] = k;
    changes.push_back(std::move(c));
  }
  store.apply_push("term-1", {"term-1", changes});
  const auto lines = store.kuemmerer_loads();
  REQUIRE(lines.size() == 4);
  CHECK(lines[0].id == "p-a");
  CHECK(lines[0].name == "Aylin Berger");
  CHECK(lines[0].capacity == 120);
  CHECK(lines[0].assigned == 2);
  CHECK(lines[1].id == "p-b");
  CHECK(lines[1].assigned == 0);
  CHECK(lines[2].id == "p-gone");  // named by a registration, no longer a Kümmerer of the directory
  CHECK(lines[2].name.empty());
  CHECK(lines[2].assigned == 1);
  CHECK(lines[3].id.empty());  // registrations without one
  CHECK(lines[3].assigned == 1);
}
