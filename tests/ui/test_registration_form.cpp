// Tests for kiosk/ui/registration_form: the field specs, the checks each
// field gets when it is left (error message keys), cleaning, the conversion
// of a finished draft to a core::Registration and core::Consent, and the
// draft's wipe. Pure logic: no store, no window.
#include "kiosk/ui/features/registration/registration_form.hpp"
#include "kiosk/ui/features/registration/registration_screens.hpp"

#include "kiosk/core/registration.hpp"
#include "kiosk/text/input_rules.hpp"

#include <catch2/catch.hpp>

#include <string>
#include <string_view>
#include <vector>

using namespace wk::ui;
using wk::text::Date;

namespace {

constexpr Date kToday{2026, 11, 25};

const FieldSpec& spec(std::string_view id) {
  const FieldSpec* s = find_field(id);
  INFO("field " << id);
  REQUIRE(s != nullptr);
  return *s;
}

// check_field() for `id` holding `value` in `form`.
std::string check(std::string_view id, const std::string& value, FormValues form = {}) {
  form.values[std::string(id)] = value;
  return check_field(spec(id), form, kToday);
}

// Every person field filled in as typed, valid.
FormValues complete_person() {
  FormValues p;
  p.values = {{"target_group", "skilled_worker"}, {"given_names", "Olena"},
              {"family_name", "Kovalenko"},       {"native_name", "Олена Коваленко"},
              {"birth_date", "15.03.1990"},       {"nationality", "UA"},
              {"phone", "0151 23456789"},         {"email", "olena.kovalenko@example.com"},
              {"residence", "10115 Berlin"},      {"preferred_language", "uk"},
              {"contact_channel", "sms"},         {"occupation", "Krankenpflegerin"},
              {"employer", "Vivantes"},           {"arrival_date", "01.09.2025"}};
  return p;
}

FormValues member(const std::string& relation, const std::string& given, const std::string& birth) {
  FormValues m;
  m.values = {{"member.relation", relation},
              {"member.given_names", given},
              {"member.family_name", "Kovalenko"},
              {"member.birth_date", birth}};
  return m;
}

std::vector<std::string> ids(std::span<const FieldSpec> fields) {
  std::vector<std::string> out;
  for (const auto& f : fields) out.emplace_back(f.id);
  return out;
}

}  // namespace

TEST_CASE("Field specs: steps list their fields in screen order and find_field finds them", "[registration]") {
  CHECK(ids(group_fields()) == std::vector<std::string>{"target_group"});
  CHECK(ids(personal_fields()) == std::vector<std::string>{"given_names", "family_name", "native_name", "birth_date",
                                                           "nationality", "phone", "email", "residence",
                                                           "preferred_language", "contact_channel"});
  CHECK(ids(work_fields()) == std::vector<std::string>{"occupation", "recognition", "employer", "arrival_date"});
  CHECK(ids(member_fields()) == std::vector<std::string>{"member.relation", "member.given_names", "member.family_name",
                                                         "member.native_name", "member.birth_date",
                                                         "member.needs_language_course", "member.needs_daycare",
                                                         "member.needs_school"});
  for (auto list : {group_fields(), personal_fields(), work_fields(), member_fields()})
    for (const auto& f : list) CHECK(find_field(f.id) == &f);
  REQUIRE(find_field("country_search"));
  CHECK(find_field("country_search")->input == InputKind::text);
  CHECK(find_field("unknown") == nullptr);
  CHECK(find_field("") == nullptr);
  CHECK(find_field("member.nationality") == nullptr);
  CHECK(spec("given_names").keyboard == FieldKind::latin_name);
  CHECK(spec("native_name").keyboard == FieldKind::native_text);
  CHECK(spec("birth_date").keyboard == FieldKind::date);
  CHECK(spec("phone").keyboard == FieldKind::phone);
  CHECK(spec("email").keyboard == FieldKind::email);
  CHECK(spec("nationality").input == InputKind::country);
  CHECK(spec("preferred_language").input == InputKind::language);
  CHECK(spec("member.needs_school").input == InputKind::toggle);
}

TEST_CASE("Required fields: field.required for text, field.choose_one for choices", "[registration]") {
  const FormValues empty;
  for (const char* id :
       {"given_names", "family_name", "birth_date", "member.given_names", "member.family_name", "member.birth_date"})
    CHECK(check_field(spec(id), empty, kToday) == "field.required");
  for (const char* id : {"target_group", "nationality", "preferred_language", "contact_channel", "member.relation"})
    CHECK(check_field(spec(id), empty, kToday) == "field.choose_one");
  // Optional fields may stay empty.
  for (const char* id : {"native_name", "phone", "email", "residence", "occupation", "recognition", "employer",
                         "arrival_date", "member.native_name", "member.needs_daycare"})
    CHECK(check_field(spec(id), empty, kToday).empty());
  // Only spaces and invisible characters are empty too.
  CHECK(check("given_names", "   ") == "field.required");
  CHECK(check("family_name", "\u202E\u200E ") == "field.required");
  CHECK(check("native_name", "  ").empty());
}

TEST_CASE("Names: the Latin fields refuse other scripts, the native one takes them", "[registration]") {
  CHECK(check("given_names", "Олена") == "name.latin_only");
  CHECK(check("family_name", "Kovalenko-Шевченко") == "name.latin_only");
  CHECK(check("member.given_names", "سمير") == "name.latin_only");
  CHECK(check("given_names", "Olena2") == "name.invalid_characters");
  CHECK(check("given_names", "-") == "name.no_letters");
  CHECK(check("given_names", "Olena Maria").empty());
  CHECK(check("family_name", "Şahin-Öztürk").empty());
  CHECK(check("family_name", "O\u2019Neill").empty());
  CHECK(check("native_name", "Олена Коваленко").empty());
  CHECK(check("native_name", "سَمِير").empty());
  CHECK(check("member.native_name", "Софія").empty());
  CHECK(check("native_name", "Олена 2") == "name.invalid_characters");
}

TEST_CASE("Dates: real calendar dates, not in the future for births, not before 1900", "[registration]") {
  CHECK(check("birth_date", "31.02.1990") == "date.invalid");
  CHECK(check("birth_date", "15/13/1990") == "date.invalid");
  // Not day, month and a four-digit year: the format, with an example (issue 21).
  CHECK(check("birth_date", "1990") == "date.format");
  CHECK(check("birth_date", "5.3.90") == "date.format");
  CHECK(check("birth_date", "26.11.2026") == "date.in_future");
  CHECK(check("birth_date", "25.11.2026").empty());  // born today
  CHECK(check("birth_date", "01.01.1890") == "date.too_old");
  CHECK(check("birth_date", "15.03.1990").empty());
  CHECK(check("birth_date", "1990-03-15").empty());
  CHECK(check("birth_date", "29.02.2024").empty());
  CHECK(check("birth_date", "29.02.2023") == "date.invalid");
  // The member's birth date follows the same rules.
  CHECK(check("member.birth_date", "31.02.2018") == "date.invalid");
  CHECK(check("member.birth_date", "01.01.2027") == "date.in_future");
  CHECK(check("member.birth_date", "01.01.1890") == "date.too_old");
  CHECK(check("member.birth_date", "12.05.2018").empty());
  // An arrival may be planned: the future is fine, a nonsense date or 1890 is not.
  CHECK(check("arrival_date", "01.01.2027").empty());
  CHECK(check("arrival_date", "01.09.2025").empty());
  CHECK(check("arrival_date", "31.04.2025") == "date.invalid");
  CHECK(check("arrival_date", "01.01.1890") == "date.too_old");
}

TEST_CASE("Phone, e-mail and residence are checked when given", "[registration]") {
  CHECK(check("phone", "0151 23456789").empty());
  CHECK(check("phone", "+380 67 123 4567").empty());
  CHECK(check("phone", "12") == "phone.invalid");
  CHECK(check("phone", "0800 FLOWERS") == "phone.invalid");
  CHECK(check("email", "olena.kovalenko@example.com").empty());
  CHECK(check("email", "olena@") == "email.invalid");
  CHECK(check("email", "olena.example.com") == "email.invalid");
  CHECK(check("email", "olena@example") == "email.invalid");
  CHECK(check("residence", "10115 Berlin").empty());
  CHECK(check("residence", "Frankfurt (Oder)").empty());
  CHECK(check("residence", "Berlin!") == "residence.invalid");
}

TEST_CASE("The contact channel needs the field it uses", "[registration]") {
  FormValues p;
  CHECK(check("contact_channel", "email", p) == "contact.needs_email");
  CHECK(check("contact_channel", "sms", p) == "contact.needs_phone");
  CHECK(check("contact_channel", "phone", p) == "contact.needs_phone");
  CHECK(check("contact_channel", "in_person", p).empty());
  p.values["email"] = "olena@example.com";
  CHECK(check("contact_channel", "email", p).empty());
  CHECK(check("contact_channel", "sms", p) == "contact.needs_phone");
  p.values["phone"] = "0151 23456789";
  CHECK(check("contact_channel", "sms", p).empty());
  CHECK(check("contact_channel", "phone", p).empty());
  // A letter needs a street address the form does not ask for: not offered.
  p.values["residence"] = "10115 Berlin";
  CHECK(check("contact_channel", "post", p) == "input.invalid");
}

TEST_CASE("A choice outside its options is input.invalid", "[registration]") {
  CHECK(check("target_group", "tourist") == "input.invalid");
  CHECK(check("target_group", "Skilled_Worker") == "input.invalid");
  CHECK(check("target_group", "skilled_worker").empty());
  CHECK(check("contact_channel", "pigeon") == "input.invalid");
  CHECK(check("recognition", "maybe") == "input.invalid");
  CHECK(check("recognition", "in_progress").empty());
  CHECK(check("member.relation", "neighbour") == "input.invalid");
  CHECK(check("member.relation", "child").empty());
  CHECK(check("member.needs_school", "yes") == "input.invalid");
  CHECK(check("member.needs_school", "1").empty());
  CHECK(check("nationality", "U1") == "input.invalid");
  CHECK(check("nationality", "UKR") == "input.invalid");
  CHECK(check("nationality", "UA").empty());
}

TEST_CASE("leave_field cleans the value and records or clears its error", "[registration]") {
  FormValues form;
  form.values["given_names"] = "\u202E Olena\x01  \t Maria\u200F ";
  leave_field(spec("given_names"), form, kToday);
  CHECK(form.value("given_names") == "Olena Maria");
  CHECK(form.error("given_names").empty());
  CHECK(form.errors.count("given_names") == 0);

  // NFC: e + combining acute becomes é.
  form.values["family_name"] = "Rene\u0301e";
  leave_field(spec("family_name"), form, kToday);
  CHECK(form.value("family_name") == "Ren\u00E9e");

  form.values["residence"] = "10115\u00A0\u00A0Berlin\x7F";
  leave_field(spec("residence"), form, kToday);
  CHECK(form.value("residence") == "10115 Berlin");

  // An error is recorded, and cleared once the value is fixed.
  form.values["birth_date"] = " 31.02.1990 ";
  leave_field(spec("birth_date"), form, kToday);
  CHECK(form.value("birth_date") == "31.02.1990");
  CHECK(form.error("birth_date") == "date.invalid");
  form.values["birth_date"] = "28.02.1990";
  leave_field(spec("birth_date"), form, kToday);
  CHECK(form.error("birth_date").empty());

  // A value too long to clean stays as typed, so it can be corrected.
  const std::string long_name(101, 'a');
  form.values["given_names"] = long_name;
  leave_field(spec("given_names"), form, kToday);
  CHECK(form.value("given_names") == long_name);
  CHECK(form.error("given_names") == "input.too_long");
  form.values["given_names"] = std::string(100, 'a');
  leave_field(spec("given_names"), form, kToday);
  CHECK(form.error("given_names").empty());

  // Choices are stored as they are.
  form.values["target_group"] = "tourist";
  leave_field(spec("target_group"), form, kToday);
  CHECK(form.value("target_group") == "tourist");
  CHECK(form.error("target_group") == "input.invalid");
}

TEST_CASE("check_fields checks every field of a step and reports all errors", "[registration]") {
  FormValues p;
  p.values["given_names"] = " Olena ";
  p.values["birth_date"] = "31.02.1990";
  CHECK_FALSE(check_fields(personal_fields(), p, kToday));
  CHECK(p.value("given_names") == "Olena");
  CHECK(p.error("given_names").empty());
  CHECK(p.error("family_name") == "field.required");
  CHECK(p.error("birth_date") == "date.invalid");
  CHECK(p.error("nationality") == "field.choose_one");
  CHECK(p.error("preferred_language") == "field.choose_one");
  CHECK(p.error("contact_channel") == "field.choose_one");
  CHECK(p.error("native_name").empty());

  FormValues ok = complete_person();
  CHECK(check_fields(group_fields(), ok, kToday));
  CHECK(check_fields(personal_fields(), ok, kToday));
  CHECK(check_fields(work_fields(), ok, kToday));
  CHECK(ok.errors.empty());

  FormValues m = member("child", "Sofiia", "12.05.2018");
  CHECK(check_fields(member_fields(), m, kToday));
  m.values.erase("member.relation");
  CHECK_FALSE(check_fields(member_fields(), m, kToday));
  CHECK(m.error("member.relation") == "field.choose_one");
}

TEST_CASE("to_registration normalizes the draft for the store", "[registration]") {
  RegistrationDraft d;
  d.person = complete_person();
  d.person.values["given_names"] = "  Olena \u202E Maria ";
  d.person.values["nationality"] = "ua";
  d.person.values["arrival_date"] = "1.9.2025";
  FormValues child = member("child", "Sofiia", "12.05.2018");
  child.values["member.native_name"] = "Софія Коваленко";
  child.values["member.needs_school"] = "1";
  child.values["member.needs_language_course"] = "1";
  FormValues spouse = member("spouse", "Andrii", "1986-07-03");
  spouse.values["member.needs_daycare"] = "";
  d.members = {child, spouse};

  const wk::core::Registration r = to_registration(d);
  CHECK(r.target_group == "skilled_worker");
  CHECK(r.given_names == "Olena Maria");
  CHECK(r.family_name == "Kovalenko");
  CHECK(r.native_name == "Олена Коваленко");
  CHECK(r.birth_date == "1990-03-15");
  CHECK(r.nationality == "UA");
  CHECK(r.phone == "+4915123456789");
  CHECK(r.email == "olena.kovalenko@example.com");
  CHECK(r.residence == "10115 Berlin");
  CHECK(r.preferred_language == "uk");
  CHECK(r.contact_channel == "sms");
  CHECK(r.occupation == "Krankenpflegerin");
  CHECK(r.recognition.empty());  // not answered: absent, not "unknown" ("I don't know")
  CHECK(r.employer == "Vivantes");
  CHECK(r.arrival_date == "2025-09-01");
  REQUIRE(r.family_members.size() == 2);
  const wk::core::FamilyMember expected_child{"child",      "Sofiia", "Kovalenko", "Софія Коваленко",
                                              "2018-05-12", true,     false,       true};
  const wk::core::FamilyMember expected_spouse{"spouse", "Andrii", "Kovalenko", "", "1986-07-03", false, false, false};
  CHECK(r.family_members[0] == expected_child);
  CHECK(r.family_members[1] == expected_spouse);

  // An answered recognition is kept; optional fields left empty stay empty.
  d.person.values["recognition"] = "recognized";
  d.person.values.erase("phone");
  d.person.values["contact_channel"] = "email";
  d.person.values.erase("arrival_date");
  d.person.values.erase("occupation");
  const wk::core::Registration r2 = to_registration(d);
  CHECK(r2.recognition == "recognized");
  CHECK(r2.phone.empty());
  CHECK(r2.arrival_date.empty());
  CHECK(r2.occupation.empty());

  d.consent_given = true;
  d.notice_version = std::string(64, 'a');
  d.consent_language = "uk";
  d.consent_at = "2026-11-25T10:00:00.000Z";
  const wk::core::Consent c = to_consent(d);
  CHECK_NOTHROW(wk::core::validate_registration(r, c, "kiosk-1"));
  CHECK_NOTHROW(wk::core::validate_registration(r2, c, "kiosk-1"));
  CHECK(c.notice_version == d.notice_version);
  CHECK(c.language == "uk");
  CHECK(c.given_at == d.consent_at);
  CHECK(c.purposes ==
        std::vector<std::string>{"registration", "contact_person", "language_courses", "childcare_school"});
}

TEST_CASE("RegistrationDraft::wipe empties and zeroes everything", "[registration]") {
  RegistrationDraft d;
  d.started = d.consent_given = d.return_to_review = d.step_error = true;
  d.notice_version = std::string(64, 'f');
  d.consent_language = "uk-language-tag-long-enough";
  d.consent_at = "2026-11-25T10:00:00.000Z";
  d.person = complete_person();
  d.person.errors["email"] = "email.invalid";
  d.members = {member("child", "Sofiia", "12.05.2018"), member("spouse", "Andrii", "03.07.1986")};
  d.member = member("parent", "Mykola", "01.01.1960");
  d.member.errors["member.birth_date"] = "date.invalid";
  d.member_index = 1;
  d.resume = {RegistrationScreen::consent, RegistrationScreen::group};
  d.receipt_code = "K7QM-4XRT-9-but-longer-than-sso";
  d.receipt_id = "0190f5a2-7b3c-7d4e-8f00-123456789abc";

  const char* notice = d.notice_version.data();
  const std::size_t notice_len = d.notice_version.size();
  const char* receipt = d.receipt_id.data();
  const std::size_t receipt_len = d.receipt_id.size();

  d.wipe();
  CHECK_FALSE(d.started);
  CHECK_FALSE(d.consent_given);
  CHECK_FALSE(d.return_to_review);
  CHECK_FALSE(d.step_error);
  CHECK(d.notice_version.empty());
  CHECK(d.consent_language.empty());
  CHECK(d.consent_at.empty());
  CHECK(d.person.values.empty());
  CHECK(d.person.errors.empty());
  CHECK(d.members.empty());
  CHECK(d.member.values.empty());
  CHECK(d.member.errors.empty());
  CHECK(d.member_index == -1);
  CHECK(d.resume.empty());
  CHECK(d.receipt_code.empty());
  CHECK(d.receipt_id.empty());
  CHECK(d.person.value("given_names").empty());

  // clear() keeps the buffers: what they held must be zeros now.
  REQUIRE(d.notice_version.data() == notice);
  for (std::size_t i = 0; i < notice_len; ++i) CHECK(notice[i] == 0);
  REQUIRE(d.receipt_id.data() == receipt);
  for (std::size_t i = 0; i < receipt_len; ++i) CHECK(receipt[i] == 0);

  // Wiping a wiped draft is harmless.
  d.wipe();
  CHECK(d.person.values.empty());
}

TEST_CASE("A text value the form accepts is not refused by the store as too long", "[registration]") {
  std::string native;
  for (int i = 0; i < 70; ++i) native += "\u0628\u064E";  // beh + fatha: one grapheme, 4 bytes
  REQUIRE(wk::text::grapheme_count(native) == 70);
  REQUIRE(native.size() > wk::core::kMaxRegistrationText);

  RegistrationDraft d;
  d.person = complete_person();
  d.person.values["native_name"] = native;
  d.consent_given = true;
  d.notice_version = std::string(64, 'a');
  d.consent_language = "ar";
  const bool form_ok = check_fields(personal_fields(), d.person, kToday);
  const bool store_ok = [&] {
    try {
      wk::core::validate_registration(to_registration(d), to_consent(d), "kiosk-1");
      return true;
    } catch (const wk::core::RegistrationError&) {
      return false;
    }
  }();
  CHECK(form_ok == store_ok);
  CHECK(d.person.error("native_name") == "input.too_long");
}

// Issue 21: the one schema's plausibility rules, on the form, each with its own message.
TEST_CASE("Plausibility: arrival after birth, children younger, spouses 16, day care below school age",
          "[registration]") {
  const wk::text::Date today{2026, 11, 25};
  FormValues p = complete_person();  // born 15.03.1990
  CHECK(check_plausibility(p, p, today));
  p.values["arrival_date"] = "01.01.1989";
  CHECK_FALSE(check_plausibility(p, p, today));
  CHECK(p.error("arrival_date") == "date.before_birth");

  const FormValues me = complete_person();
  FormValues child = member("child", "Sofiia", "12.05.1989");  // older than the parent
  CHECK_FALSE(check_plausibility(me, child, today));
  CHECK(child.error("member.birth_date") == "member.child_older");
  child = member("child", "Sofiia", "12.05.2018");
  CHECK(check_plausibility(me, child, today));

  FormValues spouse = member("spouse", "Andrii", "26.11.2010");  // 16 tomorrow
  CHECK_FALSE(check_plausibility(me, spouse, today));
  CHECK(spouse.error("member.birth_date") == "member.spouse_too_young");
  spouse = member("partner", "Andrii", "25.11.2010");  // 16 today
  CHECK(check_plausibility(me, spouse, today));

  FormValues pupil = member("child", "Sofiia", "25.11.2019");  // 7 today
  pupil.values["member.needs_daycare"] = "1";
  CHECK_FALSE(check_plausibility(me, pupil, today));
  CHECK(pupil.error("member.birth_date") == "member.daycare_school_age");
  pupil.values["member.birth_date"] = "26.11.2019";  // 7 tomorrow
  CHECK(check_plausibility(me, pupil, today));

  // A date with an error of its own keeps that error.
  FormValues bad = member("child", "Sofiia", "31.02.2018");
  bad.errors["member.birth_date"] = "date.invalid";
  CHECK(check_plausibility(me, bad, today));
  CHECK(bad.error("member.birth_date") == "date.invalid");
}
