// What the on-screen keyboard shows and what each key does, for one kind of
// field in one language. Pure logic over XKB layouts (kiosk/text), so it is
// tested without a window; the keyboard widget only draws it.
//
// Name fields get the Latin layout of the session language plus a row of its
// diacritics; own-script fields get the native layout; dates and phone
// numbers get a number pad; e-mail gets @ and common endings. An extra row
// longer than kExtraPerPage characters is shown a page at a time with a "…"
// key (key.xmore) turning the page. The layout key is labelled with the next
// layout's XKB name ("US", "ARA"). Every key has a stable id ("key.AD01",
// "key.shift", "key.x3" = the 4th extra character, "key.d7") for replay scripts.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "kiosk/text/keyboard_layout.hpp"

namespace wk::ui {

enum class FieldKind { latin_name, native_text, free_text, date, phone, email };

enum class KeyAction { insert, backspace, shift, space, next_layout, done, more_extra, dead };

struct Key {
  std::string id;
  std::string label;  // what the key shows; empty for action keys (drawn as icons)
  std::string text;   // what it inserts (insert and space keys)
  KeyAction action = KeyAction::insert;
  float width = 1.f;       // in key units
  std::uint32_t dead = 0;  // KeyAction::dead: the XKB dead keysym (the accent it puts on the next letter)
};

using KeyRows = std::vector<std::vector<Key>>;

// What a key shows, ready for a paragraph of either direction: its label isolated in its own
// direction (text::isolate), so "[" is drawn "[" in a right-to-left session too, never
// mirrored into "]".
std::string key_caption(const Key& key);

// Extra-row characters shown at once.
inline constexpr std::size_t kExtraPerPage = 11;

class KeyboardModel {
 public:
  // `layouts`: the layouts offered for the field, the first shown first
  // (ignored for date and phone fields). `extra`: characters of the extra
  // row (diacritics), may be empty.
  KeyboardModel(FieldKind kind, std::vector<text::KeyboardLayout> layouts, std::string extra);

  const KeyRows& rows() const { return rows_; }
  FieldKind kind() const { return kind_; }
  bool shifted() const { return shift_; }
  // The dead key waiting for its letter (0: none): the next character is composed with it.
  std::uint32_t pending_dead() const { return dead_; }
  // Name of the layout shown (XKB name), "" for number pads.
  std::string layout_name() const;

  struct Effect {
    std::string insert;  // text to insert at the caret
    bool backspace = false;
    bool done = false;
  };
  // Applies a key of rows(); shift is one-shot (off after the next character). A dead key
  // waits for the next character and puts its accent on it (text::DeadKeys; a character it
  // has no accented form for is typed as it is); the dead key again, or another, changes or
  // drops the accent.
  Effect press(const Key& key);
  // Shift on for the first letter of a word in name fields (auto-capitals).
  void set_shift(bool on);

 private:
  void rebuild();

  FieldKind kind_;
  std::vector<text::KeyboardLayout> layouts_;
  std::string extra_;
  std::size_t layout_ = 0;
  std::size_t extra_page_ = 0;
  bool shift_ = false;
  std::uint32_t dead_ = 0;
  KeyRows rows_;
};

}  // namespace wk::ui
