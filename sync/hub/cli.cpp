// The welcome-hub command line (see cli.hpp): one pass that collects options and arguments,
// a check of which options each command takes, then the command itself.
#include "sync/hub/cli.hpp"

#include "kiosk/core/log.hpp"
#include "kiosk/core/private_files.hpp"
#include "kiosk/core/provisioning_bundle.hpp"
#include "kiosk/core/registration_code.hpp"
#include "kiosk/core/resource_dir.hpp"
#include "kiosk/core/secret_input.hpp"
#include "kiosk/core/secure_clear.hpp"
#include "kiosk/core/time.hpp"
#include "sync/hub/booking_export.hpp"
#include "sync/hub/catalog_import.hpp"
#include "sync/hub/dashboard/operator_accounts.hpp"
#include "sync/hub/hub_backup.hpp"
#include "sync/hub/hub_server.hpp"
#include "sync/hub/hub_store.hpp"
#include "sync/hub/registration_export.hpp"

#include <algorithm>
#include <chrono>
#include <csignal>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <optional>
#include <set>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include <unistd.h>

#ifndef WK_VERSION
#define WK_VERSION "0.0.0"
#endif

namespace wk::hub {
namespace {

namespace fs = std::filesystem;

constexpr const char* kDefaultDb = "/var/lib/welcome-hub/hub.db";

constexpr const char* kUsage = R"(Usage: welcome-hub [--db FILE] COMMAND [ARGS...]

The reference central server of the Welcome Kiosk (sync protocol 1).

Commands:
  init                   Create the hub database (the only command that does; every other one
                         refuses a --db that does not exist). Leaves an existing one as it is.
  backup FILE            Copy the database to FILE (new, mode 0600) while the hub serves: one
                         consistent snapshot, checked; prints what it holds.
  restore FILE           Check the backup FILE and write it to --db, where no database may be
                         (stop the hub, move the old file aside). The restored database gets a
                         new instance id, so every terminal pulls its catalogs afresh.
  serve --cert FILE --key FILE [--listen HOST:PORT] [--threads N] [--keep-exported-days N]
        [--allotment-seats N] [--allotment-hours H] [--offer-hours H] [--lookups-per-minute N]
        Serve HTTPS (default 127.0.0.1:8443; port 0 picks a free port). Prints
        "welcome-hub: listening on https://HOST:PORT" when ready; stops on SIGTERM or SIGINT.
        At start and every hour, deletes registrations exported N days ago (default 30).
        Each terminal may confirm up to N seats per course itself, offline too (default 2;
        0: every booking is decided here), for H hours after its pull (default 24). A seat
        freed for a waiting list is offered for H hours (default 48). A terminal may look up
        N registration codes a minute (default 30). --clock-start TIMESTAMP (for tests and
        demos on a fixed day): the booking clock starts at TIMESTAMP and runs on from there.
        The operators' dashboard is served at https://HOST:PORT/dashboard (see operator add);
        its texts come from locales/dashboard under --resources DIR (default: the installed
        resources); --no-dashboard serves none.
        What clients may hold (README, "Limits"): --max-connections N (512),
        --max-connections-per-address N (32), --head-timeout S (10: TLS handshake and request
        head in all), --idle-timeout S (10), --max-header-fields N (64), --max-head-bytes N
        (16384), --min-body-rate BYTES (4096 a second), --free-auth-failures N (5),
        --max-auth-delay S (60), --tls-log-per-minute N (10).
  operator add NAME      Add dashboard operator NAME, or give NAME a new password (ending its
                         sessions). The password (12 to 256 bytes) is read from standard input:
                         asked twice without echo on a terminal, one line from a pipe.
  operator remove NAME   Remove operator NAME and end its sessions.
  operator list          A header, then one line per operator: name, added, last sign-in.
  terminal add ID        Enrol terminal ID; prints its token (shown only this once).
  terminal add ID --bundle FILE --url URL --ca FILE [--pins PIN,PIN] [--bundle-days N]
                         Enrol terminal ID and write its provisioning bundle to FILE (mode 0600,
                         never over an existing file): the hub's URL as terminals reach it, the
                         CA certificate, the pinned keys (current and backup) and the token,
                         sealed under a code printed here once (valid N days, default 7). On the
                         terminal: welcome-kiosk --provision FILE, then type the code.
  terminal revoke ID     Revoke terminal ID: its token stops working.
  terminal remove ID     Remove revoked terminal ID from the lists once the hub holds nothing of
                         it still to export (what it sent stays, naming it).
  terminal list          A header, then one line per terminal: id, active|revoked, enrolled,
                         last seen, last push, queue depth, dead letters and app version (as
                         it reported them with its last request), revoked ("-": not known).
  import KIND FILE [--format json|csv] [--replace [--yes]] [--dry-run]
        Import a catalog (all or nothing). KIND: courses, organisations, contact-persons,
        texts. The format defaults from FILE's extension. --replace deletes the items of
        KIND that FILE does not contain; deleting more than a fifth of them needs --yes.
        --dry-run lists what would be added (+), changed (~) and deleted (-), storing
        nothing. References (a course's organisation_id) must name items the hub holds.
        See sync/CATALOG.md.
  catalog list KIND      One line per item of KIND the hub holds: id, version, name.
  courses list           One line per course: capacity, seats confirmed, allotted to
                         terminals, offered, free; seats waiting; offers open.
  kuemmerer list         One line per Kümmerer of the directory: capacity, registrations
                         assigned, name; then ids registrations name that the directory
                         does not hold, and "-": registrations without one.
  kuemmerer assign REGISTRATION KUEMMERER
                         Gives the registration (its id or code) to another Kümmerer of
                         the directory; its terminal learns it at its next sync.
  counts visits [--by day|week] [--terminal ID]
                         Anonymous counts for monitoring: per day (or week) and language, the
                         visits and those ended by the idle reset, under a header. Counts of 1
                         to 4 are shown as "<5" (small cells would point at persons).
  registration show CODE
                         For the desk: the registration with CODE while the hub holds it (what
                         was entered, its family, its Kümmerer) and the state of each booking
                         made with the code, one "label: value" line each. Exit 1 if none.
  audit list [--terminal ID]
                         The staff actions of every terminal's admin overlay (or of one), as
                         the terminals pushed them: a header line, then terminal, seq, at,
                         action, subject, chain (ok, or "gap" where an entry is missing).
  check                  Checks the booking ledger: for every course, confirmed + offered +
                         allotted seats never exceed its capacity. Exit 1 with each breach.
  export bookings --format csv|ndjson [--course ID] [--output FILE]
        The participant list: each person of a confirmed or waiting booking, with names
        from the registration of its code while the hub holds it (FILE mode 0600).
  export callbacks [--format csv|ndjson] [--organisation ID] [--output FILE] [--keep-exported-days N]
        The call-back requests, by organisation (or of one), with the contact way of the
        registration named by its code while the hub holds it (FILE mode 0600). Marked
        exported; those exported N days ago or earlier are then deleted (default 30).
  export registrations [--format json|ndjson|csv] [--output FILE] [--keep-exported-days N]
                       [--since YYYY-MM-DD] [--new] [--header de|en]
        Every registration held, in order of receipt (to stdout, or FILE mode 0600); --since:
        those received on or after that day (UTC); --new: those no earlier export took. CSV
        is a spreadsheet for caseworkers: one row per person (the newcomer, then each family
        member, with the code), German labels and names of countries and languages, dates as
        YYYY-MM-DD, the header in German (or --header en), and when an earlier export took
        the registration. What was exported is marked so; registrations exported N days ago
        or earlier are then deleted from the hub (default 30; 0 deletes them once exported).

Options:
  --db FILE     the hub database (default: $WELCOME_HUB_DB, else /var/lib/welcome-hub/hub.db)
  --help        show this help
  --version     show the version

Exit status: 0 success, 1 failure, 2 usage error.
)";

// A bad command line: exit 2 with this message.
class UsageError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct CommandLine {
  std::map<std::string, std::string> options;  // "--db" -> value ("" for flags)
  std::vector<std::string> args;               // positional arguments, the command first
};

// serve's limits of what clients may hold (front/http_front.hpp FrontLimits).
struct LimitOption {
  const char* name;
  int lo, hi;
  void (*apply)(FrontLimits&, int);
};

const std::vector<LimitOption>& limit_options() {
  using std::chrono::seconds;
  static const std::vector<LimitOption> options = {
      {"--max-connections", 1, 100000, [](FrontLimits& l, int v) { l.max_connections = v; }},
      {"--max-connections-per-address", 1, 100000, [](FrontLimits& l, int v) { l.max_connections_per_address = v; }},
      {"--head-timeout", 1, 300, [](FrontLimits& l, int v) { l.head_timeout = seconds(v); }},
      {"--idle-timeout", 1, 3600, [](FrontLimits& l, int v) { l.idle_timeout = seconds(v); }},
      {"--max-header-fields", 8, 1000, [](FrontLimits& l, int v) { l.head.max_fields = v; }},
      {"--max-head-bytes", 1024, 1048576,
       [](FrontLimits& l, int v) { l.head.max_bytes = static_cast<std::size_t>(v); }},
      {"--min-body-rate", 1, 1000000000, [](FrontLimits& l, int v) { l.min_rate = static_cast<std::size_t>(v); }},
      {"--free-auth-failures", 0, 1000, [](FrontLimits& l, int v) { l.free_auth_failures = v; }},
      {"--max-auth-delay", 0, 3600, [](FrontLimits& l, int v) { l.max_auth_delay = seconds(v); }},
      {"--tls-log-per-minute", 0, 10000, [](FrontLimits& l, int v) { l.tls_failure_logs_per_minute = v; }},
  };
  return options;
}

const std::set<std::string>& value_options() {
  static const std::set<std::string> set = [] {
    std::set<std::string> s{"--db",
                            "--cert",
                            "--key",
                            "--listen",
                            "--threads",
                            "--format",
                            "--output",
                            "--keep-exported-days",
                            "--course",
                            "--organisation",
                            "--allotment-seats",
                            "--allotment-hours",
                            "--offer-hours",
                            "--lookups-per-minute",
                            "--clock-start",
                            "--terminal",
                            "--by",
                            "--resources",
                            "--since",
                            "--header",
                            "--bundle",
                            "--url",
                            "--ca",
                            "--pins",
                            "--bundle-days"};
    for (const LimitOption& o : limit_options()) s.insert(o.name);
    return s;
  }();
  return set;
}

const std::set<std::string>& flag_options() {
  static const std::set<std::string> set{"--help", "--version",      "--replace", "--dry-run",
                                         "--yes",  "--no-dashboard", "--new"};
  return set;
}

CommandLine parse(int argc, char** argv) {
  CommandLine cl;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg.size() < 2 || arg.rfind("--", 0) != 0) {
      if (arg.size() > 1 && arg[0] == '-') throw UsageError("unknown option \"" + arg + "\"");
      cl.args.push_back(std::move(arg));
      continue;
    }
    std::string name = arg, value;
    bool has_value = false;
    if (const auto eq = arg.find('='); eq != std::string::npos) {
      name = arg.substr(0, eq);
      value = arg.substr(eq + 1);
      has_value = true;
    }
    if (flag_options().count(name) != 0) {
      if (has_value) throw UsageError(name + ": takes no value");
    } else if (value_options().count(name) != 0) {
      if (!has_value) {
        if (i + 1 >= argc) throw UsageError(name + ": missing value");
        value = argv[++i];
      }
      if (value.empty()) throw UsageError(name + ": empty value");
    } else {
      throw UsageError("unknown option \"" + name + "\"");
    }
    if (!cl.options.emplace(name, value).second) throw UsageError(name + ": given more than once");
  }
  return cl;
}

// Refuses options `command` does not take.
void allow_only(const CommandLine& cl, const std::string& command, const std::set<std::string>& allowed) {
  for (const auto& [name, value] : cl.options) {
    if (name != "--db" && allowed.count(name) == 0) throw UsageError(command + ": " + name + " is not an option here");
  }
}

void expect_args(const CommandLine& cl, std::size_t count, const std::string& command, const std::string& synopsis) {
  if (cl.args.size() < count) throw UsageError(command + ": missing argument (" + synopsis + ")");
  if (cl.args.size() > count) throw UsageError(command + ": unexpected argument \"" + cl.args[count] + "\"");
}

std::optional<std::string> option(const CommandLine& cl, const std::string& name) {
  const auto it = cl.options.find(name);
  if (it == cl.options.end()) return std::nullopt;
  return it->second;
}

fs::path database_path(const CommandLine& cl) {
  if (const auto db = option(cl, "--db")) return *db;
  if (const char* env = std::getenv("WELCOME_HUB_DB"); env != nullptr && *env != '\0') return env;
  return kDefaultDb;
}

// Every command but init: a missing database is an error, never a reason to create one (a typo
// in --db would otherwise start an empty hub in silence).
void require_existing(const fs::path& db) {
  std::error_code ec;
  if (!fs::exists(db, ec)) {
    throw std::runtime_error("no hub database at " + db.string() +
                             " (check --db or WELCOME_HUB_DB; a new hub starts with: welcome-hub --db " + db.string() +
                             " init)");
  }
}

int parse_whole(const std::string& text, int lo, int hi, const std::string& what) {
  const bool digits = !text.empty() && text.size() <= 6 && text.find_first_not_of("0123456789") == std::string::npos;
  const int value = digits ? std::stoi(text) : -1;
  if (value < lo || value > hi) {
    throw UsageError(what + ": expected a whole number " + std::to_string(lo) + ".." + std::to_string(hi));
  }
  return value;
}

// [SECTION] Commands

// Days an exported registration stays on the hub (--keep-exported-days, default 30).
constexpr int kDefaultKeepExportedDays = 30;

std::chrono::seconds keep_exported(const CommandLine& cl) {
  int days = kDefaultKeepExportedDays;
  if (const auto v = option(cl, "--keep-exported-days")) days = parse_whole(*v, 0, 3650, "--keep-exported-days");
  return std::chrono::hours{24} * days;
}

int cmd_serve(const CommandLine& cl) {
  std::set<std::string> allowed = {"--cert",
                                   "--key",
                                   "--listen",
                                   "--threads",
                                   "--keep-exported-days",
                                   "--allotment-seats",
                                   "--allotment-hours",
                                   "--offer-hours",
                                   "--lookups-per-minute",
                                   "--clock-start",
                                   "--resources",
                                   "--no-dashboard"};
  for (const LimitOption& o : limit_options()) allowed.insert(o.name);
  allow_only(cl, "serve", allowed);
  const std::chrono::seconds keep = keep_exported(cl);
  expect_args(cl, 1, "serve", "serve --cert FILE --key FILE [--listen HOST:PORT]");
  ServeOptions options;
  const auto cert = option(cl, "--cert");
  const auto key = option(cl, "--key");
  if (!cert) throw UsageError("serve: --cert FILE is required");
  if (!key) throw UsageError("serve: --key FILE is required");
  options.cert_file = *cert;
  options.key_file = *key;
  if (const auto listen = option(cl, "--listen")) {
    const auto colon = listen->rfind(':');
    if (colon == std::string::npos || colon == 0) throw UsageError("--listen: expected HOST:PORT");
    std::string host = listen->substr(0, colon);
    if (host.size() > 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
    options.host = host;
    options.port = parse_whole(listen->substr(colon + 1), 0, 65535, "--listen port");
  }
  if (const auto threads = option(cl, "--threads")) options.threads = parse_whole(*threads, 1, 256, "--threads");
  BookingPolicy policy;
  if (const auto v = option(cl, "--allotment-seats"))
    policy.allotment_seats = parse_whole(*v, 0, 1000, "--allotment-seats");
  if (const auto v = option(cl, "--allotment-hours"))
    policy.allotment_ttl = std::chrono::hours(parse_whole(*v, 1, 744, "--allotment-hours"));
  if (const auto v = option(cl, "--offer-hours"))
    policy.offer_ttl = std::chrono::hours(parse_whole(*v, 1, 744, "--offer-hours"));
  if (const auto v = option(cl, "--lookups-per-minute"))
    options.lookups_per_minute = parse_whole(*v, 1, 10000, "--lookups-per-minute");
  for (const LimitOption& o : limit_options())
    if (const auto v = option(cl, o.name)) o.apply(options.limits, parse_whole(*v, o.lo, o.hi, o.name));
  if (cl.options.count("--no-dashboard") == 0) {
    const auto resources = option(cl, "--resources");
    options.dashboard_texts = wk::core::resource_dir(resources ? std::optional<fs::path>(*resources) : std::nullopt) /
                              "locales" / "dashboard";
  }

  // Signals are taken by sigwait below; block them before any thread starts so that every
  // thread inherits the mask. A client that hangs up must not kill the server.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGTERM);
  sigaddset(&signals, SIGINT);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
  std::signal(SIGPIPE, SIG_IGN);

  std::optional<std::chrono::system_clock::time_point> clock_start;
  if (const auto v = option(cl, "--clock-start")) {
    clock_start = wk::core::from_iso8601(*v);
    if (!clock_start) throw UsageError("--clock-start: expected a timestamp like 2026-12-06T09:00:00.000Z");
  }

  const auto open_store = [&] {
    try {
      require_existing(database_path(cl));
      return std::make_unique<HubStore>(database_path(cl));
    } catch (const std::exception& e) {
      wk::core::log::event(wk::core::log::Level::error, wk::core::log::Event::database_refused, "hub-store", e.what());
      throw;
    }
  };
  const std::unique_ptr<HubStore> opened = open_store();
  HubStore& store = *opened;
  store.set_booking_policy(policy);
  if (clock_start) {
    store.set_clock([start = *clock_start, since = std::chrono::steady_clock::now()] {
      return start +
             std::chrono::duration_cast<std::chrono::system_clock::duration>(std::chrono::steady_clock::now() - since);
    });
  }
  HubServer server(store, options);
  try {
    server.start();
  } catch (const std::exception& e) {
    throw std::runtime_error(std::string("cannot start: ") + e.what());
  }
  const bool v6 = options.host.find(':') != std::string::npos;
  std::cout << "welcome-hub: listening on https://" << (v6 ? "[" + options.host + "]" : options.host) << ":"
            << server.port() << std::endl;

  // Until a signal: every hour (and now) the registrations and call-back requests exported long
  // enough ago go.
  int signal = 0;
  for (;;) {
    try {
      store.delete_exported_registrations(keep);
      store.delete_exported_callbacks(keep);
    } catch (const std::exception& e) {
      wk::core::log::error("hub", std::string("cannot delete exported personal data: ") + e.what());
    }
    const timespec hour{3600, 0};
    signal = sigtimedwait(&signals, nullptr, &hour);
    if (signal > 0) break;
  }
  wk::core::log::info("hub", std::string("stopping on ") + (signal == SIGTERM ? "SIGTERM" : "SIGINT"));
  server.stop();
  const ServerStats stats = server.stats();
  const FrontCounters& f = stats.front;
  const auto n = [](std::uint64_t v) { return std::to_string(v); };
  wk::core::log::info("hub", "stopped after " + n(stats.requests) + " requests on " + n(f.accepted) +
                                 " connections; refused: " + n(f.over_connection_limit) +
                                 " over the connection limit, " + n(f.over_address_limit) +
                                 " over the per-address limit, " + n(f.tls_failures) + " failed TLS handshakes, " +
                                 n(f.head_timeouts) + " heads not complete in time, " + n(f.heads_refused) +
                                 " heads refused, " + n(f.bodies_refused) + " bodies too large, " + n(f.auth_failures) +
                                 " tokens refused (" + n(f.delayed) + " requests held back)");
  return kExitOk;
}

int cmd_operator(const CommandLine& cl) {
  allow_only(cl, "operator", {});
  if (cl.args.size() < 2) throw UsageError("operator: missing subcommand (add NAME, remove NAME or list)");
  const std::string& sub = cl.args[1];
  const fs::path db = database_path(cl);
  if (sub == "list") {
    expect_args(cl, 2, "operator list", "operator list");
    require_existing(db);
    HubStore store(db);
    std::cout << "operator\tadded\tlast_sign_in\n";
    for (const OperatorInfo& o : store.locked([](wk::core::Database& d) { return list_operators(d); }))
      std::cout << o.name << '\t' << o.created_at << '\t' << (o.last_login_at.empty() ? "-" : o.last_login_at) << '\n';
    return kExitOk;
  }
  if (sub != "add" && sub != "remove")
    throw UsageError("operator: unknown subcommand \"" + sub + "\" (expected add, remove or list)");
  expect_args(cl, 3, "operator " + sub, "operator " + sub + " NAME");
  const std::string& name = cl.args[2];
  if (!is_operator_name(name)) throw UsageError("operator " + sub + ": NAME: expected 1 to 64 of A-Z a-z 0-9 . _ @ -");
  if (sub == "remove") {
    require_existing(db);
    HubStore store(db);
    if (!store.locked([&](wk::core::Database& d) { return remove_operator(d, name); }))
      throw std::runtime_error("operator remove: no operator \"" + name + "\"");
    std::cerr << "welcome-hub: operator " << name << " removed\n";
    return kExitOk;
  }
  std::string password;
  const std::string prompt = "Password for " + name + " (" + std::to_string(kPasswordMinLength) + " to " +
                             std::to_string(kPasswordMaxLength) + " bytes): ";
  switch (wk::core::read_new_secret(std::cin, ::isatty(STDIN_FILENO) != 0, std::cerr, prompt, password)) {
    case wk::core::SecretRead::missing:
      throw UsageError("operator add: no password on standard input");
    case wk::core::SecretRead::differ:
      throw UsageError("operator add: the two passwords differ; nothing was changed");
    case wk::core::SecretRead::ok:
      break;
  }
  require_existing(db);
  HubStore store(db);
  try {
    store.locked([&](wk::core::Database& d) {
      set_operator(d, name, password, store.now());
      return 0;
    });
  } catch (const std::invalid_argument& e) {
    wk::core::secure_clear(password);
    throw UsageError(std::string("operator add: ") + e.what() + "; nothing was changed");
  }
  wk::core::secure_clear(password);
  std::cerr << "welcome-hub: operator " << name << " can sign in at /dashboard\n";
  return kExitOk;
}

// A small text file named on the command line (a certificate): its contents, or an error
// naming `what` and the file.
std::string read_small_text_file(const fs::path& file, const std::string& what) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw std::runtime_error(what + ": cannot read " + file.string());
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (text.size() > 64 * 1024) throw std::runtime_error(what + ": " + file.string() + " is larger than 64 KiB");
  return text;
}

// terminal add ID --bundle FILE: the provisioning bundle instead of the bare token (see
// kiosk/core/provisioning_bundle.hpp). Everything is checked before the terminal is enrolled;
// FILE is written 0600 and never overwritten.
int add_terminal_with_bundle(const CommandLine& cl, const fs::path& db, const std::string& id) {
  const fs::path file = *option(cl, "--bundle");
  const auto url = option(cl, "--url");
  const auto ca = option(cl, "--ca");
  if (!url) throw UsageError("terminal add --bundle: --url URL is required (the hub as terminals reach it)");
  if (!ca) throw UsageError("terminal add --bundle: --ca FILE is required (the CA that signed the hub's certificate)");
  int days = 7;
  if (const auto v = option(cl, "--bundle-days")) days = parse_whole(*v, 1, 90, "--bundle-days");
  wk::core::BundleContents contents;
  contents.terminal_id = id;
  contents.hub_url = *url;
  contents.ca_pem = read_small_text_file(*ca, "--ca");
  if (const auto pins = option(cl, "--pins")) {
    std::stringstream list(*pins);
    for (std::string pin; std::getline(list, pin, ',');)
      if (!pin.empty()) contents.pinned_keys.push_back(pin);
  }
  contents.token = std::string(43, 'A');  // checked with a stand-in before the terminal is enrolled
  contents.expires_at = std::chrono::system_clock::now() + std::chrono::hours(24) * days;
  try {
    (void)wk::core::seal_bundle(contents);
  } catch (const std::invalid_argument& e) {
    throw UsageError(std::string("terminal add --bundle: ") + e.what());
  }
  std::error_code ec;
  if (fs::exists(file, ec)) throw std::runtime_error(file.string() + " exists; a bundle is never written over a file");
  require_existing(db);
  HubStore store(db);
  contents.token = store.add_terminal(id);
  const wk::core::SealedBundle sealed = wk::core::seal_bundle(contents);
  wk::core::secure_clear(contents.token);
  try {
    wk::core::write_new_file(file, sealed.file_text, 0600);
  } catch (const std::exception& e) {
    store.revoke_terminal(id);
    throw std::runtime_error("cannot write the bundle " + file.string() + " (" + e.what() + "); terminal " + id +
                             " was revoked again");
  }
  std::cout << sealed.code << std::endl;
  std::cerr << "welcome-hub: terminal " << id << " enrolled; its bundle is " << file.string() << " (valid until "
            << wk::core::to_iso8601(contents.expires_at)
            << "). Take it to the terminal with the code above, shown only this once: welcome-kiosk --provision "
            << file.filename().string() << "\n";
  return kExitOk;
}

int cmd_terminal(const CommandLine& cl) {
  if (cl.args.size() >= 2 && cl.args[1] == "add")
    allow_only(cl, "terminal add", {"--bundle", "--url", "--ca", "--pins", "--bundle-days"});
  else
    allow_only(cl, "terminal", {});
  if (cl.options.count("--bundle") == 0) {
    for (const char* o : {"--url", "--ca", "--pins", "--bundle-days"})
      if (cl.options.count(o) != 0) throw UsageError(std::string("terminal add: ") + o + " goes with --bundle FILE");
  }
  if (cl.args.size() < 2) throw UsageError("terminal: missing subcommand (add ID, revoke ID, remove ID or list)");
  const std::string& sub = cl.args[1];
  const fs::path db = database_path(cl);
  if (sub == "list") {
    expect_args(cl, 2, "terminal list", "terminal list");
    require_existing(db);
    HubStore store(db);
    std::cout << "terminal\tstate\tenrolled\tlast_seen\tlast_push\tqueue\tdead_letters\tversion\trevoked\n";
    auto or_dash = [](const std::string& s) { return s.empty() ? std::string("-") : s; };
    auto count = [](std::int64_t n) { return n < 0 ? std::string("-") : std::to_string(n); };
    for (const TerminalInfo& t : store.list_terminals()) {
      std::cout << t.id << '\t' << (t.revoked_at.empty() ? "active" : "revoked") << '\t' << t.created_at << '\t'
                << or_dash(t.last_seen_at) << '\t' << or_dash(t.last_push_at) << '\t' << count(t.queue_depth) << '\t'
                << count(t.dead_letters) << '\t' << or_dash(t.app_version) << '\t' << or_dash(t.revoked_at) << '\n';
    }
    return kExitOk;
  }
  if (sub != "add" && sub != "revoke" && sub != "remove") {
    throw UsageError("terminal: unknown subcommand \"" + sub + "\" (expected add, revoke, remove or list)");
  }
  expect_args(cl, 3, "terminal " + sub, "terminal " + sub + " ID");
  const std::string& id = cl.args[2];
  if (!is_terminal_id(id)) {
    throw std::runtime_error("terminal " + sub + ": terminal id: expected 1..64 characters of A-Z a-z 0-9 . _ -");
  }
  try {
    if (sub == "add" && cl.options.count("--bundle") != 0) return add_terminal_with_bundle(cl, db, id);
    if (sub == "add") {
      require_existing(db);
      HubStore store(db);
      const std::string token = store.add_terminal(id);
      std::cout << token << std::endl;
      std::cerr << "welcome-hub: terminal " << id
                << " enrolled; its token is shown only this once: put it into the terminal's token file\n";
    } else if (sub == "revoke") {
      require_existing(db);
      HubStore store(db);
      store.revoke_terminal(id);
      std::cerr << "welcome-hub: terminal " << id << " revoked\n";
    } else {
      require_existing(db);
      HubStore store(db);
      store.remove_terminal(id);
      std::cerr << "welcome-hub: terminal " << id << " removed from the lists (what it sent stays)\n";
    }
  } catch (const std::invalid_argument& e) {
    throw std::runtime_error("terminal " + sub + ": " + e.what());
  }
  return kExitOk;
}

int cmd_import(const CommandLine& cl) {
  allow_only(cl, "import", {"--format", "--replace", "--dry-run", "--yes"});
  expect_args(cl, 3, "import", "import KIND FILE");
  const auto kind = wire_kind(cl.args[1]);
  if (!kind) {
    throw UsageError("import: unknown kind \"" + cl.args[1] +
                     "\" (expected courses, organisations, contact-persons or texts)");
  }
  const fs::path file = cl.args[2];
  std::optional<CatalogFormat> format;
  if (const auto f = option(cl, "--format")) {
    if (*f == "json") {
      format = CatalogFormat::json;
    } else if (*f == "csv") {
      format = CatalogFormat::csv;
    } else {
      throw UsageError("--format: expected json or csv");
    }
  } else {
    format = format_from_extension(file);
    if (!format) throw UsageError("import: cannot tell the format of " + file.string() + "; use --format json|csv");
  }

  // The whole file is read and checked before the database is opened.
  const CatalogFile catalog = read_catalog_file(file, *kind, *format);
  require_existing(database_path(cl));
  HubStore store(database_path(cl));
  const bool replace = cl.options.count("--replace") != 0;
  // First what the import would do: a dry run prints it; a --replace that would delete more
  // than a fifth of the catalog (a header-only or truncated file) stops without --yes.
  // References must name items the hub holds (an organisation imported earlier).
  std::map<std::string, std::set<std::string>, std::less<>> held_ids;
  auto held = [&](std::string_view kind) -> const std::set<std::string>& {
    auto it = held_ids.find(kind);
    if (it == held_ids.end()) {
      std::set<std::string> ids;
      for (const auto& item : store.catalog_items(kind)) ids.insert(item.id);
      it = held_ids.emplace(std::string(kind), std::move(ids)).first;
    }
    return it->second;
  };
  check_references(catalog,
                   [&](std::string_view kind, std::string_view id) { return held(kind).count(std::string(id)) != 0; });
  // A contact person's area names municipalities the region's organisations know.
  if (catalog.kind == "contact_person") {
    std::vector<nlohmann::json> organisations;
    for (auto& item : store.catalog_items("organisation")) organisations.push_back(std::move(item.data));
    check_region(catalog, region_municipalities(organisations));
  }
  const UpsertSummary plan = store.upsert_items(catalog.kind, catalog.items, replace, true);
  // ... and a --replace may not delete an item that another kind still names.
  for (const CatalogReference& ref : catalog_references()) {
    if (ref.to_kind != catalog.kind || plan.deleted_ids.empty()) continue;
    const std::set<std::string> gone(plan.deleted_ids.begin(), plan.deleted_ids.end());
    for (const auto& item : store.catalog_items(ref.from_kind)) {
      const auto field = item.data.find(std::string(ref.field));
      if (field == item.data.end() || !field->is_string() || gone.count(field->get<std::string>()) == 0) continue;
      throw std::runtime_error("import: --replace would delete " + std::string(ref.to_kind) + " \"" +
                               field->get<std::string>() + "\", which " + std::string(ref.from_kind) + " \"" + item.id +
                               "\" names; nothing stored");
    }
  }
  const std::int64_t held_count = plan.updated + plan.unchanged + plan.deleted;
  auto counts = [&](const UpsertSummary& s) {
    std::cout << cl.args[1] << ": " << s.added << " added, " << s.updated << " updated, " << s.unchanged
              << " unchanged, " << s.deleted << " deleted";
  };
  if (cl.options.count("--dry-run") != 0) {
    for (const auto& id : plan.added_ids) std::cout << "+ " << id << "\n";
    for (const auto& id : plan.updated_ids) std::cout << "~ " << id << "\n";
    for (const auto& id : plan.deleted_ids) std::cout << "- " << id << "\n";
    counts(plan);
    std::cout << " (dry run: nothing stored)\n";
    return kExitOk;
  }
  if (replace && plan.deleted * 5 > held_count && cl.options.count("--yes") == 0) {
    throw std::runtime_error("import: --replace would delete " + std::to_string(plan.deleted) + " of the " +
                             std::to_string(held_count) + " " + cl.args[1] +
                             " held (more than a fifth); nothing stored. Check the file, look with --dry-run, "
                             "or confirm with --yes");
  }
  const UpsertSummary s = store.upsert_items(catalog.kind, catalog.items, replace);
  counts(s);
  std::cout << " (catalog version " << store.catalog_version() << ")\n";
  return kExitOk;
}

// One line per live item of a kind: id, version and the item's name in German (else English,
// else the first language given), so an operator can check an import.
int cmd_catalog(const CommandLine& cl) {
  allow_only(cl, "catalog", {});
  if (cl.args.size() < 2 || cl.args[1] != "list") throw UsageError("catalog: expected catalog list KIND");
  expect_args(cl, 3, "catalog", "catalog list KIND");
  const auto kind = wire_kind(cl.args[2]);
  if (!kind) {
    throw UsageError("catalog list: unknown kind \"" + cl.args[2] +
                     "\" (expected courses, organisations, contact-persons or texts)");
  }
  const fs::path db = database_path(cl);
  require_existing(db);
  HubStore store(db);
  const auto items = store.catalog_items(*kind);
  auto name_of = [&](const nlohmann::json& data) -> std::string {
    const nlohmann::json* names = &data;
    for (const char* key : {"title", "name"}) {
      if (data.contains(key)) {
        names = &data[key];
        break;
      }
    }
    if (names->is_string()) return names->get<std::string>();
    if (!names->is_object() || names->empty()) return "";
    for (const char* lang : {"de", "en"}) {
      if (names->contains(lang) && (*names)[lang].is_string()) return (*names)[lang].get<std::string>();
    }
    return names->begin()->is_string() ? names->begin()->get<std::string>() : "";
  };
  for (const auto& item : items) {
    std::string name = name_of(item.data);
    std::replace(name.begin(), name.end(), '\n', ' ');
    std::replace(name.begin(), name.end(), '\t', ' ');
    std::cout << item.id << "\t" << item.version << "\t" << name << "\n";
  }
  std::cout << items.size() << " " << cl.args[2] << " held (catalog version " << store.catalog_version() << ")\n";
  return kExitOk;
}

// One line per live course: the seats the ledger holds against its capacity.
int cmd_courses(const CommandLine& cl) {
  allow_only(cl, "courses", {});
  if (cl.args.size() < 2 || cl.args[1] != "list") throw UsageError("courses: expected courses list");
  expect_args(cl, 2, "courses", "courses list");
  const fs::path db = database_path(cl);
  require_existing(db);
  HubStore store(db);
  std::cout << "course\tcapacity\tconfirmed\tallotted\toffered\tfree\twaiting\toffers\n";
  for (const auto& c : store.course_figures()) {
    std::cout << c.id << "\t" << c.capacity << "\t" << c.confirmed << "\t" << c.allotted << "\t" << c.offered << "\t"
              << std::max<std::int64_t>(0, c.capacity - c.confirmed - c.allotted - c.offered) << "\t" << c.waiting
              << "\t" << c.offers << "\n";
  }
  return kExitOk;
}

// One line per Kümmerer: registrations assigned against the capacity the directory gives.
int cmd_kuemmerer(const CommandLine& cl) {
  allow_only(cl, "kuemmerer", {});
  if (cl.args.size() < 2 || (cl.args[1] != "list" && cl.args[1] != "assign"))
    throw UsageError("kuemmerer: expected kuemmerer list, or kuemmerer assign REGISTRATION KUEMMERER");
  if (cl.args[1] == "assign") {
    expect_args(cl, 4, "kuemmerer", "kuemmerer assign REGISTRATION KUEMMERER");
    const fs::path db = database_path(cl);
    require_existing(db);
    HubStore store(db);
    try {
      const Reassignment r = store.reassign_kuemmerer(cl.args[2], cl.args[3]);
      std::cout << "registration " << r.registration_id << " (code " << (r.code.empty() ? "-" : r.code) << "): "
                << (r.from == r.to ? "already with " + r.to
                                   : (r.from.empty() ? std::string("none") : r.from) + " -> " + r.to +
                                         "; the terminal hears it at its next sync")
                << "\n";
    } catch (const std::invalid_argument& e) {
      throw std::runtime_error(std::string("kuemmerer assign: ") + e.what());
    }
    return kExitOk;
  }
  expect_args(cl, 2, "kuemmerer", "kuemmerer list");
  const fs::path db = database_path(cl);
  require_existing(db);
  HubStore store(db);
  std::cout << "kuemmerer\tcapacity\tassigned\tname\n";
  for (const auto& k : store.kuemmerer_loads()) {
    std::string name = k.id.empty() ? "(none chosen)" : k.name.empty() ? "(not in the directory)" : k.name;
    std::replace(name.begin(), name.end(), '\t', ' ');
    std::replace(name.begin(), name.end(), '\n', ' ');
    std::cout << (k.id.empty() ? "-" : k.id) << "\t" << k.capacity << "\t" << k.assigned << "\t" << name << "\n";
  }
  return kExitOk;
}

// Anonymous visit counts (HubStore::visit_counts) with small-cell suppression.
int cmd_counts(const CommandLine& cl) {
  allow_only(cl, "counts", {"--by", "--terminal"});
  expect_args(cl, 2, "counts", "counts visits");
  if (cl.args[1] != "visits") throw UsageError("counts: unknown data \"" + cl.args[1] + "\" (expected visits)");
  const std::string by = option(cl, "--by").value_or("day");
  if (by != "day" && by != "week") throw UsageError("counts visits: --by day or --by week");
  const std::string terminal = option(cl, "--terminal").value_or("");
  if (!terminal.empty() && !is_terminal_id(terminal))
    throw UsageError("counts visits: --terminal: expected 1..64 characters of A-Z a-z 0-9 . _ -");
  const fs::path db = database_path(cl);
  require_existing(db);
  HubStore store(db);
  auto cell = [](std::int64_t n) { return n > 0 && n < 5 ? std::string("<5") : std::to_string(n); };
  std::cout << by << "\tlanguage\tvisits\tidle_resets\n";
  for (const auto& c : store.visit_counts(by == "week", terminal))
    std::cout << c.period << '\t' << c.language << '\t' << cell(c.visits) << '\t' << cell(c.idle_resets) << '\n';
  return kExitOk;
}

// One registration by its code, for the desk: "label: value" lines, then its bookings.
int cmd_registration(const CommandLine& cl) {
  allow_only(cl, "registration", {});
  if (cl.args.size() < 2 || cl.args[1] != "show") throw UsageError("registration: expected \"registration show CODE\"");
  expect_args(cl, 3, "registration show", "registration show CODE");
  const std::string code = wk::core::normalize_registration_code(cl.args[2]);
  if (code.empty()) throw UsageError("registration show: \"" + cl.args[2] + "\" is not a registration code");
  const fs::path db = database_path(cl);
  require_existing(db);
  HubStore store(db);
  std::optional<ReceivedRegistration> found;
  store.for_each_registration([&](const ReceivedRegistration& r) {
    if (r.payload.value("code", std::string()) == code) found = r;
  });
  const wk::sync::CodeLookup lookup = store.lookup_code(code);
  if (!found && lookup.bookings.empty())
    throw std::runtime_error("registration show: the hub holds no registration or booking with code " + code +
                             " (never pushed, or deleted after its export)");
  auto line = [](const std::string& label, const nlohmann::json& value) {
    if (value.is_null() || (value.is_string() && value.get<std::string>().empty())) return;
    std::cout << label << ": " << (value.is_string() ? value.get<std::string>() : value.dump()) << '\n';
  };
  line("code", code);
  if (found) {
    const nlohmann::json& p = found->payload;
    line("received", found->received_at);
    line("terminal", found->terminal_id);
    for (const char* key : {"target_group", "given_names", "family_name", "native_name", "birth_date", "nationality",
                            "phone", "email", "residence", "preferred_language", "contact_channel", "occupation",
                            "recognition", "employer", "arrival_date"})
      line(key, p.value(key, nlohmann::json()));
    line("kuemmerer", found->kuemmerer_id.empty() ? "-" : found->kuemmerer_id + " (" + found->kuemmerer_reason + ")");
    const nlohmann::json members = p.value("family_members", nlohmann::json::array());
    for (std::size_t i = 0; i < members.size(); ++i) {
      const nlohmann::json& m = members[i];
      std::string needs;
      for (const char* need : {"needs_language_course", "needs_daycare", "needs_school"})
        if (m.value(need, false)) needs += std::string(needs.empty() ? "" : ", ") + (need + 6);
      line("member " + std::to_string(i + 1),
           m.value("relation", std::string()) + ": " + m.value("given_names", std::string()) + " " +
               m.value("family_name", std::string()) + ", " + m.value("birth_date", std::string()) +
               (needs.empty() ? "" : " (needs " + needs + ")"));
    }
  } else {
    std::cout << "registration: not held (deleted after its export, or not pushed yet)\n";
  }
  for (const auto& b : lookup.bookings) {
    std::string courses;
    for (const auto& l : b.lines)
      courses += (courses.empty() ? "" : ", ") + l.course_id + " #" + std::to_string(l.person);
    std::string state = b.state;
    if (b.state == "waiting" && b.of > 0)
      state += " (" + std::to_string(b.position) + " of " + std::to_string(b.of) + ")";
    line("booking " + b.id, state + ": " + courses);
  }
  return kExitOk;
}

// The terminals' audit entries (audit_trail.hpp), one tab-separated line each under a header.
int cmd_audit(const CommandLine& cl) {
  allow_only(cl, "audit", {"--terminal"});
  expect_args(cl, 2, "audit", "audit list");
  if (cl.args[1] != "list") throw UsageError("audit: unknown subcommand \"" + cl.args[1] + "\" (expected list)");
  const std::string terminal = option(cl, "--terminal").value_or("");
  if (!terminal.empty() && !is_terminal_id(terminal))
    throw UsageError("audit list: --terminal: expected 1..64 characters of A-Z a-z 0-9 . _ -");
  const fs::path db = database_path(cl);
  require_existing(db);
  HubStore store(db);
  std::cout << "terminal\tseq\tat\taction\tsubject\tchain\n";
  std::string last_terminal;
  std::int64_t last_seq = 0;
  std::string last_hash;
  for (const HubAuditEntry& e : store.audit_trail(terminal)) {
    if (e.terminal_id != last_terminal) {
      last_terminal = e.terminal_id;
      last_seq = 0;
      last_hash = std::string(64, '0');
    }
    const bool linked = e.record.seq == last_seq + 1 && e.record.prev_hash == last_hash;
    std::cout << e.terminal_id << '\t' << e.record.seq << '\t' << e.record.at << '\t' << e.record.action << '\t'
              << e.record.subject << '\t' << (linked ? "ok" : "gap") << '\n';
    last_seq = e.record.seq;
    last_hash = e.record.hash;
  }
  return kExitOk;
}

// The ledger's invariant, for operators and tests: silent and 0 when it holds.
int cmd_check(const CommandLine& cl) {
  allow_only(cl, "check", {});
  expect_args(cl, 1, "check", "check");
  const fs::path db = database_path(cl);
  require_existing(db);
  HubStore store(db);
  const std::vector<std::string> problems = store.check_ledger();
  for (const std::string& p : problems) std::cerr << "welcome-hub: check: " << p << "\n";
  if (!problems.empty()) return kExitFailure;
  std::cout << "booking ledger consistent: " << store.course_figures().size() << " courses\n";
  return kExitOk;
}

int cmd_export_bookings(const CommandLine& cl) {
  allow_only(cl, "export bookings", {"--format", "--output", "--course"});
  expect_args(cl, 2, "export", "export bookings");
  const auto f = option(cl, "--format");
  if (!f || (*f != "csv" && *f != "ndjson")) throw UsageError("export bookings: --format csv or --format ndjson");
  const ExportFormat format = *f == "csv" ? ExportFormat::csv : ExportFormat::ndjson;
  const std::string course = option(cl, "--course").value_or("");
  const fs::path db = database_path(cl);
  require_existing(db);
  HubStore store(db);
  if (!course.empty()) {
    const auto held = store.catalog_items("course");
    if (std::none_of(held.begin(), held.end(), [&](const auto& c) { return c.id == course; }))
      throw std::runtime_error("export bookings: no course \"" + course + "\" held by the hub");
  }
  if (const auto output = option(cl, "--output")) {
    std::int64_t count = 0;
    write_export_file(*output, [&](std::ostream& out) { count = write_participants(store, format, course, out); });
    std::cerr << "welcome-hub: exported " << count << " participant line(s) to " << *output << "\n";
  } else {
    write_participants(store, format, course, std::cout);
  }
  return kExitOk;
}

// The call-back requests per organisation, for the services that call back.
int cmd_export_callbacks(const CommandLine& cl) {
  allow_only(cl, "export callbacks", {"--format", "--output", "--organisation", "--keep-exported-days"});
  expect_args(cl, 2, "export", "export callbacks");
  const auto f = option(cl, "--format").value_or("csv");
  if (f != "csv" && f != "ndjson") throw UsageError("export callbacks: --format csv or --format ndjson");
  const CallbackFormat format = f == "csv" ? CallbackFormat::csv : CallbackFormat::ndjson;
  const std::string organisation = option(cl, "--organisation").value_or("");
  const std::chrono::seconds keep = keep_exported(cl);
  const fs::path db = database_path(cl);
  require_existing(db);
  HubStore store(db);
  if (!organisation.empty()) {
    const auto held = store.catalog_items("organisation");
    if (std::none_of(held.begin(), held.end(), [&](const auto& o) { return o.id == organisation; }))
      throw std::runtime_error("export callbacks: no organisation \"" + organisation + "\" held by the hub");
  }
  std::int64_t count = 0, last_seq = 0;
  if (const auto output = option(cl, "--output")) {
    write_export_file(*output,
                      [&](std::ostream& out) { count = store.write_callbacks(format, organisation, out, &last_seq); });
    std::cerr << "welcome-hub: exported " << count << " call-back request(s) to " << *output << "\n";
  } else {
    store.write_callbacks(format, organisation, std::cout, &last_seq);
  }
  // Marked once written (and the file in place): a request arriving meanwhile waits for the next export.
  if (last_seq > 0) store.mark_callbacks_exported(last_seq, organisation);
  const std::int64_t deleted = store.delete_exported_callbacks(keep);
  if (deleted > 0) std::cerr << "welcome-hub: deleted " << deleted << " call-back request(s) exported earlier\n";
  return kExitOk;
}

int cmd_export(const CommandLine& cl) {
  if (cl.args.size() >= 2 && cl.args[1] == "bookings") return cmd_export_bookings(cl);
  if (cl.args.size() >= 2 && cl.args[1] == "callbacks") return cmd_export_callbacks(cl);
  allow_only(cl, "export",
             {"--format", "--output", "--keep-exported-days", "--since", "--new", "--header", "--resources"});
  if (cl.args.size() < 2)
    throw UsageError("export: missing argument (export registrations, export bookings or export callbacks)");
  if (cl.args[1] != "registrations") {
    throw UsageError("export: unknown data \"" + cl.args[1] + "\" (expected registrations, bookings or callbacks)");
  }
  expect_args(cl, 2, "export", "export registrations");
  ExportFormat format = ExportFormat::json;
  if (const auto f = option(cl, "--format")) {
    if (*f == "ndjson") {
      format = ExportFormat::ndjson;
    } else if (*f == "csv") {
      format = ExportFormat::csv;
    } else if (*f != "json") {
      throw UsageError("--format: expected json, ndjson or csv");
    }
  }
  ExportSelection selection;
  if (const auto since = option(cl, "--since")) {
    if (!wk::core::from_iso8601(*since + "T00:00:00.000Z")) throw UsageError("--since: expected a day like 2026-12-01");
    selection.since = *since;
  }
  selection.new_only = cl.options.count("--new") != 0;
  if (const auto header = option(cl, "--header")) {
    if (*header != "de" && *header != "en") throw UsageError("--header: expected de or en");
    if (format != ExportFormat::csv) throw UsageError("--header: only with --format csv");
    selection.header_language = *header;
  }
  std::optional<DashboardText> words;
  if (format == ExportFormat::csv) {
    const auto resources = option(cl, "--resources");
    words.emplace(wk::core::resource_dir(resources ? std::optional<fs::path>(*resources) : std::nullopt) / "locales" /
                  "dashboard");
    selection.words = &*words;
  }
  const std::chrono::seconds keep = keep_exported(cl);
  const fs::path db = database_path(cl);
  require_existing(db);
  HubStore store(db);
  if (const auto output = option(cl, "--output")) {
    const std::int64_t count = export_registrations_to_file(store, format, *output, selection);
    std::cerr << "welcome-hub: exported " << count << " registration(s) to " << *output << "\n";
  } else {
    std::vector<std::int64_t> written;
    write_registrations(store, format, std::cout, nullptr, selection, &written);
    store.mark_registrations_exported(written);
  }
  const std::int64_t deleted = store.delete_exported_registrations(keep);
  if (deleted > 0) std::cerr << "welcome-hub: deleted " << deleted << " registration(s) exported earlier\n";
  return kExitOk;
}

void print_summary(const BackupSummary& s) {
  std::cout << "instance " << s.instance_id << ", schema version " << s.schema_version << ", " << s.terminals
            << " terminal(s), " << s.registrations << " registration(s), " << s.catalog_items << " catalog item(s), "
            << s.bytes << " bytes\n";
}

// backup FILE: a consistent copy while the hub serves (hub_backup.hpp).
int cmd_backup(const CommandLine& cl) {
  allow_only(cl, "backup", {});
  expect_args(cl, 2, "backup", "backup FILE");
  const fs::path db = database_path(cl);
  require_existing(db);
  const BackupSummary s = backup_hub(db, cl.args[1]);
  std::cerr << "welcome-hub: backed up " << db.string() << " to " << cl.args[1] << "\n";
  print_summary(s);
  return kExitOk;
}

// restore FILE: the backup, checked, to a --db where no database is.
int cmd_restore(const CommandLine& cl) {
  allow_only(cl, "restore", {});
  expect_args(cl, 2, "restore", "restore FILE");
  const fs::path db = database_path(cl);
  const BackupSummary s = restore_hub(cl.args[1], db);
  std::cerr << "welcome-hub: restored " << cl.args[1] << " to " << db.string()
            << " with a new instance id: terminals pull their catalogs afresh at their next sync\n";
  print_summary(s);
  return kExitOk;
}

// The one command that creates a database: a new file with the current schema, mode 0600 in
// a directory it creates 0700 if needed. An existing hub database is left as it is (brought up
// to date like at every open); anything else at the path is refused.
int cmd_init(const CommandLine& cl) {
  allow_only(cl, "init", {});
  expect_args(cl, 1, "init", "init");
  const fs::path db = database_path(cl);
  std::error_code ec;
  const bool existed = fs::exists(db, ec);
  if (!existed && db.has_parent_path() && !fs::exists(db.parent_path(), ec)) {
    fs::create_directories(db.parent_path());
    fs::permissions(db.parent_path(), fs::perms::owner_all);
  }
  HubStore store(db);
  std::cerr << "welcome-hub: " << (existed ? "already a hub database: " : "created the hub database ") << db.string()
            << "\n";
  return kExitOk;
}

int dispatch(const CommandLine& cl) {
  if (cl.options.count("--help") != 0) {
    std::cout << kUsage;
    return kExitOk;
  }
  if (cl.options.count("--version") != 0) {
    std::cout << "welcome-hub " << WK_VERSION << " (sync protocol " << wk::sync::kProtocolVersion << ")\n";
    return kExitOk;
  }
  if (cl.args.empty())
    throw UsageError("missing command (init, serve, terminal, import, catalog, courses, check or export)");
  const std::string& command = cl.args[0];
  if (command != "serve") wk::core::log::set_level(wk::core::log::Level::warn);
  if (command == "init") return cmd_init(cl);
  if (command == "backup") return cmd_backup(cl);
  if (command == "restore") return cmd_restore(cl);
  if (command == "serve") return cmd_serve(cl);
  if (command == "terminal") return cmd_terminal(cl);
  if (command == "operator") return cmd_operator(cl);
  if (command == "import") return cmd_import(cl);
  if (command == "catalog") return cmd_catalog(cl);
  if (command == "courses") return cmd_courses(cl);
  if (command == "kuemmerer") return cmd_kuemmerer(cl);
  if (command == "check") return cmd_check(cl);
  if (command == "audit") return cmd_audit(cl);
  if (command == "registration") return cmd_registration(cl);
  if (command == "counts") return cmd_counts(cl);
  if (command == "export") return cmd_export(cl);
  throw UsageError("unknown command \"" + command +
                   "\" (expected init, serve, terminal, import, catalog, courses or export)");
}

}  // namespace

int run_cli(int argc, char** argv) {
  try {
    return dispatch(parse(argc, argv));
  } catch (const UsageError& e) {
    std::cerr << "welcome-hub: " << e.what() << "\nTry 'welcome-hub --help'.\n";
    return kExitUsage;
  } catch (const std::exception& e) {
    std::cerr << "welcome-hub: " << e.what() << "\n";
    return kExitFailure;
  }
}

}  // namespace wk::hub
