// The integrations' HTTP client against a real server on loopback: methods,
// headers and bodies both ways, statuses passed on as they are, Retry-After,
// a bounded answer, and "no answer" as Unavailable.
#include "net/http_client.h"

#include <gtest/gtest.h>
#include <httplib.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <thread>

namespace dagbok::net {
namespace {

class HttpClientTest : public ::testing::Test {
 protected:
  void SetUp() override {
    http_.Post("/echo", [](const httplib::Request& rq, httplib::Response& res) {
      res.set_header("X-Method", rq.method);
      res.set_header("X-Auth", rq.get_header_value("Authorization"));
      res.set_header("Set-Cookie", "a=1");
      res.set_header("Set-Cookie", "b=2");
      res.set_content(rq.body, "application/json");
    });
    http_.Delete("/echo", [](const httplib::Request& rq, httplib::Response& res) {
      res.set_content(rq.method, "text/plain");
    });
    http_.Get("/busy", [](const httplib::Request&, httplib::Response& res) {
      res.status = 429;
      res.set_header("Retry-After", "7");
      res.set_content(R"({"message":"Too many requests"})", "application/json");
    });
    http_.Get("/big", [](const httplib::Request&, httplib::Response& res) {
      res.set_content(std::string(1 << 20, 'x'), "text/plain");
    });
    http_.Get("/slow", [](const httplib::Request&, httplib::Response& res) {
      std::this_thread::sleep_for(std::chrono::milliseconds(1500));
      res.set_content("late", "text/plain");
    });
    port_ = http_.bind_to_any_port("127.0.0.1");
    ASSERT_GT(port_, 0);
    thread_ = std::thread([this] { http_.listen_after_bind(); });
    while (!http_.is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  void TearDown() override {
    http_.stop();
    thread_.join();
  }
  std::string url(const std::string& path) const { return "http://127.0.0.1:" + std::to_string(port_) + path; }

  httplib::Server http_;
  int port_ = 0;
  std::thread thread_;
  CurlHttpClient client_;
};

TEST_F(HttpClientTest, SendsMethodHeadersAndBodyAndReadsTheAnswer) {
  const HttpRequest rq = HttpRequest::with_body("POST", url("/echo"), R"({"Beløp":"125,00"})")
                            .header("Authorization", "Basic " + base64_encode("app:client"))
                            .header("Content-Type", "application/json");
  Result<HttpResponse> r = client_.send(rq);
  ASSERT_TRUE(r.ok()) << r.error().message();
  EXPECT_EQ(r->status, 200);
  EXPECT_EQ(r->body, rq.body);
  EXPECT_EQ(r->header("x-method"), std::optional<std::string>("POST"));
  EXPECT_EQ(r->header("X-Auth"), std::optional<std::string>("Basic YXBwOmNsaWVudA=="));
  EXPECT_EQ(r->headers_named("set-cookie"), (std::vector<std::string>{"a=1", "b=2"}));

  HttpRequest del = HttpRequest::with_body("DELETE", url("/echo"), "");
  EXPECT_EQ(client_.send(del)->body, "DELETE");
}

TEST_F(HttpClientTest, AStatusIsAnAnswerNotAnError) {
  Result<HttpResponse> r = client_.send(HttpRequest::get(url("/busy")));
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->status, 429);
  EXPECT_EQ(r->retry_after_seconds(), 7);
  Result<HttpResponse> missing = client_.send(HttpRequest::get(url("/nowhere")));
  ASSERT_TRUE(missing.ok());
  EXPECT_EQ(missing->status, 404);
}

TEST_F(HttpClientTest, AnAnswerOverTheLimitIsNotHeld) {
  HttpRequest rq = HttpRequest::get(url("/big"));
  rq.max_response_bytes = 64 * 1024;
  Result<HttpResponse> r = client_.send(rq);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code(), ErrorCode::kUnavailable);
  EXPECT_NE(r.error().message().find("64 KiB"), std::string::npos) << r.error().message();
  rq.max_response_bytes = 2 << 20;
  EXPECT_EQ(client_.send(rq)->body.size(), size_t{1} << 20);
}

TEST_F(HttpClientTest, NoAnswerIsUnavailableNamingTheHost) {
  HttpRequest slow = HttpRequest::get(url("/slow"));
  slow.timeout = std::chrono::milliseconds(300);
  Result<HttpResponse> late = client_.send(slow);
  ASSERT_FALSE(late.ok());
  EXPECT_EQ(late.error().code(), ErrorCode::kUnavailable);
  EXPECT_NE(late.error().message().find("127.0.0.1"), std::string::npos);

  // A port that was free a moment ago: nobody listens there.
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ASSERT_EQ(::bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a), 0);
  socklen_t len = sizeof a;
  ASSERT_EQ(::getsockname(fd, reinterpret_cast<sockaddr*>(&a), &len), 0);
  ::close(fd);
  HttpRequest nobody = HttpRequest::get("http://127.0.0.1:" + std::to_string(ntohs(a.sin_port)) + "/");
  nobody.timeout = std::chrono::milliseconds(2000);
  Result<HttpResponse> refused = client_.send(nobody);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code(), ErrorCode::kUnavailable);
}

TEST(HttpHelpers, EncodeAsTheStandardsSay) {
  EXPECT_EQ(base64_encode(""), "");
  EXPECT_EQ(base64_encode("f"), "Zg==");
  EXPECT_EQ(base64_encode("fo"), "Zm8=");
  EXPECT_EQ(base64_encode("foo"), "Zm9v");
  EXPECT_EQ(base64_encode("foobar"), "Zm9vYmFy");
  EXPECT_EQ(url_encode("a b&c=ø~"), "a%20b%26c%3D%C3%B8~");
  EXPECT_EQ(form_encode({{"grant_type", "client_credentials"}, {"x", "1 2"}}), "grant_type=client_credentials&x=1%202");
}

}  // namespace
}  // namespace dagbok::net
