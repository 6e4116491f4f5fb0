// The context of one frame for a screen: where to draw, in which direction,
// the translated strings, and where to send intents.
#pragma once

#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include "kiosk/ui/geometry.hpp"
#include "kiosk/ui/intent.hpp"
#include "kiosk/ui/ui_context.hpp"
#include "kiosk/ui/view_model.hpp"

struct ImDrawList;

namespace wk::ui {

struct Frame {
  UiContext& ui;
  const ViewModel& vm;
  std::vector<Intent>& intents;
  ImDrawList* dl = nullptr;
  Rect screen;   // the whole window
  Rect content;  // what is left below the navigation bar
  float em = 24.f;

  const text::Language& lang() const { return *vm.language; }
  bool rtl() const { return vm.language->direction == text::Direction::rtl; }
  // The message `key` in the session language.
  std::string t(std::string_view key, const std::vector<text::MessageArg>& args = {}) const {
    return ui.messages->format(vm.language->code, key, args);
  }
  // The message `key` in `language`.
  std::string t_in(const text::Language& language, std::string_view key,
                   const std::vector<text::MessageArg>& args = {}) const {
    return ui.messages->format(language.code, key, args);
  }
  template <class T>
  void emit(T&& intent) {
    intents.emplace_back(Intent(std::forward<T>(intent)));
  }
  Mirror mirror(const Rect& area) const { return {area, rtl()}; }
};

}  // namespace wk::ui
