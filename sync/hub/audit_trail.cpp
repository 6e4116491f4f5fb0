// The terminals' audit logs at the hub (see audit_trail.hpp).
#include "sync/hub/audit_trail.hpp"

namespace wk::hub {

using wk::core::Database;
using wk::core::Statement;

const std::string_view kAuditSchema = R"sql(
CREATE TABLE audit_entries (
    terminal_id  TEXT NOT NULL REFERENCES terminals (id),
    seq          INTEGER NOT NULL CHECK (seq >= 1),
    at           TEXT NOT NULL,
    action       TEXT NOT NULL,
    subject      TEXT NOT NULL,
    prev_hash    TEXT NOT NULL,
    hash         TEXT NOT NULL,
    received_at  TEXT NOT NULL,
    PRIMARY KEY (terminal_id, seq)
) WITHOUT ROWID;
)sql";

void apply_audit(Database& db, std::string_view terminal_id, const nlohmann::json& payload,
                 const std::string& received_at) {
  const wk::sync::AuditRecord r = wk::sync::parse_audit_payload(payload);
  Statement held = db.prepare("SELECT seq, hash FROM audit_entries WHERE terminal_id = ?1 AND seq IN (?2, ?2 - 1)");
  held.bind(1, terminal_id).bind(2, r.seq);
  while (held.step()) {
    if (held.column_int64(0) == r.seq) throw wk::sync::AuditError("seq", "received before with another change");
    if (held.column_text(1) != r.prev_hash)
      throw wk::sync::AuditError("prev_hash", "is not the hash of the hub's entry before it (the log was changed)");
  }
  Statement st = db.prepare(
      "INSERT INTO audit_entries (terminal_id, seq, at, action, subject, prev_hash, hash, received_at) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
  st.bind(1, terminal_id).bind(2, r.seq).bind(3, r.at).bind(4, r.action).bind(5, r.subject);
  st.bind(6, r.prev_hash).bind(7, r.hash).bind(8, received_at);
  st.step();
}

std::vector<HubAuditEntry> audit_trail(Database& db, std::string_view terminal_id) {
  std::vector<HubAuditEntry> out;
  Statement st = db.prepare(
      "SELECT terminal_id, seq, at, action, subject, prev_hash, hash, received_at FROM audit_entries "
      "WHERE ?1 = '' OR terminal_id = ?1 ORDER BY terminal_id, seq");
  st.bind(1, terminal_id);
  while (st.step()) {
    out.push_back({st.column_text(0),
                   {st.column_int64(1), st.column_text(2), st.column_text(3), st.column_text(4), st.column_text(5),
                    st.column_text(6)},
                   st.column_text(7)});
  }
  return out;
}

}  // namespace wk::hub
