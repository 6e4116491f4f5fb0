// The caseworkers' registration spreadsheet (registration_sheet.hpp).
#include "sync/hub/registration_sheet.hpp"

#include "kiosk/core/transliterate.hpp"

#include "sync/hub/registration_export.hpp"

#include <unicode/locid.h>
#include <unicode/unistr.h>

#include <vector>

namespace wk::hub {
namespace {

using nlohmann::json;

const std::vector<std::string>& columns() {
  static const std::vector<std::string> c{"received",
                                          "terminal",
                                          "code",
                                          "person",
                                          "relation",
                                          "target_group",
                                          "given_names",
                                          "family_name",
                                          "native_name",
                                          "native_name_latin",
                                          "birth_date",
                                          "nationality",
                                          "phone",
                                          "email",
                                          "residence",
                                          "language",
                                          "contact",
                                          "occupation",
                                          "recognition",
                                          "employer",
                                          "arrival_date",
                                          "wants_course",
                                          "wants_daycare",
                                          "wants_school",
                                          "consent_version",
                                          "consent_at",
                                          "kuemmerer",
                                          "exported_before",
                                          "registration_id"};
  return c;
}

std::string text(const json& o, const char* key) {
  if (!o.is_object() || !o.contains(key)) return "";
  const json& v = o[key];
  if (v.is_string()) return v.get<std::string>();
  return "";
}

// "2026-11-25T10:15:02.123Z" -> "2026-11-25 10:15"; a date stays a date; "" stays "".
std::string when(const std::string& iso) {
  if (iso.size() < 16 || iso[10] != 'T') return iso;
  return iso.substr(0, 10) + " " + iso.substr(11, 5);
}

// The label of `code` under `prefix` ("sheet.target_group."), or the code when there is none.
std::string label(const DashboardText& words, const std::string& prefix, const std::string& code) {
  if (code.empty()) return "";
  const std::string key = prefix + code;
  const std::string& l = words("de", key);
  return l == key ? code : l;
}

std::string yes_no(const DashboardText& words, const json& o, const char* key) {
  if (!o.is_object() || !o.contains(key) || !o[key].is_boolean()) return "";
  return words("de", o[key].get<bool>() ? "sheet.yes" : "sheet.no");
}

std::string icu_name(const icu::UnicodeString& name) {
  std::string out;
  name.toUTF8String(out);
  return out;
}

}  // namespace

std::string country_name_de(const std::string& code) {
  if (code.size() != 2) return code;
  icu::UnicodeString name;
  icu::Locale("", code.c_str()).getDisplayCountry(icu::Locale::getGerman(), name);
  const std::string out = icu_name(name);
  return out.empty() || out == code ? code : out;
}

std::string language_name_de(const std::string& code) {
  if (code.empty() || code.size() > 35) return code;
  std::string tag = code;
  for (char& c : tag)
    if (c == '-') c = '_';
  icu::UnicodeString name;
  icu::Locale(tag.c_str()).getDisplayName(icu::Locale::getGerman(), name);
  const std::string out = icu_name(name);
  return out.empty() ? code : out;
}

void write_sheet_header(std::ostream& out, const DashboardText& words, const std::string& header_language) {
  std::vector<std::string> header;
  for (const std::string& c : columns()) header.push_back(words(header_language, "sheet.col." + c));
  write_csv_row(out, header);
}

void write_sheet_rows(std::ostream& out, const ReceivedRegistration& r, const DashboardText& words) {
  const json& p = r.payload;
  const json consent = p.contains("consent") ? p["consent"] : json::object();
  const std::string code = text(p, "code");
  const std::string exported = when(r.exported_at);
  write_csv_row(out, {when(r.received_at),
                      r.terminal_id,
                      code,
                      words("de", "sheet.registrant"),
                      "",
                      label(words, "sheet.target_group.", text(p, "target_group")),
                      text(p, "given_names"),
                      text(p, "family_name"),
                      text(p, "native_name"),
                      core::latin_transliteration(text(p, "native_name")),
                      text(p, "birth_date"),
                      country_name_de(text(p, "nationality")),
                      text(p, "phone"),
                      text(p, "email"),
                      text(p, "residence"),
                      language_name_de(text(p, "preferred_language")),
                      label(words, "sheet.contact.", text(p, "contact_channel")),
                      text(p, "occupation"),
                      label(words, "sheet.recognition.", text(p, "recognition")),
                      text(p, "employer"),
                      text(p, "arrival_date"),
                      "",
                      "",
                      "",
                      text(consent, "notice_version").substr(0, 12),
                      when(text(consent, "given_at")),
                      r.kuemmerer_id,
                      exported,
                      text(p, "id")});
  if (!p.contains("family_members") || !p["family_members"].is_array()) return;
  for (const json& m : p["family_members"]) {
    write_csv_row(out, {when(r.received_at),
                        r.terminal_id,
                        code,
                        words("de", "sheet.family_member"),
                        label(words, "sheet.relation.", text(m, "relation")),
                        "",
                        text(m, "given_names"),
                        text(m, "family_name"),
                        text(m, "native_name"),
                        core::latin_transliteration(text(m, "native_name")),
                        text(m, "birth_date"),
                        "",
                        "",
                        "",
                        "",
                        "",
                        "",
                        "",
                        "",
                        "",
                        "",
                        yes_no(words, m, "needs_language_course"),
                        yes_no(words, m, "needs_daycare"),
                        yes_no(words, m, "needs_school"),
                        "",
                        "",
                        r.kuemmerer_id,
                        exported,
                        text(p, "id")});
  }
}

}  // namespace wk::hub
