// ConvertOptions: how the converters of formats/convert/ treat what a
// plain-text accounting tool would reject.
//
// A voucher whose rows do not sum to zero breaks the SIE standard (the reader
// reports it as an error). ledger and bean-check refuse such a transaction, so
// a converter either refuses the document (the default) or, when the user has
// asked for it, books the difference to a visible account of its own:
//
//   convert::ConvertOptions options;
//   options.unbalanced = convert::UnbalancedVouchers::kBookDifference;
//   Result<std::string> journal = convert::to_ledger(doc, options);
#pragma once

namespace dagbok::convert {

enum class UnbalancedVouchers {
  kRefuse,          // an InvalidArgument error naming the voucher and its difference
  kBookDifference,  // one more posting to Equity:Unbalanced, with a comment saying why
};

struct ConvertOptions {
  UnbalancedVouchers unbalanced = UnbalancedVouchers::kRefuse;
};

}  // namespace dagbok::convert
