// Tests for kiosk/ui/replay: the script parser (every step kind, comments,
// errors with FILE:LINE:) and the ReplayRunner's frame-by-frame protocol,
// driven with a hand-filled ElementRegistry instead of a real app.
#include "kiosk/ui/replay.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <string>
#include <vector>

using namespace wk::ui;
using K = ReplayStep::Kind;

namespace {

// Expects parse_replay to throw a ReplayError starting with `prefix` and containing `needle`.
void expect_parse_error(const std::string& script, const std::string& prefix, const std::string& needle = "") {
  try {
    const auto steps = parse_replay(script, "flow.replay");
    FAIL("parsed " << steps.size() << " steps from a bad script: " << script);
  } catch (const ReplayError& e) {
    const std::string what = e.what();
    INFO("message: " << what);
    CHECK(what.rfind(prefix, 0) == 0);
    CHECK(what.find(needle) != std::string::npos);
  }
}

ReplayStep one(const std::string& line) {
  const auto steps = parse_replay(line, "x");
  REQUIRE(steps.size() == 1);
  return steps[0];
}

// Drives `runner` with frames where the app shows `reg` and `screen`; returns
// the inputs it asked for until it stops running or `max_frames` passed.
std::vector<ReplayInput> run(ReplayRunner& runner, const ElementRegistry& reg, std::string_view screen,
                             int max_frames) {
  std::vector<ReplayInput> inputs;
  for (int i = 0; i < max_frames && runner.status() == ReplayRunner::Status::running; ++i) {
    inputs.push_back(runner.next_input());
    runner.after_frame(ReplayView{reg, screen, 24.f});
  }
  return inputs;
}

}  // namespace

TEST_CASE("parse_replay parses every step kind", "[replay]") {
  const std::string script =
      "tap lang.ar\n"
      "drag list.languages -3.5\n"
      "type Hello world\n"
      "wait-screen home\n"
      "wait-screen about 2.5\n"
      "expect-screen languages\n"
      "expect-text home.title Good morning!\n"
      "expect-element nav.back\n"
      "expect-no-element idle.continue\n"
      "advance 61\n"
      "frames 3\n"
      "screenshot home-ar.png\n";
  const auto s = parse_replay(script, "all.replay");
  REQUIRE(s.size() == 12);

  CHECK(s[0].kind == K::tap);
  CHECK(s[0].id == "lang.ar");
  CHECK(s[0].line == 1);
  CHECK(s[0].source == "tap lang.ar");

  CHECK(s[1].kind == K::drag);
  CHECK(s[1].id == "list.languages");
  CHECK(s[1].number == Approx(-3.5));

  CHECK(s[2].kind == K::type);
  CHECK(s[2].text == "Hello world");

  CHECK(s[3].kind == K::wait_screen);
  CHECK(s[3].id == "home");
  CHECK(s[3].number == Approx(ReplayRunner::kWaitLimit));
  CHECK(s[4].kind == K::wait_screen);
  CHECK(s[4].number == Approx(2.5));

  CHECK(s[5].kind == K::expect_screen);
  CHECK(s[5].id == "languages");

  CHECK(s[6].kind == K::expect_text);
  CHECK(s[6].id == "home.title");
  CHECK(s[6].text == "Good morning!");

  CHECK(s[7].kind == K::expect_element);
  CHECK(s[7].id == "nav.back");
  CHECK(s[8].kind == K::expect_no_element);
  CHECK(s[8].id == "idle.continue");

  CHECK(s[9].kind == K::advance);
  CHECK(s[9].number == Approx(61));
  CHECK(s[10].kind == K::frames);
  CHECK(s[10].number == Approx(3));
  CHECK(s[11].kind == K::screenshot);
  CHECK(s[11].id == "home-ar.png");
  CHECK(s[11].line == 12);
}

TEST_CASE("parse_replay skips comments and blank lines and keeps line numbers", "[replay]") {
  const std::string script =
      "# a comment\n"
      "\n"
      "   \t  \n"
      "  tap   lang.de  \r\n"
      "    # indented comment\n"
      "expect-text welcome.title مرحبا بكم\n";
  const auto s = parse_replay(script, "c.replay");
  REQUIRE(s.size() == 2);
  CHECK(s[0].kind == K::tap);
  CHECK(s[0].id == "lang.de");
  CHECK(s[0].line == 4);
  CHECK(s[0].source == "tap   lang.de");
  CHECK(s[1].line == 6);
  CHECK(s[1].text == "مرحبا بكم");
  CHECK(parse_replay("", "empty").empty());
  CHECK(parse_replay("# only\n\n", "empty").empty());
}

TEST_CASE("parse_replay errors carry FILE:LINE:", "[replay]") {
  SECTION("unknown step") {
    expect_parse_error("tap a\n\nclick b\n", "flow.replay:3: ", "unknown step \"click\"");
  }
  SECTION("missing arguments") {
    expect_parse_error("tap\n", "flow.replay:1: ", "missing argument");
    expect_parse_error("# c\ndrag\n", "flow.replay:2: ", "missing argument");
    expect_parse_error("type\n", "flow.replay:1: ", "missing text");
    expect_parse_error("expect-text home.title\n", "flow.replay:1: ", "missing text");
    expect_parse_error("wait-screen\n", "flow.replay:1: ", "missing argument");
    expect_parse_error("expect-element\n", "flow.replay:1: ");
    expect_parse_error("screenshot\n", "flow.replay:1: ");
    expect_parse_error("advance\n", "flow.replay:1: ", "expected seconds");
    expect_parse_error("frames\n", "flow.replay:1: ", "expected a frame count");
  }
  SECTION("bad numbers") {
    expect_parse_error("drag list x\n", "flow.replay:1: ", "drag ID EM");
    expect_parse_error("drag list 3em\n", "flow.replay:1: ");
    expect_parse_error("advance soon\n", "flow.replay:1: ", "expected seconds");
    expect_parse_error("advance -1\n", "flow.replay:1: ", "expected seconds");
    expect_parse_error("advance 1.5s\n", "flow.replay:1: ");
    expect_parse_error("frames 0\n", "flow.replay:1: ", "expected a frame count");
    expect_parse_error("frames many\n", "flow.replay:1: ");
    expect_parse_error("wait-screen home later\n", "flow.replay:1: ", "expected seconds");
  }
  SECTION("screenshot names") {
    expect_parse_error("screenshot shots/a.png\n", "flow.replay:1: ", ".png");
    expect_parse_error("screenshot ../a.png\n", "flow.replay:1: ");
    expect_parse_error("screenshot /tmp/a.png\n", "flow.replay:1: ");
    expect_parse_error("screenshot a.jpg\n", "flow.replay:1: ", ".png");
    expect_parse_error("screenshot a.PNG\n", "flow.replay:1: ");
    expect_parse_error("screenshot .png\n", "flow.replay:1: ");
    CHECK(one("screenshot a.png").id == "a.png");
  }
  SECTION("extra words") {
    expect_parse_error("tap a b\n", "flow.replay:1: ", "unexpected extra words");
    expect_parse_error("advance 1 2\n", "flow.replay:1: ", "unexpected extra words");
    expect_parse_error("expect-element a b\n", "flow.replay:1: ", "unexpected extra words");
    expect_parse_error("screenshot a.png b.png\n", "flow.replay:1: ", "unexpected extra words");
    expect_parse_error("wait-screen home 3 4\n", "flow.replay:1: ", "unexpected extra words");
  }
  SECTION("the message quotes the line") {
    expect_parse_error("tap\n", "flow.replay:1: ", ": tap");
  }
}

TEST_CASE("parse_replay rejects a script that is not valid UTF-8", "[replay]") {
  expect_parse_error("tap a\ntype \xC3\x28\n", "flow.replay", "not valid UTF-8");
  expect_parse_error("tap \xED\xA0\x80\n", "flow.replay", "UTF-8");
}

// strtod also accepts "nan" and "inf": a script saying `frames inf` or
// `advance nan` is accepted and then casts infinity to int / adds NaN to the
// virtual clock. These are bad numbers and should be rejected like "soon".
TEST_CASE("parse_replay rejects non-finite numbers", "[replay]") {
  expect_parse_error("advance nan\n", "flow.replay:1: ");
  expect_parse_error("frames inf\n", "flow.replay:1: ");
  expect_parse_error("drag list nan\n", "flow.replay:1: ");
  expect_parse_error("wait-screen home inf\n", "flow.replay:1: ");
}

TEST_CASE("ReplayRunner: tap waits for the element, presses, releases, passes", "[replay][runner]") {
  ReplayRunner runner(parse_replay("# start\ntap lang.ar\n", "t.replay"), "/tmp/shots");
  ElementRegistry reg;

  // The element is not there yet: no pointer input, still running.
  for (int i = 0; i < 10; ++i) {
    const ReplayInput in = runner.next_input();
    CHECK_FALSE(in.pointer_set);
    CHECK(runner.after_frame(ReplayView{reg, "welcome", 24.f}) == ReplayRunner::Status::running);
  }
  CHECK(runner.steps_done() == 0);

  // It appears.
  reg.add("lang.ar", ElementKind::button, Rect{100, 200, 50, 40}, "العربية");
  CHECK_FALSE(runner.next_input().pointer_set);  // this frame only finds it
  CHECK(runner.after_frame(ReplayView{reg, "welcome", 24.f}) == ReplayRunner::Status::running);

  const ReplayInput press = runner.next_input();
  REQUIRE(press.pointer_set);
  CHECK(press.pointer.x == Approx(125));
  CHECK(press.pointer.y == Approx(220));
  CHECK(press.pointer.down);
  CHECK(press.pointer.clicked);
  CHECK_FALSE(press.pointer.released);
  CHECK(runner.after_frame(ReplayView{reg, "welcome", 24.f}) == ReplayRunner::Status::running);

  const ReplayInput release = runner.next_input();
  REQUIRE(release.pointer_set);
  CHECK(release.pointer.x == Approx(125));
  CHECK(release.pointer.y == Approx(220));
  CHECK_FALSE(release.pointer.down);
  CHECK_FALSE(release.pointer.clicked);
  CHECK(release.pointer.released);

  CHECK(runner.after_frame(ReplayView{reg, "home", 24.f}) == ReplayRunner::Status::passed);
  CHECK(runner.status() == ReplayRunner::Status::passed);
  CHECK(runner.steps_done() == 1);
  CHECK(runner.failure().empty());
}

TEST_CASE("ReplayRunner: a disabled button is waited for like a missing one", "[replay][runner]") {
  ReplayRunner runner(parse_replay("tap go\n", "t.replay"), "");
  ElementRegistry reg;
  reg.add("go", ElementKind::button, Rect{0, 0, 10, 10}, "Go", false);
  run(runner, reg, "home", 10);
  CHECK(runner.status() == ReplayRunner::Status::running);
  CHECK_FALSE(runner.next_input().pointer_set);
}

TEST_CASE("ReplayRunner: a tap on a missing element fails after kWaitLimit", "[replay][runner]") {
  ReplayRunner runner(parse_replay("\n\ntap lang.xx\n", "t.replay"), "");
  ElementRegistry reg;
  reg.add("lang.de", ElementKind::button, Rect{0, 0, 10, 10}, "Deutsch");
  int frames = 0;
  while (runner.status() == ReplayRunner::Status::running && frames < 1000) {
    CHECK_FALSE(runner.next_input().pointer_set);
    runner.after_frame(ReplayView{reg, "welcome", 24.f});
    ++frames;
  }
  REQUIRE(runner.status() == ReplayRunner::Status::failed);
  const double waited = frames * ReplayRunner::kFrameTime;
  CHECK(waited > ReplayRunner::kWaitLimit);
  CHECK(waited <= ReplayRunner::kWaitLimit + 2 * ReplayRunner::kFrameTime);
  const std::string& why = runner.failure();
  INFO("failure: " << why);
  CHECK(why.find("step 1 (line 3") != std::string::npos);
  CHECK(why.find("lang.xx") != std::string::npos);
  CHECK(why.find("welcome") != std::string::npos);
  CHECK(runner.steps_done() == 0);
}

TEST_CASE("ReplayRunner: expect-text failure shows the actual text", "[replay][runner]") {
  ReplayRunner runner(parse_replay("expect-element home.title\nexpect-text home.title Good evening\n", "t.replay"), "");
  ElementRegistry reg;
  reg.add("home.title", ElementKind::label, Rect{0, 0, 100, 20}, "Good morning!");
  run(runner, reg, "home", 5);
  REQUIRE(runner.status() == ReplayRunner::Status::failed);
  const std::string& why = runner.failure();
  INFO("failure: " << why);
  CHECK(why.find("step 2 (line 2") != std::string::npos);
  CHECK(why.find("Good morning!") != std::string::npos);
  CHECK(why.find("Good evening") != std::string::npos);
  CHECK(runner.steps_done() == 1);
}

TEST_CASE("ReplayRunner: expect-text passes on a substring", "[replay][runner]") {
  ReplayRunner runner(parse_replay("expect-text home.title morning\n", "t.replay"), "");
  ElementRegistry reg;
  reg.add("home.title", ElementKind::label, Rect{0, 0, 100, 20}, "Good morning!");
  run(runner, reg, "home", 5);
  CHECK(runner.status() == ReplayRunner::Status::passed);
}

TEST_CASE("ReplayRunner: wait-screen passes when the screen changes, fails after its limit", "[replay][runner]") {
  ElementRegistry reg;
  SECTION("passes") {
    ReplayRunner runner(parse_replay("wait-screen home\n", "t.replay"), "");
    for (int i = 0; i < 20; ++i)
      CHECK(runner.after_frame(ReplayView{reg, "welcome", 24.f}) == ReplayRunner::Status::running);
    CHECK(runner.after_frame(ReplayView{reg, "home", 24.f}) == ReplayRunner::Status::passed);
  }
  SECTION("fails") {
    ReplayRunner runner(parse_replay("wait-screen home 1\n", "t.replay"), "");
    const auto inputs = run(runner, reg, "welcome", 100);
    CHECK(runner.status() == ReplayRunner::Status::failed);
    // 30 or 31 frames of 1/30 s (rounding of the sum) exceed one second.
    CHECK(inputs.size() >= 30);
    CHECK(inputs.size() <= 31);
    CHECK(runner.failure().find("still on screen \"welcome\"") != std::string::npos);
  }
}

TEST_CASE("ReplayRunner: expect-screen and expect-(no-)element check the current frame", "[replay][runner]") {
  ElementRegistry reg;
  reg.add("nav.back", ElementKind::button, Rect{0, 0, 10, 10}, "Back");
  {
    ReplayRunner r(parse_replay("expect-screen home\nexpect-element nav.back\nexpect-no-element idle.end\n", "t"), "");
    run(r, reg, "home", 10);
    CHECK(r.status() == ReplayRunner::Status::passed);
  }
  {
    ReplayRunner r(parse_replay("expect-screen about\n", "t"), "");
    run(r, reg, "home", 10);
    REQUIRE(r.status() == ReplayRunner::Status::failed);
    CHECK(r.failure().find("expected screen \"about\" but it is \"home\"") != std::string::npos);
  }
  {
    ReplayRunner r(parse_replay("expect-no-element nav.back\n", "t"), "");
    run(r, reg, "home", 10);
    REQUIRE(r.status() == ReplayRunner::Status::failed);
    CHECK(r.failure().find("nav.back") != std::string::npos);
  }
}

TEST_CASE("ReplayRunner: advance, type, frames and screenshot produce their inputs", "[replay][runner]") {
  ReplayRunner runner(parse_replay("advance 61\ntype Anna\nframes 3\nscreenshot s.png\n", "t.replay"), "/tmp/shots");
  ElementRegistry reg;
  const ReplayView view{reg, "home", 24.f};

  ReplayInput in = runner.next_input();
  CHECK(in.advance == Approx(61));
  CHECK_FALSE(in.pointer_set);
  runner.after_frame(view);
  CHECK(runner.steps_done() == 1);

  in = runner.next_input();
  CHECK(in.typed == "Anna");
  CHECK(in.advance == 0);
  runner.after_frame(view);

  for (int i = 0; i < 3; ++i) {
    CHECK(runner.steps_done() == 2);
    in = runner.next_input();
    CHECK(in.typed.empty());
    runner.after_frame(view);
  }
  CHECK(runner.steps_done() == 3);

  in = runner.next_input();
  CHECK(in.screenshot == "/tmp/shots/s.png");
  CHECK(runner.after_frame(view) == ReplayRunner::Status::passed);
  // Once finished, no more input.
  const ReplayInput after = runner.next_input();
  CHECK_FALSE(after.pointer_set);
  CHECK(after.advance == 0);
  CHECK(after.screenshot.empty());
}

TEST_CASE("ReplayRunner: drag presses, moves by em, releases", "[replay][runner]") {
  ReplayRunner runner(parse_replay("drag list -2\n", "t.replay"), "");
  ElementRegistry reg;
  reg.add("list", ElementKind::label, Rect{0, 100, 200, 400}, "");
  const ReplayView view{reg, "languages", 20.f};
  CHECK_FALSE(runner.next_input().pointer_set);
  runner.after_frame(view);  // finds the element at (100, 300)

  std::vector<PointerState> ps;
  while (runner.status() == ReplayRunner::Status::running && ps.size() < 30) {
    const ReplayInput in = runner.next_input();
    if (in.pointer_set) ps.push_back(in.pointer);
    runner.after_frame(view);
  }
  CHECK(runner.status() == ReplayRunner::Status::passed);
  REQUIRE(ps.size() == 9);
  CHECK(ps.front().clicked);
  CHECK(ps.front().down);
  CHECK(ps.front().y == Approx(300));
  CHECK(ps.back().released);
  CHECK_FALSE(ps.back().down);
  CHECK(ps.back().y == Approx(300 - 40));  // -2 em at 20 px/em
  for (std::size_t i = 1; i + 1 < ps.size(); ++i) {
    CHECK(ps[i].down);
    CHECK_FALSE(ps[i].clicked);
    CHECK(ps[i].y < ps[i - 1].y);
  }
}

TEST_CASE("ReplayRunner with no steps has passed", "[replay][runner]") {
  ReplayRunner runner({}, "");
  CHECK(runner.status() == ReplayRunner::Status::passed);
  CHECK_FALSE(runner.next_input().pointer_set);
}

TEST_CASE("ReplayRunner: expect-min-size checks every button, not labels", "[replay][runner]") {
  expect_parse_error("expect-min-size\n", "flow.replay:1: ", "expected a size in pixels");
  expect_parse_error("expect-min-size 0\n", "flow.replay:1: ", "expected a size in pixels");

  ElementRegistry reg;
  reg.add("nav.back", ElementKind::button, Rect{0, 0, 120, 48}, "Back");
  reg.add("home.title", ElementKind::label, Rect{0, 60, 300, 20}, "Hello");  // labels are not targets
  {
    ReplayRunner runner(parse_replay("expect-min-size 48\n", "t.replay"), "");
    CHECK(runner.after_frame(ReplayView{reg, "home", 32.f}) == ReplayRunner::Status::passed);
  }
  reg.add("tile.tiny", ElementKind::button, Rect{0, 100, 200, 40}, "Tiny");
  ReplayRunner runner(parse_replay("expect-min-size 48\n", "t.replay"), "");
  CHECK(runner.after_frame(ReplayView{reg, "home", 32.f}) == ReplayRunner::Status::failed);
  INFO("failure: " << runner.failure());
  CHECK(runner.failure().find("button \"tile.tiny\" is 200x40 px on screen \"home\"") != std::string::npos);
}

TEST_CASE("ReplayRunner: a tap waits until nothing glides any more", "[replay][runner]") {
  ReplayRunner runner(parse_replay("tap lang.fr\n", "t.replay"), "");
  ElementRegistry reg;
  reg.add("lang.fr", ElementKind::button, Rect{0, 0, 100, 100}, "Français");
  for (int i = 0; i < 5; ++i) {
    CHECK_FALSE(runner.next_input().pointer_set);
    runner.after_frame(ReplayView{reg, "welcome", 24.f, /*settled=*/false});
  }
  CHECK(runner.status() == ReplayRunner::Status::running);
  runner.after_frame(ReplayView{reg, "welcome", 24.f, true});
  CHECK(runner.next_input().pointer_set);  // now it presses
}
