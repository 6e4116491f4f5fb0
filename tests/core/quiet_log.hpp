// Swallows the log lines of one test (and counts the errors) for as long as it lives.
#pragma once

#include <mutex>
#include <string_view>

#include "kiosk/core/log.hpp"

namespace wk::core::test {

struct QuietLog {
  std::mutex mutex;
  int errors = 0;
  QuietLog() {
    log::set_sink([this](log::Level level, std::string_view) {
      std::lock_guard lock(mutex);
      if (level == log::Level::error) ++errors;
    });
  }
  ~QuietLog() { log::set_sink(nullptr); }
};

}  // namespace wk::core::test
