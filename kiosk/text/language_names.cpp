// ICU display names of languages (see language_names.hpp).
#include "kiosk/text/language_names.hpp"

#include <unicode/locid.h>
#include <unicode/unistr.h>

namespace wk::text {

std::string language_name(const std::string& code, const std::string& icu_locale) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Locale lang = icu::Locale::forLanguageTag(code, status);
  if (U_FAILURE(status)) return code;
  icu::UnicodeString name;
  lang.getDisplayName(icu::Locale(icu_locale.c_str()), name);
  std::string out;
  name.toUTF8String(out);
  return out.empty() || out == lang.getName() ? code : out;
}

}  // namespace wk::text
