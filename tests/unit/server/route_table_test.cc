// The route table reads as the truth about who may do what: every route
// that changes the ledger (or reads its import log) names the import right,
// and is left to the ledger library to check so that a refusal is logged.
#include <gtest/gtest.h>

#include <set>
#include <string>

#include "server/internal/route_table.h"

namespace dagbok::server {
namespace {

bool is_ledger_change(const Route& r) {
  const std::string key = std::string(r.method) + " " + r.path;
  static const std::set<std::string> kChanges = {
      "GET /api/v1/companies/{c}/imports",
      "POST /api/v1/companies/{c}/imports",
      "POST /api/v1/companies/{c}/imports/{id}/undo",
      "POST /api/v1/companies/{c}/fiscal-years/latest/delete",
      "PUT /api/v1/companies/{c}/data-source",
  };
  return kChanges.count(key) > 0;
}

TEST(RouteTable, TheLedgersChangesNameTheImportRight) {
  int changes = 0;
  for (const Route& r : route_table()) {
    const std::string key = std::string(r.method) + " " + r.path;
    if (is_ledger_change(r)) {
      ++changes;
      EXPECT_EQ(r.action, auth::Action::kImportSie) << key;
      EXPECT_EQ(r.access, Access::kCompanyCheckedByLibrary) << key;
    } else {
      EXPECT_NE(r.access, Access::kCompanyCheckedByLibrary) << key << " leaves its check to a library";
    }
  }
  EXPECT_EQ(changes, 5);
}

// A route that changes something under a company needs more than viewing
// the days, except closing a day and posting receipts, which staff may do.
TEST(RouteTable, NoChangeNeedsOnlyTheRightToViewDays) {
  for (const Route& r : route_table()) {
    const std::string method = r.method;
    if (method == "GET" || r.access == Access::kPublic || r.access == Access::kSession) continue;
    EXPECT_NE(r.action, auth::Action::kViewDays) << r.method << " " << r.path;
  }
}

TEST(RouteTable, EveryRouteHasAHandler) {
  for (const Route& r : route_table()) EXPECT_NE(r.handler, nullptr) << r.method << " " << r.path;
}

}  // namespace
}  // namespace dagbok::server
