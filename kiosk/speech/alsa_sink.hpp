// Readings played on the sound card through ALSA (its "default" device routes
// to PipeWire or PulseAudio where one runs). Opened per reading, so the card is
// free between readings.
#pragma once

#include "kiosk/speech/audio_sink.hpp"

struct _snd_pcm;

namespace wk::speech {

class AlsaSink final : public AudioSink {
 public:
  explicit AlsaSink(std::string device);
  ~AlsaSink() override;
  AlsaSink(const AlsaSink&) = delete;
  AlsaSink& operator=(const AlsaSink&) = delete;

  std::string probe() override;
  bool begin(std::string_view language, int rate, std::string& why) override;
  void write(std::span<const std::int16_t> samples) override;
  void end(const std::function<bool()>& stopped) override;

 private:
  void close();
  std::string device_;
  _snd_pcm* pcm_ = nullptr;
};

}  // namespace wk::speech
