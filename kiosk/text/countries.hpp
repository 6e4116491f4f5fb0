// Countries for the "country of origin" and "nationality" pickers: ISO 3166-1
// alpha-2 codes with names in the display language (ICU's CLDR data), sorted
// the way that language sorts (ICU Collator), and a forgiving search that
// matches "turk" to "Türkei" and "سور" to "سوريا". The code is what is
// stored; names exist only on screen.
//
// Which codes are listed: ICU's Locale::getISOCountries() minus
//   - places without a permanent population, where nobody comes from:
//     AQ Antarctica, BV Bouvet Island, GS South Georgia, HM Heard and
//     McDonald Islands, IO British Indian Ocean Territory, TF French Southern
//     Territories, UM U.S. Outlying Islands;
//   - CLDR's exceptional reservations that ICU lists but that are parts of
//     another listed country: DG Diego Garcia (IO), EA Ceuta and Melilla,
//     IC Canary Islands (both Spain);
//   - any code ICU has no name for in the display language (it would show
//     the bare code).
// XK (Kosovo, user-assigned, used by the EU and German authorities) stays.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace wk::text {

struct Country {
  std::string code;  // ISO 3166-1 alpha-2, "DE"
  std::string name;  // in the display language, "Deutschland"
};

// All listed countries, named and sorted for `icu_locale` (a BCP 47 tag like
// "de-DE" or "zh-Hans-CN", or an ICU id like "de_DE"). Computed once per
// locale string and cached for the process; thread-safe. An unknown locale
// gets ICU's fallback names (root/default locale).
std::vector<Country> countries(const std::string& icu_locale);

// The name of `code` (case-insensitive alpha-2) in `icu_locale`, also for
// codes countries() leaves out (AQ -> "Antarktis"); "" if `code` is not two
// ASCII letters or ICU has no name for it.
std::string country_name(const std::string& code, const std::string& icu_locale);

// The entries of `list` whose name matches `query`, in list order. Matching
// is on folded text — NFD, combining marks removed, Unicode case folding,
// dotless ı as i, and every run of non-letters/non-digits as one space — so
// case, accents and harakat do not matter ("turk" finds "Türkei", "cote d iv"
// finds "Côte d’Ivoire", "المانيا" finds "ألمانيا"). The folded query must be
// a prefix of the folded name or of one of its words; in ideographic text
// every character starts a word ("国" finds "德国"). An empty query returns
// the whole list; an invalid UTF-8 query returns nothing. `icu_locale` is not
// needed by this locale-independent fold; it is part of the contract so a
// language-specific matcher can replace the fold without touching callers.
std::vector<Country> search_countries(const std::vector<Country>& list, std::string_view query,
                                      const std::string& icu_locale);

}  // namespace wk::text
