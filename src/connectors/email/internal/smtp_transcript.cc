#include "connectors/email/internal/smtp_transcript.h"

namespace dagbok::email::internal {
namespace {

std::string_view chomp(std::string_view line) {
  while (!line.empty() && (line.back() == '\n' || line.back() == '\r')) line.remove_suffix(1);
  return line;
}

bool equals_ci(std::string_view s, std::string_view upper) {
  return s.size() == upper.size() && starts_with_ci(s, upper);
}

}  // namespace

bool starts_with_ci(std::string_view s, std::string_view upper_prefix) {
  if (s.size() < upper_prefix.size()) return false;
  for (std::size_t i = 0; i < upper_prefix.size(); ++i) {
    char a = s[i];
    if (a >= 'a' && a <= 'z') a = static_cast<char>(a - 'a' + 'A');
    if (a != upper_prefix[i]) return false;
  }
  return true;
}

std::string printable(std::string_view s, std::size_t max) {
  std::string out;
  for (char c : s) {
    if (out.size() >= max) {
      out += "…";
      break;
    }
    auto u = static_cast<unsigned char>(c);
    out += (u >= 0x20 && u != 0x7f) ? c : ' ';
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

void Transcript::on_command(std::string_view raw) {
  std::string_view line = chomp(raw);
  if (in_auth || starts_with_ci(line, "AUTH")) {
    in_auth = true;
    command = "AUTH";
    return;
  }
  if (starts_with_ci(line, "MAIL FROM:") || starts_with_ci(line, "RCPT TO:") || starts_with_ci(line, "EHLO ") ||
      starts_with_ci(line, "HELO ")) {
    command = printable(line, 300);
  } else if (equals_ci(line, "DATA") || equals_ci(line, "STARTTLS") || equals_ci(line, "QUIT") ||
             equals_ci(line, "RSET") || equals_ci(line, "NOOP")) {
    command = printable(line, 20);
  } else {
    command = "(command)";  // something we do not expect to send: keep nothing of it
  }
}

void Transcript::on_reply_line(std::string_view raw) {
  std::string_view line = chomp(raw);
  if (line.size() < 3) return;
  for (std::size_t i = 0; i < 3; ++i) {
    if (line[i] < '0' || line[i] > '9') {
      pending_reply.clear();
      return;
    }
  }
  if (!pending_reply.empty()) pending_reply += " ";
  pending_reply += printable(line, 300);
  if (line.size() > 3 && line[3] == '-') return;  // more lines follow
  const int code = (line[0] - '0') * 100 + (line[1] - '0') * 10 + (line[2] - '0');
  last_code = code;
  last_reply = printable(pending_reply, 500);
  pending_reply.clear();
  if (in_auth && code != 334) in_auth = false;  // 334 asks for the next credential line
  if (code >= 400 && error_code == 0) {
    error_code = code;
    error_reply = last_reply;
    error_command = data_sent && command == "DATA" ? "END OF DATA" : command;
  }
  if (command == "DATA" && data_sent && code >= 200 && code < 300 && !accepted) {
    accepted = true;
    accepted_reply = last_reply;
  }
  if (command == "DATA" && code == 354) data_sent = true;
}

}  // namespace dagbok::email::internal
