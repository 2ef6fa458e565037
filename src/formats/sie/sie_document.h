// sie::Document: the contents of one SIE file (types 1, 2, 3, 4E, 4I) as plain
// data, shared by the writer and the reader.
//
// Text is UTF-8 in memory; the writer turns it into CP437 and the reader turns
// whatever the file used back into UTF-8. Amounts are exact (Money, öre).
// Codes that look like numbers (accounts, dimension and object numbers,
// voucher series and numbers, quantities) are kept as the text the file had,
// because "0123" and "123" are different objects.
//
// Voucher rows: a row of kind kRTrans is a row *added* after the voucher was
// first registered. On disk it is written as "#RTRANS …" directly followed by
// its "#TRANS …" twin (for old readers); in this model the twin is not stored:
// the writer emits it and the reader consumes it. A kBTrans row was removed and
// never counts towards the voucher's balance. So a voucher balances when the
// kTrans and kRTrans rows sum to zero.
//
//   sie::Document doc;
//   doc.program_name = "dagbok"; doc.program_version = "0.1";
//   doc.generated = Date::from_ymd(2025, 2, 1);
//   doc.company_name = "Exempelkiosken i Malmö AB";
//   doc.fiscal_years.push_back({0, Date::from_ymd(2025, 1, 1), Date::from_ymd(2025, 12, 31)});
//   doc.accounts.push_back({"1910", "Kassa", "T", "", {"7281"}});
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/date.h"
#include "core/money.h"

namespace dagbok::sie {

// One "dimension object" pair of an object list {dim obj dim obj …}.
struct ObjectRef {
  std::string dim;  // dimension number as text ("1", "6")
  std::string id;   // object number as text ("10", "0123")
  bool operator==(const ObjectRef&) const = default;
};

// A voucher row: #TRANS, #RTRANS (added) or #BTRANS (removed).
struct Transaction {
  enum class Kind { kTrans, kRTrans, kBTrans };
  Kind kind = Kind::kTrans;
  std::string account;
  std::vector<ObjectRef> objects;
  Money amount;
  std::optional<Date> date;  // transdat; absent means the voucher date
  std::string text;          // transtext
  std::optional<std::string> quantity;  // kvantitet, as written ("40", "-1.5")
  std::string sign;
  bool operator==(const Transaction&) const = default;
};

// #VER with its rows.
struct Voucher {
  std::string series;  // may be empty in 4I (the receiver assigns it)
  std::string number;  // may be empty in 4I
  Date date;
  std::string text;
  std::optional<Date> reg_date;
  std::string sign;
  std::vector<Transaction> transactions;
  bool operator==(const Voucher&) const = default;
};

// #KONTO with its #KTYP, #ENHET and #SRU.
struct Account {
  std::string number;
  std::string name;
  std::string type;  // "T" tillgång, "S" skuld, "K" kostnad, "I" intäkt, or "" (not given)
  std::string unit;  // #ENHET, "" when not given
  std::vector<std::string> sru;
  bool operator==(const Account&) const = default;
};

// #DIM (parent empty) or #UNDERDIM (parent = the superior dimension's number).
struct Dimension {
  std::string number;
  std::string name;
  std::string parent;
  bool operator==(const Dimension&) const = default;
};

// #OBJEKT.
struct Object {
  std::string dim;
  std::string id;
  std::string name;
  bool operator==(const Object&) const = default;
};

// #RAR: year index 0 is the current year, -1 the one before, and so on.
struct FiscalYear {
  int index = 0;
  Date start;
  Date end;
  bool operator==(const FiscalYear&) const = default;
};

// #IB, #UB, #RES (objects empty) and #OIB, #OUB (objects given).
struct Balance {
  int year = 0;
  std::string account;
  std::vector<ObjectRef> objects;
  Money amount;
  std::optional<std::string> quantity;
  bool operator==(const Balance&) const = default;
};

// #PSALDO, #PBUDGET: the change during one month (not cumulative).
struct PeriodBalance {
  int year = 0;
  std::string period;  // YYYYMM
  std::string account;
  std::vector<ObjectRef> objects;
  Money amount;
  std::optional<std::string> quantity;
  bool operator==(const PeriodBalance&) const = default;
};

// A record with a label the reader does not know (kept, never written).
struct UnknownRecord {
  std::string label;  // "#MOMSKOD"
  std::vector<std::string> fields;
  int line = 0;
  bool operator==(const UnknownRecord&) const = default;
};

struct Document {
  int flag = 0;  // #FLAGGA: 0 = not yet imported
  std::string program_name, program_version;  // #PROGRAM
  Date generated;                             // #GEN date
  std::string generated_by;                   // #GEN sign
  std::string sie_type = "4";                 // #SIETYP: "1" … "4"
  std::string prosa;                          // #PROSA
  std::string company_type;                   // #FTYP
  std::string company_id;                     // #FNR
  std::string orgnr;                          // #ORGNR (the writer adds the hyphen)
  std::string sni_code;                       // #BKOD
  std::string company_name;                   // #FNAMN
  struct Address {
    std::string contact, street, postal, phone;
    bool operator==(const Address&) const = default;
  };
  std::optional<Address> address;             // #ADRESS
  std::vector<FiscalYear> fiscal_years;       // #RAR
  std::optional<int> tax_year;                // #TAXAR
  std::optional<Date> balances_until;         // #OMFATTN
  std::string chart_type;                     // #KPTYP
  std::string currency;                       // #VALUTA

  std::vector<Account> accounts;
  std::vector<Dimension> dimensions;
  std::vector<Object> objects;

  std::vector<Balance> opening;         // #IB
  std::vector<Balance> closing;         // #UB
  std::vector<Balance> object_opening;  // #OIB
  std::vector<Balance> object_closing;  // #OUB
  std::vector<Balance> result;          // #RES
  std::vector<PeriodBalance> period_balances;  // #PSALDO
  std::vector<PeriodBalance> period_budgets;   // #PBUDGET
  std::vector<Voucher> vouchers;

  std::vector<UnknownRecord> unknown_records;  // filled by the reader only

  bool operator==(const Document&) const = default;
};

}  // namespace dagbok::sie
