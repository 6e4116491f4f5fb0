// bench_abuse: honest terminals syncing against the real welcome-hub (its own process, its
// default limits) — first alone, then while 64 slow clients, header floods, oversized bodies
// and token guessing go on. Goals: the honest sync latency within 2x of the run without abuse,
// the hub's peak memory under 64 MiB above its idle size.
//
// Honest terminals speak from 127.0.0.1; the attackers from 127.0.0.2..127.0.0.12 (all
// loopback), as they would from other addresses than a Welcome Center's terminals.
//
// Prints: per phase the syncs (push of a registration + catalog pull), p50 / p99 / max ms and
// errors; the hub's resident memory idle and at its peak; what the attackers got; and the
// hub's own count of refusals by cause (its closing log line). Nothing is asserted.
//
// Usage: bench_abuse [--seconds S] [--terminals N]
#include "../hub/hub_test_support.hpp"
#include "../hub/raw_tls_client.hpp"
#include "../support/paths.hpp"
#include "../support/test_pki.hpp"
#include "bench_common.hpp"

#include "kiosk/core/log.hpp"
#include "sync/hub/hub_store.hpp"

#include <httplib.h>
#include <spawn.h>
#include <sys/wait.h>

#include <fstream>
#include <mutex>
#include <random>
#include <regex>

extern char** environ;

namespace bench = wk::bench;
using Clock = std::chrono::steady_clock;
using namespace std::chrono_literals;
using wk::hub::test::RawTls;

namespace {

constexpr const char* kProg = "bench_abuse";

// kB of a /proc/PID/status field (VmRSS, VmHWM); -1 if unreadable.
long status_kb(pid_t pid, const std::string& field) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/status");
  std::string line;
  while (std::getline(in, line))
    if (line.rfind(field + ":", 0) == 0) return std::stol(line.substr(field.size() + 1));
  return -1;
}

std::string mib(long kb) {
  return bench::fixed(static_cast<double>(kb) / 1024.0, 1) + " MiB";
}

struct Tally {
  std::mutex mutex;
  std::map<std::string, long> counts;
  void add(const std::string& what, long n = 1) {
    std::lock_guard lock(mutex);
    counts[what] += n;
  }
};

// [SECTION] Honest terminals

struct Honest {
  std::vector<double> ms;
  int errors = 0;
};

// Syncs of `n` terminals, one every 200 ms each, for `seconds`: push one registration, then
// pull the catalog from the terminal's cursor (one kept-alive connection per terminal).
Honest run_terminals(int port, const std::filesystem::path& ca, const std::vector<std::string>& tokens,
                     std::vector<std::int64_t>& seqs, std::chrono::seconds seconds) {
  std::vector<Honest> results(tokens.size());
  std::vector<std::thread> threads;
  const auto end = Clock::now() + seconds;
  for (std::size_t t = 0; t < tokens.size(); ++t) {
    threads.emplace_back([&, t] {
      const std::string id = "term-" + std::to_string(t + 1);
      httplib::SSLClient cli("127.0.0.1", port);
      cli.set_ca_cert_path(ca.c_str());
      cli.enable_server_certificate_verification(true);
      cli.set_keep_alive(true);
      cli.set_read_timeout(30);
      const httplib::Headers headers{{"Wk-Protocol", "1"}, {"Authorization", "Bearer " + tokens[t]}};
      std::string cursor;
      while (Clock::now() < end) {
        const auto t0 = Clock::now();
        const wk::sync::PushRequest push{id, {wk::hub::test::registration_change(++seqs[t], id)}};
        auto pushed = cli.Post("/v1/push", headers, wk::sync::to_json(push), "application/json");
        if (!pushed || pushed->status != 200) {
          ++results[t].errors;
          std::this_thread::sleep_for(200ms);
          continue;
        }
        auto pulled = cli.Get("/v1/catalog?limit=500" + (cursor.empty() ? "" : "&since=" + cursor), headers);
        if (!pulled || pulled->status != 200) {
          ++results[t].errors;
        } else {
          results[t].ms.push_back(std::chrono::duration<double, std::milli>(Clock::now() - t0).count());
          cursor = wk::sync::parse_catalog_response(pulled->body).cursor;
        }
        std::this_thread::sleep_for(200ms);
      }
    });
  }
  for (auto& th : threads) th.join();
  Honest all;
  for (const Honest& r : results) {
    all.ms.insert(all.ms.end(), r.ms.begin(), r.ms.end());
    all.errors += r.errors;
  }
  return all;
}

void print_phase(const char* name, const Honest& h) {
  std::printf("  %-22s %5zu syncs   p50 %7s ms   p99 %7s ms   max %7s ms   errors %d\n", name, h.ms.size(),
              bench::fixed(bench::percentile(h.ms, 50), 1).c_str(),
              bench::fixed(bench::percentile(h.ms, 99), 1).c_str(), bench::fixed(bench::max_of(h.ms), 1).c_str(),
              h.errors);
}

// [SECTION] Attackers

std::string address(int n) {
  return "127.0.0." + std::to_string(n);
}

// A client that opens a connection and then sends nothing, or a head a byte a second.
void slow_client(int port, int index, const std::atomic<bool>& stop, Tally& tally) {
  const std::string from = address(2 + index % 8);
  const bool silent = index % 2 == 0;
  while (!stop) {
    if (silent) {
      const int fd = wk::hub::test::connect_loopback(port, from.c_str());
      if (fd < 0) {
        tally.add("slow: connect failed");
        std::this_thread::sleep_for(200ms);
        continue;
      }
      tally.add("slow: connections");
      while (!stop && !wk::hub::test::closed_within(fd, 200ms)) {}
      if (!stop) tally.add("slow: closed by the hub");
      ::close(fd);
      continue;
    }
    RawTls::Options o;
    o.from = from.c_str();
    RawTls c(port, o);
    if (!c.connected()) {
      tally.add("slow: handshake refused");
      std::this_thread::sleep_for(200ms);
      continue;
    }
    tally.add("slow: connections");
    const std::string head = "GET /v1/health HTTP/1.1\r\nHost: localhost\r\nX-Slow: ";
    bool open = true;
    for (std::size_t i = 0; open && !stop; ++i) {
      open = c.send(std::string(1, i < head.size() ? head[i] : 'z'));
      for (int w = 0; w < 5 && !stop; ++w) std::this_thread::sleep_for(200ms);
    }
    if (!stop) tally.add("slow: closed by the hub");
  }
}

// Request heads of up to 400,000 header fields.
void header_flood(int port, const std::atomic<bool>& stop, Tally& tally) {
  std::string many;
  for (int i = 0; i < 1000; ++i) many += "X-Flood: yyyyyyyy\r\n";
  while (!stop) {
    RawTls::Options o;
    o.from = "127.0.0.10";
    RawTls c(port, o);
    if (!c.connected()) {
      tally.add("flood: handshake refused");
      std::this_thread::sleep_for(100ms);
      continue;
    }
    c.send("GET /v1/health HTTP/1.1\r\n");
    bool open = true;
    for (int round = 0; round < 400 && open && !stop; ++round) open = c.send(many);
    const int status = wk::hub::test::status_of(c.receive(2000ms));
    tally.add("flood: answered " + std::to_string(status));
  }
}

// Push heads with a wrong token and a 16 MiB body behind them; every other one declares a
// petabyte instead.
void oversized_bodies(int port, const std::atomic<bool>& stop, Tally& tally) {
  const std::string chunk(64 * 1024, 'x');
  for (int n = 0; !stop; ++n) {
    RawTls::Options o;
    o.from = "127.0.0.11";
    RawTls c(port, o);
    if (!c.connected()) {
      tally.add("bodies: handshake refused");
      std::this_thread::sleep_for(100ms);
      continue;
    }
    const bool absurd = n % 2 == 1;
    const std::uint64_t length = absurd ? 1000000000000000ULL : 16ULL * 1024 * 1024;
    c.send("POST /v1/push HTTP/1.1\r\nHost: localhost\r\nWk-Protocol: 1\r\nAuthorization: Bearer " +
           std::string(43, 'A') + "\r\nContent-Type: application/json\r\nContent-Length: " + std::to_string(length) +
           "\r\n\r\n");
    bool open = true;
    for (int i = 0; i < 256 && open && !stop && !absurd; ++i) open = c.send(chunk);
    const int status = wk::hub::test::status_of(c.receive(2000ms));
    tally.add(std::string(absurd ? "bodies: a petabyte declared, answered " : "bodies: 16 MiB, answered ") +
              std::to_string(status));
  }
}

// Catalog requests with random tokens, on a kept-alive connection.
void token_guessing(int port, int index, const std::atomic<bool>& stop, Tally& tally) {
  std::mt19937_64 rng(static_cast<unsigned long>(index) * 7919u + 1u);
  const std::string from = address(12 + index);
  while (!stop) {
    RawTls::Options o;
    o.from = from.c_str();
    RawTls c(port, o);
    if (!c.connected()) {
      std::this_thread::sleep_for(100ms);
      continue;
    }
    while (!stop) {
      char token[44];
      for (int i = 0; i < 43; ++i)
        token[i] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"[rng() % 64];
      token[43] = 0;
      if (!c.send(
              std::string("GET /v1/catalog HTTP/1.1\r\nHost: localhost\r\nWk-Protocol: 1\r\nAuthorization: Bearer ") +
              token + "\r\n\r\n"))
        break;
      const std::string answer = c.receive(1500ms, "\"protocol\":1}");  // the error body's end
      if (answer.empty()) {
        tally.add("guessing: held back (no answer within 1.5 s)");
        break;  // held back: give up this connection as an impatient guesser would
      }
      tally.add("guessing: answered " + std::to_string(wk::hub::test::status_of(answer)));
      if (c.closed()) break;
    }
  }
}

}  // namespace

int main(int argc, char** argv) {
  int seconds = 15, terminals = 8;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (a == "--seconds" && i + 1 < argc) {
      seconds = bench::positive_int(kProg, a, argv[++i]);
    } else if (a == "--terminals" && i + 1 < argc) {
      terminals = bench::positive_int(kProg, a, argv[++i]);
    } else {
      std::cerr << "Usage: " << kProg << " [--seconds S] [--terminals N]\n";
      return 2;
    }
  }
  std::signal(SIGPIPE, SIG_IGN);
  wk::core::log::set_level(wk::core::log::Level::error);
  std::printf(
      "== bench_abuse: %d honest terminals, %d s alone, then %d s with 64 slow clients, header floods,\n"
      "   oversized bodies and token guessing; welcome-hub with its default limits, on loopback ==\n",
      terminals, seconds, seconds);

  bench::TempDir dir;
  wk::test::TestPki pki(dir.path() / "pki");
  const auto leaf = pki.issue("hub", {"localhost"}, {"127.0.0.1"});
  std::vector<std::string> tokens;
  {
    wk::hub::HubStore store(dir.path() / "hub.db");
    for (int t = 1; t <= terminals; ++t) tokens.push_back(store.add_terminal("term-" + std::to_string(t)));
  }

  // The hub, as operators run it.
  int out[2];
  if (::pipe(out) != 0) return 1;
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, out[1], 1);
  posix_spawn_file_actions_addopen(&actions, 2, (dir.path() / "hub.log").c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
  posix_spawn_file_actions_addclose(&actions, out[0]);
  const std::string hub = wk::test::hub_program().string(), db = (dir.path() / "hub.db").string();
  std::vector<std::string> args = {hub,
                                   "--db",
                                   db,
                                   "serve",
                                   "--cert",
                                   leaf.cert_file.string(),
                                   "--key",
                                   leaf.key_file.string(),
                                   "--listen",
                                   "127.0.0.1:0",
                                   "--no-dashboard"};
  std::vector<char*> argv_hub;
  for (auto& s : args) argv_hub.push_back(s.data());
  argv_hub.push_back(nullptr);
  pid_t pid = 0;
  if (posix_spawn(&pid, hub.c_str(), &actions, nullptr, argv_hub.data(), environ) != 0) {
    std::cerr << kProg << ": cannot start " << hub << "\n";
    return 1;
  }
  ::close(out[1]);
  std::string ready;
  char ch;
  while (ready.find('\n') == std::string::npos && ::read(out[0], &ch, 1) == 1) ready += ch;
  std::smatch m;
  if (!std::regex_search(ready, m, std::regex(R"(listening on https://127\.0\.0\.1:(\d+))"))) {
    std::cerr << kProg << ": the hub did not start: " << ready << "\n";
    ::kill(pid, SIGTERM);
    return 1;
  }
  const int port = std::stoi(m[1].str());
  std::this_thread::sleep_for(300ms);
  const long idle_kb = status_kb(pid, "VmRSS");

  std::vector<std::int64_t> seqs(tokens.size(), 0);
  const Honest alone = run_terminals(port, pki.ca_file(), tokens, seqs, std::chrono::seconds(seconds));
  const long peak_alone_kb = status_kb(pid, "VmHWM");

  std::atomic<bool> stop{false};
  Tally tally;
  std::vector<std::thread> attackers;
  for (int i = 0; i < 64; ++i) attackers.emplace_back([&, i] { slow_client(port, i, stop, tally); });
  for (int i = 0; i < 2; ++i) attackers.emplace_back([&] { header_flood(port, stop, tally); });
  for (int i = 0; i < 2; ++i) attackers.emplace_back([&] { oversized_bodies(port, stop, tally); });
  for (int i = 0; i < 4; ++i) attackers.emplace_back([&, i] { token_guessing(port, i, stop, tally); });
  std::this_thread::sleep_for(1s);
  const Honest abused = run_terminals(port, pki.ca_file(), tokens, seqs, std::chrono::seconds(seconds));
  const long peak_kb = status_kb(pid, "VmHWM");
  stop = true;
  for (auto& th : attackers) th.join();

  ::kill(pid, SIGTERM);
  int status = 0;
  ::waitpid(pid, &status, 0);
  std::string closing;
  {
    std::ifstream log(dir.path() / "hub.log");
    std::string line;
    while (std::getline(log, line))
      if (line.find("stopped after") != std::string::npos) closing = line.substr(line.find("stopped after"));
  }

  std::printf("  honest sync latency (push of a registration + catalog pull, 127.0.0.1):\n");
  print_phase("without abuse", alone);
  print_phase("under abuse", abused);
  const double ratio50 = bench::percentile(abused.ms, 50) / bench::percentile(alone.ms, 50);
  const double ratio99 = bench::percentile(abused.ms, 99) / bench::percentile(alone.ms, 99);
  std::printf("  under abuse / without: p50 %sx, p99 %sx (goal: within 2x)\n", bench::fixed(ratio50, 2).c_str(),
              bench::fixed(ratio99, 2).c_str());
  std::printf(
      "  hub memory (RSS): idle %s, peak without abuse %s, peak under abuse %s: %s above idle (goal: < 64 MiB)\n",
      mib(idle_kb).c_str(), mib(peak_alone_kb).c_str(), mib(peak_kb).c_str(), mib(peak_kb - idle_kb).c_str());
  std::printf("  what the attackers got:\n");
  for (const auto& [what, n] : tally.counts) std::printf("    %-52s %8ld\n", what.c_str(), n);
  std::printf("  the hub's count: %s\n", closing.empty() ? "(no closing line)" : closing.c_str());
  return WIFEXITED(status) && WEXITSTATUS(status) == 0 ? 0 : 1;
}
