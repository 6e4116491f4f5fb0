// Tests for kiosk/text/countries: the list per display language (size,
// exclusions, localized names, collation order, caching), country_name, and
// accent-, case- and harakat-insensitive search in German, Arabic, Chinese.
#include "kiosk/text/countries.hpp"

#include <unicode/coll.h>
#include <unicode/locid.h>
#include <unicode/unistr.h>
#include <unicode/uregion.h>

#include <catch2/catch.hpp>

#include <algorithm>
#include <memory>
#include <set>
#include <string>
#include <thread>

using namespace wk::text;

namespace {

std::ptrdiff_t index_of(const std::vector<Country>& list, const std::string& code) {
  const auto it = std::find_if(list.begin(), list.end(), [&](const Country& c) { return c.code == code; });
  return it == list.end() ? -1 : it - list.begin();
}

std::string name_of(const std::vector<Country>& list, const std::string& code) {
  const auto i = index_of(list, code);
  return i < 0 ? "" : list[static_cast<std::size_t>(i)].name;
}

std::set<std::string> codes(const std::vector<Country>& list) {
  std::set<std::string> out;
  for (const Country& c : list) out.insert(c.code);
  return out;
}

}  // namespace

TEST_CASE("countries lists every sensible country with a localized name", "[countries]") {
  for (const char* locale : {"de-DE", "ar", "zh-Hans-CN", "de", "en-GB", "fa-IR", "uk-UA", "tr-TR"}) {
    INFO(locale);
    const auto list = countries(locale);
    CHECK(list.size() > 190);
    CHECK(codes(list).size() == list.size());  // no duplicates
    for (const Country& c : list) {
      CHECK(c.code.size() == 2);
      CHECK(std::all_of(c.code.begin(), c.code.end(), [](char ch) { return ch >= 'A' && ch <= 'Z'; }));
      CHECK(!c.name.empty());
      CHECK(c.name != c.code);
    }
    const auto set = codes(list);
    for (const char* code : {"DE", "SY", "UA", "TR", "AF", "IN", "CN", "XK", "PS", "ER"}) CHECK(set.count(code) == 1);
    for (const char* code : {"AQ", "BV", "HM", "TF", "UM", "GS", "IO", "DG", "EA", "IC"}) CHECK(set.count(code) == 0);
    // Countries only (issue 21): no region or grouping (Europe, the EU, the UN, Eurozone).
    for (const char* code : {"EU", "EZ", "UN", "QO", "ZZ"}) CHECK(set.count(code) == 0);
    icu::UnicodeString europe;
    UErrorCode tag_status = U_ZERO_ERROR;
    icu::Locale("", "150").getDisplayCountry(icu::Locale::forLanguageTag(locale, tag_status), europe);
    std::string europe_name;
    europe.toUTF8String(europe_name);
    for (const Country& c : list) {
      INFO(c.code << " " << c.name);
      CHECK(c.name != europe_name);
      UErrorCode st = U_ZERO_ERROR;
      const URegion* r = uregion_getRegionFromCode(c.code.c_str(), &st);
      REQUIRE(U_SUCCESS(st));
      CHECK(uregion_getType(r) == URGN_TERRITORY);
    }
  }
}

TEST_CASE("countries names are in the display language", "[countries]") {
  CHECK(name_of(countries("de-DE"), "DE") == "Deutschland");
  CHECK(name_of(countries("ar"), "DE") == "\u0623\u0644\u0645\u0627\u0646\u064A\u0627");  // ألمانيا
  CHECK(name_of(countries("zh-Hans-CN"), "DE") == "\u5FB7\u56FD");                        // 德国
  CHECK(name_of(countries("de-DE"), "TR") == "T\u00FCrkei");
  CHECK(name_of(countries("de-DE"), "SY") == "Syrien");
  CHECK(name_of(countries("de_DE"), "DE") == "Deutschland");  // ICU id form works too
}

TEST_CASE("countries are sorted by the display language's collator", "[countries]") {
  for (const char* locale : {"de-DE", "ar", "zh-Hans-CN", "tr-TR"}) {
    INFO(locale);
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::Collator> coll(
        icu::Collator::createInstance(icu::Locale::forLanguageTag(locale, status), status));
    REQUIRE(U_SUCCESS(status));
    const auto list = countries(locale);
    for (std::size_t i = 1; i < list.size(); ++i) {
      const auto a = icu::UnicodeString::fromUTF8(list[i - 1].name), b = icu::UnicodeString::fromUTF8(list[i].name);
      INFO(list[i - 1].name << " / " << list[i].name);
      CHECK(coll->compare(a, b, status) != UCOL_GREATER);
    }
  }
  // German: Ö sorts with O (between Oman and Pakistan), not after Z as in byte order.
  const auto de = countries("de-DE");
  const auto at = index_of(de, "AT"), om = index_of(de, "OM"), pk = index_of(de, "PK");
  REQUIRE(at >= 0);
  CHECK(om < at);
  CHECK(at < pk);
  CHECK(at < index_of(de, "ZW"));
  CHECK(de.front().code == "AF");                  // Afghanistan; Ägypten comes after it, not at the end
  CHECK(index_of(de, "EG") < index_of(de, "AL"));  // Ägypten < Albanien
}

TEST_CASE("countries caches per locale and is thread-safe", "[countries]") {
  const auto first = countries("fr-FR");
  std::vector<std::thread> threads;
  std::vector<std::size_t> sizes(4);
  for (std::size_t t = 0; t < 4; ++t)
    threads.emplace_back([t, &sizes] { sizes[t] = countries(t % 2 ? "es-ES" : "fr-FR").size(); });
  for (auto& th : threads) th.join();
  const auto again = countries("fr-FR");
  REQUIRE(first.size() == again.size());
  for (std::size_t i = 0; i < first.size(); ++i) CHECK(first[i].code == again[i].code);
  CHECK(sizes[0] == first.size());
  CHECK(sizes[1] == countries("es-ES").size());
}

TEST_CASE("country_name", "[countries]") {
  CHECK(country_name("DE", "de-DE") == "Deutschland");
  CHECK(country_name("de", "de-DE") == "Deutschland");
  CHECK(country_name("DE", "ar") == "\u0623\u0644\u0645\u0627\u0646\u064A\u0627");
  CHECK(country_name("DE", "zh-Hans-CN") == "\u5FB7\u56FD");
  CHECK(country_name("UA", "uk-UA") == "\u0423\u043A\u0440\u0430\u0457\u043D\u0430");  // Україна
  CHECK(country_name("AQ", "de-DE") == "Antarktis");  // excluded from the list, still nameable
  CHECK(country_name("QQ", "de-DE") == "");
  CHECK(country_name("", "de-DE") == "");
  CHECK(country_name("D", "de-DE") == "");
  CHECK(country_name("DEU", "de-DE") == "");
  CHECK(country_name("1E", "de-DE") == "");
  CHECK(country_name(std::string("\xC3\x9C"
                                 "A"),
                     "de-DE") == "");
}

TEST_CASE("search_countries ignores case and accents in German", "[countries]") {
  const auto de = countries("de-DE");
  auto hits = search_countries(de, "turk", "de-DE");
  CHECK(index_of(hits, "TR") >= 0);  // Türkei
  CHECK(index_of(hits, "TM") >= 0);  // Turkmenistan
  CHECK(index_of(hits, "DE") < 0);
  hits = search_countries(de, "syr", "de-DE");
  REQUIRE(hits.size() == 1);
  CHECK(hits[0].code == "SY");
  CHECK(index_of(search_countries(de, "SYR", "de-DE"), "SY") >= 0);
  CHECK(index_of(search_countries(de, "oster", "de-DE"), "AT") >= 0);
  CHECK(index_of(search_countries(de, "ÖSTER", "de-DE"), "AT") >= 0);
  CHECK(index_of(search_countries(de, "agypten", "de-DE"), "EG") >= 0);
  CHECK(index_of(search_countries(de, "cote d iv", "de-DE"), "CI") >= 0);
  CHECK(index_of(search_countries(de, "côte d'ivoire", "de-DE"), "CI") >= 0);
  CHECK(index_of(search_countries(de, "gross", "de-DE"), "GB") < 0);  // "Königreich", no word starts with gross
  // Word prefixes: "arabien" starts a word in "Saudi-Arabien" and "Vereinigte Arabische Emirate".
  hits = search_countries(de, "arab", "de-DE");
  CHECK(index_of(hits, "SA") >= 0);
  CHECK(index_of(hits, "AE") >= 0);
  hits = search_countries(de, "kongo", "de-DE");
  CHECK(index_of(hits, "CD") >= 0);
  CHECK(index_of(hits, "CG") >= 0);
  CHECK(index_of(search_countries(de, "rkei", "de-DE"), "TR") < 0);  // not inside a word
  CHECK(search_countries(de, "xyzzy", "de-DE").empty());
}

TEST_CASE("search_countries keeps list order and handles empty and bad queries", "[countries]") {
  const auto de = countries("de-DE");
  CHECK(search_countries(de, "", "de-DE").size() == de.size());
  CHECK(search_countries(de, "  - ", "de-DE").size() == de.size());
  CHECK(search_countries(de, std::string("t\xFF"), "de-DE").empty());
  const auto hits = search_countries(de, "s", "de-DE");
  for (std::size_t i = 1; i < hits.size(); ++i) CHECK(index_of(de, hits[i - 1].code) < index_of(de, hits[i].code));
  CHECK(search_countries({}, "de", "de-DE").empty());
}

TEST_CASE("search_countries in Arabic ignores hamza forms and harakat", "[countries]") {
  const auto ar = countries("ar");
  auto hits = search_countries(ar, "\u0633\u0648\u0631", "ar");  // سور
  CHECK(index_of(hits, "SY") >= 0);                              // سوريا
  CHECK(index_of(hits, "DE") < 0);
  CHECK(index_of(search_countries(ar, "\u0627\u0644\u0645\u0627\u0646", "ar"), "DE") >= 0);  // المان -> ألمانيا
  CHECK(index_of(search_countries(ar, "\u0623\u0644\u0645\u0627\u0646", "ar"), "DE") >= 0);  // ألمان
  CHECK(index_of(search_countries(ar, "\u0639\u0645\u0627\u0646", "ar"), "OM") >= 0);        // عمان -> عُمان
  CHECK(index_of(search_countries(ar, "\u0639\u064F\u0645\u0627\u0646", "ar"), "OM") >= 0);  // with damma
}

TEST_CASE("search_countries in Chinese matches at any character", "[countries]") {
  const auto zh = countries("zh-Hans-CN");
  CHECK(index_of(search_countries(zh, "\u5FB7", "zh-Hans-CN"), "DE") >= 0);  // 德 -> 德国
  const auto guo = search_countries(zh, "\u56FD", "zh-Hans-CN");             // 国
  CHECK(index_of(guo, "DE") >= 0);
  CHECK(index_of(guo, "US") >= 0);  // 美国
  CHECK(index_of(search_countries(zh, "\u5FB7\u56FD", "zh-Hans-CN"), "DE") >= 0);
}
