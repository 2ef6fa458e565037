// The 24SevenOffice kind against its emulator (tests/emulators/24sevenoffice,
// every request validated against the WSDLs): activation with good and bad
// credentials, test_connection, choices, a month of days delivered exactly
// once (journal and ledger), a vendor refusal shown, fixed and re-sent, a
// stale session re-logged once, an unclear outcome looked up before a
// re-post, the rate-limit fault obeyed.
// Requests go through the real HTTP client (net::CurlHttpClient).
#include <gtest/gtest.h>

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include "connectors/24sevenoffice/twentyfourseven_connector.h"
#include "exports/connector_settings.h"

namespace dagbok::twentyfourseven {
namespace {

using nlohmann::json;
namespace fs = std::filesystem;

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::string quote(const std::string& s) {
  std::string out = "'";
  for (char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

class Emulator {
 public:
  explicit Emulator(const fs::path& dir) {
    fs::path port_file = dir / "port";
    pid_ = fork();
    if (pid_ == 0) {
      execl("/usr/bin/python3", "python3", DAGBOK_SOURCE_DIR "/tests/emulators/24sevenoffice/emulator.py", "--specs",
            DAGBOK_SHARED_DIR "/specs", "--port-file", port_file.c_str(), "--user", "kasse@butikk.no:hemmelig",
            static_cast<char*>(nullptr));
      _exit(127);
    }
    for (int i = 0; i < 300 && !fs::exists(port_file); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(50));
    url = "http://127.0.0.1:" + slurp(port_file);
  }
  ~Emulator() {
    if (pid_ > 0) {
      kill(pid_, SIGTERM);
      waitpid(pid_, nullptr, 0);
    }
  }
  json control(const std::string& path, const json& body = nullptr) {
    std::string cmd = "curl -s " + std::string(body.is_null() ? "" : "-X POST --data-binary " + quote(body.dump())) +
                      " " + quote(url + "/_emulator/" + path);
    FILE* f = popen(cmd.c_str(), "r");
    std::string out;
    char buf[4096];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, f)) > 0) out.append(buf, n);
    pclose(f);
    return json::parse(out);
  }
  std::string url;

 private:
  pid_t pid_ = -1;
};

class TwentyFourSevenTest : public ::testing::Test {
 protected:
  TwentyFourSevenTest()
      : dir_(fs::temp_directory_path() / ("tfso-" + std::to_string(getpid()) + "-" +
                                          ::testing::UnitTest::GetInstance()->current_test_info()->name())),
        made_((fs::create_directories(dir_), true)),
        emulator_(dir_),
        http_() {
    host_.env = env_from_map({{"DAGBOK_MASTER_KEY", std::string(64, 'a')},
                              {kApplicationIdVar, "6f1c0000-0000-0000-0000-000000000000"}});
    kind_ = std::make_unique<TwentyFourSevenConnector>(host_, [this]() -> net::HttpClient& { return http_; },
                                                       [](ClientOptions& o) { o.login_interval = std::chrono::seconds(0); });
  }
  ~TwentyFourSevenTest() override { fs::remove_all(dir_); }

  Destination activate(json changes) {
    changes["base_url"] = emulator_.url;
    SettingsMerge m = merge_settings(*kind_, nullptr, changes, &host_);
    EXPECT_TRUE(m.ok()) << (m.ok() ? "" : m.error().message());
    Destination d;
    d.id = 1;
    d.company_id = company_.id;
    d.kind = kKind;
    d.settings_json = m.settings_json;
    d.sealed_secret = m.sealed_secrets;
    return d;
  }
  json good(json extra = json::object()) {
    json j = {{"username", "kasse@butikk.no"}, {"password", "hemmelig"},
              {"company", "22222222-2222-2222-2222-222222222222"}, {"voucher_type", "3"}};
    j.update(extra);
    return j;
  }
  static Voucher day(Date d, int64_t cash_ore) {
    Voucher v;
    v.id = d.days_since_epoch();
    v.date = d;
    v.text = "Dagsoppgjør " + d.to_string();
    const int64_t net = cash_ore * 4 / 5, vat = cash_ore - net;
    v.lines = {{"1900", Money::from_minor(cash_ore), "", "Kontant"},
               {"3001", Money::from_minor(-net), "", "Salg 25 % – blåbær & øl"},
               {"2701", Money::from_minor(-vat), "", "Utgående mva 25 %"}};
    return v;
  }
  Result<std::string> send(const Destination& d, const Voucher& v, const std::string& key) {
    Delivery delivery;
    delivery.id = 1;
    delivery.business_date = v.date;
    delivery.idempotency_key = key;
    DeliveryPayload p{company_, d, delivery, {}, {v}, {}, {}, Instant{}};
    TRY(kind_->preflight(p));
    return kind_->deliver(p);
  }

  fs::path dir_;
  bool made_;
  Emulator emulator_;
  net::CurlHttpClient http_;
  ConnectorHost host_;
  std::unique_ptr<TwentyFourSevenConnector> kind_;
  Company company_ = [] {
    Company c;
    c.id = 5;
    c.name = "Butikken AS";
    c.country = Country::kNorway;
    c.timezone = "Europe/Oslo";
    return c;
  }();
};

TEST_F(TwentyFourSevenTest, SettingsRefuseWhatDagbokHasNoDataFor) {
  for (const char* name : {"invoices", "customers", "products", "stock", "stock_change", "z_report"}) {
    json j = good({{name, "on"}});
    j["base_url"] = emulator_.url;
    SettingsMerge m = merge_settings(*kind_, nullptr, j, &host_);
    ASSERT_EQ(m.problems.size(), 1u) << name;
    EXPECT_EQ(m.problems[0].field, name);
  }
  SettingsMerge bad_url = merge_settings(*kind_, nullptr, good({{"base_url", "api.24sevenoffice.com"}}), &host_);
  ASSERT_FALSE(bad_url.ok());
  EXPECT_EQ(bad_url.problems[0].field, "base_url");
  Destination d = activate(good());
  EXPECT_EQ(d.settings_json.find("hemmelig"), std::string::npos);  // the password is sealed, not plain
  EXPECT_NE(d.sealed_secret.find("password"), std::string::npos);
}

TEST_F(TwentyFourSevenTest, TestConnectionWithGoodAndBadCredentials) {
  Destination d = activate(good());
  Result<ConnectorSettings> s_r = open_settings(d, host_);
  ASSERT_TRUE(s_r.ok());
  const ConnectorSettings& s = *s_r;
  Status ok = kind_->test_connection(s);
  EXPECT_TRUE(ok.ok()) << ok.error().message();
  // The session is reused: a second test logs in no more.
  ASSERT_TRUE(kind_->test_connection(s).ok());
  EXPECT_EQ(emulator_.control("ledger")["logins"], 1);

  Destination bad = activate(good({{"username", "annen@butikk.no"}}));
  Result<ConnectorSettings> sb_r = open_settings(bad, host_);
  ASSERT_TRUE(sb_r.ok());
  const ConnectorSettings& sb = *sb_r;
  Status refused = kind_->test_connection(sb);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code(), ErrorCode::kPermissionDenied);
  EXPECT_NE(refused.error().message().find("annen@butikk.no"), std::string::npos);
  EXPECT_EQ(emulator_.control("ledger")["invalid"], json::array());
}

TEST_F(TwentyFourSevenTest, ChoicesComeFromTheService) {
  Destination d = activate(good());
  Result<ConnectorSettings> s_r = open_settings(d, host_);
  ASSERT_TRUE(s_r.ok());
  const ConnectorSettings& s = *s_r;
  auto names = [&](ChoiceList l) {
    Result<std::vector<Choice>> c = kind_->choices(s, l);
    EXPECT_TRUE(c.ok()) << (c.ok() ? "" : c.error().message());
    std::vector<std::string> out;
    if (c.ok())
      for (const Choice& x : *c) out.push_back(x.id + "=" + x.name);
    return out;
  };
  EXPECT_EQ(names(ChoiceList::kCompanies),
            (std::vector<std::string>{"11111111-1111-1111-1111-111111111111=Butikken AS",
                                      "22222222-2222-2222-2222-222222222222=Butikken Bergen AS"}));
  EXPECT_EQ(names(ChoiceList::kDepartments), (std::vector<std::string>{"7=Butikk Oslo", "8=Butikk Bergen"}));
  EXPECT_EQ(names(ChoiceList::kVoucherTypes), (std::vector<std::string>{"3=3 Dagsoppgjør", "1=1 Diverse"}));
  std::vector<std::string> vat = names(ChoiceList::kVatCodes);
  ASSERT_FALSE(vat.empty());
  EXPECT_EQ(vat[0], "3=3 Utgående mva høy sats (25 %)");
  EXPECT_FALSE(names(ChoiceList::kAccounts).empty());
  EXPECT_EQ(emulator_.control("ledger")["invalid"], json::array());
}

TEST_F(TwentyFourSevenTest, AMonthOfDaysArrivesExactlyOnceAsDagbokBookedThem) {
  Destination journal = activate(good({{"department_id", "7"}}));
  const Date first = Date::from_ymd(2026, 3, 1);
  for (int i = 0; i < 31; ++i) {
    Voucher v = day(first.add_days(i), 100'000 + 137 * i);
    const std::string key = "day-" + v.date.to_string();
    Result<std::string> r1 = send(journal, v, key);
    ASSERT_TRUE(r1.ok()) << r1.error().message();
    ASSERT_TRUE(send(journal, v, key).ok());  // a repeated delivery sends nothing new
  }
  json ledger = emulator_.control("ledger");
  ASSERT_EQ(ledger["bundles"].size(), 31u);
  EXPECT_EQ(ledger["invalid"], json::array());
  EXPECT_EQ(ledger["logins"], 1);
  for (int i = 0; i < 31; ++i) {
    const json& b = ledger["bundles"][i];
    Voucher v = day(first.add_days(i), 100'000 + 137 * i);
    EXPECT_EQ(b["save_option"], 1);  // a journal for approval
    EXPECT_EQ(b["identity"], "22222222-2222-2222-2222-222222222222");
    EXPECT_EQ(b["sort"], "3");
    EXPECT_EQ(b["name"], v.text);
    const json& entries = b["vouchers"][0]["entries"];
    ASSERT_EQ(entries.size(), v.lines.size());
    for (size_t k = 0; k < v.lines.size(); ++k) {
      EXPECT_EQ(entries[k]["account"], v.lines[k].account);
      EXPECT_EQ(entries[k]["amount"], v.lines[k].amount.to_string());
      EXPECT_EQ(entries[k]["date"], v.date.to_string() + "T00:00:00");
      EXPECT_EQ(entries[k]["department"], "7");
      EXPECT_EQ(entries[k]["comment"].get<std::string>().rfind(v.lines[k].text, 0), 0u);
    }
  }
  // Straight to the ledger: SaveOption 0, and found there by GetTransactions.
  Destination ledger_kind = activate(good({{"import_to_ledger", "on"}}));
  ASSERT_TRUE(send(ledger_kind, day(Date::from_ymd(2026, 4, 1), 5000), "ledger-day").ok());
  EXPECT_EQ(emulator_.control("ledger")["bundles"][31]["save_option"], 0);
}

TEST_F(TwentyFourSevenTest, AVendorRefusalIsShownVerbatimFixedAndResent) {
  Destination d = activate(good());
  Voucher v = day(Date::from_ymd(2026, 3, 2), 10'000);
  v.lines[1].account = "3999";  // not in the 24SevenOffice chart
  Result<std::string> r = send(d, v, "gap");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code(), ErrorCode::kFailedPrecondition);
  EXPECT_NE(r.error().message().find("Account 3999"), std::string::npos);
  // A year not set up: the service's own words reach the export log.
  emulator_.control("config", {{"years", {2025}}});
  v.lines[1].account = "3001";
  r = send(d, v, "gap");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message().find("The year 2026 is not set up"), std::string::npos);
  emulator_.control("config", {{"years", {2025, 2026}}});
  ASSERT_TRUE(send(d, v, "gap").ok());
  EXPECT_EQ(emulator_.control("ledger")["bundles"].size(), 1u);
}

TEST_F(TwentyFourSevenTest, AStaleSessionIsLoggedInAgainOnce) {
  Destination d = activate(good());
  ASSERT_TRUE(send(d, day(Date::from_ymd(2026, 3, 3), 1000), "a").ok());
  emulator_.control("expire", json::object());
  ASSERT_TRUE(send(d, day(Date::from_ymd(2026, 3, 4), 1000), "b").ok());
  json l = emulator_.control("ledger");
  EXPECT_EQ(l["logins"], 2);
  EXPECT_EQ(l["bundles"].size(), 2u);
}

TEST_F(TwentyFourSevenTest, AnUnclearOutcomeIsLookedUpNotPostedTwice) {
  Destination d = activate(good({{"import_to_ledger", "on"}}));
  Voucher v = day(Date::from_ymd(2026, 3, 6), 3000);
  // The service saves the bundle, then the answer is lost (a 500).
  emulator_.control("fail", {{"next", 1}, {"status", 500}, {"after", true}, {"op", "SaveBundleList"}});
  Result<std::string> lost = send(d, v, "lost");
  ASSERT_FALSE(lost.ok());
  EXPECT_EQ(lost.error().code(), ErrorCode::kUnavailable);
  EXPECT_NE(lost.error().message().find("Server was unable to process request."), std::string::npos);
  // The next attempt looks the voucher up by its marker and sends nothing.
  Result<std::string> again = send(d, v, "lost");
  ASSERT_TRUE(again.ok()) << again.error().message();
  EXPECT_NE(again->find("dagbok:lost/"), std::string::npos);
  EXPECT_EQ(emulator_.control("ledger")["bundles"].size(), 1u);

  // In journal mode nothing can be looked up: dagbok stops and says what to check.
  Destination j = activate(good());
  emulator_.control("fail", {{"next", 1}, {"status", 500}, {"after", true}, {"op", "SaveBundleList"}});
  Voucher w = day(Date::from_ymd(2026, 3, 7), 4000);
  ASSERT_FALSE(send(j, w, "journal-lost").ok());
  Result<std::string> stop = send(j, w, "journal-lost");
  ASSERT_FALSE(stop.ok());
  EXPECT_EQ(stop.error().code(), ErrorCode::kFailedPrecondition);
  EXPECT_NE(stop.error().message().find("Bilagsmottak"), std::string::npos);
  EXPECT_EQ(emulator_.control("ledger")["bundles"].size(), 2u);
}

TEST_F(TwentyFourSevenTest, TheRateLimitFaultWaitsInsteadOfHammering) {
  Destination d = activate(good());
  emulator_.control("config", {{"hourly_limit", 2}});
  Result<std::string> r = send(d, day(Date::from_ymd(2026, 3, 7), 1000), "limited");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code(), ErrorCode::kUnavailable);
  EXPECT_NE(r.error().message().find("Limit exceeded"), std::string::npos);
  EXPECT_GT(r.error().retry_after_seconds(), 0);
}

}  // namespace
}  // namespace dagbok::twentyfourseven
