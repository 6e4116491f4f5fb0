// Phone numbers as newcomers type them ("0151 23456789", "+380 67 123 4567",
// "00 90 532 123 45 67", digits in any script) turned into the one form the
// kiosk stores and syncs: E.164 ("+4915123456789"). libphonenumber decides
// what is a real number; this file is its only user, so the rest of the
// kiosk never sees its types. Errors are message keys, like input_rules.
//
// libphonenumber's logging is replaced by a null logger on first use, so no
// number (personal data) ever reaches stdout or a log file.
#pragma once

#include <string>
#include <string_view>

namespace wk::text {

struct PhoneResult {
  std::string e164;       // "+4915123456789"; empty whenever error_key is set
  std::string error_key;  // "" if ok, else "phone.invalid"
};

// Parses `input` (a cleaned field) with libphonenumber, using `default_region`
// (ISO 3166-1 alpha-2, e.g. "DE") for numbers without an international prefix,
// checks IsValidNumber (length and prefixes valid for the region; fixed-line,
// mobile and every other type count) and formats E.164. Returns
// "phone.invalid" for empty input, invalid UTF-8, any letter (no vanity
// numbers like "0800 FLOWERS", no "ext." extensions: the stored form has no
// place for them), unparsable text, an unknown default region without an
// international prefix, and numbers that are too short, too long or not
// assigned. Optional fields: skip the call when the field is empty.
// Thread-safe.
PhoneResult normalize_phone(std::string_view input, std::string_view default_region = "DE");

// An E.164 number in international display form, e.g. "+49 1512 3456789"
// (digit grouping from libphonenumber's metadata). Anything that does not
// parse as a number is returned unchanged (or "" if it is not valid UTF-8).
std::string format_phone_international(std::string_view e164);

}  // namespace wk::text
