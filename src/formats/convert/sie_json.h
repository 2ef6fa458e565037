// to_json: a sie::Document as one JSON object, for programs that would rather
// not parse SIE. Lossless: every record the reader kept is there, removed rows
// (#BTRANS) included with "kind": "removed", so a consumer that sums rows must
// skip those (added rows, "kind": "added", count once like ordinary ones).
//
//   Result<std::string> json = convert::to_json(read->document);
//
// Amounts are strings with a point and two decimals ("-1250.00", exact; never
// a JSON number, which most parsers read as a double). Dates are ISO 8601
// ("2026-01-31"); codes (accounts, series, objects) are strings as written.
// Optional fields are null when absent. Keys are stable; see
// doc/formats/convert.md for the whole shape.
#pragma once

#include <string>

#include "core/result.h"
#include "formats/sie/sie_document.h"

namespace dagbok::convert {

// Pretty-printed (two-space indent), ending in a newline. Never fails on a
// Document the reader made; text that is not valid UTF-8 is replaced (U+FFFD).
Result<std::string> to_json(const sie::Document& doc);

}  // namespace dagbok::convert
