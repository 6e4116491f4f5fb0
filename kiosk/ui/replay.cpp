// Replay script parsing and the frame-by-frame runner.
#include "kiosk/ui/replay.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <fstream>
#include <sstream>

#include "kiosk/text/utf8.hpp"

namespace wk::ui {
namespace {

// hold: the frames the finger stays down after the press.
int hold_frames(const ReplayStep& st) {
  return std::max(1, static_cast<int>(st.number / ReplayRunner::kFrameTime + 0.5));
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

// Splits off the first word.
std::string_view word(std::string_view& s) {
  s = trim(s);
  size_t n = s.find_first_of(" \t");
  std::string_view w = s.substr(0, n);
  s = n == std::string_view::npos ? std::string_view{} : trim(s.substr(n));
  return w;
}

bool number(std::string_view s, double& out) {
  if (s.empty()) return false;
  std::string tmp(s);
  char* end = nullptr;
  out = std::strtod(tmp.c_str(), &end);
  return end && *end == 0 && std::isfinite(out) && std::abs(out) <= 1e6;
}

// The first code point of valid UTF-8 `s`, as UTF-8.
std::string first_code_point(std::string_view s) {
  if (s.empty()) return {};
  const auto lead = static_cast<unsigned char>(s[0]);
  const size_t n = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
  return std::string(s.substr(0, n));
}

// An enabled button that can be tapped (something of it is visible).
bool tappable(const Element* e) {
  return e && e->kind == ElementKind::button && e->enabled && e->rect.w > 0 && e->rect.h > 0;
}

// Frames of a reveal drag: press, 8 moves, the rest, release.
constexpr int kRevealRelease = 10 + ReplayRunner::kRevealRest;

}  // namespace

std::vector<ReplayStep> parse_replay(std::string_view script, const std::string& origin) {
  using K = ReplayStep::Kind;
  std::vector<ReplayStep> steps;
  if (!text::is_valid_utf8(script)) throw ReplayError(origin + ": not valid UTF-8");
  int line_no = 0;
  size_t pos = 0;
  while (pos <= script.size()) {
    size_t nl = script.find('\n', pos);
    std::string_view line = script.substr(pos, nl == std::string_view::npos ? std::string_view::npos : nl - pos);
    pos = nl == std::string_view::npos ? script.size() + 1 : nl + 1;
    ++line_no;
    line = trim(line);
    if (line.empty() || line.front() == '#') continue;
    auto bad = [&](const std::string& why) {
      throw ReplayError(origin + ":" + std::to_string(line_no) + ": " + why + ": " + std::string(line));
    };
    std::string_view rest = line;
    const std::string_view cmd = word(rest);
    ReplayStep st{};
    st.line = line_no;
    st.source = std::string(line);
    auto need_id = [&]() {
      st.id = std::string(word(rest));
      if (st.id.empty()) bad("missing argument");
    };
    if (cmd == "tap") {
      st.kind = K::tap;
      need_id();
    } else if (cmd == "hold") {
      st.kind = K::hold;
      need_id();
      if (!number(word(rest), st.number) || st.number <= 0 || st.number > 60)
        bad("expected: hold ID SECONDS (0 < SECONDS <= 60)");
    } else if (cmd == "drag") {
      st.kind = K::drag;
      need_id();
      if (!number(word(rest), st.number)) bad("expected: drag ID EM (em to drag, negative is up)");
    } else if (cmd == "reveal") {
      st.kind = K::reveal;
      need_id();
      st.text = std::string(word(rest));
      if (st.text.empty()) bad("expected: reveal ID SCROLL_ID");
    } else if (cmd == "type") {
      st.kind = K::type;
      st.text = std::string(rest);
      if (st.text.empty()) bad("missing text");
    } else if (cmd == "keys") {
      // Everything after the one separator is text, leading spaces too (the
      // line's trailing spaces are gone like on every line).
      st.kind = K::keys;
      if (line.size() > cmd.size()) st.text = std::string(line.substr(cmd.size() + 1));
      if (st.text.empty()) bad("missing text");
      rest = {};
    } else if (cmd == "wait-screen" || cmd == "expect-screen") {
      st.kind = cmd == "wait-screen" ? K::wait_screen : K::expect_screen;
      need_id();
      st.number = ReplayRunner::kWaitLimit;
      if (!rest.empty() && !number(word(rest), st.number)) bad("expected seconds after the screen name");
    } else if (cmd == "expect-text" || cmd == "wait-text" || cmd == "expect-drawn") {
      st.kind = cmd == "expect-text" ? K::expect_text : cmd == "wait-text" ? K::wait_text : K::expect_drawn;
      need_id();
      st.text = std::string(rest);
      if (st.text.empty()) bad("missing text");
    } else if (cmd == "expect-element" || cmd == "expect-no-element") {
      st.kind = cmd == "expect-element" ? K::expect_element : K::expect_no_element;
      need_id();
    } else if (cmd == "remember-place" || cmd == "expect-same-place") {
      st.kind = cmd == "remember-place" ? K::remember_place : K::expect_same_place;
      need_id();
    } else if (cmd == "expect-min-size") {
      st.kind = K::expect_min_size;
      if (!number(word(rest), st.number) || st.number <= 0) bad("expected a size in pixels");
    } else if (cmd == "advance") {
      st.kind = K::advance;
      if (!number(word(rest), st.number) || st.number < 0) bad("expected seconds");
    } else if (cmd == "frames") {
      st.kind = K::frames;
      if (!number(word(rest), st.number) || st.number < 1) bad("expected a frame count");
    } else if (cmd == "screenshot") {
      st.kind = K::screenshot;
      need_id();
      if (st.id.find('/') != std::string::npos || st.id.size() < 5 || st.id.substr(st.id.size() - 4) != ".png")
        bad("expected a file name ending in .png, without directories");
    } else if (cmd == "record") {
      st.kind = K::record;
      need_id();
      st.text = std::string(word(rest));
      if (st.text.empty() || st.text.find('/') != std::string::npos || st.text.front() == '.')
        bad("expected: record ID FILE (a file name without directories)");
    } else {
      bad("unknown step \"" + std::string(cmd) + "\"");
    }
    if (!rest.empty() && st.kind != K::type && st.kind != K::expect_text && st.kind != K::wait_text &&
        st.kind != K::expect_drawn) {
      bad("unexpected extra words");
    }
    steps.push_back(std::move(st));
  }
  return steps;
}

ReplayRunner::ReplayRunner(std::vector<ReplayStep> steps, std::filesystem::path screenshot_dir)
    : steps_(std::move(steps)), dir_(std::move(screenshot_dir)) {
  if (steps_.empty()) status_ = Status::passed;
}

void ReplayRunner::fail(const std::string& why) {
  const auto& st = steps_[index_];
  failure_ =
      "step " + std::to_string(index_ + 1) + " (line " + std::to_string(st.line) + ": " + st.source + "): " + why;
  status_ = Status::failed;
}

void ReplayRunner::next_step() {
  ++index_;
  phase_ = 0;
  waited_ = 0;
  typed_ = 0;
  tapping_ = 0;
  attempts_ = 0;
  had_before_ = false;
  if (index_ >= steps_.size()) status_ = Status::passed;
}

// keys, at rest: taps the key typing the most of what is left, else shift or
// layout (see replay.hpp).
void ReplayRunner::aim_key(const ReplayView& view) {
  const auto& st = steps_[index_];
  const std::string_view rest = std::string_view(st.text).substr(typed_);
  const std::string next = first_code_point(rest);
  auto no_key = [&](const std::string& why) {
    fail("no key types \"" + next + "\" on screen \"" + std::string(view.screen) + "\"" + why);
  };
  bool keyboard = false;
  const Element* best = nullptr;
  if (view.settled) {
    for (const Element& e : view.elements.all()) {
      if (e.id.rfind("key.", 0) != 0 || !tappable(&e)) continue;
      keyboard = true;
      // Action keys may carry a label ("US" on the layout key) but type nothing.
      if (e.id == "key.layout" || e.id == "key.xmore" || e.id == "key.shift" || e.id == "key.done" ||
          e.id == "key.backspace")
        continue;
      if (e.text.empty() || rest.substr(0, e.text.size()) != e.text) continue;
      if (!best || e.text.size() >= best->text.size()) best = &e;  // the topmost of equals
    }
  }
  if (!keyboard) {  // not shown yet, or still moving
    waited_ += kFrameTime;
    if (waited_ > kWaitLimit) no_key(view.settled ? " (no on-screen keyboard)" : " (the screen never settled)");
    return;
  }
  waited_ = 0;
  const Element* key = best;
  if (best) {
    tapping_ = best->text.size();
    attempts_ = 0;
  } else {
    const Element* shift = view.elements.find("key.shift");
    const Element* layout = view.elements.find("key.layout");
    if (!tappable(shift)) shift = nullptr;
    if (!tappable(layout)) layout = nullptr;
    if (attempts_ >= kKeyAttempts) {
      no_key(" after " + std::to_string(kKeyAttempts) + " taps on shift and layout");
      return;
    }
    // The 1st, 3rd, ... attempt taps shift (layout if there is none), the 2nd,
    // 4th, ... layout; without a layout key a second shift would only bring
    // back the keys already seen.
    key = attempts_ % 2 == 0 && shift ? shift : layout;
    if (!key) {
      no_key(attempts_ == 0 ? "" : " with or without shift");
      return;
    }
    tapping_ = 0;
    ++attempts_;
  }
  tx_ = key->rect.cx();
  ty_ = key->rect.cy();
  phase_ = 1;
}

// reveal, at rest: done, or starts the next drag (see replay.hpp).
void ReplayRunner::aim_reveal(const ReplayView& view) {
  const auto& st = steps_[index_];
  const Element* area = view.elements.find(st.text);
  if (!area || !view.settled) {
    waited_ += kFrameTime;
    if (waited_ > kWaitLimit)
      fail(area ? "element \"" + st.text + "\" never settled on screen \"" + std::string(view.screen) + "\""
                : "no element \"" + st.text + "\" on screen \"" + std::string(view.screen) + "\"");
    return;
  }
  waited_ = 0;
  const Rect& vp = area->rect;
  const Element* e = view.elements.find(st.id);
  constexpr float kSlack = 0.5f;  // px of float noise
  const bool inside =
      e && e->rect.w > 0 && e->rect.h > 0 && e->rect.y >= vp.y - kSlack && e->rect.bottom() <= vp.bottom() + kSlack;
  const bool clear = inside && e->rect.bottom() <= vp.bottom() - view.em + kSlack;
  auto same = [](const Rect& a, const Rect& b) {
    return std::abs(a.x - b.x) < kSlack && std::abs(a.y - b.y) < kSlack && std::abs(a.w - b.w) < kSlack &&
           std::abs(a.h - b.h) < kSlack;
  };
  const bool at_end = inside && had_before_ && same(e->rect, before_);  // the drag moved nothing
  if (clear || at_end) {
    next_step();
    return;
  }
  if (attempts_ >= kRevealDrags) {
    fail("element \"" + st.id + "\" not revealed in \"" + st.text + "\"");
    return;
  }
  const bool down = e && e->rect.y < vp.y;  // above the top: bring it down
  tx_ = vp.cx();
  ty_ = vp.y + vp.h * (down ? 0.3f : 0.7f);
  drag_dy_ = vp.h * (down ? 0.4f : -0.4f);
  had_before_ = e != nullptr;
  if (e) before_ = e->rect;
  ++attempts_;
  phase_ = 1;
}

ReplayInput ReplayRunner::next_input() {
  using K = ReplayStep::Kind;
  ReplayInput in;
  if (status_ != Status::running) return in;
  const auto& st = steps_[index_];
  switch (st.kind) {
    case K::tap:
    case K::keys:
      if (phase_ == 1) {
        in.pointer = {tx_, ty_, true, true, false};
        in.pointer_set = true;
      } else if (phase_ == 2) {
        in.pointer = {tx_, ty_, false, false, true};
        in.pointer_set = true;
      }
      break;
    case K::hold:
      // press, held for the step's seconds of virtual time, release
      if (phase_ >= 1 && phase_ <= hold_frames(st) + 1) {
        in.pointer = {tx_, ty_, phase_ <= hold_frames(st), phase_ == 1, phase_ == hold_frames(st) + 1};
        in.pointer_set = true;
      }
      break;
    case K::drag:
      if (phase_ >= 1 && phase_ <= 9) {
        // press, 8 moves, release
        const float y = ty_ + drag_dy_ * static_cast<float>(phase_ - 1) / 8.f;
        in.pointer = {tx_, y, phase_ < 9, phase_ == 1, phase_ == 9};
        in.pointer_set = true;
      }
      break;
    case K::reveal:
      if (phase_ >= 1 && phase_ <= kRevealRelease) {
        // press, 8 moves, rest, release
        const float y = ty_ + drag_dy_ * static_cast<float>(std::min(phase_ - 1, 8)) / 8.f;
        in.pointer = {tx_, y, phase_ < kRevealRelease, phase_ == 1, phase_ == kRevealRelease};
        in.pointer_set = true;
      }
      break;
    case K::type:
      in.typed = st.text;
      break;
    case K::advance:
      in.advance = st.number;
      break;
    case K::screenshot:
      in.screenshot = (dir_ / st.id).string();
      break;
    case K::wait_text:
      in.real_time = true;
      break;
    default:
      break;
  }
  return in;
}

ReplayRunner::Status ReplayRunner::after_frame(const ReplayView& view) {
  using K = ReplayStep::Kind;
  if (status_ != Status::running) return status_;
  const auto& st = steps_[index_];
  auto on_screen = [&]() { return " on screen \"" + std::string(view.screen) + "\""; };
  switch (st.kind) {
    case K::tap:
    case K::hold:
    case K::drag: {
      if (phase_ == 0) {
        const Element* e = view.elements.find(st.id);
        // Aim only once nothing moves any more (a list may still glide).
        if (!e || (e->kind == ElementKind::button && !e->enabled) || !view.settled) {
          waited_ += kFrameTime;
          if (waited_ > kWaitLimit) fail("no element \"" + st.id + "\"" + on_screen());
          break;
        }
        tx_ = e->rect.cx();
        ty_ = e->rect.cy();
        drag_dy_ = static_cast<float>(st.number) * view.em;
        phase_ = 1;
        break;
      }
      ++phase_;
      // one settling frame after release
      const int last = st.kind == K::tap ? 3 : st.kind == K::hold ? hold_frames(st) + 3 : 11;
      if (phase_ >= last) next_step();
      break;
    }
    case K::keys:
      if (phase_ == 0) {
        aim_key(view);
      } else if (++phase_ == 3) {  // released: the next frame shows what the key did
        typed_ += tapping_;
        tapping_ = 0;
        phase_ = 0;
        if (typed_ >= st.text.size()) next_step();
      }
      break;
    case K::reveal:
      if (phase_ == 0)
        aim_reveal(view);
      else if (++phase_ > kRevealRelease)  // released: look again once settled
        phase_ = 0;
      break;
    case K::wait_screen:
      if (view.screen == st.id)
        next_step();
      else if ((waited_ += kFrameTime) > st.number)
        fail("still" + on_screen() + " after " + std::to_string(static_cast<int>(st.number)) + " s");
      break;
    case K::expect_screen:
      if (view.screen == st.id)
        next_step();
      else
        fail("expected screen \"" + st.id + "\" but it is \"" + std::string(view.screen) + "\"");
      break;
    case K::wait_text: {
      if (phase_ == 0) {
        real_start_ = std::chrono::steady_clock::now();
        phase_ = 1;
      }
      const Element* e = view.elements.find(st.id);
      if (e && e->text.find(st.text) != std::string::npos) {
        next_step();
      } else if (std::chrono::steady_clock::now() - real_start_ > std::chrono::duration<double>(kRealWaitLimit)) {
        fail(e ? "element \"" + st.id + "\" still shows \"" + e->text + "\", not \"" + st.text + "\"" + " after " +
                     std::to_string(static_cast<int>(kRealWaitLimit)) + " s"
               : "no element \"" + st.id + "\"" + on_screen() + " after " +
                     std::to_string(static_cast<int>(kRealWaitLimit)) + " s");
      }
      break;
    }
    case K::expect_text: {
      const Element* e = view.elements.find(st.id);
      if (!e)
        fail("no element \"" + st.id + "\"" + on_screen());
      else if (e->text.find(st.text) == std::string::npos)
        fail("element \"" + st.id + "\" shows \"" + e->text + "\", not \"" + st.text + "\"");
      else
        next_step();
      break;
    }
    case K::expect_drawn: {
      const Element* e = view.elements.find(st.id);
      if (!e)
        fail("no element \"" + st.id + "\"" + on_screen());
      else if (e->drawn.find(st.text) == std::string::npos)
        fail("element \"" + st.id + "\" is drawn \"" + e->drawn + "\" (left to right), not \"" + st.text + "\"");
      else
        next_step();
      break;
    }
    case K::remember_place:
    case K::expect_same_place: {
      const Element* e = view.elements.find(st.id);
      if (!e || !view.settled) {
        if ((waited_ += kFrameTime) > kWaitLimit) fail("no element \"" + st.id + "\"" + on_screen());
        break;
      }
      if (st.kind == K::remember_place) {
        places_[st.id] = e->rect;
        next_step();
        break;
      }
      const auto it = places_.find(st.id);
      if (it == places_.end()) {
        fail("no place remembered for \"" + st.id + "\" (remember-place first)");
        break;
      }
      const Rect& a = it->second;
      const Rect& b = e->rect;
      if (std::abs(a.x - b.x) > 1 || std::abs(a.y - b.y) > 1 || std::abs(a.w - b.w) > 1 || std::abs(a.h - b.h) > 1) {
        auto r = [](const Rect& q) {
          return std::to_string(static_cast<int>(q.x)) + "," + std::to_string(static_cast<int>(q.y)) + " " +
                 std::to_string(static_cast<int>(q.w)) + "x" + std::to_string(static_cast<int>(q.h));
        };
        fail("element \"" + st.id + "\" moved from " + r(a) + " to " + r(b));
      } else {
        next_step();
      }
      break;
    }
    case K::expect_element:
      if (view.elements.find(st.id))
        next_step();
      else
        fail("no element \"" + st.id + "\"" + on_screen());
      break;
    case K::expect_no_element:
      if (!view.elements.find(st.id))
        next_step();
      else
        fail("element \"" + st.id + "\" is shown" + on_screen());
      break;
    case K::expect_min_size: {
      // Every touch target on screen that no scroll area cuts is at least that many pixels each way
      // (a cut one is dragged into view before it is tapped).
      for (const Element& e : view.elements.all()) {
        if (e.kind != ElementKind::button || e.cut || (e.rect.w >= st.number && e.rect.h >= st.number)) continue;
        fail("button \"" + e.id + "\" is " + std::to_string(static_cast<int>(e.rect.w)) + "x" +
             std::to_string(static_cast<int>(e.rect.h)) + " px" + on_screen());
        return status_;
      }
      next_step();
      break;
    }
    case K::frames:
      if (++phase_ >= static_cast<int>(st.number)) next_step();
      break;
    case K::record: {
      // Writes what the element shows to FILE in the screenshot directory, for
      // checks outside the app (run-replay compares it with the database).
      const Element* e = view.elements.find(st.id);
      if (!e) {
        fail("no element \"" + st.id + "\"" + on_screen());
        break;
      }
      std::ofstream out(dir_ / st.text, std::ios::trunc);
      out << e->text;
      if (!out) {
        fail("cannot write " + (dir_ / st.text).string());
        break;
      }
      next_step();
      break;
    }
    case K::screenshot:
      // What is photographed is also checked: layout problems fail the replay here.
      if (const std::string problem = check_layout(view); !problem.empty()) {
        fail("layout" + on_screen() + ": " + problem);
        break;
      }
      next_step();
      break;
    case K::type:
    case K::advance:
      next_step();
      break;
  }
  return status_;
}

std::string check_layout(const ReplayView& view) {
  if (view.width <= 0 || view.height <= 0) return {};
  constexpr float kSlack = 0.5f;  // rounding
  auto px = [](float v) { return std::to_string(static_cast<int>(std::lround(v))); };
  auto size = [&](const Rect& r) { return px(r.w) + "x" + px(r.h) + " px"; };
  const auto& all = view.elements.all();
  for (const Element& e : all) {
    if (e.id.empty()) continue;
    const Rect& r = e.rect;
    // A cut element shows only its part inside a scroll area, which lies inside the screen.
    if (!e.cut &&
        (r.x < -kSlack || r.y < -kSlack || r.right() > view.width + kSlack || r.bottom() > view.height + kSlack))
      return "\"" + e.id + "\" (" + px(r.x) + "," + px(r.y) + " " + size(r) + ") lies outside the " + px(view.width) +
             "x" + px(view.height) + " screen";
    if (e.text_clipped) return "the text of \"" + e.id + "\" does not fit its " + size(r);
    if (e.border_clipped) return "the outline of button \"" + e.id + "\" (" + size(r) + ") is clipped at an edge";
    if (e.word_broken) return "the text of \"" + e.id + "\" breaks a word inside (its " + size(r) + " is too narrow)";
    if (e.kind == ElementKind::button && !e.cut && (r.w < kMinTargetPx - kSlack || r.h < kMinTargetPx - kSlack))
      return "button \"" + e.id + "\" is " + size(r) + ", under " + px(kMinTargetPx) + " px";
  }
  // Under an overlay (the idle warning, "discard what you entered?") everything else is blocked:
  // only its own targets count, and they lie on top.
  if (view.screen == "idle-warning" || view.screen == "confirm-leave") return {};
  for (std::size_t i = 0; i < all.size(); ++i) {
    if (all[i].kind != ElementKind::button) continue;
    for (std::size_t j = i + 1; j < all.size(); ++j) {
      if (all[j].kind != ElementKind::button) continue;
      const Rect& a = all[i].rect;
      const Rect& b = all[j].rect;
      const float w = std::min(a.right(), b.right()) - std::max(a.x, b.x);
      const float h = std::min(a.bottom(), b.bottom()) - std::max(a.y, b.y);
      if (w > 1.f && h > 1.f)
        return "buttons \"" + all[i].id + "\" and \"" + all[j].id + "\" overlap by " + px(w) + "x" + px(h) + " px";
    }
  }
  return {};
}

}  // namespace wk::ui
