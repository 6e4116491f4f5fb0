// The terminal configuration: which Welcome Center this kiosk stands in, which languages it
// offers, how quickly an abandoned session is wiped, where its data lives. Loaded once at
// start from a JSON file (config/kiosk.json) written by staff.
//
// Loading is strict: an unknown key (often a typo), a wrong type or an out-of-range value is
// an error naming the file and the key, never silently ignored or clamped — a kiosk that
// starts with a half-understood configuration is worse than one that refuses to start.
#pragma once

#include <filesystem>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace wk::core {

// How this terminal reaches its hub (sync/PROTOCOL.md). Absent: the terminal works alone.
struct HubConfig {
  std::string url;                       // https://host[:port][/prefix]
  std::filesystem::path ca_file;         // PEM: the CA that signed the hub's certificate (the only one trusted)
  std::filesystem::path token_file;      // holds this terminal's token (from `welcome-hub terminal add`)
  std::vector<std::string> pinned_keys;  // optional "sha256//BASE64" public-key pins: current and backup
  int sync_interval_s = 300;             // time between runs while all is well
  int retention_hours = 24;              // personal data kept this long after the hub acknowledged it
  int connect_timeout_s = 10;
  int timeout_s = 120;  // whole request
};

struct Config {
  std::string terminal_id;             // 1..64 of [A-Za-z0-9._-]
  std::string center_name;             // shown on screen; 1..120 bytes of UTF-8
  std::vector<std::string> languages;  // enabled language codes, in display order
  std::string default_language;        // one of `languages`
  int idle_timeout_s = 90;             // no input for this long starts the idle warning
  int idle_warning_s = 30;             // length of the visible countdown before the wipe
  std::filesystem::path data_dir;      // absolute; holds the database
  std::string log_level = "info";      // debug | info | warn | error
  bool high_contrast = false;
  double ui_scale = 1.0;
  bool read_aloud = true;                // the speaker button, where the language has a voice
  std::string audio_device = "default";  // ALSA device read-aloud plays on
  std::optional<HubConfig> hub;          // sync with a hub; nullopt: offline-only terminal
};

// A configuration that cannot be used. what() reads
// `<file>: key "<key>": <problem>` (or `<file>: <problem>` for file-level problems);
// key() is the offending key ("languages[3]" for an array element), "" for file-level problems.
class ConfigError : public std::runtime_error {
 public:
  ConfigError(const std::string& message, std::string key) : std::runtime_error(message), key_(std::move(key)) {}
  const std::string& key() const noexcept { return key_; }

 private:
  std::string key_;
};

// Reads and validates `file`. `known_languages` are the language codes this build can show
// (from kiosk/text); "languages" may only name these and defaults to all of them.
// Throws ConfigError for an unreadable file (naming the path and the system's reason),
// malformed JSON (with the byte position) and every validation failure of parse_config().
Config load_config(const std::filesystem::path& file, const std::vector<std::string>& known_languages);

// Validates `json_text` as if read from `origin` (used in messages and to resolve a relative
// data_dir against origin's directory). Rules:
//   terminal_id       required string, 1..64 of [A-Za-z0-9._-]
//   center_name       required string, 1..120 bytes, valid UTF-8, no control or bidi-override characters
//   languages         array of known language codes, non-empty, no duplicates; default: all known
//   default_language  one of languages; default: the first of languages
//   idle_timeout_s    integer 15..3600        idle_warning_s  integer 20..300
//   data_dir          string; default "~/.local/share/welcome-kiosk"; "~/" means $HOME;
//                     relative paths resolve against the config file's directory
//   log_level         "debug" | "info" | "warn" | "error"
//   high_contrast     boolean                 ui_scale        number 0.5..3.0
//   read_aloud        boolean (true)          audio_device    string, ALSA device name, 1..200 bytes ("default")
//   hub               optional object:
//     url               required, "https://..." (nothing else is accepted)
//     ca_file           required path (resolved like data_dir)
//     token_file        path; default <data_dir>/hub-token
//     pinned_keys       array of "sha256//" + base64 of 32 bytes
//     sync_interval_s   integer 10..86400 (300)     retention_hours  integer 0..8760 (24)
//     connect_timeout_s integer 1..120 (10)         timeout_s        integer 5..3600 (120)
// Duplicate keys and keys not listed here are errors. Throws ConfigError.
Config parse_config(std::string_view json_text, const std::filesystem::path& origin,
                    const std::vector<std::string>& known_languages);

// A public-key pin as hub.pinned_keys holds it: "sha256//" and the base64 of a SHA-256.
bool is_key_pin(std::string_view text);

}  // namespace wk::core
