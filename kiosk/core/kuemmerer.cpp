// The Kümmerer choice (see kuemmerer.hpp).
#include "kiosk/core/kuemmerer.hpp"

#include <algorithm>
#include <set>

namespace wk::core {
namespace {

constexpr int kArea = 4, kLanguage = 2, kGroup = 1;

bool lower_equal_at(std::string_view text, std::size_t at, std::string_view word) {
  for (std::size_t i = 0; i < word.size(); ++i) {
    const auto a = static_cast<unsigned char>(text[at + i]), b = static_cast<unsigned char>(word[i]);
    if (std::tolower(a) != std::tolower(b)) return false;
  }
  return true;
}

// `word` in `text` as a whole word, ASCII letters compared without case.
bool contains_word(std::string_view text, std::string_view word) {
  if (word.empty() || word.size() > text.size()) return false;
  for (std::size_t at = 0; at + word.size() <= text.size(); ++at) {
    if (!lower_equal_at(text, at, word)) continue;
    const bool start = at == 0 || !std::isalnum(static_cast<unsigned char>(text[at - 1]));
    const std::size_t end = at + word.size();
    const bool stop = end == text.size() || !std::isalnum(static_cast<unsigned char>(text[end]));
    if (start && stop) return true;
  }
  return false;
}

}  // namespace

KuemmererLoad kuemmerer_loads(Database& db) {
  KuemmererLoad load;
  Statement st = db.prepare(
      "SELECT kuemmerer_id, count(*) FROM registrations WHERE kuemmerer_id IS NOT NULL GROUP BY kuemmerer_id");
  while (st.step()) load[st.column_text(0)] = st.column_int64(1);
  return load;
}

std::vector<std::string> municipalities_of(const Directory& directory) {
  std::set<std::string, std::less<>> towns;
  for (const Organisation& o : directory.organisations)
    towns.insert(o.area.municipalities.begin(), o.area.municipalities.end());
  for (const ContactPerson& p : directory.persons)
    towns.insert(p.area.municipalities.begin(), p.area.municipalities.end());
  std::vector<std::string> out(towns.begin(), towns.end());
  std::stable_sort(out.begin(), out.end(),
                   [](const std::string& a, const std::string& b) { return a.size() > b.size(); });
  return out;
}

KuemmererNeed need_of(const std::vector<std::string>& municipalities, const std::string& target_group,
                      const std::string& language, const std::string& residence) {
  KuemmererNeed need{target_group, language, {}, {}};
  for (std::size_t i = 0; i < residence.size(); ++i) {
    std::size_t j = i;
    while (j < residence.size() && std::isdigit(static_cast<unsigned char>(residence[j]))) ++j;
    if (j - i == 5) {
      need.postal_code = residence.substr(i, 5);
      break;
    }
    i = j;
  }
  for (const std::string& t : municipalities) {
    if (contains_word(residence, t)) {
      need.municipality = t;
      break;
    }
  }
  return need;
}

KuemmererPool::KuemmererPool(const Directory& directory) {
  for (const ContactPerson& p : directory.persons) {
    if (!p.kuemmerer_capacity || *p.kuemmerer_capacity <= 0) continue;
    const Organisation* o = p.organisation_id.empty() ? nullptr : directory.organisation(p.organisation_id);
    candidates_.push_back({&p, &area_of(p, o), &languages_of(p, o), *p.kuemmerer_capacity});
  }
}

const ContactPerson* KuemmererPool::choose(const KuemmererNeed& need, const KuemmererLoad& load) const {
  // First how well each fits; only the best fitting ones are weighed by load.
  std::vector<int> fits(candidates_.size());
  int best_fit = -1;
  const bool located = !need.postal_code.empty() || !need.municipality.empty();
  for (std::size_t i = 0; i < candidates_.size(); ++i) {
    const Candidate& c = candidates_[i];
    int fit = 0;
    if (located && area_covers(*c.area, need.postal_code, need.municipality)) fit += kArea;
    if (std::any_of(c.languages->begin(), c.languages->end(),
                    [&](const std::string& l) { return primary_language(l) == primary_language(need.language); }))
      fit += kLanguage;
    const auto& groups = c.person->target_groups;
    if (groups.empty() || std::find(groups.begin(), groups.end(), need.target_group) != groups.end()) fit += kGroup;
    fits[i] = fit;
    best_fit = std::max(best_fit, fit);
  }
  const ContactPerson* best = nullptr;
  std::int64_t best_load = 0, best_capacity = 1;
  for (std::size_t i = 0; i < candidates_.size(); ++i) {
    if (fits[i] != best_fit) continue;
    const Candidate& c = candidates_[i];
    const auto it = load.find(c.person->id);
    const std::int64_t after = (it == load.end() ? 0 : it->second) + 1;
    // after / capacity < best_load / best_capacity, without division.
    const std::int64_t lhs = after * best_capacity, rhs = best_load * c.capacity;
    if (!best || lhs < rhs || (lhs == rhs && c.person->id < best->id)) {
      best = c.person;
      best_load = after;
      best_capacity = c.capacity;
    }
  }
  return best;
}

std::int64_t apply_kuemmerer_states(Database& db, const std::vector<std::pair<std::string, std::string>>& states) {
  Statement st = db.prepare(
      "UPDATE registrations SET kuemmerer_id = nullif(?2, '') WHERE id = ?1 AND kuemmerer_id IS NOT nullif(?2, '')");
  std::int64_t changed = 0;
  for (const auto& [id, kuemmerer] : states) {
    st.reset();
    st.bind(1, id).bind(2, kuemmerer);
    st.step();
    changed += db.changes();
  }
  return changed;
}

std::string kuemmerer_of_code(Database& db, std::string_view code) {
  Statement st = db.prepare(
      "SELECT coalesce(kuemmerer_id, '') FROM registrations WHERE code = ?1 ORDER BY created_at DESC LIMIT 1");
  st.bind(1, code);
  return st.step() ? st.column_text(0) : std::string();
}

const ContactPerson* choose_kuemmerer(const Directory& directory, const KuemmererNeed& need,
                                      const KuemmererLoad& load) {
  return KuemmererPool(directory).choose(need, load);
}

}  // namespace wk::core
