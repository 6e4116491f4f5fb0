// Joining short values into one line the way a language joins them: ICU's list patterns
// ("a, b, c" in English, "a، b، c" in Arabic, "a、b、c" in Chinese) instead of a fixed
// separator in the code.
#pragma once

#include <string>
#include <vector>

namespace wk::text {

// `items` (empty ones left out) joined by the list pattern of `icu_locale` for units of
// measure in short width: a plain enumeration without "and". Falls back to ", " when ICU has no
// pattern (never throws for a locale).
std::string join_list(const std::string& icu_locale, const std::vector<std::string>& items);

}  // namespace wk::text
