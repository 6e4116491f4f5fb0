// Choosing the one Kümmerer (regional contact person) of a registration from the directory a
// terminal holds, offline, deterministically, balanced by load.
//
// Eligible are the persons with a Kümmerer capacity above 0. Among them, those who fit best
// win, in this order of weight: the area they look after covers the residence (their own area,
// else their organisation's); they speak the newcomer's preferred language; they serve the
// newcomer's target group (no target groups: everyone). So nobody outside the region or the
// languages is chosen while an eligible one inside exists. Among equally fitting ones, the one
// whose load after this registration is the smallest share of their capacity; ties go to the
// smaller id. Over many registrations each gets their capacity's share.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "kiosk/core/database.hpp"
#include "kiosk/core/directory.hpp"

namespace wk::core {

struct KuemmererNeed {
  std::string target_group;  // of the registration
  std::string language;      // the preferred language ("fa")
  std::string postal_code;   // of the residence, or ""
  std::string municipality;  // of the residence as the directory spells it, or ""
};

// Every municipality the directory's areas name, longest first (read once per directory).
std::vector<std::string> municipalities_of(const Directory& directory);

// What the registration needs: its target group and preferred language, and the postal code
// (the first run of exactly 5 digits) and municipality (the longest of `municipalities` found in
// the text as whole words) of its free-text residence.
KuemmererNeed need_of(const std::vector<std::string>& municipalities, const std::string& target_group,
                      const std::string& language, const std::string& residence);

// Registrations per Kümmerer id, as counted where the choice is made.
using KuemmererLoad = std::map<std::string, std::int64_t, std::less<>>;

// Registrations per Kümmerer this terminal holds (its own choices, as the hub corrected them).
KuemmererLoad kuemmerer_loads(Database& db);

// The hub's word on registrations this terminal sent: (registration id, Kümmerer id or "" for
// none). Registrations no longer held here (retention) are skipped; returns how many changed.
std::int64_t apply_kuemmerer_states(Database& db, const std::vector<std::pair<std::string, std::string>>& states);

// The Kümmerer of the registration with `code` this terminal holds (its newest), or "".
std::string kuemmerer_of_code(Database& db, std::string_view code);

// The Kümmerer of a directory with what the choice reads of them (their area and languages, or
// their organisation's), built once per directory. Refers into `directory`, which must outlive it.
class KuemmererPool {
 public:
  explicit KuemmererPool(const Directory& directory);
  // The chosen person, or nullptr when the directory has no Kümmerer.
  const ContactPerson* choose(const KuemmererNeed& need, const KuemmererLoad& load) const;
  bool empty() const { return candidates_.empty(); }

 private:
  struct Candidate {
    const ContactPerson* person;
    const ServedArea* area;
    const std::vector<std::string>* languages;
    std::int64_t capacity;
  };
  std::vector<Candidate> candidates_;
};

// KuemmererPool(directory).choose(need, load), for a single choice.
const ContactPerson* choose_kuemmerer(const Directory& directory, const KuemmererNeed& need, const KuemmererLoad& load);

}  // namespace wk::core
