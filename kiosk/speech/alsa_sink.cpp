#include "kiosk/speech/alsa_sink.hpp"

#include <alsa/asoundlib.h>

#include <chrono>
#include <thread>

namespace wk::speech {
namespace {

// ALSA prints its own diagnostics to stderr; ours go to the log, with the device's name.
void quiet(const char*, int, const char*, int, const char*, ...) {}

std::string alsa_problem(const std::string& device, int err) {
  return "audio device \"" + device + "\": " + snd_strerror(err);
}

}  // namespace

AlsaSink::AlsaSink(std::string device) : device_(std::move(device)) {
  snd_lib_error_set_handler(quiet);
}

AlsaSink::~AlsaSink() {
  close();
}

void AlsaSink::close() {
  if (pcm_) snd_pcm_close(pcm_);
  pcm_ = nullptr;
}

std::string AlsaSink::probe() {
  snd_pcm_t* pcm = nullptr;
  if (const int err = snd_pcm_open(&pcm, device_.c_str(), SND_PCM_STREAM_PLAYBACK, SND_PCM_NONBLOCK); err < 0)
    return alsa_problem(device_, err);
  snd_pcm_close(pcm);
  return "";
}

bool AlsaSink::begin(std::string_view, int rate, std::string& why) {
  close();
  if (const int err = snd_pcm_open(&pcm_, device_.c_str(), SND_PCM_STREAM_PLAYBACK, 0); err < 0) {
    pcm_ = nullptr;
    why = alsa_problem(device_, err);
    return false;
  }
  // 100 ms of buffer: a stop is heard within about that.
  if (const int err = snd_pcm_set_params(pcm_, SND_PCM_FORMAT_S16_LE, SND_PCM_ACCESS_RW_INTERLEAVED, 1,
                                         static_cast<unsigned>(rate), 1, 100000);
      err < 0) {
    why = alsa_problem(device_, err);
    close();
    return false;
  }
  return true;
}

void AlsaSink::write(std::span<const std::int16_t> samples) {
  if (!pcm_) return;
  std::size_t done = 0;
  while (done < samples.size()) {
    const snd_pcm_sframes_t n = snd_pcm_writei(pcm_, samples.data() + done, samples.size() - done);
    if (n < 0) {
      if (snd_pcm_recover(pcm_, static_cast<int>(n), 1) < 0) return;
      continue;
    }
    done += static_cast<std::size_t>(n);
  }
}

void AlsaSink::end(const std::function<bool()>& stopped) {
  if (!pcm_) return;
  // A reading shorter than the start threshold has not started playing yet.
  if (snd_pcm_state(pcm_) == SND_PCM_STATE_PREPARED) snd_pcm_start(pcm_);
  // Wait for the queued samples in small steps so a stop is not held up by the whole queue.
  for (;;) {
    if (stopped()) {
      snd_pcm_drop(pcm_);
      break;
    }
    snd_pcm_sframes_t delay = 0;
    if (snd_pcm_delay(pcm_, &delay) < 0 || delay <= 0) {
      snd_pcm_drain(pcm_);
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  close();
}

}  // namespace wk::speech
