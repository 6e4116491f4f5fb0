// The booking being put together (see booking_draft.hpp).
#include "kiosk/ui/features/courses/booking_draft.hpp"

#include <algorithm>
#include <cctype>

#include "kiosk/core/registration_code.hpp"
#include "kiosk/core/secure_clear.hpp"

namespace wk::ui {

bool BookingDraft::type(char symbol) {
  symbol = static_cast<char>(std::toupper(static_cast<unsigned char>(symbol)));
  if (core::kRegistrationCodeAlphabet.find(symbol) == std::string_view::npos) return false;
  if (typed.size() >= core::kRegistrationCodeSymbols + 1) return false;
  typed.push_back(symbol);
  if (typed.size() == core::kRegistrationCodeSymbols + 1) {
    const std::string canonical = core::normalize_registration_code(typed);
    code_wrong = canonical.empty();
    if (!code_wrong) code = canonical;
  }
  return true;
}

void BookingDraft::erase() {
  if (!typed.empty()) typed.pop_back();
  code_wrong = false;
  if (!names_known && people.empty()) core::secure_clear(code);
}

void BookingDraft::identify(const std::string& c, std::vector<std::string> names) {
  code = c;
  for (auto& p : people) core::secure_clear(p);
  names_known = !names.empty();
  people = std::move(names);
  if (!names_known) people.assign(1 + kUnknownFamilyMembers, std::string{});
}

void BookingDraft::start_course(const std::string& course) {
  course_id = course;
  chosen.clear();
  choose_someone = false;
  for (const auto& l : lines)
    if (l.course_id == course) chosen.insert(l.person);
  if (chosen.empty() && people.size() == 1) chosen.insert(0);  // nobody else to choose
}

void BookingDraft::toggle(int person) {
  if (person < 0 || person >= static_cast<int>(people.size())) return;
  if (!chosen.erase(person)) chosen.insert(person);
  choose_someone = false;
}

bool BookingDraft::add_chosen() {
  if (chosen.empty()) {
    choose_someone = true;
    return false;
  }
  // A course's lines are always added together, so they lie side by side: the course keeps its
  // place in the basket when its people change.
  const auto first = std::find_if(lines.begin(), lines.end(), [&](const auto& l) { return l.course_id == course_id; });
  const auto pos = first - lines.begin();
  remove_course(course_id);
  std::vector<core::BookingLine> added;
  for (int p : chosen) added.push_back({course_id, p});
  lines.insert(lines.begin() + std::min(pos, static_cast<std::ptrdiff_t>(lines.size())), added.begin(), added.end());
  return true;
}

void BookingDraft::remove_course(const std::string& course) {
  std::erase_if(lines, [&](const auto& l) { return l.course_id == course; });
}

std::vector<std::string> BookingDraft::courses() const {
  std::vector<std::string> out;
  for (const auto& l : lines)
    if (std::find(out.begin(), out.end(), l.course_id) == out.end()) out.push_back(l.course_id);
  return out;
}

void BookingDraft::wipe() {
  core::secure_clear(typed);
  core::secure_clear(code);
  for (auto& p : people) core::secure_clear(p);
  *this = BookingDraft{};
}

}  // namespace wk::ui
