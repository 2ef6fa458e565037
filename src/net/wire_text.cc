#include "net/wire_text.h"

namespace dagbok::net {

std::string cut_code_points(const std::string& text, size_t max) {
  size_t points = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0) == 0x80) continue;  // a continuation byte
    if (points == max) return text.substr(0, i);
    ++points;
  }
  return text;
}

std::string json_amount_mark(Money m) { return "@@amount:" + std::to_string(m.minor()) + "@@"; }

std::string with_json_amounts(std::string text) {
  static const std::string kOpen = "\"@@amount:";
  for (size_t at = text.find(kOpen); at != std::string::npos; at = text.find(kOpen, at)) {
    const size_t end = text.find("@@\"", at + kOpen.size());
    if (end == std::string::npos) break;
    const int64_t minor = std::stoll(text.substr(at + kOpen.size(), end - at - kOpen.size()));
    const std::string lit = Money::from_minor(minor).to_string();
    text.replace(at, end + 3 - at, lit);
    at += lit.size();
  }
  return text;
}

}  // namespace dagbok::net
