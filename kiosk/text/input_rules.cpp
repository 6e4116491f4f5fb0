// Input cleaning and validation on ICU: Normalizer2 (NFC), the character
// BreakIterator over UTF-8 UText (grapheme clusters with byte offsets),
// u_charType / uscript_getScript (which letters are which), u_charDigitValue
// (digits of every script in dates).
#include "kiosk/text/input_rules.hpp"

#include <unicode/brkiter.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/utext.h>
#include <unicode/utf8.h>

#include <climits>
#include <cstdint>
#include <cstdio>
#include <ctime>
#include <memory>

#include "kiosk/text/utf8.hpp"

namespace wk::text {
namespace {

// [SECTION] Character classes

bool in_category(char32_t c, uint32_t gc_mask) {
  return (U_MASK(u_charType(static_cast<UChar32>(c))) & gc_mask) != 0;
}
bool is_letter(char32_t c) {
  return in_category(c, U_GC_L_MASK);
}
bool is_mark(char32_t c) {
  return in_category(c, U_GC_M_MASK);
}

// Invisible characters that clean_text drops (besides the Cc controls).
bool is_dropped_format_char(char32_t c) {
  return c == 0x200E || c == 0x200F || (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069) || c == 0x061C ||
         c == 0xFEFF;
}

bool is_apostrophe(char32_t c) {
  return c == U'\'' || c == 0x2019 || c == 0x02BC || c == 0x02BB;
}

bool is_ascii_digit(char c) {
  return c >= '0' && c <= '9';
}
bool is_ascii_letter(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

// [SECTION] Grapheme clusters over possibly invalid UTF-8

struct UTextCloser {
  void operator()(UText* t) const { utext_close(t); }
};
using UTextPtr = std::unique_ptr<UText, UTextCloser>;

std::unique_ptr<icu::BreakIterator> character_breaker() {
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::BreakIterator> bi(icu::BreakIterator::createCharacterInstance(icu::Locale::getRoot(), status));
  if (U_FAILURE(status)) bi.reset();
  return bi;
}

// Calls piece(offset, length, valid) for each maximal valid UTF-8 run and for
// each single byte of every invalid sequence, in order.
template <class F>
void for_each_piece(std::string_view s, F&& piece) {
  const auto* p = reinterpret_cast<const uint8_t*>(s.data());
  const auto n = static_cast<int32_t>(s.size());
  int32_t run_start = 0;
  for (int32_t i = 0; i < n;) {
    const int32_t at = i;
    UChar32 c;
    U8_NEXT(p, i, n, c);
    if (c >= 0) continue;
    if (at > run_start) piece(std::size_t(run_start), std::size_t(at - run_start), true);
    for (int32_t b = at; b < i; ++b) piece(std::size_t(b), std::size_t(1), false);
    run_start = i;
  }
  if (n > run_start) piece(std::size_t(run_start), std::size_t(n - run_start), true);
}

// Points `bi` at valid UTF-8 `run`; returns the UText that must outlive its use.
UTextPtr set_utf8_text(icu::BreakIterator& bi, std::string_view run) {
  UErrorCode status = U_ZERO_ERROR;
  UTextPtr ut(utext_openUTF8(nullptr, run.data(), static_cast<int64_t>(run.size()), &status));
  if (U_SUCCESS(status)) bi.setText(ut.get(), status);
  if (U_FAILURE(status)) ut.reset();
  return ut;
}

std::size_t count_clusters(icu::BreakIterator* bi, std::string_view valid_run) {
  UTextPtr ut;
  if (bi) ut = set_utf8_text(*bi, valid_run);
  if (!ut) return code_points(valid_run).size();  // no ICU break data: code points
  std::size_t count = 0;
  bi->first();
  while (bi->next() != icu::BreakIterator::DONE) ++count;
  return count;
}

// [SECTION] Date helpers

bool is_leap(int y) {
  return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int days_in_month(int y, int m) {
  static constexpr int kDays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && is_leap(y) ? 29 : kDays[m - 1];
}

// `s` as a number if it is min_len..max_len ASCII digits (max_len <= 4, no overflow).
std::optional<int> parse_number(std::string_view s, std::size_t min_len, std::size_t max_len) {
  if (s.size() < min_len || s.size() > max_len) return std::nullopt;
  int v = 0;
  for (char c : s) {
    if (!is_ascii_digit(c)) return std::nullopt;
    v = v * 10 + (c - '0');
  }
  return v;
}

// [SECTION] Residence helpers

bool is_postal_code(std::string_view s) {
  if (s.size() != 5) return false;
  for (char c : s)
    if (!is_ascii_digit(c)) return false;
  return !(s[0] == '0' && s[1] == '0');  // German codes run 01001..99998
}

bool is_place_name(std::string_view s) {
  if (s.empty() || !is_valid_utf8(s)) return false;
  bool letter = false;
  for (char32_t c : code_points(s)) {
    if (is_letter(c)) {
      letter = true;
    } else if (is_mark(c) || c == U' ' || c == U'-' || c == U'.' || c == U'(' || c == U')' || is_apostrophe(c) ||
               c == 0x200C || c == 0x200D) {
      continue;
    } else {
      return false;
    }
  }
  return letter;
}

}  // namespace

// [SECTION] Cleaning

Cleaned clean_text(std::string_view input, std::size_t max_graphemes) {
  if (!is_valid_utf8(input)) return {"", "input.invalid"};

  icu::UnicodeString text;
  bool pending_space = false;
  for (char32_t c : code_points(input)) {
    if (is_dropped_format_char(c)) continue;
    if (u_isUWhiteSpace(static_cast<UChar32>(c))) {
      pending_space = !text.isEmpty();
      continue;
    }
    if (u_charType(static_cast<UChar32>(c)) == U_CONTROL_CHAR) continue;
    if (pending_space) text.append(UChar(u' '));
    pending_space = false;
    text.append(static_cast<UChar32>(c));
  }

  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(status);
  if (U_SUCCESS(status)) {
    icu::UnicodeString normalized = nfc->normalize(text, status);
    if (U_FAILURE(status)) return {"", "input.invalid"};
    text = std::move(normalized);
  }

  // A cluster holds at least one code point, so short text needs no segmentation.
  if (static_cast<std::size_t>(text.countChar32()) > max_graphemes) {
    std::size_t clusters = 0;
    auto bi = character_breaker();
    if (bi) {
      bi->setText(text);
      bi->first();
      while (bi->next() != icu::BreakIterator::DONE && clusters <= max_graphemes) ++clusters;
    } else {
      clusters = static_cast<std::size_t>(text.countChar32());
    }
    if (clusters > max_graphemes) return {"", "input.too_long"};
  }

  Cleaned out;
  text.toUTF8String(out.text);
  return out;
}

std::size_t grapheme_count(std::string_view utf8) {
  if (utf8.size() > static_cast<std::size_t>(INT32_MAX)) return utf8.size();  // bytes bound clusters from above
  auto bi = character_breaker();
  std::size_t count = 0;
  for_each_piece(utf8, [&](std::size_t off, std::size_t len, bool valid) {
    count += valid ? count_clusters(bi.get(), utf8.substr(off, len)) : 1;
  });
  return count;
}

std::string erase_last_grapheme(std::string_view utf8) {
  if (utf8.empty()) return {};
  if (utf8.size() > static_cast<std::size_t>(INT32_MAX)) return std::string(utf8.substr(0, utf8.size() - 1));

  std::size_t last_off = 0, last_len = 0;
  bool last_valid = false;
  for_each_piece(utf8, [&](std::size_t off, std::size_t len, bool valid) {
    last_off = off;
    last_len = len;
    last_valid = valid;
  });
  if (!last_valid) return std::string(utf8.substr(0, last_off));  // one bad byte

  const std::string_view run = utf8.substr(last_off, last_len);
  auto bi = character_breaker();
  UTextPtr ut;
  if (bi) ut = set_utf8_text(*bi, run);
  std::size_t keep = 0;
  if (ut) {
    bi->last();
    const int32_t start = bi->previous();  // UTF-8 UText: native indexes are byte offsets
    keep = start == icu::BreakIterator::DONE ? 0 : static_cast<std::size_t>(start);
  } else {  // no ICU break data: drop one code point
    const auto* p = reinterpret_cast<const uint8_t*>(run.data());
    int32_t i = static_cast<int32_t>(run.size());
    U8_BACK_1(p, 0, i);
    keep = static_cast<std::size_t>(i);
  }
  return std::string(utf8.substr(0, last_off + keep));
}

// [SECTION] Names

std::string check_latin_name(std::string_view cleaned) {
  if (!is_valid_utf8(cleaned)) return "input.invalid";
  if (cleaned.empty()) return "name.required";
  bool letter = false, foreign = false, other = false;
  for (char32_t c : code_points(cleaned)) {
    if (c == U' ' || c == U'-' || c == U'.' || is_apostrophe(c)) continue;
    if (is_letter(c)) {
      UErrorCode status = U_ZERO_ERROR;
      const UScriptCode script = uscript_getScript(static_cast<UChar32>(c), &status);
      if (U_SUCCESS(status) && script == USCRIPT_LATIN) {
        letter = true;
      } else {
        foreign = true;
      }
    } else if (!is_mark(c)) {
      other = true;
    }
  }
  if (foreign) return "name.latin_only";
  if (other) return "name.invalid_characters";
  if (!letter) return "name.no_letters";
  return "";
}

std::string check_native_name(std::string_view cleaned) {
  if (!is_valid_utf8(cleaned)) return "input.invalid";
  if (cleaned.empty()) return "name.required";
  bool letter = false, other = false;
  for (char32_t c : code_points(cleaned)) {
    if (is_letter(c)) {
      letter = true;
    } else if (!(is_mark(c) || c == U' ' || c == U'-' || c == U'.' || is_apostrophe(c) || c == 0x00B7 || c == 0x30FB ||
                 c == 0x200C || c == 0x200D)) {
      other = true;
    }
  }
  if (other) return "name.invalid_characters";
  if (!letter) return "name.no_letters";
  return "";
}

// [SECTION] E-mail

std::string check_email(std::string_view s) {
  static constexpr std::string_view kInvalid = "email.invalid";
  static constexpr std::string_view kAtextSpecials = "!#$%&'*+-/=?^_`{|}~";
  if (s.size() > 254) return std::string(kInvalid);
  const std::size_t at = s.find('@');
  if (at == std::string_view::npos || s.find('@', at + 1) != std::string_view::npos) return std::string(kInvalid);
  const std::string_view local = s.substr(0, at), domain = s.substr(at + 1);

  if (local.empty() || local.size() > 64 || local.front() == '.' || local.back() == '.') return std::string(kInvalid);
  char prev = 0;
  for (char c : local) {
    const bool ok =
        is_ascii_letter(c) || is_ascii_digit(c) || c == '.' || kAtextSpecials.find(c) != std::string_view::npos;
    if (!ok || (c == '.' && prev == '.')) return std::string(kInvalid);
    prev = c;
  }

  // Domain: dot-separated labels; `label` ends as the last one (the TLD).
  std::size_t dots = 0;
  std::string_view label;
  for (std::size_t start = 0;;) {
    const std::size_t dot = domain.find('.', start);
    label = domain.substr(start, dot == std::string_view::npos ? std::string_view::npos : dot - start);
    if (label.empty() || label.size() > 63 || label.front() == '-' || label.back() == '-') return std::string(kInvalid);
    for (char c : label)
      if (!(is_ascii_letter(c) || is_ascii_digit(c) || c == '-')) return std::string(kInvalid);
    if (dot == std::string_view::npos) break;
    ++dots;
    start = dot + 1;
  }
  if (dots == 0 || label.size() < 2) return std::string(kInvalid);
  for (char c : label)
    if (!is_ascii_letter(c)) return std::string(kInvalid);
  return "";
}

// [SECTION] Dates

bool is_valid_date(const Date& d) {
  return d.year >= 1 && d.year <= 9999 && d.month >= 1 && d.month <= 12 && d.day >= 1 &&
         d.day <= days_in_month(d.year, d.month);
}

namespace {

// The day, month and year `text` spells (see parse_date), whether or not such a date exists.
std::optional<Date> date_parts(std::string_view text) {
  if (text.size() > 64 || !is_valid_utf8(text)) return std::nullopt;
  // Fold to ASCII: digits of any system to '0'..'9'; separators kept; spaces only at the ends.
  std::string ascii;
  for (char32_t c : code_points(text)) {
    const auto uc = static_cast<UChar32>(c);
    if (u_charType(uc) == U_DECIMAL_DIGIT_NUMBER) {
      ascii.push_back(static_cast<char>('0' + u_charDigitValue(uc)));
    } else if (c == U'-' || c == U'.' || c == U'/') {
      ascii.push_back(static_cast<char>(c));
    } else if (u_isUWhiteSpace(uc)) {
      ascii.push_back(' ');
    } else {
      return std::nullopt;
    }
  }
  const std::size_t first = ascii.find_first_not_of(' ');
  if (first == std::string::npos) return std::nullopt;
  const std::string_view s = std::string_view(ascii).substr(first, ascii.find_last_not_of(' ') + 1 - first);

  std::optional<int> y, m, day;
  if (s.size() == 10 && s[4] == '-' && s[7] == '-') {
    y = parse_number(s.substr(0, 4), 4, 4);
    m = parse_number(s.substr(5, 2), 2, 2);
    day = parse_number(s.substr(8, 2), 2, 2);
  } else {
    const std::size_t a = s.find_first_of("./");
    if (a == std::string_view::npos) return std::nullopt;
    const std::size_t b = s.find(s[a], a + 1);
    if (b == std::string_view::npos) return std::nullopt;
    day = parse_number(s.substr(0, a), 1, 2);
    m = parse_number(s.substr(a + 1, b - a - 1), 1, 2);
    y = parse_number(s.substr(b + 1), 4, 4);
  }
  if (!y || !m || !day) return std::nullopt;
  return Date{*y, *m, *day};
}

}  // namespace

std::optional<Date> parse_date(std::string_view text) {
  const auto d = date_parts(text);
  if (!d || !is_valid_date(*d)) return std::nullopt;
  return d;
}

std::string date_error(std::string_view text) {
  const auto d = date_parts(text);
  if (!d) return "date.format";
  return is_valid_date(*d) ? "" : "date.invalid";
}

std::string to_iso(const Date& d) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", d.year, d.month, d.day);
  return buf;
}

std::string check_birth_date(const Date& d, const Date& today) {
  if (!is_valid_date(d)) return "date.invalid";
  if (d > today) return "date.in_future";
  // Compared as (year, month, day) tuples, so 29 February needs no special case.
  if (d < Date{today.year - 120, today.month, today.day}) return "date.too_old";
  return "";
}

std::string check_past_or_today(const Date& d, const Date& today) {
  if (!is_valid_date(d)) return "date.invalid";
  if (d > today) return "date.in_future";
  return "";
}

Date today_local() {
  const std::time_t now = std::time(nullptr);
  std::tm local{};
  localtime_r(&now, &local);
  return Date{local.tm_year + 1900, local.tm_mon + 1, local.tm_mday};
}

// [SECTION] Residence

std::string check_residence(std::string_view cleaned) {
  if (is_postal_code(cleaned) || is_place_name(cleaned)) return "";
  if (cleaned.size() > 6 && is_postal_code(cleaned.substr(0, 5)) && cleaned[5] == ' ' &&
      is_place_name(cleaned.substr(6)))
    return "";
  return "residence.invalid";
}

}  // namespace wk::text
