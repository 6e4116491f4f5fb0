// bench_startup: start-up time to the first presented frame and peak memory.
//
// Runs the kiosk N times (fork + execv) as
//   welcome-kiosk --windowed 1280x800 --exit-after-frames 1 --data-dir <fresh temp dir>
// with the default configuration (all 12 languages, all fonts). For each run it
// reads the kiosk's own "first frame after N ms" log line from its stderr
// (measured inside the process from the start of main to the first swap),
// measures fork -> exit wall time itself, and takes the peak resident set
// (ru_maxrss) from wait4(). Prints every run and a summary with the targets.
//
// Never asserts timings: exit status 0 unless a run could not be measured.
//
// Usage: bench_startup [KIOSK_BINARY] [--runs N]
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <iostream>
#include <optional>
#include <regex>
#include <string>
#include <utility>
#include <vector>

#include "bench_common.hpp"
#include "tests/support/paths.hpp"

namespace {

using namespace wk::bench;
using Clock = std::chrono::steady_clock;

constexpr const char* kProg = "bench_startup";
constexpr double kTargetFirstFrameMs = 150;  // issue 26
constexpr double kTargetPeakMb = 150;
constexpr int kRunTimeoutS = 60;

struct Run {
  std::optional<double> first_frame_ms;  // from the kiosk's log line
  double wall_ms = 0;                    // fork -> reaped
  double peak_rss_mb = 0;                // ru_maxrss (KiB) / 1024
  int status = 0;                        // as from wait4
  bool timed_out = false;
  std::string stderr_text;
};

std::optional<double> parse_first_frame(const std::string& log) {
  static const std::regex re(R"(first frame after ([0-9]+(?:\.[0-9]+)?) ms)");
  std::smatch m;
  if (!std::regex_search(log, m, re)) return std::nullopt;
  return std::stod(m[1].str());
}

std::string describe_status(const Run& r) {
  if (r.timed_out) return "killed after " + std::to_string(kRunTimeoutS) + " s";
  if (WIFEXITED(r.status)) return "exit code " + std::to_string(WEXITSTATUS(r.status));
  if (WIFSIGNALED(r.status)) return std::string("killed by signal ") + strsignal(WTERMSIG(r.status));
  return "status " + std::to_string(r.status);
}

Run run_once(const std::string& kiosk, int frames) {
  TempDir data("wk-bench-startup-");
  std::vector<std::string> args = {
      kiosk,        "--windowed",        "1280x800", "--exit-after-frames", std::to_string(frames),
      "--data-dir", data.path().string()};
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);

  int fds[2];
  if (pipe2(fds, O_CLOEXEC) != 0) throw std::system_error(errno, std::generic_category(), "pipe");

  Run r;
  const auto t0 = Clock::now();
  const pid_t pid = fork();
  if (pid < 0) throw std::system_error(errno, std::generic_category(), "fork");
  if (pid == 0) {  // child: only async-signal-safe calls until execv
    dup2(fds[1], STDERR_FILENO);
    const int devnull = open("/dev/null", O_RDWR);
    if (devnull >= 0) {
      dup2(devnull, STDIN_FILENO);
      dup2(devnull, STDOUT_FILENO);
    }
    execv(argv[0], argv.data());
    const char msg[] = "bench_startup: execv failed\n";
    [[maybe_unused]] auto n = write(STDERR_FILENO, msg, sizeof msg - 1);
    _exit(127);
  }
  set_child(pid);
  close(fds[1]);

  // Drain stderr until the kiosk closes it (at exit), with a deadline.
  const auto deadline = t0 + std::chrono::seconds(kRunTimeoutS);
  char buf[4096];
  while (!stop_requested()) {  // on a stop the handler has SIGKILLed the kiosk
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
    if (left <= 0) {
      kill(pid, SIGKILL);
      r.timed_out = true;
      break;
    }
    pollfd p{fds[0], POLLIN, 0};
    const int pr = poll(&p, 1, static_cast<int>(left));
    if (pr < 0 && errno == EINTR) continue;
    if (pr <= 0) continue;
    const ssize_t n = read(fds[0], buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    r.stderr_text.append(buf, static_cast<size_t>(n));
  }
  close(fds[0]);

  rusage ru{};
  while (wait4(pid, &r.status, 0, &ru) < 0) {
    if (errno != EINTR) throw std::system_error(errno, std::generic_category(), "wait4");
  }
  set_child(0);
  r.wall_ms = std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
  r.peak_rss_mb = static_cast<double>(ru.ru_maxrss) / 1024.0;  // Linux: KiB
  r.first_frame_ms = parse_first_frame(r.stderr_text);
  return r;
}

void usage(std::ostream& out) {
  out << "Usage: " << kProg << " [KIOSK_BINARY] [--runs N]\n"
      << "  Starts the kiosk N times (default 10) to its first frame and reports first-frame time,\n"
      << "  wall time and peak RSS. KIOSK_BINARY defaults to " << wk::test::kiosk_program().string() << "\n";
}

int run(int argc, char** argv) {
  std::string kiosk = wk::test::kiosk_program().string();
  int runs = 10;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (a == "--help" || a == "-h") {
      usage(std::cout);
      return 0;
    } else if (a == "--runs") {
      if (i + 1 >= argc) {
        std::cerr << kProg << ": --runs: missing value\n";
        return 2;
      }
      runs = positive_int(kProg, a, argv[++i]);
    } else if (!a.empty() && a[0] == '-') {
      std::cerr << kProg << ": unknown option \"" << a << "\"\n";
      usage(std::cerr);
      return 2;
    } else {
      kiosk = a;
    }
  }
  if (!require_executable(kProg, kiosk) || !require_display(kProg)) return 2;
  std::cout.setf(std::ios::unitbuf);  // keep our lines in order with anything on stderr
  install_stop_handlers();            // an interrupted run kills the kiosk and removes its temp dir

  std::cout << "== bench_startup: start to first frame, all 12 languages and fonts ==\n"
            << "  " << kiosk << " --windowed 1280x800 --exit-after-frames 1 --data-dir <fresh temp dir>\n";
  print_environment(std::cout);
  std::cout << "  " << runs << (runs == 1 ? " run" : " runs") << "\n\n";

  std::vector<double> first, wall, rss;
  Table per_run({"run", "first frame ms", "fork→exit ms", "peak RSS MB"});
  for (int i = 1; i <= runs; ++i) {
    Run r;
    try {
      r = run_once(kiosk, 1);
    } catch (const std::exception& e) {
      std::cerr << kProg << ": run " << i << ": " << e.what() << "\n";
      return 1;
    }
    if (stop_requested()) return 1;  // main() re-raises the signal
    const bool ok = !r.timed_out && WIFEXITED(r.status) && WEXITSTATUS(r.status) == 0 && r.first_frame_ms;
    if (!ok) {
      std::cerr << kProg << ": run " << i << " failed (" << describe_status(r) << ")"
                << (r.first_frame_ms ? "" : ", no \"first frame after N ms\" line") << ". Kiosk stderr:\n"
                << r.stderr_text << "\n";
      return 1;
    }
    first.push_back(*r.first_frame_ms);
    wall.push_back(r.wall_ms);
    rss.push_back(r.peak_rss_mb);
    per_run.row({std::to_string(i), fixed(*r.first_frame_ms, 0), fixed(r.wall_ms, 0), fixed(r.peak_rss_mb, 1)});
  }
  per_run.print(std::cout);
  std::cout << "\n";

  Table summary({"metric", "median", "min", "max", "target", "vs target"}, "lrrrrl");
  summary.row({"first frame (ms)", fixed(median(first), 0), fixed(min_of(first), 0), fixed(max_of(first), 0),
               "< " + fixed(kTargetFirstFrameMs, 0), verdict(median(first), kTargetFirstFrameMs) + " (median)"});
  summary.row({"fork→exit wall (ms)", fixed(median(wall), 0), fixed(min_of(wall), 0), fixed(max_of(wall), 0), "", ""});
  summary.row({"peak RSS (MB)", fixed(median(rss), 1), fixed(min_of(rss), 1), fixed(max_of(rss), 1),
               "< " + fixed(kTargetPeakMb, 0), verdict(max_of(rss), kTargetPeakMb) + " (max)"});
  summary.print(std::cout);
  std::cout << "\n  first frame: the kiosk's own log line (start of main to the first buffer swap).\n"
            << "  fork→exit: measured here; includes window teardown and process exit.\n"
            << "  peak RSS: ru_maxrss from wait4, MB = 2^20 bytes; includes the Mesa llvmpipe driver.\n"
            << "  Glyphs are rasterised as drawn: what is typed later adds only its own glyphs\n"
            << "  (bench_keyboard_frame); the kiosk against Chromium: bench_vs_browser.\n";

  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  const int rc = run(argc, argv);  // temp dirs are gone when it returns
  if (wk::bench::stop_requested()) wk::bench::reraise_stop();
  return rc;
}
