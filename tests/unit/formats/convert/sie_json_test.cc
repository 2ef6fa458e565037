#include "formats/convert/sie_json.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "unit/formats/convert/small_books.h"
#include "unit/formats/sie/example_document.h"

namespace dagbok::convert {
namespace {

using nlohmann::json;

TEST(SieJson, EveryRecordWithExactAmountsAsStrings) {
  const Result<std::string> text = to_json(testing::small_books());
  ASSERT_TRUE(text.ok());
  const json j = json::parse(*text);
  EXPECT_EQ(j["format"], "dagbok-sie-json");
  EXPECT_EQ(j["version"], 1);
  EXPECT_EQ(j["company"]["name"], "Kaffebaren AB");
  EXPECT_EQ(j["company"]["address"], nullptr);
  EXPECT_EQ(j["fiscal_years"][0]["start"], "2026-01-01");
  EXPECT_EQ(j["accounts"][1]["name"], "Företagskonto/checkkonto");
  EXPECT_EQ(j["opening_balances"].size(), 3u);
  EXPECT_EQ(j["opening_balances"][2]["year"], -1);
  EXPECT_EQ(j["opening_balances"][2]["amount"], "9.99");
  ASSERT_EQ(j["vouchers"].size(), 2u);
  const json& rows = j["vouchers"][0]["rows"];
  ASSERT_EQ(rows.size(), 4u);  // removed rows are kept, marked
  EXPECT_EQ(rows[1]["objects"], json::parse(R"([{"dim":"1","id":"10"}])"));
  EXPECT_EQ(rows[1]["amount"], "-1000.00");
  EXPECT_EQ(rows[1]["date"], nullptr);
  EXPECT_EQ(rows[2]["kind"], "removed");
  EXPECT_EQ(rows[3]["kind"], "added");
  EXPECT_EQ(rows[3]["date"], "2026-01-16");
  EXPECT_EQ(rows[3]["quantity"], "1");
  EXPECT_EQ(j["vouchers"][0]["text"], "Dagskassa \"Centrum\"");
  EXPECT_EQ(text->back(), '\n');
}

TEST(SieJson, TheExampleFileKeepsEverything) {
  const Result<std::string> text = to_json(sie::testing::example_document());
  ASSERT_TRUE(text.ok());
  const json j = json::parse(*text);
  EXPECT_EQ(j["company"]["address"]["postal"], "211 20 Malmö");
  EXPECT_EQ(j["tax_year"], 2026);
  EXPECT_EQ(j["dimensions"][1]["parent"], "1");
  EXPECT_EQ(j["objects"][2]["name"], "Sommarsortiment");
  EXPECT_EQ(j["results"][1]["quantity"], "40");
  EXPECT_EQ(j["period_balances"].size(), 5u);
  EXPECT_EQ(j["period_budgets"][0]["amount"], "-5000.00");
  EXPECT_EQ(j["vouchers"][0]["registered"], "2025-01-16");
}

TEST(SieJson, TextThatIsNotUtf8IsReplacedNotAnError) {
  sie::Document doc;
  doc.company_name = "Caf\xE9";
  const Result<std::string> text = to_json(doc);
  ASSERT_TRUE(text.ok());
  EXPECT_EQ(json::parse(*text)["company"]["name"], "Caf\xEF\xBF\xBD");
}

}  // namespace
}  // namespace dagbok::convert
