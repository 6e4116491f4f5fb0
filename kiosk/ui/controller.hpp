// The controller applies screens' intents after each frame: navigation,
// language, the idle wipe, and recording the anonymous visit through
// kiosk/core; the registration wizard's intents go to RegistrationFlow.
// Store failures never escape: they become a localized banner
// (message key in Session::error_key) and a log line for staff.
#pragma once

#include <functional>

#include <string>
#include <vector>
#include "kiosk/core/store.hpp"
#include "kiosk/ui/idle_timer.hpp"
#include "kiosk/ui/intent.hpp"
#include "kiosk/ui/registration_flow.hpp"
#include "kiosk/ui/session.hpp"

namespace wk::ui {

class Controller {
 public:
  Controller(core::Store& store, std::vector<std::string> enabled, std::string default_language, Session& session,
             IdleTimer& idle);

  void apply(const Intent& intent, double now);
  // Runs the idle policy; wipes the session when it expired. Returns true if it wiped.
  bool check_idle(double now);

  // The registration wizard's part of the controller.
  RegistrationFlow& registration() { return flow_; }

  // Called after every wipe so the UI can drop its caches and gestures.
  std::function<void()> on_wipe;

 private:
  void end(const char* reason);
  bool enabled(const std::string& code) const;

  core::Store& store_;
  std::vector<std::string> enabled_;
  std::string default_language_;
  Session& session_;
  IdleTimer& idle_;
  RegistrationFlow flow_;
};

}  // namespace wk::ui
