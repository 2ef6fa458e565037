#include "books/day_voucher.h"

#include <map>

#include "text/words.h"

namespace dagbok {
namespace {

class Booker {
 public:
  Booker(const ZReport& z, const Mapping& m, const DayVoucherOptions& o) : z_(z), m_(m), o_(o) {
    cost_center_ = m_.lookup(MappingGroup::kCostCenter, z_.department, z_.department, z_.business_date).value_or("");
  }

  std::string account(MappingGroup g, const std::string& key, const std::string& what, const std::string& fix) {
    if (auto a = m_.lookup(g, key, z_.department, z_.business_date)) return *a;
    gap(what + " has no account", fix);
    return "";
  }

  void gap(const std::string& what, const std::string& fix) { gaps_.push_back(what + " (" + fix + ")"); }

  void book(const std::string& account, Money amount, bool with_cost_center, const std::string& text) {
    if (amount.is_zero() || account.empty()) return;
    lines_.push_back({account, amount, with_cost_center ? cost_center_ : "", text});
  }

  std::string other(const char* key) {
    return account(MappingGroup::kOther, key, std::string("other event '") + key + "'",
                   std::string("dagbok mapping set other ") + key + " ACCOUNT");
  }

  std::string word(text::Word key) const { return text::word(text::language_of(o_.country), key); }

  void run() {
    using text::Word;
    // Payments.
    for (const ZPaymentTotal& p : z_.payments) {
      if (p.amount.is_zero()) continue;
      if (p.method == kGiftCardMethod) {
        book(other(other_event::kGiftCardRedeemed), p.amount, false, word(Word::kGiftCardsRedeemed));
        continue;
      }
      const std::string acct = account(MappingGroup::kPayment, p.method, "payment method '" + p.method + "'",
                                       "dagbok mapping set payment " + quote(p.method) + " ACCOUNT");
      book(acct, p.amount, false, word(Word::kPaymentMethod) + " " + p.method);
    }
    // Sales, net of VAT.
    if (o_.sales_by == SalesBookedBy::kProductGroup) {
      for (const ZGroupTotal& g : z_.groups) {
        if (g.gross.is_zero()) continue;
        std::string acct;
        if (auto a = m_.lookup_product_group(g.product_group, g.rate, z_.department, z_.business_date)) {
          acct = *a;
        } else {
          std::string hint = "ACCOUNT";
          if (auto s = m_.lookup(MappingGroup::kVatSales, g.rate.to_string(), z_.department, z_.business_date))
            hint = *s;
          gap("product group '" + g.product_group + "' at " + g.rate.to_string() + " % has no sales account",
              "dagbok mapping set product_group " + quote(product_group_key(g.product_group, g.rate)) + " " + hint);
        }
        book(acct, -g.net(), true, word(Word::kSales) + " " + g.product_group + " " + g.rate.to_string() + " %");
      }
    } else {
      for (const ZVatTotal& v : z_.vat) {
        if (v.gross.is_zero()) continue;
        const std::string acct =
            account(MappingGroup::kVatSales, v.rate.to_string(), "sales at " + v.rate.to_string() + " % VAT",
                    "dagbok mapping set vat_sales " + v.rate.to_string() + " ACCOUNT");
        book(acct, -v.net(), true, word(Word::kSales) + " " + v.rate.to_string() + " %");
      }
    }
    // Output VAT.
    for (const ZVatTotal& v : z_.vat) {
      if (v.vat.is_zero()) continue;
      const std::string acct =
          account(MappingGroup::kVat, v.rate.to_string(), "VAT rate " + v.rate.to_string() + " %",
                  "dagbok mapping set vat " + v.rate.to_string() + " ACCOUNT");
      book(acct, -v.vat, false, word(Word::kVoucherOutputVat) + " " + v.rate.to_string() + " %");
    }
    if (!z_.tip_amount.is_zero()) book(other(other_event::kTips), -z_.tip_amount, false, word(Word::kTips));
    if (!z_.gift_cards_sold_amount.is_zero())
      book(other(other_event::kGiftCardSold), -z_.gift_cards_sold_amount, false, word(Word::kGiftCardsSold));
    if (!z_.rounding.is_zero()) book(other(other_event::kRounding), -z_.rounding, true, word(Word::kRounding));
    // Cash over/short, a pair of its own.
    if (std::optional<Money> diff = z_.cash_difference(); diff && !diff->is_zero()) {
      const std::string cash = account(MappingGroup::kPayment, kCashMethod, "payment method 'cash'",
                                       "dagbok mapping set payment cash ACCOUNT");
      const std::string text = word(Word::kCashDifference);
      book(cash, *diff, false, text);
      book(other(other_event::kCashDifference), -*diff, true, text);
    }
    // Stock change, a pair of its own, when costs are known.
    if (!z_.cost_of_goods.is_zero()) {
      const std::string text = word(Word::kVoucherStockChange);
      book(other(other_event::kStockChange), z_.cost_of_goods, true, text);
      book(other(other_event::kInventory), -z_.cost_of_goods, false, text);
    }
  }

  static std::string quote(const std::string& s) {
    return s.find_first_of(" '\"") == std::string::npos ? s : "\"" + s + "\"";
  }

  std::vector<std::string> gaps_;
  std::vector<VoucherLine> lines_;

 private:
  const ZReport& z_;
  const Mapping& m_;
  const DayVoucherOptions& o_;
  std::string cost_center_;
};

}  // namespace

std::vector<std::string> mapping_gaps(const ZReport& z, const Mapping& mapping, const DayVoucherOptions& options) {
  Booker b(z, mapping, options);
  b.run();
  return b.gaps_;
}

Result<Voucher> build_day_voucher(const ZReport& z, const Mapping& mapping, const DayVoucherOptions& options) {
  Booker b(z, mapping, options);
  b.run();
  if (!b.gaps_.empty()) {
    std::string msg = "the voucher for " + z.business_date.to_string() + " (register " + z.register_id +
                      ", Z-report " + std::to_string(z.number) + ") is blocked: ";
    for (size_t i = 0; i < b.gaps_.size(); ++i) msg += (i ? "; " : "") + b.gaps_[i];
    return failed_precondition(msg);
  }
  Voucher v;
  v.series = "Z";
  v.date = z.business_date;
  v.text = text::fill(text::word(text::language_of(options.country), text::Word::kVoucherDayClose),
                      {z.register_id, std::to_string(z.number), z.business_date.to_string()});
  v.lines = std::move(b.lines_);
  if (v.lines.empty()) {
    // A day with no sales still gets its report; it books nothing.
    return v;
  }
  TRY(v.check_balanced());
  return v;
}

}  // namespace dagbok
