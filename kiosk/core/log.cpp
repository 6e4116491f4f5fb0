// Leveled logging: the threshold, the line format and the single writer (see log.hpp).
#include "kiosk/core/log.hpp"

#include "kiosk/core/time.hpp"

#include <systemd/sd-journal.h>

#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <mutex>
#include <stdexcept>
#include <string>
#include <utility>

namespace wk::core::log {
namespace {

std::atomic<Level> g_level{Level::info};

std::mutex& writer_mutex() {
  static std::mutex m;
  return m;
}

std::function<void(Level, std::string_view)>& sink_slot() {
  static std::function<void(Level, std::string_view)> sink;
  return sink;
}

// Level names padded to one width so the components line up.
std::string_view padded_name(Level level) {
  switch (level) {
    case Level::debug:
      return "debug";
    case Level::info:
      return "info ";
    case Level::warn:
      return "warn ";
    case Level::error:
      return "error";
  }
  return "?????";
}

std::string_view syslog_prefix(Level level) {
  switch (level) {
    case Level::debug:
      return "<7>";
    case Level::info:
      return "<6>";
    case Level::warn:
      return "<4>";
    case Level::error:
      return "<3>";
  }
  return "<6>";
}

// Appends `text` with every ASCII control character (newlines above all) turned into a space.
void append_sanitized(std::string& out, std::string_view text) {
  for (char c : text) {
    const auto u = static_cast<unsigned char>(c);
    out.push_back(u < 0x20 || u == 0x7f ? ' ' : c);
  }
}

}  // namespace

void set_level(Level level) {
  g_level.store(level, std::memory_order_relaxed);
}

Level level() {
  return g_level.load(std::memory_order_relaxed);
}

bool enabled(Level l) {
  return static_cast<int>(l) >= static_cast<int>(level());
}

Level parse_level(std::string_view text) {
  if (text == "debug") return Level::debug;
  if (text == "info") return Level::info;
  if (text == "warn") return Level::warn;
  if (text == "error") return Level::error;
  throw std::invalid_argument("unknown log level \"" + std::string(text) + "\" (expected debug, info, warn or error)");
}

std::string_view level_name(Level level) {
  switch (level) {
    case Level::debug:
      return "debug";
    case Level::info:
      return "info";
    case Level::warn:
      return "warn";
    case Level::error:
      return "error";
  }
  return "unknown";
}

namespace {

// Sends the event to the journal; false when it could not (no journald, a full socket).
bool send_to_journal(Level level, const EventInfo& info, const std::string& component, const std::string& message) {
  const int priority = level == Level::debug ? 7 : level == Level::info ? 6 : level == Level::warn ? 4 : 3;
  const std::string text = "[" + component + "] " + message;
  return sd_journal_send("MESSAGE=%s", text.c_str(), "PRIORITY=%d", priority, "MESSAGE_ID=%.*s",
                         static_cast<int>(info.id.size()), info.id.data(), "WK_EVENT=%.*s",
                         static_cast<int>(info.name.size()), info.name.data(), "WK_COMPONENT=%s", component.c_str(),
                         nullptr) >= 0;
}

}  // namespace

void event(Level level, Event event, std::string_view component, std::string_view message) {
  if (!enabled(level)) return;
  const EventInfo& info = info_of(event);
  try {
    std::string comp, msg;
    append_sanitized(comp, component);
    append_sanitized(msg, message);
    bool sent = false;
    if (std::getenv("JOURNAL_STREAM") != nullptr) {
      std::lock_guard lock(writer_mutex());
      sent = !sink_slot() && send_to_journal(level, info, comp, msg);
    }
    if (!sent) write(level, comp, msg + " [event " + std::string(info.name) + "]");
  } catch (...) {
    // As write(): the line is lost, the program goes on.
  }
}

void write(Level level, std::string_view component, std::string_view message) {
  if (!enabled(level)) return;
  try {
    const bool journald = std::getenv("JOURNAL_STREAM") != nullptr;
    std::string line;
    line.reserve(40 + component.size() + message.size());
    if (journald) {
      line += syslog_prefix(level);
    } else {
      line += utc_now_iso8601();
      line += ' ';
    }
    line += padded_name(level);
    line += " [";
    append_sanitized(line, component);
    line += "] ";
    append_sanitized(line, message);

    std::lock_guard lock(writer_mutex());
    if (auto& sink = sink_slot()) {
      sink(level, line);
    } else {
      line += '\n';
      std::fwrite(line.data(), 1, line.size(), stderr);
      std::fflush(stderr);
    }
  } catch (...) {
    // Logging must never take the kiosk down; the line is lost.
  }
}

void debug(std::string_view component, std::string_view message) {
  write(Level::debug, component, message);
}
void info(std::string_view component, std::string_view message) {
  write(Level::info, component, message);
}
void warn(std::string_view component, std::string_view message) {
  write(Level::warn, component, message);
}
void error(std::string_view component, std::string_view message) {
  write(Level::error, component, message);
}

void set_sink(std::function<void(Level, std::string_view line)> sink) {
  std::lock_guard lock(writer_mutex());
  sink_slot() = std::move(sink);
}

}  // namespace wk::core::log
