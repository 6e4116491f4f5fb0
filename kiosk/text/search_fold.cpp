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

bool has_cyrillic(const icu::UnicodeString& u) {
  for (int32_t i = 0; i < u.length(); i = u.moveIndex32(i, 1)) {
    UErrorCode status = U_ZERO_ERROR;
    if (uscript_getScript(u.char32At(i), &status) == USCRIPT_CYRILLIC) return true;
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
  if (!has_cyrillic(u)) return out;
  for (icu::Transliterator* t : {impl_->russian.get(), impl_->ukrainian.get()}) {
    std::string k = Impl::run(*t, u);
    if (std::find(out.begin(), out.end(), k) == out.end()) out.push_back(std::move(k));
  }
  return out;
}

}  // namespace wk::text
