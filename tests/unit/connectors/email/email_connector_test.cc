// The e-mail kind through the Connector interface: its settings, the one
// settings merge, "Testa integrationen", no choices, delivery of a day, and
// a SIE file sent by hand.
#include "connectors/email/email_connector.h"

#include <gtest/gtest.h>

#include "connectors/email/memory_mailer.h"
#include "exports/connector_settings.h"
#include "exports/integrations.h"
#include "pipeline/company_setup.h"
#include "support/temp_dir.h"

namespace dagbok::email {
namespace {

using nlohmann::json;

class EmailConnectorTest : public ::testing::Test {
 protected:
  EmailConnector kind_{[this]() -> Result<Mailer*> { return &mailer_; }, MailAddress{"dagbok@example.se", ""}};
  MemoryMailer mailer_;
};

TEST_F(EmailConnectorTest, SaysWhatItsSettingsAre) {
  Connector& k = kind_;
  EXPECT_EQ(k.kind(), "email");
  std::vector<std::string> names;
  for (const SettingSpec& s : k.settings()) {
    names.push_back(s.name);
    EXPECT_EQ(s.secret, Secret::kNo);
    EXPECT_EQ(s.frozen, Frozen::kNo);
  }
  EXPECT_EQ(names, (std::vector<std::string>{"address", "format"}));
  EXPECT_EQ(k.start_date(), StartDate::kChangeable);
  EXPECT_EQ(settings_description(k).dump(),
            R"([{"choices":null,"frozen":false,"input":"email","name":"address","secret":false,"step":"options",)"
            R"("values":[]},{"choices":null,"frozen":false,"input":"text","name":"format","secret":false,)"
            R"("step":"options","values":["sie4","csv","xlsx","pdf"]}])");
}

TEST_F(EmailConnectorTest, OneMergeForEveryShell) {
  // First activation: the format defaults, a list of addresses is joined.
  SettingsMerge first = merge_settings(kind_, nullptr, {{"address", json::array({"a@example.se", "b@example.se"})}}, nullptr);
  ASSERT_TRUE(first.ok()) << first.error().message();
  EXPECT_EQ(first.settings_json, R"({"address":"a@example.se, b@example.se","format":"sie4"})");
  EXPECT_EQ(first.sealed_secrets, "");
  // A change goes over what was saved.
  Destination saved;
  saved.kind = "email";
  saved.settings_json = first.settings_json;
  SettingsMerge changed = merge_settings(kind_, &saved, {{"format", "pdf"}}, nullptr);
  ASSERT_TRUE(changed.ok()) << changed.error().message();
  EXPECT_EQ(changed.settings_json, R"({"address":"a@example.se, b@example.se","format":"pdf"})");
  // Each refusal names its field.
  SettingsMerge no_address = merge_settings(kind_, nullptr, {{"format", "csv"}}, nullptr);
  ASSERT_EQ(no_address.problems.size(), 1u);
  EXPECT_EQ(no_address.problems[0].field, "address");
  EXPECT_NE(no_address.error().message().find("no e-mail address is set"), std::string::npos);
  SettingsMerge bad_format = merge_settings(kind_, &saved, {{"format", "docx"}}, nullptr);
  ASSERT_EQ(bad_format.problems.size(), 1u);
  EXPECT_EQ(bad_format.problems[0].field, "format");
  SettingsMerge bad_address = merge_settings(kind_, &saved, {{"address", "not-an-address"}}, nullptr);
  ASSERT_EQ(bad_address.problems.size(), 1u);
  EXPECT_EQ(bad_address.problems[0].field, "address");
  SettingsMerge unknown = merge_settings(kind_, &saved, {{"api_key", "x"}}, nullptr);
  ASSERT_EQ(unknown.problems.size(), 1u);
  EXPECT_EQ(unknown.problems[0].field, "api_key");
  EXPECT_EQ(setting_changes(kind_, {{"address", "a@b.se"}, {"start_date", "2026-11-01"}, {"format", nullptr}}),
            json({{"address", "a@b.se"}}));
}

TEST_F(EmailConnectorTest, TestsTheSettingsAndTheMailServerAndOffersNoChoices) {
  ConnectorSettings good;
  good.values = {{"address", "a@example.se"}, {"format", "sie4"}};
  EXPECT_TRUE(kind_.test_connection(good).ok());
  EXPECT_TRUE(mailer_.sent().empty()) << "a test sends nothing";
  ConnectorSettings bad;
  bad.values = {{"format", "sie4"}};
  EXPECT_EQ(kind_.test_connection(bad).error().code(), ErrorCode::kFailedPrecondition);
  for (ChoiceList l : {ChoiceList::kCompanies, ChoiceList::kAccounts, ChoiceList::kVatCodes})
    EXPECT_TRUE(kind_.choices(good, l)->empty());

  ConnectorHost no_server;
  no_server.config = [] { return parse_config("", "/etc/dagbok/dagbok.toml", empty_env()); };
  EmailConnector unconfigured(no_server);
  const Status ready = unconfigured.ready();
  ASSERT_FALSE(ready.ok());
  EXPECT_NE(ready.error().message().find("/etc/dagbok/dagbok.toml"), std::string::npos) << ready.error().message();
  EXPECT_EQ(unconfigured.test_connection(good).error().code(), ErrorCode::kFailedPrecondition);
}

TEST_F(EmailConnectorTest, SendsASieFileByHandAndRefusesABadRecipient) {
  testing_support::TempDir dir;
  std::unique_ptr<Store> store = *open_store(dir.file("books.db"));
  NewCompany spec;
  spec.name = "Testbutiken AB";
  const Company company = *create_company(*store, spec);
  FixedClock clock(*Instant::parse_rfc3339("2026-12-01T09:00:00+01:00"));
  ASSERT_TRUE(kind_.sends_files());
  EXPECT_EQ(kind_.check_recipient("nobody").error().code(), ErrorCode::kFailedPrecondition);
  EXPECT_TRUE(kind_.check_recipient("revisor@example.se").ok());
  Result<SentFile> sent = kind_.send_sie_file(*store, company, *Date::parse("2026-11-01"), *Date::parse("2026-11-30"),
                                              "revisor@example.se", clock);
  ASSERT_TRUE(sent.ok()) << sent.error().message();
  EXPECT_EQ(sent->to, "revisor@example.se");
  EXPECT_EQ(sent->vouchers, 0);
  ASSERT_EQ(mailer_.sent().size(), 1u);
  EXPECT_NE(mailer_.sent()[0].data.find(sent->filename), std::string::npos);
}

}  // namespace
}  // namespace dagbok::email
