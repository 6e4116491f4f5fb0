// Pulling and applying catalog pages (see pull.hpp).
#include "sync/engine/pull.hpp"

#include "kiosk/core/allotment.hpp"
#include "kiosk/core/booking.hpp"
#include "kiosk/core/catalog.hpp"
#include "kiosk/core/kuemmerer.hpp"
#include "kiosk/core/log.hpp"
#include "sync/protocol/messages.hpp"

namespace wk::sync {
namespace {

// Percent-encodes everything but RFC 3986 unreserved characters.
std::string url_encode(std::string_view s) {
  static constexpr char hex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : s) {
    if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.' ||
        c == '_' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += hex[c >> 4];
      out += hex[c & 15];
    }
  }
  return out;
}

}  // namespace

void pull_catalogs(core::Store& store, HubConnection& hub, PullSummary& sum, SyncProgress* progress) {
  if (progress) progress->phase = SyncProgress::pull;
  std::string cursor = core::catalog_cursor(store.db());
  // While bookings confirmed from allotments are unsent, the hub must not take those seats back.
  const bool pending = core::has_unsent_allotted_bookings(store.db());
  for (;;) {
    const std::string body = hub.get("/v1/catalog?since=" + url_encode(cursor) +
                                     "&limit=" + std::to_string(kPullPageSize) + "&pending=" + (pending ? "1" : "0"));
    ++sum.requests;
    CatalogResponse page;
    try {
      page = parse_catalog_response(body);
    } catch (const VersionMismatch& e) {
      throw SyncFailure(SyncFailure::Kind::version,
                        std::string("hub answered the catalog pull in another protocol version: ") + e.what());
    } catch (const ProtocolError& e) {
      throw SyncFailure(SyncFailure::Kind::malformed, std::string("malformed catalog response: ") + e.what());
    }
    if (page.items.size() + page.bookings.size() + page.kuemmerer.size() > static_cast<std::size_t>(kPullPageSize)) {
      throw SyncFailure(SyncFailure::Kind::malformed,
                        "malformed catalog response: items: more than the limit asked for");
    }
    if (page.more &&
        ((page.items.empty() && page.bookings.empty() && page.kuemmerer.empty()) || page.cursor == cursor)) {
      throw SyncFailure(SyncFailure::Kind::malformed,
                        "malformed catalog response: more is true but the cursor did not move");
    }
    std::vector<core::CatalogEntry> entries;
    entries.reserve(page.items.size());
    for (CatalogItem& item : page.items) {
      entries.push_back(core::CatalogEntry{std::move(item.kind), std::move(item.id), item.version, item.deleted,
                                           item.deleted ? std::string() : item.data.dump()});
    }
    if (page.reset) {
      core::log::warn("sync",
                      "the hub does not know this terminal's catalog cursor (a new or restored hub "
                      "database): taking the catalogs again from the start");
    }
    std::vector<std::pair<std::string, std::string>> states;
    states.reserve(page.bookings.size());
    for (BookingState& b : page.bookings) states.emplace_back(std::move(b.id), std::move(b.state));
    std::vector<std::pair<std::string, std::string>> assignments;
    assignments.reserve(page.kuemmerer.size());
    for (KuemmererState& k : page.kuemmerer)
      assignments.emplace_back(std::move(k.registration_id), std::move(k.kuemmerer_id));
    sum.changed += core::apply_catalog_delta(store.db(), entries, page.cursor, page.reset, [&](core::Database& db) {
      if (page.has_allotments) core::replace_allotments(db, page.allotments, std::chrono::system_clock::now());
      return core::apply_booking_states(db, states) + core::apply_kuemmerer_states(db, assignments);
    });
    sum.items += static_cast<std::int64_t>(entries.size());
    if (progress) {
      ++progress->pages;
      progress->next_request();
    }
    if (!page.more) return;
    cursor = page.cursor;
  }
}

}  // namespace wk::sync
