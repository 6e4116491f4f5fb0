// Touch widgets. All take logical UTF-8 text and lay it out through the bidi
// cache (shaped, wrapped, reordered); alignment is relative to the text's
// direction (start = left in LTR, right in RTL). Every widget registers a
// stable id with the element registry; an empty id registers nothing.
// Widgets return true on the frame they are activated, like ImGui's.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "kiosk/ui/fonts.hpp"
#include "kiosk/ui/frame.hpp"
#include "kiosk/ui/icons.hpp"

namespace wk::ui {

struct TextStyle {
  FontRole role = FontRole::body;
  Align align = Align::start;
  bool vcenter = false;
  std::uint32_t color = 0;               // 0: theme text colour
  const text::Language* lang = nullptr;  // nullptr: session language
};

// Height in pixels `text` takes when wrapped to `width`.
float text_height(Frame& f, std::string_view text, float width, const TextStyle& style = {});
// Width of the widest line of `text` laid out without wrapping.
float text_width(Frame& f, std::string_view text, const TextStyle& style = {});

// Draws `text` wrapped into `box`; returns the height used.
float label(Frame& f, std::string_view id, std::string_view text, const Rect& box, const TextStyle& style = {});

enum class ButtonKind { primary, secondary, quiet };

// An invisible tappable area (registered as a button without text).
bool button_area(Frame& f, std::string_view id, const Rect& r);

// A button with an optional icon at its start edge.
bool button(Frame& f, std::string_view id, std::string_view text, const Rect& r, ButtonKind kind = ButtonKind::primary,
            Icon icon = Icon::none);

// A screen's main buttons across `footer`: `primary` (if not empty) at the end edge, `secondary`
// (if not empty) at the start edge, each as wide as its text needs (8 em at least). `tapped` is 1
// or 2 for the one tapped this frame, else 0; between them, from `free_start` (measured from the
// start edge) and `free_width` wide, lies room for a note.
struct FooterButtons {
  int tapped = 0;
  float free_start = 0, free_width = 0;
};
FooterButtons footer_buttons(Frame& f, const Rect& footer, std::string_view primary_id, std::string_view primary,
                             std::string_view secondary_id = {}, std::string_view secondary = {});

// A choice chip: the check icon and the primary colour when selected.
bool chip(Frame& f, std::string_view id, std::string_view text, const Rect& r, bool selected);

// A surface with its border over `r`, not tappable (a booking's card, a family member's); the
// caller draws the content on it afterwards.
void panel(Frame& f, const Rect& r);

// A tappable card over `r` (a list row): the surface with its border, pressed while held,
// registered as a button without text; the caller draws the content on it afterwards.
bool card(Frame& f, std::string_view id, const Rect& r);

// A large service tile: icon, title and a short description.
bool tile(Frame& f, std::string_view id, std::string_view title, std::string_view subtitle, const Rect& r, Icon icon);

// A language choice: the language's own name in its own script and direction,
// with its greeting above it.
bool language_tile(Frame& f, std::string_view id, const text::Language& lang, std::string_view greeting, const Rect& r,
                   bool selected);

// A drag-scrollable area `id` over `view` for content `content_height` tall, from construction
// to end() (or destruction): registered as a label element (replay's `reveal` scrolls it),
// drawing clipped to `view` grown by `spill` on every side (borders, focus rings), touches
// clipped to `view` itself. The content's first line goes at view.y - offset().
class ScrollArea {
 public:
  ScrollArea(Frame& f, std::string_view id, const Rect& view, float content_height, float spill = 0.f);
  ~ScrollArea() { end(); }
  ScrollArea(const ScrollArea&) = delete;
  ScrollArea& operator=(const ScrollArea&) = delete;

  float offset() const { return offset_; }
  // Ends the clipping; what is drawn after it is not clipped. Idempotent.
  void end();

 private:
  Frame& f_;
  float offset_ = 0;
  bool open_ = true;
};

// A detail page's labelled values ("Opening hours" / "Mon 09:00–12:00"): each label in the muted
// colour beside its value in a column `key_em` em wide when the column is at least 36 em wide,
// above it otherwise. Element ids: `id` + ".label" and `id` (the value).
struct Fact {
  std::string id, label, value;
};
float facts_height(Frame& f, std::span<const Fact> facts, float width, float key_em);
// Draws them from `y` down in the column `col` (mirrored for RTL); returns the height used.
float facts(Frame& f, std::span<const Fact> facts, const Rect& col, float y, float key_em);

// A field's error under it: the warning icon at the start edge and the message beside it, in the
// error colour (never colour alone). error_note returns the height used (error_note_height).
float error_note_height(Frame& f, std::string_view text, float width);
float error_note(Frame& f, std::string_view id, std::string_view text, const Rect& box);

// A question over the dimmed screen: a centred panel with a title, a text and two stacked
// buttons, the primary (first) answer on top. Each part is an element with its own id.
struct DialogPart {
  std::string_view id, text;
};
enum class DialogAnswer { none, primary, secondary, elsewhere };  // elsewhere: a press beside both
DialogAnswer dialog(Frame& f, DialogPart title, DialogPart text, DialogPart primary, DialogPart secondary);

// "Really?" before something that cannot be undone, from the messages (and element ids)
// `<key>.title`, `<key>.text`, `<key>.no` and `<key>.yes`: the safe answer ("no") on top, and a
// press beside the panel keeps too. True: yes; false: no; nullopt: not answered this frame.
std::optional<bool> ask_really(Frame& f, std::string_view key);

// A localized banner (errors) across `r`.
void banner(Frame& f, std::string_view id, std::string_view text, const Rect& r);

}  // namespace wk::ui
