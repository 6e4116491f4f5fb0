// The registration wizard's behaviour, as a feature (kiosk/ui/feature.hpp):
// applies the wizard's intents to its draft (registration_form.hpp) and the
// session's navigation stack, checks each step, and commits the finished
// registration through kiosk/core in one transaction. Its text fields are
// typed through the shared form controller (form/form_controller.hpp).
//
// Steps (the number shown as "step n of m"): 1 consent, 2 who registers,
// 3 personal data (with the nationality picker), 4 work, 5 family (with the
// member editor), 6 review; then the receipt. Going back never loses what was
// entered; Home keeps the draft so the home tile can continue it; declining
// the consent, the end of the session and the idle wipe discard it. Nothing
// personal is written before "Confirm", and then everything at once; the
// commit reports Effects::outbox_changed.
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
#include "kiosk/ui/feature.hpp"
#include "kiosk/ui/features/registration/registration_form.hpp"
#include "kiosk/ui/features/registration/registration_intents.hpp"
#include "kiosk/ui/features/registration/registration_screens.hpp"
#include "kiosk/ui/form/form_controller.hpp"
#include "kiosk/ui/session.hpp"

namespace wk::ui {

// The step number (1..kWizardSteps) a screen belongs to, 0 for other screens.
int wizard_step(ScreenId screen);
inline constexpr int kWizardSteps = 6;

class RegistrationFlow final : public Feature, private FormOwner {
 public:
  RegistrationFlow(core::Store& store, Session& session, FormController& form);

  // Keyboard layouts come from `languages` (nullptr: US layout only), those of
  // other languages from `enabled` (empty: every language of the table) — this
  // configures the shared form controller; commits are made for `terminal_id`.
  void configure(const text::LanguageTable* languages, std::string terminal_id, std::vector<std::string> enabled = {});

  // The draft being filled in (read by the screens and tests).
  const RegistrationDraft& draft() const { return draft_; }
  RegistrationDraft& draft() { return draft_; }

  // Today's date for the date checks (replaceable in tests).
  std::function<text::Date()> today = text::today_local;

  // [SECTION] Feature
  std::string_view name() const override { return "registration"; }
  std::span<const FeatureScreen> screens() const override;
  int steps() const override { return kWizardSteps; }
  std::optional<HomeTile> home_tile() const override;
  bool apply(const Intent& intent, Effects& effects) override;
  // Back while in the wizard: leaves the member editor or the picker,
  // returns to the review page, or discards the draft on the consent page.
  bool back() override;
  // Before going home: remembers where to continue.
  void on_home() override;
  bool holds_unsent_input() const override;
  void wipe() override { draft_.wipe(); }

 private:
  // [SECTION] FormOwner
  const FieldSpec* field_spec(std::string_view id) const override { return find_field(id); }
  FormValues& form_of(std::string_view field) override;
  void field_left(std::string_view id) override;
  std::size_t max_typed_bytes() const override;

  void next();
  void advance_to(ScreenId next_screen);
  void confirm(Effects& effects);
  // Checks the member editor's form and saves it into the family; false (errors shown) if it does not pass.
  bool save_member();
  void push(ScreenId s);
  void pop();

  core::Store& store_;
  Session& session_;
  FormController& form_;
  RegistrationDraft draft_;
  std::string terminal_id_ = "terminal";
};

}  // namespace wk::ui
