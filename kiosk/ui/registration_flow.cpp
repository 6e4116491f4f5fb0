// Wizard intents, the focused field's keyboard, step checks and the commit.
#include "kiosk/ui/registration_flow.hpp"

#include <algorithm>
#include <exception>

#include "kiosk/core/log.hpp"
#include "kiosk/core/qr_code.hpp"
#include "kiosk/core/sha256.hpp"
#include "kiosk/core/time.hpp"
#include "kiosk/text/keyboard_layout.hpp"
#include "kiosk/text/utf8.hpp"
#include "kiosk/ui/overloaded.hpp"

namespace wk::ui {
namespace {

// The screens of the steps in order, and what "Next" leads to.
constexpr ScreenId kSteps[] = {ScreenId::register_consent, ScreenId::register_group,  ScreenId::register_personal,
                               ScreenId::register_work,    ScreenId::register_family, ScreenId::register_review};

bool transient(ScreenId s) {
  return s == ScreenId::register_member || s == ScreenId::register_country || s == ScreenId::languages;
}

// Most bytes a field takes while typing (the cleaned value is checked in graphemes later).
constexpr std::size_t kMaxTypedBytes = 4 * core::kMaxRegistrationText;

}  // namespace

int wizard_step(ScreenId screen) {
  switch (screen) {
    case ScreenId::register_consent:
      return 1;
    case ScreenId::register_group:
      return 2;
    case ScreenId::register_personal:
    case ScreenId::register_country:
      return 3;
    case ScreenId::register_work:
      return 4;
    case ScreenId::register_family:
    case ScreenId::register_member:
      return 5;
    case ScreenId::register_review:
      return 6;
    default:
      return 0;
  }
}

RegistrationFlow::RegistrationFlow(core::Store& store, Session& session) : store_(store), session_(session) {}

void RegistrationFlow::configure(const text::LanguageTable* languages, std::string terminal_id,
                                 std::vector<std::string> enabled) {
  languages_ = languages;
  terminal_id_ = std::move(terminal_id);
  enabled_ = std::move(enabled);
}

std::vector<const text::Language*> RegistrationFlow::enabled_languages() const {
  std::vector<const text::Language*> out;
  if (!languages_) return out;
  if (enabled_.empty()) {
    for (const auto& l : languages_->all()) out.push_back(&l);
  } else {
    for (const auto& code : enabled_)
      if (const auto* l = languages_->find(code)) out.push_back(l);
  }
  return out;
}

void RegistrationFlow::push(ScreenId s) {
  if (session_.stack.empty() || session_.stack.back() != s) session_.stack.push_back(s);
}

void RegistrationFlow::pop() {
  if (session_.stack.size() > 1) session_.stack.pop_back();
}

FormValues& RegistrationFlow::form_of(std::string_view field) {
  return field.starts_with("member.") ? session_.registration.member : session_.registration.person;
}

bool RegistrationFlow::apply(const Intent& intent) {
  RegistrationDraft& d = session_.registration;
  // A Remove tapped once is disarmed by anything else.
  if (!std::holds_alternative<RemoveMember>(intent)) d.remove_armed = -1;
  return std::visit(overloaded{
                        [&](const StartRegistration&) {
                          if (!d.receipt_code.empty() || !d.started) {
                            d.wipe();
                            d.started = true;
                            d.person.values["preferred_language"] = session_.language;
                            session_.stack = {ScreenId::home, ScreenId::register_consent};
                          } else {
                            session_.stack = {ScreenId::home};
                            for (ScreenId s : d.resume) session_.stack.push_back(s);
                            if (session_.stack.size() == 1) session_.stack.push_back(ScreenId::register_consent);
                          }
                          return true;
                        },
                        [&](const AcceptConsent& a) {
                          if (!d.started) return true;
                          d.consent_given = true;
                          d.notice_version = core::sha256_hex(a.notice);
                          d.consent_language = session_.language;
                          d.consent_at = core::utc_now_iso8601();
                          advance_to(ScreenId::register_group);
                          return true;
                        },
                        [&](const DeclineConsent&) {
                          d.wipe();
                          session_.keyboard.reset();
                          session_.stack = {ScreenId::home};
                          return true;
                        },
                        [&](const Choose& c) {
                          const FieldSpec* spec = find_field(c.field);
                          if (!spec || spec->input == InputKind::text || spec->input == InputKind::toggle) return true;
                          leave_focus();
                          FormValues& form = form_of(c.field);
                          form.values[c.field] = c.value;
                          leave_field(*spec, form, today());
                          // The contact channel depends on phone, e-mail and residence: re-check it.
                          if (c.field != "contact_channel" && !form.value("contact_channel").empty())
                            if (const FieldSpec* ch = find_field("contact_channel"))
                              leave_field(*ch, d.person, today());
                          if (d.step_error && form.errors.empty()) d.step_error = false;
                          if (spec->input == InputKind::country && session_.top() == ScreenId::register_country) {
                            secure_clear(d.person.values["country_search"]);
                            pop();
                          }
                          return true;
                        },
                        [&](const Toggle& t) {
                          const FieldSpec* spec = find_field(t.field);
                          if (!spec || spec->input != InputKind::toggle) return true;
                          leave_focus();
                          FormValues& form = form_of(t.field);
                          std::string& v = form.values[t.field];
                          v = v == "1" ? "" : "1";
                          if (d.step_error && form.errors.empty()) d.step_error = false;
                          return true;
                        },
                        [&](const Focus& fo) {
                          focus(fo.field);
                          return true;
                        },
                        [&](const PressKey& k) {
                          press(k.key);
                          return true;
                        },
                        [&](const NextStep&) {
                          next();
                          return true;
                        },
                        [&](const EditStep& e) {
                          if (session_.top() != ScreenId::register_review || wizard_step(e.screen) == 0) return true;
                          d.return_to_review = true;
                          push(e.screen);
                          return true;
                        },
                        [&](const AddMember&) {
                          leave_focus();
                          if (d.members.size() >= core::kMaxFamilyMembers) return true;
                          if (!(d.member_pending && d.member_index == -1)) {
                            d.member.wipe();
                            d.member_index = -1;
                          }
                          d.member_pending = false;
                          push(ScreenId::register_member);
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
                          push(ScreenId::register_member);
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
                          if (session_.top() == ScreenId::register_member) save_member();
                          return true;
                        },
                        [&](const ConfirmRegistration&) {
                          confirm();
                          return true;
                        },
                        [&](const auto&) { return false; },
                    },
                    intent);
}

bool RegistrationFlow::save_member() {
  RegistrationDraft& d = session_.registration;
  leave_focus();
  if (d.member.value("member.relation") != "child") {
    d.member.values.erase("member.needs_daycare");
    d.member.values.erase("member.needs_school");
  }
  if (!check_fields(member_fields(), d.member, today())) {
    d.step_error = true;
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

void RegistrationFlow::focus(const std::string& field) {
  RegistrationDraft& d = session_.registration;
  const FieldSpec* spec = find_field(field);
  if (!spec || spec->input != InputKind::text) return;
  if (d.focus == field) return;
  leave_focus();
  d.focus = field;
  const text::Language* lang = languages_ ? languages_->find(session_.language) : nullptr;
  std::vector<std::string> names;
  std::string extra;
  auto add = [&](const std::string& n) {
    if (!n.empty() && std::find(names.begin(), names.end(), n) == names.end()) names.push_back(n);
  };
  // The diacritics of the session language first, then those of the other
  // enabled languages (a Turkish newcomer in a German session types "Şahin").
  auto add_extra = [&](const std::string& letters) {
    for (char32_t c : text::code_points(letters)) {
      std::string ch;
      text::append_utf8(ch, c);
      if (extra.find(ch) == std::string::npos) extra += ch;
    }
  };
  if (lang) {
    switch (spec->keyboard) {
      case FieldKind::latin_name:
        add(lang->name_keyboard);
        add_extra(lang->diacritics);
        for (const text::Language* other : enabled_languages()) add_extra(other->diacritics);
        break;
      case FieldKind::native_text:
      case FieldKind::free_text:
        // The own script may not be the session language's: every enabled
        // language's layout is one tap on the layout key away.
        add(lang->keyboard);
        add(lang->name_keyboard);
        add_extra(lang->diacritics);
        if (spec->keyboard == FieldKind::native_text)
          for (const text::Language* other : enabled_languages()) add(other->keyboard);
        break;
      case FieldKind::email:
        add(lang->name_keyboard);
        break;
      case FieldKind::date:
      case FieldKind::phone:
        break;
    }
  }
  std::vector<text::KeyboardLayout> layouts;
  if (spec->keyboard != FieldKind::date && spec->keyboard != FieldKind::phone) {
    // US English last: every keyboard can be switched to the most widely known layout.
    add("us");
    for (const auto& n : names) {
      try {
        layouts.push_back(text::load_keyboard_layout(n));
      } catch (const std::exception& e) {
        core::log::error("keyboard", e.what());
      }
    }
    if (layouts.empty()) {
      try {
        layouts.push_back(text::load_keyboard_layout("us"));
      } catch (const std::exception& e) {
        core::log::error("keyboard", e.what());
      }
    }
  }
  session_.keyboard.emplace(spec->keyboard, std::move(layouts), extra);
  update_shift();
}

void RegistrationFlow::leave_focus() {
  RegistrationDraft& d = session_.registration;
  if (d.focus.empty()) return;
  if (const FieldSpec* spec = find_field(d.focus); spec && d.focus != "country_search") {
    FormValues& form = form_of(d.focus);
    leave_field(*spec, form, today());
    if (!form.value("contact_channel").empty() && &form == &d.person)
      if (const FieldSpec* ch = find_field("contact_channel")) leave_field(*ch, d.person, today());
  }
  if (d.step_error && form_of(d.focus).errors.empty()) d.step_error = false;
  secure_clear(d.focus);
  session_.keyboard.reset();
}

void RegistrationFlow::update_shift() {
  RegistrationDraft& d = session_.registration;
  if (!session_.keyboard || d.focus.empty()) return;
  const FieldKind k = session_.keyboard->kind();
  if (k != FieldKind::latin_name && k != FieldKind::native_text) return;
  // Capitals exist in Latin and Cyrillic; on Arabic or Persian layouts Shift gives harakat and symbols.
  if (k == FieldKind::native_text) {
    const text::Language* lang = languages_ ? languages_->find(session_.language) : nullptr;
    if (!lang || (lang->script != "Latn" && lang->script != "Cyrl")) return;
  }
  const std::string& v = form_of(d.focus).value(d.focus);
  session_.keyboard->set_shift(v.empty() || v.back() == ' ' || v.back() == '-');
}

void RegistrationFlow::press(const std::string& key_id) {
  RegistrationDraft& d = session_.registration;
  if (!session_.keyboard || d.focus.empty()) return;
  const Key* key = nullptr;
  for (const auto& row : session_.keyboard->rows())
    for (const auto& k : row)
      if (k.id == key_id) key = &k;
  if (!key) return;
  const Key copy = *key;  // press() may rebuild the rows
  const KeyboardModel::Effect e = session_.keyboard->press(copy);
  FormValues& form = form_of(d.focus);
  std::string& v = form.values[d.focus];
  if (!e.insert.empty()) {
    if (v.size() + e.insert.size() <= kMaxTypedBytes) v += e.insert;
    form.errors.erase(d.focus);
  } else if (e.backspace) {
    std::string shorter = text::erase_last_grapheme(v);
    secure_clear(v);
    v = std::move(shorter);
    form.errors.erase(d.focus);
  }
  if (e.done) {
    leave_focus();
    return;
  }
  if (copy.action != KeyAction::shift) update_shift();
}

void RegistrationFlow::advance_to(ScreenId next_screen) {
  RegistrationDraft& d = session_.registration;
  d.step_error = false;
  if (d.return_to_review) {
    d.return_to_review = false;
    while (session_.stack.size() > 1 && session_.top() != ScreenId::register_review) session_.stack.pop_back();
    if (session_.top() == ScreenId::register_review) return;
  }
  push(next_screen);
}

void RegistrationFlow::next() {
  RegistrationDraft& d = session_.registration;
  leave_focus();
  const ScreenId top = session_.top();
  const text::Date t = today();
  bool ok = true;
  switch (top) {
    case ScreenId::register_group:
      ok = check_fields(group_fields(), d.person, t);
      break;
    case ScreenId::register_personal:
      ok = check_fields(personal_fields(), d.person, t);
      break;
    case ScreenId::register_work:
      ok = check_fields(work_fields(), d.person, t);
      break;
    case ScreenId::register_family:
      break;
    default:
      return;
  }
  if (!ok) {
    d.step_error = true;
    return;
  }
  const auto* it = std::find(std::begin(kSteps), std::end(kSteps), top);
  advance_to(*(it + 1));
}

void RegistrationFlow::confirm() {
  RegistrationDraft& d = session_.registration;
  if (session_.top() != ScreenId::register_review || !d.consent_given) return;
  leave_focus();
  const text::Date t = today();
  // A step that no longer passes (the date moved on, a value was changed) is opened again.
  const std::pair<std::span<const FieldSpec>, ScreenId> steps[] = {{group_fields(), ScreenId::register_group},
                                                                   {personal_fields(), ScreenId::register_personal},
                                                                   {work_fields(), ScreenId::register_work}};
  for (const auto& [fields, screen] : steps) {
    if (!check_fields(fields, d.person, t)) {
      d.step_error = true;
      d.return_to_review = true;
      push(screen);
      return;
    }
  }
  for (std::size_t i = 0; i < d.members.size(); ++i) {
    if (!check_fields(member_fields(), d.members[i], t)) {
      d.member.wipe();
      d.member = d.members[i];
      d.member_index = static_cast<int>(i);
      d.step_error = true;
      d.return_to_review = true;
      session_.stack.push_back(ScreenId::register_family);
      push(ScreenId::register_member);
      return;
    }
  }
  core::Registration reg;
  try {
    reg = to_registration(d);
    const core::RegistrationReceipt receipt = core::commit_registration(store_, reg, to_consent(d), terminal_id_);
    d.wipe();
    secure_clear(session_.error_key);  // a failed earlier attempt's banner
    d.receipt_code = receipt.code;
    d.receipt_id = receipt.id;
    try {
      d.receipt_qr = core::encode_qr(receipt.code);
    } catch (const std::exception& e) {
      core::log::error("registration", std::string("no QR code for the receipt: ") + e.what());
    }
    session_.stack = {ScreenId::home, ScreenId::register_receipt};
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
  RegistrationDraft& d = session_.registration;
  if (session_.top() == ScreenId::languages) return false;  // the keyboard waits below it
  if (!d.focus.empty()) {
    leave_focus();
    return true;
  }
  switch (session_.top()) {
    case ScreenId::register_member:
      // Back keeps what was entered: saved when complete, else kept for Add/Edit to reopen.
      if (d.member.values.empty()) {
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
    case ScreenId::register_country:
      secure_clear(d.person.values["country_search"]);
      pop();
      return true;
    case ScreenId::register_consent:
      // Leaving the notice before agreeing discards the (empty) draft; later it keeps everything.
      if (!d.consent_given) d.wipe();
      pop();
      return true;
    case ScreenId::register_receipt:
      d.wipe();
      session_.stack = {ScreenId::home};
      return true;
    default:
      break;
  }
  d.step_error = false;
  if (d.return_to_review && wizard_step(session_.top()) != 0) {
    d.return_to_review = false;
    while (session_.stack.size() > 1 && session_.top() != ScreenId::register_review) session_.stack.pop_back();
    return true;
  }
  return false;
}

void RegistrationFlow::on_home() {
  RegistrationDraft& d = session_.registration;
  leave_focus();
  if (!d.receipt_code.empty()) {
    d.wipe();
    return;
  }
  if (!d.started) return;
  if (auto it = d.person.values.find("country_search"); it != d.person.values.end()) secure_clear(it->second);
  if (session_.top() == ScreenId::register_member && !d.member.values.empty()) d.member_pending = true;
  d.resume.clear();
  d.step_error = false;
  for (ScreenId s : session_.stack)
    if (wizard_step(s) != 0 && !transient(s)) d.resume.push_back(s);
}

void RegistrationFlow::on_language_changed() {
  RegistrationDraft& d = session_.registration;
  if (d.focus.empty()) return;
  const std::string field = d.focus;
  // Rebuild the keyboard for the new language without checking the field yet.
  secure_clear(d.focus);
  session_.keyboard.reset();
  focus(field);
}

}  // namespace wk::ui
