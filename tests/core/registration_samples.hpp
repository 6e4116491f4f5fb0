// Test helpers shared by the registration tests and the crash test: a complete, valid
// registration (with native-script names) and consent, and row counts of the tables a
// registration writes.
#pragma once

#include "kiosk/core/database.hpp"
#include "kiosk/core/registration.hpp"

#include <cstdint>
#include <string>

namespace wk::core::test {

// A valid registration: a skilled worker from Ukraine with `family` members (spouse first,
// then children), every optional field filled.
inline Registration sample_registration(int family = 2) {
  Registration r;
  r.target_group = "skilled_worker";
  r.given_names = "Olena";
  r.family_name = "Kovalenko";
  r.native_name = "Олена Коваленко";
  r.birth_date = "1988-04-17";
  r.nationality = "UA";
  r.phone = "+4915112345678";
  r.email = "olena.kovalenko@example.org";
  r.residence = "Schwerin, Mecklenburgstraße 12";
  r.preferred_language = "uk";
  r.contact_channel = "sms";
  r.occupation = "Pflegefachkraft";
  r.recognition = "in_progress";
  r.employer = "Helios Kliniken";
  r.arrival_date = "2026-09-01";
  for (int i = 0; i < family; ++i) {
    FamilyMember m;
    if (i == 0) {
      m.relation = "spouse";
      m.given_names = "Ahmad";
      m.family_name = "Kovalenko";
      m.native_name = "أحمد";
      m.birth_date = "1986-12-02";
      m.needs_language_course = true;
    } else {
      m.relation = "child";
      m.given_names = "Child " + std::to_string(i);
      m.family_name = "Kovalenko";
      m.birth_date = "2024-0" + std::to_string(1 + i % 9) + "-15";  // below school age until 2031
      m.needs_daycare = i % 2 == 1;
      m.needs_school = i % 2 == 0;
    }
    r.family_members.push_back(m);
  }
  return r;
}

// A registration with only the required fields (contact in person, no family).
inline Registration minimal_registration() {
  Registration r;
  r.target_group = "resident_seeking_match";
  r.given_names = "Amina";
  r.family_name = "Diallo";
  r.birth_date = "1995-01-31";
  r.nationality = "SN";
  r.preferred_language = "fr";
  r.contact_channel = "in_person";
  r.recognition = "unknown";
  return r;
}

inline Consent sample_consent() {
  Consent c;
  c.notice_version = std::string(60, 'a') + "0f9e";
  c.language = "uk";
  c.purposes = {"registration", "contact", "course_matching"};
  return c;
}

inline std::int64_t count_rows(Database& db, const std::string& table) {
  Statement st = db.prepare("SELECT count(*) FROM " + table);
  st.step();
  return st.column_int64(0);
}

// Rows in every table a registration writes: registrations, family_members, consents, outbox.
struct RowCounts {
  std::int64_t registrations = 0, family_members = 0, consents = 0, outbox = 0;
  bool operator==(const RowCounts&) const = default;
};

inline RowCounts row_counts(Database& db) {
  return {count_rows(db, "registrations"), count_rows(db, "family_members"), count_rows(db, "consents"),
          count_rows(db, "outbox")};
}

}  // namespace wk::core::test
