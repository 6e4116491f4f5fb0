// Connects the UI's HubDeskLink to the sync engine's HubDesk. Header-only glue for main.cpp.
#pragma once

#include "kiosk/ui/hub_desk_link.hpp"
#include "sync/engine/hub_desk.hpp"

namespace wk::app {

class HubDeskAdapter : public ui::HubDeskLink {
 public:
  explicit HubDeskAdapter(sync::HubDesk& desk) : desk_(desk) {}

  std::uint64_t look_up(const std::string& code) override { return desk_.look_up(code); }
  std::uint64_t answer_offer(const std::string& booking_id, const std::string& code, bool accept) override {
    return desk_.answer_offer(booking_id, code, accept);
  }
  ui::DeskReply reply() const override {
    const sync::HubDesk::Reply r = desk_.reply();
    return ui::DeskReply{static_cast<ui::DeskReply::State>(r.state), r.ticket, r.lookup, r.offer_state};
  }
  void clear() override { desk_.clear(); }

 private:
  sync::HubDesk& desk_;
};

}  // namespace wk::app
