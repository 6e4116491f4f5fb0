// The course browser's behaviour, as a feature (kiosk/ui/feature.hpp): reads the course
// catalog this terminal holds (kiosk/core/course.hpp) when the newcomer opens it, applies the
// filter chips, and opens a course's detail page. Nothing personal is held: the filters and
// the chosen course are forgotten with the session.
//
// A course the hub deleted while it was on screen (a tombstone arrived with a pull) stays
// readable on its detail page, marked "no longer offered".
//
// Booking: from a course's page the newcomer says whose registration (this session's, or a
// code typed on the code pad) and who takes part; the basket may hold several courses for
// several people and is booked at once (kiosk/core/booking.hpp): one booking, decided by the
// hub as a whole, "requested" until then (or confirmed on the spot within the terminal's
// allotment). The basket counts as unsent input.
//
// My bookings (my_bookings.hpp): by code, what this terminal holds and what the hub says
// (through the HubDeskLink when there is one), with cancel, leave the waiting list, and the
// answer to an offer.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "kiosk/core/catalog_fields.hpp"
#include "kiosk/core/course.hpp"
#include "kiosk/core/course_filter.hpp"
#include "kiosk/core/store.hpp"
#include "kiosk/text/input_rules.hpp"
#include "kiosk/ui/feature.hpp"
#include "kiosk/ui/features/courses/booking_draft.hpp"
#include "kiosk/ui/features/courses/courses_intents.hpp"
#include "kiosk/ui/features/courses/courses_screens.hpp"
#include "kiosk/ui/features/courses/my_bookings.hpp"
#include "kiosk/ui/hub_desk_link.hpp"
#include "kiosk/ui/session.hpp"

namespace wk::ui {

class CoursesBrowser final : public Feature {
 public:
  CoursesBrowser(core::Store& store, Session& session, std::function<text::Date()> today,
                 std::string terminal_id = "kiosk", HubDeskLink* desk = nullptr);

  // [SECTION] What the screens read
  const std::vector<core::Course>& courses() const { return courses_; }
  // Indices into courses() the filter lets through, in list order.
  const std::vector<std::size_t>& shown() const { return shown_; }
  const core::CourseFilter& filter() const { return filter_; }
  const std::vector<std::string>& municipalities() const { return municipalities_; }
  // Grows each time the list is read or filtered afresh (the list then starts at its top).
  unsigned list_version() const { return list_version_; }
  // Grows each time the catalog is read afresh.
  unsigned load_version() const { return load_version_; }
  // The course on the detail page, or nullptr.
  const core::Course* selected() const;
  // True if the hub deleted the selected course since the list was read.
  bool selected_deleted() const { return selected_deleted_; }
  // The provider's name (organisation catalog item) as a language map; empty if unknown.
  const core::LanguageMap& provider_name(const std::string& organisation_id) const;
  std::chrono::sys_days today() const;
  // The booking being put together.
  const BookingDraft& booking() const { return booking_; }
  // The course `id` of the list read, or nullptr.
  const core::Course* course(std::string_view id) const;
  // My bookings, and the hub's latest reply to its questions (state none without a desk).
  const MyBookings& mine() const { return mine_; }
  DeskReply desk_reply() const;
  bool has_desk() const { return desk_ != nullptr; }
  // The Kümmerer `id` as "My bookings" names them, from this terminal's directory; nullptr when
  // it does not hold them. Read once per id.
  struct KuemmererCard {
    std::string id, name, phone, email;
    core::LanguageMap organisation;
  };
  const KuemmererCard* kuemmerer_card(const std::string& id) const;

  // [SECTION] Feature
  std::string_view name() const override { return "courses"; }
  std::span<const FeatureScreen> screens() const override;
  std::optional<HomeTile> home_tile() const override;
  bool apply(const Intent& intent, Effects& effects) override;
  bool back() override;
  bool holds_unsent_input() const override { return booking_.unsent(); }
  void wipe() override;

 private:
  mutable std::optional<KuemmererCard> card_;  // the last one asked for (id "" : none held)
  void load();
  void refilter();
  bool apply_booking(const FeatureIntent& fi, Effects& effects);
  bool apply_mine(const FeatureIntent& fi, Effects& effects);
  // Shows the bookings of code `code` (canonical): this terminal's at once, the hub's when asked.
  void open_code(const std::string& code);
  // The names of the people of registration `code` if this session or this terminal knows it.
  std::vector<std::string> known_people(const std::string& code);

  core::Store& store_;
  Session& session_;
  std::function<text::Date()> today_;
  std::string terminal_id_;
  HubDeskLink* desk_;
  BookingDraft booking_;
  MyBookings mine_;
  std::vector<core::Course> courses_;
  std::map<std::string, core::LanguageMap, std::less<>> providers_;
  std::vector<std::string> municipalities_;
  core::CourseFilter filter_;
  std::vector<std::size_t> shown_;
  std::string selected_id_;
  bool selected_deleted_ = false;
  unsigned list_version_ = 0;
  unsigned load_version_ = 0;
};

}  // namespace wk::ui
