// The catalogue of words: every word and sentence the C++ side shows a user
// (the Z-report text and PDF, the day's CSV and spreadsheet, voucher texts,
// the financial reports and the charts), one table per language in
// words_sv.cc, words_nb.cc and words_en.cc. The web page keeps its own words
// in web/js/i18n/.
//
//   word(Language::kNb, Word::kVatTotal)                          // "Sum mva"
//   fill(word(Language::kSv, Word::kVoucherDayClose), {"K1", "7", "2026-03-01"})
//
// A key is an enumerator of Word, so a misspelt key does not compile, and a
// language file that forgets a key does not compile either (each is a switch
// without a default, and warnings are errors); tests/unit/text checks that
// no word is empty and that every language fills the same placeholders.
//
// A word is an exact string: reports, PDFs and SIE files print it byte for
// byte, and golden tests pin them. Placeholders are {1}, {2}, … (see fill()).
#pragma once

#include <cstddef>
#include <initializer_list>
#include <string>
#include <string_view>

#include "text/language.h"

namespace dagbok::text {

// X(key): the list of keys, grouped by where they are shown.
#define DAGBOK_TEXT_WORDS(X)                                                                      \
  /* Months, short. */                                                                            \
  X(kMonthJan) X(kMonthFeb) X(kMonthMar) X(kMonthApr) X(kMonthMay) X(kMonthJun)                   \
  X(kMonthJul) X(kMonthAug) X(kMonthSep) X(kMonthOct) X(kMonthNov) X(kMonthDec)                   \
  /* The day's Z-report, its files and sheets (formats/day/day_labels.h, pos/z_report.h). */      \
  X(kZReportTitle) X(kZReportHeading) X(kZReportsSheet) X(kVouchersSheet) X(kVatSheet)            \
  X(kPaymentsSheet) X(kGroupsSheet) X(kVoucher)                                                   \
  X(kOrgnr) X(kZNumber) X(kRegisterId) X(kDepartment) X(kBusinessDate) X(kProducedAt) X(kCurrency) \
  X(kSales) X(kReceiptCount) X(kGoodsQuantity) X(kGrossSales) X(kReturns) X(kReturnCount)         \
  X(kSalesTotal) X(kZTextSalesTotal) X(kDiscounts) X(kDiscountCount) X(kPerGroup) X(kProductGroup) \
  X(kVat) X(kVatRate) X(kVatBase) X(kZTextVatBase) X(kVatAmount) X(kInclVat) X(kVatTotal)          \
  X(kPayments) X(kPaymentMethod) X(kCount) X(kAmount) X(kPaymentsTotal)                           \
  /* Payment methods the tills name by key (pos/receipt.h): the Z-report PDF's labels. */          \
  X(kPayCash) X(kPayCard) X(kPaySwish) X(kPayVipps) X(kPayInvoice) X(kPayGiftCard)               \
  X(kOther) X(kTips) X(kGiftCardsSold) X(kGiftCardsRedeemed) X(kRounding)                         \
  X(kCash) X(kOpeningFloat) X(kCashExpected) X(kCashCounted) X(kNotCounted) X(kCashDifference)    \
  X(kGrandTotal) X(kGrandSales) X(kGrandReturns) X(kGrandNet) X(kNet)                             \
  X(kLateReceipts) X(kReceipt) X(kOriginalDate)                                                   \
  X(kDate) X(kSeries) X(kVoucherNumber) X(kAccount) X(kAccountName) X(kDebit) X(kCredit)          \
  X(kCostCenter) X(kText) X(kTotal) X(kPage) X(kName) X(kItem) X(kNoRegisterClosed)               \
  /* Voucher texts (books/day_voucher.h; corrections: pipeline/day_close.h). */                   \
  X(kVoucherDayClose) X(kVoucherOutputVat) X(kVoucherStockChange) X(kVoucherReversal)             \
  X(kVoucherCorrected)                                                                            \
  /* The SIE export (pipeline/sie_export.h): the name of dimension 1. */                          \
  X(kSieCostCenterDimension)                                                                      \
  /* Financial reports (reports/). */                                                             \
  X(kReportTrialBalance) X(kReportIncomeStatement) X(kReportBalanceSheet) X(kReportMonthly)       \
  X(kReportKeyFigures) X(kReportPeriod) X(kReportCheck) X(kReportCheckOk) X(kReportCheckFailed)   \
  X(kReportKind) X(kReportKey)                                                                    \
  X(kReportOpening) X(kReportMovement) X(kReportChange) X(kReportClosing)                         \
  X(kReportOpeningSum) X(kReportMovementSum) X(kReportClosingSum) X(kReportNotZero)               \
  X(kReportNoPreviousYear) X(kReportPreviousPartial) X(kReportUnbookedResult)                     \
  X(kReportBalanceCheck) X(kReportUnbalanced)                                                     \
  X(kReportNetSales) X(kReportResult) X(kReportYearToDate) X(kReportLastYear)                     \
  X(kReportGoods) X(kReportGrossProfit) X(kReportGrossMargin) X(kReportCashAndBank)               \
  X(kReportCurrentAssets) X(kReportCurrentLiabilities) X(kReportCurrentRatio)                     \
  /* Charts (reports/svg_chart.h). */                                                             \
  X(kChartSalesByMonth) X(kChartResultByMonth) X(kChartThisYear) X(kChartLastYear)

enum class Word {
#define DAGBOK_TEXT_ENUM(key) key,
  DAGBOK_TEXT_WORDS(DAGBOK_TEXT_ENUM)
#undef DAGBOK_TEXT_ENUM
      kEnd  // not a word: one past the last key
};

inline constexpr size_t kWordCount = static_cast<size_t>(Word::kEnd);

// The word for `key` in `language`: a NUL-terminated string with static
// storage, safe to hand to C libraries (cairo, libxlsxwriter).
const char* word(Language language, Word key);

// The word of `key` in `month` (1–12); "?" for another number.
const char* month_word(Language language, int month);

// The key's name as written in the source ("kVatTotal"), for tests and logs.
std::string_view key_name(Word key);

// `pattern` with {1} … {9} replaced by args[0] … args[8]. A placeholder with
// no argument is left as it is; text that is not a placeholder is copied.
std::string fill(std::string_view pattern, std::initializer_list<std::string_view> args);

}  // namespace dagbok::text
