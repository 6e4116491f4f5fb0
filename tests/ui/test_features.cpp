// Tests for the feature shape (kiosk/ui/feature.hpp, features/registry.hpp):
// the registry's screens are unique and drawable, every feature's model
// lists exactly the screens its module draws, and a second feature plugs into
// the controller without touching it — its intents, Back, Home, the wipe and
// the effects it reports all reach it, and a feature's intent never reaches
// another feature.
#include "kiosk/ui/controller.hpp"
#include "kiosk/ui/feature.hpp"
#include "kiosk/ui/features/registration/registration_flow.hpp"
#include "kiosk/ui/features/registry.hpp"
#include "tests/support/paths.hpp"

#include "kiosk/core/config.hpp"
#include "kiosk/core/store.hpp"
#include "kiosk/text/languages.hpp"
#include "kiosk/ui/idle_timer.hpp"
#include "kiosk/ui/session.hpp"

#include "../core/quiet_log.hpp"
#include "../support/temp_dir.hpp"

#include <catch2/catch.hpp>

#include <filesystem>
#include <set>
#include <string>
#include <vector>

using namespace wk::ui;
using wk::core::Store;

namespace {

// A second feature, as a new folder would add it: two screens, an intent of its own, a tile.
struct SampleScreen {
  static constexpr ScreenId list{"sample-list"};
  static constexpr ScreenId detail{"sample-detail"};
};
struct PickItem {
  static constexpr bool feature_intent = true;
  int index;
};

class SampleFeature final : public Feature {
 public:
  explicit SampleFeature(Session& s) : session_(s) {}
  std::string_view name() const override { return "sample"; }
  std::span<const FeatureScreen> screens() const override {
    static constexpr FeatureScreen kScreens[] = {{SampleScreen::list, 1}, {SampleScreen::detail, 2}};
    return kScreens;
  }
  int steps() const override { return 2; }
  std::optional<HomeTile> home_tile() const override {
    return HomeTile{"tile.sample", "tile.sample.title", "tile.sample.text", Icon::info, Open{SampleScreen::list}};
  }
  bool apply(const Intent& intent, Effects& effects) override {
    const auto* fi = std::get_if<FeatureIntent>(&intent);
    if (!fi) return false;
    return visit_feature_intent<PickItem>(*fi, [&](const PickItem& p) {
      picked = p.index;
      session_.stack.push_back(SampleScreen::detail);
      effects.outbox_changed = true;
      return true;
    });
  }
  bool back() override {
    ++backs;
    if (session_.top() != SampleScreen::detail) return false;
    session_.stack.pop_back();
    picked = -1;
    return true;
  }
  void on_home() override { ++homes; }
  void wipe() override {
    ++wipes;
    picked = -1;
  }

  int picked = -1, backs = 0, homes = 0, wipes = 0;

 private:
  Session& session_;
};

struct Fixture {
  wk::core::test::QuietLog log;
  wk::core::test::TempDir dir;
  Store store = Store::open(dir / "kiosk.db");
  Session session;
  IdleTimer idle{10, 20};
  Controller controller{store, {"de", "en"}, "de", session, idle};
  RegistrationFlow registration{store, session, controller.form()};
  SampleFeature sample{session};

  Fixture() {
    session.language = "de";
    controller.add_feature(registration);
    controller.add_feature(sample);
    controller.apply(ChooseLanguage{"de"}, 0);
  }
};

}  // namespace

TEST_CASE("The registry's screen names are unique and every one is drawable", "[features]") {
  std::set<std::string_view> names;
  auto check = [&](std::span<const ScreenView> views) {
    for (const auto& v : views) {
      INFO(v.id.name);
      CHECK(v.draw != nullptr);
      CHECK(names.insert(v.id.name).second);
      REQUIRE(screen_from_name(v.id.name).has_value());
      CHECK(*screen_from_name(v.id.name) == v.id);
      CHECK(find_screen_view(v.id) == &v);
    }
  };
  check(shell_screens());
  for (const FeatureModule* m : feature_modules()) check(m->views);
  CHECK(names.count("welcome") == 1);
  CHECK(names.count("register-consent") == 1);
  CHECK_FALSE(screen_from_name("sample-list").has_value());
}

TEST_CASE("Each module's feature lists exactly the screens the module draws", "[features]") {
  wk::core::test::QuietLog log;
  wk::core::test::TempDir dir;
  Store store = Store::open(dir / "kiosk.db");
  Session session;
  IdleTimer idle{10, 20};
  Controller controller{store, {"de"}, "de", session, idle};
  const auto languages = wk::text::LanguageTable::load(wk::test::source_dir() / "locales" / "languages.json");
  wk::core::Config config;
  config.terminal_id = "kiosk-test";
  config.languages = {"de"};
  const FeatureDeps deps{store,
                         session,
                         controller.form(),
                         languages,
                         config,
                         wk::text::today_local,
                         nullptr,
                         wk::test::source_dir(),
                         [] { return wk::core::LocalTime{}; },
                         nullptr,
                         [] { return std::chrono::system_clock::now(); }};
  std::set<std::string_view> feature_names;
  for (const FeatureModule* m : feature_modules()) {
    INFO(m->name);
    auto feature = m->make(deps);
    REQUIRE(feature);
    CHECK(feature->name() == m->name);
    CHECK(feature_names.insert(m->name).second);
    std::set<std::string_view> model, drawn;
    for (const auto& s : feature->screens()) {
      model.insert(s.id.name);
      CHECK(s.step >= 0);
      CHECK(s.step <= feature->steps());
    }
    for (const auto& v : m->views) drawn.insert(v.id.name);
    CHECK(model == drawn);
  }
}

TEST_CASE("A second feature plugs into the controller: intents, Back, Home, wipe, effects", "[features]") {
  Fixture f;
  REQUIRE(f.controller.features().size() == 2);

  // Its tile opens its first screen; the controller knows whose screen it is.
  const auto tile = f.sample.home_tile();
  REQUIRE(tile);
  f.controller.apply(tile->intent, 1);
  CHECK(f.session.top() == SampleScreen::list);
  CHECK(f.controller.feature_of(SampleScreen::list) == &f.sample);
  CHECK(f.controller.feature_of(RegistrationScreen::consent) == &f.registration);
  CHECK(f.controller.feature_of(ScreenId::home) == nullptr);
  CHECK(f.sample.step_of(SampleScreen::detail) == 2);

  // Its own intent reaches it (not the registration) and reports an effect.
  const Effects fx = f.controller.apply(PickItem{3}, 2);
  CHECK(f.sample.picked == 3);
  CHECK(fx.outbox_changed);
  CHECK(f.session.top() == SampleScreen::detail);
  CHECK_FALSE(f.registration.draft().started);
  // A registration intent does not reach it.
  CHECK_FALSE(f.controller.apply(StartRegistration{}, 3).outbox_changed);
  CHECK(f.sample.picked == 3);
  CHECK(f.session.top() == RegistrationScreen::consent);

  // Back goes to the feature owning the top screen only.
  f.controller.apply(GoHome{}, 4);
  CHECK(f.sample.homes == 1);
  f.controller.apply(Open{SampleScreen::list}, 5);
  f.controller.apply(PickItem{1}, 6);
  const int backs_before = f.sample.backs;
  f.controller.apply(Back{}, 7);
  CHECK(f.sample.backs == backs_before + 1);
  CHECK(f.session.top() == SampleScreen::list);
  CHECK(f.sample.picked == -1);
  f.controller.apply(Back{}, 8);  // the feature declines: the ordinary Back pops
  CHECK(f.session.top() == ScreenId::home);

  // The end of the session wipes every feature.
  f.controller.apply(PickItem{2}, 9);
  f.controller.apply(EndSession{}, 10);
  CHECK(f.sample.wipes == 1);
  CHECK(f.sample.picked == -1);
  CHECK_FALSE(f.session.active());
}

TEST_CASE("A committed registration reports that the outbox changed", "[features][registration]") {
  Fixture f;
  f.registration.today = [] { return wk::text::Date{2026, 11, 25}; };
  f.controller.apply(StartRegistration{}, 1);
  CHECK_FALSE(f.controller.apply(AcceptConsent{"notice"}, 2).outbox_changed);
  // Confirm on the review page without a complete draft reopens a step and commits nothing.
  f.session.stack.push_back(RegistrationScreen::review);
  CHECK_FALSE(f.controller.apply(ConfirmRegistration{}, 3).outbox_changed);
  CHECK(f.registration.draft().receipt_code.empty());
}
