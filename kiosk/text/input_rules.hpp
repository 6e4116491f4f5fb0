// Cleaning and validating what newcomers type on the on-screen keyboard before
// it reaches the database: invisible and direction-changing characters are
// dropped, whitespace is collapsed, text is normalized to NFC and measured in
// user-perceived characters (grapheme clusters, as ICU segments them). Each
// rule answers with an error MESSAGE KEY ("name.required", "date.in_future",
// ...) or "" when the value is fine; the UI translates the key through the
// message catalog. No function here produces English text for the user, and
// none throws on bad input: invalid UTF-8, control characters and over-long
// text are ordinary values with an error key.
//
// Error keys produced here (each needs a translation in locales/*.json):
//   input.invalid  input.too_long
//   name.required  name.latin_only  name.no_letters  name.invalid_characters
//   email.invalid
//   date.format  date.invalid (for the caller: date_error() when parse_date() returned nullopt)
//   date.in_future  date.too_old
//   residence.invalid
#pragma once

#include <compare>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace wk::text {

// [SECTION] Cleaning and grapheme clusters

struct Cleaned {
  std::string text;       // the cleaned value; empty whenever error_key is set
  std::string error_key;  // "" if ok, else "input.invalid" or "input.too_long"
};

// Cleans one field of user input:
//   1. invalid UTF-8 -> {"", "input.invalid"} (nothing else is attempted);
//   2. silently drops the invisible characters that could disguise a value:
//      bidi marks/embeddings/overrides/isolates (U+200E U+200F U+202A..U+202E
//      U+2066..U+2069), the Arabic letter mark U+061C, U+FEFF, and every other
//      C0/C1 control (general category Cc). Control characters that are
//      whitespace (TAB, LF, CR, VT, FF, U+0085) count as whitespace instead;
//      ZWJ/ZWNJ (U+200D/U+200C) stay: emoji and Persian spelling need them;
//   3. collapses each run of White_Space characters (including no-break
//      spaces) to one U+0020 and trims both ends;
//   4. normalizes to NFC;
//   5. more than `max_graphemes` grapheme clusters -> {"", "input.too_long"}.
// The caller never learns what was dropped in step 2 — by design: those
// characters have no business in a name or an address.
Cleaned clean_text(std::string_view input, std::size_t max_graphemes);

// Number of grapheme clusters (ICU character break iterator, root locale).
// Each byte of an invalid UTF-8 sequence counts as one cluster.
std::size_t grapheme_count(std::string_view utf8);

// `utf8` without its last grapheme cluster — the keyboard's backspace:
// "e\u0301" goes as one, so does a ZWJ emoji sequence, a flag, or an Arabic
// letter with its harakat (ICU's extended grapheme clusters decide). If the
// text ends in invalid UTF-8, exactly one bad byte is removed. "" stays "".
std::string erase_last_grapheme(std::string_view utf8);

// [SECTION] Names
// Both take a value that went through clean_text() (NFC, trimmed, no
// controls). Invalid UTF-8 yields "input.invalid".

// The name as in the passport's machine-readable zone, in Latin letters.
// Allowed: letters of the Latin script (with any diacritics: ä ş ł ă ț é ñ),
// combining marks on them, space, hyphen '-', the apostrophes U+0027 U+2019,
// U+02BC (Ukrainian) and U+02BB (Uzbek "Gʻulom"), and the period. Returns
//   "name.required"          empty;
//   "name.latin_only"        a letter of another script (Cyrillic, Arabic, ...);
//   "name.invalid_characters" a digit, symbol or other punctuation;
//   "name.no_letters"        only punctuation, e.g. "-" or ".";
//   ""                       fine.
// The first applicable check in that order wins.
std::string check_latin_name(std::string_view cleaned);

// The name in the newcomer's own script. Allowed: letters of any script,
// combining marks, space, hyphen, the apostrophes above, period, the middle
// dots U+00B7 and U+30FB (Chinese/Japanese transcriptions of foreign names)
// and ZWNJ/ZWJ (Persian). Returns "name.required", "name.invalid_characters"
// (digits, symbols, other punctuation), "name.no_letters" or "".
std::string check_native_name(std::string_view cleaned);

// [SECTION] E-mail

// "" or "email.invalid". Accepts addr-spec in the common dot-atom form only:
// exactly one '@'; local part 1..64 characters of A-Z a-z 0-9 and
// !#$%&'*+-/=?^_`{|}~ with single dots not at either end (no quoted local
// parts); domain of at least two dot-separated labels, each 1..63 characters
// of [A-Za-z0-9-] not starting or ending with '-'; the last label (TLD) at
// least two ASCII letters; the whole address at most 254 characters.
// Internationalized addresses (non-ASCII local part or a Unicode domain not
// written in its xn-- form) are rejected: the hub's mail path is ASCII-only.
std::string check_email(std::string_view cleaned);

// [SECTION] Dates

struct Date {
  int year = 0, month = 0, day = 0;
  friend auto operator<=>(const Date&, const Date&) = default;
};

// True for a real Gregorian calendar date in years 1..9999 (leap years: every
// 4th, not every 100th, but every 400th).
bool is_valid_date(const Date& d);

// Parses "YYYY-MM-DD", "DD.MM.YYYY" or "DD/MM/YYYY". Day and month may have
// one digit in the dotted and slashed forms ("1.2.1990"); the ISO form needs
// exactly 4-2-2 digits. Digits may be from any decimal digit system
// (ASCII, Arabic-Indic ٠-٩, Persian ۰-۹, full-width, ...), mixed freely.
// Surrounding spaces are ignored. Returns nullopt for anything else and for
// dates that do not exist (29.02.2023, 31.04.2024) — the caller shows
// "date.invalid".
std::optional<Date> parse_date(std::string_view text);

// Why parse_date refuses `text`: "date.format" when it is not day, month and a four-digit
// year ("5.3.90", "tomorrow"), "date.invalid" when it is but no such day exists
// ("31.04.2024"), "" when it parses.
std::string date_error(std::string_view text);

// "YYYY-MM-DD" with ASCII digits (the stored form). `d` should be valid.
std::string to_iso(const Date& d);

// Birth date against `today`: "date.invalid" (not a real date),
// "date.in_future" (after today), "date.too_old" (more than 120 years before
// today; exactly 120 years is accepted) or "".
std::string check_birth_date(const Date& d, const Date& today);

// Dates that cannot be in the future, such as the arrival in Germany:
// "date.invalid", "date.in_future" or "".
std::string check_past_or_today(const Date& d, const Date& today);

// Today's date in the terminal's local time zone (system clock).
Date today_local();

// [SECTION] Residence

// Where the newcomer lives: "" for a German postal code (five ASCII digits,
// not starting with "00"), a place name (letters of any script and combining
// marks, with spaces, hyphens, periods, apostrophes and parentheses, e.g.
// "Frankfurt (Oder)", "St. Ingbert"), or a postal code followed by a space and
// a place name ("10115 Berlin"); "residence.invalid" otherwise (also for
// empty input and invalid UTF-8).
std::string check_residence(std::string_view cleaned);

}  // namespace wk::text
