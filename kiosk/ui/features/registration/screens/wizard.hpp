// What the registration wizard's screens share: the "step n of m" header, the
// footer with the step's main button, the form of fields (text fields,
// choice chips, country and language fields, yes/no toggles) in a
// drag-scrollable area, and the field editor (the focused field above the
// on-screen keyboard). All draw from the view model's draft and emit intents;
// none changes the draft.
#pragma once

#include <span>
#include <string>
#include <string_view>

#include "kiosk/ui/frame.hpp"
#include "kiosk/ui/features/registration/registration_form.hpp"
#include "kiosk/ui/features/registration/registration_intents.hpp"
#include "kiosk/ui/features/registration/registration_screens.hpp"

namespace wk::ui {

// The registration draft of the feature whose screen is drawn, or nullptr.
const RegistrationDraft* registration_draft(const Frame& f);

// The registration wizard's screens, one file each.
void draw_register_consent(Frame& f);
void draw_register_group(Frame& f);
void draw_register_personal(Frame& f);
void draw_register_country(Frame& f);
void draw_register_work(Frame& f);
void draw_register_family(Frame& f);
void draw_register_member(Frame& f);
void draw_register_review(Frame& f);
void draw_register_receipt(Frame& f);

struct WizardLayout {
  Rect body;    // between the header and the footer
  Rect footer;  // the bottom row for the step's buttons
};

// Draws the step line ("Step 3 of 6" with a progress bar) and `title`;
// returns the rest of the content area. Screens outside the steps (the
// receipt) get no step line.
WizardLayout wizard_frame(Frame& f, std::string_view title);

// The footer: `primary` at the end edge, `secondary` (if not empty) at the
// start edge, and the draft's "please check the fields" note between them.
// Returns 1 when primary was tapped, 2 for secondary, else 0.
int wizard_footer(Frame& f, const Rect& footer, std::string_view primary_id, std::string_view primary,
                  std::string_view secondary_id = {}, std::string_view secondary = {});

// When a field of `fields` has the focus: draws it above the on-screen
// keyboard across `area` and returns true (the screen then draws nothing else
// there). Key taps become PressKey intents.
bool field_editor(Frame& f, std::span<const FieldSpec> fields, const FormValues& form, const Rect& area);

// The height field_editor's keyboard takes at the bottom of `area`.
float keyboard_space(Frame& f, const Rect& area);

// Draws `fields` of `form` in a drag-scrollable area `scroll_id` (also
// registered as a label element for replay's `reveal`), in two columns on
// wide screens. Text fields emit Focus, choices Choose, toggles Toggle, the
// country field opens the country picker. `visible(spec)` may hide fields.
void form_fields(Frame& f, std::string_view scroll_id, std::span<const FieldSpec> fields, const FormValues& form,
                 const Rect& area, bool (*visible)(const FieldSpec&, const FormValues&) = nullptr);

// A person's name in the order of the session language ("format.full_name": "{given} {family}"),
// isolated as one run in its own direction (text::isolate).
std::string full_name(Frame& f, std::string_view given, std::string_view family);

// The field's label in the session language, marked "(optional)" unless required.
std::string field_label(Frame& f, const FieldSpec& spec);
// The value as a person reads it: typed text as typed (isolated in its own direction,
// text::isolate), a choice's or country's or language's name, a toggle's label; "" when
// not given.
std::string field_display(Frame& f, const FieldSpec& spec, const FormValues& form);

}  // namespace wk::ui
