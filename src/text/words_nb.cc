// The catalogue's words in Norwegian Bokmål (see text/words.h). Edit the word, not the
// key; the reports, PDFs and SIE files that print it change with it.
#include "text/internal/by_language.h"

namespace dagbok::text::internal {

const char* words_nb(Word key) {
  switch (key) {
    case Word::kMonthJan: return "jan";
    case Word::kMonthFeb: return "feb";
    case Word::kMonthMar: return "mar";
    case Word::kMonthApr: return "apr";
    case Word::kMonthMay: return "mai";
    case Word::kMonthJun: return "jun";
    case Word::kMonthJul: return "jul";
    case Word::kMonthAug: return "aug";
    case Word::kMonthSep: return "sep";
    case Word::kMonthOct: return "okt";
    case Word::kMonthNov: return "nov";
    case Word::kMonthDec: return "des";
    case Word::kZReportTitle: return "Z-rapport";
    case Word::kZReportHeading: return "Z-RAPPORT";
    case Word::kZReportsSheet: return "Z-rapporter";
    case Word::kVouchersSheet: return "Bilag";
    case Word::kVatSheet: return "Mva";
    case Word::kPaymentsSheet: return "Betalingsmåter";
    case Word::kGroupsSheet: return "Varegrupper";
    case Word::kVoucher: return "Bilag";
    case Word::kOrgnr: return "Org.nr.";
    case Word::kZNumber: return "Z-nummer";
    case Word::kRegisterId: return "Kasse";
    case Word::kDepartment: return "Avdeling";
    case Word::kBusinessDate: return "Salgsdag";
    case Word::kProducedAt: return "Skrevet ut";
    case Word::kCurrency: return "Valuta";
    case Word::kSales: return "Salg";
    case Word::kReceiptCount: return "Antall kvitteringer";
    case Word::kGoodsQuantity: return "Antall varer";
    case Word::kGrossSales: return "Salg (brutto)";
    case Word::kReturns: return "Returer";
    case Word::kReturnCount: return "Antall returer";
    case Word::kSalesTotal: return "Totalt salg";
    case Word::kZTextSalesTotal: return "Totalt kontantsalg";
    case Word::kDiscounts: return "Rabatter";
    case Word::kDiscountCount: return "Antall rabatter";
    case Word::kPerGroup: return "Per varegruppe";
    case Word::kProductGroup: return "Varegruppe";
    case Word::kVat: return "Mva";
    case Word::kVatRate: return "Mva-sats";
    case Word::kVatBase: return "Grunnlag";
    case Word::kZTextVatBase: return "grunnlag";
    case Word::kVatAmount: return "Mva";
    case Word::kInclVat: return "Inkl. mva";
    case Word::kVatTotal: return "Sum mva";
    case Word::kPayments: return "Betalingsmåter";
    case Word::kPaymentMethod: return "Betalingsmåte";
    case Word::kCount: return "Antall";
    case Word::kAmount: return "Beløp";
    case Word::kPaymentsTotal: return "Sum betalinger";
    case Word::kOther: return "Annet";
    case Word::kTips: return "Tips";
    case Word::kGiftCardsSold: return "Solgte gavekort";
    case Word::kGiftCardsRedeemed: return "Innløste gavekort";
    case Word::kRounding: return "Øreavrunding";
    case Word::kCash: return "Kontanter";
    case Word::kOpeningFloat: return "Vekselbeholdning";
    case Word::kCashExpected: return "Forventet i kassen";
    case Word::kCashCounted: return "Opptalt";
    case Word::kNotCounted: return "ikke opptalt";
    case Word::kCashDifference: return "Kassedifferanse";
    case Word::kGrandTotal: return "Grand total";
    case Word::kGrandSales: return "Grand total salg";
    case Word::kGrandReturns: return "Grand total returer";
    case Word::kGrandNet: return "Grand total netto";
    case Word::kNet: return "Netto";
    case Word::kLateReceipts: return "Sent mottatte kvitteringer (fra lukkede dager)";
    case Word::kReceipt: return "Kvittering";
    case Word::kOriginalDate: return "Opprinnelig salgsdag";
    case Word::kDate: return "Dato";
    case Word::kSeries: return "Serie";
    case Word::kVoucherNumber: return "Bilagsnummer";
    case Word::kAccount: return "Konto";
    case Word::kAccountName: return "Kontonavn";
    case Word::kDebit: return "Debet";
    case Word::kCredit: return "Kredit";
    case Word::kCostCenter: return "Avdeling/prosjekt";
    case Word::kText: return "Tekst";
    case Word::kTotal: return "Sum";
    case Word::kPage: return "Side";
    case Word::kName: return "Navn";
    case Word::kItem: return "Post";
    case Word::kNoRegisterClosed: return "Ingen kasser ble lukket denne dagen.";
    case Word::kVoucherDayClose: return "Dagsoppgjør {1} Z-nr {2} {3}";
    case Word::kVoucherOutputVat: return "Utgående mva";
    case Word::kVoucherStockChange: return "Beholdningsendring";
    case Word::kVoucherReversal: return "Korreksjon: tilbakeføring av {1} ({2})";
    case Word::kVoucherCorrected: return "Korreksjon: {1} (erstatter {2})";
    case Word::kSieCostCenterDimension: return "Avdeling";
    case Word::kReportTrialBalance: return "Saldobalanse";
    case Word::kReportIncomeStatement: return "Resultatregnskap";
    case Word::kReportBalanceSheet: return "Balanse";
    case Word::kReportMonthly: return "Måned for måned";
    case Word::kReportKeyFigures: return "Nøkkeltall";
    case Word::kReportPeriod: return "Periode";
    case Word::kReportCheck: return "Kontroll";
    case Word::kReportCheckOk: return "OK";
    case Word::kReportCheckFailed: return "FEIL";
    case Word::kReportKind: return "Type";
    case Word::kReportKey: return "Nøkkel";
    case Word::kReportOpening: return "Inngående";
    case Word::kReportMovement: return "Bevegelse";
    case Word::kReportChange: return "Endring";
    case Word::kReportClosing: return "Utgående";
    case Word::kReportOpeningSum: return "summen av inngående saldoer";
    case Word::kReportMovementSum: return "summen av periodens bevegelser";
    case Word::kReportClosingSum: return "summen av utgående saldoer";
    case Word::kReportNotZero:
      return "{1} er {2}, ikke 0,00: regnskapet balanserer ikke (et bilag eller en inngående saldo i kilden er "
             "ikke i balanse; se importloggen)";
    case Word::kReportNoPreviousYear: return "Ingen tall for forrige regnskapsår";
    case Word::kReportPreviousPartial: return "Forrige regnskapsår dekker ikke alle månedene i perioden";
    case Word::kReportUnbookedResult: return "Udisponert resultat";
    case Word::kReportBalanceCheck: return "eiendeler − (egenkapital + gjeld + resultat), {1}";
    case Word::kReportUnbalanced: return "regnskapet balanserer ikke";
    case Word::kReportNetSales: return "Salgsinntekt";
    case Word::kReportResult: return "Resultat";
    case Word::kReportYearToDate: return "hittil i år";
    case Word::kReportLastYear: return "i fjor";
    case Word::kReportGoods: return "Varekostnad";
    case Word::kReportGrossProfit: return "Bruttofortjeneste";
    case Word::kReportGrossMargin: return "Bruttomargin";
    case Word::kReportCashAndBank: return "Bankinnskudd og kontanter";
    case Word::kReportCurrentAssets: return "Omløpsmidler";
    case Word::kReportCurrentLiabilities: return "Kortsiktig gjeld";
    case Word::kReportCurrentRatio: return "Likviditetsgrad 1";
    case Word::kChartSalesByMonth: return "Salgsinntekt per måned";
    case Word::kChartResultByMonth: return "Resultat per måned";
    case Word::kChartThisYear: return "I år";
    case Word::kChartLastYear: return "I fjor";
    case Word::kEnd: break;
  }
  return nullptr;
}

}  // namespace dagbok::text::internal
