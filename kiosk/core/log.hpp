// Leveled, line-oriented logging to stderr (or journald when run under systemd).
//
// The kiosk logs what an operator needs to diagnose a terminal: ids, counts, error codes,
// file paths, schema versions. It must never log what a newcomer typed or chose about
// themselves: a kiosk log is copied around for support and outlives any retention period.
//
// CONTRACT FOR EVERY CALLER: never pass personal data — no names, phone numbers, e-mail
// addresses, dates of birth, addresses, or any free text typed by a user — in `component`
// or `message`. Pass only ids (UUIDs), counts, codes and technical text.
//
// One line per call; lines from concurrent threads never interleave. Control characters in
// the component and message (newlines above all) are replaced by spaces, so a message can
// never forge a second log line.
#pragma once

#include <functional>
#include <string_view>

#include "kiosk/core/log_event.hpp"

namespace wk::core::log {

enum class Level { debug, info, warn, error };

// Lines below `level` are dropped from now on. The initial level is info.
void set_level(Level level);

// The current threshold.
Level level();

// True if a line at `level` would be written. Lets callers skip building expensive messages.
bool enabled(Level level);

// "debug" | "info" | "warn" | "error" (exact, lowercase) to a Level.
// Throws std::invalid_argument naming the unknown text otherwise.
Level parse_level(std::string_view text);

// The lowercase name of a level ("debug", "info", "warn", "error").
std::string_view level_name(Level level);

// Writes one line if `level` passes the threshold.
// Under journald (env JOURNAL_STREAM set) the line is "<N>level  [component] message" with
// the syslog priority N (7 debug, 6 info, 4 warn, 3 error) and no timestamp, because the
// journal stamps lines itself; otherwise "2026-11-25T07:40:00.123Z warn  [component] message".
// Never throws; a failing sink or stderr loses the line silently.
void write(Level level, std::string_view component, std::string_view message);

// Writes one line for an event staff search for (log_event.hpp). Under journald it goes to the
// journal natively with MESSAGE_ID, WK_EVENT and WK_COMPONENT fields (sd_journal_send); if that
// fails, and outside journald, it is the line write() makes with " [event NAME]" at its end.
void event(Level level, Event event, std::string_view component, std::string_view message);

void debug(std::string_view component, std::string_view message);
void info(std::string_view component, std::string_view message);
void warn(std::string_view component, std::string_view message);
void error(std::string_view component, std::string_view message);

// Test hook: every line that passes the threshold goes to `sink` (without a trailing newline)
// instead of stderr. nullptr restores stderr. The sink runs under the logger's mutex: it must
// not log itself.
void set_sink(std::function<void(Level, std::string_view line)> sink);

}  // namespace wk::core::log
