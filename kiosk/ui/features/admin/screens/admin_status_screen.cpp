// What staff see first: the terminal's state as labelled facts (connection, last sync and error,
// the queue, dead letters, allotments, catalogs, sizes, version, id, uptime) and the actions
// beside them: sync now, the dead letters, out of service, exit to maintenance (asked first).
#include <imgui.h>

#include <algorithm>
#include <chrono>
#include <cmath>

#include "kiosk/core/time.hpp"
#include "kiosk/text/isolate.hpp"
#include "kiosk/ui/features/admin/admin_intents.hpp"
#include "kiosk/ui/features/admin/screens/admin_views.hpp"
#include "kiosk/ui/theme.hpp"
#include "kiosk/ui/widgets.hpp"

#ifndef WK_VERSION
#define WK_VERSION "0"
#endif

namespace wk::ui {
namespace {

std::string mib(const Frame& f, std::uintmax_t bytes) {
  const double m = std::round(static_cast<double>(bytes) / (1024.0 * 1024.0) * 10.0) / 10.0;
  return f.t("format.admin.mib", {{"size", m}});
}

std::string connection(const Frame& f, const AdminConsole& a) {
  using S = SyncIndicator::State;
  switch (a.sync().state) {
    case S::none:
      return f.t("admin.conn.none");
    case S::starting:
      return f.t("admin.conn.starting");
    case S::syncing:
      return f.t("admin.conn.syncing");
    case S::online:
      return f.t("admin.conn.online");
    case S::offline:
      return f.t("admin.conn.offline");
    case S::locked:
      return f.t("admin.conn.locked");
    case S::error:
      return f.t("admin.conn.error");
  }
  return {};
}

}  // namespace

void draw_admin_status(Frame& f) {
  const AdminConsole* a = admin_console(f);
  if (!a) return;
  const float em = f.em;
  const Rect area = staff_bar(f, f.t("admin.title.status"), false);
  f.ui.touch.set_blocked(a->confirm_exit());
  const core::TerminalStatus& s = a->status();
  const auto n = [](std::int64_t v) { return text::MessageValue{v}; };
  const auto up = static_cast<std::int64_t>(a->uptime_s());
  std::vector<Fact> rows{
      {"admin.status.connection", f.t("admin.status.connection"), connection(f, *a)},
      {"admin.status.last_sync", f.t("admin.status.last_sync"), staff_time(f, s.last_success_at)},
      {"admin.status.last_try", f.t("admin.status.last_try"), staff_time(f, s.last_attempt_at)},
      {"admin.status.last_error", f.t("admin.status.last_error"),
       s.last_error.empty() ? f.t("admin.status.no_error") : text::isolate(s.last_error)},
      {"admin.status.pending", f.t("admin.status.pending"), f.t("format.admin.count", {{"count", n(s.pending)}})},
      {"admin.status.dead_letters", f.t("admin.status.dead_letters"),
       f.t("format.admin.count", {{"count", n(s.dead_letters)}})},
      {"admin.status.allotments", f.t("admin.status.allotments"),
       f.t("format.admin.count", {{"count", n(s.allotments)}})},
      {"admin.status.catalog", f.t("admin.status.catalog"),
       f.t("admin.status.catalog_value",
           {{"courses", n(s.courses)},
            {"organisations", n(s.organisations)},
            {"people", n(s.contact_persons)},
            {"cursor", s.catalog_cursor.empty() ? std::string("-") : text::isolate(s.catalog_cursor)}})},
      {"admin.status.database", f.t("admin.status.database"), mib(f, s.database_bytes)},
      {"admin.status.disk", f.t("admin.status.disk"), mib(f, s.free_disk_bytes)},
      {"admin.status.version", f.t("admin.status.version"), text::isolate(WK_VERSION)},
      {"admin.status.terminal", f.t("admin.status.terminal"), text::isolate(a->terminal_id())},
      {"admin.status.uptime", f.t("admin.status.uptime"),
       f.t("admin.status.uptime_value", {{"hours", n(up / 3600)}, {"minutes", n(up / 60 % 60)}})},
  };
  const Mirror m = f.mirror(area);
  float top = area.y;
  if (a->out_of_service()) {
    TextStyle warn;
    warn.role = FontRole::label;
    warn.color = f.ui.theme.accent;
    top += label(f, "admin.out_note", f.t("admin.out_note"), {area.x, top, area.w, 0}, warn) + em * 0.5f;
  }

  // The actions in a 3 x 2 grid at the bottom; the facts above them, scrolled if they need more.
  const float bh = kControlEm * em, gap = em * 0.6f;
  const float bw = (area.w - 2 * gap) / 3.f;
  const float grid_y = area.bottom() - 2 * bh - gap;
  int slot = 0;
  auto action = [&](std::string_view id, const std::string& text, ButtonKind kind) {
    const Rect r =
        m.place(static_cast<float>(slot % 3) * (bw + gap), grid_y + static_cast<float>(slot / 3) * (bh + gap), bw, bh);
    ++slot;
    return button(f, id, text, r, kind);
  };
  if (a->syncs()) {
    if (action("admin.sync_now", f.t("admin.sync_now"), ButtonKind::primary)) f.emit(StaffSyncNow{});
  } else {
    ++slot;
  }
  if (action("admin.dead_letters", f.t("admin.dead_letters", {{"count", n(s.dead_letters)}}), ButtonKind::secondary))
    f.emit(ShowDeadLetters{});
  if (action("admin.lookup", f.t("admin.lookup"), ButtonKind::secondary)) f.emit(ShowLookup{});
  if (action("admin.settings", f.t("admin.settings"), ButtonKind::secondary)) f.emit(ShowSettings{});
  if (a->out_of_service()) {
    if (action("admin.bring_back", f.t("admin.bring_back"), ButtonKind::primary)) f.emit(SetOutOfService{false});
  } else if (action("admin.take_out", f.t("admin.take_out"), ButtonKind::secondary)) {
    f.emit(SetOutOfService{true});
  }
  if (action("admin.exit", f.t("admin.exit"), ButtonKind::quiet)) f.emit(AskExitToMaintenance{});

  // While a run is under way: how far it is, moving with the transfer.
  float facts_bottom = grid_y - gap;
  if (a->sync().state == SyncIndicator::State::syncing) {
    const float bar_h = em * 0.7f, text_h = em * 1.6f;
    const float y = facts_bottom - bar_h - text_h;
    const double p = std::clamp(a->sync().progress, 0.0, 1.0);
    const std::string pct = f.t("format.admin.percent", {{"percent", static_cast<std::int64_t>(p * 100.0)}});
    TextStyle ts;
    ts.vcenter = true;
    label(f, "admin.sync.progress", f.t("admin.conn.syncing") + " \u00B7 " + pct, {area.x, y, area.w, text_h}, ts);
    const Rect bar = m.place(0, y + text_h, area.w, bar_h);
    f.dl->AddRectFilled({bar.x, bar.y}, {bar.right(), bar.bottom()}, f.ui.theme.surface, bar_h * 0.5f);
    const Rect fill = m.place(0, y + text_h, static_cast<float>(p) * area.w, bar_h);
    if (fill.w > 0)
      f.dl->AddRectFilled({fill.x, fill.y}, {fill.right(), fill.bottom()}, f.ui.theme.primary, bar_h * 0.5f);
    facts_bottom = y - em * 0.4f;
  }
  const Rect view{area.x, top, area.w, facts_bottom - top};
  const float key_em = std::min(14.f, area.w / em * 0.4f);
  {
    ScrollArea scroll(f, "admin.status.facts", view, facts_height(f, rows, view.w, key_em), em * 0.2f);
    facts(f, rows, view, view.y - scroll.offset(), key_em);
  }

  if (a->confirm_exit()) {
    f.ui.touch.set_blocked(false);
    if (const auto yes = ask_really(f, "admin.exit")) f.emit(ConfirmExitToMaintenance{*yes});
  }
}

}  // namespace wk::ui
