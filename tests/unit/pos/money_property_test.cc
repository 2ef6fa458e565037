// Property (issue 11): for many random days of receipts, taken in through the
// receipt JSON reader (refunds, discounts, cash rounding, gift cards sold and
// redeemed, tips, every rate of both countries), the Z-report keeps the day
// identity and its voucher balances and equals the sum of its receipts, line
// kind by line kind, computed independently in 128 bits. Receipts near the
// bounds (core/money.h) are either refused by the reader or booked exactly:
// never wrapped.
//
// DAGBOK_PROPERTY_DAYS sets the number of days (default 200, a few seconds in
// an -O0 + ASan build); CI may run it with a million.
#include <gtest/gtest.h>

#include <cstdlib>
#include <map>
#include <nlohmann/json.hpp>
#include <random>

#include "books/chart_presets.h"
#include "books/day_voucher.h"
#include "pos/receipt_json.h"
#include "pos/z_report.h"

namespace dagbok {
namespace {

using nlohmann::json;

int days_to_run(int fallback) {
  const char* v = std::getenv("DAGBOK_PROPERTY_DAYS");  // NOLINT(concurrency-mt-unsafe): read once, in a test
  return v && std::atoi(v) > 0 ? std::atoi(v) : fallback;
}

std::string minor_text(Int128 v) {
  // Values beyond int64 are written out too: the reader must refuse them.
  const bool neg = v < 0;
  __extension__ typedef unsigned __int128 U;
  U u = neg ? U{0} - static_cast<U>(v) : static_cast<U>(v);
  std::string digits;
  do {
    digits.insert(digits.begin(), static_cast<char>('0' + static_cast<int>(u % 10)));
    u /= 10;
  } while (u);
  while (digits.size() < 3) digits.insert(digits.begin(), '0');
  return (neg ? "-" : "") + digits.substr(0, digits.size() - 2) + "." + digits.substr(digits.size() - 2);
}

Int128 line_amount(Int128 unit_minor, Int128 qty_milli) {
  const Int128 p = unit_minor * qty_milli;
  const Int128 a = p < 0 ? -p : p;
  const Int128 q = a / 1000 + (a % 1000 >= 500 ? 1 : 0);
  return p < 0 ? -q : q;
}

struct Generator {
  std::mt19937_64 rng;
  Country country;
  bool near_bounds = false;

  int64_t pick(int64_t lo, int64_t hi) { return std::uniform_int_distribution<int64_t>(lo, hi)(rng); }

  // An amount: ordinary, or (near the bounds) one of the values around them.
  Int128 amount(int64_t ordinary_max) {
    if (!near_bounds || pick(1, 3) == 1) return pick(0, ordinary_max);
    const Int128 b = kMaxAmountMinor;
    const Int128 choices[] = {b, b - 1, b + 1, b / 2, b / 2 + 1, b / 3, INT64_MAX, Int128{INT64_MAX} + 1,
                              Int128{46116860184273904} * 100 + 4, b - pick(0, 1000)};
    return choices[pick(0, 9)];
  }

  Int128 quantity_milli() {
    if (near_bounds && pick(1, 4) == 1) {
      const Int128 choices[] = {kMaxQuantityMilli, kMaxQuantityMilli + 1, 4000, 1};
      return choices[pick(0, 3)];
    }
    return pick(1, 3) == 1 ? pick(1, 5000) : pick(1, 4) * 1000;
  }

  // One receipt as the JSON a till sends, and whether it may pay in cash.
  json receipt(const std::string& id) {
    const std::vector<int> rates = country == Country::kSweden ? std::vector<int>{2500, 1200, 600, 0}
                                                                : std::vector<int>{2500, 1500, 1200, 1111, 0};
    const char* groups[] = {"Kaffe", "Mat", "Öl", "Böcker"};
    json j = {{"id", id}, {"register", "K1"}, {"time", "2026-11-20T12:00:00+01:00"}};
    const bool refund = pick(1, 8) == 1;
    if (refund) j["refund_of"] = "SALE-" + id;
    Int128 due = 0;
    json lines = json::array();
    for (int64_t n = pick(1, 5); n > 0; --n) {
      if (pick(1, 12) == 1) {
        const Int128 a = amount(100000) / 100 * 100 + 100;
        lines.push_back({{"kind", "gift_card_sale"}, {"amount", minor_text(refund ? -a : a)}});
        due += refund ? -a : a;
        continue;
      }
      const Int128 qty = quantity_milli() * (refund ? -1 : 1);
      const Int128 unit = amount(250000);
      const Int128 full = line_amount(unit, qty);
      const Int128 discount = pick(1, 5) == 1 ? (full < 0 ? -full : full) / pick(1, 10) : 0;
      json l = {{"product_group", groups[pick(0, 3)]},
                {"vat_rate", VatRate::from_hundredths(rates[static_cast<size_t>(pick(0, static_cast<int64_t>(rates.size()) - 1))]).to_string()},
                {"quantity", Quantity::from_milli(static_cast<int64_t>(qty)).to_string()},
                {"unit_price", minor_text(unit)}};
      if (discount) l["discount"] = minor_text(discount);
      if (pick(1, 3) == 1) l["cost_price"] = minor_text(amount(100000) / 2);
      lines.push_back(l);
      due += full < 0 ? full + discount : full - discount;
    }
    j["lines"] = lines;
    Int128 tip = 0;
    if (!refund && pick(1, 4) == 1) tip = amount(20000);
    const Int128 total = due + tip;
    json pays = json::array();
    const int64_t way = pick(1, 4);
    if (way == 1) {
      const Int128 rounded = (total >= 0 ? total + 50 : total - 50) / 100 * 100;  // cash to whole kronor
      pays.push_back({{"method", "cash"}, {"amount", minor_text(rounded)}});
      if (tip) pays.push_back({{"method", "card"}, {"amount", "0.00"}});
    } else if (way == 2 && total > 2) {
      const Int128 part = total / 3;
      pays.push_back({{"method", "gift_card"}, {"amount", minor_text(part)}});
      pays.push_back({{"method", "card"}, {"amount", minor_text(total - part)}});
    } else {
      pays.push_back({{"method", country == Country::kSweden ? "swish" : "vipps"}, {"amount", minor_text(total - tip)}});
      if (tip) pays.push_back({{"method", "card"}, {"amount", minor_text(tip)}});
    }
    j["payments"] = pays;
    if (tip) j["tip"] = {{"method", "card"}, {"amount", minor_text(tip)}};
    return j;
  }
};

// What a day's receipts add up to, in 128 bits, from the receipts' own fields.
struct ReferenceSums {
  Int128 sales = 0, payments = 0, redeemed = 0, tips = 0, gift_cards = 0, rounding = 0;
  std::map<int, Int128> vat;  // per rate, VAT computed once per receipt and rate

  void add(const Receipt& r) {
    std::map<int, Int128> per_rate;
    Int128 receipt_due = 0;
    for (const ReceiptLine& l : r.lines) {
      if (l.kind == ReceiptLine::Kind::kGiftCardSale) {
        gift_cards += l.gift_card_amount.minor();
        receipt_due += l.gift_card_amount.minor();
        continue;
      }
      const Int128 full = line_amount(l.unit_price.minor(), l.quantity.milli());
      const Int128 g = full < 0 ? full + l.discount.minor() : full - l.discount.minor();
      per_rate[l.vat_rate.hundredths()] += g;
      sales += g;
      receipt_due += g;
    }
    for (const auto& [rate, g] : per_rate) {
      const Int128 a = (g < 0 ? -g : g) * rate;
      const Int128 d = 10000 + rate;
      const Int128 v = a / d + (a % d >= d - a % d ? 1 : 0);
      vat[rate] += g < 0 ? -v : v;
    }
    Int128 paid = 0;
    for (const Payment& p : r.payments) {
      paid += p.amount.minor();
      if (p.method == kGiftCardMethod) redeemed += p.amount.minor();
      else payments += p.amount.minor();
    }
    if (r.tip) {
      tips += r.tip->amount.minor();
      receipt_due += r.tip->amount.minor();
    }
    rounding += paid - receipt_due;
  }
};

class MoneyProperty : public ::testing::TestWithParam<Country> {};

TEST_P(MoneyProperty, EveryVoucherBalancesAndEqualsItsReceipts) {
  const Country country = GetParam();
  Generator gen{std::mt19937_64(country == Country::kSweden ? 11 : 12), country};
  Mapping mapping(chart_preset(country).mapping);
  for (const char* g : {"Kaffe", "Mat", "Öl", "Böcker"})
    mapping.add({MappingGroup::kProductGroup, g, "", country == Country::kSweden ? "3001" : "3000",
                 Date::from_ymd(2000, 1, 1)});
  mapping.add({MappingGroup::kPayment, "swish", "", "1930", Date::from_ymd(2000, 1, 1)});
  DayVoucherOptions options;
  options.country = country;
  const int days = days_to_run(200);
  int64_t accepted = 0, refused = 0, near_accepted = 0;
  ZGrandTotals grand;
  for (int day = 0; day < days; ++day) {
    gen.near_bounds = day % 4 == 3;
    if (day % 1000 == 0) grand = {};  // so that a million days stay within the grand totals' range
    std::vector<Receipt> receipts;
    ReferenceSums ref;
    for (int64_t i = gen.pick(0, 25); i > 0; --i) {
      const std::string text = gen.receipt("D" + std::to_string(day) + "-" + std::to_string(i)).dump();
      Result<Receipt> r = receipt_from_json_text(text);
      if (!r.ok()) {
        // Only input near the bounds may be refused; ordinary receipts never are.
        ASSERT_TRUE(gen.near_bounds) << r.error().message() << "\n" << text;
        ++refused;
        continue;
      }
      ++accepted;
      near_accepted += gen.near_bounds;
      ref.add(*r);
      receipts.push_back(std::move(*r));
    }
    ZReportInput in;
    in.register_id = "K1";
    in.department = "main";
    in.business_date = Date::from_ymd(2026, 11, 20);
    in.opening_float = Money::from_minor(150000);
    in.previous_grand_totals = grand;
    if (day % 3 == 0) in.cash_counted = Money::from_minor(150000 + gen.pick(-500, 500));
    Result<ZReport> z = compute_z_report(in, receipts, {});
    ASSERT_TRUE(z.ok()) << z.error().message();  // accepted receipts always close
    grand = z->grand_totals;
    ASSERT_TRUE(check_day_identity(*z).ok()) << check_day_identity(*z).error().message();
    EXPECT_EQ(Int128{z->sales_total.minor()}, ref.sales);
    EXPECT_EQ(Int128{z->rounding.minor()}, ref.rounding);
    for (const ZVatTotal& v : z->vat) EXPECT_EQ(Int128{v.vat.minor()}, ref.vat[v.rate.hundredths()]);

    Result<Voucher> v = build_day_voucher(*z, mapping, options);
    ASSERT_TRUE(v.ok()) << v.error().message();
    if (v->lines.empty()) {
      EXPECT_TRUE(receipts.empty() || (ref.sales == 0 && ref.payments == 0 && ref.redeemed == 0));
      continue;
    }
    ASSERT_TRUE(v->check_balanced().ok()) << v->check_balanced().error().message();
    // The voucher, line kind by line kind, is the sum of its receipts.
    const bool se = country == Country::kSweden;
    Int128 sales_and_vat = 0, paid = 0, redeemed = 0, tips = 0, gift_cards = 0, rounding = 0, cash_diff = 0;
    for (const VoucherLine& l : v->lines) {
      const std::string& t = l.text;
      const Int128 a = l.amount.minor();
      auto starts = [&](const char* p) { return t.rfind(p, 0) == 0; };
      if (starts(se ? "Försäljning " : "Salg ") || starts(se ? "Utgående moms " : "Utgående mva ")) sales_and_vat -= a;
      else if (starts(se ? "Betalsätt " : "Betalingsmåte ")) paid += a;
      else if (starts(se ? "Inlösta presentkort" : "Innløste gavekort")) redeemed += a;
      else if (starts(se ? "Dricks" : "Tips")) tips -= a;
      else if (starts(se ? "Sålda presentkort" : "Solgte gavekort")) gift_cards -= a;
      else if (starts(se ? "Öresavrundning" : "Øreavrunding")) rounding -= a;
      else if (starts(se ? "Kassadifferens" : "Kassedifferanse")) cash_diff += a;
    }
    EXPECT_EQ(sales_and_vat, ref.sales) << "day " << day;
    EXPECT_EQ(paid, ref.payments) << "day " << day;
    EXPECT_EQ(cash_diff, 0);  // the cash over/short pair nets to zero
    EXPECT_EQ(redeemed, ref.redeemed);
    EXPECT_EQ(tips, ref.tips);
    EXPECT_EQ(gift_cards, ref.gift_cards);
    EXPECT_EQ(rounding, ref.rounding);
  }
  // Both kinds of input were met: some near the bounds were booked, some refused.
  EXPECT_GT(accepted, days);
  EXPECT_GT(near_accepted, 0);
  EXPECT_GT(refused, 0);
}

INSTANTIATE_TEST_SUITE_P(BothCountries, MoneyProperty, ::testing::Values(Country::kSweden, Country::kNorway));

}  // namespace
}  // namespace dagbok
