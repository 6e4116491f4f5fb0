// Reading a new secret (the staff PIN, an operator's password) from standard input: on a terminal
// with echo off and asked twice, from a pipe as one line (for provisioning scripts).
#pragma once

#include <istream>
#include <ostream>
#include <string>
#include <string_view>

namespace wk::core {

enum class SecretRead {
  ok,       // `secret` holds it (a trailing CR dropped)
  missing,  // no line on the input
  differ,   // interactive: the two entries differ (`secret` cleared)
};

// With `interactive` (standard input is a terminal) asks `prompt` and then "The same again: " on
// `err`, echo off meanwhile; else reads one line. The caller clears `secret` after use
// (secure_clear).
SecretRead read_new_secret(std::istream& in, bool interactive, std::ostream& err, std::string_view prompt,
                           std::string& secret);

}  // namespace wk::core
