// The load of each Kümmerer as the hub sees it: the registrations of every terminal assigned to
// them (the hub's final word, kuemmerer_assignment.hpp), against the capacity the operator set in the directory.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "kiosk/core/database.hpp"

namespace wk::hub {

struct KuemmererLoadLine {
  std::string id;    // contact_person id; "" for the line of registrations without a Kümmerer
  std::string name;  // as in the directory; "" for one the directory no longer holds
  std::int64_t capacity = 0;
  std::int64_t assigned = 0;
};

// Every Kümmerer of the directory (contact persons with a kuemmerer_capacity) in id order, then
// ids named by registrations that the directory does not hold as a Kümmerer (capacity 0), then
// one line with id "" counting the registrations without one.
std::vector<KuemmererLoadLine> kuemmerer_loads(wk::core::Database& db);

}  // namespace wk::hub
