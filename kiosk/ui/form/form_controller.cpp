// Focus, keyboards and key presses.
#include "kiosk/ui/form/form_controller.hpp"

#include <algorithm>
#include <exception>

#include "kiosk/core/log.hpp"
#include "kiosk/core/secure_clear.hpp"
#include "kiosk/text/input_rules.hpp"
#include "kiosk/text/keyboard_layout.hpp"
#include "kiosk/text/utf8.hpp"

namespace wk::ui {

FormController::FormController(Session& session) : session_(session) {}

void FormController::configure(const text::LanguageTable* languages, std::vector<std::string> enabled) {
  languages_ = languages;
  enabled_ = std::move(enabled);
}

std::vector<const text::Language*> FormController::enabled_languages() const {
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

void FormController::focus(FormOwner& owner, std::string_view field) {
  const FieldSpec* spec = owner.field_spec(field);
  if (!spec || spec->input != InputKind::text) return;
  if (owner_ == &owner && session_.focus == field) return;
  leave();
  owner_ = &owner;
  session_.focus = std::string(field);
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
        layouts.push_back(text::load_named_keyboard_layout(n));
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

void FormController::leave() {
  if (session_.focus.empty()) {
    session_.keyboard.reset();
    return;
  }
  // The owner sees the field still focused, then the focus is gone.
  const std::string field = session_.focus;
  if (owner_) owner_->field_left(field);
  core::secure_clear(session_.focus);
  session_.keyboard.reset();
  owner_ = nullptr;
}

void FormController::drop() {
  core::secure_clear(session_.focus);
  session_.keyboard.reset();
  owner_ = nullptr;
}

void FormController::update_shift() {
  if (!session_.keyboard || session_.focus.empty() || !owner_) return;
  const FieldKind k = session_.keyboard->kind();
  if (k != FieldKind::latin_name && k != FieldKind::native_text) return;
  // Capitals exist in Latin and Cyrillic; on Arabic or Persian layouts Shift gives harakat and symbols.
  if (k == FieldKind::native_text) {
    const text::Language* lang = languages_ ? languages_->find(session_.language) : nullptr;
    if (!lang || (lang->script != "Latn" && lang->script != "Cyrl")) return;
  }
  const std::string& v = owner_->form_of(session_.focus).value(session_.focus);
  session_.keyboard->set_shift(v.empty() || v.back() == ' ' || v.back() == '-');
}

void FormController::press(std::string_view key_id) {
  if (!session_.keyboard || session_.focus.empty() || !owner_) return;
  const Key* key = nullptr;
  for (const auto& row : session_.keyboard->rows())
    for (const auto& k : row)
      if (k.id == key_id) key = &k;
  if (!key) return;
  const Key copy = *key;  // press() may rebuild the rows
  const KeyboardModel::Effect e = session_.keyboard->press(copy);
  const std::string& field = session_.focus;
  FormValues& form = owner_->form_of(field);
  std::string& v = form.values[field];
  if (!e.insert.empty()) {
    if (v.size() + e.insert.size() <= owner_->max_typed_bytes()) v += e.insert;
    form.errors.erase(field);
  } else if (e.backspace) {
    std::string shorter = text::erase_last_grapheme(v);
    core::secure_clear(v);
    v = std::move(shorter);
    form.errors.erase(field);
  }
  if (e.done) {
    leave();
    return;
  }
  if (copy.action != KeyAction::shift) update_shift();
}

void FormController::on_language_changed() {
  if (session_.focus.empty() || !owner_) return;
  FormOwner& owner = *owner_;
  const std::string field = session_.focus;
  // Rebuild the keyboard for the new language without checking the field yet.
  drop();
  focus(owner, field);
}

}  // namespace wk::ui
