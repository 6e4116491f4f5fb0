// Message catalog on ICU MessageFormat, compiled lazily per (language, key).
#include "kiosk/text/messages.hpp"

#include <unicode/messagepattern.h>
#include <unicode/msgfmt.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "kiosk/core/log.hpp"
#include "kiosk/text/text_error.hpp"

namespace wk::text {

struct MessageCatalog::Lang {
  std::string code;
  icu::Locale locale;
  std::map<std::string, std::string, std::less<>> patterns;  // as read from the file
  std::set<std::string> broken;                              // keys whose pattern does not parse
  mutable std::map<std::string, std::unique_ptr<icu::MessageFormat>, std::less<>> compiled;
};

namespace {

std::string to_utf8(const icu::UnicodeString& u) {
  std::string out;
  u.toUTF8String(out);
  return out;
}

std::string join(const std::set<std::string>& s) {
  std::string out;
  for (const auto& x : s) out += (out.empty() ? "{" : ", {") + x + "}";
  return out.empty() ? "(none)" : out;
}

}  // namespace

MessageCatalog::MessageCatalog() = default;
MessageCatalog::~MessageCatalog() = default;
MessageCatalog::MessageCatalog(MessageCatalog&& o) noexcept
    : table_(o.table_), langs_(std::move(o.langs_)), warned_(std::move(o.warned_)) {}
MessageCatalog& MessageCatalog::operator=(MessageCatalog&& o) noexcept {
  table_ = o.table_;
  langs_ = std::move(o.langs_);
  warned_ = std::move(o.warned_);
  return *this;
}

std::set<std::string> MessageCatalog::placeholders(std::string_view pattern) {
  UErrorCode status = U_ZERO_ERROR;
  UParseError perr{};
  icu::MessagePattern mp(
      icu::UnicodeString::fromUTF8(icu::StringPiece(pattern.data(), static_cast<int32_t>(pattern.size()))), &perr,
      status);
  if (U_FAILURE(status))
    throw TextDataError(std::string("does not parse (") + u_errorName(status) + " at offset " +
                        std::to_string(perr.offset) + ")");
  std::set<std::string> names;
  for (int32_t i = 0; i < mp.countParts(); ++i) {
    const auto& part = mp.getPart(i);
    if (part.getType() == UMSGPAT_PART_TYPE_ARG_NAME || part.getType() == UMSGPAT_PART_TYPE_ARG_NUMBER)
      names.insert(to_utf8(mp.getSubstring(part)));
  }
  return names;
}

MessageCatalog MessageCatalog::from_texts(const LanguageTable& table, const std::map<std::string, std::string>& texts) {
  MessageCatalog cat;
  cat.table_ = &table;
  for (const auto& l : table.all()) {
    const std::string origin = "locales/" + l.code + ".json";
    auto it = texts.find(l.code);
    if (it == texts.end()) throw TextDataError(origin + ": missing");
    nlohmann::json root;
    try {
      root = nlohmann::json::parse(it->second);
    } catch (const nlohmann::json::exception& e) {
      throw TextDataError(origin + ": " + e.what());
    }
    if (!root.is_object()) throw TextDataError(origin + ": expected a flat object of key -> message");
    auto lang = std::make_unique<Lang>();
    lang->code = l.code;
    UErrorCode status = U_ZERO_ERROR;
    lang->locale = icu::Locale::forLanguageTag(l.icu_locale, status);
    if (U_FAILURE(status))
      throw TextDataError("languages table: language \"" + l.code + "\": bad ICU locale \"" + l.icu_locale + "\"");
    for (const auto& [key, value] : root.items()) {
      if (!value.is_string()) throw TextDataError(origin + ": key \"" + key + "\": expected a string");
      auto pattern = value.get<std::string>();
      try {
        placeholders(pattern);
      } catch (const TextDataError& e) {
        core::log::error("text", origin + ": key \"" + key + "\" " + e.what() + "; falling back");
        lang->broken.insert(key);
      }
      lang->patterns.emplace(key, std::move(pattern));
    }
    cat.langs_.emplace(l.code, std::move(lang));
  }
  return cat;
}

MessageCatalog MessageCatalog::load(const LanguageTable& table, const std::filesystem::path& dir) {
  std::map<std::string, std::string> texts;
  for (const auto& l : table.all()) {
    const auto file = dir / (l.code + ".json");
    std::ifstream in(file, std::ios::binary);
    if (!in) throw TextDataError(file.string() + ": cannot be read");
    std::stringstream ss;
    ss << in.rdbuf();
    texts.emplace(l.code, ss.str());
  }
  try {
    return from_texts(table, texts);
  } catch (const TextDataError& e) {
    // Name the real path rather than the relative one.
    std::string msg = e.what();
    if (msg.rfind("locales/", 0) == 0) msg = (dir / msg.substr(8)).string();
    throw TextDataError(msg);
  }
}

const icu::MessageFormat* MessageCatalog::compiled(const Lang& lang, const std::string& key) const {
  if (auto it = lang.compiled.find(key); it != lang.compiled.end()) return it->second.get();
  auto p = lang.patterns.find(key);
  if (p == lang.patterns.end() || lang.broken.count(key)) return nullptr;
  UErrorCode status = U_ZERO_ERROR;
  UParseError perr{};
  auto mf = std::make_unique<icu::MessageFormat>(icu::UnicodeString::fromUTF8(p->second), lang.locale, perr, status);
  if (U_FAILURE(status)) {
    // Remembered as null: not compiled again, logged once.
    core::log::error("text", "message \"" + key + "\" in \"" + lang.code + "\" does not compile: " + u_errorName(status));
    lang.compiled.emplace(key, nullptr);
    return nullptr;
  }
  auto* raw = mf.get();
  lang.compiled.emplace(key, std::move(mf));
  return raw;
}

bool MessageCatalog::has(std::string_view language, std::string_view key) const {
  auto it = langs_.find(language);
  return it != langs_.end() && it->second->patterns.count(std::string(key)) &&
         !it->second->broken.count(std::string(key));
}

std::string MessageCatalog::format(std::string_view language, std::string_view key,
                                   const std::vector<MessageArg>& args) const {
  std::lock_guard lock(mutex_);
  const std::string k(key);
  const auto chain = table_ ? table_->chain(language) : std::vector<std::string>{std::string(language)};
  for (size_t i = 0; i < chain.size(); ++i) {
    auto it = langs_.find(chain[i]);
    if (it == langs_.end()) continue;
    const icu::MessageFormat* mf = compiled(*it->second, k);
    if (!mf) continue;
    if (i > 0) {
      const std::string tag = chain[0] + ":" + k;
      if (warned_.insert(tag).second)
        core::log::warn("text", "message \"" + k + "\" missing in \"" + chain[0] + "\"; using \"" + chain[i] + "\"");
    }
    std::vector<icu::UnicodeString> names;
    std::vector<icu::Formattable> values;
    names.reserve(args.size());
    values.reserve(args.size());
    for (const auto& a : args) {
      names.push_back(icu::UnicodeString::fromUTF8(a.name));
      if (auto* n = std::get_if<std::int64_t>(&a.value))
        values.emplace_back(static_cast<int64_t>(*n));
      else if (auto* d = std::get_if<double>(&a.value))
        values.emplace_back(*d);
      else
        values.emplace_back(icu::UnicodeString::fromUTF8(std::get<std::string>(a.value)));
    }
    icu::UnicodeString out;
    UErrorCode status = U_ZERO_ERROR;
    mf->format(names.data(), values.data(), static_cast<int32_t>(args.size()), out, status);
    if (U_SUCCESS(status)) return to_utf8(out);
    if (warned_.insert("!" + chain[i] + ":" + k).second)
      core::log::error("text", "message \"" + k + "\" in \"" + chain[i] + "\" failed to format: " + u_errorName(status));
  }
  if (warned_.insert("*:" + k).second) core::log::error("text", "message \"" + k + "\" exists in no language");
  return k;
}

std::vector<MessageProblem> MessageCatalog::check() const {
  std::vector<MessageProblem> out;
  if (!table_) return out;
  auto src_it = langs_.find(table_->source());
  if (src_it == langs_.end()) return out;
  const Lang& src = *src_it->second;
  std::map<std::string, std::set<std::string>> src_args;
  for (const auto& [key, pattern] : src.patterns) {
    try {
      src_args[key] = placeholders(pattern);
    } catch (const TextDataError& e) {
      out.push_back({src.code, key, e.what()});
    }
  }
  for (const auto& [code, lang] : langs_) {
    for (const auto& [key, pattern] : src.patterns)
      if (!lang->patterns.count(key)) out.push_back({code, key, "missing"});
    if (code == src.code) continue;
    for (const auto& [key, pattern] : lang->patterns) {
      if (!src.patterns.count(key)) {
        out.push_back({code, key, "not in source"});
        continue;
      }
      try {
        auto args = placeholders(pattern);
        if (src_args.count(key) && args != src_args[key])
          out.push_back({code, key, "placeholders " + join(args) + " differ from source " + join(src_args[key])});
      } catch (const TextDataError& e) {
        out.push_back({code, key, e.what()});
      }
    }
  }
  return out;
}

std::vector<std::string> MessageCatalog::all_patterns() const {
  std::vector<std::string> out;
  for (const auto& [code, lang] : langs_)
    for (const auto& [key, pattern] : lang->patterns) out.push_back(pattern);
  return out;
}

}  // namespace wk::text
