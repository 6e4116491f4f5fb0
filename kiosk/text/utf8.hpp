// UTF-8 helpers shared by the text layer: validation and code point iteration.
// Everything in the kiosk stores and passes text as UTF-8; these functions are
// the one place that decides what "valid" means (well-formed, no surrogates,
// no overlong forms — exactly what ICU's strict conversion accepts).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace wk::text {

// True if `s` is well-formed UTF-8 (RFC 3629).
bool is_valid_utf8(std::string_view s);

// The code points of valid UTF-8 `s`; invalid sequences yield U+FFFD each.
std::vector<char32_t> code_points(std::string_view s);

// Appends code point `cp` encoded as UTF-8.
void append_utf8(std::string& out, char32_t cp);

}  // namespace wk::text
