// The questions the booking screens may ask the hub while a newcomer waits at the terminal:
// which bookings a registration code holds (with waiting places and offers), and the answer to
// an offer of seats. The app wires this to a client on its own thread (sync/engine/hub_desk);
// the UI never talks to the hub or to curl itself.
//
// One question at a time: asking again replaces the question before (its reply is dropped).
// Each question gets a ticket; reply() says what became of the latest one.
#pragma once

#include "sync/protocol/messages.hpp"

#include <cstdint>
#include <string>

namespace wk::ui {

struct DeskReply {
  enum class State {
    none,      // nothing asked yet
    waiting,   // on its way
    answered,  // `lookup` holds the hub's word (after an offer answer too: the code's bookings now)
    offline,   // the hub could not be reached; ask again later
    refused,   // the hub said no (an offer that is gone, a code it will not look up now)
  };
  State state = State::none;
  std::uint64_t ticket = 0;
  wk::sync::CodeLookup lookup;
  std::string offer_state;  // after an offer answer: confirmed | cancelled
};

class HubDeskLink {
 public:
  virtual ~HubDeskLink() = default;
  // Asks for the bookings of registration code `code` (canonical form); returns its ticket.
  virtual std::uint64_t look_up(const std::string& code) = 0;
  // Answers the offer made to booking `booking_id` (accept or decline), then looks up `code`.
  virtual std::uint64_t answer_offer(const std::string& booking_id, const std::string& code, bool accept) = 0;
  // Thread-safe and cheap: called every frame.
  virtual DeskReply reply() const = 0;
  // Forgets the question and its reply (the session ends).
  virtual void clear() = 0;
};

}  // namespace wk::ui
