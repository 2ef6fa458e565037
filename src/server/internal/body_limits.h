// How much a request may send, per route, and the shape its JSON may have
// (issue 14): checked before a byte is parsed, so that no body can make the
// server hold more than its route allows or recurse without end.
//
//   size_t limit = body_limit_for(req.path, options);   // 413 past it
//   TRY(check_json_shape(body, {options.max_json_depth, options.max_json_elements}));
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "core/result.h"
#include "server/api_server.h"

namespace dagbok::server {

// The most a request to `path` may send, unpacked: a login a few KiB, the
// receipts a few MiB, an SIE upload max_body_bytes, any other JSON body
// max_json_body_bytes (ServerOptions).
size_t body_limit_for(const std::string& path, const ServerOptions& options);

// The 413 message for `path`: the limit, and for an upload what to do instead.
std::string too_large_message(const std::string& path, const ServerOptions& options);

// "16 KiB", "32 MiB", "1000 bytes".
std::string size_text(size_t bytes);

struct JsonShapeLimits {
  int max_depth = 64;
  size_t max_elements = 100000;
};

// InvalidArgument, naming the limit and the member where it was passed,
// when `text` nests deeper or holds more values than `limits` allow. One
// pass without allocation; `text` need not be valid JSON (the parser then
// says what is wrong with it).
Status check_json_shape(std::string_view text, const JsonShapeLimits& limits);

}  // namespace dagbok::server
