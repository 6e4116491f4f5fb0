// Parsing and validation of locales/languages.json.
#include "kiosk/text/languages.hpp"

#include <unicode/uchar.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "kiosk/text/text_error.hpp"
#include "kiosk/text/utf8.hpp"

namespace wk::text {
namespace {

using nlohmann::json;

[[noreturn]] void fail(const std::string& origin, const std::string& where, const std::string& what) {
  throw TextDataError(origin + ": " + where + ": " + what);
}

std::string get_string(const json& obj, const char* key, const std::string& origin, const std::string& where,
                       bool required = true) {
  auto it = obj.find(key);
  if (it == obj.end()) {
    if (required) fail(origin, where, std::string("missing key \"") + key + "\"");
    return {};
  }
  if (!it->is_string()) fail(origin, where + "." + key, "expected a string");
  auto s = it->get<std::string>();
  if (required && s.empty()) fail(origin, where + "." + key, "must not be empty");
  return s;
}

std::vector<std::string> get_strings(const json& obj, const char* key, const std::string& origin,
                                     const std::string& where) {
  auto it = obj.find(key);
  if (it == obj.end()) fail(origin, where, std::string("missing key \"") + key + "\"");
  if (!it->is_array()) fail(origin, where + "." + key, "expected an array of strings");
  std::vector<std::string> out;
  for (const auto& v : *it) {
    if (!v.is_string()) fail(origin, where + "." + key, "expected an array of strings");
    out.push_back(v.get<std::string>());
  }
  return out;
}

// A 2-3 letter lower-case language code, optionally with an ISO 15924 script: "de", "kmr",
// "sr-Latn" (the language code with its script, as BCP 47 writes it).
bool is_code(const std::string& s) {
  const std::size_t dash = s.find('-');
  const std::string lang = s.substr(0, dash);
  if (lang.size() < 2 || lang.size() > 3) return false;
  for (char c : lang)
    if (c < 'a' || c > 'z') return false;
  if (dash == std::string::npos) return true;
  const std::string script = s.substr(dash + 1);
  if (script.size() != 4 || script[0] < 'A' || script[0] > 'Z') return false;
  for (std::size_t i = 1; i < 4; ++i)
    if (script[i] < 'a' || script[i] > 'z') return false;
  return true;
}

}  // namespace

LanguageTable LanguageTable::parse(std::string_view json_text, const std::string& origin) {
  json root;
  try {
    root = json::parse(json_text);
  } catch (const json::parse_error& e) {
    fail(origin, "parse error", e.what());
  }
  if (!root.is_object()) fail(origin, "top level", "expected an object");

  LanguageTable t;
  t.source_ = get_string(root, "source", origin, "top level");

  auto fonts = root.find("fonts");
  if (fonts == root.end() || !fonts->is_object() || fonts->empty())
    fail(origin, "fonts", "expected a non-empty object of font definitions");
  for (const auto& [id, def] : fonts->items()) {
    const std::string where = "fonts." + id;
    if (!def.is_object()) fail(origin, where, "expected an object");
    FontSpec f;
    f.id = id;
    f.file = get_string(def, "file", origin, where);
    f.bold_file = get_string(def, "bold", origin, where, false);
    if (auto it = def.find("index"); it != def.end()) {
      if (!it->is_number_integer() || it->get<int>() < 0 || it->get<int>() > 63)
        fail(origin, where + ".index", "expected an integer 0..63");
      f.face_index = it->get<int>();
    }
    if (auto it = def.find("scale"); it != def.end()) {
      if (!it->is_number() || it->get<double>() < 0.5 || it->get<double>() > 2.0)
        fail(origin, where + ".scale", "expected a number 0.5..2.0");
      f.scale = it->get<float>();
    }
    t.fonts_.emplace(id, std::move(f));
  }

  auto langs = root.find("languages");
  if (langs == root.end() || !langs->is_array() || langs->empty())
    fail(origin, "languages", "expected a non-empty array");
  std::set<std::string> seen;
  for (size_t i = 0; i < langs->size(); ++i) {
    const auto& row = (*langs)[i];
    std::string where = "languages[" + std::to_string(i) + "]";
    if (!row.is_object()) fail(origin, where, "expected an object");
    Language l;
    l.code = get_string(row, "code", origin, where);
    if (!is_code(l.code))
      fail(origin, where + ".code",
           "\"" + l.code + "\" is not a 2-3 letter lower-case code, optionally with a script (\"sr-Latn\")");
    if (!seen.insert(l.code).second) fail(origin, where + ".code", "duplicate language \"" + l.code + "\"");
    where = "language \"" + l.code + "\"";
    l.icu_locale = get_string(row, "icu", origin, where);
    l.native_name = get_string(row, "native_name", origin, where);
    if (!is_valid_utf8(l.native_name)) fail(origin, where + ".native_name", "invalid UTF-8");
    const auto dir = get_string(row, "direction", origin, where);
    if (dir == "ltr")
      l.direction = Direction::ltr;
    else if (dir == "rtl")
      l.direction = Direction::rtl;
    else
      fail(origin, where + ".direction", "expected \"ltr\" or \"rtl\", got \"" + dir + "\"");
    l.script = get_string(row, "script", origin, where);
    if (l.script.size() != 4) fail(origin, where + ".script", "expected an ISO 15924 code like \"Latn\"");
    l.fonts = get_strings(row, "fonts", origin, where);
    if (l.fonts.empty()) fail(origin, where + ".fonts", "needs at least one font");
    for (const auto& f : l.fonts)
      if (!t.fonts_.count(f)) fail(origin, where + ".fonts", "unknown font \"" + f + "\"");
    l.keyboard = get_string(row, "keyboard", origin, where);
    l.name_keyboard = get_string(row, "name_keyboard", origin, where, false);
    if (l.name_keyboard.empty()) l.name_keyboard = l.keyboard;
    l.diacritics = get_string(row, "diacritics", origin, where, false);
    if (!is_valid_utf8(l.diacritics)) fail(origin, where + ".diacritics", "invalid UTF-8");
    const auto marks = code_points(l.diacritics);
    if (marks.size() > 24) fail(origin, where + ".diacritics", "at most 24 letters fit one keyboard row");
    for (char32_t c : marks)
      if (!u_isalpha(static_cast<UChar32>(c)))
        fail(origin, where + ".diacritics", "holds a character that is not a letter");
    l.voice = get_string(row, "voice", origin, where, false);
    for (char c : l.voice)
      if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'))
        fail(origin, where + ".voice", "\"" + l.voice + "\" is not an espeak-ng voice name like \"en-gb\"");
    l.fallback = get_strings(row, "fallback", origin, where);
    t.languages_.push_back(std::move(l));
  }
  if (!t.find(t.source_)) fail(origin, "source", "\"" + t.source_ + "\" is not in the languages list");
  for (const auto& l : t.languages_) {
    for (const auto& f : l.fallback) {
      if (f == l.code) fail(origin, "language \"" + l.code + "\".fallback", "falls back to itself");
      if (!t.find(f)) fail(origin, "language \"" + l.code + "\".fallback", "unknown language \"" + f + "\"");
    }
  }
  // Fallback chains must end: follow every path and refuse a cycle.
  for (const auto& l : t.languages_) {
    std::vector<std::string> todo{l.code};
    std::set<std::string> reached;
    while (!todo.empty()) {
      const Language* cur = t.find(todo.back());
      todo.pop_back();
      for (const auto& f : cur->fallback) {
        if (f == l.code)
          fail(origin, "language \"" + l.code + "\".fallback", "fallback chain returns to \"" + l.code + "\"");
        if (reached.insert(f).second) todo.push_back(f);
      }
    }
  }
  return t;
}

LanguageTable LanguageTable::load(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw TextDataError(file.string() + ": cannot be read");
  std::stringstream ss;
  ss << in.rdbuf();
  return parse(ss.str(), file.string());
}

const Language* LanguageTable::find(std::string_view code) const {
  for (const auto& l : languages_)
    if (l.code == code) return &l;
  return nullptr;
}

std::vector<std::string> LanguageTable::codes() const {
  std::vector<std::string> out;
  for (const auto& l : languages_) out.push_back(l.code);
  return out;
}

std::vector<std::string> LanguageTable::chain(std::string_view code) const {
  std::vector<std::string> out;
  auto add = [&](const std::string& c) {
    for (const auto& o : out)
      if (o == c) return;
    out.push_back(c);
  };
  if (const Language* l = find(code)) {
    add(l->code);
    for (const auto& f : l->fallback) add(f);
  }
  add(source_);
  return out;
}

}  // namespace wk::text
