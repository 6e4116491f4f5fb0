// The hub's own database: enrolled terminals and their tokens, every change terminals pushed
// (with the answer the hub gave, so that a retry gets the same answer), the registrations and
// visits those changes carried, and the versioned catalogs terminals pull.
//
// The file is the hub's truth for everything received, so it is opened as carefully as the
// kiosk opens its own (kiosk/core/store.hpp): an existing file is verified before anything is
// written to it — it must be an SQLite database, pass quick_check, and be a hub database
// (PRAGMA application_id) of a schema version this build understands — and is otherwise left
// byte-for-byte untouched. Then WAL, synchronous=FULL, foreign keys, busy_timeout, migrations.
//
// Thread safety: every public member function may be called from any thread; one mutex
// serialises them around the single connection. Several processes (the server and a
// `welcome-hub import`) may use the same file: every write runs in BEGIN IMMEDIATE.
//
// Nothing here logs personal data: only ids, counts and statuses.
#pragma once

#include "kiosk/core/database.hpp"
#include "sync/hub/audit_trail.hpp"
#include "sync/hub/booking_ledger.hpp"
#include "sync/hub/callbacks.hpp"
#include "sync/hub/kuemmerer_assignment.hpp"
#include "sync/hub/kuemmerer_load.hpp"
#include "sync/hub/usage_totals.hpp"
#include "sync/hub/waiting_list.hpp"
#include "sync/protocol/messages.hpp"

#include <nlohmann/json.hpp>

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <mutex>
#include <optional>

#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>
#include "kiosk/core/terminal_id.hpp"

namespace wk::hub {

// [SECTION] Errors

// Why the hub database could not be opened. The message names the file, says what is wrong
// and what to do; it is meant for an operator.
class HubStoreError : public std::runtime_error {
 public:
  enum class Kind {
    cannot_open,  // the file or its directory could not be created or opened
    not_hub,      // not an SQLite database, damaged, or a database of another application
    too_new,      // a hub schema newer than this build understands
    io,           // configuring or migrating failed
  };
  HubStoreError(Kind kind, const std::string& message) : std::runtime_error(message), kind_(kind) {}
  Kind kind() const noexcept { return kind_; }

 private:
  Kind kind_;
};

// [SECTION] Values

struct TerminalInfo {
  std::string id;
  std::string created_at;    // ISO 8601 UTC, ms
  std::string revoked_at;    // "" while active
  std::string last_seen_at;  // its last authenticated request; "" never
  std::string last_push_at;  // its last push; "" never
  // What it reported with its last request (Wk-Terminal, PROTOCOL.md); -1 / "" unknown.
  std::int64_t queue_depth = -1, dead_letters = -1;
  std::string app_version;
};

struct AuthResult {
  enum class Status { ok, malformed, unknown, revoked };
  Status status = Status::unknown;
  std::string terminal_id;  // set when ok or revoked
};

// What upsert_items() did.
struct UpsertSummary {
  std::int64_t added = 0;      // new ids, or ids that were tombstoned before
  std::int64_t updated = 0;    // existing ids whose data changed (new version)
  std::int64_t unchanged = 0;  // existing ids with identical data (version kept)
  std::int64_t deleted = 0;    // tombstoned because absent from the input (replace_missing)
  std::vector<std::string> added_ids, updated_ids, deleted_ids;  // which, in input / id order

  bool operator==(const UpsertSummary&) const = default;
};

// One registration as received, for the export.
struct ReceivedRegistration {
  std::string terminal_id;
  std::string change_id;
  std::string received_at;       // ISO 8601 UTC, ms: when the hub applied the change
  nlohmann::json payload;        // as the schema's writer writes what the terminal pushed
  std::int64_t seq = 0;          // order of receipt
  std::string kuemmerer_id;      // the hub's final assignment ("" none; kuemmerer_assignment.hpp)
  std::string kuemmerer_reason;  // proposed | none | left | full | operator
  std::string exported_at;       // when an earlier export took it ("" never)
};

// [SECTION] The store

class HubStore {
 public:
  // The hub schema version this build creates and understands.
  static int latest_schema_version();
  // PRAGMA application_id of every hub database ("WKHB").
  static std::int32_t application_id();

  // Opens (or creates) the hub database at `file`; ":memory:" gives a private in-memory
  // database (for tests). A missing parent directory is created with mode 0700 and a missing
  // file with mode 0600. An existing file that is not a healthy hub database of a known
  // schema version is refused with HubStoreError (not_hub or too_new) and left untouched.
  explicit HubStore(const std::filesystem::path& file);
  HubStore(const HubStore&) = delete;
  HubStore& operator=(const HubStore&) = delete;
  ~HubStore();

  const std::filesystem::path& path() const noexcept { return path_; }

  // -- Terminals --

  // Enrols terminal `id` (1..64 of [A-Za-z0-9._-], else std::invalid_argument) and returns its
  // new token: 32 random bytes, base64url without padding (43 characters). Only the token's
  // SHA-256 is stored; the token cannot be recovered. An active terminal with this id is an
  // error (std::invalid_argument); a revoked one is re-enrolled with a new token (its old
  // token stays invalid).
  std::string add_terminal(std::string_view id);

  // Revokes terminal `id`: every later request with its token gets token_revoked. Revoking an
  // already revoked terminal keeps the first revocation time. Unknown id: std::invalid_argument.
  void revoke_terminal(std::string_view id);

  // Removes revoked terminal `id` from the lists (terminal list, dashboard). Its row stays (as
  // removed) so that what it sent — visits, usage counts, audit entries, the record of its changes
  // — keeps its origin; `add_terminal(id)` enrols it afresh. Refused (std::invalid_argument, naming
  // why) for an unknown or active terminal and while the hub holds registrations or call-back
  // requests of it not yet exported.
  void remove_terminal(std::string_view id);

  // All terminals not removed, ordered by id.
  std::vector<TerminalInfo> list_terminals();
  // Terminal `terminal_id` made an authenticated request now, with its Wk-Terminal `report`
  // ("pending=N; dead=N; version=V"); a report of another shape is ignored, the time kept.
  void note_terminal(std::string_view terminal_id, std::string_view report);

  // Who holds `token`: malformed if it cannot be a token (not 43 base64url characters),
  // unknown if no terminal has it, revoked if its terminal was revoked.
  AuthResult authenticate(std::string_view token);

  // -- Push --

  // Applies one push batch from `terminal_id` (already authenticated) in one transaction, each
  // change on its own (a SAVEPOINT each: a rejected change never undoes the others). Returns
  // one result per change, in order. Per (terminal, change_id) the first answer is recorded
  // with the SHA-256 of the change's canonical JSON; a retry with the same body gets
  // `duplicate` (first answer applied) or the same rejection; a different body gets
  // rejected "change_id reused with a different body". Throws (SqliteError and the like) only
  // when the database fails; then nothing of the batch is stored.
  wk::sync::PushResponse apply_push(std::string_view terminal_id, const wk::sync::PushRequest& request);

  // -- Catalogs --

  // The catalog items with a version after `cursor`, ordered by version, at most `limit`
  // (1..kMaxPullLimit, else std::invalid_argument). `more` is true if further items exist. A
  // cursor is "<instance id>-<version as 18 digits>" (format_cursor); the returned one names the
  // last item's version (or the cursor's own when there are none). "" means from the start. Any
  // other cursor — from another hub database, beyond this database's history (a restored
  // backup), or not a cursor at all — also starts from the beginning, with `reset` set: the
  // terminal drops its catalogs before applying the answer.
  // With `terminal_id`, the page also holds that terminal's booking states set after the cursor
  // (CatalogResponse::bookings), on the same counter and within the same limit.
  // The last page (more false) then also holds that terminal's whole set of allotments, granted
  // as of now (allotments.hpp); `pending`: the terminal still holds bookings it confirmed from
  // its allotments and has not pushed yet.
  wk::sync::CatalogResponse catalog_since(std::string_view cursor, int limit, std::string_view terminal_id = {},
                                          bool pending = false);

  // Replaces the data of the items of wire kind `kind` (course | organisation |
  // contact_person | text, else std::invalid_argument) given in `items` (id, data object), in
  // one transaction. Each added or changed item takes the next catalog version; an item whose
  // data is unchanged keeps its version. With `replace_missing`, live items of `kind` absent
  // from `items` become tombstones (next version each). Ids must be unique in `items` and data
  // must be objects (else std::invalid_argument, nothing stored). A course whose capacity is
  // below the seats its confirmed bookings hold is refused the same way ("course c-1: capacity
  // 10 is below the 12 seats already booked"). With `dry_run` nothing is
  // stored: the summary says what the same call would do.
  UpsertSummary upsert_items(std::string_view kind, const std::vector<std::pair<std::string, nlohmann::json>>& items,
                             bool replace_missing, bool dry_run = false);

  // The live (not deleted) items of wire kind `kind` (std::invalid_argument for another), by id.
  std::vector<wk::sync::CatalogItem> catalog_items(std::string_view kind);

  // -- Bookings (booking_ledger.hpp) --

  // The seat policy and the clock every booking decision uses (default: the system clock).
  // Set both before serving; tests move the clock to see offers and allotments run out.
  void set_booking_policy(const BookingPolicy& policy);
  void set_clock(std::function<std::chrono::system_clock::time_point()> clock);

  // Every live course's capacity, confirmed, allotted, offered and waiting seats, by id.
  std::vector<CourseFigures> course_figures();
  // Registrations per Kümmerer against their capacity (kuemmerer_load.hpp).
  std::vector<KuemmererLoadLine> kuemmerer_loads();
  // The operator's reassignment (kuemmerer_assignment.hpp); throws std::invalid_argument.
  Reassignment reassign_kuemmerer(std::string_view registration_id_or_code, std::string_view kuemmerer_id);
  // Breaches of the ledger's invariant (booking_ledger.hpp check_ledger); empty when it holds.
  std::vector<std::string> check_ledger();
  // What a terminal may learn about code `code` (code_lookup.hpp).
  wk::sync::CodeLookup lookup_code(std::string_view code);
  // A newcomer's answer to the offer made to booking `id`, with its code (waiting_list.hpp).
  OfferOutcome answer_offer(std::string_view id, std::string_view code, OfferAnswer answer);
  // The participant lines of confirmed and waiting bookings (booking_ledger.hpp), of one course or all.
  std::vector<ParticipantRow> participants(std::string_view course_id);
  // The booking `id` as the ledger holds it, or nullopt.
  std::optional<LedgerBooking> find_booking(std::string_view id);

  // This database's identity (16 hex digits, made when it was created), the prefix of its cursors.
  const std::string& instance_id() const noexcept { return instance_id_; }

  // The highest catalog version handed out so far (0 when none).
  std::int64_t catalog_version();

  // -- Export and counters --

  // Calls `f` for every registration received, in the order the hub received them. `f` runs
  // under the store's lock: it must not call back into the store.
  void for_each_registration(const std::function<void(const ReceivedRegistration&)>& f);

  // Marks every registration up to `up_to_seq` (a ReceivedRegistration::seq) not yet exported
  // as exported now; returns how many.
  std::int64_t mark_registrations_exported(std::int64_t up_to_seq);
  // Marks exactly the registrations `seqs` not yet exported as exported now; returns how many.
  std::int64_t mark_registrations_exported(const std::vector<std::int64_t>& seqs);
  // Deletes the registrations exported at least `keep` ago (their personal data leaves the
  // hub; the changes table keeps only hashes and reasons); returns how many.
  std::int64_t delete_exported_registrations(std::chrono::seconds keep);

  // Recorded changes with status "applied" or "rejected" (the only two stored statuses).
  std::int64_t change_count(std::string_view status);
  std::int64_t registration_count();

  // Call-back requests (callbacks.hpp): written by organisation, those of `organisation_id`
  // only unless it is ""; `last_seq` gets the highest receipt number written. Marking them
  // exported (up to that number, of that organisation) is a second step, once the output is
  // safe. Exported ones are deleted `keep` after their export, as registrations are.
  std::int64_t write_callbacks(CallbackFormat format, std::string_view organisation_id, std::ostream& out,
                               std::int64_t* last_seq);
  std::int64_t mark_callbacks_exported(std::int64_t up_to_seq, std::string_view organisation_id);
  std::int64_t delete_exported_callbacks(std::chrono::seconds keep);
  std::int64_t callback_count();
  std::vector<OpenCallbacks> open_callbacks();
  // The region's daily usage counts (usage_totals.hpp) from day `since` ("" all) on.
  std::vector<UsageTotal> usage_totals(bool weekly, std::string_view since);

  // Anonymous visit counts for the region's monitoring: per day ("2026-12-07") or week
  // ("2026-W49", weeks from Monday) of their start, and language, the visits and how many of them
  // ended by the idle reset; of `terminal_id` ("" every terminal), in period and language order.
  struct VisitCount {
    std::string period, language;
    std::int64_t visits = 0, idle_resets = 0;
  };
  std::vector<VisitCount> visit_counts(bool weekly, std::string_view terminal_id);

  // The terminals' audit entries (audit_trail.hpp), of `terminal_id` ("" every terminal).
  std::vector<HubAuditEntry> audit_trail(std::string_view terminal_id);
  // Visits known, and whether the latest state of one visit (payload fields merged over its
  // changes; {"deleted": true} merged in after a delete) — null if unknown.
  std::int64_t visit_count();
  nlohmann::json visit_state(std::string_view visit_id);

  // -- For the dashboard (dashboard/) --

  // The time every decision uses (set_clock; the system clock by default).
  std::chrono::system_clock::time_point now() const;
  // Runs `f(db)` under the store's lock and returns what it returns: for the dashboard's
  // operator accounts (dashboard/operator_accounts.hpp), which keep their own rules.
  template <class F>
  auto locked(F&& f) {
    std::lock_guard lock(mutex_);
    return f(db_);
  }

 private:
  std::filesystem::path path_;
  std::mutex mutex_;
  BookingPolicy policy_;
  std::function<std::chrono::system_clock::time_point()> clock_;
  wk::core::Database db_;
  std::unique_ptr<KuemmererDirectory> kuemmerer_directory_;

  LedgerContext ledger_context() const;
  std::string instance_id_;
};

// True if `id` can be a terminal id: 1..64 of [A-Za-z0-9._-] (kiosk_base's one rule).
using wk::core::is_terminal_id;

// The catalog cursor of hub database `instance` for `version`: "<instance>-<18 zero-padded digits>".
std::string format_cursor(std::string_view instance, std::int64_t version);

}  // namespace wk::hub
