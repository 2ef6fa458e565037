// The schema, as numbered migrations applied in order on open. A migration
// once released is never edited: a change is a new migration.
#pragma once

#include <string_view>
#include <vector>

namespace dagbok::sqlite {

struct Migration {
  int version;
  std::string_view name;
  std::string_view sql;
};

const std::vector<Migration>& migrations();

}  // namespace dagbok::sqlite
