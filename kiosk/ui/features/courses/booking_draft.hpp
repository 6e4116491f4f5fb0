// A course booking being put together on the terminal: whose registration (the code of this
// session's registration, or one typed on the code pad), who takes part in which course (the
// basket: lines of course and person), and, once booked, what was stored. Plain values and
// their rules, without the store or ImGui; CoursesBrowser applies the intents to it.
//
// People are indices into the registration (0 the registered person, 1.. family members).
// Their names are known for this session's registration and for one this terminal still
// holds; for any other code the booking is a request for that code with people by number.
#pragma once

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "kiosk/core/booking.hpp"

namespace wk::ui {

// People offered by number when the names are not known here: the registered person and
// this many family members.
inline constexpr int kUnknownFamilyMembers = 3;

struct BookingDraft {
  std::string typed;        // symbols typed on the code pad, upper case, no dashes (<= 9)
  std::string code;         // the canonical code once known ("" until then)
  bool code_wrong = false;  // nine symbols typed whose check symbol does not match
  bool names_known = false;
  std::vector<std::string> people;             // given names when known; else empty strings, one per person offered
  std::string course_id;                       // the course whose people are being chosen
  std::set<int> chosen;                        // people chosen for course_id
  bool choose_someone = false;                 // "add" tapped with nobody chosen
  std::vector<core::BookingLine> lines;        // the basket
  std::optional<core::StoredBooking> receipt;  // the booking stored, for its receipt
  std::uint64_t ticket = 0;                    // the hub look-up of a code this terminal does not know

  // True while the basket holds lines not yet booked.
  bool unsent() const { return !lines.empty() && !receipt; }
  // A symbol of the code pad; false if ignored (not in the alphabet, already nine). At nine
  // symbols the code is checked: `code` set, or `code_wrong`.
  bool type(char symbol);
  // Erases the last symbol typed (and any verdict on the code).
  void erase();
  // Takes `code` with `names` (names_known) or, when `names` is empty, people by number.
  void identify(const std::string& code, std::vector<std::string> names);
  // Starts choosing people for `course`, with those already in the basket for it chosen.
  void start_course(const std::string& course);
  void toggle(int person);
  // Puts the chosen people for course_id into the basket (replacing its lines for that course);
  // false (choose_someone set) when nobody is chosen.
  bool add_chosen();
  void remove_course(const std::string& course);
  // The courses of the basket, each once, in the order they were added.
  std::vector<std::string> courses() const;
  // Overwrites names and the code with zeros and forgets everything.
  void wipe();
};

}  // namespace wk::ui
