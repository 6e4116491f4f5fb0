// Tests for kiosk/core/log: level parsing and filtering, line format (plain and journald),
// control-character stripping, and whole lines under concurrency.
#include "kiosk/core/log.hpp"

#include <catch2/catch.hpp>

#include <cstdlib>
#include <mutex>
#include <regex>
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
