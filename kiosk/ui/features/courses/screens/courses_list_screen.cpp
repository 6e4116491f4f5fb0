// The course list: filter chips a newcomer can use without reading much (level, kind of
// course, evenings and weekends, childcare, how soon it starts, place) beside the courses
// they let through, bookable ones first by start date. Each row: title and level, dates and
// weekly times, place and free seats (or why it cannot be booked). Wide screens put the
// filters at the start edge; narrow ones above the list. Both parts scroll by dragging.
#include <imgui.h>

#include <algorithm>
#include <optional>

#include "kiosk/text/isolate.hpp"
#include "kiosk/ui/features/courses/screens/course_text.hpp"
#include "kiosk/ui/features/courses/screens/courses_views.hpp"
#include "kiosk/ui/theme.hpp"
#include "kiosk/ui/widgets.hpp"

namespace wk::ui {
namespace {

constexpr const char* kLevels[] = {"A1", "A2", "B1", "B2", "C1"};
constexpr const char* kGroups[] = {"integration", "job", "family", "other"};
constexpr int kWeeks[] = {4, 8, 12};

// Lays out (and with `draw`, draws) the filter chips from `top` across `col`; returns the height.
float filter_panel(Frame& f, const CoursesBrowser& b, const Rect& col, float top, bool draw) {
  const float em = f.em;
  const core::CourseFilter& flt = b.filter();
  const Mirror m = f.mirror(col);
  TextStyle head;
  head.role = FontRole::label;
  head.color = f.ui.theme.text_muted;
  const float gap = em * 0.4f;
  float y = top;
  auto heading = [&](const char* id, const std::string& text) {
    const float h = draw ? label(f, id, text, {col.x, y, col.w, 0}, head) : text_height(f, text, col.w, head);
    y += h + em * 0.3f;
  };
  // One chip per row, as tall as its text needs.
  auto wide_chip = [&](const std::string& id, const std::string& text, bool selected) {
    const float h = std::max(kControlEm * em, text_height(f, text, col.w - em * 3.4f) + em * 1.2f);
    bool tapped = false;
    if (draw) tapped = chip(f, id, text, {col.x, y, col.w, h}, selected);
    y += h + gap;
    return tapped;
  };
  // Short chips side by side, `cols` per row.
  auto grid_chips = [&](int count, int cols, auto text_of, auto id_of, auto selected_of, auto on_tap) {
    const float w = (col.w - gap * static_cast<float>(cols - 1)) / static_cast<float>(cols);
    const float h = kControlEm * em;
    for (int i = 0; i < count; ++i) {
      const int r = i / cols, k = i % cols;
      const Rect cell = m.place(static_cast<float>(k) * (w + gap), y + static_cast<float>(r) * (h + gap), w, h);
      if (draw && chip(f, id_of(i), text_of(i), cell, selected_of(i))) on_tap(i);
    }
    y += static_cast<float>((count + cols - 1) / cols) * (h + gap);
  };

  heading("courses.filter.level", f.t("courses.filter.level"));
  grid_chips(
      5, col.w >= 15.f * em ? 3 : 2, [](int i) { return std::string(kLevels[i]); },
      [](int i) { return "filter.level." + std::string(kLevels[i]); }, [&](int i) { return flt.level == kLevels[i]; },
      [&](int i) {
        f.emit(SetCourseFilter{"level", kLevels[i]});
      });
  y += em * 0.5f;
  heading("courses.filter.kind", f.t("courses.filter.kind"));
  for (const char* g : kGroups) {
    if (wide_chip("filter.group." + std::string(g), f.t("courses.group." + std::string(g)), flt.group == g))
      f.emit(SetCourseFilter{"group", g});
  }
  y += em * 0.5f;
  if (wide_chip("filter.work", f.t("courses.filter.work"), flt.fits_work)) f.emit(SetCourseFilter{"work", ""});
  if (wide_chip("filter.childcare", f.t("courses.filter.childcare"), flt.childcare))
    f.emit(SetCourseFilter{"childcare", ""});
  y += em * 0.5f;
  heading("courses.filter.starts", f.t("courses.filter.starts"));
  for (int weeks : kWeeks) {
    if (wide_chip("filter.weeks." + std::to_string(weeks), f.t("courses.filter.weeks", {{"n", std::int64_t{weeks}}}),
                  flt.starts_within_weeks == weeks))
      f.emit(SetCourseFilter{"weeks", std::to_string(weeks)});
  }
  if (!b.municipalities().empty()) {
    y += em * 0.5f;
    heading("courses.filter.place", f.t("courses.filter.place"));
    for (const auto& place : b.municipalities()) {
      if (wide_chip("filter.place." + place, text::isolate(place), flt.municipality == place))
        f.emit(SetCourseFilter{"place", place});
    }
  }
  return y - top;
}

// Dates and weekly times in one line ("11. Jan. – 30. Juni 2027 · Mo und Mi 18:00–21:15 Uhr").
std::string when_line(Frame& f, const core::Course& c) {
  std::string when = course_dates(f, c);
  const std::string schedule = course_schedule(f, c);
  if (!schedule.empty()) when = (when.empty() ? "" : text::isolate(when) + " · ") + text::isolate(schedule);
  return when;
}

// Height of the row of course `c` for a list `w` wide.
struct RowMetrics {
  float pad, title_w, body_line, gap;
};

float row_height(Frame& f, const core::Course& c, const RowMetrics& rm) {
  TextStyle ts;
  ts.role = FontRole::label;
  return rm.pad * 2 + text_height(f, course_text(f, c.title), rm.title_w, ts) + 2 * (rm.gap + rm.body_line);
}

// A row's texts in the session language: made when the row is first drawn, kept while the
// catalog read, the language and the width stay (ICU formatting each frame would cost more than
// drawing the whole list).
struct RowTexts {
  std::string levels, title, when, place, state;
  bool closed = false;
};

RowTexts row_texts(Frame& f, const core::Course& c) {
  RowTexts t;
  t.levels = course_levels(f, c);
  t.title = course_text(f, c.title);
  t.when = when_line(f, c);
  t.place = course_place(f, c);
  const std::string closed = course_closed_reason(f, c, false);
  t.closed = !closed.empty();
  t.state = t.closed ? closed : course_seats_text(f, c);
  return t;
}

void draw_row(Frame& f, const core::Course& c, const RowTexts& t, const Rect& r, const RowMetrics& rm) {
  const float em = f.em;
  const std::string id = "course." + c.id;
  if (card(f, id, r)) f.emit(ShowCourse{c.id});
  const Theme& th = f.ui.theme;
  const Mirror m = f.mirror(r);
  const float inner = r.w - 2 * rm.pad;
  float y = r.y + rm.pad;
  TextStyle ts;
  ts.role = FontRole::label;
  // The level as a badge at the end edge of the first line.
  if (!t.levels.empty()) {
    TextStyle ls;
    ls.role = FontRole::label;
    ls.align = Align::center;
    ls.vcenter = true;
    ls.color = th.on_primary;
    const float bw = em * 4.6f, bh = em * 1.7f;
    const Rect badge = m.place(r.w - rm.pad - bw, y - em * 0.1f, bw, bh);
    f.dl->AddRectFilled({badge.x, badge.y}, {badge.right(), badge.bottom()}, th.primary, bh * 0.5f);
    label(f, id + ".level", t.levels, badge, ls);
  }
  y += label(f, id + ".title", t.title, m.place(rm.pad, y, rm.title_w, 0), ts) + rm.gap;
  TextStyle muted;
  muted.color = th.text_muted;
  label(f, id + ".when", t.when, m.place(rm.pad, y, inner, rm.body_line), muted);
  y += rm.body_line + rm.gap;
  // Place at the start, seats (or why it cannot be booked) at the end.
  TextStyle state;
  state.align = Align::end;
  const core::Seats seats = core::course_seats(c);
  state.color = t.closed ? th.text_muted : seats.state == core::SeatState::free ? th.primary : th.error;
  const float half = (inner - em) * 0.5f;
  label(f, id + ".place", t.place, m.place(rm.pad, y, half, rm.body_line), muted);
  label(f, id + ".seats", t.state, m.place(rm.pad + half + em, y, half, rm.body_line), state);
}

}  // namespace

void draw_courses(Frame& f) {
  const CoursesBrowser* b = courses_browser(f);
  if (!b) return;
  const float em = f.em;
  const Rect c = f.content;
  const Mirror m = f.mirror(c);
  TextStyle title;
  title.role = FontRole::title;
  float y = c.y;
  // "My bookings" at the end of the heading; "Show all courses" below it while any filter is set.
  const std::string mine = f.t("courses.mine");
  const float mine_w = std::min(text_width(f, mine) + em * 2.f, c.w * 0.4f);
  if (button(f, "courses.mine", mine, m.place(c.w - mine_w, y, mine_w, kControlEm * em), ButtonKind::secondary))
    f.emit(StartMyBookings{});
  float clear_w = 0;
  if (b->filter().any()) {
    const std::string clear = f.t("courses.filter.clear");
    clear_w = std::min(text_width(f, clear) + em * 2.f, c.w * 0.4f);
    if (button(f, "filter.clear", clear,
               m.place(c.w - clear_w, y + kControlEm * em + em * 0.3f, clear_w, kControlEm * em), ButtonKind::quiet))
      f.emit(SetCourseFilter{"clear", ""});
  }
  const float head_w = c.w - std::max(mine_w, clear_w) - em;
  y += label(f, "courses.title", f.t("courses.title"), m.place(0, y, head_w, 0), title) + em * 0.2f;
  TextStyle count;
  count.color = f.ui.theme.text_muted;
  y += label(f, "courses.count", f.t("courses.count", {{"n", static_cast<std::int64_t>(b->shown().size())}}),
             m.place(0, y, head_w, 0), count);
  const float buttons_h = clear_w > 0 ? 2 * kControlEm * em + em * 0.3f : kControlEm * em;
  y = std::max(y, c.y + buttons_h) + em * 0.6f;

  const bool side = c.w >= 44.f * em;
  const float panel_w = side ? std::clamp(c.w * 0.3f, 14.f * em, 19.f * em) : c.w;
  const float body_h = c.bottom() - y;
  // The panel's height changes with the language, the width and the places only: measured once.
  struct PanelCache {
    const CoursesBrowser* browser = nullptr;
    unsigned version = 0;
    std::string language;
    float width = 0, em = 0, height = 0;
  };
  static PanelCache panel_cache;
  if (panel_cache.browser != b || panel_cache.version != b->load_version() || panel_cache.language != f.lang().code ||
      panel_cache.width != panel_w || panel_cache.em != em) {
    panel_cache = {b, b->load_version(), f.lang().code, panel_w, em, filter_panel(f, *b, {0, 0, panel_w, 0}, 0, false)};
  }
  const float panel_content = panel_cache.height;
  const float panel_h = side ? body_h : std::min(panel_content, body_h * 0.38f);
  const Rect panel = m.place(0, y, panel_w, panel_h);
  {
    ScrollArea area(f, "courses.filters", panel, panel_content, em * 0.15f);
    filter_panel(f, *b, panel, panel.y - area.offset(), true);
    const bool more_below = area.offset() + panel.h < panel_content - 1;
    area.end();
    // A visible cue that more filters lie below (as on the home screen), where the panel is cut.
    if (more_below) {
      const float s = em * 0.55f, cx = panel.cx(), cy = panel.bottom() + s * 0.5f;
      f.dl->AddTriangleFilled({cx - s, cy - s * 0.4f}, {cx + s, cy - s * 0.4f}, {cx, cy + s * 0.4f},
                              f.ui.theme.text_muted);
    }
  }

  const Rect list = side ? m.place(panel_w + em * 1.2f, y, c.w - panel_w - em * 1.2f, body_h)
                         : Rect{c.x, y + panel_h + em * 0.8f, c.w, body_h - panel_h - em * 0.8f};
  if (b->shown().empty()) {
    label(f, "courses.none", f.t("courses.none"), {list.x, list.y, list.w, 0});
    return;
  }
  RowMetrics rm;
  rm.pad = em * 0.7f;
  rm.gap = em * 0.3f;
  rm.title_w = list.w - 2 * rm.pad - em * 5.2f;
  rm.body_line = text_height(f, "Ag", list.w);
  const float row_gap = em * 0.6f;
  // Row heights depend on the titles' wrapping only: measured once per course for a catalog read,
  // language, width and em, not every frame or filter (5,000 rows would cost milliseconds).
  struct HeightCache {
    const CoursesBrowser* browser = nullptr;
    unsigned version = 0;
    std::string language;
    float width = 0, em = 0;
    std::vector<float> heights;                  // by index into courses()
    std::vector<std::optional<RowTexts>> texts;  // by index into courses(); made when first drawn
  };
  static HeightCache cache;
  if (cache.browser != b || cache.version != b->load_version() || cache.language != f.lang().code ||
      cache.width != list.w || cache.em != em) {
    cache = {b, b->load_version(), f.lang().code, list.w, em, {}, {}};
    cache.heights.reserve(b->courses().size());
    for (const auto& course : b->courses()) cache.heights.push_back(row_height(f, course, rm));
    cache.texts.resize(b->courses().size());
  }
  float total = 0;
  for (std::size_t i : b->shown()) total += cache.heights[i] + row_gap;
  f.ui.touch.scroll_to_top_on_change("courses.list", b->list_version());
  ScrollArea area(f, "courses.list", list, total, em * 0.15f);
  float ly = list.y - area.offset();
  for (std::size_t k = 0; k < b->shown().size(); ++k) {
    const float h = cache.heights[b->shown()[k]];
    if (ly + h >= list.y && ly <= list.bottom()) {
      const std::size_t i = b->shown()[k];
      if (!cache.texts[i]) cache.texts[i] = row_texts(f, b->courses()[i]);
      draw_row(f, b->courses()[i], *cache.texts[i], {list.x, ly, list.w, h}, rm);
    }
    ly += h + row_gap;
  }
}

}  // namespace wk::ui
