// The e-mail kind ("Export via e-post") on the connector seam: settings
// {address, format}, no secrets, nothing to choose from the other side; it
// delivers each day close as a mail (email_destination.h) and can mail a SIE
// file by hand ("Skicka SIE-fil", file_mail.h).
//
// The mail server is dagbok's own ([smtp] in dagbok.toml or
// DAGBOK_SMTP_URL), opened when first needed; without one the kind is not
// ready() and its deliveries wait, saying why.
//
//   registry.add(email::make_connector(host));                  // registry.cc
//   EmailConnector kind([&] { return &memory_mailer; }, {"kassa@x.se", ""});  // tests
#pragma once

#include <functional>
#include <memory>
#include <mutex>
#include <string>

#include "connectors/email/mailer.h"
#include "exports/connector.h"

namespace dagbok::email {

class EmailConnector final : public Connector {
 public:
  using MailerSource = std::function<Result<Mailer*>()>;
  // A mailer of the caller's (tests, a host with its own server).
  EmailConnector(MailerSource mailer, MailAddress from);
  // dagbok's mail server, from the host's settings.
  explicit EmailConnector(ConnectorHost host);

  std::string kind() const override { return "email"; }
  std::string title() const override { return "Export via e-post"; }
  std::vector<SettingSpec> settings() const override;
  std::vector<FieldError> check_settings(nlohmann::json& values) const override;
  Status ready() override;
  Status test_connection(const ConnectorSettings& settings) override;
  Result<std::vector<Choice>> choices(const ConnectorSettings& settings, ChoiceList list) override;
  Status preflight(const DeliveryPayload& payload) override;
  Result<std::string> deliver(const DeliveryPayload& payload) override;

  bool sends_files() const override { return true; }
  Status check_recipient(const std::string& to) const override;
  Result<dagbok::SentFile> send_sie_file(Store& store, const Company& company, Date from, Date to,
                                         const std::string& recipient, const Clock& clock) override;

 private:
  // The mailer and the sender, opened once; null mailer with the reason.
  struct Opened {
    Mailer* mailer;
    MailAddress from;
  };
  Result<Opened> open();

  std::mutex mu_;  // the worker and the server's requests share one kind
  MailerSource source_;
  ConnectorHost host_;
  std::unique_ptr<SmtpMailer> owned_;
  MailAddress from_;
};

std::unique_ptr<Connector> make_connector(const ConnectorHost& host);

}  // namespace dagbok::email
