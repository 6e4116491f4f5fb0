// Country lists on ICU: Locale::getISOCountries() for the codes,
// getDisplayCountry() for the names, Collator for the order, Normalizer2 and
// case folding for search. One cache entry per locale string, behind a mutex.
#include "kiosk/text/countries.hpp"

#include <unicode/coll.h>
#include <unicode/locid.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/uregion.h>

#include <algorithm>
#include <array>
#include <map>
#include <memory>
#include <mutex>

#include "kiosk/text/utf8.hpp"

namespace wk::text {
namespace {

// See countries.hpp for why each is left out.
constexpr std::array<std::string_view, 10> kExcluded = {"AQ", "BV", "GS", "HM", "IO", "TF", "UM", "DG", "EA", "IC"};

// Accepts BCP 47 tags ("zh-Hans-CN") and ICU ids ("zh_Hans_CN").
icu::Locale make_locale(const std::string& name) {
  UErrorCode status = U_ZERO_ERROR;
  icu::Locale tag = icu::Locale::forLanguageTag(name, status);
  if (U_SUCCESS(status) && !tag.isBogus()) return tag;
  return icu::Locale(name.c_str());
}

std::string to_utf8(const icu::UnicodeString& u) {
  std::string out;
  u.toUTF8String(out);
  return out;
}

// True if ICU's region data calls `code` a territory: a country or dependency one can hold
// the nationality of, never a grouping such as Europe (150), the EU or the UN.
bool is_territory(const char* code) {
  UErrorCode status = U_ZERO_ERROR;
  const URegion* region = uregion_getRegionFromCode(code, &status);
  return U_SUCCESS(status) && region && uregion_getType(region) == URGN_TERRITORY;
}

// The display name of an upper-case alpha-2 `code`; empty if ICU has none.
icu::UnicodeString display_name(const char* code, const icu::Locale& display) {
  icu::UnicodeString name;
  icu::Locale("", code).getDisplayCountry(display, name);
  if (name == icu::UnicodeString(code, -1, US_INV)) name.remove();
  return name;
}

std::vector<Country> build(const std::string& icu_locale) {
  const icu::Locale display = make_locale(icu_locale);
  struct Entry {
    icu::UnicodeString name;
    Country country;
  };
  std::vector<Entry> entries;
  for (const char* const* code = icu::Locale::getISOCountries(); *code; ++code) {
    if (std::find(kExcluded.begin(), kExcluded.end(), std::string_view(*code)) != kExcluded.end()) continue;
    if (!is_territory(*code)) continue;
    icu::UnicodeString name = display_name(*code, display);
    if (name.isEmpty()) continue;
    std::string utf8 = to_utf8(name);
    entries.push_back({std::move(name), Country{*code, std::move(utf8)}});
  }

  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::Collator> collator(icu::Collator::createInstance(display, status));
  if (U_SUCCESS(status) && collator) {
    std::sort(entries.begin(), entries.end(), [&](const Entry& a, const Entry& b) {
      UErrorCode s = U_ZERO_ERROR;
      const UCollationResult r = collator->compare(a.name, b.name, s);
      return r != UCOL_EQUAL ? r == UCOL_LESS : a.country.code < b.country.code;
    });
  } else {  // no collation data: code point order is still deterministic
    std::sort(entries.begin(), entries.end(), [](const Entry& a, const Entry& b) { return a.name < b.name; });
  }

  std::vector<Country> out;
  out.reserve(entries.size());
  for (Entry& e : entries) out.push_back(std::move(e.country));
  return out;
}

// [SECTION] Search folding

bool is_ideograph(char32_t c) {
  return u_hasBinaryProperty(static_cast<UChar32>(c), UCHAR_IDEOGRAPHIC);
}

// The search key of `utf8` (see search_countries): letters, digits and
// spacing marks, lower-cased and without non-spacing marks; every other run
// as one ' ', trimmed.
std::u32string fold(std::string_view utf8) {
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(icu::StringPiece(utf8.data(), static_cast<int32_t>(utf8.size())));
  u.foldCase(U_FOLD_CASE_DEFAULT);
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfd = icu::Normalizer2::getNFDInstance(status);
  if (U_SUCCESS(status)) {
    icu::UnicodeString decomposed = nfd->normalize(u, status);
    if (U_SUCCESS(status)) u = std::move(decomposed);
  }

  std::u32string out;
  bool pending_space = false;
  for (int32_t i = 0; i < u.length(); i = u.moveIndex32(i, 1)) {
    UChar32 c = u.char32At(i);
    const uint32_t gc = U_MASK(u_charType(c));
    if (gc & (U_GC_MN_MASK | U_GC_CF_MASK)) continue;  // accents, harakat, ZWNJ
    if (!(gc & (U_GC_L_MASK | U_GC_ND_MASK | U_GC_MC_MASK | U_GC_ME_MASK))) {
      pending_space = !out.empty();
      continue;
    }
    if (c == 0x0131) c = U'i';  // dotless ı: Turkish names typed on other keyboards
    if (pending_space) out.push_back(U' ');
    pending_space = false;
    out.push_back(static_cast<char32_t>(c));
  }
  return out;
}

bool matches(const std::u32string& name, const std::u32string& query) {
  if (query.size() > name.size()) return false;
  for (std::size_t i = 0; i + query.size() <= name.size(); ++i) {
    const bool word_start = i == 0 || name[i - 1] == U' ' || is_ideograph(name[i - 1]) || is_ideograph(name[i]);
    if (word_start && name.compare(i, query.size(), query) == 0) return true;
  }
  return false;
}

}  // namespace

std::vector<Country> countries(const std::string& icu_locale) {
  static std::mutex mutex;
  static std::map<std::string, std::vector<Country>, std::less<>> cache;
  std::lock_guard<std::mutex> lock(mutex);
  auto it = cache.find(icu_locale);
  if (it == cache.end()) it = cache.emplace(icu_locale, build(icu_locale)).first;
  return it->second;
}

std::string country_name(const std::string& code, const std::string& icu_locale) {
  if (code.size() != 2) return "";
  char upper[3] = {0, 0, 0};
  for (std::size_t i = 0; i < 2; ++i) {
    const char c = code[i];
    if (c >= 'a' && c <= 'z') {
      upper[i] = static_cast<char>(c - 'a' + 'A');
    } else if (c >= 'A' && c <= 'Z') {
      upper[i] = c;
    } else {
      return "";
    }
  }
  return to_utf8(display_name(upper, make_locale(icu_locale)));
}

std::vector<Country> search_countries(const std::vector<Country>& list, std::string_view query,
                                      [[maybe_unused]] const std::string& icu_locale) {
  if (!is_valid_utf8(query)) return {};
  const std::u32string q = fold(query);
  if (q.empty()) return list;
  std::vector<Country> out;
  for (const Country& c : list)
    if (matches(fold(c.name), q)) out.push_back(c);
  return out;
}

}  // namespace wk::text
