// What every screen draws with: fonts, theme, em, the text layout cache, the
// element registry, touch state, and the message catalog. Owned by the shell,
// lives as long as the window.
#pragma once

#include "kiosk/text/bidi.hpp"
#include "kiosk/text/languages.hpp"
#include "kiosk/text/messages.hpp"
#include "kiosk/ui/elements.hpp"
#include "kiosk/ui/fonts.hpp"
#include "kiosk/ui/theme.hpp"
#include "kiosk/ui/touch.hpp"

namespace wk::ui {

struct UiContext {
  const text::LanguageTable* languages = nullptr;
  const text::MessageCatalog* messages = nullptr;
  Fonts fonts;
  Theme theme = Theme::standard();
  float em = 24.f;
  text::TextLayoutCache layouts;
  ElementRegistry elements;
  Touch touch;
};

}  // namespace wk::ui
