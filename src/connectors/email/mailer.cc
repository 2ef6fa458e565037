#include "connectors/email/mailer.h"

#include <curl/curl.h>

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <utility>

#include "connectors/email/internal/smtp_transcript.h"

namespace dagbok::email {
namespace {

using internal::printable;
using internal::starts_with_ci;
using internal::Transcript;

// curl_global_init() is not guaranteed thread-safe on every libcurl build,
// so it runs exactly once, guarded by a function-local static (thread-safe
// initialisation in C++11 and later), the first time a mail is sent. It is
// never undone with curl_global_cleanup(): the process exits instead.
CURLcode ensure_curl() {
  static const CURLcode rc = curl_global_init(CURL_GLOBAL_DEFAULT);
  return rc;
}

constexpr std::string_view kAddressFix = "Check the address under Integrationer → Export via e-post";

// What the debug callback sees: the transcript, and whom to tell the moment
// the server accepted the message.
struct Conversation {
  Transcript transcript;
  const OnAccepted* on_accepted = nullptr;
  bool told = false;
};

int debug_callback(CURL*, curl_infotype type, char* data, std::size_t size, void* user) {
  auto* conversation = static_cast<Conversation*>(user);
  Transcript* t = &conversation->transcript;
  std::string_view text(data, size);
  if (type == CURLINFO_HEADER_OUT) {
    t->on_command(text);
  } else if (type == CURLINFO_HEADER_IN) {
    // One callback may carry several lines.
    std::size_t start = 0;
    while (start < text.size()) {
      std::size_t end = text.find('\n', start);
      if (end == std::string_view::npos) end = text.size();
      t->on_reply_line(text.substr(start, end - start));
      start = end + 1;
    }
    if (t->accepted && !conversation->told) {
      // The 250 to the end of DATA: curl sends QUIT only after this returns.
      conversation->told = true;
      if (conversation->on_accepted != nullptr && *conversation->on_accepted)
        (*conversation->on_accepted)(t->accepted_reply);
    }
  }
  return 0;
}

struct Upload {
  std::string_view data;
  std::size_t offset = 0;
};

std::size_t read_callback(char* buffer, std::size_t size, std::size_t nitems, void* user) {
  auto* up = static_cast<Upload*>(user);
  std::size_t n = std::min(size * nitems, up->data.size() - up->offset);
  std::memcpy(buffer, up->data.data() + up->offset, n);
  up->offset += n;
  return n;
}

struct CurlDeleter {
  void operator()(CURL* h) const { curl_easy_cleanup(h); }
};
struct SlistDeleter {
  void operator()(curl_slist* l) const { curl_slist_free_all(l); }
};

bool is_loopback(std::string_view host) {
  return host == "localhost" || host == "::1" || host.substr(0, 4) == "127." || host == "localhost.";
}

std::string bracket(const std::string& address) { return "<" + address + ">"; }

std::string after_colon_address(std::string_view command) {
  std::size_t lt = command.find('<'), gt = command.find('>');
  if (lt == std::string_view::npos || gt == std::string_view::npos || gt < lt) return "";
  return std::string(command.substr(lt + 1, gt - lt - 1));
}

// Turns what happened into a Status whose code says what to do next and
// whose message says, in the merchant's words, what to fix.
Status classify(CURLcode rc, const Transcript& t, long curl_code, const char* errbuf,
                const SmtpConfig& cfg) {
  const std::string server = "the mail server " + cfg.host + ":" + std::to_string(cfg.port);
  const std::string where = "Check the settings in " + cfg.origin;
  const std::string persist = "dagbok will try again later; if this persists, check the settings in " + cfg.origin;
  const std::string curl_text = errbuf[0] != '\0' ? printable(errbuf, 300) : curl_easy_strerror(rc);

  int code = t.error_code != 0 ? t.error_code : (curl_code >= 400 ? static_cast<int>(curl_code) : 0);
  std::string reply = t.error_code != 0 ? t.error_reply : (code != 0 ? std::to_string(code) : "");
  std::string_view command = t.error_code != 0 ? std::string_view(t.error_command) : std::string_view(t.command);

  if (code >= 400 && code < 600) {
    const bool transient = code < 500;
    std::string what;
    std::string fix;
    if (starts_with_ci(command, "RCPT TO")) {
      what = "The mail server refused the address '" + after_colon_address(command) + "': " + reply;
      fix = std::string(kAddressFix);
    } else if (starts_with_ci(command, "MAIL FROM")) {
      what = "The mail server refused the sender address '" + after_colon_address(command) + "': " + reply;
      fix = "Check from in " + cfg.origin + " (many servers only accept their own account's address)";
    } else if (command == "AUTH") {
      what = "The mail server refused the login for user '" + cfg.user + "': " + reply;
      fix = "Check user and password in " + cfg.origin;
    } else if (command == "END OF DATA" || command == "DATA") {
      what = "The mail server refused the message: " + reply;
      fix = "If it says the message is too large, export a shorter period; otherwise ask the mail provider";
    } else if (starts_with_ci(command, "STARTTLS")) {
      what = server + " refused to start encryption (STARTTLS): " + reply;
      fix = where;
    } else if (command.empty()) {
      what = server + " refused the connection: " + reply;
      fix = where;
    } else {
      what = server + " answered " + reply + " to " + std::string(command.substr(0, command.find(' ')));
      fix = where;
    }
    if (transient) {
      // A 4xx reply means "not now": say so, whatever the stage.
      std::size_t refused = what.find(" refused ");
      if (refused != std::string::npos) what.replace(refused, 9, " temporarily refused ");
      return unavailable(what + ". dagbok will try again later.");
    }
    return failed_precondition(what + ". " + fix + ".");
  }

  switch (rc) {
    case CURLE_COULDNT_RESOLVE_HOST:
      return unavailable("Could not find " + server + " (" + curl_text + "). " + persist + ".");
    case CURLE_COULDNT_CONNECT:
    case CURLE_OPERATION_TIMEDOUT:
    case CURLE_SEND_ERROR:
    case CURLE_RECV_ERROR:
    case CURLE_GOT_NOTHING:
    case CURLE_WEIRD_SERVER_REPLY:
    case CURLE_PARTIAL_FILE:
    case CURLE_AGAIN:
      return unavailable("Could not reach " + server + " (" + curl_text + "). " + persist + ".");
    case CURLE_LOGIN_DENIED:
      return failed_precondition("The mail server refused the login for user '" + cfg.user + "'" +
                                 (t.last_reply.empty() ? "" : ": " + t.last_reply) +
                                 ". Check user and password in " + cfg.origin + ".");
    case CURLE_USE_SSL_FAILED:
      if (cfg.security == SmtpSecurity::kStartTlsOpportunistic) {
        return failed_precondition(
            server + " did not offer encryption (STARTTLS), so dagbok did not send the password: with "
            "starttls = \"opportunistic\" a password is only sent encrypted (someone between dagbok and the "
            "server may have removed the offer). Use starttls = \"required\" with a server that offers "
            "STARTTLS (or implicit_tls = true), or remove the password, in " + cfg.origin + ".");
      }
      return failed_precondition(server + " does not offer encryption (STARTTLS), which the settings require. " +
                                 "Use the provider's submission port (usually 587 with STARTTLS, or 465 with "
                                 "implicit_tls = true). " + where + ".");
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_CACERT_BADFILE:
    case CURLE_SSL_CERTPROBLEM:
    case CURLE_SSL_ISSUER_ERROR:
      return failed_precondition("The certificate of " + server + " could not be verified (" + curl_text +
                                 "). The host must be the name on the server's certificate; for an in-house "
                                 "server set ca_file. " + where + ".");
    case CURLE_SSL_CONNECT_ERROR:
      return failed_precondition("Encryption with " + server + " failed (" + curl_text +
                                 "). Port 465 needs implicit_tls = true, port 587 needs STARTTLS. " + where + ".");
    case CURLE_URL_MALFORMAT:
    case CURLE_UNSUPPORTED_PROTOCOL:
      return failed_precondition("The mail server settings are not usable (" + curl_text + "). " + where + ".");
    case CURLE_OUT_OF_MEMORY:
    case CURLE_FAILED_INIT:
      return unavailable("Sending mail failed for lack of resources (" + curl_text + "); dagbok will try again");
    default:
      return unavailable("Sending through " + server + " failed (" + curl_text + "). dagbok will try again later.");
  }
}

}  // namespace

Result<MailMessage> compose(const MailDraft& draft) {
  ASSIGN_OR_RETURN(std::string data, build_mime(draft));
  MailMessage message;
  message.envelope_from = draft.from.address;
  for (const MailAddress& to : draft.to) {
    if (std::find(message.recipients.begin(), message.recipients.end(), to.address) == message.recipients.end())
      message.recipients.push_back(to.address);
  }
  message.data = std::move(data);
  return message;
}

Result<std::unique_ptr<SmtpMailer>> SmtpMailer::create(const SmtpConfig& config, const crypto::SecretBox* box) {
  SmtpConfig plain = config;
  ASSIGN_OR_RETURN(plain.password, crypto::reveal_secret(config.password, box, "the password in " + config.origin));
  if (plain.host.empty()) return failed_precondition("No mail server is set. Add host to " + config.origin + ".");
  if (!plain.password.empty() && plain.security == SmtpSecurity::kNone && !is_loopback(plain.host)) {
    return failed_precondition("The password would be sent to " + plain.host +
                               " unencrypted (starttls = \"off\"). Use starttls = \"required\" or "
                               "implicit_tls = true in " + config.origin + ".");
  }
  return std::unique_ptr<SmtpMailer>(new SmtpMailer(std::move(plain)));
}

Result<std::unique_ptr<SmtpMailer>> open_smtp_mailer(const Config& config, const Env& env,
                                                     const std::filesystem::path& key_file) {
  if (!config.smtp) {
    std::string where = config.source.empty() ? std::string("dagbok.toml") : config.source;
    return failed_precondition("No mail server is configured. Add an [smtp] section to " + where + " or set " +
                               std::string(kSmtpUrlEnv) + ".");
  }
  if (!crypto::SecretBox::is_sealed(config.smtp->password)) return SmtpMailer::create(*config.smtp, nullptr);
  Result<crypto::MasterKey> key = crypto::MasterKey::load(env, key_file, crypto::MissingKey::kFail);
  if (!key) {
    return failed_precondition("The password in " + config.smtp->origin +
                               " is sealed, but the master key to open it is missing: " + key.error().message());
  }
  crypto::SecretBox box(std::move(key).value());
  return SmtpMailer::create(*config.smtp, &box);
}

Status SmtpMailer::send(const MailMessage& message) {
  Result<SmtpReceipt> receipt = send_with_receipt(message);
  if (!receipt) return std::move(receipt).error();
  return ok_status();
}

Result<std::string> SmtpMailer::send_with_reference(const MailMessage& message) {
  ASSIGN_OR_RETURN(SmtpReceipt receipt, send_with_receipt(message));
  return receipt.text;
}

Result<std::string> SmtpMailer::send_reporting_acceptance(const MailMessage& message, const OnAccepted& on_accepted) {
  ASSIGN_OR_RETURN(SmtpReceipt receipt, send_with_receipt(message, &on_accepted));
  return receipt.text;
}

Result<SmtpReceipt> SmtpMailer::send_with_receipt(const MailMessage& message, const OnAccepted* on_accepted) {
  if (message.recipients.empty()) return invalid_argument("the mail has no recipient");
  if (!is_valid_address(message.envelope_from))
    return invalid_argument("the sender address '" + message.envelope_from + "' is not an e-mail address");
  for (const std::string& r : message.recipients) {
    if (!is_valid_address(r))
      return failed_precondition("'" + r + "' is not an e-mail address. " + std::string(kAddressFix) + ".");
  }
  if (message.data.find('\n') != std::string::npos) {
    // Every LF must be the end of a CRLF: a bare LF is refused by many servers.
    for (std::size_t i = message.data.find('\n'); i != std::string::npos; i = message.data.find('\n', i + 1))
      if (i == 0 || message.data[i - 1] != '\r') return invalid_argument("the message has a bare LF line end");
  }
  if (ensure_curl() != CURLE_OK) return unavailable("libcurl could not be initialised; dagbok will try again");

  std::unique_ptr<CURL, CurlDeleter> curl(curl_easy_init());
  if (!curl) return unavailable("libcurl could not start a transfer; dagbok will try again");
  CURL* h = curl.get();

  const SmtpConfig& c = config_;
  const bool v6 = c.host.find(':') != std::string::npos;
  std::string helo_domain = message.envelope_from.substr(message.envelope_from.rfind('@') + 1);
  std::string url = std::string(c.security == SmtpSecurity::kImplicitTls ? "smtps://" : "smtp://") +
                    (v6 ? "[" + c.host + "]" : c.host) + ":" + std::to_string(c.port) + "/" + helo_domain;

  std::unique_ptr<curl_slist, SlistDeleter> rcpts;
  for (const std::string& r : message.recipients) {
    curl_slist* next = curl_slist_append(rcpts.get(), bracket(r).c_str());
    if (next == nullptr) return unavailable("out of memory while preparing the mail");
    (void)rcpts.release();
    rcpts.reset(next);
  }
  const std::string from = bracket(message.envelope_from);

  Conversation conversation;
  conversation.on_accepted = on_accepted;
  const Transcript& transcript = conversation.transcript;
  Upload upload{message.data, 0};
  char errbuf[CURL_ERROR_SIZE];
  errbuf[0] = '\0';

  curl_easy_setopt(h, CURLOPT_URL, url.c_str());
  curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "smtp,smtps");
  curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(h, CURLOPT_ERRORBUFFER, errbuf);
  curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT, static_cast<long>(c.connect_timeout_seconds));
  curl_easy_setopt(h, CURLOPT_TIMEOUT, static_cast<long>(c.timeout_seconds));
  curl_easy_setopt(h, CURLOPT_SERVER_RESPONSE_TIMEOUT, static_cast<long>(c.timeout_seconds));
  switch (c.security) {
    case SmtpSecurity::kStartTlsRequired:
    case SmtpSecurity::kImplicitTls:
      curl_easy_setopt(h, CURLOPT_USE_SSL, static_cast<long>(CURLUSESSL_ALL));
      break;
    case SmtpSecurity::kStartTlsOpportunistic:
      // A password is only ever sent over TLS: a man in the middle who strips
      // STARTTLS from the server's reply must not receive it. So with a
      // password, "opportunistic" insists on TLS before AUTH, and a server
      // without STARTTLS is refused (see classify(), kOpportunisticAuth).
      curl_easy_setopt(h, CURLOPT_USE_SSL,
                       static_cast<long>(c.password.empty() ? CURLUSESSL_TRY : CURLUSESSL_ALL));
      break;
    case SmtpSecurity::kNone:
      curl_easy_setopt(h, CURLOPT_USE_SSL, static_cast<long>(CURLUSESSL_NONE));
      break;
  }
  if (!c.ca_file.empty()) curl_easy_setopt(h, CURLOPT_CAINFO, c.ca_file.c_str());
  if (!c.user.empty()) {
    curl_easy_setopt(h, CURLOPT_USERNAME, c.user.c_str());
    curl_easy_setopt(h, CURLOPT_PASSWORD, c.password.c_str());
  }
  curl_easy_setopt(h, CURLOPT_MAIL_FROM, from.c_str());
  curl_easy_setopt(h, CURLOPT_MAIL_RCPT, rcpts.get());
  curl_easy_setopt(h, CURLOPT_UPLOAD, 1L);
  curl_easy_setopt(h, CURLOPT_READFUNCTION, read_callback);
  curl_easy_setopt(h, CURLOPT_READDATA, &upload);
  curl_easy_setopt(h, CURLOPT_INFILESIZE_LARGE, static_cast<curl_off_t>(message.data.size()));
  // The debug callback sees the conversation; it keeps replies and command
  // names only (see Transcript). VERBOSE is what turns the callback on.
  curl_easy_setopt(h, CURLOPT_DEBUGFUNCTION, debug_callback);
  curl_easy_setopt(h, CURLOPT_DEBUGDATA, &conversation);
  curl_easy_setopt(h, CURLOPT_VERBOSE, 1L);

  CURLcode rc = curl_easy_perform(h);
  long response = 0;
  curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &response);
  if (transcript.accepted) {
    // Accepted is accepted: what came after (QUIT) cannot take it back.
    SmtpReceipt receipt;
    receipt.code = std::atoi(transcript.accepted_reply.substr(0, 3).c_str());
    receipt.text = transcript.accepted_reply;
    return receipt;
  }
  if (rc != CURLE_OK || transcript.error_code != 0) {
    Status status = classify(rc, transcript, response, errbuf, c);
    if (!status.ok()) return std::move(status).error();
  }
  SmtpReceipt receipt;
  receipt.code = transcript.last_code != 0 ? transcript.last_code : static_cast<int>(response);
  receipt.text = transcript.last_reply;
  return receipt;
}

}  // namespace dagbok::email
