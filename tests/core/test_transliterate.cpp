// Tests for kiosk/core/transliterate: names in other scripts get Latin letters for staff;
// Latin names and bad input get nothing to add.
#include "kiosk/core/transliterate.hpp"

#include <catch2/catch.hpp>

#include <string>
#include <thread>
#include <vector>

using wk::core::latin_transliteration;

namespace {

bool latin_only(const std::string& s) {
  for (unsigned char c : s)
    if (c >= 0x80) {
      // Multi-byte: Latin letters with diacritics (ḥ, ā, ẗ) are fine; Arabic, Cyrillic, Han are not.
      if (c == 0xD8 || c == 0xD9 || c == 0xDA || c == 0xDB || c == 0xD0 || c == 0xD1 || (c >= 0xE4 && c <= 0xE9))
        return false;
    }
  return true;
}

}  // namespace

TEST_CASE("Names in other scripts are given in Latin letters", "[transliterate]") {
  CHECK(latin_transliteration("Олена") == "Olena");
  CHECK(latin_transliteration("Ελένη") == "Elénē");
  for (const char* name : {"محمد", "زهرا", "پښتو", "王芳", "ნინო", "ሰላም"}) {
    INFO(name);
    const std::string latin = latin_transliteration(name);
    CHECK_FALSE(latin.empty());
    CHECK(latin_only(latin));
  }
}

TEST_CASE("Latin names, digits and bad input get nothing to add", "[transliterate]") {
  CHECK(latin_transliteration("") == "");
  CHECK(latin_transliteration("Anna Müller") == "");
  CHECK(latin_transliteration("Łukasz Żółć") == "");
  CHECK(latin_transliteration("12 34") == "");
  CHECK(latin_transliteration("\xD9") == "");               // a truncated Arabic letter
  CHECK(latin_transliteration("abc\xFF\xFE Олена") == "");  // invalid UTF-8
}

TEST_CASE("Transliteration is safe from several threads at once", "[transliterate]") {
  std::vector<std::thread> threads;
  std::vector<std::string> got(8);
  for (std::size_t i = 0; i < got.size(); ++i)
    threads.emplace_back([&got, i] {
      for (int k = 0; k < 50; ++k) got[i] = latin_transliteration(i % 2 ? "Олена" : "Ελένη");
    });
  for (auto& t : threads) t.join();
  for (std::size_t i = 0; i < got.size(); ++i) CHECK(got[i] == (i % 2 ? "Olena" : "Elénē"));
}
