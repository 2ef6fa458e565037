// SqliteStore: the embedded default backend (one file, WAL mode).
#pragma once

#include <memory>
#include <string>

#include "store/store.h"

namespace dagbok {

Result<std::unique_ptr<Store>> open_sqlite_store(const std::string& path);

}  // namespace dagbok
