// What the speaker button reads: the screen just drawn, from its element
// registry, in drawing order (which is reading order: heading first). Read are
//   - every label with text (the heading, the texts, notes, errors, banners),
//     but of the form fields only the focused field's label and value, and
//     every field's error: what others typed is not read out in a public room;
//   - the home screen's service tiles (their titles);
// not read are buttons (the navigation bar, keys, chips, language tiles)
// and list cards. Parts an element marks with spell_last() are read
// character by character.
#pragma once

#include <string_view>
#include <vector>

#include "kiosk/ui/elements.hpp"
#include "kiosk/ui/speaker.hpp"

namespace wk::ui {

// `focus`: the form field being typed into (Session::focus, "given_names"), or "".
std::vector<SpeechPart> reading_of(const ElementRegistry& elements, std::string_view focus);

}  // namespace wk::ui
