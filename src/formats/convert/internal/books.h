// What ledger and beancount output share: which rows count, the account names
// by BAS class, the opening transaction's date and the currency.
//
// The account classes of books/account.h (account_class, one home for BAS
// and NS 4102) to the five root accounts plain-text tools know:
//   1 Assets; 20xx Equity (eget kapital, 2080-2099 in an AB); other 2 Liabilities;
//   3 Income; 4-8 Expenses (8 includes financial income: the sign tells);
//   outside the chart's classes (9 kalkylkonton, non-numeric) Equity.
#pragma once

#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.h"
#include "core/money.h"
#include "books/account.h"
#include "core/result.h"
#include "formats/convert/convert_options.h"
#include "formats/sie/sie_document.h"

namespace dagbok::convert::internal {

enum class RootAccount { kAssets, kLiabilities, kEquity, kIncome, kExpenses };

RootAccount root_of(std::string_view account_number);
std::string_view root_name(RootAccount root);  // "Assets", …

// The name of each account number: the first #KONTO with that number; "" for
// accounts that are used but not declared.
std::map<std::string, std::string> account_names(const sie::Document& doc);

// Every account number that needs an account in the output: the declared ones
// and those used by #IB (year 0) or by a row that counts, in number order.
std::vector<std::string> accounts_in_use(const sie::Document& doc);

// A row counts unless it was removed (#BTRANS); an added row (#RTRANS) counts
// once, because the reader has consumed its #TRANS twin.
inline bool counts(const sie::Transaction& t) { return t.kind != sie::Transaction::Kind::kBTrans; }

// The rows of a voucher that count.
std::vector<const sie::Transaction*> counted_rows(const sie::Voucher& v);

// The sum of the rows that count (zero for a balanced voucher).
Money imbalance(const sie::Voucher& v);

// "A 1" (or "1", "A", "(no number)" when parts are missing).
std::string voucher_label(const sie::Voucher& v);

// kRefuse: an error for the first unbalanced voucher.
Status check_balanced(const sie::Document& doc, const ConvertOptions& options);

// #IB of year 0 (the current year's opening balances), non-zero ones only.
std::vector<const sie::Balance*> opening_balances(const sie::Document& doc);

// The date of the opening transaction: the start of year 0 (#RAR 0), else the
// first voucher date, else the #GEN date.
Date opening_date(const sie::Document& doc);

// The earliest date anything is booked on (the opening date or a voucher).
Date first_date(const sie::Document& doc);

// #VALUTA when it is a three-letter code (upper-cased), else "SEK".
std::string currency(const sie::Document& doc);

// The text as valid UTF-8: each byte of an invalid sequence (a stray
// continuation byte, an overlong form, a surrogate, a truncated sequence)
// becomes U+FFFD, as Python and beancount's own reader would see it.
std::string valid_utf8(std::string_view text);
bool is_valid_utf8(std::string_view text);

// Texts on one line, valid UTF-8: control characters and runs of blanks
// become one space, leading and trailing blanks go.
std::string one_line(std::string_view text);

// ASCII for beancount names: Swedish, Norwegian, Danish, German and French
// letters lose their marks (å→a, ø→o, æ→ae, ß→ss); everything else that is not
// a letter or digit becomes '-', runs of '-' collapse, and none lead or trail.
std::string ascii_name(std::string_view utf8);

// The output name of each account in accounts_in_use(doc): make(number, name);
// a name already given to another number gets "-2", "-3", … appended, so that
// two SIE accounts never merge into one.
std::map<std::string, std::string> unique_account_names(
    const sie::Document& doc, const std::function<std::string(const std::string&, const std::string&)>& make);

// "1=10 6=P1" for an object list.
std::string objects_text(const std::vector<sie::ObjectRef>& objects);

}  // namespace dagbok::convert::internal
