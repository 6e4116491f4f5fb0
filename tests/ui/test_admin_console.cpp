// The staff overlay's model through the controller (kiosk/ui/features/admin/admin_console.hpp):
// the gesture only opens the PIN pad when armed in time, nothing a staff member can do works
// before the right PIN, the look-up finds a registration by its code while the terminal holds it
// (and leaves nothing after sign-out), the overlay ends itself after 2 minutes without input
// and at the idle reset, and out of service is kept across a restart.
#include "kiosk/ui/features/admin/admin_console.hpp"

#include <catch2/catch.hpp>

#include "../core/quiet_log.hpp"
#include "../core/registration_samples.hpp"
#include "../support/scalar.hpp"
#include "../support/temp_dir.hpp"
#include "kiosk/core/audit_log.hpp"
#include "kiosk/core/service_state.hpp"
#include "kiosk/core/time.hpp"
#include "kiosk/ui/controller.hpp"
#include "kiosk/ui/features/admin/admin_intents.hpp"
#include "kiosk/ui/features/admin/admin_screens.hpp"
#include "kiosk/ui/idle_timer.hpp"
#include "kiosk/ui/session.hpp"
#include "kiosk/ui/sync_link.hpp"

using namespace wk::ui;
using wk::test::scalar;

namespace {

struct AdminRig {
  wk::core::test::QuietLog quiet;
  wk::core::test::TempDir dir;
  wk::core::Store store = wk::core::Store::open(dir / "kiosk.db");
  Session session;
  IdleTimer idle{90, 30};
  Controller controller{store, {"de", "ar"}, "de", session, idle};
  wk::core::Config config;
  std::chrono::system_clock::time_point wall = *wk::core::from_iso8601("2026-12-07T09:00:00.000Z");
  std::unique_ptr<AdminConsole> admin;
  double t = 100;

  AdminRig() {
    config.terminal_id = "kiosk-01";
    config.languages = {"de", "ar"};
    config.default_language = "de";
    session.language = "de";
    wk::core::set_admin_pin(store, "482917", wall);
    admin = std::make_unique<AdminConsole>(store, session, config, std::vector<std::string>{"de", "ar", "en"}, nullptr,
                                           [this] { return wall; });
    controller.add_feature(*admin);
  }
  template <class I>
  void apply(I intent) {
    controller.apply(Intent(FeatureIntent(std::move(intent))), t);
  }
  void open() {
    apply(ArmStaffCorner{t});
    t += 1;
    apply(OpenStaffPin{t});
  }
  void type_pin(const std::string& pin) {
    for (char c : pin) apply(PinDigit{c});
    apply(PinEnter{});
  }
};

}  // namespace

TEST_CASE("Staff overlay: the gesture opens the PIN pad only when armed in time", "[admin]") {
  AdminRig rig;
  rig.apply(OpenStaffPin{rig.t});
  CHECK_FALSE(rig.session.active());
  rig.apply(ArmStaffCorner{rig.t});
  rig.apply(OpenStaffPin{rig.t + kStaffArmSeconds + 0.5});
  CHECK_FALSE(rig.session.active());
  rig.open();
  CHECK(rig.session.top() == AdminScreen::pin);
  CHECK(rig.controller.own_idle_limit() == kStaffIdleSeconds);
}

TEST_CASE("Staff overlay: nothing works before the right PIN, and the PIN pad takes digits only", "[admin]") {
  AdminRig rig;
  rig.open();
  rig.apply(SetOutOfService{true});
  rig.apply(ShowDeadLetters{});
  rig.apply(ShowLookup{});
  CHECK(rig.session.top() == AdminScreen::pin);
  CHECK_FALSE(wk::core::out_of_service(rig.store.db()));
  for (char c : std::string("12ab34\n56789012345")) rig.apply(PinDigit{c});
  CHECK(rig.admin->pin_length() == static_cast<std::size_t>(wk::core::kPinMaxDigits));
  rig.apply(PinEnter{});
  CHECK(rig.admin->pin_note() == AdminConsole::PinNote::wrong);
  CHECK(rig.admin->pin_length() == 0);
  rig.apply(PinEnter{});  // nothing typed: not a try
  CHECK(rig.admin->tries_left() == wk::core::kPinMaxFailures - 1);
  rig.type_pin("482917");
  CHECK(rig.session.top() == AdminScreen::status);
  CHECK(rig.admin->signed_in());
}

TEST_CASE("Staff overlay: a registration is looked up by its code, read only, and forgotten at sign-out", "[admin]") {
  AdminRig rig;
  const auto receipt = wk::core::commit_registration(rig.store, wk::core::test::sample_registration(2),
                                                     wk::core::test::sample_consent(), "kiosk-01");
  rig.open();
  rig.type_pin("482917");
  rig.apply(ShowLookup{});
  REQUIRE(rig.session.top() == AdminScreen::lookup);
  const std::int64_t outbox_before = scalar(rig.store, "SELECT count(*) FROM outbox WHERE entity <> 'audit'");
  // A wrong code (a valid shape that is not held here) finds nothing.
  std::string other = receipt.code;
  other.erase(std::remove(other.begin(), other.end(), '-'), other.end());
  std::string wrong = other;  // another check symbol: no valid code
  wrong.back() = wrong.back() == '2' ? '3' : '2';
  for (char c : wrong) rig.apply(LookupKey{false, c});
  CHECK_FALSE(rig.admin->found());
  CHECK(rig.admin->lookup_missed());
  for (std::size_t i = 0; i < wrong.size(); ++i) rig.apply(LookupKey{true, 0});
  CHECK(rig.admin->lookup_typed().empty());
  for (char c : other) rig.apply(LookupKey{false, c});
  REQUIRE(rig.admin->found());
  CHECK(rig.admin->found()->registration.family_name == "Kovalenko");
  CHECK(rig.admin->found()->registration.family_members.size() == 2);
  // Read only: nothing written but the audit entries, which hold no code.
  CHECK(scalar(rig.store, "SELECT count(*) FROM outbox WHERE entity <> 'audit'") == outbox_before);
  CHECK(scalar(rig.store, "SELECT count(*) FROM audit_log WHERE action = 'lookup' AND subject = ''") == 2);
  rig.controller.apply(EndSession{}, rig.t);
  CHECK_FALSE(rig.session.active());
  CHECK_FALSE(rig.admin->found());
  CHECK(rig.admin->lookup_typed().empty());
  CHECK_FALSE(rig.admin->signed_in());
  CHECK(scalar(rig.store, "SELECT count(*) FROM audit_log WHERE action = 'logout'") == 1);
}

TEST_CASE("Staff overlay: it ends itself after 2 minutes without input, not at the newcomers' warning", "[admin]") {
  AdminRig rig;
  rig.open();
  rig.type_pin("482917");
  CHECK_FALSE(rig.controller.check_idle(rig.t + 100));  // past the newcomers' 90 s: still open
  CHECK(rig.session.top() == AdminScreen::status);
  CHECK(rig.controller.check_idle(rig.t + kStaffIdleSeconds + 0.1));
  CHECK_FALSE(rig.session.active());
  CHECK_FALSE(rig.admin->signed_in());
  CHECK(wk::core::verify_audit_log(rig.store.db()).ok);
}

TEST_CASE("Staff overlay: out of service is the resting screen, also after a restart", "[admin]") {
  AdminRig rig;
  rig.open();
  rig.type_pin("482917");
  rig.apply(SetOutOfService{true});
  rig.controller.apply(EndSession{}, rig.t);
  CHECK(rig.admin->resting_screen() == AdminScreen::out_of_service);
  AdminConsole restarted(rig.store, rig.session, rig.config, {"de", "ar", "en"}, nullptr, [&] { return rig.wall; });
  CHECK(restarted.resting_screen() == AdminScreen::out_of_service);
  CHECK(scalar(rig.store, "SELECT count(*) FROM audit_log WHERE action = 'out_of_service'") == 1);
}

namespace {

// A sync worker the test steers.
struct FakeSync : SyncLink {
  SyncIndicator now;
  int nudges = 0;
  SyncIndicator indicator() const override { return now; }
  void nudge() override { ++nudges; }
};

}  // namespace

TEST_CASE("Staff overlay: sync now nudges the worker, the status follows its run and its progress", "[admin]") {
  AdminRig rig;
  FakeSync sync;
  sync.now.state = SyncIndicator::State::online;
  AdminConsole admin(rig.store, rig.session, rig.config, {"de", "ar", "en"}, &sync, [&] { return rig.wall; });
  Controller controller{rig.store, {"de", "ar"}, "de", rig.session, rig.idle};
  controller.add_feature(admin);
  auto apply = [&](auto intent) { controller.apply(Intent(FeatureIntent(std::move(intent))), rig.t); };
  apply(StaffSyncNow{});  // not signed in: nothing
  CHECK(sync.nudges == 0);
  apply(ArmStaffCorner{rig.t});
  apply(OpenStaffPin{rig.t + 1});
  for (char c : std::string("482917")) apply(PinDigit{c});
  apply(PinEnter{});
  REQUIRE(admin.signed_in());
  CHECK_FALSE(admin.wants_frames());
  apply(StaffSyncNow{});
  CHECK(sync.nudges == 1);
  CHECK(scalar(rig.store, "SELECT count(*) FROM audit_log WHERE action = 'sync_now'") == 1);
  // While the run goes on the screen draws frames for its progress bar; afterwards the status is read afresh.
  sync.now.state = SyncIndicator::State::syncing;
  sync.now.progress = 0.4;
  CHECK(admin.wants_frames());
  const std::int64_t pending_before = admin.status().pending;
  rig.store.db().exec("UPDATE outbox SET acked_at = '2026-12-07T09:00:00.000Z'");
  sync.now.state = SyncIndicator::State::online;
  sync.now.last_success_ms = 1.8e12;
  CHECK_FALSE(admin.wants_frames());
  CHECK(admin.status().pending == 0);
  CHECK(pending_before > 0);
}
