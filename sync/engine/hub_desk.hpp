// The terminal's questions to the hub while a newcomer waits (sync/PROTOCOL.md "Code look-up"
// and "Waiting lists and offers"): a code's bookings, and the answer to an offer. A thread of
// its own asks them, one at a time, over its own connection, so that no frame waits for the
// network; the newest question replaces one not yet asked. Nothing is stored: the replies are
// for the screen, and go with clear().
//
// Logs never hold the code (it is personal data): only outcomes.
#pragma once

#include "sync/engine/sync_run.hpp"
#include "sync/protocol/messages.hpp"

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

namespace wk::sync {

class HubDesk {
 public:
  struct Reply {
    enum class State { none, waiting, answered, offline, refused };
    State state = State::none;
    std::uint64_t ticket = 0;
    CodeLookup lookup;
    std::string offer_state;
  };

  // `wake_ui` is called from the desk's thread after each reply (must be thread-safe).
  HubDesk(SyncOptions options, std::function<void()> wake_ui);
  ~HubDesk();  // stops the thread (a question in flight is cancelled)
  HubDesk(const HubDesk&) = delete;
  HubDesk& operator=(const HubDesk&) = delete;

  std::uint64_t look_up(const std::string& code);
  std::uint64_t answer_offer(const std::string& booking_id, const std::string& code, bool accept);
  Reply reply() const;
  void clear();

 private:
  struct Question {
    std::uint64_t ticket = 0;
    std::string code, booking_id;
    std::optional<bool> accept;  // set: answer the offer first
  };
  std::uint64_t ask(Question q);
  void loop();
  Reply answer(const Question& q);

  SyncOptions options_;
  std::function<void()> wake_ui_;
  mutable std::mutex mutex_;
  std::condition_variable cv_;
  std::optional<Question> next_;
  Reply reply_;
  std::uint64_t tickets_ = 0;
  bool stop_ = false;
  std::atomic<bool> cancel_{false};
  std::thread thread_;
};

}  // namespace wk::sync
