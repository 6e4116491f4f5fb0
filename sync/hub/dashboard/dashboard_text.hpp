// The hub's words for operators (the dashboard, the caseworkers' spreadsheet), in German and
// English: locales/dashboard/<lang>.json, one flat object of key -> text each. German holds every
// key English has (the loader refuses it otherwise) and more: the spreadsheet's cell labels
// ("sheet.*" other than "sheet.col.*") are German only, whatever the header's language.
#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <string_view>

namespace wk::hub {

class DashboardText {
 public:
  // Reads <dir>/en.json and <dir>/de.json. Throws std::runtime_error naming the file and the
  // problem (missing, not JSON, not an object of strings, a key of en.json missing in de.json).
  explicit DashboardText(const std::filesystem::path& dir);

  // The language of an Accept-Language header this dashboard speaks: "de" or "en" (the first
  // of them the header names; "en" when it names neither).
  std::string pick_language(std::string_view accept_language) const;

  // The text of `key` in `language` (English if that language lacks it; the key itself if
  // English lacks it too, so a forgotten key shows rather than breaks the page).
  const std::string& operator()(std::string_view language, std::string_view key) const;

 private:
  std::map<std::string, std::map<std::string, std::string, std::less<>>, std::less<>> texts_;
};

}  // namespace wk::hub
