#include "pipeline/day_close.h"

#include "books/day_voucher.h"
#include "core/business_day.h"
#include "text/words.h"

namespace dagbok {
namespace {

constexpr int kCloseAttempts = 5;

DayVoucherOptions voucher_options(const Company& c) { return {c.country, c.sales_by}; }

Result<std::vector<RegisterClose>> prepare(Store& store, const Company& company, const CloseRequest& req,
                                           const std::vector<RegisterInfo>& registers, const Mapping& mapping,
                                           const Clock& clock) {
  std::vector<RegisterClose> out;
  for (const RegisterInfo& reg : registers) {
    ASSIGN_OR_RETURN(std::vector<StoredReceipt> stored, store.receipts_to_close(company.id, reg.code, req.day));
    ASSIGN_OR_RETURN(std::optional<ZReportRecord> last, store.last_z_report(company.id, reg.code));
    ZReportInput in;
    in.company_name = company.name;
    in.orgnr = company.orgnr;
    in.register_id = reg.code;
    in.department = reg.department;
    in.number = last ? last->report.number + 1 : 1;
    in.business_date = req.day;
    in.produced_at = clock.now();
    if (last) in.previous_grand_totals = last->report.grand_totals;
    auto f = req.opening_float.find(reg.code);
    in.opening_float = f != req.opening_float.end() ? f->second : reg.default_float;
    if (auto c = req.cash_counted.find(reg.code); c != req.cash_counted.end()) in.cash_counted = c->second;
    std::vector<Receipt> receipts;
    std::vector<ZLateReceipt> late;
    RegisterClose rc;
    for (StoredReceipt& s : stored) {
      if (s.late || s.business_date != req.day) late.push_back({s.receipt.id, s.business_date});
      rc.receipt_ids.push_back(s.receipt.id);
      receipts.push_back(std::move(s.receipt));
    }
    ASSIGN_OR_RETURN(rc.report, compute_z_report(in, receipts, late));
    TRY(check_day_identity(rc.report));
    rc.expected_number = in.number;
    rc.float_to_remember = in.opening_float;
    Result<Voucher> v = build_day_voucher(rc.report, mapping, voucher_options(company));
    if (v.ok()) {
      v->created_at = clock.now();
      if (!v->lines.empty()) rc.voucher = std::move(*v);
    } else if (v.error().code() == ErrorCode::kFailedPrecondition) {
      rc.voucher_blocked = v.error().message();
    } else {
      return std::move(v).error();
    }
    out.push_back(std::move(rc));
  }
  return out;
}

}  // namespace

Result<CloseOutcome> close_day(Store& store, const Company& company, const CloseRequest& req, const Clock& clock) {
  ASSIGN_OR_RETURN(TimeZone tz, TimeZone::load(company.timezone));
  ASSIGN_OR_RETURN(BusinessCalendar cal, BusinessCalendar::create(tz, company.day_break_minutes));
  const Instant end = cal.day_end(req.day);
  if (clock.now() < end)
    return failed_precondition("business day " + req.day.to_string() + " has not ended yet: it ends at " +
                               end.to_string_with_offset(tz.offset_at(end)));

  ASSIGN_OR_RETURN(MasterData md, store.master_data(company.id));
  if (req.department && !md.departments.count(*req.department))
    return not_found("there is no department '" + *req.department + "' (departments are created by receipts)");
  for (const auto* m : {&req.cash_counted, &req.opening_float})
    for (const auto& [code, amount] : *m)
      if (!md.registers.count(code))
        return not_found("there is no register '" + code + "' (registers are created by receipts)");

  for (int attempt = 1;; ++attempt) {
    ASSIGN_OR_RETURN(std::set<std::string> closed, store.closed_registers(company.id, req.day));
    std::vector<RegisterInfo> to_close;
    bool any_in_scope = false;
    for (const auto& [code, reg] : md.registers) {
      if (req.department && reg.department != *req.department) continue;
      if (reg.first_business_date > req.day) continue;
      any_in_scope = true;
      if (!closed.count(code)) to_close.push_back(reg);
    }
    const std::string scope = req.department ? " for department '" + *req.department + "'" : "";
    if (!any_in_scope)
      return failed_precondition("there are no registers" + scope + " on " + req.day.to_string() +
                                 " to close (a register exists from the day of its first receipt)");
    if (to_close.empty())
      return already_exists("business day " + req.day.to_string() + scope +
                            " is already closed; a closed day cannot be closed again (later receipts go on the "
                            "next day's Z-report)");

    ASSIGN_OR_RETURN(Mapping mapping, store.mapping(company.id));
    ASSIGN_OR_RETURN(std::vector<RegisterClose> prepared, prepare(store, company, req, to_close, mapping, clock));
    std::vector<std::string> blocked;
    for (const RegisterClose& rc : prepared)
      if (!rc.voucher_blocked.empty()) blocked.push_back(rc.voucher_blocked);
    // One transaction: the Z-reports, their vouchers, each voucher posted to
    // the ledger (the rule: books/ledger_posting.h), the receipts marked
    // booked and the outbox rows.
    Result<std::vector<ClosedRegister>> written = store.write_day_close(company.id, req.day, prepared, clock.now());
    if (!written.ok()) {
      if (written.error().code() == ErrorCode::kAborted && attempt < kCloseAttempts) continue;
      return std::move(written).error();
    }
    CloseOutcome out;
    out.blocked = std::move(blocked);
    for (size_t i = 0; i < prepared.size(); ++i) {
      ClosedReport cr;
      cr.record.id = (*written)[i].z_report_id;
      cr.record.report = prepared[i].report;
      cr.record.report.number = (*written)[i].z_number;
      cr.record.voucher_id = (*written)[i].voucher_id;
      cr.record.voucher_blocked = prepared[i].voucher_blocked;
      if ((*written)[i].voucher_id) cr.voucher_number = (*written)[i].voucher_number;
      out.reports.push_back(std::move(cr));
    }
    return out;
  }
}

Result<BookOutcome> book_blocked_vouchers(Store& store, const Company& company, const Clock& clock) {
  ASSIGN_OR_RETURN(std::vector<ZReportRecord> all, store.z_reports(company.id, std::nullopt, std::nullopt));
  ASSIGN_OR_RETURN(Mapping mapping, store.mapping(company.id));
  BookOutcome out;
  for (const ZReportRecord& z : all) {
    if (z.voucher_id || z.voucher_blocked.empty()) continue;
    Result<Voucher> v = build_day_voucher(z.report, mapping, voucher_options(company));
    if (!v.ok()) {
      if (v.error().code() != ErrorCode::kFailedPrecondition) return std::move(v).error();
      TRY(store.set_voucher_blocked(company.id, z.id, v.error().message()));
      out.still_blocked.push_back(v.error().message());
      continue;
    }
    v->created_at = clock.now();
    if (v->lines.empty()) {
      TRY(store.set_voucher_blocked(company.id, z.id, ""));
      continue;
    }
    // Booked and posted to the ledger (books/ledger_posting.h) in one transaction.
    TRY(store.book_blocked_voucher(company.id, z.id, std::move(*v)));
    ++out.booked;
  }
  return out;
}

Result<std::vector<Correction>> correct_day(Store& store, const Company& company, Date day,
                                            const std::optional<std::string>& register_code, const Clock& clock) {
  ASSIGN_OR_RETURN(TimeZone tz, TimeZone::load(company.timezone));
  ASSIGN_OR_RETURN(std::vector<ZReportRecord> zs, store.z_reports(company.id, day, day));
  if (zs.empty()) return not_found(day.to_string() + " has not been closed; there is nothing to correct");
  ASSIGN_OR_RETURN(Mapping mapping, store.mapping(company.id));
  const text::Language lang = text::language_of(company.country);
  const Date today = tz.to_local(clock.now()).date;
  std::vector<Correction> out;
  for (const ZReportRecord& z : zs) {
    if (register_code && z.report.register_id != *register_code) continue;
    if (!z.voucher_id) continue;  // blocked or empty: booked by book_blocked_vouchers
    ASSIGN_OR_RETURN(Voucher current, store.current_voucher(company.id, *z.voucher_id));
    ASSIGN_OR_RETURN(Voucher rebuilt, build_day_voucher(z.report, mapping, voucher_options(company)));
    if (same_bookings(current, rebuilt)) continue;
    const std::string ref = current.series + " " + std::to_string(current.number);
    Voucher reversal = current.reversed();
    reversal.date = today;
    reversal.created_at = clock.now();
    reversal.z_report_id = z.id;
    reversal.text = text::fill(text::word(lang, text::Word::kVoucherReversal), {ref, current.text});
    Voucher corrected = rebuilt;
    corrected.date = today;
    corrected.created_at = clock.now();
    corrected.z_report_id = z.id;
    corrected.text = text::fill(text::word(lang, text::Word::kVoucherCorrected), {rebuilt.text, ref});
    // One transaction: both vouchers, posted to the ledger (books/ledger_posting.h),
    // and their outbox rows.
    ASSIGN_OR_RETURN(auto booked, store.book_correction(company.id, current, day, reversal, corrected, clock.now()));
    out.push_back({z.report.register_id, z.report.number, current, booked.first, booked.second});
  }
  return out;
}

}  // namespace dagbok
