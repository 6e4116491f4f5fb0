// Values inside prose, in any direction (UAX #9 isolates). A phone number, e-mail address,
// code, date, postal code or a Latin name shown inside right-to-left text (or an Arabic name
// inside left-to-right text) must keep its own order and must not reorder its neighbours:
// "+4915123456789" is never drawn "4915123456789+". Screens wrap every such value with
// isolate() where they put it into a sentence, a list or a row; stored data never holds
// isolates (the registration schema refuses them).
#pragma once

#include <string>
#include <string_view>

namespace wk::text {

// `value` as its own first-strong isolate (U+2068 … U+2069): its direction is that of its
// first strong letter, left-to-right when it has none (digits, '+', '[', '@'). "" stays "".
std::string isolate(std::string_view value);

// True for the invisible bidi format characters: LRM, RLM, ALM, the embeddings and
// overrides (U+202A..202E) and the isolates (U+2066..2069).
bool is_bidi_control(char32_t c);

// `s` without bidi format characters: the text as a reader sees it (element texts for
// replays, widths for layout).
std::string strip_bidi_controls(std::string_view s);

}  // namespace wk::text
