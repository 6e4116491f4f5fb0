// The hub database (see hub_store.hpp): opening and verifying the file, the schema and its
// migrations, terminal tokens, applying pushed changes idempotently, and the catalog versions.
#include "sync/hub/hub_store.hpp"

#include "sync/hub/dashboard/operator_accounts.hpp"

#include "sync/hub/allotments.hpp"
#include "sync/hub/audit_trail.hpp"
#include "sync/hub/booking_ledger.hpp"
#include "sync/hub/callbacks.hpp"
#include "sync/hub/code_lookup.hpp"
#include "sync/hub/kuemmerer_assignment.hpp"
#include "sync/hub/usage_totals.hpp"
#include "sync/protocol/registration_payload.hpp"
#include "sync/protocol/usage_payload.hpp"

#include "kiosk/core/private_files.hpp"
#include "kiosk/core/terminal_id.hpp"

#include "kiosk/core/log.hpp"
#include "kiosk/core/random.hpp"
#include "kiosk/core/sha256.hpp"
#include "kiosk/core/time.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <limits>
#include <optional>
#include <set>
#include <unordered_set>

namespace wk::hub {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;
using wk::core::Database;
using wk::core::SqliteError;
using wk::core::Statement;
using wk::core::Transaction;
using Kind = HubStoreError::Kind;

// "WKHB": marks a file as a welcome-hub database (PRAGMA application_id).
constexpr std::int32_t kApplicationId = 0x574B4842;

// [SECTION] Schema
//
// Migrations are append-only: once released, a migration's SQL never changes.

constexpr std::string_view kSchemaV1 = R"sql(
-- Enrolled terminals. token_hash is the SHA-256 (hex) of the bearer token; the token itself is
-- shown once to the operator and never stored.
CREATE TABLE terminals (
    id          TEXT PRIMARY KEY NOT NULL,
    token_hash  TEXT NOT NULL UNIQUE CHECK (length(token_hash) = 64),
    created_at  TEXT NOT NULL,
    revoked_at  TEXT
);

-- Every (terminal, change_id) ever answered, with the hash of its canonical body and the
-- answer, so that a retry gets the same answer. Written in the transaction that applies it.
CREATE TABLE changes (
    terminal_id  TEXT NOT NULL REFERENCES terminals (id),
    change_id    TEXT NOT NULL,
    body_hash    TEXT NOT NULL CHECK (length(body_hash) = 64),
    seq          INTEGER NOT NULL,
    entity       TEXT NOT NULL,
    entity_id    TEXT NOT NULL,
    op           TEXT NOT NULL,
    status       TEXT NOT NULL CHECK (status IN ('applied', 'rejected')),
    reason       TEXT CHECK ((status = 'rejected') = (reason IS NOT NULL)),
    received_at  TEXT NOT NULL,
    PRIMARY KEY (terminal_id, change_id)
) WITHOUT ROWID;

-- Registrations as received (payload = the change's payload, verbatim). seq is the order of
-- receipt, which the export follows.
CREATE TABLE registrations (
    seq          INTEGER PRIMARY KEY AUTOINCREMENT,
    id           TEXT NOT NULL UNIQUE,
    terminal_id  TEXT NOT NULL REFERENCES terminals (id),
    change_id    TEXT NOT NULL,
    received_at  TEXT NOT NULL,
    payload      TEXT NOT NULL CHECK (json_valid(payload))
);

-- The latest state of each anonymous visit: the payloads of its changes merged in order.
CREATE TABLE visits (
    id           TEXT PRIMARY KEY NOT NULL,
    terminal_id  TEXT NOT NULL REFERENCES terminals (id),
    state        TEXT NOT NULL CHECK (json_valid(state)),
    deleted      INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
    updated_at   TEXT NOT NULL
);

-- Catalog items. version is the global catalog counter at the item's last change; tombstones
-- (deleted = 1, no data) stay so that terminals learn about the deletion.
CREATE TABLE catalog_items (
    kind        TEXT NOT NULL CHECK (kind IN ('course', 'organisation', 'contact_person', 'text')),
    id          TEXT NOT NULL CHECK (id <> ''),
    version     INTEGER NOT NULL UNIQUE,
    deleted     INTEGER NOT NULL CHECK (deleted IN (0, 1)),
    data        TEXT CHECK ((deleted = 1) = (data IS NULL)),
    updated_at  TEXT NOT NULL,
    PRIMARY KEY (kind, id)
);

CREATE TABLE counters (
    name   TEXT PRIMARY KEY NOT NULL,
    value  INTEGER NOT NULL
);
INSERT INTO counters (name, value) VALUES ('catalog_version', 0);
)sql";

// Version 2: this database's identity. Catalog cursors carry it, so a terminal whose cursor
// comes from another hub database (recreated, or a different hub) is told to start over.
constexpr std::string_view kSchemaV2 = R"sql(
CREATE TABLE hub_meta (
    key    TEXT PRIMARY KEY NOT NULL,
    value  TEXT NOT NULL
);
INSERT INTO hub_meta (key, value) VALUES ('instance_id', lower(hex(randomblob(8))));
)sql";

// Version 3: when a registration was exported. Exported registrations are deleted a
// configurable time later (HubStore::delete_exported_registrations).
constexpr std::string_view kSchemaV3 = R"sql(
ALTER TABLE registrations ADD COLUMN exported_at TEXT;
CREATE INDEX registrations_exported_at ON registrations (exported_at) WHERE exported_at IS NOT NULL;
)sql";

struct Migration {
  int version;
  std::string_view sql;
};

// A removed terminal stays a row: what it sent (visits, usage counts, audit entries, changes)
// keeps naming it, and its id cannot be taken by another terminal by mistake.
constexpr std::string_view kTerminalRemovedSchema = R"sql(
ALTER TABLE terminals ADD COLUMN removed_at TEXT;
)sql";

constexpr std::string_view kTerminalReportSchema = R"sql(
ALTER TABLE terminals ADD COLUMN last_seen_at TEXT;
ALTER TABLE terminals ADD COLUMN last_push_at TEXT;
ALTER TABLE terminals ADD COLUMN queue_depth INTEGER CHECK (queue_depth IS NULL OR queue_depth >= 0);
ALTER TABLE terminals ADD COLUMN dead_letters INTEGER CHECK (dead_letters IS NULL OR dead_letters >= 0);
ALTER TABLE terminals ADD COLUMN app_version TEXT CHECK (app_version IS NULL OR length(app_version) <= 32);
)sql";

// A Wk-Terminal report: "pending=N; dead=N; version=V" (N 0..999999999, V 1..32 of [0-9A-Za-z.+-]).
struct TerminalReport {
  std::int64_t pending = 0, dead = 0;
  std::string version;
};
std::optional<TerminalReport> parse_terminal_report(std::string_view s) {
  TerminalReport r;
  auto number = [&](std::string_view prefix, std::int64_t& out) {
    if (!s.starts_with(prefix)) return false;
    s.remove_prefix(prefix.size());
    std::size_t n = 0;
    out = 0;
    while (n < s.size() && n < 9 && s[n] >= '0' && s[n] <= '9') out = out * 10 + (s[n++] - '0');
    if (n == 0) return false;
    s.remove_prefix(n);
    return true;
  };
  if (!number("pending=", r.pending) || !number("; dead=", r.dead) || !s.starts_with("; version=")) return std::nullopt;
  s.remove_prefix(10);
  if (s.empty() || s.size() > 32 || !std::all_of(s.begin(), s.end(), [](char c) {
        return std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '+' || c == '-';
      }))
    return std::nullopt;
  r.version = s;
  return r;
}

// Version 4: the booking ledger (booking_ledger.hpp).
// Version 5: booking states on the catalog counter (they travel back with the pull).
// Version 6: allotments and offers (allotments.hpp, waiting_list.hpp).
// Version 7: the hub's Kümmerer decisions (kuemmerer_assignment.hpp).
// Version 8: call-back requests (callbacks.hpp).
// Version 9: the terminals' audit logs (audit_trail.hpp).
// Version 10: what each terminal last reported and when it was last seen (note_terminal).
// Version 11: the dashboard's operators and their sessions (dashboard/operator_accounts.hpp).
// Version 12: the terminals' daily usage counts and the region's totals (usage_totals.hpp).
// Version 13: a removed terminal (remove_terminal) is kept as a row with removed_at.
const std::array<Migration, 13> kMigrations{{{1, kSchemaV1},
                                             {2, kSchemaV2},
                                             {3, kSchemaV3},
                                             {4, kBookingLedgerSchema},
                                             {5, kBookingVersionSchema},
                                             {6, kSeatLeaseSchema},
                                             {7, kKuemmererSchema},
                                             {8, kCallbackSchema},
                                             {9, kAuditSchema},
                                             {10, kTerminalReportSchema},
                                             {11, kOperatorSchema},
                                             {12, kUsageSchema},
                                             {13, kTerminalRemovedSchema}}};

// [SECTION] Opening

std::int64_t first_int(Database& db, const std::string& sql) {
  Statement st = db.prepare(sql);
  return st.step() ? st.column_int64(0) : 0;
}

std::string first_text(Database& db, const std::string& sql) {
  Statement st = db.prepare(sql);
  return st.step() ? st.column_text(0) : std::string();
}

// The directory and file of the database, private (private_files.hpp), failures as this store's errors.
void create_private_database_file(const fs::path& file) {
  try {
    wk::core::create_private_directories(file.parent_path());
    wk::core::create_private_file(file, "hub-store");
  } catch (const wk::core::PrivateFileError& e) {
    throw HubStoreError(Kind::cannot_open, e.what());
  }
}

std::string untouched(const fs::path& file, std::string_view why) {
  return file.string() + " is not a welcome-hub database (" + std::string(why) +
         "); it was left untouched — check --db, or move the file aside";
}

// Read-only checks: an SQLite file, intact, a hub database (or a new, empty one), not too new.
void verify(Database& db, const fs::path& file) {
  using R = wk::core::DatabaseCheck::Result;
  const wk::core::DatabaseCheck check = wk::core::check_database(db);
  if (check.result == R::unreadable)
    throw HubStoreError(Kind::cannot_open, "cannot read " + file.string() + ": " + check.detail);
  if (check.result != R::ok)
    throw HubStoreError(Kind::not_hub,
                        untouched(file, check.result == R::failed_check && check.detail.starts_with("integrity")
                                            ? "integrity check failed"
                                            : check.detail));
  const std::int64_t objects = check.objects;
  const std::int64_t app_id = first_int(db, "PRAGMA application_id");
  const std::int64_t version = first_int(db, "PRAGMA user_version");
  const bool fresh = app_id == 0 && version == 0 && objects == 0;
  if (!fresh && app_id != kApplicationId) {
    throw HubStoreError(Kind::not_hub, untouched(file, "it belongs to another application"));
  }
  if (version > HubStore::latest_schema_version()) {
    throw HubStoreError(Kind::too_new, file.string() + " has hub schema version " + std::to_string(version) +
                                           ", newer than this welcome-hub supports (" +
                                           std::to_string(HubStore::latest_schema_version()) +
                                           "); it was left untouched — update welcome-hub");
  }
}

// Applies every migration newer than the file's user_version, each in its own transaction
// with its user_version bump (re-read under the write lock, so two processes can race).
void migrate(Database& db) {
  for (const Migration& m : kMigrations) {
    Transaction tx(db);
    if (first_int(db, "PRAGMA user_version") >= m.version) continue;
    db.exec(m.sql);
    db.exec("PRAGMA application_id = " + std::to_string(kApplicationId));
    db.exec("PRAGMA user_version = " + std::to_string(m.version));
    tx.commit();
    wk::core::log::info("hub-store", "migrated to schema version " + std::to_string(m.version));
  }
}

Database open_hub_database(const fs::path& file) {
  const bool memory = file == ":memory:";
  if (!memory) {
    create_private_database_file(file);
  }
  Database db = [&] {
    try {
      return Database::open(file.string(), SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX);
    } catch (const SqliteError& e) {
      throw HubStoreError(Kind::cannot_open, "cannot open " + file.string() + ": " + e.what());
    }
  }();
  sqlite3_busy_timeout(db.handle(), 5000);
  verify(db, file);
  try {
    if (!memory) {
      const std::string mode = first_text(db, "PRAGMA journal_mode=WAL");
      if (mode != "wal") {
        throw HubStoreError(Kind::io,
                            "cannot enable WAL mode on " + file.string() + " (journal_mode is \"" + mode + "\")");
      }
    }
    db.exec("PRAGMA synchronous=FULL");
    db.exec("PRAGMA foreign_keys=ON");
    migrate(db);
  } catch (const HubStoreError&) {
    throw;
  } catch (const std::exception& e) {
    throw HubStoreError(Kind::io, "cannot prepare " + file.string() + ": " + e.what());
  }
  return db;
}

// [SECTION] Tokens

constexpr std::string_view kBase64Url = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
constexpr std::size_t kTokenBytes = 32;
constexpr std::size_t kTokenChars = 43;

std::string base64url(const unsigned char* data, std::size_t size) {
  std::string out;
  std::uint32_t buffer = 0;
  int bits = 0;
  for (std::size_t i = 0; i < size; ++i) {
    buffer = (buffer << 8) | data[i];
    bits += 8;
    while (bits >= 6) {
      bits -= 6;
      out.push_back(kBase64Url[(buffer >> bits) & 0x3f]);
    }
  }
  if (bits > 0) out.push_back(kBase64Url[(buffer << (6 - bits)) & 0x3f]);
  return out;
}

bool is_token(std::string_view s) {
  if (s.size() != kTokenChars) return false;
  for (char c : s) {
    if (kBase64Url.find(c) == std::string_view::npos) return false;
  }
  return true;
}

// [SECTION] Validating pushed changes

// A change the hub will never accept as it is; what() is the reason sent to the terminal.
class Rejection : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

[[noreturn]] void reject(const std::string& path, std::string_view problem) {
  std::string reason = path + ": " + std::string(problem);
  if (reason.size() > wk::sync::kMaxReasonChars) reason.resize(wk::sync::kMaxReasonChars);  // ASCII only
  throw Rejection(reason);
}

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

// "YYYY-MM-DDTHH:MM:SS.mmmZ", a real day and time (the form terminals write).
bool is_timestamp(std::string_view s) {
  return wk::core::is_iso8601(s);
}

std::string member(const std::string& path, std::string_view key) {
  return path + "." + std::string(key);
}

const json* find(const json& object, std::string_view key) {
  const auto it = object.find(std::string(key));
  return it == object.end() ? nullptr : &*it;
}

const std::string& required_string(const json& object, const std::string& path, std::string_view key) {
  const json* v = find(object, key);
  if (v == nullptr) reject(member(path, key), "missing");
  if (!v->is_string() || v->get_ref<const std::string&>().empty()) {
    reject(member(path, key), "expected a non-empty string");
  }
  return v->get_ref<const std::string&>();
}

// The registration as the one strict parser of the schema reads it (sync/protocol/
// registration_payload.hpp), for the authenticated terminal; every problem is a rejection
// naming the field.
wk::sync::StoredRegistration parse_registration(const wk::sync::Change& c, std::string_view terminal_id) {
  if (c.op != "insert") reject("op", "op not supported for registration in protocol 1");
  wk::sync::StoredRegistration parsed;
  try {
    parsed = wk::sync::parse_registration_payload(c.payload, terminal_id);
  } catch (const wk::sync::RegistrationError& e) {
    reject(e.field().empty() ? "payload" : "payload." + e.field(), e.problem());
  }
  if (parsed.id != c.entity_id) reject("payload.id", "does not match entity_id");
  return parsed;
}

void validate_visit(const wk::sync::Change& c) {
  const json& p = c.payload;
  if (required_string(p, "payload", "id") != c.entity_id) reject("payload.id", "does not match entity_id");
  if (c.op == "insert") {
    if (!is_timestamp(required_string(p, "payload", "started_at"))) reject("payload.started_at", "not a timestamp");
    required_string(p, "payload", "language");
  }
  for (std::string_view key : {"started_at", "ended_at"}) {
    const json* v = find(p, key);
    if (v != nullptr && (!v->is_string() || !is_timestamp(v->get_ref<const std::string&>()))) {
      reject(member("payload", key), "not a timestamp");
    }
  }
  if (const json* v = find(p, "language");
      v != nullptr && (!v->is_string() || v->get_ref<const std::string&>().empty())) {
    reject("payload.language", "expected a non-empty string");
  }
  if (const json* v = find(p, "end_reason"); v != nullptr && *v != "finished" && *v != "idle") {
    reject("payload.end_reason", "expected \"finished\" or \"idle\"");
  }
}

// The SHA-256 of the change's canonical JSON: every field, keys sorted (nlohmann objects are
// ordered maps), compact.
std::string body_hash(const wk::sync::Change& c) {
  const json canonical = {{"change_id", c.change_id}, {"seq", c.seq}, {"entity", c.entity},
                          {"entity_id", c.entity_id}, {"op", c.op},   {"created_at", c.created_at},
                          {"payload", c.payload}};
  return wk::core::sha256_hex(canonical.dump());
}

// [SECTION] Applying pushed changes

void apply_registration(Database& db, KuemmererDirectory& directory, std::string_view terminal_id,
                        const wk::sync::Change& c, const std::string& received_at) {
  // Stored as the schema's writer writes it: only the schema's fields reach the hub's tables.
  const wk::sync::StoredRegistration parsed = parse_registration(c, terminal_id);
  const std::string payload = wk::sync::write_registration_payload(parsed).dump();
  Statement exists = db.prepare("SELECT 1 FROM registrations WHERE id = ?1");
  exists.bind(1, c.entity_id);
  if (exists.step()) reject("entity_id", "registration already received");
  Statement st = db.prepare(
      "INSERT INTO registrations (id, terminal_id, change_id, received_at, payload) VALUES (?1, ?2, ?3, ?4, ?5)");
  st.bind(1, c.entity_id).bind(2, terminal_id).bind(3, c.change_id).bind(4, received_at).bind(5, payload);
  st.step();
  record_kuemmerer(db, c.entity_id, parsed.kuemmerer_id, decide_kuemmerer(db, directory, parsed));
}

void apply_visit(Database& db, std::string_view terminal_id, const wk::sync::Change& c,
                 const std::string& received_at) {
  validate_visit(c);
  Statement find_st = db.prepare("SELECT terminal_id, state, deleted FROM visits WHERE id = ?1");
  find_st.bind(1, c.entity_id);
  const bool known = find_st.step();
  if (c.op == "insert") {
    if (known) reject("entity_id", "visit already received");
    Statement st = db.prepare("INSERT INTO visits (id, terminal_id, state, updated_at) VALUES (?1, ?2, ?3, ?4)");
    st.bind(1, c.entity_id).bind(2, terminal_id).bind(3, c.payload.dump()).bind(4, received_at);
    st.step();
    return;
  }
  if (!known || find_st.column_text(0) != terminal_id) reject("entity_id", "visit not received from this terminal");
  if (find_st.column_int64(2) != 0) reject("entity_id", "visit was deleted");
  json state = json::parse(find_st.column_text(1));
  for (const auto& [key, value] : c.payload.items()) state[key] = value;
  Statement st = db.prepare("UPDATE visits SET state = ?2, deleted = ?3, updated_at = ?4 WHERE id = ?1");
  st.bind(1, c.entity_id).bind(2, state.dump()).bind(3, c.op == "delete" ? 1 : 0).bind(4, received_at);
  st.step();
}

// [SECTION] Catalog helpers

const std::set<std::string, std::less<>>& catalog_kinds() {
  static const std::set<std::string, std::less<>> kinds{"course", "organisation", "contact_person", "text"};
  return kinds;
}

// The version in a cursor "<instance>-<18 digits>" of the hub `instance`, or nullopt for any
// other text (another hub database, or not a cursor at all).
std::optional<std::int64_t> parse_cursor(std::string_view cursor, std::string_view instance) {
  if (cursor.size() != instance.size() + 1 + 18 || cursor.substr(0, instance.size()) != instance ||
      cursor[instance.size()] != '-') {
    return std::nullopt;
  }
  std::int64_t value = 0;
  for (char c : cursor.substr(instance.size() + 1)) {
    if (!is_digit(c)) return std::nullopt;
    value = value * 10 + (c - '0');
  }
  return value;
}

}  // namespace

std::string format_cursor(std::string_view instance, std::int64_t version) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%018lld", static_cast<long long>(version));
  std::string cursor(instance);
  cursor += '-';
  cursor += buffer;
  return cursor;
}

// [SECTION] HubStore

std::int32_t HubStore::application_id() {
  return kApplicationId;
}

int HubStore::latest_schema_version() {
  return kMigrations.back().version;
}

HubStore::HubStore(const std::filesystem::path& file)
    : path_(file), db_(open_hub_database(file)), kuemmerer_directory_(std::make_unique<KuemmererDirectory>()) {
  Statement st = db_.prepare("SELECT value FROM hub_meta WHERE key = 'instance_id'");
  if (!st.step()) throw HubStoreError(HubStoreError::Kind::io, file.string() + ": no instance id in hub_meta");
  instance_id_ = st.column_text(0);
  wk::core::log::info("hub-store",
                      "opened " + file.string() + " at schema version " + std::to_string(latest_schema_version()));
}

HubStore::~HubStore() = default;

std::string HubStore::add_terminal(std::string_view id) {
  if (!is_terminal_id(id)) {
    throw std::invalid_argument("terminal id: expected 1..64 characters of A-Z a-z 0-9 . _ -");
  }
  std::array<unsigned char, kTokenBytes> bytes{};
  wk::core::fill_random(bytes.data(), bytes.size());
  std::string token = base64url(bytes.data(), bytes.size());
  const std::string hash = wk::core::sha256_hex(token);

  std::lock_guard lock(mutex_);
  Transaction tx(db_);
  Statement find_st = db_.prepare("SELECT revoked_at IS NULL FROM terminals WHERE id = ?1");
  find_st.bind(1, id);
  if (find_st.step()) {
    if (find_st.column_int64(0) != 0) {
      throw std::invalid_argument("terminal \"" + std::string(id) + "\" is already enrolled (revoke it first)");
    }
    Statement st = db_.prepare(
        "UPDATE terminals SET token_hash = ?2, created_at = ?3, revoked_at = NULL, removed_at = NULL WHERE id = ?1");
    st.bind(1, id).bind(2, hash).bind(3, wk::core::utc_now_iso8601());
    st.step();
  } else {
    Statement st = db_.prepare("INSERT INTO terminals (id, token_hash, created_at) VALUES (?1, ?2, ?3)");
    st.bind(1, id).bind(2, hash).bind(3, wk::core::utc_now_iso8601());
    st.step();
  }
  tx.commit();
  wk::core::log::info("hub-store", "enrolled terminal " + std::string(id));
  return token;
}

void HubStore::revoke_terminal(std::string_view id) {
  std::lock_guard lock(mutex_);
  Transaction tx(db_);
  Statement find_st = db_.prepare("SELECT 1 FROM terminals WHERE id = ?1");
  find_st.bind(1, id);
  if (!find_st.step()) throw std::invalid_argument("unknown terminal \"" + std::string(id) + "\"");
  Statement st = db_.prepare("UPDATE terminals SET revoked_at = ?2 WHERE id = ?1 AND revoked_at IS NULL");
  st.bind(1, id).bind(2, wk::core::utc_now_iso8601());
  st.step();
  tx.commit();
  wk::core::log::info("hub-store", "revoked terminal " + std::string(id));
}

void HubStore::remove_terminal(std::string_view id) {
  std::lock_guard lock(mutex_);
  Transaction tx(db_);
  Statement find_st = db_.prepare("SELECT revoked_at IS NOT NULL, removed_at IS NOT NULL FROM terminals WHERE id = ?1");
  find_st.bind(1, id);
  if (!find_st.step() || find_st.column_int64(1) != 0)
    throw std::invalid_argument("unknown terminal \"" + std::string(id) + "\"");
  if (find_st.column_int64(0) == 0)
    throw std::invalid_argument("terminal \"" + std::string(id) + "\" is active: revoke it first");
  std::vector<std::string> held;
  auto count = [&](const char* sql, const char* what) {
    Statement st = db_.prepare(sql);
    st.bind(1, id);
    if (st.step() && st.column_int64(0) > 0) held.push_back(std::to_string(st.column_int64(0)) + " " + what);
  };
  count("SELECT count(*) FROM registrations WHERE terminal_id = ?1 AND exported_at IS NULL",
        "registration(s) not exported yet");
  count("SELECT count(*) FROM callbacks WHERE terminal_id = ?1 AND exported_at IS NULL",
        "call-back request(s) not exported yet");
  if (!held.empty()) {
    std::string list;
    for (const std::string& h : held) list += (list.empty() ? "" : ", ") + h;
    throw std::invalid_argument("terminal \"" + std::string(id) + "\" still has " + list +
                                " on the hub; export them first");
  }
  Statement st = db_.prepare("UPDATE terminals SET removed_at = ?2 WHERE id = ?1");
  st.bind(1, id).bind(2, wk::core::utc_now_iso8601());
  st.step();
  tx.commit();
  wk::core::log::info("hub-store", "removed terminal " + std::string(id));
}

std::vector<TerminalInfo> HubStore::list_terminals() {
  std::lock_guard lock(mutex_);
  std::vector<TerminalInfo> out;
  Statement st = db_.prepare(
      "SELECT id, created_at, coalesce(revoked_at, ''), coalesce(last_seen_at, ''), coalesce(last_push_at, ''), "
      "coalesce(queue_depth, -1), coalesce(dead_letters, -1), coalesce(app_version, '') FROM terminals "
      "WHERE removed_at IS NULL ORDER BY id");
  while (st.step())
    out.push_back({st.column_text(0), st.column_text(1), st.column_text(2), st.column_text(3), st.column_text(4),
                   st.column_int64(5), st.column_int64(6), st.column_text(7)});
  return out;
}

void HubStore::note_terminal(std::string_view terminal_id, std::string_view report) {
  const auto r = parse_terminal_report(report);
  std::lock_guard lock(mutex_);
  const std::string now = ledger_context().now_iso();
  if (r) {
    Statement st = db_.prepare(
        "UPDATE terminals SET last_seen_at = ?2, queue_depth = ?3, dead_letters = ?4, app_version = ?5 WHERE id = ?1");
    st.bind(1, terminal_id).bind(2, now).bind(3, r->pending).bind(4, r->dead).bind(5, r->version);
    st.step();
  } else {
    Statement st = db_.prepare("UPDATE terminals SET last_seen_at = ?2 WHERE id = ?1");
    st.bind(1, terminal_id).bind(2, now);
    st.step();
  }
}

AuthResult HubStore::authenticate(std::string_view token) {
  if (!is_token(token)) return {AuthResult::Status::malformed, {}};
  const std::string hash = wk::core::sha256_hex(token);
  std::lock_guard lock(mutex_);
  Statement st = db_.prepare("SELECT id, revoked_at IS NOT NULL FROM terminals WHERE token_hash = ?1");
  st.bind(1, hash);
  if (!st.step()) return {AuthResult::Status::unknown, {}};
  return {st.column_int64(1) != 0 ? AuthResult::Status::revoked : AuthResult::Status::ok, st.column_text(0)};
}

wk::sync::PushResponse HubStore::apply_push(std::string_view terminal_id, const wk::sync::PushRequest& request) {
  using Status = wk::sync::PushResult::Status;
  wk::sync::PushResponse response;
  response.results.reserve(request.changes.size());
  if (request.changes.empty()) return response;

  std::lock_guard lock(mutex_);
  const LedgerContext ctx = ledger_context();
  const std::string received_at = ctx.now_iso();
  Transaction tx(db_);
  {
    Statement seen = db_.prepare("UPDATE terminals SET last_push_at = ?2 WHERE id = ?1");
    seen.bind(1, terminal_id).bind(2, received_at);
    seen.step();
  }
  Statement previous = db_.prepare("SELECT body_hash, status FROM changes WHERE terminal_id = ?1 AND change_id = ?2");
  Statement forget = db_.prepare("DELETE FROM changes WHERE terminal_id = ?1 AND change_id = ?2");
  Statement record = db_.prepare(
      "INSERT INTO changes (terminal_id, change_id, body_hash, seq, entity, entity_id, op, status, reason, "
      "received_at) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)");
  std::int64_t applied = 0, duplicate = 0, rejected = 0;

  for (const wk::sync::Change& c : request.changes) {
    wk::sync::PushResult result{c.change_id, Status::applied, {}};
    const std::string hash = body_hash(c);

    previous.reset();
    previous.bind(1, terminal_id).bind(2, c.change_id);
    if (previous.step()) {
      const bool same_body = previous.column_text(0) == hash;
      const bool applied = previous.column_text(1) == "applied";
      previous.reset();
      if (!same_body || applied) {
        if (!same_body) {
          result.status = Status::rejected;
          result.reason = "change_id reused with a different body";
          ++rejected;
        } else {
          result.status = Status::duplicate;
          ++duplicate;
        }
        response.results.push_back(std::move(result));
        continue;
      }
      // Rejected before and sent again (staff retried it from the terminal's dead letters): it was
      // never applied, so it is judged afresh; what it depended on may have arrived since.
      forget.reset();
      forget.bind(1, terminal_id).bind(2, c.change_id);
      forget.step();
    }
    previous.reset();

    db_.exec("SAVEPOINT change");
    try {
      if (c.entity == "registration") {
        apply_registration(db_, *kuemmerer_directory_, terminal_id, c, received_at);
      } else if (c.entity == "callback") {
        if (c.op != "insert") reject("op", "op not supported for callback in protocol 1");
        try {
          apply_callback(db_, terminal_id, c.entity_id, c.payload, received_at);
        } catch (const wk::sync::CallbackError& e) {
          reject("payload." + e.field(), e.problem());
        } catch (const std::invalid_argument& e) {
          reject("entity_id", e.what());
        }
      } else if (c.entity == "audit") {
        if (c.op != "insert") reject("op", "op not supported for audit in protocol 1");
        try {
          apply_audit(db_, terminal_id, c.payload, received_at);
        } catch (const wk::sync::AuditError& e) {
          reject("payload." + e.field(), e.problem());
        }
      } else if (c.entity == "usage") {
        if (c.op != "update") reject("op", "op not supported for usage in protocol 1");
        try {
          apply_usage(db_, terminal_id, c.payload);
        } catch (const wk::sync::UsageError& e) {
          reject("payload", e.what());
        }
      } else if (c.entity == "visit") {
        apply_visit(db_, terminal_id, c, received_at);
      } else if (c.entity == "booking") {
        try {
          apply_booking_change(db_, ctx, terminal_id, c);
        } catch (const BookingRejected& e) {
          throw Rejection(e.what());
        }
      } else {
        reject("entity", "unknown entity");
      }
    } catch (const Rejection& r) {
      db_.exec("ROLLBACK TO change");
      result.status = Status::rejected;
      result.reason = r.what();
    }
    record.reset();
    record.bind(1, terminal_id).bind(2, c.change_id).bind(3, hash).bind(4, c.seq).bind(5, c.entity);
    record.bind(6, c.entity_id).bind(7, c.op).bind(8, result.status == Status::applied ? "applied" : "rejected");
    if (result.status == Status::rejected) {
      record.bind(9, result.reason);
    } else {
      record.bind_null(9);
    }
    record.bind(10, received_at);
    record.step();
    db_.exec("RELEASE change");
    result.status == Status::applied ? ++applied : ++rejected;
    response.results.push_back(std::move(result));
  }
  tx.commit();
  wk::core::log::info("hub-store", "push from " + std::string(terminal_id) + ": " + std::to_string(applied) +
                                       " applied, " + std::to_string(duplicate) + " duplicate, " +
                                       std::to_string(rejected) + " rejected");
  return response;
}

wk::sync::CatalogResponse HubStore::catalog_since(std::string_view cursor, int limit, std::string_view terminal_id,
                                                  bool pending) {
  if (limit < wk::sync::kMinPullLimit || limit > wk::sync::kMaxPullLimit) {
    throw std::invalid_argument("limit: expected a whole number 1..5000");
  }
  wk::sync::CatalogResponse response;
  response.items.reserve(static_cast<std::size_t>(limit));
  std::lock_guard lock(mutex_);
  const LedgerContext ctx = ledger_context();
  const std::string now = ctx.now_iso();
  // Offers and allotments that ran out end before the page is read, so their versions and
  // seats are in it; the transaction also holds the allotments granted on the last page.
  Transaction tx(db_);
  if (!terminal_id.empty()) settle(db_, ctx);
  std::int64_t after = 0;
  if (!cursor.empty()) {
    const std::optional<std::int64_t> version = parse_cursor(cursor, instance_id_);
    const std::int64_t counter = first_int(db_, "SELECT value FROM counters WHERE name = 'catalog_version'");
    if (version && *version <= counter) {
      after = *version;
    } else {
      // Another hub database's cursor, or one from beyond this database's history (restored
      // from an older backup): the terminal must drop its catalogs and take them from the start.
      response.reset = true;
      wk::core::log::info("hub-store", "catalog cursor not from this hub database (or beyond its history): reset");
    }
  }
  Statement st = db_.prepare(
      "SELECT kind, id, version, deleted, data FROM catalog_items WHERE version > ?1 ORDER BY version LIMIT ?2");
  st.bind(1, after).bind(2, static_cast<std::int64_t>(limit) + 1);
  // Items, this terminal's booking states and its Kümmerer decisions share the counter: the
  // page takes the lowest `limit` versions of all three.
  std::vector<wk::sync::BookingState> states;
  std::vector<wk::sync::KuemmererState> assignments;
  if (!terminal_id.empty()) {
    states = booking_states_since(db_, terminal_id, after, limit + 1);
    assignments = kuemmerer_states_since(db_, terminal_id, after, limit + 1);
  }
  std::size_t next_state = 0, next_assignment = 0;
  std::int64_t last = after;
  auto taken = [&] { return response.items.size() + response.bookings.size() + response.kuemmerer.size(); };
  auto take_states_below = [&](std::int64_t version) {
    for (;;) {
      const std::int64_t b = next_state < states.size() ? states[next_state].version : version;
      const std::int64_t k = next_assignment < assignments.size() ? assignments[next_assignment].version : version;
      if (std::min(b, k) >= version || taken() >= static_cast<std::size_t>(limit)) return;
      if (b < k) {
        last = b;
        response.bookings.push_back(std::move(states[next_state++]));
      } else {
        last = k;
        response.kuemmerer.push_back(std::move(assignments[next_assignment++]));
      }
    }
  };
  while (st.step()) {
    take_states_below(st.column_int64(2));
    if (taken() == static_cast<std::size_t>(limit)) {
      response.more = true;
      break;
    }
    wk::sync::CatalogItem item;
    item.kind = st.column_text(0);
    item.id = st.column_text(1);
    item.version = st.column_int64(2);
    item.deleted = st.column_int64(3) != 0;
    if (!item.deleted) {
      item.data = json::parse(st.column_text(4));
      if (item.kind == "course") add_seats_free(db_, item.id, item.data, now);
    }
    last = item.version;
    response.items.push_back(std::move(item));
  }
  if (!response.more) {
    take_states_below(std::numeric_limits<std::int64_t>::max());
    response.more = next_state < states.size() || next_assignment < assignments.size();
  }
  response.cursor = format_cursor(instance_id_, last);
  if (!terminal_id.empty() && !response.more) {
    response.has_allotments = true;
    bool released = false;
    response.allotments = grant_allotments(db_, ctx, terminal_id, pending, &released);
    if (released) advance_waiting_lists(db_, ctx);  // seats given back go to the waiting lists first
  }
  tx.commit();
  return response;
}

UpsertSummary HubStore::upsert_items(std::string_view kind,
                                     const std::vector<std::pair<std::string, nlohmann::json>>& items,
                                     bool replace_missing, bool dry_run) {
  if (catalog_kinds().count(kind) == 0)
    throw std::invalid_argument("unknown catalog kind \"" + std::string(kind) + "\"");
  std::unordered_set<std::string> ids;
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (items[i].first.empty()) throw std::invalid_argument("items[" + std::to_string(i) + "].id: empty");
    if (!items[i].second.is_object())
      throw std::invalid_argument("items[" + std::to_string(i) + "].data: not an object");
    if (!ids.insert(items[i].first).second) {
      throw std::invalid_argument("items[" + std::to_string(i) + "].id: duplicate id");
    }
  }

  UpsertSummary summary;
  std::lock_guard lock(mutex_);
  const LedgerContext ctx = ledger_context();
  const std::string now = ctx.now_iso();
  Transaction tx(db_);
  if (kind == "course") settle(db_, ctx);
  std::int64_t version = first_int(db_, "SELECT value FROM counters WHERE name = 'catalog_version'");
  Statement find_st = db_.prepare("SELECT deleted, data FROM catalog_items WHERE kind = ?1 AND id = ?2");
  Statement insert = db_.prepare(
      "INSERT INTO catalog_items (kind, id, version, deleted, data, updated_at) VALUES (?1, ?2, ?3, 0, ?4, ?5)");
  Statement update = db_.prepare(
      "UPDATE catalog_items SET version = ?3, deleted = 0, data = ?4, updated_at = ?5 WHERE kind = ?1 AND id = ?2");

  for (const auto& [id, data] : items) {
    if (kind == "course") {
      if (const auto problem = capacity_problem(db_, id, data, ctx.now_iso()))
        throw std::invalid_argument("course " + id + ": " + *problem);
    }
    const std::string text = data.dump();
    find_st.reset();
    find_st.bind(1, kind).bind(2, id);
    Statement* write = &insert;
    if (find_st.step()) {
      const bool was_deleted = find_st.column_int64(0) != 0;
      if (!was_deleted && find_st.column_text(1) == text) {
        ++summary.unchanged;
        continue;
      }
      if (was_deleted) {
        ++summary.added;
        summary.added_ids.push_back(id);
      } else {
        ++summary.updated;
        summary.updated_ids.push_back(id);
      }
      write = &update;
    } else {
      ++summary.added;
      summary.added_ids.push_back(id);
    }
    write->reset();
    write->bind(1, kind).bind(2, id).bind(3, ++version).bind(4, text).bind(5, now);
    write->step();
  }
  find_st.reset();

  if (replace_missing) {
    std::vector<std::string> gone;
    Statement live = db_.prepare("SELECT id FROM catalog_items WHERE kind = ?1 AND deleted = 0 ORDER BY id");
    live.bind(1, kind);
    while (live.step()) {
      std::string id = live.column_text(0);
      if (ids.count(id) == 0) gone.push_back(std::move(id));
    }
    Statement tomb = db_.prepare(
        "UPDATE catalog_items SET version = ?3, deleted = 1, data = NULL, updated_at = ?4 WHERE kind = ?1 AND id = ?2");
    for (const std::string& id : gone) {
      tomb.reset();
      tomb.bind(1, kind).bind(2, id).bind(3, ++version).bind(4, now);
      tomb.step();
      ++summary.deleted;
      summary.deleted_ids.push_back(id);
    }
  }
  Statement counter = db_.prepare("UPDATE counters SET value = ?1 WHERE name = 'catalog_version'");
  counter.bind(1, version);
  counter.step();
  if (dry_run) return summary;  // the transaction rolls back
  // A raised capacity, or a course gone, moves the waiting lists on.
  if (kind == "course") advance_waiting_lists(db_, ctx);
  tx.commit();
  wk::core::log::info("hub-store", "catalog " + std::string(kind) + ": " + std::to_string(summary.added) + " added, " +
                                       std::to_string(summary.updated) + " updated, " +
                                       std::to_string(summary.unchanged) + " unchanged, " +
                                       std::to_string(summary.deleted) + " deleted; version " +
                                       std::to_string(version));
  return summary;
}

std::vector<wk::sync::CatalogItem> HubStore::catalog_items(std::string_view kind) {
  if (catalog_kinds().count(kind) == 0)
    throw std::invalid_argument("unknown catalog kind \"" + std::string(kind) + "\"");
  std::lock_guard lock(mutex_);
  Statement st = db_.prepare("SELECT id, version, data FROM catalog_items WHERE kind = ?1 AND deleted = 0 ORDER BY id");
  st.bind(1, kind);
  std::vector<wk::sync::CatalogItem> items;
  while (st.step()) {
    wk::sync::CatalogItem item;
    item.kind = std::string(kind);
    item.id = st.column_text(0);
    item.version = st.column_int64(1);
    item.data = json::parse(st.column_text(2));
    items.push_back(std::move(item));
  }
  return items;
}

LedgerContext HubStore::ledger_context() const {
  return LedgerContext{policy_, clock_ ? clock_() : std::chrono::system_clock::now()};
}

void HubStore::set_booking_policy(const BookingPolicy& policy) {
  std::lock_guard lock(mutex_);
  policy_ = policy;
}

void HubStore::set_clock(std::function<std::chrono::system_clock::time_point()> clock) {
  std::lock_guard lock(mutex_);
  clock_ = std::move(clock);
}

std::vector<CourseFigures> HubStore::course_figures() {
  std::lock_guard lock(mutex_);
  const LedgerContext ctx = ledger_context();
  Transaction tx(db_);
  settle(db_, ctx);
  auto figures = wk::hub::course_figures(db_, ctx.now_iso());
  tx.commit();
  return figures;
}

std::vector<KuemmererLoadLine> HubStore::kuemmerer_loads() {
  std::lock_guard lock(mutex_);
  return wk::hub::kuemmerer_loads(db_);
}

Reassignment HubStore::reassign_kuemmerer(std::string_view which, std::string_view kuemmerer_id) {
  std::lock_guard lock(mutex_);
  Transaction tx(db_);
  Reassignment r = wk::hub::reassign_kuemmerer(db_, *kuemmerer_directory_, which, kuemmerer_id);
  tx.commit();
  return r;
}

std::vector<std::string> HubStore::check_ledger() {
  std::lock_guard lock(mutex_);
  const LedgerContext ctx = ledger_context();
  return wk::hub::check_ledger(db_, ctx.now_iso());
}

wk::sync::CodeLookup HubStore::lookup_code(std::string_view code) {
  std::lock_guard lock(mutex_);
  const LedgerContext ctx = ledger_context();
  Transaction tx(db_);
  auto out = wk::hub::lookup_code(db_, ctx, code);
  tx.commit();
  return out;
}

OfferOutcome HubStore::answer_offer(std::string_view id, std::string_view code, OfferAnswer answer) {
  std::lock_guard lock(mutex_);
  const LedgerContext ctx = ledger_context();
  Transaction tx(db_);
  const OfferOutcome outcome = wk::hub::answer_offer(db_, ctx, id, code, answer);
  tx.commit();
  if (outcome != OfferOutcome::no_offer)
    wk::core::log::info("hub-store", "offer to booking " + std::string(id) + " answered: " +
                                         (outcome == OfferOutcome::confirmed ? "confirmed" : "declined"));
  return outcome;
}

std::vector<ParticipantRow> HubStore::participants(std::string_view course_id) {
  std::lock_guard lock(mutex_);
  return participant_rows(db_, course_id);
}

std::optional<LedgerBooking> HubStore::find_booking(std::string_view id) {
  std::lock_guard lock(mutex_);
  return wk::hub::find_booking(db_, id);
}

std::int64_t HubStore::catalog_version() {
  std::lock_guard lock(mutex_);
  return first_int(db_, "SELECT value FROM counters WHERE name = 'catalog_version'");
}

void HubStore::for_each_registration(const std::function<void(const ReceivedRegistration&)>& f) {
  std::lock_guard lock(mutex_);
  Statement st = db_.prepare(
      "SELECT terminal_id, change_id, received_at, payload, seq, coalesce(kuemmerer_id, ''), "
      "coalesce(kuemmerer_reason, ''), coalesce(exported_at, '') FROM registrations ORDER BY seq");
  while (st.step()) {
    f(ReceivedRegistration{st.column_text(0), st.column_text(1), st.column_text(2), json::parse(st.column_text(3)),
                           st.column_int64(4), st.column_text(5), st.column_text(6), st.column_text(7)});
  }
}

std::int64_t HubStore::mark_registrations_exported(std::int64_t up_to_seq) {
  std::lock_guard lock(mutex_);
  Statement st = db_.prepare("UPDATE registrations SET exported_at = ?2 WHERE seq <= ?1 AND exported_at IS NULL");
  st.bind(1, up_to_seq).bind(2, wk::core::utc_now_iso8601());
  st.step();
  return db_.changes();
}

std::int64_t HubStore::mark_registrations_exported(const std::vector<std::int64_t>& seqs) {
  std::lock_guard lock(mutex_);
  Transaction tx(db_);
  Statement st = db_.prepare("UPDATE registrations SET exported_at = ?2 WHERE seq = ?1 AND exported_at IS NULL");
  const std::string now = wk::core::utc_now_iso8601();
  std::int64_t marked = 0;
  for (const std::int64_t seq : seqs) {
    st.reset();
    st.bind(1, seq).bind(2, now);
    st.step();
    marked += db_.changes();
  }
  tx.commit();
  return marked;
}

std::int64_t HubStore::delete_exported_registrations(std::chrono::seconds keep) {
  std::lock_guard lock(mutex_);
  const std::string cutoff = wk::core::to_iso8601(std::chrono::system_clock::now() - keep);
  Statement st = db_.prepare("DELETE FROM registrations WHERE exported_at IS NOT NULL AND exported_at <= ?1");
  st.bind(1, cutoff);
  st.step();
  const std::int64_t n = db_.changes();
  if (n > 0)
    wk::core::log::info("hub-store", "deleted " + std::to_string(n) + " registration(s) exported before " + cutoff);
  return n;
}

std::int64_t HubStore::write_callbacks(CallbackFormat format, std::string_view organisation_id, std::ostream& out,
                                       std::int64_t* last_seq) {
  std::lock_guard lock(mutex_);
  return wk::hub::write_callbacks(db_, format, organisation_id, out, last_seq);
}

std::int64_t HubStore::mark_callbacks_exported(std::int64_t up_to_seq, std::string_view organisation_id) {
  std::lock_guard lock(mutex_);
  Statement st = db_.prepare(
      "UPDATE callbacks SET exported_at = ?3 WHERE seq <= ?1 AND exported_at IS NULL AND (?2 = '' OR "
      "organisation_id = ?2)");
  st.bind(1, up_to_seq).bind(2, organisation_id).bind(3, wk::core::utc_now_iso8601());
  st.step();
  return db_.changes();
}

std::int64_t HubStore::delete_exported_callbacks(std::chrono::seconds keep) {
  std::lock_guard lock(mutex_);
  const std::string cutoff = wk::core::to_iso8601(std::chrono::system_clock::now() - keep);
  Statement st = db_.prepare("DELETE FROM callbacks WHERE exported_at IS NOT NULL AND exported_at <= ?1");
  st.bind(1, cutoff);
  st.step();
  const std::int64_t n = db_.changes();
  if (n > 0)
    wk::core::log::info("hub-store",
                        "deleted " + std::to_string(n) + " call-back request(s) exported before " + cutoff);
  return n;
}

std::vector<HubStore::VisitCount> HubStore::visit_counts(bool weekly, std::string_view terminal_id) {
  std::lock_guard lock(mutex_);
  std::vector<VisitCount> out;
  Statement st = db_.prepare(
      "SELECT CASE WHEN ?1 THEN strftime('%Y-W%W', substr(json_extract(state, '$.started_at'), 1, 10))"
      "            ELSE substr(json_extract(state, '$.started_at'), 1, 10) END AS period,"
      "       json_extract(state, '$.language') AS language, count(*),"
      "       sum(coalesce(json_extract(state, '$.end_reason'), '') = 'idle')"
      " FROM visits WHERE deleted = 0 AND (?2 = '' OR terminal_id = ?2)"
      " GROUP BY period, language ORDER BY period, language");
  st.bind(1, weekly ? 1 : 0).bind(2, terminal_id);
  while (st.step()) out.push_back({st.column_text(0), st.column_text(1), st.column_int64(2), st.column_int64(3)});
  return out;
}

std::vector<HubAuditEntry> HubStore::audit_trail(std::string_view terminal_id) {
  std::lock_guard lock(mutex_);
  return wk::hub::audit_trail(db_, terminal_id);
}

std::vector<OpenCallbacks> HubStore::open_callbacks() {
  std::lock_guard lock(mutex_);
  return wk::hub::open_callbacks(db_);
}

std::vector<UsageTotal> HubStore::usage_totals(bool weekly, std::string_view since) {
  std::lock_guard lock(mutex_);
  return wk::hub::usage_totals(db_, weekly, since);
}

std::chrono::system_clock::time_point HubStore::now() const {
  return clock_ ? clock_() : std::chrono::system_clock::now();
}

std::int64_t HubStore::callback_count() {
  std::lock_guard lock(mutex_);
  return first_int(db_, "SELECT count(*) FROM callbacks");
}

std::int64_t HubStore::change_count(std::string_view status) {
  std::lock_guard lock(mutex_);
  Statement st = db_.prepare("SELECT count(*) FROM changes WHERE status = ?1");
  st.bind(1, status);
  st.step();
  return st.column_int64(0);
}

std::int64_t HubStore::registration_count() {
  std::lock_guard lock(mutex_);
  return first_int(db_, "SELECT count(*) FROM registrations");
}

std::int64_t HubStore::visit_count() {
  std::lock_guard lock(mutex_);
  return first_int(db_, "SELECT count(*) FROM visits");
}

nlohmann::json HubStore::visit_state(std::string_view visit_id) {
  std::lock_guard lock(mutex_);
  Statement st = db_.prepare("SELECT state, deleted FROM visits WHERE id = ?1");
  st.bind(1, visit_id);
  if (!st.step()) return nullptr;
  json state = json::parse(st.column_text(0));
  if (st.column_int64(1) != 0) state["deleted"] = true;
  return state;
}

}  // namespace wk::hub
