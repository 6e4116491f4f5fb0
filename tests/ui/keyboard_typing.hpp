// Typing on the on-screen keyboard a Session shows, as a person would, for model tests: find the
// key with the next characters; if none shows them, tap shift, then the layout key.
#pragma once

#include <string_view>

#include <catch2/catch.hpp>

#include "kiosk/ui/intent.hpp"
#include "kiosk/ui/keyboard_model.hpp"
#include "kiosk/ui/session.hpp"

namespace wk::ui::test {

// The key showing the longest beginning of `rest`, or nullptr.
inline const Key* key_showing(const Session& session, std::string_view rest) {
  if (!session.keyboard) return nullptr;
  const Key* best = nullptr;
  for (const auto& row : session.keyboard->rows())
    for (const auto& k : row)
      if ((k.action == KeyAction::insert || k.action == KeyAction::space) && !k.text.empty() &&
          rest.starts_with(k.text) && (!best || k.text.size() > best->text.size()))
        best = &k;
  return best;
}

inline const Key* key_doing(const Session& session, KeyAction action) {
  if (!session.keyboard) return nullptr;
  for (const auto& row : session.keyboard->rows())
    for (const auto& k : row)
      if (k.action == action) return &k;
  return nullptr;
}

// Types `text`; `apply` takes the PressKey intents.
template <typename Apply>
void type_on_keyboard(const Session& session, Apply&& apply, std::string_view text) {
  while (!text.empty()) {
    REQUIRE(session.keyboard);
    const Key* k = key_showing(session, text);
    for (int look = 0; !k && look < 8; ++look) {
      if (const Key* other = key_doing(session, look % 2 == 0 ? KeyAction::shift : KeyAction::next_layout))
        apply(PressKey{other->id});
      k = key_showing(session, text);
    }
    INFO("no key types the start of \"" << std::string(text) << "\"");
    REQUIRE(k != nullptr);
    const std::size_t n = k->text.size();
    apply(PressKey{k->id});
    text.remove_prefix(n);
  }
}

}  // namespace wk::ui::test
