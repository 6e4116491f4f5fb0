// What the UI knows of the sync with the hub, and the one thing it may ask of it. The app wires
// this to the sync worker; the UI never talks to the hub or to curl itself.
#pragma once

#include <cstdint>
#include <string>

namespace wk::ui {

struct SyncIndicator {
  enum class State {
    none,      // this terminal does not sync (no hub configured): nothing is shown
    starting,  // no run finished yet
    syncing,
    online,
    offline,
    locked,  // the hub refused the terminal's token: staff must enrol it again
    error,   // a problem staff must look at (TLS, settings, protocol)
  };
  State state = State::none;
  double last_success_ms = 0;  // Unix time in ms of the last complete sync; 0: never
  std::uint64_t catalog_generation = 0;
  double progress = 0;  // 0..1 of the run under way (state syncing), moving with the transfer
};

class SyncLink {
 public:
  virtual ~SyncLink() = default;
  // Thread-safe and cheap: called every frame.
  virtual SyncIndicator indicator() const = 0;
  // Something new waits in the outbox (a registration was committed): sync soon.
  virtual void nudge() = 0;
};

}  // namespace wk::ui
