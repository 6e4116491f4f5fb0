// Phone number normalization on libphonenumber's PhoneNumberUtil singleton
// (created once, thread-safe; its logger silenced before first use).
#include "kiosk/text/phone.hpp"

#include <phonenumbers/logger.h>
#include <phonenumbers/phonenumberutil.h>
#include <unicode/uchar.h>

#include "kiosk/text/utf8.hpp"

namespace wk::text {
namespace {

using i18n::phonenumbers::PhoneNumber;
using i18n::phonenumbers::PhoneNumberUtil;

// The singleton, with logging muted exactly once (SetLogger takes ownership).
const PhoneNumberUtil& util() {
  static PhoneNumberUtil* const instance = [] {
    PhoneNumberUtil* u = PhoneNumberUtil::GetInstance();
    u->SetLogger(new i18n::phonenumbers::NullLogger());
    return u;
  }();
  return *instance;
}

bool has_letter(std::string_view utf8) {
  for (char32_t c : code_points(utf8))
    if (u_isalpha(static_cast<UChar32>(c))) return true;
  return false;
}

}  // namespace

PhoneResult normalize_phone(std::string_view input, std::string_view default_region) {
  PhoneResult invalid{"", "phone.invalid"};
  if (input.empty() || !is_valid_utf8(input) || has_letter(input)) return invalid;

  const PhoneNumberUtil& pn = util();
  PhoneNumber number;
  if (pn.Parse(std::string(input), std::string(default_region), &number) != PhoneNumberUtil::NO_PARSING_ERROR)
    return invalid;
  if (!pn.IsValidNumber(number)) return invalid;

  PhoneResult out;
  pn.Format(number, PhoneNumberUtil::E164, &out.e164);
  return out;
}

std::string format_phone_international(std::string_view e164) {
  if (!is_valid_utf8(e164)) return "";
  const PhoneNumberUtil& pn = util();
  PhoneNumber number;
  // "ZZ": unknown region, so only numbers with a leading '+' parse.
  if (pn.Parse(std::string(e164), "ZZ", &number) != PhoneNumberUtil::NO_PARSING_ERROR) return std::string(e164);
  std::string out;
  pn.Format(number, PhoneNumberUtil::INTERNATIONAL, &out);
  return out;
}

}  // namespace wk::text
