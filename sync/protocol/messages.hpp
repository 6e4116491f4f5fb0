// The messages of the sync protocol (sync/PROTOCOL.md, version 1) and their JSON form: what the
// terminal sends (PushRequest), what the hub answers (PushResponse, CatalogResponse, ErrorBody).
// No transport here: bodies are byte strings, already decompressed.
//
// Writers produce compact JSON with a top-level "protocol": 1. They do not validate: a message
// built from bad values is written as it is (the strict parsers below are what stand between
// the two sides). A string that is not valid UTF-8 makes a writer throw ProtocolError.
//
// Parsers are strict and total: for ANY input they either return a fully validated message or
// throw ProtocolError (std::bad_alloc aside) — never another exception, never undefined
// behaviour. Checks common to every parser, in this order:
//   - body size: at most kMaxResponseBytes for hub responses, kMaxRequestBytes for requests;
//   - valid UTF-8 (no overlong forms, no surrogates, nothing above U+10FFFF);
//   - nesting at most kMaxNestingDepth levels of arrays/objects (the top-level object is 1);
//   - well-formed JSON whose top level is an object;
//   - "protocol" present, an integer, equal to kProtocolVersion (another positive version
//     throws VersionMismatch).
// Then each field: required fields present with the right JSON type, values within the rules
// listed per parser. Fields this version does not know are ignored (PROTOCOL.md "Versions");
// "null" is never accepted in place of a value, and an optional field that must be absent
// may not be present as null either.
//
// Error messages (ProtocolError::what()) read `<path>: <problem>`, where path is the JSON path
// of the offending value ("results[3].status", "changes[0].payload") or "body" for problems
// with the whole document. They are meant for logs: they never contain payload, data, reason,
// id or cursor values; only short enumeration values are quoted ("unknown value \"ok\"").
#pragma once

#include <nlohmann/json.hpp>

#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace wk::sync {

// [SECTION] Limits (PROTOCOL.md)

inline constexpr int kProtocolVersion = 1;
// Most changes in one push batch; an empty batch is allowed (a connectivity check).
inline constexpr std::size_t kMaxBatch = 500;
// Largest body after decompression: a request (parsed by the hub), a response (by the terminal).
inline constexpr std::size_t kMaxRequestBytes = std::size_t{16} * 1024 * 1024;
inline constexpr std::size_t kMaxResponseBytes = std::size_t{64} * 1024 * 1024;
// Longest rejection reason, in Unicode code points; a reason is never empty.
inline constexpr std::size_t kMaxReasonChars = 500;
// Longest catalog cursor (may be empty) and catalog item id (at least 1), in code points.
inline constexpr std::size_t kMaxCursorChars = 128;
inline constexpr std::size_t kMaxItemIdChars = 128;
// The `limit` of a pull: 1..5000, 1000 when not given. A catalog response never has more items
// than kMaxPullLimit.
inline constexpr int kMinPullLimit = 1;
inline constexpr int kMaxPullLimit = 5000;
inline constexpr int kDefaultPullLimit = 1000;
// terminal_id: 1..64 of [A-Za-z0-9._-] (the same rule as the kiosk configuration).
inline constexpr std::size_t kMaxTerminalIdChars = 64;
// Deepest nesting of arrays and objects any parser accepts (the top-level object counts as 1).
inline constexpr int kMaxNestingDepth = 64;

// [SECTION] Messages

// The entities a change may carry in protocol 1 (PROTOCOL.md "Push").
inline constexpr std::string_view kChangeEntities[] = {"visit",    "registration", "booking",
                                                       "callback", "audit",        "usage"};
bool is_change_entity(std::string_view entity);

// One outbox entry as pushed to the hub.
struct Change {
  std::string change_id;                              // UUID, 8-4-4-4-12 lower-case hex; the idempotency key
  std::int64_t seq = 0;                               // outbox order, >= 0, strictly increasing within a batch
  std::string entity;                                 // one of kChangeEntities
  std::string entity_id;                              // UUID, as change_id
  std::string op;                                     // insert | update | delete
  std::string created_at;                             // YYYY-MM-DDTHH:MM:SS.mmmZ (UTC, milliseconds)
  nlohmann::json payload = nlohmann::json::object();  // an object

  bool operator==(const Change&) const = default;
};

// POST /v1/push body.
struct PushRequest {
  std::string terminal_id;      // 1..64 of [A-Za-z0-9._-]
  std::vector<Change> changes;  // 0..kMaxBatch

  bool operator==(const PushRequest&) const = default;
};

struct PushResult {
  enum class Status { applied, duplicate, rejected };
  std::string change_id;
  Status status = Status::applied;
  std::string reason;  // 1..kMaxReasonChars code points when rejected; empty (absent on the wire) otherwise

  bool operator==(const PushResult&) const = default;
};

// The hub's 200 answer to a push: one result per change sent, in the same order.
struct PushResponse {
  std::vector<PushResult> results;

  bool operator==(const PushResponse&) const = default;
};

struct CatalogItem {
  std::string kind;          // course | organisation | contact_person | text
  std::string id;            // 1..kMaxItemIdChars code points
  std::int64_t version = 0;  // >= 0; strictly increasing over the items of one response
  bool deleted = false;      // a tombstone: no data (null here, absent on the wire)
  nlohmann::json data;       // an object unless deleted

  bool operator==(const CatalogItem&) const = default;
};

// The hub's word on a booking this terminal sent (PROTOCOL.md "Bookings"): its state now.
struct BookingState {
  std::string id;            // the booking's id (the entity_id it was pushed with), 1..64 characters
  std::int64_t version = 0;  // on the catalog's counter; strictly increasing over one response's bookings
  std::string state;         // confirmed | waiting | declined | cancelled; 1..32 of [a-z_] (newer values
                             // are ignored by terminals that do not know them)

  bool operator==(const BookingState&) const = default;
};

// The hub's word on the Kümmerer of a registration this terminal sent (PROTOCOL.md "Kümmerer"):
// who it is now, when that differs from the terminal's own choice.
struct KuemmererState {
  std::string registration_id;  // the registration's id, 1..64 characters
  std::int64_t version = 0;     // on the catalog's counter; strictly increasing over one response's entries
  std::string kuemmerer_id;     // a contact person id, 1..kMaxKuemmererId bytes; "" (null on the wire): none

  bool operator==(const KuemmererState&) const = default;
};

// Seats of a course the hub sets aside for the asking terminal (PROTOCOL.md "Allotments"): it
// may confirm bookings for up to `seats` seats itself, offline too, for a while.
struct Allotment {
  std::string course_id;        // 1..kMaxItemIdChars code points
  std::int64_t seats = 0;       // 1..kMaxAllotmentSeats
  std::int64_t expires_in = 0;  // seconds after the answer until the hub takes them back, 1..kMaxLeaseSeconds

  bool operator==(const Allotment&) const = default;
};
inline constexpr std::int64_t kMaxAllotmentSeats = 10000;
inline constexpr std::int64_t kMaxLeaseSeconds = 31 * 24 * 3600;

// GET /v1/catalog answer.
struct CatalogResponse {
  std::string cursor;  // opaque, 0..kMaxCursorChars code points
  bool more = false;   // ask again at once with `cursor`
  std::vector<CatalogItem> items;
  bool reset = false;  // the terminal's cursor is not valid here: drop all catalogs, then apply
  // The asking terminal's bookings whose state the hub set after the cursor (absent on the wire
  // when empty). Items and bookings share the counter, the cursor and the limit.
  std::vector<BookingState> bookings;
  // The asking terminal's whole set of allotments, by course id; only on the last page (more
  // false). has_allotments false: absent on the wire (an older hub), the terminal keeps its own.
  bool has_allotments = false;
  std::vector<Allotment> allotments;
  // The asking terminal's registrations whose Kümmerer the hub set after the cursor (absent on
  // the wire when empty); on the same counter, cursor and limit.
  std::vector<KuemmererState> kuemmerer;

  bool operator==(const CatalogResponse&) const = default;
};

// GET /v1/codes/{code} answer (PROTOCOL.md "Code look-up"): only what the booking screens need.
struct LookupLine {
  std::string course_id;  // 1..kMaxItemIdChars code points
  int person = 0;         // 0..20
  bool operator==(const LookupLine&) const = default;
};
struct LookupBooking {
  std::string id;                     // 1..64 characters
  std::string state;                  // as BookingState::state ("offered" included)
  std::vector<LookupLine> lines;      // 1..20
  std::int64_t position = 0, of = 0;  // while waiting: place in the queue and its length, else 0
  std::int64_t offer_expires_in = 0;  // while offered: seconds left, else 0
  bool operator==(const LookupBooking&) const = default;
};
struct CodeLookup {
  bool known = false;                   // the hub holds a registration or a booking with this code
  std::string initial;                  // first letter of the registered person's given names and "." ("" if not held)
  std::vector<LookupBooking> bookings;  // 0..100, newest first
  std::string kuemmerer_id;             // the registration's Kümmerer ("": none or unknown); absent on the
                                        // wire when "", else 1..kMaxKuemmererId bytes
  bool operator==(const CodeLookup&) const = default;
};

// POST /v1/bookings/{id}/offer body: the newcomer's answer to an offer, with the booking's code.
struct OfferReply {
  std::string code;    // the registration code, normalised
  std::string answer;  // accept | decline
  bool operator==(const OfferReply&) const = default;
};
// Its 200 answer: the booking's state now (confirmed | cancelled).
struct OfferResult {
  std::string id, state;
  bool operator==(const OfferResult&) const = default;
};

// The body of any non-2xx answer: {"protocol": 1, "error": {"code", "message"[, "supported"]}}.
struct ErrorBody {
  std::string code;                 // 1..64 of [a-z_]; see PROTOCOL.md "Errors" (not restricted to that list)
  std::string message;              // for logs
  std::vector<int> supported;       // versions the hub speaks (code "protocol_version"); empty: absent
  int protocol = kProtocolVersion;  // the version the body names (any valid one is read)

  bool operator==(const ErrorBody&) const = default;
};

// [SECTION] Errors

// A body that is not a valid message of this protocol version. what() reads `<path>: <problem>`;
// path() is the path alone ("body" for document-level problems).
class ProtocolError : public std::runtime_error {
 public:
  ProtocolError(std::string path, const std::string& problem);
  const std::string& path() const noexcept { return path_; }

 private:
  std::string path_;
};

// A well-formed body naming another protocol version, e.g. what() ==
// "protocol: protocol version 2, expected 1". PROTOCOL.md: treated as a malformed response,
// logging both versions.
class VersionMismatch : public ProtocolError {
 public:
  explicit VersionMismatch(int other_version);
  int other_version() const noexcept { return other_version_; }

 private:
  int other_version_;
};

// [SECTION] Writers (compact JSON, keys in sorted order, "protocol": 1 included)

std::string to_json(const PushRequest& request);
std::string to_json(const PushResponse& response);
std::string to_json(const CatalogResponse& response);
std::string to_json(const ErrorBody& error);
std::string to_json(const CodeLookup& lookup);
std::string to_json(const OfferReply& reply);
std::string to_json(const OfferResult& result);

const char* to_string(PushResult::Status status) noexcept;

// [SECTION] Parsers

// The hub's view of a push (body at most kMaxRequestBytes). Rules:
//   terminal_id  string, 1..64 of [A-Za-z0-9._-]
//   changes      array of 0..kMaxBatch objects, each with
//     change_id, entity_id  UUID strings (8-4-4-4-12 lower-case hex)
//     seq        integer 0..INT64_MAX, strictly greater than the previous change's
//     entity     "visit" | "registration" | "booking" | "callback"   op  "insert" | "update" | "delete"
//     created_at string YYYY-MM-DDTHH:MM:SS.mmmZ (digits, month 01-12, day 01-31, hour 00-23,
//                minute and second 00-59)
//     payload    object
PushRequest parse_push_request(std::string_view body);

// The terminal's view of the push answer to `sent` (body at most kMaxResponseBytes). Rules:
//   results  array with exactly sent.changes.size() objects; results[i] has
//     change_id  string equal to sent.changes[i].change_id
//     status     "applied" | "duplicate" | "rejected"
//     reason     string of 1..kMaxReasonChars code points if status is "rejected", absent otherwise
PushResponse parse_push_response(std::string_view body, const PushRequest& sent);

// The terminal's view of a catalog answer (body at most kMaxResponseBytes). Rules:
//   cursor  string of 0..kMaxCursorChars code points     more  boolean
//   reset   optional boolean (absent: false)
//   items   array of 0..kMaxPullLimit objects, each with
//     kind     "course" | "organisation" | "contact_person" | "text"
//     id       string of 1..kMaxItemIdChars code points
//     version  integer 0..INT64_MAX, strictly greater than the previous item's
//     deleted  boolean; true: "data" must be absent; false: "data" must be an object
//   bookings     optional array of {id, version, state}
//   kuemmerer    optional array of {registration_id 1..64 characters, version, kuemmerer_id string
//                of 1..kMaxKuemmererId bytes or null}; items, bookings and these
//                together at most kMaxPullLimit
//   allotments   optional array of {course_id, seats 1..kMaxAllotmentSeats,
//                expires_in 1..kMaxLeaseSeconds}, course ids unique
CatalogResponse parse_catalog_response(std::string_view body);

// The terminal's view of a code look-up; the hub's view of an offer reply (answer "accept" or
// "decline", code 1..32 characters); the terminal's view of an offer result.
CodeLookup parse_code_lookup(std::string_view body);
OfferReply parse_offer_reply(std::string_view body);
OfferResult parse_offer_result(std::string_view body);

// Any non-2xx answer (body at most kMaxResponseBytes). Error bodies keep this
// shape in every version, so any valid "protocol" number is accepted and
// returned in ErrorBody::protocol. Rules:
//   error  object with
//     code       string, 1..64 of [a-z_]
//     message    string
//     supported  optional array of integers 1..INT_MAX
ErrorBody parse_error_body(std::string_view body);

}  // namespace wk::sync
