// Loading and looking up the dashboard's words (dashboard_text.hpp).
#include "sync/hub/dashboard/dashboard_text.hpp"

#include <nlohmann/json.hpp>

#include <cctype>
#include <fstream>
#include <stdexcept>

namespace wk::hub {
namespace {

std::map<std::string, std::string, std::less<>> load(const std::filesystem::path& file) {
  std::ifstream in(file);
  if (!in) throw std::runtime_error("cannot read the dashboard texts " + file.string() + " (missing or unreadable)");
  nlohmann::json j = nlohmann::json::parse(in, nullptr, false);
  if (j.is_discarded()) throw std::runtime_error("the dashboard texts " + file.string() + " are not valid JSON");
  if (!j.is_object()) throw std::runtime_error("the dashboard texts " + file.string() + " must be one JSON object");
  std::map<std::string, std::string, std::less<>> out;
  for (auto it = j.begin(); it != j.end(); ++it) {
    if (!it.value().is_string())
      throw std::runtime_error("the dashboard texts " + file.string() + ": \"" + it.key() + "\" is not a string");
    out.emplace(it.key(), it.value().get<std::string>());
  }
  return out;
}

}  // namespace

DashboardText::DashboardText(const std::filesystem::path& dir) {
  texts_.emplace("en", load(dir / "en.json"));
  texts_.emplace("de", load(dir / "de.json"));
  for (const auto& [key, text] : texts_.at("en"))
    if (!texts_.at("de").contains(key))
      throw std::runtime_error("the dashboard texts " + (dir / "de.json").string() + " lack \"" + key + "\"");
}

std::string DashboardText::pick_language(std::string_view header) const {
  // Entries in the order given; quality values are not weighed (a browser lists its first choice first).
  std::size_t pos = 0;
  while (pos < header.size()) {
    std::size_t end = header.find(',', pos);
    if (end == std::string_view::npos) end = header.size();
    std::string_view entry = header.substr(pos, end - pos);
    entry = entry.substr(0, entry.find(';'));
    while (!entry.empty() && entry.front() == ' ') entry.remove_prefix(1);
    std::string primary;
    for (char c : entry.substr(0, entry.find('-')))
      primary += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (primary == "de" && texts_.contains("de")) return "de";
    if (primary == "en") return "en";
    pos = end + 1;
  }
  return "en";
}

const std::string& DashboardText::operator()(std::string_view language, std::string_view key) const {
  if (const auto lang = texts_.find(language); lang != texts_.end())
    if (const auto it = lang->second.find(key); it != lang->second.end()) return it->second;
  const auto& en = texts_.find(std::string_view("en"))->second;
  if (const auto it = en.find(key); it != en.end()) return it->second;
  static thread_local std::string missing;
  missing = std::string(key);
  return missing;
}

}  // namespace wk::hub
