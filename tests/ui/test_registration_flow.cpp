// Tests for kiosk/ui/registration_flow through the controller, with a real
// store in a temporary directory, the real language table and the system's
// XKB keyboard layouts: every value is typed key by key on the on-screen
// keyboard the flow offers, as a person would (shift and the layout key
// when a character is not shown). Covers the whole wizard, step checks,
// going back and home, declining, the idle wipe, family members, backspace
// over graphemes, store failures and the typing cap.
#include "kiosk/ui/features/registration/registration_flow.hpp"
#include "tests/support/paths.hpp"

#include "kiosk/core/catalog.hpp"
#include "kiosk/core/log.hpp"
#include "kiosk/core/registration.hpp"
#include "kiosk/core/registration_code.hpp"
#include "kiosk/core/sha256.hpp"
#include "kiosk/core/store.hpp"
#include "kiosk/text/input_rules.hpp"
#include "kiosk/text/languages.hpp"
#include "kiosk/ui/controller.hpp"
#include "kiosk/ui/idle_timer.hpp"
#include "kiosk/ui/session.hpp"

#include "../core/quiet_log.hpp"
#include "../support/temp_dir.hpp"

#include "tests/support/scalar.hpp"

#include <catch2/catch.hpp>

#include "tests/ui/keyboard_typing.hpp"

#include <filesystem>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

using namespace wk::ui;
using wk::core::Store;
using wk::core::test::QuietLog;
using wk::text::Date;
namespace wlog = wk::core::log;

namespace {

constexpr Date kToday{2026, 11, 25};
constexpr const char* kNotice = "notice text";
constexpr const char* kTerminal = "kiosk-test-1";

using Stack = std::vector<ScreenId>;

using wk::test::scalar;

// A store, the real language table, a session on the welcome screen and the
// controller over them, with the flow's date fixed.
struct Kiosk {
  QuietLog log;
  wk::core::test::TempDir dir;
  Store store = Store::open(dir / "kiosk.db");
  wk::text::LanguageTable languages =
      wk::text::LanguageTable::load(wk::test::source_dir() / "locales" / "languages.json");
  Session session;
  IdleTimer idle{120, 30};
  Controller controller{store, {"de", "en", "ar", "uk"}, "de", session, idle};
  RegistrationFlow flow{store, session, controller.form()};
  double now = 0;

  Kiosk() {
    session.language = "de";
    controller.add_feature(flow);
    flow.configure(&languages, kTerminal);
    flow.today = [] { return kToday; };
  }

  Effects apply(const Intent& intent) {
    now += 1;
    return controller.apply(intent, now);
  }

  RegistrationDraft& draft() { return flow.draft(); }
  FormValues& form(std::string_view id) { return id.starts_with("member.") ? draft().member : draft().person; }
  const std::string& value(std::string_view id) { return form(id).value(id); }
  const std::string& error(std::string_view id) { return form(id).error(id); }

  const Key* key_showing(std::string_view rest) const { return test::key_showing(session, rest); }
  const Key* key_doing(KeyAction action) const { return test::key_doing(session, action); }
  void tap(const Key& k) { apply(PressKey{k.id}); }
  void tap(KeyAction action) {
    const Key* k = key_doing(action);
    REQUIRE(k != nullptr);
    tap(*k);
  }
  // Types `text` on the keyboard shown (tests/ui/keyboard_typing.hpp).
  void type(std::string_view text) {
    test::type_on_keyboard(
        session, [this](const Intent& i) { apply(i); }, text);
  }

  // Focus, type, Done.
  void fill(const std::string& field, std::string_view text) {
    apply(Focus{field});
    REQUIRE(session.keyboard);
    REQUIRE(session.focus == field);
    type(text);
    tap(KeyAction::done);
    CHECK_FALSE(session.keyboard);
    CHECK(session.focus.empty());
  }

  // Backspace until the focused field is empty.
  void clear_focused() {
    for (int i = 0; i < 300 && !value(session.focus).empty(); ++i) tap(KeyAction::backspace);
    REQUIRE(value(session.focus).empty());
  }

  std::int64_t registrations() { return wk::core::registration_count(store.db()); }
  std::int64_t outbox_rows() { return scalar(store, "SELECT count(*) FROM outbox"); }
  std::int64_t registration_outbox_rows() {
    return scalar(store, "SELECT count(*) FROM outbox WHERE entity = 'registration'");
  }
  std::int64_t rows(const std::string& table) { return scalar(store, "SELECT count(*) FROM " + table); }
};

// Welcome -> home in `language` -> consent accepted -> who registers.
void start(Kiosk& k, const std::string& language = "uk") {
  k.apply(ChooseLanguage{language});
  REQUIRE(k.session.stack == Stack{ScreenId::home});
  k.apply(StartRegistration{});
  REQUIRE(k.session.stack == Stack{ScreenId::home, RegistrationScreen::consent});
  k.apply(AcceptConsent{kNotice});
  REQUIRE(k.session.top() == RegistrationScreen::group);
}

void group_step(Kiosk& k) {
  k.apply(Choose{"target_group", "skilled_worker"});
  k.apply(NextStep{});
  REQUIRE(k.session.top() == RegistrationScreen::personal);
}

// Olena, typed on a Ukrainian session: Latin names on "us", her own name on "ua".
void personal_step(Kiosk& k) {
  k.fill("given_names", "Olena");
  k.fill("family_name", "Kovalenko");
  k.apply(Focus{"native_name"});
  REQUIRE(k.session.keyboard);
  CHECK(k.session.keyboard->layout_name() == "ua");
  k.type("Олена Коваленко");
  k.tap(KeyAction::done);
  k.fill("birth_date", "15.03.1990");
  k.apply(Choose{"nationality", "UA"});
  k.fill("phone", "015123456789");
  k.fill("email", "olena.kovalenko@example.com");
  k.fill("residence", "10115 Berlin");
  k.apply(Choose{"contact_channel", "sms"});
  k.apply(NextStep{});
  INFO("step_error " << k.draft().step_error);
  REQUIRE(k.session.top() == RegistrationScreen::work);
}

void work_step(Kiosk& k) {
  k.fill("occupation", "Медсестра");
  k.apply(Choose{"recognition", "in_progress"});
  k.fill("employer", "Vivantes");
  k.fill("arrival_date", "01.09.2025");
  k.apply(NextStep{});
  REQUIRE(k.session.top() == RegistrationScreen::family);
}

struct MemberInput {
  std::string relation, given, family, native, birth;
  std::vector<std::string> toggles;
};

void add_member(Kiosk& k, const MemberInput& m) {
  const std::size_t before = k.draft().members.size();
  k.apply(AddMember{});
  REQUIRE(k.session.top() == RegistrationScreen::member);
  k.apply(Choose{"member.relation", m.relation});
  // The person's family name is filled in (issue 21); keep it when it is the member's too.
  CHECK(k.value("member.family_name") == k.value("family_name"));
  k.fill("member.given_names", m.given);
  if (m.family != k.value("member.family_name")) {
    k.apply(Focus{"member.family_name"});
    k.clear_focused();
    k.tap(KeyAction::done);
    k.fill("member.family_name", m.family);
  }
  if (!m.native.empty()) k.fill("member.native_name", m.native);
  k.fill("member.birth_date", m.birth);
  for (const auto& t : m.toggles) k.apply(Toggle{"member." + t});
  k.apply(SaveMember{});
  REQUIRE(k.session.top() == RegistrationScreen::family);
  REQUIRE(k.draft().members.size() == before + 1);
}

const MemberInput kChild{"child",           "Sofiia",     "Kovalenko",
                         "Софія Коваленко", "12.05.2018", {"needs_school", "needs_language_course"}};
const MemberInput kSpouse{"spouse", "Andrii", "Kovalenko", "Андрій Коваленко", "03.07.1986", {"needs_language_course"}};

// Everything up to the review page.
void to_review(Kiosk& k) {
  start(k);
  group_step(k);
  personal_step(k);
  work_step(k);
  add_member(k, kChild);
  add_member(k, kSpouse);
  k.apply(NextStep{});
  REQUIRE(k.session.top() == RegistrationScreen::review);
}

const Stack kReviewStack{
    ScreenId::home,           RegistrationScreen::consent, RegistrationScreen::group, RegistrationScreen::personal,
    RegistrationScreen::work, RegistrationScreen::family,  RegistrationScreen::review};

wk::core::Registration expected_registration() {
  wk::core::Registration r;
  r.target_group = "skilled_worker";
  r.given_names = "Olena";
  r.family_name = "Kovalenko";
  r.native_name = "Олена Коваленко";
  r.birth_date = "1990-03-15";
  r.nationality = "UA";
  r.phone = "+4915123456789";
  r.email = "olena.kovalenko@example.com";
  r.residence = "10115 Berlin";
  r.preferred_language = "uk";
  r.contact_channel = "sms";
  r.occupation = "Медсестра";
  r.recognition = "in_progress";
  r.employer = "Vivantes";
  r.arrival_date = "2025-09-01";
  r.family_members = {
      {"child", "Sofiia", "Kovalenko", "Софія Коваленко", "2018-05-12", true, false, true},
      {"spouse", "Andrii", "Kovalenko", "Андрій Коваленко", "1986-07-03", true, false, false},
  };
  return r;
}

}  // namespace

TEST_CASE("wizard_step numbers the wizard's screens", "[registration]") {
  CHECK(wizard_step(RegistrationScreen::consent) == 1);
  CHECK(wizard_step(RegistrationScreen::group) == 2);
  CHECK(wizard_step(RegistrationScreen::personal) == 3);
  CHECK(wizard_step(RegistrationScreen::country) == 3);
  CHECK(wizard_step(RegistrationScreen::work) == 4);
  CHECK(wizard_step(RegistrationScreen::family) == 5);
  CHECK(wizard_step(RegistrationScreen::member) == 5);
  CHECK(wizard_step(RegistrationScreen::review) == kWizardSteps);
  CHECK(wizard_step(ScreenId::home) == 0);
  CHECK(wizard_step(RegistrationScreen::receipt) == 0);
}

TEST_CASE("The whole wizard through intents only stores what was typed", "[registration]") {
  Kiosk k;
  to_review(k);
  CHECK(k.session.stack == kReviewStack);
  CHECK(k.registrations() == 0);  // nothing personal before "Confirm"
  CHECK(k.outbox_rows() == 1);    // the visit

  CHECK(k.apply(ConfirmRegistration{}).outbox_changed);  // the sync worker is nudged
  CHECK(k.session.error_key.empty());
  CHECK(k.session.stack == Stack{ScreenId::home, RegistrationScreen::receipt});
  CHECK(k.session.top() == RegistrationScreen::receipt);
  const std::string code = k.draft().receipt_code;
  CHECK(wk::core::is_valid_registration_code(code));
  CHECK(code == wk::core::normalize_registration_code(code));
  // The draft is gone; only the receipt stays.
  CHECK(k.draft().person.values.empty());
  CHECK(k.draft().members.empty());
  CHECK_FALSE(k.draft().consent_given);
  CHECK_FALSE(k.session.keyboard);

  CHECK(k.registrations() == 1);
  const auto stored = wk::core::load_registration(k.store.db(), code);
  REQUIRE(stored);
  CHECK(stored->id == k.draft().receipt_id);
  CHECK(stored->code == code);
  CHECK(stored->terminal_id == kTerminal);
  const wk::core::Registration want = expected_registration();
  CHECK(stored->registration.target_group == want.target_group);
  CHECK(stored->registration.given_names == want.given_names);
  CHECK(stored->registration.family_name == want.family_name);
  CHECK(stored->registration.native_name == want.native_name);
  CHECK(stored->registration.birth_date == want.birth_date);
  CHECK(stored->registration.nationality == want.nationality);
  CHECK(stored->registration.phone == want.phone);
  CHECK(stored->registration.email == want.email);
  CHECK(stored->registration.residence == want.residence);
  CHECK(stored->registration.preferred_language == want.preferred_language);
  CHECK(stored->registration.contact_channel == want.contact_channel);
  CHECK(stored->registration.occupation == want.occupation);
  CHECK(stored->registration.recognition == want.recognition);
  CHECK(stored->registration.employer == want.employer);
  CHECK(stored->registration.arrival_date == want.arrival_date);
  REQUIRE(stored->registration.family_members.size() == 2);
  CHECK(stored->registration.family_members[0] == want.family_members[0]);
  CHECK(stored->registration.family_members[1] == want.family_members[1]);
  CHECK(stored->registration == want);

  CHECK(stored->consent.notice_version == wk::core::sha256_hex(kNotice));
  CHECK(stored->consent.language == "uk");
  CHECK(stored->consent.purposes ==
        std::vector<std::string>{"registration", "contact_person", "language_courses", "childcare_school"});
  CHECK_FALSE(stored->consent.given_at.empty());
  CHECK(stored->consent_terminal_id == kTerminal);

  CHECK(k.registration_outbox_rows() == 1);
  CHECK(k.outbox_rows() == 2);  // the visit and the registration
  CHECK(
      scalar(k.store, "SELECT count(*) FROM outbox WHERE entity = 'registration' AND op = 'insert' AND entity_id = '" +
                          stored->id + "'") == 1);
  CHECK(k.log.errors == 0);

  // Back from the receipt: home, and the receipt stays until the session ends (issue 21): the
  // home tile opens it again, and leaving asks nothing (nothing unsent is lost).
  const std::string receipt = k.draft().receipt_code;
  k.apply(Back{});
  CHECK(k.session.stack == Stack{ScreenId::home});
  CHECK(k.draft().receipt_code == receipt);
  k.apply(GoHome{});
  CHECK(k.draft().receipt_code == receipt);
  k.apply(StartRegistration{});
  CHECK(k.session.stack == Stack{ScreenId::home, RegistrationScreen::receipt});
  k.apply(Back{});
  k.apply(Back{});  // on home: the session ends without a question
  CHECK_FALSE(k.session.confirm_leave);
  CHECK_FALSE(k.session.active());
  CHECK(k.draft().receipt_code.empty());
  CHECK(k.registrations() == 1);
}

TEST_CASE("Leaving a draft from home asks once, Keep keeps it, Delete ends the session", "[registration]") {
  Kiosk k;
  start(k);
  k.apply(Choose{"target_group", "skilled_worker"});
  k.apply(GoHome{});
  REQUIRE(k.session.stack == Stack{ScreenId::home});
  k.apply(Back{});
  CHECK(k.session.confirm_leave);
  CHECK(k.session.active());
  k.apply(KeepInput{});
  CHECK_FALSE(k.session.confirm_leave);
  CHECK(k.value("target_group") == "skilled_worker");
  // Anything else answers "keep" too (a touch beside the panel).
  k.apply(Back{});
  k.apply(GoHome{});
  CHECK_FALSE(k.session.confirm_leave);
  CHECK(k.session.active());
  // Delete and leave.
  k.apply(Back{});
  k.apply(LeaveAnyway{});
  CHECK_FALSE(k.session.active());
  CHECK_FALSE(k.draft().started);
  CHECK(k.value("target_group").empty());
  // LeaveAnyway without the question does nothing.
  k.apply(ChooseLanguage{"uk"});
  k.apply(LeaveAnyway{});
  CHECK(k.session.active());
}

TEST_CASE("The keyboards follow the field and the session language", "[registration]") {
  Kiosk k;
  start(k);
  group_step(k);
  struct Want {
    const char* field;
    FieldKind kind;
    const char* layout;
  };
  for (const Want& w :
       {Want{"given_names", FieldKind::latin_name, "us"}, Want{"native_name", FieldKind::native_text, "ua"},
        Want{"birth_date", FieldKind::date, ""}, Want{"phone", FieldKind::phone, ""},
        Want{"email", FieldKind::email, "us"}, Want{"residence", FieldKind::free_text, "ua"}}) {
    k.apply(Focus{w.field});
    INFO(w.field);
    REQUIRE(k.session.keyboard);
    CHECK(k.session.keyboard->kind() == w.kind);
    CHECK(k.session.keyboard->layout_name() == w.layout);
  }
  // Choices take no keyboard; they close the one that is open.
  k.apply(Focus{"nationality"});
  CHECK(k.session.focus == "residence");
  k.apply(Choose{"nationality", "UA"});
  CHECK_FALSE(k.session.keyboard);
  CHECK(k.session.focus.empty());
  // Unknown fields are ignored.
  k.apply(Focus{"no_such_field"});
  CHECK_FALSE(k.session.keyboard);
  // Name fields start with a capital: shift is on in an empty name field.
  k.apply(Focus{"given_names"});
  REQUIRE(k.session.keyboard);
  CHECK(k.session.keyboard->shifted());
  k.type("O");
  CHECK_FALSE(k.session.keyboard->shifted());
  k.type("la ");
  CHECK(k.session.keyboard->shifted());
  CHECK(k.value("given_names") == "Ola ");
  // The keyboard follows a language switch.
  k.apply(SwitchLanguage{"ar"});
  REQUIRE(k.session.keyboard);
  CHECK(k.session.focus == "given_names");
  k.apply(Focus{"native_name"});
  REQUIRE(k.session.keyboard);
  CHECK(k.session.keyboard->layout_name() == "ara");
  CHECK(k.value("given_names") == "Ola");  // cleaned when left
}

TEST_CASE("NextStep with missing required fields stays, marks them and writes nothing", "[registration]") {
  Kiosk k;
  start(k);
  k.apply(NextStep{});
  CHECK(k.session.top() == RegistrationScreen::group);
  CHECK(k.draft().step_error);
  CHECK(k.error("target_group") == "field.choose_one");
  k.apply(Choose{"target_group", "tourist"});  // not an option
  CHECK(k.error("target_group") == "input.invalid");
  k.apply(NextStep{});
  CHECK(k.session.top() == RegistrationScreen::group);
  group_step(k);
  CHECK_FALSE(k.draft().step_error);

  k.fill("given_names", "Olena");
  k.fill("birth_date", "31.02.1990");
  CHECK(k.error("birth_date") == "date.invalid");
  k.apply(NextStep{});
  CHECK(k.session.top() == RegistrationScreen::personal);
  CHECK(k.draft().step_error);
  CHECK(k.error("given_names").empty());
  CHECK(k.error("family_name") == "field.required");
  CHECK(k.error("birth_date") == "date.invalid");
  CHECK(k.error("nationality") == "field.choose_one");
  CHECK(k.error("contact_channel") == "field.choose_one");
  CHECK(k.error("native_name").empty());
  CHECK(k.error("preferred_language").empty());  // preset to the session language
  CHECK(k.value("preferred_language") == "uk");

  // The contact channel needs its field.
  k.apply(Choose{"contact_channel", "email"});
  CHECK(k.error("contact_channel") == "contact.needs_email");
  k.fill("email", "olena@example");
  CHECK(k.error("email") == "email.invalid");
  k.apply(Focus{"email"});
  k.type(".de");
  k.tap(KeyAction::done);
  CHECK(k.value("email") == "olena@example.de");
  CHECK(k.error("email").empty());
  CHECK(k.error("contact_channel").empty());  // re-checked when the e-mail was left

  // Typing clears the field's error at once.
  k.apply(Focus{"birth_date"});
  k.tap(KeyAction::backspace);
  CHECK(k.error("birth_date").empty());
  k.tap(KeyAction::done);
  CHECK(k.error("birth_date") == "date.format");  // "31.02.199": not a four-digit year

  // Confirm is only possible from the review page.
  k.apply(ConfirmRegistration{});
  CHECK(k.session.top() == RegistrationScreen::personal);

  CHECK(k.registrations() == 0);
  CHECK(k.rows("consents") == 0);
  CHECK(k.rows("family_members") == 0);
  CHECK(k.registration_outbox_rows() == 0);
  CHECK(k.outbox_rows() == 1);  // the visit only
}

TEST_CASE("Back keeps the values, with a field focused it only closes the keyboard", "[registration]") {
  Kiosk k;
  start(k);
  group_step(k);
  personal_step(k);
  k.fill("occupation", "Медсестра");
  k.apply(Choose{"recognition", "recognized"});

  // Back while typing: the keyboard closes, the screen stays.
  k.apply(Focus{"employer"});
  k.type("Viv");
  REQUIRE(k.session.keyboard);
  k.apply(Back{});
  CHECK_FALSE(k.session.keyboard);
  CHECK(k.session.focus.empty());
  CHECK(k.session.top() == RegistrationScreen::work);
  CHECK(k.value("employer") == "Viv");

  // Back to the personal data: everything is still there.
  k.apply(Back{});
  CHECK(k.session.top() == RegistrationScreen::personal);
  CHECK(k.value("given_names") == "Olena");
  CHECK(k.value("native_name") == "Олена Коваленко");
  CHECK(k.value("birth_date") == "15.03.1990");
  CHECK(k.value("phone") == "015123456789");
  CHECK(k.value("nationality") == "UA");
  k.apply(Back{});
  CHECK(k.session.top() == RegistrationScreen::group);
  CHECK(k.value("target_group") == "skilled_worker");

  // And forward again without retyping.
  k.apply(NextStep{});
  k.apply(NextStep{});
  CHECK(k.session.top() == RegistrationScreen::work);
  CHECK(k.value("occupation") == "Медсестра");
  CHECK(k.value("recognition") == "recognized");
  CHECK(k.value("employer") == "Viv");
  CHECK(k.session.stack == Stack{ScreenId::home, RegistrationScreen::consent, RegistrationScreen::group,
                                 RegistrationScreen::personal, RegistrationScreen::work});
}

TEST_CASE("EditStep from the review page returns to the review page", "[registration]") {
  Kiosk k;
  to_review(k);

  k.apply(EditStep{RegistrationScreen::personal});
  CHECK(k.session.top() == RegistrationScreen::personal);
  CHECK(k.draft().return_to_review);
  k.apply(Focus{"family_name"});
  k.clear_focused();
  k.type("Kowalenko");
  k.apply(NextStep{});  // leaves the field too
  CHECK(k.session.stack == kReviewStack);
  CHECK_FALSE(k.draft().return_to_review);
  CHECK(k.value("family_name") == "Kowalenko");

  // A step that does not pass stays open, still on the way back to review.
  k.apply(EditStep{RegistrationScreen::personal});
  k.apply(Focus{"given_names"});
  k.clear_focused();
  k.apply(NextStep{});
  CHECK(k.session.top() == RegistrationScreen::personal);
  CHECK(k.error("given_names") == "field.required");
  k.fill("given_names", "Olena");
  k.apply(NextStep{});
  CHECK(k.session.stack == kReviewStack);

  // Back from an edited step returns to the review page too.
  k.apply(EditStep{RegistrationScreen::work});
  CHECK(k.session.top() == RegistrationScreen::work);
  k.apply(Back{});
  CHECK(k.session.stack == kReviewStack);

  // The family step, then Next.
  k.apply(EditStep{RegistrationScreen::family});
  k.apply(NextStep{});
  CHECK(k.session.stack == kReviewStack);

  // EditStep of a screen outside the wizard, or from another page, is ignored.
  k.apply(EditStep{ScreenId::about});
  CHECK(k.session.stack == kReviewStack);
  k.apply(Back{});
  CHECK(k.session.top() == RegistrationScreen::family);
  k.apply(EditStep{RegistrationScreen::personal});
  CHECK(k.session.top() == RegistrationScreen::family);

  k.apply(NextStep{});
  k.apply(ConfirmRegistration{});
  REQUIRE(k.session.top() == RegistrationScreen::receipt);
  const auto stored = wk::core::load_registration(k.store.db(), k.draft().receipt_code);
  REQUIRE(stored);
  CHECK(stored->registration.family_name == "Kowalenko");
  CHECK(stored->registration.given_names == "Olena");
}

TEST_CASE("DeclineConsent stores nothing and returns home with an empty draft", "[registration]") {
  Kiosk k;
  k.apply(ChooseLanguage{"uk"});
  k.apply(StartRegistration{});
  REQUIRE(k.session.top() == RegistrationScreen::consent);
  CHECK(k.draft().started);
  k.apply(DeclineConsent{});
  CHECK(k.session.stack == Stack{ScreenId::home});
  CHECK_FALSE(k.draft().started);
  CHECK_FALSE(k.draft().consent_given);
  CHECK(k.draft().person.values.empty());
  CHECK(k.draft().notice_version.empty());
  CHECK(k.registrations() == 0);
  CHECK(k.rows("consents") == 0);
  CHECK(k.registration_outbox_rows() == 0);
  CHECK(k.outbox_rows() == 1);  // the visit
  CHECK(scalar(k.store, "SELECT count(*) FROM outbox WHERE entity <> 'visit'") == 0);

  // AcceptConsent without a started draft does nothing.
  k.apply(AcceptConsent{kNotice});
  CHECK(k.session.stack == Stack{ScreenId::home});
  CHECK_FALSE(k.draft().consent_given);

  // Back on the consent page discards the draft as well.
  k.apply(StartRegistration{});
  k.apply(Back{});
  CHECK(k.session.stack == Stack{ScreenId::home});
  CHECK_FALSE(k.draft().started);
  CHECK(k.draft().person.values.empty());
  CHECK(k.session.active());
}

TEST_CASE("GoHome keeps the draft and StartRegistration continues where it was", "[registration]") {
  Kiosk k;
  start(k);
  group_step(k);
  k.fill("given_names", "Olena");
  k.apply(Focus{"family_name"});
  k.type("Koval");
  REQUIRE(k.session.keyboard);

  k.apply(GoHome{});
  CHECK(k.session.stack == Stack{ScreenId::home});
  CHECK_FALSE(k.session.keyboard);
  CHECK(k.session.focus.empty());
  CHECK(k.draft().started);
  CHECK(k.draft().consent_given);
  CHECK(k.value("given_names") == "Olena");
  CHECK(k.value("family_name") == "Koval");
  CHECK(k.draft().resume ==
        Stack{RegistrationScreen::consent, RegistrationScreen::group, RegistrationScreen::personal});

  k.apply(StartRegistration{});
  CHECK(k.session.stack ==
        Stack{ScreenId::home, RegistrationScreen::consent, RegistrationScreen::group, RegistrationScreen::personal});
  CHECK(k.value("given_names") == "Olena");
  CHECK(k.value("family_name") == "Koval");
  CHECK(k.draft().consent_given);

  // Home from the member editor: the half-entered member goes, the family step stays.
  k.apply(Focus{"family_name"});
  k.type("enko");
  k.tap(KeyAction::done);
  k.fill("birth_date", "15.03.1990");
  k.apply(Choose{"nationality", "UA"});
  k.apply(Choose{"contact_channel", "in_person"});
  k.apply(NextStep{});
  REQUIRE(k.session.top() == RegistrationScreen::work);
  k.apply(NextStep{});
  REQUIRE(k.session.top() == RegistrationScreen::family);
  k.apply(AddMember{});
  k.apply(Choose{"member.relation", "child"});
  k.apply(Focus{"member.given_names"});
  k.type("Sof");
  k.apply(GoHome{});
  CHECK(k.session.stack == Stack{ScreenId::home});
  // The half-entered member is kept for "Add" to reopen.
  CHECK(k.draft().member_pending);
  CHECK(k.draft().member.value("member.given_names") == "Sof");
  CHECK(k.draft().resume.back() == RegistrationScreen::family);
  k.apply(StartRegistration{});
  CHECK(k.session.top() == RegistrationScreen::family);
  CHECK(k.draft().members.empty());
  CHECK(k.value("family_name") == "Kovalenko");
  CHECK(k.registrations() == 0);

  // A draft that was only opened (consent not yet given) continues on the consent page.
  Kiosk fresh;
  fresh.apply(ChooseLanguage{"uk"});
  fresh.apply(StartRegistration{});
  fresh.apply(GoHome{});
  CHECK(fresh.session.stack == Stack{ScreenId::home});
  fresh.apply(StartRegistration{});
  CHECK(fresh.session.stack == Stack{ScreenId::home, RegistrationScreen::consent});
}

TEST_CASE("Idle expiry wipes the draft and the keyboard", "[registration][idle]") {
  Kiosk k;
  start(k);
  group_step(k);
  k.fill("given_names", "Olena");
  k.apply(Focus{"native_name"});
  k.type("Олена");
  REQUIRE(k.session.keyboard);
  CHECK_FALSE(k.controller.check_idle(k.now + 100));  // still active
  CHECK(k.value("native_name") == "Олена");

  CHECK(k.controller.check_idle(k.now + 151));
  CHECK(k.session.stack.empty());
  CHECK_FALSE(k.session.keyboard);
  const RegistrationDraft& d = k.draft();
  CHECK_FALSE(d.started);
  CHECK_FALSE(d.consent_given);
  CHECK(k.session.focus.empty());
  CHECK(d.person.values.empty());
  CHECK(d.person.errors.empty());
  CHECK(d.member.values.empty());
  CHECK(d.members.empty());
  CHECK(d.notice_version.empty());
  CHECK(d.consent_language.empty());
  CHECK(d.consent_at.empty());
  CHECK(d.resume.empty());
  CHECK(k.session.language == "de");
  CHECK(k.registrations() == 0);
  CHECK(scalar(k.store, "SELECT count(*) FROM visits WHERE end_reason = 'idle'") == 1);

  // The next person starts from nothing.
  k.apply(ChooseLanguage{"uk"});
  k.apply(StartRegistration{});
  CHECK(k.session.stack == Stack{ScreenId::home, RegistrationScreen::consent});
  CHECK(k.value("given_names").empty());
  CHECK(k.value("native_name").empty());
  CHECK_FALSE(k.draft().consent_given);
}

TEST_CASE("Family members: edit, remove, and no daycare or school for adults", "[registration]") {
  Kiosk k;
  start(k);
  group_step(k);
  personal_step(k);
  work_step(k);

  // A member with missing fields is not saved.
  k.apply(AddMember{});
  k.apply(Choose{"member.relation", "parent"});
  k.apply(SaveMember{});
  CHECK(k.session.top() == RegistrationScreen::member);
  CHECK(k.draft().step_error);
  CHECK(k.error("member.given_names") == "field.required");
  CHECK(k.error("member.birth_date") == "field.required");
  CHECK(k.draft().members.empty());
  // Back leaves an incomplete member unsaved but kept; "Add" reopens it.
  k.apply(Back{});
  CHECK(k.session.top() == RegistrationScreen::family);
  CHECK(k.draft().members.empty());
  CHECK(k.draft().member_pending);
  CHECK(k.draft().member.value("member.relation") == "parent");
  CHECK_FALSE(k.draft().step_error);
  k.apply(AddMember{});
  CHECK(k.session.top() == RegistrationScreen::member);
  CHECK(k.value("member.relation") == "parent");
  k.apply(Back{});

  // An adult with daycare and school ticked: both are dropped on saving.
  add_member(
      k,
      {"spouse", "Andrii", "Kovalenko", "", "03.07.1986", {"needs_daycare", "needs_school", "needs_language_course"}});
  add_member(k, kChild);
  add_member(k, {"parent", "Mykola", "Kovalenko", "Микола Коваленко", "01.01.1960", {}});
  REQUIRE(k.draft().members.size() == 3);
  const FormValues& spouse = k.draft().members[0];
  CHECK(spouse.value("member.needs_daycare").empty());
  CHECK(spouse.value("member.needs_school").empty());
  CHECK(spouse.value("member.needs_language_course") == "1");
  CHECK(k.draft().members[1].value("member.needs_school") == "1");

  // Edit the child: the editor opens with her values; saving replaces her in place.
  k.apply(EditMember{1});
  CHECK(k.session.top() == RegistrationScreen::member);
  CHECK(k.draft().member_index == 1);
  CHECK(k.value("member.given_names") == "Sofiia");
  CHECK(k.value("member.native_name") == "Софія Коваленко");
  k.apply(Focus{"member.given_names"});
  k.clear_focused();
  k.type("Sofia");
  k.apply(Toggle{"member.needs_daycare"});  // also closes the keyboard
  CHECK_FALSE(k.session.keyboard);
  // Day care for a child of school age (8) is refused, saying what to check (issue 21).
  k.apply(SaveMember{});
  CHECK(k.session.top() == RegistrationScreen::member);
  CHECK(k.error("member.birth_date") == "member.daycare_school_age");
  k.apply(Toggle{"member.needs_daycare"});
  k.apply(SaveMember{});
  CHECK(k.session.top() == RegistrationScreen::family);
  REQUIRE(k.draft().members.size() == 3);
  CHECK(k.draft().members[1].value("member.given_names") == "Sofia");
  CHECK(k.draft().members[1].value("member.needs_daycare").empty());
  CHECK(k.draft().members[1].value("member.needs_school") == "1");
  CHECK(k.draft().member_index == -1);
  CHECK(k.draft().member.values.empty());

  // She becomes "other" (not a child): daycare and school go.
  k.apply(EditMember{1});
  k.apply(Choose{"member.relation", "other"});
  k.apply(SaveMember{});
  CHECK(k.draft().members[1].value("member.relation") == "other");
  CHECK(k.draft().members[1].value("member.needs_daycare").empty());
  CHECK(k.draft().members[1].value("member.needs_school").empty());

  // Back keeps what was entered: a complete edit is saved.
  k.apply(EditMember{2});
  k.apply(Choose{"member.relation", "sibling"});
  k.apply(Back{});
  CHECK(k.session.top() == RegistrationScreen::family);
  CHECK(k.draft().members[2].value("member.relation") == "sibling");

  // Remove the first; out-of-range indices are ignored.
  // Remove asks for a second tap; anything in between disarms it.
  k.apply(RemoveMember{0});
  CHECK(k.draft().remove_armed == 0);
  CHECK(k.draft().members.size() == 3);
  k.apply(Toggle{"member.needs_school"});
  CHECK(k.draft().remove_armed == -1);
  k.apply(RemoveMember{0});
  k.apply(RemoveMember{0});
  REQUIRE(k.draft().members.size() == 2);
  CHECK(k.draft().members[0].value("member.given_names") == "Sofia");
  CHECK(k.draft().members[1].value("member.given_names") == "Mykola");
  k.apply(RemoveMember{2});
  k.apply(RemoveMember{-1});
  k.apply(EditMember{5});
  CHECK(k.draft().members.size() == 2);
  CHECK(k.session.top() == RegistrationScreen::family);

  k.apply(NextStep{});
  REQUIRE(k.session.top() == RegistrationScreen::review);
  k.apply(ConfirmRegistration{});
  REQUIRE(k.session.top() == RegistrationScreen::receipt);
  const auto stored = wk::core::load_registration(k.store.db(), k.draft().receipt_code);
  REQUIRE(stored);
  REQUIRE(stored->registration.family_members.size() == 2);
  const wk::core::FamilyMember sofia{"other",      "Sofia", "Kovalenko", "Софія Коваленко",
                                     "2018-05-12", true,    false,       false};
  const wk::core::FamilyMember mykola{"sibling",    "Mykola", "Kovalenko", "Микола Коваленко",
                                      "1960-01-01", false,    false,       false};
  CHECK(stored->registration.family_members[0] == sofia);
  CHECK(stored->registration.family_members[1] == mykola);
  CHECK(k.rows("family_members") == 2);
}

TEST_CASE("Backspace removes one grapheme: an Arabic letter with its haraka", "[registration]") {
  Kiosk k;
  start(k, "ar");
  group_step(k);
  k.apply(Focus{"native_name"});
  REQUIRE(k.session.keyboard);
  REQUIRE(k.session.keyboard->layout_name() == "ara");
  // seen, meem + fatha (Shift+AD01 on "ara")
  k.type("\u0633\u0645\u064E");
  CHECK(k.value("native_name") == "\u0633\u0645\u064E");
  CHECK(wk::text::grapheme_count(k.value("native_name")) == 2);
  k.tap(KeyAction::backspace);
  CHECK(k.value("native_name") == "\u0633");
  k.tap(KeyAction::backspace);
  CHECK(k.value("native_name").empty());
  k.tap(KeyAction::backspace);  // on an empty field: nothing happens
  CHECK(k.value("native_name").empty());

  // A Cyrillic name on the Ukrainian layout loses one letter per backspace too.
  Kiosk u;
  start(u);
  group_step(u);
  u.apply(Focus{"native_name"});
  u.type("Олена");
  u.tap(KeyAction::backspace);
  CHECK(u.value("native_name") == "Олен");
}

TEST_CASE("An Arabic native-name field starts with the letters, not the harakat", "[registration]") {
  Kiosk k;
  start(k, "ar");
  group_step(k);
  k.apply(Focus{"native_name"});
  REQUIRE(k.session.keyboard);
  REQUIRE(k.session.keyboard->layout_name() == "ara");
  CHECK_FALSE(k.session.keyboard->shifted());
  const Key* dad = nullptr;
  for (const auto& row : k.session.keyboard->rows())
    for (const auto& key : row)
      if (key.id == "key.AD01") dad = &key;
  REQUIRE(dad != nullptr);
  CHECK(dad->text == "\u0636");
}

TEST_CASE("A store failure on confirm keeps the draft, sets error.storage, writes nothing", "[registration][storage]") {
  Kiosk k;
  to_review(k);
  // The consent is written after the registration and its members: the whole
  // transaction must roll back.
  k.store.db().exec(
      "CREATE TEMP TRIGGER wk_test_fail_consent BEFORE INSERT ON consents "
      "BEGIN SELECT RAISE(ABORT, 'injected failure'); END");
  k.apply(ConfirmRegistration{});
  CHECK(k.session.error_key == "error.storage");
  CHECK(k.session.stack == kReviewStack);
  CHECK(k.draft().receipt_code.empty());
  CHECK(k.draft().consent_given);
  CHECK(k.draft().notice_version == wk::core::sha256_hex(kNotice));
  CHECK(k.value("given_names") == "Olena");
  CHECK(k.value("native_name") == "Олена Коваленко");
  CHECK(k.draft().members.size() == 2);
  CHECK(k.registrations() == 0);
  CHECK(k.rows("registrations") == 0);
  CHECK(k.rows("family_members") == 0);
  CHECK(k.rows("consents") == 0);
  CHECK(k.registration_outbox_rows() == 0);
  CHECK(k.outbox_rows() == 1);
  CHECK_FALSE(k.store.db().in_transaction());
  CHECK(k.log.errors >= 1);

  // The person tries again once the store works: everything is there.
  k.store.db().exec("DROP TRIGGER wk_test_fail_consent");
  k.apply(ConfirmRegistration{});
  REQUIRE(k.session.top() == RegistrationScreen::receipt);
  CHECK(k.registrations() == 1);
  CHECK(k.registration_outbox_rows() == 1);
  const auto stored = wk::core::load_registration(k.store.db(), k.draft().receipt_code);
  REQUIRE(stored);
  CHECK(stored->registration == expected_registration());
}

TEST_CASE("A successful retry clears the storage banner", "[registration][storage]") {
  Kiosk k;
  to_review(k);
  k.store.db().exec(
      "CREATE TEMP TRIGGER wk_test_fail_reg BEFORE INSERT ON registrations "
      "BEGIN SELECT RAISE(ABORT, 'injected failure'); END");
  k.apply(ConfirmRegistration{});
  REQUIRE(k.session.error_key == "error.storage");
  k.store.db().exec("DROP TRIGGER wk_test_fail_reg");
  k.apply(ConfirmRegistration{});
  REQUIRE(k.session.top() == RegistrationScreen::receipt);
  CHECK(k.session.error_key.empty());
}

TEST_CASE("Typing is capped, and over-long values are input.too_long when left", "[registration]") {
  constexpr std::size_t kCap = 4 * wk::core::kMaxRegistrationText;
  Kiosk k;
  start(k);
  group_step(k);

  // Thousands of taps on one key: the value stops growing.
  k.apply(Focus{"given_names"});
  for (int i = 0; i < 3000; ++i) k.apply(PressKey{"key.AC01"});
  CHECK(k.value("given_names").size() <= kCap);
  CHECK(k.value("given_names").size() >= 100);
  const std::string typed = k.value("given_names");
  k.apply(PressKey{"key.AC01"});
  CHECK(k.value("given_names") == typed);
  k.tap(KeyAction::done);
  CHECK(k.error("given_names") == "input.too_long");
  CHECK(k.value("given_names") == typed);  // kept as typed, to be corrected

  // Two-byte letters on the Ukrainian layout: capped in bytes too.
  k.apply(Focus{"native_name"});
  for (int i = 0; i < 3000; ++i) k.apply(PressKey{"key.AC01"});
  CHECK(k.value("native_name").size() <= kCap);
  k.tap(KeyAction::done);
  CHECK(k.error("native_name") == "input.too_long");

  // Dates on the number pad.
  k.apply(Focus{"birth_date"});
  for (int i = 0; i < 2000; ++i) k.apply(PressKey{"key.d1"});
  CHECK(k.value("birth_date").size() <= kCap);
  k.tap(KeyAction::done);
  CHECK(k.error("birth_date") == "input.too_long");

  k.apply(NextStep{});
  CHECK(k.session.top() == RegistrationScreen::personal);
  CHECK(k.draft().step_error);

  // The limit is exactly the field's length in graphemes: 100 letters are fine, 101 are not.
  k.apply(Focus{"family_name"});
  k.type(std::string(100, 'K'));  // shift by hand: auto-capitals only for the first
  k.tap(KeyAction::done);
  CHECK(k.value("family_name").size() == 100);
  CHECK(k.error("family_name").empty());
  k.apply(Focus{"family_name"});
  k.type("K");
  k.tap(KeyAction::done);
  CHECK(k.error("family_name") == "input.too_long");
  k.apply(Focus{"family_name"});
  k.tap(KeyAction::backspace);
  k.tap(KeyAction::done);
  CHECK(k.error("family_name").empty());
}

TEST_CASE("A native name too long for the store is refused on its step, not on confirm", "[registration]") {
  Kiosk k;
  start(k, "ar");
  group_step(k);
  k.fill("given_names", "Samir");
  k.fill("family_name", "Haddad");
  std::string native;
  for (int i = 0; i < 70; ++i) native += "\u0628\u064E";  // beh + fatha
  k.fill("native_name", native);
  REQUIRE(k.value("native_name") == native);
  k.fill("birth_date", "01.01.1985");
  k.apply(Choose{"nationality", "SY"});
  k.apply(Choose{"contact_channel", "in_person"});
  k.apply(NextStep{});
  CHECK(k.error("native_name") == "input.too_long");
  CHECK(k.session.top() == RegistrationScreen::personal);
  if (k.session.top() != RegistrationScreen::work) return;
  k.apply(NextStep{});
  k.apply(NextStep{});
  REQUIRE(k.session.top() == RegistrationScreen::review);
  k.apply(ConfirmRegistration{});
  CHECK(k.session.error_key != "error.generic");  // today: refused by validate_registration
  CHECK(k.session.top() == RegistrationScreen::receipt);
}

TEST_CASE("Home from the nationality picker forgets the search", "[registration]") {
  Kiosk k;
  start(k);
  group_step(k);
  k.apply(Open{RegistrationScreen::country});
  REQUIRE(k.session.top() == RegistrationScreen::country);
  k.fill("country_search", "Ukr");
  REQUIRE(k.value("country_search") == "Ukr");
  k.apply(GoHome{});
  k.apply(StartRegistration{});
  CHECK(k.session.top() == RegistrationScreen::personal);
  CHECK(k.value("country_search").empty());

  // For comparison, Back from the picker clears it.
  k.apply(Open{RegistrationScreen::country});
  k.apply(Back{});
  CHECK(k.session.top() == RegistrationScreen::personal);
  CHECK(k.value("country_search").empty());
}

TEST_CASE("Home while editing a step from the review page comes back to the review page", "[registration]") {
  Kiosk k;
  to_review(k);
  k.apply(EditStep{RegistrationScreen::personal});
  REQUIRE(k.session.top() == RegistrationScreen::personal);
  k.apply(GoHome{});
  k.apply(StartRegistration{});
  REQUIRE(k.session.top() == RegistrationScreen::personal);
  const auto depth = k.session.stack.size();
  k.apply(NextStep{});
  CHECK(k.session.top() == RegistrationScreen::review);
  CHECK(k.session.stack.size() == depth - 1);
}

TEST_CASE("Back to the notice after agreeing keeps everything entered", "[registration]") {
  Kiosk k;
  start(k);
  group_step(k);
  k.fill("given_names", "Olena");
  k.apply(Back{});  // personal -> group
  k.apply(Back{});  // group -> consent
  REQUIRE(k.session.top() == RegistrationScreen::consent);
  k.apply(Back{});  // consent -> home
  CHECK(k.session.top() == ScreenId::home);
  CHECK(k.draft().started);
  CHECK(k.value("given_names") == "Olena");
  k.apply(StartRegistration{});
  CHECK(k.value("given_names") == "Olena");
}

TEST_CASE("Back on the language screen over an open keyboard closes the language screen", "[registration]") {
  Kiosk k;
  start(k);
  group_step(k);
  k.apply(Focus{"given_names"});
  k.apply(Open{ScreenId::languages});
  k.apply(Back{});
  CHECK(k.session.top() == RegistrationScreen::personal);
  CHECK(k.session.keyboard);
}

TEST_CASE("An arrival more than a year ahead is refused", "[registration]") {
  Kiosk k;
  start(k);
  group_step(k);
  k.fill("arrival_date", "01.12.2027");  // today is 2026-11-25
  CHECK(k.error("arrival_date") == "date.in_future");
  k.apply(Focus{"arrival_date"});
  k.clear_focused();
  k.type("01.09.2027");
  k.tap(KeyAction::done);
  CHECK(k.error("arrival_date").empty());
}

TEST_CASE("Confirm chooses the family's one Kümmerer from the directory and shows them on the receipt",
          "[registration][kuemmerer]") {
  Kiosk k;
  // Residence "10115 Berlin", preferred language Ukrainian: p-uk covers 10115 and speaks it.
  wk::core::apply_catalog_delta(
      k.store.db(),
      {{"organisation", "o-wc", 1, false,
        nlohmann::json{{"name", {{"de", "Welcome Center Berlin"}}}, {"kind", "welcome_center"}, {"phone", "+49 30 1"}}
            .dump()},
       {"contact_person", "p-ar", 2, false,
        nlohmann::json{{"name", "Samir Haddad"},
                       {"organisation_id", "o-wc"},
                       {"languages", {"de", "ar"}},
                       {"postal_codes", {"10115"}},
                       {"kuemmerer_capacity", 50}}
            .dump()},
       {"contact_person", "p-uk", 3, false,
        nlohmann::json{{"name", "Iryna Bondarenko"},
                       {"organisation_id", "o-wc"},
                       {"languages", {"de", "uk"}},
                       {"postal_codes", {"101*"}},
                       {"kuemmerer_capacity", 50},
                       {"email", "i.b@example.org"}}
            .dump()}},
      "cursor-1");
  to_review(k);
  k.apply(ConfirmRegistration{});
  REQUIRE(k.session.top() == RegistrationScreen::receipt);
  CHECK(k.draft().kuemmerer_name == "Iryna Bondarenko");
  CHECK(k.draft().kuemmerer_organisation == "Welcome Center Berlin");
  CHECK(k.draft().kuemmerer_phone == "+49 30 1");  // the organisation's, she has none of her own
  CHECK(k.draft().kuemmerer_email == "i.b@example.org");
  const auto stored = wk::core::load_registration(k.store.db(), k.draft().receipt_code);
  REQUIRE(stored);
  CHECK(stored->kuemmerer_id == "p-uk");
  CHECK(wk::core::registration_json(*stored).at("kuemmerer_id") == "p-uk");
  // The end of the session forgets the receipt's Kümmerer too.
  k.apply(EndSession{});
  CHECK(k.draft().kuemmerer_name.empty());
}

TEST_CASE("Without Kümmerer in the directory the registration is committed without one", "[registration][kuemmerer]") {
  Kiosk k;
  to_review(k);
  k.apply(ConfirmRegistration{});
  REQUIRE(k.session.top() == RegistrationScreen::receipt);
  CHECK(k.draft().kuemmerer_name.empty());
  const auto stored = wk::core::load_registration(k.store.db(), k.draft().receipt_code);
  REQUIRE(stored);
  CHECK(stored->kuemmerer_id.empty());
  CHECK(wk::core::registration_json(*stored).at("kuemmerer_id").is_null());
}
