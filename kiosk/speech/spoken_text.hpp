// What the speech engine is given for a reading: the parts joined as sentences,
// and the parts read character by character spelled out with spaces ("A7K-2X"
// becomes "A 7 K, 2 X"), which every espeak-ng voice reads as single letters and
// digits. Pure text, no engine.
#pragma once

#include <span>
#include <string>

#include "kiosk/ui/speaker.hpp"

namespace wk::speech {

// Each part that ends a sentence gets a full stop unless it ends in sentence punctuation. In a by_character part,
// letters, digits and signs ("+") are separated by spaces, and runs of spaces, hyphens, slashes, dots and brackets
// become one pause (", "). Invalid UTF-8 in a part is left out of the result (never reaches the engine).
std::string spoken_text(std::span<const ui::SpeechPart> parts);

}  // namespace wk::speech
