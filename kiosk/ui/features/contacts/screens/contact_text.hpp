// Putting the directory into words for the finder's screens: names in the session language and
// the desk to turn to (hours in words: kiosk/ui/opening_text.hpp).
#pragma once

#include <string>

#include "kiosk/core/directory.hpp"
#include "kiosk/core/opening_hours.hpp"
#include "kiosk/ui/features/contacts/contacts_finder.hpp"
#include "kiosk/ui/frame.hpp"
#include "kiosk/ui/opening_text.hpp"

namespace wk::ui {

const ContactsFinder* contacts_finder(const Frame& f);
// The text of `map` in the session's language chain (isolated for bidi), or "".
std::string contact_text(const Frame& f, const core::LanguageMap& map);
// The Welcome Center's own desk when nothing is found, in words.
std::string desk_text(const Frame& f);

void draw_contacts_find(Frame& f);
void draw_contact_detail(Frame& f);
void draw_contact_callback(Frame& f);

}  // namespace wk::ui
