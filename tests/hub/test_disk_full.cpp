// The hub's disk full: its database on a small tmpfs that a filler file has filled. A push is
// refused with 507 and a log line that says what to do, nothing of it is stored and the database
// stays sound; once space returns, the same push goes through. Needs root (mount); install/test
// and CI run as root.
#include "sync/hub/hub_server.hpp"

#include "hub_test_support.hpp"
#include "tests/support/temp_dir.hpp"

#include "kiosk/core/log.hpp"
#include "kiosk/core/uuid.hpp"

#include <httplib.h>
#include <sys/mount.h>
#include <catch2/catch.hpp>

#include <fstream>
#include <mutex>

using wk::core::test::TempDir;

namespace {

// A tmpfs of `bytes` at `dir`, unmounted when this goes.
struct SmallDisk {
  std::filesystem::path dir;
  bool mounted = false;
  SmallDisk(std::filesystem::path where, std::size_t bytes) : dir(std::move(where)) {
    std::filesystem::create_directories(dir);
    const std::string options = "size=" + std::to_string(bytes) + ",mode=0700";
    mounted = ::mount("tmpfs", dir.c_str(), "tmpfs", 0, options.c_str()) == 0;
  }
  ~SmallDisk() {
    if (mounted) ::umount2(dir.c_str(), MNT_DETACH);
  }
};

// Writes `file` until the disk is full.
void fill(const std::filesystem::path& file) {
  std::FILE* f = std::fopen(file.c_str(), "wb");
  REQUIRE(f != nullptr);
  const std::string chunk(64 * 1024, 'x');
  while (std::fwrite(chunk.data(), 1, chunk.size(), f) == chunk.size()) {}
  std::fclose(f);
  // What is left after the last whole chunk, byte by byte in small pieces.
  f = std::fopen(file.c_str(), "ab");
  while (std::fwrite(chunk.data(), 1, 512, f) == 512 && std::fflush(f) == 0) {}
  std::fclose(f);
}

}  // namespace

TEST_CASE("hub disk full: pushes are refused with 507, nothing is half-written, and they resume with space") {
  std::mutex mutex;
  std::vector<std::string> errors;
  wk::core::log::set_sink([&](wk::core::log::Level level, std::string_view line) {
    std::lock_guard lock(mutex);
    if (level == wk::core::log::Level::error) errors.emplace_back(line);
  });
  struct Restore {
    ~Restore() { wk::core::log::set_sink(nullptr); }
  } restore;

  TempDir dir;
  SmallDisk disk(dir / "disk", 4 * 1024 * 1024);
  REQUIRE(disk.mounted);  // needs root, as install/test runs
  wk::hub::test::make_test_certificate(dir.path());
  const auto db = disk.dir / "hub.db";
  std::string token;
  std::int64_t stored_before = 0;
  {
    wk::hub::HubStore store(db);
    token = store.add_terminal("term-1");
    wk::hub::ServeOptions options;
    options.port = 0;
    options.cert_file = dir / "cert.pem";
    options.key_file = dir / "key.pem";
    options.threads = 2;
    wk::hub::HubServer server(store, options);
    server.start();
    httplib::SSLClient cli("localhost", server.port());
    cli.set_ca_cert_path((dir / "cert.pem").c_str());
    cli.enable_server_certificate_verification(true);
    cli.set_read_timeout(30);
    const httplib::Headers headers{{"Wk-Protocol", "1"}, {"Authorization", "Bearer " + token}};

    // A first push lands while there is room.
    wk::sync::PushRequest first{"term-1", {wk::hub::test::registration_change(1)}};
    auto res = cli.Post("/v1/push", headers, wk::sync::to_json(first), "application/json");
    REQUIRE(res);
    REQUIRE(res->status == 200);
    stored_before = store.registration_count();
    REQUIRE(stored_before == 1);

    // The disk fills up; a batch of 300 registrations must grow the files.
    fill(disk.dir / "filler");
    wk::sync::PushRequest batch{"term-1", {}};
    for (int i = 0; i < 300; ++i) batch.changes.push_back(wk::hub::test::registration_change(2 + i));
    const std::string body = wk::sync::to_json(batch);
    res = cli.Post("/v1/push", headers, body, "application/json");
    REQUIRE(res);
    CHECK(res->status == 507);
    CHECK(wk::sync::parse_error_body(res->body).code == "insufficient_storage");
    {
      std::lock_guard lock(mutex);
      REQUIRE_FALSE(errors.empty());
      CHECK_THAT(errors.back(), Catch::Contains("is full") && Catch::Contains(db.string()) &&
                                    Catch::Contains("nothing of the request was stored"));
    }
    CHECK(store.registration_count() == stored_before);

    // Space returns: the same push goes through, every registration once.
    std::filesystem::remove(disk.dir / "filler");
    res = cli.Post("/v1/push", headers, body, "application/json");
    REQUIRE(res);
    CHECK(res->status == 200);
    CHECK(store.registration_count() == stored_before + 300);
    server.stop();
  }
  // The file is sound, and holds exactly what was acknowledged.
  wk::hub::HubStore reopened(db);
  CHECK(reopened.registration_count() == stored_before + 300);
  CHECK(reopened.check_ledger().empty());
}
