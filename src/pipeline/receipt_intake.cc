#include "pipeline/receipt_intake.h"

#include <map>
#include <nlohmann/json.hpp>

#include "core/business_day.h"
#include "pos/receipt_json.h"

namespace dagbok {
namespace {

// A refund whose sale is unknown may carry any rate the country has had in
// the last three years.
constexpr int kUnknownSaleRateYears = 3;

bool rate_existed_recently(Country country, VatRate rate, Date day) {
  for (const VatRateValidity& v : vat_rate_history(country))
    if (v.rate == rate && v.to >= day.add_days(-365 * kUnknownSaleRateYears) && v.from <= day) return true;
  return false;
}

}  // namespace

std::vector<ReceiptSource> split_json_lines(std::string_view content, const std::string& file_name) {
  std::vector<ReceiptSource> out;
  size_t line_no = 0;
  size_t pos = 0;
  if (content.substr(0, 3) == "\xEF\xBB\xBF") pos = 3;  // a byte-order mark
  while (pos <= content.size()) {
    size_t end = content.find('\n', pos);
    if (end == std::string_view::npos) end = content.size();
    ++line_no;
    std::string_view line = content.substr(pos, end - pos);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    bool blank = true;
    for (char c : line) blank &= (c == ' ' || c == '\t');
    if (!blank) out.push_back({file_name + ":" + std::to_string(line_no), std::string(line)});
    if (end == content.size()) break;
    pos = end + 1;
  }
  return out;
}

Result<IntakeSummary> import_receipts(Store& store, const Company& company, const std::vector<ReceiptSource>& items,
                                      const IntakeLimits& limits) {
  ASSIGN_OR_RETURN(TimeZone tz, TimeZone::load(company.timezone));
  ASSIGN_OR_RETURN(BusinessCalendar cal, BusinessCalendar::create(tz, company.day_break_minutes));
  IntakeSummary summary;
  std::vector<std::string> errors;
  auto fail = [&](const std::string& location, const std::string& message) {
    if (errors.size() < kMaxReportedErrors) errors.push_back(location + ": " + message);
    else if (errors.size() == kMaxReportedErrors) errors.push_back("… and more errors; fix these first");
  };

  // 1. Parse every item on its own.
  struct Parsed {
    const ReceiptSource* source;
    Receipt receipt;
    std::string canonical;
  };
  std::vector<Parsed> parsed;
  std::map<std::string, size_t> by_id;
  for (const ReceiptSource& s : items) {
    ++summary.receipts_read;
    nlohmann::json j;
    try {
      j = nlohmann::json::parse(s.text);
    } catch (const nlohmann::json::parse_error& e) {
      fail(s.location, "not valid JSON (at character " + std::to_string(e.byte) + ")");
      continue;
    }
    Result<Receipt> r = receipt_from_json(j);
    if (!r.ok()) {
      const std::string id = j.is_object() && j.contains("id") && j["id"].is_string()
                                 ? " (receipt '" + j["id"].get<std::string>() + "')"
                                 : "";
      fail(s.location + id, r.error().message());
      continue;
    }
    std::string canonical = canonical_receipt_json(*r);
    if (auto it = by_id.find(r->id); it != by_id.end()) {
      if (parsed[it->second].canonical != canonical)
        fail(s.location, "receipt '" + r->id + "' appears twice in this input with different content (first at " +
                             parsed[it->second].source->location + ")");
      else
        ++summary.unchanged;
      continue;
    }
    by_id[r->id] = parsed.size();
    parsed.push_back({&s, std::move(*r), std::move(canonical)});
  }

  // 2. Compare with what is stored.
  std::vector<std::string> ids;
  for (const Parsed& p : parsed) ids.push_back(p.receipt.id);
  ASSIGN_OR_RETURN(auto stored_bodies, store.receipt_bodies(company.id, ids));
  ASSIGN_OR_RETURN(MasterData md, store.master_data(company.id));

  std::vector<NewReceipt> fresh;
  std::map<std::pair<std::string, Date>, bool> closed_cache;
  std::map<std::string, std::string> batch_registers;
  // Receipts per register-day: stored ones (one query per business date in
  // the input) plus the new ones of this input.
  std::map<Date, std::map<std::string, int64_t>> day_counts;
  for (Parsed& p : parsed) {
    const Receipt& r = p.receipt;
    if (auto it = stored_bodies.find(r.id); it != stored_bodies.end()) {
      if (it->second == p.canonical) {
        ++summary.unchanged;
      } else {
        fail(p.source->location, "receipt '" + r.id +
                                     "' was imported before with different content; a receipt cannot change once "
                                     "taken in (book a return or a new receipt instead)");
      }
      continue;
    }
    // A register belongs to one department.
    if (auto reg = md.registers.find(r.register_id); reg != md.registers.end() && reg->second.department != r.department)
      fail(p.source->location, "field 'department': register '" + r.register_id + "' belongs to department '" +
                                   reg->second.department + "', not '" + r.department + "'");
    if (auto [it, fresh_reg] = batch_registers.emplace(r.register_id, r.department);
        !fresh_reg && it->second != r.department)
      fail(p.source->location, "field 'department': register '" + r.register_id + "' is in department '" +
                                   it->second + "' on an earlier line, not '" + r.department + "'");
    // VAT rates: a sale's at its own time; a refund's at its sale's.
    const Date local_day = cal.local_date(r.time);
    std::optional<Receipt> sale;
    if (r.refund_of) {
      if (auto in_batch = by_id.find(*r.refund_of); in_batch != by_id.end()) {
        sale = parsed[in_batch->second].receipt;
      } else {
        ASSIGN_OR_RETURN(auto found, store.find_receipt(company.id, *r.refund_of));
        if (found) sale = found->receipt;
      }
    }
    for (size_t i = 0; i < r.lines.size(); ++i) {
      const ReceiptLine& l = r.lines[i];
      if (l.kind != ReceiptLine::Kind::kSale) continue;
      const std::string field = "field 'lines[" + std::to_string(i) + "].vat_rate'";
      const bool refund_line = r.refund_of.has_value();
      if (refund_line && sale) {
        bool sold_at_rate = false, sold_at_all = false;
        for (const ReceiptLine& sl : sale->lines) {
          if (sl.kind != ReceiptLine::Kind::kSale || sl.product_group != l.product_group) continue;
          sold_at_all = true;
          sold_at_rate |= sl.vat_rate == l.vat_rate;
        }
        if (!sold_at_all)
          fail(p.source->location, field + ": receipt '" + *r.refund_of + "' sold nothing in product group '" +
                                       l.product_group + "', so this line cannot refund it");
        else if (!sold_at_rate)
          fail(p.source->location, field + ": the refund is at " + l.vat_rate.to_string() + " % but receipt '" +
                                       *r.refund_of + "' sold '" + l.product_group +
                                       "' at another rate; a refund takes the rate of its sale");
      } else if (refund_line) {
        if (!vat_rate_valid_on(company.country, l.vat_rate, local_day) &&
            !rate_existed_recently(company.country, l.vat_rate, local_day))
          fail(p.source->location, field + ": " + l.vat_rate.to_string() + " % is not a VAT rate of " +
                                       std::string(country_code(company.country)) + " in the last " +
                                       std::to_string(kUnknownSaleRateYears) + " years");
      } else if (!vat_rate_valid_on(company.country, l.vat_rate, local_day)) {
        std::string valid;
        for (VatRate v : vat_rates_on(company.country, local_day)) valid += (valid.empty() ? "" : ", ") + v.to_string();
        fail(p.source->location, field + ": " + l.vat_rate.to_string() + " % is not a VAT rate in " +
                                     std::string(country_code(company.country)) + " on " + local_day.to_string() +
                                     " (valid: " + valid + ")");
      }
    }
    NewReceipt n;
    n.business_date = cal.business_date(r.time);
    const auto key = std::make_pair(r.register_id, n.business_date);
    if (!closed_cache.count(key)) {
      ASSIGN_OR_RETURN(auto closed, store.closed_registers(company.id, n.business_date));
      closed_cache[key] = closed.count(r.register_id) > 0;
    }
    n.late = closed_cache[key];
    if (!day_counts.count(n.business_date)) {
      ASSIGN_OR_RETURN(auto days, store.receipt_days(company.id, n.business_date, n.business_date));
      auto& counts = day_counts[n.business_date];
      for (const ReceiptDay& d : days) counts[d.register_code] += d.receipts;
    }
    if (int64_t& on_day = day_counts[n.business_date][r.register_id]; ++on_day > limits.receipts_per_register_day)
      fail(p.source->location, "receipt '" + r.id + "': register '" + r.register_id + "' would have " +
                                   std::to_string(on_day) + " receipts on business day " +
                                   n.business_date.to_string() + "; a register's day holds at most " +
                                   std::to_string(limits.receipts_per_register_day) + " (doc/vat.md)");
    n.receipt = r;
    n.canonical_json = p.canonical;
    fresh.push_back(std::move(n));
  }

  if (!errors.empty()) {
    std::string msg = "nothing was imported: " + std::to_string(errors.size() > kMaxReportedErrors
                                                                     ? kMaxReportedErrors
                                                                     : errors.size()) +
                      " problem(s)";
    for (const std::string& e : errors) msg += "\n  " + e;
    return invalid_argument(msg);
  }

  for (const NewReceipt& n : fresh) {
    const Receipt& r = n.receipt;
    if (n.late) ++summary.late;
    if (!md.departments.count(r.department)) summary.new_departments.insert(r.department);
    if (!md.registers.count(r.register_id)) summary.new_registers.insert(r.register_id);
    for (const ReceiptLine& l : r.lines)
      if (l.kind == ReceiptLine::Kind::kSale && !md.product_groups.count(l.product_group))
        summary.new_product_groups.insert(l.product_group);
    for (const Payment& p : r.payments)
      if (!md.payment_methods.count(p.method)) summary.new_payment_methods.insert(p.method);
  }
  if (!fresh.empty()) TRY(store.insert_receipts(company.id, fresh));
  summary.stored = static_cast<int64_t>(fresh.size());
  return summary;
}

Result<IntakeSummary> import_receipt_lines(Store& store, const Company& company, std::string_view content,
                                           const std::string& file_name, const IntakeLimits& limits) {
  return import_receipts(store, company, split_json_lines(content, file_name), limits);
}

Result<IntakeSummary> import_receipts_file(FileSystem& fs, Store& store, const Company& company,
                                           const std::string& path, const IntakeLimits& limits) {
  ASSIGN_OR_RETURN(std::string content, read_file(fs, path));
  return import_receipt_lines(store, company, content, path, limits);
}

}  // namespace dagbok
