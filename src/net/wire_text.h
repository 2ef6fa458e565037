// What several connectors do to text and amounts before they go on the wire.
//
//  - cut_code_points: a vendor's length limit counted in characters, cut on
//    a UTF-8 code-point boundary (never inside "å"): Visma's TransactionText
//    (60), 24SevenOffice's Comment (100).
//  - JSON amounts exactly to the öre: nlohmann::json writes a double, so an
//    amount goes into the document as a mark (json_amount_mark) and
//    with_json_amounts replaces each mark by its fixed-point literal with two
//    decimals ("-1250.00"; never "1.25e3").
//
//   json row = {{"DebitAmount", json_amount_mark(Money::from_minor(125000))}};
//   std::string body = with_json_amounts(row.dump());   // {"DebitAmount":1250.00}
#pragma once

#include <cstddef>
#include <string>

#include "core/money.h"

namespace dagbok::net {

// At most `max` code points of a UTF-8 text.
std::string cut_code_points(const std::string& text, size_t max);

// A string the JSON writer leaves alone, standing for the amount.
std::string json_amount_mark(Money m);
// The serialised JSON with every quoted mark replaced by its number literal.
std::string with_json_amounts(std::string json_text);

}  // namespace dagbok::net
