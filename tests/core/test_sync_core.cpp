// Tests for the terminal's sync bookkeeping in kiosk_core: the dead-letter list in the outbox,
// catalog deltas (highest version wins, tombstones stay, cursor in the same transaction), the
// sync state keys, the hub section of the configuration, ISO 8601 parsing, and retention — after
// which no trace of a newcomer's name is left in the database files.
#include "kiosk/core/booking.hpp"
#include "kiosk/core/catalog.hpp"
#include "kiosk/core/config.hpp"
#include "kiosk/core/outbox.hpp"
#include "kiosk/core/registration.hpp"
#include "kiosk/core/retention.hpp"
#include "kiosk/core/store.hpp"
#include "kiosk/core/sync_state.hpp"
#include "kiosk/core/time.hpp"

#include "quiet_log.hpp"
#include "registration_samples.hpp"
#include "tests/support/temp_dir.hpp"

#include "tests/support/scalar.hpp"

#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include <filesystem>

using namespace wk::core;
namespace fs = std::filesystem;

namespace {

using wk::test::scalar;

// Every byte of the database and its WAL and shared-memory files.
std::string all_files(const fs::path& db_file) {
  std::string bytes;
  for (const char* suffix : {"", "-wal", "-shm", "-journal"}) {
    const fs::path p = db_file.string() + suffix;
    if (fs::exists(p)) bytes += test::read_bytes(p);
  }
  return bytes;
}

void ack_all(Store& store, const std::string& at) {
  store.transact([&](Database& db) {
    for (const OutboxEntry& e : pending(db, 1000)) mark_acked(db, e.change_id, at);
  });
}

}  // namespace

TEST_CASE("acknowledged and rejected entries leave the queue, rejected ones are dead letters", "[sync-core]") {
  test::TempDir dir;
  Store store = Store::open(dir / "kiosk.db");
  test::QuietLog quiet;
  for (int i = 0; i < 3; ++i) commit_registration(store, test::sample_registration(1), test::sample_consent(), "t-1");
  auto entries = pending(store.db(), 10);
  REQUIRE(entries.size() == 3);
  store.transact([&](Database& db) {
    CHECK(mark_acked(db, entries[0].change_id, "2026-11-25T10:00:00.000Z"));
    CHECK(mark_rejected(db, entries[1].change_id, "payload.birth_date: not a date", "2026-11-25T10:00:00.000Z"));
    CHECK_FALSE(mark_rejected(db, entries[0].change_id, "late", "2026-11-25T10:00:01.000Z"));  // acked stays acked
    CHECK_FALSE(mark_acked(db, "no-such-change", "2026-11-25T10:00:00.000Z"));
    count_attempt(db, entries[0].seq, entries[2].seq);
  });
  CHECK(pending_count(store.db()) == 1);
  CHECK(pending(store.db(), 10).at(0).change_id == entries[2].change_id);
  CHECK(pending(store.db(), 10).at(0).attempts == 1);
  const auto dead = dead_letters(store.db());
  REQUIRE(dead.size() == 1);
  CHECK(dead[0].change_id == entries[1].change_id);
  CHECK(dead[0].reason == "payload.birth_date: not a date");
  CHECK(dead_letter_count(store.db()) == 1);
}

TEST_CASE("catalog deltas: the highest version wins, tombstones stay, the cursor moves with the items", "[sync-core]") {
  test::TempDir dir;
  Store store = Store::open(dir / "kiosk.db");
  Database& db = store.db();
  CHECK(catalog_cursor(db).empty());
  CHECK(apply_catalog_delta(db,
                            {{"course", "c-1", 5, false, R"({"title":{"de":"B1"}})"},
                             {"contact_person", "p-1", 6, false, R"({"name":"A. Beispiel"})"}},
                            "000000000000000006") == 2);
  CHECK(catalog_cursor(db) == "000000000000000006");
  // An older copy received again changes nothing; a newer one replaces.
  CHECK(apply_catalog_delta(db, {{"course", "c-1", 4, false, R"({"title":{"de":"old"}})"}}, "x") == 0);
  CHECK(catalog_item(db, "course", "c-1")->data == R"({"title":{"de":"B1"}})");
  CHECK(apply_catalog_delta(db, {{"course", "c-1", 9, true, ""}}, "000000000000000009") == 1);
  CHECK_FALSE(catalog_item(db, "course", "c-1"));
  CHECK(catalog_count(db, "course") == 0);
  // The tombstone keeps an older live copy from coming back.
  CHECK(apply_catalog_delta(db, {{"course", "c-1", 7, false, R"({"title":{"de":"B1"}})"}}, "y") == 0);
  CHECK_FALSE(catalog_item(db, "course", "c-1"));
  CHECK(catalog_count(db, "contact_person") == 1);

  // Bad entries are refused before anything is written, cursor included.
  const std::string before = catalog_cursor(db);
  CHECK_THROWS_AS(apply_catalog_delta(db, {{"course", "c-2", 10, false, "[1]"}}, "z"), std::invalid_argument);
  CHECK_THROWS_AS(apply_catalog_delta(db, {{"seat", "c-2", 10, false, "{}"}}, "z"), std::invalid_argument);
  CHECK_THROWS_AS(apply_catalog_delta(db, {{"course", "", 10, false, "{}"}}, "z"), std::invalid_argument);
  CHECK(catalog_cursor(db) == before);
  CHECK_FALSE(catalog_item(db, "course", "c-2"));
}

TEST_CASE("sync state keys are written, cleared and checked", "[sync-core]") {
  test::TempDir dir;
  Store store = Store::open(dir / "kiosk.db");
  set_sync_state(store.db(), "last_success_at", "2026-11-25T10:00:00.000Z");
  set_sync_state(store.db(), "last_error", "hub unreachable");
  CHECK(load_sync_state(store.db()).last_success_at == "2026-11-25T10:00:00.000Z");
  CHECK(load_sync_state(store.db()).last_error == "hub unreachable");
  set_sync_state(store.db(), "last_error", "");
  CHECK(load_sync_state(store.db()).last_error.empty());
  CHECK_THROWS_AS(set_sync_state(store.db(), "catalog_cursor", "1"), std::invalid_argument);
}

TEST_CASE("ISO 8601 timestamps parse back exactly and nothing else parses", "[sync-core]") {
  const auto now = std::chrono::system_clock::now();
  const std::string text = to_iso8601(now);
  REQUIRE(from_iso8601(text));
  CHECK(to_iso8601(*from_iso8601(text)) == text);
  CHECK(from_iso8601("1970-01-01T00:00:00.000Z")->time_since_epoch().count() == 0);
  for (const char* bad : {"", "2026-11-25", "2026-02-30T10:00:00.000Z", "2026-11-25T24:00:00.000Z",
                          "2026-11-25T10:00:00.000", "2026-11-25 10:00:00.000Z", "2026-1a-25T10:00:00.000Z"}) {
    CHECK_FALSE(from_iso8601(bad));
  }
}

TEST_CASE("retention deletes acknowledged registrations after the period and leaves no trace of the name",
          "[sync-core][retention]") {
  test::TempDir dir;
  const fs::path file = dir / "kiosk.db";
  test::QuietLog quiet;
  Store store = Store::open(file);
  CHECK(store.pragma_text("secure_delete") == "1");

  // A distinctive name, in Latin and Arabic script, that appears nowhere else.
  Registration r = test::sample_registration(1);
  r.given_names = "Zoltanquixa";
  r.family_name = "Brembleworth";
  r.native_name = "زلتانكيكسا";
  r.family_members[0].given_names = "Quorvinelle";
  const auto acked = commit_registration(store, r, test::sample_consent(), "t-1");
  ack_all(store, to_iso8601(std::chrono::system_clock::now() - std::chrono::hours(25)));
  // A second registration, acknowledged just now, and a third one never acknowledged: both stay.
  Registration fresh = test::sample_registration(0);
  fresh.given_names = "Freshlyacked";
  commit_registration(store, fresh, test::sample_consent(), "t-1");
  ack_all(store, utc_now_iso8601());
  Registration waiting = test::sample_registration(0);
  waiting.given_names = "Stillwaiting";
  commit_registration(store, waiting, test::sample_consent(), "t-1");

  REQUIRE(all_files(file).find("Zoltanquixa") != std::string::npos);

  const PurgeResult result = purge_acknowledged(store, std::chrono::hours(24));
  CHECK(result.registrations == 1);
  CHECK(result.outbox_entries == 1);
  CHECK(result.wal_truncated);
  CHECK_FALSE(load_registration(store.db(), acked.id));
  CHECK(scalar(store.db(), "SELECT count(*) FROM registrations") == 2);
  CHECK(scalar(store.db(), "SELECT count(*) FROM family_members") == 0);
  CHECK(scalar(store.db(), "SELECT count(*) FROM consents") == 2);
  CHECK(pending_count(store.db()) == 1);

  const std::string bytes = all_files(file);
  for (const char* trace : {"Zoltanquixa", "Brembleworth", "Quorvinelle", "زلتانكيكسا", acked.code.c_str()}) {
    INFO(trace);
    CHECK(bytes.find(trace) == std::string::npos);
  }
  CHECK(bytes.find("Freshlyacked") != std::string::npos);
  CHECK(bytes.find("Stillwaiting") != std::string::npos);

  // Nothing more is due: a second purge deletes nothing.
  CHECK(purge_acknowledged(store, std::chrono::hours(24)).registrations == 0);
  CHECK_THROWS_AS(purge_acknowledged(store, std::chrono::hours(-1)), std::invalid_argument);
}

TEST_CASE("retention truncates the WAL only when it deleted personal data, and later if a reader blocked it",
          "[sync-core][retention]") {
  test::TempDir dir;
  const fs::path file = dir / "kiosk.db";
  test::QuietLog quiet;
  Store store = Store::open(file);
  // Nothing to delete: a PASSIVE checkpoint, nothing owed.
  CHECK_FALSE(purge_acknowledged(store, std::chrono::hours(24)).wal_truncated);
  CHECK(scalar(store.db(), "SELECT count(*) FROM sync_state WHERE key = 'wal_truncate_owed'") == 0);

  Registration r = test::sample_registration(1);
  r.given_names = "Vexlimorbat";
  commit_registration(store, r, test::sample_consent(), "t-1");
  ack_all(store, to_iso8601(std::chrono::system_clock::now() - std::chrono::hours(25)));
  {
    // Another connection reading an old snapshot blocks the TRUNCATE: it is owed, not dropped.
    Store reader = Store::open(file);
    reader.db().exec("BEGIN");
    CHECK(scalar(reader.db(), "SELECT count(*) FROM registrations") == 1);
    const PurgeResult blocked = purge_acknowledged(store, std::chrono::hours(24));
    CHECK(blocked.registrations == 1);
    CHECK_FALSE(blocked.wal_truncated);
    CHECK(scalar(store.db(), "SELECT count(*) FROM sync_state WHERE key = 'wal_truncate_owed'") == 1);
    reader.db().exec("COMMIT");
  }
  // The next purge deletes nothing but still owes the TRUNCATE: done now, and no trace is left.
  const PurgeResult later = purge_acknowledged(store, std::chrono::hours(24));
  CHECK(later.registrations == 0);
  CHECK(later.wal_truncated);
  CHECK(scalar(store.db(), "SELECT count(*) FROM sync_state WHERE key = 'wal_truncate_owed'") == 0);
  CHECK(all_files(file).find("Vexlimorbat") == std::string::npos);
}

TEST_CASE("the UI's connection waits briefly for another's lock, then gives up without losing anything",
          "[sync-core][store]") {
  test::TempDir dir;
  const fs::path file = dir / "kiosk.db";
  test::QuietLog quiet;
  Store worker = Store::open(file);
  Store ui = Store::open(file, Connection::ui);
  ui.leave_checkpoints_to_others();
  CHECK(ui.pragma_text("wal_autocheckpoint") == "0");
  CHECK(worker.pragma_text("wal_autocheckpoint") == "1000");
  CHECK(ui.lock_waits().waits == 0);
  // The worker holds the write lock far longer than the UI may wait.
  worker.db().exec("BEGIN IMMEDIATE");
  const auto t0 = std::chrono::steady_clock::now();
  CHECK_THROWS_AS(commit_registration(ui, test::sample_registration(0), test::sample_consent(), "t-1"), SqliteError);
  const auto waited = std::chrono::steady_clock::now() - t0;
  worker.db().exec("COMMIT");
  CHECK(waited >= kUiLockWait);
  const LockWaits w = ui.lock_waits();
  CHECK(w.waits == 1);
  CHECK(w.gave_up == 1);
  CHECK(w.max_ms >= 40.0);
  CHECK(w.max_ms < 1000.0);  // the UI's limit, not the background's 5 s
  CHECK(scalar(ui.db(), "SELECT count(*) FROM registrations") == 0);
  // Once the lock is free the same write goes through.
  commit_registration(ui, test::sample_registration(0), test::sample_consent(), "t-1");
  CHECK(scalar(ui.db(), "SELECT count(*) FROM registrations") == 1);
}

TEST_CASE("retention deletes decided bookings the hub acknowledged, keeps undecided and unsent ones",
          "[sync-core][retention]") {
  test::TempDir dir;
  test::QuietLog quiet;
  Store store = Store::open(dir / "kiosk.db");
  const StoredBooking decided = commit_booking(store, {"K7QM-4XRT-X", {{"c-1", 0}, {"c-2", 1}}}, "t-1");
  const StoredBooking undecided = commit_booking(store, {"K7QM-4XRT-X", {{"c-3", 0}}}, "t-1");
  ack_all(store, "2026-11-25T10:00:00.000Z");
  store.transact([&](Database& db) { apply_booking_states(db, {{decided.id, "confirmed"}}); });
  const StoredBooking cancelled = commit_booking(store, {"K7QM-4XRT-X", {{"c-4", 0}}}, "t-1");
  ack_all(store, "2026-11-25T10:00:00.000Z");
  store.transact([&](Database& db) { apply_booking_states(db, {{cancelled.id, "waiting"}}); });
  cancel_booking(store, cancelled.id);  // its cancellation not yet sent

  const auto now = *from_iso8601("2026-11-27T10:00:00.000Z");
  // Within the period: nothing goes.
  CHECK(purge_acknowledged(store, std::chrono::hours(72), now).bookings == 0);
  const PurgeResult r = purge_acknowledged(store, std::chrono::hours(24), now);
  CHECK(r.bookings == 1);
  CHECK_FALSE(load_booking(store.db(), decided.id));
  CHECK(scalar(store.db(), "SELECT count(*) FROM booking_lines WHERE booking_id = '" + decided.id + "'") == 0);
  CHECK(load_booking(store.db(), undecided.id));  // the hub's decision has not arrived
  CHECK(load_booking(store.db(), cancelled.id));  // its cancellation still waits in the outbox
}

TEST_CASE("dead-lettered registrations are kept by retention", "[sync-core][retention]") {
  test::TempDir dir;
  test::QuietLog quiet;
  Store store = Store::open(dir / "kiosk.db");
  commit_registration(store, test::sample_registration(0), test::sample_consent(), "t-1");
  const auto e = pending(store.db(), 1).at(0);
  store.transact([&](Database& db) { mark_rejected(db, e.change_id, "rejected", "2020-01-01T00:00:00.000Z"); });
  CHECK(purge_acknowledged(store, std::chrono::hours(0)).registrations == 0);
  CHECK(scalar(store.db(), "SELECT count(*) FROM registrations") == 1);
  CHECK(dead_letter_count(store.db()) == 1);
}

TEST_CASE("the hub section of the configuration is read strictly", "[sync-core][config]") {
  const std::vector<std::string> langs{"de", "en"};
  const fs::path origin = "/etc/welcome-kiosk/kiosk.json";
  const auto parse = [&](const std::string& hub) {
    return parse_config(R"({"terminal_id": "t-1", "center_name": "C", "data_dir": "/var/lib/wk", "hub": )" + hub + "}",
                        origin, langs);
  };
  const Config c = parse(R"({"url": "https://hub.example:8443", "ca_file": "ca.pem",
      "pinned_keys": ["sha256//AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="], "retention_hours": 48})");
  REQUIRE(c.hub);
  CHECK(c.hub->url == "https://hub.example:8443");
  CHECK(c.hub->ca_file == "/etc/welcome-kiosk/ca.pem");
  CHECK(c.hub->token_file == "/var/lib/wk/hub-token");
  CHECK(c.hub->retention_hours == 48);
  CHECK(c.hub->sync_interval_s == 300);
  CHECK_FALSE(parse_config(R"({"terminal_id": "t-1", "center_name": "C"})", origin, langs).hub);

  const auto error_of = [&](const std::string& hub) -> std::string {
    try {
      parse(hub);
    } catch (const ConfigError& e) {
      return e.what();
    }
    return "accepted";
  };
  CHECK(
      error_of(R"({"url": "http://hub.example", "ca_file": "ca.pem"})") ==
      R"(/etc/welcome-kiosk/kiosk.json: key "hub.url": must be an https:// URL (the hub is only reached over verified TLS))");
  CHECK(error_of(R"({"url": "https://hub.example"})").find(R"(key "hub.ca_file": is required)") != std::string::npos);
  CHECK(error_of(R"({"ca_file": "ca.pem"})").find(R"(key "hub.url": is required)") != std::string::npos);
  CHECK(error_of(R"({"url": "https://h", "ca_file": "ca.pem", "verify": false})")
            .find(R"(key "hub.verify": unknown key)") != std::string::npos);
  CHECK(error_of(R"({"url": "https://h", "ca_file": "ca.pem", "pinned_keys": ["sha1//abc"]})")
            .find(R"(key "hub.pinned_keys[0]")") != std::string::npos);
  CHECK(
      error_of(R"({"url": "https://h", "ca_file": "ca.pem", "retention_hours": -1})").find("out of range (0..8760)") !=
      std::string::npos);
  CHECK(error_of(R"({"url": "https://h", "ca_file": "ca.pem", "sync_interval_s": "300"})")
            .find("expected an integer, got string") != std::string::npos);
  CHECK(error_of(R"("https://h")").find(R"(key "hub": expected an object, got string)") != std::string::npos);
}
