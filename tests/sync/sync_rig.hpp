// Test rig shared by the sync engine tests and benchmarks: a real hub (HubStore + HubServer
// over TLS with a throw-away CA) on loopback, a kiosk store, an enrolled terminal with its token
// file, and the SyncOptions that connect them. Also a scripted fake hub (httplib::SSLServer)
// for answers no real hub gives, and helpers to fill the outbox.
#pragma once

#include "tests/support/temp_dir.hpp"

#include "kiosk/core/registration.hpp"
#include "kiosk/core/store.hpp"
#include "kiosk/core/uuid.hpp"
#include "sync/engine/sync_run.hpp"
#include "sync/hub/hub_server.hpp"
#include "sync/hub/hub_store.hpp"
#include "tests/support/test_pki.hpp"

#include <httplib.h>
#include <nlohmann/json.hpp>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <functional>
#include <memory>
#include <string>
#include <system_error>
#include <thread>
#include <vector>

namespace wk::sync::test {

namespace fs = std::filesystem;

using wk::test::TempDir;

inline void write_file(const fs::path& file, const std::string& text) {
  std::ofstream out(file, std::ios::binary | std::ios::trunc);
  out << text;
}

// A valid registration whose names carry `tag`, so tests can find or miss it in files.
inline core::Registration registration_named(const std::string& tag, int family = 1) {
  core::Registration r;
  r.target_group = "skilled_worker";
  r.given_names = "Given" + tag;
  r.family_name = "Family" + tag;
  r.birth_date = "1990-04-17";
  r.nationality = "SY";
  r.phone = "+4915112345678";
  r.preferred_language = "ar";
  r.contact_channel = "phone";
  r.recognition = "in_progress";
  for (int i = 0; i < family; ++i) {
    core::FamilyMember m;
    m.relation = "child";
    m.given_names = "Child" + tag + "x" + std::to_string(i);
    m.family_name = "Family" + tag;
    m.birth_date = "2023-02-28";  // below school age: day care is plausible
    m.needs_daycare = true;
    r.family_members.push_back(m);
  }
  return r;
}

inline core::Consent consent() {
  core::Consent c;
  c.notice_version = std::string(64, 'a');
  c.language = "ar";
  c.purposes = {"counselling", "course_matching"};
  return c;
}

// Commits `n` registrations tagged "<prefix><i>"; returns their ids.
inline std::vector<std::string> commit_registrations(core::Store& store, int n, const std::string& prefix = "N",
                                                     const std::string& terminal = "t-1") {
  std::vector<std::string> ids;
  for (int i = 0; i < n; ++i) {
    ids.push_back(
        core::commit_registration(store, registration_named(prefix + std::to_string(i)), consent(), terminal).id);
  }
  return ids;
}

// `n` contact persons p-0.. in the hub's catalog (50 organisations), a large directory to pull.
inline void add_contact_persons(hub::HubStore& hub, int n) {
  std::vector<std::pair<std::string, nlohmann::json>> items;
  items.reserve(static_cast<std::size_t>(n));
  for (int i = 0; i < n; ++i)
    items.emplace_back("p-" + std::to_string(i), nlohmann::json{{"name", "Contact Person " + std::to_string(i)},
                                                                {"organisation_id", "o-" + std::to_string(i % 50)},
                                                                {"languages", {"de", "ar"}},
                                                                {"phone", "+49 30 " + std::to_string(1000000 + i)}});
  hub.upsert_items("contact_person", items, false);
}

// A real hub on loopback and a terminal enrolled with it.
struct Rig {
  TempDir dir;
  wk::test::TestPki pki{dir / "pki"};
  wk::test::TestPki::Leaf leaf = pki.issue("hub", {"localhost"}, {"127.0.0.1"});
  std::unique_ptr<hub::HubStore> hub_store = std::make_unique<hub::HubStore>(dir / "hub" / "hub.db");
  std::unique_ptr<hub::HubServer> server;
  core::Store store = core::Store::open(dir / "kiosk" / "kiosk.db");
  std::string token;
  SyncOptions options;

  explicit Rig(const std::string& terminal_id = "t-1") {
    start_server();
    token = hub_store->add_terminal(terminal_id);
    write_file(dir / "kiosk" / "hub-token", token + "\n");
    options.hub.url = "https://localhost:" + std::to_string(server->port());
    options.hub.ca_file = pki.ca_file();
    options.hub.token_file = dir / "kiosk" / "hub-token";
    options.hub.connect_timeout_s = 5;
    options.hub.timeout_s = 60;
    options.terminal_id = terminal_id;
    options.lock_file = dir / "kiosk" / "sync.lock";
  }

  void start_server(int port = 0) {
    hub::ServeOptions so;
    so.port = port;
    so.cert_file = leaf.cert_file;
    so.key_file = leaf.key_file;
    so.threads = 4;
    server = std::make_unique<hub::HubServer>(*hub_store, so);
    server->start();
  }

  SyncReport sync() { return run_sync(store, options); }
};

// An HTTPS server answering each request with whatever the test's handler says, for hub
// behaviour no real hub shows (garbage, redirects, stalls).
class FakeHub {
 public:
  using Handler = std::function<void(const httplib::Request&, httplib::Response&)>;
  FakeHub(const wk::test::TestPki::Leaf& leaf, Handler handler)
      : server_(leaf.cert_file.c_str(), leaf.key_file.c_str()), handler_(std::move(handler)) {
    server_.Get(".*", [this](const httplib::Request& q, httplib::Response& r) { handler_(q, r); });
    server_.Post(".*", [this](const httplib::Request& q, httplib::Response& r) { handler_(q, r); });
    port_ = server_.bind_to_any_port("127.0.0.1");
    thread_ = std::thread([this] { server_.listen_after_bind(); });
    while (!server_.is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  ~FakeHub() {
    server_.stop();
    thread_.join();
  }
  FakeHub(const FakeHub&) = delete;
  FakeHub& operator=(const FakeHub&) = delete;
  int port() const { return port_; }

 private:
  httplib::SSLServer server_;
  Handler handler_;
  int port_ = 0;
  std::thread thread_;
};

}  // namespace wk::sync::test
