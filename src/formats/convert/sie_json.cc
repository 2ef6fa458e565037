#include "formats/convert/sie_json.h"

#include <nlohmann/json.hpp>

namespace dagbok::convert {
namespace {

using Json = nlohmann::ordered_json;

Json optional_date(const std::optional<Date>& d) { return d ? Json(d->to_string()) : Json(nullptr); }
Json optional_text(const std::optional<std::string>& s) { return s ? Json(*s) : Json(nullptr); }

Json objects_json(const std::vector<sie::ObjectRef>& objects) {
  Json out = Json::array();
  for (const sie::ObjectRef& o : objects) out.push_back({{"dim", o.dim}, {"id", o.id}});
  return out;
}

Json balances_json(const std::vector<sie::Balance>& balances) {
  Json out = Json::array();
  for (const sie::Balance& b : balances)
    out.push_back({{"year", b.year},
                   {"account", b.account},
                   {"objects", objects_json(b.objects)},
                   {"amount", b.amount.to_string()},
                   {"quantity", optional_text(b.quantity)}});
  return out;
}

Json period_json(const std::vector<sie::PeriodBalance>& balances) {
  Json out = Json::array();
  for (const sie::PeriodBalance& b : balances)
    out.push_back({{"year", b.year},
                   {"period", b.period},
                   {"account", b.account},
                   {"objects", objects_json(b.objects)},
                   {"amount", b.amount.to_string()},
                   {"quantity", optional_text(b.quantity)}});
  return out;
}

const char* kind_name(sie::Transaction::Kind kind) {
  switch (kind) {
    case sie::Transaction::Kind::kTrans:
      return "trans";
    case sie::Transaction::Kind::kRTrans:
      return "added";
    case sie::Transaction::Kind::kBTrans:
      return "removed";
  }
  return "trans";
}

Json voucher_json(const sie::Voucher& v) {
  Json rows = Json::array();
  for (const sie::Transaction& t : v.transactions)
    rows.push_back({{"kind", kind_name(t.kind)},
                    {"account", t.account},
                    {"objects", objects_json(t.objects)},
                    {"amount", t.amount.to_string()},
                    {"date", optional_date(t.date)},
                    {"text", t.text},
                    {"quantity", optional_text(t.quantity)},
                    {"sign", t.sign}});
  return {{"series", v.series},
          {"number", v.number},
          {"date", v.date.to_string()},
          {"text", v.text},
          {"registered", optional_date(v.reg_date)},
          {"sign", v.sign},
          {"rows", std::move(rows)}};
}

}  // namespace

Result<std::string> to_json(const sie::Document& doc) {
  Json j;
  j["format"] = "dagbok-sie-json";
  j["version"] = 1;
  j["flag"] = doc.flag;
  j["program"] = {{"name", doc.program_name}, {"version", doc.program_version}};
  j["generated"] = {{"date", doc.generated.to_string()}, {"by", doc.generated_by}};
  j["sie_type"] = doc.sie_type;
  j["prosa"] = doc.prosa;
  Json company = {{"name", doc.company_name}, {"id", doc.company_id},     {"orgnr", doc.orgnr},
                  {"type", doc.company_type}, {"sni_code", doc.sni_code}, {"address", nullptr}};
  if (doc.address)
    company["address"] = {{"contact", doc.address->contact},
                          {"street", doc.address->street},
                          {"postal", doc.address->postal},
                          {"phone", doc.address->phone}};
  j["company"] = std::move(company);
  Json years = Json::array();
  for (const sie::FiscalYear& y : doc.fiscal_years)
    years.push_back({{"index", y.index}, {"start", y.start.to_string()}, {"end", y.end.to_string()}});
  j["fiscal_years"] = std::move(years);
  j["tax_year"] = doc.tax_year ? Json(*doc.tax_year) : Json(nullptr);
  j["balances_until"] = optional_date(doc.balances_until);
  j["chart_type"] = doc.chart_type;
  j["currency"] = doc.currency;

  Json accounts = Json::array();
  for (const sie::Account& a : doc.accounts)
    accounts.push_back({{"number", a.number}, {"name", a.name}, {"type", a.type}, {"unit", a.unit}, {"sru", a.sru}});
  j["accounts"] = std::move(accounts);
  Json dims = Json::array();
  for (const sie::Dimension& d : doc.dimensions)
    dims.push_back({{"number", d.number}, {"name", d.name}, {"parent", d.parent}});
  j["dimensions"] = std::move(dims);
  Json objects = Json::array();
  for (const sie::Object& o : doc.objects) objects.push_back({{"dim", o.dim}, {"id", o.id}, {"name", o.name}});
  j["objects"] = std::move(objects);

  j["opening_balances"] = balances_json(doc.opening);
  j["closing_balances"] = balances_json(doc.closing);
  j["object_opening_balances"] = balances_json(doc.object_opening);
  j["object_closing_balances"] = balances_json(doc.object_closing);
  j["results"] = balances_json(doc.result);
  j["period_balances"] = period_json(doc.period_balances);
  j["period_budgets"] = period_json(doc.period_budgets);

  Json vouchers = Json::array();
  for (const sie::Voucher& v : doc.vouchers) vouchers.push_back(voucher_json(v));
  j["vouchers"] = std::move(vouchers);

  Json unknown = Json::array();
  for (const sie::UnknownRecord& u : doc.unknown_records)
    unknown.push_back({{"label", u.label}, {"fields", u.fields}, {"line", u.line}});
  j["unknown_records"] = std::move(unknown);

  return j.dump(2, ' ', false, Json::error_handler_t::replace) + "\n";
}

}  // namespace dagbok::convert
