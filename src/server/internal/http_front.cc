#include "server/internal/http_front.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <condition_variable>
#include <cstring>
#include <deque>
#include <mutex>
#include <thread>
#include <vector>

namespace dagbok::server {

namespace {

using Clock = std::chrono::steady_clock;

// Workers that grow with the work: a job waits only when `max` threads are
// busy. Threads stay once started (at most `max`), idle on the condition.
class ElasticPool : public httplib::TaskQueue {
 public:
  ElasticPool(size_t min, size_t max) : max_(std::max<size_t>(1, max)) {
    std::lock_guard<std::mutex> lock(mu_);
    for (size_t i = 0; i < std::min(min, max_); ++i) threads_.emplace_back([this] { work(); });
  }
  ~ElasticPool() override { shutdown(); }

  void enqueue(std::function<void()> fn) override {
    std::lock_guard<std::mutex> lock(mu_);
    jobs_.push_back(std::move(fn));
    if (jobs_.size() > idle_ && threads_.size() < max_) threads_.emplace_back([this] { work(); });
    cv_.notify_one();
  }

  void shutdown() override {
    std::vector<std::thread> all;
    {
      std::lock_guard<std::mutex> lock(mu_);
      stopping_ = true;
      all.swap(threads_);
    }
    cv_.notify_all();
    for (std::thread& t : all) t.join();
  }

 private:
  void work() {
    for (;;) {
      std::function<void()> fn;
      {
        std::unique_lock<std::mutex> lock(mu_);
        ++idle_;
        cv_.wait(lock, [this] { return !jobs_.empty() || stopping_; });
        --idle_;
        if (jobs_.empty()) return;  // stopping, nothing left to do
        fn = std::move(jobs_.front());
        jobs_.pop_front();
      }
      fn();
    }
  }

  const size_t max_;
  std::mutex mu_;
  std::condition_variable cv_;
  std::deque<std::function<void()>> jobs_;
  std::vector<std::thread> threads_;
  size_t idle_ = 0;
  bool stopping_ = false;
};

std::string address_text(const sockaddr_storage& a) {
  char text[INET6_ADDRSTRLEN] = {};
  if (a.ss_family == AF_INET)
    ::inet_ntop(AF_INET, &reinterpret_cast<const sockaddr_in&>(a).sin_addr, text, sizeof text);
  else if (a.ss_family == AF_INET6)
    ::inet_ntop(AF_INET6, &reinterpret_cast<const sockaddr_in6&>(a).sin6_addr, text, sizeof text);
  return text;
}

int port_of(const sockaddr_storage& a) {
  if (a.ss_family == AF_INET) return ntohs(reinterpret_cast<const sockaddr_in&>(a).sin_port);
  if (a.ss_family == AF_INET6) return ntohs(reinterpret_cast<const sockaddr_in6&>(a).sin6_port);
  return -1;
}

// One accepted connection as cpp-httplib's Stream: buffered reads under the
// request's deadline and byte allowance.
class Connection : public httplib::Stream {
 public:
  Connection(socket_t sock, const FrontLimits& limits, std::chrono::milliseconds read_timeout,
             std::chrono::milliseconds write_timeout)
      : sock_(sock), limits_(limits), read_timeout_(read_timeout), write_timeout_(write_timeout) {}

  // Waits up to `idle` for the next request; false when none comes, the
  // client closed or the server stops (`listening` turns false).
  template <class StillListening>
  bool wait_for_request(std::chrono::milliseconds idle, StillListening listening) {
    if (off_ < len_) return true;
    const auto until = Clock::now() + idle;
    while (listening()) {
      const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(until - Clock::now());
      if (left.count() <= 0) return false;
      pollfd p{sock_, POLLIN, 0};
      const int r = ::poll(&p, 1, static_cast<int>(std::min<int64_t>(left.count(), 100)));
      if (r > 0) return true;  // a request, or the close, which the read then sees
      if (r < 0 && errno != EINTR) return false;
    }
    return false;
  }

  void begin_request() {
    deadline_ = Clock::now() + limits_.header_timeout;
    allowance_ = limits_.max_head_bytes;
    over_ = false;
  }
  void expect_body(size_t raw_bytes) {
    deadline_ = Clock::now() + limits_.body_timeout;
    allowance_ = raw_bytes;
  }
  bool over_budget() const { return over_; }
  void close_after_answer() { close_after_ = true; }
  bool must_close() const { return close_after_ || over_ || broken_; }

  // After a cut request the client may still be sending: stop writing, read
  // briefly what it sends until it sees the answer, then close, so that the
  // answer is not lost to a reset.
  void finish() {
    if (must_close()) {
      ::shutdown(sock_, SHUT_WR);
      const auto until = Clock::now() + std::chrono::milliseconds(500);
      size_t drained = 0;
      while (drained < 4 * 1024 * 1024 && Clock::now() < until) {
        pollfd p{sock_, POLLIN, 0};
        if (::poll(&p, 1, 100) <= 0) continue;
        const ssize_t n = ::recv(sock_, buf_.data(), buf_.size(), 0);
        if (n <= 0) break;
        drained += static_cast<size_t>(n);
      }
    }
    ::shutdown(sock_, SHUT_RDWR);
    ::close(sock_);
  }

  bool is_readable() const override { return off_ < len_ || wait(POLLIN, read_wait()); }
  bool is_writable() const override { return wait(POLLOUT, write_timeout_); }

  ssize_t read(char* ptr, size_t size) override {
    if (allowance_ == 0) {
      over_ = true;
      return -1;
    }
    size = std::min(size, allowance_);
    if (off_ == len_) {
      // A read that fails (the deadline, the read timeout, the client gone)
      // leaves the request half read: the connection ends after it.
      if (Clock::now() >= deadline_ || !wait(POLLIN, read_wait())) {
        broken_ = true;
        return -1;
      }
      ssize_t n;
      do n = ::recv(sock_, buf_.data(), buf_.size(), 0);
      while (n < 0 && errno == EINTR);
      if (n <= 0) {
        broken_ = true;
        return n;
      }
      off_ = 0;
      len_ = static_cast<size_t>(n);
    }
    const size_t give = std::min(size, len_ - off_);
    std::memcpy(ptr, buf_.data() + off_, give);
    off_ += give;
    allowance_ -= give;
    return static_cast<ssize_t>(give);
  }

  ssize_t write(const char* ptr, size_t size) override {
    if (!is_writable()) return -1;
    ssize_t n;
    do n = ::send(sock_, ptr, size, MSG_NOSIGNAL);
    while (n < 0 && errno == EINTR);
    return n;
  }

  void get_remote_ip_and_port(std::string& ip, int& port) const override { end_of(::getpeername, ip, port); }
  void get_local_ip_and_port(std::string& ip, int& port) const override { end_of(::getsockname, ip, port); }
  socket_t socket() const override { return sock_; }

 private:
  // One end of the connection (getpeername or getsockname) as address and port.
  void end_of(int (*name)(int, sockaddr*, socklen_t*), std::string& ip, int& port) const {
    sockaddr_storage a{};
    socklen_t len = sizeof a;
    if (name(sock_, reinterpret_cast<sockaddr*>(&a), &len) != 0) return;
    ip = address_text(a);
    port = port_of(a);
  }
  // The read timeout, or less when the request's deadline comes first.
  std::chrono::milliseconds read_wait() const {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline_ - Clock::now());
    return std::max(std::chrono::milliseconds(0), std::min(left, read_timeout_));
  }
  bool wait(short events, std::chrono::milliseconds timeout) const {
    for (;;) {
      pollfd p{sock_, events, 0};
      const int r = ::poll(&p, 1, static_cast<int>(timeout.count()));
      if (r < 0 && errno == EINTR) continue;
      return r > 0;
    }
  }

  socket_t sock_;
  const FrontLimits& limits_;
  std::chrono::milliseconds read_timeout_, write_timeout_;
  std::array<char, 16 * 1024> buf_{};
  size_t off_ = 0, len_ = 0;
  Clock::time_point deadline_ = Clock::now();
  size_t allowance_ = 0;
  bool over_ = false, broken_ = false, close_after_ = false;
};

// The connection this worker thread serves (set for the length of it).
thread_local Connection* current = nullptr;

}  // namespace

HttpFront::HttpFront(FrontLimits limits) : limits_(limits) {
  new_task_queue = [this] { return new ElasticPool(limits_.min_workers, limits_.max_workers); };
  set_tcp_nodelay(true);  // the listening socket too (what Linux copies to accepted ones)
}

void HttpFront::expect_body(size_t raw_bytes) {
  if (current) current->expect_body(raw_bytes);
}

bool HttpFront::over_budget() { return current && current->over_budget(); }

void HttpFront::close_after_answer() {
  if (current) current->close_after_answer();
}

bool HttpFront::process_and_close_socket(socket_t sock) {
  const int on = 1;
  ::setsockopt(sock, IPPROTO_TCP, TCP_NODELAY, &on, sizeof on);
  using std::chrono::milliseconds;
  const auto ms = [](time_t sec, time_t usec) { return milliseconds(sec * 1000 + usec / 1000); };
  Connection conn(sock, limits_, ms(read_timeout_sec_, read_timeout_usec_), ms(write_timeout_sec_, write_timeout_usec_));
  current = &conn;
  bool ok = false;
  size_t left = keep_alive_max_count_;
  while (left > 0 && conn.wait_for_request(ms(keep_alive_timeout_sec_, 0),
                                           [this] { return svr_sock_ != INVALID_SOCKET; })) {
    conn.begin_request();
    bool closed = false;
    ok = process_request(conn, left == 1, closed, nullptr);
    if (!ok || closed || conn.must_close()) break;
    --left;
  }
  current = nullptr;
  conn.finish();
  return ok;
}

}  // namespace dagbok::server

