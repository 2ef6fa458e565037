// Config: dagbok's settings file, dagbok.toml, and its environment overrides.
//
// The file is TOML. Each section belongs to one part of dagbok; this module
// reads the ones it knows and leaves the others to their owners. Today that
// is [smtp], the mail server that the "Export via e-post" integration sends
// through:
//
//   [smtp]
//   host = "smtp.example.se"
//   port = 587                         # default 587 (465 with implicit_tls)
//   user = "kassa@kaffebaren.se"
//   password = "sbx1:..."              # plain text, or sealed with `dagbok secret seal`
//   starttls = "required"              # or "opportunistic", "off", true, false
//   from = "kassa@kaffebaren.se"       # default: user, when it is an address
//   from_name = "Kaffebaren AB – Dagsavslut"
//
// DAGBOK_SMTP_URL, when set, replaces the connection settings:
//
//   smtp://user:pass@host:587?starttls=required&from=kassa@kaffebaren.se
//   smtps://user:pass@host            (implicit TLS, port 465)
//
//   Config cfg = *load_config("/var/lib/dagbok/dagbok.toml", process_env());
//   if (cfg.smtp) ... cfg.smtp->host ...
//
// Errors name the file, line and column (or the variable) and the key, and
// never repeat a password.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "core/env.h"
#include "core/file_system.h"
#include "core/result.h"

namespace dagbok {

inline constexpr std::string_view kSmtpUrlEnv = "DAGBOK_SMTP_URL";

// How the connection to the mail server is protected.
enum class SmtpSecurity {
  kStartTlsRequired,       // smtp:// + STARTTLS; refuse to send if the server cannot
  kStartTlsOpportunistic,  // smtp:// + STARTTLS when offered, plain text otherwise
  kNone,                   // smtp:// in plain text (only for a server on this machine)
  kImplicitTls,            // smtps://, TLS from the first byte (usually port 465)
};

std::string_view smtp_security_name(SmtpSecurity security);

struct SmtpConfig {
  std::string host;
  int port = 587;
  std::string user;       // empty: do not authenticate
  std::string password;   // plain, or sealed ("sbx1:..."); never log it
  SmtpSecurity security = SmtpSecurity::kStartTlsRequired;
  std::string from;       // sender address (envelope and From header)
  std::string from_name;  // sender display name, UTF-8; may be empty
  std::string ca_file;    // PEM bundle to trust instead of the system's; may be empty
  int connect_timeout_seconds = 30;
  int timeout_seconds = 120;  // the whole send, connection included
  // Where these settings came from, for messages that tell the merchant what
  // to fix: "[smtp] in /etc/dagbok/dagbok.toml" or "DAGBOK_SMTP_URL".
  std::string origin;
};

// A one-line description safe for logs: "smtp://kassa@smtp.example.se:587
// (STARTTLS required)". It never contains the password.
std::string describe(const SmtpConfig& smtp);

// dagbok's own keys for PowerOffice Go ([poweroffice] in dagbok.toml): the
// application key and the subscription key are the integration's, the same
// for every merchant; each merchant's client key is a setting of its own.
struct PowerOfficeConfig {
  std::string application_key;   // plain, or sealed ("sbx1:..."); never log it
  std::string subscription_key;  // plain, or sealed ("sbx1:..."); never log it
  std::string base_url;          // "" = production
  std::string origin;            // "[poweroffice] in /etc/dagbok/dagbok.toml"
};

// dagbok's own OAuth client at Visma eEkonomi ([visma] in dagbok.toml): the
// client id and secret are the integration's, the same for every merchant;
// each merchant connects its company by consent (OAuth authorization code).
struct VismaConfig {
  std::string client_id;
  std::string client_secret;  // plain, or sealed ("sbx1:..."); never log it
  std::string base_url;       // the API's root above /v2; "" = https://eaccountingapi.vismaonline.com
  std::string identity_url;   // above /connect/authorize and /connect/token; "" = https://identity.vismaonline.com
  std::string origin;         // "[visma] in /etc/dagbok/dagbok.toml"
};

struct Config {
  std::string source;  // the file it was read from, or "" when there was none
  std::optional<SmtpConfig> smtp;  // absent: e-mail is not configured
  std::optional<PowerOfficeConfig> poweroffice;  // absent: PowerOffice Go is not configured
  std::optional<VismaConfig> visma;  // absent: Visma eEkonomi is not configured
};

// What load_config does when the file does not exist.
enum class MissingConfig {
  kEmpty,  // as if the file were empty (environment overrides still apply)
  kFail,   // NotFound
};

// Reads and parses the file, then applies the environment overrides.
Result<Config> load_config(const std::filesystem::path& path, const Env& env, FileSystem& fs,
                           MissingConfig missing = MissingConfig::kEmpty);
// As above, on the real file system.
inline Result<Config> load_config(const std::filesystem::path& path, const Env& env,
                                  MissingConfig missing = MissingConfig::kEmpty) {
  return load_config(path, env, posix_file_system(), missing);
}

// Parses TOML text; source_name is used in messages ("dagbok.toml, line 3 ...").
Result<Config> parse_config(std::string_view toml_text, std::string_view source_name, const Env& env);

// Parses a DAGBOK_SMTP_URL value on its own (origin "DAGBOK_SMTP_URL"). Query
// parameters: starttls (smtp:// only), from, from_name, ca_file,
// timeout_seconds, connect_timeout_seconds. User and password are
// percent-decoded, so "kassa%40kaffebaren.se" is the user kassa@kaffebaren.se.
Result<SmtpConfig> parse_smtp_url(std::string_view url);

}  // namespace dagbok
