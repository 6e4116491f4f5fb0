// Tests for kiosk/core/registration_code: the check symbol (Luhn mod 30) against hand-computed
// values, the canonical form, forgiving normalisation of typed codes, uniform random
// generation, and error detection: every single-symbol substitution of a valid code is
// caught; adjacent transpositions are caught except the one blind pair "2" <-> "Z".
#include "kiosk/core/registration_code.hpp"

#include <catch2/catch.hpp>

#include <map>
#include <random>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

using namespace wk::core;

namespace {

// The 9 symbols of a canonical code, without dashes.
std::string symbols_of(const std::string& code) {
  std::string s;
  for (char c : code) {
    if (c != '-') s.push_back(c);
  }
  return s;
}

// A valid code from a seeded generator (the production generator reads getrandom).
std::string seeded_code(std::mt19937& rng) {
  std::string eight;
  for (std::size_t i = 0; i < kRegistrationCodeSymbols; ++i) {
    eight.push_back(kRegistrationCodeAlphabet[rng() % kRegistrationCodeAlphabet.size()]);
  }
  return make_registration_code(eight);
}

bool is_canonical_shape(const std::string& code) {
  if (code.size() != kRegistrationCodeLength || code[4] != '-' || code[9] != '-') return false;
  for (char c : symbols_of(code)) {
    if (kRegistrationCodeAlphabet.find(c) == std::string_view::npos) return false;
  }
  return true;
}

}  // namespace

TEST_CASE("the alphabet has 30 distinct symbols without look-alikes", "[registration_code]") {
  CHECK(kRegistrationCodeAlphabet.size() == 30);
  CHECK(std::set<char>(kRegistrationCodeAlphabet.begin(), kRegistrationCodeAlphabet.end()).size() == 30);
  for (char c : std::string("01OILU")) CHECK(kRegistrationCodeAlphabet.find(c) == std::string_view::npos);
}

TEST_CASE("check symbols match hand-computed Luhn mod 30 values", "[registration_code]") {
  // All zeros: sum 0, check value 0.
  CHECK(registration_check_symbol("22222222") == '2');
  // Rightmost data symbol value 1 is doubled: sum 2, check (30 - 2) % 30 = 28 -> 'Y'.
  CHECK(registration_check_symbol("22222223") == 'Y');
  // Value 1 left of it is not doubled: sum 1, check 29 -> 'Z'.
  CHECK(registration_check_symbol("22222232") == 'Z');
  // All 29: doubled 58 = 1*30 + 28 -> 1 + 28 = 29; each pair adds 58, total 232 = 22 mod 30,
  // check 8 -> 'A'.
  CHECK(registration_check_symbol("ZZZZZZZZ") == 'A');
  CHECK(make_registration_code("K7QM4XRT") == "K7QM-4XRT-" + std::string(1, registration_check_symbol("K7QM4XRT")));
  CHECK(make_registration_code("22222223") == "2222-2223-Y");
  CHECK(is_valid_registration_code("2222-2223-Y"));
  CHECK(is_valid_registration_code("ZZZZ-ZZZZ-A"));
}

TEST_CASE("check symbols need exactly 8 upper-case alphabet symbols", "[registration_code]") {
  CHECK_THROWS_AS(registration_check_symbol("2222222"), std::invalid_argument);
  CHECK_THROWS_AS(registration_check_symbol("222222222"), std::invalid_argument);
  CHECK_THROWS_AS(registration_check_symbol("2222222a"), std::invalid_argument);
  CHECK_THROWS_AS(registration_check_symbol("2222222O"), std::invalid_argument);
  CHECK_THROWS_AS(registration_check_symbol("2222-222"), std::invalid_argument);
  CHECK_THROWS_AS(make_registration_code(""), std::invalid_argument);
}

TEST_CASE("new codes are canonical, valid, distinct and use every symbol", "[registration_code]") {
  std::set<std::string> codes;
  std::map<char, int> symbol_counts;
  constexpr int kCodes = 3000;
  for (int i = 0; i < kCodes; ++i) {
    const std::string code = new_registration_code();
    REQUIRE(is_canonical_shape(code));
    REQUIRE(is_valid_registration_code(code));
    REQUIRE(normalize_registration_code(code) == code);
    codes.insert(code);
    const std::string s = symbols_of(code);
    for (std::size_t k = 0; k < kRegistrationCodeSymbols; ++k) ++symbol_counts[s[k]];
  }
  CHECK(codes.size() == kCodes);
  REQUIRE(symbol_counts.size() == 30);
  // 24000 symbols, 800 expected per symbol; a biased generator (e.g. byte % 30 without
  // rejection favours 16 symbols by 1/8) would stray far more than these bounds allow.
  for (const auto& [symbol, count] : symbol_counts) {
    INFO("symbol " << symbol);
    CHECK(count > 650);
    CHECK(count < 950);
  }
}

TEST_CASE("typed codes are normalised: case, spaces and dashes do not matter", "[registration_code]") {
  std::mt19937 rng(20261125);
  for (int i = 0; i < 50; ++i) {
    const std::string code = seeded_code(rng);
    const std::string s = symbols_of(code);
    std::string lower;
    for (char c : code) lower.push_back(static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c));
    CHECK(normalize_registration_code(code) == code);
    CHECK(normalize_registration_code(s) == code);
    CHECK(normalize_registration_code(lower) == code);
    CHECK(normalize_registration_code("  " + s.substr(0, 4) + " " + s.substr(4, 4) + "  " + s.substr(8) + " ") == code);
    CHECK(normalize_registration_code(s.substr(0, 2) + "--" + s.substr(2, 5) + " - " + s.substr(7)) == code);
    CHECK(normalize_registration_code("-" + code + "-") == code);
    CHECK(is_valid_registration_code(lower));
  }
}

TEST_CASE("malformed codes normalise to the empty string", "[registration_code]") {
  const std::string good = make_registration_code("K7QM4XRT");
  REQUIRE(is_valid_registration_code(good));
  const std::string s = symbols_of(good);
  CHECK(normalize_registration_code("") == "");
  CHECK(normalize_registration_code("- -") == "");
  CHECK(normalize_registration_code(s.substr(0, 8)) == "");      // check symbol missing
  CHECK(normalize_registration_code(s + s.substr(0, 1)) == "");  // one symbol too many
  CHECK(normalize_registration_code(s + s) == "");               // far too long
  CHECK(normalize_registration_code(good.substr(0, 9) + "_" + s.substr(8)) == "");
  CHECK(normalize_registration_code(good + "\n") == "");
  CHECK(normalize_registration_code(std::string("K7QM-4XRT-") + '\0') == "");
  // The look-alikes are not in the alphabet and are never guessed at.
  for (char bad : std::string("0O1ILUoilu")) {
    std::string typed = good;
    typed[0] = bad;
    CHECK(normalize_registration_code(typed) == "");
  }
  CHECK_FALSE(is_valid_registration_code("K7QM-4XRT"));
}

TEST_CASE("every single-symbol substitution is detected", "[registration_code]") {
  std::mt19937 rng(7);
  std::vector<std::string> codes = {"2222-2222-2", "ZZZZ-ZZZZ-A", "2222-2223-Y"};
  for (int i = 0; i < 500; ++i) codes.push_back(seeded_code(rng));
  long substitutions = 0;
  for (const std::string& code : codes) {
    REQUIRE(is_valid_registration_code(code));
    const std::string s = symbols_of(code);
    for (std::size_t pos = 0; pos < s.size(); ++pos) {
      for (char c : kRegistrationCodeAlphabet) {
        if (c == s[pos]) continue;
        std::string typo = s;
        typo[pos] = c;
        ++substitutions;
        if (is_valid_registration_code(typo)) FAIL("undetected substitution at position " << pos << ": " << typo);
      }
    }
  }
  CHECK(substitutions == static_cast<long>(codes.size()) * 9 * 29);
}

TEST_CASE("adjacent transpositions are detected except 2 <-> Z", "[registration_code]") {
  // Exhaustive over symbol pairs and positions: for every ordered pair (a, b) of distinct
  // symbols and every adjacent position pair of the 9 symbols (the check symbol included),
  // several codes holding a, b there. For the pair ending at the check symbol the code is
  // searched among random fillings until its check symbol is b.
  std::mt19937 rng(42);
  long transpositions = 0;
  long undetected = 0;
  for (char a : kRegistrationCodeAlphabet) {
    for (char b : kRegistrationCodeAlphabet) {
      if (a == b) continue;
      for (std::size_t pos = 0; pos + 1 < 9; ++pos) {
        for (int sample = 0; sample < 3; ++sample) {
          std::string s;
          for (;;) {
            std::string eight;
            for (int k = 0; k < 8; ++k) eight.push_back(kRegistrationCodeAlphabet[rng() % 30]);
            eight[pos] = a;
            if (pos + 1 < 8) eight[pos + 1] = b;
            s = symbols_of(make_registration_code(eight));
            if (s[pos + 1] == b) break;
          }
          std::string swapped = s;
          std::swap(swapped[pos], swapped[pos + 1]);
          ++transpositions;
          if (is_valid_registration_code(swapped)) {
            ++undetected;
            const bool blind_pair = (a == '2' && b == 'Z') || (a == 'Z' && b == '2');
            if (!blind_pair) FAIL("undetected transposition of " << a << b << " at position " << pos);
          }
        }
      }
    }
  }
  // The blind pair is missed every time: 2 orders x 8 positions x 3 samples.
  CHECK(undetected == 2 * 8 * 3);
  CHECK(transpositions == 30 * 29 * 8 * 3);
  WARN("adjacent transpositions of distinct symbols detected: "
       << transpositions - undetected << " of " << transpositions << " ("
       << 100.0 * double(transpositions - undetected) / double(transpositions) << " %; only 2<->Z is missed)");

  // On random codes (every adjacent pair of every code, equal neighbours skipped).
  long random_total = 0;
  long random_missed = 0;
  for (int i = 0; i < 20000; ++i) {
    const std::string s = symbols_of(seeded_code(rng));
    for (std::size_t pos = 0; pos + 1 < s.size(); ++pos) {
      if (s[pos] == s[pos + 1]) continue;
      std::string swapped = s;
      std::swap(swapped[pos], swapped[pos + 1]);
      ++random_total;
      if (is_valid_registration_code(swapped)) ++random_missed;
    }
  }
  // Expected miss rate 2 / (30 * 29) = 0.23 %.
  CHECK(random_missed < random_total / 200);
  WARN("random codes: " << random_missed << " of " << random_total << " adjacent transpositions undetected ("
                        << 100.0 * double(random_missed) / double(random_total) << " %)");
}
