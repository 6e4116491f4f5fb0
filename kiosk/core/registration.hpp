// Self-registration: a newcomer registers at the terminal together with their family members
// and gives consent; on confirmation everything is committed as ONE transaction and the
// receipt shows a short registration code (registration_code.hpp).
//
// All or nothing: the registrations row, its family_members rows (position 0..n-1), its
// consents row and its outbox entry commit together or not at all — also across a crash or
// a power cut (WAL, synchronous=FULL; tests/core/crash_test.cpp kills a writer mid-commit).
// Invalid input is rejected before anything is written.
//
// The outbox carries ONE entry per registration (entity "registration", op "insert") whose
// payload is the whole registration, family members and consent included
// (registration_json()). One entry rather than one per row, because the hub must never see
// a person without the consent that covers their data, nor family members without the
// registration they belong to: a push batch that is cut short or rejected can then never
// split a registration. The payload holds personal data; whatever later purges acknowledged
// registrations (retention, DESIGN §5) must clear the acknowledged outbox entries too.
//
// The domain structs hold what the newcomer entered. Text is UTF-8; an optional field that
// was not given is the empty string (stored as NULL); dates are "YYYY-MM-DD"; enumerations
// are the lower-case strings of the schema's CHECK sets (listed below per field). What the
// terminal adds on commit (ids, code, timestamps, terminal id) lives in StoredRegistration.
#pragma once

#include "kiosk/core/store.hpp"

#include <nlohmann/json.hpp>

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace wk::core {

// [SECTION] Limits

// More family members than this in one registration is an input error.
inline constexpr std::size_t kMaxFamilyMembers = 20;
// Longest free-text field (names, residence, occupation, employer), in bytes of UTF-8.
inline constexpr std::size_t kMaxRegistrationText = 256;
// Longest e-mail address (RFC 5321 path limit), in bytes.
inline constexpr std::size_t kMaxEmail = 254;
// Most consent purposes; each is 1..64 of [a-z0-9_].
inline constexpr std::size_t kMaxConsentPurposes = 32;

// [SECTION] Domain types

struct FamilyMember {
  std::string relation;     // spouse | partner | child | parent | sibling | other
  std::string given_names;  // required
  std::string family_name;  // required
  std::string native_name;  // optional: the name in its own script, e.g. "Олена Коваленко"
  std::string birth_date;   // required, YYYY-MM-DD, not in the future
  bool needs_language_course = false;
  bool needs_daycare = false;
  bool needs_school = false;

  bool operator==(const FamilyMember&) const = default;
};

struct Registration {
  std::string target_group;        // skilled_worker | family_member | student_to_work | resident_seeking_match
  std::string given_names;         // required
  std::string family_name;         // required
  std::string native_name;         // optional, the name in its own script
  std::string birth_date;          // required, YYYY-MM-DD, not in the future
  std::string nationality;         // required, ISO 3166-1 alpha-2, upper case ("UA")
  std::string phone;               // optional, E.164 ("+4915112345678"); required for contact phone/sms
  std::string email;               // optional; required for contact email
  std::string residence;           // optional, where they live (free text); required for contact post
  std::string preferred_language;  // required, a language code ("uk", "zh-Hans")
  std::string contact_channel;     // phone | sms | email | post | in_person
  std::string occupation;          // optional
  std::string recognition;         // not_started | in_progress | recognized | not_needed | unknown
  std::string employer;            // optional
  std::string arrival_date;        // optional, YYYY-MM-DD (may lie in the future: a planned arrival)
  std::vector<FamilyMember> family_members;  // 0..kMaxFamilyMembers, stored in this order

  bool operator==(const Registration&) const = default;
};

struct Consent {
  std::string notice_version;         // required: sha-256 of the notice text, 64 lower-case hex digits
  std::string language;               // required: language code of the notice shown
  std::vector<std::string> purposes;  // required: 1..kMaxConsentPurposes distinct names of [a-z0-9_]{1,64}
  std::string given_at;  // optional on input: when they agreed, "YYYY-MM-DDTHH:MM:SS.mmmZ"; empty = commit time

  bool operator==(const Consent&) const = default;
};

// Invalid input to commit_registration(). field() names the offending field —
// "given_names", "family_members[2].birth_date", "consent.purposes[0]", "terminal_id",
// "family_members" (too many) — and what() reads `registration field "<field>": <problem>`.
// Neither ever contains the field's value: values are personal data and messages reach logs.
class RegistrationError : public std::invalid_argument {
 public:
  RegistrationError(std::string field, std::string_view problem);
  const std::string& field() const noexcept { return field_; }

 private:
  std::string field_;
};

// What the receipt shows.
struct RegistrationReceipt {
  std::string id;    // UUIDv7 of the registration
  std::string code;  // canonical "XXXX-XXXX-C"
};

// A registration as stored, with what the terminal added on commit.
struct StoredRegistration {
  std::string id;                              // UUIDv7
  std::string code;                            // "XXXX-XXXX-C"
  std::string created_at;                      // ISO 8601 UTC, ms
  std::string terminal_id;                     // the terminal it was made at
  Registration registration;                   // family_members in position order
  std::vector<std::string> family_member_ids;  // UUIDv7s, parallel to registration.family_members
  std::string consent_id;                      // UUIDv7
  std::string consent_terminal_id;
  Consent consent;  // given_at always set
};

// [SECTION] Actions

// Checks every invariant commit_registration() relies on, without touching any database:
// required fields non-empty (and not only spaces), enumerations known, dates real calendar
// dates (1900-01-01 or later; birth dates not in the future), nationality two letters A-Z,
// phone E.164, e-mail roughly an address, the field required by the contact channel present,
// lengths within the limits above, every text valid UTF-8 without NUL or other control
// characters or bidi embedding/override/isolate characters, at most kMaxFamilyMembers,
// terminal_id 1..64 of [A-Za-z0-9._-]. Throws RegistrationError for the first problem found.
// The UI may call it to check input before asking for confirmation.
void validate_registration(const Registration& registration, const Consent& consent, std::string_view terminal_id);

// Validates (as validate_registration, before writing anything), then in ONE Store::transact
// inserts the registration with a new UUIDv7 id and a new unique code, its family members
// (positions 0..n-1, UUIDv7 ids), its consent (UUIDv7 id; given_at = commit time if empty;
// terminal_id) and one outbox entry {entity "registration", entity_id = id, op "insert",
// payload registration_json()}. A code already used on this terminal is replaced by a fresh
// one inside the same transaction (up to 16 attempts, then std::runtime_error).
// Throws RegistrationError for invalid input, SqliteError if writing fails — in every
// failure case nothing is written. Must not be called inside an open transaction.
RegistrationReceipt commit_registration(Store& store, const Registration& registration, const Consent& consent,
                                        std::string_view terminal_id);

// The registration with `code_or_id`: a UUIDv7 is looked up as an id, anything else is taken
// as a typed code (normalize_registration_code: case, spaces and dashes do not matter).
// nullopt if there is none or the code is malformed. For staff screens and tests.
std::optional<StoredRegistration> load_registration(Database& db, std::string_view code_or_id);

// Number of registrations stored on this terminal.
std::int64_t registration_count(Database& db);

// The JSON form of a stored registration, as pushed to the hub in the outbox payload:
// every registrations column (optional ones null when not given), "family_members": [ {id,
// position, relation, given_names, family_name, native_name, birth_date,
// needs_language_course, needs_daycare, needs_school (booleans)} ... ] and "consent": {id,
// notice_version, language, given_at, terminal_id, purposes: [..]}.
nlohmann::json registration_json(const StoredRegistration& stored);

namespace detail {

// commit_registration() with the code generator replaced, so tests can force collisions.
// `new_code` must return canonical valid codes (else std::logic_error).
RegistrationReceipt commit_registration_with(Store& store, const Registration& registration, const Consent& consent,
                                             std::string_view terminal_id,
                                             const std::function<std::string()>& new_code);

}  // namespace detail
}  // namespace wk::core
