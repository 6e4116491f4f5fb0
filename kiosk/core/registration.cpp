// Validating, committing and loading self-registrations (see registration.hpp).
#include "kiosk/core/registration.hpp"

#include "kiosk/core/log.hpp"
#include "kiosk/core/outbox.hpp"
#include "kiosk/core/registration_code.hpp"
#include "kiosk/core/time.hpp"
#include "kiosk/core/uuid.hpp"

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdio>
#include <set>
#include <utility>

namespace wk::core {
namespace {

using nlohmann::json;

constexpr std::string_view kEntity = "registration";
constexpr int kMaxCodeAttempts = 16;

constexpr std::array<std::string_view, 4> kTargetGroups{"skilled_worker", "family_member", "student_to_work",
                                                        "resident_seeking_match"};
constexpr std::array<std::string_view, 5> kContactChannels{"phone", "sms", "email", "post", "in_person"};
constexpr std::array<std::string_view, 5> kRecognition{"not_started", "in_progress", "recognized", "not_needed",
                                                       "unknown"};
constexpr std::array<std::string_view, 6> kRelations{"spouse", "partner", "child", "parent", "sibling", "other"};

// [SECTION] Validation

[[noreturn]] void fail(const std::string& field, std::string_view problem) {
  throw RegistrationError(field, problem);
}

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

// Why `text` is not acceptable as stored text, or nullptr: it must be well-formed UTF-8
// (no overlong forms, no surrogates, nothing above U+10FFFF) without C0/C1 control
// characters, DEL, or bidi embeddings/overrides/isolates (U+202A..202E, U+2066..2069), which
// could make a name display as something else.
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
    if ((cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069)) {
      return "contains a bidi embedding, override or isolate character";
    }
    i += len;
  }
  return nullptr;
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
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
  for (std::size_t i : {0, 1, 2, 3, 5, 6, 8, 9}) {
    if (!is_digit(s[i])) return false;
  }
  const auto num = [&](std::size_t pos, std::size_t len) {
    int v = 0;
    for (std::size_t i = pos; i < pos + len; ++i) v = v * 10 + (s[i] - '0');
    return v;
  };
  const std::chrono::year_month_day ymd{std::chrono::year{num(0, 4)},
                                        std::chrono::month{static_cast<unsigned>(num(5, 2))},
                                        std::chrono::day{static_cast<unsigned>(num(8, 2))}};
  return ymd.ok() && num(0, 4) >= 1900;
}

// The latest acceptable birth date: today in the timezone furthest ahead of UTC (UTC+14),
// so that a child born "today" anywhere is accepted.
std::string latest_birth_date() {
  using namespace std::chrono;
  const year_month_day ymd{floor<days>(system_clock::now() + hours{14})};
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
                static_cast<unsigned>(ymd.day()));
  return buf;
}

void check_date(const std::string& field, std::string_view value, bool required, bool birth) {
  if (value.empty()) {
    if (required) fail(field, "is required");
    return;
  }
  if (!is_calendar_date(value)) fail(field, "must be a date YYYY-MM-DD from 1900-01-01 on");
  if (birth && value > latest_birth_date()) fail(field, "lies in the future");
}

// "YYYY-MM-DDTHH:MM:SS.mmmZ" as written by utc_now_iso8601().
bool is_timestamp(std::string_view s) {
  if (s.size() != 24 || !is_calendar_date(s.substr(0, 10))) return false;
  constexpr std::string_view shape = "0000-00-00T00:00:00.000Z";
  for (std::size_t i = 10; i < shape.size(); ++i) {
    if (shape[i] == '0' ? !is_digit(s[i]) : s[i] != shape[i]) return false;
  }
  const auto two = [&](std::size_t pos) { return (s[pos] - '0') * 10 + (s[pos + 1] - '0'); };
  return two(11) < 24 && two(14) < 60 && two(17) < 61;
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
  if (value.empty()) return;
  bool ok = value.size() >= 8 && value.size() <= 16 && value[0] == '+' && value[1] >= '1' && value[1] <= '9';
  for (std::size_t i = 1; ok && i < value.size(); ++i) ok = is_digit(value[i]);
  if (!ok) fail("phone", "must be an E.164 number: '+' and 7 to 15 digits, such as +4915112345678");
}

void check_email(std::string_view value) {
  check_text("email", value, false, kMaxEmail);
  if (value.empty()) return;
  const std::size_t at = value.find('@');
  const bool ok = at != std::string_view::npos && at > 0 && at <= 64 &&
                  value.find('@', at + 1) == std::string_view::npos && value.find(' ') == std::string_view::npos &&
                  [&] {
                    const std::string_view domain = value.substr(at + 1);
                    const std::size_t dot = domain.find('.');
                    return dot != std::string_view::npos && dot > 0 && domain.back() != '.';
                  }();
  if (!ok) fail("email", "must be an e-mail address such as name@example.org");
}

void check_terminal_id(std::string_view value) {
  bool ok = !value.empty() && value.size() <= 64;
  for (char c : value) {
    ok = ok && ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || is_digit(c) || c == '.' || c == '_' || c == '-');
  }
  if (!ok) fail("terminal_id", "must be 1 to 64 of A-Z a-z 0-9 . _ -");
}

void check_family_member(const FamilyMember& m, std::size_t index) {
  const std::string prefix = "family_members[" + std::to_string(index) + "].";
  check_enum(prefix + "relation", m.relation, kRelations);
  check_text(prefix + "given_names", m.given_names, true, kMaxRegistrationText);
  check_text(prefix + "family_name", m.family_name, true, kMaxRegistrationText);
  check_text(prefix + "native_name", m.native_name, false, kMaxRegistrationText);
  check_date(prefix + "birth_date", m.birth_date, true, true);
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

// [SECTION] Writing

void bind_optional(Statement& st, int idx, const std::string& value) {
  if (value.empty()) {
    st.bind_null(idx);
  } else {
    st.bind(idx, value);
  }
}

json optional_json(const std::string& value) {
  return value.empty() ? json(nullptr) : json(value);
}

// Inserts the registrations row of `s` under a fresh code from `new_code`, drawing again
// while the code is already taken (ON CONFLICT (code) DO NOTHING inserts no row then).
// Sets s.code. Any other failure (e.g. an id collision) throws SqliteError.
void insert_registration_row(Database& db, StoredRegistration& s, const std::function<std::string()>& new_code) {
  const Registration& r = s.registration;
  Statement st = db.prepare(
      "INSERT INTO registrations (id, code, created_at, terminal_id, target_group, given_names, family_name,"
      " native_name, birth_date, nationality, phone, email, residence, preferred_language, contact_channel,"
      " occupation, recognition, employer, arrival_date)"
      " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19)"
      " ON CONFLICT (code) DO NOTHING");
  st.bind(1, s.id).bind(3, s.created_at).bind(4, s.terminal_id).bind(5, r.target_group);
  st.bind(6, r.given_names).bind(7, r.family_name);
  bind_optional(st, 8, r.native_name);
  st.bind(9, r.birth_date).bind(10, r.nationality);
  bind_optional(st, 11, r.phone);
  bind_optional(st, 12, r.email);
  bind_optional(st, 13, r.residence);
  st.bind(14, r.preferred_language).bind(15, r.contact_channel);
  bind_optional(st, 16, r.occupation);
  st.bind(17, r.recognition);
  bind_optional(st, 18, r.employer);
  bind_optional(st, 19, r.arrival_date);

  for (int attempt = 0; attempt < kMaxCodeAttempts; ++attempt) {
    std::string code = new_code();
    if (normalize_registration_code(code) != code) {
      throw std::logic_error("registration code generator returned a non-canonical code");
    }
    st.reset();
    st.bind(2, code);
    st.step();
    if (db.changes() == 1) {
      s.code = std::move(code);
      return;
    }
    log::warn("registration", "registration code already in use on this terminal; drawing another");
  }
  throw std::runtime_error("no unused registration code after " + std::to_string(kMaxCodeAttempts) + " attempts");
}

void insert_family_rows(Database& db, const StoredRegistration& s) {
  Statement st = db.prepare(
      "INSERT INTO family_members (id, registration_id, position, relation, given_names, family_name, native_name,"
      " birth_date, needs_language_course, needs_daycare, needs_school)"
      " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)");
  const auto& members = s.registration.family_members;
  for (std::size_t i = 0; i < members.size(); ++i) {
    const FamilyMember& m = members[i];
    st.reset();
    st.bind(1, s.family_member_ids[i]).bind(2, s.id).bind(3, static_cast<std::int64_t>(i));
    st.bind(4, m.relation).bind(5, m.given_names).bind(6, m.family_name);
    bind_optional(st, 7, m.native_name);
    st.bind(8, m.birth_date);
    st.bind(9, m.needs_language_course ? 1 : 0).bind(10, m.needs_daycare ? 1 : 0).bind(11, m.needs_school ? 1 : 0);
    st.step();
  }
}

void insert_consent_row(Database& db, const StoredRegistration& s) {
  Statement st = db.prepare(
      "INSERT INTO consents (id, registration_id, notice_version, language, given_at, terminal_id, purposes)"
      " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
  st.bind(1, s.consent_id).bind(2, s.id).bind(3, s.consent.notice_version).bind(4, s.consent.language);
  st.bind(5, s.consent.given_at).bind(6, s.consent_terminal_id).bind(7, json(s.consent.purposes).dump());
  st.step();
}

// [SECTION] Reading

// A read snapshot: the SELECTs of one load see one committed state of the database.
// A SAVEPOINT opens a (deferred, read) transaction outside one and nests inside one.
class ReadSnapshot {
 public:
  explicit ReadSnapshot(Database& db) : db_(db) { db_.exec("SAVEPOINT wk_load_registration"); }
  ~ReadSnapshot() { sqlite3_exec(db_.handle(), "RELEASE wk_load_registration", nullptr, nullptr, nullptr); }
  ReadSnapshot(const ReadSnapshot&) = delete;
  ReadSnapshot& operator=(const ReadSnapshot&) = delete;

 private:
  Database& db_;
};

std::optional<StoredRegistration> load_by(Database& db, std::string_view column, std::string_view key) {
  ReadSnapshot snapshot(db);
  StoredRegistration s;
  {
    Statement st = db.prepare(
        "SELECT id, code, created_at, terminal_id, target_group, given_names, family_name, native_name, birth_date,"
        " nationality, phone, email, residence, preferred_language, contact_channel, occupation, recognition,"
        " employer, arrival_date FROM registrations WHERE " +
        std::string(column) + " = ?1");
    st.bind(1, key);
    if (!st.step()) return std::nullopt;
    s.id = st.column_text(0);
    s.code = st.column_text(1);
    s.created_at = st.column_text(2);
    s.terminal_id = st.column_text(3);
    Registration& r = s.registration;
    r.target_group = st.column_text(4);
    r.given_names = st.column_text(5);
    r.family_name = st.column_text(6);
    r.native_name = st.column_text(7);
    r.birth_date = st.column_text(8);
    r.nationality = st.column_text(9);
    r.phone = st.column_text(10);
    r.email = st.column_text(11);
    r.residence = st.column_text(12);
    r.preferred_language = st.column_text(13);
    r.contact_channel = st.column_text(14);
    r.occupation = st.column_text(15);
    r.recognition = st.column_text(16);
    r.employer = st.column_text(17);
    r.arrival_date = st.column_text(18);
  }
  {
    Statement st = db.prepare(
        "SELECT id, relation, given_names, family_name, native_name, birth_date, needs_language_course,"
        " needs_daycare, needs_school FROM family_members WHERE registration_id = ?1 ORDER BY position");
    st.bind(1, s.id);
    while (st.step()) {
      s.family_member_ids.push_back(st.column_text(0));
      FamilyMember m;
      m.relation = st.column_text(1);
      m.given_names = st.column_text(2);
      m.family_name = st.column_text(3);
      m.native_name = st.column_text(4);
      m.birth_date = st.column_text(5);
      m.needs_language_course = st.column_int64(6) != 0;
      m.needs_daycare = st.column_int64(7) != 0;
      m.needs_school = st.column_int64(8) != 0;
      s.registration.family_members.push_back(std::move(m));
    }
  }
  {
    // Exactly one today; should consents ever be renewed, the latest one counts.
    Statement st = db.prepare(
        "SELECT id, notice_version, language, given_at, terminal_id, purposes FROM consents"
        " WHERE registration_id = ?1 ORDER BY given_at DESC, id DESC LIMIT 1");
    st.bind(1, s.id);
    if (st.step()) {
      s.consent_id = st.column_text(0);
      s.consent.notice_version = st.column_text(1);
      s.consent.language = st.column_text(2);
      s.consent.given_at = st.column_text(3);
      s.consent_terminal_id = st.column_text(4);
      const json purposes = json::parse(st.column_text(5), nullptr, false);
      if (!purposes.is_array()) throw std::runtime_error("stored consent " + s.consent_id + " has malformed purposes");
      for (const json& p : purposes) {
        if (!p.is_string()) throw std::runtime_error("stored consent " + s.consent_id + " has malformed purposes");
        s.consent.purposes.push_back(p.get<std::string>());
      }
    }
  }
  return s;
}

}  // namespace

RegistrationError::RegistrationError(std::string field, std::string_view problem)
    : std::invalid_argument("registration field \"" + field + "\": " + std::string(problem)),
      field_(std::move(field)) {}

void validate_registration(const Registration& r, const Consent& consent, std::string_view terminal_id) {
  check_enum("target_group", r.target_group, kTargetGroups);
  check_text("given_names", r.given_names, true, kMaxRegistrationText);
  check_text("family_name", r.family_name, true, kMaxRegistrationText);
  check_text("native_name", r.native_name, false, kMaxRegistrationText);
  check_date("birth_date", r.birth_date, true, true);
  if (r.nationality.empty()) fail("nationality", "is required");
  if (r.nationality.size() != 2 ||
      !std::all_of(r.nationality.begin(), r.nationality.end(), [](char c) { return c >= 'A' && c <= 'Z'; })) {
    fail("nationality", "must be an ISO 3166-1 alpha-2 code: two letters A-Z");
  }
  check_phone(r.phone);
  check_email(r.email);
  check_text("residence", r.residence, false, kMaxRegistrationText);
  check_language("preferred_language", r.preferred_language);
  check_enum("contact_channel", r.contact_channel, kContactChannels);
  check_text("occupation", r.occupation, false, kMaxRegistrationText);
  check_enum("recognition", r.recognition, kRecognition);
  check_text("employer", r.employer, false, kMaxRegistrationText);
  check_date("arrival_date", r.arrival_date, false, false);

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
  for (std::size_t i = 0; i < r.family_members.size(); ++i) check_family_member(r.family_members[i], i);

  check_consent(consent);
  check_terminal_id(terminal_id);
}

RegistrationReceipt commit_registration(Store& store, const Registration& registration, const Consent& consent,
                                        std::string_view terminal_id) {
  return detail::commit_registration_with(store, registration, consent, terminal_id, new_registration_code);
}

namespace detail {

RegistrationReceipt commit_registration_with(Store& store, const Registration& registration, const Consent& consent,
                                             std::string_view terminal_id,
                                             const std::function<std::string()>& new_code) {
  validate_registration(registration, consent, terminal_id);

  RegistrationReceipt receipt = store.transact([&](Database& db) {
    StoredRegistration s;
    s.id = uuid_v7();
    s.created_at = utc_now_iso8601();
    s.terminal_id = std::string(terminal_id);
    s.registration = registration;
    for (std::size_t i = 0; i < registration.family_members.size(); ++i) s.family_member_ids.push_back(uuid_v7());
    s.consent_id = uuid_v7();
    s.consent_terminal_id = s.terminal_id;
    s.consent = consent;
    if (s.consent.given_at.empty()) s.consent.given_at = s.created_at;

    insert_registration_row(db, s, new_code);
    insert_family_rows(db, s);
    insert_consent_row(db, s);
    enqueue(db, OutboxChange{std::string(kEntity), s.id, "insert", registration_json(s)});
    return RegistrationReceipt{s.id, s.code};
  });

  log::info("registration", "committed registration " + receipt.id + " with " +
                                std::to_string(registration.family_members.size()) + " family member(s)");
  return receipt;
}

}  // namespace detail

std::optional<StoredRegistration> load_registration(Database& db, std::string_view code_or_id) {
  if (is_uuid_v7(code_or_id)) return load_by(db, "id", code_or_id);
  const std::string code = normalize_registration_code(code_or_id);
  if (code.empty()) return std::nullopt;
  return load_by(db, "code", code);
}

std::int64_t registration_count(Database& db) {
  Statement st = db.prepare("SELECT count(*) FROM registrations");
  st.step();
  return st.column_int64(0);
}

json registration_json(const StoredRegistration& s) {
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
      {"recognition", r.recognition},
      {"employer", optional_json(r.employer)},
      {"arrival_date", optional_json(r.arrival_date)},
      {"family_members", std::move(family)},
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

}  // namespace wk::core
