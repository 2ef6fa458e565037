// VismaEmulator: tests/emulators/visma/emulator.py (Visma eEkonomi's API v2
// and its identity server on loopback, validating every request against
// ../shared/specs/visma-eaccounting) for one test, with dagbok's client id.
//
// EmulatorTokens stands in for the OAuth module: it takes a consent (a code
// from the emulator, exchanged at /connect/token) and refreshes the access
// token with the refresh token (the emulator spends the old one) when the
// API refuses it.
//
//   VismaEmulator visma(tmp.path());
//   auto tokens = std::make_shared<EmulatorTokens>(visma);
//   VismaConnector kind(host, tokens->sources(), …);
#pragma once

#include <memory>
#include <mutex>

#include "connectors/visma/visma_client.h"
#include "support/emulator_process.h"

namespace dagbok::testing_support {

class VismaEmulator : public EmulatorProcess {
 public:
  static constexpr const char* kClientId = "dagbok-client-id";
  static constexpr const char* kClientSecret = "dagbok-client-secret";

  explicit VismaEmulator(const std::filesystem::path& dir)
      : EmulatorProcess("visma", dir, "visma-eaccounting", {"--client-id", kClientId, "--client-secret", kClientSecret}) {}
};

class EmulatorTokens : public std::enable_shared_from_this<EmulatorTokens> {
 public:
  explicit EmulatorTokens(const VismaEmulator& e, std::string secret = VismaEmulator::kClientSecret)
      : e_(e), secret_(std::move(secret)) {}

  // The consent: a code from the emulator exchanged for the first pair.
  Status connect(const std::string& scope = visma::kScopes) {
    const std::string redirect = "http://127.0.0.1/visma/callback";
    const nlohmann::json code = e_.knob("/_emulator/code", {{"scope", scope}, {"redirect_uri", redirect}});
    return grant("grant_type=authorization_code&code=" + net::url_encode(code["code"].get<std::string>()) +
                 "&redirect_uri=" + net::url_encode(redirect));
  }
  Result<std::string> access_token() {
    std::lock_guard<std::mutex> hold(mu_);
    if (access_.empty()) return permission_denied("not connected to the Visma emulator");
    return access_;
  }
  // A refusal: one refresh at a time; a second refusal of an already
  // replaced token does not refresh again.
  Status refused(const std::string& token) {
    std::lock_guard<std::mutex> hold(mu_);
    if (token != access_) return ok_status();
    ++refreshes_;
    return grant_locked("grant_type=refresh_token&refresh_token=" + net::url_encode(refresh_));
  }
  int refreshes() const { return refreshes_; }
  std::string refresh_token() const { return refresh_; }
  void set_access(std::string t) { access_ = std::move(t); }
  void set_refresh(std::string t) { refresh_ = std::move(t); }

  visma::TokenSources sources() {
    std::shared_ptr<EmulatorTokens> self = shared_from_this();
    return [self](const ConnectorSettings&, int64_t) -> Result<std::unique_ptr<visma::TokenSource>> {
      return std::unique_ptr<visma::TokenSource>(std::make_unique<Source>(self));
    };
  }

 private:
  class Source final : public visma::TokenSource {
   public:
    explicit Source(std::shared_ptr<EmulatorTokens> t) : t_(std::move(t)) {}
    Result<std::string> access_token() override { return t_->access_token(); }
    Status refused(const std::string& token) override { return t_->refused(token); }

   private:
    std::shared_ptr<EmulatorTokens> t_;
  };

  Status grant(const std::string& form) {
    std::lock_guard<std::mutex> hold(mu_);
    return grant_locked(form);
  }
  Status grant_locked(const std::string& form) {
    net::CurlHttpClient http;
    net::HttpRequest rq;
    rq.method = "POST";
    rq.url = e_.base_url() + "/connect/token";
    rq.headers = {{"Authorization", "Basic " + net::base64_encode(std::string(VismaEmulator::kClientId) + ":" + secret_)},
                  {"Content-Type", "application/x-www-form-urlencoded"}};
    rq.body = form;
    ASSIGN_OR_RETURN(net::HttpResponse r, http.send(rq));
    if (r.status != 200) return permission_denied("Visma's identity server refused (HTTP " + std::to_string(r.status) + "): " + r.body);
    const nlohmann::json j = nlohmann::json::parse(r.body);
    access_ = j["access_token"].get<std::string>();
    refresh_ = j["refresh_token"].get<std::string>();
    return ok_status();
  }

  const VismaEmulator& e_;
  std::string secret_;
  std::mutex mu_;
  std::string access_, refresh_;
  int refreshes_ = 0;
};

}  // namespace dagbok::testing_support
