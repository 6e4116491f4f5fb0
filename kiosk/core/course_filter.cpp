// Filtering and ordering the course list (see course_filter.hpp).
#include "kiosk/core/course_filter.hpp"

#include <algorithm>

namespace wk::core {

namespace {

// A course's place in the list: bookable first, then by start (none last), then id.
struct ListKey {
  int rank;
  std::int64_t start;
  std::size_t index;
};

ListKey list_key(const Course& c, std::size_t index, bool bookable) {
  return {(bookable ? 0 : 2) + (c.starts_on ? 0 : 1),
          c.starts_on ? static_cast<std::int64_t>(c.starts_on->time_since_epoch().count()) : 0, index};
}

bool list_before(const std::vector<Course>& courses, const ListKey& a, const ListKey& b) {
  if (a.rank != b.rank) return a.rank < b.rank;
  if (a.start != b.start) return a.start < b.start;
  return courses[a.index].id < courses[b.index].id;
}

}  // namespace

std::vector<std::size_t> filter_courses(const std::vector<Course>& courses, const CourseFilter& filter,
                                        std::chrono::sys_days today) {
  std::vector<std::size_t> out;
  out.reserve(courses.size());
  std::vector<char> bookable(courses.size(), 0);
  for (std::size_t i = 0; i < courses.size(); ++i) {
    const Course& c = courses[i];
    const CourseOpen open = course_open(c, today);
    bookable[i] = open == CourseOpen::open;
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
  // Sort keys side by side (the courses themselves are large): bookable first, then by start
  // (none last), then id.
  std::vector<ListKey> keys;
  keys.reserve(out.size());
  for (std::size_t i : out) keys.push_back(list_key(courses[i], i, bookable[i] != 0));
  const auto before = [&](const ListKey& a, const ListKey& b) { return list_before(courses, a, b); };
  if (!std::is_sorted(keys.begin(), keys.end(), before)) std::sort(keys.begin(), keys.end(), before);
  for (std::size_t k = 0; k < keys.size(); ++k) out[k] = keys[k].index;
  return out;
}

void order_for_list(std::vector<Course>& courses, std::chrono::sys_days today) {
  std::vector<ListKey> keys;
  keys.reserve(courses.size());
  for (std::size_t i = 0; i < courses.size(); ++i)
    keys.push_back(list_key(courses[i], i, course_open(courses[i], today) == CourseOpen::open));
  std::sort(keys.begin(), keys.end(), [&](const ListKey& a, const ListKey& b) { return list_before(courses, a, b); });
  std::vector<Course> sorted;
  sorted.reserve(courses.size());
  for (const ListKey& k : keys) sorted.push_back(std::move(courses[k.index]));
  courses = std::move(sorted);
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
