#include "kiosk/speech/spoken_text.hpp"

#include <unicode/uchar.h>

#include "kiosk/text/utf8.hpp"

namespace wk::speech {
namespace {

bool ends_sentence(char32_t c) {
  switch (c) {
    case U'.':
    case U'!':
    case U'?':
    case U':':
    case U';':
    case U'\u061F':  // Arabic question mark
    case U'\u06D4':  // Arabic full stop
    case U'\u3002':  // ideographic full stop
    case U'\uFF01':
    case U'\uFF1F':
    case U'\uFF1A':
    case U'\u0964':  // danda
    case U'\u1362':  // Ethiopic full stop
      return true;
    default:
      return false;
  }
}

bool is_pause(char32_t c) {
  return u_isUWhiteSpace(static_cast<UChar32>(c)) || c == U'-' || c == U'/' || c == U'.' || c == U'(' || c == U')' ||
         c == U'\u2010' || c == U'\u2011' || c == U'\u2013' || c == U'\u00B7';
}

void spell(std::string& out, const std::vector<char32_t>& cps) {
  bool pause = false, any = false;
  for (char32_t c : cps) {
    if (is_pause(c)) {
      pause = any;
      continue;
    }
    // Format characters (bidi isolates, ZWNJ) are not read.
    if (u_charType(static_cast<UChar32>(c)) == U_FORMAT_CHAR) continue;
    if (any) out += pause ? ", " : " ";
    text::append_utf8(out, c);
    any = true;
    pause = false;
  }
}

}  // namespace

std::string spoken_text(std::span<const ui::SpeechPart> parts) {
  std::string out;
  for (const auto& part : parts) {
    if (!text::is_valid_utf8(part.text)) continue;
    const std::vector<char32_t> cps = text::code_points(part.text);
    std::size_t end = cps.size();
    while (end > 0 && u_isUWhiteSpace(static_cast<UChar32>(cps[end - 1]))) --end;
    if (end == 0) continue;
    if (!out.empty()) out += ' ';
    const std::size_t before = out.size();
    if (part.by_character) {
      spell(out, cps);
    } else {
      for (std::size_t i = 0; i < end; ++i) text::append_utf8(out, cps[i]);
    }
    if (out.size() == before) continue;
    if (part.sentence_end && (part.by_character || !ends_sentence(cps[end - 1]))) out += '.';
  }
  return out;
}

}  // namespace wk::speech
