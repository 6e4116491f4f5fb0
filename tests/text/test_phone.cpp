// Tests for kiosk/text/phone: normalization to E.164 with libphonenumber
// (international, national with default region, IDD prefix "00", digits in
// other scripts), every way a number can be rejected, display formatting,
// and concurrent use of the singleton.
#include "kiosk/text/phone.hpp"

#include <catch2/catch.hpp>

#include <string>
#include <thread>
#include <vector>

using namespace wk::text;

TEST_CASE("normalize_phone accepts the usual ways of writing a number", "[phone]") {
  struct Case {
    const char* input;
    const char* region;
    const char* e164;
  };
  const Case cases[] = {
      {"+49 151 23456789", "DE", "+4915123456789"},
      {"0151 23456789", "DE", "+4915123456789"},
      {"0151/234 567 89", "DE", "+4915123456789"},
      {"0049 151 23456789", "DE", "+4915123456789"},
      {"+49 (0)151 23456789", "DE", "+4915123456789"},
      {"030 123456", "DE", "+4930123456"},
      {"+380 67 123 4567", "DE", "+380671234567"},
      {"067 123 4567", "UA", "+380671234567"},
      {"00 90 532 123 45 67", "DE", "+905321234567"},
      {"+90 532 123 45 67", "TR", "+905321234567"},
      {"+1 650 253 0000", "DE", "+16502530000"},
      {"\u0660\u0661\u0665\u0661 \u0662\u0663\u0664\u0665\u0666\u0667\u0668\u0669", "DE", "+4915123456789"},
      {"\u06F0\u06F1\u06F5\u06F1 \u06F2\u06F3\u06F4\u06F5\u06F6\u06F7\u06F8\u06F9", "DE", "+4915123456789"},
  };
  for (const Case& c : cases) {
    INFO(c.input << " in " << c.region);
    const PhoneResult r = normalize_phone(c.input, c.region);
    CHECK(r.error_key == "");
    CHECK(r.e164 == c.e164);
  }
  CHECK(normalize_phone("0151 23456789").e164 == "+4915123456789");  // DE is the default region
}

TEST_CASE("normalize_phone rejects invalid, short, long and lettered input", "[phone]") {
  const char* bad[] = {
      "",
      "   ",
      "12",                     // too short
      "0151",                   // too short
      "+49",                    // country code only
      "+49 151",                // too short
      "110",                    // emergency short number, not a subscriber
      "0151 2345678901234567",  // too long
      "+99 123456789",          // no such country code
      "0151 ABCDEFGH",          // vanity letters
      "0151 23456789 ext. 12",  // extension
      "abc",
      "call me",
      "+49 151 2345678x",
      "\u0645\u062D\u0645\u062F",  // Arabic letters
      "--",
  };
  for (const char* s : bad) {
    INFO(s);
    const PhoneResult r = normalize_phone(s);
    CHECK(r.error_key == "phone.invalid");
    CHECK(r.e164.empty());
  }
  CHECK(normalize_phone(std::string("0151\xFF"
                                    "23456789"))
            .error_key == "phone.invalid");  // invalid UTF-8
  CHECK(normalize_phone(std::string("0151\0"
                                    "23456789",
                                    13))
            .error_key == "phone.invalid");
  CHECK(normalize_phone(std::string(10000, '1')).error_key == "phone.invalid");
}

TEST_CASE("normalize_phone needs a known region for national numbers", "[phone]") {
  CHECK(normalize_phone("0151 23456789", "XX").error_key == "phone.invalid");
  CHECK(normalize_phone("0151 23456789", "").error_key == "phone.invalid");
  CHECK(normalize_phone("+49 151 23456789", "XX").e164 == "+4915123456789");  // '+' needs no region
}

TEST_CASE("format_phone_international groups digits for display", "[phone]") {
  CHECK(format_phone_international("+4915123456789") == "+49 1512 3456789");
  CHECK(format_phone_international("+380671234567") == "+380 67 123 4567");
  CHECK(format_phone_international("+905321234567") == "+90 532 123 45 67");
  CHECK(format_phone_international(normalize_phone("030 123456").e164) == "+49 30 123456");
  CHECK(format_phone_international("not a number") == "not a number");
  CHECK(format_phone_international("015123456789") == "015123456789");  // no '+': unchanged
  CHECK(format_phone_international("") == "");
  CHECK(format_phone_international(std::string("+49\xFF")) == "");
}

TEST_CASE("normalize_phone is safe to call from several threads", "[phone]") {
  std::vector<std::thread> threads;
  std::vector<int> ok(4, 0);
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([t, &ok] {
      for (int i = 0; i < 200; ++i) {
        if (normalize_phone("+49 151 23456789").e164 == "+4915123456789" &&
            normalize_phone("12").error_key == "phone.invalid")
          ++ok[t];
      }
    });
  }
  for (auto& th : threads) th.join();
  for (int n : ok) CHECK(n == 200);
}
