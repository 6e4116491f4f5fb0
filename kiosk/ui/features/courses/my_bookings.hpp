// "My bookings": a newcomer types their registration code (or comes from this session's
// registration) and sees the bookings it holds — what this terminal knows at once, and, when
// the hub can be asked, the hub's word with waiting places and offers. From there they cancel a
// booking or leave a waiting list (an outbox change, offline too), and accept or decline a seat
// offered to them (online only: the offer is the hub's). Their Kümmerer shows above. Plain values and their rules,
// without the store or ImGui; CoursesBrowser applies the intents to it.
#pragma once

#include <cstdint>
#include <set>
#include <string>
#include <vector>

#include "kiosk/core/booking.hpp"
#include "kiosk/ui/hub_desk_link.hpp"

namespace wk::ui {

// One booking as the screen shows it.
struct MyBookingEntry {
  std::string id;
  std::string state;  // requested | confirmed | waiting | offered | declined | cancelled
  std::vector<core::BookingLine> lines;
  std::int64_t position = 0, of = 0;  // while waiting, when the hub said
  std::int64_t offer_expires_in = 0;  // while offered: seconds left when the hub answered
  bool cancel_sent = false;           // cancelled here; the hub hears it at the next sync

  bool operator==(const MyBookingEntry&) const = default;
};

struct MyBookings {
  std::string typed;  // symbols typed on the code pad (<= 9)
  std::string code;   // the canonical code once known
  bool code_wrong = false;
  std::vector<std::string> names;          // given names by person, when this terminal knows them
  std::vector<core::StoredBooking> local;  // this terminal's bookings for the code
  std::uint64_t ticket = 0;                // the desk question for the code (0: none asked)
  std::string confirm_cancel;              // the booking awaiting "really cancel?"
  std::set<std::string> cancelled_here;    // cancelled in this visit
  std::string kuemmerer_here;              // the Kümmerer this terminal holds for the code ("" none)

  // A symbol of the code pad, as BookingDraft::type; true once `code` is set.
  bool type(char symbol);
  void erase();

  // The bookings to show: the hub's answer for the code (when `reply` answers `ticket`) with
  // this terminal's bookings the hub does not know yet, newest first; a booking cancelled here
  // shows as cancelled whatever the hub last said.
  std::vector<MyBookingEntry> entries(const DeskReply* reply) const;

  // The code's Kümmerer: the hub's word when `reply` answers `ticket` and names one, else what
  // this terminal holds; "" when neither knows.
  std::string kuemmerer_id(const DeskReply* reply) const;

  // Overwrites the code and names with zeros and forgets everything.
  void wipe();
};

}  // namespace wk::ui
