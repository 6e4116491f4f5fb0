// Catalog files (see catalog_import.hpp and sync/CATALOG.md): the per-kind field rules, a
// strict RFC 4180 CSV reader, the JSON reader, and the conversion of CSV columns ("title.de",
// numeric and list columns) into item data.
#include "sync/hub/catalog_import.hpp"

#include "kiosk/core/course.hpp"
#include "kiosk/core/directory.hpp"
#include "sync/protocol/registration_payload.hpp"

#include "kiosk/core/json_shape.hpp"
#include "kiosk/core/time.hpp"

#include <algorithm>
#include <fstream>
#include <iterator>
#include <map>
#include <set>
#include <span>
#include <system_error>
#include <unordered_map>

namespace wk::hub {
namespace {

using nlohmann::json;

constexpr std::size_t kMaxStringBytes = 4000;
constexpr int kMaxJsonDepth = 64;

// [SECTION] Field rules

// One problem with one field of an item: `field` is the path inside the item's data
// ("seats_free", "title.de", "languages[2]").
struct FieldProblem {
  std::string field;
  std::string problem;
};

enum class FieldType {
  text,
  language_map,
  date,
  count,
  boolean,
  text_list,
  one_of,         // a text from FieldRule::options
  one_of_list,    // an array of texts from FieldRule::options, none twice
  language_list,  // an array of language codes ("de", "fa", "sr-Latn")
  date_list,      // an array of dates YYYY-MM-DD
  postal_list,    // an array of postal codes "12345" or prefixes "123*"
  schedule,       // [{"day": "mon", "from": "18:00", "to": "21:00"}, ...], at most kMaxSessions
  opening_hours,  // the same, at most kMaxOpeningSpans
  address,        // {"street", "postal_code", "municipality", "room"}; municipality required
  age_range       // {"from_age", "to_age"}: whole numbers 0..17, from <= to
};

struct FieldRule {
  std::string_view name;
  FieldType type;
  bool required = false;
  std::span<const std::string_view> options = {};  // for one_of
};

struct KindRules {
  std::string_view kind;
  std::vector<FieldRule> fields;          // empty for "text": the data itself is a language map
  std::vector<std::string_view> numeric;  // CSV columns holding whole numbers
  std::vector<std::string_view> lists;    // CSV columns holding ';'-separated lists
};

// The course vocabularies are the terminal's own (kiosk/core/course.hpp).
using wk::core::kCefrLevels;
using wk::core::kCourseDelivery;
using wk::core::kCourseIntensity;
using wk::core::kCourseTypes;
using wk::core::kOrganisationKinds;
using wk::core::kTopics;
using wk::core::kWeekdayCodes;
using wk::sync::kTargetGroups;
constexpr std::size_t kMaxSessions = 14;
constexpr std::size_t kMaxOpeningSpans = 28;
constexpr std::size_t kMaxListItems = 2000;
constexpr std::int64_t kMaxChildAge = 17;

const std::vector<KindRules>& all_rules() {
  static const std::vector<KindRules> rules{
      {"course",
       {{"title", FieldType::language_map, true},
        {"organisation_id", FieldType::text},
        {"course_type", FieldType::one_of, true, kCourseTypes},
        {"language", FieldType::text},
        {"level_from", FieldType::one_of, false, kCefrLevels},
        {"level_to", FieldType::one_of, false, kCefrLevels},
        {"starts_on", FieldType::date},
        {"ends_on", FieldType::date},
        {"registration_deadline", FieldType::date},
        {"rolling_entry", FieldType::boolean},
        {"schedule", FieldType::schedule},
        {"schedule_note", FieldType::language_map},
        {"delivery", FieldType::one_of, false, kCourseDelivery},
        {"intensity", FieldType::one_of, false, kCourseIntensity},
        {"address", FieldType::address},
        {"childcare", FieldType::age_range},
        {"costs", FieldType::language_map},
        {"capacity", FieldType::count, true},
        {"accessibility", FieldType::language_map}},
       {"capacity", "childcare.from_age", "childcare.to_age"},
       {}},
      {"organisation",
       {{"name", FieldType::language_map, true},
        {"kind", FieldType::one_of, true, kOrganisationKinds},
        {"topics", FieldType::one_of_list, false, kTopics},
        {"postal_codes", FieldType::postal_list},
        {"municipalities", FieldType::text_list},
        {"languages", FieldType::language_list},
        {"target_groups", FieldType::one_of_list, false, kTargetGroups},
        {"opening_hours", FieldType::opening_hours},
        {"closed_days", FieldType::date_list},
        {"address", FieldType::address},
        {"phone", FieldType::text},
        {"email", FieldType::text},
        {"website", FieldType::text},
        {"appointment", FieldType::language_map},
        {"directions", FieldType::language_map},
        {"accessibility", FieldType::language_map}},
       {},
       {"topics", "postal_codes", "municipalities", "languages", "target_groups", "closed_days"}},
      {"contact_person",
       {{"name", FieldType::text, true},
        {"organisation_id", FieldType::text},
        {"role", FieldType::language_map},
        {"topics", FieldType::one_of_list, false, kTopics},
        {"languages", FieldType::language_list},
        {"target_groups", FieldType::one_of_list, false, kTargetGroups},
        {"postal_codes", FieldType::postal_list},
        {"municipalities", FieldType::text_list},
        {"consultation_hours", FieldType::opening_hours},
        {"closed_days", FieldType::date_list},
        {"phone", FieldType::text},
        {"email", FieldType::text},
        {"room", FieldType::text},
        {"kuemmerer_capacity", FieldType::count}},
       {"kuemmerer_capacity"},
       {"topics", "languages", "target_groups", "postal_codes", "municipalities", "closed_days"}},
      {"text", {}, {}, {}},
  };
  return rules;
}

const KindRules& rules_for(std::string_view kind) {
  for (const KindRules& r : all_rules()) {
    if (r.kind == kind) return r;
  }
  throw std::invalid_argument("unknown catalog kind \"" + std::string(kind) + "\"");
}

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

std::size_t code_points(std::string_view s) {
  return static_cast<std::size_t>(
      std::count_if(s.begin(), s.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

// A problem with a text value, or "" if it is acceptable: non-empty, bounded, no control
// characters other than tab and newline, no bidi embedding/override/isolate characters.
std::string text_problem(std::string_view s) {
  if (s.empty()) return "empty";
  if (s.size() > kMaxStringBytes) return "longer than " + std::to_string(kMaxStringBytes) + " bytes";
  for (std::size_t i = 0; i < s.size(); ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if ((c < 0x20 && c != '\t' && c != '\n') || c == 0x7f) return "contains a control character";
    if (c == 0xE2 && i + 2 < s.size()) {
      const auto c1 = static_cast<unsigned char>(s[i + 1]);
      const auto c2 = static_cast<unsigned char>(s[i + 2]);
      if ((c1 == 0x80 && c2 >= 0xAA && c2 <= 0xAE) || (c1 == 0x81 && c2 >= 0xA6 && c2 <= 0xA9)) {
        return "contains a bidi control character";
      }
    }
  }
  return {};
}

// "de", "ar", "zh-Hans", "pt-BR": 2-3 lower-case letters, then optional subtags of 2-8 letters/digits.
bool is_language_code(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size() && s[i] >= 'a' && s[i] <= 'z') ++i;
  if (i < 2 || i > 3) return false;
  while (i < s.size()) {
    if (s[i] != '-') return false;
    const std::size_t start = ++i;
    while (i < s.size() && (std::isalnum(static_cast<unsigned char>(s[i])) != 0)) ++i;
    if (i - start < 2 || i - start > 8) return false;
  }
  return true;
}

bool is_date(std::string_view s) {
  return wk::core::is_calendar_date(s);
}

void check_text(const json& v, const std::string& field) {
  if (!v.is_string()) throw FieldProblem{field, "expected a string"};
  const std::string problem = text_problem(v.get_ref<const std::string&>());
  if (!problem.empty()) throw FieldProblem{field, problem};
}

void check_language_map(const json& v, const std::string& field) {
  if (!v.is_object()) throw FieldProblem{field, "expected an object of language code to text"};
  if (v.empty()) throw FieldProblem{field, "needs at least one language"};
  for (const auto& [lang, text] : v.items()) {
    const std::string sub = field.empty() ? lang : field + "." + lang;
    if (!is_language_code(lang)) throw FieldProblem{sub, "not a language code (like de, ar, zh-Hans)"};
    check_text(text, sub);
  }
}

std::string joined(std::span<const std::string_view> options) {
  std::string out;
  for (std::size_t i = 0; i < options.size(); ++i) {
    out += (i == 0 ? "" : i + 1 == options.size() ? " or " : ", ") + std::string(options[i]);
  }
  return out;
}

bool is_count(const json& v) {
  return v.is_number_integer() && (v.is_number_unsigned() || v.get<std::int64_t>() >= 0);
}

// "HH:MM" within 00:00..24:00.
bool is_clock_time(std::string_view s) {
  if (s.size() != 5 || s[2] != ':' || !is_digit(s[0]) || !is_digit(s[1]) || !is_digit(s[3]) || !is_digit(s[4]))
    return false;
  const int h = (s[0] - '0') * 10 + (s[1] - '0'), m = (s[3] - '0') * 10 + (s[4] - '0');
  return m < 60 && (h < 24 || (h == 24 && m == 0));
}

void check_object_keys(const json& v, const std::string& field, std::span<const std::string_view> known) {
  for (const auto& [key, value] : v.items()) {
    if (std::find(known.begin(), known.end(), key) == known.end()) {
      throw FieldProblem{field + "." + key, "unknown field (known: " + joined(known) + ")"};
    }
  }
}

void check_schedule(const json& v, const std::string& field, std::size_t max) {
  if (!v.is_array()) throw FieldProblem{field, "expected an array of {day, from, to}"};
  if (v.size() > max) throw FieldProblem{field, "more than " + std::to_string(max) + " entries"};
  static constexpr std::string_view kKeys[] = {"day", "from", "to"};
  for (std::size_t i = 0; i < v.size(); ++i) {
    const std::string at = field + "[" + std::to_string(i + 1) + "]";
    const json& s = v[i];
    if (!s.is_object()) throw FieldProblem{at, "expected an object {day, from, to}"};
    check_object_keys(s, at, kKeys);
    for (const auto key : kKeys) {
      if (!s.contains(key)) throw FieldProblem{at + "." + std::string(key), "missing (required)"};
    }
    const json& day = s["day"];
    if (!day.is_string() ||
        std::find(kWeekdayCodes.begin(), kWeekdayCodes.end(), day.get<std::string>()) == kWeekdayCodes.end()) {
      throw FieldProblem{at + ".day", "expected one of " + joined(kWeekdayCodes)};
    }
    for (const char* key : {"from", "to"}) {
      if (!s[key].is_string() || !is_clock_time(s[key].get<std::string>())) {
        throw FieldProblem{at + "." + key, "expected a time HH:MM"};
      }
    }
    if (s["to"].get<std::string>() <= s["from"].get<std::string>()) throw FieldProblem{at + ".to", "not after from"};
  }
}

void check_field(const FieldRule& rule, const json& v) {
  const std::string field(rule.name);
  switch (rule.type) {
    case FieldType::text:
      check_text(v, field);
      return;
    case FieldType::language_map:
      check_language_map(v, field);
      return;
    case FieldType::date:
      if (!v.is_string() || !is_date(v.get_ref<const std::string&>())) {
        throw FieldProblem{field, "expected a date YYYY-MM-DD"};
      }
      return;
    case FieldType::count:
      if (!is_count(v)) throw FieldProblem{field, "expected a non-negative integer"};
      return;
    case FieldType::boolean:
      if (!v.is_boolean()) throw FieldProblem{field, "expected true or false"};
      return;
    case FieldType::text_list:
      if (!v.is_array()) throw FieldProblem{field, "expected an array of strings"};
      for (std::size_t i = 0; i < v.size(); ++i) check_text(v[i], field + "[" + std::to_string(i + 1) + "]");
      return;
    case FieldType::one_of_list:
    case FieldType::language_list:
    case FieldType::date_list:
    case FieldType::postal_list: {
      if (!v.is_array()) throw FieldProblem{field, "expected an array of strings"};
      if (v.size() > kMaxListItems)
        throw FieldProblem{field, "more than " + std::to_string(kMaxListItems) + " entries"};
      std::set<std::string, std::less<>> seen;
      for (std::size_t i = 0; i < v.size(); ++i) {
        const std::string at = field + "[" + std::to_string(i + 1) + "]";
        check_text(v[i], at);
        const std::string& s = v[i].get_ref<const std::string&>();
        if (!seen.insert(s).second) throw FieldProblem{at, "\"" + s + "\" appears twice"};
        if (rule.type == FieldType::one_of_list &&
            std::find(rule.options.begin(), rule.options.end(), s) == rule.options.end())
          throw FieldProblem{at, "unknown: \"" + s + "\" (expected one of " + joined(rule.options) + ")"};
        if (rule.type == FieldType::language_list && !is_language_code(s))
          throw FieldProblem{at, "not a language code (like de, fa, sr-Latn)"};
        if (rule.type == FieldType::date_list && !is_date(s)) throw FieldProblem{at, "expected a date YYYY-MM-DD"};
        if (rule.type == FieldType::postal_list && !wk::core::is_postal_code_pattern(s))
          throw FieldProblem{at, "expected a postal code of 5 digits or a prefix like 123*"};
      }
      return;
    }
    case FieldType::one_of:
      if (!v.is_string() ||
          std::find(rule.options.begin(), rule.options.end(), v.get<std::string>()) == rule.options.end()) {
        throw FieldProblem{field, "expected one of " + joined(rule.options)};
      }
      return;
    case FieldType::schedule:
      check_schedule(v, field, kMaxSessions);
      return;
    case FieldType::opening_hours:
      check_schedule(v, field, kMaxOpeningSpans);
      return;
    case FieldType::address: {
      static constexpr std::string_view kKeys[] = {"street", "postal_code", "municipality", "room"};
      if (!v.is_object()) throw FieldProblem{field, "expected an object {street, postal_code, municipality, room}"};
      check_object_keys(v, field, kKeys);
      for (const auto& [key, value] : v.items()) check_text(value, field + "." + key);
      if (!v.contains("municipality")) throw FieldProblem{field + ".municipality", "missing (required)"};
      return;
    }
    case FieldType::age_range: {
      static constexpr std::string_view kKeys[] = {"from_age", "to_age"};
      if (!v.is_object()) throw FieldProblem{field, "expected an object {from_age, to_age}"};
      check_object_keys(v, field, kKeys);
      for (const auto key : kKeys) {
        const std::string at = field + "." + std::string(key);
        if (!v.contains(key)) throw FieldProblem{at, "missing (required)"};
        if (!is_count(v[key]) || v[key].get<std::int64_t>() > kMaxChildAge) {
          throw FieldProblem{at, "expected an age from 0 to " + std::to_string(kMaxChildAge)};
        }
      }
      if (v["to_age"].get<std::int64_t>() < v["from_age"].get<std::int64_t>())
        throw FieldProblem{field + ".to_age", "below from_age"};
      return;
    }
  }
}

std::string known_fields(const KindRules& rules) {
  std::string out;
  for (const FieldRule& f : rules.fields) out += (out.empty() ? "" : ", ") + std::string(f.name);
  return out;
}

// Throws FieldProblem for the first field that breaks the rules of `kind`.
void check_item(const KindRules& rules, const json& data) {
  if (!data.is_object()) throw FieldProblem{"", "expected an object"};
  if (rules.kind == "text") {
    check_language_map(data, "");
    return;
  }
  for (const auto& [key, value] : data.items()) {
    const auto it = std::find_if(rules.fields.begin(), rules.fields.end(),
                                 [&key = key](const FieldRule& f) { return f.name == key; });
    if (it == rules.fields.end()) {
      throw FieldProblem{key,
                         "unknown field for a " + std::string(rules.kind) + " (known: " + known_fields(rules) + ")"};
    }
    check_field(*it, value);
  }
  for (const FieldRule& f : rules.fields) {
    if (f.required && !data.contains(std::string(f.name)))
      throw FieldProblem{std::string(f.name), "missing (required)"};
  }
  if (rules.kind == "course") {
    auto text_of = [&](const char* key) { return data[key].get<std::string>(); };
    if (data.contains("starts_on") && data.contains("ends_on") && text_of("ends_on") < text_of("starts_on")) {
      throw FieldProblem{"ends_on", "before starts_on"};
    }
    if (data.contains("registration_deadline") && data.contains("ends_on") &&
        text_of("ends_on") < text_of("registration_deadline")) {
      throw FieldProblem{"registration_deadline", "after ends_on"};
    }
    // "A1" < "A2" < "B1" < ... compares as text.
    if (data.contains("level_from") && data.contains("level_to") && text_of("level_to") < text_of("level_from")) {
      throw FieldProblem{"level_to", "below level_from"};
    }
  }
}

std::string id_problem(std::string_view id) {
  if (id.empty()) return "missing";
  if (code_points(id) > 128) return "longer than 128 characters";
  const std::string problem = text_problem(id);
  if (!problem.empty() || id.find('\n') != std::string_view::npos || id.find('\t') != std::string_view::npos) {
    return "contains a control character";
  }
  return {};
}

// [SECTION] Byte-level checks

// Offset of the first byte that does not start a valid UTF-8 sequence, or npos.
std::size_t invalid_utf8_at(std::string_view s) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  std::size_t i = 0;
  while (i < s.size()) {
    const unsigned char c = p[i];
    if (c < 0x80) {
      ++i;
      continue;
    }
    std::size_t len = 0;
    unsigned char lo = 0x80, hi = 0xBF;
    if (c >= 0xC2 && c <= 0xDF) {
      len = 2;
    } else if (c == 0xE0) {
      len = 3, lo = 0xA0;
    } else if (c == 0xED) {
      len = 3, hi = 0x9F;
    } else if (c >= 0xE1 && c <= 0xEF) {
      len = 3;
    } else if (c == 0xF0) {
      len = 4, lo = 0x90;
    } else if (c >= 0xF1 && c <= 0xF3) {
      len = 4;
    } else if (c == 0xF4) {
      len = 4, hi = 0x8F;
    } else {
      return i;
    }
    if (s.size() - i < len || p[i + 1] < lo || p[i + 1] > hi) return i;
    for (std::size_t k = 2; k < len; ++k) {
      if (p[i + k] < 0x80 || p[i + k] > 0xBF) return i;
    }
    i += len;
  }
  return std::string_view::npos;
}

std::size_t line_of(std::string_view text, std::size_t offset) {
  return 1 +
         static_cast<std::size_t>(std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(offset), '\n'));
}

std::string_view strip_bom(std::string_view text) {
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  return text;
}

// [SECTION] JSON

CatalogFile parse_json(std::string_view text, const KindRules& rules, const std::string& src) {
  if (wk::core::json_nesting_depth(text, kMaxJsonDepth) > kMaxJsonDepth)
    throw ImportError(src + ": nested deeper than 64 levels");
  json doc;
  try {
    doc = json::parse(text.begin(), text.end());
  } catch (const json::parse_error& e) {
    std::string what = e.what();
    if (const auto at = what.find("] "); what.rfind("[json.exception", 0) == 0 && at != std::string::npos) {
      what = what.substr(at + 2);
    }
    throw ImportError(src + ": not valid JSON: " + what);
  }
  if (!doc.is_array()) throw ImportError(src + ": expected an array of objects at the top level");

  CatalogFile out{std::string(rules.kind), {}, {}, CatalogFormat::json};
  out.items.reserve(doc.size());
  std::unordered_map<std::string, std::size_t> seen;
  for (std::size_t i = 0; i < doc.size(); ++i) {
    json& element = doc[i];
    const std::string where = src + ": [" + std::to_string(i + 1) + "]";
    if (!element.is_object()) throw ImportError(where + ": expected an object");
    const auto id_it = element.find("id");
    if (id_it == element.end()) throw ImportError(where + ".id: missing");
    if (!id_it->is_string()) throw ImportError(where + ".id: expected a string");
    std::string id = id_it->get<std::string>();
    if (const std::string problem = id_problem(id); !problem.empty()) throw ImportError(where + ".id: " + problem);
    if (const auto [it, fresh] = seen.emplace(id, i); !fresh) {
      throw ImportError(where + ".id: duplicate id \"" + id + "\" (first at [" + std::to_string(it->second + 1) + "])");
    }
    element.erase("id");
    try {
      check_item(rules, element);
    } catch (const FieldProblem& p) {
      throw ImportError(where + (p.field.empty() ? "" : "." + p.field) + ": " + p.problem);
    }
    out.items.emplace_back(std::move(id), std::move(element));
    out.places.push_back(where);
  }
  return out;
}

// [SECTION] CSV (RFC 4180)

struct CsvRecord {
  std::size_t line = 0;  // where the record starts
  std::vector<std::string> fields;
};

// The field separator of a CSV file: ';' when its header row (outside quotes) holds more
// semicolons than commas — what a spreadsheet in a German locale saves as "CSV" — else ','.
char csv_separator(std::string_view text) {
  std::size_t commas = 0, semicolons = 0;
  bool quoted = false;
  for (const char c : text) {
    if (c == '"') {
      quoted = !quoted;
    } else if (!quoted) {
      if (c == '\n') break;
      if (c == ',') ++commas;
      if (c == ';') ++semicolons;
    }
  }
  return semicolons > commas ? ';' : ',';
}

// Splits `text` into records separated by `sep`. Quoted fields may hold separators, quotes ("")
// and line breaks; records end with CRLF or LF; fully empty lines are skipped.
std::vector<CsvRecord> split_csv(std::string_view text, char sep, const std::string& src) {
  std::vector<CsvRecord> records;
  std::size_t i = 0, line = 1;
  const std::size_t n = text.size();
  while (i < n) {
    CsvRecord record{line, {}};
    bool any_quoted = false;
    while (true) {
      std::string field;
      const std::size_t column = record.fields.size() + 1;
      if (i < n && text[i] == '"') {
        any_quoted = true;
        const std::size_t open_line = line;
        ++i;
        while (true) {
          if (i >= n) {
            throw ImportError(src + ":" + std::to_string(open_line) + ": field " + std::to_string(column) +
                              ": quoted field is not closed");
          }
          const char c = text[i];
          if (c == '"') {
            if (i + 1 < n && text[i + 1] == '"') {
              field.push_back('"');
              i += 2;
              continue;
            }
            ++i;
            break;
          }
          if (c == '\n') ++line;
          field.push_back(c);
          ++i;
        }
        if (i < n && text[i] != sep && text[i] != '\r' && text[i] != '\n') {
          throw ImportError(src + ":" + std::to_string(line) + ": field " + std::to_string(column) +
                            ": unexpected character after a closing quote (double a quote inside a quoted field)");
        }
      } else {
        while (i < n && text[i] != sep && text[i] != '\r' && text[i] != '\n') {
          if (text[i] == '"') {
            throw ImportError(src + ":" + std::to_string(line) + ": field " + std::to_string(column) +
                              ": quote inside an unquoted field (quote the whole field and double inner quotes)");
          }
          field.push_back(text[i++]);
        }
      }
      record.fields.push_back(std::move(field));
      if (i < n && text[i] == sep) {
        ++i;
        continue;
      }
      if (i < n && text[i] == '\r') ++i;
      if (i < n && text[i] == '\n') ++i;
      ++line;
      break;
    }
    if (record.fields.size() == 1 && record.fields[0].empty() && !any_quoted) continue;
    records.push_back(std::move(record));
  }
  return records;
}

std::vector<std::string> split_path(const std::string& column) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  while (true) {
    const std::size_t dot = column.find('.', start);
    parts.push_back(column.substr(start, dot == std::string::npos ? std::string::npos : dot - start));
    if (dot == std::string::npos) break;
    start = dot + 1;
  }
  return parts;
}

std::string trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return std::string(s);
}

const FieldRule* rule_named(const KindRules& rules, std::string_view name) {
  for (const FieldRule& f : rules.fields) {
    if (f.name == name) return &f;
  }
  return nullptr;
}

std::optional<bool> parse_yes_no(std::string_view cell) {
  std::string v(cell);
  std::transform(v.begin(), v.end(), v.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (v == "yes" || v == "true" || v == "ja" || v == "1") return true;
  if (v == "no" || v == "false" || v == "nein" || v == "0") return false;
  return std::nullopt;
}

// A schedule cell: sessions "DAY HH:MM-HH:MM" separated by ';' ("mon 18:00-21:00; wed 18:00-21:00")
// as the JSON array of {day, from, to} that check_schedule then judges. `at` prefixes messages.
json parse_schedule_cell(std::string_view cell, const std::string& at) {
  json sessions = json::array();
  std::size_t start = 0, n = 0;
  while (start <= cell.size()) {
    const std::size_t semi = std::min(cell.find(';', start), cell.size());
    const std::string entry = trim(cell.substr(start, semi - start));
    start = semi + 1;
    if (entry.empty()) continue;
    ++n;
    const std::size_t space = entry.find(' ');
    const std::size_t dash = entry.find('-', space == std::string::npos ? 0 : space);
    if (space == std::string::npos || dash == std::string::npos) {
      throw ImportError(at + ": session " + std::to_string(n) + ": expected DAY HH:MM-HH:MM (like mon 18:00-21:00)");
    }
    std::string day = entry.substr(0, space);
    std::transform(day.begin(), day.end(), day.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    sessions.push_back({{"day", day},
                        {"from", trim(std::string_view(entry).substr(space + 1, dash - space - 1))},
                        {"to", trim(std::string_view(entry).substr(dash + 1))}});
  }
  return sessions;
}

CatalogFile parse_csv(std::string_view text, const KindRules& rules, const std::string& src) {
  const std::vector<CsvRecord> records = split_csv(text, csv_separator(text), src);
  if (records.empty()) throw ImportError(src + ": empty file (expected a header row with an \"id\" column)");

  // The header: unique, non-empty names; "a.b" paths that do not collide with "a".
  const CsvRecord& header = records.front();
  const std::string at_header = src + ":" + std::to_string(header.line) + ": ";
  std::vector<std::vector<std::string>> paths;
  std::size_t id_column = header.fields.size();
  std::set<std::string> names;
  for (std::size_t c = 0; c < header.fields.size(); ++c) {
    const std::string& name = header.fields[c];
    if (name.empty()) throw ImportError(at_header + "column " + std::to_string(c + 1) + " has no name");
    if (!names.insert(name).second) throw ImportError(at_header + "column " + name + " appears twice");
    if (name == "id") id_column = c;
  }
  for (std::size_t c = 0; c < header.fields.size(); ++c) {
    const std::string& name = header.fields[c];
    std::vector<std::string> path = split_path(name);
    if (std::any_of(path.begin(), path.end(), [](const std::string& p) { return p.empty(); })) {
      throw ImportError(at_header + "column " + name + ": empty part in a dotted name");
    }
    // "title" and "title.de" cannot both be columns: one would overwrite the other.
    std::string prefix;
    for (std::size_t k = 0; k + 1 < path.size(); ++k) {
      prefix += (k == 0 ? "" : ".") + path[k];
      if (names.count(prefix) != 0)
        throw ImportError(at_header + "column " + name + " conflicts with column " + prefix);
    }
    paths.push_back(c == id_column ? std::vector<std::string>{} : std::move(path));
  }
  if (id_column == header.fields.size()) throw ImportError(at_header + "no \"id\" column in the header row");

  auto is_one_of = [](const std::vector<std::string_view>& list, const std::string& name) {
    return std::find(list.begin(), list.end(), name) != list.end();
  };

  CatalogFile out{std::string(rules.kind), {}, {}, CatalogFormat::csv};
  out.items.reserve(records.size() - 1);
  std::unordered_map<std::string, std::size_t> seen;
  for (std::size_t r = 1; r < records.size(); ++r) {
    const CsvRecord& record = records[r];
    const std::string at = src + ":" + std::to_string(record.line) + ": ";
    if (record.fields.size() != header.fields.size()) {
      throw ImportError(at + std::to_string(record.fields.size()) + " fields, expected " +
                        std::to_string(header.fields.size()) + " as in the header row");
    }
    std::string id = record.fields[id_column];
    if (const std::string problem = id_problem(id); !problem.empty()) throw ImportError(at + "column id: " + problem);
    if (const auto [it, fresh] = seen.emplace(id, record.line); !fresh) {
      throw ImportError(at + "column id: duplicate id \"" + id + "\" (first on line " + std::to_string(it->second) +
                        ")");
    }

    json data = json::object();
    for (std::size_t c = 0; c < record.fields.size(); ++c) {
      if (c == id_column) continue;
      const std::string& name = header.fields[c];
      const std::string& cell = record.fields[c];
      if (cell.empty()) continue;
      json value;
      if (is_one_of(rules.numeric, name)) {
        const bool digits = cell.size() <= 15 && std::all_of(cell.begin(), cell.end(), is_digit);
        if (!digits) throw ImportError(at + "column " + name + ": expected a non-negative integer");
        value = std::stoll(cell);
      } else if (is_one_of(rules.lists, name)) {
        value = json::array();
        std::size_t start = 0;
        while (start <= cell.size()) {
          const std::size_t semi = std::min(cell.find(';', start), cell.size());
          std::string entry = trim(std::string_view(cell).substr(start, semi - start));
          if (!entry.empty()) value.push_back(std::move(entry));
          start = semi + 1;
        }
      } else if (const FieldRule* rule = rule_named(rules, paths[c].front());
                 rule && paths[c].size() == 1 && rule->type == FieldType::boolean) {
        const std::optional<bool> b = parse_yes_no(cell);
        if (!b) throw ImportError(at + "column " + name + ": expected yes or no (also true/false, ja/nein, 1/0)");
        value = *b;
      } else if (rule && paths[c].size() == 1 &&
                 (rule->type == FieldType::schedule || rule->type == FieldType::opening_hours)) {
        value = parse_schedule_cell(cell, at + "column " + name);
      } else {
        value = cell;
      }
      json* node = &data;
      const std::vector<std::string>& path = paths[c];
      for (std::size_t k = 0; k + 1 < path.size(); ++k) node = &(*node)[path[k]];
      (*node)[path.back()] = std::move(value);
    }
    try {
      check_item(rules, data);
    } catch (const FieldProblem& p) {
      throw ImportError(at + (p.field.empty() ? "" : "column " + p.field + ": ") + p.problem);
    }
    out.items.emplace_back(std::move(id), std::move(data));
    out.places.push_back(src + ":" + std::to_string(record.line));
  }
  return out;
}

}  // namespace

// [SECTION] Public entry points

std::optional<std::string> wire_kind(std::string_view cli_kind) {
  if (cli_kind == "courses") return "course";
  if (cli_kind == "organisations") return "organisation";
  if (cli_kind == "contact-persons") return "contact_person";
  if (cli_kind == "texts") return "text";
  return std::nullopt;
}

std::optional<CatalogFormat> format_from_extension(const std::filesystem::path& file) {
  std::string ext = file.extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (ext == ".json") return CatalogFormat::json;
  if (ext == ".csv") return CatalogFormat::csv;
  return std::nullopt;
}

void validate_catalog_item(std::string_view kind, const nlohmann::json& data, const std::string& where) {
  try {
    check_item(rules_for(kind), data);
  } catch (const FieldProblem& p) {
    throw ImportError(where + (p.field.empty() ? "" : "." + p.field) + ": " + p.problem);
  }
}

const std::vector<CatalogReference>& catalog_references() {
  static const std::vector<CatalogReference> refs{{"course", "organisation_id", "organisation"},
                                                  {"contact_person", "organisation_id", "organisation"}};
  return refs;
}

void check_references(const CatalogFile& file,
                      const std::function<bool(std::string_view kind, std::string_view id)>& exists) {
  for (const CatalogReference& ref : catalog_references()) {
    if (ref.from_kind != file.kind) continue;
    const std::string field(ref.field);
    for (std::size_t i = 0; i < file.items.size(); ++i) {
      const nlohmann::json& data = file.items[i].second;
      if (!data.contains(field) || !data[field].is_string()) continue;
      const std::string& target = data[field].get_ref<const std::string&>();
      if (exists(ref.to_kind, target)) continue;
      const std::string place = i < file.places.size() ? file.places[i] : "[" + std::to_string(i + 1) + "]";
      throw ImportError(place + (file.format == CatalogFormat::csv ? ": column " + field : "." + field) +
                        ": names no " + std::string(ref.to_kind) + " held by the hub (\"" + target +
                        "\"); import the " + std::string(ref.to_kind) + "s first");
    }
  }
}

std::set<std::string, std::less<>> region_municipalities(const std::vector<nlohmann::json>& organisations) {
  std::set<std::string, std::less<>> out;
  for (const nlohmann::json& o : organisations) {
    if (!o.is_object()) continue;
    if (const auto a = o.find("address"); a != o.end() && a->is_object()) {
      if (const auto m = a->find("municipality"); m != a->end() && m->is_string()) out.insert(m->get<std::string>());
    }
    if (const auto list = o.find("municipalities"); list != o.end() && list->is_array()) {
      for (const nlohmann::json& m : *list)
        if (m.is_string()) out.insert(m.get<std::string>());
    }
  }
  return out;
}

void check_region(const CatalogFile& file, const std::set<std::string, std::less<>>& region) {
  if (file.kind != "contact_person") return;
  for (std::size_t i = 0; i < file.items.size(); ++i) {
    const nlohmann::json& data = file.items[i].second;
    const auto list = data.find("municipalities");
    if (list == data.end() || !list->is_array()) continue;
    for (std::size_t k = 0; k < list->size(); ++k) {
      const nlohmann::json& m = (*list)[k];
      if (!m.is_string() || region.count(m.get_ref<const std::string&>()) != 0) continue;
      const std::string place = i < file.places.size() ? file.places[i] : "[" + std::to_string(i + 1) + "]";
      throw ImportError(place +
                        (file.format == CatalogFormat::csv ? ": column municipalities"
                                                           : ".municipalities[" + std::to_string(k) + "]") +
                        ": \"" + m.get<std::string>() +
                        "\" is not a municipality of the region (no organisation's address or area names it); "
                        "check the spelling, or import the organisation that serves it first");
    }
  }
}

CatalogFile parse_catalog(std::string_view text, std::string_view kind, CatalogFormat format, std::string_view source) {
  const KindRules& rules = rules_for(kind);
  const std::string src(source);
  if (text.size() > kMaxCatalogFileBytes) {
    throw ImportError(src + ": larger than " + std::to_string(kMaxCatalogFileBytes / (1024 * 1024)) + " MiB");
  }
  text = strip_bom(text);
  if (const std::size_t bad = invalid_utf8_at(text); bad != std::string_view::npos) {
    throw ImportError(src + ":" + std::to_string(line_of(text, bad)) + ": not valid UTF-8 (byte offset " +
                      std::to_string(bad) + ")");
  }
  return format == CatalogFormat::json ? parse_json(text, rules, src) : parse_csv(text, rules, src);
}

CatalogFile read_catalog_file(const std::filesystem::path& file, std::string_view kind, CatalogFormat format) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(file, ec)) {
    throw ImportError(file.string() + ": cannot be read (" +
                      (std::filesystem::exists(file, ec) ? "not a regular file" : "no such file") + ")");
  }
  const auto size = std::filesystem::file_size(file, ec);
  if (ec) throw ImportError(file.string() + ": cannot be read (" + ec.message() + ")");
  if (size > kMaxCatalogFileBytes) {
    throw ImportError(file.string() + ": larger than " + std::to_string(kMaxCatalogFileBytes / (1024 * 1024)) + " MiB");
  }
  std::ifstream in(file, std::ios::binary);
  if (!in) throw ImportError(file.string() + ": cannot be read (permission denied?)");
  std::string text(static_cast<std::size_t>(size), '\0');
  in.read(text.data(), static_cast<std::streamsize>(size));
  if (static_cast<std::uintmax_t>(in.gcount()) != size) throw ImportError(file.string() + ": read error");
  return parse_catalog(text, kind, format, file.string());
}

}  // namespace wk::hub
