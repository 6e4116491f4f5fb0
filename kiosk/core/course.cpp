// Reading course items defensively (see course.hpp) and the rules of a course's day.
#include "kiosk/core/course.hpp"

#include "kiosk/core/catalog.hpp"
#include "kiosk/core/log.hpp"
#include "kiosk/core/time.hpp"

#include <algorithm>
#include <array>

namespace wk::core {
using nlohmann::json;

std::optional<Course> parse_course(std::string_view id, const json& data, std::string* why) {
  auto refuse = [&](const char* reason) -> std::optional<Course> {
    if (why) *why = reason;
    return std::nullopt;
  };
  if (!data.is_object()) return refuse("not an object");
  Course c;
  c.id = std::string(id);
  c.title = map_field(data, "title");
  if (c.title.empty()) return refuse("no title");
  c.course_type = one_of(data, "course_type", kCourseTypes);
  if (c.course_type.empty()) return refuse("no known course_type");
  const auto capacity = count_field(data, "capacity");
  if (!capacity) return refuse("no capacity");
  c.capacity = *capacity;
  c.organisation_id = text_field(data, "organisation_id");
  c.language = text_field(data, "language");
  c.level_from = one_of(data, "level_from", kCefrLevels);
  c.level_to = one_of(data, "level_to", kCefrLevels);
  c.starts_on = date_field(data, "starts_on");
  c.ends_on = date_field(data, "ends_on");
  c.registration_deadline = date_field(data, "registration_deadline");
  if (const auto it = data.find("rolling_entry"); it != data.end() && it->is_boolean())
    c.rolling_entry = it->get<bool>();
  c.sessions = weekly_field(data, "schedule", 14);
  c.schedule_note = map_field(data, "schedule_note");
  c.delivery = one_of(data, "delivery", kCourseDelivery);
  c.intensity = one_of(data, "intensity", kCourseIntensity);
  if (const auto it = data.find("address"); it != data.end() && it->is_object()) {
    c.street = text_field(*it, "street");
    c.postal_code = text_field(*it, "postal_code");
    c.municipality = text_field(*it, "municipality");
    c.room = text_field(*it, "room");
  }
  if (const auto it = data.find("childcare"); it != data.end() && it->is_object()) {
    const auto from = count_field(*it, "from_age"), to = count_field(*it, "to_age");
    if (from && to && *from <= *to && *to <= 17) c.childcare = {static_cast<int>(*from), static_cast<int>(*to)};
  }
  c.costs = map_field(data, "costs");
  c.accessibility = map_field(data, "accessibility");
  if (const auto free = count_field(data, "seats_free")) c.seats_free = std::min(*free, c.capacity);
  return c;
}

std::vector<Course> load_courses(Database& db) {
  std::vector<Course> courses;
  Statement st = db.prepare("SELECT id, data FROM catalog_items WHERE kind = 'course' AND deleted = 0 ORDER BY id");
  while (st.step()) {
    const std::string id = st.column_text(0);
    const json data = json::parse(st.column_text(1), nullptr, false);
    std::string why;
    if (auto c = parse_course(id, data, &why)) {
      courses.push_back(std::move(*c));
    } else {
      log::warn("courses", "course " + id + " left out: " + why);
    }
  }
  return courses;
}

std::string_view course_group(std::string_view type) {
  if (type.rfind("integration_", 0) == 0) return "integration";
  if (type.rfind("job_", 0) == 0) return "job";
  if (type == "family_members") return "family";
  return "other";
}

CourseOpen course_open(const Course& c, std::chrono::sys_days today) {
  if (c.ends_on && *c.ends_on < today) return CourseOpen::ended;
  if (c.registration_deadline && *c.registration_deadline < today) return CourseOpen::deadline_passed;
  if (c.starts_on && *c.starts_on < today && !c.rolling_entry) return CourseOpen::started;
  return CourseOpen::open;
}

bool fits_around_work(const Course& c) {
  if (c.sessions.empty()) return false;
  return std::all_of(c.sessions.begin(), c.sessions.end(),
                     [](const CourseSession& s) { return s.weekday >= 5 || s.from >= 17 * 60; });
}

Seats course_seats(const Course& c) {
  Seats s;
  s.free = c.seats_free.value_or(c.capacity);
  if (s.free <= 0) {
    s.state = SeatState::full;
    s.free = 0;
  } else if (s.free <= 3 && s.free * 5 <= c.capacity) {
    s.state = SeatState::almost_full;
  }
  return s;
}

const std::string& course_title(const Course& c, const std::vector<std::string>& chain) {
  for (const auto& lang : chain)
    if (const auto it = c.title.find(lang); it != c.title.end()) return it->second;
  return c.title.begin()->second;
}

}  // namespace wk::core
