// `welcome-hub export registrations`: every registration the hub received, for the Welcome
// Center's case system, as one JSON document or as NDJSON (one registration per line).
//
// JSON:   {"exported_at": "...", "registrations": [R, R, ...]}
// NDJSON: R\nR\n...
// where R = {"change_id", "payload", "received_at", "terminal_id"} and payload is the
// registration exactly as the terminal pushed it (person, family_members, consent). Order:
// receipt by the hub. The output holds personal data: a file is created with mode 0600.
#pragma once

#include "sync/hub/hub_store.hpp"

#include <cstdint>
#include <filesystem>
#include <ostream>

namespace wk::hub {

enum class ExportFormat { json, ndjson };

// Writes every registration in `store` to `out` in `format`; returns how many. Throws
// std::runtime_error if the stream fails (and whatever the store throws).
std::int64_t write_registrations(HubStore& store, ExportFormat format, std::ostream& out);

// Writes the export to `file` atomically: into a temporary file (mode 0600) in the same
// directory, flushed to disk, then renamed over `file`. On failure `file` is unchanged, the
// temporary file removed, and std::runtime_error names the file and the problem.
std::int64_t export_registrations_to_file(HubStore& store, ExportFormat format, const std::filesystem::path& file);

}  // namespace wk::hub
