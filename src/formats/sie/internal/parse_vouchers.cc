// Vouchers: #VER, the braces of its block, its rows (#TRANS #RTRANS #BTRANS)
// and the checks when it closes (balance, #RTRANS twins, series order).
#include "formats/sie/internal/parser_impl.h"

#include <algorithm>
#include <string>

namespace dagbok::sie {

using internal::all_digits;

namespace {

__extension__ typedef unsigned __int128 UInt128;

std::string format_minor(Int128 v) {
  // Sums of many int64 amounts need 128 bits; print them exactly.
  const bool negative = v < 0;
  UInt128 u = negative ? static_cast<UInt128>(-v) : static_cast<UInt128>(v);
  std::string digits;
  do {
    digits += static_cast<char>('0' + static_cast<int>(u % 10));
    u /= 10;
  } while (u > 0);
  while (digits.size() < 3) digits += '0';
  std::reverse(digits.begin(), digits.end());
  digits.insert(digits.size() - 2, ".");
  return negative ? "-" + digits : digits;
}

}  // namespace

// ---- vouchers ---------------------------------------------------------------------------

void SieParser::Impl::on_ver() {
  Voucher& v = voucher_;
  // Keep the rows' buffers for the next voucher: steady state allocates nothing.
  for (Transaction& t : v.transactions) pool_.push_back(std::move(t));
  v.transactions.clear();
  voucher_line_ = line_no_;
  voucher_sum_ = 0;
  voucher_debit_ = 0;
  voucher_credit_ = 0;
  voucher_rows_ = 0;
  voucher_amount_bad_ = false;
  twin_line_ = 0;
  state_ = State::kAfterVer;
  text(arg(0), v.series);
  text(arg(1), v.number);
  if (!date(arg(2), "the voucher date", v.date)) v.date = Date();
  text(arg(3), v.text, true);
  optional_date(arg(4), "the registration date", v.reg_date);
  text(arg(5), v.sign, true);
  if (arg(0) == nullptr || arg(1) == nullptr)
    error(nullptr, "the voucher needs a series and a number (write \"\" \"\" to let the receiver number it)");

  if (have_fy_ && (v.date < fy_min_ || fy_max_ < v.date) && arg(2) != nullptr)
    warning(arg(2), "the voucher date " + v.date.to_string() + " is outside the fiscal years declared by #RAR (" +
                        fy_min_.to_string() + " – " + fy_max_.to_string() + ")");

  // §#VER 7: numbered vouchers of one series in ascending order.
  if (all_digits(v.number) && v.number.size() <= 18) {
    uint64_t n = 0;
    for (char c : v.number) n = n * 10 + static_cast<uint64_t>(c - '0');
    auto [it, inserted] = series_.try_emplace(v.series, SeriesState{n, line_no_});
    if (!inserted) {
      const std::string name = (v.series.empty() ? "" : v.series + " ") + v.number;
      if (n == it->second.last)
        warning(arg(1), "voucher " + name + " has the same number as the voucher on line " +
                            std::to_string(it->second.line));
      else if (n < it->second.last)
        warning(arg(1), "voucher " + name + " comes after number " + std::to_string(it->second.last) +
                            " of the same series (line " + std::to_string(it->second.line) +
                            "); vouchers of a series should be in ascending order");
      it->second = SeriesState{n, line_no_};
    }
  }
}

void SieParser::Impl::on_open_brace() {
  if (state_ == State::kAfterVer) {
    state_ = State::kInBlock;
    return;
  }
  if (state_ == State::kInBlock)
    report(Severity::kError, 0, "a second '{' inside the voucher on line " + std::to_string(voucher_line_));
  else
    report(Severity::kError, 0, "'{' without a #VER before it");
}

void SieParser::Impl::on_close_brace() {
  if (state_ == State::kInBlock || state_ == State::kAfterVer) {
    if (state_ == State::kAfterVer)
      report(Severity::kError, 0, "'}' without the '{' that opens the voucher on line " + std::to_string(voucher_line_));
    close_voucher();
    return;
  }
  report(Severity::kError, 0, "'}' without a voucher to close");
}

void SieParser::Impl::fail_pending_twin() {
  if (twin_line_ == 0) return;
  file_report(Severity::kError, twin_line_, "#RTRANS",
              "the added row is not followed by its #TRANS twin (same account, objects and amount), which the "
              "standard requires for older programs; the #RTRANS row is used");
  twin_line_ = 0;
}

void SieParser::Impl::on_row(Label label) {
  if (state_ == State::kTop) {
    error(nullptr, "a voucher row outside a voucher; rows belong between the '{' and '}' that follow a #VER");
    return;
  }
  Transaction& t = row_;
  t.kind = label == Label::kTrans    ? Transaction::Kind::kTrans
           : label == Label::kRtrans ? Transaction::Kind::kRTrans
                                     : Transaction::Kind::kBTrans;
  if (!need(0, "the account number")) return;
  account_code(arg(0), t.account);
  size_t next = 1;
  t.objects.clear();
  if (arg(1) != nullptr && arg(1)->kind == Field::Kind::kList) {
    objects(arg(1), t.objects);
    next = 2;
  } else {
    error(arg(1), "the object list is missing; write {} when the row has no objects, as in " +
                      std::string(info_->syntax));
  }
  const bool amount_ok = amount(arg(next), "the amount", t.amount);
  optional_date(arg(next + 1), "the transaction date", t.date);
  // Free texts are not decoded when skipped (sie check), except where a
  // #TRANS twin is compared with its #RTRANS: there the text counts.
  const bool twin_text =
      t.kind == Transaction::Kind::kRTrans || (t.kind == Transaction::Kind::kTrans && twin_line_ != 0);
  text(arg(next + 2), t.text, !twin_text);
  quantity(arg(next + 3), t.quantity);
  text(arg(next + 4), t.sign, true);

  if (t.kind == Transaction::Kind::kTrans && twin_line_ != 0) {
    const Transaction& r = twin_row_;
    if (amount_ok && r.account == t.account && r.objects == t.objects && r.amount == t.amount) {
      if (r.date != t.date || r.text != t.text || r.quantity != t.quantity)
        warning(nullptr, "this #TRANS twin of the #RTRANS on line " + std::to_string(twin_line_) +
                             " differs from it in date, text or quantity; the #RTRANS is used");
      twin_line_ = 0;
      return;  // the twin: already counted as the #RTRANS
    }
    fail_pending_twin();
  } else if (twin_line_ != 0) {
    fail_pending_twin();
  }

  use_account(t.account);
  if (!amount_ok) voucher_amount_bad_ = true;
  if (t.kind != Transaction::Kind::kBTrans) {
    voucher_sum_ += t.amount.minor();
    (t.amount.is_negative() ? voucher_credit_ : voucher_debit_) += t.amount.minor();
  }
  ++voucher_rows_;
  if (!options_.voucher_rows) {
    // check: the handler gets the voucher without its rows.
  } else if (pool_.empty()) {
    voucher_.transactions.push_back(t);
  } else {
    pool_.back() = t;  // copy-assignment reuses the pooled strings' capacity
    voucher_.transactions.push_back(std::move(pool_.back()));
    pool_.pop_back();
  }
  switch (t.kind) {
    case Transaction::Kind::kTrans: ++summary_.rows; break;
    case Transaction::Kind::kRTrans:
      ++summary_.rows;
      ++summary_.added_rows;
      twin_line_ = line_no_;
      twin_row_ = t;
      break;
    case Transaction::Kind::kBTrans: ++summary_.removed_rows; break;
  }
}

void SieParser::Impl::close_voucher() {
  fail_pending_twin();
  state_ = State::kTop;
  const Voucher& v = voucher_;
  const std::string name = "#VER";
  if (voucher_rows_ == 0) {
    file_report(Severity::kWarning, voucher_line_, name, "the voucher has no rows");
  } else if (voucher_sum_ != 0 && !voucher_amount_bad_) {
    const Int128 debit = voucher_debit_, credit = voucher_credit_;
    file_report(Severity::kError, voucher_line_, name,
                "voucher " + (v.series.empty() ? "" : v.series + " ") + v.number + " does not balance: its rows sum to " +
                    format_minor(voucher_sum_) + " (debit " + format_minor(debit) + ", credit " + format_minor(credit) +
                    "); the rows of a voucher must sum to 0");
  }
  ++summary_.vouchers;
  if (!summary_.first_voucher_date || v.date < *summary_.first_voucher_date) summary_.first_voucher_date = v.date;
  if (!summary_.last_voucher_date || *summary_.last_voucher_date < v.date) summary_.last_voucher_date = v.date;
  handler_.on_voucher(v);
}

}  // namespace dagbok::sie
