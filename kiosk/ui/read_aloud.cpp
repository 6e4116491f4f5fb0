#include "kiosk/ui/read_aloud.hpp"

#include <set>
#include <string>

namespace wk::ui {
namespace {

// Whether element `id` is read, given the focused field.
bool is_read(const Element& e, std::string_view focus) {
  if (e.text.empty()) return false;
  if (e.id.starts_with("field.")) {
    if (e.id.ends_with(".error")) return true;
    if (focus.empty()) return false;
    const std::string mine = "field." + std::string(focus);
    return e.id == mine + ".label" || e.id == mine + ".value";
  }
  if (e.kind == ElementKind::button) return e.id.starts_with("tile.");
  return !e.id.starts_with("nav.");
}

}  // namespace

std::vector<SpeechPart> reading_of(const ElementRegistry& elements, std::string_view focus) {
  std::vector<SpeechPart> parts;
  std::set<std::string_view> seen;
  for (const Element& e : elements.all()) {
    if (!is_read(e, focus) || !seen.insert(e.id).second) continue;
    const std::size_t at = e.spell.empty() ? std::string::npos : e.text.find(e.spell);
    if (at == std::string::npos) {
      parts.push_back({e.text});
      continue;
    }
    const std::string before = e.text.substr(0, at), after = e.text.substr(at + e.spell.size());
    const bool more = after.find_first_not_of(" \t") != std::string::npos;
    if (!before.empty()) parts.push_back({before, false, false});
    parts.push_back({e.spell, true, !more});
    if (more) parts.push_back({after});
  }
  return parts;
}

}  // namespace wk::ui
