// Tests for kiosk/ui/keyboard_model: rows per field kind, one-shot shift,
// layout switching, the diacritics row, number pads and e-mail keys. Layouts
// are built by hand here (loading real XKB data is tested in text_tests), except
// for the key captions, checked on every layout the terminal offers.
#include "kiosk/ui/keyboard_model.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <string>
#include <vector>

#include "kiosk/text/bidi.hpp"
#include "kiosk/text/keyboard_layout.hpp"
#include "kiosk/text/languages.hpp"
#include "tests/support/paths.hpp"
#include "tests/text/fixed_shaper.hpp"

using namespace wk::ui;
using wk::text::KeyboardLayout;

namespace {

KeyboardLayout tiny(const std::string& name, const std::string& a, const std::string& A) {
  KeyboardLayout l;
  l.layout = name;
  l.rows = {{{"AE01", "1", "!", "", ""}},
            {{"AD01", a, A, "", ""}},
            {{"AC01", "s", "S", "", ""}},
            {{"AB01", "z", "Z", "", ""}}};
  return l;
}

const Key* find(const KeyboardModel& m, const std::string& id) {
  for (const auto& row : m.rows())
    for (const auto& k : row)
      if (k.id == id) return &k;
  return nullptr;
}

}  // namespace

TEST_CASE("KeyboardModel: a name field shows the layout, shift, backspace, space and done", "[keyboard]") {
  KeyboardModel m(FieldKind::latin_name, {tiny("de", "q", "Q")}, "");
  REQUIRE(find(m, "key.AD01"));
  CHECK(find(m, "key.AD01")->text == "q");
  CHECK(find(m, "key.shift"));
  CHECK(find(m, "key.backspace"));
  CHECK(find(m, "key.space"));
  CHECK(find(m, "key.done"));
  CHECK_FALSE(find(m, "key.layout"));  // only one layout offered
  CHECK(m.layout_name() == "de");
}

TEST_CASE("KeyboardModel: shift is one-shot", "[keyboard]") {
  KeyboardModel m(FieldKind::latin_name, {tiny("de", "q", "Q")}, "");
  m.press(*find(m, "key.shift"));
  CHECK(m.shifted());
  CHECK(find(m, "key.AD01")->text == "Q");
  const auto e = m.press(*find(m, "key.AD01"));
  CHECK(e.insert == "Q");
  CHECK_FALSE(m.shifted());
  CHECK(find(m, "key.AD01")->text == "q");
}

TEST_CASE("KeyboardModel: the layout key cycles through the offered layouts", "[keyboard]") {
  KeyboardModel m(FieldKind::native_text, {tiny("ara", "\u0636", "\u064E"), tiny("us", "q", "Q")}, "");
  CHECK(m.layout_name() == "ara");
  CHECK(find(m, "key.AD01")->text == "\u0636");
  REQUIRE(find(m, "key.layout"));
  m.press(*find(m, "key.layout"));
  CHECK(m.layout_name() == "us");
  CHECK(find(m, "key.AD01")->text == "q");
  m.press(*find(m, "key.layout"));
  CHECK(m.layout_name() == "ara");
}

TEST_CASE("KeyboardModel: the diacritics row comes first, one key per character", "[keyboard]") {
  KeyboardModel m(FieldKind::latin_name, {tiny("tr", "q", "Q")}, "\u015F\u011F\u0131\u0130");
  REQUIRE(m.rows().size() == 6);  // extra + 4 layout rows + bottom row
  REQUIRE(m.rows().front().size() == 4);
  CHECK(m.rows().front()[0].id == "key.x0");
  CHECK(m.rows().front()[0].text == "\u015F");
  CHECK(m.rows().front()[3].text == "\u0130");
  CHECK(m.press(m.rows().front()[1]).insert == "\u011F");
  // Shift gives the capitals of the extra row too (one-shot).
  m.press(*find(m, "key.shift"));
  CHECK(m.rows().front()[0].text == "\u015E");
  CHECK(m.press(m.rows().front()[1]).insert == "\u011E");
  CHECK(m.rows().front()[1].text == "\u011F");
}

TEST_CASE("KeyboardModel: dates and phones get a number pad", "[keyboard]") {
  KeyboardModel d(FieldKind::date, {tiny("de", "q", "Q")}, "");
  CHECK(d.layout_name().empty());
  CHECK_FALSE(find(d, "key.AD01"));
  for (int i = 0; i <= 9; ++i) CHECK(find(d, "key.d" + std::to_string(i)));
  CHECK(find(d, "key.dot"));
  CHECK_FALSE(find(d, "key.plus"));
  KeyboardModel p(FieldKind::phone, {}, "");
  CHECK(find(p, "key.plus"));
  CHECK(p.press(*find(p, "key.plus")).insert == "+");
  CHECK(p.press(*find(p, "key.backspace")).backspace);
  CHECK(p.press(*find(p, "key.done")).done);
}

TEST_CASE("KeyboardModel: e-mail fields get @ and common endings instead of space", "[keyboard]") {
  KeyboardModel m(FieldKind::email, {tiny("us", "q", "Q")}, "");
  REQUIRE(find(m, "key.e@"));
  CHECK(m.press(*find(m, "key.e@")).insert == "@");
  CHECK(m.press(*find(m, "key.de")).insert == ".de");
  CHECK(find(m, "key.com"));
  CHECK_FALSE(find(m, "key.space"));
}

TEST_CASE("KeyboardModel: keys that type nothing on a level are left out", "[keyboard]") {
  KeyboardLayout l = tiny("x", "q", "Q");
  l.rows[2].push_back({"AC02", "", "", "", ""});
  KeyboardModel m(FieldKind::free_text, {l}, "");
  CHECK_FALSE(find(m, "key.AC02"));
}

TEST_CASE("A long extra row is shown a page at a time", "[keyboard]") {
  KeyboardModel m(FieldKind::latin_name, {tiny("us", "q", "Q")}, "äöüßçğışąćęłńóśź");  // 16 letters
  auto extra_keys = [&] {
    std::vector<std::string> ids;
    for (const auto& k : m.rows().front()) ids.push_back(k.id);
    return ids;
  };
  auto first = extra_keys();
  REQUIRE(first.size() == kExtraPerPage + 1);
  CHECK(first.front() == "key.x0");
  CHECK(first.back() == "key.xmore");
  m.press(*find(m, "key.xmore"));
  auto second = extra_keys();
  CHECK(second.front() == "key.x" + std::to_string(kExtraPerPage));
  CHECK(second.size() == 16 - kExtraPerPage + 1);
  m.press(*find(m, "key.xmore"));
  CHECK(extra_keys() == first);
  // A short row has no page key.
  KeyboardModel s(FieldKind::latin_name, {tiny("us", "q", "Q")}, "äöü");
  CHECK_FALSE(find(s, "key.xmore"));
}

TEST_CASE("The layout key names the layout it switches to", "[keyboard]") {
  KeyboardModel m(FieldKind::native_text, {tiny("ara", "\u0636", "\u064E"), tiny("us", "q", "Q")}, "");
  REQUIRE(find(m, "key.layout"));
  CHECK(find(m, "key.layout")->label == "US");
  m.press(*find(m, "key.layout"));
  CHECK(find(m, "key.layout")->label == "ARA");
}

namespace {

// The lines of `s` as drawn in a paragraph of direction `d` (visual order, joined by '\n').
std::string drawn(std::string_view s, wk::text::Direction d) {
  std::string out;
  wk::text::test::FixedShaper shaper(wk::text::test::utf8_bytes);
  for (const auto& line : wk::text::layout_text(s, d, 0, shaper, "ar")) {
    if (!out.empty()) out += '\n';
    out += line.visual;
  }
  return out;
}

}  // namespace

TEST_CASE("Key captions in Arabic and Persian sessions are drawn as the keys type", "[keyboard][bidi]") {
  using wk::text::Direction;
  const auto table = wk::text::LanguageTable::load(wk::test::source_dir() / "locales" / "languages.json");
  // Every layout the terminal offers (each language's own and name keyboards, and US), with
  // every language's diacritics in the extra row.
  std::vector<std::string> names{"us"};
  std::string extra;
  for (const auto& code : table.codes()) {
    const auto* l = table.find(code);
    for (const auto& n : {l->keyboard, l->name_keyboard})
      if (!n.empty() && std::find(names.begin(), names.end(), n) == names.end()) names.push_back(n);
    extra += l->diacritics;
  }
  // Without isolation the session's right-to-left paragraph mirrors brackets: the defect.
  REQUIRE(drawn("[", Direction::rtl) == "]");

  int keys = 0;
  for (const auto& session : {"ar", "fa"}) {
    REQUIRE(table.find(session)->direction == Direction::rtl);
    for (const auto& name : names) {
      const auto layout = wk::text::load_named_keyboard_layout(name);
      for (const FieldKind kind :
           {FieldKind::latin_name, FieldKind::native_text, FieldKind::email, FieldKind::date, FieldKind::phone}) {
        for (const bool shift : {false, true}) {
          KeyboardModel m(kind, {layout}, kind == FieldKind::latin_name ? extra : "");
          m.set_shift(shift);
          for (const auto& row : m.rows()) {
            for (const auto& k : row) {
              if (k.action != KeyAction::insert || k.label.empty()) continue;
              // An invisible format character (the Persian layout's ZWNJ) draws nothing either way.
              if (k.label == "\u200C" || k.label == "\u200D") continue;
              INFO(session << " " << name << " " << k.id << " \"" << k.label << "\" shift " << shift);
              const std::string got = drawn(key_caption(k), Direction::rtl);
              const Direction own = wk::text::has_rtl(k.label) ? Direction::rtl : Direction::ltr;
              CHECK(got == drawn(k.label, own));
              // Latin, Cyrillic, digits, punctuation: the very characters the key types.
              if (!wk::text::has_rtl(k.label)) CHECK(got == k.text);
              ++keys;
            }
          }
        }
      }
    }
  }
  CHECK(keys > 500);
  // The brackets of the issue, on the US layout in an Arabic session.
  KeyboardModel us(FieldKind::latin_name, {wk::text::load_keyboard_layout("us")}, "");
  CHECK(drawn(key_caption(*find(us, "key.AD11")), Direction::rtl) == "[");
  CHECK(drawn(key_caption(*find(us, "key.AD12")), Direction::rtl) == "]");
  us.set_shift(true);
  CHECK(drawn(key_caption(*find(us, "key.AD11")), Direction::rtl) == "{");
  CHECK(drawn(key_caption(*find(us, "key.AB09")), Direction::rtl) == ">");
}

TEST_CASE("KeyboardModel: a dead key puts its accent on the next letter (Greek tonos)", "[keyboard][dead]") {
  // The real Greek layout: tonos (dead_acute) on AC10, dialytika (dead_diaeresis) with Shift.
  KeyboardModel m(FieldKind::native_text, {wk::text::load_keyboard_layout("gr")}, "");
  const Key* tonos = find(m, "key.AC10");
  REQUIRE(tonos);
  CHECK(tonos->action == KeyAction::dead);
  CHECK(tonos->label == "´");
  CHECK(m.press(*tonos).insert.empty());  // types nothing yet
  CHECK(m.pending_dead() == tonos->dead);
  CHECK(m.press(*find(m, "key.AC01")).insert == "ά");  // α
  CHECK(m.pending_dead() == 0);
  CHECK(m.press(*find(m, "key.AC01")).insert == "α");  // once only

  // Shift: the dialytika, on a capital.
  m.press(*find(m, "key.shift"));
  const Key* dialytika = find(m, "key.AC10");
  REQUIRE(dialytika);
  CHECK(dialytika->label == "¨");
  m.press(*dialytika);
  CHECK(m.shifted());                                  // shift waits for the letter too
  CHECK(m.press(*find(m, "key.AD08")).insert == "Ϊ");  // Shift+ι
  CHECK_FALSE(m.shifted());

  // The dead key again drops the accent; a letter without an accented form is typed as it is.
  m.press(*find(m, "key.AC10"));
  m.press(*find(m, "key.AC10"));
  CHECK(m.pending_dead() == 0);
  CHECK(m.press(*find(m, "key.AC01")).insert == "α");
  m.press(*find(m, "key.AC10"));
  CHECK(m.press(*find(m, "key.AB03")).insert == "ψ");
  CHECK(m.pending_dead() == 0);
}
