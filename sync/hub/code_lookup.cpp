// The code look-up (see code_lookup.hpp).
#include "sync/hub/code_lookup.hpp"

#include "kiosk/core/registration_code.hpp"
#include "kiosk/core/time.hpp"
#include "sync/hub/waiting_list.hpp"

namespace wk::hub {

using nlohmann::json;
using wk::core::Database;
using wk::core::Statement;

namespace {

// The first code point of `text` (UTF-8), or "".
std::string first_code_point(const std::string& text) {
  if (text.empty()) return {};
  const auto lead = static_cast<unsigned char>(text[0]);
  const std::size_t len = lead < 0x80 ? 1 : lead >> 5 == 0x6 ? 2 : lead >> 4 == 0xE ? 3 : lead >> 3 == 0x1E ? 4 : 0;
  if (len == 0 || len > text.size()) return {};
  return text.substr(0, len);
}

}  // namespace

wk::sync::CodeLookup lookup_code(Database& db, const LedgerContext& ctx, std::string_view typed) {
  wk::sync::CodeLookup out;
  const std::string code = wk::core::normalize_registration_code(typed);
  if (code.empty()) return out;
  settle(db, ctx);

  Statement reg = db.prepare(
      "SELECT payload, coalesce(kuemmerer_id, '') FROM registrations WHERE json_extract(payload, '$.code') = ?1 "
      "ORDER BY seq DESC LIMIT 1");
  reg.bind(1, code);
  if (reg.step()) {
    out.known = true;
    out.kuemmerer_id = reg.column_text(1);
    const json payload = json::parse(reg.column_text(0), nullptr, false);
    if (payload.is_object() && payload.contains("given_names") && payload["given_names"].is_string()) {
      const std::string initial = first_code_point(payload["given_names"].get<std::string>());
      if (!initial.empty()) out.initial = initial + ".";
    }
  }
  Statement bookings = db.prepare(
      "SELECT id, CASE WHEN state = 'waiting' AND offer_expires_at IS NOT NULL THEN 'offered' ELSE state END, "
      "coalesce(offer_expires_at, '') FROM bookings WHERE code = ?1 ORDER BY seq DESC LIMIT ?2");
  bookings.bind(1, code).bind(2, static_cast<std::int64_t>(kMaxLookupBookings));
  Statement lines =
      db.prepare("SELECT course_id, person FROM booking_lines WHERE booking_id = ?1 ORDER BY course_id, person");
  while (bookings.step()) {
    out.known = true;
    wk::sync::LookupBooking b;
    b.id = bookings.column_text(0);
    b.state = bookings.column_text(1);
    lines.reset();
    lines.bind(1, b.id);
    while (lines.step()) b.lines.push_back({lines.column_text(0), static_cast<int>(lines.column_int64(1))});
    if (b.state == "waiting") std::tie(b.position, b.of) = waiting_position(db, b.id);
    if (b.state == "offered") {
      if (const auto until = wk::core::from_iso8601(bookings.column_text(2))) {
        b.offer_expires_in = std::clamp<std::int64_t>(
            std::chrono::duration_cast<std::chrono::seconds>(*until - ctx.now).count(), 1, wk::sync::kMaxLeaseSeconds);
      }
    }
    out.bookings.push_back(std::move(b));
  }
  return out;
}

}  // namespace wk::hub
