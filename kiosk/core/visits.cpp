// The visit actions: rows in `visits` plus their outbox entries (see visits.hpp).
#include "kiosk/core/visits.hpp"

#include "kiosk/core/outbox.hpp"
#include "kiosk/core/usage_counts.hpp"
#include "sync/protocol/usage_payload.hpp"
#include "kiosk/core/time.hpp"
#include "kiosk/core/uuid.hpp"

#include <nlohmann/json.hpp>

#include <stdexcept>

namespace wk::core {
namespace {

constexpr std::string_view kEntity = "visit";

void require_language_code(std::string_view language) {
  bool ok = !language.empty() && language.size() <= 35;
  for (char c : language) {
    ok = ok && ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-');
  }
  if (!ok) throw std::invalid_argument("visit language must be a language code like \"de\" or \"zh-Hans\"");
}

}  // namespace

std::string start_visit(Store& store, std::string_view language) {
  require_language_code(language);
  return store.transact([&](Database& db) {
    std::string id = uuid_v7();
    const std::string started_at = utc_now_iso8601();
    Statement st = db.prepare("INSERT INTO visits (id, started_at, language) VALUES (?1, ?2, ?3)");
    st.bind(1, id).bind(2, started_at).bind(3, language);
    st.step();
    enqueue(db,
            OutboxChange{
                std::string(kEntity), id, "insert", {{"id", id}, {"started_at", started_at}, {"language", language}}});
    count_usage(db, "visits", language, 1, std::chrono::system_clock::now());
    return id;
  });
}

bool end_visit(Store& store, std::string_view id, std::string_view reason, std::string_view step) {
  if (reason != "finished" && reason != "idle") {
    throw std::invalid_argument("visit end reason must be \"finished\" or \"idle\"");
  }
  if (!step.empty() && !sync::is_usage_key(step)) throw std::invalid_argument("a visit's step must be a screen id");
  return store.transact([&](Database& db) {
    const std::string ended_at = utc_now_iso8601();
    Statement st = db.prepare("UPDATE visits SET ended_at = ?1, end_reason = ?2 WHERE id = ?3 AND ended_at IS NULL");
    st.bind(1, ended_at).bind(2, reason).bind(3, id);
    st.step();
    if (db.changes() == 0) return false;
    enqueue(db, OutboxChange{std::string(kEntity),
                             std::string(id),
                             "update",
                             {{"id", id}, {"ended_at", ended_at}, {"end_reason", reason}}});
    if (reason == "idle") {
      Statement lang = db.prepare("SELECT language FROM visits WHERE id = ?1");
      lang.bind(1, id);
      const auto now = std::chrono::system_clock::now();
      if (lang.step()) count_usage(db, "idle_resets", lang.column_text(0), 1, now);
      if (!step.empty()) count_usage(db, "abandoned", step, 1, now);
    }
    return true;
  });
}

bool set_visit_language(Store& store, std::string_view id, std::string_view language) {
  require_language_code(language);
  return store.transact([&](Database& db) {
    Statement st = db.prepare("UPDATE visits SET language = ?1 WHERE id = ?2 AND ended_at IS NULL AND language <> ?1");
    st.bind(1, language).bind(2, id);
    st.step();
    if (db.changes() == 0) return false;
    enqueue(db, OutboxChange{std::string(kEntity), std::string(id), "update", {{"id", id}, {"language", language}}});
    return true;
  });
}

}  // namespace wk::core
