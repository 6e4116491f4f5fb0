// Wizard intents, the focused field's keyboard, step checks and the commit.
#include "kiosk/ui/features/registration/registration_flow.hpp"

#include <algorithm>
#include <exception>

#include "kiosk/core/directory.hpp"
#include "kiosk/core/kuemmerer.hpp"
#include "kiosk/core/log.hpp"
#include "kiosk/core/qr_code.hpp"
#include "kiosk/core/sha256.hpp"
#include "kiosk/core/time.hpp"
#include "kiosk/core/vcard.hpp"
#include "kiosk/text/utf8.hpp"
#include "kiosk/ui/overloaded.hpp"

namespace wk::ui {
namespace {

// The Kümmerer chosen for a registration about to be committed (kiosk/core/kuemmerer.hpp), with
// what the receipt shows; empty when the directory has none or cannot be read (the registration
// is what matters: it is committed all the same, and the hub assigns one).
struct Kuemmerer {
  std::string id, name, organisation, phone, email, vcard;
  core::OpeningHours hours;
};

Kuemmerer kuemmerer_for(core::Store& store, const core::Registration& reg, const std::string& language) {
  Kuemmerer k;
  try {
    const core::Directory directory = core::load_directory(store.db());
    const core::KuemmererPool pool(directory);
    if (pool.empty()) return k;
    const core::KuemmererNeed need =
        core::need_of(core::municipalities_of(directory), reg.target_group, reg.preferred_language, reg.residence);
    const core::ContactPerson* p = pool.choose(need, core::kuemmerer_loads(store.db()));
    if (!p) return k;
    const core::Organisation* o = directory.organisation(p->organisation_id);
    const std::vector<std::string> chain{language, "en", "de"};
    k = {p->id,
         p->name,
         o ? core::localized(o->name, chain) : std::string(),
         !p->phone.empty() || !o ? p->phone : o->phone,
         p->email,
         core::vcard(*p, o, chain),
         core::hours_of(*p, o)};
  } catch (const std::exception& e) {
    core::log::error("registration", std::string("no Kümmerer chosen: ") + e.what());
  }
  return k;
}

// The screens of the steps in order, and what "Next" leads to.
constexpr ScreenId kSteps[] = {RegistrationScreen::consent, RegistrationScreen::group,  RegistrationScreen::personal,
                               RegistrationScreen::work,    RegistrationScreen::family, RegistrationScreen::review};

bool transient(ScreenId s) {
  return s == RegistrationScreen::member || s == RegistrationScreen::country || s == ScreenId::languages;
}

// Most bytes a field takes while typing (the cleaned value is checked in graphemes later).
constexpr std::size_t kMaxTypedBytes = 4 * core::kMaxRegistrationText;

}  // namespace

constexpr FeatureScreen kScreens[] = {
    {RegistrationScreen::consent, 1}, {RegistrationScreen::group, 2},  {RegistrationScreen::personal, 3},
    {RegistrationScreen::country, 3}, {RegistrationScreen::work, 4},   {RegistrationScreen::family, 5},
    {RegistrationScreen::member, 5},  {RegistrationScreen::review, 6}, {RegistrationScreen::receipt, 0},
};

int wizard_step(ScreenId screen) {
  for (const auto& s : kScreens)
    if (s.id == screen) return s.step;
  return 0;
}

RegistrationFlow::RegistrationFlow(core::Store& store, Session& session, FormController& form)
    : store_(store), session_(session), form_(form) {}

void RegistrationFlow::configure(const text::LanguageTable* languages, std::string terminal_id,
                                 std::vector<std::string> enabled) {
  form_.configure(languages, std::move(enabled));
  terminal_id_ = std::move(terminal_id);
}

std::span<const FeatureScreen> RegistrationFlow::screens() const {
  return kScreens;
}

std::optional<HomeTile> RegistrationFlow::home_tile() const {
  // A registration left half-way (Home was tapped) is continued, not restarted; a finished one
  // shows its receipt again until the session ends.
  const char* title = !draft_.receipt_code.empty() ? "tile.register.receipt"
                      : draft_.started             ? "tile.register.continue"
                                                   : "tile.register.title";
  return HomeTile{"tile.register", title, "tile.register.text", Icon::check, StartRegistration{}};
}

bool RegistrationFlow::holds_unsent_input() const {
  return draft_.consent_given && draft_.receipt_code.empty();
}

std::size_t RegistrationFlow::max_typed_bytes() const {
  return kMaxTypedBytes;
}

void RegistrationFlow::push(ScreenId s) {
  if (session_.stack.empty() || session_.stack.back() != s) session_.stack.push_back(s);
}

void RegistrationFlow::pop() {
  if (session_.stack.size() > 1) session_.stack.pop_back();
}

bool RegistrationFlow::apply(const Intent& intent, Effects& effects) {
  RegistrationDraft& d = draft_;
  // A Remove tapped once is disarmed by anything else.
  const auto* feature_intent = std::get_if<FeatureIntent>(&intent);
  if (!(feature_intent && feature_intent->get<RemoveMember>())) d.remove_armed = -1;
  auto handlers = overloaded{
      [&](const StartRegistration&) {
        if (!d.receipt_code.empty()) {  // the receipt, again
          session_.stack = {ScreenId::home, RegistrationScreen::receipt};
          return true;
        }
        if (!d.started) {
          d.wipe();
          d.started = true;
          d.person.values["preferred_language"] = session_.language;
          session_.stack = {ScreenId::home, RegistrationScreen::consent};
        } else {
          session_.stack = {ScreenId::home};
          for (ScreenId s : d.resume) session_.stack.push_back(s);
          if (session_.stack.size() == 1) session_.stack.push_back(RegistrationScreen::consent);
        }
        return true;
      },
      [&](const AcceptConsent& a) {
        if (!d.started) return true;
        d.consent_given = true;
        d.notice_version = core::sha256_hex(a.notice);
        d.consent_language = session_.language;
        d.consent_at = core::utc_now_iso8601();
        advance_to(RegistrationScreen::group);
        return true;
      },
      [&](const DeclineConsent&) {
        d.wipe();
        form_.drop();
        session_.stack = {ScreenId::home};
        return true;
      },
      [&](const Choose& c) {
        const FieldSpec* spec = find_field(c.field);
        if (!spec || spec->input == InputKind::text || spec->input == InputKind::toggle) return true;
        form_.leave();
        FormValues& form = form_of(c.field);
        form.values[c.field] = c.value;
        leave_field(*spec, form, today());
        // The contact channel depends on phone, e-mail and residence: re-check it.
        if (c.field != "contact_channel" && !form.value("contact_channel").empty())
          if (const FieldSpec* ch = find_field("contact_channel")) leave_field(*ch, d.person, today());
        if (d.step_error && form.errors.empty()) d.step_error = false;
        if (spec->input == InputKind::country && session_.top() == RegistrationScreen::country) {
          secure_clear(d.person.values["country_search"]);
          pop();
        }
        return true;
      },
      [&](const Toggle& t) {
        const FieldSpec* spec = find_field(t.field);
        if (!spec || spec->input != InputKind::toggle) return true;
        form_.leave();
        FormValues& form = form_of(t.field);
        std::string& v = form.values[t.field];
        v = v == "1" ? "" : "1";
        if (d.step_error && form.errors.empty()) d.step_error = false;
        return true;
      },
      [&](const Focus& fo) {
        form_.focus(*this, fo.field);
        return true;
      },
      [&](const NextStep&) {
        next();
        return true;
      },
      [&](const EditStep& e) {
        if (session_.top() != RegistrationScreen::review || wizard_step(e.screen) == 0) return true;
        d.return_to_review = true;
        push(e.screen);
        return true;
      },
      [&](const AddMember&) {
        form_.leave();
        if (d.members.size() >= core::kMaxFamilyMembers) return true;
        if (!(d.member_pending && d.member_index == -1)) {
          d.member.wipe();
          d.member_index = -1;
          // Families mostly share a name: filled in, and editable.
          if (const std::string& n = d.person.value("family_name"); !n.empty())
            d.member.values["member.family_name"] = n;
        }
        d.member_pending = false;
        ++d.member_opened;
        push(RegistrationScreen::member);
        return true;
      },
      [&](const EditMember& e) {
        if (e.index < 0 || e.index >= static_cast<int>(d.members.size())) return true;
        if (!(d.member_pending && d.member_index == e.index)) {
          d.member.wipe();
          d.member = d.members[static_cast<std::size_t>(e.index)];
          d.member_index = e.index;
        }
        d.member_pending = false;
        ++d.member_opened;
        push(RegistrationScreen::member);
        return true;
      },
      [&](const RemoveMember& r) {
        if (r.index < 0 || r.index >= static_cast<int>(d.members.size())) return true;
        if (d.remove_armed != r.index) {
          d.remove_armed = r.index;  // the first tap asks; the second removes
          return true;
        }
        d.remove_armed = -1;
        d.members[static_cast<std::size_t>(r.index)].wipe();
        d.members.erase(d.members.begin() + r.index);
        if (d.member_pending && d.member_index == r.index) {
          d.member.wipe();
          d.member_pending = false;
          d.member_index = -1;
        } else if (d.member_pending && d.member_index > r.index) {
          --d.member_index;
        }
        return true;
      },
      [&](const SaveMember&) {
        if (session_.top() == RegistrationScreen::member) save_member();
        return true;
      },
      [&](const ConfirmRegistration&) {
        confirm(effects);
        return true;
      },
      [&](const auto&) { return false; },
  };
  if (feature_intent)
    return visit_feature_intent<StartRegistration, AcceptConsent, DeclineConsent, EditStep, AddMember, EditMember,
                                RemoveMember, SaveMember, ConfirmRegistration>(*feature_intent, handlers);
  return std::visit(handlers, intent);
}

bool RegistrationFlow::save_member() {
  RegistrationDraft& d = draft_;
  form_.leave();
  if (d.member.value("member.relation") != "child") {
    d.member.values.erase("member.needs_daycare");
    d.member.values.erase("member.needs_school");
  }
  if (!check_fields(member_fields(), d.member, today()) || !check_plausibility(d.person, d.member, today())) {
    d.step_error = true;
    ++d.error_request;
    return false;
  }
  d.step_error = false;
  if (d.member_index >= 0 && d.member_index < static_cast<int>(d.members.size())) {
    d.members[static_cast<std::size_t>(d.member_index)].wipe();
    d.members[static_cast<std::size_t>(d.member_index)] = d.member;
  } else if (d.members.size() < core::kMaxFamilyMembers) {
    d.members.push_back(d.member);
  }
  d.member.wipe();
  d.member_index = -1;
  d.member_pending = false;
  pop();
  return true;
}

FormValues& RegistrationFlow::form_of(std::string_view field) {
  return field.starts_with("member.") ? draft_.member : draft_.person;
}

void RegistrationFlow::field_left(std::string_view id) {
  RegistrationDraft& d = draft_;
  if (const FieldSpec* spec = find_field(id); spec && id != "country_search") {
    FormValues& form = form_of(id);
    leave_field(*spec, form, today());
    // The contact channel depends on phone, e-mail and residence: re-check it.
    if (!form.value("contact_channel").empty() && &form == &d.person)
      if (const FieldSpec* ch = find_field("contact_channel")) leave_field(*ch, d.person, today());
  }
  if (d.step_error && form_of(id).errors.empty()) d.step_error = false;
}

void RegistrationFlow::advance_to(ScreenId next_screen) {
  RegistrationDraft& d = draft_;
  d.step_error = false;
  d.person.error_room.clear();  // the next step starts without reserved error lines
  if (d.return_to_review) {
    d.return_to_review = false;
    while (session_.stack.size() > 1 && session_.top() != RegistrationScreen::review) session_.stack.pop_back();
    if (session_.top() == RegistrationScreen::review) return;
  }
  push(next_screen);
}

void RegistrationFlow::next() {
  RegistrationDraft& d = draft_;
  form_.leave();
  const ScreenId top = session_.top();
  const text::Date t = today();
  bool ok = true;
  if (top == RegistrationScreen::group)
    ok = check_fields(group_fields(), d.person, t);
  else if (top == RegistrationScreen::personal)
    ok = check_fields(personal_fields(), d.person, t);
  else if (top == RegistrationScreen::work)
    ok = check_fields(work_fields(), d.person, t) && check_plausibility(d.person, d.person, t);
  else if (top != RegistrationScreen::family)
    return;
  if (!ok) {
    d.step_error = true;
    ++d.error_request;
    return;
  }
  const auto* it = std::find(std::begin(kSteps), std::end(kSteps), top);
  advance_to(*(it + 1));
}

void RegistrationFlow::confirm(Effects& effects) {
  RegistrationDraft& d = draft_;
  if (session_.top() != RegistrationScreen::review || !d.consent_given) return;
  form_.leave();
  const text::Date t = today();
  // A step that no longer passes (the date moved on, a value was changed) is opened again.
  const std::pair<std::span<const FieldSpec>, ScreenId> steps[] = {{group_fields(), RegistrationScreen::group},
                                                                   {personal_fields(), RegistrationScreen::personal},
                                                                   {work_fields(), RegistrationScreen::work}};
  for (const auto& [fields, screen] : steps) {
    if (!check_fields(fields, d.person, t) ||
        (screen == RegistrationScreen::work && !check_plausibility(d.person, d.person, t))) {
      d.step_error = true;
      ++d.error_request;
      d.return_to_review = true;
      push(screen);
      return;
    }
  }
  for (std::size_t i = 0; i < d.members.size(); ++i) {
    if (!check_fields(member_fields(), d.members[i], t) || !check_plausibility(d.person, d.members[i], t)) {
      d.member.wipe();
      d.member = d.members[i];
      d.member_index = static_cast<int>(i);
      d.step_error = true;
      ++d.error_request;
      d.return_to_review = true;
      session_.stack.push_back(RegistrationScreen::family);
      push(RegistrationScreen::member);
      return;
    }
  }
  core::Registration reg;
  try {
    reg = to_registration(d);
    const Kuemmerer k = kuemmerer_for(store_, reg, session_.language);
    const core::RegistrationReceipt receipt = core::commit_registration(store_, reg, to_consent(d), terminal_id_, k.id);
    effects.outbox_changed = true;
    d.wipe();
    secure_clear(session_.error_key);  // a failed earlier attempt's banner
    d.receipt_code = receipt.code;
    d.receipt_id = receipt.id;
    d.kuemmerer_name = k.name;
    d.kuemmerer_organisation = k.organisation;
    d.kuemmerer_phone = k.phone;
    d.kuemmerer_email = k.email;
    d.kuemmerer_hours = k.hours;
    // Who can now be booked into courses in this session, by code and given name.
    session_.registration_code = receipt.code;
    session_.registration_people.clear();
    session_.registration_people.push_back(reg.given_names);
    for (const auto& m : reg.family_members) session_.registration_people.push_back(m.given_names);
    try {
      d.receipt_qr = core::encode_qr(receipt.code);
      if (!k.vcard.empty()) d.kuemmerer_qr = core::encode_qr(k.vcard);
    } catch (const std::exception& e) {
      core::log::error("registration", std::string("no QR code for the receipt: ") + e.what());
    }
    session_.stack = {ScreenId::home, RegistrationScreen::receipt};
  } catch (const core::RegistrationError& e) {
    // The field name only: values are personal data.
    core::log::error("registration", std::string("refused before writing: ") + e.what());
    session_.error_key = "error.generic";
  } catch (const std::exception& e) {
    core::log::error("registration", std::string("could not store the registration: ") + e.what());
    session_.error_key = "error.storage";
  }
  // The copy handed to the store is zeroed whatever happened; the draft keeps the values on failure.
  for (auto* s : {&reg.given_names, &reg.family_name, &reg.native_name, &reg.phone, &reg.email, &reg.residence,
                  &reg.employer, &reg.occupation, &reg.birth_date})
    secure_clear(*s);
  for (auto& m : reg.family_members)
    for (auto* s : {&m.given_names, &m.family_name, &m.native_name, &m.birth_date}) secure_clear(*s);
}

bool RegistrationFlow::back() {
  RegistrationDraft& d = draft_;
  const ScreenId top = session_.top();
  if (top == RegistrationScreen::member) {
    // Back keeps what was entered: saved when complete, else kept for Add/Edit to reopen.
    // A new member with nothing but the family name filled in for them counts as empty.
    const bool untouched =
        d.member.values.empty() || (d.member_index == -1 && d.member.values.size() == 1 &&
                                    d.member.value("member.family_name") == d.person.value("family_name"));
    if (untouched) {
      d.member.wipe();
      d.member_index = -1;
      d.step_error = false;
      pop();
    } else if (!save_member()) {
      d.member_pending = true;
      d.step_error = false;
      pop();
    }
    return true;
  }
  if (top == RegistrationScreen::country) {
    secure_clear(d.person.values["country_search"]);
    pop();
    return true;
  }
  if (top == RegistrationScreen::consent) {
    // Leaving the notice before agreeing discards the (empty) draft; later it keeps everything.
    if (!d.consent_given) d.wipe();
    pop();
    return true;
  }
  if (top == RegistrationScreen::receipt) {
    // The receipt stays: the home screen's tile opens it again until the session ends.
    session_.stack = {ScreenId::home};
    return true;
  }
  d.step_error = false;
  if (d.return_to_review && wizard_step(session_.top()) != 0) {
    d.return_to_review = false;
    while (session_.stack.size() > 1 && session_.top() != RegistrationScreen::review) session_.stack.pop_back();
    return true;
  }
  return false;
}

void RegistrationFlow::on_home() {
  RegistrationDraft& d = draft_;
  form_.leave();
  if (!d.receipt_code.empty() || !d.started) return;  // a receipt stays until the session ends
  if (auto it = d.person.values.find("country_search"); it != d.person.values.end()) secure_clear(it->second);
  if (session_.top() == RegistrationScreen::member && !d.member.values.empty()) d.member_pending = true;
  d.resume.clear();
  d.step_error = false;
  for (ScreenId s : session_.stack)
    if (wizard_step(s) != 0 && !transient(s)) d.resume.push_back(s);
}

}  // namespace wk::ui
