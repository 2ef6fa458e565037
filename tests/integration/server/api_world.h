// The world the server API tests share: two companies (a Swedish and a
// Norwegian one), each with its people and a till token, and the golden
// day's receipts and kontoplan as the API takes them.
#pragma once

#include <sstream>
#include <string>
#include <vector>

#include "integration/server/test_server.h"

namespace dagbok::server::testing_server {

inline const std::string kGolden = std::string(DAGBOK_SOURCE_DIR) + "/tests/golden/kaffebaren-2026-11-20/";

// Two companies, each with its people, and a till token for each.
struct World {
  testing_support::TempDir dir{"dagbok-server"};
  std::string db = dir.file("books.db");
  FixedClock clock{*Instant::parse_rfc3339("2026-11-23T08:00:00+01:00")};
  Company a, b;
  std::string till_a, till_b;

  World() {
    std::unique_ptr<Store> store = *open_store(db);
    a = *create_company(*store, {Country::kSweden, "Kaffebaren AB", "kaffebaren", "556677-8899", "", 300, {}});
    b = *create_company(*store, {Country::kNorway, "Fjordkafeen AS", "fjordkafeen", "", "", 300, {}});
    auto user = [&](const char* email, const Company& c, Role role) {
      EXPECT_TRUE(auth::add_user(*store, {email, "", kPassword, "sv"}, clock).ok());
      EXPECT_TRUE(auth::grant_role(*store, email, c.id, role, auth::ImportRight::kNone).ok());
    };
    user("owner@kaffebaren.se", a, Role::kOwner);
    user("staff@kaffebaren.se", a, Role::kStaff);
    user("owner@fjordkafeen.no", b, Role::kOwner);
    till_a = auth::create_api_token(*store, a.id, "Kassa 1", clock)->token;
    till_b = auth::create_api_token(*store, b.id, "Kasse 1", clock)->token;
  }
};


inline json golden_receipts() {
  json all = json::array();
  std::istringstream in(slurp(kGolden + "receipts.jsonl"));
  for (std::string line; std::getline(in, line);)
    if (!line.empty()) all.push_back(json::parse(line));
  return all;
}

inline json golden_mapping() {
  json entries = json::array();
  std::istringstream in(slurp(kGolden + "mapping.csv"));
  std::string line;
  std::getline(in, line);  // header
  while (std::getline(in, line)) {
    if (line.empty()) continue;
    std::vector<std::string> f;
    std::stringstream ls(line);
    for (std::string x; std::getline(ls, x, ',');) f.push_back(x);
    entries.push_back({{"group", f.at(0)}, {"key", f.at(1)}, {"account", f.at(2)}});
  }
  return entries;
}

}  // namespace dagbok::server::testing_server
