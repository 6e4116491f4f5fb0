// Tests for kiosk/core/registration and schema version 2: a commit writes exactly its rows
// (read back field by field, native scripts included) and one outbox entry carrying the whole
// registration; invalid input is rejected naming the field, never the value, and writes
// nothing; a failure in the middle of the commit leaves no partial rows; code collisions are
// retried inside the transaction; codes stay unique; a v1 database is upgraded in place.
#include "kiosk/core/log.hpp"
#include "kiosk/core/migrations.hpp"
#include "kiosk/core/outbox.hpp"
#include "kiosk/core/registration.hpp"
#include "kiosk/core/registration_code.hpp"
#include "kiosk/core/store.hpp"
#include "kiosk/core/uuid.hpp"
#include "kiosk/core/visits.hpp"

#include "registration_samples.hpp"
#include "tests/support/temp_dir.hpp"

#include "tests/support/scalar.hpp"

#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include <functional>
#include <mutex>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

using namespace wk::core;
using nlohmann::json;
using test::row_counts;
using test::RowCounts;

namespace {

constexpr std::string_view kTerminal = "wk-schwerin-01";

using wk::test::scalar;

// One registrations column as text ("<NULL>" for NULL).
std::string column(Database& db, const std::string& table, const std::string& col, const std::string& where) {
  Statement st = db.prepare("SELECT " + col + " FROM " + table + " WHERE " + where);
  REQUIRE(st.step());
  return st.column_is_null(0) ? std::string("<NULL>") : st.column_text(0);
}

// Runs commit_registration on a mutated copy of the sample and expects RegistrationError
// naming `field`, without `secret` (a distinctive part of the bad value) in the message, and
// no row written anywhere.
void require_rejected(Store& store, const std::string& field,
                      const std::function<void(Registration&, Consent&)>& mutate, const std::string& secret = "",
                      std::string_view terminal = kTerminal) {
  Registration r = test::sample_registration(3);
  Consent c = test::sample_consent();
  mutate(r, c);
  const RowCounts before = row_counts(store.db());
  INFO("expected field " << field);
  try {
    commit_registration(store, r, c, terminal);
    FAIL("commit_registration accepted invalid input");
  } catch (const RegistrationError& e) {
    CHECK(e.field() == field);
    const std::string what = e.what();
    CHECK(what.find("\"" + field + "\"") != std::string::npos);
    if (!secret.empty()) CHECK(what.find(secret) == std::string::npos);
  }
  CHECK_FALSE(store.db().in_transaction());
  CHECK(row_counts(store.db()) == before);
}

}  // namespace

// [SECTION] Committing

TEST_CASE("commit_registration writes exactly the registration, its family, its consent and one outbox entry",
          "[registration]") {
  test::TempDir dir;
  Store store = Store::open(dir / "kiosk.db");
  Database& db = store.db();
  const Registration reg = test::sample_registration(3);
  const Consent consent = test::sample_consent();

  const RegistrationReceipt receipt = commit_registration(store, reg, consent, kTerminal);
  CHECK(is_uuid_v7(receipt.id));
  CHECK(receipt.code.size() == kRegistrationCodeLength);
  CHECK(normalize_registration_code(receipt.code) == receipt.code);
  CHECK(row_counts(db) == RowCounts{1, 3, 1, 1});
  CHECK(registration_count(db) == 1);
  CHECK_FALSE(db.in_transaction());

  // The registrations row, column by column.
  const std::string where = "id = '" + receipt.id + "'";
  const auto reg_col = [&](const std::string& col) { return column(db, "registrations", col, where); };
  CHECK(reg_col("code") == receipt.code);
  CHECK(reg_col("terminal_id") == kTerminal);
  const std::string created_at = reg_col("created_at");
  CHECK(created_at.size() == 24);
  CHECK(reg_col("target_group") == "skilled_worker");
  CHECK(reg_col("given_names") == "Olena");
  CHECK(reg_col("family_name") == "Kovalenko");
  CHECK(reg_col("native_name") == "Олена Коваленко");
  CHECK(reg_col("birth_date") == "1988-04-17");
  CHECK(reg_col("nationality") == "UA");
  CHECK(reg_col("phone") == "+4915112345678");
  CHECK(reg_col("email") == "olena.kovalenko@example.org");
  CHECK(reg_col("residence") == "Schwerin, Mecklenburgstraße 12");
  CHECK(reg_col("preferred_language") == "uk");
  CHECK(reg_col("contact_channel") == "sms");
  CHECK(reg_col("occupation") == "Pflegefachkraft");
  CHECK(reg_col("recognition") == "in_progress");
  CHECK(reg_col("employer") == "Helios Kliniken");
  CHECK(reg_col("arrival_date") == "2026-09-01");

  // The family members, in position order.
  {
    Statement st = db.prepare(
        "SELECT id, registration_id, position, relation, given_names, family_name, native_name, birth_date,"
        " needs_language_course, needs_daycare, needs_school FROM family_members ORDER BY position");
    for (std::size_t i = 0; i < reg.family_members.size(); ++i) {
      INFO("family member " << i);
      REQUIRE(st.step());
      const FamilyMember& m = reg.family_members[i];
      CHECK(is_uuid_v7(st.column_text(0)));
      CHECK(st.column_text(1) == receipt.id);
      CHECK(st.column_int64(2) == static_cast<std::int64_t>(i));
      CHECK(st.column_text(3) == m.relation);
      CHECK(st.column_text(4) == m.given_names);
      CHECK(st.column_text(5) == m.family_name);
      if (m.native_name.empty()) {
        CHECK(st.column_is_null(6));
      } else {
        CHECK(st.column_text(6) == m.native_name);
      }
      CHECK(st.column_text(7) == m.birth_date);
      CHECK(st.column_int64(8) == (m.needs_language_course ? 1 : 0));
      CHECK(st.column_int64(9) == (m.needs_daycare ? 1 : 0));
      CHECK(st.column_int64(10) == (m.needs_school ? 1 : 0));
    }
    CHECK_FALSE(st.step());
  }
  CHECK(column(db, "family_members", "native_name", "position = 0") == "أحمد");

  // The consent.
  {
    Statement st = db.prepare(
        "SELECT id, registration_id, notice_version, language, given_at, terminal_id, purposes FROM consents");
    REQUIRE(st.step());
    CHECK(is_uuid_v7(st.column_text(0)));
    CHECK(st.column_text(1) == receipt.id);
    CHECK(st.column_text(2) == consent.notice_version);
    CHECK(st.column_text(3) == "uk");
    CHECK(st.column_text(4) == created_at);  // not given: the commit time
    CHECK(st.column_text(5) == kTerminal);
    CHECK(json::parse(st.column_text(6)) == json{"registration", "contact", "course_matching"});
    CHECK_FALSE(st.step());
  }

  // load_registration gives back what was committed, by id and by a sloppily typed code.
  const auto by_id = load_registration(db, receipt.id);
  REQUIRE(by_id);
  CHECK(by_id->registration == reg);
  CHECK(by_id->id == receipt.id);
  CHECK(by_id->code == receipt.code);
  CHECK(by_id->created_at == created_at);
  CHECK(by_id->terminal_id == kTerminal);
  CHECK(by_id->family_member_ids.size() == 3);
  CHECK(by_id->consent.notice_version == consent.notice_version);
  CHECK(by_id->consent.language == consent.language);
  CHECK(by_id->consent.purposes == consent.purposes);
  CHECK(by_id->consent.given_at == created_at);
  CHECK(by_id->consent_terminal_id == kTerminal);
  CHECK(is_uuid_v7(by_id->consent_id));

  std::string typed;
  for (char c : receipt.code) {
    if (c != '-') typed.push_back(static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c));
  }
  const auto by_code = load_registration(db, " " + typed.substr(0, 4) + " " + typed.substr(4) + " ");
  REQUIRE(by_code);
  CHECK(by_code->id == receipt.id);
  CHECK(by_code->registration == reg);
  CHECK(by_code->family_member_ids == by_id->family_member_ids);
}

TEST_CASE("the outbox entry carries the whole registration with family and consent", "[registration][outbox]") {
  test::TempDir dir;
  Store store = Store::open(dir / "kiosk.db");
  const Registration reg = test::sample_registration(2);
  const RegistrationReceipt receipt = commit_registration(store, reg, test::sample_consent(), kTerminal);

  const auto entries = pending(store.db(), 10);
  REQUIRE(entries.size() == 1);
  const OutboxEntry& e = entries[0];
  CHECK(e.entity == "registration");
  CHECK(e.entity_id == receipt.id);
  CHECK(e.op == "insert");
  CHECK(is_uuid_v7(e.change_id));

  const json payload = json::parse(e.payload);
  CHECK(payload.at("id") == receipt.id);
  CHECK(payload.at("code") == receipt.code);
  CHECK(payload.at("terminal_id") == kTerminal);
  CHECK(payload.at("given_names") == "Olena");
  CHECK(payload.at("native_name") == "Олена Коваленко");
  CHECK(payload.at("phone") == "+4915112345678");
  const json& family = payload.at("family_members");
  REQUIRE(family.size() == 2);
  CHECK(family[0].at("position") == 0);
  CHECK(family[0].at("relation") == "spouse");
  CHECK(family[0].at("native_name") == "أحمد");
  CHECK(family[0].at("needs_language_course") == true);
  CHECK(family[1].at("position") == 1);
  CHECK(family[1].at("relation") == "child");
  CHECK(family[1].at("native_name").is_null());
  CHECK(family[1].at("needs_daycare") == true);
  const json& consent = payload.at("consent");
  CHECK(consent.at("notice_version") == test::sample_consent().notice_version);
  CHECK(consent.at("language") == "uk");
  CHECK(consent.at("terminal_id") == kTerminal);
  CHECK(consent.at("purposes") == json{"registration", "contact", "course_matching"});
  CHECK(consent.at("given_at") == payload.at("created_at"));

  // The payload is exactly the JSON form of what is stored.
  const auto stored = load_registration(store.db(), receipt.id);
  REQUIRE(stored);
  CHECK(payload == registration_json(*stored));
  CHECK(family[0].at("id") == stored->family_member_ids[0]);
  CHECK(consent.at("id") == stored->consent_id);
}

TEST_CASE("optional fields not given are stored as NULL and read back empty", "[registration]") {
  test::TempDir dir;
  Store store = Store::open(dir / "kiosk.db");
  Database& db = store.db();
  const Registration reg = test::minimal_registration();
  const RegistrationReceipt receipt = commit_registration(store, reg, test::sample_consent(), kTerminal);
  CHECK(row_counts(db) == RowCounts{1, 0, 1, 1});
  for (const char* col : {"native_name", "phone", "email", "residence", "occupation", "employer", "arrival_date"}) {
    INFO(col);
    CHECK(column(db, "registrations", col, "1") == "<NULL>");
  }
  const auto stored = load_registration(db, receipt.code);
  REQUIRE(stored);
  CHECK(stored->registration == reg);
  const json payload = json::parse(pending(db, 1).at(0).payload);
  CHECK(payload.at("email").is_null());
  CHECK(payload.at("family_members") == json::array());
}

TEST_CASE("a consent time given by the caller is kept", "[registration]") {
  test::TempDir dir;
  Store store = Store::open(dir / "kiosk.db");
  Consent consent = test::sample_consent();
  consent.given_at = "2026-11-25T07:40:00.123Z";
  const RegistrationReceipt receipt = commit_registration(store, test::minimal_registration(), consent, kTerminal);
  const auto stored = load_registration(store.db(), receipt.id);
  REQUIRE(stored);
  CHECK(stored->consent.given_at == "2026-11-25T07:40:00.123Z");
  CHECK(stored->created_at != stored->consent.given_at);
}

TEST_CASE("the maximum number of family members is accepted", "[registration]") {
  test::TempDir dir;
  Store store = Store::open(dir / "kiosk.db");
  const Registration reg = test::sample_registration(static_cast<int>(kMaxFamilyMembers));
  const RegistrationReceipt receipt = commit_registration(store, reg, test::sample_consent(), kTerminal);
  CHECK(row_counts(store.db()) == RowCounts{1, static_cast<std::int64_t>(kMaxFamilyMembers), 1, 1});
  const auto stored = load_registration(store.db(), receipt.id);
  REQUIRE(stored);
  CHECK(stored->registration == reg);
}

// [SECTION] Invalid input

TEST_CASE("every required field left empty is rejected by name and writes nothing", "[registration][validation]") {
  test::TempDir dir;
  Store store = Store::open(dir / "kiosk.db");
  commit_registration(store, test::sample_registration(1), test::sample_consent(), kTerminal);  // tables not empty
  REQUIRE(row_counts(store.db()) == RowCounts{1, 1, 1, 1});

  require_rejected(store, "target_group", [](Registration& r, Consent&) { r.target_group.clear(); });
  require_rejected(store, "given_names", [](Registration& r, Consent&) { r.given_names.clear(); });
  require_rejected(store, "family_name", [](Registration& r, Consent&) { r.family_name.clear(); });
  require_rejected(store, "birth_date", [](Registration& r, Consent&) { r.birth_date.clear(); });
  require_rejected(store, "nationality", [](Registration& r, Consent&) { r.nationality.clear(); });
  require_rejected(store, "preferred_language", [](Registration& r, Consent&) { r.preferred_language.clear(); });
  require_rejected(store, "contact_channel", [](Registration& r, Consent&) { r.contact_channel.clear(); });
  // recognition may be empty: not answered (issue 21), stored as NULL.
  require_rejected(store, "family_members[2].relation",
                   [](Registration& r, Consent&) { r.family_members[2].relation.clear(); });
  require_rejected(store, "family_members[1].given_names",
                   [](Registration& r, Consent&) { r.family_members[1].given_names.clear(); });
  require_rejected(store, "family_members[0].family_name",
                   [](Registration& r, Consent&) { r.family_members[0].family_name.clear(); });
  require_rejected(store, "family_members[2].birth_date",
                   [](Registration& r, Consent&) { r.family_members[2].birth_date.clear(); });
  require_rejected(store, "consent.notice_version", [](Registration&, Consent& c) { c.notice_version.clear(); });
  require_rejected(store, "consent.language", [](Registration&, Consent& c) { c.language.clear(); });
  require_rejected(store, "consent.purposes", [](Registration&, Consent& c) { c.purposes.clear(); });
  require_rejected(
      store, "terminal_id", [](Registration&, Consent&) {}, "", "");
  // Only spaces is as good as empty.
  require_rejected(store, "given_names", [](Registration& r, Consent&) { r.given_names = "   "; });
  require_rejected(store, "occupation", [](Registration& r, Consent&) { r.occupation = " "; });
}

TEST_CASE("unknown enumeration values are rejected by name", "[registration][validation]") {
  test::TempDir dir;
  Store store = Store::open(dir / "kiosk.db");
  require_rejected(store, "target_group", [](Registration& r, Consent&) { r.target_group = "tourist"; });
  require_rejected(store, "target_group", [](Registration& r, Consent&) { r.target_group = "Skilled_Worker"; });
  require_rejected(store, "contact_channel", [](Registration& r, Consent&) { r.contact_channel = "pigeon"; });
  require_rejected(store, "recognition", [](Registration& r, Consent&) { r.recognition = "maybe"; });
  require_rejected(store, "family_members[1].relation",
                   [](Registration& r, Consent&) { r.family_members[1].relation = "cousin"; });
  CHECK(row_counts(store.db()) == RowCounts{});
}

TEST_CASE("malformed dates and codes are rejected by name", "[registration][validation]") {
  test::TempDir dir;
  Store store = Store::open(dir / "kiosk.db");
  const auto birth = [&](const std::string& value) {
    require_rejected(
        store, "birth_date", [&](Registration& r, Consent&) { r.birth_date = value; }, value);
  };
  birth("1988-02-30");  // no such day
  birth("1987-02-29");  // not a leap year
  birth("17.04.1988");
  birth("1988-4-17");
  birth("1988-04-17T00:00");
  birth("1899-12-31");
  birth("2999-01-01");  // in the future
  birth("１９８８-04-17");
  require_rejected(store, "family_members[2].birth_date",
                   [](Registration& r, Consent&) { r.family_members[2].birth_date = "2020-00-10"; });
  require_rejected(store, "arrival_date", [](Registration& r, Consent&) { r.arrival_date = "2026-13-01"; });
  require_rejected(store, "nationality", [](Registration& r, Consent&) { r.nationality = "ua"; });
  require_rejected(store, "nationality", [](Registration& r, Consent&) { r.nationality = "UKR"; });
  require_rejected(
      store, "phone", [](Registration& r, Consent&) { r.phone = "015112345678"; }, "015112345678");
  require_rejected(
      store, "phone", [](Registration& r, Consent&) { r.phone = "+49 170 9876543"; }, "9876543");
  require_rejected(store, "phone", [](Registration& r, Consent&) { r.phone = "+0123456789"; });
  require_rejected(store, "phone", [](Registration& r, Consent&) { r.phone = "+1234567890123456"; });
  require_rejected(
      store, "email", [](Registration& r, Consent&) { r.email = "olena.example.org"; }, "olena");
  require_rejected(
      store, "email", [](Registration& r, Consent&) { r.email = "olena@localhost"; }, "olena");
  require_rejected(store, "email", [](Registration& r, Consent&) { r.email = "o@a@b.org"; });
  require_rejected(store, "preferred_language", [](Registration& r, Consent&) { r.preferred_language = "uk_UA"; });
  require_rejected(store, "consent.notice_version",
                   [](Registration&, Consent& c) { c.notice_version = std::string(64, 'A'); });
  require_rejected(store, "consent.notice_version",
                   [](Registration&, Consent& c) { c.notice_version = std::string(63, 'a'); });
  require_rejected(store, "consent.purposes[0]", [](Registration&, Consent& c) { c.purposes[0] = "Contact"; });
  require_rejected(store, "consent.purposes[2]", [](Registration&, Consent& c) { c.purposes[2] = c.purposes[0]; });
  require_rejected(store, "consent.given_at", [](Registration&, Consent& c) { c.given_at = "yesterday"; });
  require_rejected(store, "consent.given_at",
                   [](Registration&, Consent& c) { c.given_at = "2026-11-25T24:00:00.000Z"; });
  require_rejected(
      store, "terminal_id", [](Registration&, Consent&) {}, "", "kiosk 1");
  CHECK(row_counts(store.db()) == RowCounts{});
}

TEST_CASE("the contact channel needs its address", "[registration][validation]") {
  test::TempDir dir;
  Store store = Store::open(dir / "kiosk.db");
  require_rejected(store, "phone", [](Registration& r, Consent&) { r.phone.clear(); });  // channel sms
  require_rejected(store, "phone", [](Registration& r, Consent&) {
    r.contact_channel = "phone";
    r.phone.clear();
  });
  require_rejected(store, "email", [](Registration& r, Consent&) {
    r.contact_channel = "email";
    r.email.clear();
  });
  require_rejected(store, "residence", [](Registration& r, Consent&) {
    r.contact_channel = "post";
    r.residence.clear();
  });
  CHECK(row_counts(store.db()) == RowCounts{});
}

TEST_CASE("NUL bytes, control characters, bad UTF-8, bidi overrides and over-long text are rejected",
          "[registration][validation]") {
  test::TempDir dir;
  Store store = Store::open(dir / "kiosk.db");
  const std::string nul_name = std::string("Zebulon") + '\0' + "Smith";
  REQUIRE(nul_name.size() == 13);
  require_rejected(
      store, "given_names", [&](Registration& r, Consent&) { r.given_names = nul_name; }, "Zebulon");
  require_rejected(
      store, "native_name", [&](Registration& r, Consent&) { r.native_name = nul_name; }, "Zebulon");
  require_rejected(
      store, "family_members[1].family_name",
      [&](Registration& r, Consent&) { r.family_members[1].family_name = nul_name; }, "Zebulon");
  require_rejected(
      store, "residence", [&](Registration& r, Consent&) { r.residence = nul_name; }, "Zebulon");
  require_rejected(store, "employer", [](Registration& r, Consent&) { r.employer = std::string(1, '\0'); });
  require_rejected(
      store, "given_names", [](Registration& r, Consent&) { r.given_names = "Zebulon\nAdmin"; }, "Zebulon");
  require_rejected(
      store, "family_name", [](Registration& r, Consent&) { r.family_name = "Zebulon\x7f"; }, "Zebulon");
  require_rejected(store, "family_name", [](Registration& r, Consent&) { r.family_name = "Zebulon\xc2\x85"; });  // NEL
  require_rejected(
      store, "given_names", [](Registration& r, Consent&) { r.given_names = "Zebulon\xff"; }, "Zebulon");
  require_rejected(store, "given_names", [](Registration& r, Consent&) { r.given_names = "Zeb\xc3"; });
  require_rejected(store, "given_names", [](Registration& r, Consent&) { r.given_names = "\xc0\xaf"; });  // overlong
  require_rejected(store, "given_names",
                   [](Registration& r, Consent&) { r.given_names = "\xed\xa0\x80"; });  // surrogate
  require_rejected(
      store, "native_name",
      [](Registration& r, Consent&) {
        r.native_name =
            "\xe2\x80\xae"
            "nolubeZ";
      },
      "nolubeZ");                                                                                              // U+202E
  require_rejected(store, "native_name", [](Registration& r, Consent&) { r.native_name = "\xe2\x81\xa6x"; });  // U+2066
  require_rejected(store, "occupation",
                   [](Registration& r, Consent&) { r.occupation = std::string(kMaxRegistrationText + 1, 'a'); });
  require_rejected(store, "email", [](Registration& r, Consent&) { r.email = std::string(250, 'a') + "@b.de"; });
  CHECK(row_counts(store.db()) == RowCounts{});

  // At the limits it is accepted: exactly kMaxRegistrationText bytes, right-to-left and
  // left-to-right marks (not overrides), astral characters.
  Registration ok = test::sample_registration(0);
  ok.occupation = std::string(kMaxRegistrationText, 'a');
  ok.native_name =
      "\xe2\x80\x8f"
      "أحمد"
      "\xe2\x80\x8e 𝒜";
  CHECK_NOTHROW(commit_registration(store, ok, test::sample_consent(), kTerminal));
  CHECK(registration_count(store.db()) == 1);
}

TEST_CASE("more than the maximum number of family members is rejected", "[registration][validation]") {
  test::TempDir dir;
  Store store = Store::open(dir / "kiosk.db");
  require_rejected(store, "family_members", [](Registration& r, Consent&) {
    r = test::sample_registration(static_cast<int>(kMaxFamilyMembers) + 1);
  });
  require_rejected(store, "family_members", [](Registration& r, Consent&) { r = test::sample_registration(51); });
  CHECK(row_counts(store.db()) == RowCounts{});
}

TEST_CASE("validate_registration accepts the samples without touching a database", "[registration][validation]") {
  CHECK_NOTHROW(validate_registration(test::sample_registration(3), test::sample_consent(), kTerminal));
  CHECK_NOTHROW(validate_registration(test::minimal_registration(), test::sample_consent(), kTerminal));
  CHECK_THROWS_AS(validate_registration(test::minimal_registration(), Consent{}, kTerminal), RegistrationError);
  CHECK_THROWS_AS(validate_registration(test::minimal_registration(), Consent{}, kTerminal), std::invalid_argument);
}

// [SECTION] Failures while writing

TEST_CASE("a failure in the middle of the commit leaves no partial rows", "[registration]") {
  test::TempDir dir;
  Store store = Store::open(dir / "kiosk.db");
  Database& db = store.db();
  commit_registration(store, test::sample_registration(2), test::sample_consent(), kTerminal);
  const RowCounts before = row_counts(db);
  REQUIRE(before == RowCounts{1, 2, 1, 1});

  const std::vector<std::pair<const char*, const char*>> failures = {
      {"consents", "BEFORE INSERT ON consents"},
      {"second family member", "BEFORE INSERT ON family_members WHEN NEW.position = 1"},
      {"outbox", "BEFORE INSERT ON outbox"},
      {"registration", "AFTER INSERT ON registrations"},
  };
  for (const auto& [name, when] : failures) {
    INFO("failing at " << name);
    db.exec(std::string("CREATE TEMP TRIGGER fail_commit ") + when + " BEGIN SELECT RAISE(ABORT, 'injected'); END;");
    CHECK_THROWS_AS(commit_registration(store, test::sample_registration(3), test::sample_consent(), kTerminal),
                    SqliteError);
    CHECK_FALSE(db.in_transaction());
    CHECK(row_counts(db) == before);
    db.exec("DROP TRIGGER fail_commit");
  }
  {
    Statement st = db.prepare("PRAGMA foreign_key_check");
    CHECK_FALSE(st.step());
  }
  commit_registration(store, test::sample_registration(3), test::sample_consent(), kTerminal);
  CHECK(row_counts(db) == RowCounts{2, 5, 2, 2});
}

TEST_CASE("commit_registration refuses to run inside an open transaction", "[registration]") {
  test::TempDir dir;
  Store store = Store::open(dir / "kiosk.db");
  Transaction tx(store.db());
  CHECK_THROWS_AS(commit_registration(store, test::minimal_registration(), test::sample_consent(), kTerminal),
                  SqliteError);
  CHECK(row_counts(store.db()) == RowCounts{});
}

// [SECTION] Codes

TEST_CASE("a code already in use is replaced inside the same transaction", "[registration][code]") {
  test::TempDir dir;
  Store store = Store::open(dir / "kiosk.db");
  Database& db = store.db();
  const std::string taken = make_registration_code("K7QM4XRT");
  const std::string fresh = make_registration_code("22222223");
  const Registration reg = test::sample_registration(1);
  const Consent consent = test::sample_consent();

  const auto first = detail::commit_registration_with(store, reg, consent, kTerminal, [&] { return taken; });
  CHECK(first.code == taken);

  std::vector<std::string> script = {taken, taken, fresh};
  std::size_t calls = 0;
  std::vector<std::string> logged;
  log::set_sink([&](log::Level, std::string_view line) { logged.emplace_back(line); });
  const auto second =
      detail::commit_registration_with(store, reg, consent, kTerminal, [&] { return script.at(calls++); });
  log::set_sink(nullptr);
  CHECK(calls == 3);
  CHECK(second.code == fresh);
  CHECK(row_counts(db) == RowCounts{2, 2, 2, 2});
  CHECK(load_registration(db, fresh)->id == second.id);
  CHECK(load_registration(db, taken)->id == first.id);
  // The payload names the code that was finally stored; logs never name codes.
  CHECK(json::parse(pending(db, 10).at(1).payload).at("code") == fresh);
  for (const std::string& line : logged) CHECK(line.find(taken) == std::string::npos);

  // A generator that never finds a free code gives up; nothing is written.
  CHECK_THROWS_AS(detail::commit_registration_with(store, reg, consent, kTerminal, [&] { return taken; }),
                  std::runtime_error);
  CHECK(row_counts(db) == RowCounts{2, 2, 2, 2});
  // A generator that returns something that is not a canonical code is a bug.
  CHECK_THROWS_AS(detail::commit_registration_with(store, reg, consent, kTerminal, [] { return "k7qm4xrt?"; }),
                  std::logic_error);
  CHECK_THROWS_AS(detail::commit_registration_with(store, reg, consent, kTerminal, [] { return "2222-2223-Z"; }),
                  std::logic_error);
  CHECK(row_counts(db) == RowCounts{2, 2, 2, 2});
  CHECK_FALSE(db.in_transaction());
}

TEST_CASE("codes stay unique over 2000 commits", "[registration][code]") {
  test::TempDir dir;
  Store store = Store::open(dir / "kiosk.db");
  // Durability is not under test here (crash_tests does that); without an fsync per commit
  // 2000 commits take a fraction of a second instead of many seconds.
  store.db().exec("PRAGMA synchronous=OFF");
  const auto saved = log::level();
  log::set_level(log::Level::warn);
  std::set<std::string> codes;
  const Registration reg = test::minimal_registration();
  const Consent consent = test::sample_consent();
  for (int i = 0; i < 2000; ++i) codes.insert(commit_registration(store, reg, consent, kTerminal).code);
  log::set_level(saved);
  CHECK(codes.size() == 2000);
  CHECK(registration_count(store.db()) == 2000);
  CHECK(scalar(store.db(), "SELECT count(DISTINCT code) FROM registrations") == 2000);
  for (const std::string& code : codes) REQUIRE(is_valid_registration_code(code));
}

TEST_CASE("load_registration finds nothing for unknown or malformed keys", "[registration]") {
  test::TempDir dir;
  Store store = Store::open(dir / "kiosk.db");
  Database& db = store.db();
  const auto receipt = commit_registration(store, test::minimal_registration(), test::sample_consent(), kTerminal);
  CHECK(load_registration(db, receipt.id));
  CHECK_FALSE(load_registration(db, uuid_v7()));
  CHECK_FALSE(load_registration(db, ""));
  CHECK_FALSE(load_registration(db, "not a code"));
  CHECK_FALSE(load_registration(db, "' OR 1=1 --"));
  std::string wrong_check = receipt.code;
  wrong_check.back() = wrong_check.back() == '2' ? '3' : '2';
  CHECK_FALSE(load_registration(db, wrong_check));
  std::string other = make_registration_code("22222222");
  if (other != receipt.code) CHECK_FALSE(load_registration(db, other));
  CHECK_FALSE(db.in_transaction());
}

// [SECTION] Schema version 2

TEST_CASE("a version 1 database is upgraded to the latest version keeping its visits", "[registration][migrations]") {
  test::TempDir dir;
  const auto file = dir / "kiosk.db";
  std::string visit_id;
  {
    Database db = Database::open(file.string(), SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
    REQUIRE(migrations().size() >= 2);
    db.exec(migrations()[0].sql);
    db.exec("PRAGMA user_version = 1");
    visit_id = uuid_v7();
    db.exec("INSERT INTO visits (id, started_at, language) VALUES ('" + visit_id +
            "', '2026-11-24T10:00:00.000Z', 'ar')");
    db.exec("INSERT INTO visits (id, started_at, language, ended_at, end_reason) VALUES ('" + uuid_v7() +
            "', '2026-11-24T11:00:00.000Z', 'de', '2026-11-24T11:05:00.000Z', 'idle')");
    db.exec(
        "INSERT INTO outbox (change_id, entity, entity_id, op, payload, created_at)"
        " VALUES ('c1', 'visit', 'v1', 'insert', '{}', '2026-11-24T10:00:00.000Z')");
  }
  Store store = Store::open(file);
  Database& db = store.db();
  CHECK(schema_version(db) == latest_schema_version());
  CHECK(scalar(db, "SELECT count(*) FROM visits") == 2);
  CHECK(scalar(db, "SELECT count(*) FROM outbox") == 1);
  CHECK(column(db, "visits", "language", "id = '" + visit_id + "'") == "ar");
  CHECK(column(db, "visits", "end_reason", "language = 'de'") == "idle");
  for (const char* table : {"registrations", "family_members", "consents"}) {
    INFO(table);
    CHECK(scalar(db, std::string("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = '") + table +
                         "'") == 1);
  }
  commit_registration(store, test::sample_registration(1), test::sample_consent(), kTerminal);
  start_visit(store, "uk");
  CHECK(row_counts(db) == RowCounts{1, 1, 1, 3});
  CHECK(scalar(db, "SELECT count(*) FROM visits") == 3);
}

TEST_CASE("the version 2 schema enforces its constraints", "[registration][migrations]") {
  test::TempDir dir;
  Store store = Store::open(dir / "kiosk.db");
  Database& db = store.db();
  const auto receipt = commit_registration(store, test::sample_registration(2), test::sample_consent(), kTerminal);
  const std::string rid = receipt.id;

  // A valid row to vary: (code, birth_date, phone, native_name).
  const auto insert_reg = [&](const std::string& code, const std::string& birth, const std::string& phone,
                              const std::string& native) {
    db.exec(
        "INSERT INTO registrations (id, code, created_at, terminal_id, target_group, given_names, family_name,"
        " native_name, birth_date, nationality, phone, preferred_language, contact_channel, recognition) VALUES ('" +
        uuid_v7() + "', '" + code + "', '2026-11-25T07:40:00.123Z', 't', 'skilled_worker', 'A', 'B', " + native +
        ", '" + birth + "', 'UA', " + phone + ", 'uk', 'in_person', 'unknown')");
  };
  const std::string good_code = make_registration_code("ABCDEFGH");
  CHECK_THROWS_AS(insert_reg(receipt.code, "1990-01-01", "NULL", "NULL"), SqliteError);  // code taken
  CHECK_THROWS_AS(insert_reg("ABCD-EFGH", "1990-01-01", "NULL", "NULL"), SqliteError);
  CHECK_THROWS_AS(insert_reg("ABCD-EFGH-00", "1990-01-01", "NULL", "NULL"), SqliteError);
  CHECK_THROWS_AS(insert_reg("ABCDEFGH-J-", "1990-01-01", "NULL", "NULL"), SqliteError);
  CHECK_THROWS_AS(insert_reg("ABCD-EF-H-J", "1990-01-01", "NULL", "NULL"), SqliteError);
  CHECK_THROWS_AS(insert_reg(good_code, "01.01.1990", "NULL", "NULL"), SqliteError);
  CHECK_THROWS_AS(insert_reg(good_code, "1990-01-01", "'0151 123'", "NULL"), SqliteError);
  CHECK_THROWS_AS(insert_reg(good_code, "1990-01-01", "'+49'", "NULL"), SqliteError);
  CHECK_THROWS_AS(insert_reg(good_code, "1990-01-01", "NULL", "''"), SqliteError);  // '' is not "not given"
  CHECK_NOTHROW(insert_reg(good_code, "1990-01-01", "'+4915112345678'", "'Олена'"));

  const auto insert_consent = [&](const std::string& version, const std::string& purposes) {
    db.exec(
        "INSERT INTO consents (id, registration_id, notice_version, language, given_at, terminal_id, purposes)"
        " VALUES ('" +
        uuid_v7() + "', '" + rid + "', '" + version + "', 'uk', '2026-11-25T07:40:00.123Z', 't', '" + purposes + "')");
  };
  const std::string hex(64, 'e');
  CHECK_THROWS_AS(insert_consent(hex, "{not json"), SqliteError);
  CHECK_THROWS_AS(insert_consent(hex, "{}"), SqliteError);
  CHECK_THROWS_AS(insert_consent(hex, "[]"), SqliteError);
  CHECK_THROWS_AS(insert_consent(std::string(64, 'E'), "[\"x\"]"), SqliteError);
  CHECK_THROWS_AS(insert_consent(std::string(63, 'e'), "[\"x\"]"), SqliteError);

  // Family members need their registration and a free position; flags are 0 or 1.
  const auto insert_member = [&](const std::string& reg_id, int position, int flag) {
    db.exec(
        "INSERT INTO family_members (id, registration_id, position, relation, given_names, family_name, birth_date,"
        " needs_language_course, needs_daycare, needs_school) VALUES ('" +
        uuid_v7() + "', '" + reg_id + "', " + std::to_string(position) + ", 'child', 'A', 'B', '2020-01-01', " +
        std::to_string(flag) + ", 0, 0)");
  };
  CHECK_THROWS_AS(insert_member(uuid_v7(), 0, 0), SqliteError);  // no such registration
  CHECK_THROWS_AS(insert_member(rid, 1, 0), SqliteError);        // position taken
  CHECK_THROWS_AS(insert_member(rid, 5, 2), SqliteError);
  CHECK_THROWS_AS(insert_member(rid, -1, 0), SqliteError);
  CHECK(row_counts(db).family_members == 2);

  // Deleting a registration deletes its family members and consent with it.
  db.exec("DELETE FROM registrations WHERE id = '" + rid + "'");
  CHECK(scalar(db, "SELECT count(*) FROM family_members") == 0);
  CHECK(scalar(db, "SELECT count(*) FROM consents") == 0);
}

TEST_CASE("the Kümmerer chosen at commit is stored and sent, and the parser takes it, null or none",
          "[registration][kuemmerer]") {
  test::TempDir dir;
  Store store = Store::open(dir / "kiosk.db");
  const RegistrationReceipt receipt =
      commit_registration(store, test::sample_registration(1), test::sample_consent(), kTerminal, "p-nouri");
  const auto stored = load_registration(store.db(), receipt.id);
  REQUIRE(stored);
  CHECK(stored->kuemmerer_id == "p-nouri");
  json payload = registration_json(*stored);
  CHECK(payload.at("kuemmerer_id") == "p-nouri");
  CHECK(wk::sync::parse_registration_payload(payload, kTerminal).kuemmerer_id == "p-nouri");
  payload["kuemmerer_id"] = nullptr;
  CHECK(wk::sync::parse_registration_payload(payload, kTerminal).kuemmerer_id.empty());
  payload.erase("kuemmerer_id");  // an older terminal
  CHECK(wk::sync::parse_registration_payload(payload, kTerminal).kuemmerer_id.empty());
  payload["kuemmerer_id"] = "";
  CHECK_THROWS_WITH(wk::sync::parse_registration_payload(payload, kTerminal),
                    Catch::Contains("kuemmerer_id") && Catch::Contains("must be null when not given"));
  payload["kuemmerer_id"] = std::string(129, 'p');
  CHECK_THROWS_WITH(wk::sync::parse_registration_payload(payload, kTerminal), Catch::Contains("longer than 128 bytes"));
  payload["kuemmerer_id"] = 7;
  CHECK_THROWS_WITH(wk::sync::parse_registration_payload(payload, kTerminal),
                    Catch::Contains("must be a string or null"));
  // A bad id is refused before anything is written.
  CHECK_THROWS_AS(commit_registration(store, test::sample_registration(0), test::sample_consent(), kTerminal,
                                      std::string(200, 'x')),
                  RegistrationError);
  CHECK(registration_count(store.db()) == 1);
}
