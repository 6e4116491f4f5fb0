// bench_language_switch: time from a language switch to the presented frame.
//
// Builds the real wk::ui::Shell in-process (1280x800 window, the default
// configuration with all 12 languages, a store in a temp dir), starts on the
// home screen, draws a few frames to warm up, then for R rounds switches
// through every enabled language, timing
//   shell.apply(SwitchLanguage{code}); shell.draw_frame();
// The first round is "cold" (each language's text is shaped and its messages
// compiled for the first time on this screen); later rounds are "warm". The
// same is then done on the about screen, which has the most text. A plain
// frame without a switch is timed too, as the floor under every switch.
// Never asserts timings.
//
// Usage: bench_language_switch [--rounds R]
#include <algorithm>
#include <chrono>
#include <iostream>
#include <string>
#include <vector>

#include "bench_common.hpp"
#include "bench_kiosk_data.hpp"
#include "kiosk/core/config.hpp"
#include "kiosk/core/log.hpp"
#include "kiosk/core/store.hpp"
#include "kiosk/text/languages.hpp"
#include "kiosk/text/messages.hpp"
#include "kiosk/text/text_error.hpp"
#include "kiosk/ui/intent.hpp"
#include "kiosk/ui/shell.hpp"

namespace {

using namespace wk::bench;
using Clock = std::chrono::steady_clock;

constexpr const char* kProg = "bench_language_switch";
constexpr double kTargetMs = 50;
constexpr int kWarmupFrames = 5;
constexpr int kBaselineFrames = 20;

double ms_since(Clock::time_point t0) {
  return std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
}

struct Switch {
  int round;
  std::string code;
  double ms;        // apply + frame
  double apply_ms;  // apply alone (controller: session state, the visit's language in the store)
};

// R rounds through `order`; every switch changes the language (order ends on the current one).
std::vector<Switch> switch_rounds(wk::ui::Shell& shell, const std::vector<std::string>& order, int rounds) {
  std::vector<Switch> out;
  for (int r = 1; r <= rounds && !stop_requested(); ++r)
    for (const auto& code : order) {
      const auto t0 = Clock::now();
      shell.apply(wk::ui::SwitchLanguage{code});
      const double apply_ms = ms_since(t0);
      shell.draw_frame();
      out.push_back({r, code, ms_since(t0), apply_ms});
    }
  return out;
}

std::vector<double> frames_only(wk::ui::Shell& shell, int n) {
  std::vector<double> out;
  for (int i = 0; i < n; ++i) {
    const auto t0 = Clock::now();
    shell.draw_frame();
    out.push_back(ms_since(t0));
  }
  return out;
}

void add_rows(Table& t, const std::string& screen, const std::vector<Switch>& sw) {
  std::vector<double> all, cold, warm, apply;
  const Switch* slowest_cold = nullptr;
  const Switch* slowest = nullptr;
  for (const auto& s : sw) {
    all.push_back(s.ms);
    apply.push_back(s.apply_ms);
    if (!slowest || s.ms > slowest->ms) slowest = &s;
    (s.round == 1 ? cold : warm).push_back(s.ms);
    if (s.round == 1 && (!slowest_cold || s.ms > slowest_cold->ms)) slowest_cold = &s;
  }
  auto row = [&](const std::string& phase, const std::vector<double>& v, const std::string& note) {
    if (v.empty()) return;
    t.row({screen, phase, std::to_string(v.size()), fixed(median(v), 1), fixed(percentile(v, 95), 1),
           fixed(max_of(v), 1), verdict(max_of(v), kTargetMs), note});
  };
  row("all switches", all,
      slowest ? "slowest: " + slowest->code + " in round " + std::to_string(slowest->round) + " (apply " +
                    fixed(slowest->apply_ms, 1) + " ms)"
              : "");
  row("cold (round 1)", cold, slowest_cold ? "slowest: " + slowest_cold->code : "");
  row("warm (rounds 2+)", warm, "");
  t.row({screen, "  of which apply", std::to_string(apply.size()), fixed(median(apply), 1),
         fixed(percentile(apply, 95), 1), fixed(max_of(apply), 1), "", "controller + store write"});
}

void usage(std::ostream& out) {
  out << "Usage: " << kProg << " [--rounds R]\n"
      << "  Times language switches (apply + one frame) on the home and about screens,\n"
      << "  R rounds (default 5) through all enabled languages. Needs DISPLAY.\n";
}

int run(int argc, char** argv) {
  int rounds = 5;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (a == "--help" || a == "-h") {
      usage(std::cout);
      return 0;
    } else if (a == "--rounds" && i + 1 < argc) {
      rounds = positive_int(kProg, a, argv[++i]);
    } else {
      std::cerr << kProg << ": unexpected argument \"" << a << "\"\n";
      usage(std::cerr);
      return 2;
    }
  }
  if (!require_display(kProg)) return 2;

  std::cout.setf(std::ios::unitbuf);                     // keep our lines in order with the kiosk's log on stderr
  wk::core::log::set_level(wk::core::log::Level::warn);  // keep info lines out of the figures
  auto data_loaded = wk::bench::load_kiosk_data(kProg);
  if (!data_loaded) return 1;
  auto& [table, messages, config] = *data_loaded;
  if (config.languages.size() < 2) {
    std::cerr << kProg << ": config/kiosk.json enables fewer than two languages; nothing to switch\n";
    return 1;
  }

  install_stop_handlers();  // Ctrl-C ends after the current frame and removes the temp dir
  TempDir data("wk-bench-switch-");
  config.data_dir = data.path();

  std::cout << "== bench_language_switch: SwitchLanguage + one frame, in-process Shell 1280x800 ==\n";
  print_environment(std::cout);
  std::cout << "  " << config.languages.size() << " languages:";
  for (const auto& c : config.languages) std::cout << " " << c;
  std::cout << "\n  " << rounds << " rounds per screen; round 1 is cold (first shaping and message compile)\n\n";

  try {
    wk::core::Store store = wk::core::Store::open(data.path() / "kiosk.db");
    wk::ui::ShellOptions opt;
    opt.fullscreen = false;
    opt.width = 1280;
    opt.height = 800;
    opt.screen = wk::ui::ScreenId::home;
    wk::ui::Shell shell({config, store, table, messages}, opt);
    if (!shell.open()) {
      std::cerr << kProg << ": the shell could not open its window (see the log above)\n";
      return 1;
    }
    for (int i = 0; i < kWarmupFrames; ++i) shell.draw_frame();

    // The session starts in the default language: visit the others first, end on it.
    std::vector<std::string> order = config.languages;
    const auto start = std::find(order.begin(), order.end(), config.default_language);
    if (start != order.end()) std::rotate(order.begin(), start + 1, order.end());

    const auto home_frames = frames_only(shell, kBaselineFrames);
    const auto home = switch_rounds(shell, order, rounds);
    if (stop_requested()) return 1;

    shell.apply(wk::ui::Open{wk::ui::ScreenId::about});
    for (int i = 0; i < kWarmupFrames; ++i) shell.draw_frame();
    const auto about_frames = frames_only(shell, kBaselineFrames);
    const auto about = switch_rounds(shell, order, rounds);
    if (stop_requested()) return 1;  // main() re-raises the signal

    Table t({"screen", "what", "n", "median ms", "p95 ms", "max ms", "max < 50 ms", "note"}, "llrrrrrl");
    t.row({"home", "frame, no switch", std::to_string(home_frames.size()), fixed(median(home_frames), 1),
           fixed(percentile(home_frames, 95), 1), fixed(max_of(home_frames), 1), "", "the floor under a switch"});
    add_rows(t, "home", home);
    t.row({"about", "frame, no switch", std::to_string(about_frames.size()), fixed(median(about_frames), 1),
           fixed(percentile(about_frames, 95), 1), fixed(max_of(about_frames), 1), "", "the floor under a switch"});
    add_rows(t, "about", about);
    t.print(std::cout);

    std::cout << "\n  cold switches (round 1) per language, ms:\n";
    Table cold({"to", "home", "about"}, "lrr");
    for (size_t i = 0; i < order.size(); ++i) cold.row({order[i], fixed(home[i].ms, 1), fixed(about[i].ms, 1)});
    cold.print(std::cout, "    ");
    std::cout << "\n  target: a switch (apply + the frame that shows it) under " << fixed(kTargetMs, 0) << " ms\n";
  } catch (const std::exception& e) {
    std::cerr << kProg << ": " << e.what() << "\n";
    return 1;
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  const int rc = run(argc, argv);  // temp dirs are gone when it returns
  if (wk::bench::stop_requested()) wk::bench::reraise_stop();
  return rc;
}
