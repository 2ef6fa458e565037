// Reading and writing receipts as JSON (the intake format, one receipt per
// line of a JSON Lines file; doc/formats/receipts.md is the grammar).
//
// Parsing checks everything that needs no company context: shapes, amounts
// as decimal strings, VAT rates as numbers, that the payments cover the lines
// and tip within the ±0.50 cash rounding, and the bounds of an amount, a
// line and a receipt (core/money.h: 10^12 öre each, 1 000 lines, 100
// payments). Errors name the field ("lines[0].vat_rate: ..."); the caller adds
// file and line. Work is linear in the size of the text.
#pragma once

#include <string>
#include <string_view>

#include <nlohmann/json_fwd.hpp>

#include "core/result.h"
#include "pos/receipt.h"

namespace dagbok {

inline constexpr int64_t kMaxCashRoundingMinor = 50;

Result<Receipt> receipt_from_json(const nlohmann::json& j);
Result<Receipt> receipt_from_json_text(std::string_view text);

// The canonical form: sorted keys, amounts as "0.00" strings, the time with
// the till's own offset. Two receipts are the same iff their canonical forms
// are equal byte for byte.
nlohmann::json receipt_to_json(const Receipt& r);
std::string canonical_receipt_json(const Receipt& r);

}  // namespace dagbok
