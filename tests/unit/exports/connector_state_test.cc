// ConnectorState: values that expire, and token buckets shared through the
// store (two ConnectorStates on one database share one budget).
#include "exports/connector_state.h"

#include <gtest/gtest.h>

#include <filesystem>

#include "books/company.h"
#include "exports/connector.h"
#include "store/store.h"

namespace dagbok {
namespace {

using std::chrono::milliseconds;

struct FakeTime {
  int64_t now = 1'800'000'000'000;
  int64_t slept = 0;
  ConnectorState::Time time() {
    return {[this] { return now; }, [this](milliseconds d) { now += d.count(); slept += d.count(); }};
  }
};

TEST(RateBucket, StartsFullTakesOneAndRefillsByTheTime) {
  const RateLimit ten_per_second{10, milliseconds(100)};
  std::optional<RateBucket> b;
  for (int i = 0; i < 10; ++i) {
    RateTake t = take_rate_token(b, ten_per_second, 1000);
    EXPECT_EQ(t.wait.count(), 0) << i;
    b = t.bucket;
  }
  RateTake empty = take_rate_token(b, ten_per_second, 1000);
  EXPECT_EQ(empty.wait.count(), 100);
  RateTake later = take_rate_token(empty.bucket, ten_per_second, 1100);
  EXPECT_EQ(later.wait.count(), 0);
  // A clock that went back refills nothing and never goes negative.
  RateTake back = take_rate_token(later.bucket, ten_per_second, 500);
  EXPECT_EQ(back.wait.count(), 100);
  // Long idle refills only up to the burst.
  RateTake idle = take_rate_token(back.bucket, ten_per_second, 10'000'000);
  EXPECT_EQ(idle.bucket.milli_tokens, 9000);
}

TEST(ConnectorState, ValuesExpire) {
  FakeTime clock;
  ConnectorState s(std::make_unique<MemoryConnectorStateStore>(), clock.time());
  ASSERT_TRUE(s.put(1, "poweroffice", "token", "abc", std::chrono::minutes(19)).ok());
  ASSERT_TRUE(s.put(2, "poweroffice", "token", "other").ok());
  EXPECT_EQ(s.get(1, "poweroffice", "token").value(), std::optional<std::string>("abc"));
  clock.now += 19 * 60 * 1000;
  EXPECT_EQ(s.get(1, "poweroffice", "token").value(), std::nullopt);
  EXPECT_EQ(s.get(2, "poweroffice", "token").value(), std::optional<std::string>("other"));
  ASSERT_TRUE(s.erase(2, "poweroffice", "token").ok());
  EXPECT_EQ(s.get(2, "poweroffice", "token").value(), std::nullopt);
}

TEST(ConnectorState, AcquireWaitsOrSaysWhenToComeBack) {
  FakeTime clock;
  ConnectorState s(std::make_unique<MemoryConnectorStateStore>(), clock.time());
  const RateLimit two_per_second{2, milliseconds(500)};
  for (int i = 0; i < 6; ++i) ASSERT_TRUE(s.acquire("k", two_per_second, milliseconds(10'000)).ok());
  EXPECT_EQ(clock.slept, 2000);  // 2 at once, then one per 500 ms
  Status refused = s.acquire("k", two_per_second, milliseconds(100));
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code(), ErrorCode::kUnavailable);
  EXPECT_EQ(refused.error().retry_after_seconds(), 1);
}

TEST(ConnectorState, TwoProcessesOnOneDatabaseShareValuesAndBudgets) {
  const std::filesystem::path dir = std::filesystem::temp_directory_path() /
                                    ("dagbok-state-" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) +
                                     "-" + std::to_string(reinterpret_cast<uintptr_t>(&dir)));
  std::filesystem::create_directories(dir);
  const std::string db = (dir / "books.db").string();
  int64_t company = 0;
  {
    std::unique_ptr<Store> store = open_store(db).value();
    Company c;
    c.slug = "kaffebaren";
    c.name = "Kaffebaren AB";
    c.orgnr = "556677-8899";
    c.timezone = "Europe/Stockholm";
    company = store->create_company(c).value();
  }
  ConnectorHost host;
  host.state_store = [db]() -> Result<std::unique_ptr<ConnectorStateStore>> {
    ASSIGN_OR_RETURN(std::unique_ptr<Store> s, open_store(db));
    return std::unique_ptr<ConnectorStateStore>(std::move(s));
  };
  FakeTime clock;
  ConnectorState a(host, clock.time());
  ConnectorState b(host, clock.time());
  ASSERT_TRUE(a.put(company, "24sevenoffice", "session", "ASP.NET_SessionId=x", milliseconds(60'000)).ok());
  EXPECT_EQ(b.get(company, "24sevenoffice", "session").value(), std::optional<std::string>("ASP.NET_SessionId=x"));
  const RateLimit three{3, milliseconds(1000)};
  ASSERT_TRUE(a.acquire("poweroffice:key", three, milliseconds(0)).ok());
  ASSERT_TRUE(b.acquire("poweroffice:key", three, milliseconds(0)).ok());
  ASSERT_TRUE(a.acquire("poweroffice:key", three, milliseconds(0)).ok());
  EXPECT_FALSE(b.acquire("poweroffice:key", three, milliseconds(0)).ok());  // the shared budget is spent
  EXPECT_TRUE(b.acquire("other:key", three, milliseconds(0)).ok());
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace dagbok
