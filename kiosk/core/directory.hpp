// The region's directory as the terminal reads it: the catalog items of kinds "organisation"
// and "contact_person" (sync/CATALOG.md) read into plain values.
//
// The hub checks every item it imports; the terminal still reads catalog data as untrusted:
// an organisation without a name or a known kind, or a person without a name, is left out
// (and logged by id); an optional field of the wrong shape is ignored; list entries outside
// the vocabularies below are dropped.
#pragma once

#include "kiosk/core/catalog_fields.hpp"
#include "kiosk/core/database.hpp"

#include <array>
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace wk::core {

// The actors of the action plan a newcomer may be sent to, and the course providers.
inline constexpr std::array<std::string_view, 15> kOrganisationKinds = {
    "welcome_center",           // Welcome Center of the region
    "immigration_office",       // Ausländerbehörde
    "employment_agency",        // Agentur für Arbeit
    "job_center",               // Jobcenter
    "recognition_counselling",  // IQ Anerkennungs- und Qualifizierungsberatung
    "migration_counselling",    // Migrationsberatung für erwachsene Zugewanderte (MBE)
    "youth_migration_service",  // Jugendmigrationsdienst (JMD)
    "chamber",                  // IHK, HWK and the other chambers
    "migrant_organisation",
    "integration_commissioner",  // Integrationsbeauftragte
    "employer_service",          // Arbeitgeber-Service, employers' networks
    "language_school",           // course providers
    "counselling",               // other counselling (welfare associations, family centres)
    "employer",
    "other"};

// What a newcomer can look for. Names and search synonyms per language are data
// (locales/*.json "topic.ID", assets/directory/topics.json); both sides agree on the ids.
inline constexpr std::array<std::string_view, 9> kTopics = {"residence", "work",   "recognition", "language", "family",
                                                            "housing",   "health", "counselling", "money"};

// Weekly hours less the closed days.
struct OpeningHours {
  std::vector<WeeklySpan> weekly;  // sorted by weekday, then start
  std::vector<std::chrono::sys_days> closed;
  bool empty() const { return weekly.empty(); }
};

// Where a service or a person is responsible: postal codes ("12345", or a prefix "123*")
// and municipalities. Both empty: the whole region.
struct ServedArea {
  std::vector<std::string> postal_codes;
  std::vector<std::string> municipalities;
};

struct Organisation {
  std::string id;
  LanguageMap name;  // at least one language
  std::string kind;  // one of kOrganisationKinds
  std::vector<std::string> topics, languages, target_groups;
  ServedArea area;
  OpeningHours hours;
  std::string street, postal_code, municipality, room;
  std::string phone, email, website;
  LanguageMap appointment, directions, accessibility;
};

struct ContactPerson {
  std::string id;
  std::string name;
  std::string organisation_id;
  LanguageMap role;
  std::vector<std::string> topics, languages, target_groups;
  ServedArea area;     // as a Kümmerer; empty: the organisation's
  OpeningHours hours;  // consultation hours; empty: the organisation's
  std::string phone, email, room;
  // Set when the person acts as a Kümmerer: how many registrations the operator gives them.
  std::optional<std::int64_t> kuemmerer_capacity;
};

struct Directory {
  std::vector<Organisation> organisations;  // id order
  std::vector<ContactPerson> persons;       // id order
  const Organisation* organisation(std::string_view id) const;
};

// What holds for a person where their own field is empty: their organisation's (`org` may be
// nullptr: then their own, empty or not). One rule for the finder, its detail page and the
// Kümmerer choice.
const ServedArea& area_of(const ContactPerson& p, const Organisation* org);
const std::vector<std::string>& languages_of(const ContactPerson& p, const Organisation* org);
const OpeningHours& hours_of(const ContactPerson& p, const Organisation* org);

// The primary language subtag ("fa" of "fa-AF"); Dari "prs" and Farsi "fa" stay apart.
std::string_view primary_language(std::string_view code);

// The item in `data`, or nullopt with `why` set when it lacks what it cannot do without.
std::optional<Organisation> parse_organisation(std::string_view id, const nlohmann::json& data,
                                               std::string* why = nullptr);
std::optional<ContactPerson> parse_contact_person(std::string_view id, const nlohmann::json& data,
                                                  std::string* why = nullptr);

// Every live organisation and person this terminal holds; unreadable ones are logged (id and
// reason) and left out.
Directory load_directory(Database& db);

// One live person or organisation this terminal holds, or nullopt (unknown, deleted, unreadable).
std::optional<ContactPerson> find_contact_person(Database& db, std::string_view id);
std::optional<Organisation> find_organisation(Database& db, std::string_view id);

// Changes whenever an organisation or person item is written (added, updated, deleted, reset):
// a cheap test whether what load_directory() read is still current.
std::string directory_fingerprint(Database& db);

// Whether `area` covers a residence at `postal_code` in `municipality` (either may be "");
// an empty area covers everything. Municipalities compare exactly (the catalog's spelling).
bool area_covers(const ServedArea& area, std::string_view postal_code, std::string_view municipality);

// "12345" or a prefix of 1 to 4 digits followed by "*".
bool is_postal_code_pattern(std::string_view s);

}  // namespace wk::core
