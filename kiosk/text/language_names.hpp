// The name of a language as another language writes it ("Farsi" / "Persisch" / "فارسی" for
// "fa"), through ICU's display names; for the languages a service speaks.
#pragma once

#include <string>

namespace wk::text {

// The name of language `code` ("fa", "sr-Latn") in `icu_locale`; `code` itself when ICU has
// no name for it.
std::string language_name(const std::string& code, const std::string& icu_locale);

}  // namespace wk::text
