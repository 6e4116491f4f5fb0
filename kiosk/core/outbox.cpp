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
  Statement st = db.prepare("SELECT count(*) FROM outbox WHERE acked_at IS NULL AND rejected_at IS NULL");
  st.step();
  return st.column_int64(0);
}

std::int64_t last_seq(Database& db) {
  Statement st = db.prepare("SELECT coalesce(max(seq), 0) FROM outbox");
  return st.step() ? st.column_int64(0) : 0;
}

std::vector<OutboxEntry> pending(Database& db, int limit, std::int64_t max_seq) {
  if (limit < 1) throw std::invalid_argument("outbox pending: limit must be at least 1");
  Statement st = db.prepare(
      "SELECT seq, change_id, entity, entity_id, op, payload, created_at, attempts "
      "FROM outbox WHERE acked_at IS NULL AND rejected_at IS NULL AND seq <= ?2 ORDER BY seq LIMIT ?1");
  st.bind(1, limit);
  st.bind(2, max_seq);
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

bool mark_acked(Database& db, std::string_view change_id, std::string_view at) {
  Statement st = db.prepare(
      "UPDATE outbox SET acked_at = coalesce(acked_at, ?2), rejected_at = NULL, reject_reason = NULL "
      "WHERE change_id = ?1");
  st.bind(1, change_id).bind(2, at);
  st.step();
  return db.changes() > 0;
}

bool mark_rejected(Database& db, std::string_view change_id, std::string_view reason, std::string_view at) {
  Statement st = db.prepare(
      "UPDATE outbox SET rejected_at = ?3, reject_reason = ?2 "
      "WHERE change_id = ?1 AND acked_at IS NULL AND rejected_at IS NULL");
  st.bind(1, change_id).bind(2, reason).bind(3, at);
  st.step();
  return db.changes() > 0;
}

void count_attempt(Database& db, std::int64_t first_seq, std::int64_t last_seq) {
  Statement st = db.prepare(
      "UPDATE outbox SET attempts = attempts + 1 "
      "WHERE seq BETWEEN ?1 AND ?2 AND acked_at IS NULL AND rejected_at IS NULL");
  st.bind(1, first_seq).bind(2, last_seq);
  st.step();
}

bool retry_dead_letter(Database& db, std::string_view change_id) {
  Statement st = db.prepare(
      "UPDATE outbox SET rejected_at = NULL, reject_reason = NULL, attempts = attempts + 1 "
      "WHERE change_id = ?1 AND rejected_at IS NOT NULL");
  st.bind(1, change_id);
  st.step();
  return db.changes() > 0;
}

bool discard_dead_letter(Database& db, std::string_view change_id, std::string_view at) {
  Statement st = db.prepare(
      "UPDATE outbox SET rejected_at = NULL, discarded_at = ?2, acked_at = ?2 "
      "WHERE change_id = ?1 AND rejected_at IS NOT NULL");
  st.bind(1, change_id).bind(2, at);
  st.step();
  return db.changes() > 0;
}

std::vector<DeadLetter> dead_letters(Database& db) {
  Statement st = db.prepare(
      "SELECT seq, change_id, entity, entity_id, op, created_at, rejected_at, reject_reason "
      "FROM outbox WHERE rejected_at IS NOT NULL ORDER BY seq");
  std::vector<DeadLetter> out;
  while (st.step()) {
    out.push_back({st.column_int64(0), st.column_text(1), st.column_text(2), st.column_text(3), st.column_text(4),
                   st.column_text(5), st.column_text(6), st.column_text(7)});
  }
  return out;
}

std::int64_t dead_letter_count(Database& db) {
  Statement st = db.prepare("SELECT count(*) FROM outbox WHERE rejected_at IS NOT NULL");
  st.step();
  return st.column_int64(0);
}

}  // namespace wk::core
