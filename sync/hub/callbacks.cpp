// Call-back requests at the hub (see callbacks.hpp).
#include "sync/hub/callbacks.hpp"

#include <algorithm>
#include <stdexcept>

#include "kiosk/core/directory.hpp"
#include "sync/hub/registration_export.hpp"

namespace wk::hub {

using nlohmann::json;
using wk::core::Database;
using wk::core::Statement;

const std::string_view kCallbackSchema = R"sql(
CREATE TABLE callbacks (
    seq              INTEGER PRIMARY KEY AUTOINCREMENT,
    id               TEXT NOT NULL UNIQUE,
    terminal_id      TEXT NOT NULL REFERENCES terminals (id),
    received_at      TEXT NOT NULL,
    organisation_id  TEXT NOT NULL,
    payload          TEXT NOT NULL CHECK (json_valid(payload)),
    exported_at      TEXT
);
CREATE INDEX callbacks_organisation ON callbacks (organisation_id, seq);
CREATE INDEX callbacks_exported_at ON callbacks (exported_at) WHERE exported_at IS NOT NULL;
)sql";

void apply_callback(Database& db, std::string_view terminal_id, std::string_view entity_id, const json& payload,
                    const std::string& received_at) {
  const wk::sync::CallbackRequest r = wk::sync::parse_callback_payload(payload, terminal_id);
  if (r.id != entity_id) throw wk::sync::CallbackError("id", "does not match entity_id");
  if (std::find(wk::core::kTopics.begin(), wk::core::kTopics.end(), r.topic) == wk::core::kTopics.end())
    throw wk::sync::CallbackError("topic", "is not a topic of the directory");
  Statement exists = db.prepare("SELECT 1 FROM callbacks WHERE id = ?1");
  exists.bind(1, r.id);
  if (exists.step()) throw std::invalid_argument("call-back request already received");
  Statement st = db.prepare(
      "INSERT INTO callbacks (id, terminal_id, received_at, organisation_id, payload) VALUES (?1, ?2, ?3, ?4, ?5)");
  st.bind(1, r.id).bind(2, terminal_id).bind(3, received_at).bind(4, r.organisation_id);
  st.bind(5, wk::sync::write_callback_payload(r).dump());
  st.step();
}

std::int64_t write_callbacks(Database& db, CallbackFormat format, std::string_view organisation_id, std::ostream& out,
                             std::int64_t* last_seq) {
  Statement st = db.prepare(
      "WITH held AS (SELECT c.*, (SELECT r.payload FROM registrations r"
      "                           WHERE json_extract(r.payload, '$.code') = json_extract(c.payload, "
      "'$.registration_code')"
      "                           ORDER BY r.seq DESC LIMIT 1) AS reg"
      "              FROM callbacks c WHERE ?1 = '' OR c.organisation_id = ?1)"
      " SELECT h.seq, h.received_at, h.terminal_id, h.payload, coalesce(o.data, 'null'),"
      "        coalesce(json_extract(h.reg, '$.contact_channel'), ''),"
      "        coalesce(json_extract(h.reg, '$.phone'), ''), coalesce(json_extract(h.reg, '$.email'), '')"
      " FROM held h"
      " LEFT JOIN catalog_items o ON o.kind = 'organisation' AND o.id = h.organisation_id AND o.deleted = 0"
      " ORDER BY h.organisation_id, h.seq");
  st.bind(1, organisation_id);
  if (format == CallbackFormat::csv)
    write_csv_row(out, {"organisation_id", "organisation", "received_at", "terminal_id", "id", "created_at", "topic",
                        "language", "person_id", "name", "phone", "email", "registration_code",
                        "registration_contact_channel", "registration_phone", "registration_email"});
  std::int64_t n = 0, last = 0;
  while (st.step()) {
    const json p = json::parse(st.column_text(3));
    const json org = json::parse(st.column_text(4), nullptr, false);
    std::string org_name;
    if (org.is_object())
      if (const auto o = wk::core::parse_organisation(p.value("organisation_id", ""), org))
        org_name = wk::core::localized(o->name, {"de", "en"});
    auto text = [&](const char* key) { return p.contains(key) && p[key].is_string() ? p[key].get<std::string>() : ""; };
    if (format == CallbackFormat::csv) {
      write_csv_row(
          out, {text("organisation_id"), org_name, st.column_text(1), st.column_text(2), text("id"), text("created_at"),
                text("topic"), text("language"), text("person_id"), text("name"), text("phone"), text("email"),
                text("registration_code"), st.column_text(5), st.column_text(6), st.column_text(7)});
    } else {
      json line = {{"organisation", org_name},
                   {"received_at", st.column_text(1)},
                   {"terminal_id", st.column_text(2)},
                   {"request", p}};
      if (!st.column_text(5).empty())
        line["registration_contact"] = {
            {"channel", st.column_text(5)}, {"phone", st.column_text(6)}, {"email", st.column_text(7)}};
      out << escape_hidden_characters(line.dump()) << "\n";
    }
    ++n;
    last = std::max(last, st.column_int64(0));
  }
  if (!out) throw std::runtime_error("cannot write the call-back requests");
  if (last_seq) *last_seq = last;
  return n;
}

std::vector<OpenCallbacks> open_callbacks(Database& db) {
  std::vector<OpenCallbacks> out;
  Statement st = db.prepare(
      "SELECT organisation_id, count(*), min(received_at) FROM callbacks WHERE exported_at IS NULL"
      " GROUP BY organisation_id ORDER BY organisation_id");
  while (st.step()) out.push_back({st.column_text(0), st.column_int64(1), st.column_text(2)});
  return out;
}

}  // namespace wk::hub
