// The call-back form's rules (see callback_form.hpp).
#include "kiosk/ui/features/contacts/callback_form.hpp"

#include "kiosk/text/input_rules.hpp"
#include "kiosk/text/phone.hpp"

namespace wk::ui {

std::optional<core::CallbackAsk> callback_ask(FormValues& form, const std::string& registration_code) {
  core::CallbackAsk ask;
  for (std::string_view f : {kCallbackName, kCallbackPhone, kCallbackEmail}) form.errors.erase(std::string(f));
  if (!registration_code.empty()) {
    ask.registration_code = registration_code;
    return ask;
  }
  bool ok = true;
  auto fail = [&](std::string_view field, std::string key) {
    form.errors[std::string(field)] = std::move(key);
    ok = false;
  };
  const text::Cleaned name = text::clean_text(form.value(kCallbackName), 80);
  if (!name.error_key.empty())
    fail(kCallbackName, name.error_key);
  else if (name.text.empty())
    fail(kCallbackName, "field.required");
  ask.name = name.text;
  const text::Cleaned phone = text::clean_text(form.value(kCallbackPhone), 24);
  if (!phone.error_key.empty()) {
    fail(kCallbackPhone, phone.error_key);
  } else if (!phone.text.empty()) {
    const text::PhoneResult p = text::normalize_phone(phone.text);
    if (!p.error_key.empty())
      fail(kCallbackPhone, p.error_key);
    else
      ask.phone = p.e164;
  }
  const text::Cleaned email = text::clean_text(form.value(kCallbackEmail), 100);
  if (!email.error_key.empty()) {
    fail(kCallbackEmail, email.error_key);
  } else if (!email.text.empty()) {
    const std::string problem = text::check_email(email.text);
    if (!problem.empty())
      fail(kCallbackEmail, problem);
    else
      ask.email = email.text;
  }
  if (ok && ask.phone.empty() && ask.email.empty()) fail(kCallbackPhone, "callback.need_contact");
  if (!ok) return std::nullopt;
  return ask;
}

}  // namespace wk::ui
