#include "connectors/email/mime.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstdio>

#include "crypto/digest.h"

namespace dagbok::email {
namespace {

constexpr std::size_t kMaxHeaderLine = 78;  // RFC 5322 2.1.1 "SHOULD"
constexpr std::size_t kMaxEncodedWord = 75;  // RFC 2047 2
constexpr std::string_view kCrlf = "\r\n";

// ---------------------------------------------------------------- text helpers

char lower_ascii(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (lower_ascii(a[i]) != lower_ascii(b[i])) return false;
  return true;
}

bool is_printable_ascii(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char c) { return c >= 0x20 && c <= 0x7e; });
}

bool has_line_break(std::string_view s) { return s.find_first_of("\r\n") != std::string_view::npos; }

// Line breaks and tabs in one-line text become single spaces.
std::string one_line(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    if (c == '\r' || c == '\n' || c == '\t') {
      if (out.empty() || out.back() != ' ') out += ' ';
    } else {
      out += c;
    }
  }
  return out;
}

std::string base64(std::string_view data) {
  static constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  out.reserve((data.size() + 2) / 3 * 4);
  std::size_t i = 0;
  auto byte = [&](std::size_t k) { return static_cast<uint32_t>(static_cast<unsigned char>(data[k])); };
  for (; i + 3 <= data.size(); i += 3) {
    uint32_t v = byte(i) << 16 | byte(i + 1) << 8 | byte(i + 2);
    out += kAlphabet[v >> 18 & 63];
    out += kAlphabet[v >> 12 & 63];
    out += kAlphabet[v >> 6 & 63];
    out += kAlphabet[v & 63];
  }
  if (std::size_t rest = data.size() - i; rest > 0) {
    uint32_t v = byte(i) << 16 | (rest == 2 ? byte(i + 1) << 8 : 0);
    out += kAlphabet[v >> 18 & 63];
    out += kAlphabet[v >> 12 & 63];
    out += rest == 2 ? kAlphabet[v >> 6 & 63] : '=';
    out += '=';
  }
  return out;
}

// Base64 in lines of 76 characters, each ended by CRLF (RFC 2045 6.8).
void append_base64_body(std::string& out, std::string_view data) {
  constexpr std::size_t kBytesPerLine = 57;  // 57 bytes -> 76 characters
  for (std::size_t i = 0; i < data.size(); i += kBytesPerLine) {
    out += base64(data.substr(i, kBytesPerLine));
    out += kCrlf;
  }
}

char hex_digit(unsigned v) { return "0123456789ABCDEF"[v & 15]; }

// Quoted-printable (RFC 2045 6.7) of UTF-8 text, with the text's line ends
// (LF, CRLF or CR) turned into CRLF and no output line longer than 76.
void append_quoted_printable(std::string& out, std::string_view text) {
  constexpr std::size_t kMaxLine = 76;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find_first_of("\r\n", start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(start, end - start);
    std::size_t col = 0;
    for (std::size_t i = 0; i < line.size(); ++i) {
      auto c = static_cast<unsigned char>(line[i]);
      bool last = i + 1 == line.size();
      bool literal = (c >= 33 && c <= 126 && c != '=') || ((c == ' ' || c == '\t') && !last);
      // A '.' opening a line is encoded, so no server ever sees a lone "."
      // line whatever it does about dot-stuffing.
      if (c == '.' && col == 0) literal = false;
      std::size_t width = literal ? 1 : 3;
      // Leave room for the soft break "=" unless this is the line's end.
      std::size_t limit = last ? kMaxLine : kMaxLine - 1;
      if (col + width > limit) {
        out += "=\r\n";
        col = 0;
        if (c == '.') {
          literal = false;
          width = 3;
        }
      }
      if (literal) {
        out += static_cast<char>(c);
      } else {
        out += '=';
        out += hex_digit(c >> 4);
        out += hex_digit(c);
      }
      col += width;
    }
    if (end == text.size()) {
      if (!line.empty()) out += kCrlf;
      break;
    }
    out += kCrlf;
    start = end + ((text[end] == '\r' && end + 1 < text.size() && text[end + 1] == '\n') ? 2 : 1);
    if (start == text.size()) break;
  }
}

// Length in bytes of the UTF-8 sequence starting at s[i] (1 for a stray byte).
std::size_t utf8_length_at(std::string_view s, std::size_t i) {
  auto c = static_cast<unsigned char>(s[i]);
  std::size_t n = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xe ? 3 : (c >> 3) == 0x1e ? 4 : 1;
  if (i + n > s.size()) return 1;
  for (std::size_t k = 1; k < n; ++k)
    if ((static_cast<unsigned char>(s[i + k]) & 0xc0) != 0x80) return 1;
  return n;
}

// ---------------------------------------------------------------- header folding

// Writes one header field, placing its words on lines of at most 78
// characters; a fold happens only between words, where a space stood.
class HeaderWriter {
 public:
  HeaderWriter(std::string& out, std::string_view name) : out_(out), col_(name.size() + 1) {
    out_ += name;
    out_ += ':';
  }
  // Room left for a word on the current line after its separating space.
  std::size_t room() const { return col_ + 1 >= kMaxHeaderLine ? 0 : kMaxHeaderLine - col_ - 1; }

  void word(std::string_view w) {
    // Fold (the space before the word becomes CRLF + space) when the word
    // does not fit and the line holds more than the fold's own space.
    if (col_ > 1 && col_ + 1 + w.size() > kMaxHeaderLine) {
      out_ += kCrlf;
      col_ = 0;
    }
    out_ += ' ';
    out_ += w;
    col_ += 1 + w.size();
  }
  void end() { out_ += kCrlf; }

 private:
  std::string& out_;
  std::size_t col_;
};

// RFC 2047 "B" encoded-words for UTF-8 text, each fitting the line it will
// go on: the first one into `first_room` characters, the rest into a fresh
// folded line. A multi-byte character is never split between two words.
std::vector<std::string> encoded_words(std::string_view text, std::size_t first_room) {
  constexpr std::string_view kOpen = "=?UTF-8?B?", kClose = "?=";
  const std::size_t overhead = kOpen.size() + kClose.size();
  auto max_bytes_for = [&](std::size_t room) -> std::size_t {
    std::size_t len = std::min(room, kMaxEncodedWord);
    if (len <= overhead + 4) return 0;
    return (len - overhead) / 4 * 3;
  };
  std::vector<std::string> words;
  std::size_t i = 0;
  std::size_t budget = max_bytes_for(first_room);
  if (budget < 4) budget = max_bytes_for(kMaxHeaderLine - 1);  // HeaderWriter folds first
  while (i < text.size()) {
    std::size_t j = i;
    while (j < text.size()) {
      std::size_t n = utf8_length_at(text, j);
      if (j + n - i > budget) break;
      j += n;
    }
    if (j == i) j = i + utf8_length_at(text, i);  // budget >= 6 holds any character
    words.push_back(std::string(kOpen) + base64(text.substr(i, j - i)) + std::string(kClose));
    i = j;
    budget = max_bytes_for(kMaxHeaderLine - 1);
  }
  return words;
}

std::vector<std::string> split_spaces(std::string_view s) {
  std::vector<std::string> words;
  std::size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && s[i] == ' ') ++i;
    std::size_t j = s.find(' ', i);
    if (j == std::string_view::npos) j = s.size();
    if (j > i) words.emplace_back(s.substr(i, j - i));
    i = j;
  }
  return words;
}

// Whether ASCII text can go into a header as plain words: printable, no
// runs of spaces that folding would lose, nothing that looks like an
// encoded-word, and no word too long to fit a line.
bool plain_words_fit(std::string_view s) {
  if (!is_printable_ascii(s) || s.find("=?") != std::string_view::npos) return false;
  if (s.find("  ") != std::string_view::npos || (!s.empty() && (s.front() == ' ' || s.back() == ' ')))
    return false;
  for (const std::string& w : split_spaces(s))
    if (w.size() > kMaxHeaderLine - 12) return false;
  return true;
}

// An unstructured header (Subject, X-...): plain words when it is tidy
// ASCII, encoded-words otherwise.
void write_unstructured(std::string& out, std::string_view name, std::string_view value) {
  HeaderWriter h(out, name);
  if (plain_words_fit(value)) {
    for (const std::string& w : split_spaces(value)) h.word(w);
  } else {
    for (const std::string& w : encoded_words(value, h.room())) h.word(w);
  }
  h.end();
}

bool is_atext(char c) {
  if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) return true;
  return std::string_view("!#$%&'*+-/=?^_`{|}~").find(c) != std::string_view::npos;
}

// The display-name phrase of a mailbox as words.
std::vector<std::string> phrase_words(std::string_view name, std::size_t first_room) {
  bool atoms = plain_words_fit(name) && std::all_of(name.begin(), name.end(), [](char c) {
    return c == ' ' || is_atext(c);
  });
  if (atoms) return split_spaces(name);
  if (is_printable_ascii(name) && name.find("=?") == std::string_view::npos &&
      name.size() + 2 <= first_room) {
    std::string quoted = "\"";
    for (char c : name) {
      if (c == '"' || c == '\\') quoted += '\\';
      quoted += c;
    }
    quoted += '"';
    if (quoted.size() <= first_room) return {quoted};
  }
  return encoded_words(name, first_room);
}

void write_mailboxes(std::string& out, std::string_view name, const std::vector<MailAddress>& boxes) {
  HeaderWriter h(out, name);
  for (std::size_t i = 0; i < boxes.size(); ++i) {
    const MailAddress& box = boxes[i];
    std::string addr = box.address;
    std::string display = one_line(box.display_name);
    bool last = i + 1 == boxes.size();
    if (!display.empty()) {
      for (const std::string& w : phrase_words(display, h.room())) h.word(w);
      addr = "<" + addr + ">";
    }
    h.word(last ? addr : addr + ",");
  }
  h.end();
}

// ---------------------------------------------------------------- parameters

// A parameter value as a quoted-string. Quoting is optional for tokens, but
// some mail programs mishandle an unquoted file name, so dagbok always quotes.
std::string quoted_param(std::string_view v) {
  std::string q = "\"";
  for (char c : v) {
    if (c == '"' || c == '\\') q += '\\';
    q += c;
  }
  return q + "\"";
}

// RFC 2231 attribute-char: what may stand unencoded in an extended value.
bool is_attribute_char(unsigned char c) {
  if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) return true;
  return std::string_view("!#$&+-.^_`|~").find(static_cast<char>(c)) != std::string_view::npos;
}

// An ASCII stand-in for a non-ASCII file name, for the Content-Type "name"
// parameter that old mail programs read instead of RFC 2231: Nordic letters
// lose their marks, anything else is '_'.
std::string ascii_filename(std::string_view name) {
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 18> kFold = {{
      {"å", "a"}, {"ä", "a"}, {"ö", "o"}, {"Å", "A"}, {"Ä", "A"}, {"Ö", "O"},
      {"æ", "ae"}, {"ø", "o"}, {"Æ", "AE"}, {"Ø", "O"}, {"é", "e"}, {"É", "E"},
      {"ü", "u"}, {"Ü", "U"}, {"–", "-"}, {"—", "-"}, {"è", "e"}, {"á", "a"},
  }};
  std::string out;
  std::size_t i = 0;
  while (i < name.size()) {
    std::size_t n = utf8_length_at(name, i);
    std::string_view ch = name.substr(i, n);
    if (n == 1 && static_cast<unsigned char>(ch[0]) >= 0x20 && static_cast<unsigned char>(ch[0]) < 0x7f &&
        ch[0] != '"' && ch[0] != '\\') {
      out += ch;
    } else {
      auto it = std::find_if(kFold.begin(), kFold.end(), [&](const auto& p) { return p.first == ch; });
      out += it != kFold.end() ? it->second : "_";
    }
    i += n;
  }
  constexpr std::size_t kMaxFallback = 60;
  if (out.size() > kMaxFallback) {
    std::size_t dot = out.rfind('.');
    std::string ext = (dot != std::string::npos && out.size() - dot <= 8) ? out.substr(dot) : "";
    out = out.substr(0, kMaxFallback - ext.size()) + ext;
  }
  return out;
}

// Writes `Name: value;` then each parameter on its own folded line. A
// non-ASCII filename is written as an RFC 2231 extended value, split into
// numbered continuations when it would not fit one line.
void write_with_params(std::string& out, std::string_view name, std::string_view value,
                       const std::vector<std::pair<std::string, std::string>>& params,
                       std::string_view utf8_param_name = {}, std::string_view utf8_value = {}) {
  std::vector<std::string> items;
  for (const auto& [k, v] : params) items.push_back(k + "=" + quoted_param(v));
  if (!utf8_param_name.empty()) {
    std::string encoded;
    for (char ch : utf8_value) {
      auto c = static_cast<unsigned char>(ch);
      if (is_attribute_char(c)) {
        encoded += static_cast<char>(c);
      } else {
        encoded += '%';
        encoded += hex_digit(c >> 4);
        encoded += hex_digit(c);
      }
    }
    const std::string charset = "UTF-8''";
    const std::string single = std::string(utf8_param_name) + "*=" + charset + encoded;
    if (single.size() + 2 <= kMaxHeaderLine) {
      items.push_back(single);
    } else {
      // name*0*=UTF-8''%C3..; name*1*=...  — never splitting a %XX triplet.
      std::size_t pos = 0;
      for (int n = 0; pos < encoded.size(); ++n) {
        std::string head = std::string(utf8_param_name) + "*" + std::to_string(n) + "*=";
        if (n == 0) head += charset;
        std::size_t room = kMaxHeaderLine - 2 - head.size();
        std::size_t take = std::min(room, encoded.size() - pos);
        if (take < encoded.size() - pos) {
          // Back off if the cut lands inside a %XX escape.
          if (take >= 1 && encoded[pos + take - 1] == '%') take -= 1;
          else if (take >= 2 && encoded[pos + take - 2] == '%') take -= 2;
        }
        items.push_back(head + encoded.substr(pos, take));
        pos += take;
      }
    }
  }
  out += name;
  out += ": ";
  out += value;
  for (const std::string& item : items) {
    out += ";\r\n ";
    out += item;
  }
  out += kCrlf;
}

// ---------------------------------------------------------------- checks

bool is_domain(std::string_view d) {
  if (d.empty() || d.size() > 253) return false;
  if (d.front() == '[') return d.back() == ']' && is_printable_ascii(d) && d.find(' ') == std::string_view::npos;
  std::size_t label = 0;
  for (std::size_t i = 0; i < d.size(); ++i) {
    char c = d[i];
    if (c == '.') {
      if (label == 0) return false;
      label = 0;
      continue;
    }
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-';
    if (!ok || ++label > 63) return false;
  }
  return label > 0;
}

bool is_header_name(std::string_view n) {
  if (n.empty()) return false;
  return std::all_of(n.begin(), n.end(), [](char c) { return c >= 33 && c <= 126 && c != ':'; });
}

constexpr std::array<std::string_view, 10> kOwnHeaders = {
    "Date", "From", "To", "Subject", "Message-ID", "MIME-Version",
    "Content-Type", "Content-Transfer-Encoding", "Content-Disposition", "Sender",
};

std::string domain_of(std::string_view address) {
  std::size_t at = address.rfind('@');
  return at == std::string_view::npos ? std::string() : std::string(address.substr(at + 1));
}

Status check_address(const MailAddress& box, std::string_view role) {
  if (!is_valid_address(box.address)) {
    std::string shown = one_line(box.address);
    std::string what = "the " + std::string(role) + " address '" + shown +
                       "' is not an e-mail address dagbok can send to (expected name@domain.se, ASCII only)";
    // A recipient comes from the merchant's settings: say where to fix it.
    if (role == "recipient")
      return failed_precondition(what + ". Check the address under Integrationer → Export via e-post.");
    return invalid_argument(what);
  }
  return ok_status();
}

}  // namespace

bool is_valid_address(std::string_view address) {
  std::size_t at = address.rfind('@');
  if (at == std::string_view::npos || at == 0 || address.size() > 254) return false;
  std::string_view local = address.substr(0, at);
  if (local.size() > 64 || local.front() == '.' || local.back() == '.' ||
      local.find("..") != std::string_view::npos)
    return false;
  for (char c : local)
    if (!is_atext(c) && c != '.') return false;
  return is_domain(address.substr(at + 1));
}

std::string content_type_for(std::string_view filename) {
  std::size_t dot = filename.rfind('.');
  std::string ext;
  if (dot != std::string_view::npos)
    for (char c : filename.substr(dot + 1)) ext += lower_ascii(c);
  if (ext == "se" || ext == "si" || ext == "sie") return "text/plain; charset=IBM437";
  if (ext == "csv") return "text/csv; charset=utf-8";
  if (ext == "xlsx") return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
  if (ext == "pdf") return "application/pdf";
  if (ext == "txt") return "text/plain; charset=utf-8";
  if (ext == "xml") return "application/xml";
  if (ext == "json") return "application/json";
  return "application/octet-stream";
}

std::string message_id_for(std::string_view idempotency_key, std::string_view domain) {
  return "<" + crypto::digest_hex(std::string("dagbok-message-id\n") + std::string(idempotency_key), 16) +
         ".dagbok@" + std::string(domain) + ">";
}

std::string rfc5322_date(Instant t, int utc_offset_seconds) {
  static constexpr const char* kDays[] = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
  static constexpr const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                            "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  int64_t local = t.unix_seconds() + utc_offset_seconds;
  int64_t days = local >= 0 ? local / 86400 : -((-local + 86399) / 86400);
  int64_t secs = local - days * 86400;
  Date d = Date::from_days(days);
  int off = utc_offset_seconds;
  char sign = off < 0 ? '-' : '+';
  if (off < 0) off = -off;
  char buf[64];
  std::snprintf(buf, sizeof buf, "%s, %02d %s %04d %02d:%02d:%02d %c%02d%02d", kDays[d.iso_weekday() - 1],
                d.day(), kMonths[d.month() - 1], d.year(), static_cast<int>(secs / 3600),
                static_cast<int>(secs / 60 % 60), static_cast<int>(secs % 60), sign, off / 3600,
                off / 60 % 60);
  return buf;
}

Result<std::string> build_mime(const MailDraft& draft) {
  // ---- check the draft
  TRY(check_address(draft.from, "sender"));
  if (draft.to.empty()) return invalid_argument("the mail has no recipient");
  for (const MailAddress& to : draft.to) TRY(check_address(to, "recipient"));
  if (draft.idempotency_key.empty())
    return invalid_argument("the mail has no idempotency key, so a retry could not be recognised");
  std::string domain = draft.message_id_domain.empty() ? domain_of(draft.from.address) : draft.message_id_domain;
  if (!is_domain(domain)) return invalid_argument("'" + domain + "' is not a domain for a Message-ID");
  for (const MailHeader& h : draft.extra_headers) {
    if (!is_header_name(h.name)) return invalid_argument("'" + h.name + "' is not a header name");
    for (std::string_view own : kOwnHeaders)
      if (iequals(h.name, own))
        return invalid_argument("the header " + h.name + " is written by the mail builder and cannot be given");
    if (has_line_break(h.value)) return invalid_argument("the header " + h.name + " must be one line");
  }
  for (const Attachment& a : draft.attachments) {
    if (a.filename.empty()) return invalid_argument("an attachment has no file name");
    if (a.filename.find_first_of("/\\") != std::string::npos || has_line_break(a.filename))
      return invalid_argument("the attachment name '" + one_line(a.filename) +
                              "' must be a plain file name without directories");
    if (!a.content_type.empty() && (!is_printable_ascii(a.content_type)))
      return invalid_argument("the content type of " + a.filename + " must be one line of ASCII");
  }
  if (draft.utc_offset_seconds <= -86400 || draft.utc_offset_seconds >= 86400)
    return invalid_argument("the UTC offset for the Date header is out of range");

  // ---- headers
  const std::string boundary = "=_dagbok_" + crypto::digest_hex("dagbok-boundary\n" + draft.idempotency_key, 16);
  std::string out;
  out.reserve(4096 + draft.text.size() * 3 / 2);
  out += "Date: " + rfc5322_date(draft.date, draft.utc_offset_seconds) + "\r\n";
  write_mailboxes(out, "From", {draft.from});
  write_mailboxes(out, "To", draft.to);
  write_unstructured(out, "Subject", one_line(draft.subject));
  out += "Message-ID: " + message_id_for(draft.idempotency_key, domain) + "\r\n";
  out += "MIME-Version: 1.0\r\n";
  for (const MailHeader& h : draft.extra_headers) write_unstructured(out, h.name, h.value);
  write_with_params(out, "Content-Type", "multipart/mixed", {{"boundary", boundary}});
  out += kCrlf;
  out += "This is a message in MIME format.\r\n";

  // ---- the text
  out += "\r\n--" + boundary + "\r\n";
  out += "Content-Type: text/plain; charset=utf-8\r\n";
  out += "Content-Transfer-Encoding: quoted-printable\r\n\r\n";
  append_quoted_printable(out, draft.text);

  // ---- attachments
  for (const Attachment& a : draft.attachments) {
    std::string type = a.content_type.empty() ? content_type_for(a.filename) : a.content_type;
    std::string fallback = ascii_filename(a.filename);
    bool plain_name = fallback == a.filename;
    out += "\r\n--" + boundary + "\r\n";
    // Split "type/sub; p=v" so our parameter lines fold like the rest.
    std::string_view type_view = type;
    std::string main_type(type_view.substr(0, type_view.find(';')));
    std::string type_params =
        type_view.find(';') == std::string_view::npos ? "" : std::string(type_view.substr(type_view.find(';')));
    write_with_params(out, "Content-Type", main_type + type_params, {{"name", fallback}});
    out += "Content-Transfer-Encoding: base64\r\n";
    if (plain_name) {
      write_with_params(out, "Content-Disposition", "attachment", {{"filename", fallback}});
    } else {
      // Only the RFC 2231 form: with a plain filename beside it, some readers
      // (Python's email package among them) take the stand-in over the real name.
      write_with_params(out, "Content-Disposition", "attachment", {}, "filename", a.filename);
    }
    out += kCrlf;
    append_base64_body(out, a.content);
  }
  out += "\r\n--" + boundary + "--\r\n";
  return out;
}

}  // namespace dagbok::email
