// The registration schema: checks, writer and strict parser (see registration_payload.hpp).
#include "sync/protocol/registration_payload.hpp"

#include <unicode/locid.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <set>
#include <utility>

#include "kiosk/core/registration_code.hpp"
#include "kiosk/core/terminal_id.hpp"
#include "kiosk/core/time.hpp"
#include "kiosk/core/uuid.hpp"

namespace wk::sync {
namespace {

using nlohmann::json;

// [SECTION] Field checks

[[noreturn]] void fail(const std::string& field, std::string_view problem) {
  throw RegistrationError(field, problem);
}

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

// A free-text field: `required` ones must not be empty; any non-empty value must be at most
// `max` bytes of acceptable text and not consist of spaces only.
void check_text(const std::string& field, std::string_view value, bool required, std::size_t max) {
  if (value.empty()) {
    if (required) fail(field, "is required");
    return;
  }
  if (value.size() > max) fail(field, "is longer than " + std::to_string(max) + " bytes");
  if (const char* problem = text_problem(value)) fail(field, problem);
  if (value.find_first_not_of(' ') == std::string_view::npos) {
    fail(field, required ? "is required (it holds only spaces)" : "holds only spaces; leave it empty instead");
  }
}

template <std::size_t N>
void check_enum(const std::string& field, std::string_view value, const std::array<std::string_view, N>& allowed) {
  if (value.empty()) fail(field, "is required");
  if (std::find(allowed.begin(), allowed.end(), value) != allowed.end()) return;
  std::string list;
  for (std::string_view a : allowed) {
    if (!list.empty()) list += ", ";
    list += a;
  }
  fail(field, "is not one of: " + list);
}

// True if `s` is "YYYY-MM-DD" naming a real calendar day from 1900-01-01 on.
bool is_calendar_date(std::string_view s) {
  return core::is_calendar_date(s) && s.substr(0, 4) >= "1900";
}

std::string format_date(std::chrono::sys_days day) {
  return core::format_calendar_date(day);
}

std::chrono::sys_days parse_days(std::string_view date) {
  return *core::parse_calendar_date(date);  // callers checked is_calendar_date
}

// Today in the time zone furthest ahead of UTC (UTC+14): a child born "today" anywhere passes.
std::string latest_birth_date_now() {
  using namespace std::chrono;
  return format_date(floor<days>(system_clock::now() + hours{14}));
}

void check_date(const std::string& field, std::string_view value, bool required) {
  if (value.empty()) {
    if (required) fail(field, "is required");
    return;
  }
  if (!is_calendar_date(value)) fail(field, "must be a date YYYY-MM-DD from 1900-01-01 on");
}

void check_birth_date(const std::string& field, std::string_view value, const std::string& latest) {
  check_date(field, value, true);
  if (value > latest) fail(field, "lies in the future");
}

// "YYYY-MM-DDTHH:MM:SS.mmmZ" as written by utc_now_iso8601(), from 1900 on.
bool is_timestamp(std::string_view s) {
  return core::is_iso8601(s) && is_calendar_date(s.substr(0, 10));
}

// A language code such as "de" or "zh-Hans": 1..35 of [A-Za-z0-9-] (as for visits).
void check_language(const std::string& field, std::string_view value) {
  if (value.empty()) fail(field, "is required");
  bool ok = value.size() <= 35;
  for (char c : value) {
    ok = ok && ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || is_digit(c) || c == '-');
  }
  if (!ok) fail(field, "must be a language code such as \"de\" or \"zh-Hans\"");
}

void check_phone(std::string_view value) {
  if (!value.empty() && !is_e164(value)) fail("phone", kE164Problem);
}

void check_email(std::string_view value) {
  check_text("email", value, false, kMaxEmail);
  if (!value.empty() && !is_email_address(value)) fail("email", kEmailProblem);
}

// A country ICU knows (Locale::getISOCountries: ISO 3166-1 alpha-2, including XK).
bool is_known_country(std::string_view code) {
  static const std::set<std::string, std::less<>> kCountries = [] {
    std::set<std::string, std::less<>> s;
    for (const char* const* c = icu::Locale::getISOCountries(); *c; ++c) s.insert(*c);
    return s;
  }();
  return kCountries.count(code) > 0;
}

// `iso` ("YYYY-MM-DD") moved by `years`, as a string that compares like dates ("2000-02-29"
// plus 16 years gives "2016-02-29"; "2017-02-29" compares between the 28th and 1 March).
std::string plus_years(const std::string& iso, int years) {
  return std::to_string(std::stoi(iso.substr(0, 4)) + years) + iso.substr(4);
}

// Across a member and the person registering (PROTOCOL.md "Plausibility"). `latest` is the
// latest calendar day the registration can have been made on anywhere (created_at + 1 day),
// `earliest` the earliest (created_at - 1 day): the kiosk checked against its local day,
// which lies between them, so nothing the kiosk accepted is refused here.
void check_member_plausible(const Registration& r, const FamilyMember& m, std::size_t index, const std::string& latest,
                            const std::string& earliest) {
  const std::string field = "family_members[" + std::to_string(index) + "].";
  if (m.relation == "child" && m.birth_date < r.birth_date)
    fail(field + "birth_date", "lies before the birth date of the person registering: a child cannot be older");
  if ((m.relation == "spouse" || m.relation == "partner") && plus_years(m.birth_date, kMinSpouseAge) > latest)
    fail(field + "birth_date",
         "makes a spouse or partner younger than " + std::to_string(kMinSpouseAge) + " at registration");
  if (m.needs_daycare && plus_years(m.birth_date, kSchoolAge) <= earliest)
    fail(field + "needs_daycare",
         "is set for a member of school age (" + std::to_string(kSchoolAge) + " or older): no day-care place");
}

void check_family_member(const FamilyMember& m, std::size_t index, const std::string& latest) {
  const std::string prefix = "family_members[" + std::to_string(index) + "].";
  check_enum(prefix + "relation", m.relation, kRelations);
  check_text(prefix + "given_names", m.given_names, true, kMaxRegistrationText);
  check_text(prefix + "family_name", m.family_name, true, kMaxRegistrationText);
  check_text(prefix + "native_name", m.native_name, false, kMaxRegistrationText);
  check_birth_date(prefix + "birth_date", m.birth_date, latest);
}

void check_consent(const Consent& c) {
  if (c.notice_version.empty()) fail("consent.notice_version", "is required");
  bool hex = c.notice_version.size() == 64;
  for (char ch : c.notice_version) hex = hex && (is_digit(ch) || (ch >= 'a' && ch <= 'f'));
  if (!hex) fail("consent.notice_version", "must be a sha-256 in 64 lower-case hex digits");
  check_language("consent.language", c.language);
  if (c.purposes.empty()) fail("consent.purposes", "is required (at least one purpose)");
  if (c.purposes.size() > kMaxConsentPurposes) {
    fail("consent.purposes", "has more than " + std::to_string(kMaxConsentPurposes) + " entries");
  }
  std::set<std::string_view> seen;
  for (std::size_t i = 0; i < c.purposes.size(); ++i) {
    const std::string field = "consent.purposes[" + std::to_string(i) + "]";
    const std::string& p = c.purposes[i];
    bool ok = !p.empty() && p.size() <= 64;
    for (char ch : p) ok = ok && ((ch >= 'a' && ch <= 'z') || is_digit(ch) || ch == '_');
    if (!ok) fail(field, "must be 1 to 64 of a-z 0-9 _");
    if (!seen.insert(p).second) fail(field, "repeats an earlier purpose");
  }
  if (!c.given_at.empty() && !is_timestamp(c.given_at)) {
    fail("consent.given_at", "must be an ISO 8601 UTC time YYYY-MM-DDTHH:MM:SS.mmmZ");
  }
}

// [SECTION] JSON reading

json optional_json(const std::string& value) {
  return value.empty() ? json(nullptr) : json(value);
}

const json& member_of(const json& object, const std::string& path, std::string_view key) {
  const auto it = object.find(std::string(key));
  if (it == object.end()) fail(path + std::string(key), "is missing");
  return *it;
}

std::string string_of(const json& object, const std::string& path, std::string_view key) {
  const json& v = member_of(object, path, key);
  if (!v.is_string()) fail(path + std::string(key), "must be a string");
  return v.get<std::string>();
}

// A string or null (null: not given, the empty string). An empty string is not "not given".
std::string optional_string_of(const json& object, const std::string& path, std::string_view key) {
  const json& v = member_of(object, path, key);
  if (v.is_null()) return {};
  if (!v.is_string()) fail(path + std::string(key), "must be a string or null");
  std::string s = v.get<std::string>();
  if (s.empty()) fail(path + std::string(key), "must be null when not given, not an empty string");
  return s;
}

bool bool_of(const json& object, const std::string& path, std::string_view key) {
  const json& v = member_of(object, path, key);
  if (!v.is_boolean()) fail(path + std::string(key), "must be true or false");
  return v.get<bool>();
}

const json& object_of(const json& object, const std::string& path, std::string_view key) {
  const json& v = member_of(object, path, key);
  if (!v.is_object()) fail(path + std::string(key), "must be an object");
  return v;
}

const json& array_of(const json& object, const std::string& path, std::string_view key) {
  const json& v = member_of(object, path, key);
  if (!v.is_array()) fail(path + std::string(key), "must be an array");
  return v;
}

void check_uuid(const std::string& field, const std::string& value) {
  if (!core::is_uuid_v7(value)) fail(field, "must be a UUIDv7");
}

}  // namespace

RegistrationError::RegistrationError(std::string field, std::string_view problem)
    : std::invalid_argument("registration field \"" + field + "\": " + std::string(problem)),
      field_(std::move(field)),
      problem_(problem) {}

bool is_e164(std::string_view value) {
  bool ok = value.size() >= 8 && value.size() <= 16 && value[0] == '+' && value[1] >= '1' && value[1] <= '9';
  for (std::size_t i = 1; ok && i < value.size(); ++i) ok = is_digit(value[i]);
  return ok;
}

bool is_email_address(std::string_view value) {
  const std::size_t at = value.find('@');
  return value.size() <= kMaxEmail && at != std::string_view::npos && at > 0 && at <= 64 &&
         value.find('@', at + 1) == std::string_view::npos && value.find(' ') == std::string_view::npos && [&] {
           const std::string_view domain = value.substr(at + 1);
           const std::size_t dot = domain.find('.');
           return dot != std::string_view::npos && dot > 0 && domain.back() != '.';
         }();
}

const char* text_problem(std::string_view text) {
  const auto* p = reinterpret_cast<const unsigned char*>(text.data());
  const std::size_t n = text.size();
  std::size_t i = 0;
  while (i < n) {
    const unsigned char b = p[i];
    if (b < 0x80) {
      if (b == 0) return "contains a NUL byte";
      if (b < 0x20 || b == 0x7f) return "contains a control character";
      ++i;
      continue;
    }
    std::size_t len = 0;
    char32_t cp = 0;
    char32_t min = 0;
    if ((b & 0xe0) == 0xc0) {
      len = 2, cp = b & 0x1f, min = 0x80;
    } else if ((b & 0xf0) == 0xe0) {
      len = 3, cp = b & 0x0f, min = 0x800;
    } else if ((b & 0xf8) == 0xf0) {
      len = 4, cp = b & 0x07, min = 0x10000;
    } else {
      return "is not valid UTF-8";
    }
    if (i + len > n) return "is not valid UTF-8";
    for (std::size_t k = 1; k < len; ++k) {
      if ((p[i + k] & 0xc0) != 0x80) return "is not valid UTF-8";
      cp = (cp << 6) | (p[i + k] & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return "is not valid UTF-8";
    if (cp >= 0x80 && cp <= 0x9f) return "contains a control character";
    // Marks (U+200E, U+200F, U+061C) stay allowed: they change no order beyond neutrals.
    if ((cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069)) {
      return "contains a bidi embedding, override or isolate character";
    }
    if (cp == 0xfeff) return "contains a byte order mark";
    if ((cp >= 0xfdd0 && cp <= 0xfdef) || (cp & 0xfffe) == 0xfffe) return "contains a Unicode non-character";
    i += len;
  }
  return nullptr;
}

void validate_registration(const Registration& r, const Consent& consent, std::string_view terminal_id,
                           std::string_view latest_birth_date) {
  const std::string latest = latest_birth_date.empty() ? latest_birth_date_now() : std::string(latest_birth_date);
  check_enum("target_group", r.target_group, kTargetGroups);
  check_text("given_names", r.given_names, true, kMaxRegistrationText);
  check_text("family_name", r.family_name, true, kMaxRegistrationText);
  check_text("native_name", r.native_name, false, kMaxRegistrationText);
  check_birth_date("birth_date", r.birth_date, latest);
  if (r.nationality.empty()) fail("nationality", "is required");
  if (r.nationality.size() != 2 ||
      !std::all_of(r.nationality.begin(), r.nationality.end(), [](char c) { return c >= 'A' && c <= 'Z'; })) {
    fail("nationality", "must be an ISO 3166-1 alpha-2 code: two letters A-Z");
  }
  if (!is_known_country(r.nationality)) fail("nationality", "is not a known country code");
  check_phone(r.phone);
  check_email(r.email);
  check_text("residence", r.residence, false, kMaxRegistrationText);
  check_language("preferred_language", r.preferred_language);
  check_enum("contact_channel", r.contact_channel, kContactChannels);
  check_text("occupation", r.occupation, false, kMaxRegistrationText);
  if (!r.recognition.empty()) check_enum("recognition", r.recognition, kRecognitionStates);  // "": not answered
  check_text("employer", r.employer, false, kMaxRegistrationText);
  check_date("arrival_date", r.arrival_date, false);
  if (!r.arrival_date.empty()) {
    if (r.arrival_date < r.birth_date) fail("arrival_date", "lies before the birth date");
    if (parse_days(r.arrival_date) > parse_days(latest) + std::chrono::days{366})
      fail("arrival_date", "lies more than a year ahead");
  }

  if ((r.contact_channel == "phone" || r.contact_channel == "sms") && r.phone.empty()) {
    fail("phone", "is required when the contact channel is phone or sms");
  }
  if (r.contact_channel == "email" && r.email.empty()) fail("email", "is required when the contact channel is email");
  if (r.contact_channel == "post" && r.residence.empty()) {
    fail("residence", "is required when the contact channel is post");
  }

  if (r.family_members.size() > kMaxFamilyMembers) {
    fail("family_members", "has more than " + std::to_string(kMaxFamilyMembers) + " entries");
  }
  for (std::size_t i = 0; i < r.family_members.size(); ++i) check_family_member(r.family_members[i], i, latest);
  const std::string earliest = format_date(parse_days(latest) - std::chrono::days{2});
  for (std::size_t i = 0; i < r.family_members.size(); ++i)
    check_member_plausible(r, r.family_members[i], i, latest, earliest);

  check_consent(consent);
  if (!core::is_terminal_id(terminal_id)) fail("terminal_id", "must be 1 to 64 of A-Z a-z 0-9 . _ -");
}

json write_registration_payload(const StoredRegistration& s) {
  const Registration& r = s.registration;
  json family = json::array();
  for (std::size_t i = 0; i < r.family_members.size(); ++i) {
    const FamilyMember& m = r.family_members[i];
    family.push_back({
        {"id", i < s.family_member_ids.size() ? json(s.family_member_ids[i]) : json(nullptr)},
        {"position", i},
        {"relation", m.relation},
        {"given_names", m.given_names},
        {"family_name", m.family_name},
        {"native_name", optional_json(m.native_name)},
        {"birth_date", m.birth_date},
        {"needs_language_course", m.needs_language_course},
        {"needs_daycare", m.needs_daycare},
        {"needs_school", m.needs_school},
    });
  }
  return {
      {"id", s.id},
      {"code", s.code},
      {"created_at", s.created_at},
      {"terminal_id", s.terminal_id},
      {"target_group", r.target_group},
      {"given_names", r.given_names},
      {"family_name", r.family_name},
      {"native_name", optional_json(r.native_name)},
      {"birth_date", r.birth_date},
      {"nationality", r.nationality},
      {"phone", optional_json(r.phone)},
      {"email", optional_json(r.email)},
      {"residence", optional_json(r.residence)},
      {"preferred_language", r.preferred_language},
      {"contact_channel", r.contact_channel},
      {"occupation", optional_json(r.occupation)},
      {"recognition", optional_json(r.recognition)},
      {"employer", optional_json(r.employer)},
      {"arrival_date", optional_json(r.arrival_date)},
      {"family_members", std::move(family)},
      {"kuemmerer_id", optional_json(s.kuemmerer_id)},
      {"consent",
       {
           {"id", s.consent_id},
           {"notice_version", s.consent.notice_version},
           {"language", s.consent.language},
           {"given_at", s.consent.given_at},
           {"terminal_id", s.consent_terminal_id},
           {"purposes", s.consent.purposes},
       }},
  };
}

StoredRegistration parse_registration_payload(const json& p, std::string_view terminal_id) {
  if (!p.is_object()) fail("", "must be an object");
  StoredRegistration s;
  Registration& r = s.registration;
  s.id = string_of(p, "", "id");
  check_uuid("id", s.id);
  s.code = string_of(p, "", "code");
  if (!core::is_valid_registration_code(s.code) || core::normalize_registration_code(s.code) != s.code)
    fail("code", "must be a registration code XXXX-XXXX-C with a valid check symbol");
  s.created_at = string_of(p, "", "created_at");
  if (!is_timestamp(s.created_at)) fail("created_at", "must be an ISO 8601 UTC time YYYY-MM-DDTHH:MM:SS.mmmZ");
  s.terminal_id = string_of(p, "", "terminal_id");
  if (s.terminal_id != terminal_id) fail("terminal_id", "is not the terminal that sent it");

  r.target_group = string_of(p, "", "target_group");
  r.given_names = string_of(p, "", "given_names");
  r.family_name = string_of(p, "", "family_name");
  r.native_name = optional_string_of(p, "", "native_name");
  r.birth_date = string_of(p, "", "birth_date");
  r.nationality = string_of(p, "", "nationality");
  r.phone = optional_string_of(p, "", "phone");
  r.email = optional_string_of(p, "", "email");
  r.residence = optional_string_of(p, "", "residence");
  r.preferred_language = string_of(p, "", "preferred_language");
  r.contact_channel = string_of(p, "", "contact_channel");
  r.occupation = optional_string_of(p, "", "occupation");
  r.recognition = optional_string_of(p, "", "recognition");
  r.employer = optional_string_of(p, "", "employer");
  r.arrival_date = optional_string_of(p, "", "arrival_date");

  const json& family = array_of(p, "", "family_members");
  if (family.size() > kMaxFamilyMembers)
    fail("family_members", "has more than " + std::to_string(kMaxFamilyMembers) + " entries");
  for (std::size_t i = 0; i < family.size(); ++i) {
    const std::string path = "family_members[" + std::to_string(i) + "].";
    const json& m = family[i];
    if (!m.is_object()) fail(path.substr(0, path.size() - 1), "must be an object");
    const json& position = member_of(m, path, "position");
    if (!position.is_number_integer() || position.get<std::int64_t>() != static_cast<std::int64_t>(i))
      fail(path + "position", "must be the member's index " + std::to_string(i));
    std::string id = string_of(m, path, "id");
    check_uuid(path + "id", id);
    s.family_member_ids.push_back(std::move(id));
    FamilyMember fm;
    fm.relation = string_of(m, path, "relation");
    fm.given_names = string_of(m, path, "given_names");
    fm.family_name = string_of(m, path, "family_name");
    fm.native_name = optional_string_of(m, path, "native_name");
    fm.birth_date = string_of(m, path, "birth_date");
    fm.needs_language_course = bool_of(m, path, "needs_language_course");
    fm.needs_daycare = bool_of(m, path, "needs_daycare");
    fm.needs_school = bool_of(m, path, "needs_school");
    r.family_members.push_back(std::move(fm));
  }

  const json& c = object_of(p, "", "consent");
  s.consent_id = string_of(c, "consent.", "id");
  check_uuid("consent.id", s.consent_id);
  s.consent.notice_version = string_of(c, "consent.", "notice_version");
  s.consent.language = string_of(c, "consent.", "language");
  s.consent.given_at = string_of(c, "consent.", "given_at");
  if (s.consent.given_at.empty()) fail("consent.given_at", "is required");
  s.consent_terminal_id = string_of(c, "consent.", "terminal_id");
  if (s.consent_terminal_id != terminal_id) fail("consent.terminal_id", "is not the terminal that sent it");
  const json& purposes = array_of(c, "consent.", "purposes");
  if (purposes.size() > kMaxConsentPurposes)
    fail("consent.purposes", "has more than " + std::to_string(kMaxConsentPurposes) + " entries");
  for (std::size_t i = 0; i < purposes.size(); ++i) {
    if (!purposes[i].is_string()) fail("consent.purposes[" + std::to_string(i) + "]", "must be a string");
    s.consent.purposes.push_back(purposes[i].get<std::string>());
  }

  if (p.contains("kuemmerer_id")) {
    s.kuemmerer_id = optional_string_of(p, "", "kuemmerer_id");
    if (s.kuemmerer_id.size() > kMaxKuemmererId)
      fail("kuemmerer_id", "is longer than " + std::to_string(kMaxKuemmererId) + " bytes");
    if (const char* problem = text_problem(s.kuemmerer_id)) fail("kuemmerer_id", problem);
  }

  // Birth dates up to the day after the registration was made (its time zone may be ahead of UTC).
  using namespace std::chrono;
  const sys_days made = parse_days(s.created_at.substr(0, 10));
  validate_registration(r, s.consent, s.terminal_id, format_date(made + days{1}));
  return s;
}

}  // namespace wk::sync
