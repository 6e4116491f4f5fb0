#include "kiosk/speech/espeak_speaker.hpp"

#include <espeak-ng/espeak_ng.h>
#include <espeak-ng/speak_lib.h>

#include <algorithm>
#include <cstdio>

#include "kiosk/core/log.hpp"
#include "kiosk/speech/spoken_text.hpp"

namespace wk::speech {
namespace {

// The engine is one per process.
std::mutex g_engine;

// Words per minute: a little slower than espeak-ng's 175, for listeners in a new language.
constexpr int kWordsPerMinute = 150;
// Milliseconds of audio per callback: how often a stop is looked at while synthesising.
constexpr int kChunkMs = 60;

std::string status_text(espeak_ng_STATUS s) {
  char buf[256] = {};
  espeak_ng_GetStatusCodeMessage(s, buf, sizeof buf);
  return buf;
}

// The reading under way on the speaker's thread; the engine's callback feeds it.
struct Under_way {
  AudioSink* sink = nullptr;
  const std::atomic<std::uint64_t>* generation = nullptr;
  std::uint64_t mine = 0;
  std::size_t samples = 0;
  int words = 0;
  bool stopped() const { return generation->load() != mine; }
};
thread_local Under_way* t_reading = nullptr;

int on_samples(short* wav, int count, espeak_EVENT* events);

// Sets the engine up on first use, under g_engine; "" when it works, else why not. It stays up
// until the process ends: espeak-ng 1.51's espeak_ng_Terminate can hang waiting for its own
// thread, and the engine is one per process anyway.
const std::string& engine_problem() {
  static const std::string problem = [] {
    espeak_ng_InitializePath(nullptr);
    espeak_ng_ERROR_CONTEXT context = nullptr;
    if (const espeak_ng_STATUS s = espeak_ng_Initialize(&context); s != ENS_OK) {
      espeak_ng_ClearErrorContext(&context);
      return "espeak-ng: " + status_text(s);
    }
    if (const espeak_ng_STATUS o = espeak_ng_InitializeOutput(ENOUTPUT_MODE_SYNCHRONOUS, kChunkMs, nullptr);
        o != ENS_OK)
      return "espeak-ng output: " + status_text(o);
    espeak_SetSynthCallback(on_samples);
    return std::string();
  }();
  return problem;
}

int on_samples(short* wav, int count, espeak_EVENT* events) {
  Under_way* r = t_reading;
  if (!r) return 1;
  for (espeak_EVENT* e = events; e && e->type != espeakEVENT_LIST_TERMINATED; ++e)
    if (e->type == espeakEVENT_WORD) ++r->words;
  if (r->stopped()) return 1;  // abort synthesis
  if (wav && count > 0) {
    r->sink->write({reinterpret_cast<const std::int16_t*>(wav), static_cast<std::size_t>(count)});
    r->samples += static_cast<std::size_t>(count);
  }
  return r->stopped() ? 1 : 0;
}

}  // namespace

EspeakSpeaker::EspeakSpeaker(std::map<std::string, std::string, std::less<>> voices, std::unique_ptr<AudioSink> sink,
                             std::function<void()> on_ready)
    : voices_(std::move(voices)), sink_(std::move(sink)), on_ready_(std::move(on_ready)) {
  thread_ = std::thread([this] { run(); });
}

EspeakSpeaker::~EspeakSpeaker() {
  {
    std::lock_guard lock(mutex_);
    quit_ = true;
    if (pending_) std::fill(pending_->text.begin(), pending_->text.end(), '\0');
    pending_.reset();
    ++generation_;
  }
  cv_.notify_all();
  if (thread_.joinable()) thread_.join();
}

bool EspeakSpeaker::has_voice(std::string_view language) const {
  return ready_.load(std::memory_order_acquire) && available_.count(language) > 0;
}

void EspeakSpeaker::say(std::string_view language, std::vector<ui::SpeechPart> parts) {
  if (!has_voice(language)) return;
  std::string text = spoken_text(parts);
  for (auto& p : parts) std::fill(p.text.begin(), p.text.end(), '\0');
  {
    std::lock_guard lock(mutex_);
    const std::uint64_t g = ++generation_;
    if (pending_) std::fill(pending_->text.begin(), pending_->text.end(), '\0');
    pending_ = Request{std::string(language), std::move(text), g};
  }
  cv_.notify_all();
}

void EspeakSpeaker::stop() {
  std::lock_guard lock(mutex_);
  ++generation_;
  if (pending_) std::fill(pending_->text.begin(), pending_->text.end(), '\0');
  pending_.reset();
}

void EspeakSpeaker::wait_until_quiet() {
  std::unique_lock lock(mutex_);
  cv_.wait(lock, [&] { return (ready_.load() && !pending_ && !busy_) || quit_; });
}

std::string EspeakSpeaker::problem() const {
  std::lock_guard lock(mutex_);
  return problem_;
}

std::optional<EspeakSpeaker::Reading> EspeakSpeaker::last_reading() const {
  std::lock_guard lock(mutex_);
  return last_;
}

void EspeakSpeaker::run() {
  std::lock_guard engine(g_engine);
  std::string problem = engine_problem();
  if (problem.empty()) {
    rate_ = espeak_ng_GetSampleRate();
    problem = sink_->probe();
    std::string missing;
    for (const auto& [language, voice] : voices_) {
      if (espeak_ng_SetVoiceByName(voice.c_str()) == ENS_OK)
        available_.insert(language);
      else
        missing += (missing.empty() ? "" : ", ") + language + " (" + voice + ")";
    }
    if (!missing.empty()) core::log::warn("speech", "espeak-ng has no voice for " + missing);
  }
  if (!problem.empty()) {
    available_.clear();
    core::log::warn("speech", "read-aloud is off: " + problem);
  } else {
    core::log::info("speech", "read-aloud ready: " + std::to_string(available_.size()) + " languages have a voice");
  }
  {
    std::lock_guard lock(mutex_);
    problem_ = problem;
    ready_.store(true, std::memory_order_release);
  }
  cv_.notify_all();
  if (on_ready_ && !available_.empty()) on_ready_();

  for (;;) {
    Request r;
    {
      std::unique_lock lock(mutex_);
      cv_.wait(lock, [&] { return quit_ || pending_; });
      if (quit_) break;
      r = std::move(*pending_);
      pending_.reset();
      busy_ = true;
    }
    read(r);
    std::fill(r.text.begin(), r.text.end(), '\0');
    {
      std::lock_guard lock(mutex_);
      busy_ = false;
    }
    cv_.notify_all();
  }
}

void EspeakSpeaker::read(const Request& r) {
  Under_way u{sink_.get(), &generation_, r.generation};
  if (u.stopped()) return;
  const auto voice = voices_.find(r.language);
  if (voice == voices_.end() || espeak_ng_SetVoiceByName(voice->second.c_str()) != ENS_OK) return;
  espeak_ng_SetParameter(espeakRATE, kWordsPerMinute, 0);
  std::string why;
  if (!sink_->begin(r.language, rate_, why)) {
    core::log::warn("speech", "cannot read aloud in " + r.language + ": " + why);
    return;
  }
  t_reading = &u;
  const espeak_ng_STATUS s =
      espeak_ng_Synthesize(r.text.c_str(), r.text.size() + 1, 0, POS_CHARACTER, 0, espeakCHARS_UTF8, nullptr, nullptr);
  t_reading = nullptr;
  sink_->end([&u] { return u.stopped(); });
  if (s != ENS_OK && !u.stopped())
    core::log::warn("speech", "espeak-ng could not read in " + r.language + ": " + status_text(s));
  Reading done{r.language, u.samples, rate_, u.words, u.stopped()};
  char secs[32];
  std::snprintf(secs, sizeof secs, "%.1f", rate_ > 0 ? static_cast<double>(u.samples) / rate_ : 0.0);
  core::log::info("speech", "read aloud in " + r.language + ": " + std::to_string(u.words) + " words, " + secs + " s" +
                                (done.stopped ? ", stopped" : ""));
  std::lock_guard lock(mutex_);
  last_ = std::move(done);
}

}  // namespace wk::speech
