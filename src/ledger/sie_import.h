// import_sie_file: a SIE 4 file into a company's ledger, all or nothing.
//
//   ledger::ImportOptions o;
//   o.replace = LedgerImport::Replace::kRefuse;
//   ledger::ImportOutcome r = ledger::import_sie_file(store, *ledger, company, actor, "bokslut.se", o, clock);
//   if (!r.imported()) std::cerr << r.status.error().message();   // refused; nothing changed but the log
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
#include <optional>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/file_system.h"
#include "core/result.h"
#include "ledger/ledger_admin.h"
#include "store/ledger_records.h"
#include "store/store.h"

namespace dagbok::ledger {

struct ImportOptions {
  LedgerImport::Replace replace = LedgerImport::Replace::kRefuse;
  // Called now and then with bytes read and the file's size.
  std::function<void(uint64_t done, uint64_t total)> progress{};
  // Where the file is read from (a test puts a fault-injecting one here).
  std::reference_wrapper<FileSystem> file_system = posix_file_system();
};

// What an import came to. Every attempt, a refusal too, is an entry of the
// import log.
struct [[nodiscard]] ImportOutcome {
  Status status;  // ok: imported; else why not (nothing changed but the log)
  // The import log's entry of this attempt; absent only when the log could
  // not be written either (then `status` says why).
  std::optional<int64_t> log_entry_id;
  std::vector<std::string> diagnostics;  // one located message each: "file:line:column: …"
  LedgerLogEntry entry;                  // as logged: counts, warnings, fiscal years

  bool imported() const { return status.ok(); }
};

ImportOutcome import_sie_file(Store& store, LedgerStore& ledger, const Company& company, const Actor& actor,
                              const std::string& path, const ImportOptions& options, const Clock& clock);

// "5566778899" from "556677-8899": organisation numbers compared by digits.
std::string orgnr_digits(std::string_view orgnr);

}  // namespace dagbok::ledger
