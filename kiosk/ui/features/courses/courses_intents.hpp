// The course browser's own intents (see kiosk/ui/intent.hpp for how a feature's intents travel).
#pragma once

#include <string>

#include "kiosk/ui/intent.hpp"

namespace wk::ui {

struct StartCourses {  // the home tile: the list, with the catalog read afresh
  static constexpr bool feature_intent = true;
};
// A filter chip: `filter` is level | group | weeks | place | work | childcare | clear; `value`
// the chip's value ("B1", "job", "8", "Nordheim"; "" for the yes/no filters). Tapping the
// chosen value again clears that filter.
struct SetCourseFilter {
  static constexpr bool feature_intent = true;
  std::string filter, value;
};
struct ShowCourse {  // a row of the list: its detail page
  static constexpr bool feature_intent = true;
  std::string id;
};

// [SECTION] Booking (booking_draft.hpp)

struct BookCourse {  // the detail page's button: choose who takes part in course `id`
  static constexpr bool feature_intent = true;
  std::string id;
};
struct TypeCodeSymbol {  // a key of the code pad
  static constexpr bool feature_intent = true;
  char symbol;
};
struct EraseCodeSymbol {
  static constexpr bool feature_intent = true;
};
struct ForgetCode {  // "use another code": the code, its people and the basket go
  static constexpr bool feature_intent = true;
};
struct TogglePerson {
  static constexpr bool feature_intent = true;
  int person;
};
struct AddToBooking {  // the chosen people into the basket, then the basket
  static constexpr bool feature_intent = true;
};
struct RemoveFromBooking {
  static constexpr bool feature_intent = true;
  std::string course_id;
};
struct MoreCourses {  // from the basket back to the list, the basket kept
  static constexpr bool feature_intent = true;
};
struct ConfirmBooking {  // "Book now": store it with its outbox change, show the receipt
  static constexpr bool feature_intent = true;
};
struct FinishBooking {  // "Done" on the receipt
  static constexpr bool feature_intent = true;
};

// [SECTION] My bookings (my_bookings.hpp). The code pad's TypeCodeSymbol and EraseCodeSymbol
// go to whichever of the two code pads is on screen.
struct StartMyBookings {  // the course list's "My bookings"
  static constexpr bool feature_intent = true;
};
struct ForgetMyCode {  // "use another code"
  static constexpr bool feature_intent = true;
};
struct AskCancel {  // "Cancel booking" / "Leave the waiting list": asks "really?" first
  static constexpr bool feature_intent = true;
  std::string id;
};
struct ConfirmCancel {  // the answer to "really?"
  static constexpr bool feature_intent = true;
  bool yes = false;
};
struct AnswerOffer {  // accept or decline the seat offered to booking `id`
  static constexpr bool feature_intent = true;
  std::string id;
  bool accept = false;
};
struct RefreshMyBookings {  // ask the hub again (after "not connected")
  static constexpr bool feature_intent = true;
};

}  // namespace wk::ui
