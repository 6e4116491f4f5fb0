// Any-Latin through one shared ICU transliterator (see transliterate.hpp).
#include "kiosk/core/transliterate.hpp"

#include <unicode/translit.h>
#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/utf8.h>

#include <memory>
#include <mutex>

namespace wk::core {
namespace {

// True if some letter of `utf8` is not Latin; false also for invalid UTF-8.
bool needs_latin(std::string_view utf8) {
  bool other = false;
  for (int32_t i = 0; i < static_cast<int32_t>(utf8.size());) {
    UChar32 c;
    U8_NEXT(utf8.data(), i, static_cast<int32_t>(utf8.size()), c);
    if (c < 0) return false;
    if (!u_isalpha(c)) continue;
    UErrorCode status = U_ZERO_ERROR;
    const UScriptCode sc = uscript_getScript(c, &status);
    if (U_SUCCESS(status) && sc != USCRIPT_LATIN && sc != USCRIPT_COMMON && sc != USCRIPT_INHERITED) other = true;
  }
  return other;
}

}  // namespace

std::string latin_transliteration(std::string_view utf8) {
  if (!needs_latin(utf8)) return "";
  // Creating the transliterator takes milliseconds; using one from several threads at once is
  // not documented as safe, so it is shared under a lock.
  static std::mutex mutex;
  static std::unique_ptr<icu::Transliterator> any_latin;
  std::lock_guard lock(mutex);
  if (!any_latin) {
    UErrorCode status = U_ZERO_ERROR;
    any_latin.reset(icu::Transliterator::createInstance("Any-Latin", UTRANS_FORWARD, status));
    if (U_FAILURE(status)) any_latin.reset();
    if (!any_latin) return "";
  }
  icu::UnicodeString s = icu::UnicodeString::fromUTF8(icu::StringPiece(utf8.data(), static_cast<int32_t>(utf8.size())));
  any_latin->transliterate(s);
  std::string out;
  s.toUTF8String(out);
  return out == utf8 ? "" : out;
}

}  // namespace wk::core
