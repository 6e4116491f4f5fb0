// The registration payload of sync/PROTOCOL.md ("Registration payload"): the one schema of a
// self-registration that the terminal's store, the form and the hub share. Here are its
// enumerations (the form offers exactly these), its limits, its domain types, the checks a
// registration must pass before a terminal stores it, the one writer of its JSON form (the
// outbox payload) and the one strict parser the hub reads it with.
//
// The domain structs hold what the newcomer entered. Text is UTF-8; an optional field that
// was not given is the empty string (null in JSON); dates are "YYYY-MM-DD"; enumerations are
// the lower-case strings listed below. What the terminal adds on commit (ids, code,
// timestamps, terminal id) lives in StoredRegistration.
//
// Errors name the field ("given_names", "family_members[2].birth_date",
// "consent.purposes[0]", "terminal_id") and never contain its value: values are personal
// data, and messages reach logs and the terminal's dead-letter list.
#pragma once

#include <nlohmann/json.hpp>

#include <array>
#include <cstddef>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace wk::sync {

// [SECTION] Enumerations

inline constexpr std::array<std::string_view, 4> kTargetGroups{"skilled_worker", "family_member", "student_to_work",
                                                               "resident_seeking_match"};
// "post" needs a postal address in `residence`; the terminal's form does not offer it.
inline constexpr std::array<std::string_view, 5> kContactChannels{"phone", "sms", "email", "post", "in_person"};
inline constexpr std::array<std::string_view, 5> kRecognitionStates{"not_started", "in_progress", "recognized",
                                                                    "not_needed", "unknown"};
inline constexpr std::array<std::string_view, 6> kRelations{"spouse", "partner", "child", "parent", "sibling", "other"};

// [SECTION] Limits

// More family members than this in one registration is an input error.
inline constexpr std::size_t kMaxFamilyMembers = 20;
// Plausibility (issue 21): a spouse or partner is at least this old at registration; a child
// of this age or older is of school age and gets no day-care place.
inline constexpr int kMinSpouseAge = 16;
inline constexpr int kSchoolAge = 7;
// Longest free-text field (names, residence, occupation, employer), in bytes of UTF-8.
inline constexpr std::size_t kMaxRegistrationText = 256;
// Longest e-mail address (RFC 5321 path limit), in bytes.
inline constexpr std::size_t kMaxEmail = 254;
// Most consent purposes; each is 1..64 of [a-z0-9_].
inline constexpr std::size_t kMaxConsentPurposes = 32;

// [SECTION] Domain types

struct FamilyMember {
  std::string relation;     // kRelations
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
  std::string target_group;                  // kTargetGroups
  std::string given_names;                   // required
  std::string family_name;                   // required
  std::string native_name;                   // optional, the name in its own script
  std::string birth_date;                    // required, YYYY-MM-DD, not in the future
  std::string nationality;                   // required, ISO 3166-1 alpha-2 known to ICU, upper case ("UA")
  std::string phone;                         // optional, E.164 ("+4915112345678"); required for contact phone/sms
  std::string email;                         // optional; required for contact email
  std::string residence;                     // optional, where they live (free text); required for contact post
  std::string preferred_language;            // required, a language code ("uk", "zh-Hans")
  std::string contact_channel;               // kContactChannels
  std::string occupation;                    // optional
  std::string recognition;                   // optional ("": not answered), kRecognitionStates
  std::string employer;                      // optional
  std::string arrival_date;                  // optional, YYYY-MM-DD (may lie up to a year ahead: a planned arrival)
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

// A registration as stored, with what the terminal added on commit.
struct StoredRegistration {
  std::string id;                              // UUIDv7
  std::string code;                            // "XXXX-XXXX-C" with a valid check symbol
  std::string created_at;                      // ISO 8601 UTC, ms
  std::string terminal_id;                     // the terminal it was made at
  Registration registration;                   // family_members in position order
  std::vector<std::string> family_member_ids;  // UUIDv7s, parallel to registration.family_members
  std::string consent_id;                      // UUIDv7
  std::string consent_terminal_id;
  Consent consent;  // given_at always set
  // The Kümmerer (a contact_person id of the directory) the terminal chose at commit; "": none.
  std::string kuemmerer_id;

  bool operator==(const StoredRegistration&) const = default;
};

// A registration that breaks the schema. field() names the offending field, problem() says
// what is wrong; what() reads `registration field "<field>": <problem>`. Never a value.
class RegistrationError : public std::invalid_argument {
 public:
  RegistrationError(std::string field, std::string_view problem);
  const std::string& field() const noexcept { return field_; }
  const std::string& problem() const noexcept { return problem_; }

 private:
  std::string field_, problem_;
};

// [SECTION] Checks

// Every rule of the schema that the newcomer's input must meet: required fields non-empty
// (and not only spaces), enumerations known, dates real calendar dates from 1900-01-01 on,
// birth dates not after `latest_birth_date` ("YYYY-MM-DD"; empty: today in UTC+14, so a child
// born today anywhere passes), no arrival before the birth nor more than a year after
// `latest_birth_date`, nationality a country ICU knows, phone E.164, e-mail roughly an
// address, the field the contact channel needs present, lengths within the limits, every
// text valid UTF-8 without NUL, C0/C1 controls, DEL, bidi embeddings/overrides/isolates, a
// byte order mark or Unicode non-characters (bidi marks are allowed), at most kMaxFamilyMembers, a well-formed consent,
// terminal_id 1..64 of [A-Za-z0-9._-]. Throws RegistrationError for the first problem found.
void validate_registration(const Registration& registration, const Consent& consent, std::string_view terminal_id,
                           std::string_view latest_birth_date = {});

// Why `text` is not acceptable as stored text ("contains a control character"), or nullptr.
const char* text_problem(std::string_view text);

// The schema's phone and e-mail rules, shared with the other payloads (call-back requests), and
// what a field that breaks them is told.
bool is_e164(std::string_view value);           // '+' and 7 to 15 digits, no leading 0
bool is_email_address(std::string_view value);  // roughly an address, at most kMaxEmail bytes
inline constexpr std::string_view kE164Problem =
    "must be an E.164 number: '+' and 7 to 15 digits, such as +4915112345678";
inline constexpr std::string_view kEmailProblem = "must be an e-mail address such as name@example.org";

// [SECTION] JSON form (the outbox payload, entity "registration")

// Longest Kümmerer id (a catalog item id), in bytes.
inline constexpr std::size_t kMaxKuemmererId = 128;

// The one writer: every field of `stored` (optional ones null when not given), "family_members":
// [{id, position, relation, given_names, family_name, native_name, birth_date,
// needs_language_course, needs_daycare, needs_school}, ...], "consent": {id, notice_version,
// language, given_at, terminal_id, purposes} and "kuemmerer_id" (string or null).
nlohmann::json write_registration_payload(const StoredRegistration& stored);

// The one strict parser, for what an enrolled terminal `terminal_id` pushed: every field of the
// writer present with its JSON type (null only for optional text), family positions 0..n-1,
// ids UUIDv7, the code canonical with a valid check symbol, created_at and consent.given_at
// timestamps, terminal_id and consent.terminal_id equal to `terminal_id`, then
// validate_registration with birth dates up to created_at's day (+1 for time zones);
// "kuemmerer_id" may be missing (older terminals) or null. Members the writer does not write are
// ignored. Throws RegistrationError (field names without the
// "payload." prefix) for the first problem.
StoredRegistration parse_registration_payload(const nlohmann::json& payload, std::string_view terminal_id);

}  // namespace wk::sync
