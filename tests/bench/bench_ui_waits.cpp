// bench_ui_waits: the frame-time distribution of the real Shell (in-process, 1920x1080, its
// own UI connection as welcome-kiosk opens it) while the sync worker's connection runs a sync
// with a 50,000-item pull and a retention run that deletes 200 registrations (so it truncates
// the WAL). Each frame applies a newcomer's tap that writes — choosing a language starts a
// visit, ending the session ends it — then draws. Goal: no frame waits more than 50 ms.
//
// Prints: per phase (no sync; during the sync) frames, p50 / p90 / p99 / max wall ms, frames
// over 16.7 and 50 ms; the UI connection's lock waits (how many, the longest, refused); the
// sync's outcome and time. Nothing is asserted. Needs a display (tests/bench/run gives Xvfb).
//
// Usage: bench_ui_waits [--contacts N]
#include "../sync/sync_rig.hpp"
#include "bench_common.hpp"
#include "bench_kiosk_data.hpp"

#include "kiosk/core/log.hpp"
#include "kiosk/ui/shell.hpp"

#include <atomic>
#include <thread>

using namespace wk::bench;
using Clock = std::chrono::steady_clock;

namespace {

constexpr const char* kProg = "bench_ui_waits";

void add_row(Table& t, const std::string& what, const std::vector<FrameSample>& s) {
  std::vector<double> wall;
  int over16 = 0, over50 = 0;
  for (const auto& x : s) {
    wall.push_back(x.wall);
    over16 += x.wall > 16.7;
    over50 += x.wall > 50.0;
  }
  t.row({what, std::to_string(s.size()), fixed(percentile(wall, 50), 1), fixed(percentile(wall, 90), 1),
         fixed(percentile(wall, 99), 1), fixed(max_of(wall), 1), std::to_string(over16), std::to_string(over50),
         verdict(max_of(wall), 50.0)});
}

int run(int argc, char** argv) {
  int contacts = 50000;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (a == "--contacts" && i + 1 < argc) {
      contacts = positive_int(kProg, a, argv[++i]);
    } else {
      std::cerr << "Usage: " << kProg << " [--contacts N]\n";
      return a == "--help" || a == "-h" ? 0 : 2;
    }
  }
  if (!require_display(kProg)) return 2;
  std::cout.setf(std::ios::unitbuf);
  wk::core::log::set_level(wk::core::log::Level::error);
  auto data_loaded = load_kiosk_data(kProg);
  if (!data_loaded) return 1;
  auto& [table, messages, config] = *data_loaded;
  install_stop_handlers();
  std::cout << "== bench_ui_waits: Shell frames with writing taps while a sync pulls " << contacts
            << " items and retention deletes 200 registrations ==\n";
  print_environment(std::cout);

  wk::sync::test::Rig rig;
  wk::sync::test::commit_registrations(rig.store, 200, "Old");
  if (rig.sync().outcome != wk::sync::SyncOutcome::done) {
    std::cerr << kProg << ": the first push failed\n";
    return 1;
  }
  rig.options.hub.retention_hours = 0;
  wk::sync::test::add_contact_persons(*rig.hub_store, contacts);

  config.data_dir = rig.store.path().parent_path();
  wk::core::Store ui = wk::core::Store::open(rig.store.path(), wk::core::Connection::ui);
  ui.leave_checkpoints_to_others();
  wk::ui::ShellOptions opt;
  opt.fullscreen = false;
  opt.width = 1920;
  opt.height = 1080;
  opt.screen = wk::ui::ScreenId::welcome;
  wk::ui::Shell shell({config, ui, table, messages}, opt);
  if (!shell.open()) {
    std::cerr << kProg << ": the shell could not open its window\n";
    return 1;
  }
  for (int i = 0; i < 30; ++i) shell.draw_frame();
  int tap = 0;
  const auto frame = [&] {
    return timed_frame(shell, [&] {
      if (tap++ % 2 == 0)
        shell.apply(wk::ui::ChooseLanguage{"ar"});
      else
        shell.apply(wk::ui::EndSession{});
    });
  };

  // The first taps build the session language's glyphs into the font atlas: once, not measured.
  for (int i = 0; i < 10; ++i) frame();
  Table t({"phase", "frames", "p50 ms", "p90", "p99", "max", "> 16.7 ms", "> 50 ms", "max < 50 ms"}, "l");
  std::vector<FrameSample> quiet;
  for (int i = 0; i < 300 && !stop_requested(); ++i) quiet.push_back(frame());
  add_row(t, "no sync", quiet);

  std::atomic<bool> done{false};
  wk::sync::SyncReport report;
  const auto t0 = Clock::now();
  std::thread worker([&] {
    report = rig.sync();
    done = true;
  });
  std::vector<FrameSample> busy;
  while (!done && !stop_requested()) busy.push_back(frame());
  worker.join();
  const double sync_s = std::chrono::duration<double>(Clock::now() - t0).count();
  add_row(t, "during the sync", busy);
  t.print(std::cout);
  const wk::core::LockWaits w = ui.lock_waits();
  std::cout << "  UI connection: " << w.waits << " statements found the database locked, longest wait "
            << fixed(w.max_ms, 1) << " ms, " << w.gave_up << " gave up (limit " << wk::core::kUiLockWait.count()
            << " ms)\n";
  std::cout << "  sync: " << wk::sync::to_string(report.outcome) << " in " << fixed(sync_s, 2) << " s, "
            << report.purge.registrations << " registrations deleted, WAL "
            << (report.purge.wal_truncated ? "truncated" : "not truncated") << "\n";
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
