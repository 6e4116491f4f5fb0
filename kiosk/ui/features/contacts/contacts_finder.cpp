// The finder's behaviour (see contacts_finder.hpp).
#include "kiosk/ui/features/contacts/contacts_finder.hpp"

#include <algorithm>

#include "kiosk/core/kuemmerer.hpp"
#include "kiosk/core/log.hpp"
#include "kiosk/core/secure_clear.hpp"
#include "kiosk/core/usage_counts.hpp"

namespace wk::ui {
namespace {

constexpr FeatureScreen kScreens[] = {
    {ContactsScreen::find, 0}, {ContactsScreen::detail, 0}, {ContactsScreen::callback, 0}};

constexpr FieldSpec kFields[] = {
    {"finder.search", "finder.search", InputKind::text, FieldKind::free_text, false, {}, {}, 60},
    {"finder.postal_code", "finder.postal_code", InputKind::text, FieldKind::phone, false, {}, {}, 5},
    {kCallbackName, "callback.name", InputKind::text, FieldKind::free_text, true, {}, {}, 80},
    {kCallbackPhone, "callback.phone", InputKind::text, FieldKind::phone, false, {}, {}, 24},
    {kCallbackEmail, "callback.email", InputKind::text, FieldKind::email, false, {}, {}, 100},
};

constexpr std::size_t kMaxHits = 100;

}  // namespace

ContactsFinder::ContactsFinder(core::Store& store, Session& session, FormController& form,
                               const std::filesystem::path& terms_file, std::function<core::LocalTime()> now,
                               std::string terminal_id)
    : store_(store), session_(session), form_(form), now_(std::move(now)), terminal_id_(std::move(terminal_id)) {
  try {
    terms_ = DirectoryTerms::load(terms_file);
  } catch (const TermsError& e) {
    core::log::error("contacts", std::string("search terms left out: ") + e.what());
    terms_ = DirectoryTerms::bare();
  }
}

std::span<const FeatureScreen> ContactsFinder::screens() const {
  return kScreens;
}

std::optional<HomeTile> ContactsFinder::home_tile() const {
  return HomeTile{"tile.contacts", "tile.contacts.title", "tile.contacts.text", Icon::person, StartFinder{}};
}

const FieldSpec* ContactsFinder::field_spec(std::string_view id) const {
  for (const FieldSpec& f : kFields)
    if (f.id == id) return &f;
  return nullptr;
}

FormValues& ContactsFinder::form_of(std::string_view) {
  return form_values_;
}

void ContactsFinder::field_left(std::string_view id) {
  if (id == "finder.postal_code") {
    std::string& v = form_values_.values["finder.postal_code"];
    std::erase_if(v, [](char c) { return c < '0' || c > '9'; });
    if (!v.empty() && v.size() != 5)
      form_values_.errors["finder.postal_code"] = "finder.postal_code.invalid";
    else
      form_values_.errors.erase("finder.postal_code");
  }
  refresh();
}

void ContactsFinder::load() {
  if (!fold_) fold_ = std::make_unique<text::SearchFold>();
  std::string fingerprint = core::directory_fingerprint(store_.db());
  if (!search_ || fingerprint != search_fingerprint_) {
    search_.reset();
    search_ = std::make_unique<DirectorySearch>(core::load_directory(store_.db()), terms_, *fold_);
    search_fingerprint_ = std::move(fingerprint);
    municipalities_ = core::municipalities_of(search_->directory());
    std::sort(municipalities_.begin(), municipalities_.end());
  }
  open_ = true;
}

void ContactsFinder::count_topic_search() {
  // Only the topic is counted (a code), never the search text or postal code; a failure to count
  // must not stand in the newcomer's way.
  try {
    core::count_usage(store_, "searches", topic_);
    if (hits_.empty()) core::count_usage(store_, "searches_empty", topic_);
  } catch (const std::exception& e) {
    core::log::error("contacts", std::string("could not count the search: ") + e.what());
  }
}

void ContactsFinder::refresh() {
  hits_.clear();
  ++results_version_;
  if (!search()) return;
  FinderQuery q;
  q.text = form_values_.value("finder.search");
  q.topic = topic_;
  const std::string& pc = form_values_.value("finder.postal_code");
  if (pc.size() == 5 && std::all_of(pc.begin(), pc.end(), [](char c) { return c >= '0' && c <= '9'; }))
    q.postal_code = pc;
  q.municipality = municipality_;
  q.language = session_.language;
  q.only_my_language = only_my_language_;
  q.now = now_();
  hits_ = search_->find(q, kMaxHits);
}

const core::Organisation* ContactsFinder::desk() const {
  if (!search()) return nullptr;
  for (const core::Organisation& o : search_->directory().organisations)
    if (o.kind == "welcome_center") return &o;
  return nullptr;
}

const core::Organisation* ContactsFinder::shown_organisation() const {
  if (!search() || shown_person_ || shown_id_.empty()) return nullptr;
  return search_->directory().organisation(shown_id_);
}

const core::ContactPerson* ContactsFinder::shown_person() const {
  if (!search() || !shown_person_) return nullptr;
  const auto& persons = search_->directory().persons;
  const auto it = std::lower_bound(persons.begin(), persons.end(), shown_id_,
                                   [](const core::ContactPerson& p, const std::string& id) { return p.id < id; });
  return it != persons.end() && it->id == shown_id_ ? &*it : nullptr;
}

const core::Organisation* ContactsFinder::page_organisation() const {
  const core::ContactPerson* p = shown_person();
  return p ? search_->organisation_of(*p) : shown_organisation();
}

std::vector<std::string> ContactsFinder::callback_topics() const {
  const core::ContactPerson* p = shown_person();
  const core::Organisation* o = page_organisation();
  std::vector<std::string> out = p && !p->topics.empty() ? p->topics : o ? o->topics : std::vector<std::string>{};
  std::erase_if(out, [](const std::string& t) { return topic_bit(t) == 0; });
  if (out.empty()) out.assign(core::kTopics.begin(), core::kTopics.end());
  return out;
}

bool ContactsFinder::apply(const Intent& intent, Effects& effects) {
  if (const auto* focus = std::get_if<Focus>(&intent)) {
    if (!field_spec(focus->field)) return false;
    form_.focus(*this, focus->field);
    return true;
  }
  if (const auto* key = std::get_if<PressKey>(&intent)) {
    if (!form_.has_focus(*this)) return false;
    form_.press(key->key);
    refresh();
    return true;
  }
  const auto* fi = std::get_if<FeatureIntent>(&intent);
  if (!fi) return false;
  return visit_feature_intent<StartFinder, ChooseTopic, ChooseMunicipality, ToggleMyLanguage, ClearFinder, ShowContact,
                              AskCallback, ChooseCallbackTopic, SendCallback>(*fi, [&](const auto& i) {
    using T = std::decay_t<decltype(i)>;
    if constexpr (std::is_same_v<T, StartFinder>) {
      try {
        load();
      } catch (const std::exception& e) {
        core::log::error("contacts", std::string("reading the directory failed: ") + e.what());
        session_.error_key = "error.storage";
        return true;
      }
      refresh();
      session_.stack = {ScreenId::home, ContactsScreen::find};
    } else if constexpr (std::is_same_v<T, ChooseTopic>) {
      form_.leave();
      topic_ = topic_ == i.topic || topic_bit(i.topic) == 0 ? std::string() : i.topic;
      refresh();
      if (!topic_.empty()) count_topic_search();
    } else if constexpr (std::is_same_v<T, ChooseMunicipality>) {
      form_.leave();
      const bool known =
          std::find(municipalities_.begin(), municipalities_.end(), i.municipality) != municipalities_.end();
      municipality_ = municipality_ == i.municipality || !known ? std::string() : i.municipality;
      refresh();
    } else if constexpr (std::is_same_v<T, ToggleMyLanguage>) {
      form_.leave();
      only_my_language_ = !only_my_language_;
      refresh();
    } else if constexpr (std::is_same_v<T, ClearFinder>) {
      form_.leave();
      topic_.clear();
      core::secure_clear(form_values_.values["finder.search"]);
      refresh();
    } else if constexpr (std::is_same_v<T, ShowContact>) {
      form_.leave();
      shown_person_ = i.person;
      shown_id_ = i.id;
      if (shown_organisation() || shown_person())
        session_.stack.push_back(ContactsScreen::detail);
      else
        shown_id_.clear();
    } else if constexpr (std::is_same_v<T, AskCallback>) {
      form_.leave();
      if (!shown_organisation() && !shown_person()) return true;
      const std::vector<std::string> topics = callback_topics();
      callback_topic_ = std::find(topics.begin(), topics.end(), topic_) != topics.end() ? topic_ : topics.front();
      callback_sent_ = false;
      session_.stack.push_back(ContactsScreen::callback);
    } else if constexpr (std::is_same_v<T, ChooseCallbackTopic>) {
      form_.leave();
      const std::vector<std::string> topics = callback_topics();
      if (std::find(topics.begin(), topics.end(), i.topic) != topics.end()) callback_topic_ = i.topic;
    } else if constexpr (std::is_same_v<T, SendCallback>) {
      form_.leave();
      const core::ContactPerson* p = shown_person();
      const core::Organisation* o = page_organisation();
      if (callback_sent_ || (!p && !o)) return true;
      std::optional<core::CallbackAsk> ask = callback_ask(form_values_, session_.registration_code);
      if (!ask) return true;
      ask->organisation_id = o ? o->id : p->organisation_id;
      if (p) ask->person_id = p->id;
      ask->topic = callback_topic_;
      ask->language = session_.language;
      try {
        core::commit_callback(store_, *ask, terminal_id_);
        effects.outbox_changed = true;
        callback_sent_ = true;
        for (std::string_view f : {kCallbackName, kCallbackPhone, kCallbackEmail})
          core::secure_clear(form_values_.values[std::string(f)]);
      } catch (const sync::CallbackError& e) {
        // The field name only: values are personal data.
        core::log::error("contacts", std::string("call-back request refused: field ") + e.field());
        session_.error_key = "error.generic";
      } catch (const std::exception& e) {
        core::log::error("contacts", std::string("could not store the call-back request: ") + e.what());
        session_.error_key = "error.storage";
      }
    }
    return true;
  });
}

void ContactsFinder::on_language_changed() {
  refresh();
}

void ContactsFinder::wipe() {
  form_values_.wipe();
  topic_.clear();
  only_my_language_ = false;
  core::secure_clear(municipality_);
  hits_.clear();
  shown_id_.clear();
  shown_person_ = false;
  callback_topic_.clear();
  callback_sent_ = false;
  if (search_) search_->forget();
  open_ = false;  // the index stays: nothing personal is in it
}

}  // namespace wk::ui
