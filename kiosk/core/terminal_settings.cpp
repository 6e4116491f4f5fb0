// Staff settings over the configuration (see terminal_settings.hpp), stored as rows
// "staff.settings" (JSON) of the settings table.
#include "kiosk/core/terminal_settings.hpp"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "kiosk/core/audit_log.hpp"
#include "kiosk/core/log.hpp"

namespace wk::core {
namespace {

constexpr const char* kKey = "staff.settings";

bool known(const std::vector<std::string>& all, const std::string& code) {
  return std::find(all.begin(), all.end(), code) != all.end();
}

nlohmann::json to_json(const TerminalSettings& s) {
  return {{"languages", s.languages},
          {"default_language", s.default_language},
          {"idle_timeout_s", s.idle_timeout_s},
          {"idle_warning_s", s.idle_warning_s},
          {"ui_scale", s.ui_scale},
          {"high_contrast", s.high_contrast}};
}

}  // namespace

TerminalSettings settings_of(const Config& c) {
  return {c.languages, c.default_language, c.idle_timeout_s, c.idle_warning_s, c.ui_scale, c.high_contrast};
}

void apply_settings(Config& c, const TerminalSettings& s) {
  c.languages = s.languages;
  c.default_language = s.default_language;
  c.idle_timeout_s = s.idle_timeout_s;
  c.idle_warning_s = s.idle_warning_s;
  c.ui_scale = s.ui_scale;
  c.high_contrast = s.high_contrast;
}

void check_settings(const TerminalSettings& s, const std::vector<std::string>& known_languages) {
  if (s.languages.empty()) throw SettingsError("languages", "no_language", "at least one language must be enabled");
  for (std::size_t i = 0; i < s.languages.size(); ++i) {
    if (!known(known_languages, s.languages[i]))
      throw SettingsError("languages", "unknown_language",
                          "\"" + s.languages[i] + "\" is not a language of this build");
    if (std::find(s.languages.begin(), s.languages.begin() + static_cast<std::ptrdiff_t>(i), s.languages[i]) !=
        s.languages.begin() + static_cast<std::ptrdiff_t>(i))
      throw SettingsError("languages", "unknown_language", "\"" + s.languages[i] + "\" is named twice");
  }
  if (!known(s.languages, s.default_language))
    throw SettingsError("default_language", "default_not_enabled",
                        "the default language \"" + s.default_language + "\" is not enabled");
  if (s.idle_timeout_s < 15 || s.idle_timeout_s > 3600)
    throw SettingsError("idle_timeout_s", "idle_timeout",
                        "idle_timeout_s " + std::to_string(s.idle_timeout_s) + " is out of range (15..3600)");
  if (s.idle_warning_s < 20 || s.idle_warning_s > 300)
    throw SettingsError("idle_warning_s", "idle_warning",
                        "idle_warning_s " + std::to_string(s.idle_warning_s) + " is out of range (20..300)");
  if (!(s.ui_scale >= 0.5 && s.ui_scale <= 3.0))
    throw SettingsError("ui_scale", "text_size",
                        "ui_scale " + std::to_string(s.ui_scale) + " is out of range (0.5..3.0)");
}

TerminalSettings effective_settings(Database& db, const Config& config,
                                    const std::vector<std::string>& known_languages) {
  const TerminalSettings base = settings_of(config);
  Statement st = db.prepare("SELECT value FROM settings WHERE key = ?1");
  st.bind(1, kKey);
  if (!st.step()) return base;
  try {
    const auto j = nlohmann::json::parse(st.column_text(0));
    TerminalSettings s;
    s.languages = j.at("languages").get<std::vector<std::string>>();
    s.default_language = j.at("default_language").get<std::string>();
    s.idle_timeout_s = j.at("idle_timeout_s").get<int>();
    s.idle_warning_s = j.at("idle_warning_s").get<int>();
    s.ui_scale = j.at("ui_scale").get<double>();
    s.high_contrast = j.at("high_contrast").get<bool>();
    check_settings(s, known_languages);
    return s;
  } catch (const std::exception& e) {
    log::warn("settings", std::string("the staff settings in the database are ignored (") + e.what() +
                              "); the configuration file's values apply");
    return base;
  }
}

std::vector<std::string> save_settings(Store& store, const TerminalSettings& current, const TerminalSettings& next,
                                       const std::vector<std::string>& known_languages,
                                       std::chrono::system_clock::time_point now) {
  check_settings(next, known_languages);
  std::vector<std::string> changed;
  if (next.languages != current.languages) changed.push_back("languages");
  if (next.default_language != current.default_language) changed.push_back("default_language");
  if (next.idle_timeout_s != current.idle_timeout_s) changed.push_back("idle_timeout_s");
  if (next.idle_warning_s != current.idle_warning_s) changed.push_back("idle_warning_s");
  if (next.ui_scale != current.ui_scale) changed.push_back("ui_scale");
  if (next.high_contrast != current.high_contrast) changed.push_back("high_contrast");
  if (changed.empty()) return changed;
  store.transact([&](Database& db) {
    db.prepare(
          "INSERT INTO settings (key, value) VALUES (?1, ?2) ON CONFLICT (key) DO UPDATE SET value = excluded.value")
        .bind(1, kKey)
        .bind(2, to_json(next).dump())
        .step();
    for (const auto& key : changed) append_audit(db, "setting_changed", key, now);
  });
  return changed;
}

}  // namespace wk::core
