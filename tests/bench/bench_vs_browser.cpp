// bench_vs_browser: the kiosk against headless Chromium, as whole processes,
// rendering the same welcome screen to a PNG — interleaved in one run.
//
// Kiosk:    welcome-kiosk --windowed 1280x800 --no-sync --data-dir <fresh> --screenshot OUT.png
//           (the default configuration: its languages, fonts and center name)
// Chromium: chromium --headless --no-sandbox --window-size=1280,800 --screenshot=OUT.png PAGE
//           where PAGE is the welcome screen as HTML, written by this program from the same
//           configuration, locales and font files (@font-face over the Noto files the
//           languages table names), with a fresh --user-data-dir per run.
// Per run: fork -> reaped wall time, the peak PSS of the whole process tree (sampled every
// 10 ms from /proc/PID/smaps_rollup of the process and its descendants) and the largest single
// process's peak RSS (wait4's ru_maxrss of the children); for the kiosk also its own
// "first frame after N ms" log line. Runs alternate which program goes first.
// Never asserts timings: exit status 0 unless a run could not be measured.
//
// Usage: bench_vs_browser [--runs N] [--kiosk PATH] [--chromium PATH] [--shots DIR]
//   --shots DIR  keeps the last run's two screenshots there (kiosk.png, chromium.png)
#include <dirent.h>
#include <fcntl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <fstream>
#include <optional>
#include <regex>
#include <set>
#include <sstream>
#include <thread>

#include "bench_common.hpp"
#include "kiosk/core/config.hpp"
#include "kiosk/text/languages.hpp"
#include "kiosk/text/messages.hpp"
#include "tests/support/paths.hpp"

namespace {

using namespace wk::bench;
using Clock = std::chrono::steady_clock;
namespace fs = std::filesystem;
constexpr const char* kProg = "bench_vs_browser";

struct Result {
  double wall_ms = 0;
  double peak_pss_mb = 0;
  double max_rss_mb = 0;
  std::optional<double> first_frame_ms;
  bool ok = false;
};

// Kibibytes of Pss in /proc/PID/smaps_rollup (0 when the process is gone).
long pss_kib(pid_t pid) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/smaps_rollup");
  for (std::string line; std::getline(in, line);)
    if (line.rfind("Pss:", 0) == 0) return std::stol(line.substr(4));
  return 0;
}

// `root` and every process below it (from /proc/PID/task/TID/children: cheap enough to
// sample often without slowing what is measured).
std::set<pid_t> tree(pid_t root) {
  std::set<pid_t> out;
  std::vector<pid_t> todo{root};
  while (!todo.empty()) {
    const pid_t p = todo.back();
    todo.pop_back();
    if (!out.insert(p).second) continue;
    const std::string tasks = "/proc/" + std::to_string(p) + "/task";
    if (DIR* d = opendir(tasks.c_str())) {
      while (dirent* e = readdir(d)) {
        if (e->d_name[0] == '.') continue;
        std::ifstream in(tasks + "/" + e->d_name + "/children");
        for (long c; in >> c;) todo.push_back(static_cast<pid_t>(c));
      }
      closedir(d);
    }
  }
  return out;
}

// Runs `args`, stderr to `err_file`; measures as described above.
Result measure(const std::vector<std::string>& args, const fs::path& err_file) {
  Result r;
  std::vector<char*> argv;
  std::vector<std::string> copy = args;
  for (auto& a : copy) argv.push_back(a.data());
  argv.push_back(nullptr);
  const auto t0 = Clock::now();
  const pid_t pid = fork();
  if (pid < 0) return r;
  if (pid == 0) {
    const int fd = open(err_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    const int null = open("/dev/null", O_WRONLY | O_CLOEXEC);
    if (fd >= 0) dup2(fd, 2);
    if (null >= 0) dup2(null, 1);
    execv(argv[0], argv.data());
    _exit(127);
  }
  set_child(pid);
  std::atomic<bool> done{false};
  long peak = 0;
  std::thread sampler([&] {
    while (!done) {
      long sum = 0;
      for (pid_t p : tree(pid)) sum += pss_kib(p);
      peak = std::max(peak, sum);
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
  });
  int status = 0;
  rusage ru{};
  while (wait4(pid, &status, 0, &ru) < 0 && errno == EINTR) {}
  r.wall_ms = std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
  done = true;
  sampler.join();
  set_child(0);
  rusage children{};
  getrusage(RUSAGE_CHILDREN, &children);  // the largest of all reaped descendants so far
  r.max_rss_mb = static_cast<double>(std::max(ru.ru_maxrss, 0L)) / 1024.0;
  r.peak_pss_mb = static_cast<double>(peak) / 1024.0;
  r.ok = WIFEXITED(status) && WEXITSTATUS(status) == 0;
  std::ifstream in(err_file);
  const std::string log((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  std::smatch m;
  if (std::regex_search(log, m, std::regex("first frame after ([0-9]+) ms"))) r.first_frame_ms = std::stod(m[1]);
  if (!r.ok) std::cerr << kProg << ": " << args[0] << " failed; its log:\n" << log.substr(0, 4000) << "\n";
  return r;
}

std::string html_escape(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == '<')
      out += "&lt;";
    else if (c == '&')
      out += "&amp;";
    else if (c == '"')
      out += "&quot;";
    else
      out += c;
  }
  return out;
}

// The welcome screen as the kiosk draws it (see kiosk/ui/screens/welcome_screen.cpp and
// language_grid.cpp): the center's name, the prompt in the default language and a tile per
// enabled language with its greeting and native name, in the kiosk's colours and fonts.
std::string welcome_html(const wk::core::Config& config, const wk::text::LanguageTable& table,
                         const wk::text::MessageCatalog& messages) {
  std::ostringstream h;
  h << "<!doctype html><html><head><meta charset=\"utf-8\"><style>\n";
  std::vector<std::string> families;
  // The Latin font first, as the kiosk's fallback chain has it.
  std::vector<std::pair<std::string, wk::text::FontSpec>> fonts(table.fonts().begin(), table.fonts().end());
  std::stable_partition(fonts.begin(), fonts.end(), [](const auto& f) { return f.first == "latin"; });
  for (const auto& [id, spec] : fonts) {
    for (const auto& [weight, file] : {std::pair{400, spec.file}, std::pair{700, spec.bold_file}}) {
      if (file.empty()) continue;
      h << "@font-face{font-family:'wk-" << id << "';font-weight:" << weight << ";src:url('file://" << file.string()
        << "')}\n";
    }
    families.push_back("'wk-" + id + "'");
  }
  std::string stack;
  for (const auto& f : families) stack += (stack.empty() ? "" : ",") + f;
  h << "html,body{margin:0;background:#edf1f6;color:#111827;font-family:" << stack << "}\n"
    << "h1{font-size:32px;text-align:center;margin:36px 0 24px}\n"
    << "h2{font-size:44px;text-align:center;color:#0b5394;margin:0 0 20px}\n"
    << ".grid{display:grid;grid-template-columns:repeat(4,1fr);gap:19px;margin:0 28px}\n"
    << ".tile{background:#fff;border:2px solid #9aa5b8;border-radius:12px;height:104px;display:flex;"
    << "flex-direction:column;align-items:center;justify-content:center}\n"
    << ".g{font-size:18px;color:#4b5563}.n{font-size:24px}\n"
    << "</style></head><body>\n<h1>" << html_escape(config.center_name) << "</h1>\n<h2>"
    << html_escape(messages.format(config.default_language, "welcome.choose")) << "</h2>\n<div class=\"grid\">\n";
  for (const auto& code : config.languages) {
    const auto* l = table.find(code);
    if (!l) continue;
    const char* dir = l->direction == wk::text::Direction::rtl ? "rtl" : "ltr";
    h << "<div class=\"tile\" lang=\"" << l->code << "\" dir=\"" << dir << "\"><div class=\"g\">"
      << html_escape(messages.format(code, "welcome.greeting")) << "</div><div class=\"n\">"
      << html_escape(l->native_name) << "</div></div>\n";
  }
  h << "</div></body></html>\n";
  return h.str();
}

std::string find_chromium() {
  for (const char* p : {"/usr/bin/chromium", "/usr/bin/chromium-browser"})
    if (access(p, X_OK) == 0) return p;
  return "";
}

int run(int argc, char** argv) {
  int runs = 5;
  std::string kiosk = wk::test::kiosk_program().string();
  std::string chromium = find_chromium();
  std::string shots;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if ((a == "--runs" || a == "--kiosk" || a == "--chromium" || a == "--shots") && i + 1 < argc) {
      if (a == "--shots") shots = argv[++i];
      if (a == "--runs") runs = positive_int(kProg, a, argv[++i]);
      if (a == "--kiosk") kiosk = argv[++i];
      if (a == "--chromium") chromium = argv[++i];
    } else {
      std::cerr << "usage: " << kProg << " [--runs N] [--kiosk PATH] [--chromium PATH] [--shots DIR]\n";
      return 2;
    }
  }
  if (!require_executable(kProg, kiosk) || !require_display(kProg)) return 1;
  if (chromium.empty()) {
    std::cerr << kProg << ": chromium is not installed (install/test installs Debian's chromium)\n";
    return 1;
  }
  install_stop_handlers();
  const fs::path src = wk::test::source_dir();
  const auto table = wk::text::LanguageTable::load(src / "locales" / "languages.json");
  const auto messages = wk::text::MessageCatalog::load(table, src / "locales");
  const auto config = wk::core::load_config(src / "config" / "kiosk.json", table.codes());

  TempDir dir("bench-vs-browser-");
  const fs::path page = dir.path() / "welcome.html";
  std::ofstream(page) << welcome_html(config, table, messages);

  std::cout << kProg << ": " << runs << " interleaved runs, the welcome screen at 1280x800 with "
            << config.languages.size() << " languages, to a PNG\n";
  print_environment(std::cout);
  std::vector<double> k_wall, k_pss, k_rss, k_first, c_wall, c_pss, c_rss;
  Table per_run({"run", "program", "wall ms", "first frame ms", "peak PSS MB", "largest RSS MB"}, "llrrrr");
  for (int i = 0; i < runs && !stop_requested(); ++i) {
    for (int j = 0; j < 2 && !stop_requested(); ++j) {
      const bool kiosk_turn = (i + j) % 2 == 0;
      const fs::path shot = dir.path() / ("run" + std::to_string(i) + (kiosk_turn ? "-kiosk.png" : "-chromium.png"));
      Result r;
      if (kiosk_turn) {
        const fs::path data = dir.path() / ("data" + std::to_string(i));
        fs::create_directories(data);
        r = measure(
            {kiosk, "--windowed", "1280x800", "--no-sync", "--data-dir", data.string(), "--screenshot", shot.string()},
            dir.path() / "kiosk.log");
      } else {
        const fs::path profile = dir.path() / ("chromium" + std::to_string(i));
        r = measure({chromium, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--no-first-run",
                     "--user-data-dir=" + profile.string(), "--window-size=1280,800", "--screenshot=" + shot.string(),
                     "file://" + page.string()},
                    dir.path() / "chromium.log");
      }
      if (!r.ok || !fs::exists(shot)) return stop_requested() ? (reraise_stop(), 1) : 1;
      (kiosk_turn ? k_wall : c_wall).push_back(r.wall_ms);
      (kiosk_turn ? k_pss : c_pss).push_back(r.peak_pss_mb);
      (kiosk_turn ? k_rss : c_rss).push_back(r.max_rss_mb);
      if (r.first_frame_ms) k_first.push_back(*r.first_frame_ms);
      if (!shots.empty()) {
        fs::create_directories(shots);
        fs::copy_file(shot, fs::path(shots) / (kiosk_turn ? "kiosk.png" : "chromium.png"),
                      fs::copy_options::overwrite_existing);
      }
      per_run.row({std::to_string(i + 1), kiosk_turn ? "kiosk" : "chromium", fixed(r.wall_ms, 0),
                   r.first_frame_ms ? fixed(*r.first_frame_ms, 0) : "-", fixed(r.peak_pss_mb), fixed(r.max_rss_mb)});
    }
  }
  if (stop_requested()) reraise_stop();
  per_run.print(std::cout);
  std::cout << "\nMedians (goals of issue 26: first frame < 150 ms, screenshot run < 350 ms, peak RSS < 150 MB):\n";
  Table sum({"", "kiosk", "chromium", "chromium / kiosk", "goal"}, "lrrrr");
  sum.row({"wall ms (screenshot run)", fixed(median(k_wall), 0), fixed(median(c_wall), 0),
           fixed(median(c_wall) / median(k_wall), 2) + "x", verdict(median(k_wall), 350)});
  sum.row({"first frame ms", fixed(median(k_first), 0), "-", "-", verdict(median(k_first), 150)});
  sum.row({"peak PSS MB (process tree)", fixed(median(k_pss)), fixed(median(c_pss)),
           fixed(median(c_pss) / median(k_pss), 2) + "x", "-"});
  sum.row({"largest RSS MB (one process)", fixed(median(k_rss)), fixed(median(c_rss)),
           fixed(median(c_rss) / median(k_rss), 2) + "x", verdict(max_of(k_rss), 150)});
  sum.print(std::cout);
  if (!shots.empty()) std::cout << "  the last run's screenshots: " << shots << "/kiosk.png, chromium.png\n";
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    return run(argc, argv);
  } catch (const std::exception& e) {
    std::cerr << kProg << ": " << e.what() << "\n";
    return 1;
  }
}
