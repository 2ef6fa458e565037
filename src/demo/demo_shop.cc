#include "demo/demo_shop.h"

#include <map>
#include <nlohmann/json.hpp>
#include <random>

#include "core/business_day.h"
#include "pipeline/company_setup.h"
#include "pipeline/day_close.h"
#include "pipeline/receipt_intake.h"

namespace dagbok {
namespace {

struct Product {
  const char* group;
  const char* name;
  int64_t price_minor;
  int served_rate;     // hundredths of a percent, when eaten at the table
  int takeaway_rate;   // when taken away (after the 2026-04-01 change in SE)
  int64_t cost_minor;  // 0 = no cost price (served food)
};

struct RegisterPlan {
  const char* code;
  const char* department;
  int min_receipts;
  int max_receipts;
  bool cafe;
  int64_t float_minor;
};

struct Shop {
  const char* name;
  const char* orgnr;
  const char* wallet;  // "swish" or "vipps"
  std::vector<Product> cafe;
  std::vector<Product> shop;
  std::vector<RegisterPlan> registers;
  std::map<std::string, std::string> product_accounts;  // "Group@rate" → account
  std::map<std::string, std::string> cost_centers;      // department → object
};

Shop sweden() {
  Shop s;
  s.name = "Kaffebaren i Malmö AB";
  s.orgnr = "556677-8899";
  s.wallet = "swish";
  // Sweden: food served is 12 %, takeaway food 6 % from 2026-04-01 (the
  // temporary rate), alcohol 25 %, books 6 %.
  s.cafe = {{"Kaffe", "Bryggkaffe", 3200, 1200, 600, 0},   {"Kaffe", "Cappuccino", 4200, 1200, 600, 0},
            {"Bakverk", "Kanelbulle", 3500, 1200, 600, 0}, {"Lunch", "Dagens lunch", 11900, 1200, 600, 0},
            {"Öl och vin", "Fatöl", 7900, 2500, 2500, 0},  {"Öl och vin", "Glas vin", 9500, 2500, 2500, 0}};
  s.shop = {{"Böcker", "Kokbok", 24900, 600, 600, 15000},
            {"Kaffebönor", "Kaffebönor 500 g", 12900, 600, 600, 6000},
            {"Presentartiklar", "Kaffekopp", 14900, 2500, 2500, 6000}};
  s.registers = {{"K1", "Café", 35, 55, true, 200000},
                 {"K2", "Café", 15, 30, true, 150000},
                 {"B1", "Butik", 10, 22, false, 100000}};
  s.product_accounts = {{"Kaffe@12", "3002"},      {"Kaffe@6", "3003"},      {"Bakverk@12", "3002"},
                        {"Bakverk@6", "3003"},     {"Lunch@12", "3002"},     {"Lunch@6", "3003"},
                        {"Öl och vin@25", "3001"}, {"Böcker@6", "3003"},     {"Kaffebönor@6", "3003"},
                        {"Kaffebönor@12", "3002"}, {"Presentartiklar@25", "3001"}};
  s.cost_centers = {{"Café", "100"}, {"Butik", "200"}};
  return s;
}

Shop norway() {
  Shop s;
  s.name = "Fjordkafé AS";
  s.orgnr = "987654325";
  s.wallet = "vipps";
  // Norway: food served 25 %, takeaway food 15 %, newspapers 0 %.
  s.cafe = {{"Kaffe", "Kaffe", 4200, 2500, 1500, 0},          {"Bakst", "Kanelbolle", 4500, 2500, 1500, 0},
            {"Mat", "Fiskesuppe", 18900, 2500, 1500, 0},       {"Drikke", "Pils", 11200, 2500, 2500, 0}};
  s.shop = {{"Aviser", "Avis", 4500, 0, 0, 3000},
            {"Kaffebønner", "Kaffebønner 500 g", 14900, 1500, 1500, 7000},
            {"Gaver", "Krus", 14900, 2500, 2500, 6000}};
  s.registers = {{"K1", "Kafé", 35, 55, true, 200000},
                 {"K2", "Kafé", 15, 30, true, 150000},
                 {"B1", "Butikk", 10, 22, false, 100000}};
  s.product_accounts = {{"Kaffe@25", "3000"}, {"Kaffe@15", "3030"},       {"Bakst@25", "3000"},
                        {"Bakst@15", "3030"}, {"Mat@25", "3000"},         {"Mat@15", "3030"},
                        {"Drikke@25", "3000"}, {"Aviser@0", "3100"},      {"Kaffebønner@15", "3030"},
                        {"Gaver@25", "3000"}};
  s.cost_centers = {{"Kafé", "10"}, {"Butikk", "20"}};
  return s;
}

std::string money(int64_t minor) { return Money::from_minor(minor).to_string(); }

struct PastSale {
  std::string id;
  const Product* product;
  int rate;
};

class Generator {
 public:
  Generator(const Shop& shop, const BusinessCalendar& cal, Country country, uint64_t seed)
      : shop_(shop), cal_(cal), country_(country), rng_(seed) {}

  int64_t uniform(int64_t lo, int64_t hi) { return std::uniform_int_distribution<int64_t>(lo, hi)(rng_); }
  bool chance(int percent) { return uniform(1, 100) <= percent; }

  // The receipts of one register-day, and the cash they take in.
  std::vector<std::string> day(const RegisterPlan& reg, Date d, int64_t& cash_minor) {
    std::vector<std::string> out;
    const int n = static_cast<int>(uniform(reg.min_receipts, reg.max_receipts)) + (d.iso_weekday() >= 5 ? 8 : 0);
    const bool bar_night = reg.cafe && reg.code[1] == '1' && d.iso_weekday() >= 5;
    for (int i = 0; i < n; ++i) {
      // Open 07:30–21:30; on Friday and Saturday nights K1 serves until 01:30.
      int64_t minute = uniform(7 * 60 + 30, 21 * 60 + 30);
      if (bar_night && i >= n - 4) minute = uniform(22 * 60, 25 * 60 + 30);
      out.push_back(receipt(reg, d, minute, cash_minor));
    }
    return out;
  }

  std::string receipt(const RegisterPlan& reg, Date d, int64_t minute_of_day, int64_t& cash_minor) {
    using nlohmann::json;
    Date local_day = d;
    int64_t m = minute_of_day;
    if (m >= 24 * 60) {
      local_day = d.add_days(1);
      m -= 24 * 60;
    }
    Result<Instant> at = cal_.zone().resolve_local(local_day, static_cast<int>(m * 60 + uniform(0, 59)));
    if (!at.ok()) at = cal_.zone().resolve_local(local_day, static_cast<int>((m + 60) * 60));
    const Instant t = *at;
    json j;
    const std::string id = std::string(reg.code) + "-" + std::to_string(100000 + ++counter_[reg.code]);
    j["id"] = id;
    j["register"] = reg.code;
    j["department"] = reg.department;
    j["time"] = t.to_string_with_offset(cal_.zone().offset_at(t));
    const Date sale_day = cal_.local_date(t);
    const bool low_rate_in_force = country_ == Country::kNorway || sale_day >= Date::from_ymd(2026, 4, 1);

    json lines = json::array();
    int64_t due = 0;
    std::vector<PastSale> sold;
    // A refund of an earlier day's shop sale.
    if (!reg.cafe && !past_.empty() && chance(4)) {
      const PastSale& p = past_[static_cast<size_t>(uniform(0, static_cast<int64_t>(past_.size()) - 1))];
      if (!refunded_.count(p.id)) {
        refunded_.insert(p.id);
        j["refund_of"] = p.id;
        json l = {{"product_group", p.product->group},
                  {"vat_rate", VatRate::from_hundredths(p.rate).to_string()},
                  {"quantity", "-1"},
                  {"unit_price", money(p.product->price_minor)}};
        if (p.product->cost_minor) l["cost_price"] = money(p.product->cost_minor);
        lines.push_back(l);
        j["lines"] = lines;
        j["payments"] = json::array({{{"method", "card"}, {"amount", money(-p.product->price_minor)}}});
        return j.dump();
      }
    }
    if (reg.cafe && chance(2)) {
      // A gift card sold.
      const int64_t amount = uniform(1, 5) * 10000;
      lines.push_back({{"kind", "gift_card_sale"}, {"amount", money(amount)}});
      due += amount;
    } else {
      const std::vector<Product>& range = reg.cafe ? shop_.cafe : shop_.shop;
      const bool takeaway = reg.cafe && chance(35);
      const int items = static_cast<int>(uniform(1, reg.cafe ? 3 : 2));
      for (int k = 0; k < items; ++k) {
        const Product& p = range[static_cast<size_t>(uniform(0, static_cast<int64_t>(range.size()) - 1))];
        int rate = takeaway ? p.takeaway_rate : p.served_rate;
        if (!low_rate_in_force && rate == 600 && std::string(p.group) != "Böcker") rate = 1200;
        const int64_t qty = chance(15) ? 2 : 1;
        json l = {{"product_group", p.group},
                  {"vat_rate", VatRate::from_hundredths(rate).to_string()},
                  {"quantity", std::to_string(qty)},
                  {"unit_price", money(p.price_minor)}};
        int64_t gross = p.price_minor * qty;
        if (chance(4)) {
          const int64_t discount = gross / 10;
          l["discount"] = money(discount);
          gross -= discount;
        }
        if (p.cost_minor) l["cost_price"] = money(p.cost_minor);
        lines.push_back(l);
        due += gross;
        if (!reg.cafe) sold.push_back({id, &p, rate});
      }
    }
    j["lines"] = lines;

    int64_t tip = 0;
    json payments = json::array();
    const int64_t pick = uniform(1, 100);
    if (pick <= 8 && due >= 5000 && reg.cafe) {
      // Part paid with a gift card.
      const int64_t gc = std::min<int64_t>(due, uniform(1, 2) * 5000);
      payments.push_back({{"method", "gift_card"}, {"amount", money(gc)}});
      payments.push_back({{"method", "card"}, {"amount", money(due - gc)}});
    } else if (pick <= 23) {
      // Cash, rounded to whole kronor.
      const int64_t paid = (due + 50) / 100 * 100;
      payments.push_back({{"method", "cash"}, {"amount", money(paid)}});
      cash_minor += paid;
    } else if (pick <= 40) {
      payments.push_back({{"method", shop_.wallet}, {"amount", money(due)}});
    } else {
      if (reg.cafe && chance(15)) tip = uniform(1, 10) * 500;
      payments.push_back({{"method", "card"}, {"amount", money(due + tip)}});
    }
    j["payments"] = payments;
    if (tip) j["tip"] = {{"method", "card"}, {"amount", money(tip)}};
    for (PastSale& s : sold) past_.push_back(s);
    return j.dump();
  }

 private:
  const Shop& shop_;
  const BusinessCalendar& cal_;
  Country country_;
  std::mt19937_64 rng_;
  std::map<std::string, int64_t> counter_;
  std::vector<PastSale> past_;
  std::set<std::string> refunded_;
};

std::optional<Date> last_dst_day(const BusinessCalendar& cal, Date end, int max_days) {
  for (int i = 0; i < max_days; ++i) {
    const Date d = end.add_days(-i);
    if (cal.day_length_seconds(d) != 86400) return d;
  }
  return std::nullopt;
}

}  // namespace

Result<DemoResult> run_demo(Store& store, const DemoOptions& options, const Clock& clock,
                            const DemoProgress& progress) {
  const Shop shop = options.country == Country::kSweden ? sweden() : norway();
  NewCompany spec;
  spec.country = options.country;
  spec.name = shop.name;
  spec.slug = options.country == Country::kSweden ? "demo-se" : "demo-no";
  spec.orgnr = shop.orgnr;
  spec.day_break_minutes = 5 * 60;
  ASSIGN_OR_RETURN(Company company, create_company(store, spec));

  std::vector<MappingEntry> extra;
  const Date always = Date::from_ymd(2000, 1, 1);
  for (const auto& [key, account] : shop.product_accounts)
    extra.push_back({MappingGroup::kProductGroup, key, "", account, always});
  for (const auto& [dept, object] : shop.cost_centers)
    extra.push_back({MappingGroup::kCostCenter, dept, "", object, always});
  TRY(store.add_mapping(company.id, extra));

  ASSIGN_OR_RETURN(TimeZone tz, TimeZone::load(company.timezone));
  ASSIGN_OR_RETURN(BusinessCalendar cal, BusinessCalendar::create(tz, company.day_break_minutes));
  const Date end = options.end.value_or(cal.business_date(clock.now()).add_days(-1));
  if (cal.day_end(end) > clock.now())
    return invalid_argument("the demo can only close days that have ended; " + end.to_string() + " has not");
  int days = options.days;
  if (days <= 0) {
    days = 30;
    if (std::optional<Date> dst = last_dst_day(cal, end, 240))
      days = std::max<int>(days, static_cast<int>(end.days_since_epoch() - dst->days_since_epoch()) + 3);
  }
  if (days > 3660) return invalid_argument("--days must be at most 3660");

  DemoResult result;
  result.company = company;
  result.to = end;
  result.from = end.add_days(-(days - 1));
  Generator gen(shop, cal, options.country, options.seed);
  std::vector<ReceiptSource> held_back;  // arrives after its day was closed
  for (int i = 0; i < days; ++i) {
    const Date d = result.from.add_days(i);
    if (cal.day_length_seconds(d) != 86400) result.dst_day = d;
    std::vector<ReceiptSource> items;
    CloseRequest close;
    close.day = d;
    for (const RegisterPlan& reg : shop.registers) {
      int64_t cash = 0;
      std::vector<std::string> texts = gen.day(reg, d, cash);
      for (size_t k = 0; k < texts.size(); ++k) {
        ReceiptSource src{"demo " + d.to_string() + " " + reg.code + " #" + std::to_string(k + 1), texts[k]};
        // One receipt of K2 in the middle of the period comes in late.
        if (i == days / 2 && std::string(reg.code) == "K2" && k == 0 && texts[k].find("\"cash\"") == std::string::npos)
          held_back.push_back(std::move(src));
        else
          items.push_back(std::move(src));
      }
      int64_t counted = reg.float_minor + cash;
      if (gen.chance(12)) counted += gen.uniform(-10, 5) * 100;
      close.opening_float[reg.code] = Money::from_minor(reg.float_minor);
      close.cash_counted[reg.code] = Money::from_minor(counted);
    }
    if (!held_back.empty() && i == days / 2 + 1) {
      for (ReceiptSource& s : held_back) items.push_back(std::move(s));
      held_back.clear();
    }
    ASSIGN_OR_RETURN(IntakeSummary s, import_receipts(store, company, items));
    result.receipts += s.stored;
    // Counted cash only for registers that exist by now.
    ASSIGN_OR_RETURN(MasterData md, store.master_data(company.id));
    for (auto it = close.cash_counted.begin(); it != close.cash_counted.end();)
      it = md.registers.count(it->first) ? std::next(it) : close.cash_counted.erase(it);
    for (auto it = close.opening_float.begin(); it != close.opening_float.end();)
      it = md.registers.count(it->first) ? std::next(it) : close.opening_float.erase(it);
    ASSIGN_OR_RETURN(CloseOutcome out, close_day(store, company, close, clock));
    if (!out.blocked.empty()) return internal_error("the demo's kontoplan has a gap: " + out.blocked[0]);
    result.z_reports += static_cast<int64_t>(out.reports.size());
    for (const ClosedReport& r : out.reports) result.vouchers += r.voucher_number ? 1 : 0;
    if (progress) progress(i + 1, days);
  }
  return result;
}

}  // namespace dagbok
