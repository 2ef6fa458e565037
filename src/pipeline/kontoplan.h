// The kontoplan as the merchant edits it: one row per thing that needs an
// account (payment methods, VAT rates, product groups, cost centers, other
// events), what it is booked to today, and which rows are gaps; and the
// checked way to add mapping entries. The CLI's `mapping show|set` and the
// server's GET|PUT /mapping both use it.
//
//   std::vector<KontoplanRow> rows = *kontoplan_rows(store, company, "", today);
//   MappingEntry e = *mapping_entry("payment", "Vipps", "1940", "", from);
#pragma once

#include <string>
#include <vector>

#include "core/result.h"
#include "store/store.h"

namespace dagbok {

struct KontoplanRow {
  std::string group;  // "payment", "vat", "vat_sales", "product_group", "cost_center", "other"
  std::string key;
  std::string account;  // "" when none; "-" for 0 % VAT, which books no VAT
  std::string note;
  bool gap = false;  // needs an account before a voucher can use it (cost centers are optional)
};

// As seen by `department` ("" for the company-wide accounts) on `day`.
Result<std::vector<KontoplanRow>> kontoplan_rows(Store& store, const Company& company, const std::string& department,
                                                 Date day);

// A checked mapping entry (the key normalised: VAT rates as "12", other
// events among other_event_keys()).
Result<MappingEntry> mapping_entry(const std::string& group, const std::string& key, const std::string& account,
                                   const std::string& department, Date valid_from);

// Where a mapping change takes effect unless told: the day after the last
// voucher, so that nothing booked changes.
Result<Date> default_mapping_date(Store& store, const Company& company);

// Adds accounts named by `entries` that the chart does not have yet, named
// `name_for_new` (or "Konto NNNN"). Returns the accounts added.
Result<std::vector<Account>> add_missing_accounts(Store& store, const Company& company,
                                                  const std::vector<MappingEntry>& entries,
                                                  const std::string& name_for_new);

}  // namespace dagbok
