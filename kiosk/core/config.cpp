// Loading and validating the terminal configuration file (see config.hpp).
#include "kiosk/core/config.hpp"

#include "kiosk/core/json_shape.hpp"
#include "kiosk/core/terminal_id.hpp"

#include "kiosk/core/log.hpp"

#include <nlohmann/json.hpp>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <optional>
#include <set>

namespace wk::core {
namespace {

namespace fs = std::filesystem;
using json = nlohmann::json;

constexpr std::size_t kMaxConfigBytes = 1 << 20;
constexpr std::string_view kDefaultDataDir = "~/.local/share/welcome-kiosk";

constexpr std::string_view kKnownKeys[] = {
    "terminal_id",    "center_name",    "languages", "default_language",
    "idle_timeout_s", "idle_warning_s", "data_dir",  "log_level",
    "high_contrast",  "ui_scale",       "hub",       "read_aloud",
    "audio_device",
};

constexpr std::string_view kKnownHubKeys[] = {
    "url",       "ca_file", "token_file", "pinned_keys", "sync_interval_s", "retention_hours", "connect_timeout_s",
    "timeout_s",
};

// [SECTION] Error helpers

// Builds errors that all read `<origin>: key "<key>": <problem>`.
class Reporter {
 public:
  explicit Reporter(const fs::path& origin) : origin_(origin.string()) {}

  [[noreturn]] void file_error(const std::string& problem) const { throw ConfigError(origin_ + ": " + problem, ""); }

  [[noreturn]] void key_error(const std::string& key, const std::string& problem) const {
    // dump() quotes the key and escapes anything a typo or a hostile file put into it.
    throw ConfigError(
        origin_ + ": key " + json(key).dump(-1, ' ', false, json::error_handler_t::replace) + ": " + problem, key);
  }

 private:
  std::string origin_;
};

std::string type_label(const json& j) {
  return json_type_name(j);
}

[[noreturn]] void wrong_type(const Reporter& r, const std::string& key, std::string_view expected, const json& j) {
  r.key_error(key, "expected " + std::string(expected) + ", got " + type_label(j));
}

std::string json_quoted(const std::string& text) {
  return json(text).dump(-1, ' ', false, json::error_handler_t::replace);
}

// [SECTION] Text checks

// Decodes one UTF-8 sequence at `i`; returns the code point and advances `i`, or nullopt for
// an ill-formed sequence (overlong, surrogate, beyond U+10FFFF, truncated).
std::optional<char32_t> decode_utf8(std::string_view s, std::size_t& i) {
  const auto b0 = static_cast<unsigned char>(s[i]);
  int extra = 0;
  char32_t cp = 0;
  char32_t min = 0;
  if (b0 < 0x80) {
    ++i;
    return b0;
  } else if ((b0 & 0xe0) == 0xc0) {
    extra = 1, cp = b0 & 0x1f, min = 0x80;
  } else if ((b0 & 0xf0) == 0xe0) {
    extra = 2, cp = b0 & 0x0f, min = 0x800;
  } else if ((b0 & 0xf8) == 0xf0) {
    extra = 3, cp = b0 & 0x07, min = 0x10000;
  } else {
    return std::nullopt;
  }
  if (i + static_cast<std::size_t>(extra) >= s.size()) return std::nullopt;  // truncated
  for (int k = 1; k <= extra; ++k) {
    const auto b = static_cast<unsigned char>(s[i + static_cast<std::size_t>(k)]);
    if ((b & 0xc0) != 0x80) return std::nullopt;
    cp = (cp << 6) | (b & 0x3f);
  }
  if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return std::nullopt;
  i += static_cast<std::size_t>(extra) + 1;
  return cp;
}

bool is_control(char32_t cp) {
  return cp < 0x20 || (cp >= 0x7f && cp <= 0x9f) || cp == 0x2028 || cp == 0x2029;
}

// Explicit embeddings, overrides and isolates: they can make on-screen text read differently
// from what is stored.
bool is_bidi_control(char32_t cp) {
  return (cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069);
}

// An error text for the first problem in `s`, or "" if it is clean display text.
std::string display_text_problem(std::string_view s) {
  std::size_t i = 0;
  bool blank = true;
  while (i < s.size()) {
    const std::size_t at = i;
    const auto cp = decode_utf8(s, i);
    if (!cp) return "invalid UTF-8 at byte " + std::to_string(at);
    if (is_control(*cp)) return "control character at byte " + std::to_string(at);
    if (is_bidi_control(*cp)) return "bidi override character at byte " + std::to_string(at);
    if (*cp != ' ') blank = false;
  }
  if (blank) return "must not be blank";
  return "";
}

// [SECTION] Typed getters

const std::string& get_string(const Reporter& r, const json& obj, const std::string& key) {
  const json& j = obj.at(key);
  if (!j.is_string()) wrong_type(r, key, "a string", j);
  return j.get_ref<const std::string&>();
}

int get_int(const Reporter& r, const json& obj, const std::string& key, int lo, int hi) {
  const json& j = obj.at(key);
  if (!j.is_number_integer()) wrong_type(r, key, "an integer", j);
  const bool in_range = j.is_number_unsigned()
                            ? j.get<std::uint64_t>() <= static_cast<std::uint64_t>(hi) &&
                                  j.get<std::uint64_t>() >= static_cast<std::uint64_t>(std::max(lo, 0))
                            : j.get<std::int64_t>() >= lo && j.get<std::int64_t>() <= hi;
  if (!in_range) {
    r.key_error(key, j.dump() + " is out of range (" + std::to_string(lo) + ".." + std::to_string(hi) + ")");
  }
  return static_cast<int>(j.get<std::int64_t>());
}

// [SECTION] Parsing

// Parses JSON, reporting the first key that appears twice in one object (nlohmann keeps
// the last silently, which would hide a staff member's edit).
json parse_strict(std::string_view text, const Reporter& r) {
  std::vector<std::set<std::string>> open_objects;
  std::optional<std::string> duplicate;
  const json::parser_callback_t callback = [&](int, json::parse_event_t event, json& parsed) {
    switch (event) {
      case json::parse_event_t::object_start:
        open_objects.emplace_back();
        break;
      case json::parse_event_t::object_end:
        if (!open_objects.empty()) open_objects.pop_back();
        break;
      case json::parse_event_t::key:
        if (!open_objects.empty() && parsed.is_string() &&
            !open_objects.back().insert(parsed.get<std::string>()).second && !duplicate) {
          duplicate = parsed.get<std::string>();
        }
        break;
      default:
        break;
    }
    return true;
  };
  json doc;
  try {
    doc = json::parse(text.begin(), text.end(), callback);
  } catch (const json::parse_error& e) {
    std::string what = e.what();
    if (const auto close = what.find("] "); what.rfind("[json.exception", 0) == 0 && close != std::string::npos) {
      what.erase(0, close + 2);
    }
    r.file_error("malformed JSON at byte " + std::to_string(e.byte) + ": " + what);
  }
  if (duplicate) r.key_error(*duplicate, "appears more than once");
  return doc;
}

// A path from the file: "~/" means $HOME, relative paths resolve against the file's directory.
fs::path resolve_path(const Reporter& r, const std::string& key, const std::string& text, const fs::path& origin) {
  if (text.empty()) r.key_error(key, "must not be empty");
  if (text.find('\0') != std::string::npos) r.key_error(key, "contains a NUL character");
  fs::path result;
  if (text[0] == '~') {
    if (text != "~" && text.rfind("~/", 0) != 0) {
      r.key_error(key, "only \"~/\" (your home directory) is supported, not \"~user\"");
    }
    const char* home = std::getenv("HOME");
    if (home == nullptr || *home == '\0') r.key_error(key, "\"~/\" needs $HOME, which is not set");
    result = fs::path(home) / (text.size() > 2 ? text.substr(2) : std::string());
  } else {
    result = text;
    if (result.is_relative()) result = fs::absolute(origin).parent_path() / result;
  }
  result = result.lexically_normal();
  if (result.has_filename() == false && result.has_parent_path() && result != result.root_path()) {
    result = result.parent_path();  // drop a trailing '/'
  }
  return result;
}

}  // namespace

// "sha256//" followed by the base64 of 32 bytes (44 characters ending in '='), as curl expects.
bool is_key_pin(std::string_view s) {
  constexpr std::string_view prefix = "sha256//";
  if (s.size() != prefix.size() + 44 || s.substr(0, prefix.size()) != prefix || s.back() != '=') return false;
  const std::string_view b64 = s.substr(prefix.size(), 43);
  return std::all_of(b64.begin(), b64.end(), [](char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' || c == '/';
  });
}

namespace {

HubConfig parse_hub(const Reporter& r, const json& hub, const fs::path& origin, const fs::path& data_dir) {
  if (!hub.is_object()) wrong_type(r, "hub", "an object", hub);
  for (const auto& item : hub.items()) {
    if (std::find(std::begin(kKnownHubKeys), std::end(kKnownHubKeys), item.key()) == std::end(kKnownHubKeys)) {
      std::string list;
      for (std::string_view k : kKnownHubKeys) list += (list.empty() ? "" : ", ") + std::string(k);
      r.key_error("hub." + item.key(), "unknown key (known keys: " + list + ")");
    }
  }
  const auto has = [&](const char* key) { return hub.contains(key); };
  const auto str = [&](const char* key) -> const std::string& {
    const json& j = hub.at(key);
    if (!j.is_string()) wrong_type(r, std::string("hub.") + key, "a string", j);
    return j.get_ref<const std::string&>();
  };
  const auto integer = [&](const char* key, int lo, int hi) {
    const json& j = hub.at(key);
    const std::string name = std::string("hub.") + key;
    if (!j.is_number_integer()) wrong_type(r, name, "an integer", j);
    const bool in_range = j.is_number_unsigned() ? j.get<std::uint64_t>() <= static_cast<std::uint64_t>(hi) &&
                                                       j.get<std::uint64_t>() >= static_cast<std::uint64_t>(lo)
                                                 : j.get<std::int64_t>() >= lo && j.get<std::int64_t>() <= hi;
    if (!in_range) {
      r.key_error(name, j.dump() + " is out of range (" + std::to_string(lo) + ".." + std::to_string(hi) + ")");
    }
    return static_cast<int>(j.get<std::int64_t>());
  };

  HubConfig h;
  if (!has("url")) r.key_error("hub.url", "is required when \"hub\" is given");
  h.url = str("url");
  if (h.url.rfind("https://", 0) != 0 || h.url.size() <= 8) {
    r.key_error("hub.url", "must be an https:// URL (the hub is only reached over verified TLS)");
  }
  if (!display_text_problem(h.url).empty() || h.url.find(' ') != std::string::npos) {
    r.key_error("hub.url", "must be a URL without spaces or control characters");
  }
  if (!has("ca_file")) r.key_error("hub.ca_file", "is required when \"hub\" is given (the CA that signed the hub)");
  h.ca_file = resolve_path(r, "hub.ca_file", str("ca_file"), origin);
  h.token_file =
      has("token_file") ? resolve_path(r, "hub.token_file", str("token_file"), origin) : data_dir / "hub-token";
  if (has("pinned_keys")) {
    const json& pins = hub.at("pinned_keys");
    if (!pins.is_array()) wrong_type(r, "hub.pinned_keys", "an array", pins);
    for (std::size_t i = 0; i < pins.size(); ++i) {
      const std::string key = "hub.pinned_keys[" + std::to_string(i) + "]";
      if (!pins[i].is_string()) wrong_type(r, key, "a string", pins[i]);
      const std::string& pin = pins[i].get_ref<const std::string&>();
      if (!is_key_pin(pin)) r.key_error(key, "expected \"sha256//\" and the base64 of a SHA-256 (44 characters)");
      h.pinned_keys.push_back(pin);
    }
  }
  if (has("sync_interval_s")) h.sync_interval_s = integer("sync_interval_s", 10, 86400);
  if (has("retention_hours")) h.retention_hours = integer("retention_hours", 0, 8760);
  if (has("connect_timeout_s")) h.connect_timeout_s = integer("connect_timeout_s", 1, 120);
  if (has("timeout_s")) h.timeout_s = integer("timeout_s", 5, 3600);
  return h;
}

}  // namespace

Config parse_config(std::string_view json_text, const fs::path& origin,
                    const std::vector<std::string>& known_languages) {
  const Reporter r(origin);
  const json doc = parse_strict(json_text, r);
  if (!doc.is_object()) r.file_error("the top level must be a JSON object, got " + type_label(doc));

  for (const auto& item : doc.items()) {
    const bool known = std::find(std::begin(kKnownKeys), std::end(kKnownKeys), item.key()) != std::end(kKnownKeys);
    if (!known) {
      std::string list;
      for (std::string_view k : kKnownKeys) list += (list.empty() ? "" : ", ") + std::string(k);
      r.key_error(item.key(), "unknown key (known keys: " + list + ")");
    }
  }
  auto has = [&](const char* key) { return doc.contains(key); };

  Config c;

  if (!has("terminal_id")) r.key_error("terminal_id", "required key is missing");
  c.terminal_id = get_string(r, doc, "terminal_id");
  if (!is_terminal_id(c.terminal_id)) {
    r.key_error("terminal_id", json_quoted(c.terminal_id) + " must be 1..64 characters of A-Z a-z 0-9 . _ -");
  }

  if (!has("center_name")) r.key_error("center_name", "required key is missing");
  c.center_name = get_string(r, doc, "center_name");
  if (c.center_name.empty() || c.center_name.size() > 120) {
    r.key_error("center_name", "must be 1..120 bytes long, got " + std::to_string(c.center_name.size()));
  }
  if (const std::string problem = display_text_problem(c.center_name); !problem.empty()) {
    r.key_error("center_name", problem);
  }

  if (has("languages")) {
    const json& langs = doc.at("languages");
    if (!langs.is_array()) wrong_type(r, "languages", "an array", langs);
    if (langs.empty()) r.key_error("languages", "must name at least one language");
    for (std::size_t i = 0; i < langs.size(); ++i) {
      const std::string key = "languages[" + std::to_string(i) + "]";
      const json& item = langs[i];
      if (!item.is_string()) wrong_type(r, key, "a string", item);
      const auto& code = item.get_ref<const std::string&>();
      if (std::find(known_languages.begin(), known_languages.end(), code) == known_languages.end()) {
        r.key_error(key, "unknown language " + json_quoted(code));
      }
      if (std::find(c.languages.begin(), c.languages.end(), code) != c.languages.end()) {
        r.key_error(key, "duplicate language " + json_quoted(code));
      }
      c.languages.push_back(code);
    }
  } else {
    c.languages = known_languages;
    if (c.languages.empty()) r.key_error("languages", "no languages are known to this build");
  }

  if (has("default_language")) {
    c.default_language = get_string(r, doc, "default_language");
    if (std::find(c.languages.begin(), c.languages.end(), c.default_language) == c.languages.end()) {
      std::string list;
      for (const auto& l : c.languages) list += (list.empty() ? "" : ", ") + l;
      r.key_error("default_language",
                  json_quoted(c.default_language) + " is not one of the enabled languages (" + list + ")");
    }
  } else {
    c.default_language = c.languages.front();
  }

  if (has("idle_timeout_s")) c.idle_timeout_s = get_int(r, doc, "idle_timeout_s", 15, 3600);
  if (has("idle_warning_s")) c.idle_warning_s = get_int(r, doc, "idle_warning_s", 20, 300);

  c.data_dir = resolve_path(r, "data_dir",
                            has("data_dir") ? get_string(r, doc, "data_dir") : std::string(kDefaultDataDir), origin);

  if (has("log_level")) {
    c.log_level = get_string(r, doc, "log_level");
    try {
      log::parse_level(c.log_level);
    } catch (const std::invalid_argument&) {
      r.key_error("log_level", json_quoted(c.log_level) + " is not one of debug, info, warn, error");
    }
  }

  if (has("high_contrast")) {
    const json& j = doc.at("high_contrast");
    if (!j.is_boolean()) wrong_type(r, "high_contrast", "a boolean", j);
    c.high_contrast = j.get<bool>();
  }

  if (has("read_aloud")) {
    const json& j = doc.at("read_aloud");
    if (!j.is_boolean()) wrong_type(r, "read_aloud", "a boolean", j);
    c.read_aloud = j.get<bool>();
  }

  if (has("audio_device")) {
    c.audio_device = get_string(r, doc, "audio_device");
    if (c.audio_device.empty() || c.audio_device.size() > 200)
      r.key_error("audio_device", "must be 1..200 bytes long, got " + std::to_string(c.audio_device.size()));
    for (char ch : c.audio_device)
      if (static_cast<unsigned char>(ch) < 0x20 || ch == 0x7f) r.key_error("audio_device", "holds a control character");
  }

  if (has("ui_scale")) {
    const json& j = doc.at("ui_scale");
    if (!j.is_number()) wrong_type(r, "ui_scale", "a number", j);
    c.ui_scale = j.get<double>();
    if (!(c.ui_scale >= 0.5 && c.ui_scale <= 3.0)) r.key_error("ui_scale", j.dump() + " is out of range (0.5..3.0)");
  }

  if (has("hub")) c.hub = parse_hub(r, doc.at("hub"), origin, c.data_dir);

  return c;
}

Config load_config(const fs::path& file, const std::vector<std::string>& known_languages) {
  const Reporter r(file);
  const int fd = ::open(file.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    const int err = errno;
    r.file_error(std::string("cannot read (") + std::strerror(err) + ")");
  }
  struct Closer {
    int fd;
    ~Closer() { ::close(fd); }
  } closer{fd};

  std::string text;
  char buf[8192];
  for (;;) {
    const ssize_t n = ::read(fd, buf, sizeof buf);
    if (n < 0) {
      if (errno == EINTR) continue;
      const int err = errno;
      r.file_error(std::string("cannot read (") + std::strerror(err) + ")");
    }
    if (n == 0) break;
    text.append(buf, static_cast<std::size_t>(n));
    if (text.size() > kMaxConfigBytes) r.file_error("file is larger than 1 MiB; is this the right file?");
  }

  Config c = parse_config(text, file, known_languages);
  log::info("config", "loaded " + file.string() + " for terminal " + c.terminal_id);
  return c;
}

}  // namespace wk::core
