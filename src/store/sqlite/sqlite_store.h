// SqliteStore: the embedded default backend (one file, WAL mode).
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "store/store.h"

namespace dagbok {

// A new database and its -wal and -shm files are created 0600 (owner only):
// they hold every company's books and the users' password hashes.
Result<std::unique_ptr<Store>> open_sqlite_store(const std::string& path);

// A file of the database (the file itself, -wal, -shm) that other users of
// the machine may read or write.
struct ExposedFile {
  std::string path;
  unsigned mode = 0;  // permission bits, e.g. 0644
};

// The files of the database at `path` ("sqlite:" prefix allowed) whose mode
// lets group or others read or write them; empty when all are private or do
// not exist. Checked when dagbok starts (serve, worker, the CLI's store),
// which words the warning (exposed_files_warning) on its own log.
std::vector<ExposedFile> exposed_database_files(const std::string& path);
// "the database shop.db (mode 0644) … can be read by other users …: run
// `chmod 600 shop.db shop.db-wal`"; "" for none.
std::string exposed_files_warning(const std::vector<ExposedFile>& files);

}  // namespace dagbok
