// What the UI may ask of read-aloud: whether a language has a voice, to read a
// screen's text, and to stop. The app wires this to the speech engine
// (kiosk/speech); the UI never talks to the engine or the sound card itself.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace wk::ui {

// One piece of what is read, in reading order.
struct SpeechPart {
  std::string text;
  // Read character by character ("A 7 K 2"): codes, phone numbers, postal codes.
  bool by_character = false;
  // The part ends a sentence (a pause follows); false for the words before a code in the same
  // sentence ("Your code is" | "A7K2").
  bool sentence_end = true;
};

class Speaker {
 public:
  virtual ~Speaker() = default;
  // True when `language` (a language table code) can be read aloud now: the table gives it a
  // voice, the engine has that voice and there is somewhere to play it. Thread-safe, cheap (called
  // every frame).
  virtual bool has_voice(std::string_view language) const = 0;
  // Reads `parts` in `language`, replacing whatever is being read. Returns at once: reading
  // happens on the speaker's own thread. Ignored when has_voice(language) is false.
  virtual void say(std::string_view language, std::vector<SpeechPart> parts) = 0;
  // Stops reading now (the next tap, the idle reset, another language). Idempotent.
  virtual void stop() = 0;
};

}  // namespace wk::ui
