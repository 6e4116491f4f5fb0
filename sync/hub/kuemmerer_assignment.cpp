// The hub's Kümmerer decisions (see kuemmerer_assignment.hpp).
#include "sync/hub/kuemmerer_assignment.hpp"

#include <stdexcept>

#include "kiosk/core/log.hpp"
#include "kiosk/core/registration_code.hpp"
#include "sync/hub/booking_ledger.hpp"

namespace wk::hub {

using wk::core::Database;
using wk::core::Statement;

const std::string_view kKuemmererSchema = R"sql(
ALTER TABLE registrations ADD COLUMN kuemmerer_id TEXT;
ALTER TABLE registrations ADD COLUMN kuemmerer_reason TEXT
    CHECK (kuemmerer_reason IS NULL OR kuemmerer_reason IN ('proposed', 'none', 'left', 'full', 'operator'));
ALTER TABLE registrations ADD COLUMN kuemmerer_version INTEGER;
UPDATE registrations SET kuemmerer_id = json_extract(payload, '$.kuemmerer_id'), kuemmerer_reason = 'proposed';
CREATE INDEX registrations_kuemmerer ON registrations (kuemmerer_id);
CREATE INDEX registrations_kuemmerer_version ON registrations (terminal_id, kuemmerer_version)
    WHERE kuemmerer_version IS NOT NULL;
)sql";

KuemmererDirectory::Loaded::Loaded(wk::core::Directory d)
    : directory(std::move(d)), pool(directory), municipalities(wk::core::municipalities_of(directory)) {}

KuemmererDirectory::KuemmererDirectory() = default;
KuemmererDirectory::~KuemmererDirectory() = default;

const KuemmererDirectory::Loaded& KuemmererDirectory::current(Database& db) {
  // Every write of an item takes a new version, tombstones included.
  Statement st = db.prepare(
      "SELECT coalesce(max(version), 0), count(*) FROM catalog_items WHERE kind IN ('organisation', 'contact_person')");
  st.step();
  std::string fingerprint = std::to_string(st.column_int64(0)) + "/" + std::to_string(st.column_int64(1));
  st.reset();
  if (!loaded_ || fingerprint != fingerprint_) {
    loaded_ = std::make_unique<Loaded>(wk::core::load_directory(db));
    fingerprint_ = std::move(fingerprint);
  }
  return *loaded_;
}

namespace {

// Registrations per Kümmerer as the hub holds them.
wk::core::KuemmererLoad hub_loads(Database& db) {
  wk::core::KuemmererLoad load;
  Statement st =
      db.prepare("SELECT kuemmerer_id, count(*) FROM registrations WHERE kuemmerer_id IS NOT NULL GROUP BY 1");
  while (st.step()) load.emplace(st.column_text(0), st.column_int64(1));
  return load;
}

const wk::core::ContactPerson* kuemmerer_named(const wk::core::Directory& d, std::string_view id) {
  const auto it = std::lower_bound(d.persons.begin(), d.persons.end(), id,
                                   [](const wk::core::ContactPerson& p, std::string_view v) { return p.id < v; });
  if (it == d.persons.end() || it->id != id || !it->kuemmerer_capacity || *it->kuemmerer_capacity <= 0) return nullptr;
  return &*it;
}

}  // namespace

KuemmererDecision decide_kuemmerer(Database& db, KuemmererDirectory& directory, const wk::sync::StoredRegistration& r) {
  const KuemmererDirectory::Loaded& held = directory.current(db);
  const wk::core::KuemmererPool& pool = held.pool;
  if (pool.empty()) return {r.kuemmerer_id, "proposed"};
  const wk::core::KuemmererLoad load = hub_loads(db);
  std::string reason = r.kuemmerer_id.empty() ? "none" : "left";
  if (const wk::core::ContactPerson* p = kuemmerer_named(held.directory, r.kuemmerer_id)) {
    const auto it = load.find(p->id);
    if ((it == load.end() ? 0 : it->second) < *p->kuemmerer_capacity) return {r.kuemmerer_id, "proposed"};
    reason = "full";
  }
  const wk::core::KuemmererNeed need = wk::core::need_of(held.municipalities, r.registration.target_group,
                                                         r.registration.preferred_language, r.registration.residence);
  const wk::core::ContactPerson* chosen = pool.choose(need, load);
  if (chosen->id == r.kuemmerer_id) return {r.kuemmerer_id, "proposed"};  // everyone fitting is as full
  return {chosen->id, reason};
}

void record_kuemmerer(Database& db, std::string_view registration_id, std::string_view proposed,
                      const KuemmererDecision& decision) {
  Statement st = db.prepare(
      "UPDATE registrations SET kuemmerer_id = nullif(?2, ''), kuemmerer_reason = ?3, kuemmerer_version = ?4 "
      "WHERE id = ?1");
  st.bind(1, registration_id).bind(2, decision.id).bind(3, decision.reason);
  if (decision.id != proposed) {
    st.bind(4, next_version(db));
    wk::core::log::info("kuemmerer", "registration " + std::string(registration_id) + ": " +
                                         (proposed.empty() ? std::string("none") : std::string(proposed)) + " " +
                                         decision.reason + ", assigned " + decision.id);
  } else {
    st.bind_null(4);
  }
  st.step();
}

Reassignment reassign_kuemmerer(Database& db, KuemmererDirectory& directory, std::string_view which,
                                std::string_view kuemmerer_id) {
  if (!kuemmerer_named(directory.current(db).directory, kuemmerer_id))
    throw std::invalid_argument("\"" + std::string(kuemmerer_id) +
                                "\" is not a Kümmerer in the hub's directory (a contact person with a "
                                "kuemmerer_capacity above 0); see welcome-hub kuemmerer list");
  const std::string code = wk::core::normalize_registration_code(which);
  Statement find = db.prepare(
      "SELECT id, coalesce(json_extract(payload, '$.code'), ''), coalesce(kuemmerer_id, '') FROM registrations "
      "WHERE id = ?1 OR (?2 <> '' AND json_extract(payload, '$.code') = ?2) ORDER BY seq DESC LIMIT 1");
  find.bind(1, which).bind(2, code);
  if (!find.step())
    throw std::invalid_argument("no registration with id or code \"" + std::string(which) +
                                "\" at this hub (exported ones are deleted after their retention)");
  Reassignment r{find.column_text(0), find.column_text(1), find.column_text(2), std::string(kuemmerer_id)};
  find.reset();
  if (r.from == r.to) return r;
  Statement st = db.prepare(
      "UPDATE registrations SET kuemmerer_id = ?2, kuemmerer_reason = 'operator', kuemmerer_version = ?3 WHERE id = "
      "?1");
  st.bind(1, r.registration_id).bind(2, r.to).bind(3, next_version(db));
  st.step();
  wk::core::log::info("kuemmerer", "registration " + r.registration_id + ": operator reassigned " +
                                       (r.from.empty() ? "none" : r.from) + " to " + r.to);
  return r;
}

std::vector<wk::sync::KuemmererState> kuemmerer_states_since(Database& db, std::string_view terminal_id,
                                                             std::int64_t after, int limit) {
  std::vector<wk::sync::KuemmererState> out;
  Statement st = db.prepare(
      "SELECT id, kuemmerer_version, coalesce(kuemmerer_id, '') FROM registrations "
      "WHERE terminal_id = ?1 AND kuemmerer_version > ?2 ORDER BY kuemmerer_version LIMIT ?3");
  st.bind(1, terminal_id).bind(2, after).bind(3, static_cast<std::int64_t>(limit));
  while (st.step()) out.push_back({st.column_text(0), st.column_int64(1), st.column_text(2)});
  return out;
}

}  // namespace wk::hub
