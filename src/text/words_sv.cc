// The catalogue's words in Swedish (see text/words.h). Edit the word, not the
// key; the reports, PDFs and SIE files that print it change with it.
#include "text/internal/by_language.h"

namespace dagbok::text::internal {

const char* words_sv(Word key) {
  switch (key) {
    case Word::kMonthJan: return "jan";
    case Word::kMonthFeb: return "feb";
    case Word::kMonthMar: return "mar";
    case Word::kMonthApr: return "apr";
    case Word::kMonthMay: return "maj";
    case Word::kMonthJun: return "jun";
    case Word::kMonthJul: return "jul";
    case Word::kMonthAug: return "aug";
    case Word::kMonthSep: return "sep";
    case Word::kMonthOct: return "okt";
    case Word::kMonthNov: return "nov";
    case Word::kMonthDec: return "dec";
    case Word::kZReportTitle: return "Z-dagrapport";
    case Word::kZReportHeading: return "Z-DAGRAPPORT";
    case Word::kZReportsSheet: return "Z-rapporter";
    case Word::kVouchersSheet: return "Verifikationer";
    case Word::kVatSheet: return "Moms";
    case Word::kPaymentsSheet: return "Betalsätt";
    case Word::kGroupsSheet: return "Varugrupper";
    case Word::kVoucher: return "Verifikation";
    case Word::kOrgnr: return "Org.nr";
    case Word::kZNumber: return "Z-nummer";
    case Word::kRegisterId: return "Kassa";
    case Word::kDepartment: return "Avdelning";
    case Word::kBusinessDate: return "Affärsdag";
    case Word::kProducedAt: return "Utskriven";
    case Word::kCurrency: return "Valuta";
    case Word::kSales: return "Försäljning";
    case Word::kReceiptCount: return "Antal kvitton";
    case Word::kGoodsQuantity: return "Antal varor";
    case Word::kGrossSales: return "Försäljning (brutto)";
    case Word::kReturns: return "Returer";
    case Word::kReturnCount: return "Antal returer";
    case Word::kSalesTotal: return "Försäljningssumma";
    case Word::kZTextSalesTotal: return "Försäljningssumma";
    case Word::kDiscounts: return "Rabatter";
    case Word::kDiscountCount: return "Antal rabatter";
    case Word::kPerGroup: return "Per varugrupp";
    case Word::kProductGroup: return "Varugrupp";
    case Word::kVat: return "Moms";
    case Word::kVatRate: return "Momssats";
    case Word::kVatBase: return "Underlag";
    case Word::kZTextVatBase: return "underlag";
    case Word::kVatAmount: return "Moms";
    case Word::kInclVat: return "Inkl. moms";
    case Word::kVatTotal: return "Summa moms";
    case Word::kPayments: return "Betalsätt";
    case Word::kPaymentMethod: return "Betalsätt";
    case Word::kCount: return "Antal";
    case Word::kAmount: return "Belopp";
    case Word::kPaymentsTotal: return "Summa betalningar";
    case Word::kOther: return "Övrigt";
    case Word::kTips: return "Dricks";
    case Word::kGiftCardsSold: return "Sålda presentkort";
    case Word::kGiftCardsRedeemed: return "Inlösta presentkort";
    case Word::kRounding: return "Öresavrundning";
    case Word::kCash: return "Kontanter";
    case Word::kOpeningFloat: return "Växelkassa";
    case Word::kCashExpected: return "Förväntat i kassan";
    case Word::kCashCounted: return "Räknat";
    case Word::kNotCounted: return "ej räknat";
    case Word::kCashDifference: return "Kassadifferens";
    case Word::kGrandTotal: return "Grand total";
    case Word::kGrandSales: return "Grand total försäljning";
    case Word::kGrandReturns: return "Grand total returer";
    case Word::kGrandNet: return "Grand total netto";
    case Word::kNet: return "Netto";
    case Word::kLateReceipts: return "Sent inkomna kvitton (från stängda dagar)";
    case Word::kReceipt: return "Kvitto";
    case Word::kOriginalDate: return "Ursprunglig affärsdag";
    case Word::kDate: return "Datum";
    case Word::kSeries: return "Serie";
    case Word::kVoucherNumber: return "Verifikationsnummer";
    case Word::kAccount: return "Konto";
    case Word::kAccountName: return "Kontonamn";
    case Word::kDebit: return "Debet";
    case Word::kCredit: return "Kredit";
    case Word::kCostCenter: return "Kostnadsställe";
    case Word::kText: return "Text";
    case Word::kTotal: return "Summa";
    case Word::kPage: return "Sida";
    case Word::kName: return "Namn";
    case Word::kItem: return "Post";
    case Word::kNoRegisterClosed: return "Inga kassor stängdes denna dag.";
    case Word::kVoucherDayClose: return "Dagsavslut {1} Z-nr {2} {3}";
    case Word::kVoucherOutputVat: return "Utgående moms";
    case Word::kVoucherStockChange: return "Lagerförändring";
    case Word::kVoucherReversal: return "Rättelse: återföring av {1} ({2})";
    case Word::kVoucherCorrected: return "Rättelse: {1} (ersätter {2})";
    case Word::kSieCostCenterDimension: return "Kostnadsställe";
    case Word::kReportTrialBalance: return "Råbalans";
    case Word::kReportIncomeStatement: return "Resultaträkning";
    case Word::kReportBalanceSheet: return "Balansräkning";
    case Word::kReportMonthly: return "Månad för månad";
    case Word::kReportKeyFigures: return "Nyckeltal";
    case Word::kReportPeriod: return "Period";
    case Word::kReportCheck: return "Kontroll";
    case Word::kReportCheckOk: return "OK";
    case Word::kReportCheckFailed: return "FEL";
    case Word::kReportKind: return "Typ";
    case Word::kReportKey: return "Nyckel";
    case Word::kReportOpening: return "Ingående";
    case Word::kReportMovement: return "Förändring";
    case Word::kReportChange: return "Förändring";
    case Word::kReportClosing: return "Utgående";
    case Word::kReportOpeningSum: return "summan av ingående balanser";
    case Word::kReportMovementSum: return "summan av periodens förändringar";
    case Word::kReportClosingSum: return "summan av utgående balanser";
    case Word::kReportNotZero:
      return "{1} är {2}, inte 0,00: bokföringen balanserar inte (en verifikation eller ingående balans i källan "
             "är obalanserad; se importloggen)";
    case Word::kReportNoPreviousYear: return "Inga siffror för föregående räkenskapsår";
    case Word::kReportPreviousPartial: return "Föregående räkenskapsår täcker inte alla månader i perioden";
    case Word::kReportUnbookedResult: return "Beräknat resultat, ej bokfört";
    case Word::kReportBalanceCheck: return "tillgångar − (eget kapital + skulder + resultat), {1}";
    case Word::kReportUnbalanced: return "bokföringen balanserar inte";
    case Word::kReportNetSales: return "Nettoomsättning";
    case Word::kReportResult: return "Resultat";
    case Word::kReportYearToDate: return "hittills i år";
    case Word::kReportLastYear: return "fg. år";
    case Word::kReportGoods: return "Material och varor";
    case Word::kReportGrossProfit: return "Bruttovinst";
    case Word::kReportGrossMargin: return "Bruttomarginal";
    case Word::kReportCashAndBank: return "Kassa och bank";
    case Word::kReportCurrentAssets: return "Omsättningstillgångar";
    case Word::kReportCurrentLiabilities: return "Kortfristiga skulder";
    case Word::kReportCurrentRatio: return "Balanslikviditet";
    case Word::kChartSalesByMonth: return "Försäljning per månad";
    case Word::kChartResultByMonth: return "Resultat per månad";
    case Word::kChartThisYear: return "I år";
    case Word::kChartLastYear: return "Föregående år";
    case Word::kEnd: break;
  }
  return nullptr;
}

}  // namespace dagbok::text::internal
