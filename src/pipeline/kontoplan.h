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
#include "core/vat.h"
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

// The chart presets a company can apply ("SE-BAS2026", "NO-NS4102").
struct PresetInfo {
  std::string name;
  Country country;
  size_t accounts = 0;
  size_t entries = 0;
};
std::vector<PresetInfo> available_presets();

struct PresetApplied {
  std::string name;
  Date valid_from;
  size_t entries = 0;
  size_t accounts = 0;
};

// Applies a preset (by name, or by country code "SE"/"NO") from the day after
// the last voucher: its accounts into the chart, its entries into the
// kontoplan, for `department` ("" company-wide). InvalidArgument for an
// unknown preset. The caller books vouchers that were waiting
// (book_blocked_vouchers).
Result<PresetApplied> apply_chart_preset(Store& store, const Company& company, const std::string& preset,
                                         const std::string& department);

}  // namespace dagbok
