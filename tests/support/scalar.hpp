// Test helper: the first column of a one-row SQL query, for every test that counts rows.
#pragma once

#include "kiosk/core/database.hpp"

#include <cstdint>
#include <stdexcept>
#include <string>

namespace wk::test {

// The first column of the first row of `sql` (a count, a sum); throws if there is no row.
inline std::int64_t scalar(core::Database& db, const std::string& sql) {
  auto st = db.prepare(sql);
  if (!st.step()) throw std::runtime_error("no row from: " + sql);
  return st.column_int64(0);
}
// The same on anything that has a database (core::Store).
template <class HasDb>
requires requires(HasDb& s) {
  s.db();
}
std::int64_t scalar(HasDb& store, const std::string& sql) {
  return scalar(store.db(), sql);
}

}  // namespace wk::test
