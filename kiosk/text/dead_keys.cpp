// See dead_keys.hpp.
#include "kiosk/text/dead_keys.hpp"

#include <xkbcommon/xkbcommon-compose.h>
#include <xkbcommon/xkbcommon-keysyms.h>
#include <xkbcommon/xkbcommon.h>

#include <memory>
#include <vector>

#include "kiosk/core/log.hpp"
#include "kiosk/text/utf8.hpp"

namespace wk::text {

DeadKeys::DeadKeys() {
  xkb_context* ctx = xkb_context_new(XKB_CONTEXT_NO_ENVIRONMENT_NAMES);
  if (!ctx) return;
  // The locale names the table only: en_US.UTF-8's holds the sequences of every European
  // layout (el_GR.UTF-8 and the others point to it in compose.dir).
  table_ = xkb_compose_table_new_from_locale(ctx, "en_US.UTF-8", XKB_COMPOSE_COMPILE_NO_FLAGS);
  xkb_context_unref(ctx);
  if (!table_)
    core::log::warn("keyboard", "no Compose table for en_US.UTF-8 (is libx11-data installed?): dead keys are left out");
}

DeadKeys::~DeadKeys() {
  xkb_compose_table_unref(table_);
}

const DeadKeys& DeadKeys::system() {
  static const DeadKeys keys;
  return keys;
}

bool DeadKeys::is_dead(std::uint32_t keysym) {
  // The dead keysyms' three blocks of xkbcommon-keysyms.h (AccessX keys lie between them).
  return (keysym >= XKB_KEY_dead_grave && keysym <= XKB_KEY_dead_currency) ||
         (keysym >= XKB_KEY_dead_a && keysym <= XKB_KEY_dead_greek) ||
         (keysym >= XKB_KEY_dead_lowline && keysym <= XKB_KEY_dead_longsolidusoverlay);
}

std::optional<std::string> DeadKeys::sequence(std::uint32_t first, std::uint32_t second) const {
  if (!table_) return std::nullopt;
  std::unique_ptr<xkb_compose_state, decltype(&xkb_compose_state_unref)> state(
      xkb_compose_state_new(table_, XKB_COMPOSE_STATE_NO_FLAGS), &xkb_compose_state_unref);
  if (!state) return std::nullopt;
  xkb_compose_state_feed(state.get(), first);
  xkb_compose_state_feed(state.get(), second);
  if (xkb_compose_state_get_status(state.get()) != XKB_COMPOSE_COMPOSED) return std::nullopt;
  char buf[64];
  const int n = xkb_compose_state_get_utf8(state.get(), buf, sizeof buf);
  if (n <= 0 || static_cast<std::size_t>(n) >= sizeof buf) return std::nullopt;
  return std::string(buf, static_cast<std::size_t>(n));
}

std::optional<std::string> DeadKeys::compose(std::uint32_t dead, std::string_view typed) const {
  const std::vector<char32_t> cps = code_points(typed);
  if (!is_dead(dead) || cps.size() != 1) return std::nullopt;
  const xkb_keysym_t sym = xkb_utf32_to_keysym(static_cast<uint32_t>(cps[0]));
  if (sym == XKB_KEY_NoSymbol) return std::nullopt;
  return sequence(dead, sym);
}

std::string DeadKeys::label(std::uint32_t dead) const {
  if (auto twice = sequence(dead, dead)) return *twice;
  if (auto spaced = sequence(dead, XKB_KEY_space)) return *spaced;
  char name[64];
  const int n = xkb_keysym_get_name(dead, name, sizeof name);
  const std::string s = n > 0 ? std::string(name, static_cast<std::size_t>(n)) : "?";
  return s.rfind("dead_", 0) == 0 ? s.substr(5) : s;
}

}  // namespace wk::text
