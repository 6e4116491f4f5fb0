// Tests for kiosk/text/input_rules: cleaning (invalid UTF-8, bidi controls,
// C0/C1 controls, whitespace, NFC, length in grapheme clusters), backspace
// over grapheme clusters, Latin and native names, e-mail, dates in several
// forms and digit systems, birth and arrival date limits, and residence.
#include "kiosk/text/input_rules.hpp"

#include <catch2/catch.hpp>

#include <string>

using namespace wk::text;

namespace {
std::string bytes(std::initializer_list<unsigned char> b) {
  return std::string(b.begin(), b.end());
}
std::string repeat(std::string_view s, std::size_t n) {
  std::string out;
  for (std::size_t i = 0; i < n; ++i) out += s;
  return out;
}
}  // namespace

// [SECTION] clean_text

TEST_CASE("clean_text accepts ordinary text unchanged", "[input]") {
  for (const char* s : {"Anna", "Müller-Lüdenscheidt", "محمد", "Олена Коваленко", "王小明", "O’Brien"}) {
    const Cleaned c = clean_text(s, 100);
    CHECK(c.error_key == "");
    CHECK(c.text == s);
  }
}

TEST_CASE("clean_text rejects invalid UTF-8 with input.invalid and returns no text", "[input]") {
  for (const std::string& s : {bytes({'A', 0xFF}), bytes({0xC0, 0x80}), bytes({'a', 0xE2, 0x82}),
                               bytes({0xED, 0xA0, 0x80}) /* surrogate */, bytes({0xF4, 0x90, 0x80, 0x80})}) {
    const Cleaned c = clean_text(s, 100);
    CHECK(c.error_key == "input.invalid");
    CHECK(c.text.empty());
  }
}

TEST_CASE("clean_text removes bidi controls, U+061C and U+FEFF silently", "[input]") {
  // U+202E RIGHT-TO-LEFT OVERRIDE inside a name would display "Anna" reversed.
  CHECK(clean_text("An\u202Ena", 100).text == "Anna");
  CHECK(clean_text("An\u202Ena", 100).error_key == "");
  CHECK(clean_text("\u200EAnna\u200F", 100).text == "Anna");
  CHECK(clean_text("\u202A\u202B\u202C\u202D\u202EX", 100).text == "X");
  CHECK(clean_text("\u2066\u2067\u2068X\u2069", 100).text == "X");
  CHECK(clean_text("\u061C\u0645\u062D\u0645\u062F", 100).text == "\u0645\u062D\u0645\u062F");
  CHECK(clean_text("\xEF\xBB\xBF"
                   "Anna",
                   100)
            .text == "Anna");  // byte order mark
  CHECK(clean_text("\u202E", 100).text == "");
  CHECK(clean_text("\u202E", 100).error_key == "");
}

TEST_CASE("clean_text keeps ZWJ and ZWNJ", "[input]") {
  const std::string family = "\U0001F468\u200D\U0001F469\u200D\U0001F467";
  CHECK(clean_text(family, 10).text == family);
  const std::string persian = "\u0645\u06CC\u200C\u062E\u0648\u0627\u0647\u0645";  // می‌خواهم
  CHECK(clean_text(persian, 100).text == persian);
}

TEST_CASE("clean_text removes C0 and C1 controls, treating whitespace controls as spaces", "[input]") {
  CHECK(clean_text(std::string("An\0na", 5), 100).text == "Anna");
  CHECK(clean_text("A\x01\x02\x1B[31mB", 100).text == "A[31mB");
  CHECK(clean_text("A\x7F"
                   "B",
                   100)
            .text == "AB");                                     // DEL
  CHECK(clean_text("A\u0080\u009B\u009FB", 100).text == "AB");  // C1
  CHECK(clean_text("Anna\tMaria\nSchmidt\r\n", 100).text == "Anna Maria Schmidt");
  CHECK(clean_text("A\u0085B", 100).text == "A B");  // NEL is whitespace
}

TEST_CASE("clean_text collapses whitespace and trims", "[input]") {
  CHECK(clean_text("   Anna    Maria   ", 100).text == "Anna Maria");
  CHECK(clean_text("Anna\u00A0\u2003\u3000Maria", 100).text == "Anna Maria");  // no-break, em, ideographic
  CHECK(clean_text(" \t\n ", 100).text == "");
  CHECK(clean_text(" \t\n ", 100).error_key == "");
  CHECK(clean_text("A \u202E B", 100).text == "A B");  // removed control between spaces
  CHECK(clean_text("", 0).text == "");
}

TEST_CASE("clean_text normalizes to NFC", "[input]") {
  CHECK(clean_text("Jose\u0301", 100).text == "Jos\u00E9");
  CHECK(clean_text("Mu\u0308ller", 100).text == "M\u00FCller");
  CHECK(clean_text("s\u0327", 100).text == "\u015F");        // ş
  CHECK(clean_text("e\u202E\u0301", 100).text == "\u00E9");  // override between base and mark
  CHECK(clean_text("\u1100\u1161", 100).text == "\uAC00");   // Hangul jamo compose
  CHECK(clean_text("\u212B", 100).text == "\u00C5");         // ANGSTROM SIGN -> Å
}

TEST_CASE("clean_text limits the length in grapheme clusters", "[input]") {
  CHECK(clean_text("abcde", 5).error_key == "");
  CHECK(clean_text("abcdef", 5).error_key == "input.too_long");
  CHECK(clean_text("abcdef", 5).text.empty());
  // Five clusters, eleven code points: within the limit.
  CHECK(clean_text("e\u0301e\u0301e\u0301\U0001F468\u200D\U0001F469\u200D\U0001F467a", 5).error_key == "");
  // The limit counts after cleaning: controls and surplus spaces do not count.
  CHECK(clean_text("  a\u202E\u202E\u202Eb    c  ", 4).text == "ab c");
  CHECK(clean_text("  a\u202E\u202Eb  ", 2).text == "ab");
  // 10 000 characters of input against a 100-character field.
  const Cleaned huge = clean_text(repeat("x", 10000), 100);
  CHECK(huge.error_key == "input.too_long");
  CHECK(huge.text.empty());
  CHECK(clean_text(repeat("\u0645", 10000), 100).error_key == "input.too_long");
  CHECK(clean_text(repeat("x", 10000), 10000).error_key == "");
}

// [SECTION] grapheme_count and erase_last_grapheme

TEST_CASE("grapheme_count counts user-perceived characters", "[input]") {
  CHECK(grapheme_count("") == 0);
  CHECK(grapheme_count("abc") == 3);
  CHECK(grapheme_count("e\u0301") == 1);
  CHECK(grapheme_count("\U0001F468\u200D\U0001F469\u200D\U0001F467") == 1);              // family, ZWJ sequence
  CHECK(grapheme_count("\U0001F1E9\U0001F1EA\U0001F1FA\U0001F1E6") == 2);                // flags DE UA
  CHECK(grapheme_count("\U0001F44D\U0001F3FD") == 1);                                    // thumbs up + skin tone
  CHECK(grapheme_count("\u0645\u064E\u0631\u0652\u062D\u064E\u0628\u064B\u0627") == 5);  // مَرْحَبًا
  CHECK(grapheme_count("\r\n") == 1);
  CHECK(grapheme_count("\u4E2D\u6587") == 2);
}

TEST_CASE("grapheme_count counts each byte of invalid UTF-8 as one", "[input]") {
  CHECK(grapheme_count(bytes({0xFF})) == 1);
  CHECK(grapheme_count(bytes({'a', 0xFF, 0xFE, 'b'})) == 4);
  CHECK(grapheme_count(bytes({'a', 0xE2, 0x82})) == 3);  // truncated euro sign
  CHECK(grapheme_count(bytes({'e', 0xCC, 0x81, 0xFF, 'e', 0xCC, 0x81})) == 3);
}

TEST_CASE("erase_last_grapheme removes one user-perceived character", "[input]") {
  CHECK(erase_last_grapheme("") == "");
  CHECK(erase_last_grapheme("a") == "");
  CHECK(erase_last_grapheme("Anna") == "Ann");
  CHECK(erase_last_grapheme("Jose\u0301") == "Jos");  // e + combining acute goes as one
  CHECK(erase_last_grapheme("e\u0301") == "");
  CHECK(erase_last_grapheme("Jos\u00E9") == "Jos");
  CHECK(erase_last_grapheme("hi\U0001F468\u200D\U0001F469\u200D\U0001F467") == "hi");
  CHECK(erase_last_grapheme("\U0001F468\u200D\U0001F469\u200D\U0001F467\U0001F468\u200D\U0001F469\u200D\U0001F467") ==
        "\U0001F468\u200D\U0001F469\u200D\U0001F467");
  CHECK(erase_last_grapheme("\U0001F1E9\U0001F1EA\U0001F1FA\U0001F1E6") == "\U0001F1E9\U0001F1EA");
  CHECK(erase_last_grapheme("ok\U0001F44D\U0001F3FD") == "ok");
  CHECK(erase_last_grapheme("\u4E2D\u6587") == "\u4E2D");
  CHECK(erase_last_grapheme("a\r\n") == "a");
}

TEST_CASE("erase_last_grapheme takes an Arabic letter together with its harakat", "[input]") {
  // مَرْحَبًا: the last cluster is alef; before it beh + fathatan.
  const std::string word = "\u0645\u064E\u0631\u0652\u062D\u064E\u0628\u064B\u0627";
  const std::string once = erase_last_grapheme(word);
  CHECK(once == "\u0645\u064E\u0631\u0652\u062D\u064E\u0628\u064B");
  CHECK(erase_last_grapheme(once) == "\u0645\u064E\u0631\u0652\u062D\u064E");
  CHECK(erase_last_grapheme("\u0628\u0651\u064E") == "");  // beh + shadda + fatha
}

TEST_CASE("erase_last_grapheme on invalid UTF-8 removes one bad byte and never crashes", "[input]") {
  CHECK(erase_last_grapheme(bytes({0xFF})) == "");
  CHECK(erase_last_grapheme(bytes({'a', 'b', 0xFF})) == "ab");
  CHECK(erase_last_grapheme(bytes({'a', 0xE2, 0x82})) == bytes({'a', 0xE2}));
  CHECK(erase_last_grapheme(bytes({'a', 0xE2})) == "a");
  CHECK(erase_last_grapheme(bytes({0xFF, 'e', 0xCC, 0x81})) == bytes({0xFF}));
  CHECK(erase_last_grapheme(bytes({0xC0, 0x80})) == bytes({0xC0}));
  // Repeated backspace always reaches the empty string, one step per cluster or bad byte.
  std::string s = bytes({'x', 0xF0, 0x9F, 0xFF, 'e', 0xCC, 0x81, 0xED, 0xA0, 0x80, 'z'});
  std::size_t steps = 0;
  const std::size_t expected = grapheme_count(s);
  while (!s.empty() && steps < 100) {
    s = erase_last_grapheme(s);
    ++steps;
  }
  CHECK(s.empty());
  CHECK(steps == expected);
}

// [SECTION] Names

TEST_CASE("check_latin_name accepts Latin letters with diacritics and name punctuation", "[input]") {
  for (const char* s : {"Anna", "Ayşe Yılmaz", "Łukasz Wąsik", "Ștefan Mărțișor", "José Núñez", "Jürgen Groß",
                        "Anne-Marie", "O'Neill", "D\u2019Angelo", "Ol\u02BCha", "G\u02BBulom", "J. R. Smith",
                        "Nguy\u1EC5n V\u0103n A", "Zo\u00EB", "N\u0303o"}) {
    INFO(s);
    CHECK(check_latin_name(s) == "");
  }
}

TEST_CASE("check_latin_name errors", "[input]") {
  CHECK(check_latin_name("") == "name.required");
  CHECK(check_latin_name("Олена") == "name.latin_only");
  CHECK(check_latin_name("Anna Олена") == "name.latin_only");
  CHECK(check_latin_name("\u0645\u062D\u0645\u062F") == "name.latin_only");
  CHECK(check_latin_name("王") == "name.latin_only");
  CHECK(check_latin_name("\u0391\u03BD\u03BD\u03B1") == "name.latin_only");  // Greek Άννα-like
  CHECK(check_latin_name("Anna2") == "name.invalid_characters");
  CHECK(check_latin_name("Anna!") == "name.invalid_characters");
  CHECK(check_latin_name("Anna_Maria") == "name.invalid_characters");
  CHECK(check_latin_name("Anna \U0001F600") == "name.invalid_characters");
  CHECK(check_latin_name("-") == "name.no_letters");
  CHECK(check_latin_name(". - '") == "name.no_letters");
  CHECK(check_latin_name(bytes({'A', 0xFF})) == "input.invalid");
}

TEST_CASE("check_latin_name on cleaned text: a U+202E inside a name is gone", "[input]") {
  const Cleaned c = clean_text("Mu\u202Ehammad", 50);
  REQUIRE(c.error_key == "");
  CHECK(c.text == "Muhammad");
  CHECK(check_latin_name(c.text) == "");
}

TEST_CASE("check_native_name accepts letters of any script", "[input]") {
  for (const char* s : {"Anna-Lena", "Олена Коваленко", "\u0645\u064F\u062D\u064E\u0645\u0651\u064E\u062F",
                        "\u0639\u0644\u06CC\u200C\u0631\u0636\u0627",      // علی‌رضا with ZWNJ
                        "王小明", "\u7EA6\u7FF0\u00B7\u53F2\u5BC6\u65AF",  // 约翰·史密斯
                        "\u0391\u03B8\u03B7\u03BD\u03AC", "Ayşe O'Neill", "\u10DC\u10D8\u10DC\u10DD"}) {
    INFO(s);
    CHECK(check_native_name(s) == "");
  }
}

TEST_CASE("check_native_name errors", "[input]") {
  CHECK(check_native_name("") == "name.required");
  CHECK(check_native_name("Анна 2") == "name.invalid_characters");
  CHECK(check_native_name("\u0645\u062D\u0645\u062F \u0663") == "name.invalid_characters");  // Arabic-Indic 3
  CHECK(check_native_name("Anna@home") == "name.invalid_characters");
  CHECK(check_native_name("Anna \U0001F600") == "name.invalid_characters");
  CHECK(check_native_name("$") == "name.invalid_characters");
  CHECK(check_native_name("- -") == "name.no_letters");
  CHECK(check_native_name(bytes({0xC3})) == "input.invalid");
}

// [SECTION] E-mail

TEST_CASE("check_email accepts common addresses", "[input]") {
  for (const char* s : {"anna@example.de", "Anna.Schmidt@Example.COM", "a@b.de", "first.last+tag@mail.example.org",
                        "o'neill@x-y.co.uk", "user_1@123.example.travel", "a@xn--mnchen-3ya.de"}) {
    INFO(s);
    CHECK(check_email(s) == "");
  }
  const std::string local64 = repeat("a", 64);
  CHECK(check_email(local64 + "@example.de") == "");
}

TEST_CASE("check_email rejects malformed addresses", "[input]") {
  for (const char* s : {"",
                        "a@b",
                        "a@@b.de",
                        "@b.de",
                        "a@b.c",
                        "a b@c.de",
                        "anna",
                        "anna@",
                        "a@.de",
                        "a@b..de",
                        "a@-b.de",
                        "a@b-.de",
                        "a@b.de.",
                        ".a@b.de",
                        "a.@b.de",
                        "a..b@c.de",
                        "a@b.d3",
                        "a@b_c.de",
                        "a@b.de@c.de",
                        "\"a b\"@c.de",
                        "j\u00FCrgen@example.de",
                        "anna@m\u00FCnchen.de",
                        "a@b.12",
                        "a@[127.0.0.1]",
                        "a@b.de "}) {
    INFO(s);
    CHECK(check_email(s) == "email.invalid");
  }
  CHECK(check_email(repeat("a", 65) + "@example.de") == "email.invalid");
  CHECK(check_email("a@" + repeat("b", 64) + ".de") == "email.invalid");  // label > 63
  // 254 characters total is the limit.
  const std::string domain = repeat("d", 63) + "." + repeat("e", 63) + "." + repeat("f", 63) + ".de";  // 194
  CHECK(check_email(repeat("a", 59) + "@" + domain) == "");                                            // 254
  CHECK(check_email(repeat("a", 60) + "@" + domain) == "email.invalid");                               // 255
  CHECK(check_email(bytes({'a', 0xFF, '@', 'b', '.', 'd', 'e'})) == "email.invalid");
}

// [SECTION] Dates

TEST_CASE("parse_date reads ISO, dotted and slashed forms", "[input]") {
  auto d = parse_date("1990-07-15");
  REQUIRE(d);
  CHECK(to_iso(*d) == "1990-07-15");
  CHECK((*d == Date{1990, 7, 15}));
  REQUIRE(parse_date("15.07.1990"));
  CHECK(to_iso(*parse_date("15.07.1990")) == "1990-07-15");
  CHECK(to_iso(*parse_date("15/07/1990")) == "1990-07-15");
  CHECK(to_iso(*parse_date("1.2.1990")) == "1990-02-01");
  CHECK(to_iso(*parse_date("  01/02/1990 ")) == "1990-02-01");
}

TEST_CASE("parse_date validates the calendar", "[input]") {
  CHECK_FALSE(parse_date("29.02.2023"));
  REQUIRE(parse_date("29.02.2024"));
  CHECK(to_iso(*parse_date("29.02.2024")) == "2024-02-29");
  CHECK(parse_date("2000-02-29"));        // divisible by 400
  CHECK_FALSE(parse_date("1900-02-29"));  // divisible by 100
  CHECK_FALSE(parse_date("31.04.2024"));
  CHECK(parse_date("31.12.2024"));
  CHECK_FALSE(parse_date("32.01.2024"));
  CHECK_FALSE(parse_date("00.01.2024"));
  CHECK_FALSE(parse_date("01.13.2024"));
  CHECK_FALSE(parse_date("01.00.2024"));
  CHECK_FALSE(parse_date("0000-01-01"));
}

TEST_CASE("parse_date rejects other shapes", "[input]") {
  for (const char* s : {"", "   ", "1990", "1990-7-15", "90-07-15", "15.07.90", "15.07/1990", "15-07-1990",
                        "1990/07/15", "15..1990", "15.07.1990.", "15 07 1990", "15.07.1990x", "15.07.19901",
                        "-15.07.1990", "abc", "15.07.١٩٩٠a", "2024-02-29T00:00"}) {
    INFO(s);
    CHECK_FALSE(parse_date(s));
  }
  CHECK_FALSE(parse_date(bytes({'1', 0xFF})));
}

TEST_CASE("parse_date accepts Arabic-Indic and Persian digits", "[input]") {
  // ٢٩/٠٢/٢٠٢٤ and ۱۵.۰۷.۱۹۹۰ and ١٩٩٠-٠٧-١٥
  REQUIRE(parse_date("\u0662\u0669/\u0660\u0662/\u0662\u0660\u0662\u0664"));
  CHECK(to_iso(*parse_date("\u0662\u0669/\u0660\u0662/\u0662\u0660\u0662\u0664")) == "2024-02-29");
  CHECK(to_iso(*parse_date("\u06F1\u06F5.\u06F0\u06F7.\u06F1\u06F9\u06F9\u06F0")) == "1990-07-15");
  CHECK(to_iso(*parse_date("\u0661\u0669\u0669\u0660-\u0660\u0667-\u0661\u0665")) == "1990-07-15");
  CHECK_FALSE(parse_date("\u0662\u0669/\u0660\u0662/\u0662\u0660\u0662\u0663"));  // 29.02.2023
  CHECK(to_iso(*parse_date("\uFF11\uFF15.07.1990")) == "1990-07-15");             // full-width digits
}

TEST_CASE("to_iso pads with zeros", "[input]") {
  CHECK(to_iso(Date{5, 1, 2}) == "0005-01-02");
  CHECK(to_iso(Date{2024, 12, 31}) == "2024-12-31");
}

TEST_CASE("is_valid_date", "[input]") {
  CHECK(is_valid_date(Date{2024, 2, 29}));
  CHECK_FALSE(is_valid_date(Date{2023, 2, 29}));
  CHECK_FALSE(is_valid_date(Date{2024, 0, 1}));
  CHECK_FALSE(is_valid_date(Date{2024, 13, 1}));
  CHECK_FALSE(is_valid_date(Date{0, 1, 1}));
  CHECK_FALSE(is_valid_date(Date{10000, 1, 1}));
  CHECK_FALSE(is_valid_date(Date{}));
}

TEST_CASE("check_birth_date", "[input]") {
  const Date today{2026, 11, 25};
  CHECK(check_birth_date(Date{1990, 7, 15}, today) == "");
  CHECK(check_birth_date(today, today) == "");  // a newborn
  CHECK(check_birth_date(Date{2026, 11, 26}, today) == "date.in_future");
  CHECK(check_birth_date(Date{2030, 1, 1}, today) == "date.in_future");
  CHECK(check_birth_date(Date{1876, 11, 25}, today) == "date.too_old");  // 150 years
  CHECK(check_birth_date(Date{1906, 11, 25}, today) == "");              // exactly 120 years
  CHECK(check_birth_date(Date{1906, 11, 24}, today) == "date.too_old");  // a day more
  CHECK(check_birth_date(Date{2023, 2, 29}, today) == "date.invalid");
  // On 29 February the limit is 29 February 120 years earlier, even in a non-leap year.
  CHECK(check_birth_date(Date{1904, 2, 29}, Date{2024, 2, 29}) == "");
  CHECK(check_birth_date(Date{1904, 2, 28}, Date{2024, 2, 29}) == "date.too_old");
  CHECK(check_birth_date(Date{1900, 3, 1}, Date{2020, 2, 29}) == "");
}

TEST_CASE("check_past_or_today for arrival dates", "[input]") {
  const Date today{2026, 11, 25};
  CHECK(check_past_or_today(Date{2026, 11, 25}, today) == "");
  CHECK(check_past_or_today(Date{1960, 1, 1}, today) == "");
  CHECK(check_past_or_today(Date{2026, 12, 1}, today) == "date.in_future");
  CHECK(check_past_or_today(Date{2027, 1, 1}, today) == "date.in_future");
  CHECK(check_past_or_today(Date{2026, 4, 31}, today) == "date.invalid");
}

TEST_CASE("today_local is a valid date in a plausible range", "[input]") {
  const Date t = today_local();
  CHECK(is_valid_date(t));
  CHECK(t.year >= 2024);
  CHECK(check_birth_date(t, t) == "");
}

// [SECTION] Residence

TEST_CASE("check_residence accepts postal codes and place names", "[input]") {
  for (const char* s :
       {"10115", "01067", "99998", "Berlin", "Frankfurt am Main", "Frankfurt (Oder)", "St. Ingbert", "Castrop-Rauxel",
        "München", "Köln", "\u0628\u0631\u0644\u064A\u0646", "Берлин", "10115 Berlin", "79098 Freiburg im Breisgau"}) {
    INFO(s);
    CHECK(check_residence(s) == "");
  }
}

TEST_CASE("check_residence rejects everything else", "[input]") {
  for (const char* s : {"", "1011", "101155", "00123", "1011a", "Berlin 10115", "Berlin!", "B3rlin", "-", " ",
                        "\u0661\u0660\u0661\u0661\u0665", "Berlin; DROP TABLE", "\U0001F3E0", "10115 "}) {
    INFO(s);
    CHECK(check_residence(s) == "residence.invalid");
  }
  CHECK(check_residence(bytes({'B', 0xFF})) == "residence.invalid");
}

TEST_CASE("date_error tells a date in the wrong form from a date that does not exist", "[dates]") {
  CHECK(date_error("5.3.90") == "date.format");  // two-digit year
  CHECK(date_error("tomorrow") == "date.format");
  CHECK(date_error("") == "date.format");
  CHECK(date_error("31.04.2024") == "date.invalid");
  CHECK(date_error("29.02.2023") == "date.invalid");
  CHECK(date_error("5.3.1990").empty());
  CHECK(date_error("\u0665.\u0663.\u0661\u0669\u0669\u0660").empty());  // Arabic-Indic digits
}
