// Joining values of one kind (a family member's needs) the way a language lists them: ICU's
// list patterns ("a, b and c" in English, "a، b و c" in Arabic, "a、b和c" in Chinese) instead
// of a fixed separator in the code. Values of different kinds (a name and a date) are not
// joined this way: they go on lines of their own or into a message pattern of the locale.
#pragma once

#include <string>
#include <vector>

namespace wk::text {

// `items` (empty ones left out) joined by the "and" list pattern of `icu_locale`. Falls back
// to ", " when ICU has no pattern (never throws for a locale).
std::string join_list(const std::string& icu_locale, const std::vector<std::string>& items);

}  // namespace wk::text
