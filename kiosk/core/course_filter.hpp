// The course list's filters, as a newcomer sets them on the terminal with a few taps: level,
// kind of course, "fits around work", how soon it starts, childcare, municipality. The result
// is sorted by start date: what one can join soonest first.
#pragma once

#include "kiosk/core/course.hpp"

#include <chrono>
#include <cstddef>
#include <string>
#include <vector>

namespace wk::core {

struct CourseFilter {
  std::string level;            // "A1".."C2": courses whose level range includes it; "" any
  std::string group;            // course_group(): integration | job | family | other; "" any
  bool fits_work = false;       // fits_around_work()
  bool childcare = false;       // childcare offered
  int starts_within_weeks = 0;  // 4, 8, 12: starts by today + that many weeks, or running with
                                // rolling entry (joinable now); 0 any
  std::string municipality;     // exactly this municipality; "" any

  bool any() const {
    return !level.empty() || !group.empty() || fits_work || childcare || starts_within_weeks > 0 ||
           !municipality.empty();
  }
  bool operator==(const CourseFilter&) const = default;
};

// Indices into `courses` of those matching `filter` on `today`: the bookable ones first, each
// part by start date (a course without one last), then id. Ended courses are never listed.
std::vector<std::size_t> filter_courses(const std::vector<Course>& courses, const CourseFilter& filter,
                                        std::chrono::sys_days today);

// Puts `courses` into the list's order on `today` (as filter_courses sorts), so that filtering
// them afterwards finds them sorted already and only checks it (the list's filter chips then
// cost a linear pass, not a sort).
void order_for_list(std::vector<Course>& courses, std::chrono::sys_days today);

// The municipalities of `courses`, sorted, each once (empty ones left out).
std::vector<std::string> course_municipalities(const std::vector<Course>& courses);

}  // namespace wk::core
