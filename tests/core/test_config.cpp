// Tests for kiosk/core/config: defaults, path resolution, and one ConfigError naming the file
// and the key for every kind of bad input.
#include "kiosk/core/config.hpp"

#include "tests/support/temp_dir.hpp"

#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include <cstdlib>

using namespace wk::core;
using nlohmann::json;
namespace fs = std::filesystem;

namespace {

const std::vector<std::string> kKnown = {"de", "en", "ar", "uk", "tr", "fa"};
const fs::path kOrigin = "/etc/welcome-kiosk/kiosk.json";

// Points $HOME somewhere known for the duration of a test.
struct HomeGuard {
  std::string saved;
  bool had = false;
  explicit HomeGuard(const std::string& home) {
    if (const char* h = std::getenv("HOME")) {
      had = true;
      saved = h;
    }
    ::setenv("HOME", home.c_str(), 1);
  }
  ~HomeGuard() {
    if (had) {
      ::setenv("HOME", saved.c_str(), 1);
    } else {
      ::unsetenv("HOME");
    }
  }
};

// A minimal valid configuration with `patch` merged in (a null value removes the key).
std::string config_with(const json& patch) {
  json base = {{"terminal_id", "wk-berlin-01"}, {"center_name", "Welcome Center Berlin"}};
  base.merge_patch(patch);
  return base.dump();
}

Config parse(const std::string& text) {
  return parse_config(text, kOrigin, kKnown);
}

// Expects `text` to be refused with a ConfigError about `key`; returns the message.
std::string refused(const std::string& text, const std::string& key) {
  try {
    parse(text);
  } catch (const ConfigError& e) {
    const std::string what = e.what();
    INFO(what);
    CHECK(e.key() == key);
    CHECK(what.rfind(kOrigin.string() + ": ", 0) == 0);
    CHECK(what.find("key \"" + key + "\": ") != std::string::npos);
    return what;
  }
  FAIL("accepted: " << text);
  return {};
}

}  // namespace

TEST_CASE("a minimal configuration gets every default", "[config]") {
  HomeGuard home("/home/kiosk");
  const Config c = parse(config_with(json::object()));
  CHECK(c.terminal_id == "wk-berlin-01");
  CHECK(c.center_name == "Welcome Center Berlin");
  CHECK(c.languages == kKnown);
  CHECK(c.default_language == "de");
  CHECK(c.idle_timeout_s == 90);
  CHECK(c.idle_warning_s == 30);
  CHECK(c.data_dir == fs::path("/home/kiosk/.local/share/welcome-kiosk"));
  CHECK(c.log_level == "info");
  CHECK_FALSE(c.high_contrast);
  CHECK(c.ui_scale == 1.0);
  CHECK(c.read_aloud);
  CHECK(c.audio_device == "default");
}

TEST_CASE("every key can be set", "[config]") {
  const Config c = parse(config_with({{"center_name", "Welcome Center Köln – مرحبا 欢迎"},
                                      {"languages", {"ar", "de"}},
                                      {"default_language", "de"},
                                      {"idle_timeout_s", 15},
                                      {"idle_warning_s", 300},
                                      {"data_dir", "/var/lib/welcome-kiosk/"},
                                      {"log_level", "debug"},
                                      {"high_contrast", true},
                                      {"ui_scale", 3},
                                      {"read_aloud", false},
                                      {"audio_device", "plughw:CARD=PCH,DEV=0"}}));
  CHECK(c.center_name == "Welcome Center Köln – مرحبا 欢迎");
  CHECK(c.languages == std::vector<std::string>{"ar", "de"});
  CHECK(c.default_language == "de");
  CHECK(c.idle_timeout_s == 15);
  CHECK(c.idle_warning_s == 300);
  CHECK(c.data_dir == fs::path("/var/lib/welcome-kiosk"));
  CHECK(c.log_level == "debug");
  CHECK(c.high_contrast);
  CHECK(c.ui_scale == 3.0);
  CHECK_FALSE(c.read_aloud);
  CHECK(c.audio_device == "plughw:CARD=PCH,DEV=0");
}

TEST_CASE("default_language defaults to the first enabled language", "[config]") {
  CHECK(parse(config_with({{"languages", {"uk", "en"}}})).default_language == "uk");
}

TEST_CASE("data_dir: ~/ means $HOME, relative paths resolve against the config file", "[config]") {
  HomeGuard home("/home/kiosk");
  CHECK(parse(config_with({{"data_dir", "~/kiosk-data"}})).data_dir == fs::path("/home/kiosk/kiosk-data"));
  CHECK(parse(config_with({{"data_dir", "~"}})).data_dir == fs::path("/home/kiosk"));
  CHECK(parse(config_with({{"data_dir", "data"}})).data_dir == fs::path("/etc/welcome-kiosk/data"));
  CHECK(parse(config_with({{"data_dir", "../var/./x"}})).data_dir == fs::path("/etc/var/x"));
  refused(config_with({{"data_dir", "~bob/data"}}), "data_dir");
  refused(config_with({{"data_dir", ""}}), "data_dir");
}

TEST_CASE("load_config reads a file and resolves data_dir next to it", "[config]") {
  test::TempDir dir;
  const fs::path file = dir / "kiosk.json";
  test::write_bytes(file, config_with({{"data_dir", "state"}, {"languages", {"en"}}}));
  const Config c = load_config(file, kKnown);
  CHECK(c.data_dir == dir.path() / "state");
  CHECK(c.languages == std::vector<std::string>{"en"});
}

TEST_CASE("messages have the documented shape", "[config]") {
  try {
    parse_config(config_with({{"idle_warning_s", 5}}), "config/kiosk.json", kKnown);
    FAIL("accepted");
  } catch (const ConfigError& e) {
    CHECK(std::string(e.what()) == R"(config/kiosk.json: key "idle_warning_s": 5 is out of range (20..300))");
  }
  try {
    parse_config(config_with({{"idle_timeout_s", "90"}}), "config/kiosk.json", kKnown);
    FAIL("accepted");
  } catch (const ConfigError& e) {
    CHECK(std::string(e.what()) == R"(config/kiosk.json: key "idle_timeout_s": expected an integer, got string)");
  }
  const std::string unknown = refused(config_with({{"idle_timeout", 90}}), "idle_timeout");
  CHECK(unknown.find("unknown key (known keys: terminal_id, center_name, languages") != std::string::npos);
  CHECK(refused(config_with({{"languages", {"de", "xx"}}}), "languages[1]").find(R"(unknown language "xx")") !=
        std::string::npos);
}

TEST_CASE("unknown and duplicate keys are refused", "[config]") {
  refused(config_with({{"foo", 1}}), "foo");
  refused(config_with({{"Terminal_ID", "x"}}), "Terminal_ID");
  refused(R"({"terminal_id": "a", "center_name": "b", "idle_timeout_s": 60, "idle_timeout_s": 90})", "idle_timeout_s");
}

TEST_CASE("wrong types are refused, naming the key", "[config]") {
  const std::vector<std::pair<json, std::string>> cases = {
      {{{"terminal_id", 5}}, "terminal_id"},
      {{{"center_name", true}}, "center_name"},
      {{{"languages", "de"}}, "languages"},
      {{{"languages", {"de", 1}}}, "languages[1]"},
      {{{"default_language", 1}}, "default_language"},
      {{{"idle_timeout_s", "90"}}, "idle_timeout_s"},
      {{{"idle_timeout_s", 90.5}}, "idle_timeout_s"},
      {{{"idle_warning_s", false}}, "idle_warning_s"},
      {{{"data_dir", 3}}, "data_dir"},
      {{{"data_dir", {"a"}}}, "data_dir"},
      {{{"log_level", 2}}, "log_level"},
      {{{"high_contrast", "yes"}}, "high_contrast"},
      {{{"high_contrast", 1}}, "high_contrast"},
      {{{"ui_scale", "1.0"}}, "ui_scale"},
      {{{"read_aloud", "on"}}, "read_aloud"},
      {{{"audio_device", 0}}, "audio_device"},
  };
  for (const auto& [patch, key] : cases) {
    const std::string msg = refused(config_with(patch), key);
    CHECK(msg.find("expected ") != std::string::npos);
  }
  // null is a wrong type too (merge_patch would delete the key, so write it by hand)
  CHECK(refused(R"({"terminal_id": "a", "center_name": "b", "ui_scale": null})", "ui_scale").find("got null") !=
        std::string::npos);
}

TEST_CASE("an empty, overlong or control-character audio device is refused", "[config]") {
  CHECK(refused(config_with({{"audio_device", ""}}), "audio_device").find("1..200 bytes") != std::string::npos);
  refused(config_with({{"audio_device", std::string(201, 'a')}}), "audio_device");
  CHECK(refused(config_with({{"audio_device", "default\nx"}}), "audio_device").find("control character") !=
        std::string::npos);
}

TEST_CASE("out-of-range numbers are refused, naming the key", "[config]") {
  const std::vector<std::pair<json, std::string>> cases = {
      {{{"idle_timeout_s", 14}}, "idle_timeout_s"},
      {{{"idle_timeout_s", 3601}}, "idle_timeout_s"},
      {{{"idle_timeout_s", -5}}, "idle_timeout_s"},
      {{{"idle_timeout_s", 18446744073709551615ull}}, "idle_timeout_s"},
      {{{"idle_warning_s", 19}}, "idle_warning_s"},
      {{{"idle_warning_s", 301}}, "idle_warning_s"},
      {{{"ui_scale", 0.49}}, "ui_scale"},
      {{{"ui_scale", 3.01}}, "ui_scale"},
      {{{"ui_scale", -1}}, "ui_scale"},
  };
  for (const auto& [patch, key] : cases) {
    CHECK(refused(config_with(patch), key).find("out of range") != std::string::npos);
  }
  CHECK(parse(config_with({{"idle_timeout_s", 3600}, {"idle_warning_s", 20}, {"ui_scale", 0.5}})).ui_scale == 0.5);
}

TEST_CASE("languages must be known, unique and non-empty, and the default must be enabled", "[config]") {
  refused(config_with({{"languages", {"de", "xx"}}}), "languages[1]");
  CHECK(refused(config_with({{"languages", {"de", "en", "de"}}}), "languages[2]").find("duplicate") !=
        std::string::npos);
  refused(config_with({{"languages", json::array()}}), "languages");
  refused(config_with({{"languages", {"DE"}}}), "languages[0]");
  refused(config_with({{"languages", {"de"}}, {"default_language", "en"}}), "default_language");
  refused(config_with({{"default_language", "xx"}}), "default_language");
}

TEST_CASE("required keys must be present", "[config]") {
  CHECK(refused(config_with({{"terminal_id", nullptr}}), "terminal_id").find("missing") != std::string::npos);
  CHECK(refused(config_with({{"center_name", nullptr}}), "center_name").find("missing") != std::string::npos);
}

TEST_CASE("terminal_id must be 1..64 of [A-Za-z0-9._-]", "[config]") {
  const std::vector<std::string> bad_ids = {"", "wk berlin", "wk/01", "wk-ä", "wk\n01", std::string(65, 'a')};
  for (const std::string& bad : bad_ids) {
    refused(config_with({{"terminal_id", bad}}), "terminal_id");
  }
  CHECK(parse(config_with({{"terminal_id", std::string(64, 'Z')}})).terminal_id.size() == 64);
  CHECK(parse(config_with({{"terminal_id", "A.b_c-9"}})).terminal_id == "A.b_c-9");
}

TEST_CASE("center_name must be clean display text of 1..120 bytes", "[config]") {
  CHECK(refused(config_with({{"center_name", "Welcome\u0007Center"}}), "center_name").find("control") !=
        std::string::npos);
  refused(config_with({{"center_name", "Welcome\nCenter"}}), "center_name");
  refused(config_with({{"center_name", "Welcome\u0085Center"}}), "center_name");  // C1 NEL
  CHECK(refused(config_with({{"center_name", "Center \u202Eevil"}}), "center_name").find("bidi") != std::string::npos);
  refused(config_with({{"center_name", ""}}), "center_name");
  refused(config_with({{"center_name", "   "}}), "center_name");
  refused(config_with({{"center_name", std::string(121, 'x')}}), "center_name");
  CHECK(parse(config_with({{"center_name", std::string(120, 'x')}})).center_name.size() == 120);
}

TEST_CASE("log_level must be one of the four levels", "[config]") {
  refused(config_with({{"log_level", "verbose"}}), "log_level");
  refused(config_with({{"log_level", "INFO"}}), "log_level");
  CHECK(parse(config_with({{"log_level", "error"}})).log_level == "error");
}

TEST_CASE("file-level problems name the file", "[config]") {
  test::TempDir dir;
  SECTION("missing file") {
    const fs::path file = dir / "nope.json";
    try {
      load_config(file, kKnown);
      FAIL("accepted");
    } catch (const ConfigError& e) {
      const std::string what = e.what();
      CHECK(what.find(file.string()) != std::string::npos);
      CHECK(what.find("No such file or directory") != std::string::npos);
      CHECK(e.key().empty());
    }
  }
  SECTION("a directory") {
    CHECK_THROWS_AS(load_config(dir.path(), kKnown), ConfigError);
  }
  SECTION("malformed JSON gives the byte position") {
    const fs::path file = dir / "kiosk.json";
    test::write_bytes(file, R"({"terminal_id": "a", "center_name": })");
    try {
      load_config(file, kKnown);
      FAIL("accepted");
    } catch (const ConfigError& e) {
      const std::string what = e.what();
      CHECK(what.rfind(file.string() + ": malformed JSON at byte ", 0) == 0);
      CHECK(what.find("json.exception") == std::string::npos);
      CHECK(e.key().empty());
    }
  }
  SECTION("invalid UTF-8") {
    const fs::path file = dir / "kiosk.json";
    test::write_bytes(file, "{\"terminal_id\": \"a\", \"center_name\": \"\xc3\x28\"}");
    CHECK_THROWS_AS(load_config(file, kKnown), ConfigError);
  }
  SECTION("the top level is not an object") {
    try {
      parse("[1, 2]");
      FAIL("accepted");
    } catch (const ConfigError& e) {
      CHECK(std::string(e.what()).find("top level must be a JSON object, got array") != std::string::npos);
    }
    CHECK_THROWS_AS(parse(""), ConfigError);
    CHECK_THROWS_AS(parse("42"), ConfigError);
  }
}
