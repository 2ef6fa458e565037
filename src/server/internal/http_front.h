// HttpFront: cpp-httplib's server with dagbok's own connection loop, so
// that no client can slow the server for others or make it hold more than
// a route allows (issue 14).
//
// cpp-httplib (Debian's 0.11.4) reads a connection with a 5 s timeout per
// read, leaves Nagle on accepted sockets, reads chunked and length-less
// bodies without a limit and serves from a fixed pool of 8 threads. Here:
//   - every accepted socket gets TCP_NODELAY: a keep-alive answer goes out
//     at once instead of waiting ~40 ms on the client's delayed ACK;
//   - a request's head must arrive whole within `header_timeout`, its body
//     within `body_timeout`, however slowly the bytes trickle;
//   - a connection reads at most `max_head_bytes` of head, and of body
//     what expect_body() allows, counted as the bytes arrive, whatever the
//     encoding (chunked, none, gzip); past it the read fails and the
//     connection is closed after the answer (over_budget() says so);
//   - the workers grow with the connections, from `min_workers` up to
//     `max_workers`, so that connections held by slow clients do not keep
//     the others waiting.
// The handlers are cpp-httplib's as before; they tell the front about the
// request in flight through the calls below, made on the worker thread
// that serves it.
#pragma once

#include <httplib.h>

#include <chrono>
#include <cstddef>

namespace dagbok::server {

struct FrontLimits {
  std::chrono::milliseconds header_timeout{10000};
  std::chrono::milliseconds body_timeout{60000};
  size_t max_head_bytes = 64 * 1024;
  size_t min_workers = 8;
  size_t max_workers = 256;
};

class HttpFront : public httplib::Server {
 public:
  explicit HttpFront(FrontLimits limits);

  // The head of the request in flight has been read and its body may be
  // `raw_bytes` long as it arrives (chunk framing and compression included):
  // from now on its deadline is the body timeout.
  static void expect_body(size_t raw_bytes);
  // Whether the request in flight ran out of its head or body allowance.
  static bool over_budget();
  // Close the connection after this answer (a body left unread).
  static void close_after_answer();

 private:
  bool process_and_close_socket(socket_t sock) override;

  FrontLimits limits_;
};

}  // namespace dagbok::server
