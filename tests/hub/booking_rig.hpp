// A hub store in memory with two courses and terminals, a clock the test moves, and helpers that
// push booking changes the way terminals do. Shared by the ledger, allotment and waiting-list tests.
#pragma once

#include "sync/hub/hub_store.hpp"

#include "kiosk/core/time.hpp"
#include "kiosk/core/uuid.hpp"
#include "tests/core/quiet_log.hpp"

#include <nlohmann/json.hpp>

#include <chrono>
#include <memory>
#include <string>

namespace wk::hub::test {

inline nlohmann::json line(const char* course, int person) {
  return {{"course_id", course}, {"person", person}};
}

struct BookingRig {
  wk::core::test::QuietLog quiet;
  HubStore store{":memory:"};
  std::int64_t seq = 0;
  // The hub's clock: tests move it with advance().
  std::shared_ptr<std::chrono::system_clock::time_point> clock =
      std::make_shared<std::chrono::system_clock::time_point>(*wk::core::from_iso8601("2026-12-06T09:00:00.000Z"));

  BookingRig() {
    store.set_clock([c = clock] { return *c; });
    store.add_terminal("term-1");
    store.add_terminal("term-2");
    store.upsert_items(
        "course",
        {{"c-evening", {{"title", {{"de", "B1 abends"}}}, {"course_type", "job_basic_b1"}, {"capacity", 3}}},
         {"c-family", {{"title", {{"de", "A1 Familie"}}}, {"course_type", "family_members"}, {"capacity", 2}}}},
        false);
  }

  void advance(std::chrono::seconds by) { *clock += by; }

  wk::sync::Change booking(nlohmann::json lines, const std::string& code = "K7QM-4XRT-X",
                           const std::string& terminal = "term-1", bool allotted = false) {
    wk::sync::Change c;
    c.change_id = wk::core::uuid_v7();
    c.seq = ++seq;
    c.entity = "booking";
    c.entity_id = wk::core::uuid_v7();
    c.op = "insert";
    c.created_at = "2026-12-06T10:00:00.000Z";
    c.payload = {{"id", c.entity_id},
                 {"created_at", c.created_at},
                 {"terminal_id", terminal},
                 {"code", code},
                 {"lines", std::move(lines)}};
    if (allotted) c.payload["allotted"] = true;
    return c;
  }
  wk::sync::Change cancel(const std::string& booking_id, const std::string& code = "") {
    wk::sync::Change c;
    c.change_id = wk::core::uuid_v7();
    c.seq = ++seq;
    c.entity = "booking";
    c.entity_id = booking_id;
    c.op = "delete";
    c.created_at = "2026-12-06T11:00:00.000Z";
    c.payload = {{"id", booking_id}};
    if (!code.empty()) c.payload["code"] = code;
    return c;
  }
  wk::sync::PushResult push(const wk::sync::Change& c, const std::string& terminal = "term-1") {
    wk::sync::PushRequest r;
    r.terminal_id = terminal;
    r.changes = {c};
    return store.apply_push(terminal, r).results.at(0);
  }
  std::string state(const wk::sync::Change& c) {
    const auto b = store.find_booking(c.entity_id);
    return b ? b->state : "none";
  }
  std::int64_t seats_free(const std::string& course) {
    for (const auto& item : store.catalog_since("", 5000).items)
      if (item.kind == "course" && item.id == course) return item.data.at("seats_free").get<std::int64_t>();
    return -1;
  }
  // The terminal's allotment of `course` after a pull (0 when none).
  std::int64_t pull_allotment(const std::string& terminal, const std::string& course, bool pending = false) {
    const auto page = store.catalog_since("", 5000, terminal, pending);
    for (const auto& a : page.allotments)
      if (a.course_id == course) return a.seats;
    return 0;
  }
  CourseFigures figures(const std::string& course) {
    for (const auto& f : store.course_figures())
      if (f.id == course) return f;
    return {};
  }
};

}  // namespace wk::hub::test
