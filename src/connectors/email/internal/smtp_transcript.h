// Transcript: what an SMTP conversation showed, kept safe to print.
//
// SmtpMailer feeds it every line curl's debug callback reports: commands we
// sent and replies we got. It keeps the server's replies and the *names* of
// our commands, with arguments only for MAIL FROM and RCPT TO (addresses).
// Everything between "AUTH" and the end of the authentication exchange is
// recorded as just "AUTH", so a password — even base64 that happens to read
// like a command — can never reach a message or a log.
#pragma once

#include <string>
#include <string_view>

namespace dagbok::email::internal {

bool starts_with_ci(std::string_view s, std::string_view upper_prefix);

// Control characters become spaces; at most `max` bytes (then "…").
std::string printable(std::string_view s, std::size_t max);

struct Transcript {
  std::string command;        // the last command sent: "RCPT TO:<a@b.se>", "DATA", "AUTH"
  bool in_auth = false;       // between AUTH and its final (non-334) reply
  std::string pending_reply;  // lines of a multi-line reply so far
  bool data_sent = false;     // the server said 354: the next reply judges the message
  // The first reply of 400 or more and the command it answered ("" for the
  // greeting, "END OF DATA" for the message itself). Later replies (to QUIT,
  // say) do not overwrite it.
  int error_code = 0;
  std::string error_reply;
  std::string error_command;
  // The last complete reply, for the receipt.
  int last_code = 0;
  std::string last_reply;
  // The server accepted the message: a 2xx reply to the end of DATA. From
  // here on a retry would deliver a second copy.
  bool accepted = false;
  std::string accepted_reply;

  void on_command(std::string_view line);
  void on_reply_line(std::string_view line);
};

}  // namespace dagbok::email::internal
