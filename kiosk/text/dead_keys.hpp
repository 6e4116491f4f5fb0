// Dead keys: an accent key that types nothing itself but changes the next
// letter (Greek tonos, Portuguese til, Czech háček). What a dead key and the
// next character make comes from the system's Compose table through
// libxkbcommon's compose API (libx11-data's en_US.UTF-8 table, which holds the
// sequences of every European layout), not from a table of our own.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

struct xkb_compose_table;

namespace wk::text {

class DeadKeys {
 public:
  // The process's table, loaded once (thread-safe). Without a Compose table (libx11-data not
  // installed) available() is false and every compose() is nullopt.
  static const DeadKeys& system();

  bool available() const { return table_ != nullptr; }
  // What `dead` (an XKB dead keysym, e.g. XKB_KEY_dead_acute) followed by `typed` (one
  // character, UTF-8) make, as UTF-8 ("ά" for dead_acute + "α"); nullopt when the table has
  // no such sequence (the caller types `typed` alone) or `typed` is not one character.
  std::optional<std::string> compose(std::uint32_t dead, std::string_view typed) const;
  // What the key shows: the accent on its own ("´" for dead_acute, "~" for dead_tilde), from
  // the sequence dead key twice or dead key and space; the keysym's name without "dead_" when
  // the table has neither.
  std::string label(std::uint32_t dead) const;
  // True if `keysym` is a dead key.
  static bool is_dead(std::uint32_t keysym);

  DeadKeys(const DeadKeys&) = delete;
  DeadKeys& operator=(const DeadKeys&) = delete;
  ~DeadKeys();

 private:
  DeadKeys();
  std::optional<std::string> sequence(std::uint32_t first, std::uint32_t second) const;
  ::xkb_compose_table* table_ = nullptr;
};

}  // namespace wk::text
