// welcome-kiosk --provision (see provision_command.hpp).
#include "kiosk/app/provision_command.hpp"

#include <grp.h>
#include <pwd.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "kiosk/core/admin_pin.hpp"
#include "kiosk/core/config.hpp"
#include "kiosk/core/log.hpp"
#include "kiosk/core/private_files.hpp"
#include "kiosk/core/provisioning_bundle.hpp"
#include "kiosk/core/secret_input.hpp"
#include "kiosk/core/secure_clear.hpp"
#include "kiosk/core/store.hpp"
#include "sync/engine/hub_connection.hpp"

namespace wk::app {
namespace {

namespace fs = std::filesystem;
using json = nlohmann::ordered_json;  // the configuration keeps the order staff wrote it in

constexpr std::size_t kMaxBundleBytes = 256 * 1024;

class Refused : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct Owner {
  uid_t uid = static_cast<uid_t>(-1);
  gid_t gid = static_cast<gid_t>(-1);
  bool change = false;  // running as root for another user
};

Owner owner_of(const std::string& user) {
  Owner o;
  if (user.empty()) return o;
  const passwd* pw = ::getpwnam(user.c_str());
  if (pw == nullptr) throw Refused("--user: no such user \"" + user + "\"");
  o.uid = pw->pw_uid;
  o.gid = pw->pw_gid;
  o.change = o.uid != ::geteuid();
  if (o.change && ::geteuid() != 0)
    throw Refused("--user " + user + ": only root can set a terminal up for another user");
  return o;
}

void give(const fs::path& path, const Owner& o) {
  if (!o.change) return;
  if (::chown(path.c_str(), o.uid, o.gid) != 0)
    throw core::PrivateFileError("cannot give " + path.string() + " to its user: " + std::strerror(errno));
}

std::string read_bundle(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw Refused(file.string() + ": cannot be read");
  std::string text;
  text.resize(kMaxBundleBytes + 1);
  in.read(text.data(), static_cast<std::streamsize>(text.size()));
  text.resize(static_cast<std::size_t>(in.gcount()));
  if (text.size() > kMaxBundleBytes) throw Refused(file.string() + ": larger than a bundle can be (256 KiB)");
  return text;
}

// The configuration as it will be written: the existing file's keys (center name, languages,
// timeouts...) with this terminal's id and hub.
json new_configuration(const fs::path& file, const core::BundleContents& b) {
  json doc = json::object();
  std::error_code ec;
  if (fs::exists(file, ec)) {
    std::ifstream in(file);
    try {
      doc = json::parse(in);
    } catch (const json::exception&) {
      throw Refused(file.string() + ": the configuration there is not valid JSON; repair or remove it first");
    }
    if (!doc.is_object()) throw Refused(file.string() + ": the configuration there is not a JSON object");
  } else {
    doc["center_name"] = "Welcome Center";
  }
  doc["terminal_id"] = b.terminal_id;
  json hub = doc.contains("hub") && doc["hub"].is_object() ? doc["hub"] : json::object();
  hub["url"] = b.hub_url;
  hub["ca_file"] = "hub-ca.pem";  // relative to the configuration file
  if (b.pinned_keys.empty())
    hub.erase("pinned_keys");
  else
    hub["pinned_keys"] = b.pinned_keys;
  doc["hub"] = hub;
  return doc;
}

// Asks the hub whose the bundle's token is. Returns what to tell the person when the hub cannot
// be reached (provisioning goes on); throws Refused when the hub says no or is not the bundle's.
std::string check_with_hub(const core::Config& config, const core::BundleContents& b, std::ostream& err) {
  char dir_template[] = "/tmp/wk-provision.XXXXXX";
  const char* dir = ::mkdtemp(dir_template);
  if (dir == nullptr) throw Refused(std::string("cannot make a temporary directory: ") + std::strerror(errno));
  // The CA goes to a file for curl, in a directory removed on every way out.
  struct RemoveOnExit {
    fs::path dir;
    ~RemoveOnExit() {
      std::error_code ec;
      fs::remove_all(dir, ec);
    }
  } temp{dir};
  core::HubConfig hub = *config.hub;
  hub.ca_file = temp.dir / "ca.pem";
  hub.connect_timeout_s = std::min(hub.connect_timeout_s, 10);
  hub.timeout_s = std::min(hub.timeout_s, 30);
  try {
    core::write_new_file(hub.ca_file, b.ca_pem, 0600);
    err << "welcome-kiosk: asking the hub at " << b.hub_url << " about the token...\n";
    sync::HubConnection connection(hub, b.token);
    const json answer = json::parse(connection.get("/v1/whoami"));
    const std::string id = answer.value("terminal_id", "");
    if (id != b.terminal_id)
      throw Refused("the hub says the bundle's token belongs to terminal \"" + id + "\", not \"" + b.terminal_id +
                    "\"; make a new bundle");
  } catch (const sync::SyncFailure& f) {
    switch (f.kind()) {
      case sync::SyncFailure::Kind::unreachable:
      case sync::SyncFailure::Kind::cancelled:
        return std::string("the hub cannot be reached now (") + f.what() +
               "); the terminal is set up anyway and syncs once it can";
      case sync::SyncFailure::Kind::unauthorized:
        throw Refused(
            "the hub refused the bundle's token (revoked, or the terminal was enrolled again since); "
            "make a new bundle on the hub");
      case sync::SyncFailure::Kind::tls:
        throw Refused("the hub at " + b.hub_url + " could not prove to be the bundle's hub: " + f.what());
      default:
        throw Refused(std::string("the hub's answer: ") + f.what());
    }
  } catch (const json::exception&) {
    throw Refused("the hub at " + b.hub_url + " gave an answer that is not from a welcome-hub");
  } catch (const core::PrivateFileError& e) {
    throw Refused(e.what());
  }
  return {};
}

}  // namespace

int provision_command(const ProvisionOptions& opt, std::istream& in, bool interactive, std::ostream& out,
                      std::ostream& err) {
  const std::string prefix = "welcome-kiosk: --provision: ";
  std::string code, pin;
  core::BundleContents bundle;
  core::Config config;
  json doc;
  Owner owner;
  std::string offline_note;
  try {
    owner = owner_of(opt.user);
    const std::string text = read_bundle(opt.bundle);
    if (interactive) err << "Code of the bundle (shown by welcome-hub when it made it, like 7KQ2-M9XD-4TRB): ";
    if (!std::getline(in, code)) throw Refused("no code on standard input");
    try {
      bundle = core::open_bundle(text, code, opt.now);
    } catch (const core::BundleError& e) {
      throw Refused(opt.bundle.string() + ": " + e.what());
    }
    doc = new_configuration(opt.config_file, bundle);
    try {
      config = core::parse_config(doc.dump(), opt.config_file, opt.languages);
    } catch (const core::ConfigError& e) {
      throw Refused(std::string("the configuration it would write is not valid: ") + e.what());
    }
    if (opt.data_dir) {
      if (config.hub->token_file == config.data_dir / "hub-token") config.hub->token_file = *opt.data_dir / "hub-token";
      config.data_dir = *opt.data_dir;
    }
    offline_note = check_with_hub(config, bundle, err);
    const std::string prompt = "Admin PIN for staff (" + std::to_string(core::kPinMinDigits) + " to " +
                               std::to_string(core::kPinMaxDigits) + " digits): ";
    switch (core::read_new_secret(in, interactive, err, prompt, pin)) {
      case core::SecretRead::missing:
        throw Refused("no admin PIN on standard input (after the code)");
      case core::SecretRead::differ:
        throw Refused("the two PINs differ");
      case core::SecretRead::ok:
        break;
    }
    if (const auto problem = core::pin_problem(pin)) throw Refused("admin PIN: " + *problem);
  } catch (const Refused& e) {
    core::secure_clear(pin);
    core::secure_clear(bundle.token);
    err << prefix << e.what() << "; nothing was changed\n";
    return 2;
  }

  // Everything is checked: write, in an order that leaves the old configuration in charge until
  // the last step but one.
  std::vector<std::string> written;
  try {
    std::error_code ec;
    if (!fs::is_directory(config.data_dir, ec)) {
      core::create_private_directories(config.data_dir);
      give(config.data_dir, owner);
      written.push_back("data directory " + config.data_dir.string());
    }
    core::replace_file(config.hub->token_file, bundle.token + "\n", 0600);
    give(config.hub->token_file, owner);
    written.push_back("token " + config.hub->token_file.string());
    core::secure_clear(bundle.token);
    if (opt.config_file.has_parent_path() && !fs::is_directory(opt.config_file.parent_path(), ec))
      fs::create_directories(opt.config_file.parent_path());
    core::replace_file(config.hub->ca_file, bundle.ca_pem, 0644);
    written.push_back("hub CA " + config.hub->ca_file.string());
    {
      const fs::path db = config.data_dir / "kiosk.db";
      core::Store store = core::Store::open(db);
      core::set_admin_pin(store, pin, opt.now);
      core::secure_clear(pin);
      for (const char* suffix : {"", "-wal", "-shm"})
        if (fs::exists(db.string() + suffix, ec)) give(db.string() + suffix, owner);
      written.push_back("admin PIN in " + db.string());
    }
    core::replace_file(opt.config_file, doc.dump(2) + "\n", 0644);
    written.push_back("configuration " + opt.config_file.string());
  } catch (const std::exception& e) {
    core::secure_clear(pin);
    core::secure_clear(bundle.token);
    err << prefix << e.what() << "\n";
    if (!written.empty()) {
      err << prefix << "written before that:";
      for (const auto& w : written) err << "\n  " << w;
      err << "\n";
    }
    err << prefix << "fix the cause and provision again with the same bundle\n";
    return 4;
  }
  std::error_code ec;
  const bool removed = fs::remove(opt.bundle, ec);
  out << "terminal " << bundle.terminal_id << " is provisioned:\n";
  for (const auto& w : written) out << "  " << w << "\n";
  if (offline_note.empty())
    out << "  the hub at " << bundle.hub_url << " accepted the token\n";
  else
    out << "  " << offline_note << "\n";
  if (removed)
    out << "  the bundle " << opt.bundle.string() << " is removed\n";
  else
    err << prefix << "could not remove " << opt.bundle.string() << " (" << (ec ? ec.message() : "gone")
        << "): delete it yourself, it holds the terminal's token\n";
  out << "Next: systemctl enable --now welcome-kiosk welcome-sync.timer\n";
  core::log::event(
      core::log::Level::warn, core::log::Event::provisioned, "provision",
      "terminal " + bundle.terminal_id + " provisioned from " + opt.bundle.string() + " for hub " + bundle.hub_url);
  return 0;
}

}  // namespace wk::app
