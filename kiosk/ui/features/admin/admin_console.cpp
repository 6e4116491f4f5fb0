// The staff overlay's model (see admin_console.hpp).
#include "kiosk/ui/features/admin/admin_console.hpp"

#include <algorithm>
#include <cmath>

#include "kiosk/core/audit_log.hpp"
#include "kiosk/core/log.hpp"
#include "kiosk/core/registration_code.hpp"
#include "kiosk/core/secure_clear.hpp"
#include "kiosk/core/service_state.hpp"
#include "kiosk/core/time.hpp"
#include "kiosk/ui/features/admin/admin_intents.hpp"
#include "kiosk/ui/features/admin/admin_screens.hpp"

namespace wk::ui {
namespace {

constexpr FeatureScreen kScreens[] = {
    {AdminScreen::pin, 0},    {AdminScreen::status, 0},   {AdminScreen::dead_letters, 0},
    {AdminScreen::lookup, 0}, {AdminScreen::settings, 0}, {AdminScreen::out_of_service, 0},
};

}  // namespace

AdminConsole::AdminConsole(core::Store& store, Session& session, const core::Config& config,
                           std::vector<std::string> known_languages, SyncLink* sync, Clock clock)
    : store_(store),
      session_(session),
      config_(config),
      known_(std::move(known_languages)),
      sync_(sync),
      clock_(std::move(clock)) {
  try {
    out_of_service_ = core::out_of_service(store_.db());
  } catch (const std::exception& e) {
    core::log::error("admin", std::string("could not read the service state: ") + e.what());
  }
  if (out_of_service_) core::log::warn("admin", "the terminal is out of service (staff took it out)");
}

std::span<const FeatureScreen> AdminConsole::screens() const {
  return kScreens;
}

std::optional<double> AdminConsole::idle_limit_s(ScreenId screen) const {
  if (owns(screen) && screen != AdminScreen::out_of_service) return kStaffIdleSeconds;
  return std::nullopt;
}

std::optional<ScreenId> AdminConsole::resting_screen() const {
  if (out_of_service_) return AdminScreen::out_of_service;
  return std::nullopt;
}

int AdminConsole::wait_seconds() const {
  const auto left = gate_.next_try - clock_();
  if (left <= std::chrono::system_clock::duration::zero()) return 0;
  return static_cast<int>(std::ceil(std::chrono::duration<double>(left).count()));
}

double AdminConsole::uptime_s() const {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - started_).count();
}

void AdminConsole::audit(std::string_view action, std::string_view subject) {
  store_.transact([&](core::Database& db) { core::append_audit(db, action, subject, clock_()); });
}

const core::TerminalStatus& AdminConsole::status() const {
  const SyncIndicator now = sync();
  if (now.state != status_seen_.state || now.last_success_ms != status_seen_.last_success_ms ||
      now.catalog_generation != status_seen_.catalog_generation) {
    status_seen_ = now;
    try {
      status_ = core::read_terminal_status(store_, clock_());
    } catch (const std::exception& e) {
      core::log::error("admin", std::string("could not read the terminal's status: ") + e.what());
    }
  }
  return status_;
}

bool AdminConsole::wants_frames() const {
  return signed_in_ && session_.top() == AdminScreen::status && sync().state == SyncIndicator::State::syncing;
}

void AdminConsole::refresh() {
  status_seen_ = sync();
  status_ = core::read_terminal_status(store_, clock_());
  letters_ = core::dead_letters(store_.db());
}

void AdminConsole::enter_pin() {
  const core::PinOutcome o = core::try_admin_pin(store_, typed_, clock_());
  core::secure_clear(typed_);
  gate_ = o.gate;
  switch (o.verdict) {
    case core::PinVerdict::accepted:
      note_ = PinNote::none;
      signed_in_ = true;
      core::log::info("admin", "staff signed in");
      refresh();
      session_.stack.back() = AdminScreen::status;
      return;
    case core::PinVerdict::wrong:
      core::log::warn(
          "admin", "a wrong staff PIN was entered; " + std::to_string(o.gate.tries_left) + " tries left in the window");
      note_ = o.gate.locked ? PinNote::locked : o.gate.next_try > clock_() ? PinNote::wait : PinNote::wrong;
      return;
    case core::PinVerdict::too_early:
      note_ = o.gate.locked ? PinNote::locked : PinNote::wait;
      return;
    case core::PinVerdict::not_set:
      note_ = PinNote::not_set;
      return;
  }
}

void AdminConsole::look_up() {
  found_ = core::load_registration(store_.db(), lookup_typed_);
  lookup_missed_ = !found_;
  if (found_) found_bookings_ = core::bookings_for_code(store_.db(), found_->code);
  audit("lookup", "");  // never the code: it leads to a person
}

void AdminConsole::forget_lookup() {
  core::secure_clear(lookup_typed_);
  lookup_missed_ = false;
  if (found_) {
    core::Registration& r = found_->registration;
    for (std::string* s : {&found_->code, &r.given_names, &r.family_name, &r.native_name, &r.birth_date, &r.phone,
                           &r.email, &r.residence, &r.occupation, &r.employer, &r.arrival_date})
      core::secure_clear(*s);
    for (auto& m : r.family_members)
      for (std::string* s : {&m.given_names, &m.family_name, &m.native_name, &m.birth_date}) core::secure_clear(*s);
  }
  found_.reset();
  for (auto& b : found_bookings_) core::secure_clear(b.code);
  found_bookings_.clear();
}

core::TerminalSettings AdminConsole::settings() const {
  return core::settings_of(config_);
}

void AdminConsole::change_settings(const std::function<void(core::TerminalSettings&)>& edit, Effects& effects) {
  const core::TerminalSettings now = settings();
  core::TerminalSettings next = now;
  edit(next);
  try {
    if (!core::save_settings(store_, now, next, known_, clock_()).empty()) effects.settings_changed = true;
    settings_error_.clear();
  } catch (const core::SettingsError& e) {
    core::log::warn("admin", std::string("a setting was refused: ") + e.what());
    settings_error_ = e.message_key();
  }
}

bool AdminConsole::apply(const Intent& intent, Effects& effects) {
  const auto* fi = std::get_if<FeatureIntent>(&intent);
  if (!fi) return false;
  try {
    return visit_feature_intent<ArmStaffCorner, OpenStaffPin, PinDigit, PinErase, PinEnter, StaffSyncNow,
                                ShowDeadLetters, RetryDeadLetter, AskDiscardDeadLetter, ConfirmDiscardDeadLetter,
                                ShowLookup, LookupKey, LookupAgain, ShowSettings, ToggleLanguage, MoveLanguageUp,
                                SetDefaultLanguage, StepIdle, SetTextSize, SetHighContrast, SetOutOfService,
                                AskExitToMaintenance, ConfirmExitToMaintenance>(*fi, [&](const auto& i) {
      using T = std::decay_t<decltype(i)>;
      const bool on_pin = session_.top() == AdminScreen::pin;
      if constexpr (std::is_same_v<T, ArmStaffCorner>) {
        if (!session_.active()) armed_at_ = i.at;
      } else if constexpr (std::is_same_v<T, OpenStaffPin>) {
        if (session_.active() || !armed(i.at)) return true;
        armed_at_ = -1;
        core::secure_clear(typed_);
        note_ = PinNote::none;
        gate_ = core::pin_gate(store_.db(), clock_());
        if (!core::admin_pin_set(store_.db()))
          note_ = PinNote::not_set;
        else if (gate_.next_try > clock_())
          note_ = gate_.locked ? PinNote::locked : PinNote::wait;
        session_.stack = {AdminScreen::pin};
      } else if constexpr (std::is_same_v<T, PinDigit>) {
        if (on_pin && i.digit >= '0' && i.digit <= '9' && typed_.size() < static_cast<std::size_t>(core::kPinMaxDigits))
          typed_ += i.digit;
      } else if constexpr (std::is_same_v<T, PinErase>) {
        if (on_pin && !typed_.empty()) typed_.pop_back();
      } else if constexpr (std::is_same_v<T, PinEnter>) {
        if (on_pin && !typed_.empty()) enter_pin();
      } else if (!signed_in_) {
        return true;  // staff actions need a PIN first
      } else if constexpr (std::is_same_v<T, StaffSyncNow>) {
        audit("sync_now", "");
        if (sync_) sync_->nudge();
        refresh();
      } else if constexpr (std::is_same_v<T, ShowDeadLetters>) {
        refresh();
        if (session_.top() != AdminScreen::dead_letters) session_.stack.push_back(AdminScreen::dead_letters);
      } else if constexpr (std::is_same_v<T, RetryDeadLetter>) {
        store_.transact([&](core::Database& db) {
          if (core::retry_dead_letter(db, i.change_id))
            core::append_audit(db, "dead_letter_retry", i.change_id, clock_());
        });
        effects.outbox_changed = true;
        refresh();
      } else if constexpr (std::is_same_v<T, AskDiscardDeadLetter>) {
        confirm_discard_ = i.change_id;
      } else if constexpr (std::is_same_v<T, ConfirmDiscardDeadLetter>) {
        const std::string id = std::exchange(confirm_discard_, {});
        if (i.yes && !id.empty())
          store_.transact([&](core::Database& db) {
            if (core::discard_dead_letter(db, id, core::to_iso8601(clock_())))
              core::append_audit(db, "dead_letter_discard", id, clock_());
          });
        refresh();
      } else if constexpr (std::is_same_v<T, ShowLookup>) {
        forget_lookup();
        if (session_.top() != AdminScreen::lookup) session_.stack.push_back(AdminScreen::lookup);
      } else if constexpr (std::is_same_v<T, LookupKey>) {
        if (session_.top() != AdminScreen::lookup || found_) return true;
        lookup_missed_ = false;
        if (i.erase) {
          if (!lookup_typed_.empty()) lookup_typed_.pop_back();
        } else if (lookup_typed_.size() < core::kRegistrationCodeSymbols + 1) {
          lookup_typed_ += i.symbol;
          if (lookup_typed_.size() == core::kRegistrationCodeSymbols + 1) look_up();
        }
      } else if constexpr (std::is_same_v<T, LookupAgain>) {
        forget_lookup();
      } else if constexpr (std::is_same_v<T, ShowSettings>) {
        settings_error_.clear();
        if (session_.top() != AdminScreen::settings) session_.stack.push_back(AdminScreen::settings);
      } else if constexpr (std::is_same_v<T, ToggleLanguage>) {
        change_settings(
            [&](core::TerminalSettings& s) {
              const auto it = std::find(s.languages.begin(), s.languages.end(), i.code);
              if (it != s.languages.end())
                s.languages.erase(it);
              else
                s.languages.push_back(i.code);
            },
            effects);
      } else if constexpr (std::is_same_v<T, MoveLanguageUp>) {
        change_settings(
            [&](core::TerminalSettings& s) {
              const auto it = std::find(s.languages.begin(), s.languages.end(), i.code);
              if (it != s.languages.end() && it != s.languages.begin()) std::iter_swap(it, it - 1);
            },
            effects);
      } else if constexpr (std::is_same_v<T, SetDefaultLanguage>) {
        change_settings([&](core::TerminalSettings& s) { s.default_language = i.code; }, effects);
      } else if constexpr (std::is_same_v<T, StepIdle>) {
        change_settings(
            [&](core::TerminalSettings& s) { (i.warning ? s.idle_warning_s : s.idle_timeout_s) += i.delta; }, effects);
      } else if constexpr (std::is_same_v<T, SetTextSize>) {
        change_settings([&](core::TerminalSettings& s) { s.ui_scale = i.scale; }, effects);
      } else if constexpr (std::is_same_v<T, SetHighContrast>) {
        change_settings([&](core::TerminalSettings& s) { s.high_contrast = i.on; }, effects);
      } else if constexpr (std::is_same_v<T, SetOutOfService>) {
        core::set_out_of_service(store_, i.out, clock_());
        out_of_service_ = i.out;
        core::log::warn("admin", i.out ? "staff took the terminal out of service" : "staff brought it back");
      } else if constexpr (std::is_same_v<T, AskExitToMaintenance>) {
        confirm_exit_ = true;
      } else if constexpr (std::is_same_v<T, ConfirmExitToMaintenance>) {
        confirm_exit_ = false;
        if (i.yes) {
          audit("exit_maintenance", "");
          core::log::warn("admin", "staff ended the kiosk for maintenance");
          effects.exit_code = kExitToMaintenance;
        }
      }
      return true;
    });
  } catch (const std::exception& e) {
    core::log::error("admin", std::string("a staff action failed: ") + e.what());
    session_.error_key = "error.storage";
    return true;
  }
}

bool AdminConsole::back() {
  if (session_.top() == AdminScreen::settings) {
    settings_error_.clear();
    session_.stack.pop_back();
    return true;
  }
  if (session_.top() == AdminScreen::lookup) {
    forget_lookup();
    session_.stack.pop_back();
    return true;
  }
  if (session_.top() == AdminScreen::dead_letters) {
    confirm_discard_.clear();
    session_.stack.pop_back();
    refresh();
    return true;
  }
  return false;
}

void AdminConsole::wipe() {
  if (signed_in_) {
    try {
      audit("logout", "");
      core::log::info("admin", "staff signed out");
    } catch (const std::exception& e) {
      core::log::error("admin", std::string("could not audit the sign-out: ") + e.what());
    }
  }
  core::secure_clear(typed_);
  signed_in_ = false;
  armed_at_ = -1;
  note_ = PinNote::none;
  gate_ = {};
  status_ = {};
  letters_.clear();
  confirm_discard_.clear();
  confirm_exit_ = false;
  settings_error_.clear();
  forget_lookup();
}

}  // namespace wk::ui
