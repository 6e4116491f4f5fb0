// Tests for kiosk/text/messages: ICU MessageFormat plurals and selects,
// fallback along the language chain with one warning per missing key,
// dropping of patterns that do not parse, check() findings, and the errors
// for broken locale files. Everything runs on an in-memory table and texts.
#include "kiosk/text/messages.hpp"

#include "kiosk/core/log.hpp"
#include "kiosk/text/languages.hpp"
#include "kiosk/text/text_error.hpp"

#include "../support/temp_dir.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <map>
#include <mutex>
#include <string>
#include <vector>

using namespace wk::text;
namespace wlog = wk::core::log;

namespace {

// Fonts point anywhere: parse() never opens them.
constexpr const char* kTable = R"json({
  "source": "en",
  "fonts": { "latin": { "file": "/nowhere/latin.ttf" }, "arabic": { "file": "/nowhere/arabic.ttf" } },
  "languages": [
    { "code": "en", "icu": "en-GB", "native_name": "English", "direction": "ltr", "script": "Latn",
      "fonts": ["latin"], "keyboard": "us", "fallback": [] },
    { "code": "de", "icu": "de-DE", "native_name": "Deutsch", "direction": "ltr", "script": "Latn",
      "fonts": ["latin"], "keyboard": "de", "fallback": ["en"] },
    { "code": "ar", "icu": "ar", "native_name": "العربية", "direction": "rtl", "script": "Arab",
      "fonts": ["arabic", "latin"], "keyboard": "ara", "fallback": ["en"] }
  ]
})json";

const LanguageTable& table() {
  static const LanguageTable t = LanguageTable::parse(kTable, "test-table");
  return t;
}

const std::map<std::string, std::string> kTexts = {
    {"en", R"json({
      "seats": "{n, plural, one {# seat} other {# seats}}",
      "greet": "Hello {name}",
      "period": "{period, select, morning {Good morning} evening {Good evening} other {Hello}}",
      "only_en": "Only in English",
      "broken_in_de": "Fine in English",
      "forms": "{n, plural, one {one} other {other}}"
    })json"},
    {"de", R"json({
      "seats": "{n, plural, one {# Platz} other {# Plätze}}",
      "greet": "Hallo {nmae}",
      "period": "{period, select, morning {Guten Morgen} evening {Guten Abend} other {Hallo}}",
      "broken_in_de": "{n, plural, one {kaputt}",
      "forms": "{n, plural, one {eins} other {andere}}",
      "extra": "Nur auf Deutsch"
    })json"},
    {"ar", R"json({
      "seats": "{n, plural, zero {# مقعد} one {مقعد واحد} two {مقعدان} few {# مقاعد} many {# مقعداً} other {# مقعد}}",
      "greet": "مرحبا {name}",
      "period": "{period, select, morning {صباح الخير} evening {مساء الخير} other {مرحبا}}",
      "only_en": "فقط",
      "broken_in_de": "جيد",
      "forms": "{n, plural, zero {zero} one {one} two {two} few {few} many {many} other {other}}"
    })json"},
};

// Captures log lines for the lifetime of the object; restores stderr afterwards.
struct LogCapture {
  std::mutex mutex;
  std::vector<std::pair<wlog::Level, std::string>> lines;
  LogCapture() {
    wlog::set_sink([this](wlog::Level level, std::string_view line) {
      std::lock_guard lock(mutex);
      lines.emplace_back(level, std::string(line));
    });
  }
  ~LogCapture() { wlog::set_sink(nullptr); }
  std::size_t count(wlog::Level level, const std::string& needle) {
    std::lock_guard lock(mutex);
    return static_cast<std::size_t>(std::count_if(lines.begin(), lines.end(), [&](const auto& l) {
      return l.first == level && l.second.find(needle) != std::string::npos;
    }));
  }
};

MessageCatalog catalog() {
  return MessageCatalog::from_texts(table(), kTexts);
}

std::string fmt_n(const MessageCatalog& c, const char* lang, const char* key, std::int64_t n) {
  return c.format(lang, key, {{"n", n}});
}

bool has_problem(const std::vector<MessageProblem>& ps, const std::string& lang, const std::string& key,
                 const std::string& what_part) {
  return std::any_of(ps.begin(), ps.end(), [&](const MessageProblem& p) {
    return p.language == lang && p.key == key && p.what.find(what_part) != std::string::npos;
  });
}

// Expects from_texts to throw a TextDataError whose message contains `needle`.
void expect_bad_texts(const std::map<std::string, std::string>& texts, const std::string& needle) {
  try {
    MessageCatalog::from_texts(table(), texts);
    FAIL("from_texts accepted broken texts (expected \"" << needle << "\")");
  } catch (const TextDataError& e) {
    INFO("message: " << e.what());
    CHECK(std::string(e.what()).find(needle) != std::string::npos);
  }
}

}  // namespace

TEST_CASE("German plural picks Platz / Plätze", "[messages]") {
  LogCapture quiet;
  const auto c = catalog();
  CHECK(fmt_n(c, "de", "seats", 1) == "1 Platz");
  CHECK(fmt_n(c, "de", "seats", 3) == "3 Plätze");
  CHECK(fmt_n(c, "de", "seats", 0) == "0 Plätze");
  CHECK(fmt_n(c, "en", "seats", 1) == "1 seat");
  CHECK(fmt_n(c, "en", "seats", 21) == "21 seats");
  // A double argument formats through the same plural rules.
  CHECK(c.format("de", "seats", {{"n", 3.0}}) == "3 Plätze");
}

TEST_CASE("Arabic uses all six CLDR plural forms", "[messages]") {
  LogCapture quiet;
  const auto c = catalog();
  CHECK(fmt_n(c, "ar", "forms", 0) == "zero");
  CHECK(fmt_n(c, "ar", "forms", 1) == "one");
  CHECK(fmt_n(c, "ar", "forms", 2) == "two");
  CHECK(fmt_n(c, "ar", "forms", 3) == "few");
  CHECK(fmt_n(c, "ar", "forms", 10) == "few");
  CHECK(fmt_n(c, "ar", "forms", 11) == "many");
  CHECK(fmt_n(c, "ar", "forms", 99) == "many");
  CHECK(fmt_n(c, "ar", "forms", 100) == "other");
  CHECK(fmt_n(c, "ar", "forms", 103) == "few");
  // '#' uses the locale's digits: Arabic-Indic in "ar".
  CHECK(fmt_n(c, "ar", "seats", 11) == "\u0661\u0661 مقعداً");
  CHECK(fmt_n(c, "ar", "seats", 2) == "مقعدان");
  // German has only one/other, so the same numbers collapse to two forms.
  CHECK(fmt_n(c, "de", "forms", 0) == "andere");
  CHECK(fmt_n(c, "de", "forms", 1) == "eins");
  CHECK(fmt_n(c, "de", "forms", 2) == "andere");
}

TEST_CASE("select picks the matching branch or other", "[messages]") {
  LogCapture quiet;
  const auto c = catalog();
  CHECK(c.format("de", "period", {{"period", std::string("morning")}}) == "Guten Morgen");
  CHECK(c.format("de", "period", {{"period", std::string("evening")}}) == "Guten Abend");
  CHECK(c.format("de", "period", {{"period", std::string("night")}}) == "Hallo");
  CHECK(c.format("ar", "period", {{"period", std::string("morning")}}) == "صباح الخير");
  CHECK(c.format("en", "greet", {{"name", std::string("Anna")}}) == "Hello Anna");
}

TEST_CASE("A key missing in a language falls back to the source and warns once", "[messages]") {
  LogCapture log;
  const auto c = catalog();
  CHECK_FALSE(c.has("de", "only_en"));
  CHECK(c.has("en", "only_en"));
  CHECK(c.format("de", "only_en") == "Only in English");
  CHECK(c.format("de", "only_en") == "Only in English");
  CHECK(log.count(wlog::Level::warn, "only_en") == 1);
  CHECK(c.format("de", "only_en") == "Only in English");  // a third time: still one warning
  CHECK(log.count(wlog::Level::warn, "only_en") == 1);
  // A present key does not warn at all.
  CHECK(c.format("ar", "only_en") == "فقط");
  CHECK(log.count(wlog::Level::warn, "\"ar\"") == 0);
}

TEST_CASE("An unknown language code uses the source language", "[messages]") {
  LogCapture quiet;
  const auto c = catalog();
  CHECK(fmt_n(c, "xx", "seats", 2) == "2 seats");
}

TEST_CASE("A key missing everywhere returns the key itself", "[messages]") {
  LogCapture log;
  const auto c = catalog();
  CHECK(c.format("de", "no.such.key") == "no.such.key");
  CHECK(c.format("en", "no.such.key") == "no.such.key");
  CHECK(c.format("ar", "no.such.key", {{"n", std::int64_t{1}}}) == "no.such.key");
  CHECK(log.count(wlog::Level::error, "no.such.key") == 1);
}

TEST_CASE("A pattern that does not parse is dropped, falls back, and is reported", "[messages]") {
  LogCapture log;
  const auto c = catalog();
  CHECK(log.count(wlog::Level::error, "broken_in_de") == 1);  // logged when loading
  CHECK_FALSE(c.has("de", "broken_in_de"));
  CHECK(c.format("de", "broken_in_de", {{"n", std::int64_t{1}}}) == "Fine in English");
  const auto problems = c.check();
  CHECK(has_problem(problems, "de", "broken_in_de", "does not parse"));
}

TEST_CASE("check() reports missing keys, extra keys and placeholder mismatches", "[messages]") {
  LogCapture quiet;
  const auto c = catalog();
  const auto problems = c.check();
  std::string listing;
  for (const auto& p : problems) listing += p.language + " " + p.key + ": " + p.what + "\n";
  INFO(listing);
  CHECK(has_problem(problems, "de", "greet", "placeholders {nmae} differ from source {name}"));
  CHECK(has_problem(problems, "de", "only_en", "missing"));
  CHECK(has_problem(problems, "de", "extra", "not in source"));
  // Arabic is complete and consistent.
  CHECK(std::none_of(problems.begin(), problems.end(), [](const MessageProblem& p) { return p.language == "ar"; }));
  CHECK(problems.size() == 4);  // greet, only_en, extra, broken_in_de
}

TEST_CASE("A complete and consistent catalog has no problems", "[messages]") {
  LogCapture quiet;
  const std::map<std::string, std::string> texts = {
      {"en", R"({"a": "A {x}", "b": "{n, plural, one {# B} other {# Bs}}"})"},
      {"de", R"({"a": "A {x}", "b": "{n, plural, one {# B} other {# Bn}}"})"},
      {"ar", R"({"a": "أ {x}", "b": "{n, plural, other {# ب}}"})"},
  };
  const auto c = MessageCatalog::from_texts(table(), texts);
  CHECK(c.check().empty());
  const auto all = c.all_patterns();
  CHECK(all.size() == 6);
  CHECK(std::find(all.begin(), all.end(), "أ {x}") != all.end());
}

TEST_CASE("Broken locale texts throw a TextDataError naming the file", "[messages]") {
  LogCapture quiet;
  auto texts = kTexts;
  SECTION("not JSON") {
    texts["de"] = "{ \"a\": ";
    expect_bad_texts(texts, "locales/de.json");
  }
  SECTION("not an object") {
    texts["ar"] = R"(["a", "b"])";
    expect_bad_texts(texts, "locales/ar.json");
  }
  SECTION("a value that is not a string") {
    texts["de"] = R"({"seats": 3})";
    expect_bad_texts(texts, "locales/de.json");
    texts["de"] = R"({"nested": {"a": "b"}})";
    expect_bad_texts(texts, "key \"nested\"");
  }
  SECTION("invalid UTF-8") {
    texts["de"] = "{\"a\": \"\xC3\x28\"}";
    expect_bad_texts(texts, "locales/de.json");
  }
  SECTION("a language without texts") {
    texts.erase("ar");
    expect_bad_texts(texts, "locales/ar.json");
  }
}

TEST_CASE("MessageCatalog::load names the real path of a broken file", "[messages]") {
  LogCapture quiet;
  wk::core::test::TempDir dir;
  for (const auto& [code, text] : kTexts) wk::core::test::write_bytes(dir / (code + ".json"), text);
  SECTION("all files fine") {
    const auto c = MessageCatalog::load(table(), dir.path());
    CHECK(fmt_n(c, "de", "seats", 1) == "1 Platz");
  }
  SECTION("one file not JSON") {
    wk::core::test::write_bytes(dir / "ar.json", "not json");
    try {
      MessageCatalog::load(table(), dir.path());
      FAIL("load accepted a broken file");
    } catch (const TextDataError& e) {
      INFO(e.what());
      CHECK(std::string(e.what()).find((dir / "ar.json").string()) != std::string::npos);
    }
  }
  SECTION("one file missing") {
    std::filesystem::remove(dir / "de.json");
    try {
      MessageCatalog::load(table(), dir.path());
      FAIL("load accepted a missing file");
    } catch (const TextDataError& e) {
      INFO(e.what());
      CHECK(std::string(e.what()).find((dir / "de.json").string()) != std::string::npos);
    }
  }
}

TEST_CASE("MessageCatalog::placeholders lists argument names", "[messages]") {
  using S = std::set<std::string>;
  CHECK(MessageCatalog::placeholders("no arguments") == S{});
  CHECK(MessageCatalog::placeholders("Hello {name}") == S{"name"});
  CHECK(MessageCatalog::placeholders("{a} and {b, plural, one {#} other {# {c}}}") == S{"a", "b", "c"});
  CHECK(MessageCatalog::placeholders("{period, select, morning {x} other {y}}") == S{"period"});
  CHECK(MessageCatalog::placeholders("{0} {1}") == S{"0", "1"});
  CHECK(MessageCatalog::placeholders("'{quoted}' {real}") == S{"real"});
  CHECK_THROWS_AS(MessageCatalog::placeholders("{unclosed"), TextDataError);
  CHECK_THROWS_AS(MessageCatalog::placeholders("{n, plural, one {x}"), TextDataError);
}

TEST_CASE("A moved catalog keeps working", "[messages]") {
  LogCapture quiet;
  auto a = catalog();
  MessageCatalog b(std::move(a));
  CHECK(fmt_n(b, "de", "seats", 1) == "1 Platz");
  MessageCatalog c;
  c = std::move(b);
  CHECK(fmt_n(c, "de", "seats", 3) == "3 Plätze");
}
