// Small helpers shared by the benchmark programs: a private temporary
// directory, order statistics, number formatting (g++ 12 has no <format>),
// a fixed-width table and the display check. Header-only, no project code.
#pragma once

#include <signal.h>
#include <sys/types.h>
#include <time.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <charconv>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <system_error>
#include <thread>
#include <vector>

#include "../support/temp_dir.hpp"

namespace wk::bench {

// A fresh directory under $TMPDIR (or /tmp), removed with its contents at scope exit.
using wk::test::TempDir;

// [SECTION] Timing frames of an in-process shell

// Milliseconds of `clock` (CLOCK_THREAD_CPUTIME_ID, CLOCK_PROCESS_CPUTIME_ID).
inline double cpu_ms(clockid_t clock) {
  timespec ts{};
  clock_gettime(clock, &ts);
  return static_cast<double>(ts.tv_sec) * 1e3 + static_cast<double>(ts.tv_nsec) / 1e6;
}

struct FrameSample {
  double cpu = 0;   // this thread, ms
  double proc = 0;  // the whole process (all threads, llvmpipe's too), ms
  double wall = 0;  // ms
};

// One timed frame of `shell` (anything with draw_frame()): `before` (an intent applied, or
// nothing), then draw_frame().
template <class Shell, class F>
FrameSample timed_frame(Shell& shell, F&& before) {
  const auto w0 = std::chrono::steady_clock::now();
  const double p0 = cpu_ms(CLOCK_PROCESS_CPUTIME_ID);
  const double c0 = cpu_ms(CLOCK_THREAD_CPUTIME_ID);
  before();
  shell.draw_frame();
  const double c1 = cpu_ms(CLOCK_THREAD_CPUTIME_ID);
  const double p1 = cpu_ms(CLOCK_PROCESS_CPUTIME_ID);
  return {c1 - c0, p1 - p0, std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - w0).count()};
}

// Order statistics of a non-empty sample (copies, so callers keep their order).
inline double percentile(std::vector<double> v, double p) {  // nearest rank, p in [0, 100]
  if (v.empty()) return std::nan("");
  std::sort(v.begin(), v.end());
  const auto rank = static_cast<size_t>(std::ceil(p / 100.0 * static_cast<double>(v.size())));
  return v[std::clamp<size_t>(rank, 1, v.size()) - 1];
}
inline double median(std::vector<double> v) {
  if (v.empty()) return std::nan("");
  std::sort(v.begin(), v.end());
  const size_t n = v.size();
  return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2.0;
}
inline double min_of(const std::vector<double>& v) {
  return v.empty() ? std::nan("") : *std::min_element(v.begin(), v.end());
}
inline double max_of(const std::vector<double>& v) {
  return v.empty() ? std::nan("") : *std::max_element(v.begin(), v.end());
}

inline std::string fixed(double x, int decimals = 1) {
  if (std::isnan(x)) return "-";
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, x);
  return buf;
}

// "meets" / "MISSES" against an upper bound; information only, never an assertion.
inline std::string verdict(double value, double limit) {
  if (std::isnan(value)) return "-";
  return value < limit ? "meets" : "MISSES";
}

// A plain text table. `align` has one letter per column, 'l' or 'r'; columns
// past its end are right-aligned except the first, which is left-aligned.
class Table {
 public:
  explicit Table(std::vector<std::string> header, std::string align = "l") : align_(std::move(align)) {
    rows_.push_back(std::move(header));
  }
  void row(std::vector<std::string> cells) { rows_.push_back(std::move(cells)); }
  void print(std::ostream& out, const std::string& indent = "  ") const {
    std::vector<size_t> width;
    for (const auto& r : rows_)
      for (size_t i = 0; i < r.size(); ++i) {
        if (width.size() <= i) width.push_back(0);
        width[i] = std::max(width[i], display_width(r[i]));
      }
    for (size_t ri = 0; ri < rows_.size(); ++ri) {
      const auto& r = rows_[ri];
      std::string line = indent;
      for (size_t i = 0; i < r.size(); ++i) {
        const std::string pad(width[i] - display_width(r[i]), ' ');
        if (i) line += "  ";
        const bool left = i < align_.size() ? align_[i] == 'l' : i == 0;
        line += left ? r[i] + pad : pad + r[i];
      }
      while (!line.empty() && line.back() == ' ') line.pop_back();
      out << line << "\n";
      if (ri == 0) {
        size_t total = 0;
        for (size_t w : width) total += w;
        out << indent << std::string(total + 2 * (width.size() - 1), '-') << "\n";
      }
    }
  }

 private:
  static size_t display_width(const std::string& s) {  // UTF-8 code points (for "→", "<")
    size_t n = 0;
    for (unsigned char c : s) n += (c & 0xC0) != 0x80;
    return n;
  }
  std::string align_;
  std::vector<std::vector<std::string>> rows_;
};

// Parses a positive whole number for option `opt`; exits with usage code 2 on bad input.
inline int positive_int(const char* prog, std::string_view opt, std::string_view v) {
  int n = 0;
  auto [p, ec] = std::from_chars(v.data(), v.data() + v.size(), n);
  if (ec != std::errc() || p != v.data() + v.size() || n < 1) {
    std::cerr << prog << ": " << opt << ": expected a positive whole number, got \"" << v << "\"\n";
    std::exit(2);
  }
  return n;
}

// False (with a message) unless `kiosk` is an executable file.
inline bool require_executable(const char* prog, const std::string& kiosk) {
  if (access(kiosk.c_str(), X_OK) == 0) return true;
  std::cerr << prog << ": " << kiosk << ": not an executable file (" << std::strerror(errno)
            << "); build the welcome-kiosk target or pass its path\n";
  return false;
}

// The kiosk needs an X display; say so plainly instead of failing inside GLFW.
inline bool require_display(const char* prog) {
  const char* d = std::getenv("DISPLAY");
  if (d && *d) return true;
  std::cerr
      << prog << ": DISPLAY is not set. The kiosk needs an X server; run tests/bench/run (it starts Xvfb),\n"
      << "or start one yourself, e.g.  Xvfb :95 -screen 0 1920x1080x24 &  export DISPLAY=:95 LIBGL_ALWAYS_SOFTWARE=1\n";
  return false;
}

// Interruption (Ctrl-C, SIGTERM, SIGHUP): the handler kills the kiosk child
// named by set_child() at once and records the signal; the program notices
// stop_requested(), cleans up (temp dirs) and ends with reraise_stop(), so a
// calling shell sees death by that signal and runs its own traps.
namespace detail {
inline volatile sig_atomic_t g_stop_signal = 0;
inline volatile sig_atomic_t g_child = 0;
inline void on_stop(int sig) {
  g_stop_signal = sig;
  if (g_child > 0) kill(static_cast<pid_t>(g_child), SIGKILL);
}
}  // namespace detail

inline void install_stop_handlers() {
  struct sigaction sa {};
  sa.sa_handler = detail::on_stop;
  sigemptyset(&sa.sa_mask);
  for (int sig : {SIGINT, SIGTERM, SIGHUP}) sigaction(sig, &sa, nullptr);
}
inline void set_child(pid_t pid) {
  detail::g_child = pid;
}
inline bool stop_requested() {
  return detail::g_stop_signal != 0;
}
[[noreturn]] inline void reraise_stop() {
  const int sig = detail::g_stop_signal ? detail::g_stop_signal : SIGTERM;
  std::cerr << "interrupted\n";
  signal(sig, SIG_DFL);
  raise(sig);
  _exit(128 + sig);
}
// Sleeps `d`, waking early when a stop was requested. Returns false if it was.
inline bool sleep_unless_stopped(std::chrono::milliseconds d) {
  const auto end = std::chrono::steady_clock::now() + d;
  while (!stop_requested()) {
    const auto now = std::chrono::steady_clock::now();
    if (now >= end) return true;
    std::this_thread::sleep_for(
        std::min<std::chrono::steady_clock::duration>(end - now, std::chrono::milliseconds(50)));
  }
  return false;
}

inline void print_environment(std::ostream& out) {
  auto env = [](const char* name) {
    const char* v = std::getenv(name);
    return std::string(v && *v ? v : "(unset)");
  };
  out << "  DISPLAY=" << env("DISPLAY") << "  LIBGL_ALWAYS_SOFTWARE=" << env("LIBGL_ALWAYS_SOFTWARE") << "\n";
}

}  // namespace wk::bench
