#include "server/internal/body_limits.h"

#include <array>

namespace dagbok::server {

namespace {

bool ends_with(const std::string& s, std::string_view tail) {
  return s.size() >= tail.size() && s.compare(s.size() - tail.size(), tail.size(), tail) == 0;
}

// The members' names a shape error names: the first few levels.
constexpr int kNamedLevels = 4;

}  // namespace

size_t body_limit_for(const std::string& path, const ServerOptions& options) {
  if (ends_with(path, "/imports")) return options.max_body_bytes;
  if (ends_with(path, "/receipts")) return options.max_receipts_body_bytes;
  if (path == "/api/v1/auth/login") return options.max_login_body_bytes;
  return options.max_json_body_bytes;
}

std::string size_text(size_t bytes) {
  constexpr size_t kKiB = 1024, kMiB = kKiB * 1024;
  if (bytes >= kMiB && bytes % kMiB == 0) return std::to_string(bytes / kMiB) + " MiB";
  if (bytes >= kKiB && bytes % kKiB == 0) return std::to_string(bytes / kKiB) + " KiB";
  return std::to_string(bytes) + " bytes";
}

std::string too_large_message(const std::string& path, const ServerOptions& options) {
  const std::string limit = size_text(body_limit_for(path, options));
  if (ends_with(path, "/imports"))
    return "the file is larger than " + limit +
           ", the most the back office takes in one upload; import it on the server with `dagbok ledger import FILE` "
           "instead";
  if (ends_with(path, "/receipts"))
    return "the request body is larger than " + limit +
           " (unpacked), the most one request of receipts may hold; send the receipts in several requests";
  return "the request body is larger than " + limit + " (unpacked), the most this request takes";
}

Status check_json_shape(std::string_view text, const JsonShapeLimits& limits) {
  // The name of the member being read at each of the first levels.
  std::array<std::string_view, kNamedLevels + 1> names{};
  int depth = 0;
  size_t elements = 1;
  bool in_string = false, escaped = false;
  size_t string_start = 0;
  std::string_view last_string;
  auto where = [&] {
    std::string path;
    for (int d = 1; d <= std::min(depth, kNamedLevels); ++d) {
      if (names[d].empty()) continue;
      if (!path.empty()) path += ".";
      path += std::string(names[d].substr(0, 64));
    }
    return path.empty() ? std::string() : " (in '" + path + "')";
  };
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (in_string) {
      if (escaped)
        escaped = false;
      else if (c == '\\')
        escaped = true;
      else if (c == '"') {
        in_string = false;
        last_string = text.substr(string_start, i - string_start);
      }
      continue;
    }
    switch (c) {
      case '"':
        in_string = true;
        string_start = i + 1;
        break;
      case ':':
        if (depth >= 1 && depth <= kNamedLevels) names[depth] = last_string;
        break;
      case '[':
      case '{':
        ++elements;
        if (depth == limits.max_depth)
          return invalid_argument("the JSON in the request body is nested deeper than " +
                                  std::to_string(limits.max_depth) + " levels" + where() +
                                  "; dagbok takes at most " + std::to_string(limits.max_depth) + " levels");
        ++depth;
        if (depth <= kNamedLevels) names[depth] = {};
        break;
      case ']':
      case '}':
        if (depth > 0) --depth;
        break;
      case ',':
        if (++elements > limits.max_elements)
          return invalid_argument("the JSON in the request body has more than " +
                                  std::to_string(limits.max_elements) + " elements" + where() +
                                  "; send at most " + std::to_string(limits.max_elements) +
                                  " in one request (receipts in several requests)");
        break;
      default:
        break;
    }
  }
  return ok_status();
}

}  // namespace dagbok::server
