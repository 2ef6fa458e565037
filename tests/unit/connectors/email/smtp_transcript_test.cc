#include "connectors/email/internal/smtp_transcript.h"

#include <gtest/gtest.h>

namespace dagbok::email::internal {
namespace {

void reply(Transcript& t, std::string_view lines) { t.on_reply_line(lines); }

TEST(SmtpTranscript, KeepsTheFirstErrorAndTheCommandItAnswered) {
  Transcript t;
  reply(t, "220 mail.test ESMTP\r\n");
  t.on_command("EHLO kaffebaren.se\r\n");
  reply(t, "250-mail.test\r\n");
  reply(t, "250 AUTH PLAIN LOGIN\r\n");
  t.on_command("MAIL FROM:<a@b.se>\r\n");
  reply(t, "250 OK\r\n");
  t.on_command("RCPT TO:<x@y.se>\r\n");
  reply(t, "550-5.1.1 <x@y.se>: no such\r\n");
  reply(t, "550 5.1.1 mailbox\r\n");
  t.on_command("QUIT\r\n");
  reply(t, "221 Bye\r\n");
  EXPECT_EQ(t.error_code, 550);
  EXPECT_EQ(t.error_reply, "550-5.1.1 <x@y.se>: no such 550 5.1.1 mailbox");
  EXPECT_EQ(t.error_command, "RCPT TO:<x@y.se>");
  EXPECT_EQ(t.last_code, 221);
}

TEST(SmtpTranscript, TellsTheMessageFromTheDataCommand) {
  Transcript t;
  t.on_command("DATA\r\n");
  reply(t, "354 End data with <CR><LF>.<CR><LF>\r\n");
  reply(t, "552 5.3.4 Message size exceeds fixed limit\r\n");
  EXPECT_EQ(t.error_command, "END OF DATA");
  Transcript early;
  early.on_command("DATA\r\n");
  early.on_reply_line("554 5.5.1 No valid recipients\r\n");
  EXPECT_EQ(early.error_command, "DATA");
}

TEST(SmtpTranscript, NeverKeepsCredentials) {
  // AUTH LOGIN: the user and password go out as base64 lines, and base64 can
  // read like a command ("DATA" is valid base64).
  Transcript t;
  t.on_command("AUTH LOGIN\r\n");
  reply(t, "334 VXNlcm5hbWU6\r\n");
  t.on_command("a2Fzc2E=\r\n");
  reply(t, "334 UGFzc3dvcmQ6\r\n");
  t.on_command("DATA\r\n");
  reply(t, "535 5.7.8 Authentication credentials invalid\r\n");
  EXPECT_EQ(t.command, "AUTH");
  EXPECT_EQ(t.error_command, "AUTH");
  EXPECT_FALSE(t.data_sent);
  // After the exchange, commands are recorded again.
  t.on_command("QUIT\r\n");
  EXPECT_EQ(t.command, "QUIT");

  Transcript plain;
  plain.on_command("AUTH PLAIN AGthc3NhAGhlbWxpZ3Q=\r\n");
  EXPECT_EQ(plain.command, "AUTH");
  Transcript odd;
  odd.on_command("XCLIENT secret\r\n");
  EXPECT_EQ(odd.command, "(command)");
}

TEST(SmtpTranscript, ControlCharactersAreNotPassedOn) {
  Transcript t;
  t.on_command("MAIL FROM:<a@b.se>\r\n");
  reply(t, std::string_view("451 bad\x1b[31m thing\r\n"));
  EXPECT_EQ(t.error_reply, "451 bad [31m thing");
}

}  // namespace
}  // namespace dagbok::email::internal
