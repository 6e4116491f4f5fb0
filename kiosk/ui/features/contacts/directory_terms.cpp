// Reading assets/directory/terms.json strictly (see directory_terms.hpp).
#include "kiosk/ui/features/contacts/directory_terms.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <fstream>
#include <sstream>

#include "kiosk/core/directory.hpp"
#include "kiosk/core/json_shape.hpp"

namespace wk::ui {
namespace {

using nlohmann::json;

constexpr std::size_t kMaxTerms = 200;
constexpr std::size_t kMaxTermBytes = 200;

TermsByLanguage read_terms(const json& v, const std::string& at) {
  if (!v.is_object()) throw TermsError(at + ": expected an object of language code to a list of terms");
  TermsByLanguage out;
  for (const auto& [lang, list] : v.items()) {
    const std::string here = at + "." + lang;
    if (lang.empty() || lang.size() > 35) throw TermsError(here + ": not a language code");
    if (!list.is_array()) throw TermsError(here + ": expected a list of terms");
    if (list.size() > kMaxTerms) throw TermsError(here + ": more than " + std::to_string(kMaxTerms) + " terms");
    std::vector<std::string>& terms = out[lang];
    for (std::size_t i = 0; i < list.size(); ++i) {
      const std::string item = here + "[" + std::to_string(i + 1) + "]";
      if (!list[i].is_string()) throw TermsError(item + ": expected a string");
      const std::string& s = list[i].get_ref<const std::string&>();
      if (s.empty() || s.size() > kMaxTermBytes)
        throw TermsError(item + ": expected 1 to " + std::to_string(kMaxTermBytes) + " bytes");
      terms.push_back(s);
    }
  }
  return out;
}

}  // namespace

DirectoryTerms DirectoryTerms::bare() {
  DirectoryTerms t;
  for (const auto id : core::kTopics) t.topics.push_back({std::string(id), "", {}});
  return t;
}

DirectoryTerms DirectoryTerms::load(const std::filesystem::path& file) {
  const std::string src = file.filename().string();
  std::ifstream in(file, std::ios::binary);
  if (!in) throw TermsError(file.string() + ": cannot be read");
  std::stringstream ss;
  ss << in.rdbuf();
  const std::string text = ss.str();
  if (core::json_nesting_depth(text, 16) > 16) throw TermsError(src + ": nested too deeply");
  const json doc = json::parse(text, nullptr, false);
  if (doc.is_discarded()) throw TermsError(src + ": not valid JSON");
  if (!doc.is_object()) throw TermsError(src + ": expected an object with \"topics\" and \"kinds\"");
  DirectoryTerms out = bare();
  if (const auto it = doc.find("topics"); it != doc.end()) {
    if (!it->is_object()) throw TermsError(src + ": topics: expected an object");
    for (const auto& [id, topic] : it->items()) {
      const std::string at = src + ": topics." + id;
      const auto t =
          std::find_if(out.topics.begin(), out.topics.end(), [&id = id](const TopicTerms& x) { return x.id == id; });
      if (t == out.topics.end()) throw TermsError(at + ": not a topic of kiosk/core/directory.hpp");
      if (!topic.is_object()) throw TermsError(at + ": expected an object {icon, terms}");
      for (const auto& [key, value] : topic.items()) {
        if (key == "icon") {
          if (!value.is_string()) throw TermsError(at + ".icon: expected a string");
          t->icon = value.get<std::string>();
        } else if (key == "terms") {
          t->terms = read_terms(value, at + ".terms");
        } else {
          throw TermsError(at + "." + key + ": unknown field (known: icon, terms)");
        }
      }
    }
  }
  if (const auto it = doc.find("kinds"); it != doc.end()) {
    if (!it->is_object()) throw TermsError(src + ": kinds: expected an object");
    for (const auto& [kind, terms] : it->items()) {
      const std::string at = src + ": kinds." + kind;
      if (std::find(core::kOrganisationKinds.begin(), core::kOrganisationKinds.end(), kind) ==
          core::kOrganisationKinds.end())
        throw TermsError(at + ": not a kind of organisation of kiosk/core/directory.hpp");
      out.kinds[kind] = read_terms(terms, at);
    }
  }
  for (const auto& [key, value] : doc.items()) {
    if (key != "topics" && key != "kinds" && key != "_comment")
      throw TermsError(src + ": " + key + ": unknown field (known: topics, kinds)");
  }
  return out;
}

}  // namespace wk::ui
