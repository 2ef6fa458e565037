// ReceiptStore: the store's role for what the tills send and what a day
// close makes of it: receipts (accepted once per id), the registers,
// departments, product groups and payment methods they name, and the
// immutable, gap-free numbered Z-reports.
//
// A day close is one call and one transaction (write_day_close): the
// Z-reports, their vouchers (posted to the ledger), the receipts marked
// booked and the outbox rows commit together or not at all.
//
//   ASSIGN_OR_RETURN(std::vector<StoredReceipt> open, receipts.receipts_to_close(company.id, "K1", day));
//   ASSIGN_OR_RETURN(std::vector<ClosedRegister> done, receipts.write_day_close(company.id, day, closes, now));
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "books/voucher.h"
#include "core/date.h"
#include "core/money.h"
#include "core/result.h"
#include "pos/receipt.h"
#include "pos/z_report.h"

namespace dagbok {

struct RegisterInfo {
  std::string code;
  std::string department;
  Date first_business_date;
  Money default_float;
};

// What a company has seen on its receipts.
struct MasterData {
  std::set<std::string> departments;
  std::map<std::string, RegisterInfo> registers;
  std::set<std::string> product_groups;
  std::set<std::string> payment_methods;
};

struct NewReceipt {
  Receipt receipt;
  std::string canonical_json;
  Date business_date;
  bool late = false;  // its register-day was already closed when it came
};

struct StoredReceipt {
  Receipt receipt;
  Date business_date;
  bool late = false;
};

struct ZReportRecord {
  int64_t id = 0;
  ZReport report;
  std::optional<int64_t> voucher_id;
  std::string voucher_blocked;  // why no voucher was booked, or ""
};

// One register's part of a day close, as computed from a snapshot. The store
// writes it only if the snapshot still holds (see write_day_close).
struct RegisterClose {
  ZReport report;                       // number filled in from expected_number
  int64_t expected_number = 0;          // last Z-number of the register + 1
  std::vector<std::string> receipt_ids;  // the receipts it books
  std::optional<Voucher> voucher;       // absent when blocked or empty
  std::string voucher_blocked;
  Money float_to_remember;
};

// A register's business day that has receipts, and whether it is closed: the
// list the Dagsavslut page offers to close.
struct ReceiptDay {
  Date day;
  std::string register_code;
  std::string department;
  int receipts = 0;
  int unbooked = 0;     // not yet on a Z-report (late ones included)
  bool closed = false;  // the register has a Z-report for the day
};

struct ClosedRegister {
  int64_t z_report_id = 0;
  int64_t z_number = 0;
  std::optional<int64_t> voucher_id;
  int64_t voucher_number = 0;
};

class ReceiptStore {
 public:
  virtual ~ReceiptStore() = default;

  // Receipts and what they name.
  virtual Result<MasterData> master_data(int64_t company) = 0;
  // Canonical JSON of the receipts that exist among `ids`.
  virtual Result<std::map<std::string, std::string>> receipt_bodies(int64_t company,
                                                                    const std::vector<std::string>& ids) = 0;
  virtual Result<std::optional<StoredReceipt>> find_receipt(int64_t company, const std::string& id) = 0;
  // All or nothing; registers etc. new to the company are created.
  virtual Status insert_receipts(int64_t company, const std::vector<NewReceipt>& receipts) = 0;
  // Unbooked receipts of a register for `day`, and late ones from closed days before it.
  virtual Result<std::vector<StoredReceipt>> receipts_to_close(int64_t company, const std::string& register_code,
                                                               Date day) = 0;
  // Register-days with receipts, newest first, within [from, to] when given.
  virtual Result<std::vector<ReceiptDay>> receipt_days(int64_t company, std::optional<Date> from,
                                                       std::optional<Date> to) = 0;

  // Day close.
  virtual Result<std::set<std::string>> closed_registers(int64_t company, Date day) = 0;
  virtual Result<std::optional<ZReportRecord>> last_z_report(int64_t company, const std::string& register_code) = 0;
  // Writes the Z-reports and vouchers (each posted to the ledger,
  // books/ledger_posting.h) and marks their receipts booked, in one
  // transaction. Aborted if another close got there first (a register-day now
  // closed, a Z-number taken): compute again from fresh data and retry.
  virtual Result<std::vector<ClosedRegister>> write_day_close(int64_t company, Date day,
                                                              std::vector<RegisterClose> registers, Instant now) = 0;

  // Z-reports.
  virtual Result<std::vector<ZReportRecord>> z_reports(int64_t company, std::optional<Date> from,
                                                       std::optional<Date> to) = 0;
  virtual Result<std::optional<ZReportRecord>> z_report(int64_t company, const std::string& register_code,
                                                        int64_t number) = 0;
  virtual Result<std::vector<ZReportRecord>> z_reports_by_id(int64_t company, const std::vector<int64_t>& ids) = 0;
};

}  // namespace dagbok
