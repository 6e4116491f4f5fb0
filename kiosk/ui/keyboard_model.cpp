// Key rows for each field kind from XKB layouts.
#include "kiosk/ui/keyboard_model.hpp"

#include <unicode/uchar.h>

#include <algorithm>
#include <cctype>

#include "kiosk/text/dead_keys.hpp"
#include "kiosk/text/isolate.hpp"
#include "kiosk/text/utf8.hpp"

namespace wk::ui {
namespace {

Key action_key(const char* id, const char* label, KeyAction a, float width) {
  return {id, label, "", a, width};
}

void add_pad(KeyRows& rows, FieldKind kind) {
  const char* digits[3][3] = {{"1", "2", "3"}, {"4", "5", "6"}, {"7", "8", "9"}};
  for (auto& r : digits) {
    std::vector<Key> row;
    for (const char* d : r) row.push_back({std::string("key.d") + d, d, d, KeyAction::insert, 1.f});
    rows.push_back(std::move(row));
  }
  std::vector<Key> last;
  if (kind == FieldKind::date)
    last.push_back({"key.dot", ".", ".", KeyAction::insert, 1.f});
  else
    last.push_back({"key.plus", "+", "+", KeyAction::insert, 1.f});
  last.push_back({"key.d0", "0", "0", KeyAction::insert, 1.f});
  last.push_back(action_key("key.backspace", "", KeyAction::backspace, 1.5f));
  rows.push_back(std::move(last));
  rows.push_back({action_key("key.done", "", KeyAction::done, 1.5f)});
}

}  // namespace

std::string key_caption(const Key& key) {
  return text::isolate(key.label);
}

KeyboardModel::KeyboardModel(FieldKind kind, std::vector<text::KeyboardLayout> layouts, std::string extra)
    : kind_(kind), layouts_(std::move(layouts)), extra_(std::move(extra)) {
  rebuild();
}

std::string KeyboardModel::layout_name() const {
  if (kind_ == FieldKind::date || kind_ == FieldKind::phone || layouts_.empty()) return "";
  return layouts_[layout_].layout;
}

void KeyboardModel::set_shift(bool on) {
  if (shift_ == on) return;
  shift_ = on;
  rebuild();
}

void KeyboardModel::rebuild() {
  rows_.clear();
  if (kind_ == FieldKind::date || kind_ == FieldKind::phone || layouts_.empty()) {
    add_pad(rows_, kind_);
    return;
  }
  const text::KeyboardLayout& l = layouts_[layout_];
  if (!extra_.empty()) {
    const std::vector<char32_t> cps = text::code_points(extra_);
    const std::size_t pages = (cps.size() + kExtraPerPage - 1) / kExtraPerPage;
    if (extra_page_ >= pages) extra_page_ = 0;
    std::vector<Key> row;
    const std::size_t first = pages > 1 ? extra_page_ * kExtraPerPage : 0;
    const std::size_t last = pages > 1 ? std::min(cps.size(), first + kExtraPerPage) : cps.size();
    for (std::size_t i = first; i < last; ++i) {
      std::string s;
      text::append_utf8(s, shift_ ? static_cast<char32_t>(u_toupper(static_cast<UChar32>(cps[i]))) : cps[i]);
      row.push_back({"key.x" + std::to_string(i), s, s, KeyAction::insert, 1.f});
    }
    if (pages > 1) row.push_back(action_key("key.xmore", "\u2026", KeyAction::more_extra, 1.5f));
    rows_.push_back(std::move(row));
  }
  for (size_t r = 0; r < l.rows.size(); ++r) {
    std::vector<Key> row;
    for (const auto& cap : l.rows[r]) {
      const bool use_shift = shift_ && (!cap.shift.empty() || cap.dead[1] != 0);
      const std::string& s = use_shift ? cap.shift : cap.base;
      const std::uint32_t dead = use_shift ? cap.dead[1] : cap.dead[0];
      if (!s.empty())
        row.push_back({"key." + cap.xkb_name, s, s, KeyAction::insert, 1.f});
      else if (dead != 0 && text::DeadKeys::system().available())
        row.push_back({"key." + cap.xkb_name, text::DeadKeys::system().label(dead), "", KeyAction::dead, 1.f, dead});
    }
    if (r + 1 == l.rows.size()) {
      row.insert(row.begin(), action_key("key.shift", "", KeyAction::shift, 1.5f));
      row.push_back(action_key("key.backspace", "", KeyAction::backspace, 1.5f));
    }
    rows_.push_back(std::move(row));
  }
  std::vector<Key> bottom;
  if (layouts_.size() > 1) {
    // Labelled with the layout it switches to, in its XKB name: the same in every language.
    std::string next = layouts_[(layout_ + 1) % layouts_.size()].layout;
    for (auto& ch : next) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
    bottom.push_back(action_key("key.layout", next.c_str(), KeyAction::next_layout, 1.5f));
  }
  if (kind_ == FieldKind::email) {
    for (const char* s : {"@", ".", "-", "_"})
      bottom.push_back({std::string("key.e") + s, s, s, KeyAction::insert, 1.f});
    bottom.push_back({"key.de", ".de", ".de", KeyAction::insert, 1.5f});
    bottom.push_back({"key.com", ".com", ".com", KeyAction::insert, 1.5f});
  } else {
    bottom.push_back({"key.space", " ", " ", KeyAction::space, 5.f});
  }
  bottom.push_back(action_key("key.done", "", KeyAction::done, 1.5f));
  rows_.push_back(std::move(bottom));
}

KeyboardModel::Effect KeyboardModel::press(const Key& key) {
  Effect e;
  switch (key.action) {
    case KeyAction::insert:
    case KeyAction::space:
      e.insert = key.text;
      if (dead_ != 0) {
        if (auto composed = text::DeadKeys::system().compose(dead_, key.text)) e.insert = *composed;
        dead_ = 0;
      }
      if (shift_) set_shift(false);
      break;
    case KeyAction::dead:
      dead_ = dead_ == key.dead ? 0 : key.dead;
      break;
    case KeyAction::backspace:
      e.backspace = true;
      break;
    case KeyAction::shift:
      set_shift(!shift_);
      break;
    case KeyAction::next_layout:
      layout_ = (layout_ + 1) % layouts_.size();
      shift_ = false;
      dead_ = 0;
      rebuild();
      break;
    case KeyAction::done:
      e.done = true;
      break;
    case KeyAction::more_extra:
      ++extra_page_;
      rebuild();
      break;
  }
  return e;
}

}  // namespace wk::ui
