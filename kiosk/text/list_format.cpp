// ICU ListFormatter.
#include "kiosk/text/list_format.hpp"

#include <unicode/listformatter.h>
#include <unicode/locid.h>
#include <unicode/unistr.h>

#include <map>
#include <memory>

namespace wk::text {

std::string join_list(const std::string& icu_locale, const std::vector<std::string>& items) {
  std::vector<icu::UnicodeString> parts;
  for (const auto& i : items)
    if (!i.empty()) parts.push_back(icu::UnicodeString::fromUTF8(i));
  if (parts.empty()) return {};
  UErrorCode status = U_ZERO_ERROR;
  // Built once per locale and thread (loading the locale's patterns is the costly part; ICU
  // formatters are not shared between threads).
  thread_local std::map<std::string, std::unique_ptr<icu::ListFormatter>> cache;
  auto& formatter = cache[icu_locale];
  if (!formatter) {
    formatter.reset(icu::ListFormatter::createInstance(icu::Locale::forLanguageTag(icu_locale.c_str(), status),
                                                       ULISTFMT_TYPE_AND, ULISTFMT_WIDTH_WIDE, status));
    if (U_FAILURE(status)) formatter.reset();
    status = U_ZERO_ERROR;
  }
  icu::UnicodeString joined;
  if (U_SUCCESS(status) && formatter)
    formatter->format(parts.data(), static_cast<int32_t>(parts.size()), joined, status);
  std::string out;
  if (U_SUCCESS(status) && formatter) {
    joined.toUTF8String(out);
    return out;
  }
  for (const auto& p : parts) {
    if (!out.empty()) out += ", ";
    p.toUTF8String(out);
  }
  return out;
}

}  // namespace wk::text
