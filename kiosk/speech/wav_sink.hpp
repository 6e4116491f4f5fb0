// Readings as WAV files instead of sound: DIR/NNN-<language>.wav for a reading
// read to its end, DIR/NNN-<language>-stopped.wav for one stopped part way
// (NNN counts the readings from 001). Each file appears whole (written aside,
// then renamed). Paced, it takes as long as playing would, so stopping part
// way can be tested as a person would meet it.
#pragma once

#include <filesystem>
#include <vector>

#include "kiosk/speech/audio_sink.hpp"

namespace wk::speech {

class WavSink final : public AudioSink {
 public:
  WavSink(std::filesystem::path dir, bool paced);

  std::string probe() override;
  bool begin(std::string_view language, int rate, std::string& why) override;
  void write(std::span<const std::int16_t> samples) override;
  void end(const std::function<bool()>& stopped) override;

 private:
  std::filesystem::path dir_;
  bool paced_;
  int count_ = 0;
  std::string language_;
  int rate_ = 0;
  std::vector<std::int16_t> samples_;
};

// A WAV file's header and samples as read back (tests, checks): mono 16-bit PCM only.
struct WavData {
  int rate = 0;
  int channels = 0;
  int bits = 0;
  std::vector<std::int16_t> samples;
  double seconds() const { return rate > 0 ? static_cast<double>(samples.size()) / rate : 0.0; }
  // Root mean square of the samples, 0..32768.
  double rms() const;
};
// Reads `file`; throws std::runtime_error naming the file and what is wrong with it.
WavData read_wav(const std::filesystem::path& file);

}  // namespace wk::speech
