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
// The domain structs and their rules are the protocol's registration schema
// (sync/protocol/registration_payload.hpp); an optional field that was not given is stored
// as NULL.
#pragma once

#include "kiosk/core/store.hpp"
#include "sync/protocol/registration_payload.hpp"

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

// [SECTION] The schema (sync/protocol/registration_payload.hpp): limits, enumerations, the
// domain types and their checks are the protocol's, shared with the hub.

using sync::Consent;
using sync::FamilyMember;
using sync::kMaxConsentPurposes;
using sync::kMaxEmail;
using sync::kMaxFamilyMembers;
using sync::kMaxRegistrationText;
using sync::Registration;
using sync::RegistrationError;
using sync::StoredRegistration;

// What the receipt shows.
struct RegistrationReceipt {
  std::string id;    // UUIDv7 of the registration
  std::string code;  // canonical "XXXX-XXXX-C"
};

// [SECTION] Actions

// Checks every invariant commit_registration() relies on, without touching any database
// (the schema's check, with today's date). Throws RegistrationError for the first problem
// found. The UI may call it to check input before asking for confirmation.
using sync::validate_registration;

// Validates (as validate_registration, before writing anything), then in ONE Store::transact
// inserts the registration with a new UUIDv7 id and a new unique code, its family members
// (positions 0..n-1, UUIDv7 ids), its consent (UUIDv7 id; given_at = commit time if empty;
// terminal_id) and one outbox entry {entity "registration", entity_id = id, op "insert",
// payload registration_json()}. A code already used on this terminal is replaced by a fresh
// one inside the same transaction (up to 16 attempts, then std::runtime_error).
// `kuemmerer_id`: the contact person chosen for it (kiosk/core/kuemmerer.hpp), stored and sent
// with it; "" for none.
// Throws RegistrationError for invalid input, SqliteError if writing fails — in every
// failure case nothing is written. Must not be called inside an open transaction.
RegistrationReceipt commit_registration(Store& store, const Registration& registration, const Consent& consent,
                                        std::string_view terminal_id, std::string_view kuemmerer_id = {});

// The registration with `code_or_id`: a UUIDv7 is looked up as an id, anything else is taken
// as a typed code (normalize_registration_code: case, spaces and dashes do not matter).
// nullopt if there is none or the code is malformed. For staff screens and tests.
std::optional<StoredRegistration> load_registration(Database& db, std::string_view code_or_id);

// Number of registrations stored on this terminal.
std::int64_t registration_count(Database& db);

// The JSON form of a stored registration, as pushed to the hub in the outbox payload: the
// protocol's one writer, sync::write_registration_payload.
nlohmann::json registration_json(const StoredRegistration& stored);

namespace detail {

// commit_registration() with the code generator replaced, so tests can force collisions.
// `new_code` must return canonical valid codes (else std::logic_error).
RegistrationReceipt commit_registration_with(Store& store, const Registration& registration, const Consent& consent,
                                             std::string_view terminal_id, const std::function<std::string()>& new_code,
                                             std::string_view kuemmerer_id = {});

}  // namespace detail
}  // namespace wk::core
