// Tests for kiosk/text/hb_shaper and font_faces: what the kiosk draws for
// Arabic-script words is exactly HarfBuzz's own answer (the hb-shape program of
// libharfbuzz-bin, given the same font, size, language and direction): the same
// glyph ids, offsets and advances. Pashto, Urdu, Sorani and Dari letters that
// have no Unicode presentation forms join; harakat sit where GPOS puts them.
#include "kiosk/text/hb_shaper.hpp"

#include <sys/wait.h>
#include <unistd.h>

#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <array>
#include <cmath>
#include <string>
#include <vector>

#include "kiosk/text/bidi.hpp"
#include "kiosk/text/font_faces.hpp"
#include "kiosk/text/isolate.hpp"
#include "kiosk/text/languages.hpp"
#include "tests/support/paths.hpp"

using namespace wk::text;

namespace {

const LanguageTable& table() {
  static const LanguageTable t = LanguageTable::load(wk::test::source_dir() / "locales" / "languages.json");
  return t;
}

// Standard output of `argv`, run without a shell; fails the test when it does not exit 0.
std::string run(const std::vector<std::string>& argv) {
  int fds[2];
  REQUIRE(pipe(fds) == 0);
  const pid_t pid = fork();
  REQUIRE(pid >= 0);
  if (pid == 0) {
    dup2(fds[1], 1);
    close(fds[0]);
    close(fds[1]);
    std::vector<char*> args;
    for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    execvp(args[0], args.data());
    _exit(127);
  }
  close(fds[1]);
  std::string out;
  std::array<char, 4096> buf{};
  for (ssize_t n; (n = read(fds[0], buf.data(), buf.size())) > 0;) out.append(buf.data(), static_cast<std::size_t>(n));
  close(fds[0]);
  int status = 0;
  waitpid(pid, &status, 0);
  INFO("command: " << argv[0] << " (install libharfbuzz-bin for hb-shape)");
  REQUIRE(WIFEXITED(status));
  REQUIRE(WEXITSTATUS(status) == 0);
  return out;
}

struct RefGlyph {
  std::uint32_t id;
  long dx, dy, ax;  // 1/64 px
};

// hb-shape's glyphs for `word`, in drawing order.
std::vector<RefGlyph> hb_shape(const FontFace& face, float face_px, const std::string& lang, const std::string& word) {
  const std::string out = run({"hb-shape", "--output-format=json", "--no-glyph-names", "--direction=rtl",
                               "--language=" + lang, "--font-size=" + std::to_string(std::lround(face_px * 64)),
                               "--face-index=" + std::to_string(face.index), face.path, word});
  std::vector<RefGlyph> glyphs;
  for (const auto& g : nlohmann::json::parse(out))
    glyphs.push_back(
        {g.at("g").get<std::uint32_t>(), g.at("dx").get<long>(), g.at("dy").get<long>(), g.at("ax").get<long>()});
  return glyphs;
}

struct Sample {
  const char* lang;  // BCP 47, as the shaper gets it
  std::vector<std::string> words;
};

// Words of each Arabic-script language of Integreat's list, with the letters
// particular to it: Pashto ښ ځ ډ ږ ړ ې, Urdu ٹ ڈ ڑ ہ ے ں, Sorani ڕ ۆ ێ ڵ ە, Persian and Dari پ چ ژ گ ی and ZWNJ.
const std::vector<Sample> kSamples = {
    {"ar", {"مرحبا", "مَرْحَبًا", "السلام عليكم", "لا", "مُعَلِّمٌ"}},
    {"fa", {"فارسی", "می\u200Cخواهم", "گفتگو", "ژاله", "چشم"}},
    {"prs", {"دری", "خوش آمدید", "پوهنتون", "ګډون"}},
    {"ps", {"پښتو", "ځای", "ډېر", "لږ", "ړومبی", "ښځه"}},
    {"ur", {"اردو", "ٹیلیفون", "ڈاکٹر", "لڑکا", "ہے", "میں", "پاکستان"}},
    {"ckb", {"کوردی", "ڕۆژ", "دێ", "باڵ", "بەخێربێن"}},
};

// True if some letter of `word` joins the one after it: a dual-joining letter
// followed by a letter that joins to its right (اردو joins nowhere: its
// letters connect only to the letter before them).
bool joins(const std::string& word) {
  const icu::UnicodeString u = icu::UnicodeString::fromUTF8(word);
  int prev = U_JT_NON_JOINING;
  for (int32_t i = 0; i < u.length(); i = u.moveIndex32(i, 1)) {
    const int jt = u_getIntPropertyValue(u.char32At(i), UCHAR_JOINING_TYPE);
    if (jt == U_JT_TRANSPARENT) continue;
    if (prev == U_JT_DUAL_JOINING && (jt == U_JT_DUAL_JOINING || jt == U_JT_RIGHT_JOINING)) return true;
    prev = jt;
  }
  return false;
}

}  // namespace

TEST_CASE("Arabic-script words are drawn with exactly the glyphs and positions hb-shape gives", "[hb][shaping]") {
  FontFaces faces(table());
  for (const bool bold : {false, true}) {
    const FaceId arabic = faces.face("arabic", bold);
    const FontFace& face = faces.get(arabic);
    for (const auto& sample : kSamples) {
      HbShaper shaper(faces, {arabic}, 24.0f, sample.lang);
      const float px = shaper.face_px(arabic);
      for (const auto& word : sample.words) {
        INFO(sample.lang << (bold ? " bold" : "") << ": " << word);
        const auto lines = layout_text(word, Direction::rtl, 0, shaper, sample.lang);
        REQUIRE(lines.size() == 1);
        const auto ref = hb_shape(face, px, sample.lang, word);
        // hb-shape shapes the whole text as one run; words with a space are two
        // runs for us only if bidi splits them, which it does not here.
        REQUIRE(lines[0].glyphs.size() == ref.size());
        long pen = 0;
        for (std::size_t i = 0; i < ref.size(); ++i) {
          const Glyph& g = lines[0].glyphs[i];
          INFO("glyph " << i);
          CHECK(g.face == arabic);
          CHECK(g.id == ref[i].id);
          CHECK(std::lround(g.x * 64) == pen + ref[i].dx);
          CHECK(std::lround(-g.y * 64) == ref[i].dy);
          pen += ref[i].ax;
        }
        CHECK(std::lround(lines[0].width * 64) == pen);
      }
    }
  }
}

TEST_CASE("Letters without presentation forms join: each word differs from its letters shaped alone", "[hb][shaping]") {
  FontFaces faces(table());
  const FaceId arabic = faces.face("arabic", false);
  int tested = 0;
  for (const auto& sample : kSamples) {
    HbShaper shaper(faces, {arabic}, 24.0f, sample.lang);
    for (const auto& word : sample.words) {
      if (word.find(' ') != std::string::npos || !joins(word)) continue;
      INFO(sample.lang << ": " << word);
      ++tested;
      std::vector<std::uint32_t> joined, alone;
      const auto word_lines = layout_text(word, Direction::rtl, 0, shaper, sample.lang);
      for (const auto& g : word_lines[0].glyphs) joined.push_back(g.id);
      // The same letters, each as a word of its own (isolated forms).
      std::string spaced;
      const icu::UnicodeString u = icu::UnicodeString::fromUTF8(word);
      for (int32_t i = 0; i < u.length(); i = u.moveIndex32(i, 1)) {
        if (!spaced.empty()) spaced += ' ';
        u.tempSubStringBetween(i, u.moveIndex32(i, 1)).toUTF8String(spaced);
      }
      const auto letter_lines = layout_text(spaced, Direction::rtl, 0, shaper, sample.lang);
      for (const auto& g : letter_lines[0].glyphs)
        if (g.id != 3) alone.push_back(g.id);  // 3: the space
      CHECK(joined != alone);
    }
  }
  CHECK(tested >= 20);
}

TEST_CASE("Harakat are placed by the font (GPOS), not at the pen", "[hb][shaping]") {
  FontFaces faces(table());
  const FaceId arabic = faces.face("arabic", false);
  HbShaper shaper(faces, {arabic}, 24.0f, "ar");
  // مَرْحَبًا: four marks.
  std::vector<ShapedGlyph> shaped;
  const std::u16string word = u"\u0645\u064E\u0631\u0652\u062D\u064E\u0628\u064B\u0627";
  shaper.shape(word, 0, static_cast<std::int32_t>(word.size()), true, shaped);
  int marks = 0;
  for (const auto& g : shaped) {
    if (g.advance != 0) continue;
    ++marks;
    // Moved from the pen by the font's mark anchors (the exact figures: the hb-shape test).
    CHECK((g.dx != 0 || g.dy != 0));
  }
  CHECK(marks == 4);
}

TEST_CASE("The chain gives each character the first face that has it, neutrals stay with their text", "[hb][fonts]") {
  FontFaces faces(table());
  const auto chain = faces.chain({"de", "ar", "zh"}, false);
  REQUIRE(chain.size() == 3);
  const FaceId latin = chain[0], arabic = chain[1], cjk = chain[2];
  HbShaper shaper(faces, chain, 24.0f, "");
  auto faces_of = [&](const std::string& text, Direction d) {
    std::vector<FaceId> out;
    const auto lines = layout_text(text, d, 0, shaper, "");
    for (const auto& g : lines[0].glyphs) out.push_back(g.face);
    return out;
  };
  CHECK(faces_of("Anna", Direction::ltr) == std::vector<FaceId>(4, latin));
  CHECK(faces_of("中文", Direction::ltr) == std::vector<FaceId>(2, cjk));
  // The space and the Arabic comma between Arabic words come from the Arabic face.
  const auto mixed = faces_of("سلام، دنیا", Direction::rtl);
  for (FaceId f : mixed) CHECK(f == arabic);
  // No glyph is missing in any of them.
  for (const auto* text : {"Anna Müller", "中文（简体）", "سلام، دنیا", "Олена", "Ελληνικά"}) {
    const auto lines = layout_text(text, Direction::ltr, 0, shaper, "");
    for (const auto& g : lines[0].glyphs) CHECK(g.id != 0);
  }
}

TEST_CASE("Bidi isolates and ZWNJ take no width and draw nothing visible", "[hb][shaping]") {
  FontFaces faces(table());
  HbShaper shaper(faces, faces.chain({"fa"}, false), 24.0f, "fa");
  const auto plain = layout_text("abc def", Direction::ltr, 0, shaper, "fa");
  const auto isolated = layout_text(isolate("abc") + " " + isolate("def"), Direction::ltr, 0, shaper, "fa");
  REQUIRE(plain.size() == 1);
  REQUIRE(isolated.size() == 1);
  CHECK(isolated[0].width == Approx(plain[0].width));
  CHECK(isolated[0].visual == "abc def");
}

TEST_CASE("FontFaces refuses unknown ids and unreadable files with their names", "[hb][fonts]") {
  const auto t = LanguageTable::parse(R"({
    "source": "en",
    "fonts": { "latin": { "file": "/nonexistent/NotoSans.ttf" },
               "text":  { "file": ")" + (wk::test::source_dir() / "README.md").string() +
                                          R"(" } },
    "languages": [ { "code": "en", "icu": "en", "native_name": "English", "direction": "ltr", "script": "Latn",
                     "fonts": ["latin"], "keyboard": "us", "fallback": [] } ]
  })",
                                      "test");
  FontFaces faces(t);
  CHECK_THROWS_WITH(faces.face("latin", false), Catch::Contains("/nonexistent/NotoSans.ttf"));
  CHECK_THROWS_WITH(faces.face("nope", false), Catch::Contains("nope"));
  CHECK_THROWS_WITH(faces.face("text", false), Catch::Contains("not a font"));
  CHECK_THROWS_WITH(faces.chain({"en"}, false), Catch::Contains("/nonexistent/NotoSans.ttf"));
}
