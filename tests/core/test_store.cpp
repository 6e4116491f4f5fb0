// Tests for kiosk/core/store and kiosk/core/migrations: a new store's file permissions and
// pragmas, idempotent reopening, refusing (and not touching) corrupt and too-new files,
// transact(), and the migration list.
#include "kiosk/core/migrations.hpp"
#include "kiosk/core/store.hpp"
#include "kiosk/core/visits.hpp"

#include "tests/support/temp_dir.hpp"

#include "tests/support/scalar.hpp"

#include <catch2/catch.hpp>

#include <sys/stat.h>

#include <random>
#include <set>
#include <stdexcept>
#include <thread>

using namespace wk::core;
namespace fs = std::filesystem;

namespace {

unsigned mode_of(const fs::path& p) {
  struct stat st {};
  REQUIRE(::stat(p.c_str(), &st) == 0);
  return st.st_mode & 07777;
}

std::set<std::string> listing(const fs::path& dir) {
  std::set<std::string> names;
  for (const auto& e : fs::directory_iterator(dir)) names.insert(e.path().filename().string());
  return names;
}

using wk::test::scalar;

std::string random_bytes(std::size_t n, unsigned seed) {
  std::mt19937 rng(seed);
  std::string out(n, '\0');
  for (auto& c : out) c = static_cast<char>(rng() & 0xff);
  return out;
}

// Expects Store::open(file) to fail with `kind`, leaving the file and its directory as they were.
void require_refused_untouched(const fs::path& file, StoreError::Kind kind, const std::string& must_mention) {
  const std::string before = test::read_bytes(file);
  const auto names_before = listing(file.parent_path());
  try {
    Store::open(file);
    FAIL("Store::open accepted a file it must refuse");
  } catch (const StoreError& e) {
    CHECK(e.kind() == kind);
    const std::string what = e.what();
    CHECK(what.find(file.string()) != std::string::npos);
    CHECK(what.find("left untouched") != std::string::npos);
    CHECK(what.find(must_mention) != std::string::npos);
  }
  CHECK(test::read_bytes(file) == before);
  CHECK(fs::file_size(file) == before.size());
  CHECK(listing(file.parent_path()) == names_before);
}

}  // namespace

TEST_CASE("a new store is private, in WAL mode, synchronous=FULL, with foreign keys, at the latest schema", "[store]") {
  test::TempDir dir;
  const fs::path file = dir / "a" / "b" / "kiosk.db";
  Store store = Store::open(file);

  CHECK(fs::exists(file));
  CHECK(mode_of(file) == 0600);
  CHECK(mode_of(dir / "a") == 0700);
  CHECK(mode_of(dir / "a" / "b") == 0700);
  CHECK(store.path() == file);

  CHECK(store.pragma_text("journal_mode") == "wal");
  CHECK(store.pragma_text("synchronous") == "2");
  CHECK(store.pragma_text("foreign_keys") == "1");
  CHECK(store.pragma_text("user_version") == std::to_string(latest_schema_version()));
  // Lock waits are the store's own busy handler: up to 5 s here (the UI's 40 ms: test_sync_core).
  {
    Store other = Store::open(file);
    other.db().exec("BEGIN IMMEDIATE");
    std::thread release([&] {
      std::this_thread::sleep_for(std::chrono::milliseconds(300));
      other.db().exec("COMMIT");
    });
    store.db().exec("BEGIN IMMEDIATE");
    store.db().exec("COMMIT");
    release.join();
    CHECK(store.lock_waits().waits == 1);
    CHECK(store.lock_waits().gave_up == 0);
    CHECK(store.lock_waits().max_ms >= 250.0);
  }

  for (const char* table : {"visits", "outbox", "settings"}) {
    Statement st = store.db().prepare("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = ?1");
    st.bind(1, table);
    REQUIRE(st.step());
    CHECK(st.column_int64(0) == 1);
  }
}

TEST_CASE("reopening a store is idempotent and keeps its data", "[store]") {
  test::TempDir dir;
  const fs::path file = dir / "kiosk.db";
  std::string id;
  std::int64_t objects = 0;
  {
    Store store = Store::open(file);
    id = start_visit(store, "de");
    objects = scalar(store.db(), "SELECT count(*) FROM sqlite_master");
  }
  for (int i = 0; i < 2; ++i) {
    Store store = Store::open(file);
    CHECK(store.pragma_text("user_version") == std::to_string(latest_schema_version()));
    CHECK(store.pragma_text("journal_mode") == "wal");
    CHECK(scalar(store.db(), "SELECT count(*) FROM sqlite_master") == objects);
    CHECK(scalar(store.db(), "SELECT count(*) FROM visits") == 1);
    CHECK(scalar(store.db(), "SELECT count(*) FROM outbox") == 1);
  }
}

TEST_CASE("two stores can share one file", "[store]") {
  test::TempDir dir;
  const fs::path file = dir / "kiosk.db";
  Store ui = Store::open(file);
  Store worker = Store::open(file);
  start_visit(ui, "en");
  CHECK(scalar(worker.db(), "SELECT count(*) FROM visits") == 1);
}

TEST_CASE("a file of random bytes is refused as corrupt and left untouched", "[store]") {
  test::TempDir dir;
  const fs::path file = dir / "kiosk.db";
  test::write_bytes(file, random_bytes(8192, 42));
  require_refused_untouched(file, StoreError::Kind::corrupt, "not a valid kiosk database");
}

TEST_CASE("a text file is refused as corrupt and left untouched", "[store]") {
  test::TempDir dir;
  const fs::path file = dir / "kiosk.db";
  test::write_bytes(file, "terminal_id=wk-01\nthis is not a database\n");
  require_refused_untouched(file, StoreError::Kind::corrupt, "(file is not a database)");
}

TEST_CASE("a database with damaged pages is refused as corrupt and left untouched", "[store]") {
  test::TempDir dir;
  const fs::path file = dir / "kiosk.db";
  {
    Database db = Database::open(file.string(), SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
    db.exec(
        "PRAGMA page_size = 1024; CREATE TABLE big (id INTEGER PRIMARY KEY, v TEXT);"
        "CREATE INDEX big_v ON big (v);"
        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 2000)"
        " INSERT INTO big (v) SELECT hex(randomblob(20)) FROM n;");
  }
  std::string bytes = test::read_bytes(file);
  REQUIRE(bytes.size() > 20 * 1024);
  const std::string garbage = random_bytes(4 * 1024, 7);
  bytes.replace(8 * 1024, garbage.size(), garbage);  // trash pages 9..12, keep the header page
  test::write_bytes(file, bytes);
  require_refused_untouched(file, StoreError::Kind::corrupt, "not a valid kiosk database");
}

TEST_CASE("a database from a newer kiosk is refused as too new and left untouched", "[store]") {
  test::TempDir dir;
  const fs::path file = dir / "kiosk.db";
  {
    Database db = Database::open(file.string(), SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
    db.exec("CREATE TABLE future (x TEXT); INSERT INTO future VALUES ('from v99'); PRAGMA user_version = 99;");
  }
  require_refused_untouched(
      file, StoreError::Kind::too_new,
      "schema version 99, newer than this kiosk supports (" + std::to_string(latest_schema_version()) + ")");
}

TEST_CASE("an older schema is migrated up on open", "[store][migrations]") {
  test::TempDir dir;
  const fs::path file = dir / "kiosk.db";
  {
    Database db = Database::open(file.string(), SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
    db.exec("CREATE TABLE unrelated (x)");  // version 0 with content: still migrated
  }
  Store store = Store::open(file);
  CHECK(store.pragma_text("user_version") == std::to_string(latest_schema_version()));
  CHECK(scalar(store.db(), "SELECT count(*) FROM sqlite_master WHERE name = 'unrelated'") == 1);
}

TEST_CASE("a store that cannot be created is reported as cannot_open", "[store]") {
  test::TempDir dir;
  test::write_bytes(dir / "not-a-dir", "x");
  try {
    Store::open(dir / "not-a-dir" / "kiosk.db");
    FAIL("expected StoreError");
  } catch (const StoreError& e) {
    CHECK(e.kind() == StoreError::Kind::cannot_open);
  }
  fs::create_directory(dir / "a-dir.db");
  try {
    Store::open(dir / "a-dir.db");
    FAIL("expected StoreError");
  } catch (const StoreError& e) {
    CHECK(e.kind() == StoreError::Kind::cannot_open);
  }
}

TEST_CASE("transact commits on success, rolls back and rethrows on failure", "[store]") {
  test::TempDir dir;
  Store store = Store::open(dir / "kiosk.db");
  const int n = store.transact([](Database& db) {
    db.exec("INSERT INTO settings (key, value) VALUES ('a', '1')");
    return 5;
  });
  CHECK(n == 5);
  CHECK_THROWS_AS(store.transact([](Database& db) {
    db.exec("INSERT INTO settings (key, value) VALUES ('b', '2')");
    throw std::runtime_error("abort");
  }),
                  std::runtime_error);
  CHECK_FALSE(store.db().in_transaction());
  CHECK(scalar(store.db(), "SELECT count(*) FROM settings") == 1);
}

TEST_CASE("pragma_text accepts only bare names", "[store]") {
  test::TempDir dir;
  Store store = Store::open(dir / "kiosk.db");
  CHECK_THROWS_AS(store.pragma_text("user_version; DROP TABLE visits"), std::invalid_argument);
  CHECK_THROWS_AS(store.pragma_text(""), std::invalid_argument);
}

TEST_CASE("the schema enforces its constraints", "[store][migrations]") {
  test::TempDir dir;
  Store store = Store::open(dir / "kiosk.db");
  Database& db = store.db();
  CHECK_THROWS_AS(db.exec("INSERT INTO outbox (change_id, entity, entity_id, op, payload, created_at)"
                          " VALUES ('c1', 'visit', 'v1', 'insert', '{not json', 'now')"),
                  SqliteError);
  CHECK_THROWS_AS(db.exec("INSERT INTO outbox (change_id, entity, entity_id, op, payload, created_at)"
                          " VALUES ('c1', 'visit', 'v1', 'upsert', '{}', 'now')"),
                  SqliteError);
  CHECK_THROWS_AS(db.exec("INSERT INTO visits (id, started_at, language, ended_at, end_reason)"
                          " VALUES ('v1', 'now', 'de', 'later', 'crashed')"),
                  SqliteError);
  CHECK_THROWS_AS(db.exec("INSERT INTO visits (id, started_at, language, ended_at)"
                          " VALUES ('v1', 'now', 'de', 'later')"),
                  SqliteError);
  db.exec(
      "INSERT INTO outbox (change_id, entity, entity_id, op, payload, created_at)"
      " VALUES ('c1', 'visit', 'v1', 'insert', '{}', 'now')");
  CHECK_THROWS_AS(db.exec("INSERT INTO outbox (change_id, entity, entity_id, op, payload, created_at)"
                          " VALUES ('c1', 'visit', 'v2', 'insert', '{}', 'now')"),
                  SqliteError);
}

TEST_CASE("migrations are numbered 1..N without gaps", "[migrations]") {
  const auto list = migrations();
  REQUIRE_FALSE(list.empty());
  for (std::size_t i = 0; i < list.size(); ++i) CHECK(list[i].version == static_cast<int>(i) + 1);
  CHECK(latest_schema_version() == list.back().version);
}

TEST_CASE("migrate brings an empty database to the latest version and is idempotent", "[migrations]") {
  Database db = Database::open(":memory:", SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
  CHECK(schema_version(db) == 0);
  migrate(db);
  CHECK(schema_version(db) == latest_schema_version());
  const auto objects = scalar(db, "SELECT count(*) FROM sqlite_master");
  migrate(db);
  CHECK(schema_version(db) == latest_schema_version());
  CHECK(scalar(db, "SELECT count(*) FROM sqlite_master") == objects);
  CHECK_FALSE(db.in_transaction());
}

TEST_CASE("migrate refuses a newer database", "[migrations]") {
  Database db = Database::open(":memory:", SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
  db.exec("PRAGMA user_version = 99");
  CHECK_THROWS_AS(migrate(db), std::runtime_error);
  CHECK(schema_version(db) == 99);
  CHECK_FALSE(db.in_transaction());
}

TEST_CASE("a failed migration leaves the database at its previous version", "[migrations]") {
  Database db = Database::open(":memory:", SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
  db.exec("CREATE TABLE visits (x)");  // collides with migration 1
  CHECK_THROWS_AS(migrate(db), SqliteError);
  CHECK(schema_version(db) == 0);
  CHECK(scalar(db, "SELECT count(*) FROM sqlite_master WHERE name = 'outbox'") == 0);
}

TEST_CASE("migration 4 rebuilds registrations without cascading to family members and consents",
          "[store][migrations]") {
  Database db = Database::open(":memory:", SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
  db.exec("PRAGMA foreign_keys = ON");
  for (const Migration& m : migrations()) {  // a version 3 database, as terminals have it
    if (m.version > 3) break;
    db.exec(m.sql);
    db.exec("PRAGMA user_version = " + std::to_string(m.version));
  }
  db.exec(
      "INSERT INTO registrations (id, code, created_at, terminal_id, target_group, given_names, family_name,"
      " birth_date, nationality, preferred_language, contact_channel, recognition) VALUES ('r1', 'K7QM-4XRT-9',"
      " '2026-01-02T03:04:05.678Z', 't1', 'skilled_worker', 'Olena', 'Kovalenko', '1990-03-15', 'UA', 'uk',"
      " 'in_person', 'unknown')");
  db.exec(
      "INSERT INTO family_members VALUES ('m1', 'r1', 0, 'child', 'Sofiia', 'Kovalenko', NULL, '2018-05-12', 1, 0,"
      " 1)");
  db.exec("INSERT INTO consents VALUES ('c1', 'r1', '" + std::string(64, 'a') +
          "', 'uk', '2026-01-02T03:04:05.678Z', 't1', '[\"registration\"]')");
  CHECK_THROWS_AS(db.exec("UPDATE registrations SET recognition = NULL"), SqliteError);

  migrate(db);
  CHECK(schema_version(db) == latest_schema_version());
  CHECK(scalar(db, "PRAGMA foreign_keys") == 1);  // on again
  CHECK(scalar(db, "SELECT count(*) FROM family_members WHERE registration_id = 'r1'") == 1);
  CHECK(scalar(db, "SELECT count(*) FROM consents WHERE registration_id = 'r1'") == 1);
  CHECK(scalar(db, "SELECT count(*) FROM registrations WHERE recognition = 'unknown'") == 1);
  // Not answered is now storable; a value outside the list still is not.
  db.exec("UPDATE registrations SET recognition = NULL");
  CHECK_THROWS_AS(db.exec("UPDATE registrations SET recognition = 'maybe'"), SqliteError);
  // The foreign keys still point at the rebuilt table.
  db.exec("DELETE FROM registrations WHERE id = 'r1'");
  CHECK(scalar(db, "SELECT count(*) FROM family_members") == 0);
  CHECK(scalar(db, "SELECT count(*) FROM consents") == 0);
}
