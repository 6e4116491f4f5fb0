// The neutral form controller every feature's forms use: which field has the
// focus, the on-screen keyboard that field gets (layouts by field kind and
// session language, the diacritics of every enabled language, shift at the
// start of a word), and what a key press does to the focused value. What a
// value means and how it is checked stays with the feature, behind
// FormOwner. The focus and keyboard live in the Session, so the idle wipe
// drops them with everything else.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "kiosk/text/languages.hpp"
#include "kiosk/ui/form/form.hpp"
#include "kiosk/ui/session.hpp"

namespace wk::ui {

// A feature's forms as the form controller sees them.
class FormOwner {
 public:
  // The spec of field `id`, or nullptr when the feature has no such field.
  virtual const FieldSpec* field_spec(std::string_view id) const = 0;
  // The form that holds field `id`.
  virtual FormValues& form_of(std::string_view id) = 0;
  // The focus left field `id`: clean and check its value (errors into its form).
  virtual void field_left(std::string_view id) = 0;
  // Most bytes a typed value may take (longer input is ignored key by key).
  virtual std::size_t max_typed_bytes() const = 0;

 protected:
  ~FormOwner() = default;
};

class FormController {
 public:
  explicit FormController(Session& session);

  // Keyboard layouts come from `languages` (nullptr: US layout only), those of
  // other languages from `enabled` (empty: every language of the table).
  void configure(const text::LanguageTable* languages, std::vector<std::string> enabled = {});

  // Field `id` of `owner` takes the keyboard (text fields only); the field
  // that had it is left first.
  void focus(FormOwner& owner, std::string_view id);
  // The focused field is left (checked by its owner) and the keyboard closes.
  void leave();
  // The key `key_id` of the keyboard shown was tapped.
  void press(std::string_view key_id);
  // The session language changed: the keyboard follows it, the field is not checked.
  void on_language_changed();
  // Forgets the focus without checking (the session is being wiped).
  void drop();

  const std::string& focused() const { return session_.focus; }
  bool has_focus(const FormOwner& owner) const { return !session_.focus.empty() && owner_ == &owner; }

 private:
  void update_shift();
  std::vector<const text::Language*> enabled_languages() const;

  Session& session_;
  FormOwner* owner_ = nullptr;
  const text::LanguageTable* languages_ = nullptr;
  std::vector<std::string> enabled_;
};

}  // namespace wk::ui
