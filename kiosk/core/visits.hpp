// Visits: one anonymous kiosk session each — when it started, in which language, when and
// how it ended. No personal data. Welcome Centers count visits in aggregate (how many people
// used the terminal, in which languages); each change reaches the hub through the outbox.
//
// Every function here is one user action: it writes the visits row and its outbox entry in
// one transaction, or nothing.
#pragma once

#include "kiosk/core/store.hpp"

#include <string>
#include <string_view>

namespace wk::core {

// Starts a visit in `language` (a language code such as "de" or "zh-Hans": 1..35 characters
// of A-Z a-z 0-9 '-') and returns its new UUIDv7 id. Writes one visits row and one outbox
// entry {entity "visit", op "insert", payload {id, started_at, language}}.
// Throws std::invalid_argument for a malformed language code, SqliteError if writing fails
// (then nothing is written).
std::string start_visit(Store& store, std::string_view language);

// Ends visit `id` with `reason` "finished" (the newcomer said goodbye) or "idle" (the idle
// timer wiped the session). Writes ended_at/end_reason and one outbox entry
// {op "update", payload {id, ended_at, end_reason}}. An idle end also counts an idle reset in the
// visit's language and, with `step` (the screen id the session stood on), an abandoned session
// there (usage_counts.hpp). Ending an unknown or already ended
// visit writes nothing and returns false; returns true if this call ended the visit.
// Throws std::invalid_argument for another reason, SqliteError if writing fails.
bool end_visit(Store& store, std::string_view id, std::string_view reason, std::string_view step = {});

// Records that the newcomer switched to `language` during visit `id`. Writes the new
// language and one outbox entry {op "update", payload {id, language}}. An unknown or ended
// visit, or no actual change of language, writes nothing and returns false.
// Throws std::invalid_argument for a malformed language code, SqliteError if writing fails.
bool set_visit_language(Store& store, std::string_view id, std::string_view language);

}  // namespace wk::core
