// The staff PIN: argon2id through libsodium, and the delay and lockout kept in the database
// (see admin_pin.hpp).
#include "kiosk/core/admin_pin.hpp"

#include <sodium.h>

#include <algorithm>
#include <stdexcept>
#include <vector>

#include "kiosk/core/audit_log.hpp"
#include "kiosk/core/time.hpp"

namespace wk::core {
namespace {

void init_sodium() {
  if (sodium_init() < 0) throw std::runtime_error("libsodium cannot be initialised");
}

// The wrong tries within the window before `now`, oldest first.
std::vector<SysTime> recent_failures(Database& db, SysTime now) {
  std::vector<SysTime> out;
  Statement st = db.prepare("SELECT at FROM admin_pin_failures WHERE at > ?1 ORDER BY at");
  st.bind(1, to_iso8601(now - kPinWindow));
  while (st.step())
    if (auto t = from_iso8601(st.column_text(0))) out.push_back(*t);
  return out;
}

std::chrono::seconds delay_after(std::size_t failures_in_a_row) {
  if (failures_in_a_row < 3) return std::chrono::seconds{0};
  const auto shift = std::min<std::size_t>(failures_in_a_row - 2, 6);
  return std::min(std::chrono::seconds{1ll << shift}, kPinMaxDelay);
}

}  // namespace

std::optional<std::string> pin_problem(std::string_view pin) {
  if (pin.size() < static_cast<std::size_t>(kPinMinDigits) || pin.size() > static_cast<std::size_t>(kPinMaxDigits) ||
      !std::all_of(pin.begin(), pin.end(), [](char c) { return c >= '0' && c <= '9'; }))
    return "a PIN is " + std::to_string(kPinMinDigits) + " to " + std::to_string(kPinMaxDigits) + " digits 0-9";
  if (std::all_of(pin.begin(), pin.end(), [&](char c) { return c == pin[0]; }))
    return "a PIN of one digit repeated is guessed first";
  bool up = true, down = true;
  for (std::size_t i = 1; i < pin.size(); ++i) {
    up = up && pin[i] == static_cast<char>('0' + (pin[i - 1] - '0' + 1) % 10);
    down = down && pin[i] == static_cast<char>('0' + (pin[i - 1] - '0' + 9) % 10);
  }
  if (up || down) return "a PIN of digits in a row (123456, 987654) is guessed first";
  return std::nullopt;
}

void set_admin_pin(Store& store, std::string_view pin, SysTime now) {
  if (auto why = pin_problem(pin)) throw std::invalid_argument(*why);
  init_sodium();
  char hash[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str_alg(hash, pin.data(), pin.size(), kPinPasses, kPinMemoryBytes, crypto_pwhash_ALG_ARGON2ID13) !=
      0)
    throw std::runtime_error("argon2id could not hash the PIN (out of memory?)");
  store.transact([&](Database& db) {
    db.prepare(
          "INSERT INTO admin_pin (id, hash, set_at) VALUES (1, ?1, ?2) "
          "ON CONFLICT (id) DO UPDATE SET hash = excluded.hash, set_at = excluded.set_at")
        .bind(1, std::string_view(hash))
        .bind(2, to_iso8601(now))
        .step();
    db.exec("DELETE FROM admin_pin_failures");
    append_audit(db, "pin_set", "", now);
  });
  sodium_memzero(hash, sizeof hash);
}

bool admin_pin_set(Database& db) {
  Statement st = db.prepare("SELECT 1 FROM admin_pin WHERE id = 1");
  return st.step();
}

PinGate pin_gate(Database& db, SysTime now) {
  PinGate gate;
  const auto failures = recent_failures(db, now);
  gate.tries_left = std::max(0, kPinMaxFailures - static_cast<int>(failures.size()));
  gate.next_try = now;
  if (failures.empty()) return gate;
  if (static_cast<int>(failures.size()) >= kPinMaxFailures) {
    gate.locked = true;
    // The window frees one try when the oldest of the last ten wrong tries leaves it.
    gate.next_try = failures[failures.size() - kPinMaxFailures] + kPinWindow;
    return gate;
  }
  gate.next_try = std::max(now, failures.back() + delay_after(failures.size()));
  return gate;
}

PinOutcome try_admin_pin(Store& store, std::string_view pin, SysTime now) {
  PinOutcome out;
  std::string hash;
  {
    Statement st = store.db().prepare("SELECT hash FROM admin_pin WHERE id = 1");
    if (!st.step()) {
      out.verdict = PinVerdict::not_set;
      return out;
    }
    hash = st.column_text(0);
  }
  out.gate = pin_gate(store.db(), now);
  if (out.gate.next_try > now) {
    out.verdict = PinVerdict::too_early;
    return out;
  }
  init_sodium();
  const bool right = !pin_problem(pin) && hash.size() < crypto_pwhash_STRBYTES &&
                     crypto_pwhash_str_verify(hash.c_str(), pin.data(), pin.size()) == 0;
  store.transact([&](Database& db) {
    db.prepare("DELETE FROM admin_pin_failures WHERE at <= ?1").bind(1, to_iso8601(now - kPinWindow)).step();
    if (right) {
      db.exec("DELETE FROM admin_pin_failures");
      append_audit(db, "login", "", now);
      return;
    }
    db.prepare("INSERT INTO admin_pin_failures (at) VALUES (?1)").bind(1, to_iso8601(now)).step();
    append_audit(db, "login_failed", "", now);
    if (pin_gate(db, now).locked) append_audit(db, "lockout", "", now);
  });
  out.verdict = right ? PinVerdict::accepted : PinVerdict::wrong;
  out.gate = pin_gate(store.db(), now);
  return out;
}

}  // namespace wk::core
