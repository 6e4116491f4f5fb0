// Folded keys, term matching and ranking for the finder (see directory_search.hpp).
#include "kiosk/ui/features/contacts/directory_search.hpp"

#include <algorithm>
#include <cstring>
#include <unordered_map>

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

// The primary subtag: "fa" of "fa-AF"; "prs" (Dari) and "fa" stay apart.
std::string_view primary(std::string_view lang) {
  return lang.substr(0, lang.find('-'));
}

bool speaks(const std::vector<std::string>& languages, std::string_view lang) {
  return std::any_of(languages.begin(), languages.end(),
                     [&](const std::string& l) { return primary(l) == primary(lang); });
}

// Where " word" starts a word of `hay` (hay is " a b c"), or npos.
std::size_t word_start(const std::string& hay, const std::string& word) {
  const void* p = memmem(hay.data(), hay.size(), word.data(), word.size());
  return p ? static_cast<std::size_t>(static_cast<const char*>(p) - hay.data()) : std::string::npos;
}

void add_keys(text::SearchFold& fold, std::string& hay, std::string_view s) {
  for (const std::string& k : fold.keys(s)) hay += k;
}

void add_keys(text::SearchFold& fold, std::string& hay, const core::LanguageMap& map) {
  for (const auto& [lang, s] : map) add_keys(fold, hay, s);
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
    Entry e{false, i, {}, topic_bits(o.topics), kind_bit(o.kind), o.languages, &o.area, &o.hours, first_name(o.name)};
    add_keys(fold_, e.haystack, o.name);
    add_keys(fold_, e.haystack, o.street + " " + o.postal_code + " " + o.municipality);
    entries_.push_back(std::move(e));
  }
  for (std::size_t i = 0; i < directory_.persons.size(); ++i) {
    const core::ContactPerson& p = directory_.persons[i];
    const core::Organisation* o = organisation_of(p);
    Entry e{true, i, {}, topic_bits(p.topics), 0, p.languages, &p.area, &hours_of(p), p.name};
    add_keys(fold_, e.haystack, p.name);
    add_keys(fold_, e.haystack, p.role);
    if (o) {
      add_keys(fold_, e.haystack, o->name);
      e.topics |= topic_bits(o->topics);
      e.kind = kind_bit(o->kind);
      if (e.languages.empty()) e.languages = o->languages;
      if (p.area.postal_codes.empty() && p.area.municipalities.empty()) e.area = &o->area;
    }
    entries_.push_back(std::move(e));
  }
  for (const TopicTerms& t : terms.topics)
    for (const auto& [lang, list] : t.terms)
      for (const std::string& s : list) terms_[lang].push_back({topic_bit(t.id), 0, fold_.key(s)});
  for (const auto& [kind, by_lang] : terms.kinds)
    for (const auto& [lang, list] : by_lang)
      for (const std::string& s : list) terms_[lang].push_back({0, kind_bit(kind), fold_.key(s)});
}

const core::Organisation* DirectorySearch::organisation_of(const core::ContactPerson& p) const {
  return p.organisation_id.empty() ? nullptr : directory_.organisation(p.organisation_id);
}

const core::OpeningHours& DirectorySearch::hours_of(const core::ContactPerson& p) const {
  if (!p.hours.empty()) return p.hours;
  const core::Organisation* o = organisation_of(p);
  return o ? o->hours : p.hours;
}

std::vector<DirectorySearch::WordMatch> DirectorySearch::match_words(const std::string& text,
                                                                     const std::string& language) {
  std::vector<WordMatch> words;
  const std::string key = fold_.key(text);
  for (std::size_t start = 0; start < key.size();) {
    const std::size_t end = std::min(key.find(' ', start + 1), key.size());
    words.push_back({key.substr(start, end - start), 0, 0});
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
      if (primary(language) == "de") break;
    }
  }
  return words;
}

bool DirectorySearch::text_score(const Entry& e, const std::vector<WordMatch>& words, int& score) const {
  bool kind_named = false;
  for (const WordMatch& w : words) {
    if (const std::size_t at = word_start(e.haystack, w.key); at != std::string::npos) {
      const std::size_t after = at + w.key.size();
      score += kWordStart + (after == e.haystack.size() || e.haystack[after] == ' ' ? kWholeWord : 0);
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
  std::vector<std::size_t> matches;
  std::unordered_map<const core::OpeningHours*, bool> open;
  for (const std::size_t i : candidates) {
    const Entry& e = entries_[i];
    if (topic && !(e.topics & topic)) continue;
    const bool speaks_it = speaks(e.languages, q.language);
    if (q.only_my_language && !speaks_it) continue;
    int score = 0;
    if (!text_score(e, words, score)) continue;
    matches.push_back(i);
    FinderHit h{e.person, e.index, score, false, speaks_it, false};
    if (topic) h.score += kTopicChosen;
    if (!q.postal_code.empty() && core::area_covers(*e.area, q.postal_code, "")) {
      h.in_area = true;
      h.score += kInArea;
    }
    if (h.speaks) h.score += kSpeaks;
    auto [it, fresh] = open.try_emplace(e.hours, false);
    if (fresh) it->second = core::opening_state(*e.hours, q.now).open;
    h.open_now = it->second;
    if (h.open_now) h.score += kOpenNow;
    hits.push_back(h);
  }
  last_ = q;
  last_matches_ = std::move(matches);
  have_last_ = true;
  const auto better = [&](const FinderHit& a, const FinderHit& b) {
    if (a.score != b.score) return a.score > b.score;
    if (a.person != b.person) return !a.person;
    const Entry& ea = entries_[a.person ? directory_.organisations.size() + a.index : a.index];
    const Entry& eb = entries_[b.person ? directory_.organisations.size() + b.index : b.index];
    return ea.sort_name < eb.sort_name;
  };
  if (hits.size() > limit) {
    std::partial_sort(hits.begin(), hits.begin() + static_cast<std::ptrdiff_t>(limit), hits.end(), better);
    hits.resize(limit);
  } else {
    std::sort(hits.begin(), hits.end(), better);
  }
  return hits;
}

}  // namespace wk::ui
