// Field specs, checks and conversion of the registration draft.
#include "kiosk/ui/features/registration/registration_form.hpp"

#include <algorithm>
#include <array>
#include <cctype>

#include "kiosk/text/phone.hpp"
#include "kiosk/ui/session.hpp"

namespace wk::ui {
namespace {

using std::string_view;

// The schema's enumerations (sync/protocol/registration_payload.hpp), in the order offered.
constexpr auto& kGroups = sync::kTargetGroups;
constexpr auto& kRecognition = sync::kRecognitionStates;
constexpr auto& kRelations = sync::kRelations;
// No "post": a letter needs a street address, which the form does not ask for (the schema accepts it).
constexpr std::array<string_view, 4> kChannels{"phone", "sms", "email", "in_person"};
constexpr bool in_schema(string_view v) {
  for (string_view c : sync::kContactChannels)
    if (c == v) return true;
  return false;
}
static_assert(in_schema(kChannels[0]) && in_schema(kChannels[1]) && in_schema(kChannels[2]) && in_schema(kChannels[3]));

constexpr FieldSpec typed(string_view id, string_view key, FieldKind kind, bool required, std::size_t max = 100) {
  return {id, key, InputKind::text, kind, required, {}, {}, max};
}
constexpr FieldSpec choice(string_view id, string_view key, bool required, string_view prefix,
                           std::span<const string_view> options) {
  return {id, key, InputKind::choice, FieldKind::free_text, required, prefix, options, 0};
}
constexpr FieldSpec picked(string_view id, string_view key, InputKind input) {
  return {id, key, input, FieldKind::free_text, true, {}, {}, 0};
}
constexpr FieldSpec toggle(string_view id) {
  return {id, id, InputKind::toggle, FieldKind::free_text, false, {}, {}, 0};
}

constexpr FieldSpec kGroup[] = {
    choice("target_group", "group.title", true, "group.", kGroups),
};

constexpr FieldSpec kPersonal[] = {
    typed("given_names", "field.given_names", FieldKind::latin_name, true),
    typed("family_name", "field.family_name", FieldKind::latin_name, true),
    typed("native_name", "field.native_name", FieldKind::native_text, false),
    typed("birth_date", "field.birth_date", FieldKind::date, true, 10),
    picked("nationality", "field.nationality", InputKind::country),
    typed("phone", "field.phone", FieldKind::phone, false, 24),
    typed("email", "field.email", FieldKind::email, false, 254),
    typed("residence", "field.residence", FieldKind::free_text, false),
    picked("preferred_language", "field.preferred_language", InputKind::language),
    choice("contact_channel", "field.contact_channel", true, "contact.", kChannels),
};

constexpr FieldSpec kWork[] = {
    typed("occupation", "field.occupation", FieldKind::free_text, false),
    choice("recognition", "field.recognition", false, "recognition.", kRecognition),
    typed("employer", "field.employer", FieldKind::free_text, false),
    typed("arrival_date", "field.arrival_date", FieldKind::date, false, 10),
};

constexpr FieldSpec kMember[] = {
    choice("member.relation", "field.relation", true, "relation.", kRelations),
    typed("member.given_names", "field.given_names", FieldKind::latin_name, true),
    typed("member.family_name", "field.family_name", FieldKind::latin_name, true),
    typed("member.native_name", "field.native_name", FieldKind::native_text, false),
    typed("member.birth_date", "field.birth_date", FieldKind::date, true, 10),
    toggle("member.needs_language_course"),
    toggle("member.needs_daycare"),
    toggle("member.needs_school"),
};

// Not a form field (never checked); "required" only keeps "(optional)" off its label.
constexpr FieldSpec kCountrySearch = typed("country_search", "country.search", FieldKind::free_text, true, 40);

// The field name without the "member." prefix.
string_view base_id(string_view id) {
  return id.starts_with("member.") ? id.substr(7) : id;
}

std::string check_date(string_view value, bool birth, const text::Date& today) {
  const auto d = text::parse_date(value);
  if (!d) return text::date_error(value);
  if (birth) return text::check_birth_date(*d, today);
  // Arrival: may be planned, but not more than a year ahead.
  if (*d > text::Date{today.year + 1, today.month, today.day}) return "date.in_future";
  return d->year < 1900 ? "date.too_old" : "";
}

std::string iso_date(const std::string& value) {
  if (value.empty()) return "";
  const auto d = text::parse_date(value);
  return d ? text::to_iso(*d) : value;  // validate_registration refuses what does not parse
}

std::string cleaned(const std::string& value) {
  return text::clean_text(value, core::kMaxRegistrationText).text;
}

}  // namespace

std::span<const FieldSpec> group_fields() {
  return kGroup;
}
std::span<const FieldSpec> personal_fields() {
  return kPersonal;
}
std::span<const FieldSpec> work_fields() {
  return kWork;
}
std::span<const FieldSpec> member_fields() {
  return kMember;
}

const FieldSpec* find_field(string_view id) {
  for (auto list : {group_fields(), personal_fields(), work_fields(), member_fields()})
    for (const auto& f : list)
      if (f.id == id) return &f;
  if (id == kCountrySearch.id) return &kCountrySearch;
  return nullptr;
}

void RegistrationDraft::wipe() {
  person.wipe();
  member.wipe();
  for (auto& m : members) m.wipe();
  members.clear();
  for (auto* s : {&notice_version, &consent_language, &consent_at, &receipt_code, &receipt_id, &kuemmerer_name,
                  &kuemmerer_organisation, &kuemmerer_phone, &kuemmerer_email})
    secure_clear(*s);
  for (core::QrMatrix* q : {&receipt_qr, &kuemmerer_qr}) {
    q->dark.assign(q->dark.size(), false);
    *q = {};
  }
  kuemmerer_hours = {};
  started = consent_given = return_to_review = step_error = member_pending = false;
  remove_armed = -1;
  error_request = 0;
  resume.clear();
  member_index = -1;
}

std::string check_field(const FieldSpec& spec, const FormValues& form, const text::Date& today) {
  const std::string& v = form.value(spec.id);
  const string_view id = base_id(spec.id);
  if (id == "contact_channel" && !v.empty()) {
    if ((v == "phone" || v == "sms") && form.value("phone").empty()) return "contact.needs_phone";
    if (v == "email" && form.value("email").empty()) return "contact.needs_email";
  }
  if (v.empty()) {
    if (!spec.required) return "";
    return spec.input == InputKind::text ? "field.required" : "field.choose_one";
  }
  switch (spec.input) {
    case InputKind::choice:
      return std::find(spec.options.begin(), spec.options.end(), v) == spec.options.end() ? "input.invalid" : "";
    case InputKind::toggle:
      return v == "1" ? "" : "input.invalid";
    case InputKind::country:
      return v.size() == 2 && std::isalpha(static_cast<unsigned char>(v[0])) &&
                     std::isalpha(static_cast<unsigned char>(v[1]))
                 ? ""
                 : "input.invalid";
    case InputKind::language:
      return "";  // chosen from the enabled languages only
    case InputKind::text:
      break;
  }
  const text::Cleaned c = text::clean_text(v, spec.max_graphemes);
  if (!c.error_key.empty()) return c.error_key;
  // The store counts bytes: 100 Arabic letters with harakat are far more than 100 bytes.
  if (c.text.size() > (spec.keyboard == FieldKind::email ? core::kMaxEmail : core::kMaxRegistrationText))
    return "input.too_long";
  if (c.text.empty()) return spec.required ? "field.required" : "";
  switch (spec.keyboard) {
    case FieldKind::latin_name:
      return text::check_latin_name(c.text);
    case FieldKind::native_text:
      return text::check_native_name(c.text);
    case FieldKind::date:
      return check_date(c.text, id == "birth_date", today);
    case FieldKind::phone:
      return text::normalize_phone(c.text, "DE").error_key;
    case FieldKind::email:
      return text::check_email(c.text);
    case FieldKind::free_text:
      if (id == "residence") return text::check_residence(c.text);
      return "";
  }
  return "";
}

void leave_field(const FieldSpec& spec, FormValues& form, const text::Date& today) {
  if (spec.input == InputKind::text) {
    auto it = form.values.find(spec.id);
    if (it != form.values.end()) {
      text::Cleaned c = text::clean_text(it->second, spec.max_graphemes);
      // A value that cannot be cleaned stays as typed, with its error, so it can be corrected.
      if (c.error_key.empty()) {
        secure_clear(it->second);
        it->second = std::move(c.text);
      }
    }
  }
  std::string e = check_field(spec, form, today);
  if (e.empty()) {
    form.errors.erase(std::string(spec.id));
  } else {
    form.errors[std::string(spec.id)] = std::move(e);
    form.error_room.emplace(spec.id);
  }
}

bool check_fields(std::span<const FieldSpec> fields, FormValues& form, const text::Date& today) {
  bool ok = true;
  for (const auto& f : fields) {
    leave_field(f, form, today);
    if (!form.error(f.id).empty()) ok = false;
  }
  return ok;
}

bool check_plausibility(const FormValues& person, FormValues& form, const text::Date& today) {
  auto date_of = [](const FormValues& f, std::string_view id) { return text::parse_date(f.value(id)); };
  auto refuse = [&](std::string_view field, const char* key) {
    form.errors[std::string(field)] = key;
    form.error_room.emplace(field);
    return false;
  };
  if (&form == &person) {
    const auto birth = date_of(person, "birth_date");
    const auto arrival = date_of(person, "arrival_date");
    if (birth && arrival && *arrival < *birth && form.error("arrival_date").empty())
      return refuse("arrival_date", "date.before_birth");
    return true;
  }
  const auto born = date_of(form, "member.birth_date");
  if (!born || !form.error("member.birth_date").empty()) return true;
  const std::string& relation = form.value("member.relation");
  const auto person_born = date_of(person, "birth_date");
  if (relation == "child" && person_born && *born < *person_born)
    return refuse("member.birth_date", "member.child_older");
  if ((relation == "spouse" || relation == "partner") &&
      text::Date{born->year + sync::kMinSpouseAge, born->month, born->day} > today)
    return refuse("member.birth_date", "member.spouse_too_young");
  if (form.value("member.needs_daycare") == "1" &&
      text::Date{born->year + sync::kSchoolAge, born->month, born->day} <= today)
    return refuse("member.birth_date", "member.daycare_school_age");
  return true;
}

core::Registration to_registration(const RegistrationDraft& draft) {
  const FormValues& p = draft.person;
  core::Registration r;
  r.target_group = p.value("target_group");
  r.given_names = cleaned(p.value("given_names"));
  r.family_name = cleaned(p.value("family_name"));
  r.native_name = cleaned(p.value("native_name"));
  r.birth_date = iso_date(p.value("birth_date"));
  r.nationality = p.value("nationality");
  for (auto& ch : r.nationality) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
  if (!p.value("phone").empty()) {
    const auto ph = text::normalize_phone(cleaned(p.value("phone")), "DE");
    r.phone = ph.error_key.empty() ? ph.e164 : p.value("phone");
  }
  r.email = cleaned(p.value("email"));
  r.residence = cleaned(p.value("residence"));
  r.preferred_language = p.value("preferred_language");
  r.contact_channel = p.value("contact_channel");
  r.occupation = cleaned(p.value("occupation"));
  r.recognition = p.value("recognition");  // "" (not answered) is not "unknown" ("I don't know")
  r.employer = cleaned(p.value("employer"));
  r.arrival_date = iso_date(p.value("arrival_date"));
  for (const auto& m : draft.members) {
    core::FamilyMember fm;
    fm.relation = m.value("member.relation");
    fm.given_names = cleaned(m.value("member.given_names"));
    fm.family_name = cleaned(m.value("member.family_name"));
    fm.native_name = cleaned(m.value("member.native_name"));
    fm.birth_date = iso_date(m.value("member.birth_date"));
    fm.needs_language_course = m.value("member.needs_language_course") == "1";
    fm.needs_daycare = m.value("member.needs_daycare") == "1";
    fm.needs_school = m.value("member.needs_school") == "1";
    r.family_members.push_back(std::move(fm));
  }
  return r;
}

core::Consent to_consent(const RegistrationDraft& draft) {
  core::Consent c;
  c.notice_version = draft.notice_version;
  c.language = draft.consent_language;
  c.given_at = draft.consent_at;
  for (auto p : kConsentPurposes) c.purposes.emplace_back(p);
  return c;
}

}  // namespace wk::ui
