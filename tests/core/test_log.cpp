// Tests for kiosk/core/log: level parsing and filtering, line format (plain and journald),
// control-character stripping, and whole lines under concurrency.
#include "kiosk/core/log.hpp"

#include <catch2/catch.hpp>

#include "tests/support/paths.hpp"

#include <cstdlib>
#include <fstream>
#include <mutex>
#include <regex>
#include <set>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

namespace wlog = wk::core::log;

namespace {

// Captures log lines for one test and restores level, sink and JOURNAL_STREAM afterwards.
struct Capture {
  std::mutex mutex;
  std::vector<std::pair<wlog::Level, std::string>> lines;
  std::string saved_journal;
  bool had_journal = false;

  Capture() {
    if (const char* j = std::getenv("JOURNAL_STREAM")) {
      had_journal = true;
      saved_journal = j;
    }
    ::unsetenv("JOURNAL_STREAM");
    wlog::set_sink([this](wlog::Level level, std::string_view line) {
      std::lock_guard lock(mutex);
      lines.emplace_back(level, std::string(line));
    });
  }
  ~Capture() {
    wlog::set_sink(nullptr);
    wlog::set_level(wlog::Level::info);
    if (had_journal) {
      ::setenv("JOURNAL_STREAM", saved_journal.c_str(), 1);
    } else {
      ::unsetenv("JOURNAL_STREAM");
    }
  }
};

}  // namespace

TEST_CASE("parse_level accepts the four names and rejects anything else", "[log]") {
  CHECK(wlog::parse_level("debug") == wlog::Level::debug);
  CHECK(wlog::parse_level("info") == wlog::Level::info);
  CHECK(wlog::parse_level("warn") == wlog::Level::warn);
  CHECK(wlog::parse_level("error") == wlog::Level::error);
  CHECK_THROWS_AS(wlog::parse_level("warning"), std::invalid_argument);
  CHECK_THROWS_AS(wlog::parse_level("INFO"), std::invalid_argument);
  CHECK_THROWS_AS(wlog::parse_level(""), std::invalid_argument);
  CHECK(wlog::level_name(wlog::Level::warn) == "warn");
}

TEST_CASE("lines below the level are dropped", "[log]") {
  Capture cap;
  wlog::set_level(wlog::Level::warn);
  wlog::debug("test", "d");
  wlog::info("test", "i");
  wlog::warn("test", "w");
  wlog::error("test", "e");
  REQUIRE(cap.lines.size() == 2);
  CHECK(cap.lines[0].first == wlog::Level::warn);
  CHECK(cap.lines[1].first == wlog::Level::error);
  CHECK_FALSE(wlog::enabled(wlog::Level::info));

  wlog::set_level(wlog::Level::debug);
  wlog::debug("test", "d");
  CHECK(cap.lines.size() == 3);
}

TEST_CASE("plain line format has a UTC timestamp, padded level and component", "[log]") {
  Capture cap;
  wlog::warn("store", "opened 3 files");
  REQUIRE(cap.lines.size() == 1);
  const std::regex format(R"(^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z warn  \[store\] opened 3 files$)");
  CHECK(std::regex_match(cap.lines[0].second, format));
}

TEST_CASE("under journald the line starts with the syslog priority and has no timestamp", "[log]") {
  Capture cap;
  ::setenv("JOURNAL_STREAM", "8:12345", 1);
  wlog::set_level(wlog::Level::debug);
  wlog::debug("a", "x");
  wlog::info("a", "x");
  wlog::warn("a", "x");
  wlog::error("a", "x");
  REQUIRE(cap.lines.size() == 4);
  CHECK(cap.lines[0].second == "<7>debug [a] x");
  CHECK(cap.lines[1].second == "<6>info  [a] x");
  CHECK(cap.lines[2].second == "<4>warn  [a] x");
  CHECK(cap.lines[3].second == "<3>error [a] x");
}

TEST_CASE("newlines and other control characters cannot forge log lines", "[log]") {
  Capture cap;
  ::setenv("JOURNAL_STREAM", "1:1", 1);
  wlog::error("comp\nonent", "first\nsecond\r\nthird\x1b[31m");
  REQUIRE(cap.lines.size() == 1);
  const std::string& line = cap.lines[0].second;
  CHECK(line.find('\n') == std::string::npos);
  CHECK(line.find('\r') == std::string::npos);
  CHECK(line.find('\x1b') == std::string::npos);
  CHECK(line == "<3>error [comp onent] first second  third [31m");
}

TEST_CASE("concurrent writers produce whole lines", "[log]") {
  Capture cap;
  constexpr int kThreads = 4;
  constexpr int kLines = 500;
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([t] {
      for (int i = 0; i < kLines; ++i) wlog::info("thread" + std::to_string(t), "line " + std::to_string(i));
    });
  }
  for (auto& th : threads) th.join();
  REQUIRE(cap.lines.size() == static_cast<std::size_t>(kThreads * kLines));
  const std::regex format(R"(^\S+Z info  \[thread\d\] line \d+$)");
  for (const auto& [level, line] : cap.lines) REQUIRE(std::regex_match(line, format));
}

TEST_CASE("set_sink(nullptr) restores stderr without crashing", "[log]") {
  wlog::set_sink(nullptr);
  wlog::set_level(wlog::Level::error);
  wlog::info("test", "dropped by level");
  wlog::set_level(wlog::Level::info);
  SUCCEED();
}

TEST_CASE("events: stable, distinct ids, each explained in the packages' journal catalogs", "[log][event]") {
  std::set<std::string_view> ids, names;
  std::string catalogs;
  for (const char* file : {"install/debian/welcome-kiosk.catalog", "install/debian/welcome-hub.catalog"}) {
    std::ifstream in(wk::test::source_dir() / file);
    REQUIRE(in);
    catalogs += std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  }
  for (const auto& e : wlog::events()) {
    CHECK(std::regex_match(std::string(e.id), std::regex("[0-9a-f]{32}")));
    CHECK(ids.insert(e.id).second);
    CHECK(names.insert(e.name).second);
    CHECK(&wlog::info_of(e.event) == &e);
    const bool explained = catalogs.find("-- " + std::string(e.id) + "\nSubject: ") != std::string::npos;
    INFO(e.name);
    CHECK(explained);
  }
  // A known id stays what it was released as.
  CHECK(wlog::info_of(wlog::Event::sync_failed).id == "f7526f95389c46abbcbb7874cedca4db");
}

TEST_CASE("events: outside journald a line with the event's name at its end", "[log][event]") {
  Capture cap;
  wlog::event(wlog::Level::warn, wlog::Event::token_refused, "sync", "hub says no\nforged");
  REQUIRE(cap.lines.size() == 1);
  CHECK(cap.lines[0].first == wlog::Level::warn);
  CHECK(std::regex_search(cap.lines[0].second,
                          std::regex(R"(warn  \[sync\] hub says no forged \[event token-refused\]$)")));
  // Under journald with a sink (tests) the same line, with the syslog prefix.
  ::setenv("JOURNAL_STREAM", "8:12345", 1);
  wlog::event(wlog::Level::error, wlog::Event::database_refused, "kiosk", "cannot open");
  REQUIRE(cap.lines.size() == 2);
  CHECK(cap.lines[1].second == "<3>error [kiosk] cannot open [event database-refused]");
  // Below the level: nothing.
  wlog::set_level(wlog::Level::error);
  wlog::event(wlog::Level::warn, wlog::Event::sync_failed, "sync", "x");
  CHECK(cap.lines.size() == 2);
}
