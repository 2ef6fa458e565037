#include "pipeline/kontoplan.h"

#include <algorithm>
#include <optional>
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

namespace {

// Entry i of the change, checked field by field: the entry, or why not
// (each reason naming its field).
struct CheckedEdit {
  std::optional<MappingEntry> entry;
  std::vector<FieldError> wrong;
};

CheckedEdit check_edit(const KontoplanEdit& edit, size_t i, Date default_from) {
  CheckedEdit out;
  const std::string where = "entries[" + std::to_string(i) + "].";
  auto wrong = [&](const char* field, const Error& e) { out.wrong.push_back({where + field, e.message()}); };
  Date from = default_from;
  if (!edit.valid_from.empty()) {
    Result<Date> d = Date::parse(edit.valid_from);
    if (!d.ok())
      wrong("valid_from", d.error());
    else
      from = *d;
  }
  Result<MappingGroup> group = parse_mapping_group(edit.group);
  if (!group.ok()) wrong("group", group.error());
  if (edit.key.empty()) wrong("key", invalid_argument("the key is empty"));
  if (group.ok() && *group != MappingGroup::kCostCenter)
    if (Status st = validate_account_number(edit.account); !st.ok()) wrong("account", st.error());
  if (!out.wrong.empty()) return out;
  // What remains (the key of its group: a VAT rate, an other event) is the key's.
  Result<MappingEntry> e = mapping_entry(edit.group, edit.key, edit.account, edit.department, from);
  if (!e.ok()) {
    wrong("key", e.error());
    return out;
  }
  out.entry = std::move(e).value();
  return out;
}

struct CheckedChange {
  std::vector<MappingEntry> entries;
  std::vector<Account> new_accounts;
  std::vector<FieldError> wrong;
};

Result<CheckedChange> check_change(Store& store, const Company& company, const KontoplanChange& change) {
  CheckedChange out;
  if (change.entries.empty()) {
    out.wrong.push_back({"entries", "the change has no entries"});
    return out;
  }
  ASSIGN_OR_RETURN(const Date default_from, default_mapping_date(store, company));
  ASSIGN_OR_RETURN(const std::vector<Account> chart, store.accounts(company.id));
  std::set<std::string> known;
  for (const Account& a : chart) known.insert(a.number);
  for (size_t i = 0; i < change.entries.size(); ++i) {
    const KontoplanEdit& edit = change.entries[i];
    CheckedEdit c = check_edit(edit, i, default_from);
    if (!c.entry) {
      out.wrong.insert(out.wrong.end(), c.wrong.begin(), c.wrong.end());
      continue;
    }
    const MappingEntry& e = *c.entry;
    if (e.group != MappingGroup::kCostCenter && !known.count(e.account)) {
      if (edit.account_name.empty()) {
        out.wrong.push_back({"entries[" + std::to_string(i) + "].account",
                             "account " + e.account +
                                 " is not in the chart of accounts; choose another, or name the new account "
                                 "(account_name; --account-name in the CLI) to add it"});
        continue;
      }
      out.new_accounts.push_back({e.account, edit.account_name, default_account_type(e.account)});
      known.insert(e.account);
    }
    out.entries.push_back(e);
  }
  return out;
}

}  // namespace

Result<std::vector<FieldError>> check_kontoplan_change(Store& store, const Company& company,
                                                       const KontoplanChange& change) {
  ASSIGN_OR_RETURN(CheckedChange c, check_change(store, company, change));
  return c.wrong;
}

Result<KontoplanChanged> change_kontoplan(Store& store, const Company& company, const KontoplanChange& change,
                                          const Clock& clock) {
  ASSIGN_OR_RETURN(CheckedChange c, check_change(store, company, change));
  if (!c.wrong.empty()) return c.wrong.front().to_error();
  TRY(store.add_accounts_and_mapping(company.id, c.new_accounts, c.entries));
  KontoplanChanged out;
  out.entries = std::move(c.entries);
  out.added_accounts = std::move(c.new_accounts);
  ASSIGN_OR_RETURN(out.booked, book_blocked_vouchers(store, company, clock));
  return out;
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
