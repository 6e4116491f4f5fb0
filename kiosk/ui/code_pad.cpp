// The registration code pad (see code_pad.hpp).
#include "kiosk/ui/code_pad.hpp"

#include <algorithm>

#include "kiosk/core/registration_code.hpp"
#include "kiosk/ui/widgets.hpp"

namespace wk::ui {
namespace {

// The code typed so far in its groups, a middle dot for each symbol still to come.
std::string code_display(const std::string& typed) {
  std::string out;
  for (std::size_t i = 0; i < core::kRegistrationCodeSymbols + 1; ++i) {
    if (i == 4 || i == 8) out += '-';
    out += i < typed.size() ? std::string(1, typed[i]) : std::string("\u00B7");
  }
  return out;
}

}  // namespace

std::optional<CodePadKey> code_pad(Frame& f, std::string_view typed_id, const std::string& typed,
                                   std::string_view wrong_id, const std::string& wrong_text, const Rect& col, float y,
                                   float bottom) {
  const float em = f.em;
  TextStyle big;
  big.role = FontRole::hero;
  big.align = Align::center;
  big.lang = f.ui.languages ? f.ui.languages->find("en") : nullptr;  // the code is Latin, left to right
  y += label(f, typed_id, code_display(typed), {col.x, y, col.w, 0}, big) + em * 0.4f;
  if (!wrong_text.empty()) y += error_note(f, wrong_id, wrong_text, {col.x, y, col.w, 0}) + em * 0.4f;
  // 30 symbols and the erase key, 8 to a row, in the alphabet's order (digits first).
  const std::string_view symbols = core::kRegistrationCodeAlphabet;
  const int cols = 8, rows = 4;
  const float gap = em * 0.35f;
  const float key = std::min({(col.w - gap * (cols - 1)) / cols, (bottom - y - gap * (rows - 1)) / rows, 3.4f * em});
  const float x0 = col.x + (col.w - (key * cols + gap * (cols - 1))) * 0.5f;
  std::optional<CodePadKey> tapped;
  for (std::size_t i = 0; i <= symbols.size(); ++i) {
    const int r = static_cast<int>(i) / cols, c = static_cast<int>(i) % cols;
    // Keys run left to right in every language: the code is Latin.
    const Rect k{x0 + static_cast<float>(c) * (key + gap), y + static_cast<float>(r) * (key + gap),
                 i == symbols.size() ? key * 2 + gap : key, key};
    if (i == symbols.size()) {
      if (button(f, "code.erase", "", k, ButtonKind::secondary, Icon::backspace)) tapped = CodePadKey{true, 0};
    } else {
      const std::string s(1, symbols[i]);
      if (button(f, "code.key." + s, s, k, ButtonKind::secondary)) tapped = CodePadKey{false, symbols[i]};
    }
  }
  return tapped;
}

}  // namespace wk::ui
