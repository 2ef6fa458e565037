// Clients that would make the server slow for others, hold gigabytes or
// crash (issue 14), through a real socket to the server on loopback: the
// body limit in every encoding (chunked, length-less, gzip, a length above
// the route's limit), JSON too deep or too large, slow clients, and the
// replies going out at once (TCP_NODELAY on every accepted socket).
// Bounded in time and memory: a hostile body is streamed until the server
// answers, and the test counts how much of it the server took.
#include <httplib.h>

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <string>
#include <thread>
#include <vector>

#include "integration/server/api_world.h"
#include "integration/server/raw_client.h"

namespace dagbok::server {
namespace {

using namespace testing_server;

constexpr size_t kMiB = size_t{1024} * 1024;
// What a server that stops at its limit takes at most: the limit plus what
// the kernel buffers on both ends of a loopback connection.
constexpr size_t kTakenAtMost = 8 * kMiB;

class ServerHostileTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    world_ = new World();
    server_ = new TestServer(world_->db, world_->clock);
  }
  static void TearDownTestSuite() {
    delete server_;
    delete world_;
  }
  static World* world_;
  static TestServer* server_;
  TestServer& srv() { return *server_; }
  World& w() { return *world_; }
  std::string receipts_path() { return "/api/v1/companies/" + w().a.slug + "/receipts"; }

  // Posts `body` as JSON with the till's token; the answer, whatever it is.
  Answer post_raw_json(const std::string& path, const std::string& body) {
    httplib::Client cli("127.0.0.1", srv().port());
    cli.set_read_timeout(20, 0);
    httplib::Result r = cli.Post(path, {{"Authorization", "Bearer " + w().till_a}}, body, "application/json");
    Answer a;
    if (!r) return a;
    a.status = r->status;
    a.raw = r->body;
    a.body = json::parse(r->body, nullptr, false);
    return a;
  }
  std::string message(const Answer& a) {
    return a.body.is_object() && a.body.contains("error") ? a.body["error"].value("message", "") : a.raw;
  }
};
World* ServerHostileTest::world_ = nullptr;
TestServer* ServerHostileTest::server_ = nullptr;

const std::string kLoginHead =
    "POST /api/v1/auth/login HTTP/1.1\r\nHost: dagbok\r\nContent-Type: application/json\r\n";

std::string chunk_of(size_t n, char c) {
  char size[32];
  std::snprintf(size, sizeof size, "%zx\r\n", n);
  return size + std::string(n, c) + "\r\n";
}

TEST_F(ServerHostileTest, RepliesGoOutAtOnceOnEveryAcceptedSocket) {
  RawClient c(srv().port());
  ASSERT_TRUE(c.connected());
  ASSERT_TRUE(c.send_all("GET /healthz HTTP/1.1\r\nHost: dagbok\r\n\r\n"));
  ASSERT_EQ(RawClient::status_of(c.read_answer()), 200);
  // Without TCP_NODELAY a keep-alive answer waits on the client's delayed
  // ACK (~40 ms a request: 184 requests/s on /healthz).
  std::optional<bool> nodelay = server_side_nodelay(srv().port(), c.local_port());
  ASSERT_TRUE(nodelay.has_value()) << "the server's end of the connection was not found";
  EXPECT_TRUE(*nodelay) << "the accepted socket has no TCP_NODELAY";
}

TEST_F(ServerHostileTest, AChunkedBodyIsCutAtTheRouteLimit) {
  RawClient c(srv().port());
  ASSERT_TRUE(c.send_all(kLoginHead + "Transfer-Encoding: chunked\r\n\r\n"));
  const size_t taken = c.stream([](size_t) { return chunk_of(64 * 1024, ' '); }, 256 * kMiB);
  const std::string answer = c.read_answer();
  EXPECT_EQ(RawClient::status_of(answer), 413) << answer.substr(0, 300);
  EXPECT_LT(taken, kTakenAtMost) << "the server read " << taken / kMiB << " MiB of a chunked login";
  EXPECT_NE(answer.find("too_large"), std::string::npos) << answer.substr(0, 300);
}

TEST_F(ServerHostileTest, ABodyWithoutALengthIsCutAtTheRouteLimit) {
  RawClient c(srv().port());
  ASSERT_TRUE(c.send_all(kLoginHead + "Connection: close\r\n\r\n"));
  const size_t taken = c.stream([](size_t) { return std::string(64 * 1024, ' '); }, 256 * kMiB);
  const std::string answer = c.read_answer();
  // Refused before or while it is read: never read in full.
  EXPECT_LT(taken, kTakenAtMost) << "the server read " << taken / kMiB << " MiB of a login without a length";
  const int status = RawClient::status_of(answer);
  EXPECT_TRUE(status == 411 || status == 413) << answer.substr(0, 300);
}

TEST_F(ServerHostileTest, ALengthAboveTheRouteLimitIsRefusedUnread) {
  RawClient c(srv().port());
  ASSERT_TRUE(c.send_all(kLoginHead + "Content-Length: " + std::to_string(64 * kMiB) + "\r\n\r\n"));
  const size_t taken = c.stream([](size_t) { return std::string(64 * 1024, ' '); }, 64 * kMiB);
  const std::string answer = c.read_answer();
  EXPECT_EQ(RawClient::status_of(answer), 413) << answer.substr(0, 300);
  EXPECT_LT(taken, kTakenAtMost);
  EXPECT_NE(answer.find("KiB"), std::string::npos) << "the answer names the limit: " << answer.substr(0, 300);
}

TEST_F(ServerHostileTest, ALengthThatIsNotANumberIsRefused) {
  RawClient c(srv().port());
  ASSERT_TRUE(c.send_all(kLoginHead + "Content-Length: 12abc\r\n\r\n{}"));
  const std::string answer = c.read_answer();
  EXPECT_EQ(RawClient::status_of(answer), 400) << answer.substr(0, 300);
}

TEST_F(ServerHostileTest, AGzipBodyIsCountedUnpacked) {
  // 8 MiB of spaces gzip to a few KiB: under every limit packed, over the
  // login's limit unpacked.
  httplib::Client cli("127.0.0.1", srv().port());
  cli.set_compress(true);
  cli.set_read_timeout(20, 0);
  httplib::Result r = cli.Post("/api/v1/auth/login", std::string(8 * kMiB, ' '), "application/json");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 413) << r->body;
}

TEST_F(ServerHostileTest, JsonNestedTooDeepIsRefusedBeforeItIsParsed) {
  Answer a = post_raw_json(receipts_path(), std::string(2 * kMiB, '['));
  EXPECT_EQ(a.status, 400) << a.raw.substr(0, 300);
  EXPECT_NE(message(a).find("64 levels"), std::string::npos) << message(a);
}

TEST_F(ServerHostileTest, AReceiptOperatorNested200000DeepIsRefusedAndTheServerLives) {
  const size_t depth = 200000;
  const std::string body = R"({"id": "DEEP-1", "register": "K1", "time": "2026-11-21T10:00:00+01:00", "operator": )" +
                           std::string(depth, '[') + std::string(depth, ']') + R"(, "lines": [], "payments": []})";
  Answer a = post_raw_json(receipts_path(), body);
  EXPECT_EQ(a.status, 400) << a.raw.substr(0, 300);
  EXPECT_NE(message(a).find("operator"), std::string::npos) << message(a);
  EXPECT_EQ(srv().call("GET", "/healthz").status, 200);
}

TEST_F(ServerHostileTest, TooManyJsonElementsAreRefusedBeforeTheyAreParsed) {
  std::string many = "[0";
  for (int i = 0; i < 300000; ++i) many += ",0";
  many += "]";
  Answer a = post_raw_json(receipts_path(), many);
  EXPECT_EQ(a.status, 400) << a.raw.substr(0, 300);
  EXPECT_NE(message(a).find("elements"), std::string::npos) << message(a);
}

TEST_F(ServerHostileTest, AStringFieldRefusesAnArray) {
  const json receipt = {{"id", "ARR-1"},
                        {"register", "K1"},
                        {"operator", json::array({"Anna"})},
                        {"time", "2026-11-21T10:00:00+01:00"},
                        {"lines",
                         json::array({{{"product_group", "Kaffe"},
                                       {"vat_rate", "12"},
                                       {"quantity", "1"},
                                       {"unit_price", "32.00"}}})},
                        {"payments", json::array({{{"method", "card"}, {"amount", "32.00"}}})}};
  Answer a = post_raw_json(receipts_path(), receipt.dump());
  EXPECT_EQ(a.status, 400) << a.raw;
  EXPECT_NE(message(a).find("operator"), std::string::npos) << message(a);
  EXPECT_NE(message(a).find("string"), std::string::npos) << message(a);
}

// Slow clients: each holds a connection and sends one header line now and then.
class Dripper {
 public:
  Dripper(int port, int clients, std::chrono::milliseconds every) {
    for (int i = 0; i < clients; ++i) {
      conns_.push_back(std::make_unique<RawClient>(port));
      conns_.back()->send_all("GET /healthz HTTP/1.1\r\nHost: dagbok\r\n");
    }
    thread_ = std::thread([this, every] {
      while (!stop_) {
        std::this_thread::sleep_for(every);
        for (auto& c : conns_)
          if (!c->send_all("X-Drip: 1\r\n")) ++refused_;
      }
    });
  }
  ~Dripper() {
    stop_ = true;
    thread_.join();
  }
  // Sends refused: the server has closed those connections.
  int refused() const { return refused_; }

 private:
  std::vector<std::unique_ptr<RawClient>> conns_;
  std::atomic<bool> stop_{false};
  std::atomic<int> refused_{0};
  std::thread thread_;
};

TEST(ServerSlowClients, HealthzAnswersWhileSlowClientsHoldTheirConnections) {
  World w;
  TestServer srv(w.db, w.clock);
  Dripper slow(srv.port(), 24, std::chrono::milliseconds(250));
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  httplib::Client cli("127.0.0.1", srv.port());
  cli.set_connection_timeout(3, 0);
  cli.set_read_timeout(3, 0);  // a liveness bound, not a measurement: starved, it never answers
  httplib::Result r = cli.Get("/healthz");
  ASSERT_TRUE(r) << "/healthz did not answer while 24 slow clients held their connections";
  EXPECT_EQ(r->status, 200);
}

TEST(ServerSlowClients, ARequestHeadNotCompleteInTimeIsCutOff) {
  World w;
  ServerOptions o;
  o.header_timeout_ms = 1000;
  TestServer srv(w.db, w.clock, o);
  RawClient c(srv.port());
  ASSERT_TRUE(c.send_all("GET /healthz HTTP/1.1\r\nHost: dagbok\r\n"));
  // One line every 200 ms: each read is quick, the head never ends. The
  // server must close within the header timeout (here 1 s), well before 4 s.
  bool closed = false;
  int drips = 0;
  for (; drips < 20 && !closed; ++drips) {
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    closed = !c.send_all("X-Drip: 1\r\n");
  }
  EXPECT_TRUE(closed) << "a head dripped for 4 s was still being read";
  EXPECT_LT(drips, 20);
}

}  // namespace
}  // namespace dagbok::server
