// bench_keyboard_frame: CPU time per frame while typing on the registration
// wizard's on-screen keyboard.
//
// Builds the real wk::ui::Shell in-process (1920x1080 window, the default
// configuration with all 12 languages, a store in a temp dir), goes to the
// personal-data step with the wizard's own intents
//   StartRegistration, AcceptConsent{"notice"}, Choose{"target_group", "skilled_worker"}, NextStep
// and focuses "given names", so the Latin name keyboard of the session
// language is open. The first 30 frames are not measured: the second frame
// extends the font atlas once with everything that can be typed.
//
// Then, for each language in turn (SwitchLanguage; the keyboard follows the
// session language), it presses N keys (default 300), timing each
//   shell.apply(PressKey{id}); shell.draw_frame();
// with clock_gettime(CLOCK_THREAD_CPUTIME_ID) (the calling thread's CPU time)
// and the wall clock. The keys cycle through letter keys present on every
// layout (AD01..AD10, AC01..AC09, AB01..AB07) with a space after every 7th
// letter and runs of backspace so the field stays between about 10 and 45
// characters. The same is done with the "native name" field in Arabic and
// Ukrainian (native layouts; in Arabic the field shapes and reorders the text).
//
// The thread CPU time covers everything the kiosk does on its UI thread:
// the controller, layout and shaping, ImGui and building the draw lists,
// the GL calls and glfwSwapBuffers. With Mesa's llvmpipe the rasterizing
// itself runs on llvmpipe's own threads and is not included; the process CPU
// time (all threads) is shown next to it. Never asserts timings.
//
// Usage: bench_keyboard_frame [--presses N] [--native-presses N] [--languages de,ar,uk] [--screenshots DIR]
#include <time.h>

#include <algorithm>
#include <chrono>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "bench_common.hpp"
#include "bench_kiosk_data.hpp"
#include "kiosk/core/config.hpp"
#include "kiosk/core/log.hpp"
#include "kiosk/core/store.hpp"
#include "kiosk/text/keyboard_layout.hpp"
#include "kiosk/text/languages.hpp"
#include "kiosk/text/messages.hpp"
#include "kiosk/ui/features/registration/registration_intents.hpp"
#include "kiosk/ui/intent.hpp"
#include "kiosk/ui/keyboard_model.hpp"
#include "kiosk/ui/screenshot.hpp"
#include "kiosk/ui/shell.hpp"

namespace {

using namespace wk::bench;

constexpr const char* kProg = "bench_keyboard_frame";
constexpr double kTargetCpuMs = 4;  // p99 of the UI thread's CPU time per frame
constexpr int kWidth = 1920, kHeight = 1080;
constexpr int kStartWarmupFrames = 30;  // includes the frame that extends the font atlas
constexpr int kPhaseWarmupFrames = 10;  // after a language switch or a new focus: not typing yet
constexpr int kFloorFrames = 30;        // frames without a key press, per phase


// Letter keys every layout has (the US layout's a..z positions).
std::vector<std::string> letter_keys() {
  std::vector<std::string> ids;
  auto row = [&](const char* r, int n) {
    for (int i = 1; i <= n; ++i) ids.push_back(std::string("key.") + r + (i < 10 ? "0" : "") + std::to_string(i));
  };
  row("AD", 10);
  row("AC", 9);
  row("AB", 7);
  return ids;
}

// The key presses of one phase: blocks of 15 presses, 12 characters then 3
// backspaces while the field is short, 3 characters then 12 backspaces once
// it has 36 or more; a space after every 7th letter. `len` (the field's
// length in characters, estimated) carries over between phases on a field.
std::vector<std::string> typing_sequence(const std::vector<std::string>& letters, int n, int& len, size_t& next) {
  std::vector<std::string> out;
  int since_space = 0;
  while (static_cast<int>(out.size()) < n) {
    const bool growing = len < 36;
    const int chars = growing ? 12 : 3;
    for (int i = 0; i < 15 && static_cast<int>(out.size()) < n; ++i) {
      if (i < chars) {
        if (since_space == 7) {
          out.push_back("key.space");
          since_space = 0;
        } else {
          out.push_back(letters[next++ % letters.size()]);
          ++since_space;
        }
        ++len;
      } else {
        out.push_back("key.backspace");
        if (len > 0) --len;
        since_space = 0;
      }
    }
  }
  return out;
}

// The layouts RegistrationFlow::focus() offers for a field kind in `lang`,
// to check that every key id this benchmark presses exists on that keyboard.
std::vector<std::string> missing_keys(const wk::text::Language& lang, wk::ui::FieldKind kind,
                                      const std::vector<std::string>& ids) {
  std::vector<std::string> names;
  auto add = [&](const std::string& n) {
    if (!n.empty() && std::find(names.begin(), names.end(), n) == names.end()) names.push_back(n);
  };
  if (kind == wk::ui::FieldKind::native_text) add(lang.keyboard);
  add(lang.name_keyboard);
  if (names.empty()) names.push_back("us");
  std::vector<wk::text::KeyboardLayout> layouts;
  for (const auto& n : names) layouts.push_back(wk::text::load_keyboard_layout(n));
  const wk::ui::KeyboardModel model(kind, std::move(layouts), lang.diacritics);
  std::vector<std::string> missing;
  for (const auto& id : ids) {
    bool found = false;
    for (const auto& row : model.rows())
      for (const auto& k : row) found = found || k.id == id;
    if (!found && std::find(missing.begin(), missing.end(), id) == missing.end()) missing.push_back(id);
  }
  return missing;
}

struct Phase {
  std::string language, field;
  std::vector<FrameSample> typing;  // PressKey + frame
  std::vector<FrameSample> floor;   // frame alone, keyboard open, no key
};

std::vector<double> pick(const std::vector<FrameSample>& v, double FrameSample::*m) {
  std::vector<double> out;
  out.reserve(v.size());
  for (const auto& s : v) out.push_back(s.*m);
  return out;
}

void add_row(Table& t, const std::string& lang, const std::string& field, const std::string& what,
             const std::vector<FrameSample>& s, bool verdict_col) {
  if (s.empty()) return;
  const auto cpu = pick(s, &FrameSample::cpu), proc = pick(s, &FrameSample::proc), wall = pick(s, &FrameSample::wall);
  const double p99 = percentile(cpu, 99);
  t.row({lang, field, what, std::to_string(s.size()), fixed(median(cpu), 2), fixed(percentile(cpu, 95), 2),
         fixed(p99, 2), fixed(max_of(cpu), 2), fixed(median(wall), 1), fixed(percentile(wall, 99), 1),
         fixed(median(proc), 1), verdict_col ? verdict(p99, kTargetCpuMs) : ""});
}

std::vector<std::string> split_codes(const std::string& s) {
  std::vector<std::string> out;
  std::stringstream in(s);
  for (std::string c; std::getline(in, c, ',');)
    if (!c.empty()) out.push_back(c);
  return out;
}

void usage(std::ostream& out) {
  out << "Usage: " << kProg << " [--presses N] [--native-presses N] [--languages de,ar,uk,zh] [--screenshots DIR]\n"
      << "  Times key presses (PressKey + one frame) on the registration wizard's keyboard, 1920x1080:\n"
      << "  N presses (default 300) in \"given names\" per language, and --native-presses (default 100)\n"
      << "  in \"native name\" in ar and uk. --screenshots writes a PNG of each phase's last frame.\n"
      << "  Needs DISPLAY.\n";
}

int run(int argc, char** argv) {
  int presses = 300, native_presses = 100;
  std::vector<std::string> langs{"de", "ar", "uk", "zh"};
  std::string shots;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (a == "--help" || a == "-h") {
      usage(std::cout);
      return 0;
    } else if (a == "--presses" && i + 1 < argc) {
      presses = positive_int(kProg, a, argv[++i]);
    } else if (a == "--native-presses" && i + 1 < argc) {
      native_presses = positive_int(kProg, a, argv[++i]);
    } else if (a == "--languages" && i + 1 < argc) {
      langs = split_codes(argv[++i]);
    } else if (a == "--screenshots" && i + 1 < argc) {
      shots = argv[++i];
    } else {
      std::cerr << kProg << ": unexpected argument \"" << a << "\"\n";
      usage(std::cerr);
      return 2;
    }
  }
  if (!require_display(kProg)) return 2;

  std::cout.setf(std::ios::unitbuf);                     // keep our lines in order with the kiosk's log on stderr
  wk::core::log::set_level(wk::core::log::Level::warn);  // keep info lines out of the figures
  namespace fs = std::filesystem;
  auto data_loaded = wk::bench::load_kiosk_data(kProg);
  if (!data_loaded) return 1;
  auto& [table, messages, config] = *data_loaded;
  for (const auto& c : langs)
    if (std::find(config.languages.begin(), config.languages.end(), c) == config.languages.end() || !table.find(c)) {
      std::cerr << kProg << ": language \"" << c << "\" is not enabled in config/kiosk.json\n";
      return 2;
    }
  if (langs.empty()) {
    std::cerr << kProg << ": --languages: no language given\n";
    return 2;
  }
  if (!shots.empty()) {
    std::error_code ec;
    fs::create_directories(shots, ec);
    if (ec) {
      std::cerr << kProg << ": --screenshots: cannot create " << shots << ": " << ec.message() << "\n";
      return 2;
    }
  }

  // Which phases: given names in every language, native name in ar and uk when selected.
  struct Plan {
    std::string language, field;
    wk::ui::FieldKind kind;
    int presses;
  };
  std::vector<Plan> plan;
  for (const auto& c : langs) plan.push_back({c, "given_names", wk::ui::FieldKind::latin_name, presses});
  for (const auto& c : langs)
    if (c == "ar" || c == "uk") plan.push_back({c, "native_name", wk::ui::FieldKind::native_text, native_presses});

  const std::vector<std::string> letters = letter_keys();
  std::vector<std::string> all_ids = letters;
  all_ids.push_back("key.space");
  all_ids.push_back("key.backspace");
  try {
    for (const auto& p : plan) {
      const auto missing = missing_keys(*table.find(p.language), p.kind, all_ids);
      if (missing.empty()) continue;
      std::cerr << kProg << ": the " << p.language << " keyboard of " << p.field << " lacks";
      for (const auto& m : missing) std::cerr << " " << m;
      std::cerr << "\n";
      return 1;
    }
  } catch (const std::exception& e) {
    std::cerr << kProg << ": cannot load a keyboard layout: " << e.what() << "\n";
    return 1;
  }

  install_stop_handlers();  // Ctrl-C ends after the current frame and removes the temp dir
  TempDir data("wk-bench-keyboard-");
  config.data_dir = data.path();

  std::cout << "== bench_keyboard_frame: PressKey + one frame on the wizard's keyboard, in-process Shell " << kWidth
            << "x" << kHeight << " ==\n";
  print_environment(std::cout);
  std::cout << "  step 3 (personal data); per language " << presses << " presses in \"given names\" (Latin name "
            << "keyboard)";
  if (native_presses > 0) std::cout << ", " << native_presses << " in \"native name\" in ar/uk (native layout)";
  std::cout << "\n  keys: AD01..AD10 AC01..AC09 AB01..AB07, a space after every 7th letter, runs of backspace\n"
            << "  not measured: the first " << kStartWarmupFrames << " frames (one of them extends the font atlas), "
            << kPhaseWarmupFrames << " frames after each switch/focus\n\n";

  std::vector<Phase> phases;
  try {
    wk::core::Store store = wk::core::Store::open(data.path() / "kiosk.db");
    wk::ui::ShellOptions opt;
    opt.fullscreen = false;
    opt.width = kWidth;
    opt.height = kHeight;
    opt.language = langs.front();
    opt.screen = wk::ui::ScreenId::home;
    wk::ui::Shell shell({config, store, table, messages}, opt);
    if (!shell.open()) {
      std::cerr << kProg << ": the shell could not open its window (see the log above)\n";
      return 1;
    }
    shell.draw_frame();
    for (const wk::ui::Intent& in :
         {wk::ui::Intent{wk::ui::StartRegistration{}}, wk::ui::Intent{wk::ui::AcceptConsent{"notice"}},
          wk::ui::Intent{wk::ui::Choose{"target_group", "skilled_worker"}}, wk::ui::Intent{wk::ui::NextStep{}}}) {
      shell.apply(in);
      shell.draw_frame();
    }
    shell.apply(wk::ui::Focus{"given_names"});
    for (int i = 0; i < kStartWarmupFrames; ++i) shell.draw_frame();

    std::string language = langs.front();
    std::string field = "given_names";
    int len_given = 0, len_native = 0;
    size_t next_given = 0, next_native = 0;
    for (const auto& p : plan) {
      if (stop_requested()) return 1;
      if (p.language != language) {
        shell.apply(wk::ui::SwitchLanguage{p.language});
        language = p.language;
      }
      if (p.field != field) {
        shell.apply(wk::ui::Focus{p.field});
        field = p.field;
      }
      for (int i = 0; i < kPhaseWarmupFrames; ++i) shell.draw_frame();
      Phase ph{p.language, p.field, {}, {}};
      for (int i = 0; i < kFloorFrames; ++i) ph.floor.push_back(timed_frame(shell, [] {}));
      const bool native = p.field == "native_name";
      const auto keys =
          typing_sequence(letters, p.presses, native ? len_native : len_given, native ? next_native : next_given);
      for (const auto& id : keys) {
        if (stop_requested()) return 1;
        ph.typing.push_back(timed_frame(shell, [&] { shell.apply(wk::ui::PressKey{id}); }));
      }
      if (!shots.empty()) {
        shell.draw_frame();
        wk::ui::write_screenshot((fs::path(shots) / ("keyboard-" + p.language + "-" + p.field + ".png")).string(),
                                 kWidth, kHeight);
      }
      phases.push_back(std::move(ph));
    }
  } catch (const std::exception& e) {
    std::cerr << kProg << ": " << e.what() << "\n";
    return 1;
  }
  if (stop_requested()) return 1;  // main() re-raises the signal

  Table t({"lang", "field", "frame", "n", "cpu med", "cpu p95", "cpu p99", "cpu max", "wall med", "wall p99",
           "proc med", "p99 < 4 ms"},
          "lllrrrrrrrrl");
  std::vector<FrameSample> all;
  for (const auto& ph : phases) {
    add_row(t, ph.language, ph.field, "key press", ph.typing, true);
    add_row(t, ph.language, ph.field, "no key", ph.floor, false);
    all.insert(all.end(), ph.typing.begin(), ph.typing.end());
  }
  add_row(t, "all", "", "key press", all, true);
  std::cout << "  per frame, ms (cpu: this thread, CLOCK_THREAD_CPUTIME_ID; proc: all threads of the process)\n";
  t.print(std::cout);
  std::cout
      << "\n  \"key press\" = apply(PressKey) + draw_frame(); \"no key\" = draw_frame() alone with the keyboard open\n"
      << "  cpu covers the UI thread only (controller, shaping, ImGui, GL calls, glfwSwapBuffers); llvmpipe\n"
      << "  rasterizes on its own threads, which is in wall and proc but not in cpu\n"
      << "  target: p99 of the UI thread's CPU time per frame while typing under " << fixed(kTargetCpuMs, 0) << " ms\n";
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  const int rc = run(argc, argv);  // temp dirs are gone when it returns
  if (wk::bench::stop_requested()) wk::bench::reraise_stop();
  return rc;
}
