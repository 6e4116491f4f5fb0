// A language course as the terminal shows it: the catalog item of kind "course"
// (sync/CATALOG.md "course") read into plain values, and what follows from them on a given
// day — whether it can still be booked and why not, whether it fits around work, how many
// seats are free.
//
// The hub checks every course it imports; the terminal still reads catalog data as
// untrusted: a course without a title, type or capacity is left out (and logged by id), an
// optional field of the wrong shape is ignored, fields this build does not know are skipped.
#pragma once

#include "kiosk/core/catalog_fields.hpp"
#include "kiosk/core/database.hpp"

#include <nlohmann/json.hpp>

#include <array>
#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace wk::core {

using CourseSession = WeeklySpan;

// The vocabularies of a course item (sync/CATALOG.md "course"): what the terminal reads and
// what the hub's importer accepts are the same lists.
inline constexpr std::array<std::string_view, 16> kCourseTypes = {
    "integration_general",   "integration_youth",
    "integration_parents",   "integration_women",
    "integration_literacy",  "integration_second_script",
    "integration_intensive", "integration_special_support",
    "job_basic_a2",          "job_basic_b1",
    "job_basic_b2",          "job_basic_c1",
    "job_special",           "job_at_employer",
    "family_members",        "other"};
inline constexpr std::array<std::string_view, 6> kCefrLevels = {"A1", "A2", "B1", "B2", "C1", "C2"};
inline constexpr std::array<std::string_view, 7> kWeekdayCodes = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};
inline constexpr std::array<std::string_view, 3> kCourseDelivery = {"in_person", "online", "hybrid"};
inline constexpr std::array<std::string_view, 2> kCourseIntensity = {"full_time", "part_time"};

struct Course {
  std::string id;
  LanguageMap title;  // at least one language
  std::string organisation_id;
  std::string course_type;           // one of CATALOG.md's types ("job_basic_b1")
  std::string language;              // taught
  std::string level_from, level_to;  // "A1".."C2" or ""
  std::optional<std::chrono::sys_days> starts_on, ends_on, registration_deadline;
  bool rolling_entry = false;
  std::vector<CourseSession> sessions;
  LanguageMap schedule_note;
  std::string delivery;   // in_person | online | hybrid | ""
  std::string intensity;  // full_time | part_time | ""
  std::string street, postal_code, municipality, room;
  std::optional<std::pair<int, int>> childcare;  // ages from..to
  LanguageMap costs, accessibility;
  std::int64_t capacity = 0;
  // Free seats as the hub's booking ledger counts them, when the hub says; else the capacity.
  std::optional<std::int64_t> seats_free;
};

// The course in `data` (a catalog item's JSON object), or nullopt with `why` set when it
// lacks a title, a known type or a capacity.
std::optional<Course> parse_course(std::string_view id, const nlohmann::json& data, std::string* why = nullptr);

// Every live course this terminal holds, in id order; unreadable ones are logged (id and
// reason) and left out.
std::vector<Course> load_courses(Database& db);

// The group a course type belongs to for filtering: "integration", "job" (job-related German
// and courses at the employer), "family" or "other".
std::string_view course_group(std::string_view course_type);

// [SECTION] On a given day

// Whether a newcomer can book the course on `today`, and if not, why.
enum class CourseOpen {
  open,
  deadline_passed,  // registration_deadline before today
  started,          // started before today without rolling entry
  ended,            // ends_on before today
};
CourseOpen course_open(const Course& c, std::chrono::sys_days today);

// Every session on Saturday or Sunday or starting at 17:00 or later (and at least one session).
bool fits_around_work(const Course& c);

enum class SeatState { free, almost_full, full };
struct Seats {
  SeatState state = SeatState::free;
  std::int64_t free = 0;
};
// Free seats: `seats_free` if the hub said, else the capacity. Almost full: at most a fifth of
// the capacity and at most 3 left.
Seats course_seats(const Course& c);

// The title in the first language of `chain` that has one, else the course's first title.
const std::string& course_title(const Course& c, const std::vector<std::string>& chain);

}  // namespace wk::core
