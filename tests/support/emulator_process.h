// EmulatorProcess: runs one of tests/emulators/<name>/emulator.py (a vendor's
// API on loopback, validating every request against ../shared/specs) as a
// child process for one test, turns its knobs and reads back what arrived.
// Each vendor's launcher (poweroffice_emulator.h, visma_emulator.h) adds its
// own arguments and keys.
//
//   EmulatorProcess e("visma", dir, "visma-eaccounting", {"--client-id", "x"});
//   e.knob("/_emulator/fail", {{"next", 3}, {"status", 429}});
//   nlohmann::json ledger = e.ledger();
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

class EmulatorProcess {
 public:
  // name: the folder under tests/emulators; spec: the folder under ../shared/specs.
  EmulatorProcess(const std::string& name, const std::filesystem::path& dir, const std::string& spec,
                  std::vector<std::string> extra_args)
      : name_(name), port_file_(dir / (name + ".port")) {
    const std::string script = std::string(DAGBOK_SOURCE_DIR) + "/tests/emulators/" + name + "/emulator.py";
    const std::string specs = std::string(DAGBOK_SHARED_DIR) + "/specs/" + spec;
    std::vector<std::string> args = {"/usr/bin/python3", script, "--spec-dir", specs, "--port", "0",
                                     "--port-file", port_file_.string()};
    args.insert(args.end(), extra_args.begin(), extra_args.end());
    std::vector<char*> argv;
    for (std::string& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    if (posix_spawn(&pid_, argv[0], nullptr, nullptr, argv.data(), environ) != 0)
      throw std::runtime_error("cannot start the " + name_ + " emulator");
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(90);  // a contract takes a while to load
    while (!std::filesystem::exists(port_file_)) {
      int status = 0;
      if (waitpid(pid_, &status, WNOHANG) == pid_) {
        pid_ = -1;
        throw std::runtime_error("the " + name_ + " emulator exited at start");
      }
      if (std::chrono::steady_clock::now() > deadline) throw std::runtime_error("the " + name_ + " emulator did not start");
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    std::ifstream(port_file_) >> port_;
  }
  EmulatorProcess(const EmulatorProcess&) = delete;
  EmulatorProcess& operator=(const EmulatorProcess&) = delete;
  ~EmulatorProcess() {
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

  nlohmann::json call(const std::string& method, const std::string& path, const std::string& body) const {
    net::CurlHttpClient http;
    net::HttpRequest rq;
    rq.method = method;
    rq.url = base_url() + path;
    rq.body = body;
    if (!body.empty()) rq.headers.push_back({"Content-Type", "application/json"});
    Result<net::HttpResponse> r = http.send(rq);
    if (!r.ok()) throw std::runtime_error("the " + name_ + " emulator did not answer: " + r.error().message());
    return nlohmann::json::parse(r->body);
  }

 private:
  std::string name_;
  std::filesystem::path port_file_;
  pid_t pid_ = -1;
  int port_ = 0;
};

}  // namespace dagbok::testing_support
