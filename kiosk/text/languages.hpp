// The languages table (locales/languages.json): which languages exist, how
// each is named in its own script, its direction, fonts, keyboard layout and
// fallback chain. Adding a language is adding a row here and a locale file —
// no code changes.
#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace wk::text {

enum class Direction { ltr, rtl };

struct FontSpec {
  std::string id;
  std::filesystem::path file;       // regular weight
  std::filesystem::path bold_file;  // bold weight, may be empty
  int face_index = 0;               // face inside a .ttc collection
  float scale = 1.0f;               // optical size relative to the Latin font
};

struct Language {
  std::string code;         // "de", "ar", "zh"
  std::string icu_locale;   // "de-DE", "zh-Hans-CN": plurals, digits, collation
  std::string native_name;  // "Deutsch", "العربية"
  Direction direction = Direction::ltr;
  std::string script;                 // ISO 15924: Latn, Arab, Cyrl, Hans
  std::vector<std::string> fonts;     // font ids, most specific first
  std::string keyboard;               // XKB layout name (own-script fields)
  std::string name_keyboard;          // XKB layout for names in Latin letters (defaults to `keyboard`)
  std::string diacritics;             // letters of the extra row on name keyboards ("äöüß"), may be empty
  std::vector<std::string> fallback;  // tried in order before the source language
  std::string voice;                  // espeak-ng voice for read-aloud ("de", "cmn"); "": none
};

class LanguageTable {
 public:
  // Parses and validates the table. Throws TextDataError naming `origin` and
  // the offending entry (unknown font, bad direction, fallback cycle, ...).
  static LanguageTable parse(std::string_view json_text, const std::string& origin);
  static LanguageTable load(const std::filesystem::path& file);

  const std::vector<Language>& all() const { return languages_; }
  const std::map<std::string, FontSpec>& fonts() const { return fonts_; }
  // The language every message is written in first; the last fallback.
  const std::string& source() const { return source_; }
  // nullptr when `code` is not in the table.
  const Language* find(std::string_view code) const;
  std::vector<std::string> codes() const;
  // `code`, its fallbacks, then the source language, without repeats.
  std::vector<std::string> chain(std::string_view code) const;

 private:
  std::vector<Language> languages_;
  std::map<std::string, FontSpec> fonts_;
  std::string source_;
};

}  // namespace wk::text
