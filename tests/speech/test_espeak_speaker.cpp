// EspeakSpeaker: every language of the table with a voice is read (checked as a WAV file:
// long enough, not silent), codes are spoken letter by letter, stopping works part way, and a
// speaker without a sound device or a voice offers nothing.
#include <catch2/catch.hpp>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <thread>

#include "kiosk/speech/alsa_sink.hpp"
#include "kiosk/speech/espeak_speaker.hpp"
#include "kiosk/speech/wav_sink.hpp"
#include "kiosk/text/languages.hpp"
#include "kiosk/text/messages.hpp"
#include "tests/support/paths.hpp"

namespace fs = std::filesystem;
using namespace wk;

namespace {

const text::LanguageTable& table() {
  static const text::LanguageTable t = text::LanguageTable::load(test::source_dir() / "locales" / "languages.json");
  return t;
}
const text::MessageCatalog& catalog() {
  static const text::MessageCatalog c = text::MessageCatalog::load(table(), test::source_dir() / "locales");
  return c;
}

std::map<std::string, std::string, std::less<>> table_voices() {
  std::map<std::string, std::string, std::less<>> v;
  for (const auto& l : table().all())
    if (!l.voice.empty()) v.emplace(l.code, l.voice);
  return v;
}

struct TempDir {
  fs::path path;
  TempDir() {
    path = fs::temp_directory_path() / ("wk-speech-" + std::to_string(::getpid()) + "-" +
                                        std::to_string(std::chrono::steady_clock::now().time_since_epoch().count()));
    fs::create_directories(path);
  }
  ~TempDir() { fs::remove_all(path); }
};

std::vector<fs::path> files_in(const fs::path& dir) {
  std::vector<fs::path> out;
  for (const auto& e : fs::directory_iterator(dir)) out.push_back(e.path());
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace

TEST_CASE("every language with a voice is read aloud: a WAV file of speech, not silence", "[speech]") {
  TempDir dir;
  speech::EspeakSpeaker speaker(table_voices(), std::make_unique<speech::WavSink>(dir.path, false));
  speaker.wait_until_quiet();
  REQUIRE(speaker.problem().empty());
  int n = 0;
  for (const auto& l : table().all()) {
    if (l.voice.empty()) continue;
    INFO("language " << l.code << " voice " << l.voice);
    REQUIRE(speaker.has_voice(l.code));
    speaker.say(l.code, {{catalog().format(l.code, "welcome.choose")}, {catalog().format(l.code, "home.subtitle")}});
    speaker.wait_until_quiet();
    ++n;
    char name[64];
    std::snprintf(name, sizeof name, "%03d-%s.wav", n, l.code.c_str());
    const fs::path file = dir.path / name;
    REQUIRE(fs::exists(file));
    const speech::WavData w = speech::read_wav(file);
    CHECK(w.rate == 22050);
    CHECK(w.seconds() > 1.0);
    CHECK(w.seconds() < 30.0);
    CHECK(w.rms() > 500.0);  // speech, not silence (a silent file is 0)
    const auto r = speaker.last_reading();
    REQUIRE(r);
    CHECK(r->language == l.code);
    CHECK_FALSE(r->stopped);
    CHECK(r->words >= 3);
  }
  CHECK(n == static_cast<int>(table_voices().size()));
  CHECK(n >= 12);
}

TEST_CASE("a language without a voice in the table or in espeak-ng cannot be read", "[speech]") {
  TempDir dir;
  auto voices = table_voices();
  voices.erase("uk");
  voices["xx"] = "wk-no-such-voice";
  speech::EspeakSpeaker speaker(voices, std::make_unique<speech::WavSink>(dir.path, false));
  speaker.wait_until_quiet();
  CHECK(speaker.has_voice("de"));
  CHECK_FALSE(speaker.has_voice("uk"));
  CHECK_FALSE(speaker.has_voice("xx"));
  CHECK_FALSE(speaker.has_voice("zz"));
  speaker.say("uk", {{"Привіт"}});  // ignored
  speaker.wait_until_quiet();
  CHECK(files_in(dir.path).empty());
  CHECK_FALSE(speaker.last_reading());
}

TEST_CASE("codes are spoken letter by letter", "[speech]") {
  TempDir dir;
  speech::EspeakSpeaker speaker(table_voices(), std::make_unique<speech::WavSink>(dir.path, false));
  speaker.wait_until_quiet();
  // A postal code read as a number is a few words ("zehntausend einhundert fünfzehn"); spelled,
  // one per digit.
  speaker.say("de", {{"10115"}});
  speaker.wait_until_quiet();
  const auto whole = speaker.last_reading();
  REQUIRE(whole);
  speaker.say("de", {{"10115", true}});
  speaker.wait_until_quiet();
  const auto spelled = speaker.last_reading();
  REQUIRE(spelled);
  CHECK(whole->words < 5);
  CHECK(spelled->words == 5);
  // A phone number in an Arabic sentence: the words before it, then every digit.
  speaker.say("ar", {{"رقم هاتفك", false, false}, {"+49 176 1234", true}});
  speaker.wait_until_quiet();
  REQUIRE(speaker.last_reading());
  CHECK(speaker.last_reading()->words >= 2 + 9);
}

TEST_CASE("stop ends a reading part way, and the next reading is whole", "[speech]") {
  TempDir dir;
  const std::vector<wk::ui::SpeechPart> text{{catalog().format("en", "about.body")},
                                             {catalog().format("en", "about.help")}};
  double whole_s = 0;
  {
    speech::EspeakSpeaker fast(table_voices(), std::make_unique<speech::WavSink>(dir.path / "fast", false));
    fast.wait_until_quiet();
    fast.say("en", text);
    fast.wait_until_quiet();
    whole_s = speech::read_wav(dir.path / "fast" / "001-en.wav").seconds();
  }
  REQUIRE(whole_s > 8.0);
  // Paced: takes as long as playing would, so the stop lands part way.
  speech::EspeakSpeaker speaker(table_voices(), std::make_unique<speech::WavSink>(dir.path / "paced", true));
  speaker.wait_until_quiet();
  speaker.say("en", text);
  std::this_thread::sleep_for(std::chrono::milliseconds(500));
  speaker.stop();
  speaker.wait_until_quiet();
  const auto r = speaker.last_reading();
  // The reading may not have begun when the machine is very busy; then nothing is written.
  if (r) {
    CHECK(r->stopped);
    const auto files = files_in(dir.path / "paced");
    REQUIRE(files.size() == 1);
    CHECK(files[0].filename() == "001-en-stopped.wav");
    CHECK(speech::read_wav(files[0]).seconds() < whole_s - 3.0);
  }
  speaker.say("en", {{"Hello"}});
  speaker.wait_until_quiet();
  REQUIRE(speaker.last_reading());
  CHECK_FALSE(speaker.last_reading()->stopped);
  CHECK(speaker.last_reading()->words == 1);
}

TEST_CASE("the speaker is destroyed while it reads, without waiting for the end", "[speech]") {
  TempDir dir;
  auto speaker =
      std::make_unique<speech::EspeakSpeaker>(table_voices(), std::make_unique<speech::WavSink>(dir.path, true));
  speaker->wait_until_quiet();
  speaker->say("de", {{catalog().format("de", "about.body")}});
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  speaker.reset();  // a 10 s reading, paced: the stop must cut it
  for (const auto& f : files_in(dir.path)) CHECK(f.filename().string().find("-stopped") != std::string::npos);
}

TEST_CASE("without a sound device nothing is offered, and staff are told why", "[speech]") {
  speech::EspeakSpeaker speaker(table_voices(), std::make_unique<speech::AlsaSink>("wk_no_such_device"));
  speaker.wait_until_quiet();
  CHECK_FALSE(speaker.has_voice("de"));
  CHECK_FALSE(speaker.has_voice("en"));
  CHECK_THAT(speaker.problem(), Catch::Contains("audio device \"wk_no_such_device\""));
  speaker.say("de", {{"Hallo"}});
  speaker.stop();
}

TEST_CASE("a WAV file that is not one is refused with the reason", "[speech]") {
  TempDir dir;
  const fs::path f = dir.path / "bad.wav";
  { std::ofstream(f) << "RIFF\x10\0\0\0WAVEdata"; }
  CHECK_THROWS_WITH(speech::read_wav(f), Catch::Contains("bad.wav"));
  CHECK_THROWS_WITH(speech::read_wav(dir.path / "missing.wav"), Catch::Contains("cannot be read"));
}

TEST_CASE("a WAV directory that cannot be made turns read-aloud off and names the path", "[speech]") {
  TempDir dir;
  const fs::path blocker = dir.path / "a-file";
  std::ofstream(blocker) << "not a directory";
  speech::EspeakSpeaker speaker(table_voices(), std::make_unique<speech::WavSink>(blocker / "wav", false));
  speaker.wait_until_quiet();
  CHECK_FALSE(speaker.has_voice("de"));
  CHECK_THAT(speaker.problem(), Catch::Contains("WAV directory") && Catch::Contains("a-file"));
  speaker.say("de", {{"Hallo"}});  // ignored, nothing written
  speaker.wait_until_quiet();
  CHECK_FALSE(speaker.last_reading());
  CHECK(fs::is_regular_file(blocker));
}
