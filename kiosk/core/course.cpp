// Reading course items defensively (see course.hpp) and the rules of a course's day.
#include "kiosk/core/course.hpp"

#include "kiosk/core/catalog.hpp"
#include "kiosk/core/log.hpp"
#include "kiosk/core/time.hpp"

#include <algorithm>
#include <array>

namespace wk::core {
namespace {

using nlohmann::json;

constexpr std::size_t kMaxText = 4000;

std::string text_field(const json& data, const char* key) {
  const auto it = data.find(key);
  if (it == data.end() || !it->is_string() || it->get_ref<const std::string&>().size() > kMaxText) return {};
  return it->get<std::string>();
}

LanguageMap map_field(const json& data, const char* key) {
  LanguageMap map;
  const auto it = data.find(key);
  if (it == data.end() || !it->is_object()) return map;
  for (const auto& [lang, text] : it->items()) {
    if (text.is_string() && !text.get_ref<const std::string&>().empty() && lang.size() <= 35 &&
        text.get_ref<const std::string&>().size() <= kMaxText)
      map.emplace(lang, text.get<std::string>());
  }
  return map;
}

template <std::size_t N>
std::string one_of(const json& data, const char* key, const std::array<std::string_view, N>& options) {
  std::string v = text_field(data, key);
  return std::find(options.begin(), options.end(), v) != options.end() ? v : std::string{};
}

std::optional<std::chrono::sys_days> date_field(const json& data, const char* key) {
  return parse_calendar_date(text_field(data, key));
}

std::optional<int> clock_minutes(const std::string& s) {
  if (s.size() != 5 || s[2] != ':') return std::nullopt;
  for (int i : {0, 1, 3, 4})
    if (s[static_cast<std::size_t>(i)] < '0' || s[static_cast<std::size_t>(i)] > '9') return std::nullopt;
  const int h = (s[0] - '0') * 10 + (s[1] - '0'), m = (s[3] - '0') * 10 + (s[4] - '0');
  if (m >= 60 || h > 24 || (h == 24 && m != 0)) return std::nullopt;
  return h * 60 + m;
}

std::optional<std::int64_t> count_field(const json& data, const char* key) {
  const auto it = data.find(key);
  if (it == data.end() || !it->is_number_integer()) return std::nullopt;
  const std::int64_t v = it->get<std::int64_t>();
  if (v < 0 || v > 1'000'000) return std::nullopt;
  return v;
}

}  // namespace

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
  if (const auto it = data.find("schedule"); it != data.end() && it->is_array()) {
    for (const json& s : *it) {
      if (!s.is_object() || c.sessions.size() >= 14) continue;
      const std::string day = text_field(s, "day");
      const auto d = std::find(kWeekdayCodes.begin(), kWeekdayCodes.end(), day);
      const auto from = clock_minutes(text_field(s, "from")), to = clock_minutes(text_field(s, "to"));
      if (d == kWeekdayCodes.end() || !from || !to || *to <= *from) continue;
      c.sessions.push_back({static_cast<int>(d - kWeekdayCodes.begin()), *from, *to});
    }
    std::stable_sort(c.sessions.begin(), c.sessions.end(),
                     [](const CourseSession& a, const CourseSession& b) { return a.weekday < b.weekday; });
  }
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

std::string localized(const LanguageMap& map, const std::vector<std::string>& chain, bool any) {
  for (const auto& lang : chain)
    if (const auto it = map.find(lang); it != map.end()) return it->second;
  return any && !map.empty() ? map.begin()->second : std::string{};
}

}  // namespace wk::core
