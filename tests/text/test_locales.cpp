// The locale completeness test over the shipped locales/ directory: the
// languages table and every locale file load; MessageCatalog::check() finds
// nothing; no bidi control characters; no untranslated copies of English;
// every message formats cleanly with sample arguments; and every message, as
// laid out and shaped with that language's fonts, draws no missing glyph — no
// tofu. A failure names the language, the key and what is wrong.
#include "kiosk/text/bidi.hpp"
#include "kiosk/text/font_faces.hpp"
#include "kiosk/text/hb_shaper.hpp"
#include "kiosk/text/languages.hpp"
#include "kiosk/text/messages.hpp"
#include "kiosk/text/utf8.hpp"
#include "tests/support/paths.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

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

TEST_CASE("Every message is drawn with real glyphs from the language's own fonts", "[locales][fonts]") {
  // As the kiosk draws it: laid out and shaped with HarfBuzz over the fonts of the language (and
  // the Latin font) alone, as on a terminal with only this language enabled. Glyph 0 is the
  // font's "missing" box (tofu).
  FontFaces faces(table());
  for (const auto& l : table().all()) {
    for (const bool bold : {false, true}) {
      HbShaper shaper(faces, faces.chain({l.code}, bold), 24.0f, l.code);
      std::size_t glyphs = 0;
      auto check = [&](const std::string& text, const std::string& key) {
        for (const auto& line : layout_text(text, l.direction, 0, shaper, l.icu_locale)) {
          for (const auto& g : line.glyphs) {
            ++glyphs;
            if (g.id == 0)
              FAIL_CHECK("language " << l.code << (bold ? " (bold)" : "") << ", key " << key << ": \"" << text
                                     << "\" has a character none of its fonts has (drawn as a box)");
          }
        }
      };
      check(l.native_name, "(native name)");
      for (const auto& f : format_all(l.code)) check(f.text, f.key);
      CHECK(glyphs > 1000);
    }
  }
}
