// The properties the receipt import fuzzer (receipt_import_fuzzer.cc) checks
// on every input, a file as `dagbok receipts import FILE` reads it (pipeline/
// receipt_intake.h, import_receipt_lines), shared with the unit test that
// replays the seeds (tests/unit/pipeline/receipt_import_fuzz_regression_test.cc).
// Each input goes to a new company of one store on a real SQLite file:
//   1. nothing throws;
//   2. all or nothing: a refused file stores nothing (no register, product
//      group, payment method or receipt of the company exists afterwards), and
//      its message names a line of the file;
//   3. an accepted file counts every non-blank line, and importing it again
//      stores nothing new (every receipt is "unchanged"): replaying a file is
//      harmless.
#pragma once

#include <string>
#include <string_view>

#include "pipeline/company_setup.h"
#include "pipeline/receipt_intake.h"

namespace dagbok::fuzzing {

inline std::string broken_import_property_unguarded(Store& store, int64_t n, std::string_view bytes) {
  NewCompany spec;
  spec.country = n % 2 ? Country::kNorway : Country::kSweden;
  spec.name = "Fuzz " + std::to_string(n);
  spec.slug = "fuzz-" + std::to_string(n);
  Result<Company> company = create_company(store, spec);
  if (!company.ok()) return "cannot make the company: " + company.error().message();

  const std::string name = "receipts.jsonl";
  const size_t lines = split_json_lines(bytes, name).size();
  Result<IntakeSummary> first = import_receipt_lines(store, *company, bytes, name);
  if (!first.ok()) {
    Result<MasterData> md = store.master_data(company->id);
    if (!md.ok()) return "cannot read back: " + md.error().message();
    if (!md->registers.empty() || !md->product_groups.empty() || !md->payment_methods.empty() ||
        !md->departments.empty())
      return "a refused file stored something";
    if (lines > 0 && first.error().message().find(name + ":") == std::string::npos)
      return "a refusal names no line: " + first.error().message();
    return "";
  }
  if (first->receipts_read != static_cast<int64_t>(lines)) return "not every line was counted";
  if (first->stored + first->unchanged > first->receipts_read) return "more receipts than lines";
  Result<IntakeSummary> again = import_receipt_lines(store, *company, bytes, name);
  if (!again.ok()) return "the same file again is refused: " + again.error().message();
  if (again->stored != 0) return "the same file again stored " + std::to_string(again->stored) + " receipts";
  if (again->unchanged != again->receipts_read) return "the same file again is not all unchanged";
  return "";
}

// The first property the input breaks, in words; empty when it keeps them all.
inline std::string broken_import_property(Store& store, int64_t n, std::string_view bytes) {
  try {
    return broken_import_property_unguarded(store, n, bytes);
  } catch (const std::exception& e) {
    return std::string("an exception escaped: ") + e.what();
  }
}

}  // namespace dagbok::fuzzing
