// A form as data, for every feature: the spec of each field (how it is
// entered, its label, whether it is required, its options) and the values and
// errors a person's entries produced. Values are kept as typed; what a value
// means and how it is checked belongs to the feature that owns the form.
// No window, no store.
#pragma once

#include <cstddef>
#include <functional>
#include <map>
#include <set>
#include <span>
#include <string>
#include <string_view>

#include "kiosk/ui/keyboard_model.hpp"

namespace wk::ui {

enum class InputKind {
  text,      // typed on the on-screen keyboard (FieldSpec::keyboard says which)
  choice,    // one of FieldSpec::options, shown as chips
  country,   // an ISO 3166 code chosen from the localized country list
  language,  // a language code of the terminal's enabled languages
  toggle     // "1" or "" (a yes/no question)
};

struct FieldSpec {
  std::string_view id;         // "given_names", "member.birth_date"; element id "field.<id>"
  std::string_view label_key;  // message key of the label
  InputKind input;
  FieldKind keyboard = FieldKind::free_text;  // for InputKind::text
  bool required = false;
  std::string_view option_prefix;             // message key of option v: option_prefix + v
  std::span<const std::string_view> options;  // stored values of a choice
  std::size_t max_graphemes = 100;            // for text
};

// Values and errors of one form, by field id. Errors are message keys.
struct FormValues {
  std::map<std::string, std::string, std::less<>> values, errors;
  // Fields that showed an error since their step was opened: their error line keeps its room
  // until the step is left, so nothing below them moves when the error goes.
  std::set<std::string, std::less<>> error_room;

  const std::string& value(std::string_view id) const;
  const std::string& error(std::string_view id) const;
  // Overwrites every value and error with zeros, then empties both maps.
  void wipe();
};

}  // namespace wk::ui
