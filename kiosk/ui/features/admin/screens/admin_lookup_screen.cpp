// A registration looked up by its code, read only, to help a newcomer at the desk: the code pad
// until a whole code is typed, then what was entered (the person, the contact way, work, the
// family) and the state of each course booking made with the code, while the terminal still
// holds it (the retention rules delete it a while after the hub has it).
#include <algorithm>

#include "kiosk/core/transliterate.hpp"
#include "kiosk/text/isolate.hpp"
#include "kiosk/text/list_format.hpp"
#include "kiosk/ui/code_pad.hpp"
#include "kiosk/ui/features/admin/admin_intents.hpp"
#include "kiosk/ui/features/admin/screens/admin_views.hpp"
#include "kiosk/ui/theme.hpp"
#include "kiosk/ui/widgets.hpp"

namespace wk::ui {
namespace {

// " (name in its own script · the same in Latin letters)" for staff, or "" when there is none.
std::string native_name(const std::string& native) {
  if (native.empty()) return "";
  const std::string latin = core::latin_transliteration(native);
  return " (" + text::isolate(native) + (latin.empty() ? "" : " · " + text::isolate(latin)) + ")";
}

std::string or_not_given(const Frame& f, const std::string& v) {
  return v.empty() ? f.t("field.not_given") : text::isolate(v);
}

std::vector<Fact> registration_facts(const Frame& f, const AdminConsole& a) {
  const core::StoredRegistration& s = *a.found();
  const core::Registration& r = s.registration;
  std::vector<Fact> out{
      {"admin.lookup.code", f.t("admin.lookup.code"), text::isolate(s.code)},
      {"admin.lookup.registered", f.t("admin.lookup.registered"), staff_time(f, s.created_at)},
      {"admin.lookup.group", f.t("group.title"), f.t("group." + r.target_group)},
      {"admin.lookup.name", f.t("admin.lookup.name"),
       text::isolate(r.given_names + " " + r.family_name) + native_name(r.native_name)},
      {"admin.lookup.birth_date", f.t("field.birth_date"), text::isolate(r.birth_date)},
      {"admin.lookup.nationality", f.t("field.nationality"), text::isolate(r.nationality)},
      {"admin.lookup.language", f.t("field.preferred_language"), text::isolate(r.preferred_language)},
      {"admin.lookup.contact", f.t("field.contact_channel"), f.t("contact." + r.contact_channel)},
      {"admin.lookup.phone", f.t("field.phone"), or_not_given(f, r.phone)},
      {"admin.lookup.email", f.t("field.email"), or_not_given(f, r.email)},
      {"admin.lookup.residence", f.t("field.residence"), or_not_given(f, r.residence)},
      {"admin.lookup.occupation", f.t("field.occupation"), or_not_given(f, r.occupation)},
      {"admin.lookup.recognition", f.t("field.recognition"),
       r.recognition.empty() ? f.t("field.not_given") : f.t("recognition." + r.recognition)},
      {"admin.lookup.employer", f.t("field.employer"), or_not_given(f, r.employer)},
      {"admin.lookup.arrival", f.t("field.arrival_date"), or_not_given(f, r.arrival_date)},
  };
  for (std::size_t i = 0; i < r.family_members.size(); ++i) {
    const core::FamilyMember& m = r.family_members[i];
    std::string v = text::isolate(m.given_names + " " + m.family_name);
    v += native_name(m.native_name);
    v += "\n" + text::isolate(m.birth_date);
    std::vector<std::string> needs;
    if (m.needs_language_course) needs.push_back(f.t("member.needs_language_course"));
    if (m.needs_daycare) needs.push_back(f.t("member.needs_daycare"));
    if (m.needs_school) needs.push_back(f.t("member.needs_school"));
    if (!needs.empty()) v += "\n" + text::join_list(f.lang().icu_locale, needs);
    out.push_back({"admin.lookup.member." + std::to_string(i), f.t("relation." + m.relation), v});
  }
  const auto& bookings = a.found_bookings();
  if (bookings.empty())
    out.push_back({"admin.lookup.bookings", f.t("admin.lookup.bookings"), f.t("admin.lookup.no_bookings")});
  for (std::size_t i = 0; i < bookings.size(); ++i) {
    std::vector<std::string> courses;
    for (const auto& l : bookings[i].lines)
      if (std::find(courses.begin(), courses.end(), l.course_id) == courses.end()) courses.push_back(l.course_id);
    std::string v;
    for (const auto& c : courses) v += (v.empty() ? "" : ", ") + text::isolate(c);
    v += "\n" + f.t("booking.state." + bookings[i].state);
    out.push_back({"admin.lookup.booking." + std::to_string(i), i == 0 ? f.t("admin.lookup.bookings") : "", v});
  }
  return out;
}

}  // namespace

void draw_admin_lookup(Frame& f) {
  const AdminConsole* a = admin_console(f);
  if (!a) return;
  const float em = f.em;
  const Rect area = staff_bar(f, f.t("admin.title.lookup"), true);
  if (!a->found()) {
    const float w = std::min(area.w, 36.f * em);
    const Rect col{area.x + (area.w - w) * 0.5f, area.y, w, area.h};
    float y = col.y;
    y += label(f, "admin.lookup.prompt", f.t("admin.lookup.prompt"), {col.x, y, col.w, 0}) + em * 0.5f;
    const auto key = code_pad(f, "admin.lookup.typed", a->lookup_typed(), "admin.lookup.missed",
                              a->lookup_missed() ? f.t("admin.lookup.missed") : "", col, y, area.bottom());
    if (key) f.emit(LookupKey{key->erase, key->symbol});
    return;
  }
  const std::string again = f.t("admin.lookup.again");
  const float bw = std::min(text_width(f, again) + em * 2.f, area.w * 0.4f), bh = kControlEm * em;
  if (button(f, "admin.lookup.again", again, f.mirror(area).place(area.w - bw, area.bottom() - bh, bw, bh),
             ButtonKind::secondary))
    f.emit(LookupAgain{});
  const std::vector<Fact> rows = registration_facts(f, *a);
  const Rect view{area.x, area.y, area.w, area.h - bh - em * 0.6f};
  const float key_em = std::min(14.f, area.w / em * 0.35f);
  ScrollArea scroll(f, "admin.lookup.facts", view, facts_height(f, rows, view.w, key_em), em * 0.2f);
  facts(f, rows, view, view.y - scroll.offset(), key_em);
}

}  // namespace wk::ui
