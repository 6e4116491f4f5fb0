// The words people type for the finder's topics and kinds of organisation, per language
// (assets/directory/terms.json): "Bürgergeld" names the job center and the topic money, in a
// German session and in any other. Data, so a language or a synonym needs no code.
#pragma once

#include <filesystem>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

namespace wk::ui {

using TermsByLanguage = std::map<std::string, std::vector<std::string>, std::less<>>;

struct TopicTerms {
  std::string id;    // one of core::kTopics
  std::string icon;  // an icon name (icon_named in the screens); "" for none
  TermsByLanguage terms;
};

struct DirectoryTerms {
  std::vector<TopicTerms> topics;                             // in core::kTopics order, every topic
  std::map<std::string, TermsByLanguage, std::less<>> kinds;  // by organisation kind

  // Reads and checks the file: throws TermsError naming the file and the place of the first
  // problem ("terms.json: topics.work.terms.de[2]: expected a string").
  static DirectoryTerms load(const std::filesystem::path& file);
  // Every topic with no terms (what the finder uses when the file cannot be read).
  static DirectoryTerms bare();
};

class TermsError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

}  // namespace wk::ui
