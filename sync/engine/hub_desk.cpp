// The terminal's questions to the hub (see hub_desk.hpp).
#include "sync/engine/hub_desk.hpp"

#include "kiosk/core/log.hpp"
#include "sync/engine/hub_connection.hpp"

namespace wk::sync {

HubDesk::HubDesk(SyncOptions options, std::function<void()> wake_ui)
    : options_(std::move(options)), wake_ui_(std::move(wake_ui)) {
  thread_ = std::thread([this] { loop(); });
}

HubDesk::~HubDesk() {
  {
    std::lock_guard lock(mutex_);
    stop_ = true;
  }
  cancel_ = true;
  cv_.notify_all();
  if (thread_.joinable()) thread_.join();
}

std::uint64_t HubDesk::ask(Question q) {
  std::lock_guard lock(mutex_);
  q.ticket = ++tickets_;
  reply_ = Reply{Reply::State::waiting, q.ticket, {}, {}};
  next_ = std::move(q);
  cv_.notify_all();
  return tickets_;
}

std::uint64_t HubDesk::look_up(const std::string& code) {
  return ask(Question{0, code, {}, std::nullopt});
}

std::uint64_t HubDesk::answer_offer(const std::string& booking_id, const std::string& code, bool accept) {
  return ask(Question{0, code, booking_id, accept});
}

HubDesk::Reply HubDesk::reply() const {
  std::lock_guard lock(mutex_);
  return reply_;
}

void HubDesk::clear() {
  std::lock_guard lock(mutex_);
  next_.reset();
  ++tickets_;  // a reply still on its way belongs to no question now
  reply_ = {};
}

void HubDesk::loop() {
  for (;;) {
    Question q;
    {
      std::unique_lock lock(mutex_);
      cv_.wait(lock, [&] { return stop_ || next_.has_value(); });
      if (stop_) return;
      q = std::move(*next_);
      next_.reset();
    }
    Reply r = answer(q);
    {
      std::lock_guard lock(mutex_);
      if (q.ticket != tickets_) continue;  // replaced or cleared meanwhile
      reply_ = std::move(r);
    }
    if (wake_ui_) wake_ui_();
  }
}

HubDesk::Reply HubDesk::answer(const Question& q) {
  Reply r;
  r.ticket = q.ticket;
  try {
    HubConnection hub(options_.hub, read_token_file(options_.hub.token_file), &cancel_);
    if (q.accept) {
      const OfferReply body{q.code, *q.accept ? "accept" : "decline"};
      const OfferResult result = parse_offer_result(hub.post("/v1/bookings/" + q.booking_id + "/offer", to_json(body)));
      r.offer_state = result.state;
      core::log::info("hub-desk", std::string("offer ") + (*q.accept ? "accepted" : "declined") + ": " + result.state);
    }
    r.lookup = parse_code_lookup(hub.get("/v1/codes/" + q.code));
    r.state = Reply::State::answered;
  } catch (const SyncFailure& e) {
    const bool offline = e.kind() == SyncFailure::Kind::unreachable || e.kind() == SyncFailure::Kind::cancelled;
    r.state = offline ? Reply::State::offline : Reply::State::refused;
    core::log::warn("hub-desk", std::string("question to the hub not answered: ") + e.what());
  } catch (const ProtocolError& e) {
    r.state = Reply::State::refused;
    core::log::warn("hub-desk", std::string("malformed answer from the hub: ") + e.what());
  }
  return r;
}

}  // namespace wk::sync
