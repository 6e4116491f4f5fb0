// The on-screen keyboard: draws a KeyboardModel's rows across an area and
// reports the key tapped. Keys keep their physical positions in every
// language (an Arabic keyboard is not mirrored); action keys are icons.
#pragma once

#include "kiosk/ui/frame.hpp"
#include "kiosk/ui/keyboard_model.hpp"

namespace wk::ui {

// Height the keyboard wants for `model` at the current em.
float keyboard_height(const Frame& f, const KeyboardModel& model);

// Draws the keyboard into `area`; returns the key tapped this frame or
// nullptr. The pointer is valid until `model` changes.
const Key* on_screen_keyboard(Frame& f, const KeyboardModel& model, const Rect& area);

// The session's keyboard (f.vm.keyboard, which must be set) docked across the screen's width at
// the bottom of `area`, leaving at least 8 em of `area` above it; a key tapped is emitted as
// PressKey. Returns where the content above it must end.
float docked_keyboard(Frame& f, const Rect& area);

}  // namespace wk::ui
