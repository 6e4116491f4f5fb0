// Validating, committing and loading self-registrations (see registration.hpp).
#include "kiosk/core/registration.hpp"

#include "kiosk/core/log.hpp"
#include "kiosk/core/outbox.hpp"
#include "kiosk/core/usage_counts.hpp"
#include "sync/protocol/usage_payload.hpp"
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

// [SECTION] Writing

// Inserts the registrations row of `s` under a fresh code from `new_code`, drawing again
// while the code is already taken (ON CONFLICT (code) DO NOTHING inserts no row then).
// Sets s.code. Any other failure (e.g. an id collision) throws SqliteError.
void insert_registration_row(Database& db, StoredRegistration& s, const std::function<std::string()>& new_code) {
  const Registration& r = s.registration;
  Statement st = db.prepare(
      "INSERT INTO registrations (id, code, created_at, terminal_id, target_group, given_names, family_name,"
      " native_name, birth_date, nationality, phone, email, residence, preferred_language, contact_channel,"
      " occupation, recognition, employer, arrival_date, kuemmerer_id)"
      " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20)"
      " ON CONFLICT (code) DO NOTHING");
  st.bind(1, s.id).bind(3, s.created_at).bind(4, s.terminal_id).bind(5, r.target_group);
  st.bind(6, r.given_names).bind(7, r.family_name);
  st.bind_or_null(8, r.native_name);
  st.bind(9, r.birth_date).bind(10, r.nationality);
  st.bind_or_null(11, r.phone);
  st.bind_or_null(12, r.email);
  st.bind_or_null(13, r.residence);
  st.bind(14, r.preferred_language).bind(15, r.contact_channel);
  st.bind_or_null(16, r.occupation);
  st.bind_or_null(17, r.recognition);
  st.bind_or_null(18, r.employer);
  st.bind_or_null(19, r.arrival_date);
  st.bind_or_null(20, s.kuemmerer_id);

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
    st.bind_or_null(7, m.native_name);
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
        " employer, arrival_date, kuemmerer_id FROM registrations WHERE " +
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
    s.kuemmerer_id = st.column_text(19);
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

RegistrationReceipt commit_registration(Store& store, const Registration& registration, const Consent& consent,
                                        std::string_view terminal_id, std::string_view kuemmerer_id) {
  return detail::commit_registration_with(store, registration, consent, terminal_id, new_registration_code,
                                          kuemmerer_id);
}

namespace detail {

RegistrationReceipt commit_registration_with(Store& store, const Registration& registration, const Consent& consent,
                                             std::string_view terminal_id, const std::function<std::string()>& new_code,
                                             std::string_view kuemmerer_id) {
  validate_registration(registration, consent, terminal_id);
  if (kuemmerer_id.size() > sync::kMaxKuemmererId || sync::text_problem(kuemmerer_id))
    throw RegistrationError("kuemmerer_id", "is not a contact person id");

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
    s.kuemmerer_id = std::string(kuemmerer_id);

    insert_registration_row(db, s, new_code);
    insert_family_rows(db, s);
    insert_consent_row(db, s);
    enqueue(db, OutboxChange{std::string(kEntity), s.id, "insert", registration_json(s)});
    // The usage key holds codes only: a target group and the language of the notice shown.
    const std::string key = registration.target_group + ":" + consent.language;
    count_usage(db, "registrations", sync::is_usage_key(key) ? key : "unknown", 1, std::chrono::system_clock::now());
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
  return sync::write_registration_payload(s);
}

}  // namespace wk::core
