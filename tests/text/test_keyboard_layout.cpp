// Tests for kiosk/text/keyboard_layout against the system's XKB data
// (xkb-data): every layout the languages table names loads with four rows in
// physical order; concrete keys of each kiosk language sit where real
// keyboards have them (QWERTZ, AZERTY, Cyrillic, Arabic, Persian, ...); the
// level mapping, dead keys and bidi controls follow the KeyCap contract;
// unknown, malformed and empty layouts throw naming the layout; results are
// cached and safe to load from several threads; layout_characters lists each
// character once.
#include "kiosk/text/keyboard_layout.hpp"
#include "tests/support/paths.hpp"

#include "kiosk/text/languages.hpp"
#include "kiosk/text/utf8.hpp"

#include <catch2/catch.hpp>

#include <chrono>
#include <set>
#include <string>
#include <thread>
#include <vector>

using namespace wk::text;

namespace {

// The layouts locales/languages.json names in its "keyboard" column.
// A variant goes in brackets: "af(ps)".
const std::vector<std::string> kKioskLayouts = {"de", "us", "ara", "ir", "ua", "ru",
                                                "tr", "pl", "ro",  "fr", "es", "et", "af", "af(ps)", "iq(ku_ara)", "tr(ku)", "ge", "pk", "it", "nl", "pt", "gr", "bg", "hr", "rs(latin)", "rs", "cz", "sk", "hu", "fi", "dk", "al", "mk"};

// The key named `name`; fails the test if the layout has no such key.
const KeyCap& key(const KeyboardLayout& layout, const std::string& name) {
  for (const auto& row : layout.rows)
    for (const auto& cap : row)
      if (cap.xkb_name == name) return cap;
  FAIL("layout " << layout.layout << " has no key " << name);
  throw;  // unreachable: FAIL throws
}

bool has_key(const KeyboardLayout& layout, const std::string& name) {
  for (const auto& row : layout.rows)
    for (const auto& cap : row)
      if (cap.xkb_name == name) return true;
  return false;
}

// True if some level of some key types `character` (one code point, UTF-8).
bool types(const KeyboardLayout& layout, const std::string& character) {
  return layout_characters(layout).find(character) != std::string::npos;
}

std::vector<std::string> key_names(const std::vector<KeyCap>& row) {
  std::vector<std::string> names;
  for (const auto& cap : row) names.push_back(cap.xkb_name);
  return names;
}

std::vector<std::string> numbered(const char* prefix, int last) {
  std::vector<std::string> names;
  for (int i = 1; i <= last; ++i) names.push_back(prefix + std::string(i < 10 ? "0" : "") + std::to_string(i));
  return names;
}

}  // namespace

TEST_CASE("The kiosk's keyboard layouts load with four rows of keys in physical order", "[keyboard]") {
  for (const auto& name : kKioskLayouts) {
    INFO("layout " << name);
    KeyboardLayout layout;
    REQUIRE_NOTHROW(layout = load_named_keyboard_layout(name));
    CHECK((layout.variant.empty() ? layout.layout : layout.layout + "(" + layout.variant + ")") == name);
    CHECK_FALSE(layout.description.empty());
    REQUIRE(layout.rows.size() == 4);
    for (const auto& row : layout.rows) CHECK_FALSE(row.empty());

    auto digits = numbered("AE", 12);
    if (layout.rows[0].size() == 13) digits.insert(digits.begin(), "TLDE");
    CHECK(key_names(layout.rows[0]) == digits);
    auto top = numbered("AD", 12);
    if (layout.rows[1].size() == 13) top.push_back("BKSL");
    CHECK(key_names(layout.rows[1]) == top);
    CHECK(key_names(layout.rows[2]) == numbered("AC", 11));
    auto bottom = numbered("AB", 10);
    if (layout.rows[3].size() == 11) bottom.insert(bottom.begin(), "LSGT");
    CHECK(key_names(layout.rows[3]) == bottom);

    // Every letter key of the three letter rows types something (but Greek's AC10, the tonos dead
    // key: xkbcommon gives no character for dead keys, so the kiosk shows none).
    for (std::size_t r = 1; r < 4; ++r)
      for (const auto& cap : layout.rows[r])
        if (cap.xkb_name != "BKSL" && cap.xkb_name != "LSGT" && cap.xkb_name != "AD11" && cap.xkb_name != "AD12" &&
            cap.xkb_name != "AC11" && !(name == "gr" && cap.xkb_name == "AC10")) {
          INFO("key " << cap.xkb_name);
          CHECK((!cap.base.empty() || !cap.shift.empty()));
        }
  }
}

TEST_CASE("Every keyboard layout of the languages table loads", "[keyboard]") {
  const auto table = LanguageTable::load(wk::test::source_dir() / "locales" / "languages.json");
  std::set<std::string> names;
  for (const auto& language : table.all()) {
    names.insert(language.keyboard);
    names.insert(language.name_keyboard);
  }
  for (const auto& name : names) {
    INFO("layout " << name);
    CHECK_NOTHROW(load_named_keyboard_layout(name));
  }
  // The fixed list above covers the table, so the concrete tests cover every kiosk language.
  for (const auto& name : names) CHECK(std::set<std::string>(kKioskLayouts.begin(), kKioskLayouts.end()).count(name));
}

TEST_CASE("BKSL and LSGT join the rows only where the layout types something on them", "[keyboard]") {
  const auto de = load_keyboard_layout("de");
  CHECK(key(de, "BKSL").base == "#");
  CHECK(key(de, "LSGT").base == "<");
  CHECK(key(de, "LSGT").shift == ">");
  CHECK(de.rows[1].back().xkb_name == "BKSL");
  CHECK(de.rows[3].front().xkb_name == "LSGT");
  const auto us = load_keyboard_layout("us");
  CHECK(key(us, "BKSL").base == "\\");
  CHECK(key(us, "BKSL").shift == "|");
  CHECK_FALSE(has_key(us, "TLDE"));  // ` and ~ are no letters
}

TEST_CASE("TLDE leads the digits row where it types a letter", "[keyboard]") {
  const auto ru = load_keyboard_layout("ru");
  CHECK(ru.rows[0].front().xkb_name == "TLDE");
  CHECK(key(ru, "TLDE").base == "ё");
  const auto ara = load_keyboard_layout("ara");
  CHECK(key(ara, "TLDE").base == "ذ");
  CHECK_FALSE(has_key(load_keyboard_layout("de"), "TLDE"));
}

TEST_CASE("German is QWERTZ with umlauts and sharp s", "[keyboard]") {
  const auto de = load_keyboard_layout("de");
  CHECK(key(de, "AD06").base == "z");
  CHECK(key(de, "AD06").shift == "Z");
  CHECK(key(de, "AB01").base == "y");
  CHECK(key(de, "AC10").base == "ö");
  CHECK(key(de, "AC10").shift == "Ö");
  CHECK(key(de, "AC11").base == "ä");
  CHECK(key(de, "AD11").base == "ü");
  CHECK(key(de, "AE11").base == "ß");
  CHECK(key(de, "AD01").altgr == "@");
  CHECK(key(de, "AD03").altgr == "€");
  CHECK(key(de, "AE02").shift == "\"");
  CHECK_FALSE(de.right_to_left);
}

TEST_CASE("US English is QWERTY with two levels", "[keyboard]") {
  const auto us = load_keyboard_layout("us");
  CHECK(key(us, "AD01").base == "q");
  CHECK(key(us, "AD01").shift == "Q");
  CHECK(key(us, "AD06").base == "y");
  CHECK(key(us, "AE02").shift == "@");
  // A two-level key has no AltGr levels, whatever AltGr would do to it.
  CHECK(key(us, "AD01").altgr.empty());
  CHECK(key(us, "AD01").altgr_shift.empty());
  CHECK_FALSE(us.right_to_left);
}

TEST_CASE("French is AZERTY", "[keyboard]") {
  const auto fr = load_keyboard_layout("fr");
  CHECK(key(fr, "AD01").base == "a");
  CHECK(key(fr, "AD02").base == "z");
  CHECK(key(fr, "AC01").base == "q");
  CHECK(key(fr, "AC10").base == "m");
  CHECK(key(fr, "AE02").base == "é");
  CHECK(key(fr, "AE01").shift == "1");
}

TEST_CASE("Spanish has ñ on the home row", "[keyboard]") {
  const auto es = load_keyboard_layout("es");
  CHECK(key(es, "AC10").base == "ñ");
  CHECK(key(es, "AC10").shift == "Ñ");
}

TEST_CASE("Ukrainian and Russian are Cyrillic ЙЦУКЕН", "[keyboard]") {
  const auto ua = load_keyboard_layout("ua");
  CHECK(key(ua, "AD01").base == "й");
  CHECK(key(ua, "AD01").shift == "Й");
  CHECK(types(ua, "ї"));
  CHECK(types(ua, "є"));
  CHECK(types(ua, "і"));
  CHECK(types(ua, "ґ"));
  CHECK_FALSE(ua.right_to_left);

  const auto ru = load_keyboard_layout("ru");
  CHECK(key(ru, "AD01").base == "й");
  CHECK(key(ru, "AC09").base == "д");
  CHECK(key(ru, "AC10").base == "ж");
  CHECK(types(ru, "ъ"));
  CHECK_FALSE(ru.right_to_left);
}

TEST_CASE("Turkish types dotted and dotless i of both cases", "[keyboard]") {
  const auto tr = load_keyboard_layout("tr");
  for (const char* c : {"ş", "ğ", "ı", "İ", "ç", "ö", "ü"}) {
    INFO(c);
    CHECK(types(tr, c));
  }
  CHECK(key(tr, "AD08").base == "ı");
  CHECK(key(tr, "AC11").shift == "İ");
}

TEST_CASE("Polish types its ogonek letters on AltGr", "[keyboard]") {
  const auto pl = load_keyboard_layout("pl");
  CHECK(key(pl, "AC01").base == "a");
  CHECK(key(pl, "AC01").altgr == "ą");
  CHECK(key(pl, "AC01").altgr_shift == "Ą");
  CHECK(key(pl, "AD03").altgr == "ę");
}

TEST_CASE("Romanian types s and t with comma below, not cedilla", "[keyboard]") {
  const auto ro = load_keyboard_layout("ro");
  CHECK(types(ro, "\u0219"));  // ș
  CHECK(types(ro, "\u021B"));  // ț
  CHECK(types(ro, "\u0218"));  // Ș
  CHECK(types(ro, "\u021A"));  // Ț
  CHECK(types(ro, "ă"));
  CHECK(types(ro, "â"));
  CHECK(types(ro, "î"));
}

TEST_CASE("Arabic is right-to-left with ض on AD01", "[keyboard]") {
  const auto ara = load_keyboard_layout("ara");
  CHECK(key(ara, "AD01").base == "ض");
  CHECK(key(ara, "AC01").base == "ش");
  CHECK(ara.right_to_left);
  // The lam-alef key types lam + alef, not the presentation form U+FEFB.
  CHECK(key(ara, "AB05").base == "\u0644\u0627");
  CHECK(key(ara, "AD05").shift == "\u0644\u0625");
  for (char32_t cp : code_points(layout_characters(ara))) CHECK_FALSE((cp >= 0xFB50 && cp <= 0xFEFF));
}

TEST_CASE("Persian is right-to-left with its four extra letters", "[keyboard]") {
  const auto ir = load_keyboard_layout("ir");
  for (const char* c : {"پ", "چ", "ژ", "گ", "ک", "ی"}) {
    INFO(c);
    CHECK(types(ir, c));
  }
  CHECK(ir.right_to_left);
  CHECK(key(ir, "AE01").base == "۱");  // Extended Arabic-Indic digit one
}

TEST_CASE("Key caps leave out dead keys and bidi controls but keep ZWNJ", "[keyboard]") {
  // Dead keys yield no character in xkbcommon: French ^ and German ´ are empty.
  CHECK(key(load_keyboard_layout("fr"), "AD11").base.empty());
  CHECK(key(load_keyboard_layout("de"), "AE12").base.empty());
  // Arabic puts LRI (U+2066) on AltGr+Shift+AD01 and RLM (U+200F) on AltGr+Shift+AD11.
  const auto ara = load_keyboard_layout("ara");
  CHECK(key(ara, "AD01").altgr_shift.empty());
  CHECK(key(ara, "AD11").altgr_shift.empty());
  const std::string characters = layout_characters(ara);
  for (char32_t cp : code_points(characters)) {
    INFO("U+" << std::hex << static_cast<unsigned>(cp));
    CHECK_FALSE((cp == 0x200E || cp == 0x200F || cp == 0x061C || (cp >= 0x202A && cp <= 0x202E) ||
                 (cp >= 0x2066 && cp <= 0x2069) || cp < 0x20 || cp == 0x7F));
  }
  // Persian needs ZWNJ (Shift+N) to write words like می‌خواهم.
  CHECK(key(load_keyboard_layout("ir"), "AB05").shift == "\u200C");
}

TEST_CASE("A variant is loaded and recorded", "[keyboard]") {
  const auto phonetic = load_keyboard_layout("ru", "phonetic");
  CHECK(phonetic.layout == "ru");
  CHECK(phonetic.variant == "phonetic");
  CHECK(key(phonetic, "AD01").base == "я");
  CHECK(key(load_keyboard_layout("ru"), "AD01").base == "й");
}

TEST_CASE("Unknown, malformed and empty layouts throw naming the layout", "[keyboard]") {
  CHECK_THROWS_AS(load_keyboard_layout("xx-nope"), KeyboardLayoutError);
  CHECK_THROWS_WITH(load_keyboard_layout("xx-nope"), Catch::Contains("xx-nope"));
  CHECK_THROWS_WITH(load_keyboard_layout("de", "nope"), Catch::Contains("de(nope)"));
  CHECK_THROWS_WITH(load_keyboard_layout("us,de"), Catch::Contains("us,de"));
  CHECK_THROWS_WITH(load_keyboard_layout("us", "intl)(dvorak"), Catch::Contains("intl)(dvorak"));
  CHECK_THROWS_AS(load_keyboard_layout(""), KeyboardLayoutError);
  // xkb-data's "empty" layout compiles but types nothing.
  CHECK_THROWS_WITH(load_keyboard_layout("empty"), Catch::Contains("empty") && Catch::Contains("no printable"));
  // A KeyboardLayoutError is a std::runtime_error.
  CHECK_THROWS_AS(load_keyboard_layout("xx-nope"), std::runtime_error);
}

TEST_CASE("layout_characters holds every character of every level once", "[keyboard]") {
  for (const auto& name : kKioskLayouts) {
    INFO("layout " << name);
    const auto layout = load_named_keyboard_layout(name);
    const std::string characters = layout_characters(layout);
    REQUIRE(is_valid_utf8(characters));
    const auto points = code_points(characters);
    const std::set<char32_t> distinct(points.begin(), points.end());
    CHECK(distinct.size() == points.size());
    std::size_t base_characters = 0;
    for (const auto& row : layout.rows)
      for (const auto& cap : row)
        for (const std::string* level : {&cap.base, &cap.shift, &cap.altgr, &cap.altgr_shift})
          for (char32_t cp : code_points(*level)) {
            INFO("key " << cap.xkb_name << " \"" << *level << "\"");
            CHECK(distinct.count(cp) == 1);
            if (level == &cap.base) ++base_characters;
          }
    CHECK(base_characters >= 40);  // the base level alone fills most of the 46+ keys
  }
  CHECK(layout_characters(KeyboardLayout{}).empty());
}

TEST_CASE("Loading a layout again returns the cached result", "[keyboard]") {
  using Clock = std::chrono::steady_clock;
  // "it" is loaded by no other test, so the first call compiles the keymap.
  const auto t0 = Clock::now();
  const auto first = load_keyboard_layout("it");
  const auto t1 = Clock::now();
  const auto second = load_keyboard_layout("it");
  const auto t2 = Clock::now();
  CHECK(first == second);
  CHECK(key(first, "AC10").base == "ò");
  CHECK((t2 - t1) < (t1 - t0));
}

TEST_CASE("Layouts load from several threads at once", "[keyboard]") {
  // "gb" and "ru(phonetic_winkeys)" are loaded by no other test: the threads race to compile them.
  std::vector<KeyboardLayout> results(8);
  std::vector<std::string> errors(results.size());
  std::vector<std::thread> threads;
  for (std::size_t i = 0; i < results.size(); ++i)
    threads.emplace_back([&results, &errors, i] {
      try {
        results[i] = i % 2 == 0 ? load_keyboard_layout("gb") : load_keyboard_layout("ru", "phonetic_winkeys");
      } catch (const std::exception& e) {
        errors[i] = e.what();
      }
    });
  for (auto& t : threads) t.join();
  for (std::size_t i = 0; i < results.size(); ++i) {
    INFO("thread " << i);
    CHECK(errors[i].empty());
    CHECK(results[i] == results[i % 2]);
    CHECK_FALSE(results[i].rows.empty());
  }
  CHECK(results[0] == load_keyboard_layout("gb"));
  CHECK(key(results[0], "AE03").shift == "£");
}

TEST_CASE("A layout named with its variant in brackets loads that variant", "[keyboard]") {
  const KeyboardLayout pashto = load_named_keyboard_layout("af(ps)");
  CHECK(pashto.layout == "af");
  CHECK(pashto.variant == "ps");
  CHECK(layout_characters(pashto).find("ښ") != std::string::npos);
  CHECK(load_named_keyboard_layout("ge").layout == "ge");
  CHECK_THROWS_WITH(load_named_keyboard_layout("af(ps"), Catch::Contains("LAYOUT(VARIANT)"));
  CHECK_THROWS_WITH(load_named_keyboard_layout("af()"), Catch::Contains("LAYOUT(VARIANT)"));
  CHECK_THROWS_AS(load_named_keyboard_layout("af(ps,x)"), KeyboardLayoutError);
}
