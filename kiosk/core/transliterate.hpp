// Latin letters for a name written in another script, for staff who cannot
// read the original (ICU's "Any-Latin": Arabic, Persian, Cyrillic, Greek,
// Georgian, Ethiopic, Han, ...). Shown beside the original, never instead of
// it: a transliteration is a reading aid, not the name.
#pragma once

#include <string>
#include <string_view>

namespace wk::core {

// `utf8` in Latin letters ("Олена" -> "Olena", "محمد" -> "mḥmd", "王芳" -> "wáng fāng"),
// or "" when it has no letter outside the Latin script (nothing to add) or is not valid UTF-8.
// Thread-safe.
std::string latin_transliteration(std::string_view utf8);

}  // namespace wk::core
