// The contacts finder, as a feature (kiosk/ui/feature.hpp): "Find help". Reads the region's
// directory this terminal holds (kiosk/core/directory.hpp) when the newcomer opens it; topic
// tiles, search as you type (DirectorySearch), the newcomer's postal code and "speaks my
// language" narrow and rank the results; a result opens its detail page with opening hours
// and a vCard QR code, and from there "Ask for a call back" stores a call-back request
// (kiosk/core/callback.hpp, callback_form.hpp). Nothing else is stored: the search text, postal
// code and the call-back form are wiped with the session. The search index (not personal) stays for the next newcomer
// and is built afresh when the directory changed (a pull), as building it takes about a second for 55,000 entries.
//
// With no result (or an empty directory) the finder points to the Welcome Center's own desk:
// the directory's welcome_center organisation if it has one, else this terminal's center.
#pragma once

#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "kiosk/core/opening_hours.hpp"
#include "kiosk/core/store.hpp"
#include "kiosk/text/search_fold.hpp"
#include "kiosk/ui/feature.hpp"
#include "kiosk/ui/features/contacts/callback_form.hpp"
#include "kiosk/ui/features/contacts/contacts_intents.hpp"
#include "kiosk/ui/features/contacts/contacts_screens.hpp"
#include "kiosk/ui/features/contacts/directory_search.hpp"
#include "kiosk/ui/form/form_controller.hpp"
#include "kiosk/ui/session.hpp"

namespace wk::ui {

class ContactsFinder final : public Feature, public FormOwner {
 public:
  // `terms_file`: assets/directory/terms.json (unreadable: logged, the finder works without
  // synonyms). `now`: the local wall-clock time for "open now".
  ContactsFinder(core::Store& store, Session& session, FormController& form, const std::filesystem::path& terms_file,
                 std::function<core::LocalTime()> now, std::string terminal_id = "kiosk");

  // [SECTION] What the screens read
  const DirectorySearch* search() const { return open_ ? search_.get() : nullptr; }
  const DirectoryTerms& terms() const { return terms_; }
  const std::vector<FinderHit>& hits() const { return hits_; }
  const std::string& topic() const { return topic_; }
  bool only_my_language() const { return only_my_language_; }
  // The region's towns to choose from instead of a postal code (the directory's areas name
  // them; alphabetical), and the one chosen ("" : none).
  const std::vector<std::string>& municipalities() const { return municipalities_; }
  const std::string& municipality() const { return municipality_; }
  const FormValues& form() const { return form_values_; }
  // True when a topic or text asks for results (else the topic tiles show).
  bool asking() const { return !topic_.empty() || !form_values_.value("finder.search").empty(); }
  // Grows each time the results change (the list then starts at its top).
  unsigned results_version() const { return results_version_; }
  // The desk to ask when nothing is found: the directory's Welcome Center, or nullptr.
  const core::Organisation* desk() const;
  // The organisation or person on the detail page (one of them), or none.
  const core::Organisation* shown_organisation() const;
  const core::ContactPerson* shown_person() const;
  // The organisation of the page: the one shown, or the shown person's (nullptr: neither, or a
  // person whose organisation the directory lacks).
  const core::Organisation* page_organisation() const;
  core::LocalTime now() const { return now_(); }
  // The call-back form of the item on the detail page: the topics it offers (its own, else every
  // topic), the one chosen, the code of this session's registration ("" : none; then the form's
  // fields are asked), and whether the request was stored.
  std::vector<std::string> callback_topics() const;
  const std::string& callback_topic() const { return callback_topic_; }
  const std::string& registration_code() const { return session_.registration_code; }
  bool callback_sent() const { return callback_sent_; }

  // [SECTION] Feature
  std::string_view name() const override { return "contacts"; }
  std::span<const FeatureScreen> screens() const override;
  std::optional<HomeTile> home_tile() const override;
  bool apply(const Intent& intent, Effects& effects) override;
  void on_language_changed() override;
  void wipe() override;

  // [SECTION] FormOwner
  const FieldSpec* field_spec(std::string_view id) const override;
  FormValues& form_of(std::string_view id) override;
  void field_left(std::string_view id) override;
  std::size_t max_typed_bytes() const override { return 120; }

 private:
  void load();
  void refresh();
  void count_topic_search();  // usage counts (kiosk/core/usage_counts.hpp) of the chosen topic

  core::Store& store_;
  Session& session_;
  FormController& form_;
  std::function<core::LocalTime()> now_;
  std::string terminal_id_;
  DirectoryTerms terms_;
  std::unique_ptr<text::SearchFold> fold_;
  std::unique_ptr<DirectorySearch> search_;
  std::string search_fingerprint_;  // core::directory_fingerprint() search_ was built at
  FormValues form_values_;
  std::string topic_;
  bool only_my_language_ = false;
  std::vector<std::string> municipalities_;
  std::string municipality_;
  std::vector<FinderHit> hits_;
  unsigned results_version_ = 0;
  bool shown_person_ = false;
  bool open_ = false;  // the finder was opened in this session
  std::string shown_id_;
  std::string callback_topic_;
  bool callback_sent_ = false;
};

}  // namespace wk::ui
