// The PowerOffice Go kind against its emulator (tests/emulators/poweroffice,
// every request validated against the published contract), through the real
// export engine on a real SQLite store with the demo shop's Norwegian books:
// activation with good and bad keys, the wizard's lists, a month delivered
// exactly once and equal to the books (posted and draft, the PDF attached),
// a mapping gap and a vendor error shown, fixed and sent again, token expiry
// mid-run, a 429 storm, an account id PowerOffice no longer knows, and a
// draft whose answer was lost not posted twice.
#include <gtest/gtest.h>

#include <map>
#include <set>

#include "connectors/poweroffice/poweroffice_connector.h"
#include "connectors/poweroffice/poweroffice_vouchers.h"
#include "demo/demo_shop.h"
#include "exports/connector_settings.h"
#include "exports/engine.h"
#include "exports/integrations.h"
#include "support/poweroffice_emulator.h"
#include "support/temp_dir.h"

namespace dagbok::poweroffice {
namespace {

using nlohmann::json;
using testing_support::PowerOfficeEmulator;
using testing_support::TempDir;

constexpr const char* kHexKey = "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f";

ConnectorHost host_with(const std::string& toml) {
  ConnectorHost host;
  host.env = env_from_map({{"DAGBOK_MASTER_KEY", kHexKey}});
  host.config = [toml, env = host.env] { return parse_config(toml, "/etc/dagbok/dagbok.toml", env); };
  return host;
}

std::string keys_toml() {
  return std::string("[poweroffice]\napplication_key = \"") + PowerOfficeEmulator::kAppKey +
         "\"\nsubscription_key = \"" + PowerOfficeEmulator::kSubscriptionKey + "\"\n";
}

class PowerOfficeTest : public ::testing::Test {
 protected:
  void SetUp() override {
    host_ = host_with(keys_toml());
    state_ = std::make_shared<ConnectorState>(std::make_unique<MemoryConnectorStateStore>());
    auto kind = std::make_unique<PowerOfficeConnector>(host_, std::make_shared<net::CurlHttpClient>(), state_,
                                                       [this](std::chrono::milliseconds d) {
                                                         waited_ += d;
                                                         std::this_thread::sleep_for(d);
                                                       });
    kind_ = kind.get();
    registry_.add(std::move(kind));
  }

  ConnectorSettings settings(const std::string& client_key, const std::string& mode = "posted") {
    ConnectorSettings s;
    s.values = {{"base_url", po_.base_url()}, {"voucher_mode", mode}, {"vat_code", "0"}};
    s.secrets["client_key"] = client_key;
    return s;
  }

  // The demo shop's Norwegian books, `days` closed days.
  void books(int days) {
    store_ = *open_store(dir_.file("books.db"));
    DemoOptions o;
    o.country = Country::kNorway;
    o.days = days;
    o.end = Date::from_ymd(2026, 3, days);
    Result<DemoResult> demo = run_demo(*store_, o, clock_, nullptr);
    ASSERT_TRUE(demo.ok()) << demo.error().message();
    demo_ = *demo;
    // The client has every account the books use (a test removes one).
    std::set<int> have;
    const json before = po_.ledger();
    for (const json& a : before["accounts"]) have.insert(a["AccountNo"].get<int>());
    json add = json::array();
    const std::vector<Account> chart = *store_->accounts(demo_.company.id);
    for (const Account& a : chart)
      if (!a.number.empty() && a.number.find_first_not_of("0123456789") == std::string::npos &&
          !have.count(std::stoi(a.number))) add.push_back({{"AccountNo", std::stoi(a.number)}, {"Name", a.name}});
    po_.knob("/_emulator/accounts", {{"add", add}});
  }

  void activate(const std::string& mode) {
    SettingsMerge m = merge_settings(*kind_, nullptr,
                                     {{"client_key", PowerOfficeEmulator::kClientKey}, {"base_url", po_.base_url()},
                                      {"voucher_mode", mode}},
                                     &host_);
    ASSERT_TRUE(m.ok()) << m.error().message();
    IntegrationSpec spec;
    spec.kind = "poweroffice";
    spec.from_date = demo_.from;
    spec.lock_from_date = true;
    spec.settings_json = m.settings_json;
    spec.sealed_secret = m.sealed_secrets;
    spec.max_attempts = 3;
    Result<ActivationResult> r = activate_integration(*store_, demo_.company, spec, clock_);
    ASSERT_TRUE(r.ok()) << r.error().message();
  }

  RunStats run() {
    ExportEngine engine(*store_, registry_, clock_);
    Result<RunStats> r = engine.run_once();
    EXPECT_TRUE(r.ok()) << r.error().message();
    return r.ok() ? *r : RunStats{};
  }

  std::vector<Delivery> deliveries() { return *store_->deliveries(demo_.company.id, std::nullopt, 1000); }
  std::vector<Voucher> booked() { return *store_->vouchers(demo_.company.id, std::nullopt, std::nullopt); }

  // What arrived, keyed by dagbok's reference, as "date|text|account amount text;…".
  static std::string shape(const std::string& date, const std::string& text, const json& lines) {
    std::string s = date.substr(0, 10) + "|" + text + "|";
    for (const json& l : lines)
      s += std::to_string(l["AccountNo"].get<int>()) + " " + l["Amount"].get<std::string>() + " " +
           l["Description"].get<std::string>() + ";";
    return s;
  }
  std::string shape(const Voucher& v) {
    json lines = json::array();
    for (const VoucherLine& l : v.lines)
      if (!l.amount.is_zero())
        lines.push_back({{"AccountNo", std::stoi(l.account)}, {"Amount", l.amount.to_string()},
                         {"Description", l.text.empty() ? v.text : l.text}});
    return shape(v.date.to_string(), v.text, lines);
  }

  void expect_no_violations() {
    const json l = po_.ledger();
    EXPECT_TRUE(l["violations"].empty()) << l["violations"].dump(1);
  }

  TempDir dir_{"dagbok-poweroffice"};
  PowerOfficeEmulator po_{dir_.path()};
  FixedClock clock_{*Instant::parse_rfc3339("2026-04-02T09:00:00+02:00")};
  ConnectorHost host_;
  std::shared_ptr<ConnectorState> state_;
  DestinationRegistry registry_;
  PowerOfficeConnector* kind_ = nullptr;
  std::chrono::milliseconds waited_{0};
  std::unique_ptr<Store> store_;
  DemoResult demo_;
};

TEST_F(PowerOfficeTest, SaysWhatItNeedsAndFreezesTheStartDate) {
  EXPECT_EQ(kind_->kind(), "poweroffice");
  EXPECT_EQ(kind_->start_date(), StartDate::kFrozenOnceSaved);
  std::map<std::string, SettingSpec> specs;
  for (const SettingSpec& s : kind_->settings()) specs.emplace(s.name, s);
  ASSERT_TRUE(specs.count("client_key"));
  EXPECT_EQ(specs.at("client_key").secret, Secret::kYes);
  EXPECT_EQ(specs.at("client_key").step, "credentials");
  EXPECT_EQ(specs.at("voucher_mode").values, (std::vector<std::string>{"draft", "posted"}));
  EXPECT_EQ(specs.at("vat_code").choices, ChoiceList::kVatCodes);
  json values = json::object();
  EXPECT_TRUE(kind_->check_settings(values).empty());
  EXPECT_EQ(values["base_url"], "https://goapi.poweroffice.net");
  EXPECT_EQ(values["voucher_mode"], "draft");
  json bad = {{"base_url", "goapi.poweroffice.net"}, {"voucher_mode", "ledger"}};
  const std::vector<FieldError> problems = kind_->check_settings(bad);
  ASSERT_EQ(problems.size(), 2u);
  EXPECT_EQ(problems[0].field, "base_url");
  EXPECT_EQ(problems[1].field, "voucher_mode");

  // Without dagbok's own keys the kind is not ready, and says where to add them.
  PowerOfficeConnector unconfigured(host_with(""));
  const Status ready = unconfigured.ready();
  ASSERT_FALSE(ready.ok());
  EXPECT_EQ(ready.error().code(), ErrorCode::kFailedPrecondition);
  EXPECT_NE(ready.error().message().find("[poweroffice]"), std::string::npos) << ready.error().message();
  EXPECT_NE(ready.error().message().find("/etc/dagbok/dagbok.toml"), std::string::npos);
  PowerOfficeConnector no_subscription(host_with("[poweroffice]\napplication_key = \"a\"\n"));
  EXPECT_NE(no_subscription.ready().error().message().find("subscription_key"), std::string::npos);
}

TEST_F(PowerOfficeTest, TestIntegrationRefusesAWrongClientKeyInPowerOfficesWords) {
  const Status bad = kind_->test_connection(settings("not-the-key"));
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().code(), ErrorCode::kPermissionDenied);
  EXPECT_NE(bad.error().message().find("Client integration not found. Please ensure the provided keys are matching "
                                       "the desired environment."),
            std::string::npos)
      << bad.error().message();
  const Status good = kind_->test_connection(settings(PowerOfficeEmulator::kClientKey));
  EXPECT_TRUE(good.ok()) << good.error().message();
  // The token is reused: a second test asks for none.
  EXPECT_TRUE(kind_->test_connection(settings(PowerOfficeEmulator::kClientKey)).ok());
  const json l = po_.ledger();
  EXPECT_EQ(l["counts"]["POST /OAuth/Token"], 2);  // the refused one and one good
  EXPECT_EQ(l["counts"]["GET /v2/ClientIntegrationInformation"], 2);
  EXPECT_TRUE(l["vouchers"].empty());
  EXPECT_TRUE(l["drafts"].empty());
}

TEST_F(PowerOfficeTest, OffersTheClientsAccountsVatCodesAndName) {
  const ConnectorSettings s = settings(PowerOfficeEmulator::kClientKey);
  Result<std::vector<Choice>> accounts = kind_->choices(s, ChoiceList::kAccounts);
  ASSERT_TRUE(accounts.ok()) << accounts.error().message();
  std::set<std::string> ids;
  for (const Choice& c : *accounts) ids.insert(c.id);
  EXPECT_TRUE(ids.count("3000") && ids.count("1900")) << accounts->size();
  Result<std::vector<Choice>> vat = kind_->choices(s, ChoiceList::kVatCodes);
  ASSERT_TRUE(vat.ok());
  ASSERT_FALSE(vat->empty());
  EXPECT_EQ((*vat)[0].id, "0");
  Result<std::vector<Choice>> company = kind_->choices(s, ChoiceList::kCompanies);
  ASSERT_TRUE(company.ok());
  ASSERT_EQ(company->size(), 1u);
  EXPECT_EQ((*company)[0].name, "Kaffebaren Bergen AS");
}

TEST_F(PowerOfficeTest, AMonthPostedExactlyOnceEqualToTheBooksWithThePdf) {
  books(30);
  activate("posted");
  const RunStats first = run();
  EXPECT_EQ(first.failed + first.retrying + first.waiting, 0);
  for (const Delivery& d : deliveries()) EXPECT_EQ(d.status, DeliveryStatus::kDelivered) << d.last_error;
  std::map<std::string, std::string> want;
  for (const Voucher& v : booked()) want[voucher_reference(demo_.company.id, v)] = shape(v);
  ASSERT_GE(want.size(), 30u);

  // Once more: the whole month queued again and every day re-sent by hand.
  ASSERT_TRUE(request_manual_export(*store_, demo_.company, "poweroffice", clock_).ok());
  ASSERT_TRUE(resend_day(*store_, demo_.company, "poweroffice", demo_.from, clock_).ok());
  run();

  const json l = po_.ledger();
  std::map<std::string, std::string> got;
  for (const json& v : l["vouchers"]) {
    const std::string ref = v["ExternalImportReference"];
    EXPECT_FALSE(got.count(ref)) << ref << " twice";
    got[ref] = shape(v["VoucherDate"], v["Description"], v["Lines"]);
    EXPECT_EQ(v["CurrencyCode"], "NOK");
    ASSERT_TRUE(l["documents"].contains(v["Id"].get<std::string>())) << "no PDF on " << ref;
    EXPECT_GT(l["documents"][v["Id"].get<std::string>()][0]["bytes"].get<int>(), 1000);
  }
  EXPECT_EQ(got, want);
  EXPECT_TRUE(l["drafts"].empty());
  EXPECT_EQ(l["counts"]["POST /OAuth/Token"], 1) << "one token for the month";
  expect_no_violations();
}

TEST_F(PowerOfficeTest, DraftsCarryTheirPdfAndALostAnswerIsLookedUpNotPostedAgain) {
  books(3);
  activate("draft");
  run();
  for (const Delivery& d : deliveries()) EXPECT_EQ(d.status, DeliveryStatus::kDelivered) << d.last_error;
  json l = po_.ledger();
  const std::vector<Voucher> vs = booked();
  ASSERT_EQ(l["drafts"].size(), vs.size());
  std::map<std::string, std::string> want, got;
  for (const Voucher& v : vs) want[v.date.to_string() + v.text] = shape(v);
  for (const json& d : l["drafts"]) {
    got[d["VoucherDate"].get<std::string>() + d["Description"].get<std::string>()] =
        shape(d["VoucherDate"], d["Description"], d["Lines"]);
    EXPECT_EQ(d["Pages"].size(), 1u);
  }
  EXPECT_EQ(got, want);
  EXPECT_TRUE(l["vouchers"].empty());

  // The worker died after PowerOffice stored the draft and before dagbok
  // wrote down its id: only "sending" is left. The re-send finds the draft.
  for (const Voucher& v : vs) {
    const std::string ref = voucher_reference(demo_.company.id, v);
    ASSERT_TRUE(state_->erase(demo_.company.id, "poweroffice", "made:" + ref).ok());
    ASSERT_TRUE(state_->erase(demo_.company.id, "poweroffice", "sent:" + ref).ok());
  }
  for (Date d = demo_.from; d <= demo_.to; d = d.add_days(1))
    ASSERT_TRUE(resend_day(*store_, demo_.company, "poweroffice", d, clock_).ok());
  run();
  l = po_.ledger();
  EXPECT_EQ(l["drafts"].size(), vs.size()) << "a draft was posted twice";
  for (const Delivery& d : deliveries()) EXPECT_EQ(d.status, DeliveryStatus::kDelivered) << d.last_error;
  expect_no_violations();
}

TEST_F(PowerOfficeTest, AMissingAccountIsNamedFixedAndSentAgain) {
  books(2);
  // The client lacks the account dagbok books card payments on.
  std::string card_account;
  for (const Voucher& v : booked())
    for (const VoucherLine& l : v.lines)
      if (card_account.empty() && l.account.rfind("15", 0) == 0) card_account = l.account;
  ASSERT_FALSE(card_account.empty());
  po_.knob("/_emulator/accounts", {{"remove", {card_account}}});
  activate("posted");
  run();
  std::vector<Delivery> ds = deliveries();
  ASSERT_FALSE(ds.empty());
  for (const Delivery& d : ds) {
    EXPECT_NE(d.status, DeliveryStatus::kDelivered);
    EXPECT_NE(d.last_error.find("Account " + card_account), std::string::npos) << d.last_error;
  }
  EXPECT_TRUE(po_.ledger()["vouchers"].empty());

  // The merchant creates it in PowerOffice Go and imports again.
  po_.knob("/_emulator/accounts", {{"add", {{{"AccountNo", std::stoi(card_account)}, {"Name", "Kortkrav"}}}}});
  for (Date d = demo_.from; d <= demo_.to; d = d.add_days(1))
    ASSERT_TRUE(resend_day(*store_, demo_.company, "poweroffice", d, clock_).ok());
  ASSERT_TRUE(request_manual_export(*store_, demo_.company, "poweroffice", clock_).ok());
  run();
  EXPECT_EQ(po_.ledger()["vouchers"].size(), booked().size());
  expect_no_violations();
}

TEST_F(PowerOfficeTest, TheVendorsMessageIsKeptVerbatim) {
  books(1);
  po_.knob("/_emulator/fail",
           {{"next", 1}, {"status", 400}, {"path", "Vouchers/ManualJournals"},
            {"body", {{"title", "Voucher validation error(s)"}, {"detail", "The accounting period 2026-03 is locked."}}}});
  activate("posted");
  run();
  const std::vector<Delivery> ds = deliveries();
  ASSERT_EQ(ds.size(), 1u);
  EXPECT_NE(ds[0].status, DeliveryStatus::kDelivered);
  EXPECT_NE(ds[0].last_error.find("Voucher validation error(s): The accounting period 2026-03 is locked."),
            std::string::npos)
      << ds[0].last_error;
  // Sent again once the period is open: delivered, once.
  ASSERT_TRUE(resend_day(*store_, demo_.company, "poweroffice", demo_.from, clock_).ok());
  run();
  EXPECT_EQ(po_.ledger()["vouchers"].size(), booked().size());
}

TEST_F(PowerOfficeTest, AnExpiredTokenIsRenewedAndA429StormIsWaitedOut) {
  books(4);
  activate("posted");
  po_.knob("/_emulator/expire_tokens");
  // A token obtained now, then expired behind dagbok's back mid-run.
  ASSERT_TRUE(kind_->test_connection(settings(PowerOfficeEmulator::kClientKey)).ok());
  po_.knob("/_emulator/expire_tokens");
  po_.knob("/_emulator/fail", {{"next", 3}, {"status", 429}, {"path", "ManualJournals"}, {"retry_after", 1}});
  run();
  for (const Delivery& d : deliveries()) EXPECT_EQ(d.status, DeliveryStatus::kDelivered) << d.last_error;
  const json l = po_.ledger();
  EXPECT_EQ(l["vouchers"].size(), booked().size());
  EXPECT_EQ(l["counts"]["POST /OAuth/Token"], 2);
  EXPECT_GE(waited_, std::chrono::milliseconds(3000)) << "Retry-After obeyed";
  expect_no_violations();
}

TEST_F(PowerOfficeTest, AnAccountIdPowerOfficeNoLongerKnowsIsResolvedAgain) {
  books(2);
  activate("posted");
  run();  // resolves the ids and keeps them
  const size_t arrived = po_.ledger()["vouchers"].size();
  ASSERT_EQ(arrived, booked().size());
  const int lookups = po_.ledger()["counts"]["GET /v2/GeneralLedgerAccounts"];
  // PowerOffice renumbers its accounts; dagbok forgot that the second day
  // arrived (as after a crash), so it sends it again with the old ids.
  po_.knob("/_emulator/accounts", {{"renumber_ids", true}});
  const Date second = demo_.from.add_days(1);
  for (const Voucher& v : booked())
    if (v.date == second) {
      const std::string ref = voucher_reference(demo_.company.id, v);
      ASSERT_TRUE(state_->erase(demo_.company.id, "poweroffice", "made:" + ref).ok());
      ASSERT_TRUE(state_->erase(demo_.company.id, "poweroffice", "sent:" + ref).ok());
    }
  ASSERT_TRUE(resend_day(*store_, demo_.company, "poweroffice", second, clock_).ok());
  run();
  for (const Delivery& d : deliveries()) EXPECT_EQ(d.status, DeliveryStatus::kDelivered) << d.last_error;
  const json l = po_.ledger();
  EXPECT_EQ(l["vouchers"].size(), arrived) << "recognised by its ExternalImportReference, not doubled";
  EXPECT_GT(l["counts"]["GET /v2/GeneralLedgerAccounts"].get<int>(), lookups) << "the ids were read again";
}

}  // namespace
}  // namespace dagbok::poweroffice
