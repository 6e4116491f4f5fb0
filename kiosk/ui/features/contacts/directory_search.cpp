// Folded keys, term matching and ranking for the finder (see directory_search.hpp).
#include "kiosk/ui/features/contacts/directory_search.hpp"

#include <algorithm>

#include <cstring>
#include <unordered_map>
#include "kiosk/core/secure_clear.hpp"

namespace wk::ui {
namespace {

constexpr int kWordStart = 3;    // a query word starts a word of a name, role or organisation
constexpr int kWholeWord = 1;    // ... and is the whole word
constexpr int kKindTerm = 6;     // names the organisation's kind ("Jobcenter", "Bürgergeld")
constexpr int kTopicTerm = 3;    // names one of its topics ("Visum")
constexpr int kTopicChosen = 2;  // has the topic of the tile tapped
constexpr int kInArea = 4;
constexpr int kSpeaks = 2;
constexpr int kOpenNow = 1;

std::uint32_t kind_bit(std::string_view kind) {
  for (std::size_t i = 0; i < core::kOrganisationKinds.size(); ++i)
    if (core::kOrganisationKinds[i] == kind) return 1u << i;
  return 0;
}

std::uint32_t topic_bits(const std::vector<std::string>& topics) {
  std::uint32_t bits = 0;
  for (const auto& t : topics) bits |= topic_bit(t);
  return bits;
}

// Where " word" starts a word of `hay` (hay is " a b c"), or npos. Haystacks are short: a
// plain scan beats memmem's set-up.
std::size_t word_start(std::string_view hay, const std::string& word) {
  const std::size_t n = word.size();
  if (n < 2 || hay.size() < n) return std::string::npos;
  const char first = word[1];
  const char* h = hay.data();
  for (std::size_t i = 0; i + n <= hay.size(); ++i) {
    if (h[i] == ' ' && h[i + 1] == first && std::memcmp(h + i + 2, word.data() + 2, n - 2) == 0) return i;
  }
  return std::string::npos;
}

void add_keys(text::SearchFold& fold, std::string& hay, std::string_view s) {
  for (const std::string& k : fold.keys(s)) hay += k;
}

void add_keys(text::SearchFold& fold, std::string& hay, const core::LanguageMap& map) {
  for (const auto& [lang, s] : map) add_keys(fold, hay, s);
}

// The bit of an ASCII letter or digit (what a search key is made of), else 0.
std::uint64_t initial_bit(char c) {
  if (c >= 'a' && c <= 'z') return std::uint64_t{1} << (c - 'a');
  if (c >= '0' && c <= '9') return std::uint64_t{1} << (26 + c - '0');
  if (c == '#') return std::uint64_t{1} << 36;  // a consonant skeleton (SearchFold::skeleton)
  return 0;
}

std::uint64_t initials_of(const std::string& hay) {
  std::uint64_t bits = 0;
  for (std::size_t i = 0; i + 1 < hay.size(); ++i)
    if (hay[i] == ' ') bits |= initial_bit(hay[i + 1]);
  return bits;
}

std::string first_name(const core::LanguageMap& map) {
  if (const auto it = map.find("de"); it != map.end()) return it->second;
  return map.empty() ? std::string() : map.begin()->second;
}

}  // namespace

std::uint32_t topic_bit(std::string_view topic) {
  for (std::size_t i = 0; i < core::kTopics.size(); ++i)
    if (core::kTopics[i] == topic) return 1u << i;
  return 0;
}

DirectorySearch::DirectorySearch(core::Directory directory, const DirectoryTerms& terms, text::SearchFold& fold)
    : directory_(std::move(directory)), fold_(fold) {
  entries_.reserve(directory_.organisations.size() + directory_.persons.size());
  for (std::size_t i = 0; i < directory_.organisations.size(); ++i) {
    const core::Organisation& o = directory_.organisations[i];
    Entry e{false,
            i,
            {},
            topic_bits(o.topics),
            kind_bit(o.kind),
            language_bits(o.languages),
            &o.area,
            &o.hours,
            first_name(o.name)};
    add_keys(fold_, e.haystack, o.name);
    add_keys(fold_, e.haystack, o.street + " " + o.postal_code + " " + o.municipality);
    entries_.push_back(std::move(e));
  }
  for (std::size_t i = 0; i < directory_.persons.size(); ++i) {
    const core::ContactPerson& p = directory_.persons[i];
    const core::Organisation* o = organisation_of(p);
    Entry e{true,
            i,
            {},
            topic_bits(p.topics),
            0,
            language_bits(core::languages_of(p, o)),
            &core::area_of(p, o),
            &core::hours_of(p, o),
            p.name};
    add_keys(fold_, e.haystack, p.name);
    add_keys(fold_, e.haystack, p.role);
    if (o) {
      add_keys(fold_, e.haystack, o->name);
      e.topics |= topic_bits(o->topics);
      e.kind = kind_bit(o->kind);
    }
    entries_.push_back(std::move(e));
  }
  std::unordered_map<const void*, std::uint32_t> area_ids, hours_ids;
  std::size_t total = 0;
  for (const Entry& e : entries_) total += e.haystack.size();
  hay_.reserve(total);
  for (Entry& e : entries_) {
    e.hay_at = static_cast<std::uint32_t>(hay_.size());
    e.hay_size = static_cast<std::uint32_t>(e.haystack.size());
    hay_ += e.haystack;
    e.initials = initials_of(e.haystack);
    std::string().swap(e.haystack);
    e.area_id = area_ids.try_emplace(e.area, static_cast<std::uint32_t>(area_ids.size())).first->second;
    e.hours_id = hours_ids.try_emplace(e.hours, static_cast<std::uint32_t>(hours_ids.size())).first->second;
  }
  areas_ = static_cast<std::uint32_t>(area_ids.size());
  hours_ = static_cast<std::uint32_t>(hours_ids.size());
  std::vector<std::uint32_t> order(entries_.size());
  for (std::uint32_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(),
                   [&](std::uint32_t a, std::uint32_t b) { return entries_[a].sort_name < entries_[b].sort_name; });
  for (std::uint32_t rank = 0; rank < order.size(); ++rank) entries_[order[rank]].name_rank = rank;
  for (const TopicTerms& t : terms.topics)
    for (const auto& [lang, list] : t.terms)
      for (const std::string& s : list) terms_[lang].push_back({topic_bit(t.id), 0, fold_.key(s)});
  for (const auto& [kind, by_lang] : terms.kinds)
    for (const auto& [lang, list] : by_lang)
      for (const std::string& s : list) terms_[lang].push_back({0, kind_bit(kind), fold_.key(s)});
}

std::uint64_t DirectorySearch::language_bit(std::string_view lang) {
  const std::string_view key = core::primary_language(lang);
  if (const auto it = language_bits_.find(key); it != language_bits_.end()) return it->second;
  const std::uint64_t bit = std::uint64_t{1} << std::min<std::size_t>(language_bits_.size(), 63);
  language_bits_.emplace(std::string(key), bit);
  return bit;
}

std::uint64_t DirectorySearch::language_bits(const std::vector<std::string>& langs) {
  std::uint64_t bits = 0;
  for (const std::string& l : langs) bits |= language_bit(l);
  return bits;
}

const core::Organisation* DirectorySearch::organisation_of(const core::ContactPerson& p) const {
  return p.organisation_id.empty() ? nullptr : directory_.organisation(p.organisation_id);
}

const core::OpeningHours& DirectorySearch::hours_of(const core::ContactPerson& p) const {
  return core::hours_of(p, organisation_of(p));
}

std::vector<DirectorySearch::WordMatch> DirectorySearch::match_words(const std::string& text,
                                                                     const std::string& language) {
  std::vector<WordMatch> words;
  const std::string key = fold_.key(text);
  for (std::size_t start = 0; start < key.size();) {
    const std::size_t end = std::min(key.find(' ', start + 1), key.size());
    WordMatch w{key.substr(start, end - start), initial_bit(key[start + 1]), 0, 0, {}};
    w.skeleton = text::SearchFold::skeleton(w.key);
    words.push_back(std::move(w));
    start = end;
  }
  for (WordMatch& w : words) {
    for (const std::string& lang : {language, std::string("de")}) {
      const auto it = terms_.find(lang);
      if (it == terms_.end()) continue;
      for (const Term& t : it->second) {
        if (word_start(t.key, w.key) == std::string::npos) continue;
        w.topics |= t.topics;
        w.kinds |= t.kind;
      }
      if (core::primary_language(language) == "de") break;
    }
  }
  return words;
}

bool DirectorySearch::text_score(const Entry& e, const std::vector<WordMatch>& words, int& score) const {
  bool kind_named = false;
  for (const WordMatch& w : words) {
    const std::string_view hay(hay_.data() + e.hay_at, e.hay_size);
    if (const std::size_t at = (e.initials & w.initial) ? word_start(hay, w.key) : std::string::npos;
        at != std::string::npos) {
      const std::size_t after = at + w.key.size();
      score += kWordStart + (after == hay.size() || hay[after] == ' ' ? kWholeWord : 0);
    } else if (!w.skeleton.empty() && (e.initials & initial_bit('#')) &&
               word_start(hay, w.skeleton) != std::string::npos) {
      score += kWordStart;  // a name in Arabic script, by its consonants
    } else if (w.kinds & e.kind) {
      if (!kind_named) score += kKindTerm;
      kind_named = true;
    } else if (w.topics & e.topics) {
      score += kTopicTerm;
    } else {
      return false;
    }
  }
  return true;
}

void DirectorySearch::forget() {
  core::secure_clear(last_.text);
  core::secure_clear(last_.postal_code);
  core::secure_clear(covers_for_);
  core::secure_clear(covers_town_);
  last_ = {};
  last_matches_.clear();
  have_last_ = false;
  covers_.clear();
}

std::vector<FinderHit> DirectorySearch::find(const FinderQuery& q, std::size_t limit) {
  std::vector<FinderHit> hits;
  if (q.text.empty() && q.topic.empty()) {
    have_last_ = false;
    return hits;
  }
  const std::vector<WordMatch> words = match_words(q.text, q.language);
  // Typing on narrows: every hit of "mull" was a hit of "mul".
  FinderQuery before = last_;
  before.text = q.text;
  const bool narrow = have_last_ && before == q && !last_.text.empty() && q.text.starts_with(last_.text);
  std::vector<std::size_t> candidates;
  if (!narrow) {
    candidates.resize(entries_.size());
    for (std::size_t i = 0; i < candidates.size(); ++i) candidates[i] = i;
  } else {
    candidates = std::move(last_matches_);
  }
  const std::uint32_t topic = topic_bit(q.topic);
  const std::uint64_t language = language_bit(q.language);
  std::vector<std::size_t> matches;
  if (covers_.size() != areas_ || q.postal_code != covers_for_ || q.municipality != covers_town_) {
    covers_.assign(areas_, -1);
    covers_for_ = q.postal_code;
    covers_town_ = q.municipality;
  }
  if (open_.size() != hours_ || !(q.now == open_at_)) {
    open_.assign(hours_, -1);
    open_at_ = q.now;
  }
  for (const std::size_t i : candidates) {
    const Entry& e = entries_[i];
    if (topic && !(e.topics & topic)) continue;
    const bool speaks_it = (e.languages & language) != 0;
    if (q.only_my_language && !speaks_it) continue;
    int score = 0;
    if (!text_score(e, words, score)) continue;
    matches.push_back(i);
    FinderHit h{e.person, e.index, score, false, speaks_it, false};
    if (topic) h.score += kTopicChosen;
    if (!q.postal_code.empty() || !q.municipality.empty()) {
      std::int8_t& in = covers_[e.area_id];
      if (in < 0) in = core::area_covers(*e.area, q.postal_code, q.municipality) ? 1 : 0;
      if (in) {
        h.in_area = true;
        h.score += kInArea;
      }
    }
    if (h.speaks) h.score += kSpeaks;
    std::int8_t& is_open = open_[e.hours_id];
    if (is_open < 0) is_open = core::opening_state(*e.hours, q.now).open ? 1 : 0;
    h.open_now = is_open != 0;
    if (h.open_now) h.score += kOpenNow;
    hits.push_back(h);
  }
  last_ = q;
  last_matches_ = std::move(matches);
  have_last_ = true;
  // Best first: higher score, organisations before persons, then by name. One integer per hit
  // ((255 - score) << 33 | person << 32 | name rank), so ranking never leaves this vector.
  const std::size_t persons_from = directory_.organisations.size();
  std::vector<std::pair<std::uint64_t, std::uint32_t>> order(hits.size());
  for (std::size_t i = 0; i < hits.size(); ++i) {
    const FinderHit& h = hits[i];
    const std::uint64_t score = static_cast<std::uint64_t>(255 - std::clamp(h.score, 0, 255));
    const std::uint32_t rank = entries_[h.person ? persons_from + h.index : h.index].name_rank;
    order[i] = {score << 33 | std::uint64_t{h.person} << 32 | rank, static_cast<std::uint32_t>(i)};
  }
  const std::size_t n = std::min(limit, order.size());
  std::partial_sort(order.begin(), order.begin() + static_cast<std::ptrdiff_t>(n), order.end());
  std::vector<FinderHit> best;
  best.reserve(n);
  for (std::size_t i = 0; i < n; ++i) best.push_back(hits[order[i].second]);
  hits = std::move(best);
  return hits;
}

}  // namespace wk::ui
