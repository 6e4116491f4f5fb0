// "Ask for a call back": the form's rules, without the store or ImGui. A newcomer who registered
// in this session is reached the way they chose then (their code); anyone else gives a name and
// a phone number or an e-mail address, typed on the on-screen keyboard.
#pragma once

#include <optional>
#include <string>

#include "kiosk/core/callback.hpp"
#include "kiosk/ui/form/form.hpp"

namespace wk::ui {

// The form's fields (element ids "field.<id>").
inline constexpr std::string_view kCallbackName = "callback.name";
inline constexpr std::string_view kCallbackPhone = "callback.phone";
inline constexpr std::string_view kCallbackEmail = "callback.email";

// What the form asks for: the request from `form`, or nullopt with each problem as an error key
// on its field ("field.required", "phone.invalid", e-mail errors, "callback.need_contact" on the
// phone field when neither phone nor e-mail is given). With `registration_code` (this session's)
// the fields are not needed and not read. Values are cleaned (NFC, trimmed); the phone becomes E.164.
std::optional<core::CallbackAsk> callback_ask(FormValues& form, const std::string& registration_code);

}  // namespace wk::ui
