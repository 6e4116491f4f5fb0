// ICU transliterator chains behind SearchFold (see search_fold.hpp).
#include "kiosk/text/search_fold.hpp"

#include <unicode/translit.h>
#include <unicode/uscript.h>

#include "kiosk/text/text_error.hpp"
#include "kiosk/text/utf8.hpp"

#include <algorithm>

namespace wk::text {
namespace {

std::unique_ptr<icu::Transliterator> make(const char* id) {
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::Transliterator> t(
      icu::Transliterator::createInstance(icu::UnicodeString(id), UTRANS_FORWARD, status));
  if (U_FAILURE(status) || !t)
    throw TextDataError(std::string("ICU has no transliterator \"") + id + "\": " + u_errorName(status));
  return t;
}

// Words of a-z0-9 from ASCII text, each after one ' '. Apostrophes (the ' of "Al-'Ali" and
// what Latin-ASCII leaves of ʿ) join; any other byte breaks a word.
std::string words(const std::string& ascii) {
  std::string out;
  bool in_word = false;
  for (const char ch : ascii) {
    char c = ch;
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
      if (!in_word) out.push_back(' ');
      out.push_back(c);
      in_word = true;
    } else if (c != '\'' && (static_cast<unsigned char>(c) < 0x80 || !in_word)) {
      in_word = false;
    }
  }
  return out;
}

bool has_script(const icu::UnicodeString& u, UScriptCode script) {
  for (int32_t i = 0; i < u.length(); i = u.moveIndex32(i, 1)) {
    UErrorCode status = U_ZERO_ERROR;
    if (uscript_getScript(u.char32At(i), &status) == script) return true;
  }
  return false;
}

}  // namespace

struct SearchFold::Impl {
  std::unique_ptr<icu::Transliterator> any = make("Any-Latin; Latin-ASCII");
  std::unique_ptr<icu::Transliterator> russian = make("Russian-Latin/BGN; Latin-ASCII");
  std::unique_ptr<icu::Transliterator> ukrainian = make("Ukrainian-Latin/BGN; Latin-ASCII");

  static std::string run(icu::Transliterator& t, icu::UnicodeString u) {
    t.transliterate(u);
    std::string out;
    u.toUTF8String(out);
    return words(out);
  }
};

SearchFold::SearchFold() : impl_(std::make_unique<Impl>()) {}
SearchFold::~SearchFold() = default;

std::string SearchFold::key(std::string_view utf8) {
  if (!is_valid_utf8(utf8)) return {};
  return Impl::run(*impl_->any,
                   icu::UnicodeString::fromUTF8(icu::StringPiece(utf8.data(), static_cast<int32_t>(utf8.size()))));
}

std::vector<std::string> SearchFold::keys(std::string_view utf8) {
  std::vector<std::string> out{key(utf8)};
  if (out.front().empty()) return out;
  const icu::UnicodeString u =
      icu::UnicodeString::fromUTF8(icu::StringPiece(utf8.data(), static_cast<int32_t>(utf8.size())));
  if (has_script(u, USCRIPT_ARABIC)) {
    if (std::string k = skeleton(out.front()); !k.empty()) out.push_back(std::move(k));
    return out;
  }
  if (!has_script(u, USCRIPT_CYRILLIC)) return out;
  for (icu::Transliterator* t : {impl_->russian.get(), impl_->ukrainian.get()}) {
    std::string k = Impl::run(*t, u);
    if (std::find(out.begin(), out.end(), k) == out.end()) out.push_back(std::move(k));
  }
  return out;
}

std::string SearchFold::skeleton(std::string_view key) {
  std::string out;
  std::size_t start = out.size();
  for (std::size_t i = 0; i < key.size(); ++i) {
    const char c = key[i];
    if (c == ' ') {
      if (out.size() == start + 2) out.resize(start);  // a word of vowels only has no skeleton
      start = out.size();
      out += " #";
      continue;
    }
    if (std::string_view("aeiouyw").find(c) != std::string_view::npos) continue;
    if (out.size() > start + 2 && out.back() == c) continue;  // "mm" as "m"
    out += c;
  }
  if (out.size() == start + 2) out.resize(start);
  return out;
}

}  // namespace wk::text
