// bench_idle_cpu: CPU used by the kiosk while it idles on the welcome screen.
//
// Starts `welcome-kiosk --windowed 1280x800 --data-dir <temp>`, lets it settle
// (3 s by default), reads utime + stime of the whole process (all threads,
// Mesa's llvmpipe workers included) from /proc/PID/stat, sleeps the measuring
// window (10 s by default), reads them again and prints the CPU time as a
// percentage of one core over the measured wall time. Then SIGTERM, and SIGKILL
// if the kiosk is still alive 2 s later.
//
// The welcome screen redraws every 4 s on purpose (its prompt cycles through
// the languages), so a few frames fall into every window; everything else
// should be sleeping in glfwWaitEventsTimeout. Never asserts timings.
//
// Usage: bench_idle_cpu [KIOSK_BINARY] [--seconds N] [--settle N]
#include <fcntl.h>
#include <signal.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <iostream>
#include <optional>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "bench_common.hpp"
#include "tests/support/paths.hpp"

namespace {

using namespace wk::bench;
using Clock = std::chrono::steady_clock;

constexpr const char* kProg = "bench_idle_cpu";
constexpr double kTargetPercent = 0.25;  // issue 26

struct CpuSample {
  long long ticks = 0;  // utime + stime, in clock ticks
  Clock::time_point at;
};

// Fields 14 (utime) and 15 (stime) of /proc/PID/stat; the command name
// (field 2) may contain spaces, so count from after its closing ')'.
std::optional<CpuSample> sample(pid_t pid) {
  CpuSample s;
  std::ifstream in("/proc/" + std::to_string(pid) + "/stat");
  std::string line;
  if (!std::getline(in, line)) return std::nullopt;
  s.at = Clock::now();
  const auto close = line.rfind(')');
  if (close == std::string::npos) return std::nullopt;
  std::istringstream fields(line.substr(close + 2));  // starts at field 3 (state)
  std::string f;
  long long utime = 0, stime = 0;
  for (int field = 3; field <= 15 && fields >> f; ++field) {
    if (field == 14) utime = std::stoll(f);
    if (field == 15) stime = std::stoll(f);
  }
  if (!fields) return std::nullopt;
  s.ticks = utime + stime;
  return s;
}

// A "Key:   value kB" line of /proc/PID/status, in MB; NaN if absent.
double status_mb(pid_t pid, const std::string& key) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/status");
  std::string line;
  while (std::getline(in, line))
    if (line.rfind(key + ":", 0) == 0) return std::stod(line.substr(key.size() + 1)) / 1024.0;
  return std::nan("");
}

std::string read_file(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// Non-blocking: has the child ended? Fills `status` if so.
bool reaped(pid_t pid, int& status) {
  return waitpid(pid, &status, WNOHANG) == pid;
}

std::string describe(int status) {
  if (WIFEXITED(status)) return "exit code " + std::to_string(WEXITSTATUS(status));
  if (WIFSIGNALED(status)) return std::string("signal ") + strsignal(WTERMSIG(status));
  return "status " + std::to_string(status);
}

void usage(std::ostream& out) {
  out << "Usage: " << kProg << " [KIOSK_BINARY] [--seconds N] [--settle N]\n"
      << "  Measures the kiosk's CPU use idling on the welcome screen over N seconds (default 10)\n"
      << "  after letting it settle (default 3 s). KIOSK_BINARY defaults to " << wk::test::kiosk_program().string()
      << "\n";
}

int run(int argc, char** argv) {
  std::string kiosk = wk::test::kiosk_program().string();
  int seconds = 10, settle = 3;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (a == "--help" || a == "-h") {
      usage(std::cout);
      return 0;
    } else if (a == "--seconds" || a == "--settle") {
      if (i + 1 >= argc) {
        std::cerr << kProg << ": " << a << ": missing value\n";
        return 2;
      }
      (a == "--seconds" ? seconds : settle) = positive_int(kProg, a, argv[++i]);
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
  const long hz = sysconf(_SC_CLK_TCK);
  if (hz <= 0) {
    std::cerr << kProg << ": sysconf(_SC_CLK_TCK) failed\n";
    return 1;
  }

  TempDir data("wk-bench-idle-");
  const auto log_path = data.path() / "kiosk-stderr.log";
  std::vector<std::string> args = {kiosk, "--windowed", "1280x800", "--data-dir", (data.path() / "data").string()};
  std::vector<char*> cargv;
  for (auto& a : args) cargv.push_back(a.data());
  cargv.push_back(nullptr);
  const int log_fd = open(log_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (log_fd < 0) {
    std::cerr << kProg << ": cannot create " << log_path << ": " << std::strerror(errno) << "\n";
    return 1;
  }

  std::cout << "== bench_idle_cpu: CPU while idle on the welcome screen ==\n"
            << "  " << kiosk << " --windowed 1280x800 --data-dir <temp dir>\n";
  print_environment(std::cout);
  std::cout << "  settle " << settle << " s, then measure " << seconds << " s; clock ticks: " << hz << "/s\n\n";

  install_stop_handlers();  // an interrupted run kills the kiosk at once and removes the temp dir
  const pid_t pid = fork();
  if (pid < 0) {
    std::cerr << kProg << ": fork: " << std::strerror(errno) << "\n";
    return 1;
  }
  if (pid == 0) {
    dup2(log_fd, STDERR_FILENO);
    const int devnull = open("/dev/null", O_RDWR);
    if (devnull >= 0) {
      dup2(devnull, STDIN_FILENO);
      dup2(devnull, STDOUT_FILENO);
    }
    execv(cargv[0], cargv.data());
    const char msg[] = "bench_idle_cpu: execv failed\n";
    [[maybe_unused]] auto n = write(STDERR_FILENO, msg, sizeof msg - 1);
    _exit(127);
  }
  set_child(pid);
  close(log_fd);

  int status = 0;
  auto died = [&](const char* when) {
    std::cerr << kProg << ": the kiosk ended " << when << " (" << describe(status) << "). Its stderr:\n"
              << read_file(log_path) << "\n";
    set_child(0);
    return 1;
  };
  auto interrupted = [&] {  // the handler has SIGKILLed the kiosk; main() re-raises the signal
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {}
    set_child(0);
    return 1;
  };

  if (!sleep_unless_stopped(std::chrono::seconds(settle))) return interrupted();
  if (reaped(pid, status)) return died("while settling");
  const auto before = sample(pid);
  if (!sleep_unless_stopped(std::chrono::seconds(seconds))) return interrupted();
  if (reaped(pid, status)) return died("while being measured");
  const auto after = sample(pid);
  const double rss_mb = status_mb(pid, "VmRSS"), hwm_mb = status_mb(pid, "VmHWM");
  const double threads = [&] {
    std::ifstream in("/proc/" + std::to_string(pid) + "/status");
    std::string line;
    while (std::getline(in, line))
      if (line.rfind("Threads:", 0) == 0) return std::stod(line.substr(8));
    return std::nan("");
  }();

  // Stop it: SIGTERM, then SIGKILL after 2 s.
  kill(pid, SIGTERM);
  bool gone = false;
  for (int i = 0; i < 40 && !gone; ++i) {
    if (reaped(pid, status))
      gone = true;
    else
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  std::string stop = "ended on SIGTERM";
  if (!gone) {
    kill(pid, SIGKILL);
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {}
    stop = "needed SIGKILL (still alive 2 s after SIGTERM)";
  }
  set_child(0);

  if (!before || !after) {
    std::cerr << kProg << ": could not read /proc/" << pid << "/stat\n";
    return 1;
  }
  const long long ticks = after->ticks - before->ticks;
  const double cpu_s = static_cast<double>(ticks) / static_cast<double>(hz);
  const double wall_s = std::chrono::duration<double>(after->at - before->at).count();
  const double percent = 100.0 * cpu_s / wall_s;
  const double resolution = 100.0 / (static_cast<double>(hz) * wall_s);

  Table t({"metric", "value", "target", "vs target"}, "lrrl");
  t.row({"CPU, % of one core", fixed(percent, 2), "< " + fixed(kTargetPercent, 2) + " %",
         verdict(percent, kTargetPercent)});
  t.row({"CPU time (utime+stime)", fixed(cpu_s * 1000.0, 0) + " ms", "", ""});
  t.row({"ticks / measured wall", std::to_string(ticks) + " / " + fixed(wall_s, 2) + " s", "", ""});
  t.row({"resolution", "±" + fixed(resolution, 2) + " %", "", ""});
  t.row({"RSS at idle / peak", fixed(rss_mb, 1) + " / " + fixed(hwm_mb, 1) + " MB", "", ""});
  t.row({"threads", fixed(threads, 0), "", ""});
  t.print(std::cout);
  const int few = seconds / 4, more = (seconds + 3) / 4;
  std::cout << "\n  The welcome prompt redraws every 4 s by design, so " << few
            << (more != few ? "-" + std::to_string(more) : std::string())
            << (more == 1 ? " frame falls" : " frames fall") << " into the window.\n"
            << "  The kiosk " << stop << ".\n";
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  const int rc = run(argc, argv);  // temp dirs are gone when it returns
  if (wk::bench::stop_requested()) wk::bench::reraise_stop();
  return rc;
}
