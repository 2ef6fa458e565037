// SmtpMailer against a real SMTP server (aiosmtpd) on loopback: what
// arrives, and what each kind of failure turns into.
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <random>

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "connectors/email/mailer.h"
#include "crypto/secret_box.h"
#include "support/mime_reader.h"
#include "support/smtp_sink.h"
#include "support/temp_dir.h"

namespace dagbok::email {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;
using dagbok::testing_support::SmtpSink;
using dagbok::testing_support::TempDir;

std::string random_bytes(std::size_t n, unsigned seed) {
  std::mt19937 rng(seed);
  std::string s(n, '\0');
  for (char& c : s) c = static_cast<char>(rng() & 0xff);
  return s;
}

std::string sie_file() {
  std::string s = "#FLAGGA 0\r\n#FORMAT PC8\r\n#SIETYP 4\r\n#FNAMN \"Kaffebaren AB\"\r\n";
  s += "#VER A 1 20260329 \"Dagsavslut 2026-03-29\"\r\n{\r\n   #TRANS 1930 {} 12345.00\r\n";
  s += "   #TRANS 3001 {} -12345.00\r\n}\r\n#KONTO 3740 \"\x99resavrundning\"\r\n";
  // Lines that SMTP dot-stuffing must carry through untouched.
  s += ".\r\n..\r\n.hidden\r\n";
  return s;
}

MailDraft draft(std::string key = "email:7:2026-03-29") {
  MailDraft d;
  d.from = {"dagsavslut@kaffebaren.se", "Kaffebaren AB – Dagsavslut"};
  d.to = {{"bokforing@byran.se", "Byrån"}, {"agare@kaffebaren.se", ""}};
  d.subject = "Dagsavslut söndag 29 mars 2026 – Kaffebaren AB: 12 345,00 kr";
  d.text = "Hej!\nHär kommer försäljningen för söndag 29 mars 2026.\n.\nHälsningar, dagbok\n";
  d.attachments = {
      {"dagsavslut-2026-03-29.se", sie_file(), ""},
      {"försäljning-2026-03-29.csv", "\xEF\xBB\xBF" "Konto;Belopp\r\n1930;12345,00\r\n", ""},
      {"dagsavslut-2026-03-29.xlsx", random_bytes(40000, 1), ""},
      {"Z-rapport 42.pdf", "%PDF-1.4\n" + random_bytes(70000, 2), ""},
  };
  d.extra_headers = {{"X-Dagbok-Delivery", key}};
  d.date = *Instant::parse_rfc3339("2026-03-29T21:05:00Z");
  d.utc_offset_seconds = 7200;
  d.idempotency_key = key;
  return d;
}

SmtpConfig plain_config(int port) {
  SmtpConfig c;
  c.host = "127.0.0.1";
  c.port = port;
  c.security = SmtpSecurity::kNone;
  c.from = "dagsavslut@kaffebaren.se";
  c.origin = "[smtp] in dagbok.toml";
  c.connect_timeout_seconds = 5;
  c.timeout_seconds = 20;
  return c;
}

std::unique_ptr<SmtpMailer> mailer_for(const SmtpConfig& c, const crypto::SecretBox* box = nullptr) {
  Result<std::unique_ptr<SmtpMailer>> m = SmtpMailer::create(c, box);
  EXPECT_TRUE(m.ok()) << m.error().message();
  return m.ok() ? std::move(m).value() : nullptr;
}

TEST(SmtpMailer, DeliversEveryAttachmentByteForByte) {
  TempDir tmp("dagbok-smtp");
  SmtpSink sink(tmp.path());
  MailDraft d = draft();
  MailMessage message = *compose(d);
  Result<SmtpReceipt> receipt = mailer_for(plain_config(sink.port()))->send_with_receipt(message);
  ASSERT_TRUE(receipt.ok()) << receipt.error().message();
  EXPECT_EQ(receipt->code, 250);
  EXPECT_THAT(receipt->text, HasSubstr("queued as SINK0001"));

  std::vector<std::string> received = sink.messages();
  ASSERT_EQ(received.size(), 1u);
  EXPECT_EQ(received[0], message.data);  // dot-stuffing and line ends survived the wire

  testing::Message m = testing::parse_message(received[0]);
  ASSERT_EQ(m.parts.size(), 1 + d.attachments.size());
  for (std::size_t i = 0; i < d.attachments.size(); ++i)
    EXPECT_EQ(testing::base64_decode(m.parts[i + 1].body), d.attachments[i].content) << d.attachments[i].filename;

  // A second, independent reader: Python's email package in the sink.
  nlohmann::json s = nlohmann::json::parse(sink.summaries().at(0));
  EXPECT_EQ(s["mail_from"], "dagsavslut@kaffebaren.se");
  EXPECT_EQ(s["rcpt_tos"], nlohmann::json::array({"bokforing@byran.se", "agare@kaffebaren.se"}));
  EXPECT_EQ(s["subject"], d.subject);
  EXPECT_EQ(s["from"], "Kaffebaren AB – Dagsavslut <dagsavslut@kaffebaren.se>");
  EXPECT_EQ(s["defects"].size(), 0u);
  ASSERT_EQ(s["attachments"].size(), d.attachments.size());
  EXPECT_EQ(s["attachments"][0]["filename"], "dagsavslut-2026-03-29.se");
  EXPECT_EQ(s["attachments"][0]["content_type"], "text/plain");
  EXPECT_EQ(s["attachments"][0]["charset"], "IBM437");
  EXPECT_EQ(s["attachments"][1]["filename"], "försäljning-2026-03-29.csv");
  EXPECT_EQ(s["attachments"][1]["content_type"], "text/csv");
  EXPECT_EQ(s["attachments"][2]["content_type"],
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  EXPECT_EQ(s["attachments"][3]["content_type"], "application/pdf");
  for (std::size_t i = 0; i < d.attachments.size(); ++i)
    EXPECT_EQ(s["attachments"][i]["size"], d.attachments[i].content.size());
  EXPECT_EQ(s["text"], "Hej!\r\nHär kommer försäljningen för söndag 29 mars 2026.\r\n.\r\nHälsningar, dagbok\r\n");
}

TEST(SmtpMailer, StartTlsWithAuthentication) {
  TempDir tmp("dagbok-smtp");
  SmtpSink sink(tmp.path(), SmtpSink::Options().require_auth("kassa@kaffebaren.se:hemligt lösen").with_tls());
  SmtpConfig c = plain_config(sink.port());
  c.security = SmtpSecurity::kStartTlsRequired;
  c.ca_file = sink.cert();
  c.user = "kassa@kaffebaren.se";
  // The password is sealed at rest, as it would be in dagbok.toml.
  crypto::SecretBox box(*crypto::MasterKey::generate());
  c.password = *box.seal("hemligt lösen");
  ASSERT_TRUE(mailer_for(c, &box)->send(*compose(draft())).ok());
  EXPECT_EQ(sink.messages().size(), 1u);

  // The same with "localhost", the certificate's DNS name.
  c.host = "localhost";
  Status by_name = mailer_for(c, &box)->send(*compose(draft("k2")));
  EXPECT_TRUE(by_name.ok()) << by_name.error().message();
}

TEST(SmtpMailer, WrongPasswordIsAFailedPreconditionThatNeverShowsThePassword) {
  TempDir tmp("dagbok-smtp");
  SmtpSink sink(tmp.path(), SmtpSink::Options().require_auth("kassa:rätt").with_tls());
  SmtpConfig c = plain_config(sink.port());
  c.security = SmtpSecurity::kStartTlsRequired;
  c.ca_file = sink.cert();
  c.user = "kassa";
  c.password = "fel-l0senord";
  Status s = mailer_for(c)->send(*compose(draft()));
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().code(), ErrorCode::kFailedPrecondition);
  EXPECT_THAT(s.error().message(), HasSubstr("refused the login for user 'kassa'"));
  EXPECT_THAT(s.error().message(), HasSubstr("535"));
  EXPECT_THAT(s.error().message(), HasSubstr("Check user and password in [smtp] in dagbok.toml"));
  EXPECT_THAT(s.error().message(), Not(HasSubstr("fel-l0senord")));
  EXPECT_TRUE(sink.messages().empty());
}

TEST(SmtpMailer, AuthOverPlainTextOnLoopback) {
  // Without TLS the password travels in clear text; SmtpMailer allows that
  // only for a server on this machine (see the next test).
  TempDir tmp("dagbok-smtp");
  SmtpSink sink(tmp.path(), SmtpSink::Options().require_auth("kassa:hemligt"));
  SmtpConfig c = plain_config(sink.port());
  c.user = "kassa";
  c.password = "hemligt";
  Status s = mailer_for(c)->send(*compose(draft()));
  EXPECT_TRUE(s.ok()) << s.error().message();
  EXPECT_EQ(sink.messages().size(), 1u);
}

TEST(SmtpMailer, RefusesToSendAPasswordUnencryptedToAnotherMachine) {
  SmtpConfig c = plain_config(587);
  c.host = "smtp.example.se";
  c.user = "kassa";
  c.password = "hemligt";
  Result<std::unique_ptr<SmtpMailer>> m = SmtpMailer::create(c, nullptr);
  ASSERT_FALSE(m.ok());
  EXPECT_EQ(m.error().code(), ErrorCode::kFailedPrecondition);
  EXPECT_THAT(m.error().message(), HasSubstr("unencrypted"));
}

TEST(SmtpMailer, RequiredStartTlsThatTheServerLacksIsAFailedPrecondition) {
  TempDir tmp("dagbok-smtp");
  SmtpSink sink(tmp.path());
  SmtpConfig c = plain_config(sink.port());
  c.security = SmtpSecurity::kStartTlsRequired;
  Status s = mailer_for(c)->send(*compose(draft()));
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().code(), ErrorCode::kFailedPrecondition);
  EXPECT_THAT(s.error().message(), HasSubstr("does not offer encryption"));
  EXPECT_TRUE(sink.messages().empty());

  // Opportunistic STARTTLS goes ahead without it.
  c.security = SmtpSecurity::kStartTlsOpportunistic;
  EXPECT_TRUE(mailer_for(c)->send(*compose(draft())).ok());
}

TEST(SmtpMailer, OpportunisticStartTlsNeverSendsThePasswordInClear) {
  // A man in the middle who strips STARTTLS from the EHLO reply looks, to
  // dagbok, like this sink: no STARTTLS offered, AUTH accepted in clear.
  TempDir tmp("dagbok-smtp");
  SmtpSink sink(tmp.path(), SmtpSink::Options().require_auth("kassa:hemligt"));
  SmtpConfig c = plain_config(sink.port());
  c.security = SmtpSecurity::kStartTlsOpportunistic;
  c.user = "kassa";
  c.password = "hemligt";
  Status s = mailer_for(c)->send(*compose(draft()));
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().code(), ErrorCode::kFailedPrecondition);
  EXPECT_THAT(s.error().message(), HasSubstr("starttls = \"opportunistic\""));
  EXPECT_THAT(s.error().message(), HasSubstr("starttls = \"required\""));
  EXPECT_THAT(s.error().message(), HasSubstr("remove the password"));
  EXPECT_THAT(s.error().message(), HasSubstr("[smtp] in dagbok.toml"));
  EXPECT_THAT(s.error().message(), Not(HasSubstr("hemligt")));
  EXPECT_FALSE(std::filesystem::exists(tmp.path() / "auth-attempts")) << "the password reached the server";
  EXPECT_TRUE(sink.messages().empty());

  // The same settings with starttls = "off" on loopback do authenticate,
  // which is what proves the sink would have seen the password.
  c.security = SmtpSecurity::kNone;
  Status plain = mailer_for(c)->send(*compose(draft()));
  EXPECT_TRUE(plain.ok()) << plain.error().message();
  EXPECT_TRUE(std::filesystem::exists(tmp.path() / "auth-attempts"));
}

TEST(SmtpMailer, UntrustedCertificateIsAFailedPrecondition) {
  TempDir tmp("dagbok-smtp");
  SmtpSink sink(tmp.path(), SmtpSink::Options().with_tls());
  SmtpConfig c = plain_config(sink.port());
  c.security = SmtpSecurity::kStartTlsRequired;  // no ca_file: the system store does not know it
  Status s = mailer_for(c)->send(*compose(draft()));
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().code(), ErrorCode::kFailedPrecondition);
  EXPECT_THAT(s.error().message(), HasSubstr("certificate"));
  EXPECT_TRUE(sink.messages().empty());
}

TEST(SmtpMailer, TemporaryRefusalIsUnavailableAndTheRetrySucceeds) {
  TempDir tmp("dagbok-smtp");
  SmtpSink sink(tmp.path());
  auto mailer = mailer_for(plain_config(sink.port()));
  MailMessage message = *compose(draft());
  for (std::string stage : {"mail", "rcpt", "data"}) {
    sink.set_faults(stage + " 1 451 4.3.0 Try again later");
    Status s = mailer->send(message);
    ASSERT_FALSE(s.ok()) << stage;
    EXPECT_EQ(s.error().code(), ErrorCode::kUnavailable) << stage;
    EXPECT_THAT(s.error().message(), HasSubstr("451 4.3.0 Try again later"));
    EXPECT_THAT(s.error().message(), HasSubstr("try again later"));
  }
  EXPECT_TRUE(sink.messages().empty());
  Status retry = mailer->send(message);
  ASSERT_TRUE(retry.ok()) << retry.error().message();
  ASSERT_EQ(sink.messages().size(), 1u);
  EXPECT_EQ(sink.messages()[0], message.data);
}

TEST(SmtpMailer, RefusedRecipientNamesTheAddressAndTheFix) {
  TempDir tmp("dagbok-smtp");
  SmtpSink sink(tmp.path());
  // The second recipient is refused: nobody gets the mail.
  sink.set_faults("rcpt 0 x\nrcpt 1 250 OK\nrcpt 1 550 5.1.1 <agare@kaffebaren.se>: Recipient address rejected");
  Status s = mailer_for(plain_config(sink.port()))->send(*compose(draft()));
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().code(), ErrorCode::kFailedPrecondition);
  EXPECT_THAT(s.error().message(),
              HasSubstr("The mail server refused the address 'agare@kaffebaren.se': 550 5.1.1"));
  EXPECT_THAT(s.error().message(), HasSubstr("Check the address under Integrationer → Export via e-post"));
  EXPECT_TRUE(sink.messages().empty());
}

TEST(SmtpMailer, PermanentRefusalsAtEachStage) {
  TempDir tmp("dagbok-smtp");
  SmtpSink sink(tmp.path());
  auto mailer = mailer_for(plain_config(sink.port()));
  MailMessage message = *compose(draft());

  sink.set_faults("mail 1 553 5.7.1 Sender address rejected: not owned by user");
  Status mail = mailer->send(message);
  EXPECT_EQ(mail.error().code(), ErrorCode::kFailedPrecondition);
  EXPECT_THAT(mail.error().message(), HasSubstr("refused the sender address 'dagsavslut@kaffebaren.se': 553"));
  EXPECT_THAT(mail.error().message(), HasSubstr("Check from in [smtp] in dagbok.toml"));

  sink.set_faults("data 1 552 5.3.4 Message size exceeds fixed limit");
  Status data = mailer->send(message);
  EXPECT_EQ(data.error().code(), ErrorCode::kFailedPrecondition);
  EXPECT_THAT(data.error().message(), HasSubstr("refused the message: 552 5.3.4 Message size exceeds fixed limit"));
  EXPECT_THAT(data.error().message(), HasSubstr("shorter period"));
  EXPECT_TRUE(sink.messages().empty());
}

TEST(SmtpMailer, ServerDownIsUnavailableAndServerBackDelivers) {
  TempDir tmp("dagbok-smtp");
  SmtpSink sink(tmp.path());
  auto mailer = mailer_for(plain_config(sink.port()));
  MailMessage message = *compose(draft());
  sink.stop();
  Status down = mailer->send(message);
  ASSERT_FALSE(down.ok());
  EXPECT_EQ(down.error().code(), ErrorCode::kUnavailable);
  EXPECT_THAT(down.error().message(), HasSubstr("Could not reach the mail server 127.0.0.1:"));
  EXPECT_THAT(down.error().message(), HasSubstr("dagbok will try again later"));

  sink.restart();
  Status back = mailer->send(message);
  ASSERT_TRUE(back.ok()) << back.error().message();
  ASSERT_EQ(sink.messages().size(), 1u);
  EXPECT_EQ(sink.messages()[0], message.data);
}

TEST(SmtpMailer, SilentServerTimesOutAsUnavailable) {
  // A socket that accepts connections (the kernel does) but never speaks.
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  ASSERT_GE(fd, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  ASSERT_EQ(::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr), 0);
  ASSERT_EQ(::listen(fd, 4), 0);
  socklen_t len = sizeof addr;
  ASSERT_EQ(::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len), 0);

  SmtpConfig c = plain_config(ntohs(addr.sin_port));
  c.connect_timeout_seconds = 1;
  c.timeout_seconds = 2;
  auto start = std::chrono::steady_clock::now();
  Status s = mailer_for(c)->send(*compose(draft()));
  auto elapsed = std::chrono::steady_clock::now() - start;
  ::close(fd);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().code(), ErrorCode::kUnavailable);
  EXPECT_LT(elapsed, std::chrono::seconds(10));
}

TEST(SmtpMailer, ARetriedDeliveryCarriesTheSameMessageId) {
  // When a 250 is lost with the connection, the engine sends again: the
  // second copy is byte-identical, so mail programs see one Message-ID.
  TempDir tmp("dagbok-smtp");
  SmtpSink sink(tmp.path());
  auto mailer = mailer_for(plain_config(sink.port()));
  ASSERT_TRUE(mailer->send(*compose(draft())).ok());
  ASSERT_TRUE(mailer->send(*compose(draft())).ok());
  std::vector<std::string> summaries = sink.summaries();
  ASSERT_EQ(summaries.size(), 2u);
  EXPECT_EQ(nlohmann::json::parse(summaries[0])["message_id"], nlohmann::json::parse(summaries[1])["message_id"]);
  EXPECT_EQ(sink.messages()[0], sink.messages()[1]);
}

}  // namespace
}  // namespace dagbok::email
