// The error thrown when a languages table or a locale file cannot be used.
// Its message names the file (and key or position) so staff can fix the
// deployment; newcomers never see it.
#pragma once

#include <stdexcept>
#include <string>

namespace wk::text {

class TextDataError : public std::runtime_error {
 public:
  explicit TextDataError(const std::string& what) : std::runtime_error(what) {}
};

}  // namespace wk::text
