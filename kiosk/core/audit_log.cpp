// Appending to and checking the hash-chained audit log (see audit_log.hpp).
#include "kiosk/core/audit_log.hpp"

#include <algorithm>
#include <stdexcept>

#include "kiosk/core/outbox.hpp"
#include "kiosk/core/time.hpp"
#include "kiosk/core/uuid.hpp"

namespace wk::core {
namespace {

const std::string kGenesis(64, '0');

AuditEntry read_entry(const Statement& st) {
  return {st.column_int64(0), st.column_text(1), st.column_text(2),
          st.column_text(3),  st.column_text(4), st.column_text(5)};
}

}  // namespace

AuditEntry append_audit(Database& db, std::string_view action, std::string_view subject,
                        std::chrono::system_clock::time_point at) {
  AuditEntry e;
  e.seq = 1;
  e.prev_hash = kGenesis;
  {
    Statement st = db.prepare("SELECT seq, hash FROM audit_head WHERE id = 1");
    if (st.step()) {
      e.seq = st.column_int64(0) + 1;
      e.prev_hash = st.column_text(1);
    }
  }
  e.at = to_iso8601(at);
  e.action = action;
  e.subject = subject;
  e.hash = sync::audit_hash(e.seq, e.at, e.action, e.subject, e.prev_hash);
  try {
    sync::validate_audit(e);
  } catch (const sync::AuditError& err) {
    throw std::invalid_argument(std::string("audit entry: ") + err.what());
  }
  db.prepare("INSERT INTO audit_log (seq, at, action, subject, prev_hash, hash) VALUES (?1, ?2, ?3, ?4, ?5, ?6)")
      .bind(1, e.seq)
      .bind(2, e.at)
      .bind(3, e.action)
      .bind(4, e.subject)
      .bind(5, e.prev_hash)
      .bind(6, e.hash)
      .step();
  db.prepare(
        "INSERT INTO audit_head (id, seq, hash) VALUES (1, ?1, ?2) "
        "ON CONFLICT (id) DO UPDATE SET seq = excluded.seq, hash = excluded.hash")
      .bind(1, e.seq)
      .bind(2, e.hash)
      .step();
  enqueue(db, {"audit", uuid_v7(), "insert", sync::write_audit_payload(e)});
  return e;
}

std::vector<AuditEntry> audit_entries(Database& db) {
  std::vector<AuditEntry> out;
  Statement st = db.prepare("SELECT seq, at, action, subject, prev_hash, hash FROM audit_log ORDER BY seq");
  while (st.step()) out.push_back(read_entry(st));
  return out;
}

AuditCheck verify_audit_log(Database& db) {
  AuditCheck check;
  auto fail = [&](std::int64_t seq, const std::string& what) {
    check.ok = false;
    check.problem = "audit entry " + std::to_string(seq) + ": " + what;
    return check;
  };
  std::int64_t expected = 1;
  std::string prev = kGenesis;
  Statement st = db.prepare("SELECT seq, at, action, subject, prev_hash, hash FROM audit_log ORDER BY seq");
  while (st.step()) {
    const AuditEntry e = read_entry(st);
    if (e.seq != expected)
      return fail(expected,
                  e.seq > expected ? "missing (deleted?); the next entry is " + std::to_string(e.seq) : "out of order");
    if (e.prev_hash != prev) return fail(e.seq, "does not follow the entry before it (one of them was changed)");
    if (e.hash != sync::audit_hash(e.seq, e.at, e.action, e.subject, e.prev_hash))
      return fail(e.seq, "its content does not match its hash (edited)");
    prev = e.hash;
    ++expected;
    ++check.entries;
  }
  Statement head = db.prepare("SELECT seq, hash FROM audit_head WHERE id = 1");
  const bool has_head = head.step();
  const std::int64_t head_seq = has_head ? head.column_int64(0) : 0;
  if (head_seq != check.entries || (has_head && head.column_text(1) != prev))
    return fail(head_seq, "the log ends at entry " + std::to_string(check.entries) + " but " +
                              std::to_string(head_seq) + " were written (newest entries cut off or replaced)");
  return check;
}

}  // namespace wk::core
