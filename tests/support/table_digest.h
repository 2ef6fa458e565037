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

// Times the database stamps itself (a column's DEFAULT of SQLite's 'now', not
// the injected Clock) differ from run to run: "2026-12-04T20:24:19Z" becomes
// "<time>", so that two runs of the same work compare equal.
inline std::string mask_times(std::string row) {
  auto digit = [&](size_t i) { return i < row.size() && row[i] >= '0' && row[i] <= '9'; };
  const char* shape = "dddd-dd-ddTdd:dd:ddZ";
  for (size_t at = 0; at + 20 <= row.size(); ++at) {
    bool match = true;
    for (size_t k = 0; k < 20 && match; ++k) match = shape[k] == 'd' ? digit(at + k) : row[at + k] == shape[k];
    if (match) row.replace(at, 20, "<time>");
  }
  return row;
}

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
      rows.push_back(mask_times(std::move(row)));
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

// The first line where two digests differ, with its table, for a failure
// message ("" when they are equal).
inline std::string first_difference(const std::string& a, const std::string& b) {
  size_t at = 0;
  std::string table;
  while (at < a.size() || at < b.size()) {
    const size_t ea = a.find('\n', at), eb = b.find('\n', at);
    const std::string la = at < a.size() ? a.substr(at, ea - at) : "<end>";
    const std::string lb = at < b.size() ? b.substr(at, eb - at) : "<end>";
    if (la.rfind("== ", 0) == 0) table = la;
    if (la != lb) {
      size_t i = 0;
      while (i < la.size() && i < lb.size() && la[i] == lb[i]) ++i;
      const size_t from = i > 60 ? i - 60 : 0;
      return table + ", at byte " + std::to_string(i) + " of a row: '…" + la.substr(from, 140) + "' vs '…" +
             lb.substr(from, 140) + "'";
    }
    if (ea == std::string::npos || eb == std::string::npos) break;
    at = ea + 1;
  }
  return a == b ? "" : "different lengths";
}

}  // namespace dagbok::testing_support
