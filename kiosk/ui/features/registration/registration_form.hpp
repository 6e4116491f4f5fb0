// The registration wizard's fields and the draft a newcomer fills in, as pure
// logic without a window: which fields each step has, which are required,
// how each is checked when it is left (error MESSAGE KEYS, translated by the
// screens), and how a finished draft becomes a core::Registration. Screens
// draw from the field specs; the registration flow (registration_flow.hpp)
// changes the draft; nothing here touches the store.
//
// Values are kept as typed (a date as "15.03.1990", a phone number as
// "0151 2345678") so going back shows what the person entered; they are
// cleaned when a field is left and normalized (ISO date, E.164, NFC) only by
// to_registration(). Choices hold their stored value ("sms", "child", "UA").
#pragma once

#include <map>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "kiosk/core/directory.hpp"
#include "kiosk/core/qr_code.hpp"
#include "kiosk/core/registration.hpp"
#include "kiosk/text/input_rules.hpp"
#include "kiosk/ui/form/form.hpp"
#include "kiosk/ui/screen_id.hpp"

namespace wk::ui {

// [SECTION] Fields

// The fields of the person (steps 2 to 4), of one family member, and all of
// them; each list in screen order.
std::span<const FieldSpec> group_fields();
std::span<const FieldSpec> personal_fields();
std::span<const FieldSpec> work_fields();
std::span<const FieldSpec> member_fields();
// The spec with `id` (person or member field, or "country_search"), or nullptr.
const FieldSpec* find_field(std::string_view id);

// [SECTION] The draft

// The person's form also holds "country_search", the nationality picker's query.
struct RegistrationDraft {
  bool started = false;        // consent screen reached
  bool consent_given = false;  // "I agree" tapped
  std::string notice_version;  // sha-256 of the notice text agreed to
  std::string consent_language;
  std::string consent_at;  // ISO 8601 UTC
  FormValues person;       // group, personal and work fields
  std::vector<FormValues> members;
  FormValues member;              // the family member being added or edited
  int member_index = -1;          // which one is edited; -1: a new one
  bool member_pending = false;    // `member` holds edits left with Back or Home, reopened by Add/Edit
  int remove_armed = -1;          // the member whose Remove was tapped once (a second tap removes)
  bool return_to_review = false;  // a step opened from the review page
  bool step_error = false;        // the last "Next" found errors on this step
  unsigned error_request = 0;     // submits that found errors: each scrolls the first error into view
  unsigned member_opened = 0;     // the member form opened afresh (Add, Edit): its view starts at the top
  std::vector<ScreenId> resume;   // the wizard's screens when the person went home, to continue
  std::string receipt_code;       // set once committed, for the receipt
  std::string receipt_id;
  core::QrMatrix receipt_qr;  // the code as a QR matrix, for the receipt
  // The Kümmerer chosen at commit and how to reach them, for the receipt ("" when none): their
  // consultation hours (else their organisation's) and their vCard as a QR matrix.
  std::string kuemmerer_name, kuemmerer_organisation, kuemmerer_phone, kuemmerer_email;
  core::OpeningHours kuemmerer_hours;
  core::QrMatrix kuemmerer_qr;

  // Overwrites every string (values, errors, consent, receipt) with zeros and
  // resets to a draft nobody started.
  void wipe();
};

// [SECTION] Checks

// The error key for `spec` in `form`, or "": required and empty ->
// "field.required" (text) / "field.choose_one" (choices); otherwise the rules
// of input_rules.hpp / phone.hpp by field (names, dates, e-mail, phone,
// residence); a choice outside its options -> "input.invalid". The contact
// channel also checks the field it needs: "contact.needs_phone" (phone, sms),
// "contact.needs_email".
std::string check_field(const FieldSpec& spec, const FormValues& form, const text::Date& today);

// Cleans `id`'s text value in place (clean_text: controls and bidi overrides
// dropped, spaces collapsed, NFC) and stores check_field's result as its
// error ("" clears it). What happens when a field is left.
void leave_field(const FieldSpec& spec, FormValues& form, const text::Date& today);

// The one schema's plausibility rules across fields (sync/PROTOCOL.md "Plausibility"), for the
// person's form (`form` is `person`: arrival not before birth) or a member's form (a child not
// older than the person registering, a spouse or partner kMinSpouseAge or older, day care
// only below kSchoolAge). Sets the error on the field to check; true if nothing is wrong.
// Fields with an error of their own are left to it.
bool check_plausibility(const FormValues& person, FormValues& form, const text::Date& today);

// leave_field() for every field in `fields`; true if none has an error.
bool check_fields(std::span<const FieldSpec> fields, FormValues& form, const text::Date& today);

// The draft as a core::Registration: names cleaned (NFC), dates ISO, phone
// E.164 (numbers without a prefix read as German), nationality upper case,
// recognition "unknown" when not answered. Call after every step passed its
// checks; core::validate_registration still guards the commit.
core::Registration to_registration(const RegistrationDraft& draft);

// The consent of the draft: notice version, language, time, and the purposes
// a registration is used for (kConsentPurposes).
core::Consent to_consent(const RegistrationDraft& draft);
inline constexpr std::string_view kConsentPurposes[] = {"registration", "contact_person", "language_courses",
                                                        "childcare_school"};

}  // namespace wk::ui
