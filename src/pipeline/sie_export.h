// SIE 4 export of a company's vouchers for a date range: the file an
// accountant imports into Fortnox, Visma, Björn Lundén or any Swedish program.
#pragma once

#include <string>
#include <vector>

#include "core/clock.h"
#include "core/result.h"
#include "store/store.h"

namespace dagbok {

struct SieExport {
  std::string bytes;  // CP437, CRLF, with #KSUMMA
  int64_t vouchers = 0;
  int64_t transactions = 0;
  std::vector<std::string> warnings;
};

// REQUIRES: from <= to. Fiscal years are calendar years.
Result<SieExport> export_sie(BooksStore& store, const Company& company, Date from, Date to, const Clock& clock);

// The same for a given set of vouchers (a day close's, a correction's).
Result<SieExport> sie_for_vouchers(const Company& company, const std::vector<Voucher>& vouchers,
                                   const std::vector<Account>& accounts, const Mapping& mapping, Date from, Date to,
                                   Instant now);

// "dagbok-kaffebaren-2026-11-01--2026-11-30.se"
std::string sie_file_name(const Company& company, Date from, Date to);

}  // namespace dagbok
