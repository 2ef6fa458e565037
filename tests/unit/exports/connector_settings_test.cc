// The one settings merge with a kind that has a secret and a setting frozen
// once saved (as an accounting system's API key and company id would be).
#include "exports/connector_settings.h"

#include <gtest/gtest.h>

#include "support/temp_dir.h"

namespace dagbok {
namespace {

using nlohmann::json;

class LedgerKind final : public Connector {
 public:
  std::string kind() const override { return "ledgerkind"; }
  std::string title() const override { return "Ledger Kind"; }
  std::vector<SettingSpec> settings() const override {
    return {{"base_url", "the API's address", Secret::kNo, Frozen::kNo, {}, "url"},
            {"company_id", "the company on the other side", Secret::kNo, Frozen::kOnceSaved},
            {"api_key", "the key", Secret::kYes}};
  }
  StartDate start_date() const override { return StartDate::kFrozenOnceSaved; }
  std::vector<FieldError> check_settings(json& v) const override {
    if (!v.contains("base_url")) v["base_url"] = "https://api.example.com";
    if (!v.contains("company_id")) return {{"company_id", failed_precondition("choose the company")}};
    return {};
  }
  Status test_connection(const ConnectorSettings& s) override {
    return s.secrets.count("api_key") ? ok_status() : Status(permission_denied("no key"));
  }
  Result<std::vector<Choice>> choices(const ConnectorSettings&, ChoiceList) override { return std::vector<Choice>{}; }
  Status preflight(const DeliveryPayload&) override { return ok_status(); }
  Result<std::string> deliver(const DeliveryPayload&) override { return std::string(); }
};

class ConnectorSettingsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    host_.env = empty_env();
    host_.key_file = [this] { return std::filesystem::path(dir_.file("books.db.key")); };
    ASSERT_TRUE(crypto::MasterKey::load(host_.env, host_.key_file(), crypto::MissingKey::kCreate).ok());
  }
  testing_support::TempDir dir_;
  ConnectorHost host_;
  LedgerKind kind_;
};

TEST_F(ConnectorSettingsTest, SecretsAreSealedApartAndOpenAgain) {
  SettingsMerge m = merge_settings(kind_, nullptr, {{"company_id", "42"}, {"api_key", "hunter2"}}, &host_);
  ASSERT_TRUE(m.ok()) << m.error().message();
  EXPECT_EQ(m.settings_json, R"({"base_url":"https://api.example.com","company_id":"42"})");
  EXPECT_EQ(m.settings_json.find("hunter2"), std::string::npos);
  EXPECT_EQ(m.sealed_secrets.find("hunter2"), std::string::npos);
  EXPECT_TRUE(crypto::SecretBox::is_sealed(json::parse(m.sealed_secrets)["api_key"].get<std::string>()));
  Destination d;
  d.kind = kind_.kind();
  d.settings_json = m.settings_json;
  d.sealed_secret = m.sealed_secrets;
  Result<ConnectorSettings> opened = open_settings(d, host_);
  ASSERT_TRUE(opened.ok()) << opened.error().message();
  EXPECT_EQ(opened->secrets.at("api_key"), "hunter2");
  EXPECT_EQ(opened->values["company_id"], "42");
  EXPECT_TRUE(kind_.test_connection(*opened).ok());
  // A change that does not name the secret keeps it.
  SettingsMerge again = merge_settings(kind_, &d, {{"base_url", "http://127.0.0.1:9999"}}, &host_);
  ASSERT_TRUE(again.ok()) << again.error().message();
  EXPECT_EQ(again.sealed_secrets, d.sealed_secret);
  EXPECT_EQ(json::parse(again.settings_json)["base_url"], "http://127.0.0.1:9999");
}

TEST_F(ConnectorSettingsTest, AFrozenSettingRefusesAChangeOnceSaved) {
  Destination d;
  d.kind = kind_.kind();
  d.settings_json = R"({"base_url":"https://api.example.com","company_id":"42"})";
  SettingsMerge same = merge_settings(kind_, &d, {{"company_id", "42"}}, &host_);
  EXPECT_TRUE(same.ok());
  SettingsMerge other = merge_settings(kind_, &d, {{"company_id", "43"}}, &host_);
  ASSERT_EQ(other.problems.size(), 1u);
  EXPECT_EQ(other.problems[0].field, "company_id");
  EXPECT_EQ(other.problems[0].code, ErrorCode::kFailedPrecondition);
  // Before the first save it is free, and the kind's own check names its field.
  SettingsMerge missing = merge_settings(kind_, nullptr, {{"base_url", "http://x"}}, &host_);
  ASSERT_EQ(missing.problems.size(), 1u);
  EXPECT_EQ(missing.problems[0].field, "company_id");
}

TEST_F(ConnectorSettingsTest, ASecretWithoutAMasterKeyIsRefusedByName) {
  ConnectorHost keyless;
  keyless.env = empty_env();
  keyless.key_file = [this] { return std::filesystem::path(dir_.file("missing.key")); };
  SettingsMerge m = merge_settings(kind_, nullptr, {{"company_id", "1"}, {"api_key", "k"}}, &keyless);
  ASSERT_EQ(m.problems.size(), 1u);
  EXPECT_EQ(m.problems[0].field, "api_key");
  EXPECT_EQ(m.problems[0].code, ErrorCode::kFailedPrecondition);
}

}  // namespace
}  // namespace dagbok
