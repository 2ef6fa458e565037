// A raw TCP client for the server tests that an HTTP library would not
// send: chunked or length-less bodies that never end, headers dripped a line
// at a time, and a look at the server's end of a connection (same process).
#pragma once

#include <arpa/inet.h>
#include <dirent.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <functional>
#include <optional>
#include <string>

namespace dagbok::server::testing_server {

class RawClient {
 public:
  // Connects to 127.0.0.1:port; a small send buffer, so that what the
  // server has not read stays with the client and can be counted.
  explicit RawClient(int port) {
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    const int small = 64 * 1024;
    ::setsockopt(fd_, SOL_SOCKET, SO_SNDBUF, &small, sizeof small);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_port = htons(static_cast<uint16_t>(port));
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    connected_ = ::connect(fd_, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0;
  }
  ~RawClient() { close(); }
  RawClient(const RawClient&) = delete;
  RawClient& operator=(const RawClient&) = delete;

  bool connected() const { return connected_; }
  void close() {
    if (fd_ >= 0) ::close(fd_);
    fd_ = -1;
  }
  int local_port() const {
    sockaddr_in a{};
    socklen_t len = sizeof a;
    ::getsockname(fd_, reinterpret_cast<sockaddr*>(&a), &len);
    return ntohs(a.sin_port);
  }

  // Sends all of `bytes`; false when the server has closed.
  bool send_all(const std::string& bytes) {
    size_t off = 0;
    while (off < bytes.size()) {
      const ssize_t n = ::send(fd_, bytes.data() + off, bytes.size() - off, MSG_NOSIGNAL);
      if (n <= 0) return false;
      off += static_cast<size_t>(n);
    }
    return true;
  }

  // Sends piece(i) for i = 0, 1, … until `total` bytes went out or the
  // server answers or closes; returns the bytes the server took. Whatever
  // the server does not read stays in this client's small buffer, so the
  // count is at most what the server read plus ~1 MiB of socket buffers.
  size_t stream(const std::function<std::string(size_t i)>& piece, size_t total, int stall_ms = 5000) {
    size_t sent = 0;
    for (size_t i = 0; sent < total; ++i) {
      const std::string p = piece(i);
      size_t off = 0;
      while (off < p.size()) {
        pollfd pfd{fd_, POLLIN | POLLOUT, 0};
        if (::poll(&pfd, 1, stall_ms) <= 0) return sent;  // the server stopped reading
        if (pfd.revents & (POLLIN | POLLERR | POLLHUP)) return sent;  // an answer, or a close
        const ssize_t n = ::send(fd_, p.data() + off, p.size() - off, MSG_NOSIGNAL | MSG_DONTWAIT);
        if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) continue;
        if (n <= 0) return sent;
        off += static_cast<size_t>(n);
        sent += static_cast<size_t>(n);
      }
    }
    return sent;
  }

  // What the server answered (until it closes, or `wait_ms` without a byte).
  std::string read_answer(int wait_ms = 5000) {
    std::string out;
    char buf[8192];
    for (;;) {
      pollfd pfd{fd_, POLLIN, 0};
      if (::poll(&pfd, 1, wait_ms) <= 0) break;
      const ssize_t n = ::recv(fd_, buf, sizeof buf, 0);
      if (n <= 0) break;
      out.append(buf, static_cast<size_t>(n));
      if (complete(out)) break;
    }
    return out;
  }

  // The status of an answer's first line; 0 when there is none.
  static int status_of(const std::string& answer) {
    if (answer.rfind("HTTP/1.", 0) != 0 || answer.size() < 12) return 0;
    return std::atoi(answer.c_str() + 9);
  }

 private:
  // A whole answer with a Content-Length.
  static bool complete(const std::string& s) {
    const size_t head_end = s.find("\r\n\r\n");
    if (head_end == std::string::npos) return false;
    const size_t cl = s.find("Content-Length: ");
    if (cl == std::string::npos || cl > head_end) return false;
    return s.size() >= head_end + 4 + std::strtoul(s.c_str() + cl + 16, nullptr, 10);
  }

  int fd_ = -1;
  bool connected_ = false;
};

// The server's end of the connection from `client_port` to `server_port`:
// its TCP_NODELAY (the server runs in this process, so its sockets are
// among this process's descriptors); nullopt when it is not found.
inline std::optional<bool> server_side_nodelay(int server_port, int client_port) {
  DIR* d = ::opendir("/proc/self/fd");
  if (!d) return std::nullopt;
  std::optional<bool> found;
  while (dirent* e = ::readdir(d)) {
    const int fd = std::atoi(e->d_name);
    struct stat st {};
    if (fd <= 2 || ::fstat(fd, &st) != 0 || !S_ISSOCK(st.st_mode)) continue;
    sockaddr_in local{}, peer{};
    socklen_t ll = sizeof local, pl = sizeof peer;
    if (::getsockname(fd, reinterpret_cast<sockaddr*>(&local), &ll) != 0 || local.sin_family != AF_INET) continue;
    if (::getpeername(fd, reinterpret_cast<sockaddr*>(&peer), &pl) != 0) continue;
    if (ntohs(local.sin_port) != server_port || ntohs(peer.sin_port) != client_port) continue;
    int on = 0;
    socklen_t len = sizeof on;
    if (::getsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &on, &len) == 0) found = on != 0;
  }
  ::closedir(d);
  return found;
}

}  // namespace dagbok::server::testing_server
