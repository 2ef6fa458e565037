// Mailer: the seam between the export engine and a mail server.
//
// The engine composes a MailMessage (envelope + MIME bytes, see mime.h) and
// hands it to a Mailer. Production code uses SmtpMailer, which talks SMTP
// through libcurl; tests inject a MemoryMailer (memory_mailer.h) or run a
// real server on loopback.
//
// What send() returns tells the engine what to do next:
//   OK                  the server accepted the message for every recipient
//   Unavailable         transient (no connection, timeout, a 4xx reply):
//                       retry later with backoff
//   FailedPrecondition  the server refused (a 5xx reply) or the settings are
//                       wrong; retrying will not help. The message says what
//                       the merchant should fix, and where.
//
//   Result<MailMessage> msg = compose(draft);
//   std::unique_ptr<SmtpMailer> mailer = *SmtpMailer::create(config.smtp.value(), &box);
//   Status sent = mailer->send(*msg);
//
// Delivery is all or nothing per message: if any recipient is refused, the
// transaction is abandoned and no one gets the mail. One case is ambiguous in
// SMTP itself: the connection breaks after the message was sent but before
// the server's "250" arrived. send() reports Unavailable and the retry may
// deliver a second copy — with the same Message-ID, which mail programs use
// to recognise it.
#pragma once

#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "config/config.h"
#include "connectors/email/mime.h"
#include "core/result.h"
#include "crypto/secret_box.h"

namespace dagbok::email {

struct MailMessage {
  std::string envelope_from;            // MAIL FROM:<...>
  std::vector<std::string> recipients;  // RCPT TO:<...>, one per address
  std::string data;                     // RFC 5322 bytes, CRLF line ends
};

// The message for a draft: its MIME bytes, with the sender as the envelope
// sender and every To address as a recipient.
Result<MailMessage> compose(const MailDraft& draft);

// Called once, the moment the server has accepted the message (for SMTP the
// 250 reply to the end of DATA, before QUIT), with what it said: the caller
// records the delivery then, so that a crash between the acceptance and the
// end of the conversation does not send the message again.
using OnAccepted = std::function<void(const std::string& reference)>;

class Mailer {
 public:
  virtual ~Mailer() = default;
  virtual Status send(const MailMessage& message) = 0;
  // As send(), returning what the server said it did with the message (its
  // queue id, for the export log); empty when the mailer cannot tell.
  virtual Result<std::string> send_with_reference(const MailMessage& message) {
    TRY(send(message));
    return std::string();
  }
  // As send_with_reference(), calling `on_accepted` (when set) as soon as the
  // server accepted the message. A mailer that cannot tell calls it when
  // send_with_reference() returned OK.
  virtual Result<std::string> send_reporting_acceptance(const MailMessage& message, const OnAccepted& on_accepted) {
    ASSIGN_OR_RETURN(std::string reference, send_with_reference(message));
    if (on_accepted) on_accepted(reference);
    return reference;
  }
};

// What the server said about the last message, for the export log.
struct SmtpReceipt {
  int code = 0;       // 250
  std::string text;   // "250 2.0.0 Ok: queued as 4F2C81A0B3"
};

class SmtpMailer final : public Mailer {
 public:
  // Checks the settings and opens a sealed password with `box` (which may
  // be null when the password is plain or absent). Refuses to send a password
  // unencrypted (starttls = "off") to anything but this machine; with
  // starttls = "opportunistic" a password is sent only after STARTTLS, and a
  // server that does not offer it is refused (FailedPrecondition) before AUTH.
  static Result<std::unique_ptr<SmtpMailer>> create(const SmtpConfig& config, const crypto::SecretBox* box);

  Status send(const MailMessage& message) override;
  Result<std::string> send_with_reference(const MailMessage& message) override;
  Result<std::string> send_reporting_acceptance(const MailMessage& message, const OnAccepted& on_accepted) override;

  // As send(), returning the server's final reply (it usually names the
  // server's queue id, which the export log keeps as the remote reference).
  // `on_accepted`, when given, is called from within the conversation on
  // the 250 reply to the end of DATA, before QUIT.
  Result<SmtpReceipt> send_with_receipt(const MailMessage& message, const OnAccepted* on_accepted = nullptr);

 private:
  explicit SmtpMailer(SmtpConfig config) : config_(std::move(config)) {}
  SmtpConfig config_;  // with the password in plain text; never logged
};

// The SmtpMailer for dagbok's settings, as the CLI and the worker need it:
// FailedPrecondition when [smtp] (or DAGBOK_SMTP_URL) is missing; a sealed
// password is opened with the master key from DAGBOK_MASTER_KEY or key_file,
// which must already exist (reading settings never creates a key).
Result<std::unique_ptr<SmtpMailer>> open_smtp_mailer(const Config& config, const Env& env,
                                                     const std::filesystem::path& key_file);

}  // namespace dagbok::email
