// Tests for kiosk/ui/touch: taps activate a button once on release inside;
// a press that moves beyond the threshold becomes a drag that scrolls and
// never activates; inertia after release; blocking and clipping.
#include "kiosk/ui/touch.hpp"

#include <catch2/catch.hpp>

#include <string>

using namespace wk::ui;

namespace {

constexpr float kDt = 1.0f / 60.0f;
constexpr float kThreshold = 8.0f;

PointerState press(float x, float y) {
  return {x, y, true, true, false};
}
PointerState move(float x, float y) {
  return {x, y, true, false, false};
}
PointerState release(float x, float y) {
  return {x, y, false, false, true};
}
PointerState idle() {
  return {};
}

const Rect kButton{100, 100, 200, 80};
const Rect kViewport{0, 0, 400, 300};
constexpr float kContent = 1000;  // max offset 700

// One frame with a single button; returns whether it activated.
bool button_frame(Touch& t, const PointerState& p, bool* held = nullptr) {
  t.begin_frame(p, kDt, kThreshold);
  const bool hit = t.button("b", kButton, held);
  t.end_frame();
  return hit;
}

// One frame with a scroll area holding a button; returns the offset.
float scroll_frame(Touch& t, const PointerState& p, bool* activated = nullptr) {
  t.begin_frame(p, kDt, kThreshold);
  const float off = t.scroll_area("list", kViewport, kContent);
  t.push_clip(kViewport);
  const bool hit = t.button("row", Rect{0, 100 - off, 400, 60}, nullptr);
  t.pop_clip();
  if (activated) *activated = *activated || hit;
  t.end_frame();
  return off;
}

}  // namespace

TEST_CASE("Touch: a tap activates the button exactly once, on release", "[touch]") {
  Touch t;
  bool held = false;
  CHECK_FALSE(button_frame(t, press(150, 120), &held));
  CHECK(held);
  CHECK_FALSE(button_frame(t, move(152, 121), &held));  // small jitter is not a drag
  CHECK(held);
  CHECK(button_frame(t, release(152, 121), &held));
  CHECK_FALSE(held);
  CHECK_FALSE(button_frame(t, idle(), &held));
  CHECK_FALSE(button_frame(t, idle(), &held));
}

TEST_CASE("Touch: a release outside the button does not activate it", "[touch]") {
  Touch t;
  CHECK_FALSE(button_frame(t, press(150, 120)));
  CHECK_FALSE(button_frame(t, release(150, 20)));  // the pointer jumped outside
  CHECK_FALSE(button_frame(t, idle()));
}

TEST_CASE("Touch: a press outside then release inside does not activate", "[touch]") {
  Touch t;
  CHECK_FALSE(button_frame(t, press(10, 10)));
  CHECK_FALSE(button_frame(t, release(150, 120)));
}

TEST_CASE("Touch: a press that moves beyond the threshold is a drag and never activates", "[touch]") {
  Touch t;
  bool held = false;
  CHECK_FALSE(button_frame(t, press(150, 120), &held));
  CHECK(held);
  CHECK_FALSE(button_frame(t, move(150, 120 + kThreshold + 2), &held));
  CHECK_FALSE(held);                                    // the pressed look goes away
  CHECK_FALSE(button_frame(t, move(150, 120), &held));  // back at the start...
  CHECK_FALSE(held);
  CHECK_FALSE(button_frame(t, release(150, 120), &held));  // ...still a drag
  // The next tap works again.
  CHECK_FALSE(button_frame(t, press(150, 120)));
  CHECK(button_frame(t, release(150, 120)));
}

TEST_CASE("Touch: movement below the threshold is still a tap", "[touch]") {
  Touch t;
  CHECK_FALSE(button_frame(t, press(150, 120)));
  CHECK_FALSE(button_frame(t, move(150 + 5, 120 + 5)));  // hypot ~7.07 < 8
  CHECK(button_frame(t, release(155, 125)));
}

TEST_CASE("Touch: scroll_area offset follows the drag and clamps", "[touch][scroll]") {
  Touch t;
  CHECK(scroll_frame(t, idle()) == 0);
  CHECK(scroll_frame(t, press(200, 250)) == 0);
  CHECK(scroll_frame(t, move(200, 200)) == Approx(50));  // finger up 50 -> content up 50
  CHECK(scroll_frame(t, move(200, 120)) == Approx(130));
  CHECK(scroll_frame(t, move(200, 170)) == Approx(80));  // and back down
  CHECK(scroll_frame(t, move(200, 260)) == Approx(0));   // clamped at the top
  CHECK(scroll_frame(t, move(200, 250)) == Approx(10));  // no "debt" from overshooting
  // Far up: clamped at content - viewport = 700.
  float off = 0;
  for (float y = 240; y > -2000; y -= 100) off = scroll_frame(t, move(200, y));
  CHECK(off == Approx(700));
}

TEST_CASE("Touch: scroll_area with short content never scrolls", "[touch][scroll]") {
  Touch t;
  auto frame = [&](const PointerState& p) {
    t.begin_frame(p, kDt, kThreshold);
    const float off = t.scroll_area("short", kViewport, 200);  // shorter than the viewport
    t.end_frame();
    return off;
  };
  frame(press(200, 250));
  CHECK(frame(move(200, 100)) == 0);
  CHECK(frame(release(200, 100)) == 0);
}

TEST_CASE("Touch: a drag in a scroll area does not activate the row under the finger", "[touch][scroll]") {
  Touch t;
  bool activated = false;
  scroll_frame(t, press(200, 120), &activated);  // on the row (y 100..160)
  scroll_frame(t, move(200, 100), &activated);
  scroll_frame(t, move(200, 80), &activated);
  scroll_frame(t, release(200, 80), &activated);
  CHECK_FALSE(activated);
  // Back to the top (which also stops the glide), then a plain tap on the row works.
  t.scroll_to_top("list");
  CHECK_FALSE(t.animating());
  CHECK(scroll_frame(t, idle()) == 0);
  scroll_frame(t, press(200, 130), &activated);
  CHECK_FALSE(activated);
  scroll_frame(t, release(200, 130), &activated);
  CHECK(activated);
}

TEST_CASE("Touch: a flick keeps scrolling after release and comes to rest", "[touch][scroll]") {
  Touch t;
  scroll_frame(t, press(200, 280));
  scroll_frame(t, move(200, 260));
  scroll_frame(t, move(200, 240));
  const float at_release_start = scroll_frame(t, move(200, 220));
  CHECK(at_release_start == Approx(60));
  CHECK_FALSE(t.animating());  // while the finger is down, moves come as input
  float off = scroll_frame(t, release(200, 220));
  CHECK(t.animating());
  CHECK(off > at_release_start);

  float prev = off;
  int frames = 0;
  while (t.animating() && frames < 1000) {
    off = scroll_frame(t, idle());
    CHECK(off >= prev);  // keeps moving the same way
    prev = off;
    ++frames;
  }
  CHECK_FALSE(t.animating());
  CHECK(frames > 5);     // it glided for a while
  CHECK(frames < 1000);  // and stopped
  CHECK(off > at_release_start + 20);
  CHECK(off <= 700);
  // At rest it stays put.
  CHECK(scroll_frame(t, idle()) == Approx(off));
  CHECK(scroll_frame(t, idle()) == Approx(off));
}

TEST_CASE("Touch: a drag released after the finger rested does not glide", "[touch][scroll]") {
  Touch t;
  scroll_frame(t, press(200, 280));
  scroll_frame(t, move(200, 250));
  const float held = scroll_frame(t, move(200, 220));
  // No motion events while the finger rests; the release comes 0.5 s later.
  t.begin_frame(release(200, 220), 0.5f, kThreshold);
  const float off = t.scroll_area("list", kViewport, kContent);
  t.end_frame();
  CHECK(off == Approx(held));
  CHECK_FALSE(t.animating());
}

TEST_CASE("Touch: a press on a gliding list stops it and is not a tap", "[touch][scroll]") {
  Touch t;
  // A frame with a list whose single row covers all the content.
  auto frame = [&](const PointerState& p, bool* activated) {
    t.begin_frame(p, kDt, kThreshold);
    const float off = t.scroll_area("list", kViewport, kContent);
    t.push_clip(kViewport);
    const bool hit = t.button("row", Rect{0, -off, 400, kContent}, nullptr);
    t.pop_clip();
    t.end_frame();
    if (activated) *activated = *activated || hit;
    return off;
  };
  bool activated = false;
  frame(press(200, 280), &activated);
  frame(move(200, 240), &activated);
  frame(move(200, 200), &activated);
  frame(release(200, 200), &activated);
  frame(idle(), &activated);
  REQUIRE(t.animating());
  const float at_catch = frame(press(200, 130), &activated);
  CHECK_FALSE(t.animating());
  CHECK(frame(release(200, 130), &activated) == Approx(at_catch));
  CHECK_FALSE(activated);
  // The next, ordinary tap on the resting list works again.
  frame(press(200, 130), &activated);
  frame(release(200, 130), &activated);
  CHECK(activated);
}

TEST_CASE("Touch: inertia stops at the end of the content", "[touch][scroll]") {
  Touch t;
  scroll_frame(t, press(200, 290));
  float y = 290;
  for (int i = 0; i < 10; ++i) scroll_frame(t, move(200, y -= 30));  // 300 px, fast
  float off = scroll_frame(t, release(200, y));
  CHECK(off < 400);
  CHECK(t.animating());
  int frames = 0;
  for (; frames < 1000 && t.animating(); ++frames) off = scroll_frame(t, idle());
  CHECK_FALSE(t.animating());
  CHECK(frames < 1000);
  CHECK(off == Approx(700));  // the glide would go further: it stops at the end
  CHECK(scroll_frame(t, idle()) == Approx(700));
}

TEST_CASE("Touch: scroll_to_top and reset forget the position", "[touch][scroll]") {
  Touch t;
  scroll_frame(t, press(200, 250));
  CHECK(scroll_frame(t, move(200, 150)) == Approx(100));
  scroll_frame(t, release(200, 150));
  t.scroll_to_top("list");
  CHECK_FALSE(t.animating());
  CHECK(scroll_frame(t, idle()) == 0);

  scroll_frame(t, press(200, 250));
  scroll_frame(t, move(200, 150));
  scroll_frame(t, release(200, 150));
  t.reset();
  CHECK_FALSE(t.animating());
  CHECK(scroll_frame(t, idle()) == 0);
}

TEST_CASE("Touch: set_blocked makes buttons inert for that frame", "[touch]") {
  Touch t;
  auto blocked_frame = [&](const PointerState& p, bool* held) {
    t.begin_frame(p, kDt, kThreshold);
    t.set_blocked(true);
    const bool hit = t.button("b", kButton, held);
    t.end_frame();
    return hit;
  };
  bool held = true;
  CHECK_FALSE(blocked_frame(press(150, 120), &held));
  CHECK_FALSE(held);
  CHECK_FALSE(blocked_frame(release(150, 120), &held));
  // end_frame() lifts the block: the next frame's tap works.
  CHECK_FALSE(button_frame(t, press(150, 120)));
  CHECK(button_frame(t, release(150, 120)));
}

// touch.hpp: "Widgets drawn while input is blocked (under a modal overlay)
// never react." button() checks the block only when the press starts, so a
// finger that went down before the overlay appeared activates the button
// under the overlay when it lifts.
TEST_CASE("Touch: a button under a block does not activate on a release that started before", "[touch]") {
  Touch t;
  CHECK_FALSE(button_frame(t, press(150, 120)));
  t.begin_frame(release(150, 120), kDt, kThreshold);
  t.set_blocked(true);  // e.g. the idle warning appeared meanwhile
  bool held = false;
  const bool hit = t.button("b", kButton, &held);
  t.end_frame();
  CHECK_FALSE(hit);
}

TEST_CASE("Touch: push_clip excludes presses outside the clip", "[touch]") {
  Touch t;
  const Rect clip{0, 0, 400, 130};  // the button (y 100..180) is half outside
  auto clipped_frame = [&](const PointerState& p) {
    t.begin_frame(p, kDt, kThreshold);
    t.push_clip(clip);
    const bool hit = t.button("b", kButton, nullptr);
    t.pop_clip();
    t.end_frame();
    return hit;
  };
  CHECK_FALSE(clipped_frame(press(150, 150)));  // inside the button, outside the clip
  CHECK_FALSE(clipped_frame(release(150, 150)));
  CHECK_FALSE(clipped_frame(press(150, 110)));  // inside both
  CHECK(clipped_frame(release(150, 110)));
  // Without the clip the lower half works again.
  CHECK_FALSE(button_frame(t, press(150, 150)));
  CHECK(button_frame(t, release(150, 150)));
}

TEST_CASE("Touch::visible is the part of a rectangle inside the current clips", "[touch]") {
  Touch t;
  t.begin_frame(idle(), kDt, kThreshold);
  const Rect all = t.visible(kButton);
  CHECK(all.x == kButton.x);
  CHECK(all.y == kButton.y);
  CHECK(all.w == kButton.w);
  CHECK(all.h == kButton.h);
  t.push_clip(Rect{0, 0, 400, 130});
  const Rect half = t.visible(kButton);
  CHECK(half.y == 100);
  CHECK(half.h == 30);
  CHECK(half.w == 200);
  t.push_clip(Rect{150, 0, 1000, 1000});  // nested clips intersect
  const Rect quarter = t.visible(kButton);
  CHECK(quarter.x == 150);
  CHECK(quarter.w == 150);
  CHECK(quarter.h == 30);
  t.pop_clip();
  t.pop_clip();
  t.push_clip(Rect{0, 500, 10, 10});  // no overlap
  const Rect none = t.visible(kButton);
  CHECK(none.w * none.h == 0);
  t.pop_clip();
  t.end_frame();
}

TEST_CASE("Touch: of two overlapping buttons only the one pressed activates", "[touch]") {
  Touch t;
  auto frame = [&](const PointerState& p, bool& a, bool& b) {
    t.begin_frame(p, kDt, kThreshold);
    a = t.button("a", Rect{0, 0, 100, 100}, nullptr);
    b = t.button("b", Rect{200, 0, 100, 100}, nullptr);
    t.end_frame();
  };
  bool a = false, b = false;
  frame(press(50, 50), a, b);
  frame(release(50, 50), a, b);
  CHECK(a);
  CHECK_FALSE(b);
}
