// The participant export (see booking_export.hpp).
#include "sync/hub/booking_export.hpp"

#include <stdexcept>

namespace wk::hub {

std::int64_t write_participants(HubStore& store, ExportFormat format, std::string_view course_id, std::ostream& out) {
  if (format == ExportFormat::json) throw std::invalid_argument("bookings export: expected csv or ndjson");
  const std::vector<ParticipantRow> rows = store.participants(course_id);
  if (format == ExportFormat::csv) {
    write_csv_row(out, {"course_id", "state", "booking_id", "received_at", "code", "person", "given_names",
                        "family_name", "birth_date"});
  }
  for (const auto& r : rows) {
    if (format == ExportFormat::csv) {
      write_csv_row(out, {r.course_id, r.state, r.booking_id, r.received_at, r.code, std::to_string(r.person),
                          r.given_names, r.family_name, r.birth_date});
    } else {
      const nlohmann::json o{{"course_id", r.course_id},
                             {"state", r.state},
                             {"booking_id", r.booking_id},
                             {"received_at", r.received_at},
                             {"code", r.code},
                             {"person", r.person},
                             {"given_names", r.given_names},
                             {"family_name", r.family_name},
                             {"birth_date", r.birth_date}};
      out << escape_hidden_characters(o.dump()) << "\n";
    }
  }
  out.flush();
  if (!out) throw std::runtime_error("writing the bookings export failed");
  return static_cast<std::int64_t>(rows.size());
}

}  // namespace wk::hub
