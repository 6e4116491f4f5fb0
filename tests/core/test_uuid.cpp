// Tests for kiosk/core/uuid: UUIDv7 format, version, variant, embedded time, uniqueness and
// strict monotonicity (also with a stalled or backward clock, and across threads).
#include "kiosk/core/uuid.hpp"

#include <catch2/catch.hpp>

#include <chrono>
#include <set>
#include <stdexcept>
#include <thread>
#include <unordered_set>
#include <vector>

using namespace wk::core;

namespace {

std::int64_t now_ms() {
  using namespace std::chrono;
  return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

}  // namespace

TEST_CASE("uuid_v7 has the canonical lowercase form, version 7 and variant 0b10", "[uuid]") {
  for (int i = 0; i < 1000; ++i) {
    const std::string id = uuid_v7();
    REQUIRE(id.size() == 36);
    REQUIRE(id[8] == '-');
    REQUIRE(id[13] == '-');
    REQUIRE(id[18] == '-');
    REQUIRE(id[23] == '-');
    REQUIRE(id[14] == '7');
    REQUIRE((id[19] == '8' || id[19] == '9' || id[19] == 'a' || id[19] == 'b'));
    for (char c : id) REQUIRE((c == '-' || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f')));
    REQUIRE(is_uuid_v7(id));
  }
}

TEST_CASE("uuid_v7 embeds the current Unix time in milliseconds", "[uuid]") {
  const auto before = now_ms();
  const std::string id = uuid_v7();
  const auto after = now_ms();
  const auto ms = uuid_v7_millis(id);
  // The generator may run ahead of the clock by a few ms after bursts (counter carry).
  CHECK(ms >= before);
  CHECK(ms <= after + 1000);
}

TEST_CASE("100k uuid_v7 are unique and strictly increasing", "[uuid]") {
  constexpr int kCount = 100'000;
  std::vector<std::string> ids;
  ids.reserve(kCount);
  for (int i = 0; i < kCount; ++i) ids.push_back(uuid_v7());
  for (std::size_t i = 1; i < ids.size(); ++i) REQUIRE(ids[i - 1] < ids[i]);
  const std::unordered_set<std::string> unique(ids.begin(), ids.end());
  CHECK(unique.size() == ids.size());
}

TEST_CASE("uuid_v7 stays unique and per-thread increasing across threads", "[uuid]") {
  constexpr int kThreads = 4;
  constexpr int kPerThread = 20'000;
  std::vector<std::vector<std::string>> per_thread(kThreads);
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      auto& out = per_thread[static_cast<std::size_t>(t)];
      for (int i = 0; i < kPerThread; ++i) out.push_back(uuid_v7());
    });
  }
  for (auto& th : threads) th.join();
  std::unordered_set<std::string> all;
  for (const auto& ids : per_thread) {
    for (std::size_t i = 1; i < ids.size(); ++i) REQUIRE(ids[i - 1] < ids[i]);
    all.insert(ids.begin(), ids.end());
  }
  CHECK(all.size() == static_cast<std::size_t>(kThreads * kPerThread));
}

TEST_CASE("a stalled clock increments the counter and carries into the timestamp", "[uuid]") {
  detail::UuidV7State state;
  std::array<unsigned char, 10> random{};
  random.fill(0xff);  // worst case: counter seed 0x7ff leaves 2048 increments
  const std::int64_t t0 = 1795592400123;
  std::string prev = detail::next_uuid_v7(state, t0, random);
  REQUIRE(uuid_v7_millis(prev) == t0);
  for (int i = 0; i < 5000; ++i) {
    const std::string id = detail::next_uuid_v7(state, t0, random);
    REQUIRE(is_uuid_v7(id));
    REQUIRE(prev < id);
    prev = id;
  }
  CHECK(uuid_v7_millis(prev) > t0);  // carried
  CHECK(uuid_v7_millis(prev) <= t0 + 3);
}

TEST_CASE("a clock that steps back never produces a smaller id", "[uuid]") {
  detail::UuidV7State state;
  std::array<unsigned char, 10> random{};
  const std::string a = detail::next_uuid_v7(state, 2'000'000, random);
  const std::string b = detail::next_uuid_v7(state, 1'000'000, random);
  const std::string c = detail::next_uuid_v7(state, 2'000'001, random);
  CHECK(a < b);
  CHECK(b < c);
  CHECK(uuid_v7_millis(b) == 2'000'000);
  CHECK(uuid_v7_millis(c) == 2'000'001);
}

TEST_CASE("is_uuid_v7 rejects other versions, variants, case and shapes", "[uuid]") {
  const std::string good = "019a8f3e-5c1b-7d2a-8e4f-0123456789ab";
  CHECK(is_uuid_v7(good));
  CHECK(uuid_v7_millis(good) == 0x019a8f3e5c1b);
  CHECK_FALSE(is_uuid_v7("019A8F3E-5C1B-7D2A-8E4F-0123456789AB"));   // uppercase
  CHECK_FALSE(is_uuid_v7("019a8f3e-5c1b-4d2a-8e4f-0123456789ab"));   // version 4
  CHECK_FALSE(is_uuid_v7("019a8f3e-5c1b-7d2a-ce4f-0123456789ab"));   // variant 0b110
  CHECK_FALSE(is_uuid_v7("019a8f3e-5c1b-7d2a-7e4f-0123456789ab"));   // variant 0b0
  CHECK_FALSE(is_uuid_v7("019a8f3e5c1b7d2a8e4f0123456789ab"));       // no hyphens
  CHECK_FALSE(is_uuid_v7("019a8f3e-5c1b-7d2a-8e4f-0123456789a"));    // short
  CHECK_FALSE(is_uuid_v7("019a8f3e-5c1b-7d2a-8e4f-0123456789abc"));  // long
  CHECK_FALSE(is_uuid_v7("019a8f3e-5c1b-7d2a-8e4f-0123456789ag"));   // not hex
  CHECK_FALSE(is_uuid_v7(""));
  CHECK_THROWS_AS(uuid_v7_millis("not a uuid"), std::invalid_argument);
}
