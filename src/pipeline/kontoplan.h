// The kontoplan as the merchant edits it: one row per thing that needs an
// account (payment methods, VAT rates, product groups, cost centers, other
// events), what it is booked to today, and which rows are gaps; and the one
// way to change it, change_kontoplan(). The CLI's `mapping show|set|import`
// and the server's GET|PUT /mapping both use it.
//
//   std::vector<KontoplanRow> rows = *kontoplan_rows(store, company, "", today);
//   KontoplanChanged done = *change_kontoplan(store, company, {{{"payment", "Vipps", "1940"}}}, clock);
#pragma once

#include <string>
#include <vector>

#include "core/clock.h"
#include "core/field_error.h"
#include "core/result.h"
#include "core/vat.h"
#include "pipeline/day_close.h"
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

// A change to the kontoplan as the merchant asks for it, field by field as
// typed (change_kontoplan checks them).
struct KontoplanEdit {
  std::string group;  // "payment", "vat", "vat_sales", "product_group", "cost_center", "other"
  std::string key;
  std::string account;
  std::string department;  // "" company-wide
  std::string valid_from;  // YYYY-MM-DD; "": the day after the last voucher (default_mapping_date)
  // The name of `account` when the chart does not have it yet; without a
  // name such an account is refused, never guessed.
  std::string account_name;
};
struct KontoplanChange {
  std::vector<KontoplanEdit> entries;
};

struct KontoplanChanged {
  std::vector<MappingEntry> entries;    // as added: checked, keys normalised, dated
  std::vector<Account> added_accounts;  // new to the chart
  BookOutcome booked;                   // the vouchers that were waiting for the kontoplan
};

// Every wrong field of `change`, each named by its path ("entries[2].account",
// "entries[0].valid_from"); empty when it may be made. An account the chart
// does not have is wrong unless its entry names it (account_name).
Result<std::vector<FieldError>> check_kontoplan_change(Store& store, const Company& company,
                                                       const KontoplanChange& change);

// Checks the change (InvalidArgument naming the first wrong field), adds the
// new accounts and the entries in one transaction, then books the vouchers
// that were waiting for them. The kontoplan is append-only and
// effective-dated: nothing already booked changes.
Result<KontoplanChanged> change_kontoplan(Store& store, const Company& company, const KontoplanChange& change,
                                          const Clock& clock);

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
