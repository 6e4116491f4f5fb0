// The finder's search over the region's directory: organisations and persons by what is typed
// (names, roles, organisations, in any script: text::SearchFold), by topic and kind words
// (DirectoryTerms, in the session language and German), by topic tile, postal code and
// language, ranked by how well the text matches, then by topic, region, language and open
// now. Built once per directory; each find() is a scan of precomputed keys, narrowed to the
// previous hits while the newcomer types on (search as you type).
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "kiosk/core/directory.hpp"
#include "kiosk/core/opening_hours.hpp"
#include "kiosk/text/search_fold.hpp"
#include "kiosk/ui/features/contacts/directory_terms.hpp"

namespace wk::ui {

struct FinderQuery {
  std::string text;          // as typed; "" matches everything the other fields let through
  std::string topic;         // a core::kTopics id, or "": any
  std::string postal_code;   // the newcomer's, or ""
  std::string municipality;  // or the town they live in, as the directory spells it, or ""
  std::string language;      // the session language ("fa")
  bool only_my_language = false;
  core::LocalTime now;
  friend bool operator==(const FinderQuery&, const FinderQuery&) = default;
};

struct FinderHit {
  bool person = false;
  std::size_t index = 0;  // into Directory::persons or ::organisations
  int score = 0;
  bool in_area = false;   // covers the postal code or municipality given
  bool speaks = false;    // speaks the session language
  bool open_now = false;  // open (a person: their hours, else their organisation's)
};

class DirectorySearch {
 public:
  DirectorySearch(core::Directory directory, const DirectoryTerms& terms, text::SearchFold& fold);

  const core::Directory& directory() const { return directory_; }
  // A person's organisation, or nullptr.
  const core::Organisation* organisation_of(const core::ContactPerson& p) const;
  // The hours that hold for a person: their own, else their organisation's.
  const core::OpeningHours& hours_of(const core::ContactPerson& p) const;

  // The best `limit` hits, best first (ties: organisations first, then by name). With no text
  // and no topic, nothing (the finder shows its topic tiles then).
  std::vector<FinderHit> find(const FinderQuery& q, std::size_t limit = 100);
  // Forgets the last query (what a newcomer typed) and its hits: the session ended.
  void forget();

 private:
  struct Entry {
    bool person;
    std::size_t index;
    std::string haystack;         // " word word ..." of every key, while building (then in hay_)
    std::uint32_t topics = 0;     // bit per core::kTopics (a person: own and organisation's)
    std::uint32_t kind = 0;       // bit of the organisation's kind
    std::uint64_t languages = 0;  // bits of language_bit()
    const core::ServedArea* area = nullptr;
    const core::OpeningHours* hours = nullptr;
    std::string sort_name;
    std::uint32_t name_rank = 0;              // place of sort_name among all entries' (ties of a search)
    std::uint64_t initials = 0;               // bit per first character (a-z, 0-9) of the haystack's words
    std::uint32_t area_id = 0, hours_id = 0;  // indexes of *area and *hours among the distinct ones
    std::uint32_t hay_at = 0, hay_size = 0;   // where the haystack lies in hay_
  };
  struct Term {
    std::uint32_t topics = 0, kind = 0;
    std::string key;
  };
  struct WordMatch {
    std::string key;            // " word" of the query
    std::uint64_t initial = 0;  // the bit of its first character
    std::uint32_t topics = 0, kinds = 0;
    std::string skeleton;  // " #wrd": finds names in Arabic script by their consonants ("" : none)
  };

  std::vector<WordMatch> match_words(const std::string& text, const std::string& language);
  // The bit of a language's primary subtag (the first 63 seen; later ones share the last bit).
  std::uint64_t language_bit(std::string_view lang);
  std::uint64_t language_bits(const std::vector<std::string>& langs);
  bool text_score(const Entry& e, const std::vector<WordMatch>& words, int& score) const;

  core::Directory directory_;
  text::SearchFold& fold_;
  std::vector<Entry> entries_;
  std::string hay_;  // every entry's haystack, one after the other: a scan reads memory in order
  std::map<std::string, std::vector<Term>, std::less<>> terms_;  // by language
  std::map<std::string, std::uint64_t, std::less<>> language_bits_;
  std::uint32_t areas_ = 0, hours_ = 0;  // distinct areas and hours
  // Per distinct area and hours: -1 not judged yet, else whether it covers `covers_for_` / is
  // open at `open_at_`. Kept while the newcomer types on (the postal code and minute stay).
  std::vector<std::int8_t> covers_, open_;
  std::string covers_for_, covers_town_;
  core::LocalTime open_at_;
  // The last query and the entries it matched, for narrowing while typing on.
  FinderQuery last_;
  std::vector<std::size_t> last_matches_;
  bool have_last_ = false;
};

// Bit of `topic` in core::kTopics, or 0.
std::uint32_t topic_bit(std::string_view topic);

}  // namespace wk::ui
