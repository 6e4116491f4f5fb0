// The controller applies screens' intents after each frame: first the
// features' (kiosk/ui/feature.hpp), then its own navigation, language, the
// idle wipe, the form controller's keys, and recording the anonymous visit
// through kiosk/core. It names no feature. Store failures never escape: they
// become a localized banner (message key in Session::error_key) and a log
// line for staff.
#pragma once

#include <functional>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "kiosk/core/store.hpp"
#include "kiosk/ui/feature.hpp"
#include "kiosk/ui/form/form_controller.hpp"
#include "kiosk/ui/idle_timer.hpp"
#include "kiosk/ui/intent.hpp"
#include "kiosk/ui/session.hpp"

namespace wk::ui {

class Controller {
 public:
  Controller(core::Store& store, std::vector<std::string> enabled, std::string default_language, Session& session,
             IdleTimer& idle);

  // The enabled languages and the default one changed (staff settings).
  void set_languages(std::vector<std::string> enabled, std::string default_language);

  // Adds a feature (not owned; it outlives the controller). Features are asked in the order added.
  void add_feature(Feature& feature);
  std::span<Feature* const> features() const { return features_; }
  // The feature that owns `screen`, or nullptr (the shell's own screens).
  Feature* feature_of(ScreenId screen) const;

  // Applies `intent`; returns what the shell must act on.
  Effects apply(const Intent& intent, double now);
  // Runs the idle policy (or the limit of the feature whose screen is on top, Feature::idle_limit_s);
  // wipes the session when it expired. Returns true if it wiped.
  bool check_idle(double now);

  // The idle limit of the screen on top when its feature has its own, else nullopt.
  std::optional<double> own_idle_limit() const;

  // The form controller every feature's forms share.
  FormController& form() { return form_; }

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
  FormController form_;
  std::vector<Feature*> features_;
};

}  // namespace wk::ui
