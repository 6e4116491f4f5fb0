// The screen registry: the shell's own screens and every feature module's,
// so the shell draws whatever is on top without naming a feature, and
// --screen and replay scripts find screens by name. A feature module pairs
// its model (kiosk/ui/feature.hpp, built without ImGui) with the screens
// that draw it. Adding a feature: its folder and one line in registry.cpp
// (kiosk/ui/features/README.md).
#pragma once

#include <chrono>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string_view>

#include "kiosk/core/config.hpp"
#include "kiosk/core/opening_hours.hpp"
#include "kiosk/core/store.hpp"
#include "kiosk/text/input_rules.hpp"
#include "kiosk/text/languages.hpp"
#include "kiosk/ui/feature.hpp"
#include "kiosk/ui/form/form_controller.hpp"
#include "kiosk/ui/frame.hpp"
#include "kiosk/ui/hub_desk_link.hpp"
#include "kiosk/ui/session.hpp"
#include "kiosk/ui/sync_link.hpp"

namespace wk::ui {

// How a screen is drawn: from the Frame (its view model names the feature, its step).
struct ScreenView {
  ScreenId id;
  void (*draw)(Frame& f);
};

// What a feature is built with.
struct FeatureDeps {
  core::Store& store;
  Session& session;
  FormController& form;
  const text::LanguageTable& languages;
  const core::Config& config;
  std::function<text::Date()> today;           // the terminal's date (--today in tests and demonstrations)
  HubDeskLink* desk = nullptr;                 // questions to the hub while a newcomer waits; nullptr: none
  std::filesystem::path resources;             // locales/, config/, assets/ (a feature's data files)
  std::function<core::LocalTime()> local_now;  // the wall-clock time here (opening hours)
  SyncLink* sync = nullptr;                    // the sync worker; nullptr: no hub configured
  // Now as a time point (PIN delays, audit entries): the system clock, or in a replay the time
  // it started plus the replay's virtual time.
  std::function<std::chrono::system_clock::time_point()> clock;
};

struct FeatureModule {
  std::string_view name;
  std::unique_ptr<Feature> (*make)(const FeatureDeps& deps);
  std::span<const ScreenView> views;
  // Drawn over the welcome (or resting) screen while no session runs, with the model `make`
  // built: hidden staff gestures. nullptr: none.
  void (*corners)(Frame& f, const Feature& model) = nullptr;
};

// Every feature module, in the order of their home tiles.
std::span<const FeatureModule* const> feature_modules();
// The shell's own screens (welcome, home, languages, about).
std::span<const ScreenView> shell_screens();
// The screen named `name` (shell's or a feature's), or nullopt.
std::optional<ScreenId> screen_from_name(std::string_view name);
// How `id` is drawn, or nullptr for a screen nobody registered.
const ScreenView* find_screen_view(ScreenId id);

}  // namespace wk::ui
