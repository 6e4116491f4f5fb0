// The set of code points the font atlas must hold, built from the strings the
// kiosk actually loaded (all locales, language names, data, keyboard
// layouts), including the Arabic presentation forms shaping produces and the
// digits each language's number format uses. Rasterising only these keeps the
// atlas small and start-up fast even with Chinese enabled (DESIGN.md §4).
#pragma once

#include <cstdint>
#include <set>
#include <string_view>
#include <vector>

namespace wk::text {

class GlyphSet {
 public:
  GlyphSet();  // starts with printable ASCII, Latin-1 and common punctuation

  // Adds every code point of `utf8` and, for Arabic-script text, of its shaped form.
  void add_text(std::string_view utf8);
  void add_range(char32_t first, char32_t last);
  // Adds the digits, signs and separators ICU uses for numbers in `icu_locale`.
  void add_number_symbols(const char* icu_locale);

  bool contains(char32_t cp) const { return points_.count(cp) != 0; }
  std::size_t size() const { return points_.size(); }

  // Inclusive [first, last] pairs terminated by 0, limited to the BMP
  // (ImGui 1.86 as packaged draws 16-bit code points only).
  std::vector<std::uint16_t> ranges() const;

 private:
  std::set<char32_t> points_;
};

}  // namespace wk::text
