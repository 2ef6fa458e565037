#include "pipeline/sie_export.h"

#include <map>
#include <set>

#include "core/business_day.h"
#include "formats/sie/sie_writer.h"
#include "text/words.h"

namespace dagbok {

std::string sie_file_name(const Company& company, Date from, Date to) {
  return "dagbok-" + company.slug + "-" + from.to_string() + "--" + to.to_string() + ".se";
}

Result<SieExport> export_sie(BooksStore& store, const Company& company, Date from, Date to, const Clock& clock) {
  if (to < from) return invalid_argument("the period ends (" + to.to_string() + ") before it starts (" +
                                         from.to_string() + ")");
  ASSIGN_OR_RETURN(std::vector<Voucher> vouchers, store.vouchers(company.id, from, to));
  ASSIGN_OR_RETURN(std::vector<Account> accounts, store.accounts(company.id));
  ASSIGN_OR_RETURN(Mapping mapping, store.mapping(company.id));
  return sie_for_vouchers(company, vouchers, accounts, mapping, from, to, clock.now());
}

Result<SieExport> sie_for_vouchers(const Company& company, const std::vector<Voucher>& vouchers,
                                   const std::vector<Account>& accounts, const Mapping& mapping, Date from, Date to,
                                   Instant now) {
  ASSIGN_OR_RETURN(TimeZone tz, TimeZone::load(company.timezone));
  const Date today = tz.to_local(now).date;

  sie::Document doc;
  doc.program_name = "dagbok";
  doc.program_version = "0.1";
  doc.generated = today;
  doc.generated_by = "dagbok";
  doc.sie_type = "4";
  doc.prosa = "Dagsavslut " + from.to_string() + " -- " + to.to_string();
  doc.company_id = company.slug;
  if (company.country == Country::kSweden && !company.orgnr.empty()) doc.orgnr = company.orgnr;
  doc.company_name = company.name;
  doc.currency = std::string(currency_of(company.country));
  if (company.country == Country::kSweden) doc.chart_type = "EUBAS97";
  // Fiscal years: calendar years from the period's first to its last, 0 the last.
  for (int y = to.year(), index = 0; y >= from.year(); --y, --index)
    doc.fiscal_years.push_back({index, Date::from_ymd(y, 1, 1), Date::from_ymd(y, 12, 31)});

  std::map<std::string, const Account*> chart;
  for (const Account& a : accounts) chart[a.number] = &a;
  std::set<std::string> used_accounts;
  std::set<std::string> used_objects;
  SieExport out;
  for (const Voucher& v : vouchers) {
    sie::Voucher sv;
    sv.series = v.series;
    sv.number = std::to_string(v.number);
    sv.date = v.date;
    sv.text = v.text;
    sv.reg_date = tz.to_local(v.created_at).date;
    for (const VoucherLine& l : v.lines) {
      sie::Transaction t;
      t.account = l.account;
      if (!l.cost_center.empty()) {
        t.objects.push_back({"1", l.cost_center});
        used_objects.insert(l.cost_center);
      }
      t.amount = l.amount;
      t.text = l.text;
      used_accounts.insert(l.account);
      sv.transactions.push_back(std::move(t));
      ++out.transactions;
    }
    doc.vouchers.push_back(std::move(sv));
    ++out.vouchers;
  }
  for (const std::string& number : used_accounts) {
    sie::Account a;
    a.number = number;
    if (auto it = chart.find(number); it != chart.end()) {
      a.name = it->second->name;
      a.type = std::string(1, account_type_letter(it->second->type));
    } else {
      a.name = "Konto " + number;
      a.type = std::string(1, account_type_letter(default_account_type(number)));
      out.warnings.push_back("account " + number + " is not in the chart of accounts; exported as '" + a.name + "'");
    }
    doc.accounts.push_back(std::move(a));
  }
  if (!used_objects.empty()) {
    doc.dimensions.push_back(
        {"1", text::word(text::language_of(company.country), text::Word::kSieCostCenterDimension), ""});
    // Name each object after the department that maps to it.
    std::map<std::string, std::string> names;
    for (const MappingEntry& e : mapping.entries())
      if (e.group == MappingGroup::kCostCenter) names[e.account] = e.key;
    for (const std::string& id : used_objects)
      doc.objects.push_back({"1", id, names.count(id) ? names[id] : id});
  }
  std::vector<std::string> warnings;
  sie::WriteOptions options;
  options.warnings = &warnings;
  ASSIGN_OR_RETURN(out.bytes, sie::write_sie(doc, options));
  for (std::string& w : warnings) out.warnings.push_back(std::move(w));
  return out;
}

}  // namespace dagbok
