// DayLabels: the words the day-export files print, looked up once in the
// catalogue (text/words.h) so that the CSV header, the spreadsheet and the PDF
// say the same thing (and the same thing as the till's Z-report, see
// z_report_to_text).
#pragma once

#include <string>

#include "core/vat.h"

namespace dagbok {

struct DayLabels {
  // Titles and sheet names.
  const char* z_report_title;   // "Z-dagrapport" / "Z-rapport"
  const char* z_reports_sheet;  // "Z-rapporter"
  const char* vouchers_sheet;   // "Verifikationer" / "Bilag"
  const char* vat_sheet;        // "Moms" / "Mva"
  const char* payments_sheet;   // "Betalsätt" / "Betalingsmåter"
  const char* groups_sheet;     // "Varugrupper" / "Varegrupper"
  const char* voucher;          // "Verifikation" / "Bilag"

  // The company and the report's head.
  const char* orgnr;
  const char* z_number;
  const char* register_id;
  const char* department;
  const char* business_date;
  const char* produced_at;
  const char* currency;

  // Sales.
  const char* sales;
  const char* receipt_count;
  const char* goods_quantity;
  const char* gross_sales;
  const char* returns;
  const char* return_count;
  const char* sales_total;
  const char* discounts;
  const char* discount_count;
  const char* per_group;
  const char* product_group;

  // VAT.
  const char* vat;
  const char* vat_rate;
  const char* vat_base;
  const char* vat_amount;
  const char* incl_vat;
  const char* vat_total;

  // Payments and the rest.
  const char* payments;
  const char* payment_method;
  const char* count;
  const char* amount;
  const char* payments_total;
  const char* other;
  const char* tips;
  const char* gift_cards_sold;
  const char* gift_cards_redeemed;
  const char* rounding;

  // Cash.
  const char* cash;
  const char* opening_float;
  const char* cash_expected;
  const char* cash_counted;
  const char* not_counted;
  const char* cash_difference;

  // Grand totals and late receipts.
  const char* grand_total;
  const char* grand_sales;
  const char* grand_returns;
  const char* grand_net;
  const char* late_receipts;
  const char* receipt;
  const char* original_date;

  // Voucher lines.
  const char* date;
  const char* series;
  const char* voucher_number;
  const char* account;
  const char* account_name;
  const char* debit;
  const char* credit;
  const char* cost_center;
  const char* text;
  const char* total;
  const char* page;
};

// The words in the language of a company in `country`.
DayLabels day_labels(Country country);

}  // namespace dagbok
