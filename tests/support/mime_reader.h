// A small, independent MIME reader for tests: enough of RFC 2045-2047 and
// 2231 to take build_mime()'s output apart again and check every byte.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace dagbok::email::testing {

inline std::string base64_decode(std::string_view in) {
  auto value = [](char c) -> int {
    if (c >= 'A' && c <= 'Z') return c - 'A';
    if (c >= 'a' && c <= 'z') return c - 'a' + 26;
    if (c >= '0' && c <= '9') return c - '0' + 52;
    if (c == '+') return 62;
    if (c == '/') return 63;
    return -1;
  };
  std::string out;
  uint32_t acc = 0;
  int bits = 0;
  for (char c : in) {
    int v = value(c);
    if (v < 0) continue;  // CRLF, padding
    acc = (acc << 6) | static_cast<uint32_t>(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += static_cast<char>((acc >> bits) & 0xff);
    }
  }
  return out;
}

inline int hexval(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return -1;
}

inline std::string qp_decode(std::string_view in) {
  std::string out;
  for (std::size_t i = 0; i < in.size(); ++i) {
    if (in[i] != '=') {
      out += in[i];
    } else if (in.substr(i + 1, 2) == "\r\n") {
      i += 2;  // soft line break
    } else {
      out += static_cast<char>(hexval(in[i + 1]) * 16 + hexval(in[i + 2]));
      i += 2;
    }
  }
  return out;
}

inline std::string percent_decode(std::string_view in) {
  std::string out;
  for (std::size_t i = 0; i < in.size(); ++i) {
    if (in[i] == '%' && i + 2 < in.size()) {
      out += static_cast<char>(hexval(in[i + 1]) * 16 + hexval(in[i + 2]));
      i += 2;
    } else {
      out += in[i];
    }
  }
  return out;
}

// Decodes RFC 2047 encoded-words (B and Q, UTF-8), dropping the whitespace
// between two adjacent encoded-words as the RFC says.
inline std::string decode_words(std::string_view s) {
  std::string out;
  std::string pending_space;
  bool last_was_word = false;
  std::size_t i = 0;
  while (i < s.size()) {
    if (s.substr(i, 2) == "=?") {
      std::size_t q1 = s.find('?', i + 2);
      std::size_t q2 = s.find('?', q1 + 1);
      std::size_t end = s.find("?=", q2 + 1);
      std::string_view enc = s.substr(q1 + 1, q2 - q1 - 1);
      std::string_view payload = s.substr(q2 + 1, end - q2 - 1);
      if (!last_was_word) out += pending_space;
      pending_space.clear();
      if (enc == "B" || enc == "b") {
        out += base64_decode(payload);
      } else {
        std::string p(payload);
        for (char& c : p)
          if (c == '_') c = ' ';
        out += qp_decode(p);
      }
      last_was_word = true;
      i = end + 2;
    } else if (s[i] == ' ' || s[i] == '\t') {
      pending_space += s[i++];
    } else {
      out += pending_space;
      pending_space.clear();
      out += s[i++];
      last_was_word = false;
    }
  }
  if (!last_was_word) out += pending_space;
  return out;
}

struct Part {
  std::vector<std::pair<std::string, std::string>> headers;  // unfolded
  std::string body;                                          // raw, as in the message

  std::optional<std::string> header(std::string_view name) const {
    for (const auto& [k, v] : headers) {
      if (k.size() != name.size()) continue;
      bool eq = true;
      for (std::size_t i = 0; i < k.size(); ++i)
        if (std::tolower(static_cast<unsigned char>(k[i])) != std::tolower(static_cast<unsigned char>(name[i])))
          eq = false;
      if (eq) return v;
    }
    return std::nullopt;
  }
};

inline Part parse_part(std::string_view text) {
  Part p;
  std::size_t split = text.find("\r\n\r\n");
  std::string_view head = text.substr(0, split);
  p.body = std::string(text.substr(split + 4));
  std::string unfolded;
  for (std::size_t i = 0; i < head.size(); ++i) {
    if (head.substr(i, 2) == "\r\n" && i + 2 < head.size() && (head[i + 2] == ' ' || head[i + 2] == '\t')) {
      ++i;  // drop CRLF, keep the whitespace
      continue;
    }
    unfolded += head[i];
  }
  std::size_t start = 0;
  while (start < unfolded.size()) {
    std::size_t end = unfolded.find("\r\n", start);
    if (end == std::string::npos) end = unfolded.size();
    std::string line = unfolded.substr(start, end - start);
    std::size_t colon = line.find(':');
    std::string value = line.substr(colon + 1);
    while (!value.empty() && value.front() == ' ') value.erase(0, 1);
    p.headers.emplace_back(line.substr(0, colon), value);
    start = end + 2;
  }
  return p;
}

// Parameters of a structured header value; RFC 2231 extended and continued
// values are joined and decoded (UTF-8 assumed).
inline std::map<std::string, std::string> params(std::string_view value) {
  std::map<std::string, std::string> plain;
  std::map<std::string, std::map<int, std::string>> extended;
  std::size_t i = value.find(';');
  while (i != std::string_view::npos && i < value.size()) {
    ++i;
    while (i < value.size() && value[i] == ' ') ++i;
    std::size_t eq = value.find('=', i);
    if (eq == std::string_view::npos) break;
    std::string name(value.substr(i, eq - i));
    std::string v;
    std::size_t j = eq + 1;
    if (j < value.size() && value[j] == '"') {
      ++j;
      while (j < value.size() && value[j] != '"') {
        if (value[j] == '\\') ++j;
        v += value[j++];
      }
      ++j;
    } else {
      while (j < value.size() && value[j] != ';') v += value[j++];
    }
    std::size_t star = name.find('*');
    if (star == std::string::npos) {
      plain[name] = v;
    } else {
      std::string base = name.substr(0, star);
      std::string rest = name.substr(star + 1);
      int index = 0;
      if (!rest.empty() && rest != "*" && rest != "") index = std::stoi(rest);
      extended[base][index] = v;
    }
    i = value.find(';', j);
  }
  for (auto& [base, pieces] : extended) {
    std::string joined;
    for (auto& [n, piece] : pieces) joined += piece;
    std::size_t q = joined.find("''");
    plain[base + "*"] = percent_decode(joined.substr(q + 2));
  }
  return plain;
}

struct Message {
  Part top;
  std::vector<Part> parts;
};

inline Message parse_message(std::string_view raw) {
  Message m;
  m.top = parse_part(raw);
  std::string boundary = params(*m.top.header("Content-Type"))["boundary"];
  std::string delim = "\r\n--" + boundary;
  std::string_view body = m.top.body;
  std::size_t pos = body.find(delim);
  while (pos != std::string_view::npos) {
    std::size_t after = pos + delim.size();
    if (body.substr(after, 2) == "--") break;
    std::size_t next = body.find(delim, after);
    m.parts.push_back(parse_part(body.substr(after + 2, next - after - 2)));
    pos = next;
  }
  return m;
}

}  // namespace dagbok::email::testing
