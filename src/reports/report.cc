#include "reports/report.h"

namespace dagbok::reports {

const Row* Report::find(const std::string& key) const {
  for (const Row& r : rows)
    if (r.key == key) return &r;
  return nullptr;
}

Cell Report::cell(const std::string& key, const std::string& column_key) const {
  const Row* row = find(key);
  if (!row) return Cell::empty();
  for (size_t i = 0; i < columns.size() && i < row->cells.size(); ++i)
    if (columns[i].key == column_key) return row->cells[i];
  return Cell::empty();
}

bool Report::all_checks_ok() const {
  for (const Check& c : checks)
    if (!c.ok) return false;
  return true;
}

}  // namespace dagbok::reports
