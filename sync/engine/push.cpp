// Pushing outbox batches and recording the hub's answers (see push.hpp).
#include "sync/engine/push.hpp"

#include "kiosk/core/log.hpp"
#include "kiosk/core/outbox.hpp"
#include "kiosk/core/time.hpp"
#include "kiosk/core/usage_counts.hpp"
#include "sync/protocol/messages.hpp"

#include <algorithm>

namespace wk::sync {
namespace {

using core::Database;

// Outbox entries this protocol version cannot carry never reach the hub: they are
// dead-lettered here, with a reason staff can act on.
std::string local_problem(const core::OutboxEntry& e, nlohmann::json& payload) {
  if (!is_change_entity(e.entity)) return "entity not in protocol 1";
  payload = nlohmann::json::parse(e.payload, nullptr, false);
  if (!payload.is_object()) return "stored payload is not a JSON object";
  return {};
}

void record(core::Store& store, const PushRequest& sent, const PushResponse& answer, PushSummary& sum) {
  const std::string now = core::utc_now_iso8601();
  store.transact([&](Database& db) {
    for (std::size_t i = 0; i < sent.changes.size(); ++i) {
      const PushResult& r = answer.results[i];
      // Usage days are the terminal's own bookkeeping, counted apart from the newcomers' changes.
      if (sent.changes[i].entity == "usage" && r.status != PushResult::Status::rejected) {
        core::mark_acked(db, r.change_id, now);
        ++sum.usage_days;
        continue;
      }
      switch (r.status) {
        case PushResult::Status::applied:
          core::mark_acked(db, r.change_id, now);
          ++sum.applied;
          break;
        case PushResult::Status::duplicate:
          core::mark_acked(db, r.change_id, now);
          ++sum.duplicates;
          break;
        case PushResult::Status::rejected:
          core::mark_rejected(db, r.change_id, r.reason, now);
          ++sum.rejected;
          core::log::warn("sync", "hub rejected change " + r.change_id + ": " + r.reason);
          break;
      }
    }
  });
}

}  // namespace

void push_outbox(core::Store& store, HubConnection& hub, const std::string& terminal_id, PushSummary& sum,
                 SyncProgress* progress) {
  std::size_t batch_size = kMaxBatch;
  if (progress) {
    progress->push_total = core::pending_count(store.db());
    progress->phase = SyncProgress::push;
  }
  // What was queued when the push began; what the terminal queues meanwhile waits for the next
  // run, so that a push ends however busy the terminal is.
  std::int64_t bound = core::last_seq(store.db());
  bool usage_queued = false;
  for (;;) {
    const auto entries = core::pending(store.db(), static_cast<int>(batch_size), bound);
    if (entries.empty()) {
      // Drained: the days whose usage counts changed go last, once everything else has reached
      // the hub, so a sync that fails changes nothing queued.
      if (usage_queued) return;
      usage_queued = true;
      const int days = core::queue_usage(store);
      if (days == 0) return;
      if (progress) progress->push_total += days;
      bound = core::last_seq(store.db());
      continue;
    }

    PushRequest request;
    request.terminal_id = terminal_id;
    std::vector<std::pair<std::string, std::string>> local_rejects;
    for (const core::OutboxEntry& e : entries) {
      nlohmann::json payload;
      if (std::string problem = local_problem(e, payload); !problem.empty()) {
        local_rejects.emplace_back(e.change_id, std::move(problem));
        continue;
      }
      request.changes.push_back(
          Change{e.change_id, e.seq, e.entity, e.entity_id, e.op, e.created_at, std::move(payload)});
    }
    if (!local_rejects.empty()) {
      const std::string now = core::utc_now_iso8601();
      store.transact([&](Database& db) {
        for (const auto& [id, why] : local_rejects) core::mark_rejected(db, id, why, now);
      });
      sum.rejected += static_cast<std::int64_t>(local_rejects.size());
      continue;  // take the batch again without them
    }

    const std::string body = to_json(request);
    if (progress) {
      progress->next_request();
      progress->push_batch = static_cast<std::int64_t>(request.changes.size());
    }
    std::string answer;
    try {
      answer = hub.post("/v1/push", body);
    } catch (const SyncFailure& f) {
      // Only the hub's own verdict on the body counts; a proxy's bare 400 or 413 (no protocol
      // error body) must never dead-letter anything.
      const bool whole_batch_refused = f.kind() == SyncFailure::Kind::client_error &&
                                       ((f.http_status() == 400 && f.error_code() == "bad_request") ||
                                        (f.http_status() == 413 && f.error_code() == "payload_too_large"));
      if (whole_batch_refused && request.changes.size() > 1) {
        batch_size = std::max<std::size_t>(1, request.changes.size() / 2);
        core::log::warn("sync", std::string(f.what()) + "; retrying with batches of " + std::to_string(batch_size));
        continue;
      }
      if (whole_batch_refused) {
        const std::string now = core::utc_now_iso8601();
        const std::string why = std::string("hub refused the change: ") + f.what();
        store.transact([&](Database& db) { core::mark_rejected(db, request.changes[0].change_id, why, now); });
        ++sum.rejected;
        core::log::warn("sync", "change " + request.changes[0].change_id + " dead-lettered: " + f.what());
        batch_size = kMaxBatch;
        continue;
      }
      store.transact(
          [&](Database& db) { core::count_attempt(db, request.changes.front().seq, request.changes.back().seq); });
      throw;
    }

    PushResponse response;
    try {
      response = parse_push_response(answer, request);
    } catch (const VersionMismatch& e) {
      throw SyncFailure(SyncFailure::Kind::version,
                        std::string("hub answered the push in another protocol version: ") + e.what());
    } catch (const ProtocolError& e) {
      store.transact(
          [&](Database& db) { core::count_attempt(db, request.changes.front().seq, request.changes.back().seq); });
      throw SyncFailure(SyncFailure::Kind::malformed, std::string("malformed push response: ") + e.what());
    }
    record(store, request, response, sum);
    ++sum.batches;
    if (progress) {
      progress->push_batch = 0;
      progress->push_done += static_cast<std::int64_t>(request.changes.size());
      progress->next_request();
    }
  }
}

}  // namespace wk::sync
