// Read-aloud through espeak-ng (offline, no network), on its own thread. The
// engine is process-wide state, set up once and kept until the process ends:
// one EspeakSpeaker at a time uses it (a second one's thread waits for the
// first to end). Set-up (loading the engine and the
// voices, probing the sink) happens on the thread, so constructing one costs the
// UI nothing; has_voice() is false until it is done.
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstddef>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <thread>

#include "kiosk/speech/audio_sink.hpp"
#include "kiosk/ui/speaker.hpp"

namespace wk::speech {

class EspeakSpeaker final : public ui::Speaker {
 public:
  // `voices`: language code -> espeak-ng voice name (from the languages table; languages
  // without a voice are left out). `on_ready` runs on the speaker's thread once set-up is done,
  // if any language can be read (the shell wakes its loop to show the speaker button).
  EspeakSpeaker(std::map<std::string, std::string, std::less<>> voices, std::unique_ptr<AudioSink> sink,
                std::function<void()> on_ready = {});
  // Stops reading and ends the thread.
  ~EspeakSpeaker() override;
  EspeakSpeaker(const EspeakSpeaker&) = delete;
  EspeakSpeaker& operator=(const EspeakSpeaker&) = delete;

  bool has_voice(std::string_view language) const override;
  void say(std::string_view language, std::vector<ui::SpeechPart> parts) override;
  void stop() override;

  // Blocks until set-up is done and no reading waits or runs (tests; a WAV run before exit).
  void wait_until_quiet();
  // After set-up: why nothing can be read ("" when read-aloud works), for staff and the log.
  std::string problem() const;

  // What the last reading did (tests, benchmarks).
  struct Reading {
    std::string language;
    std::size_t samples = 0;
    int rate = 0;
    int words = 0;         // words the engine spoke (a spelled "A7K2" is four)
    bool stopped = false;  // stopped part way
  };
  std::optional<Reading> last_reading() const;

 private:
  struct Request {
    std::string language;
    std::string text;
    std::uint64_t generation = 0;
  };
  void run();
  void read(const Request& r);

  const std::map<std::string, std::string, std::less<>> voices_;
  std::unique_ptr<AudioSink> sink_;
  std::function<void()> on_ready_;

  mutable std::mutex mutex_;
  std::condition_variable cv_;
  std::optional<Request> pending_;
  bool busy_ = false;
  bool quit_ = false;
  std::atomic<bool> ready_{false};                // set-up done; set under mutex_ (wait_until_quiet), read lock-free
  std::atomic<std::uint64_t> generation_{0};      // a reading whose generation is older is stopped
  std::set<std::string, std::less<>> available_;  // written before ready_, read after
  std::string problem_;
  std::optional<Reading> last_;
  int rate_ = 0;

  std::thread thread_;
};

}  // namespace wk::speech
