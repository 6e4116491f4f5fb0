// The staff overlay's model: the hidden gesture, the PIN pad (kiosk/core/admin_pin.hpp), and
// what signed-in staff see and do — the terminal's status, a registration looked up by its code, the settings, "sync
// now", the dead letters (retry, discard), out of service, exit to maintenance. Every action is audited
// (kiosk/core/audit_log.hpp) in the transaction that does it. Its screens draw their own bar and end the session
// (sign-out) after kStaffIdleSeconds without input or at the idle reset; nothing of it stays for the next newcomer.
#pragma once

#include <chrono>
#include <functional>
#include <string>
#include <vector>

#include "kiosk/core/admin_pin.hpp"
#include "kiosk/core/booking.hpp"
#include "kiosk/core/config.hpp"
#include "kiosk/core/outbox.hpp"
#include "kiosk/core/registration.hpp"
#include "kiosk/core/store.hpp"
#include "kiosk/core/terminal_settings.hpp"
#include "kiosk/core/terminal_status.hpp"
#include "kiosk/ui/feature.hpp"
#include "kiosk/ui/session.hpp"
#include "kiosk/ui/sync_link.hpp"

namespace wk::ui {

inline constexpr double kStaffHoldSeconds = 2.0;  // the long press that arms the gesture
inline constexpr double kStaffArmSeconds = 5.0;   // the tap in the other corner within this
inline constexpr double kStaffIdleSeconds = 120.0;
inline constexpr int kExitToMaintenance = 75;  // the exit code systemd does not restart (EX_TEMPFAIL)

class AdminConsole : public Feature {
 public:
  using Clock = std::function<std::chrono::system_clock::time_point()>;
  // `config`: the terminal's configuration as in effect (the shell applies staff's settings to it);
  // `known_languages`: what this build can show.
  AdminConsole(core::Store& store, Session& session, const core::Config& config,
               std::vector<std::string> known_languages, SyncLink* sync, Clock clock);

  std::string_view name() const override { return "admin"; }
  std::span<const FeatureScreen> screens() const override;
  bool apply(const Intent& intent, Effects& effects) override;
  bool back() override;
  std::optional<double> idle_limit_s(ScreenId screen) const override;
  bool draws_own_bar(ScreenId screen) const override { return owns(screen); }
  std::optional<ScreenId> resting_screen() const override;
  void wipe() override;

  // [SECTION] For the screens.
  bool armed(double now) const { return armed_at_ >= 0 && now - armed_at_ <= kStaffArmSeconds; }

  enum class PinNote { none, wrong, wait, locked, not_set };
  std::size_t pin_length() const { return typed_.size(); }
  PinNote pin_note() const { return note_; }
  int tries_left() const { return gate_.tries_left; }
  // Whole seconds until the next try (the delay or the lockout), 0 when one may try now.
  int wait_seconds() const;

  // Read again whenever the sync worker's state changed since (a run ended, catalogs arrived).
  const core::TerminalStatus& status() const;
  bool wants_frames() const override;
  SyncIndicator sync() const { return sync_ ? sync_->indicator() : SyncIndicator{}; }
  bool syncs() const { return sync_ != nullptr; }
  const std::string& terminal_id() const { return config_.terminal_id; }
  // The settings in effect, every language this build can show, and the message key of why the
  // last change was refused ("" when it was not).
  core::TerminalSettings settings() const;
  const std::vector<std::string>& known_languages() const { return known_; }
  const std::string& settings_error() const { return settings_error_; }
  double uptime_s() const;
  const std::vector<core::DeadLetter>& dead_letters() const { return letters_; }
  const std::string& confirm_discard() const { return confirm_discard_; }  // change id asked about, or ""
  bool confirm_exit() const { return confirm_exit_; }
  bool out_of_service() const { return out_of_service_; }
  // The look-up: the code typed so far, whether the last full code found nothing, and what it found.
  const std::string& lookup_typed() const { return lookup_typed_; }
  bool lookup_missed() const { return lookup_missed_; }
  const std::optional<core::StoredRegistration>& found() const { return found_; }
  const std::vector<core::StoredBooking>& found_bookings() const { return found_bookings_; }
  bool signed_in() const { return signed_in_; }

 private:
  void refresh();
  void audit(std::string_view action, std::string_view subject);
  void enter_pin();
  void look_up();
  void forget_lookup();
  void change_settings(const std::function<void(core::TerminalSettings&)>& edit, Effects& effects);

  core::Store& store_;
  Session& session_;
  const core::Config& config_;
  std::vector<std::string> known_;
  std::string settings_error_;
  SyncLink* sync_;
  Clock clock_;
  std::chrono::steady_clock::time_point started_ = std::chrono::steady_clock::now();
  double armed_at_ = -1;
  std::string typed_;
  PinNote note_ = PinNote::none;
  core::PinGate gate_;
  bool signed_in_ = false;
  mutable core::TerminalStatus status_;
  // The indicator status_ was read under; none yet: read at the first look.
  mutable SyncIndicator status_seen_{SyncIndicator::State::error, -1, 0, -1};
  std::vector<core::DeadLetter> letters_;
  std::string confirm_discard_;
  bool confirm_exit_ = false;
  bool out_of_service_ = false;
  std::string lookup_typed_;
  bool lookup_missed_ = false;
  std::optional<core::StoredRegistration> found_;
  std::vector<core::StoredBooking> found_bookings_;
};

}  // namespace wk::ui
