#include "config/config.h"

// toml++ is used header-only and without exceptions, so that parse errors
// come back as values like every other error in dagbok. (Debian's shared
// libtomlplusplus is built with exceptions; the header-only build with
// TOML_EXCEPTIONS=0 lives in its own ABI namespace and does not clash.)
#define TOML_HEADER_ONLY 1
#define TOML_EXCEPTIONS 0
#include <toml++/toml.h>

#include <cctype>
#include <cerrno>
#include <cstring>
#include <sstream>
#include <utility>
#include <vector>

namespace dagbok {
namespace {

// ---------------------------------------------------------------- messages

std::string quote(std::string_view s) { return "\"" + std::string(s) + "\""; }

bool is_secret_line(std::string_view line) {
  std::string lower(line);
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return lower.find("password") != std::string::npos || lower.find("secret") != std::string::npos;
}

// Builds "file, line L, column C: what" followed by the line and a caret,
// unless the line may hold a secret.
class Locator {
 public:
  Locator(std::string_view text, std::string_view source) : source_(source) {
    std::size_t start = 0;
    while (start <= text.size()) {
      std::size_t end = text.find('\n', start);
      if (end == std::string_view::npos) end = text.size();
      std::string_view line = text.substr(start, end - start);
      if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
      lines_.push_back(line);
      start = end + 1;
    }
  }

  Error at(const toml::source_position& pos, std::string_view what) const {
    return at(pos.line, pos.column, what);
  }

  Error at(std::size_t line, std::size_t column, std::string_view what) const {
    std::string msg = std::string(source_);
    if (line > 0) msg += ", line " + std::to_string(line);
    if (column > 0) msg += ", column " + std::to_string(column);
    msg += ": ";
    msg += what;
    if (line > 0 && line <= lines_.size()) {
      std::string_view text = lines_[line - 1];
      if (!is_secret_line(text)) {
        msg += "\n  ";
        msg += text;
        if (column > 0) msg += "\n  " + std::string(column - 1, ' ') + "^";
      }
    }
    return invalid_argument(std::move(msg));
  }

  const std::string& source() const { return source_; }

 private:
  std::string source_;
  std::vector<std::string_view> lines_;
};

// ---------------------------------------------------------------- checks

bool looks_like_address(std::string_view s) {
  std::size_t at = s.rfind('@');
  if (at == std::string_view::npos || at == 0 || at + 1 == s.size()) return false;
  for (char c : s) {
    auto u = static_cast<unsigned char>(c);
    if (u <= 0x20 || u >= 0x7f) return false;
    if (std::strchr("<>()[],;:\\\"", c) != nullptr) return false;
  }
  return true;
}

bool has_control(std::string_view s) {
  for (char c : s) {
    auto u = static_cast<unsigned char>(c);
    if (u < 0x20 || u == 0x7f) return true;
  }
  return false;
}

std::optional<SmtpSecurity> parse_starttls_word(std::string_view word) {
  if (word == "required") return SmtpSecurity::kStartTlsRequired;
  if (word == "opportunistic") return SmtpSecurity::kStartTlsOpportunistic;
  if (word == "off") return SmtpSecurity::kNone;
  return std::nullopt;
}

// Checks what both sources share; `where` prefixes messages.
Status validate(const SmtpConfig& smtp, std::string_view where) {
  auto bad = [&](std::string what) { return invalid_argument(std::string(where) + ": " + what); };
  if (smtp.host.empty()) return bad("the mail server host is missing (set host)");
  if (has_control(smtp.host) || smtp.host.find(' ') != std::string::npos)
    return bad("the host " + quote(smtp.host) + " is not a host name");
  if (smtp.port < 1 || smtp.port > 65535) return bad("port must be between 1 and 65535");
  if (smtp.from.empty())
    return bad("the sender address is missing: set from (e.g. from = \"kassa@example.se\")");
  if (!looks_like_address(smtp.from))
    return bad("from = " + quote(smtp.from) + " is not an e-mail address");
  if (has_control(smtp.from_name)) return bad("from_name must be one line of text");
  if (has_control(smtp.user)) return bad("user must be one line of text");
  if (!smtp.password.empty() && smtp.user.empty())
    return bad("a password is set but no user; set user as well");
  if (smtp.connect_timeout_seconds < 1 || smtp.timeout_seconds < 1)
    return bad("timeouts must be at least 1 second");
  return ok_status();
}

// ---------------------------------------------------------------- TOML

Result<SmtpConfig> parse_smtp_table(const toml::table& table, const Locator& loc) {
  SmtpConfig smtp;
  smtp.origin = "[smtp] in " + loc.source();
  std::optional<SmtpSecurity> starttls;
  std::optional<bool> implicit_tls;
  bool port_set = false;

  for (const auto& entry : table) {
    // Not a structured binding: clang 14 (the fuzzing build) cannot capture
    // one in the lambdas below.
    const auto& key = entry.first;
    const auto& node = entry.second;
    const std::string_view k = key.str();
    const toml::source_position pos = node.source().begin;
    auto want_string = [&](std::string& out) -> Status {
      const auto* s = node.as_string();
      if (s == nullptr) return loc.at(pos, "[smtp] " + std::string(k) + " must be a quoted string");
      out = s->get();
      return ok_status();
    };
    auto want_int = [&](int& out, int64_t lo, int64_t hi) -> Status {
      const auto* i = node.as_integer();
      if (i == nullptr || i->get() < lo || i->get() > hi) {
        return loc.at(pos, "[smtp] " + std::string(k) + " must be a whole number from " +
                               std::to_string(lo) + " to " + std::to_string(hi));
      }
      out = static_cast<int>(i->get());
      return ok_status();
    };

    if (k == "host") {
      TRY(want_string(smtp.host));
    } else if (k == "port") {
      TRY(want_int(smtp.port, 1, 65535));
      port_set = true;
    } else if (k == "user") {
      TRY(want_string(smtp.user));
    } else if (k == "password") {
      if (node.as_string() == nullptr)
        return loc.at(pos, "[smtp] password must be a quoted string (plain, or sealed \"sbx1:...\")");
      smtp.password = node.as_string()->get();
    } else if (k == "starttls") {
      if (const auto* b = node.as_boolean()) {
        starttls = b->get() ? SmtpSecurity::kStartTlsRequired : SmtpSecurity::kNone;
      } else if (const auto* s = node.as_string(); s && parse_starttls_word(s->get())) {
        starttls = parse_starttls_word(s->get());
      } else {
        return loc.at(pos,
                      "[smtp] starttls must be \"required\", \"opportunistic\", \"off\", true or false");
      }
    } else if (k == "implicit_tls") {
      const auto* b = node.as_boolean();
      if (b == nullptr) return loc.at(pos, "[smtp] implicit_tls must be true or false");
      implicit_tls = b->get();
    } else if (k == "from") {
      TRY(want_string(smtp.from));
      if (!looks_like_address(smtp.from))
        return loc.at(pos, "[smtp] from = " + quote(smtp.from) + " is not an e-mail address");
    } else if (k == "from_name") {
      TRY(want_string(smtp.from_name));
    } else if (k == "ca_file") {
      TRY(want_string(smtp.ca_file));
    } else if (k == "connect_timeout_seconds") {
      TRY(want_int(smtp.connect_timeout_seconds, 1, 3600));
    } else if (k == "timeout_seconds") {
      TRY(want_int(smtp.timeout_seconds, 1, 86400));
    } else {
      return loc.at(key.source().begin,
                    "unknown key " + quote(k) +
                        " in [smtp]; the keys are host, port, user, password, starttls, implicit_tls, "
                        "from, from_name, ca_file, connect_timeout_seconds, timeout_seconds");
    }
  }

  const toml::source_position table_pos = table.source().begin;
  if (implicit_tls.value_or(false)) {
    if (starttls && *starttls != SmtpSecurity::kNone)
      return loc.at(table_pos, "[smtp] sets both implicit_tls = true and starttls; choose one");
    smtp.security = SmtpSecurity::kImplicitTls;
    if (!port_set) smtp.port = 465;
  } else if (starttls) {
    smtp.security = *starttls;
  }
  if (smtp.from.empty() && looks_like_address(smtp.user)) smtp.from = smtp.user;
  if (smtp.host.empty()) return loc.at(table_pos, "[smtp] has no host: add host = \"smtp.example.se\"");
  if (smtp.from.empty())
    return loc.at(table_pos, "[smtp] has no sender address: add from = \"kassa@example.se\"");
  Status valid = validate(smtp, "[smtp]");
  if (!valid) return loc.at(table_pos, valid.error().message());
  return smtp;
}

// ---------------------------------------------------------------- URL

std::string redact_url(std::string_view url) {
  std::size_t scheme_end = url.find("://");
  if (scheme_end == std::string_view::npos) return "(not shown)";
  std::size_t auth_start = scheme_end + 3;
  std::size_t auth_end = url.find_first_of("/?#", auth_start);
  if (auth_end == std::string_view::npos) auth_end = url.size();
  std::size_t at = url.substr(0, auth_end).rfind('@');
  if (at == std::string_view::npos || at < auth_start) return std::string(url);
  std::size_t colon = url.substr(0, at).find(':', auth_start);
  if (colon == std::string_view::npos) return std::string(url);
  return std::string(url.substr(0, colon)) + ":***" + std::string(url.substr(at));
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::optional<std::string> percent_decode(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '%') {
      out += s[i];
      continue;
    }
    if (i + 2 >= s.size()) return std::nullopt;
    int hi = hex_value(s[i + 1]), lo = hex_value(s[i + 2]);
    if (hi < 0 || lo < 0) return std::nullopt;
    out += static_cast<char>(hi * 16 + lo);
    i += 2;
  }
  return out;
}

std::optional<int> parse_int(std::string_view s, int lo, int hi) {
  if (s.empty() || s.size() > 6) return std::nullopt;
  int v = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return std::nullopt;
    v = v * 10 + (c - '0');
  }
  if (v < lo || v > hi) return std::nullopt;
  return v;
}

// Which fields the URL set, so the merge knows what to keep from the file.
struct UrlFields {
  SmtpConfig smtp;
  bool has_from = false, has_from_name = false, has_ca_file = false;
  bool has_timeout = false, has_connect_timeout = false;
};

Result<UrlFields> parse_url_fields(std::string_view url) {
  const std::string where = std::string(kSmtpUrlEnv) + " (" + redact_url(url) + ")";
  auto bad = [&](std::string what) { return invalid_argument(where + ": " + what); };
  UrlFields f;
  SmtpConfig& smtp = f.smtp;
  smtp.origin = std::string(kSmtpUrlEnv);

  std::string_view rest = url;
  if (rest.substr(0, 7) == "smtp://") {
    smtp.security = SmtpSecurity::kStartTlsRequired;
    smtp.port = 587;
    rest.remove_prefix(7);
  } else if (rest.substr(0, 8) == "smtps://") {
    smtp.security = SmtpSecurity::kImplicitTls;
    smtp.port = 465;
    rest.remove_prefix(8);
  } else {
    return bad("must start with smtp:// or smtps://");
  }
  std::string_view query;
  if (std::size_t q = rest.find('?'); q != std::string_view::npos) {
    query = rest.substr(q + 1);
    rest = rest.substr(0, q);
  }
  if (std::size_t slash = rest.find('/'); slash != std::string_view::npos) {
    if (slash + 1 != rest.size()) return bad("must not have a path after the host");
    rest = rest.substr(0, slash);
  }
  if (std::size_t at = rest.rfind('@'); at != std::string_view::npos) {
    std::string_view userinfo = rest.substr(0, at);
    rest = rest.substr(at + 1);
    std::string_view user = userinfo, pass;
    bool has_pass = false;
    if (std::size_t colon = userinfo.find(':'); colon != std::string_view::npos) {
      user = userinfo.substr(0, colon);
      pass = userinfo.substr(colon + 1);
      has_pass = true;
    }
    std::optional<std::string> u = percent_decode(user);
    if (!u) return bad("the user name has a broken %-escape");
    smtp.user = *u;
    if (has_pass) {
      std::optional<std::string> p = percent_decode(pass);
      if (!p) return bad("the password has a broken %-escape");
      smtp.password = *p;
    }
  }
  // host, [v6], host:port, [v6]:port
  std::string_view host = rest, port;
  if (!rest.empty() && rest.front() == '[') {
    std::size_t close = rest.find(']');
    if (close == std::string_view::npos) return bad("an IPv6 host needs a closing ]");
    host = rest.substr(1, close - 1);
    std::string_view after = rest.substr(close + 1);
    if (!after.empty()) {
      if (after.front() != ':') return bad("unexpected text after the host");
      port = after.substr(1);
      if (port.empty()) return bad("the port is empty");
    }
  } else if (std::size_t colon = rest.rfind(':'); colon != std::string_view::npos) {
    host = rest.substr(0, colon);
    port = rest.substr(colon + 1);
    if (port.empty()) return bad("the port is empty");
  }
  if (host.empty()) return bad("the host is missing");
  smtp.host = std::string(host);
  if (!port.empty()) {
    std::optional<int> p = parse_int(port, 1, 65535);
    if (!p) return bad("the port must be a number from 1 to 65535");
    smtp.port = *p;
  }

  while (!query.empty()) {
    std::size_t amp = query.find('&');
    std::string_view pair = query.substr(0, amp);
    query = amp == std::string_view::npos ? std::string_view() : query.substr(amp + 1);
    if (pair.empty()) continue;
    std::size_t eq = pair.find('=');
    std::string_view name = pair.substr(0, eq);
    std::optional<std::string> value =
        percent_decode(eq == std::string_view::npos ? std::string_view() : pair.substr(eq + 1));
    if (!value) return bad("the value of " + std::string(name) + " has a broken %-escape");
    if (name == "starttls") {
      std::optional<SmtpSecurity> s = parse_starttls_word(*value);
      if (*value == "true") s = SmtpSecurity::kStartTlsRequired;
      if (*value == "false") s = SmtpSecurity::kNone;
      if (!s) return bad("starttls must be required, opportunistic or off");
      if (smtp.security == SmtpSecurity::kImplicitTls)
        return bad("smtps:// is TLS from the start; starttls applies to smtp:// only");
      smtp.security = *s;
    } else if (name == "from") {
      smtp.from = *value;
      f.has_from = true;
    } else if (name == "from_name") {
      smtp.from_name = *value;
      f.has_from_name = true;
    } else if (name == "ca_file") {
      smtp.ca_file = *value;
      f.has_ca_file = true;
    } else if (name == "timeout_seconds") {
      std::optional<int> t = parse_int(*value, 1, 86400);
      if (!t) return bad("timeout_seconds must be a whole number of seconds");
      smtp.timeout_seconds = *t;
      f.has_timeout = true;
    } else if (name == "connect_timeout_seconds") {
      std::optional<int> t = parse_int(*value, 1, 3600);
      if (!t) return bad("connect_timeout_seconds must be a whole number of seconds");
      smtp.connect_timeout_seconds = *t;
      f.has_connect_timeout = true;
    } else {
      return bad("unknown parameter " + quote(name) +
                 "; the parameters are starttls, from, from_name, ca_file, timeout_seconds, "
                 "connect_timeout_seconds");
    }
  }
  return f;
}

Result<SmtpConfig> finish_url(UrlFields f, const std::optional<SmtpConfig>& file) {
  SmtpConfig smtp = std::move(f.smtp);
  if (file) {
    if (!f.has_from) smtp.from = file->from;
    if (!f.has_from_name) smtp.from_name = file->from_name;
    if (!f.has_ca_file) smtp.ca_file = file->ca_file;
    if (!f.has_timeout) smtp.timeout_seconds = file->timeout_seconds;
    if (!f.has_connect_timeout) smtp.connect_timeout_seconds = file->connect_timeout_seconds;
    smtp.origin = std::string(kSmtpUrlEnv) + " (overriding " + file->origin + ")";
  }
  if (smtp.from.empty() && looks_like_address(smtp.user)) smtp.from = smtp.user;
  TRY(validate(smtp, kSmtpUrlEnv));
  return smtp;
}

Status apply_env(Config& config, const Env& env) {
  std::optional<std::string> url = env(kSmtpUrlEnv);
  if (!url || url->empty()) return ok_status();
  ASSIGN_OR_RETURN(UrlFields fields, parse_url_fields(*url));
  ASSIGN_OR_RETURN(SmtpConfig smtp, finish_url(std::move(fields), config.smtp));
  config.smtp = std::move(smtp);
  return ok_status();
}

}  // namespace

std::string_view smtp_security_name(SmtpSecurity security) {
  switch (security) {
    case SmtpSecurity::kStartTlsRequired: return "STARTTLS required";
    case SmtpSecurity::kStartTlsOpportunistic: return "STARTTLS when offered";
    case SmtpSecurity::kNone: return "no encryption";
    case SmtpSecurity::kImplicitTls: return "implicit TLS";
  }
  return "unknown";
}

std::string describe(const SmtpConfig& smtp) {
  std::string s = smtp.security == SmtpSecurity::kImplicitTls ? "smtps://" : "smtp://";
  if (!smtp.user.empty()) s += smtp.user + "@";
  bool v6 = smtp.host.find(':') != std::string::npos;
  s += v6 ? "[" + smtp.host + "]" : smtp.host;
  s += ":" + std::to_string(smtp.port) + " (" + std::string(smtp_security_name(smtp.security)) + ")";
  return s;
}

Result<Config> parse_config(std::string_view toml_text, std::string_view source_name, const Env& env) {
  Locator loc(toml_text, source_name);
  Config config;
  config.source = std::string(source_name);
  toml::parse_result parsed = toml::parse(toml_text, source_name);
  if (!parsed) {
    const toml::parse_error& err = parsed.error();
    return loc.at(err.source().begin, "not valid TOML: " + std::string(err.description()));
  }
  const toml::table& root = parsed.table();
  if (const toml::node* node = root.get("smtp")) {
    const toml::table* smtp = node->as_table();
    if (smtp == nullptr) return loc.at(node->source().begin, "smtp must be a section: [smtp]");
    Result<SmtpConfig> parsed_smtp = parse_smtp_table(*smtp, loc);
    if (!parsed_smtp) return std::move(parsed_smtp).error();
    config.smtp = std::move(parsed_smtp).value();
  }
  if (const toml::node* node = root.get("poweroffice")) {
    const toml::table* po = node->as_table();
    if (po == nullptr) return loc.at(node->source().begin, "poweroffice must be a section: [poweroffice]");
    PowerOfficeConfig c;
    c.origin = "[poweroffice] in " + std::string(source_name);
    for (const auto& entry : *po) {
      const std::string k(entry.first.str());
      const toml::source_position pos = entry.second.source().begin;
      const toml::value<std::string>* v = entry.second.as_string();
      if (v == nullptr) return loc.at(pos, "[poweroffice] " + k + " must be a quoted string");
      if (k == "application_key") c.application_key = v->get();
      else if (k == "subscription_key") c.subscription_key = v->get();
      else if (k == "base_url") c.base_url = v->get();
      else return loc.at(pos, "unknown key " + quote(k) + " in [poweroffice]; the keys are application_key, "
                              "subscription_key and base_url");
    }
    config.poweroffice = std::move(c);
  }
  if (const toml::node* node = root.get("visma")) {
    const toml::table* vt = node->as_table();
    if (vt == nullptr) return loc.at(node->source().begin, "visma must be a section: [visma]");
    VismaConfig c;
    c.origin = "[visma] in " + std::string(source_name);
    for (const auto& entry : *vt) {
      const std::string k(entry.first.str());
      const toml::source_position pos = entry.second.source().begin;
      const toml::value<std::string>* v = entry.second.as_string();
      if (v == nullptr) return loc.at(pos, "[visma] " + k + " must be a quoted string");
      if (k == "client_id") c.client_id = v->get();
      else if (k == "client_secret") c.client_secret = v->get();
      else if (k == "base_url") c.base_url = v->get();
      else if (k == "identity_url") c.identity_url = v->get();
      else return loc.at(pos, "unknown key " + quote(k) + " in [visma]; the keys are client_id, client_secret, "
                              "base_url and identity_url");
    }
    config.visma = std::move(c);
  }
  TRY(apply_env(config, env));
  return config;
}

Result<Config> load_config(const std::filesystem::path& path, const Env& env, FileSystem& fs,
                           MissingConfig missing) {
  Result<std::string> text = read_file(fs, path.string());
  if (!text.ok()) {
    if (text.error().code() == ErrorCode::kNotFound) {
      if (missing == MissingConfig::kFail)
        return not_found("the settings file " + path.string() + " does not exist");
      Config config;
      TRY(apply_env(config, env));
      return config;
    }
    return std::move(text).error().with_context("the settings file " + path.string());
  }
  return parse_config(*text, path.string(), env);
}

Result<SmtpConfig> parse_smtp_url(std::string_view url) {
  ASSIGN_OR_RETURN(UrlFields fields, parse_url_fields(url));
  return finish_url(std::move(fields), std::nullopt);
}

}  // namespace dagbok
