// My bookings: the code on the code pad (unless this session registered), the code's Kümmerer,
// then a card per booking — its courses, who takes part, its state in words (place on the
// waiting list, how long an offered seat is held) — with "Cancel booking" / "Leave the waiting list", or
// "Accept the seat" / "Decline" for an offer. A line says when the hub is being asked or
// cannot be reached; what this terminal knows shows at once either way.
#include <imgui.h>

#include <algorithm>
#include <cmath>

#include "kiosk/text/isolate.hpp"
#include "kiosk/ui/features/courses/screens/course_text.hpp"
#include "kiosk/ui/features/courses/screens/courses_views.hpp"
#include "kiosk/ui/theme.hpp"
#include "kiosk/ui/widgets.hpp"

namespace wk::ui {
namespace {

// The courses of `e`, each once, in line order.
std::vector<std::string> courses_of(const MyBookingEntry& e) {
  std::vector<std::string> out;
  for (const auto& l : e.lines)
    if (std::find(out.begin(), out.end(), l.course_id) == out.end()) out.push_back(l.course_id);
  return out;
}

std::string state_line(const Frame& f, const MyBookingEntry& e) {
  if (e.cancel_sent) return f.t("mine.cancel_sent");
  std::string s = f.t("booking.state." + e.state);
  if (e.state == "waiting" && e.of > 0) s += " \u00B7 " + f.t("mine.position", {{"n", e.position}, {"of", e.of}});
  if (e.state == "offered" && e.offer_expires_in > 0) {
    const auto hours = static_cast<std::int64_t>(std::ceil(static_cast<double>(e.offer_expires_in) / 3600.0));
    s += " \u00B7 " + f.t("mine.offer_hours", {{"hours", hours}});
  }
  return s;
}

}  // namespace

void draw_course_mine(Frame& f) {
  const CoursesBrowser* b = courses_browser(f);
  if (!b) return;
  const MyBookings& m = b->mine();
  const float em = f.em;
  const Rect area = f.content;
  const float w = std::min(area.w, 44.f * em);
  const Rect col = f.mirror(area).place(0, area.y, w, area.h);
  const Mirror cm = f.mirror(col);
  // While "really cancel?" is asked, nothing beneath it answers a touch.
  f.ui.touch.set_blocked(!m.confirm_cancel.empty());
  TextStyle title;
  title.role = FontRole::title;
  TextStyle muted;
  muted.color = f.ui.theme.text_muted;
  float y = col.y;
  y += label(f, "mine.title", f.t("mine.title"), {col.x, y, col.w, 0}, title) + em * 0.4f;

  if (m.code.empty()) {
    y += label(f, "mine.prompt", f.t("mine.prompt"), {col.x, y, col.w, 0}) + em * 0.6f;
    const float pad_w = std::min(area.w, 36.f * em);
    code_pad(f, m.typed, m.code_wrong, {area.x + (area.w - pad_w) * 0.5f, y, pad_w, 0}, y, area.bottom());
    return;
  }

  const std::string other = f.t("booking.other_code");
  const float bw = std::min(text_width(f, other) + em * 2.f, col.w * 0.5f);
  if (button(f, "mine.other_code", other, cm.place(col.w - bw, y, bw, kControlEm * em), ButtonKind::quiet))
    f.emit(ForgetMyCode{});
  label(f, "mine.code", f.t("booking.code", {{"code", m.code}}), cm.place(0, y + em * 0.5f, col.w - bw - em, 0), muted);
  f.ui.elements.spell_last(m.code);
  y += kControlEm * em + em * 0.4f;

  // What the hub says, or why it says nothing yet.
  const DeskReply reply = b->desk_reply();
  const bool ours = b->has_desk() && m.ticket != 0 && reply.ticket == m.ticket;
  if (ours && reply.state == DeskReply::State::waiting) {
    y += label(f, "mine.status", f.t("mine.asking"), {col.x, y, col.w, 0}, muted) + em * 0.4f;
  } else if (ours && (reply.state == DeskReply::State::offline || reply.state == DeskReply::State::refused)) {
    const std::string again = f.t("mine.again");
    const float aw = std::min(text_width(f, again) + em * 2.f, col.w * 0.4f);
    const std::string why = f.t(reply.state == DeskReply::State::offline ? "mine.offline" : "mine.refused");
    const float th = text_height(f, why, col.w - aw - em);
    if (button(f, "mine.again", again, cm.place(col.w - aw, y, aw, kControlEm * em), ButtonKind::secondary))
      f.emit(RefreshMyBookings{});
    label(f, "mine.status", why, cm.place(0, y, col.w - aw - em, 0), muted);
    y += std::max(th, kControlEm * em) + em * 0.4f;
  }

  // The code's Kümmerer (the hub's final word when it answered), from this terminal's directory.
  if (const auto* k = b->kuemmerer_card(m.kuemmerer_id(&reply))) {
    std::string who = text::isolate(k->name);
    const std::string org = course_text(f, k->organisation);
    if (!org.empty()) who += " \u00B7 " + org;
    std::string reach = k->phone.empty() ? std::string() : text::isolate(k->phone);
    if (!k->email.empty()) reach += (reach.empty() ? "" : " \u00B7 ") + text::isolate(k->email);
    if (!reach.empty()) who += "\n" + reach;
    y += label(f, "mine.kuemmerer.label", f.t("receipt.kuemmerer"), {col.x, y, col.w, 0}, muted) + em * 0.1f;
    y += label(f, "mine.kuemmerer", who, {col.x, y, col.w, 0}) + em * 0.6f;
  }

  const std::vector<MyBookingEntry> entries = m.entries(&reply);
  if (entries.empty()) {
    if (!(ours && reply.state == DeskReply::State::waiting))
      label(f, "mine.none", f.t("mine.none"), {col.x, y, col.w, 0});
  }
  const float pad = em * 0.7f, text_w = col.w - 2 * pad;
  TextStyle ts;
  ts.role = FontRole::label;
  TextStyle state;
  state.color = f.ui.theme.primary;
  auto card_h = [&](const MyBookingEntry& e) {
    float h = 2 * pad;
    for (const auto& id : courses_of(e)) {
      const core::Course* c = b->course(id);
      h += text_height(f, c ? course_text(f, c->title) : id, text_w, ts) + em * 0.1f +
           text_height(f, people_in(f, m.names, e.lines, id), text_w) + em * 0.4f;
    }
    h += text_height(f, state_line(f, e), text_w, state);
    const bool actions = e.state == "requested" || e.state == "confirmed" || e.state == "waiting" ||
                         (e.state == "offered" && b->has_desk());
    if (actions && !e.cancel_sent) h += em * 0.6f + kControlEm * em;
    return h;
  };
  float total = 0;
  for (const auto& e : entries) total += card_h(e) + em * 0.6f;
  const Rect view{col.x, y, col.w, std::max(0.f, area.bottom() - kFooterEm * em - em - y)};
  {
    ScrollArea scroll(f, "mine.bookings", view, total, em * 0.15f);
    float cy = view.y - scroll.offset();
    for (std::size_t n = 0; n < entries.size(); ++n) {
      const MyBookingEntry& e = entries[n];
      const float h = card_h(e);
      const Rect r{col.x, cy, col.w, h};
      cy += h + em * 0.6f;
      if (r.bottom() < view.y || r.y > view.bottom()) continue;
      panel(f, r);
      const Mirror rm = f.mirror(r);
      const std::string key = "mine." + std::to_string(n);  // by place on screen: replays can name it
      float ty = r.y + pad;
      for (const auto& id : courses_of(e)) {
        const core::Course* c = b->course(id);
        ty += label(f, key + "." + id + ".title", c ? course_text(f, c->title) : id, rm.place(pad, ty, text_w, 0), ts) +
              em * 0.1f;
        ty += label(f, key + "." + id + ".people", people_in(f, m.names, e.lines, id), rm.place(pad, ty, text_w, 0)) +
              em * 0.4f;
      }
      ty += label(f, key + ".state", state_line(f, e), rm.place(pad, ty, text_w, 0), state) + em * 0.6f;
      if (e.cancel_sent) continue;
      const float bh = kControlEm * em;
      if (e.state == "offered" && b->has_desk()) {
        const float half = (text_w - em) * 0.5f;
        if (button(f, key + ".accept", f.t("mine.accept"), rm.place(pad, ty, half, bh), ButtonKind::primary))
          f.emit(AnswerOffer{e.id, true});
        if (button(f, key + ".decline", f.t("mine.decline"), rm.place(pad + half + em, ty, half, bh),
                   ButtonKind::secondary))
          f.emit(AnswerOffer{e.id, false});
      } else if (e.state == "requested" || e.state == "confirmed" || e.state == "waiting") {
        const std::string text = f.t(e.state == "waiting" ? "mine.leave" : "mine.cancel");
        const float cw = std::min(text_width(f, text) + em * 2.f, text_w);
        if (button(f, key + ".cancel", text, rm.place(pad, ty, cw, bh), ButtonKind::secondary)) f.emit(AskCancel{e.id});
      }
    }
  }
  if (courses_footer(f, area, "mine.done", f.t("booking.done")) == 1) f.emit(GoHome{});

  f.ui.touch.set_blocked(false);
  if (!m.confirm_cancel.empty())
    if (const auto yes = ask_really(f, "mine.really")) f.emit(ConfirmCancel{*yes});
}

}  // namespace wk::ui
