#include "pos/receipt_json.h"

#include <limits>
#include <nlohmann/json.hpp>
#include <set>

namespace dagbok {
namespace {

using nlohmann::json;

Error field_error(const std::string& path, const std::string& what) {
  return invalid_argument("field '" + path + "': " + what);
}

std::string bound_text(int64_t minor) { return Money::from_minor(minor).to_string(); }

Result<std::string> get_string(const json& obj, const std::string& key, const std::string& path, bool required) {
  auto it = obj.find(key);
  if (it == obj.end() || it->is_null()) {
    if (required) return field_error(path + key, "is missing");
    return std::string();
  }
  if (!it->is_string()) return field_error(path + key, "must be a string");
  return it->get<std::string>();
}

Result<Money> get_money(const json& obj, const std::string& key, const std::string& path, bool required) {
  auto it = obj.find(key);
  if (it == obj.end() || it->is_null()) {
    if (required) return field_error(path + key, "is missing");
    return Money();
  }
  if (it->is_number())
    return field_error(path + key, "amounts are decimal strings like \"89.00\", not JSON numbers (" + it->dump() + ")");
  if (!it->is_string()) return field_error(path + key, "must be a decimal string like \"89.00\"");
  Result<Money> m = Money::parse(it->get<std::string>());
  if (!m.ok()) return field_error(path + key, m.error().message());
  if (m->abs().minor() > kMaxAmountMinor)
    return field_error(path + key, m->to_string() + " is beyond the bound of " + bound_text(kMaxAmountMinor) +
                                       " for one amount (doc/vat.md)");
  return m;
}

// Σ |x| over a receipt's parts, in 128 bits so that the check itself cannot wrap.
class AbsSum {
 public:
  void add(Money m) { sum_ += m.minor() < 0 ? -static_cast<Int128>(m.minor()) : static_cast<Int128>(m.minor()); }
  bool beyond(int64_t bound) const { return sum_ > bound; }
  std::string text() const {
    return sum_ > std::numeric_limits<int64_t>::max() ? std::string("more than 92233720368547758.07")
                                                       : Money::from_minor(static_cast<int64_t>(sum_)).to_string();
  }

 private:
  Int128 sum_ = 0;
};

Status check_keys(const json& obj, const std::set<std::string>& allowed, const std::string& path) {
  for (auto it = obj.begin(); it != obj.end(); ++it)
    if (!allowed.count(it.key())) return field_error(path + it.key(), "is not a known field");
  return ok_status();
}

Result<ReceiptLine> line_from_json(const json& j, const std::string& path) {
  if (!j.is_object()) return field_error(path.substr(0, path.size() - 1), "must be an object");
  ReceiptLine line;
  ASSIGN_OR_RETURN(std::string kind, get_string(j, "kind", path, false));
  if (kind.empty() || kind == "sale") {
    TRY(check_keys(j, {"kind", "product_group", "vat_rate", "quantity", "unit_price", "discount", "cost_price",
                       "description", "article"},
                   path));
    line.kind = ReceiptLine::Kind::kSale;
    ASSIGN_OR_RETURN(line.product_group, get_string(j, "product_group", path, true));
    if (line.product_group.empty()) return field_error(path + "product_group", "is empty");
    ASSIGN_OR_RETURN(std::string rate, get_string(j, "vat_rate", path, true));
    Result<VatRate> vr = VatRate::parse(rate);
    if (!vr.ok()) return field_error(path + "vat_rate", vr.error().message());
    line.vat_rate = *vr;
    ASSIGN_OR_RETURN(std::string qty, get_string(j, "quantity", path, false));
    if (!qty.empty()) {
      Result<Quantity> q = Quantity::parse(qty);
      if (!q.ok()) return field_error(path + "quantity", q.error().message());
      line.quantity = *q;
    }
    if (line.quantity.is_zero()) return field_error(path + "quantity", "is zero");
    if (line.quantity.milli() > kMaxQuantityMilli || line.quantity.milli() < -kMaxQuantityMilli)
      return field_error(path + "quantity", line.quantity.to_string() + " is beyond the bound of " +
                                                Quantity::from_milli(kMaxQuantityMilli).to_string() +
                                                " units for one line (doc/vat.md)");
    ASSIGN_OR_RETURN(line.unit_price, get_money(j, "unit_price", path, true));
    if (line.unit_price.is_negative())
      return field_error(path + "unit_price",
                         "is negative; a return is written with a negative quantity and a positive price");
    // Both factors are bounded, so the product fits (|x| ≤ 10^18); the line is
    // then held to its own bound.
    if ((line.unit_price * line.quantity).abs().minor() > kMaxLineMinor)
      return field_error(path + "unit_price", line.unit_price.to_string() + " × " + line.quantity.to_string() +
                                                  " = " + (line.unit_price * line.quantity).to_string() +
                                                  " is beyond the bound of " + bound_text(kMaxLineMinor) +
                                                  " for one line (doc/vat.md)");
    ASSIGN_OR_RETURN(line.discount, get_money(j, "discount", path, false));
    if (line.discount.is_negative()) return field_error(path + "discount", "is negative");
    if (line.discount > (line.unit_price * line.quantity).abs())
      return field_error(path + "discount", "is larger than the line's amount " +
                                                (line.unit_price * line.quantity).abs().to_string());
    if (j.contains("cost_price") && !j["cost_price"].is_null()) {
      ASSIGN_OR_RETURN(Money cost, get_money(j, "cost_price", path, true));
      if (cost.is_negative()) return field_error(path + "cost_price", "is negative");
      if ((cost * line.quantity).abs().minor() > kMaxLineMinor)
        return field_error(path + "cost_price", cost.to_string() + " × " + line.quantity.to_string() +
                                                    " is beyond the bound of " + bound_text(kMaxLineMinor) +
                                                    " for one line (doc/vat.md)");
      line.cost_price = cost;
    }
  } else if (kind == "gift_card_sale") {
    TRY(check_keys(j, {"kind", "amount", "card"}, path));
    line.kind = ReceiptLine::Kind::kGiftCardSale;
    ASSIGN_OR_RETURN(line.gift_card_amount, get_money(j, "amount", path, true));
    if (line.gift_card_amount.is_zero()) return field_error(path + "amount", "is zero");
  } else {
    return field_error(path + "kind", "'" + kind + "' is not a line kind (use \"sale\" or \"gift_card_sale\")");
  }
  return line;
}

int offset_of(std::string_view time_text) {
  if (time_text.empty()) return 0;
  const char last = time_text.back();
  if (last == 'Z' || last == 'z') return 0;
  if (time_text.size() < 6) return 0;
  std::string_view off = time_text.substr(time_text.size() - 6);
  const int sign = off[0] == '-' ? -1 : 1;
  return sign * (((off[1] - '0') * 10 + (off[2] - '0')) * 3600 + ((off[4] - '0') * 10 + (off[5] - '0')) * 60);
}

}  // namespace

Result<Receipt> receipt_from_json(const json& j) {
  if (!j.is_object()) return invalid_argument("a receipt must be a JSON object");
  TRY(check_keys(j, {"id", "register", "department", "operator", "time", "lines", "payments", "tip", "refund_of"},
                 ""));
  Receipt r;
  ASSIGN_OR_RETURN(r.id, get_string(j, "id", "", true));
  if (r.id.empty() || r.id.size() > 100) return field_error("id", "must be 1 to 100 characters");
  ASSIGN_OR_RETURN(r.register_id, get_string(j, "register", "", true));
  if (r.register_id.empty()) return field_error("register", "is empty");
  ASSIGN_OR_RETURN(r.department, get_string(j, "department", "", false));
  if (r.department.empty()) r.department = "main";
  ASSIGN_OR_RETURN(r.operator_id, get_string(j, "operator", "", false));
  ASSIGN_OR_RETURN(std::string time, get_string(j, "time", "", true));
  Result<Instant> t = Instant::parse_rfc3339(time);
  if (!t.ok()) return field_error("time", t.error().message());
  r.time = *t;
  r.utc_offset_seconds = offset_of(time);
  ASSIGN_OR_RETURN(std::string refund_of, get_string(j, "refund_of", "", false));
  if (!refund_of.empty()) r.refund_of = refund_of;

  auto lines = j.find("lines");
  if (lines == j.end() || !lines->is_array()) return field_error("lines", "must be a list of lines");
  if (lines->empty()) return field_error("lines", "is empty; a receipt needs at least one line");
  if (lines->size() > kMaxReceiptLines)
    return field_error("lines", "has " + std::to_string(lines->size()) + " lines; a receipt has at most " +
                                    std::to_string(kMaxReceiptLines) + " (doc/vat.md)");
  for (size_t i = 0; i < lines->size(); ++i) {
    ASSIGN_OR_RETURN(ReceiptLine line, line_from_json((*lines)[i], "lines[" + std::to_string(i) + "]."));
    if (r.refund_of && line.kind == ReceiptLine::Kind::kSale && !line.quantity.is_negative())
      return field_error("lines[" + std::to_string(i) + "].quantity",
                         "must be negative on a return (the receipt has refund_of)");
    if (!r.refund_of && line.kind == ReceiptLine::Kind::kGiftCardSale && line.gift_card_amount.is_negative())
      return field_error("lines[" + std::to_string(i) + "].amount",
                         "is negative; a gift card is only taken back on a return (refund_of)");
    r.lines.push_back(std::move(line));
  }

  auto payments = j.find("payments");
  if (payments == j.end() || !payments->is_array()) return field_error("payments", "must be a list of payments");
  if (payments->size() > kMaxReceiptPayments)
    return field_error("payments", "has " + std::to_string(payments->size()) + " payments; a receipt has at most " +
                                       std::to_string(kMaxReceiptPayments) + " (doc/vat.md)");
  for (size_t i = 0; i < payments->size(); ++i) {
    const json& p = (*payments)[i];
    const std::string path = "payments[" + std::to_string(i) + "].";
    if (!p.is_object()) return field_error("payments[" + std::to_string(i) + "]", "must be an object");
    TRY(check_keys(p, {"method", "amount"}, path));
    Payment pay;
    ASSIGN_OR_RETURN(pay.method, get_string(p, "method", path, true));
    if (pay.method.empty()) return field_error(path + "method", "is empty");
    ASSIGN_OR_RETURN(pay.amount, get_money(p, "amount", path, true));
    r.payments.push_back(std::move(pay));
  }

  if (auto tip = j.find("tip"); tip != j.end() && !tip->is_null()) {
    if (!tip->is_object()) return field_error("tip", "must be an object with method and amount");
    TRY(check_keys(*tip, {"method", "amount"}, "tip."));
    Tip t2;
    ASSIGN_OR_RETURN(t2.method, get_string(*tip, "method", "tip.", true));
    ASSIGN_OR_RETURN(t2.amount, get_money(*tip, "amount", "tip.", true));
    if (t2.amount.is_negative() && !r.refund_of) return field_error("tip.amount", "is negative");
    bool paid_with = false;
    for (const Payment& p : r.payments) paid_with |= p.method == t2.method;
    if (!paid_with)
      return field_error("tip.method", "'" + t2.method + "' is not among the receipt's payments; the tip is paid "
                                       "as part of a payment");
    if (!t2.amount.is_zero()) r.tip = t2;
  }

  // The receipt's bounds, over absolute values so that a mix of positive and
  // negative parts cannot hide a large total: what the lines amount to, their
  // discounts and costs, and the payments. Every total a Z-report takes from
  // one receipt is then within 10^12 öre.
  AbsSum lines_abs, discounts, costs, pays_abs;
  for (const ReceiptLine& l : r.lines) {
    lines_abs.add(l.kind == ReceiptLine::Kind::kGiftCardSale ? l.gift_card_amount : l.unit_price * l.quantity);
    discounts.add(l.discount);
    if (std::optional<Money> c = l.cost()) costs.add(*c);
  }
  for (const Payment& p : r.payments) pays_abs.add(p.amount);
  const auto over = [](const char* field, const char* what, const AbsSum& sum) {
    return field_error(field, what + sum.text() + " is beyond the bound of " + bound_text(kMaxReceiptMinor) +
                                  " for one receipt (doc/vat.md)");
  };
  if (lines_abs.beyond(kMaxReceiptMinor)) return over("lines", "the lines amount to ", lines_abs);
  if (discounts.beyond(kMaxReceiptMinor)) return over("lines", "the discounts amount to ", discounts);
  if (costs.beyond(kMaxReceiptMinor)) return over("lines", "the cost prices amount to ", costs);
  if (pays_abs.beyond(kMaxReceiptMinor)) return over("payments", "the payments amount to ", pays_abs);

  const Money rounding = r.rounding();
  if (!rounding.is_zero()) {
    const Money due = r.sales_gross() + r.tip_amount() + r.gift_cards_sold();
    const std::string sums = "payments add up to " + r.payments_total().to_string() +
                             " but lines, tip and gift cards add up to " + due.to_string();
    if (rounding.abs().minor() > kMaxCashRoundingMinor)
      return field_error("payments", sums + ": the difference " + rounding.to_string() +
                                         " is more than the ±0.50 that cash rounding allows");
    if (r.cash_paid().is_zero())
      return field_error("payments", sums + ": only a cash payment may be rounded, and this receipt has none");
  }
  return r;
}

Result<Receipt> receipt_from_json_text(std::string_view text) {
  json j = json::parse(text, nullptr, false);
  if (j.is_discarded()) return invalid_argument("not valid JSON");
  return receipt_from_json(j);
}

json receipt_to_json(const Receipt& r) {
  json j;
  j["id"] = r.id;
  j["register"] = r.register_id;
  j["department"] = r.department;
  if (!r.operator_id.empty()) j["operator"] = r.operator_id;
  j["time"] = r.time.to_string_with_offset(r.utc_offset_seconds);
  if (r.refund_of) j["refund_of"] = *r.refund_of;
  json lines = json::array();
  for (const ReceiptLine& l : r.lines) {
    json jl;
    if (l.kind == ReceiptLine::Kind::kGiftCardSale) {
      jl["kind"] = "gift_card_sale";
      jl["amount"] = l.gift_card_amount.to_string();
    } else {
      jl["product_group"] = l.product_group;
      jl["vat_rate"] = l.vat_rate.to_string();
      jl["quantity"] = l.quantity.to_string();
      jl["unit_price"] = l.unit_price.to_string();
      if (!l.discount.is_zero()) jl["discount"] = l.discount.to_string();
      if (l.cost_price) jl["cost_price"] = l.cost_price->to_string();
    }
    lines.push_back(std::move(jl));
  }
  j["lines"] = std::move(lines);
  json pays = json::array();
  for (const Payment& p : r.payments) pays.push_back({{"method", p.method}, {"amount", p.amount.to_string()}});
  j["payments"] = std::move(pays);
  if (r.tip) j["tip"] = {{"method", r.tip->method}, {"amount", r.tip->amount.to_string()}};
  return j;
}

std::string canonical_receipt_json(const Receipt& r) { return receipt_to_json(r).dump(); }

}  // namespace dagbok
