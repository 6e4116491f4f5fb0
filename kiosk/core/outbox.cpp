// Writing and reading the sync outbox (see outbox.hpp).
#include "kiosk/core/outbox.hpp"

#include "kiosk/core/time.hpp"
#include "kiosk/core/uuid.hpp"

#include <stdexcept>

namespace wk::core {

std::string enqueue(Database& db, const OutboxChange& change) {
  if (!db.in_transaction()) {
    throw std::logic_error(
        "outbox enqueue outside a transaction: the change and its "
        "outbox entry must commit together");
  }
  if (change.entity.empty() || change.entity_id.empty()) {
    throw std::invalid_argument("outbox change needs an entity and an entity_id");
  }
  if (change.op != "insert" && change.op != "update" && change.op != "delete") {
    throw std::invalid_argument("outbox op must be insert, update or delete");
  }
  const std::string payload = change.payload.dump();
  std::string change_id = uuid_v7();

  Statement st = db.prepare(
      "INSERT INTO outbox (change_id, entity, entity_id, op, payload, created_at) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
  st.bind(1, change_id)
      .bind(2, change.entity)
      .bind(3, change.entity_id)
      .bind(4, change.op)
      .bind(5, payload)
      .bind(6, utc_now_iso8601());
  st.step();
  return change_id;
}

std::int64_t pending_count(Database& db) {
  Statement st = db.prepare("SELECT count(*) FROM outbox WHERE acked_at IS NULL");
  st.step();
  return st.column_int64(0);
}

std::vector<OutboxEntry> pending(Database& db, int limit) {
  if (limit < 1) throw std::invalid_argument("outbox pending: limit must be at least 1");
  Statement st = db.prepare(
      "SELECT seq, change_id, entity, entity_id, op, payload, created_at, attempts "
      "FROM outbox WHERE acked_at IS NULL ORDER BY seq LIMIT ?1");
  st.bind(1, limit);
  std::vector<OutboxEntry> out;
  while (st.step()) {
    OutboxEntry e;
    e.seq = st.column_int64(0);
    e.change_id = st.column_text(1);
    e.entity = st.column_text(2);
    e.entity_id = st.column_text(3);
    e.op = st.column_text(4);
    e.payload = st.column_text(5);
    e.created_at = st.column_text(6);
    e.attempts = st.column_int64(7);
    out.push_back(std::move(e));
  }
  return out;
}

}  // namespace wk::core
