// Dead keys: the layouts mark them (KeyCap::dead) and the system's Compose table, through
// libxkbcommon, puts their accent on the next letter.
#include <xkbcommon/xkbcommon-keysyms.h>

#include <catch2/catch.hpp>

#include "kiosk/text/dead_keys.hpp"
#include "kiosk/text/keyboard_layout.hpp"

using namespace wk::text;

namespace {

const KeyCap& cap(const KeyboardLayout& layout, const std::string& name) {
  for (const auto& row : layout.rows)
    for (const auto& k : row)
      if (k.xkb_name == name) return k;
  FAIL("no key " << name);
  throw 0;
}

}  // namespace

TEST_CASE("Layouts mark their dead keys per level", "[keyboard][dead]") {
  // Greek: the tonos key (AC10) is dead_acute, with Shift dead_diaeresis (dialytika).
  const KeyboardLayout gr = load_keyboard_layout("gr");
  CHECK(cap(gr, "AC10").base.empty());
  CHECK(cap(gr, "AC10").dead[0] == XKB_KEY_dead_acute);
  CHECK(cap(gr, "AC10").dead[1] == XKB_KEY_dead_diaeresis);
  // Portuguese: ~ and ^ on one key (BKSL, which joins the row for them), ´ and ` on AD12.
  const KeyboardLayout pt = load_keyboard_layout("pt");
  CHECK(cap(pt, "BKSL").dead[0] == XKB_KEY_dead_tilde);
  CHECK(cap(pt, "BKSL").dead[1] == XKB_KEY_dead_circumflex);
  CHECK(cap(pt, "AD12").dead[0] == XKB_KEY_dead_acute);
  // Letters are never dead.
  CHECK(cap(gr, "AC01").dead[0] == 0);
  CHECK(cap(gr, "AC01").base == "α");
  CHECK(DeadKeys::is_dead(XKB_KEY_dead_acute));
  CHECK(DeadKeys::is_dead(XKB_KEY_dead_greek));
  CHECK_FALSE(DeadKeys::is_dead(XKB_KEY_AccessX_Enable));
  CHECK_FALSE(DeadKeys::is_dead(XKB_KEY_a));
}

TEST_CASE("A dead key puts its accent on the next letter", "[keyboard][dead]") {
  const DeadKeys& keys = DeadKeys::system();
  REQUIRE(keys.available());
  // Greek tonos and dialytika, both cases.
  CHECK(keys.compose(XKB_KEY_dead_acute, "α") == "ά");
  CHECK(keys.compose(XKB_KEY_dead_acute, "Ω") == "Ώ");
  CHECK(keys.compose(XKB_KEY_dead_diaeresis, "ι") == "ϊ");
  // Portuguese, Czech, French.
  CHECK(keys.compose(XKB_KEY_dead_tilde, "a") == "ã");
  CHECK(keys.compose(XKB_KEY_dead_caron, "r") == "ř");
  CHECK(keys.compose(XKB_KEY_dead_circumflex, "E") == "Ê");
  // No accented form, or not one character: nothing composed (the caller types the letter).
  CHECK_FALSE(keys.compose(XKB_KEY_dead_tilde, "q").has_value());
  CHECK_FALSE(keys.compose(XKB_KEY_dead_acute, "αβ").has_value());
  CHECK_FALSE(keys.compose(XKB_KEY_dead_acute, "").has_value());
  CHECK_FALSE(keys.compose(XKB_KEY_a, "a").has_value());
}

TEST_CASE("A dead key's cap shows its accent", "[keyboard][dead]") {
  const DeadKeys& keys = DeadKeys::system();
  REQUIRE(keys.available());
  CHECK(keys.label(XKB_KEY_dead_acute) == "´");
  CHECK(keys.label(XKB_KEY_dead_diaeresis) == "¨");
  CHECK(keys.label(XKB_KEY_dead_tilde) == "~");
  CHECK(keys.label(XKB_KEY_dead_caron) == "ˇ");
  CHECK_FALSE(keys.label(XKB_KEY_dead_greek).empty());
}
