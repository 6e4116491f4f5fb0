// Filtering and ordering the course list (see course_filter.hpp).
#include "kiosk/core/course_filter.hpp"

#include <algorithm>

namespace wk::core {

std::vector<std::size_t> filter_courses(const std::vector<Course>& courses, const CourseFilter& filter,
                                        std::chrono::sys_days today) {
  std::vector<std::size_t> out;
  out.reserve(courses.size());
  for (std::size_t i = 0; i < courses.size(); ++i) {
    const Course& c = courses[i];
    const CourseOpen open = course_open(c, today);
    if (open == CourseOpen::ended) continue;
    if (!filter.level.empty()) {
      // "A1" < "A2" < "B1" ... compare as text; a missing end is the start.
      const std::string& from = c.level_from.empty() ? c.level_to : c.level_from;
      const std::string& to = c.level_to.empty() ? c.level_from : c.level_to;
      if (from.empty() || filter.level < from || filter.level > to) continue;
    }
    if (!filter.group.empty() && course_group(c.course_type) != filter.group) continue;
    if (filter.fits_work && !fits_around_work(c)) continue;
    if (filter.childcare && !c.childcare) continue;
    if (!filter.municipality.empty() && c.municipality != filter.municipality) continue;
    if (filter.starts_within_weeks > 0) {
      if (open != CourseOpen::open) continue;
      const auto limit = today + std::chrono::days(7 * filter.starts_within_weeks);
      if (!c.starts_on || *c.starts_on > limit) continue;
    }
    out.push_back(i);
  }
  std::stable_sort(out.begin(), out.end(), [&](std::size_t a, std::size_t b) {
    const Course &x = courses[a], &y = courses[b];
    const bool xo = course_open(x, today) == CourseOpen::open, yo = course_open(y, today) == CourseOpen::open;
    if (xo != yo) return xo;
    if (x.starts_on.has_value() != y.starts_on.has_value()) return x.starts_on.has_value();
    if (x.starts_on && *x.starts_on != *y.starts_on) return *x.starts_on < *y.starts_on;
    return x.id < y.id;
  });
  return out;
}

std::vector<std::string> course_municipalities(const std::vector<Course>& courses) {
  std::vector<std::string> out;
  for (const Course& c : courses)
    if (!c.municipality.empty()) out.push_back(c.municipality);
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

}  // namespace wk::core
