// Tests for kiosk/text/languages: LanguageTable::parse accepts a well-formed
// table and rejects every broken one with a TextDataError naming the origin
// and the offending entry; chain/find/codes answer from the table.
#include "kiosk/text/languages.hpp"

#include "kiosk/text/text_error.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <string>
#include <vector>

using namespace wk::text;
using nlohmann::json;

namespace {

const char* const kOrigin = "test/languages.json";

// A valid three-language table; tests break one thing at a time.
json valid_table() {
  return json::parse(R"json({
    "source": "en",
    "fonts": {
      "latin":  { "file": "/nonexistent/Latin.ttf", "bold": "/nonexistent/Latin-Bold.ttf" },
      "arabic": { "file": "/nonexistent/Arabic.ttf", "scale": 1.4 },
      "cjk":    { "file": "/nonexistent/CJK.ttc", "index": 2 }
    },
    "languages": [
      { "code": "de", "icu": "de-DE", "native_name": "Deutsch", "direction": "ltr", "script": "Latn",
        "fonts": ["latin"], "keyboard": "de", "fallback": ["en"] },
      { "code": "en", "icu": "en-GB", "native_name": "English", "direction": "ltr", "script": "Latn",
        "fonts": ["latin"], "keyboard": "us", "fallback": [] },
      { "code": "ar", "icu": "ar", "native_name": "العربية", "direction": "rtl", "script": "Arab",
        "fonts": ["arabic", "latin"], "keyboard": "ara", "fallback": ["en"] }
    ]
  })json");
}

LanguageTable parse(const json& j) {
  return LanguageTable::parse(j.dump(), kOrigin);
}

// Parses `j`, expecting a TextDataError whose message contains the origin and `needle`.
void expect_rejected(const json& j, const std::string& needle) {
  try {
    parse(j);
    FAIL("parse accepted a table it should reject (expected \"" << needle << "\")");
  } catch (const TextDataError& e) {
    const std::string what = e.what();
    INFO("message: " << what);
    CHECK(what.find(kOrigin) != std::string::npos);
    CHECK(what.find(needle) != std::string::npos);
  }
}

}  // namespace

TEST_CASE("LanguageTable::parse reads a valid table", "[languages]") {
  const LanguageTable t = parse(valid_table());
  CHECK(t.source() == "en");
  CHECK(t.codes() == std::vector<std::string>{"de", "en", "ar"});
  REQUIRE(t.all().size() == 3);

  const Language* ar = t.find("ar");
  REQUIRE(ar != nullptr);
  CHECK(ar->code == "ar");
  CHECK(ar->icu_locale == "ar");
  CHECK(ar->native_name == "العربية");
  CHECK(ar->direction == Direction::rtl);
  CHECK(ar->script == "Arab");
  CHECK(ar->fonts == std::vector<std::string>{"arabic", "latin"});
  CHECK(ar->keyboard == "ara");
  CHECK(ar->fallback == std::vector<std::string>{"en"});

  const Language* de = t.find("de");
  REQUIRE(de != nullptr);
  CHECK(de->direction == Direction::ltr);
  CHECK(de->icu_locale == "de-DE");

  REQUIRE(t.fonts().size() == 3);
  const FontSpec& latin = t.fonts().at("latin");
  CHECK(latin.id == "latin");
  CHECK(latin.file == "/nonexistent/Latin.ttf");
  CHECK(latin.bold_file == "/nonexistent/Latin-Bold.ttf");
  CHECK(latin.face_index == 0);
  CHECK(latin.scale == Approx(1.0f));
  CHECK(t.fonts().at("arabic").scale == Approx(1.4f));
  CHECK(t.fonts().at("arabic").bold_file.empty());
  CHECK(t.fonts().at("cjk").face_index == 2);
}

TEST_CASE("LanguageTable::find and codes", "[languages]") {
  const LanguageTable t = parse(valid_table());
  CHECK(t.find("xx") == nullptr);
  CHECK(t.find("") == nullptr);
  CHECK(t.find("DE") == nullptr);  // codes are exact
  REQUIRE(t.find("en") != nullptr);
  CHECK(t.find("en")->native_name == "English");
  CHECK(t.codes().size() == t.all().size());
}

TEST_CASE("LanguageTable::chain is the language, its fallbacks, then the source", "[languages]") {
  json j = valid_table();
  j["languages"].push_back(json::parse(R"({"code": "fa", "icu": "fa-IR", "native_name": "فارسی",
      "direction": "rtl", "script": "Arab", "fonts": ["arabic"], "keyboard": "ir", "fallback": ["ar", "en", "ar"]})"));
  const LanguageTable t = parse(j);
  CHECK(t.chain("de") == std::vector<std::string>{"de", "en"});
  CHECK(t.chain("en") == std::vector<std::string>{"en"});
  CHECK(t.chain("ar") == std::vector<std::string>{"ar", "en"});
  CHECK(t.chain("fa") == std::vector<std::string>{"fa", "ar", "en"});  // no repeats
  CHECK(t.chain("xx") == std::vector<std::string>{"en"});              // unknown: source only
}

TEST_CASE("LanguageTable::parse reads the name keyboard and diacritics, with defaults", "[languages]") {
  json j = valid_table();
  j["languages"][0]["name_keyboard"] = "de";
  j["languages"][0]["diacritics"] = "äöüß";
  j["languages"][2]["name_keyboard"] = "us";
  const auto t = parse(j);
  CHECK(t.find("de")->name_keyboard == "de");
  CHECK(t.find("de")->diacritics == "äöüß");
  CHECK(t.find("ar")->name_keyboard == "us");
  CHECK(t.find("en")->name_keyboard == "us");  // defaults to its keyboard
  CHECK(t.find("en")->diacritics.empty());
}

TEST_CASE("LanguageTable::parse rejects diacritics that are not letters or too many", "[languages]") {
  json j = valid_table();
  j["languages"][0]["diacritics"] = "ä1";
  expect_rejected(j, "diacritics");
  j["languages"][0]["diacritics"] = "äöüäöüäöüäöüäöüäöüäöüäöüä";  // 25 letters
  expect_rejected(j, "at most 24");
  j["languages"][0]["diacritics"] = 5;
  expect_rejected(j, "diacritics");
}

TEST_CASE("LanguageTable::parse reads the read-aloud voice and rejects a name that is none", "[languages]") {
  json j = valid_table();
  j["languages"][0]["voice"] = "de";
  j["languages"][2]["voice"] = "cmn-latn-pinyin";
  const auto t = parse(j);
  CHECK(t.find("de")->voice == "de");
  CHECK(t.find("en")->voice.empty());  // no voice: no speaker button
  j["languages"][0]["voice"] = "../../etc/passwd";
  expect_rejected(j, "voice");
  j["languages"][0]["voice"] = "De";
  expect_rejected(j, "espeak-ng voice name");
  j["languages"][0]["voice"] = 3;
  expect_rejected(j, "voice");
}

TEST_CASE("LanguageTable::parse rejects a bad direction", "[languages]") {
  json j = valid_table();
  j["languages"][0]["direction"] = "rtl-ish";
  expect_rejected(j, "direction");
  j["languages"][0]["direction"] = "RTL";
  expect_rejected(j, "\"RTL\"");
}

TEST_CASE("LanguageTable::parse rejects an unknown font", "[languages]") {
  json j = valid_table();
  j["languages"][2]["fonts"] = {"arabic", "naskh"};
  expect_rejected(j, "unknown font \"naskh\"");
  j["languages"][2]["fonts"] = json::array();
  expect_rejected(j, "at least one font");
}

TEST_CASE("LanguageTable::parse rejects a duplicate code", "[languages]") {
  json j = valid_table();
  j["languages"][2]["code"] = "de";
  expect_rejected(j, "duplicate language \"de\"");
}

TEST_CASE("LanguageTable::parse rejects fallbacks to unknown languages or to itself", "[languages]") {
  SECTION("unknown") {
    json j = valid_table();
    j["languages"][0]["fallback"] = {"xx"};
    expect_rejected(j, "unknown language \"xx\"");
  }
  SECTION("itself") {
    json j = valid_table();
    j["languages"][0]["fallback"] = {"de"};
    expect_rejected(j, "falls back to itself");
  }
  SECTION("source not in the list") {
    json j = valid_table();
    j["source"] = "fr";
    expect_rejected(j, "\"fr\" is not in the languages list");
  }
}

TEST_CASE("LanguageTable::parse rejects rows with missing keys", "[languages]") {
  for (const char* key : {"code", "icu", "native_name", "direction", "script", "fonts", "keyboard", "fallback"}) {
    INFO("removing " << key);
    json j = valid_table();
    j["languages"][1].erase(key);
    expect_rejected(j, std::string("missing key \"") + key + "\"");
  }
  json j = valid_table();
  j.erase("source");
  expect_rejected(j, "missing key \"source\"");
  j = valid_table();
  j["fonts"]["latin"].erase("file");
  expect_rejected(j, "missing key \"file\"");
}

TEST_CASE("LanguageTable::parse rejects wrong types and malformed values", "[languages]") {
  SECTION("not JSON") {
    CHECK_THROWS_AS(LanguageTable::parse("{ \"source\": ", kOrigin), TextDataError);
  }
  SECTION("top level not an object") {
    expect_rejected(json::array(), "expected an object");
    expect_rejected(json("en"), "expected an object");
  }
  SECTION("fonts not an object, or empty") {
    json j = valid_table();
    j["fonts"] = json::array();
    expect_rejected(j, "fonts");
    j["fonts"] = json::object();
    expect_rejected(j, "fonts");
  }
  SECTION("languages empty or not an array") {
    json j = valid_table();
    j["languages"] = json::array();
    expect_rejected(j, "languages");
    j["languages"] = json::object();
    expect_rejected(j, "languages");
  }
  SECTION("a row that is not an object") {
    json j = valid_table();
    j["languages"][1] = "en";
    expect_rejected(j, "languages[1]");
  }
  SECTION("a code that is not 2-3 lower-case letters") {
    json j = valid_table();
    j["languages"][0]["code"] = "DE";
    expect_rejected(j, "\"DE\"");
    j["languages"][0]["code"] = "de-AT";  // a region is not a script
    expect_rejected(j, "\"de-AT\"");
    j["languages"][0]["code"] = "sr-latn";
    expect_rejected(j, "\"sr-latn\"");
    j["languages"][0]["code"] = "sr-";
    expect_rejected(j, "\"sr-\"");
    j["languages"][0]["code"] = "sr-Latn-RS";
    expect_rejected(j, "\"sr-Latn-RS\"");
  }
  SECTION("a code with its script is a language of its own") {
    json j = valid_table();
    j["languages"][0]["code"] = "sr-Latn";
    CHECK(parse(j).find("sr-Latn") != nullptr);
  }
  SECTION("a script that is not 4 letters") {
    json j = valid_table();
    j["languages"][0]["script"] = "Latin";
    expect_rejected(j, "script");
  }
  SECTION("a string field holding a number") {
    json j = valid_table();
    j["languages"][0]["keyboard"] = 7;
    expect_rejected(j, "expected a string");
  }
  SECTION("an empty required string") {
    json j = valid_table();
    j["languages"][0]["native_name"] = "";
    expect_rejected(j, "must not be empty");
  }
  SECTION("fallback not an array of strings") {
    json j = valid_table();
    j["languages"][0]["fallback"] = "en";
    expect_rejected(j, "fallback");
    j["languages"][0]["fallback"] = {1};
    expect_rejected(j, "fallback");
  }
  SECTION("font index and scale out of range") {
    json j = valid_table();
    j["fonts"]["cjk"]["index"] = 64;
    expect_rejected(j, "index");
    j = valid_table();
    j["fonts"]["cjk"]["index"] = "2";
    expect_rejected(j, "index");
    j = valid_table();
    j["fonts"]["arabic"]["scale"] = 3.0;
    expect_rejected(j, "scale");
  }
}

TEST_CASE("LanguageTable::load names the file when it cannot be read", "[languages]") {
  try {
    LanguageTable::load("/nonexistent/dir/languages.json");
    FAIL("load of a missing file succeeded");
  } catch (const TextDataError& e) {
    CHECK(std::string(e.what()).find("/nonexistent/dir/languages.json") != std::string::npos);
  }
}

// languages.hpp promises a TextDataError for a "fallback cycle"; parse() does
// not look for cycles (chain() follows only one level, so nothing loops, but
// the documented contract is not met).
TEST_CASE("LanguageTable::parse rejects a fallback cycle as documented", "[languages]") {
  json j = valid_table();
  j["languages"][0]["fallback"] = {"ar"};
  j["languages"][2]["fallback"] = {"de"};
  expect_rejected(j, "fallback");
}
