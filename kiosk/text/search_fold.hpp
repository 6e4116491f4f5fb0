// Search keys that fold case, accents and scripts, through ICU transliterators: "Müller" and
// "muller", "Şehir" and "Sehir", "Тарас Шевченко" and "taras sevcenko" (and, by the BGN
// romanisation, "taras shevchenko") get the same key. Used where newcomers type names and words
// from a catalog in whatever script their keyboard has (the contacts finder).
//
// Arabic-script text without short vowels folds to its consonants ("عمر" -> "mr"): no
// transliterator can add the vowels a name was written without. So such text has a second key,
// its consonant skeleton (skeleton()), which a romanised query's skeleton finds: "omar" and
// "Umar" both reach "عمر".
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace wk::text {

class SearchFold {
 public:
  // Throws TextDataError when ICU's data lacks the transliterators.
  SearchFold();
  ~SearchFold();
  SearchFold(const SearchFold&) = delete;
  SearchFold& operator=(const SearchFold&) = delete;

  // The key of `utf8`: transliterated to Latin, then ASCII, lower-cased; its words (runs of
  // a-z and 0-9; apostrophes and marks dropped, anything else a word break) each preceded by
  // one ' ' (" taras sevcenko"), so " " + a folded query prefix finds word starts. Invalid
  // UTF-8 gives "". Not thread-safe: one SearchFold per thread.
  std::string key(std::string_view utf8);
  // key() and, for Cyrillic text, the key of its BGN romanisation when that differs, for
  // Arabic-script text its skeleton: every key a name should be found by.
  std::vector<std::string> keys(std::string_view utf8);
  // The consonant skeleton of a key: each word without a e i o u y w (which Arabic script
  // leaves unwritten or writes as long vowels) and with doubled letters once, marked by '#'
  // after its space (" mohammed ali" -> " #mhmd #l"); words of vowels only are left out.
  // Skeletons of a word's prefixes are prefixes of its skeleton, so typing on narrows.
  static std::string skeleton(std::string_view key);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace wk::text
