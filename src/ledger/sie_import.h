// import_sie_file: a SIE 4 file into a company's ledger, all or nothing.
//
//   ledger::ImportOptions o;
//   o.replace = LedgerImport::Replace::kRefuse;
//   Result<LedgerLogEntry> r = ledger::import_sie_file(store, *ledger, company, actor, "bokslut.se", o, clock);
//   if (!r) std::cerr << r.error().message();   // refused; nothing changed but the log
//
// The file is read once, streaming (flat memory, however large), and written
// inside one transaction: the fiscal years of its #RAR that hold its vouchers
// (year 0 always), its chart (#KONTO, #KTYP, #SRU), dimensions and objects,
// #IB/#UB/#RES/#OIB/#OUB of those years, and every voucher with its rows;
// the per-month totals are written at the end of the same transaction.
//
// Refused, with the ledger unchanged and the refusal in the import log: an
// actor without the import right; a company whose data source is dagbok's own
// vouchers; a file that is not SIE type 4; a file whose #ORGNR is not the
// company's; a file with errors (each with file:line:column in the log); a
// voucher dated outside every #RAR year; a fiscal year that already holds data
// (unless Replace::kReplace).
#pragma once

#include <cstdint>
#include <functional>
#include <string>

#include "core/clock.h"
#include "core/result.h"
#include "ledger/ledger_admin.h"
#include "store/ledger_records.h"
#include "store/store.h"

namespace dagbok::ledger {

struct ImportOptions {
  LedgerImport::Replace replace = LedgerImport::Replace::kRefuse;
  // Called now and then with bytes read and the file's size.
  std::function<void(uint64_t done, uint64_t total)> progress{};
};

// The log entry of a good import (id, counts, warnings). On refusal the error
// names the log entry that records it.
Result<LedgerLogEntry> import_sie_file(Store& store, LedgerStore& ledger, const Company& company, const Actor& actor,
                                       const std::string& path, const ImportOptions& options, const Clock& clock);

// "5566778899" from "556677-8899": organisation numbers compared by digits.
std::string orgnr_digits(std::string_view orgnr);

}  // namespace dagbok::ledger
