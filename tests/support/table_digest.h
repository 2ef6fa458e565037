// table_digest: every row of every table of a SQLite file as sorted text, so
// that a fault-injection test can say "the books are exactly as before" or
// "exactly as after" by comparing two strings. Read with a connection of its
// own (which also recovers a WAL left by a killed process).
#pragma once

#include <sqlite3.h>

#include <algorithm>
#include <set>
#include <string>
#include <vector>

namespace dagbok::testing_support {

// Tables named in `skip` are left out (an import log that records a refusal
// too, say). Empty when the file cannot be read.
inline std::string table_digest(const std::string& db_path, const std::set<std::string>& skip = {}) {
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(db_path.c_str(), &db, SQLITE_OPEN_READWRITE, nullptr) != SQLITE_OK) {
    sqlite3_close(db);
    return "";
  }
  auto rows_of = [&](const std::string& sql) {
    std::vector<std::string> rows;
    sqlite3_stmt* st = nullptr;
    if (sqlite3_prepare_v2(db, sql.c_str(), -1, &st, nullptr) != SQLITE_OK) return rows;
    while (sqlite3_step(st) == SQLITE_ROW) {
      std::string row;
      for (int i = 0; i < sqlite3_column_count(st); ++i) {
        const unsigned char* text = sqlite3_column_text(st, i);
        row += text ? std::string(reinterpret_cast<const char*>(text),
                                  static_cast<size_t>(sqlite3_column_bytes(st, i)))
                    : std::string("NULL");
        row += '|';
      }
      rows.push_back(std::move(row));
    }
    sqlite3_finalize(st);
    return rows;
  };
  std::string out;
  for (const std::string& table :
       rows_of("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")) {
    const std::string name = table.substr(0, table.size() - 1);
    if (skip.count(name)) continue;
    std::vector<std::string> rows = rows_of("SELECT * FROM \"" + name + "\"");
    std::sort(rows.begin(), rows.end());
    out += "== " + name + " (" + std::to_string(rows.size()) + ")\n";
    for (const std::string& r : rows) out += r + "\n";
  }
  sqlite3_close(db);
  return out;
}

}  // namespace dagbok::testing_support
