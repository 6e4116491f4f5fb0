// The hub's Kümmerer decisions (sync/hub/kuemmerer_assignment.hpp) and its count of
// registrations per Kümmerer (kuemmerer_load.hpp), as `welcome-hub kuemmerer list` prints it.
#include <catch2/catch.hpp>

#include "kiosk/core/registration_code.hpp"
#include "sync/hub/hub_store.hpp"
#include "tests/core/quiet_log.hpp"
#include "tests/hub/hub_test_support.hpp"

using nlohmann::json;
using wk::hub::HubStore;

namespace {

// Registrations from `terminal` proposing each of `proposals` ("" : none), Farsi speakers in
// 10115 unless `residence` says otherwise; returns their changes as pushed.
std::vector<wk::sync::Change> push(HubStore& store, const std::vector<std::string>& proposals,
                                   const std::string& terminal = "term-1",
                                   const std::string& residence = "10115 Berlin") {
  static std::int64_t seq = 0;
  std::vector<wk::sync::Change> changes;
  for (const std::string& k : proposals) {
    auto c = wk::hub::test::registration_change(++seq, terminal);
    c.payload["code"] = wk::core::new_registration_code();
    c.payload["kuemmerer_id"] = k.empty() ? json(nullptr) : json(k);
    c.payload["preferred_language"] = "fa";
    c.payload["residence"] = residence;
    changes.push_back(std::move(c));
  }
  const auto answer = store.apply_push(terminal, {terminal, changes});
  for (const auto& r : answer.results) {
    INFO(r.reason);
    REQUIRE(r.status == wk::sync::PushResult::Status::applied);
  }
  return changes;
}

std::map<std::string, std::pair<std::string, std::string>> decisions(HubStore& store) {
  std::map<std::string, std::pair<std::string, std::string>> out;  // id -> (kuemmerer, reason)
  store.for_each_registration([&](const wk::hub::ReceivedRegistration& r) {
    out[r.payload.at("id").get<std::string>()] = {r.kuemmerer_id, r.kuemmerer_reason};
  });
  return out;
}

void directory(HubStore& store, std::int64_t capacity_b = 40) {
  store.upsert_items(
      "organisation",
      {{"o-iq", json{{"name", {{"de", "IQ Beratung"}}}, {"kind", "recognition_counselling"}}},
       {"o-far", json{{"name", {{"de", "MBE Süd"}}}, {"kind", "migration_counselling"}, {"postal_codes", {"80*"}}}}},
      false);
  store.upsert_items(
      "contact_person",
      {{"p-b", json{{"name", "Samir Haddad"},
                    {"organisation_id", "o-iq"},
                    {"languages", {"fa", "de"}},
                    {"kuemmerer_capacity", capacity_b}}},
       {"p-a", json{{"name", "Aylin Berger"},
                    {"organisation_id", "o-iq"},
                    {"languages", {"fa", "tr"}},
                    {"kuemmerer_capacity", 120}}},
       {"p-far",
        json{{"name", "Far Away"}, {"organisation_id", "o-far"}, {"languages", {"fa"}}, {"kuemmerer_capacity", 500}}},
       {"p-plain", json{{"name", "No Kümmerer"}, {"organisation_id", "o-iq"}}}},
      false);
}

std::vector<wk::sync::KuemmererState> pulled(HubStore& store, const std::string& terminal,
                                             const std::string& cursor = "") {
  return store.catalog_since(cursor, 5000, terminal, false).kuemmerer;
}

}  // namespace

TEST_CASE("the hub confirms a Kümmerer who is there and has room, and tells the terminal nothing", "[hub][kuemmerer]") {
  wk::core::test::QuietLog quiet;
  HubStore store(":memory:");
  store.add_terminal("term-1");
  directory(store);
  const auto c = push(store, {"p-b"});
  CHECK(decisions(store).at(c[0].entity_id) == std::pair<std::string, std::string>{"p-b", "proposed"});
  CHECK(pulled(store, "term-1").empty());
}

TEST_CASE("the hub reassigns when the person left, is full or none was chosen, and the terminal hears it",
          "[hub][kuemmerer]") {
  wk::core::test::QuietLog quiet;
  HubStore store(":memory:");
  store.add_terminal("term-1");
  store.add_terminal("term-2");
  directory(store, 1);
  const std::string cursor = store.catalog_since("", 5000, "term-1", false).cursor;
  const auto first = push(store, {"p-b", "p-b", "p-gone", "p-plain", ""});
  const auto d = decisions(store);
  CHECK(d.at(first[0].entity_id) == std::pair<std::string, std::string>{"p-b", "proposed"});
  // p-b's capacity of 1 is taken; p-gone is no contact person, p-plain no Kümmerer. The one who
  // fits (area, language) with the smallest share is Aylin Berger; Far Away's area is 80*.
  CHECK(d.at(first[1].entity_id) == std::pair<std::string, std::string>{"p-a", "full"});
  CHECK(d.at(first[2].entity_id) == std::pair<std::string, std::string>{"p-a", "left"});
  CHECK(d.at(first[3].entity_id) == std::pair<std::string, std::string>{"p-a", "left"});
  CHECK(d.at(first[4].entity_id) == std::pair<std::string, std::string>{"p-a", "none"});
  const auto states = pulled(store, "term-1", cursor);
  REQUIRE(states.size() == 4);
  CHECK(states[0].registration_id == first[1].entity_id);
  CHECK(states[0].kuemmerer_id == "p-a");
  CHECK(states[3].registration_id == first[4].entity_id);
  CHECK(pulled(store, "term-2").empty());  // another terminal's registrations are not its business
  // Once taken, the cursor moves past them.
  const auto page = store.catalog_since(cursor, 5000, "term-1", false);
  CHECK(store.catalog_since(page.cursor, 5000, "term-1", false).kuemmerer.empty());
  // Pages share the limit with the catalog items: one at a time, in version order.
  std::string c = cursor;
  std::vector<std::string> one_by_one;
  for (int i = 0; i < 10; ++i) {
    const auto p = store.catalog_since(c, 1, "term-1", false);
    for (const auto& k : p.kuemmerer) one_by_one.push_back(k.registration_id);
    c = p.cursor;
    if (!p.more) break;
  }
  CHECK(one_by_one ==
        std::vector<std::string>{first[1].entity_id, first[2].entity_id, first[3].entity_id, first[4].entity_id});
  // The code look-up tells any terminal the final word.
  CHECK(store.lookup_code(first[2].payload.at("code").get<std::string>()).kuemmerer_id == "p-a");
}

TEST_CASE("a residence outside everyone's area still gets a Kümmerer, from the region-wide ones first",
          "[hub][kuemmerer]") {
  wk::core::test::QuietLog quiet;
  HubStore store(":memory:");
  store.add_terminal("term-1");
  directory(store);
  const auto munich = push(store, {"p-gone"}, "term-1", "80331 München");
  CHECK(decisions(store).at(munich[0].entity_id).first == "p-far");  // the only area naming 80331
}

TEST_CASE("a hub without Kümmerer in its directory keeps the terminal's choice", "[hub][kuemmerer]") {
  wk::core::test::QuietLog quiet;
  HubStore store(":memory:");
  store.add_terminal("term-1");
  const auto c = push(store, {"p-x", ""});
  const auto d = decisions(store);
  CHECK(d.at(c[0].entity_id) == std::pair<std::string, std::string>{"p-x", "proposed"});
  CHECK(d.at(c[1].entity_id) == std::pair<std::string, std::string>{"", "proposed"});
  CHECK(pulled(store, "term-1").empty());
}

TEST_CASE("the operator reassigns by id or code, the terminal hears it, wrong input changes nothing",
          "[hub][kuemmerer]") {
  wk::core::test::QuietLog quiet;
  HubStore store(":memory:");
  store.add_terminal("term-1");
  directory(store);
  const auto c = push(store, {"p-a", "p-a"});
  const std::string cursor = store.catalog_since("", 5000, "term-1", false).cursor;
  const std::string code = c[1].payload.at("code").get<std::string>();
  std::string lower = code;
  for (char& ch : lower) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  const auto r = store.reassign_kuemmerer(lower, "p-b");  // typed as staff type it
  CHECK(r.registration_id == c[1].entity_id);
  CHECK(r.from == "p-a");
  CHECK(r.to == "p-b");
  CHECK(decisions(store).at(c[1].entity_id) == std::pair<std::string, std::string>{"p-b", "operator"});
  const auto states = pulled(store, "term-1", cursor);
  REQUIRE(states.size() == 1);
  CHECK(states[0].kuemmerer_id == "p-b");
  CHECK(store.reassign_kuemmerer(c[0].entity_id, "p-a").from == "p-a");  // already there: nothing to tell
  CHECK(pulled(store, "term-1", store.catalog_since(cursor, 5000, "term-1", false).cursor).empty());

  CHECK_THROWS_WITH(store.reassign_kuemmerer(c[0].entity_id, "p-plain"), Catch::Contains("is not a Kümmerer"));
  CHECK_THROWS_WITH(store.reassign_kuemmerer(c[0].entity_id, "p-nobody"), Catch::Contains("is not a Kümmerer"));
  CHECK_THROWS_WITH(store.reassign_kuemmerer("ZZZZ-ZZZZ-Z", "p-b"), Catch::Contains("no registration"));
  CHECK(decisions(store).at(c[0].entity_id).first == "p-a");
}

TEST_CASE("kuemmerer list: the directory's Kümmerer with their registrations, then unknown ids and none",
          "[hub][kuemmerer]") {
  wk::core::test::QuietLog quiet;
  HubStore store(":memory:");
  store.add_terminal("term-1");
  directory(store);
  push(store, {"p-a", "p-a", "p-b"});
  // p-b leaves the directory after the assignment: their registration is listed apart.
  store.upsert_items(
      "contact_person",
      {{"p-a", json{{"name", "Aylin Berger"},
                    {"organisation_id", "o-iq"},
                    {"languages", {"fa", "tr"}},
                    {"kuemmerer_capacity", 120}}},
       {"p-far",
        json{{"name", "Far Away"}, {"organisation_id", "o-far"}, {"languages", {"fa"}}, {"kuemmerer_capacity", 500}}}},
      true);
  const auto lines = store.kuemmerer_loads();
  REQUIRE(lines.size() == 4);
  CHECK(lines[0].id == "p-a");
  CHECK(lines[0].name == "Aylin Berger");
  CHECK(lines[0].capacity == 120);
  CHECK(lines[0].assigned == 2);
  CHECK(lines[1].id == "p-far");
  CHECK(lines[1].assigned == 0);
  CHECK(lines[2].id == "p-b");  // named by a registration, no longer a Kümmerer of the directory
  CHECK(lines[2].name.empty());
  CHECK(lines[2].assigned == 1);
  CHECK(lines[3].id.empty());  // registrations without one
  CHECK(lines[3].assigned == 0);
}
