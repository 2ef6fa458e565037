// SmtpMailer without a network: settings checks and message checks that
// happen before any connection. (tests/integration has the real server.)
#include "connectors/email/mailer.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "support/temp_dir.h"

namespace dagbok::email {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

SmtpConfig config() {
  SmtpConfig c;
  c.host = "smtp.example.se";
  c.user = "kassa@kaffebaren.se";
  c.password = "hemligt";
  c.from = "kassa@kaffebaren.se";
  c.origin = "[smtp] in dagbok.toml";
  return c;
}

TEST(SmtpMailerSettings, SealedPasswordNeedsTheBox) {
  crypto::SecretBox box(*crypto::MasterKey::generate());
  SmtpConfig c = config();
  c.password = *box.seal("hemligt");
  EXPECT_TRUE(SmtpMailer::create(c, &box).ok());
  Result<std::unique_ptr<SmtpMailer>> no_box = SmtpMailer::create(c, nullptr);
  ASSERT_FALSE(no_box.ok());
  EXPECT_EQ(no_box.error().code(), ErrorCode::kFailedPrecondition);
  EXPECT_THAT(no_box.error().message(), HasSubstr("the password in [smtp] in dagbok.toml is sealed"));
  crypto::SecretBox other(*crypto::MasterKey::generate());
  Result<std::unique_ptr<SmtpMailer>> wrong = SmtpMailer::create(c, &other);
  ASSERT_FALSE(wrong.ok());
  EXPECT_THAT(wrong.error().message(), HasSubstr("different master key"));
}

TEST(SmtpMailerSettings, PlainTextPasswordOnlyToThisMachine) {
  SmtpConfig c = config();
  c.security = SmtpSecurity::kNone;
  EXPECT_FALSE(SmtpMailer::create(c, nullptr).ok());
  for (const char* host : {"localhost", "127.0.0.1", "::1"}) {
    c.host = host;
    EXPECT_TRUE(SmtpMailer::create(c, nullptr).ok()) << host;
  }
  c.host = "smtp.example.se";
  c.password.clear();
  c.user.clear();
  EXPECT_TRUE(SmtpMailer::create(c, nullptr).ok());  // no password, nothing to leak
}

TEST(SmtpMailerSettings, OpenFromConfigUsesTheKeyFileButNeverCreatesOne) {
  testing_support::TempDir tmp("dagbok-mailer");
  std::filesystem::path key_file = tmp.path() / "dagbok.key";
  Config cfg;
  EXPECT_THAT(open_smtp_mailer(cfg, empty_env(), key_file).error().message(), HasSubstr("No mail server"));

  cfg.smtp = config();
  EXPECT_TRUE(open_smtp_mailer(cfg, empty_env(), key_file).ok());  // plain password

  cfg.smtp->password = "sbx1:AAAA";
  Result<std::unique_ptr<SmtpMailer>> no_key = open_smtp_mailer(cfg, empty_env(), key_file);
  ASSERT_FALSE(no_key.ok());
  EXPECT_THAT(no_key.error().message(), HasSubstr("master key to open it is missing"));
  EXPECT_FALSE(std::filesystem::exists(key_file));

  cfg.smtp->password = *crypto::seal_secret(empty_env(), key_file, "hemligt");
  EXPECT_TRUE(open_smtp_mailer(cfg, empty_env(), key_file).ok());
}

TEST(SmtpMailerSend, ChecksTheMessageBeforeConnecting) {
  SmtpConfig c = config();
  c.host = "127.0.0.1";
  c.port = 1;  // nothing listens; these fail before connecting
  auto mailer = std::move(SmtpMailer::create(c, nullptr)).value();
  MailMessage m{"kassa@kaffebaren.se", {"bokforing@byran.se"}, "Subject: x\r\n\r\nhej\r\n"};
  MailMessage bare_lf = m;
  bare_lf.data = "Subject: x\n\nhej\n";
  EXPECT_EQ(mailer->send(bare_lf).error().code(), ErrorCode::kInvalidArgument);
  MailMessage no_rcpt = m;
  no_rcpt.recipients.clear();
  EXPECT_EQ(mailer->send(no_rcpt).error().code(), ErrorCode::kInvalidArgument);
  MailMessage bad_rcpt = m;
  bad_rcpt.recipients = {"bokföring@byrån.se"};
  Status s = mailer->send(bad_rcpt);
  EXPECT_EQ(s.error().code(), ErrorCode::kFailedPrecondition);
  EXPECT_THAT(s.error().message(), HasSubstr("Integrationer → Export via e-post"));
  // And with a valid message, port 1 refuses: Unavailable, password not shown.
  Status refused = mailer->send(m);
  EXPECT_EQ(refused.error().code(), ErrorCode::kUnavailable);
  EXPECT_THAT(refused.error().message(), Not(HasSubstr("hemligt")));
}

}  // namespace
}  // namespace dagbok::email
