// What every strict JSON reader of kiosk and hub checks before and while it parses: how deep a
// document nests (so nlohmann's recursive parser never meets unbounded input) and the name of
// a value's type for error messages.
#pragma once

#include <nlohmann/json.hpp>

#include <string_view>

namespace wk::core {

// The deepest nesting of [ and { outside strings (escapes honoured) in `text`; stops counting
// once it exceeds `stop_above` (so a hostile document costs one pass at most). Malformed input
// is left to the parser: this only has to be right for what the parser would accept.
int json_nesting_depth(std::string_view text, int stop_above = 1 << 30);

// "null", "object", "array", "string", "boolean", "integer" or "number".
const char* json_type_name(const nlohmann::json& value);

}  // namespace wk::core
