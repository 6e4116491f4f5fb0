// The course browser (see courses_browser.hpp).
#include "kiosk/ui/features/courses/courses_browser.hpp"

#include "kiosk/core/catalog.hpp"
#include "kiosk/core/directory.hpp"
#include "kiosk/core/kuemmerer.hpp"
#include "kiosk/core/log.hpp"
#include "kiosk/core/registration.hpp"
#include "kiosk/core/time.hpp"
#include "kiosk/text/date_format.hpp"

#include <nlohmann/json.hpp>

#include <charconv>
#include <utility>

namespace wk::ui {
namespace {

constexpr FeatureScreen kScreens[] = {{CoursesScreen::list, 0},    {CoursesScreen::detail, 0},
                                      {CoursesScreen::who, 0},     {CoursesScreen::booking, 0},
                                      {CoursesScreen::receipt, 0}, {CoursesScreen::mine, 0}};

std::chrono::sys_days to_days(const text::Date& d) {
  return std::chrono::sys_days(std::chrono::year(d.year) / std::chrono::month(static_cast<unsigned>(d.month)) /
                               std::chrono::day(static_cast<unsigned>(d.day)));
}

}  // namespace

CoursesBrowser::CoursesBrowser(core::Store& store, Session& session, std::function<text::Date()> today,
                               std::string terminal_id, HubDeskLink* desk)
    : store_(store), session_(session), today_(std::move(today)), terminal_id_(std::move(terminal_id)), desk_(desk) {
  if (!today_) today_ = text::today_local;
}

std::span<const FeatureScreen> CoursesBrowser::screens() const {
  return kScreens;
}

std::optional<HomeTile> CoursesBrowser::home_tile() const {
  return HomeTile{"tile.courses", "tile.courses.title", "tile.courses.text", Icon::book, StartCourses{}};
}

std::chrono::sys_days CoursesBrowser::today() const {
  return to_days(today_());
}

const core::Course* CoursesBrowser::selected() const {
  return course(selected_id_);
}

const core::Course* CoursesBrowser::course(std::string_view id) const {
  for (const auto& c : courses_)
    if (c.id == id) return &c;
  return nullptr;
}

const core::LanguageMap& CoursesBrowser::provider_name(const std::string& organisation_id) const {
  static const core::LanguageMap kNone;
  const auto it = providers_.find(organisation_id);
  return it == providers_.end() ? kNone : it->second;
}

void CoursesBrowser::load() {
  courses_ = core::load_courses(store_.db());
  core::order_for_list(courses_, today());
  ++load_version_;
  providers_.clear();
  for (const auto& org : core::catalog_items(store_.db(), "organisation")) {
    const auto data = nlohmann::json::parse(org.data, nullptr, false);
    if (!data.is_object() || !data.contains("name") || !data["name"].is_object()) continue;
    core::LanguageMap names;
    for (const auto& [lang, text] : data["name"].items())
      if (text.is_string() && !text.get_ref<const std::string&>().empty()) names.emplace(lang, text.get<std::string>());
    if (!names.empty()) providers_.emplace(org.id, std::move(names));
  }
  municipalities_ = core::course_municipalities(courses_);
  if (!filter_.municipality.empty() &&
      std::find(municipalities_.begin(), municipalities_.end(), filter_.municipality) == municipalities_.end())
    filter_.municipality.clear();
  refilter();
}

void CoursesBrowser::refilter() {
  shown_ = core::filter_courses(courses_, filter_, today());
  ++list_version_;
}

bool CoursesBrowser::apply(const Intent& intent, Effects& effects) {
  const auto* fi = std::get_if<FeatureIntent>(&intent);
  if (!fi) return false;
  if (apply_mine(*fi, effects)) return true;
  if (apply_booking(*fi, effects)) return true;
  auto handlers = [&](const auto& i) -> bool {
    using T = std::decay_t<decltype(i)>;
    if constexpr (std::is_same_v<T, StartCourses>) {
      try {
        load();
      } catch (const std::exception& e) {
        core::log::error("courses", std::string("reading the course catalog failed: ") + e.what());
        session_.error_key = "error.storage";
        return true;
      }
      session_.stack = {ScreenId::home, CoursesScreen::list};
    } else if constexpr (std::is_same_v<T, SetCourseFilter>) {
      core::CourseFilter& f = filter_;
      auto choose = [&](std::string& field) { field = field == i.value ? std::string{} : i.value; };
      if (i.filter == "level") {
        choose(f.level);
      } else if (i.filter == "group") {
        choose(f.group);
      } else if (i.filter == "place") {
        choose(f.municipality);
      } else if (i.filter == "work") {
        f.fits_work = !f.fits_work;
      } else if (i.filter == "childcare") {
        f.childcare = !f.childcare;
      } else if (i.filter == "weeks") {
        int weeks = 0;
        std::from_chars(i.value.data(), i.value.data() + i.value.size(), weeks);
        f.starts_within_weeks = f.starts_within_weeks == weeks ? 0 : weeks;
      } else if (i.filter == "clear") {
        f = {};
      } else {
        return false;
      }
      refilter();
    } else if constexpr (std::is_same_v<T, ShowCourse>) {
      selected_id_ = i.id;
      if (!selected()) return true;  // not in the list read: nothing to show
      try {
        selected_deleted_ = !core::catalog_item(store_.db(), "course", i.id).has_value();
      } catch (const std::exception& e) {
        core::log::error("courses", std::string("reading a course failed: ") + e.what());
        selected_deleted_ = false;
      }
      session_.stack.push_back(CoursesScreen::detail);
    }
    return true;
  };
  return visit_feature_intent<StartCourses, SetCourseFilter, ShowCourse>(*fi, handlers);
}

std::vector<std::string> CoursesBrowser::known_people(const std::string& code) {
  if (!session_.registration_code.empty() && code == session_.registration_code) return session_.registration_people;
  try {
    if (auto reg = core::load_registration(store_.db(), code)) {
      std::vector<std::string> names{reg->registration.given_names};
      for (const auto& m : reg->registration.family_members) names.push_back(m.given_names);
      return names;
    }
  } catch (const std::exception& e) {
    core::log::error("courses", std::string("looking up a registration failed: ") + e.what());
  }
  return {};
}

bool CoursesBrowser::apply_booking(const FeatureIntent& fi, Effects& effects) {
  BookingDraft& d = booking_;
  auto handlers = [&](const auto& i) -> bool {
    using T = std::decay_t<decltype(i)>;
    if constexpr (std::is_same_v<T, BookCourse>) {
      if (!course(i.id)) return true;
      if (d.receipt) {  // a new booking after one was made: same registration, empty basket
        d.receipt.reset();
        d.lines.clear();
      }
      if (d.code.empty() && !session_.registration_code.empty())
        d.identify(session_.registration_code, session_.registration_people);
      d.start_course(i.id);
      session_.stack.push_back(CoursesScreen::who);
    } else if constexpr (std::is_same_v<T, TypeCodeSymbol>) {
      if (!d.people.empty()) return true;  // identified already
      d.type(i.symbol);
      if (!d.code.empty()) {
        const std::string code = d.code;
        d.identify(code, known_people(code));
        d.start_course(d.course_id);
        // Not known here: the hub may know it (online); offline it is booked as a request for it.
        if (!d.names_known && desk_) d.ticket = desk_->look_up(code);
      }
    } else if constexpr (std::is_same_v<T, EraseCodeSymbol>) {
      d.erase();
    } else if constexpr (std::is_same_v<T, ForgetCode>) {
      const std::string course_id = d.course_id;
      d.wipe();
      d.course_id = course_id;
    } else if constexpr (std::is_same_v<T, TogglePerson>) {
      d.toggle(i.person);
    } else if constexpr (std::is_same_v<T, AddToBooking>) {
      if (d.people.empty() || !d.add_chosen()) return true;
      while (!session_.stack.empty() && session_.stack.back() != CoursesScreen::list) session_.stack.pop_back();
      session_.stack.push_back(CoursesScreen::booking);
    } else if constexpr (std::is_same_v<T, RemoveFromBooking>) {
      d.remove_course(i.course_id);
    } else if constexpr (std::is_same_v<T, MoreCourses>) {
      session_.stack = {ScreenId::home, CoursesScreen::list};
    } else if constexpr (std::is_same_v<T, ConfirmBooking>) {
      if (d.lines.empty() || d.code.empty() || d.receipt) return true;
      try {
        d.receipt = core::commit_booking(store_, {d.code, d.lines}, terminal_id_);
        effects.outbox_changed = true;
        session_.stack = {ScreenId::home, CoursesScreen::receipt};
      } catch (const core::BookingError& e) {
        core::log::error("courses", std::string("booking refused before writing: ") + e.field());
        session_.error_key = "error.generic";
      } catch (const std::exception& e) {
        core::log::error("courses", std::string("could not store the booking: ") + e.what());
        session_.error_key = "error.storage";
      }
    } else if constexpr (std::is_same_v<T, FinishBooking>) {
      d.receipt.reset();
      d.lines.clear();
      session_.stack = {ScreenId::home};
    }
    return true;
  };
  return visit_feature_intent<BookCourse, TypeCodeSymbol, EraseCodeSymbol, ForgetCode, TogglePerson, AddToBooking,
                              RemoveFromBooking, MoreCourses, ConfirmBooking, FinishBooking>(fi, handlers);
}

DeskReply CoursesBrowser::desk_reply() const {
  return desk_ ? desk_->reply() : DeskReply{};
}

const CoursesBrowser::KuemmererCard* CoursesBrowser::kuemmerer_card(const std::string& id) const {
  if (id.empty()) return nullptr;
  if (!card_ || card_->id != id) {
    card_ = KuemmererCard{id, {}, {}, {}, {}};
    try {
      if (const auto p = core::find_contact_person(store_.db(), id)) {
        const auto o = core::find_organisation(store_.db(), p->organisation_id);
        card_->name = p->name;
        card_->phone = !p->phone.empty() || !o ? p->phone : o->phone;
        card_->email = p->email;
        if (o) card_->organisation = o->name;
      }
    } catch (const std::exception& e) {
      core::log::error("courses", std::string("reading the Kümmerer failed: ") + e.what());
    }
  }
  return card_->name.empty() ? nullptr : &*card_;
}

void CoursesBrowser::open_code(const std::string& code) {
  mine_.code = code;
  mine_.names = known_people(code);
  try {
    mine_.kuemmerer_here = core::kuemmerer_of_code(store_.db(), code);
    mine_.local = core::bookings_for_code(store_.db(), code);
  } catch (const std::exception& e) {
    core::log::error("courses", std::string("reading this terminal's bookings failed: ") + e.what());
    mine_.local.clear();
  }
  if (desk_) mine_.ticket = desk_->look_up(code);
}

bool CoursesBrowser::apply_mine(const FeatureIntent& fi, Effects& effects) {
  MyBookings& m = mine_;
  const bool on_screen = session_.top() == CoursesScreen::mine;
  auto handlers = [&](const auto& i) -> bool {
    using T = std::decay_t<decltype(i)>;
    if constexpr (std::is_same_v<T, StartMyBookings>) {
      m.wipe();
      if (desk_) desk_->clear();
      if (courses_.empty()) {
        try {
          load();  // the course titles the bookings name
        } catch (const std::exception& e) {
          core::log::error("courses", std::string("reading the course catalog failed: ") + e.what());
        }
      }
      // This session's registration needs no typing.
      if (!session_.registration_code.empty()) open_code(session_.registration_code);
      session_.stack.push_back(CoursesScreen::mine);
    } else if constexpr (std::is_same_v<T, TypeCodeSymbol>) {
      if (!on_screen) return false;
      if (m.type(i.symbol)) open_code(m.code);
    } else if constexpr (std::is_same_v<T, EraseCodeSymbol>) {
      if (!on_screen) return false;
      m.erase();
    } else if constexpr (std::is_same_v<T, ForgetMyCode>) {
      m.wipe();
      if (desk_) desk_->clear();
    } else if constexpr (std::is_same_v<T, RefreshMyBookings>) {
      if (!m.code.empty()) open_code(m.code);
    } else if constexpr (std::is_same_v<T, AskCancel>) {
      m.confirm_cancel = i.id;
    } else if constexpr (std::is_same_v<T, ConfirmCancel>) {
      const std::string id = std::exchange(m.confirm_cancel, std::string{});
      if (!i.yes || id.empty() || m.code.empty()) return true;
      try {
        if (core::cancel_booking_with_code(store_, id, m.code)) {
          m.cancelled_here.insert(id);
          effects.outbox_changed = true;
        }
        m.local = core::bookings_for_code(store_.db(), m.code);
      } catch (const std::exception& e) {
        core::log::error("courses", std::string("could not store the cancellation: ") + e.what());
        session_.error_key = "error.storage";
      }
    } else if constexpr (std::is_same_v<T, AnswerOffer>) {
      if (desk_ && !m.code.empty()) m.ticket = desk_->answer_offer(i.id, m.code, i.accept);
    }
    return true;
  };
  return visit_feature_intent<StartMyBookings, TypeCodeSymbol, EraseCodeSymbol, ForgetMyCode, RefreshMyBookings,
                              AskCancel, ConfirmCancel, AnswerOffer>(fi, handlers);
}

bool CoursesBrowser::back() {
  if (session_.top() == CoursesScreen::receipt) {  // the booking is made: nothing to go back to
    booking_.receipt.reset();
    booking_.lines.clear();
    session_.stack = {ScreenId::home};
    return true;
  }
  return false;
}

void CoursesBrowser::wipe() {
  booking_.wipe();
  mine_.wipe();
  if (desk_) desk_->clear();
  filter_ = {};
  shown_.clear();
  courses_.clear();
  providers_.clear();
  municipalities_.clear();
  selected_id_.clear();
  selected_deleted_ = false;
  card_.reset();
}

}  // namespace wk::ui
