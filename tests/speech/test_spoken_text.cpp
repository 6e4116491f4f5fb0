// spoken_text: parts become sentences; codes, phone numbers and postal codes are spelled.
#include <catch2/catch.hpp>

#include "kiosk/speech/spoken_text.hpp"

using wk::speech::spoken_text;
using wk::ui::SpeechPart;

TEST_CASE("parts become sentences, punctuation kept", "[speech]") {
  const std::vector<SpeechPart> parts{{"Welcome"}, {"What can we do for you?"}, {"Opening hours:"}, {"  "}};
  CHECK(spoken_text(parts) == "Welcome. What can we do for you? Opening hours:");
}

TEST_CASE("Arabic, Chinese and Ethiopic sentence marks end a sentence", "[speech]") {
  CHECK(spoken_text(std::vector<SpeechPart>{{"كيف حالك؟"}, {"你好。"}, {"ሰላም።"}}) == "كيف حالك؟ 你好。 ሰላም።");
  CHECK(spoken_text(std::vector<SpeechPart>{{"مرحبا"}}) == "مرحبا.");
}

TEST_CASE("codes are read character by character", "[speech]") {
  CHECK(spoken_text(std::vector<SpeechPart>{{"A7K2-X9QP", true}}) == "A 7 K 2, X 9 Q P.");
  CHECK(spoken_text(std::vector<SpeechPart>{{"+49 176 1234", true}}) == "+ 4 9, 1 7 6, 1 2 3 4.");
  CHECK(spoken_text(std::vector<SpeechPart>{{"10115", true}}) == "1 0 1 1 5.");
  // Bidi isolates around a code in RTL text are not read.
  CHECK(spoken_text(std::vector<SpeechPart>{{"\u2066AB12\u2069", true}}) == "A B 1 2.");
}

TEST_CASE("a code inside a sentence stays in it", "[speech]") {
  const std::vector<SpeechPart> parts{{"Your code is ", false, false}, {"AB12", true, false}, {"keep it safe"}};
  CHECK(spoken_text(parts) == "Your code is A B 1 2 keep it safe.");
}

TEST_CASE("invalid UTF-8 never reaches the engine", "[speech]") {
  const std::vector<SpeechPart> parts{{"ok"}, {std::string("bad \xff\xfe")}, {"fine"}};
  CHECK(spoken_text(parts) == "ok. fine.");
  CHECK(spoken_text(std::vector<SpeechPart>{}).empty());
}
