// The locale completeness test over the shipped locales/ directory: the
// languages table and every locale file load; MessageCatalog::check() finds
// nothing; no bidi control characters; no untranslated copies of English;
// every message formats cleanly with sample arguments; and every code point
// a newcomer will see (after formatting, shaping and reordering) is in the
// glyph set the kiosk builds and in one of that language's font files — no
// tofu. A failure names the language, the key and what is wrong.
#include "kiosk/text/bidi.hpp"
#include "kiosk/text/glyph_set.hpp"
#include "kiosk/text/languages.hpp"
#include "kiosk/text/messages.hpp"
#include "kiosk/text/utf8.hpp"
#include "tests/support/paths.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <ft2build.h>
#include FT_FREETYPE_H

#include <unicode/numfmt.h>
#include <unicode/uchar.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <set>
#include <sstream>
#include <string>
#include <vector>

using namespace wk::text;
namespace fs = std::filesystem;

namespace {

const fs::path kLocales = wk::test::source_dir() / "locales";

const LanguageTable& table() {
  static const LanguageTable t = LanguageTable::load(kLocales / "languages.json");
  return t;
}

const MessageCatalog& catalog() {
  static const MessageCatalog c = MessageCatalog::load(table(), kLocales);
  return c;
}

// The raw key -> pattern object of one locale file.
std::map<std::string, std::string> raw_messages(const std::string& code) {
  std::ifstream in(kLocales / (code + ".json"), std::ios::binary);
  REQUIRE(in);
  std::stringstream ss;
  ss << in.rdbuf();
  const auto j = nlohmann::json::parse(ss.str());
  std::map<std::string, std::string> out;
  for (const auto& [k, v] : j.items()) out.emplace(k, v.get<std::string>());
  return out;
}

std::string hex(char32_t c) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "U+%04X", static_cast<unsigned>(c));
  return buf;
}

const std::vector<std::int64_t> kCounts = {0, 1, 2, 3, 5, 11, 21, 100};
const std::vector<std::string> kPeriods = {"morning", "afternoon", "evening", "other"};

// Every message of `code`, formatted with every combination of sample arguments
// (count and seconds share the number). Keys are the source language's.
struct Formatted {
  std::string key;
  std::int64_t n;
  std::string text;
};
std::vector<Formatted> format_all(const std::string& code) {
  std::vector<Formatted> out;
  for (const auto& [key, pattern] : raw_messages(table().source())) {
    for (std::int64_t n : kCounts) {
      for (const auto& period : kPeriods) {
        const std::vector<MessageArg> args = {{"count", n},
                                              {"seconds", n},
                                              {"period", period},
                                              {"center", std::string("X")},
                                              {"n", n},
                                              {"m", n},
                                              {"label", std::string("L")},
                                              {"when", 1795000000000.0},
                                              {"given", std::string("G")},
                                              {"family", std::string("F")},
                                              {"relation", std::string("R")},
                                              {"birth_date", std::string("01.02.2003")},
                                              {"low", std::string("A2")},
                                              {"high", std::string("B1")},
                                              {"from", n},
                                              {"to", n},
                                              {"level", std::string("B1")},
                                              {"code", std::string("K7QM-4XRT-X")},
                                              {"of", n},
                                              {"hours", n},
                                              {"initial", std::string("A.")},
                                              {"name", std::string("N")},
                                              {"time", std::string("09:00")},
                                              {"day", std::string("Mo")},
                                              {"room", std::string("2.07")},
                                              {"tries", n},
                                              {"minutes", n},
                                              {"reason", std::string("payload.language: not a language code")},
                                              {"courses", n},
                                              {"organisations", n},
                                              {"people", n},
                                              {"cursor", std::string("c-17")},
                                              {"size", 12.5},
                                              {"percent", n}};
        out.push_back({key, n, catalog().format(code, key, args)});
      }
    }
  }
  return out;
}

// Control and format characters (ZWNJ, ZWJ, LRM, ALM, ...) have no glyph.
bool invisible(char32_t c) {
  const auto t = u_charType(static_cast<UChar32>(c));
  return t == U_CONTROL_CHAR || t == U_FORMAT_CHAR;
}
bool is_space(char32_t c) {
  return u_isUWhiteSpace(static_cast<UChar32>(c));
}

// The number `n` as ICU writes it in `icu_locale` (locale digits).
std::string locale_number(const std::string& icu_locale, std::int64_t n) {
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::NumberFormat> nf(
      icu::NumberFormat::createInstance(icu::Locale::forLanguageTag(icu_locale, status), status));
  REQUIRE(U_SUCCESS(status));
  icu::UnicodeString s;
  nf->format(static_cast<int64_t>(n), s);
  std::string out;
  s.toUTF8String(out);
  return out;
}

// [SECTION] FreeType

struct FtLibrary {
  FT_Library lib = nullptr;
  FtLibrary() { REQUIRE(FT_Init_FreeType(&lib) == 0); }
  ~FtLibrary() { FT_Done_FreeType(lib); }
};

struct FtFace {
  FT_Face face = nullptr;
  FtFace(FT_Library lib, const FontSpec& spec) {
    INFO("font " << spec.id << ": " << spec.file.string() << " face " << spec.face_index);
    REQUIRE(fs::exists(spec.file));
    REQUIRE(FT_New_Face(lib, spec.file.c_str(), spec.face_index, &face) == 0);
  }
  ~FtFace() {
    if (face) FT_Done_Face(face);
  }
  FtFace(const FtFace&) = delete;
  FtFace& operator=(const FtFace&) = delete;
  bool has(char32_t c) const { return FT_Get_Char_Index(face, static_cast<FT_ULong>(c)) != 0; }
};

}  // namespace

TEST_CASE("The languages table loads and has the twelve launch languages", "[locales]") {
  const auto& t = table();
  CHECK(t.source() == "en");
  for (const char* code : {"de", "en", "ar", "fa", "uk", "ru", "tr", "pl", "ro", "es", "fr", "zh"}) {
    INFO("language " << code);
    CHECK(t.find(code) != nullptr);
  }
  REQUIRE(t.find("ar") != nullptr);
  CHECK(t.find("ar")->direction == Direction::rtl);
  REQUIRE(t.find("fa") != nullptr);
  CHECK(t.find("fa")->direction == Direction::rtl);
  REQUIRE(t.find("de") != nullptr);
  CHECK(t.find("de")->direction == Direction::ltr);
}

TEST_CASE("Every language has a locale file and every locale file a language", "[locales]") {
  for (const auto& l : table().all()) {
    INFO("language " << l.code);
    CHECK(fs::is_regular_file(kLocales / (l.code + ".json")));
  }
  for (const auto& entry : fs::directory_iterator(kLocales)) {
    const auto name = entry.path().filename().string();
    if (entry.path().extension() != ".json" || name == "languages.json") continue;
    INFO("locale file " << name);
    CHECK(table().find(entry.path().stem().string()) != nullptr);
  }
}

TEST_CASE("Every locale is complete and consistent with the source (check)", "[locales]") {
  const auto problems = catalog().check();
  for (const auto& p : problems) FAIL_CHECK("language " << p.language << ", key " << p.key << ": " << p.what);
  CHECK(problems.empty());
}

TEST_CASE("No message contains bidi control characters", "[locales]") {
  for (const auto& l : table().all()) {
    for (const auto& [key, pattern] : raw_messages(l.code)) {
      REQUIRE(is_valid_utf8(pattern));
      for (char32_t c : code_points(pattern)) {
        const bool embedding = c >= 0x202A && c <= 0x202E;
        const bool isolate = c >= 0x2066 && c <= 0x2069;
        if (embedding || isolate) FAIL_CHECK("language " << l.code << ", key " << key << ": contains " << hex(c));
      }
    }
    INFO("native name of " << l.code);
    for (char32_t c : code_points(l.native_name)) {
      CHECK_FALSE((c >= 0x202A && c <= 0x202E));
      CHECK_FALSE((c >= 0x2066 && c <= 0x2069));
    }
  }
}

TEST_CASE("No locale is an untranslated copy of English", "[locales]") {
  // A handful of identical messages is normal (a product name, "OK", "E-mail": one in fifty);
  // more means a file was copied and not translated. "format.*" keys only order placeholders
  // ("{given} {family}") and may well be the same.
  const auto en = raw_messages(table().source());
  REQUIRE(en.size() >= 10);
  const int kAllowedIdentical = std::max(3, static_cast<int>(en.size() / 50));
  for (const auto& l : table().all()) {
    if (l.code == table().source()) continue;
    const auto msgs = raw_messages(l.code);
    int identical = 0;
    std::string keys;
    for (const auto& [key, pattern] : msgs) {
      if (key.starts_with("format.")) continue;  // orderings of placeholders, not prose
      auto it = en.find(key);
      if (it != en.end() && it->second == pattern) {
        ++identical;
        keys += " " + key;
      }
    }
    INFO("language " << l.code << ": identical to English:" << keys);
    CHECK(identical <= kAllowedIdentical);
  }
}

TEST_CASE("Every message of every language formats cleanly with sample arguments", "[locales]") {
  std::set<std::string> failures;  // one line per language, key and kind of failure
  std::size_t formatted = 0;
  for (const auto& l : table().all()) {
    for (const auto& f : format_all(l.code)) {
      ++formatted;
      const std::string where = "language " + l.code + ", key " + f.key;
      if (f.text.empty()) failures.insert(where + ": empty (n=" + std::to_string(f.n) + ")");
      if (f.text == f.key) failures.insert(where + ": formatted to its key (missing everywhere)");
      if (f.text.find('{') != std::string::npos || f.text.find('}') != std::string::npos)
        failures.insert(where + ": leftover brace in \"" + f.text + "\"");
      if (!is_valid_utf8(f.text)) failures.insert(where + ": invalid UTF-8");
    }
  }
  for (const auto& msg : failures) FAIL_CHECK(msg);
  CHECK(failures.empty());
  CHECK(formatted >= table().all().size() * 20 * kCounts.size() * kPeriods.size());
}

TEST_CASE("Plural messages show the number for larger counts", "[locales]") {
  // For 5, 11, 21 and 100 every language must print the number (in its own
  // digits); only small counts may be spelled out ("one language").
  const auto en = raw_messages(table().source());
  for (const auto& l : table().all()) {
    for (const auto& [key, pattern] : en) {
      const auto args = MessageCatalog::placeholders(pattern);
      const char* name = args.count("count") ? "count" : args.count("seconds") ? "seconds" : nullptr;
      if (!name) continue;
      for (std::int64_t n : {5, 11, 21, 100}) {
        const std::string text = catalog().format(l.code, key, {{name, n}});
        const std::string digits = locale_number(l.icu_locale, n);
        if (text.find(digits) == std::string::npos)
          FAIL_CHECK("language " << l.code << ", key " << key << ", n=" << n << ": \"" << text << "\" does not show "
                                 << digits);
      }
    }
  }
}

TEST_CASE("Every visible code point is in the glyph set and in the language's fonts", "[locales][fonts]") {
  // The glyph set the kiosk builds at start-up.
  GlyphSet glyphs;
  for (const auto& p : catalog().all_patterns()) glyphs.add_text(p);
  for (const auto& l : table().all()) {
    glyphs.add_text(l.native_name);
    glyphs.add_number_symbols(l.icu_locale.c_str());
  }
  const auto ranges = glyphs.ranges();

  FtLibrary ft;
  std::map<std::string, std::unique_ptr<FtFace>> faces;
  for (const auto& [id, spec] : table().fonts()) faces.emplace(id, std::make_unique<FtFace>(ft.lib, spec));

  const Measure measure = [](std::string_view s) { return static_cast<float>(code_points(s).size()); };

  for (const auto& l : table().all()) {
    std::vector<const FtFace*> mine;
    for (const auto& id : l.fonts) mine.push_back(faces.at(id).get());

    // Code point -> first key that shows it.
    std::map<char32_t, std::string> seen;
    auto collect = [&](const std::string& text, const std::string& key) {
      for (char32_t c : code_points(text))
        if (!invisible(c)) seen.emplace(c, key);
    };
    collect(l.native_name, "(native name)");
    for (const auto& f : format_all(l.code)) {
      collect(f.text, f.key);
      if (needs_shaping(f.text)) collect(shape_arabic(f.text), f.key + " (shaped)");
      for (const auto& line : layout_text(f.text, l.direction, 0, measure, l.icu_locale))
        collect(line.visual, f.key + " (visual)");
    }
    REQUIRE(seen.size() > 20);

    // What ImGui receives (the visual lines) is drawn code point by code point:
    // anything without a glyph in the atlas becomes the fallback '?', even a
    // zero-width one. So there every code point, ZWNJ included, needs a glyph.
    std::map<char32_t, std::string> drawn;
    for (const auto& f : format_all(l.code))
      for (const auto& line : layout_text(f.text, l.direction, 0, measure, l.icu_locale))
        for (char32_t c : code_points(line.visual)) drawn.emplace(c, f.key);
    for (const auto& [c, key] : drawn) {
      if (!invisible(c)) continue;  // visible ones are checked below
      bool found = false;
      for (const FtFace* face : mine) found = found || face->has(c);
      if (!glyphs.contains(c) || !found)
        FAIL_CHECK("language " << l.code << ", key " << key << ": invisible " << hex(c)
                               << " reaches the renderer without a glyph (drawn as '?')");
    }

    for (const auto& [c, key] : seen) {
      if (c > 0xFFFF) {
        FAIL_CHECK("language " << l.code << ", key " << key << ": " << hex(c) << " is beyond the BMP ImGui draws");
        continue;
      }
      if (!glyphs.contains(c))
        FAIL_CHECK("language " << l.code << ", key " << key << ": " << hex(c) << " is not in the glyph set");
      if (is_space(c)) continue;
      bool found = false;
      for (const FtFace* face : mine) found = found || face->has(c);
      if (!found)
        FAIL_CHECK("language " << l.code << ", key " << key << ": " << hex(c) << " is in none of its fonts (tofu)");
    }
  }

  // The range array really covers what contains() says (spot checks).
  auto in_ranges = [&](char32_t c) {
    for (std::size_t i = 0; i + 1 < ranges.size(); i += 2)
      if (c >= ranges[i] && c <= ranges[i + 1]) return true;
    return false;
  };
  CHECK(in_ranges(U'A'));
  CHECK(in_ranges(0x0627));  // alef
  CHECK(in_ranges(0xFE8E));  // alef final
  CHECK(in_ranges(0x06F1));  // Persian one
  CHECK(in_ranges(0x6B22));  // 欢
}
