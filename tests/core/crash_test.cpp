// Crash test for commit_registration: a child process commits registrations (3 family
// members each) in a tight loop on a database file and is killed with SIGKILL after a random
// 0..30 ms — counted from the moment its store is open, so that the kill lands among the
// commits (in the middle of one, during its fsync, during a WAL checkpoint); in every fifth
// round counted from the fork instead, so that it also lands while the store is being opened,
// recovered and (in round 0) migrated. After each kill the parent opens the file as the kiosk would after a
// crash and checks that it is intact and holds only whole registrations: each with exactly
// its 3 family members, its 1 consent and its 1 outbox entry; no family member, consent or
// outbox entry without its registration; and every commit the child saw succeed is there.
// Many rounds on the same, growing file.
//
// A SIGKILL is a process crash: what reached the kernel survives it, so this proves
// atomicity (the WAL commit protocol), not durability across a power cut — that rests on
// synchronous=FULL making each commit fsync the WAL before it returns.
//
// Its own program (crash_tests) because it forks: the child must not share a process with
// other tests' threads or open connections.
#include "kiosk/core/log.hpp"
#include "kiosk/core/registration.hpp"
#include "kiosk/core/store.hpp"

#include "registration_samples.hpp"
#include "tests/support/temp_dir.hpp"

#include "tests/support/scalar.hpp"

#include <catch2/catch.hpp>

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <random>
#include <string>
#include <thread>

using namespace wk::core;
namespace fs = std::filesystem;

namespace {

constexpr int kRounds = 100;
constexpr int kMaxDelayUs = 30000;
constexpr int kFamily = 3;
constexpr int kChildFailed = 3;
constexpr char kOpened = 'O';     // reported once the child's store is open
constexpr char kCommitted = 'C';  // reported after each commit_registration that returned

void report(int fd, char what) {
  while (::write(fd, &what, 1) < 0 && errno == EINTR) {}
}

// The child: open the store and commit until killed, reporting on `report_fd`. Never
// returns; exits with kChildFailed if anything throws.
[[noreturn]] void commit_until_killed(const fs::path& file, int report_fd) {
  try {
    Store store = Store::open(file);
    const Registration reg = test::sample_registration(kFamily);
    const Consent consent = test::sample_consent();
    report(report_fd, kOpened);
    for (;;) {
      commit_registration(store, reg, consent, "wk-crash-test");
      report(report_fd, kCommitted);
    }
  } catch (...) {
    ::_exit(kChildFailed);
  }
}

// Waits until the child reports its store open (true) or its end of the pipe closes (false).
bool wait_until_opened(int fd) {
  char c = 0;
  for (;;) {
    const ssize_t n = ::read(fd, &c, 1);
    if (n == 1) return c == kOpened;
    if (n == 0 || errno != EINTR) return false;
  }
}

// Waits until the child reports its first commit (true), or its end of the pipe closes (false).
bool wait_until_committed(int fd) {
  char c = 0;
  for (;;) {
    const ssize_t n = ::read(fd, &c, 1);
    if (n == 1) return c == kCommitted;
    if (n == 0 || errno != EINTR) return false;
  }
}

// Reads until EOF (the killed child's end of the pipe is closed) and counts the commits
// reported.
std::int64_t drain_commits(int fd) {
  std::int64_t total = 0;
  char buf[4096];
  for (;;) {
    const ssize_t n = ::read(fd, buf, sizeof buf);
    if (n > 0) {
      for (ssize_t i = 0; i < n; ++i) total += buf[i] == kCommitted ? 1 : 0;
    } else if (n == 0 || errno != EINTR) {
      return total;
    }
  }
}

using wk::test::scalar;

// Checks that the file is intact and holds only whole registrations; returns their number.
std::int64_t check_whole_registrations(const fs::path& file) {
  Store store = Store::open(file);  // as the kiosk after a crash: verify, recover the WAL, migrate
  Database& db = store.db();
  CHECK(store.pragma_text("integrity_check") == "ok");
  {
    Statement st = db.prepare("PRAGMA foreign_key_check");
    CHECK_FALSE(st.step());
  }

  const std::int64_t registrations = registration_count(db);
  // Every registration has exactly its family members (positions 0..2), one consent and one
  // outbox entry whose payload is the whole registration.
  CHECK(scalar(db,
               "SELECT count(*) FROM registrations r"
               " WHERE (SELECT count(*) FROM family_members f WHERE f.registration_id = r.id) <> 3"
               "    OR (SELECT count(*) FROM consents c WHERE c.registration_id = r.id) <> 1") == 0);
  CHECK(scalar(db, "SELECT count(*) FROM family_members WHERE position NOT IN (0, 1, 2)") == 0);
  CHECK(scalar(db,
               "SELECT count(*) FROM registrations r LEFT JOIN"
               " (SELECT entity_id, count(*) AS n FROM outbox WHERE entity = 'registration' GROUP BY entity_id) o"
               " ON o.entity_id = r.id WHERE o.n IS NOT 1") == 0);
  CHECK(scalar(db,
               "SELECT count(*) FROM outbox WHERE entity <> 'registration' OR op <> 'insert'"
               " OR json_extract(payload, '$.id') IS NOT entity_id"
               " OR json_array_length(payload, '$.family_members') IS NOT 3"
               " OR json_type(payload, '$.consent') IS NOT 'object'") == 0);
  // Nothing without its registration.
  CHECK(scalar(db,
               "SELECT count(*) FROM family_members f"
               " WHERE NOT EXISTS (SELECT 1 FROM registrations r WHERE r.id = f.registration_id)") == 0);
  CHECK(scalar(db,
               "SELECT count(*) FROM consents c"
               " WHERE NOT EXISTS (SELECT 1 FROM registrations r WHERE r.id = c.registration_id)") == 0);
  CHECK(scalar(db,
               "SELECT count(*) FROM outbox o"
               " WHERE NOT EXISTS (SELECT 1 FROM registrations r WHERE r.id = o.entity_id)") == 0);
  // And so the totals add up.
  CHECK(scalar(db, "SELECT count(*) FROM family_members") == kFamily * registrations);
  CHECK(scalar(db, "SELECT count(*) FROM consents") == registrations);
  CHECK(scalar(db, "SELECT count(*) FROM outbox") == registrations);

  // The newest registration reads back whole, field by field.
  if (registrations > 0) {
    Statement st = db.prepare("SELECT id FROM registrations ORDER BY id DESC LIMIT 1");
    REQUIRE(st.step());
    const auto newest = load_registration(db, st.column_text(0));
    REQUIRE(newest);
    CHECK(newest->registration == test::sample_registration(kFamily));
    CHECK(newest->consent.purposes == test::sample_consent().purposes);
  }
  return registrations;
}

unsigned seed_from_environment() {
  const char* text = std::getenv("WK_CRASH_SEED");
  return text ? static_cast<unsigned>(std::strtoul(text, nullptr, 10)) : 20261125u;
}

}  // namespace

TEST_CASE("a writer killed at random moments leaves whole registrations or none", "[crash][registration]") {
  test::TempDir dir;
  const fs::path file = dir / "kiosk.db";
  const unsigned seed = seed_from_environment();
  INFO("seed " << seed << " (set WK_CRASH_SEED to vary)");
  std::mt19937 rng(seed);
  std::uniform_int_distribution<int> delay_us(0, kMaxDelayUs);

  const auto saved_level = log::level();
  log::set_level(log::Level::warn);  // no "opened ..." line per child

  std::int64_t stored = 0;  // registrations in the file after the previous round
  std::int64_t reported_total = 0;
  int rounds_with_commits = 0;
  int kills_during_commit = 0;
  for (int round = 0; round < kRounds; ++round) {
    INFO("round " << round);
    int fds[2];
    REQUIRE(::pipe2(fds, O_CLOEXEC) == 0);
    const int delay = delay_us(rng);
    const pid_t pid = ::fork();
    REQUIRE(pid >= 0);
    if (pid == 0) {
      ::close(fds[0]);
      commit_until_killed(file, fds[1]);
    }
    ::close(fds[1]);
    // Most rounds count the delay from the open store, every fifth from the fork; every tenth
    // from the first commit, so that however slow the machine (sanitizers, a loaded CI), at
    // least those rounds kill a writer that commits.
    const bool from_fork = round % 5 == 0;
    const bool from_commit = round % 10 == 3;
    bool first_commit_seen = false;
    if (!from_fork) wait_until_opened(fds[0]);
    if (from_commit) first_commit_seen = wait_until_committed(fds[0]);
    std::this_thread::sleep_for(std::chrono::microseconds(delay));
    REQUIRE(::kill(pid, SIGKILL) == 0);
    int status = 0;
    REQUIRE(::waitpid(pid, &status, 0) == pid);
    const std::int64_t reported = drain_commits(fds[0]) + (first_commit_seen ? 1 : 0);
    ::close(fds[0]);
    INFO("delay " << delay << " us from " << (from_fork ? "fork" : from_commit ? "first commit" : "open")
                  << ", child reported " << reported
                  << " commits");
    REQUIRE(WIFSIGNALED(status));  // it did not fail (exit code 3) on its own
    REQUIRE(WTERMSIG(status) == SIGKILL);

    const std::int64_t now = check_whole_registrations(file);
    // Every commit that returned in the child is stored; at most one more (committed, killed
    // before it could report) may be.
    CHECK(now >= stored + reported);
    CHECK(now <= stored + reported + 1);
    if (now > stored) ++rounds_with_commits;
    if (now == stored + reported + 1) ++kills_during_commit;
    reported_total += reported;
    stored = now;
  }
  log::set_level(saved_level);

  WARN("crash test: " << kRounds << " kills, " << stored << " registrations stored (" << reported_total
                      << " reported by the children), " << rounds_with_commits << " rounds with commits, "
                      << kills_during_commit << " kills between a commit's write and its return (its fsync)");
  CHECK(stored > 0);
  CHECK(rounds_with_commits >= 10);  // at least the rounds timed from a first commit, however slow
}
