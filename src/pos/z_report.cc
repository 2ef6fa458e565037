#include "pos/z_report.h"

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>

#include "text/words.h"

namespace dagbok {
namespace {

using nlohmann::json;

// Spreads a rate's VAT over its product groups: each group first gets the VAT
// of its own gross, then the öre that per-receipt rounding left over are dealt
// round-robin to the groups in order of their amounts (largest first, ties in
// key order). Dealt in one step, not one öre per pass: with n groups and a
// difference d, every group gets d / n and the first d % n one more, so the
// work is O(n log n) whatever d is. Σ group VAT = rate VAT.
void allocate_group_vat(std::vector<ZGroupTotal*>& groups, Money rate_vat) {
  Money given;
  for (ZGroupTotal* g : groups) {
    g->vat = vat_of_gross(g->gross, g->rate);
    given += g->vat;
  }
  const Money left = rate_vat - given;
  if (left.is_zero() || groups.empty()) return;
  std::vector<ZGroupTotal*> order = groups;
  std::stable_sort(order.begin(), order.end(),
                   [](const ZGroupTotal* a, const ZGroupTotal* b) { return a->gross.abs() > b->gross.abs(); });
  const int64_t n = static_cast<int64_t>(order.size());
  const int64_t magnitude = left.abs().minor();
  const int64_t sign = left.is_negative() ? -1 : 1;
  const int64_t each = magnitude / n;
  const int64_t extra = magnitude % n;
  for (int64_t i = 0; i < n; ++i)
    order[static_cast<size_t>(i)]->vat += Money::from_minor(sign * (each + (i < extra ? 1 : 0)));
}

Money money_at(const json& j, const char* key) { return *Money::parse(j.at(key).get<std::string>()); }

}  // namespace

Money ZReport::vat_total() const {
  Money sum;
  for (const ZVatTotal& v : vat) sum += v.vat;
  return sum;
}

namespace {

ZReport sum_z_report(const ZReportInput& in, const std::vector<Receipt>& receipts,
                     const std::vector<ZLateReceipt>& late_receipts) {
  ZReport z;
  z.company_name = in.company_name;
  z.orgnr = in.orgnr;
  z.register_id = in.register_id;
  z.department = in.department;
  z.number = in.number;
  z.business_date = in.business_date;
  z.produced_at = in.produced_at;
  z.opening_float = in.opening_float;
  z.cash_counted = in.cash_counted;
  z.late_receipts = late_receipts;

  std::map<std::pair<std::string, VatRate>, ZGroupTotal> groups;
  std::map<VatRate, ZVatTotal> vat;
  std::map<std::string, ZPaymentTotal> payments;
  Money cash;

  for (const Receipt& r : receipts) {
    ++z.receipt_count;
    z.receipt_ids.push_back(r.id);
    bool has_return = r.is_return();
    bool has_discount = false;
    std::map<VatRate, Money> receipt_rate_gross;
    for (const ReceiptLine& l : r.lines) {
      if (l.kind == ReceiptLine::Kind::kGiftCardSale) {
        ++z.gift_cards_sold_count;
        z.gift_cards_sold_amount += l.gift_card_amount;
        continue;
      }
      const Money g = l.gross();
      ZGroupTotal& gt = groups[{l.product_group, l.vat_rate}];
      gt.product_group = l.product_group;
      gt.rate = l.vat_rate;
      gt.gross += g;
      gt.quantity += l.quantity;
      z.goods_quantity += l.quantity;
      receipt_rate_gross[l.vat_rate] += g;
      if (g.is_negative()) {
        has_return = true;
        z.returns_amount -= g;
      } else {
        z.gross_sales += g;
      }
      if (!l.discount.is_zero()) {
        has_discount = true;
        z.discount_amount += l.quantity.is_negative() ? -l.discount : l.discount;
      }
      if (std::optional<Money> c = l.cost()) {
        z.cost_of_goods += *c;
      } else {
        ++z.lines_without_cost;
      }
    }
    for (const auto& [rate, gross] : receipt_rate_gross) {
      ZVatTotal& vt = vat[rate];
      vt.rate = rate;
      vt.gross += gross;
      vt.vat += vat_of_gross(gross, rate);
    }
    if (has_return) ++z.return_count;
    if (has_discount) ++z.discount_count;
    if (r.tip) {
      ++z.tip_count;
      z.tip_amount += r.tip->amount;
    }
    z.rounding += r.rounding();
    for (const Payment& p : r.payments) {
      ZPaymentTotal& pt = payments[p.method];
      pt.method = p.method;
      ++pt.count;
      pt.amount += p.amount;
      z.payments_total += p.amount;
      if (p.method == kCashMethod) cash += p.amount;
      if (p.method == kGiftCardMethod) {
        ++z.gift_cards_redeemed_count;
        z.gift_cards_redeemed_amount += p.amount;
      }
    }
  }
  z.sales_total = z.gross_sales - z.returns_amount;

  for (auto& [rate, vt] : vat) {
    std::vector<ZGroupTotal*> of_rate;
    for (auto& [key, gt] : groups)
      if (key.second == rate) of_rate.push_back(&gt);
    allocate_group_vat(of_rate, vt.vat);
  }
  for (auto& [key, gt] : groups) z.groups.push_back(gt);
  // Highest rate first, as tills print them.
  for (auto it = vat.rbegin(); it != vat.rend(); ++it) z.vat.push_back(it->second);
  for (auto& [m, pt] : payments) z.payments.push_back(pt);

  z.cash_expected = z.opening_float + cash;
  z.grand_totals.sales = in.previous_grand_totals.sales + z.gross_sales;
  z.grand_totals.returns = in.previous_grand_totals.returns + z.returns_amount;
  return z;
}

}  // namespace

Result<ZReport> compute_z_report(const ZReportInput& in, const std::vector<Receipt>& receipts,
                                 const std::vector<ZLateReceipt>& late_receipts) {
  // The two amounts that come with the close rather than with the receipts.
  const auto beyond = [](Money m) { return m.minor() > kMaxAmountMinor || m.minor() < -kMaxAmountMinor; };
  const std::string where = "register " + in.register_id + ", business day " + in.business_date.to_string();
  if (beyond(in.opening_float))
    return invalid_argument(where + ": opening_float " + in.opening_float.to_string() + " is beyond the bound of " +
                            Money::from_minor(kMaxAmountMinor).to_string() + " for one amount");
  if (in.cash_counted && beyond(*in.cash_counted))
    return invalid_argument(where + ": cash_counted " + in.cash_counted->to_string() + " is beyond the bound of " +
                            Money::from_minor(kMaxAmountMinor).to_string() + " for one amount");
  try {
    return sum_z_report(in, receipts, late_receipts);
  } catch (const MoneyOverflow&) {
    return failed_precondition("register " + in.register_id + ", business day " + in.business_date.to_string() +
                               ": a total of its " + std::to_string(receipts.size()) +
                               " receipts (late ones included) or of its grand total does not fit in 64 bits; the "
                               "receipts exceed the bounds of a day (doc/vat.md) and cannot be closed as one report");
  }
}

Status check_day_identity(const ZReport& z) try {
  const Money rhs = z.sales_total + z.tip_amount + z.gift_cards_sold_amount + z.rounding;
  if (z.payments_total != rhs)
    return internal_error("Z-report " + std::to_string(z.number) + " does not add up: payments " +
                          z.payments_total.to_string() + " but sales + tips + gift cards + rounding = " +
                          rhs.to_string());
  Money vat_gross, group_gross;
  for (const ZVatTotal& v : z.vat) vat_gross += v.gross;
  for (const ZGroupTotal& g : z.groups) group_gross += g.gross;
  if (vat_gross != z.sales_total || group_gross != z.sales_total)
    return internal_error("Z-report " + std::to_string(z.number) + ": totals per VAT rate and per product group "
                          "differ from total sales");
  return ok_status();
} catch (const MoneyOverflow&) {
  return internal_error("Z-report " + std::to_string(z.number) + ": its totals do not fit in 64 bits");
}

json z_report_to_json(const ZReport& z) {
  json j;
  j["company_name"] = z.company_name;
  j["orgnr"] = z.orgnr;
  j["register"] = z.register_id;
  j["department"] = z.department;
  j["number"] = z.number;
  j["business_date"] = z.business_date.to_string();
  j["produced_at"] = z.produced_at.to_utc_string();
  j["receipt_count"] = z.receipt_count;
  j["goods_quantity"] = z.goods_quantity.to_string();
  j["sales_total"] = z.sales_total.to_string();
  j["gross_sales"] = z.gross_sales.to_string();
  j["return_count"] = z.return_count;
  j["returns_amount"] = z.returns_amount.to_string();
  j["discount_count"] = z.discount_count;
  j["discount_amount"] = z.discount_amount.to_string();
  j["tip_count"] = z.tip_count;
  j["tip_amount"] = z.tip_amount.to_string();
  j["gift_cards_sold_count"] = z.gift_cards_sold_count;
  j["gift_cards_sold_amount"] = z.gift_cards_sold_amount.to_string();
  j["gift_cards_redeemed_count"] = z.gift_cards_redeemed_count;
  j["gift_cards_redeemed_amount"] = z.gift_cards_redeemed_amount.to_string();
  j["rounding"] = z.rounding.to_string();
  j["payments_total"] = z.payments_total.to_string();
  j["vat_total"] = z.vat_total().to_string();
  json groups = json::array();
  for (const ZGroupTotal& g : z.groups)
    groups.push_back({{"product_group", g.product_group},
                      {"vat_rate", g.rate.to_string()},
                      {"quantity", g.quantity.to_string()},
                      {"gross", g.gross.to_string()},
                      {"vat", g.vat.to_string()},
                      {"net", g.net().to_string()}});
  j["product_groups"] = std::move(groups);
  json vats = json::array();
  for (const ZVatTotal& v : z.vat)
    vats.push_back({{"vat_rate", v.rate.to_string()},
                    {"gross", v.gross.to_string()},
                    {"vat", v.vat.to_string()},
                    {"net", v.net().to_string()}});
  j["vat"] = std::move(vats);
  json pays = json::array();
  for (const ZPaymentTotal& p : z.payments)
    pays.push_back({{"method", p.method}, {"count", p.count}, {"amount", p.amount.to_string()}});
  j["payments"] = std::move(pays);
  j["opening_float"] = z.opening_float.to_string();
  j["cash_expected"] = z.cash_expected.to_string();
  j["cash_counted"] = z.cash_counted ? json(z.cash_counted->to_string()) : json(nullptr);
  j["cash_difference"] = z.cash_difference() ? json(z.cash_difference()->to_string()) : json(nullptr);
  j["cost_of_goods"] = z.cost_of_goods.to_string();
  j["lines_without_cost"] = z.lines_without_cost;
  j["grand_totals"] = {{"sales", z.grand_totals.sales.to_string()},
                       {"returns", z.grand_totals.returns.to_string()},
                       {"net", z.grand_totals.net().to_string()}};
  json late = json::array();
  for (const ZLateReceipt& l : z.late_receipts)
    late.push_back({{"id", l.id}, {"original_business_date", l.original_date.to_string()}});
  j["late_receipts"] = std::move(late);
  j["receipt_ids"] = z.receipt_ids;
  return j;
}

Result<ZReport> z_report_from_json(const json& j) {
  try {
    ZReport z;
    z.company_name = j.at("company_name").get<std::string>();
    z.orgnr = j.at("orgnr").get<std::string>();
    z.register_id = j.at("register").get<std::string>();
    z.department = j.at("department").get<std::string>();
    z.number = j.at("number").get<int64_t>();
    ASSIGN_OR_RETURN(z.business_date, Date::parse(j.at("business_date").get<std::string>()));
    ASSIGN_OR_RETURN(z.produced_at, Instant::parse_rfc3339(j.at("produced_at").get<std::string>()));
    z.receipt_count = j.at("receipt_count").get<int64_t>();
    z.goods_quantity = *Quantity::parse(j.at("goods_quantity").get<std::string>());
    z.sales_total = money_at(j, "sales_total");
    z.gross_sales = money_at(j, "gross_sales");
    z.return_count = j.at("return_count").get<int64_t>();
    z.returns_amount = money_at(j, "returns_amount");
    z.discount_count = j.at("discount_count").get<int64_t>();
    z.discount_amount = money_at(j, "discount_amount");
    z.tip_count = j.at("tip_count").get<int64_t>();
    z.tip_amount = money_at(j, "tip_amount");
    z.gift_cards_sold_count = j.at("gift_cards_sold_count").get<int64_t>();
    z.gift_cards_sold_amount = money_at(j, "gift_cards_sold_amount");
    z.gift_cards_redeemed_count = j.at("gift_cards_redeemed_count").get<int64_t>();
    z.gift_cards_redeemed_amount = money_at(j, "gift_cards_redeemed_amount");
    z.rounding = money_at(j, "rounding");
    z.payments_total = money_at(j, "payments_total");
    for (const json& g : j.at("product_groups"))
      z.groups.push_back({g.at("product_group").get<std::string>(), *VatRate::parse(g.at("vat_rate").get<std::string>()),
                          *Quantity::parse(g.at("quantity").get<std::string>()), money_at(g, "gross"),
                          money_at(g, "vat")});
    for (const json& v : j.at("vat"))
      z.vat.push_back({*VatRate::parse(v.at("vat_rate").get<std::string>()), money_at(v, "gross"), money_at(v, "vat")});
    for (const json& p : j.at("payments"))
      z.payments.push_back({p.at("method").get<std::string>(), p.at("count").get<int64_t>(), money_at(p, "amount")});
    z.opening_float = money_at(j, "opening_float");
    z.cash_expected = money_at(j, "cash_expected");
    if (!j.at("cash_counted").is_null()) z.cash_counted = money_at(j, "cash_counted");
    z.cost_of_goods = money_at(j, "cost_of_goods");
    z.lines_without_cost = j.at("lines_without_cost").get<int64_t>();
    z.grand_totals.sales = money_at(j.at("grand_totals"), "sales");
    z.grand_totals.returns = money_at(j.at("grand_totals"), "returns");
    for (const json& l : j.at("late_receipts"))
      z.late_receipts.push_back(
          {l.at("id").get<std::string>(), *Date::parse(l.at("original_business_date").get<std::string>())});
    z.receipt_ids = j.at("receipt_ids").get<std::vector<std::string>>();
    return z;
  } catch (const json::exception& e) {
    return internal_error(std::string("a stored Z-report is damaged: ") + e.what());
  }
}

std::string z_report_to_text(const ZReport& z, Country country) {
  const text::Language lang = text::language_of(country);
  auto w = [lang](text::Word key) { return std::string(text::word(lang, key)); };
  using text::Word;
  std::string out;
  // Pads by code points, not bytes, so "Öresavrundning" and "1 366,00"
  // (with its no-break space) line up.
  auto width = [](const std::string& s) {
    size_t n = 0;
    for (unsigned char c : s) n += (c & 0xC0) != 0x80;
    return n;
  };
  auto line = [&](const std::string& label, const std::string& value) {
    const size_t lw = width(label), vw = width(value);
    out += label + std::string(lw < 34 ? 34 - lw : 1, ' ') + std::string(vw < 18 ? 18 - vw : 0, ' ') + value + "\n";
  };
  auto heading = [&](const std::string& h) { out += "\n" + h + "\n"; };
  auto counted = [&](Word key, int64_t n) { return w(key) + " (" + std::to_string(n) + ")"; };
  out += w(Word::kZReportHeading) + "\n";
  out += z.company_name + "  " + w(Word::kOrgnr) + " " + z.orgnr + "\n";
  line(w(Word::kZNumber), std::to_string(z.number));
  line(w(Word::kRegisterId), z.register_id);
  line(w(Word::kDepartment), z.department);
  line(w(Word::kBusinessDate), z.business_date.to_string());
  line(w(Word::kProducedAt) + " (UTC)", z.produced_at.to_utc_string());
  heading(w(Word::kSales));
  line(w(Word::kReceiptCount), std::to_string(z.receipt_count));
  line(w(Word::kGoodsQuantity), z.goods_quantity.to_string());
  line(w(Word::kGrossSales), z.gross_sales.to_display());
  line(counted(Word::kReturns, z.return_count), (-z.returns_amount).to_display());
  line(w(Word::kZTextSalesTotal), z.sales_total.to_display());
  line(counted(Word::kDiscounts, z.discount_count), z.discount_amount.to_display());
  heading(w(Word::kPerGroup));
  for (const ZGroupTotal& g : z.groups)
    line(g.product_group + " " + g.rate.to_string() + " %", g.gross.to_display());
  heading(w(Word::kVat));
  for (const ZVatTotal& v : z.vat)
    line(v.rate.to_string() + " %: " + w(Word::kZTextVatBase) + " " + v.net().to_display(), v.vat.to_display());
  line(w(Word::kVatTotal), z.vat_total().to_display());
  heading(w(Word::kPayments));
  for (const ZPaymentTotal& p : z.payments)
    line(p.method + " (" + std::to_string(p.count) + ")", p.amount.to_display());
  heading(w(Word::kOther));
  line(counted(Word::kTips, z.tip_count), z.tip_amount.to_display());
  line(counted(Word::kGiftCardsSold, z.gift_cards_sold_count), z.gift_cards_sold_amount.to_display());
  line(counted(Word::kGiftCardsRedeemed, z.gift_cards_redeemed_count), z.gift_cards_redeemed_amount.to_display());
  line(w(Word::kRounding), z.rounding.to_display());
  heading(w(Word::kCash));
  line(w(Word::kOpeningFloat), z.opening_float.to_display());
  line(w(Word::kCashExpected), z.cash_expected.to_display());
  line(w(Word::kCashCounted), z.cash_counted ? z.cash_counted->to_display() : w(Word::kNotCounted));
  if (z.cash_difference()) line(w(Word::kCashDifference), z.cash_difference()->to_display());
  heading(w(Word::kGrandTotal));
  line(w(Word::kSales), z.grand_totals.sales.to_display());
  line(w(Word::kReturns), z.grand_totals.returns.to_display());
  line(w(Word::kNet), z.grand_totals.net().to_display());
  if (!z.late_receipts.empty()) {
    heading(w(Word::kLateReceipts));
    for (const ZLateReceipt& l : z.late_receipts) line(l.id, l.original_date.to_string());
  }
  return out;
}

}  // namespace dagbok
