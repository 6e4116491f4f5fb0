// The message catalog: every user-visible string of the kiosk, per language,
// as ICU MessageFormat (locales/<code>.json, a flat object key -> pattern).
// Lookups fall back along the language's chain (see LanguageTable::chain) and
// log each missing key once. Plurals and selects follow CLDR through ICU, so
// "1 Platz" / "3 Plätze" and Arabic's six plural forms come out right.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "kiosk/text/languages.hpp"

#include <unicode/uversion.h>

U_NAMESPACE_BEGIN
class MessageFormat;
U_NAMESPACE_END

namespace wk::text {

using MessageValue = std::variant<std::int64_t, double, std::string>;
struct MessageArg {
  std::string name;
  MessageValue value;
};

// One finding of MessageCatalog::check against the source language.
struct MessageProblem {
  std::string language;
  std::string key;
  std::string what;  // "missing", "does not parse: ...", "placeholders {a} differ from source {b}", "not in source"
};

class MessageCatalog {
 public:
  MessageCatalog();
  ~MessageCatalog();
  MessageCatalog(MessageCatalog&&) noexcept;
  MessageCatalog& operator=(MessageCatalog&&) noexcept;

  // Loads locales/<code>.json for every language of `table` from `dir`.
  // Throws TextDataError naming the file when one is missing, not JSON, not a
  // flat object of strings, or invalid UTF-8 — a broken deployment. A single
  // message that does not parse is dropped with a logged error and falls back.
  static MessageCatalog load(const LanguageTable& table, const std::filesystem::path& dir);
  // As load, from in-memory JSON texts keyed by language code (tests).
  static MessageCatalog from_texts(const LanguageTable& table, const std::map<std::string, std::string>& texts);

  // The message `key` in `language`, formatted with `args`. Falls back along
  // the chain; if no language has it, returns the key itself. Never throws.
  std::string format(std::string_view language, std::string_view key, const std::vector<MessageArg>& args = {}) const;
  bool has(std::string_view language, std::string_view key) const;

  // Every problem of every language against the source language: missing
  // keys, patterns that do not parse, placeholders other than the source's,
  // and keys the source does not have.
  std::vector<MessageProblem> check() const;

  // All raw patterns of all languages.
  std::vector<std::string> all_patterns() const;
  // The argument names used by `pattern`; throws TextDataError if it does not parse.
  static std::set<std::string> placeholders(std::string_view pattern);

 private:
  struct Lang;
  const icu::MessageFormat* compiled(const Lang& lang, const std::string& key) const;

  const LanguageTable* table_ = nullptr;
  std::map<std::string, std::unique_ptr<Lang>, std::less<>> langs_;
  mutable std::mutex mutex_;
  mutable std::set<std::string> warned_;
};

}  // namespace wk::text
