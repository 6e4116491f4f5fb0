// The schema migrations and the migration runner (see migrations.hpp).
//
// To change the schema, append a Migration with the next version number to kMigrations.
// Never edit a migration that has been released.
#include "kiosk/core/migrations.hpp"

#include "kiosk/core/log.hpp"

#include <array>
#include <stdexcept>
#include <string>

namespace wk::core {
namespace {

// [SECTION] Version 1: anonymous visits, the sync outbox, terminal-local settings.
constexpr std::string_view kSchemaV1 = R"sql(
-- One anonymous kiosk session: no personal data, only when and in which language, so that
-- Welcome Centers can count in aggregate who used the terminal. id is a UUIDv7.
CREATE TABLE visits (
    id          TEXT PRIMARY KEY NOT NULL,
    started_at  TEXT NOT NULL,
    language    TEXT NOT NULL,
    ended_at    TEXT,
    end_reason  TEXT CHECK (end_reason IN ('finished', 'idle')),
    CHECK ((ended_at IS NULL) = (end_reason IS NULL))
);

-- Changes waiting to be pushed to the hub. Written in the same transaction as the change
-- itself; change_id (UUIDv7) is the idempotency key the hub deduplicates on.
CREATE TABLE outbox (
    seq         INTEGER PRIMARY KEY AUTOINCREMENT,
    change_id   TEXT NOT NULL UNIQUE,
    entity      TEXT NOT NULL,
    entity_id   TEXT NOT NULL,
    op          TEXT NOT NULL CHECK (op IN ('insert', 'update', 'delete')),
    payload     TEXT NOT NULL CHECK (json_valid(payload)),
    created_at  TEXT NOT NULL,
    attempts    INTEGER NOT NULL DEFAULT 0,
    acked_at    TEXT
);
CREATE INDEX outbox_pending ON outbox (seq) WHERE acked_at IS NULL;

-- Terminal-local key/value settings.
CREATE TABLE settings (
    key    TEXT PRIMARY KEY NOT NULL,
    value  TEXT NOT NULL
);
)sql";

// [SECTION] Version 2: self-registration — the newcomer, their family members, their consent.
//
// Conventions: ids are UUIDv7; dates are "YYYY-MM-DD", timestamps ISO 8601 UTC with
// milliseconds; an optional text that was not given is NULL, never '' (the CHECK (x <> '')
// passes for NULL). The CHECKs are a cheap last line of defence: commit_registration
// validates everything (real calendar dates, lengths, UTF-8) before it writes. A registration,
// its family members, its consent and its outbox entry are always written in one transaction.
constexpr std::string_view kSchemaV2 = R"sql(
-- One self-registration made at this terminal. code is the short receipt code
-- ("K7QM-4XRT-9", see registration_code.hpp), unique on this terminal.
CREATE TABLE registrations (
    id                  TEXT PRIMARY KEY NOT NULL,
    code                TEXT NOT NULL UNIQUE CHECK (length(code) = 11 AND substr(code, 5, 1) = '-'
                            AND substr(code, 10, 1) = '-' AND length(replace(code, '-', '')) = 9
                            AND replace(code, '-', '') NOT GLOB '*[^23456789ABCDEFGHJKMNPQRSTVWXYZ]*'),
    created_at          TEXT NOT NULL CHECK (created_at GLOB
                            '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-6][0-9].[0-9][0-9][0-9]Z'),
    terminal_id         TEXT NOT NULL CHECK (terminal_id <> ''),
    target_group        TEXT NOT NULL CHECK (target_group IN
                            ('skilled_worker', 'family_member', 'student_to_work', 'resident_seeking_match')),
    given_names         TEXT NOT NULL CHECK (given_names <> ''),
    family_name         TEXT NOT NULL CHECK (family_name <> ''),
    native_name         TEXT CHECK (native_name <> ''),
    birth_date          TEXT NOT NULL CHECK (birth_date GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
    nationality         TEXT NOT NULL CHECK (nationality GLOB '[A-Z][A-Z]'),  -- ISO 3166-1 alpha-2
    phone               TEXT CHECK (phone GLOB '+[1-9]*' AND phone NOT GLOB '+*[^0-9]*'
                                    AND length(phone) BETWEEN 8 AND 16),      -- E.164
    email               TEXT CHECK (email GLOB '?*@?*'),
    residence           TEXT CHECK (residence <> ''),
    preferred_language  TEXT NOT NULL CHECK (preferred_language <> ''),
    contact_channel     TEXT NOT NULL CHECK (contact_channel IN ('phone', 'sms', 'email', 'post', 'in_person')),
    occupation          TEXT CHECK (occupation <> ''),
    recognition         TEXT NOT NULL CHECK (recognition IN
                            ('not_started', 'in_progress', 'recognized', 'not_needed', 'unknown')),
    employer            TEXT CHECK (employer <> ''),
    arrival_date        TEXT CHECK (arrival_date GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]')
);

-- The family members registered with a registration, in the order they were entered
-- (position 0..n-1).
CREATE TABLE family_members (
    id                     TEXT PRIMARY KEY NOT NULL,
    registration_id        TEXT NOT NULL REFERENCES registrations (id) ON DELETE CASCADE,
    position               INTEGER NOT NULL CHECK (position >= 0),
    relation               TEXT NOT NULL CHECK (relation IN ('spouse', 'partner', 'child', 'parent', 'sibling', 'other')),
    given_names            TEXT NOT NULL CHECK (given_names <> ''),
    family_name            TEXT NOT NULL CHECK (family_name <> ''),
    native_name            TEXT CHECK (native_name <> ''),
    birth_date             TEXT NOT NULL CHECK (birth_date GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
    needs_language_course  INTEGER NOT NULL CHECK (needs_language_course IN (0, 1)),
    needs_daycare          INTEGER NOT NULL CHECK (needs_daycare IN (0, 1)),
    needs_school           INTEGER NOT NULL CHECK (needs_school IN (0, 1)),
    UNIQUE (registration_id, position)
);

-- The consent given for a registration (GDPR): which notice text (sha-256 hex of it), in
-- which language, when, at which terminal, for which purposes (a non-empty JSON array of
-- purpose names). Declining stores nothing, so every registration has a consent.
CREATE TABLE consents (
    id               TEXT PRIMARY KEY NOT NULL,
    registration_id  TEXT NOT NULL REFERENCES registrations (id) ON DELETE CASCADE,
    notice_version   TEXT NOT NULL CHECK (length(notice_version) = 64 AND notice_version NOT GLOB '*[^0-9a-f]*'),
    language         TEXT NOT NULL CHECK (language <> ''),
    given_at         TEXT NOT NULL CHECK (given_at GLOB
                         '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-6][0-9].[0-9][0-9][0-9]Z'),
    terminal_id      TEXT NOT NULL CHECK (terminal_id <> ''),
    purposes         TEXT NOT NULL CHECK (CASE WHEN json_valid(purposes)
                         THEN json_type(purposes) = 'array' AND json_array_length(purposes) > 0 ELSE 0 END)
);
CREATE INDEX consents_by_registration ON consents (registration_id);
)sql";

// [SECTION] Version 3: sync — dead letters, the catalogs received from the hub, sync state.
constexpr std::string_view kSchemaV3 = R"sql(
-- A change the hub rejected (PROTOCOL.md "Push") leaves the queue for the dead-letter list:
-- rejected_at and the hub's reason are set, acked_at stays NULL. Staff look at these rows;
-- they are never pushed again and never purged by retention, because the hub does not have them.
ALTER TABLE outbox ADD COLUMN rejected_at TEXT;
ALTER TABLE outbox ADD COLUMN reject_reason TEXT;
DROP INDEX outbox_pending;
CREATE INDEX outbox_pending ON outbox (seq) WHERE acked_at IS NULL AND rejected_at IS NULL;
CREATE INDEX outbox_acked ON outbox (acked_at) WHERE acked_at IS NOT NULL;

-- The catalogs as the hub last described them: one row per (kind, id), the highest version
-- received wins. A tombstone (deleted = 1, data NULL) stays, so an older copy of the item
-- received again can never bring it back.
CREATE TABLE catalog_items (
    kind         TEXT NOT NULL CHECK (kind IN ('course', 'organisation', 'contact_person', 'text')),
    id           TEXT NOT NULL CHECK (id <> ''),
    version      INTEGER NOT NULL CHECK (version >= 0),
    deleted      INTEGER NOT NULL CHECK (deleted IN (0, 1)),
    data         TEXT CHECK (CASE WHEN deleted THEN data IS NULL ELSE json_valid(data) AND json_type(data) = 'object' END),
    received_at  TEXT NOT NULL,
    PRIMARY KEY (kind, id)
) WITHOUT ROWID;

-- What the sync engine remembers between runs (catalog_cursor, last_success_at, ...);
-- see sync_state.hpp for the keys.
CREATE TABLE sync_state (
    key    TEXT PRIMARY KEY NOT NULL,
    value  TEXT NOT NULL
);
)sql";

// [SECTION] Version 4: an unanswered question is stored as absent (issue 21). Until now an
// unanswered "recognition of the qualification" was stored as 'unknown', the value of the
// answer "I don't know"; NULL now means "not answered". SQLite cannot change a column's
// constraint, so the table is rebuilt (https://sqlite.org/lang_altertable.html, "otheralter"):
// the runner turns foreign keys off around this migration, so that dropping the old table
// does not cascade to family_members and consents, and checks them before committing.
// Registrations stored as 'unknown' before stay 'unknown': which ones were unanswered is lost.
constexpr std::string_view kSchemaV4 = R"sql(
CREATE TABLE registrations_v4 (
    id                  TEXT PRIMARY KEY NOT NULL,
    code                TEXT NOT NULL UNIQUE CHECK (length(code) = 11 AND substr(code, 5, 1) = '-'
                            AND substr(code, 10, 1) = '-' AND length(replace(code, '-', '')) = 9
                            AND replace(code, '-', '') NOT GLOB '*[^23456789ABCDEFGHJKMNPQRSTVWXYZ]*'),
    created_at          TEXT NOT NULL CHECK (created_at GLOB
                            '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-6][0-9].[0-9][0-9][0-9]Z'),
    terminal_id         TEXT NOT NULL CHECK (terminal_id <> ''),
    target_group        TEXT NOT NULL CHECK (target_group IN
                            ('skilled_worker', 'family_member', 'student_to_work', 'resident_seeking_match')),
    given_names         TEXT NOT NULL CHECK (given_names <> ''),
    family_name         TEXT NOT NULL CHECK (family_name <> ''),
    native_name         TEXT CHECK (native_name <> ''),
    birth_date          TEXT NOT NULL CHECK (birth_date GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
    nationality         TEXT NOT NULL CHECK (nationality GLOB '[A-Z][A-Z]'),  -- ISO 3166-1 alpha-2
    phone               TEXT CHECK (phone GLOB '+[1-9]*' AND phone NOT GLOB '+*[^0-9]*'
                                    AND length(phone) BETWEEN 8 AND 16),      -- E.164
    email               TEXT CHECK (email GLOB '?*@?*'),
    residence           TEXT CHECK (residence <> ''),
    preferred_language  TEXT NOT NULL CHECK (preferred_language <> ''),
    contact_channel     TEXT NOT NULL CHECK (contact_channel IN ('phone', 'sms', 'email', 'post', 'in_person')),
    occupation          TEXT CHECK (occupation <> ''),
    recognition         TEXT CHECK (recognition IN   -- NULL: not answered
                            ('not_started', 'in_progress', 'recognized', 'not_needed', 'unknown')),
    employer            TEXT CHECK (employer <> ''),
    arrival_date        TEXT CHECK (arrival_date GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]')
);
INSERT INTO registrations_v4 SELECT * FROM registrations;
DROP TABLE registrations;
ALTER TABLE registrations_v4 RENAME TO registrations;
)sql";

// [SECTION] Version 5: course bookings made at this terminal (kiosk/core/booking.hpp, issue 22).
// A booking is decided by the hub; until the terminal hears back it is 'requested'.
constexpr std::string_view kSchemaV5 = R"sql(
CREATE TABLE bookings (
    id          TEXT PRIMARY KEY NOT NULL,
    code        TEXT NOT NULL CHECK (length(code) = 11 AND substr(code, 5, 1) = '-'
                    AND substr(code, 10, 1) = '-' AND length(replace(code, '-', '')) = 9
                    AND replace(code, '-', '') NOT GLOB '*[^23456789ABCDEFGHJKMNPQRSTVWXYZ]*'),
    created_at  TEXT NOT NULL,
    state       TEXT NOT NULL CHECK (state IN ('requested', 'confirmed', 'waiting', 'declined', 'cancelled')),
    updated_at  TEXT NOT NULL
);
CREATE INDEX bookings_code ON bookings (code);
CREATE TABLE booking_lines (
    booking_id  TEXT NOT NULL REFERENCES bookings (id) ON DELETE CASCADE,
    course_id   TEXT NOT NULL CHECK (course_id <> ''),
    person      INTEGER NOT NULL CHECK (person BETWEEN 0 AND 20),
    PRIMARY KEY (booking_id, course_id, person)
) WITHOUT ROWID;
)sql";

// [SECTION] Version 6: seats the hub allots to this terminal (kiosk/core/allotment.hpp), the
// bookings confirmed from them, and 'offered' (a seat offered to a waiting booking). The
// bookings table is rebuilt for its state CHECK; booking_lines keep their rows.
constexpr std::string_view kSchemaV6 = R"sql(
CREATE TABLE bookings_v6 (
    id          TEXT PRIMARY KEY NOT NULL,
    code        TEXT NOT NULL CHECK (length(code) = 11 AND substr(code, 5, 1) = '-'
                    AND substr(code, 10, 1) = '-' AND length(replace(code, '-', '')) = 9
                    AND replace(code, '-', '') NOT GLOB '*[^23456789ABCDEFGHJKMNPQRSTVWXYZ]*'),
    created_at  TEXT NOT NULL,
    state       TEXT NOT NULL CHECK (state IN ('requested', 'confirmed', 'waiting', 'offered', 'declined', 'cancelled')),
    updated_at  TEXT NOT NULL,
    allotted    INTEGER NOT NULL DEFAULT 0 CHECK (allotted IN (0, 1))
);
INSERT INTO bookings_v6 (id, code, created_at, state, updated_at)
    SELECT id, code, created_at, state, updated_at FROM bookings;
DROP TABLE bookings;
ALTER TABLE bookings_v6 RENAME TO bookings;
CREATE INDEX bookings_code ON bookings (code);
-- seats_left: what this terminal may still confirm itself; usable_until (this terminal's
-- clock): when it stops, early enough for its bookings to reach the hub within the lease.
CREATE TABLE allotments (
    course_id     TEXT PRIMARY KEY NOT NULL CHECK (course_id <> ''),
    seats_left    INTEGER NOT NULL CHECK (seats_left >= 0),
    usable_until  TEXT NOT NULL,
    received_at   TEXT NOT NULL
) WITHOUT ROWID;
)sql";

// The Kümmerer chosen at commit (kiosk/core/kuemmerer.hpp), a contact_person id; NULL: none.
constexpr std::string_view kSchemaV7 = R"sql(
ALTER TABLE registrations ADD COLUMN kuemmerer_id TEXT
    CHECK (kuemmerer_id IS NULL OR (kuemmerer_id <> '' AND length(kuemmerer_id) <= 128));
)sql";

// Call-back requests (kiosk/core/callback.hpp): what the newcomer asked and how to reach them,
// until the hub acknowledged them and the retention period passed (retention.hpp).
constexpr std::string_view kSchemaV8 = R"sql(
CREATE TABLE callbacks (
    id                 TEXT PRIMARY KEY NOT NULL,
    created_at         TEXT NOT NULL,
    organisation_id    TEXT NOT NULL CHECK (organisation_id <> ''),
    person_id          TEXT CHECK (person_id <> ''),
    topic              TEXT NOT NULL CHECK (topic <> ''),
    language           TEXT NOT NULL CHECK (language <> ''),
    name               TEXT CHECK (name <> ''),
    phone              TEXT CHECK (phone <> ''),
    email              TEXT CHECK (email <> ''),
    registration_code  TEXT CHECK (registration_code <> ''),
    CHECK (phone IS NOT NULL OR email IS NOT NULL OR registration_code IS NOT NULL)
) WITHOUT ROWID;
)sql";

// The staff PIN (admin_pin.hpp) and the audit log of staff actions (audit_log.hpp).
constexpr std::string_view kSchemaV9 = R"sql(
-- The argon2id string of the staff PIN; no row: no PIN set yet.
CREATE TABLE admin_pin (
    id      INTEGER PRIMARY KEY CHECK (id = 1),
    hash    TEXT NOT NULL CHECK (hash LIKE '$argon2id$%'),
    set_at  TEXT NOT NULL
);
-- Wrong PINs within the lockout window (older rows are deleted); a right PIN clears them.
CREATE TABLE admin_pin_failures (
    seq  INTEGER PRIMARY KEY AUTOINCREMENT,
    at   TEXT NOT NULL
);
-- Staff actions, hash-chained; never updated or deleted. audit_head: the newest entry, so that
-- cutting off the newest entries is found as well.
CREATE TABLE audit_log (
    seq        INTEGER PRIMARY KEY NOT NULL CHECK (seq >= 1),
    at         TEXT NOT NULL,
    action     TEXT NOT NULL CHECK (action <> ''),
    subject    TEXT NOT NULL CHECK (length(subject) <= 128),
    prev_hash  TEXT NOT NULL CHECK (length(prev_hash) = 64),
    hash       TEXT NOT NULL CHECK (length(hash) = 64)
);
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
-- A dead letter staff discarded: settled without the hub (acked_at set with it), so it leaves
-- under the retention rules like an acknowledged entry.
ALTER TABLE outbox ADD COLUMN discarded_at TEXT;
CREATE TABLE audit_head (
    id    INTEGER PRIMARY KEY CHECK (id = 1),
    seq   INTEGER NOT NULL,
    hash  TEXT NOT NULL
);
)sql";

// Anonymous daily usage counts (usage_counts.hpp), one row per UTC day, metric and key.
constexpr std::string_view kSchemaV10 = R"sql(
CREATE TABLE usage_counts (
    day     TEXT NOT NULL CHECK (length(day) = 10),
    metric  TEXT NOT NULL,
    key     TEXT NOT NULL,
    count   INTEGER NOT NULL CHECK (count >= 0),
    PRIMARY KEY (day, metric, key)
) WITHOUT ROWID;
-- Days whose counts changed since they were last queued for the hub (queue_usage).
CREATE TABLE usage_dirty (
    day  TEXT PRIMARY KEY NOT NULL
) WITHOUT ROWID;
)sql";

constexpr std::array kMigrations{
    Migration{1, kSchemaV1},       Migration{2, kSchemaV2}, Migration{3, kSchemaV3},
    Migration{4, kSchemaV4, true}, Migration{5, kSchemaV5}, Migration{6, kSchemaV6, true},
    Migration{7, kSchemaV7},       Migration{8, kSchemaV8}, Migration{9, kSchemaV9},
    Migration{10, kSchemaV10},
};

static_assert(
    [] {
      for (std::size_t i = 0; i < kMigrations.size(); ++i) {
        if (kMigrations[i].version != static_cast<int>(i) + 1) return false;
      }
      return true;
    }(),
    "migration versions must be 1, 2, 3, ... without gaps");

}  // namespace

std::span<const Migration> migrations() {
  return kMigrations;
}

int latest_schema_version() {
  return kMigrations.back().version;
}

namespace {

bool foreign_keys_on(Database& db) {
  Statement st = db.prepare("PRAGMA foreign_keys");
  return st.step() && st.column_int64(0) != 0;
}

// Foreign keys off for its lifetime, on again afterwards (also when a migration throws).
class ForeignKeysOff {
 public:
  explicit ForeignKeysOff(Database& db) : db_(db) { db_.exec("PRAGMA foreign_keys = OFF"); }
  ~ForeignKeysOff() {
    try {
      db_.exec("PRAGMA foreign_keys = ON");
    } catch (...) {
      log::error("store", "could not switch foreign keys on again after a migration");
    }
  }
  ForeignKeysOff(const ForeignKeysOff&) = delete;
  ForeignKeysOff& operator=(const ForeignKeysOff&) = delete;

 private:
  Database& db_;
};

}  // namespace

int schema_version(Database& db) {
  Statement st = db.prepare("PRAGMA user_version");
  st.step();
  return static_cast<int>(st.column_int64(0));
}

void migrate(Database& db) {
  const int latest = latest_schema_version();
  for (;;) {
    {
      Transaction tx(db);
      const int current = schema_version(db);
      if (current > latest) {
        throw std::runtime_error("database schema version " + std::to_string(current) +
                                 " is newer than this kiosk supports (" + std::to_string(latest) + ")");
      }
      if (current == latest) return;  // nothing written; the destructor ends the transaction
      const Migration& m = kMigrations[static_cast<std::size_t>(current)];
      if (!m.rebuilds_tables || !foreign_keys_on(db)) {
        db.exec(m.sql);
        if (m.rebuilds_tables) {
          Statement check = db.prepare("PRAGMA foreign_key_check");
          if (check.step())
            throw std::runtime_error("migration to schema version " + std::to_string(m.version) +
                                     " would break a foreign key (table " + check.column_text(0) + ")");
        }
        db.exec("PRAGMA user_version = " + std::to_string(m.version));
        tx.commit();
        log::info("store", "migrated schema to version " + std::to_string(m.version));
        continue;
      }
    }  // nothing written: rolled back
    // PRAGMA foreign_keys is a no-op inside a transaction: switch them off outside it and
    // run the remaining migrations so (each re-reads the version under the write lock).
    ForeignKeysOff off(db);
    migrate(db);
    return;
  }
}

}  // namespace wk::core
