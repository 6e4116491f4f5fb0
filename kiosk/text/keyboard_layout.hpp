// Keyboard layouts for the on-screen keyboard, read from the system's XKB data
// through libxkbcommon rather than from hand-written tables (DESIGN.md §4).
// A layout is the four rows of character keys of a pc105 keyboard (digits,
// top, home and bottom row) with what each key types on its four shift levels
// (base, Shift, AltGr, AltGr+Shift) as UTF-8. This file only describes keys;
// drawing them and turning touches into text belongs to kiosk/ui.
#pragma once

#include <array>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

namespace wk::text {

// One key of a layout: what it types on each shift level, as UTF-8. A level is
// empty when the key has no such level or it yields nothing a key cap can
// show and type: no keysym, a dead key (xkbcommon gives no character for
// those; KeyCap::dead names it), a control character, or a bidi control (LRM, RLM, ALM, LRE..PDI),
// which a kiosk must never let anyone type. A level may still be an invisible
// but meaningful character the UI has to label itself: ZWNJ/ZWJ (U+200C,
// U+200D; Persian types ZWNJ on Shift+AB05) or a space such as U+202F. A
// level is usually one code point; Arabic lam-alef keys type two ("لا"),
// never the presentation-form ligature xkb names. TLDE (the key left of 1)
// leads the digits row only where it types a letter (Russian ё, Arabic ذ).
struct KeyCap {
  std::string xkb_name;     // "AD01", "AC10", ...
  std::string base;         // level 1
  std::string shift;        // level 2
  std::string altgr;        // level 3 (AltGr)
  std::string altgr_shift;  // level 4
  // Per level (base, shift, altgr, altgr_shift): the XKB keysym of a dead key (an accent that
  // changes the next letter: text::DeadKeys), whose text above is then empty; 0 elsewhere.
  std::array<std::uint32_t, 4> dead{};

  bool operator==(const KeyCap&) const = default;
};

struct KeyboardLayout {
  std::string layout;       // "de"
  std::string variant;      // "" or e.g. "phonetic"
  std::string description;  // human name from xkb ("German"), may be empty
  // Four rows of character keys in physical order, top to bottom:
  // [TLDE if it types a letter] AE01..AE12, AD01..AD12 (+ BKSL if the
  // layout puts a printable character or a dead key there), AC01..AC11, and
  // LSGT (if so too) + AB01..AB10. Fixed keys are always present, even when empty.
  std::vector<std::vector<KeyCap>> rows;
  bool right_to_left = false;  // true if most letters of the base level are RTL (Arabic, Persian)

  bool operator==(const KeyboardLayout&) const = default;
};

// Thrown when a layout cannot be loaded; the message names the layout (and
// variant) and, when xkbcommon said why, its first error.
class KeyboardLayoutError : public std::runtime_error {
 public:
  using runtime_error::runtime_error;
};

// Loads `layout` (+ optional `variant`) from the system's XKB data with
// libxkbcommon: rules "evdev", model "pc105", no options, first group only.
// The XKB_DEFAULT_* environment variables are ignored; XKB_CONFIG_ROOT, if
// set, is honoured by xkbcommon. Names may only hold [A-Za-z0-9_-] (so "us,de"
// or "us(intl)" cannot sneak in a second group or variant).
// Throws KeyboardLayoutError naming the layout when a name is empty or
// malformed, xkb does not know the layout or variant, or it yields no
// printable key. Thread-safe; each layout is compiled once per process and
// later calls return a copy of the cached result.
KeyboardLayout load_keyboard_layout(const std::string& layout, const std::string& variant = "");

// Loads a layout named as the languages table names it: "de", or a layout with its variant in
// brackets, "af(ps)" (Pashto on the Afghan layout). Throws like load_keyboard_layout, and for a
// name whose brackets are malformed.
KeyboardLayout load_named_keyboard_layout(const std::string& name);

// Every distinct printable character of `layout`, all four levels of every
// key, as UTF-8 in order of first appearance (row by row, key by key, base
// before shift before altgr before altgr_shift): what a layout can type, for checks.
std::string layout_characters(const KeyboardLayout& layout);

}  // namespace wk::text
