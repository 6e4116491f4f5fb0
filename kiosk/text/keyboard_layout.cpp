// Loading keyboard layouts with libxkbcommon: compile an evdev/pc105 keymap
// for one layout (+ variant), read the four rows of character keys level by
// level, turn their keysyms into UTF-8 key caps, and cache the result per
// process. xkbcommon's log goes into the error message instead of stderr.
#include "kiosk/text/keyboard_layout.hpp"

#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/utf8.h>
#include <xkbcommon/xkbcommon.h>

#include <cstdarg>
#include <cstdio>
#include <iterator>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <utility>

#include "kiosk/text/dead_keys.hpp"
#include "kiosk/text/utf8.hpp"

namespace wk::text {
namespace {

// [SECTION] xkbcommon ownership and logging

struct ContextDeleter {
  void operator()(xkb_context* c) const { xkb_context_unref(c); }
};
struct KeymapDeleter {
  void operator()(xkb_keymap* k) const { xkb_keymap_unref(k); }
};
using ContextPtr = std::unique_ptr<xkb_context, ContextDeleter>;
using KeymapPtr = std::unique_ptr<xkb_keymap, KeymapDeleter>;

// Appends one xkbcommon log message, without its trailing newline, to the
// std::vector<std::string> set as the context's user data.
void collect_log(xkb_context* ctx, xkb_log_level /*level*/, const char* format, va_list args) {
  auto* log = static_cast<std::vector<std::string>*>(xkb_context_get_user_data(ctx));
  if (log == nullptr) return;
  va_list measure;
  va_copy(measure, args);
  const int n = std::vsnprintf(nullptr, 0, format, measure);
  va_end(measure);
  if (n <= 0) return;
  std::string line(static_cast<std::size_t>(n) + 1, '\0');
  std::vsnprintf(line.data(), line.size(), format, args);
  line.resize(static_cast<std::size_t>(n));
  while (!line.empty() && (line.back() == '\n' || line.back() == ' ')) line.pop_back();
  if (!line.empty()) log->push_back(std::move(line));
}

// [SECTION] Names and characters

// True for names xkb rules accept as one layout or variant: "de", "ara",
// "phonetic_winkeys", "alt-intl". Rejects separators such as ',' '(' '+'.
bool is_xkb_name(const std::string& name) {
  for (char c : name) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
    if (!ok) return false;
  }
  return true;
}

// "\"de\"" or "\"de(nodeadkeys)\"": how messages name a layout.
std::string quoted_name(const std::string& layout, const std::string& variant) {
  return "\"" + layout + (variant.empty() ? "" : "(" + variant + ")") + "\"";
}

// True if `cp` can go on a key cap: a character at all (0 means NoSymbol,
// VoidSymbol or a dead key), not a control, surrogate, private-use or
// unassigned code point, not a line/paragraph separator and not a bidi
// control (those would let a user reorder text invisibly).
bool is_cap_character(char32_t cp) {
  if (cp == 0 || cp > 0x10FFFF) return false;
  const auto c = static_cast<UChar32>(cp);
  switch (static_cast<UCharCategory>(u_charType(c))) {
    case U_CONTROL_CHAR:
    case U_SURROGATE:
    case U_PRIVATE_USE_CHAR:
    case U_UNASSIGNED:
    case U_LINE_SEPARATOR:
    case U_PARAGRAPH_SEPARATOR:
      return false;
    default:
      return !u_hasBinaryProperty(c, UCHAR_BIDI_CONTROL);
  }
}

// Appends what typing `cp` should put into text, as UTF-8. xkeyboard-config
// gives the Arabic "لا" keys the lam-alef presentation-form ligatures
// (U+FEF5..U+FEFC); those become their two letters (NFKC), as Arabic
// keyboards type them elsewhere, so stored text holds nominal letters that
// shaping, search and validation understand. Everything else is kept as is.
void append_typed(std::string& out, char32_t cp) {
  if (cp >= 0xFEF5 && cp <= 0xFEFC) {
    UErrorCode status = U_ZERO_ERROR;
    const UNormalizer2* nfkc = unorm2_getNFKCInstance(&status);
    const UChar ligature[1] = {static_cast<UChar>(cp)};
    UChar letters[8];
    const int32_t n = U_SUCCESS(status) ? unorm2_normalize(nfkc, ligature, 1, letters, 8, &status) : 0;
    if (U_SUCCESS(status)) {
      for (int32_t i = 0; i < n; ++i) append_utf8(out, letters[i]);  // Arabic letters, all in the BMP
      return;
    }
  }
  append_utf8(out, cp);
}

// [SECTION] Reading keys

// Reads key caps from a compiled keymap, first group only. A KeyCap field is
// taken from the level that exactly its modifiers select (none, Shift, AltGr,
// Shift+AltGr), so a two-level key leaves altgr and altgr_shift empty
// whatever its key type numbers its levels.
class KeyReader {
 public:
  explicit KeyReader(xkb_keymap* keymap) : keymap_(keymap) {
    const xkb_mod_index_t shift = xkb_keymap_mod_get_index(keymap, XKB_MOD_NAME_SHIFT);
    // xkeyboard-config binds the LevelThree (AltGr) modifier to Mod5.
    const xkb_mod_index_t altgr = xkb_keymap_mod_get_index(keymap, "Mod5");
    const bool have_shift = shift != XKB_MOD_INVALID;
    const bool have_altgr = altgr != XKB_MOD_INVALID;
    const xkb_mod_mask_t s = have_shift ? xkb_mod_mask_t{1} << shift : 0;
    const xkb_mod_mask_t a = have_altgr ? xkb_mod_mask_t{1} << altgr : 0;
    masks_[0] = xkb_mod_mask_t{0};
    masks_[1] = have_shift ? std::optional<xkb_mod_mask_t>{s} : std::nullopt;
    masks_[2] = have_altgr ? std::optional<xkb_mod_mask_t>{a} : std::nullopt;
    masks_[3] = have_shift && have_altgr ? std::optional<xkb_mod_mask_t>{s | a} : std::nullopt;
  }

  // The caps of the key named `name` ("AD01"); all levels empty if the
  // keymap has no such key.
  KeyCap read(const std::string& name) const {
    KeyCap cap;
    cap.xkb_name = name;
    const xkb_keycode_t key = xkb_keymap_key_by_name(keymap_, name.c_str());
    if (key == XKB_KEYCODE_INVALID) return cap;
    std::string* fields[4] = {&cap.base, &cap.shift, &cap.altgr, &cap.altgr_shift};
    for (int i = 0; i < 4; ++i) {
      if (!masks_[i]) continue;
      if (auto level = level_for(key, *masks_[i])) {
        *fields[i] = level_text(key, *level);
        if (fields[i]->empty()) cap.dead[static_cast<std::size_t>(i)] = level_dead(key, *level);
      }
    }
    return cap;
  }

 private:
  // The level of `key` that modifiers `mods` (and nothing else) select.
  std::optional<xkb_level_index_t> level_for(xkb_keycode_t key, xkb_mod_mask_t mods) const {
    const xkb_level_index_t levels = xkb_keymap_num_levels_for_key(keymap_, key, 0);
    for (xkb_level_index_t level = 0; level < levels; ++level) {
      xkb_mod_mask_t masks[32];
      const std::size_t n = xkb_keymap_key_get_mods_for_level(keymap_, key, 0, level, masks, std::size(masks));
      for (std::size_t i = 0; i < n; ++i)
        if (masks[i] == mods) return level;
    }
    return std::nullopt;
  }

  // What `level` of `key` types, as UTF-8; characters no cap can show are dropped.
  std::string level_text(xkb_keycode_t key, xkb_level_index_t level) const {
    const xkb_keysym_t* syms = nullptr;
    const int n = xkb_keymap_key_get_syms_by_level(keymap_, key, 0, level, &syms);
    std::string out;
    for (int i = 0; i < n; ++i) {
      const char32_t cp = xkb_keysym_to_utf32(syms[i]);
      if (is_cap_character(cp)) append_typed(out, cp);
    }
    return out;
  }

  // The dead keysym `level` of `key` holds (its only keysym), or 0.
  std::uint32_t level_dead(xkb_keycode_t key, xkb_level_index_t level) const {
    const xkb_keysym_t* syms = nullptr;
    const int n = xkb_keymap_key_get_syms_by_level(keymap_, key, 0, level, &syms);
    return n == 1 && DeadKeys::is_dead(syms[0]) ? syms[0] : 0;
  }

  xkb_keymap* keymap_;
  std::optional<xkb_mod_mask_t> masks_[4];
};

// True if `cap` types something: a character or a dead key on some level.
bool has_character(const KeyCap& cap) {
  return !cap.base.empty() || !cap.shift.empty() || !cap.altgr.empty() || !cap.altgr_shift.empty() ||
         cap.dead != std::array<std::uint32_t, 4>{};
}

// True if any level of `cap` types a letter (ICU u_isalpha on its first code point).
bool types_letter(const KeyCap& cap) {
  for (const std::string* s : {&cap.base, &cap.shift, &cap.altgr, &cap.altgr_shift}) {
    if (s->empty()) continue;
    UChar32 c;
    int32_t i = 0;
    U8_NEXT(reinterpret_cast<const uint8_t*>(s->data()), i, static_cast<int32_t>(s->size()), c);
    if (c >= 0 && u_isalpha(c)) return true;
  }
  return false;
}

// Appends keys "<prefix>01" .. "<prefix><last>" to `row` (last < 100).
void append_keys(std::vector<KeyCap>& row, const KeyReader& reader, const std::string& prefix, int last) {
  for (int i = 1; i <= last; ++i)
    row.push_back(reader.read(prefix + static_cast<char>('0' + i / 10) + static_cast<char>('0' + i % 10)));
}

// True if more base-level letters are right-to-left (R, AL) than left-to-right.
bool mostly_right_to_left(const std::vector<std::vector<KeyCap>>& rows) {
  int rtl = 0;
  int ltr = 0;
  for (const auto& row : rows)
    for (const auto& cap : row)
      for (char32_t cp : code_points(cap.base)) {
        const auto c = static_cast<UChar32>(cp);
        if (!u_isalpha(c)) continue;
        const UCharDirection dir = u_charDirection(c);
        if (dir == U_RIGHT_TO_LEFT || dir == U_RIGHT_TO_LEFT_ARABIC) ++rtl;
        if (dir == U_LEFT_TO_RIGHT) ++ltr;
      }
  return rtl > ltr;
}

// [SECTION] Compiling and caching

// Compiles the keymap and reads the layout; no caching. Throws KeyboardLayoutError.
KeyboardLayout compile_layout(const std::string& layout, const std::string& variant) {
  const std::string name = quoted_name(layout, variant);
  if (layout.empty()) throw KeyboardLayoutError("keyboard layout name is empty");
  if (!is_xkb_name(layout) || !is_xkb_name(variant))
    throw KeyboardLayoutError("keyboard layout " + name + ": names may only hold letters, digits, '_' and '-'");

  std::vector<std::string> log;  // outlives the context that writes to it
  ContextPtr context(xkb_context_new(XKB_CONTEXT_NO_ENVIRONMENT_NAMES));
  if (!context) throw KeyboardLayoutError("keyboard layout " + name + ": cannot create an xkb context (no XKB data?)");
  xkb_context_set_user_data(context.get(), &log);
  xkb_context_set_log_fn(context.get(), collect_log);
  xkb_context_set_log_level(context.get(), XKB_LOG_LEVEL_ERROR);

  const xkb_rule_names names{"evdev", "pc105", layout.c_str(), variant.c_str(), ""};
  KeymapPtr keymap(xkb_keymap_new_from_names(context.get(), &names, XKB_KEYMAP_COMPILE_NO_FLAGS));
  if (!keymap) throw KeyboardLayoutError("unknown keyboard layout " + name + (log.empty() ? "" : ": " + log.front()));

  KeyboardLayout out;
  out.layout = layout;
  out.variant = variant;
  if (const char* description = xkb_keymap_layout_get_name(keymap.get(), 0)) out.description = description;

  const KeyReader reader(keymap.get());
  out.rows.resize(4);
  // TLDE (left of 1) carries letters in some layouts (Russian ё, Arabic ذ,
  // Ukrainian ʼ): then it leads the digits row.
  if (KeyCap tlde = reader.read("TLDE"); types_letter(tlde)) out.rows[0].push_back(std::move(tlde));
  append_keys(out.rows[0], reader, "AE", 12);
  append_keys(out.rows[1], reader, "AD", 12);
  if (KeyCap bksl = reader.read("BKSL"); has_character(bksl)) out.rows[1].push_back(std::move(bksl));
  append_keys(out.rows[2], reader, "AC", 11);
  if (KeyCap lsgt = reader.read("LSGT"); has_character(lsgt)) out.rows[3].push_back(std::move(lsgt));
  append_keys(out.rows[3], reader, "AB", 10);

  bool any = false;
  for (const auto& row : out.rows)
    for (const auto& cap : row) any = any || has_character(cap);
  if (!any) throw KeyboardLayoutError("keyboard layout " + name + " yields no printable keys");

  out.right_to_left = mostly_right_to_left(out.rows);
  return out;
}

struct LayoutCache {
  std::mutex mutex;
  std::map<std::pair<std::string, std::string>, KeyboardLayout> layouts;
};

LayoutCache& layout_cache() {
  static LayoutCache cache;
  return cache;
}

}  // namespace

KeyboardLayout load_keyboard_layout(const std::string& layout, const std::string& variant) {
  LayoutCache& cache = layout_cache();
  auto key = std::make_pair(layout, variant);
  {
    std::lock_guard lock(cache.mutex);
    if (auto it = cache.layouts.find(key); it != cache.layouts.end()) return it->second;
  }
  // Compiled outside the lock (each call has its own xkb context); if two
  // threads race, the first result stored wins and both are equal anyway.
  KeyboardLayout loaded = compile_layout(layout, variant);
  std::lock_guard lock(cache.mutex);
  return cache.layouts.try_emplace(std::move(key), std::move(loaded)).first->second;
}

std::string layout_characters(const KeyboardLayout& layout) {
  std::set<char32_t> seen;
  std::string out;
  for (const auto& row : layout.rows)
    for (const auto& cap : row)
      for (const std::string* level : {&cap.base, &cap.shift, &cap.altgr, &cap.altgr_shift})
        for (char32_t cp : code_points(*level))
          if (seen.insert(cp).second) append_utf8(out, cp);
  return out;
}

KeyboardLayout load_named_keyboard_layout(const std::string& name) {
  const auto open = name.find('(');
  if (open == std::string::npos) return load_keyboard_layout(name);
  if (name.size() < open + 3 || name.back() != ')')
    throw KeyboardLayoutError("keyboard layout \"" + name + "\": expected LAYOUT or LAYOUT(VARIANT)");
  return load_keyboard_layout(name.substr(0, open), name.substr(open + 1, name.size() - open - 2));
}

}  // namespace wk::text
