// The settings staff change on the admin overlay, kept in the database over the configuration
// file's values: the enabled languages and their order, the default language, the idle timeouts,
// the text size and high contrast. The same rules as the file (config.hpp); a stored value that
// breaks them (the database edited by hand) is ignored with a log line, and the file's value used.
#pragma once

#include <chrono>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "kiosk/core/config.hpp"
#include "kiosk/core/store.hpp"

namespace wk::core {

struct TerminalSettings {
  std::vector<std::string> languages;  // enabled, in display order
  std::string default_language;        // one of languages
  int idle_timeout_s = 90;             // 15..3600
  int idle_warning_s = 30;             // 20..300
  double ui_scale = 1.0;               // text size, 0.5..3.0
  bool high_contrast = false;

  bool operator==(const TerminalSettings&) const = default;
};

// Why settings cannot be used: the setting, a message key for staff on screen
// ("admin.settings.error.<reason>") and what() for the log.
class SettingsError : public std::invalid_argument {
 public:
  SettingsError(std::string key, std::string reason, const std::string& what)
      : std::invalid_argument(what), key_(std::move(key)), reason_(std::move(reason)) {}
  const std::string& key() const noexcept { return key_; }
  const std::string& message_key() const noexcept { return reason_; }

 private:
  std::string key_, reason_;
};

TerminalSettings settings_of(const Config& config);
// `config` with `settings` in place of its own values.
void apply_settings(Config& config, const TerminalSettings& settings);

// Throws SettingsError for the first rule `s` breaks: no language enabled, a language this build
// cannot show or named twice, a default that is not enabled, a number out of range.
void check_settings(const TerminalSettings& s, const std::vector<std::string>& known_languages);

// The settings in effect: what staff saved, else the configuration's.
TerminalSettings effective_settings(Database& db, const Config& config,
                                    const std::vector<std::string>& known_languages);

// Checks `next` (SettingsError: nothing stored), stores it, and audits "setting_changed" with the
// setting's name for each that differs from `current`, in one transaction. Returns the names
// of the settings changed.
std::vector<std::string> save_settings(Store& store, const TerminalSettings& current, const TerminalSettings& next,
                                       const std::vector<std::string>& known_languages,
                                       std::chrono::system_clock::time_point now);

}  // namespace wk::core
