// The OpenAPI file describes exactly the routes the server answers: every
// route is in the file and every operation in the file is a route.
#include <gtest/gtest.h>

#include <functional>
#include <nlohmann/json.hpp>
#include <set>

#include "server/api_server.h"
#include "server/openapi.h"

namespace dagbok::server {
namespace {

using nlohmann::json;

json document() {
  json doc = json::parse(openapi_document(), nullptr, false);
  EXPECT_FALSE(doc.is_discarded()) << "the merged OpenAPI document (src/server/openapi/) is not valid JSON";
  return doc;
}

std::string upper(std::string s) {
  for (char& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}

TEST(OpenApi, DescribesExactlyTheRoutesThatExist) {
  const json doc = document();
  ASSERT_EQ(doc.value("openapi", "").substr(0, 2), "3.");
  std::set<std::string> documented;
  for (const auto& [path, item] : doc["paths"].items())
    for (const auto& [method, op] : item.items())
      if (method != "parameters") documented.insert(upper(method) + " " + path);
  std::set<std::string> served;
  for (const RouteInfo& r : ApiServer::routes()) served.insert(r.method + " " + r.path);
  for (const std::string& s : served) EXPECT_TRUE(documented.count(s)) << s << " is served but not in the OpenAPI document (src/server/openapi/)";
  for (const std::string& d : documented) EXPECT_TRUE(served.count(d)) << d << " is in the OpenAPI document but not served";
  EXPECT_EQ(served.size(), ApiServer::routes().size()) << "a route is registered twice";
}

// Every $ref points at something, and every operation says what it answers.
TEST(OpenApi, ReferencesResolveAndOperationsHaveResponses) {
  const json doc = document();
  std::vector<std::string> refs;
  std::function<void(const json&)> walk = [&](const json& j) {
    if (j.is_object()) {
      for (const auto& [k, v] : j.items()) {
        if (k == "$ref" && v.is_string()) refs.push_back(v.get<std::string>());
        walk(v);
      }
    } else if (j.is_array()) {
      for (const json& v : j) walk(v);
    }
  };
  walk(doc);
  ASSERT_FALSE(refs.empty());
  for (const std::string& r : refs) {
    ASSERT_EQ(r.rfind("#/", 0), 0u) << r;
    EXPECT_TRUE(doc.contains(json::json_pointer(r.substr(1)))) << r << " does not resolve";
  }
  for (const auto& [path, item] : doc["paths"].items())
    for (const auto& [method, op] : item.items()) {
      EXPECT_FALSE(op.value("responses", json::object()).empty()) << method << " " << path;
      // A route under a company answers 401, 403 and 404 to those who may not see it.
      if (path.find("{c}") != std::string::npos) {
        for (const char* code : {"401", "403", "404"})
          EXPECT_TRUE(op["responses"].contains(code)) << method << " " << path << " does not document " << code;
      }
    }
}

TEST(HttpStatus, EachErrorCodeHasItsStatus) {
  EXPECT_EQ(http_status_for(ErrorCode::kInvalidArgument), 400);
  EXPECT_EQ(http_status_for(ErrorCode::kPermissionDenied), 403);
  EXPECT_EQ(http_status_for(ErrorCode::kNotFound), 404);
  EXPECT_EQ(http_status_for(ErrorCode::kAlreadyExists), 409);
  EXPECT_EQ(http_status_for(ErrorCode::kFailedPrecondition), 409);
  EXPECT_EQ(http_status_for(ErrorCode::kUnavailable), 503);
  EXPECT_EQ(http_status_for(ErrorCode::kInternal), 500);
}

}  // namespace
}  // namespace dagbok::server
