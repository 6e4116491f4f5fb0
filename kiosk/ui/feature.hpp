// The one shape of a feature (registration, courses, contacts, admin): its
// model behind this small interface, built without ImGui or GL. The
// controller offers every intent to the features before its own navigation,
// asks them about Back and Home, and wipes them with the session; the shell
// draws their screens through the registry (features/registry.hpp) and shows
// their home tiles. A feature's state (a draft, a booking) lives in the
// feature, never in the shell. How to add one: kiosk/ui/features/README.md.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "kiosk/ui/icons.hpp"
#include "kiosk/ui/intent.hpp"
#include "kiosk/ui/screen_id.hpp"

namespace wk::ui {

// A screen of a feature: its id, and where it sits in the feature's wizard
// ("step n of steps"; 0 for a screen outside the steps).
struct FeatureScreen {
  ScreenId id;
  int step = 0;
};

// A feature's tile on the home screen.
struct HomeTile {
  std::string id;         // element id, "tile.<name>"
  std::string title_key;  // message keys
  std::string text_key;
  Icon icon = Icon::none;
  Intent intent;  // what a tap does
};

class Feature {
 public:
  virtual ~Feature() = default;

  // The feature's name (its folder under kiosk/ui/features).
  virtual std::string_view name() const = 0;
  // Its screens; the registry draws them, the controller routes to them.
  virtual std::span<const FeatureScreen> screens() const = 0;
  // Number of steps of the feature's wizard (for "step n of m"); 0: none.
  virtual int steps() const { return 0; }
  // Its tile on the home screen now (the text may depend on its state), or none.
  virtual std::optional<HomeTile> home_tile() const { return std::nullopt; }

  // Applies `intent` if it is the feature's; false lets the controller go on.
  // Store failures never escape: they become Session::error_key and a log line.
  virtual bool apply(const Intent& intent, Effects& effects) = 0;
  // Back while one of its screens is on top; false: the ordinary Back.
  virtual bool back() { return false; }
  // Before going home: remember where to continue, drop transient screens' state.
  virtual void on_home() {}
  // True while it holds input the newcomer entered and has not sent (a draft): leaving the
  // session from home then asks "discard what you entered?" first.
  virtual bool holds_unsent_input() const { return false; }
  // The session language changed.
  virtual void on_language_changed() {}
  // Seconds without input after which the session ends on `screen` (one of its own), without the
  // newcomers' "are you still there?" warning (staff screens); nullopt: the terminal's idle policy.
  virtual std::optional<double> idle_limit_s(ScreenId /*screen*/) const { return std::nullopt; }
  // True if `screen` draws its own top bar: the shell draws no navigation bar over it.
  virtual bool draws_own_bar(ScreenId /*screen*/) const { return false; }
  // A screen of its own shown instead of the welcome screen while no session runs (the terminal
  // is out of service), or nullopt.
  virtual std::optional<ScreenId> resting_screen() const { return std::nullopt; }
  // True while its screen on top shows something that moves without input (a progress bar): the
  // shell then draws about ten frames a second.
  virtual bool wants_frames() const { return false; }
  // The session ends: overwrite every personal string with zeros and forget all.
  virtual void wipe() = 0;

  // The step of `screen` in this feature (0 when outside the steps or not its screen).
  int step_of(ScreenId screen) const {
    for (const auto& s : screens())
      if (s.id == screen) return s.step;
    return 0;
  }
  bool owns(ScreenId screen) const {
    for (const auto& s : screens())
      if (s.id == screen) return true;
    return false;
  }
};

}  // namespace wk::ui
