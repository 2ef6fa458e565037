// PowerOfficeEmulator: runs tests/emulators/poweroffice/emulator.py (the
// PowerOffice Go API v2 on loopback, validating every request against
// ../shared/specs/poweroffice-go) as a child process for one test, turns its
// knobs and reads back what arrived.
//
//   PowerOfficeEmulator po(tmp.path());
//   po.knob("/_emulator/fail", {{"next", 3}, {"status", 429}});
//   nlohmann::json ledger = po.ledger();   // {"vouchers": [...], "drafts": [...], ...}
#pragma once

#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "net/http_client.h"

extern char** environ;

namespace dagbok::testing_support {

class PowerOfficeEmulator {
 public:
  static constexpr const char* kAppKey = "dagbok-app-key";
  static constexpr const char* kSubscriptionKey = "dagbok-subscription-key";
  static constexpr const char* kClientKey = "kaffebaren-client-key";

  explicit PowerOfficeEmulator(const std::filesystem::path& dir) : port_file_(dir / "poweroffice.port") {
    const std::string script = std::string(DAGBOK_SOURCE_DIR) + "/tests/emulators/poweroffice/emulator.py";
    const std::string specs = std::string(DAGBOK_SHARED_DIR) + "/specs/poweroffice-go";
    std::vector<std::string> args = {"/usr/bin/python3", script, "--spec-dir", specs, "--port", "0",
                                     "--port-file", port_file_.string(), "--app-key", kAppKey,
                                     "--subscription-key", kSubscriptionKey, "--client-key", kClientKey};
    std::vector<char*> argv;
    for (std::string& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    if (posix_spawn(&pid_, argv[0], nullptr, nullptr, argv.data(), environ) != 0)
      throw std::runtime_error("cannot start the PowerOffice emulator");
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(90);  // the contract takes a while to load
    while (!std::filesystem::exists(port_file_)) {
      int status = 0;
      if (waitpid(pid_, &status, WNOHANG) == pid_) {
        pid_ = -1;
        throw std::runtime_error("the PowerOffice emulator exited at start");
      }
      if (std::chrono::steady_clock::now() > deadline) throw std::runtime_error("the PowerOffice emulator did not start");
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    std::ifstream(port_file_) >> port_;
  }
  PowerOfficeEmulator(const PowerOfficeEmulator&) = delete;
  PowerOfficeEmulator& operator=(const PowerOfficeEmulator&) = delete;
  ~PowerOfficeEmulator() {
    if (pid_ <= 0) return;
    ::kill(pid_, SIGTERM);
    int status = 0;
    ::waitpid(pid_, &status, 0);
  }

  std::string base_url() const { return "http://127.0.0.1:" + std::to_string(port_); }

  nlohmann::json knob(const std::string& path, const nlohmann::json& body = nlohmann::json::object()) const {
    return call("POST", path, body.dump());
  }
  nlohmann::json ledger() const { return call("GET", "/_emulator/ledger", ""); }

 private:
  nlohmann::json call(const std::string& method, const std::string& path, const std::string& body) const {
    net::CurlHttpClient http;
    net::HttpRequest rq;
    rq.method = method;
    rq.url = base_url() + path;
    rq.body = body;
    if (!body.empty()) rq.headers.push_back({"Content-Type", "application/json"});
    Result<net::HttpResponse> r = http.send(rq);
    if (!r.ok()) throw std::runtime_error("the PowerOffice emulator did not answer: " + r.error().message());
    return nlohmann::json::parse(r->body);
  }

  std::filesystem::path port_file_;
  pid_t pid_ = -1;
  int port_ = 0;
};

}  // namespace dagbok::testing_support
