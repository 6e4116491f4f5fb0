// bench_finder: the contacts finder against a large directory.
//
// Generates 5,000 organisations and 50,000 contact persons (names in Latin, Cyrillic and
// Arabic script, every kind and topic, 40 postal codes, 12 languages; a fifth of the persons
// act as Kümmerer), stores them in a kiosk database in a temp dir, then measures
//   - reading the directory and building the search (once, when the finder opens);
//   - search as you type: 40 queries (names, organisation words, topic words in German,
//     English, Farsi and Russian) typed character by character, the CPU time of each
//     keystroke's search (DirectorySearch::find, as the finder runs it); target p99 < 5 ms;
//   - the Kümmerer choice for 2,000 registrations against that directory (need_of and
//     KuemmererPool::choose with the loads counted so far); target p99 < 5 ms;
//   - with a display: the real Shell in-process (1920x1080) on the finder, frames with a topic's
//     results on screen and a topic tile tapped plus its frame; target < 4 ms of the UI
//     thread's CPU (the "app" column without the software rasterizer's hand-over, see
//     bench_course_list).
// Never asserts timings. Usage: bench_finder [--persons N] [--organisations N]
#include <time.h>

#include <nlohmann/json.hpp>

#include <iostream>
#include <string>
#include <vector>

#include "bench_common.hpp"
#include "bench_kiosk_data.hpp"
#include "kiosk/core/catalog.hpp"
#include "kiosk/core/kuemmerer.hpp"
#include "kiosk/core/log.hpp"
#include "kiosk/core/store.hpp"
#include "kiosk/core/time.hpp"
#include "kiosk/ui/features/contacts/contacts_intents.hpp"
#include "kiosk/ui/features/contacts/directory_search.hpp"
#include "kiosk/ui/shell.hpp"

namespace {

using namespace wk::bench;
using nlohmann::json;

constexpr const char* kProg = "bench_finder";
constexpr double kSearchTargetMs = 5, kAssignTargetMs = 5, kFrameTargetMs = 4;

struct Rng {
  std::uint32_t s = 2026;
  std::uint32_t next() { return s = s * 1664525u + 1013904223u; }
  template <typename T>
  const T& pick(const std::vector<T>& v) {
    return v[next() % v.size()];
  }
};

const std::vector<std::string> kGiven = {
    "Aylin", "Samir",   "Olena", "Mehmet", "Parisa", "Jana",  "Thomas", "Elif", "Lukas", "Sabine", "Andreas", "Zeynep",
    "Rami",  "Claudia", "Nadia", "Iryna",  "Hasan",  "Lucía", "Dmitri", "Huda", "Ahmad", "Leyla",  "Ute",     "Andrei"};
const std::vector<std::string> kFamily = {"Berger",  "Haddad",  "Kowalska", "Yılmaz",     "Nouri", "Fischer",
                                          "Schulz",  "Demir",   "Becker",   "Müller",     "Koch",  "Arslan",
                                          "Mansour", "Richter", "Khalil",   "Bondarenko", "Kaya",  "García",
                                          "Sokolov", "Salim",   "Hussaini"};
const std::vector<std::string> kNative = {"Тарас Шевченко", "Ольга Петренко", "Іван Мельник", "عمر العلي",
                                          "فریده احمدی",    "Сергей Волков",  "ليلى حسن"};
const std::vector<std::string> kLangs = {"de", "en", "ar", "fa", "ru", "uk", "tr", "pl", "ro", "fr", "es", "ti"};
const std::vector<std::string> kWords = {"Beratung", "Zentrum", "Verein", "Dienst", "Amt", "Büro", "Haus", "Stelle"};

std::vector<wk::core::CatalogEntry> generated(int organisations, int persons) {
  Rng r;
  std::vector<wk::core::CatalogEntry> out;
  std::int64_t version = 0;
  for (int i = 0; i < organisations; ++i) {
    const std::string id = "o-" + std::to_string(i);
    json d{
        {"name", {{"de", r.pick(kWords) + " " + r.pick(kFamily) + " " + std::to_string(i)}}},
        {"kind", std::string(wk::core::kOrganisationKinds[i % wk::core::kOrganisationKinds.size()])},
        {"topics", {std::string(wk::core::kTopics[i % 9]), std::string(wk::core::kTopics[(i / 9) % 9])}},
        {"languages", {"de", r.pick(kLangs), r.pick(kLangs)}},
        {"postal_codes", {"12" + std::to_string(300 + i % 40)}},
        {"opening_hours",
         {{{"day", "mon"}, {"from", "09:00"}, {"to", "12:00"}}, {{"day", "thu"}, {"from", "14:00"}, {"to", "18:00"}}}},
        {"address", {{"street", "Straße " + std::to_string(i)}, {"postal_code", "12345"}, {"municipality", "Ort"}}}};
    out.push_back({"organisation", id, ++version, false, d.dump()});
  }
  for (int i = 0; i < persons; ++i) {
    const std::string name = i % 9 == 0 ? r.pick(kNative) : r.pick(kGiven) + " " + r.pick(kFamily);
    json d{
        {"name", name},
        {"organisation_id", "o-" + std::to_string(static_cast<int>(r.next() % static_cast<unsigned>(organisations)))},
        {"role", {{"de", "Beratung " + r.pick(kWords)}}},
        {"languages", {"de", r.pick(kLangs)}}};
    if (i % 5 == 0) {
      d["kuemmerer_capacity"] = 20 + static_cast<int>(r.next() % 100);
      d["postal_codes"] = {"12" + std::to_string(300 + i % 40)};
    }
    out.push_back({"contact_person", "p-" + std::to_string(i), ++version, false, d.dump()});
  }
  return out;
}

double now_cpu() {
  return cpu_ms(CLOCK_THREAD_CPUTIME_ID);
}

void add(Table& t, const std::string& what, const std::vector<double>& v, double target) {
  const double p99 = percentile(v, 99);
  t.row({what, std::to_string(v.size()), fixed(median(v), 3), fixed(percentile(v, 95), 3), fixed(p99, 3),
         fixed(max_of(v), 3), verdict(p99, target)});
}

int run(int argc, char** argv) {
  int persons = 50000, organisations = 5000;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (a == "--persons" && i + 1 < argc) {
      persons = positive_int(kProg, a, argv[++i]);
    } else if (a == "--organisations" && i + 1 < argc) {
      organisations = positive_int(kProg, a, argv[++i]);
    } else {
      std::cerr << "Usage: " << kProg << " [--persons N] [--organisations N]\n";
      return a == "--help" || a == "-h" ? 0 : 2;
    }
  }
  std::cout.setf(std::ios::unitbuf);
  wk::core::log::set_level(wk::core::log::Level::warn);
  auto data_loaded = load_kiosk_data(kProg);
  if (!data_loaded) return 1;
  auto& [table, messages, config] = *data_loaded;
  install_stop_handlers();
  TempDir data("wk-bench-finder-");
  config.data_dir = data.path();
  std::cout << "== bench_finder: " << organisations << " organisations, " << persons << " persons ==\n";
  print_environment(std::cout);
  try {
    wk::core::Store store = wk::core::Store::open(data.path() / "kiosk.db");
    wk::core::apply_catalog_delta(store.db(), generated(organisations, persons), "bench");
    const auto terms = wk::ui::DirectoryTerms::load(wk::test::source_dir() / "assets" / "directory" / "terms.json");

    double t0 = now_cpu();
    wk::core::Directory directory = wk::core::load_directory(store.db());
    const double read_ms = now_cpu() - t0;
    wk::text::SearchFold fold;
    t0 = now_cpu();
    wk::ui::DirectorySearch search(directory, terms, fold);
    const double build_ms = now_cpu() - t0;
    std::cout << "  opening the finder: reading the directory " << fixed(read_ms, 0) << " ms, building the search "
              << fixed(build_ms, 0) << " ms (CPU)\n\n";

    Table t({"what", "n", "p50 ms", "p95", "p99", "max", "verdict"}, "l");
    // Search as you type.
    const std::vector<std::pair<std::string, std::string>> queries = {
        {"muller", "de"},  {"Müller Aylin", "de"},  {"shevchenko", "de"}, {"Шевченко", "ru"},  {"berger", "en"},
        {"haddad", "ar"},  {"Beratung Koch", "de"}, {"Bürgergeld", "en"}, {"visa", "en"},      {"ویزا", "fa"},
        {"виза", "ru"},    {"Anerkennung", "de"},   {"kowalska", "uk"},   {"Straße 12", "de"}, {"Zentrum", "de"},
        {"sokolov", "ru"}, {"garcia", "es"},        {"yilmaz", "tr"},     {"Jobcenter", "de"}, {"Kita", "tr"}};
    std::vector<double> keystroke;
    wk::ui::FinderQuery q;
    q.now = {*wk::core::parse_calendar_date("2026-12-08"), 10 * 60};
    q.postal_code = "12310";
    for (int round = 0; round < 2 && !stop_requested(); ++round) {
      for (const auto& [text, lang] : queries) {
        q.language = lang;
        q.only_my_language = round == 1;
        std::size_t at = 0;
        while (at < text.size()) {
          at += 1;
          while (at < text.size() && (static_cast<unsigned char>(text[at]) & 0xC0) == 0x80) ++at;
          q.text = text.substr(0, at);
          const double c0 = now_cpu();
          const auto hits = search.find(q);
          keystroke.push_back(now_cpu() - c0);
        }
      }
      q.text.clear();
    }
    add(t, "search per keystroke", keystroke, kSearchTargetMs);
    // The Kümmerer choice.
    std::vector<double> assign;
    wk::core::KuemmererLoad load;
    const std::vector<std::string> towns = wk::core::municipalities_of(directory);
    const wk::core::KuemmererPool pool(directory);
    Rng r;
    const std::vector<std::string> groups = {"skilled_worker", "family_member", "student_to_work",
                                             "resident_seeking_match"};
    for (int i = 0; i < 2000 && !stop_requested(); ++i) {
      const std::string residence = "Weg " + std::to_string(i) + ", 12" + std::to_string(300 + r.next() % 45) + " Ort";
      const double c0 = now_cpu();
      const auto need = wk::core::need_of(towns, r.pick(groups), r.pick(kLangs), residence);
      const wk::core::ContactPerson* p = pool.choose(need, load);
      assign.push_back(now_cpu() - c0);
      if (p) ++load[p->id];
    }
    add(t, "Kümmerer choice", assign, kAssignTargetMs);
    t.print(std::cout);

    if (!std::getenv("DISPLAY")) {
      std::cout << "\n  no DISPLAY: the finder's frame was not measured\n";
      return 0;
    }
    wk::ui::ShellOptions opt;
    opt.fullscreen = false;
    opt.width = 1920;
    opt.height = 1080;
    opt.language = "de";
    opt.screen = wk::ui::ScreenId::home;
    opt.now = q.now;
    opt.resources = wk::test::source_dir();
    wk::ui::Shell shell({config, store, table, messages}, opt);
    if (!shell.open()) {
      std::cerr << kProg << ": the shell could not open its window\n";
      return 1;
    }
    for (int i = 0; i < 5; ++i) shell.draw_frame();
    const FrameSample open = timed_frame(shell, [&] { shell.apply(wk::ui::StartFinder{}); });
    std::cout << "\n  opening the finder in the shell (reading, building, the frame): " << fixed(open.cpu, 0)
              << " ms CPU\n";
    shell.apply(wk::ui::ChooseTopic{"work"});
    for (int i = 0; i < 30; ++i) shell.draw_frame();
    std::vector<double> idle, idle_app, tap, tap_app;
    for (int i = 0; i < 200 && !stop_requested(); ++i) {
      const FrameSample s = timed_frame(shell, [] {});
      idle.push_back(s.cpu);
      idle_app.push_back(s.cpu - shell.last_frame_cpu().submit_ms);
    }
    const std::vector<std::string> topics(wk::core::kTopics.begin(), wk::core::kTopics.end());
    for (int i = 0; i < 120 && !stop_requested(); ++i) {
      const std::string topic = topics[static_cast<std::size_t>(i / 2) % topics.size()];
      const FrameSample s = timed_frame(shell, [&] { shell.apply(wk::ui::ChooseTopic{topic}); });
      tap.push_back(s.cpu);
      tap_app.push_back(s.cpu - shell.last_frame_cpu().submit_ms);
    }
    Table f({"finder frame (UI thread CPU)", "n", "p50 ms", "p95", "p99", "max", "verdict"}, "l");
    add(f, "results on screen", idle, kFrameTargetMs);
    add(f, "  app part", idle_app, kFrameTargetMs);
    add(f, "topic tile + frame", tap, kFrameTargetMs);
    add(f, "  app part", tap_app, kFrameTargetMs);
    std::cout << "\n";
    f.print(std::cout);
  } catch (const std::exception& e) {
    std::cerr << kProg << ": " << e.what() << "\n";
    return 1;
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  return run(argc, argv);
}
