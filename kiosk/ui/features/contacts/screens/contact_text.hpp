// Putting the directory into words for the finder's screens: names in the session language,
// "open now" and "next opening" in the session locale's clock and weekdays, weekly hours.
#pragma once

#include <string>

#include "kiosk/core/directory.hpp"
#include "kiosk/core/opening_hours.hpp"
#include "kiosk/ui/features/contacts/contacts_finder.hpp"
#include "kiosk/ui/frame.hpp"

namespace wk::ui {

const ContactsFinder* contacts_finder(const Frame& f);
// The text of `map` in the session's language chain (isolated for bidi), or "".
std::string contact_text(const Frame& f, const core::LanguageMap& map);
// "Open now · until 16:00", "Closed · opens Tue 09:00", "Closed · opens today at 14:00";
// "" when there are no hours.
std::string opening_line(const Frame& f, const core::OpeningHours& hours, const core::LocalTime& now);
// The weekly hours, one line per open weekday ("Mon  09:00–12:00, 14:00–18:00").
std::string weekly_hours(const Frame& f, const core::OpeningHours& hours);
// The Welcome Center's own desk when nothing is found, in words.
std::string desk_text(const Frame& f);

void draw_contacts_find(Frame& f);
void draw_contact_detail(Frame& f);

}  // namespace wk::ui
