// What the hub tells a terminal about a registration code typed there (GET /v1/codes/{code},
// PROTOCOL.md "Code look-up"): whether the code is known, the registered person's initial, the
// id of their Kümmerer, and the code's bookings with their states, waiting places and offers — nothing else of the
// registration, so a mistyped or guessed code reveals as little as possible.
#pragma once

#include "sync/hub/booking_ledger.hpp"

namespace wk::hub {

// Most bookings one answer lists (newest first).
inline constexpr int kMaxLookupBookings = 100;

// The answer for `code` (as typed; normalised here) as of ctx.now (settled first). An invalid
// code is simply not known.
wk::sync::CodeLookup lookup_code(wk::core::Database& db, const LedgerContext& ctx, std::string_view code);

}  // namespace wk::hub
