// The SIE line tokenizer: splits one record line into its label and fields
// without copying. Fields are views into the line; the caller's vector is
// reused from line to line, so steady-state tokenizing allocates nothing.
//
// Grammar (research/sie4-spec.md §3; doc/formats/sie4.md):
//   line    = blank* ( record | "{" | "}" | "" ) blank*
//   record  = label ( blank+ field )*
//   label   = "#" non-blank*
//   field   = word | quoted | list
//   word    = non-blank+                      (a '"' inside a word is literal)
//   quoted  = '"' ( '\"' | any )* '"'         (closing quote followed by a blank,
//                                              the line end, or '}' in a list)
//   list    = "{" ( blank* field )* blank* "}"
//   blank   = " " | TAB
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "formats/sie/internal/byte_scan.h"

namespace dagbok::sie::internal {

struct Field {
  enum class Kind : uint8_t { kWord, kQuoted, kList };
  std::string_view raw;  // word bytes, the bytes between the quotes, or the inside of {…}
  uint32_t column = 0;   // 1-based byte column of the field's first byte in the line
  Kind kind = Kind::kWord;
  bool escaped = false;       // quoted text contains \" (content != raw)
  bool high = false;          // contains a byte >= 0x80
  bool control = false;       // contains a control character (TAB, CR, …) inside quotes
  bool loose_quote = false;   // a '"' not at a field boundary was kept as a literal
  bool unterminated = false;  // quote or list not closed before the line end
  bool trailing_backslash = false;  // "…\" read as a backslash and a closing quote
  mutable uint8_t encoding_cache = 0xFF;   // the parser's classification of the text, once computed
  uint32_t list_first = 0;          // for a list: its fields, in the parser's list vector
  uint32_t list_count = 0;

  bool empty() const { return raw.empty(); }
};

inline bool is_blank(char c) { return c == ' ' || c == '\t'; }

// Byte classes for the scanning loops: one table load per byte instead of a
// chain of comparisons.
enum : uint8_t { kClsBlank = 1, kClsQuote = 2, kClsBackslash = 4, kClsControl = 8, kClsBrace = 16 };
struct ByteClasses {
  uint8_t c[256] = {};
  constexpr ByteClasses() {
    for (int i = 0; i < 0x20; ++i) c[i] = kClsControl;
    c[0x7F] = kClsControl;
    c[static_cast<unsigned char>(' ')] = kClsBlank;
    c[static_cast<unsigned char>('\t')] = kClsBlank | kClsControl;
    c[static_cast<unsigned char>('"')] = kClsQuote;
    c[static_cast<unsigned char>('\\')] = kClsBackslash;
    c[static_cast<unsigned char>('}')] = kClsBrace;
  }
};
inline constexpr ByteClasses kByteClasses{};

// Splits s[pos..] into fields, appending to `out`. `in_list` is true when
// tokenizing the inside of an object list (then '}' also ends a quoted field).
inline void split_fields(std::string_view s, size_t pos, uint32_t column_base, bool in_list,
                         std::vector<Field>& out) {
  const size_t n = s.size();
  while (true) {
    while (pos < n && is_blank(s[pos])) ++pos;
    if (pos >= n) return;
    Field f;
    f.column = column_base + static_cast<uint32_t>(pos) + 1;
    const char c = s[pos];
    if (c == '"') {
      f.kind = Field::Kind::kQuoted;
      const size_t start = pos + 1;
      size_t j = start;
      bool closed = false;
      unsigned high = 0;
      while (j < n) {
        const auto b = static_cast<unsigned char>(s[j]);
        high |= b;
        if ((kByteClasses.c[b] & (kClsQuote | kClsBackslash | kClsControl)) == 0) {
          ++j;
          continue;
        }
        if (b == '"') {
          if (j + 1 >= n || is_blank(s[j + 1]) || (in_list && s[j + 1] == '}')) {
            closed = true;
            break;
          }
          f.loose_quote = true;  // a quote in the middle of text: keep it literally
        } else if (b == '\\' && j + 1 < n && s[j + 1] == '"') {
          f.escaped = true;
          ++j;  // skip the escaped quote
        } else if (b < 0x20 || b == 0x7F) {
          f.control = true;
        }
        ++j;
      }
      f.high = (high & 0x80u) != 0;
      if (closed) {
        f.raw = s.substr(start, j - start);
        pos = j + 1;
      } else if (n - start >= 2 && s[n - 1] == '"' && s[n - 2] == '\\') {
        // "C:\dir\" — the writer meant a backslash and a closing quote.
        f.raw = s.substr(start, n - 1 - start);
        f.trailing_backslash = true;
        f.escaped = f.raw.find("\\\"") != std::string_view::npos;
        pos = n;
      } else {
        f.raw = s.substr(start);
        f.unterminated = true;
        pos = n;
      }
    } else if (c == '{' && !in_list) {
      f.kind = Field::Kind::kList;
      const size_t start = pos + 1;
      size_t j = start;
      bool quoted = false;
      bool closed = false;
      unsigned high = 0;
      while (j < n) {
        const auto b = static_cast<unsigned char>(s[j]);
        high |= b;
        if (b == '"') {
          quoted = !quoted;
        } else if (b == '\\' && quoted && j + 1 < n && s[j + 1] == '"') {
          ++j;
        } else if (b == '}' && !quoted) {
          closed = true;
          break;
        }
        ++j;
      }
      f.high = (high & 0x80u) != 0;
      if (!closed) {
        // A quote inside the list may have swallowed the brace: retry without quotes.
        const size_t brace = s.find('}', start);
        if (brace != std::string_view::npos) {
          j = brace;
          closed = true;
        }
      }
      if (closed) {
        f.raw = s.substr(start, j - start);
        pos = j + 1;
      } else {
        f.raw = s.substr(start);
        f.unterminated = true;
        pos = n;
      }
    } else {
      const size_t start = pos;
      unsigned high = 0;
      const uint8_t stop = in_list ? (kClsBlank | kClsBrace) : kClsBlank;
      while (pos < n) {
        const auto b = static_cast<unsigned char>(s[pos]);
        if (kByteClasses.c[b] & stop) break;
        high |= b;
        ++pos;
      }
      if (pos == start) {  // a lone '}' inside a list: skip it
        ++pos;
        continue;
      }
      f.high = (high & 0x80u) != 0;
      f.raw = s.substr(start, pos - start);
      if (f.raw.find('"') != std::string_view::npos) f.loose_quote = true;
    }
    out.push_back(f);
  }
}

// split_fields over classified bytes: the same fields, flags and columns as
// split_fields(s, pos, 0, in_list, out), but blanks, quotes and braces are
// found through the masks of `mv` (bit k of mv is byte k of s). The inside of
// a list at s[a, b) is split with s.substr(0, b) and pos = a (columns and
// views then come out as split_fields(list.raw, 0, list.column, true, …) gives).
template <typename Masks>  // MaskView or LineMasks
inline void split_fields_masked(std::string_view s, const Masks& mv, size_t pos, bool in_list,
                                std::vector<Field>& out) {
  const size_t n = s.size();
  const auto blank = [](const ByteMasks& m) { return m.blank; };
  const auto not_blank = [](const ByteMasks& m) { return ~m.blank; };
  const auto high = [](const ByteMasks& m) { return m.high; };
  while (true) {
    pos = mv.next(pos, n, not_blank);
    if (pos >= n) return;
    // Built in place: a Field assembled on the stack and then copied stalls
    // on store forwarding (its flags are single-byte stores).
    Field& f = out.emplace_back();
    f.column = static_cast<uint32_t>(pos) + 1;
    const char c = s[pos];
    if (c == '"') {
      f.kind = Field::Kind::kQuoted;
      const size_t start = pos + 1;
      size_t j = start;
      bool closed = false;
      while (true) {
        j = mv.next(j, n, [](const ByteMasks& m) { return m.quote | m.backslash | m.control; });
        if (j >= n) break;
        const auto b = static_cast<unsigned char>(s[j]);
        if (b == '"') {
          if (j + 1 >= n || is_blank(s[j + 1]) || (in_list && s[j + 1] == '}')) {
            closed = true;
            break;
          }
          f.loose_quote = true;
        } else if (b == '\\') {
          if (j + 1 < n && s[j + 1] == '"') {
            f.escaped = true;
            ++j;
          }
        } else {
          f.control = true;
        }
        ++j;
      }
      f.high = mv.any(start, closed ? j : n, high);
      if (closed) {
        f.raw = s.substr(start, j - start);
        pos = j + 1;
      } else if (n - start >= 2 && s[n - 1] == '"' && s[n - 2] == '\\') {
        f.raw = s.substr(start, n - 1 - start);
        f.trailing_backslash = true;
        f.escaped = f.raw.find("\\\"") != std::string_view::npos;
        pos = n;
      } else {
        f.raw = s.substr(start);
        f.unterminated = true;
        pos = n;
      }
    } else if (c == '{' && !in_list) {
      f.kind = Field::Kind::kList;
      const size_t start = pos + 1;
      size_t j = start;
      bool quoted = false;
      bool closed = false;
      while (true) {
        j = mv.next(j, n, [](const ByteMasks& m) { return m.quote | m.backslash | m.close_brace; });
        if (j >= n) break;
        const char b = s[j];
        if (b == '"') {
          quoted = !quoted;
        } else if (b == '\\') {
          if (quoted && j + 1 < n && s[j + 1] == '"') ++j;
        } else if (!quoted) {
          closed = true;
          break;
        }
        ++j;
      }
      f.high = mv.any(start, closed ? j : n, high);
      if (!closed) {
        const size_t brace = mv.next(start, n, [](const ByteMasks& m) { return m.close_brace; });
        if (brace != n) {
          j = brace;
          closed = true;
        }
      }
      if (closed) {
        f.raw = s.substr(start, j - start);
        pos = j + 1;
      } else {
        f.raw = s.substr(start);
        f.unterminated = true;
        pos = n;
      }
    } else {
      const size_t start = pos;
      pos = in_list ? mv.next(pos, n, [](const ByteMasks& m) { return m.blank | m.close_brace; })
                    : mv.next(pos, n, blank);
      if (pos == start) {  // a lone '}' inside a list: skip it
        out.pop_back();
        ++pos;
        continue;
      }
      f.high = mv.any(start, pos, high);
      f.raw = s.substr(start, pos - start);
      f.loose_quote = mv.any(start, pos, [](const ByteMasks& m) { return m.quote; });
    }
  }
}

// Appends the content of a field (the raw bytes with \" turned into ").
template <typename Sink>
inline void unescape_to(const Field& f, Sink&& sink) {
  if (!f.escaped) {
    sink(f.raw);
    return;
  }
  std::string_view r = f.raw;
  size_t from = 0;
  for (size_t i = 0; i + 1 < r.size(); ++i) {
    if (r[i] == '\\' && r[i + 1] == '"') {
      sink(r.substr(from, i - from));
      from = i + 1;  // keep the quote, drop the backslash
      ++i;
    }
  }
  sink(r.substr(from));
}

}  // namespace dagbok::sie::internal
