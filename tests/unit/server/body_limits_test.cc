// The per-route body limits and the JSON shape check the server runs before
// it parses a request body (server/internal/body_limits.h).
#include "server/internal/body_limits.h"

#include <gtest/gtest.h>

#include <string>

namespace dagbok::server {
namespace {

constexpr JsonShapeLimits kLimits{4, 20};

TEST(JsonShape, WithinTheLimitsPasses) {
  EXPECT_TRUE(check_json_shape(R"({"a": [[1, 2], {"b": [3]}]})", kLimits).ok());
  EXPECT_TRUE(check_json_shape("", kLimits).ok());
  // Not JSON at all is the parser's to refuse.
  EXPECT_TRUE(check_json_shape("nonsense", kLimits).ok());
}

TEST(JsonShape, BracketsAndCommasInStringsDoNotCount) {
  const std::string s = R"({"a": "[[[[[[[[,,,,,,,,,,,,,,,,,,,,,,,,,,,\"[[[[[[[["})";
  EXPECT_TRUE(check_json_shape(s, kLimits).ok());
}

TEST(JsonShape, TooDeepNamesTheLimitAndTheMember) {
  Status s = check_json_shape(R"({"id": "x", "operator": [[[[["deep"]]]]]})", kLimits);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().code(), ErrorCode::kInvalidArgument);
  EXPECT_NE(s.error().message().find("deeper than 4 levels"), std::string::npos) << s.error().message();
  EXPECT_NE(s.error().message().find("'operator'"), std::string::npos) << s.error().message();
  // Exactly at the limit passes.
  EXPECT_TRUE(check_json_shape(R"({"operator": [[["x"]]]})", kLimits).ok());
}

TEST(JsonShape, TooManyElementsNamesTheLimit) {
  std::string many = "[0";
  for (int i = 0; i < 25; ++i) many += ",0";
  many += "]";
  Status s = check_json_shape(many, kLimits);
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.error().message().find("more than 20 elements"), std::string::npos) << s.error().message();
}

TEST(BodyLimits, EachRouteHasItsOwn) {
  ServerOptions o;
  EXPECT_EQ(body_limit_for("/api/v1/auth/login", o), o.max_login_body_bytes);
  EXPECT_EQ(body_limit_for("/api/v1/companies/kaffebaren/receipts", o), o.max_receipts_body_bytes);
  EXPECT_EQ(body_limit_for("/api/v1/companies/kaffebaren/imports", o), o.max_body_bytes);
  EXPECT_EQ(body_limit_for("/api/v1/companies/kaffebaren/mapping", o), o.max_json_body_bytes);
  EXPECT_EQ(size_text(16 * 1024), "16 KiB");
  EXPECT_EQ(size_text(8 * 1024 * 1024), "8 MiB");
  EXPECT_EQ(size_text(1000), "1000 bytes");
  EXPECT_NE(too_large_message("/api/v1/companies/x/imports", o).find("dagbok ledger import"), std::string::npos);
}

}  // namespace
}  // namespace dagbok::server
