// Replay script parsing and the frame-by-frame runner.
#include "kiosk/ui/replay.hpp"

#include <charconv>
#include <cmath>
#include <sstream>

#include "kiosk/text/utf8.hpp"

namespace wk::ui {
namespace {

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
    } else if (cmd == "drag") {
      st.kind = K::drag;
      need_id();
      if (!number(word(rest), st.number)) bad("expected: drag ID EM (em to drag, negative is up)");
    } else if (cmd == "type") {
      st.kind = K::type;
      st.text = std::string(rest);
      if (st.text.empty()) bad("missing text");
    } else if (cmd == "wait-screen" || cmd == "expect-screen") {
      st.kind = cmd == "wait-screen" ? K::wait_screen : K::expect_screen;
      need_id();
      st.number = ReplayRunner::kWaitLimit;
      if (!rest.empty() && !number(word(rest), st.number)) bad("expected seconds after the screen name");
    } else if (cmd == "expect-text") {
      st.kind = K::expect_text;
      need_id();
      st.text = std::string(rest);
      if (st.text.empty()) bad("missing text");
    } else if (cmd == "expect-element" || cmd == "expect-no-element") {
      st.kind = cmd == "expect-element" ? K::expect_element : K::expect_no_element;
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
    } else {
      bad("unknown step \"" + std::string(cmd) + "\"");
    }
    if (!rest.empty() && st.kind != K::type && st.kind != K::expect_text) bad("unexpected extra words");
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
  if (index_ >= steps_.size()) status_ = Status::passed;
}

ReplayInput ReplayRunner::next_input() {
  using K = ReplayStep::Kind;
  ReplayInput in;
  if (status_ != Status::running) return in;
  const auto& st = steps_[index_];
  switch (st.kind) {
    case K::tap:
      if (phase_ == 1) {
        in.pointer = {tx_, ty_, true, true, false};
        in.pointer_set = true;
      } else if (phase_ == 2) {
        in.pointer = {tx_, ty_, false, false, true};
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
    case K::type:
      in.typed = st.text;
      break;
    case K::advance:
      in.advance = st.number;
      break;
    case K::screenshot:
      in.screenshot = (dir_ / st.id).string();
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
      const int last = st.kind == K::tap ? 3 : 11;  // one settling frame after release
      if (phase_ >= last) next_step();
      break;
    }
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
      // Every touch target on screen is at least that many pixels each way.
      for (const Element& e : view.elements.all()) {
        if (e.kind != ElementKind::button || (e.rect.w >= st.number && e.rect.h >= st.number)) continue;
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
    case K::type:
    case K::advance:
    case K::screenshot:
      next_step();
      break;
  }
  return status_;
}

}  // namespace wk::ui
