#include "config/config.h"

#include <unistd.h>

#include <filesystem>
#include <fstream>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace dagbok {
namespace {

using ::testing::HasSubstr;

Result<Config> parse(std::string_view text, const Env& env = empty_env()) {
  return parse_config(text, "dagbok.toml", env);
}

std::string error_of(const Result<Config>& r) { return r.ok() ? "(ok)" : r.error().message(); }

TEST(Config, EmptyFileHasNoSmtp) {
  Result<Config> c = parse("");
  ASSERT_TRUE(c.ok());
  EXPECT_FALSE(c->smtp.has_value());
}

TEST(Config, ReadsTheSmtpSection) {
  Result<Config> c = parse(R"(
[company]
name = "ignored by this module"

[smtp]
host = "smtp.example.se"
port = 2525
user = "kassa@kaffebaren.se"
password = "hunter2"
starttls = "opportunistic"
from = "dagsavslut@kaffebaren.se"
from_name = "Kaffebaren AB – Dagsavslut"
ca_file = "/etc/ssl/own.pem"
connect_timeout_seconds = 5
timeout_seconds = 60
)");
  ASSERT_TRUE(c.ok()) << error_of(c);
  ASSERT_TRUE(c->smtp);
  const SmtpConfig& s = *c->smtp;
  EXPECT_EQ(s.host, "smtp.example.se");
  EXPECT_EQ(s.port, 2525);
  EXPECT_EQ(s.user, "kassa@kaffebaren.se");
  EXPECT_EQ(s.password, "hunter2");
  EXPECT_EQ(s.security, SmtpSecurity::kStartTlsOpportunistic);
  EXPECT_EQ(s.from, "dagsavslut@kaffebaren.se");
  EXPECT_EQ(s.from_name, "Kaffebaren AB – Dagsavslut");
  EXPECT_EQ(s.ca_file, "/etc/ssl/own.pem");
  EXPECT_EQ(s.connect_timeout_seconds, 5);
  EXPECT_EQ(s.timeout_seconds, 60);
  EXPECT_EQ(s.origin, "[smtp] in dagbok.toml");
  EXPECT_EQ(describe(s), "smtp://kassa@kaffebaren.se@smtp.example.se:2525 (STARTTLS when offered)");
  EXPECT_EQ(describe(s).find("hunter2"), std::string::npos);
}

TEST(Config, DefaultsAreSafe) {
  Result<Config> c = parse("[smtp]\nhost = \"mail.test\"\nuser = \"kassa@kaffebaren.se\"\n");
  ASSERT_TRUE(c.ok()) << error_of(c);
  EXPECT_EQ(c->smtp->port, 587);
  EXPECT_EQ(c->smtp->security, SmtpSecurity::kStartTlsRequired);
  EXPECT_EQ(c->smtp->from, "kassa@kaffebaren.se");  // from defaults to an address-like user
}

TEST(Config, StarttlsAcceptsBooleansAndWords) {
  auto security = [](std::string_view value) {
    Result<Config> c = parse("[smtp]\nhost = \"h\"\nfrom = \"a@b.se\"\nstarttls = " + std::string(value) + "\n");
    EXPECT_TRUE(c.ok()) << error_of(c);
    return c.ok() ? c->smtp->security : SmtpSecurity::kImplicitTls;
  };
  EXPECT_EQ(security("true"), SmtpSecurity::kStartTlsRequired);
  EXPECT_EQ(security("false"), SmtpSecurity::kNone);
  EXPECT_EQ(security("\"required\""), SmtpSecurity::kStartTlsRequired);
  EXPECT_EQ(security("\"opportunistic\""), SmtpSecurity::kStartTlsOpportunistic);
  EXPECT_EQ(security("\"off\""), SmtpSecurity::kNone);
}

TEST(Config, ImplicitTlsDefaultsToPort465) {
  Result<Config> c = parse("[smtp]\nhost = \"h\"\nfrom = \"a@b.se\"\nimplicit_tls = true\n");
  ASSERT_TRUE(c.ok()) << error_of(c);
  EXPECT_EQ(c->smtp->security, SmtpSecurity::kImplicitTls);
  EXPECT_EQ(c->smtp->port, 465);
  Result<Config> both = parse("[smtp]\nhost = \"h\"\nfrom = \"a@b.se\"\nimplicit_tls = true\nstarttls = true\n");
  EXPECT_THAT(error_of(both), HasSubstr("choose one"));
}

TEST(ConfigErrors, NameFileLineColumnAndKey) {
  Result<Config> c = parse("[smtp]\nhost = \"h\"\nfrom = \"a@b.se\"\nport = \"587\"\n");
  ASSERT_FALSE(c.ok());
  EXPECT_EQ(c.error().code(), ErrorCode::kInvalidArgument);
  EXPECT_THAT(c.error().message(), HasSubstr("dagbok.toml, line 4, column 8: [smtp] port must be a whole number"));
  EXPECT_THAT(c.error().message(), HasSubstr("\n  port = \"587\"\n         ^"));

  EXPECT_THAT(error_of(parse("[smtp]\nhost = \"h\"\nfrom = \"a@b.se\"\nport = 70000\n")),
              HasSubstr("line 4, column 8: [smtp] port must be a whole number from 1 to 65535"));
  EXPECT_THAT(error_of(parse("[smtp]\nhost = \"h\"\nfrom = \"a@b.se\"\nstarttls = \"maybe\"\n")),
              HasSubstr("line 4, column 12: [smtp] starttls must be"));
  EXPECT_THAT(error_of(parse("[smtp]\nhost = \"h\"\nfrom = \"not an address\"\n")),
              HasSubstr("line 3, column 8: [smtp] from = \"not an address\" is not an e-mail address"));
}

TEST(ConfigErrors, UnknownKeyIsNamed) {
  Result<Config> c = parse("[smtp]\nhost = \"h\"\nfrom = \"a@b.se\"\n  sender = \"x\"\n");
  EXPECT_THAT(error_of(c), HasSubstr("line 4, column 3: unknown key \"sender\" in [smtp]"));
}

TEST(ConfigErrors, MissingHostOrSenderPointsAtTheSection) {
  EXPECT_THAT(error_of(parse("\n\n[smtp]\nfrom = \"a@b.se\"\n")), HasSubstr("line 3, column 1: [smtp] has no host"));
  EXPECT_THAT(error_of(parse("[smtp]\nhost = \"h\"\nuser = \"kassa\"\n")),
              HasSubstr("line 1, column 1: [smtp] has no sender address"));
}

TEST(ConfigErrors, TomlSyntaxErrorsCarryThePosition) {
  Result<Config> c = parse("[smtp]\nhost = \"h\nfrom = \"a@b.se\"\n");
  ASSERT_FALSE(c.ok());
  EXPECT_THAT(c.error().message(), HasSubstr("dagbok.toml, line 2"));
  EXPECT_THAT(c.error().message(), HasSubstr("not valid TOML"));
  EXPECT_THAT(error_of(parse("smtp = 3\n")), HasSubstr("line 1, column 8: smtp must be a section"));
}

TEST(ConfigErrors, NeverRepeatAPassword) {
  // A broken password line: the message names the place but does not show the line.
  Result<Config> c = parse("[smtp]\nhost = \"h\"\nfrom = \"a@b.se\"\npassword = hunter2\n");
  ASSERT_FALSE(c.ok());
  EXPECT_THAT(c.error().message(), HasSubstr("line 4"));
  EXPECT_EQ(c.error().message().find("hunter2"), std::string::npos);
  Result<Config> n = parse("[smtp]\nhost = \"h\"\nfrom = \"a@b.se\"\nuser = \"u\"\npassword = 1234\n");
  ASSERT_FALSE(n.ok());
  EXPECT_THAT(n.error().message(), HasSubstr("line 5, column 12: [smtp] password must be a quoted string"));
  EXPECT_EQ(n.error().message().find("1234"), std::string::npos);
}

TEST(SmtpUrl, ParsesEveryPart) {
  Result<SmtpConfig> s = parse_smtp_url(
      "smtp://kassa%40kaffebaren.se:p%C3%A4ss%3Aw0rd@mail.example.se:2525/"
      "?starttls=opportunistic&from=dagsavslut@kaffebaren.se&from_name=Kaffebaren%20AB"
      "&timeout_seconds=30&connect_timeout_seconds=3&ca_file=%2Ftmp%2Fca.pem");
  ASSERT_TRUE(s.ok()) << s.error().message();
  EXPECT_EQ(s->user, "kassa@kaffebaren.se");
  EXPECT_EQ(s->password, "päss:w0rd");
  EXPECT_EQ(s->host, "mail.example.se");
  EXPECT_EQ(s->port, 2525);
  EXPECT_EQ(s->security, SmtpSecurity::kStartTlsOpportunistic);
  EXPECT_EQ(s->from, "dagsavslut@kaffebaren.se");
  EXPECT_EQ(s->from_name, "Kaffebaren AB");
  EXPECT_EQ(s->timeout_seconds, 30);
  EXPECT_EQ(s->connect_timeout_seconds, 3);
  EXPECT_EQ(s->ca_file, "/tmp/ca.pem");
  EXPECT_EQ(s->origin, "DAGBOK_SMTP_URL");
}

TEST(SmtpUrl, DefaultsBySchemeAndIPv6) {
  Result<SmtpConfig> plain = parse_smtp_url("smtp://[::1]?from=a@b.se");
  ASSERT_TRUE(plain.ok()) << plain.error().message();
  EXPECT_EQ(plain->host, "::1");
  EXPECT_EQ(plain->port, 587);
  EXPECT_EQ(plain->security, SmtpSecurity::kStartTlsRequired);
  EXPECT_EQ(describe(*plain), "smtp://[::1]:587 (STARTTLS required)");
  Result<SmtpConfig> tls = parse_smtp_url("smtps://a%40b.se:x@mail.test");
  ASSERT_TRUE(tls.ok()) << tls.error().message();
  EXPECT_EQ(tls->port, 465);
  EXPECT_EQ(tls->security, SmtpSecurity::kImplicitTls);
  EXPECT_EQ(tls->from, "a@b.se");
}

TEST(SmtpUrl, ErrorsNameTheVariableButHideThePassword) {
  for (std::string_view bad : {"http://u:topsecret@h", "smtp://u:topsecret@h:99999?from=a@b.se",
                               "smtp://u:topsecret@h?from=a@b.se&bogus=1",
                               "smtps://u:topsecret@h?from=a@b.se&starttls=off",
                               "smtp://u:top%ZZsecret@h?from=a@b.se", "smtp://u:topsecret@?from=a@b.se",
                               "smtp://u:topsecret@h/path?from=a@b.se", "smtp://u:topsecret@h"}) {
    Result<SmtpConfig> s = parse_smtp_url(bad);
    ASSERT_FALSE(s.ok()) << bad;
    EXPECT_EQ(s.error().code(), ErrorCode::kInvalidArgument);
    EXPECT_THAT(s.error().message(), HasSubstr("DAGBOK_SMTP_URL"));
    EXPECT_EQ(s.error().message().find("topsecret"), std::string::npos) << s.error().message();
  }
}

TEST(ConfigEnv, UrlReplacesTheConnectionAndKeepsTheSender) {
  Env env = env_from_map({{"DAGBOK_SMTP_URL", "smtp://127.0.0.1:2525?starttls=off"}});
  Result<Config> c = parse(R"([smtp]
host = "smtp.example.se"
user = "kassa@kaffebaren.se"
password = "from-the-file"
from = "dagsavslut@kaffebaren.se"
from_name = "Kaffebaren AB"
)", env);
  ASSERT_TRUE(c.ok()) << error_of(c);
  EXPECT_EQ(c->smtp->host, "127.0.0.1");
  EXPECT_EQ(c->smtp->port, 2525);
  EXPECT_EQ(c->smtp->security, SmtpSecurity::kNone);
  EXPECT_EQ(c->smtp->user, "");        // the file's account does not go to another server
  EXPECT_EQ(c->smtp->password, "");
  EXPECT_EQ(c->smtp->from, "dagsavslut@kaffebaren.se");
  EXPECT_EQ(c->smtp->from_name, "Kaffebaren AB");
  EXPECT_EQ(c->smtp->origin, "DAGBOK_SMTP_URL (overriding [smtp] in dagbok.toml)");
}

TEST(ConfigEnv, UrlAloneIsEnoughAndEmptyIsUnset) {
  Result<Config> c = parse("", env_from_map({{"DAGBOK_SMTP_URL", "smtps://kassa%40k.se:pw@mail.test"}}));
  ASSERT_TRUE(c.ok()) << error_of(c);
  ASSERT_TRUE(c->smtp);
  EXPECT_EQ(c->smtp->from, "kassa@k.se");
  Result<Config> unset = parse("", env_from_map({{"DAGBOK_SMTP_URL", ""}}));
  ASSERT_TRUE(unset.ok());
  EXPECT_FALSE(unset->smtp);
}

TEST(ConfigFile, LoadsFromDiskAndReportsAMissingFile) {
  std::string dir_pattern = (std::filesystem::temp_directory_path() / "dagbok-config-XXXXXX").string();
  std::filesystem::path dir = ::mkdtemp(dir_pattern.data());
  std::filesystem::path file = dir / "dagbok.toml";
  { std::ofstream(file) << "[smtp]\nhost = \"mail.test\"\nfrom = \"a@b.se\"\nport = -1\n"; }
  Result<Config> bad = load_config(file, empty_env());
  ASSERT_FALSE(bad.ok());
  EXPECT_THAT(bad.error().message(), HasSubstr(file.string() + ", line 4, column 8"));
  { std::ofstream(file) << "[smtp]\nhost = \"mail.test\"\nfrom = \"a@b.se\"\n"; }
  Result<Config> good = load_config(file, empty_env());
  ASSERT_TRUE(good.ok()) << error_of(good);
  EXPECT_EQ(good->source, file.string());
  EXPECT_EQ(good->smtp->origin, "[smtp] in " + file.string());

  std::filesystem::path missing = dir / "none.toml";
  EXPECT_TRUE(load_config(missing, empty_env()).ok());
  Result<Config> required = load_config(missing, empty_env(), MissingConfig::kFail);
  ASSERT_FALSE(required.ok());
  EXPECT_EQ(required.error().code(), ErrorCode::kNotFound);
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace dagbok
