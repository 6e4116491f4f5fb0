// Reading directory items defensively (see directory.hpp).
#include "kiosk/core/directory.hpp"

#include "kiosk/core/log.hpp"
#include "kiosk/core/time.hpp"
#include "sync/protocol/registration_payload.hpp"

#include <algorithm>

namespace wk::core {
namespace {

using nlohmann::json;

constexpr std::size_t kMaxSpans = 28;
constexpr std::size_t kMaxClosedDays = 370;

template <typename Options>
std::vector<std::string> listed(std::vector<std::string> values, const Options& options) {
  std::erase_if(values,
                [&](const std::string& v) { return std::find(options.begin(), options.end(), v) == options.end(); });
  return values;
}

OpeningHours hours_field(const json& data, const char* weekly, const char* closed) {
  OpeningHours h;
  h.weekly = weekly_field(data, weekly, kMaxSpans);
  for (const std::string& d : list_field(data, closed, kMaxClosedDays)) {
    if (const auto day = parse_calendar_date(d)) h.closed.push_back(*day);
  }
  std::sort(h.closed.begin(), h.closed.end());
  return h;
}

ServedArea area_field(const json& data) {
  ServedArea a;
  a.postal_codes = list_field(data, "postal_codes", 2000);
  std::erase_if(a.postal_codes, [](const std::string& p) { return !is_postal_code_pattern(p); });
  a.municipalities = list_field(data, "municipalities", 500);
  return a;
}

}  // namespace

const Organisation* Directory::organisation(std::string_view id) const {
  const auto it = std::lower_bound(organisations.begin(), organisations.end(), id,
                                   [](const Organisation& o, std::string_view k) { return o.id < k; });
  return it != organisations.end() && it->id == id ? &*it : nullptr;
}

const ServedArea& area_of(const ContactPerson& p, const Organisation* org) {
  return p.area.postal_codes.empty() && p.area.municipalities.empty() && org ? org->area : p.area;
}

const std::vector<std::string>& languages_of(const ContactPerson& p, const Organisation* org) {
  return p.languages.empty() && org ? org->languages : p.languages;
}

const OpeningHours& hours_of(const ContactPerson& p, const Organisation* org) {
  return p.hours.empty() && org ? org->hours : p.hours;
}

std::string_view primary_language(std::string_view code) {
  return code.substr(0, code.find('-'));
}

bool is_postal_code_pattern(std::string_view s) {
  const bool prefix = !s.empty() && s.back() == '*';
  if (prefix) s.remove_suffix(1);
  if (s.empty() || !std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; })) return false;
  return prefix ? s.size() <= 4 : s.size() == 5;
}

std::optional<Organisation> parse_organisation(std::string_view id, const json& data, std::string* why) {
  auto refuse = [&](const char* reason) -> std::optional<Organisation> {
    if (why) *why = reason;
    return std::nullopt;
  };
  if (!data.is_object()) return refuse("not an object");
  Organisation o;
  o.id = std::string(id);
  o.name = map_field(data, "name");
  if (o.name.empty()) return refuse("no name");
  o.kind = one_of(data, "kind", kOrganisationKinds);
  if (o.kind.empty()) return refuse("no known kind");
  o.topics = listed(list_field(data, "topics"), kTopics);
  o.languages = list_field(data, "languages");
  o.target_groups = listed(list_field(data, "target_groups"), wk::sync::kTargetGroups);
  o.area = area_field(data);
  o.hours = hours_field(data, "opening_hours", "closed_days");
  if (const auto it = data.find("address"); it != data.end() && it->is_object()) {
    o.street = text_field(*it, "street");
    o.postal_code = text_field(*it, "postal_code");
    o.municipality = text_field(*it, "municipality");
    o.room = text_field(*it, "room");
  }
  o.phone = text_field(data, "phone");
  o.email = text_field(data, "email");
  o.website = text_field(data, "website");
  o.appointment = map_field(data, "appointment");
  o.directions = map_field(data, "directions");
  o.accessibility = map_field(data, "accessibility");
  return o;
}

std::optional<ContactPerson> parse_contact_person(std::string_view id, const json& data, std::string* why) {
  auto refuse = [&](const char* reason) -> std::optional<ContactPerson> {
    if (why) *why = reason;
    return std::nullopt;
  };
  if (!data.is_object()) return refuse("not an object");
  ContactPerson p;
  p.id = std::string(id);
  p.name = text_field(data, "name");
  if (p.name.empty()) return refuse("no name");
  p.organisation_id = text_field(data, "organisation_id");
  p.role = map_field(data, "role");
  p.topics = listed(list_field(data, "topics"), kTopics);
  p.languages = list_field(data, "languages");
  p.target_groups = listed(list_field(data, "target_groups"), wk::sync::kTargetGroups);
  p.area = area_field(data);
  p.hours = hours_field(data, "consultation_hours", "closed_days");
  p.phone = text_field(data, "phone");
  p.email = text_field(data, "email");
  p.room = text_field(data, "room");
  p.kuemmerer_capacity = count_field(data, "kuemmerer_capacity");
  return p;
}

Directory load_directory(Database& db) {
  Directory d;
  Statement st = db.prepare(
      "SELECT kind, id, data FROM catalog_items WHERE kind IN ('organisation', 'contact_person') AND deleted = 0 "
      "ORDER BY kind, id");
  while (st.step()) {
    const std::string kind = st.column_text(0), id = st.column_text(1);
    const json data = json::parse(st.column_text(2), nullptr, false);
    std::string why;
    if (kind == "organisation") {
      if (auto o = parse_organisation(id, data, &why)) {
        d.organisations.push_back(std::move(*o));
        continue;
      }
    } else if (auto p = parse_contact_person(id, data, &why)) {
      d.persons.push_back(std::move(*p));
      continue;
    }
    log::warn("directory", kind + " " + id + " left out: " + why);
  }
  return d;
}

namespace {

std::optional<json> live_item(Database& db, std::string_view kind, std::string_view id) {
  Statement st = db.prepare("SELECT data FROM catalog_items WHERE kind = ?1 AND id = ?2 AND deleted = 0");
  st.bind(1, kind).bind(2, id);
  if (!st.step()) return std::nullopt;
  return json::parse(st.column_text(0), nullptr, false);
}

}  // namespace

std::optional<ContactPerson> find_contact_person(Database& db, std::string_view id) {
  const auto data = live_item(db, "contact_person", id);
  return data ? parse_contact_person(id, *data) : std::nullopt;
}

std::optional<Organisation> find_organisation(Database& db, std::string_view id) {
  const auto data = live_item(db, "organisation", id);
  return data ? parse_organisation(id, *data) : std::nullopt;
}

std::string directory_fingerprint(Database& db) {
  Statement st = db.prepare(
      "SELECT coalesce(max(version), 0), count(*), coalesce(max(received_at), '') FROM catalog_items"
      " WHERE kind IN ('organisation', 'contact_person')");
  st.step();
  return std::to_string(st.column_int64(0)) + "/" + std::to_string(st.column_int64(1)) + "/" + st.column_text(2);
}

bool area_covers(const ServedArea& area, std::string_view postal_code, std::string_view municipality) {
  if (area.postal_codes.empty() && area.municipalities.empty()) return true;
  for (const std::string& p : area.postal_codes) {
    if (postal_code.empty()) break;
    if (p.back() == '*' ? postal_code.substr(0, p.size() - 1) == std::string_view(p).substr(0, p.size() - 1)
                        : postal_code == p)
      return true;
  }
  return !municipality.empty() &&
         std::find(area.municipalities.begin(), area.municipalities.end(), municipality) != area.municipalities.end();
}

}  // namespace wk::core
