// bench_registration_commit: how long a durable commit of one registration
// with its family takes (registration + 3 family members + consent + outbox
// entry in one transaction, WAL + synchronous=FULL, on the data directory's
// file system). Prints median, p99 and max over N commits; asserts nothing.
//
// Usage: bench_registration_commit [--commits N] [--dir DIR]
//   DIR defaults to a fresh directory under $TMPDIR (or /tmp); point it at
//   the kiosk's real data directory's file system to measure that disk.
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <string>
#include <vector>

#include "../core/registration_samples.hpp"
#include "bench_common.hpp"
#include "kiosk/core/log.hpp"
#include "kiosk/core/registration.hpp"
#include "kiosk/core/store.hpp"

namespace {

using namespace wk::bench;
using Clock = std::chrono::steady_clock;
constexpr const char* kProg = "bench_registration_commit";

int run(int argc, char** argv) {
  int commits = 300;
  std::filesystem::path dir;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (a == "--commits" && i + 1 < argc) {
      commits = positive_int(kProg, a, argv[++i]);
    } else if (a == "--dir" && i + 1 < argc) {
      dir = argv[++i];
    } else {
      std::cerr << "Usage: " << kProg << " [--commits N] [--dir DIR]\n";
      return 2;
    }
  }
  const bool own_dir = dir.empty();
  if (own_dir) {
    const char* tmp = std::getenv("TMPDIR");
    dir = std::filesystem::path(tmp && *tmp ? tmp : "/tmp") / ("wk-bench-commit-" + std::to_string(getpid()));
  }
  std::filesystem::create_directories(dir);
  const auto file = dir / "bench-registrations.db";
  std::filesystem::remove(file);

  std::vector<double> ms;
  {
    auto store = wk::core::Store::open(file);
    const auto reg = wk::core::test::sample_registration(3);
    const auto consent = wk::core::test::sample_consent();
    for (int i = 0; i < commits; ++i) {
      const auto t0 = Clock::now();
      wk::core::commit_registration(store, reg, consent, "bench-terminal");
      ms.push_back(std::chrono::duration<double, std::milli>(Clock::now() - t0).count());
    }
  }
  const auto size_kb = std::filesystem::file_size(file) / 1024;
  for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(file.string() + suffix);
  if (own_dir) std::filesystem::remove_all(dir);

  std::cout << "== " << kProg << ": durable commit of a registration with 3 family members ==\n"
            << "  " << commits << " commits, WAL + synchronous=FULL, database grew to " << size_kb << " KiB\n\n"
            << "  metric          ms\n"
            << "  ------------------\n"
            << "  median   " << fixed(median(ms), 2) << "\n"
            << "  p99      " << fixed(percentile(ms, 99), 2) << "\n"
            << "  max      " << fixed(max_of(ms), 2) << "\n"
            << "  min      " << fixed(min_of(ms), 2) << "\n";
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  wk::core::log::set_level(wk::core::log::Level::warn);  // one info line per commit would drown the figures
  try {
    return run(argc, argv);
  } catch (const std::exception& e) {
    std::cerr << kProg << ": " << e.what() << "\n";
    return 1;
  }
}
