// "My bookings" (see my_bookings.hpp).
#include "kiosk/ui/features/courses/my_bookings.hpp"

#include <algorithm>
#include <cctype>

#include "kiosk/core/registration_code.hpp"
#include "kiosk/core/secure_clear.hpp"

namespace wk::ui {

bool MyBookings::type(char symbol) {
  symbol = static_cast<char>(std::toupper(static_cast<unsigned char>(symbol)));
  if (!code.empty() || core::kRegistrationCodeAlphabet.find(symbol) == std::string_view::npos) return false;
  if (typed.size() >= core::kRegistrationCodeSymbols + 1) return false;
  typed.push_back(symbol);
  if (typed.size() == core::kRegistrationCodeSymbols + 1) {
    const std::string canonical = core::normalize_registration_code(typed);
    code_wrong = canonical.empty();
    code = canonical;
  }
  return !code.empty();
}

void MyBookings::erase() {
  if (!typed.empty()) typed.pop_back();
  code_wrong = false;
}

std::vector<MyBookingEntry> MyBookings::entries(const DeskReply* reply) const {
  std::vector<MyBookingEntry> out;
  const bool answered = reply && ticket != 0 && reply->ticket == ticket && reply->state == DeskReply::State::answered;
  if (answered) {
    for (const auto& b : reply->lookup.bookings) {
      MyBookingEntry e;
      e.id = b.id;
      e.state = b.state;
      for (const auto& l : b.lines) e.lines.push_back({l.course_id, l.person});
      e.position = b.position;
      e.of = b.of;
      e.offer_expires_in = b.offer_expires_in;
      out.push_back(std::move(e));
    }
  }
  for (const auto& b : local) {
    const auto it = std::find_if(out.begin(), out.end(), [&](const MyBookingEntry& e) { return e.id == b.id; });
    if (it == out.end()) {
      out.push_back({b.id, b.state, b.lines, 0, 0, 0, false});
    } else if (b.state == "cancelled") {
      it->state = "cancelled";  // the cancellation may still be on its way to the hub
    }
  }
  for (auto& e : out) {
    if (cancelled_here.count(e.id) != 0) {
      e.state = "cancelled";
      e.cancel_sent = true;
    }
  }
  return out;
}

std::string MyBookings::kuemmerer_id(const DeskReply* reply) const {
  const bool answered = reply && ticket != 0 && reply->ticket == ticket && reply->state == DeskReply::State::answered;
  if (answered && !reply->lookup.kuemmerer_id.empty()) return reply->lookup.kuemmerer_id;
  return kuemmerer_here;
}

void MyBookings::wipe() {
  core::secure_clear(typed);
  core::secure_clear(code);
  for (auto& n : names) core::secure_clear(n);
  *this = MyBookings{};
}

}  // namespace wk::ui
