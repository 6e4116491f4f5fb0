// Counting registrations per Kümmerer at the hub (see kuemmerer_load.hpp).
#include "sync/hub/kuemmerer_load.hpp"

namespace wk::hub {

std::vector<KuemmererLoadLine> kuemmerer_loads(wk::core::Database& db) {
  std::vector<KuemmererLoadLine> out;
  wk::core::Statement st = db.prepare(
      "WITH assigned AS (SELECT kuemmerer_id AS k, count(*) AS n FROM registrations"
      "                  GROUP BY 1),"
      "     directory AS (SELECT id, json_extract(data, '$.name') AS name,"
      "                          json_extract(data, '$.kuemmerer_capacity') AS capacity FROM catalog_items"
      "                   WHERE kind = 'contact_person' AND deleted = 0"
      "                     AND json_extract(data, '$.kuemmerer_capacity') IS NOT NULL)"
      " SELECT d.id, d.name, d.capacity, coalesce(a.n, 0), 0 FROM directory d LEFT JOIN assigned a ON a.k = d.id"
      " UNION ALL"
      " SELECT a.k, '', 0, a.n, 1 FROM assigned a WHERE a.k IS NOT NULL AND a.k NOT IN (SELECT id FROM directory)"
      " UNION ALL"
      " SELECT '', '', 0, coalesce((SELECT n FROM assigned WHERE k IS NULL), 0), 2"
      " ORDER BY 5, 1");
  while (st.step()) {
    out.push_back({st.column_text(0), st.column_text(1), st.column_int64(2), st.column_int64(3)});
  }
  return out;
}

}  // namespace wk::hub
