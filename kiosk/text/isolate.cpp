// First-strong isolates and their removal.
#include "kiosk/text/isolate.hpp"

#include "kiosk/text/utf8.hpp"

namespace wk::text {

std::string isolate(std::string_view value) {
  if (value.empty()) return {};
  std::string out;
  out.reserve(value.size() + 6);
  out += "\u2068";
  out += value;
  out += "\u2069";
  return out;
}

bool is_bidi_control(char32_t c) {
  return c == 0x200E || c == 0x200F || c == 0x061C || (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069);
}

std::string strip_bidi_controls(std::string_view s) {
  // Fast path: every bidi control starts with 0xE2 (U+200E..2069) or 0xD8 (U+061C).
  if (s.find('\xE2') == std::string_view::npos && s.find('\xD8') == std::string_view::npos) return std::string(s);
  std::string out;
  out.reserve(s.size());
  for (const char32_t c : code_points(s))
    if (!is_bidi_control(c)) append_utf8(out, c);
  return out;
}

}  // namespace wk::text
