// The registry of kinds: every kind through the Connector interface, the
// cards of the Integrationer page from it, and the server's worker leaving
// out a kind that is not ready.
#include "connectors/registry.h"

#include <gtest/gtest.h>

#include <set>

#include "exports/integration_catalog.h"

namespace dagbok {
namespace {

ConnectorHost no_mail_server() {
  ConnectorHost host;
  host.config = [] { return parse_config("", "dagbok.toml", empty_env()); };
  return host;
}

ConnectorHost with_mail_server() {
  ConnectorHost host;
  host.config = [] {
    return parse_config("", "dagbok.toml",
                        env_from_map({{"DAGBOK_SMTP_URL", "smtp://127.0.0.1:2525?starttls=off&from=dagbok@example.se"}}));
  };
  host.env = env_from_map({{"DAGBOK_SMTP_URL", "smtp://127.0.0.1:2525?starttls=off&from=dagbok@example.se"}});
  return host;
}

TEST(ConnectorRegistry, EveryKindDescribesItselfThroughTheInterface) {
  const DestinationRegistry kinds = connector_registry(no_mail_server());
  ASSERT_FALSE(kinds.all().empty());
  std::set<std::string> seen;
  for (Connector* k : kinds.all()) {
    EXPECT_TRUE(seen.insert(k->kind()).second) << k->kind() << " twice";
    EXPECT_EQ(kinds.find(k->kind()), k);
    EXPECT_FALSE(k->title().empty()) << k->kind();
    std::set<std::string> names;
    for (const SettingSpec& s : k->settings()) {
      EXPECT_TRUE(names.insert(s.name).second) << k->kind() << " names " << s.name << " twice";
      EXPECT_FALSE(s.help.empty()) << k->kind() << "." << s.name;
    }
    // An empty set of settings is refused field by field, never thrown.
    nlohmann::json empty = nlohmann::json::object();
    for (const FieldError& p : k->check_settings(empty)) EXPECT_TRUE(names.count(p.field)) << p.field;
  }
  EXPECT_EQ(kinds.find("nonesuch"), nullptr);
}

TEST(ConnectorRegistry, TheCardsAreTheKindsThenThePlannedOnesGreyed) {
  const DestinationRegistry kinds = connector_registry(no_mail_server());
  const std::vector<IntegrationCard> cards = integration_cards(kinds);
  std::vector<std::string> order;
  for (const IntegrationCard& c : cards) order.push_back(c.kind);
  // The built kinds first (in the registry's order), then the planned ones.
  EXPECT_EQ(std::set<std::string>(order.begin(), order.end()),
            (std::set<std::string>{"email", "bjornlunden", "24sevenoffice", "poweroffice", "fortnox", "visma"}));
  EXPECT_EQ(order[0], "email");
  for (size_t i = 1; i < cards.size(); ++i) EXPECT_FALSE(cards[i].built && !cards[i - 1].built) << cards[i].kind;
  EXPECT_TRUE(cards[0].built);
  EXPECT_EQ(cards[0].connector, kinds.find("email"));
  for (size_t i = 1; i < cards.size(); ++i) {
    // A planned kind is greyed until it is in the registry (PowerOffice Go is).
    EXPECT_EQ(cards[i].built, kinds.find(cards[i].kind) != nullptr) << cards[i].kind;
    EXPECT_EQ(cards[i].connector, kinds.find(cards[i].kind));
  }
  EXPECT_TRUE(built_integration(kinds, "email").ok());
  EXPECT_EQ(built_integration(kinds, "fortnox").error().code(), ErrorCode::kFailedPrecondition);
  EXPECT_EQ(built_integration(kinds, "nonesuch").error().code(), ErrorCode::kNotFound);
}

// A kind that arrives in the registry takes over its planned card.
class FakeFortnox final : public Connector {
 public:
  std::string kind() const override { return "fortnox"; }
  std::string title() const override { return "Fortnox"; }
  std::vector<SettingSpec> settings() const override { return {}; }
  std::vector<FieldError> check_settings(nlohmann::json&) const override { return {}; }
  Status test_connection(const ConnectorSettings&) override { return ok_status(); }
  Result<std::vector<Choice>> choices(const ConnectorSettings&, ChoiceList) override { return std::vector<Choice>{}; }
  Status preflight(const DeliveryPayload&) override { return ok_status(); }
  Result<std::string> deliver(const DeliveryPayload&) override { return std::string("F1"); }
};

TEST(ConnectorRegistry, AKindOfAPlannedNameShowsAsBuilt) {
  DestinationRegistry kinds = connector_registry(no_mail_server());
  kinds.add(std::make_unique<FakeFortnox>());
  int fortnox = 0;
  for (const IntegrationCard& c : integration_cards(kinds))
    if (c.kind == "fortnox") {
      ++fortnox;
      EXPECT_TRUE(c.built);
    }
  EXPECT_EQ(fortnox, 1);
}

TEST(ConnectorRegistry, TheWorkerLeavesOutAKindThatIsNotReadyAndSaysWhy) {
  std::vector<std::string> skipped;
  const DestinationRegistry ready = connector_registry(
      no_mail_server(), Kinds::kReadyOnly, [&](const std::string& kind, const Error& why) {
        skipped.push_back(kind + ": " + why.message());
      });
  EXPECT_EQ(ready.find("email"), nullptr);
  ASSERT_FALSE(skipped.empty());
  EXPECT_NE(skipped[0].find("email: No mail server is configured"), std::string::npos) << skipped[0];
  for (const std::string& s : skipped)  // PowerOffice Go waits for dagbok's keys
    if (s.rfind("poweroffice", 0) == 0) {
      EXPECT_NE(s.find("[poweroffice]"), std::string::npos) << s;
    } else if (s.rfind("visma", 0) == 0) {
      EXPECT_NE(s.find("[visma]"), std::string::npos) << s;
    } else if (s.rfind("24sevenoffice", 0) == 0) {
      EXPECT_NE(s.find("24sevenoffice: dagbok's 24SevenOffice ApplicationId"), std::string::npos) << s;
    }
  EXPECT_NE(connector_registry(with_mail_server(), Kinds::kReadyOnly).find("email"), nullptr);
}

TEST(ConnectorRegistry, TheFileSenderIsTheKindThatSendsFiles) {
  const DestinationRegistry kinds = connector_registry(no_mail_server());
  ASSERT_NE(kinds.file_sender(), nullptr);
  EXPECT_EQ(kinds.file_sender()->kind(), "email");
  DestinationRegistry none;
  none.add(std::make_unique<FakeFortnox>());
  EXPECT_EQ(none.file_sender(), nullptr);
}

TEST(ConnectorRegistry, ChoiceListsByName) {
  for (ChoiceList l : {ChoiceList::kCompanies, ChoiceList::kDepartments, ChoiceList::kAccounts, ChoiceList::kVatCodes,
                       ChoiceList::kVoucherTypes})
    EXPECT_EQ(*parse_choice_list(choice_list_name(l)), l);
  EXPECT_EQ(parse_choice_list("projects").error().code(), ErrorCode::kInvalidArgument);
}

}  // namespace
}  // namespace dagbok
