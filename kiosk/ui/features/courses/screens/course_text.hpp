// How the course screens put a course into words in the session language: its title (along
// the language's fallback chain), type, level range, dates, weekly schedule and seats.
// Catalog texts and values in another script are isolated (text::isolate) so they keep their
// own direction inside a right-to-left line.
#pragma once

#include <string>

#include "kiosk/core/course.hpp"
#include "kiosk/ui/features/courses/courses_browser.hpp"
#include "kiosk/ui/frame.hpp"
#include "kiosk/ui/geometry.hpp"

namespace wk::ui {

// The course browser of the feature whose screen is drawn, or nullptr.
const CoursesBrowser* courses_browser(const Frame& f);

// The text of `map` in the session language's chain (else its first), isolated.
std::string course_text(const Frame& f, const core::LanguageMap& map);
// The course type's name ("Job-related German, goal B1").
std::string course_type_name(const Frame& f, const core::Course& c);
// "A2–B1", "A1", or "" when the catalog gives no level.
std::string course_levels(const Frame& f, const core::Course& c);
// "11 Jan – 30 Jun 2027", or "" without dates.
std::string course_dates(const Frame& f, const core::Course& c);
// The weekly sessions in one line: days with the same times together, runs of three or more
// days as a range ("Mon–Fri 08:30–12:45", "Mon and Wed 18:00–21:15"); "" without sessions.
std::string course_schedule(const Frame& f, const core::Course& c);
// Why the course cannot be booked ("Registration closed", "No longer offered"), or "".
std::string course_closed_reason(const Frame& f, const core::Course& c, bool deleted);
// Free seats in words with the language's plural ("3 Plätze frei"), "almost full", or "full".
std::string course_seats_text(const Frame& f, const core::Course& c);
// The municipality, or "Online" for a course without a place.
std::string course_place(const Frame& f, const core::Course& c);

// [SECTION] Booking

// The name of person `person` of a registration: the given name when known here (`names`, by
// person; "" unknown), else "You" / "Family member n".
std::string person_label(const Frame& f, const std::vector<std::string>& names, int person);
std::string person_label(const Frame& f, const BookingDraft& d, int person);
// Who takes part in `course_id` in `lines`, joined as the language lists names.
std::string people_in(const Frame& f, const std::vector<std::string>& names,
                      const std::vector<core::BookingLine>& lines, const std::string& course_id);
std::string people_in(const Frame& f, const BookingDraft& d, const std::vector<core::BookingLine>& lines,
                      const std::string& course_id);
// The registration code typed so far (`wrong`: nine symbols whose check symbol fails) and a pad
// of the code's 30 symbols with an erase key below it, from `y` down to `bottom` in `col`;
// emits TypeCodeSymbol and EraseCodeSymbol.
void code_pad(Frame& f, const std::string& typed, bool wrong, const Rect& col, float y, float bottom);
// footer_buttons (widgets.hpp) across the bottom kFooterEm of `area`: `primary` at the end edge,
// `secondary` (if any) at the start. Returns 1 for primary, 2 for secondary, else 0.
int courses_footer(Frame& f, const Rect& area, std::string_view primary_id, std::string_view primary,
                   std::string_view secondary_id = {}, std::string_view secondary = {});

}  // namespace wk::ui
