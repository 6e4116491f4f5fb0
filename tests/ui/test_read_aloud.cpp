// reading_of: what the speaker button reads of a frame's elements.
#include <catch2/catch.hpp>

#include "kiosk/ui/read_aloud.hpp"

using namespace wk::ui;

namespace {
std::vector<std::string> texts(const std::vector<SpeechPart>& parts) {
  std::vector<std::string> out;
  for (const auto& p : parts) out.push_back((p.by_character ? "#" : "") + p.text);
  return out;
}
}  // namespace

TEST_CASE("read-aloud reads headings, texts and tiles in drawing order, no navigation", "[ui][read_aloud]") {
  ElementRegistry r;
  r.add("nav.back", ElementKind::button, {}, "Back");
  r.add("nav.center", ElementKind::label, {}, "Welcome Center Ulm");
  r.add("home.title", ElementKind::label, {}, "Good morning!");
  r.add("home.subtitle", ElementKind::label, {}, "What can we do for you?");
  r.add("home.scroll", ElementKind::label, {}, "");
  r.add("tile.register", ElementKind::button, {}, "Register");
  r.add("key.AD01", ElementKind::button, {}, "q");
  r.add("lang.ar", ElementKind::button, {}, "العربية");
  r.add("tile.about", ElementKind::button, {}, "About this terminal");
  r.add("home.staff_hint", ElementKind::label, {}, "Questions? Ask the staff.");
  CHECK(texts(reading_of(r, "")) == std::vector<std::string>{"Good morning!", "What can we do for you?", "Register",
                                                             "About this terminal", "Questions? Ask the staff."});
}

TEST_CASE("of the form fields only the focused one is read, and every error", "[ui][read_aloud]") {
  ElementRegistry r;
  r.add("register.title", ElementKind::label, {}, "Your name");
  r.add("field.given_names.label", ElementKind::label, {}, "Given names");
  r.add("field.given_names", ElementKind::button, {}, "");
  r.add("field.given_names.value", ElementKind::label, {}, "Olena");
  r.add("field.phone.label", ElementKind::label, {}, "Phone");
  r.add("field.phone.value", ElementKind::label, {}, "+49 176 1234");
  r.spell_last("+49 176 1234");
  r.add("field.phone.error", ElementKind::label, {}, "This is not a phone number.");
  r.add("field.finder.search.label", ElementKind::label, {}, "Search");
  r.add("field.finder.search.value", ElementKind::label, {}, "Kita");
  CHECK(texts(reading_of(r, "")) == std::vector<std::string>{"Your name", "This is not a phone number."});
  CHECK(texts(reading_of(r, "phone")) ==
        std::vector<std::string>{"Your name", "Phone", "#+49 176 1234", "This is not a phone number."});
  CHECK(texts(reading_of(r, "given_names")) ==
        std::vector<std::string>{"Your name", "Given names", "Olena", "This is not a phone number."});
  CHECK(texts(reading_of(r, "finder.search")) ==
        std::vector<std::string>{"Your name", "This is not a phone number.", "Search", "Kita"});
}

TEST_CASE("a code inside a message is spelled within its sentence", "[ui][read_aloud]") {
  ElementRegistry r;
  r.add("booking.code", ElementKind::label, {}, "Code: AB7K29QX (Olena)");
  r.spell_last("AB7K29QX");
  r.add("receipt.code", ElementKind::label, {}, "ZZ99");
  r.spell_last("ZZ99");
  r.add("booking.code", ElementKind::label, {}, "Code: AB7K29QX (Olena)");  // drawn twice: read once
  const auto parts = reading_of(r, "");
  REQUIRE(parts.size() == 4);
  CHECK(parts[0].text == "Code: ");
  CHECK_FALSE(parts[0].sentence_end);
  CHECK(parts[1].text == "AB7K29QX");
  CHECK(parts[1].by_character);
  CHECK_FALSE(parts[1].sentence_end);
  CHECK(parts[2].text == " (Olena)");
  CHECK(parts[3].text == "ZZ99");
  CHECK(parts[3].by_character);
  CHECK(parts[3].sentence_end);
}

TEST_CASE("the registry's wipe clears what would be spelled", "[ui][read_aloud]") {
  ElementRegistry r;
  r.add("receipt.code", ElementKind::label, {}, "ZZ99");
  r.spell_last("ZZ99");
  r.clear();
  CHECK(reading_of(r, "").empty());
}
