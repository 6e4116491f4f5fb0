// The staff PIN that opens the admin overlay: stored only as an argon2id string (libsodium,
// 19 MiB and 2 passes), never logged, and guarded by a growing delay and a lockout that survive
// a restart because the wrong tries are rows in the database.
//
// The rule: within any 15 minutes at most 10 wrong PINs; after the 2nd wrong PIN in a row each
// further try waits 2, 4, 8, ... up to 60 seconds after the last wrong one. A right PIN clears
// the wrong tries. Every right and wrong try and every lockout is written to the audit log
// (audit_log.hpp) in the same transaction, without the PIN.
#pragma once

#include "kiosk/core/store.hpp"

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace wk::core {

using SysTime = std::chrono::system_clock::time_point;

inline constexpr int kPinMinDigits = 6;
inline constexpr int kPinMaxDigits = 12;
inline constexpr int kPinMaxFailures = 10;                          // within kPinWindow
inline constexpr std::chrono::minutes kPinWindow{15};               // the lockout window
inline constexpr std::chrono::seconds kPinMaxDelay{60};             // the longest growing delay
inline constexpr unsigned long long kPinMemoryBytes = 19ull << 20;  // argon2id memory
inline constexpr unsigned long long kPinPasses = 2;                 // argon2id passes

// Why `pin` cannot be a staff PIN (for staff: "must be 6 to 12 digits", "all digits the same",
// "digits in a row"), or nullopt when it can.
std::optional<std::string> pin_problem(std::string_view pin);

// Stores `pin` as a fresh argon2id hash (replacing any earlier PIN), clears the wrong tries and
// audits "pin_set", all in one transaction. Throws std::invalid_argument with pin_problem()'s
// reason (nothing changed), std::runtime_error if libsodium cannot hash (out of memory).
void set_admin_pin(Store& store, std::string_view pin, SysTime now);

// True once a PIN was set.
bool admin_pin_set(Database& db);

// Whether a try is allowed at `now`.
struct PinGate {
  bool locked = false;               // 10 wrong tries within the window: none until `next_try`
  SysTime next_try{};                // the earliest time of the next try (<= now: at once)
  int tries_left = kPinMaxFailures;  // before the lockout
};
PinGate pin_gate(Database& db, SysTime now);

enum class PinVerdict {
  accepted,
  wrong,      // counted; the gate says how long to wait
  too_early,  // the delay or the lockout had not passed: not checked, not counted
  not_set,    // no PIN was ever set: the overlay cannot be opened (set one with --set-admin-pin)
};
struct PinOutcome {
  PinVerdict verdict = PinVerdict::wrong;
  PinGate gate;  // after this try
};

// Checks `pin` (a PIN of the wrong shape is simply wrong) and records the outcome.
PinOutcome try_admin_pin(Store& store, std::string_view pin, SysTime now);

}  // namespace wk::core
