// SmtpSink: runs tests/integration/smtp_sink.py (a real aiosmtpd server on
// loopback) as a child process for one test, and reads back what it stored.
//
//   SmtpSink sink(tmp.path(), SmtpSink::Options().require_auth("kassa:pw").with_tls());
//   ... send to 127.0.0.1:sink.port() ...
//   std::vector<std::string> raw = sink.messages();
#pragma once

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

extern char** environ;

namespace dagbok::testing_support {

struct SmtpSinkOptions {
  std::filesystem::path dir;
  int port = 0;      // 0: any free port
  std::string auth;  // "user:pass" to require AUTH
  bool tls = false;  // offer and require STARTTLS

  SmtpSinkOptions& require_auth(std::string user_colon_pass) {
    auth = std::move(user_colon_pass);
    return *this;
  }
  SmtpSinkOptions& with_tls() {
    tls = true;
    return *this;
  }
};

class SmtpSink {
 public:
  using Options = SmtpSinkOptions;

  // Starts the server storing into dir; throws when it cannot.
  explicit SmtpSink(const std::filesystem::path& dir, Options options = Options()) : options_(std::move(options)) {
    options_.dir = dir;
    start();
  }
  SmtpSink(const SmtpSink&) = delete;
  SmtpSink& operator=(const SmtpSink&) = delete;
  ~SmtpSink() { stop(); }

  int port() const { return port_; }
  const std::string& cert() const { return cert_; }

  // Stops the server (SIGTERM, then waits). Connections are refused afterwards.
  void stop() {
    if (pid_ <= 0) return;
    ::kill(pid_, SIGTERM);
    int status = 0;
    ::waitpid(pid_, &status, 0);
    pid_ = -1;
  }

  // Starts it again on the same port and directory.
  void restart() {
    stop();
    options_.port = port_;
    start();
  }

  // The next replies for a stage: set_faults("rcpt 1 550 5.1.1 No such mailbox").
  void set_faults(const std::string& lines) const {
    std::ofstream(options_.dir / "faults.tmp") << lines << "\n";
    std::filesystem::rename(options_.dir / "faults.tmp", options_.dir / "faults");
  }

  // Stored messages (raw bytes) in arrival order.
  std::vector<std::string> messages() const { return read_all(".eml"); }
  // Python's reading of each message (JSON text), in arrival order.
  std::vector<std::string> summaries() const { return read_all(".json"); }

 private:
  std::vector<std::string> read_all(const std::string& ext) const {
    std::vector<std::filesystem::path> files;
    std::filesystem::path dir = options_.dir / "messages";
    if (std::filesystem::exists(dir))
      for (const auto& e : std::filesystem::directory_iterator(dir))
        if (e.path().extension() == ext) files.push_back(e.path());
    std::sort(files.begin(), files.end());
    std::vector<std::string> out;
    for (const auto& f : files) {
      std::ifstream in(f, std::ios::binary);
      std::ostringstream s;
      s << in.rdbuf();
      out.push_back(s.str());
    }
    return out;
  }

  void start() {
    int out[2];
    if (::pipe2(out, O_CLOEXEC) != 0) throw std::runtime_error("pipe failed");
    std::string log = (options_.dir / "sink.log").string();
    std::vector<std::string> args = {"/usr/bin/python3", DAGBOK_SMTP_SINK, "--dir", options_.dir.string(),
                                     "--port", std::to_string(options_.port)};
    if (!options_.auth.empty()) args.insert(args.end(), {"--auth", options_.auth});
    if (options_.tls) args.push_back("--tls");
    std::vector<char*> argv;
    for (std::string& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);

    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, out[1], STDOUT_FILENO);
    posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, log.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
    int rc = ::posix_spawn(&pid_, argv[0], &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    ::close(out[1]);
    if (rc != 0) {
      ::close(out[0]);
      throw std::runtime_error("cannot start /usr/bin/python3 (install python3-aiosmtpd)");
    }

    // Read "PORT n", "CERT path", "READY" within 20 seconds.
    std::string buffer;
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
    while (buffer.find("READY\n") == std::string::npos) {
      auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
      pollfd p{out[0], POLLIN, 0};
      if (left.count() <= 0 || ::poll(&p, 1, static_cast<int>(left.count())) <= 0) break;
      char chunk[256];
      ssize_t n = ::read(out[0], chunk, sizeof chunk);
      if (n <= 0) break;
      buffer.append(chunk, static_cast<std::size_t>(n));
    }
    ::close(out[0]);
    std::istringstream lines(buffer);
    std::string word;
    while (lines >> word) {
      if (word == "PORT") lines >> port_;
      if (word == "CERT") lines >> cert_;
    }
    if (buffer.find("READY\n") == std::string::npos || port_ <= 0) {
      std::ifstream in(log);
      std::ostringstream err;
      err << in.rdbuf();
      stop();
      throw std::runtime_error("the SMTP sink did not start (is python3-aiosmtpd installed?): " + err.str());
    }
  }

  Options options_;
  pid_t pid_ = -1;
  int port_ = 0;
  std::string cert_;
};

}  // namespace dagbok::testing_support
