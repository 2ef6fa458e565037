#include "pipeline/kontoplan.h"

#include <algorithm>
#include <set>

#include "books/chart_presets.h"

namespace dagbok {

Result<std::vector<KontoplanRow>> kontoplan_rows(Store& store, const Company& company, const std::string& department,
                                                 Date today) {
  ASSIGN_OR_RETURN(const Mapping mapping, store.mapping(company.id));
  ASSIGN_OR_RETURN(const MasterData md, store.master_data(company.id));
  std::vector<KontoplanRow> rows;
  auto look = [&](MappingGroup g, const std::string& key) {
    return mapping.lookup(g, key, department, today).value_or("");
  };
  auto add = [&](std::string group, std::string key, std::string account, std::string note) {
    const bool gap = account.empty() && group != "cost_center";
    rows.push_back({std::move(group), std::move(key), std::move(account), std::move(note), gap});
  };
  for (const std::string& m : md.payment_methods) {
    if (m == kGiftCardMethod) continue;
    add("payment", m, look(MappingGroup::kPayment, m), "");
  }
  for (const MappingEntry& e : mapping.in_force(today))
    if (e.group == MappingGroup::kPayment && !md.payment_methods.count(e.key) && e.key != kGiftCardMethod)
      add("payment", e.key, look(MappingGroup::kPayment, e.key), "preset, not used yet");
  for (VatRate r : vat_rates_on(company.country, today)) {
    add("vat", r.to_string(), r.is_zero() ? "-" : look(MappingGroup::kVat, r.to_string()),
        "output VAT " + r.to_string() + " %");
    add("vat_sales", r.to_string(), look(MappingGroup::kVatSales, r.to_string()), "sales " + r.to_string() + " %");
  }
  std::set<std::string> pg_keys;
  for (const MappingEntry& e : mapping.in_force(today))
    if (e.group == MappingGroup::kProductGroup) pg_keys.insert(e.key);
  for (const std::string& key : pg_keys) add("product_group", key, look(MappingGroup::kProductGroup, key), "");
  for (const std::string& g : md.product_groups) {
    bool mapped = false;
    for (const std::string& k : pg_keys) mapped |= k == g || k.rfind(g + "@", 0) == 0;
    if (!mapped) add("product_group", g, "", "no account for any rate");
  }
  for (const std::string& d : md.departments) add("cost_center", d, look(MappingGroup::kCostCenter, d), "optional");
  for (const std::string& k : other_event_keys()) add("other", k, look(MappingGroup::kOther, k), "");
  return rows;
}

Result<MappingEntry> mapping_entry(const std::string& group, const std::string& key, const std::string& account,
                                   const std::string& department, Date valid_from) {
  MappingEntry e;
  ASSIGN_OR_RETURN(e.group, parse_mapping_group(group));
  e.key = key;
  e.account = account;
  e.department = department;
  e.valid_from = valid_from;
  if (key.empty()) return invalid_argument("the key is empty");
  if (e.group == MappingGroup::kVat || e.group == MappingGroup::kVatSales) {
    ASSIGN_OR_RETURN(VatRate r, VatRate::parse(key));
    e.key = r.to_string();
  }
  if (e.group == MappingGroup::kOther) {
    bool known = false;
    for (const std::string& k : other_event_keys()) known |= k == key;
    if (!known) {
      std::string all;
      for (const std::string& k : other_event_keys()) all += (all.empty() ? "" : ", ") + k;
      return invalid_argument("'" + key + "' is not an other event; use one of " + all);
    }
  }
  if (e.group != MappingGroup::kCostCenter) TRY(validate_account_number(account));
  return e;
}

Result<Date> default_mapping_date(Store& store, const Company& company) {
  ASSIGN_OR_RETURN(const std::optional<Date> last, store.last_voucher_date(company.id));
  return last ? last->add_days(1) : Date::from_ymd(2000, 1, 1);
}

Result<std::vector<Account>> add_missing_accounts(Store& store, const Company& company,
                                                  const std::vector<MappingEntry>& entries,
                                                  const std::string& name_for_new) {
  ASSIGN_OR_RETURN(const std::vector<Account> have, store.accounts(company.id));
  std::set<std::string> known;
  for (const Account& a : have) known.insert(a.number);
  std::vector<Account> add;
  for (const MappingEntry& e : entries) {
    if (e.group == MappingGroup::kCostCenter || known.count(e.account)) continue;
    TRY(validate_account_number(e.account));
    add.push_back(
        {e.account, name_for_new.empty() ? "Konto " + e.account : name_for_new, default_account_type(e.account)});
    known.insert(e.account);
  }
  if (!add.empty()) TRY(store.upsert_accounts(company.id, add));
  return add;
}

std::vector<PresetInfo> available_presets() {
  std::vector<PresetInfo> out;
  for (Country c : {Country::kSweden, Country::kNorway}) {
    const ChartPreset& p = chart_preset(c);
    out.push_back({p.name, c, p.accounts.size(), p.mapping.size()});
  }
  return out;
}

Result<PresetApplied> apply_chart_preset(Store& store, const Company& company, const std::string& preset,
                                         const std::string& department) {
  const ChartPreset* chosen = nullptr;
  for (Country c : {Country::kSweden, Country::kNorway}) {
    const ChartPreset& p = chart_preset(c);
    if (p.name == preset) chosen = &p;
  }
  if (!chosen)
    if (Result<Country> c = parse_country(preset); c.ok()) chosen = &chart_preset(*c);
  if (!chosen) {
    std::string names;
    for (const PresetInfo& p : available_presets()) names += (names.empty() ? "" : ", ") + p.name;
    return invalid_argument("'" + preset + "' is not a chart preset; choose one of " + names);
  }
  ASSIGN_OR_RETURN(const Date from, default_mapping_date(store, company));
  std::vector<MappingEntry> entries = chosen->mapping;
  for (MappingEntry& e : entries) {
    e.valid_from = std::max(e.valid_from, from);
    e.department = department;
  }
  TRY(store.upsert_accounts(company.id, chosen->accounts));
  TRY(store.add_mapping(company.id, entries));
  return PresetApplied{chosen->name, from, entries.size(), chosen->accounts.size()};
}

}  // namespace dagbok
