// Waiting lists with timed offers. First come, first served per course, a family's booking one
// entry: when seats free up (a cancellation, a raised capacity, allotments returned or run out),
// the first waiting booking whose every line fits is offered them for BookingPolicy::offer_ttl;
// the seats are held for it meanwhile. The newcomer accepts (confirmed) or declines at any
// terminal online with the booking's code; on decline or expiry the offer passes on. An entry
// that does not fit holds its place: nobody behind it in the same course passes it.
#pragma once

#include "sync/hub/booking_ledger.hpp"

namespace wk::hub {

// Ends offers that ran out (cancelled, reason "offer_expired") and allotments that ran out;
// returns how many of either ended.
std::int64_t expire_due(wk::core::Database& db, const LedgerContext& ctx);

// Offers free seats to the waiting lists in arrival order; a waiting booking naming a course no
// longer offered is declined ("course_not_offered:ID"). Returns the offers made.
std::int64_t advance_waiting_lists(wk::core::Database& db, const LedgerContext& ctx);

// The answer to an offer, given at a terminal with the booking's code.
enum class OfferAnswer { accept, decline };
enum class OfferOutcome { confirmed, declined, no_offer };  // no_offer: unknown id, wrong code or no live offer
OfferOutcome answer_offer(wk::core::Database& db, const LedgerContext& ctx, std::string_view booking_id,
                          std::string_view code, OfferAnswer answer);

// Place of waiting booking `booking_id` among the waiting entries that share a course with it
// (1-based), and how many those are; {0, 0} when it does not wait.
std::pair<std::int64_t, std::int64_t> waiting_position(wk::core::Database& db, std::string_view booking_id);

}  // namespace wk::hub
