// Where read-aloud's samples go: the sound card (AlsaSink) or WAV files
// (WavSink, for tests and for checking voices without speakers). A sink is used
// by the speaker's thread only.
#pragma once

#include <cstdint>
#include <functional>
#include <span>
#include <string>
#include <string_view>

namespace wk::speech {

class AudioSink {
 public:
  virtual ~AudioSink() = default;
  // Whether the output can be used at all: "" when it can, else why not, for staff ("audio device
  // \"default\": No such file or directory"). Called once before any reading.
  virtual std::string probe() = 0;
  // Starts a reading in `language` of mono signed 16-bit samples at `rate` Hz. False (and why in
  // `why`): this reading cannot be played.
  virtual bool begin(std::string_view language, int rate, std::string& why) = 0;
  // Plays or stores `samples`; may block for as long as playing them takes.
  virtual void write(std::span<const std::int16_t> samples) = 0;
  // Ends the reading: waits until what was written has been played, or drops the rest at once
  // when `stopped()` turns true (then or while waiting).
  virtual void end(const std::function<bool()>& stopped) = 0;
};

}  // namespace wk::speech
