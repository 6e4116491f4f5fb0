// The registration wizard's behaviour: applies the wizard's intents to the
// session's draft (registration_form.hpp) and navigation stack, runs the
// on-screen keyboard of the focused field, checks each step, and commits the
// finished registration through kiosk/core in one transaction.
//
// Steps (the number shown as "step n of m"): 1 consent, 2 who registers,
// 3 personal data (with the nationality picker), 4 work, 5 family (with the
// member editor), 6 review; then the receipt. Going back never loses what was
// entered; Home keeps the draft so the home tile can continue it; declining
// the consent, the end of the session and the idle wipe discard it. Nothing
// personal is written before "Confirm", and then everything at once.
//
// Store failures never escape: they become a localized banner
// (Session::error_key) and a log line without personal data.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "kiosk/core/store.hpp"
#include "kiosk/text/input_rules.hpp"
#include "kiosk/text/languages.hpp"
#include "kiosk/ui/intent.hpp"
#include "kiosk/ui/session.hpp"

namespace wk::ui {

// The step number (1..kWizardSteps) a screen belongs to, 0 for other screens.
int wizard_step(ScreenId screen);
inline constexpr int kWizardSteps = 6;

class RegistrationFlow {
 public:
  RegistrationFlow(core::Store& store, Session& session);

  // Keyboard layouts come from `languages` (nullptr: US layout only), those of
  // other languages from `enabled` (empty: every language of the table);
  // commits are made for `terminal_id`.
  void configure(const text::LanguageTable* languages, std::string terminal_id, std::vector<std::string> enabled = {});

  // Applies a wizard intent. Returns false when `intent` is not the wizard's.
  bool apply(const Intent& intent);
  // Back while in the wizard: closes the keyboard, leaves the member editor
  // or the picker, returns to the review page, or discards the draft on the
  // consent page. False if the ordinary Back should happen.
  bool back();
  // Before going home: closes the keyboard and remembers where to continue.
  void on_home();
  // After the session language changed: the keyboard follows it.
  void on_language_changed();

  // Today's date for the date checks (replaceable in tests).
  std::function<text::Date()> today = text::today_local;

 private:
  FormValues& form_of(std::string_view field);
  void focus(const std::string& field);
  void leave_focus();
  void press(const std::string& key_id);
  void next();
  void advance_to(ScreenId next_screen);
  void confirm();
  // Checks the member editor's form and saves it into the family; false (errors shown) if it does not pass.
  bool save_member();
  void push(ScreenId s);
  void pop();
  void update_shift();
  std::vector<const text::Language*> enabled_languages() const;

  core::Store& store_;
  Session& session_;
  const text::LanguageTable* languages_ = nullptr;
  std::string terminal_id_ = "terminal";
  std::vector<std::string> enabled_;
};

}  // namespace wk::ui
