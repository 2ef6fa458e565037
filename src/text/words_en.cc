// The catalogue's words in English (see text/words.h). Edit the word, not the
// key; the reports, PDFs and SIE files that print it change with it.
#include "text/internal/by_language.h"

namespace dagbok::text::internal {

const char* words_en(Word key) {
  switch (key) {
    case Word::kMonthJan: return "Jan";
    case Word::kMonthFeb: return "Feb";
    case Word::kMonthMar: return "Mar";
    case Word::kMonthApr: return "Apr";
    case Word::kMonthMay: return "May";
    case Word::kMonthJun: return "Jun";
    case Word::kMonthJul: return "Jul";
    case Word::kMonthAug: return "Aug";
    case Word::kMonthSep: return "Sep";
    case Word::kMonthOct: return "Oct";
    case Word::kMonthNov: return "Nov";
    case Word::kMonthDec: return "Dec";
    case Word::kZReportTitle: return "Z report";
    case Word::kZReportHeading: return "Z REPORT";
    case Word::kZReportsSheet: return "Z reports";
    case Word::kVouchersSheet: return "Vouchers";
    case Word::kVatSheet: return "VAT";
    case Word::kPaymentsSheet: return "Payments";
    case Word::kGroupsSheet: return "Product groups";
    case Word::kVoucher: return "Voucher";
    case Word::kOrgnr: return "Org. no.";
    case Word::kZNumber: return "Z number";
    case Word::kRegisterId: return "Register";
    case Word::kDepartment: return "Department";
    case Word::kBusinessDate: return "Business day";
    case Word::kProducedAt: return "Printed";
    case Word::kCurrency: return "Currency";
    case Word::kSales: return "Sales";
    case Word::kReceiptCount: return "Receipts";
    case Word::kGoodsQuantity: return "Items sold";
    case Word::kGrossSales: return "Sales (gross)";
    case Word::kReturns: return "Returns";
    case Word::kReturnCount: return "Number of returns";
    case Word::kSalesTotal: return "Sales total";
    case Word::kZTextSalesTotal: return "Sales total";
    case Word::kDiscounts: return "Discounts";
    case Word::kDiscountCount: return "Number of discounts";
    case Word::kPerGroup: return "By product group";
    case Word::kProductGroup: return "Product group";
    case Word::kVat: return "VAT";
    case Word::kVatRate: return "VAT rate";
    case Word::kVatBase: return "Base";
    case Word::kZTextVatBase: return "base";
    case Word::kVatAmount: return "VAT";
    case Word::kInclVat: return "Incl. VAT";
    case Word::kVatTotal: return "VAT total";
    case Word::kPayments: return "Payments";
    case Word::kPaymentMethod: return "Payment method";
    case Word::kCount: return "Count";
    case Word::kAmount: return "Amount";
    case Word::kPaymentsTotal: return "Payments total";
    case Word::kOther: return "Other";
    case Word::kTips: return "Tips";
    case Word::kGiftCardsSold: return "Gift cards sold";
    case Word::kGiftCardsRedeemed: return "Gift cards redeemed";
    case Word::kRounding: return "Rounding";
    case Word::kCash: return "Cash";
    case Word::kOpeningFloat: return "Opening float";
    case Word::kCashExpected: return "Expected in the till";
    case Word::kCashCounted: return "Counted";
    case Word::kNotCounted: return "not counted";
    case Word::kCashDifference: return "Cash difference";
    case Word::kGrandTotal: return "Grand total";
    case Word::kGrandSales: return "Grand total sales";
    case Word::kGrandReturns: return "Grand total returns";
    case Word::kGrandNet: return "Grand total net";
    case Word::kNet: return "Net";
    case Word::kLateReceipts: return "Late receipts (from closed days)";
    case Word::kReceipt: return "Receipt";
    case Word::kOriginalDate: return "Original business day";
    case Word::kDate: return "Date";
    case Word::kSeries: return "Series";
    case Word::kVoucherNumber: return "Voucher number";
    case Word::kAccount: return "Account";
    case Word::kAccountName: return "Account name";
    case Word::kDebit: return "Debit";
    case Word::kCredit: return "Credit";
    case Word::kCostCenter: return "Cost centre";
    case Word::kText: return "Text";
    case Word::kTotal: return "Total";
    case Word::kPage: return "Page";
    case Word::kName: return "Name";
    case Word::kItem: return "Item";
    case Word::kNoRegisterClosed: return "No register was closed this day.";
    case Word::kVoucherDayClose: return "Day close {1} Z no. {2} {3}";
    case Word::kVoucherOutputVat: return "Output VAT";
    case Word::kVoucherStockChange: return "Change in stock";
    case Word::kVoucherReversal: return "Correction: reversal of {1} ({2})";
    case Word::kVoucherCorrected: return "Correction: {1} (replaces {2})";
    case Word::kSieCostCenterDimension: return "Cost centre";
    case Word::kReportTrialBalance: return "Trial balance";
    case Word::kReportIncomeStatement: return "Income statement";
    case Word::kReportBalanceSheet: return "Balance sheet";
    case Word::kReportMonthly: return "Month by month";
    case Word::kReportKeyFigures: return "Key figures";
    case Word::kReportPeriod: return "Period";
    case Word::kReportCheck: return "Check";
    case Word::kReportCheckOk: return "OK";
    case Word::kReportCheckFailed: return "FAILED";
    case Word::kReportKind: return "Kind";
    case Word::kReportKey: return "Key";
    case Word::kReportOpening: return "Opening";
    case Word::kReportMovement: return "Movement";
    case Word::kReportChange: return "Change";
    case Word::kReportClosing: return "Closing";
    case Word::kReportOpeningSum: return "the sum of the opening balances";
    case Word::kReportMovementSum: return "the sum of the period's movements";
    case Word::kReportClosingSum: return "the sum of the closing balances";
    case Word::kReportNotZero:
      return "{1} is {2}, not 0,00: the books do not balance (a voucher or an opening balance in the source is "
             "unbalanced; see the import log)";
    case Word::kReportNoPreviousYear: return "No figures for the previous fiscal year";
    case Word::kReportPreviousPartial: return "The previous fiscal year does not cover every month of the period";
    case Word::kReportUnbookedResult: return "Result, not yet booked";
    case Word::kReportBalanceCheck: return "assets − (equity + liabilities + result), {1}";
    case Word::kReportUnbalanced: return "the books do not balance";
    case Word::kReportNetSales: return "Net sales";
    case Word::kReportResult: return "Result";
    case Word::kReportYearToDate: return "year to date";
    case Word::kReportLastYear: return "last year";
    case Word::kReportGoods: return "Cost of goods";
    case Word::kReportGrossProfit: return "Gross profit";
    case Word::kReportGrossMargin: return "Gross margin";
    case Word::kReportCashAndBank: return "Cash and bank";
    case Word::kReportCurrentAssets: return "Current assets";
    case Word::kReportCurrentLiabilities: return "Current liabilities";
    case Word::kReportCurrentRatio: return "Current ratio";
    case Word::kChartSalesByMonth: return "Sales by month";
    case Word::kChartResultByMonth: return "Result by month";
    case Word::kChartThisYear: return "This year";
    case Word::kChartLastYear: return "Last year";
    case Word::kEnd: break;
  }
  return nullptr;
}

}  // namespace dagbok::text::internal
