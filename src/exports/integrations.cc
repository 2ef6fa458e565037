#include "exports/integrations.h"

#include <algorithm>
#include <map>
#include <set>

namespace dagbok {
namespace {

Status log_action(Store& store, const Company& company, const Destination& d, const std::string& result,
                  const std::string& text, Date day, const Clock& clock, int64_t delivery_id = 0) {
  DeliveryAttempt a;
  a.delivery_id = delivery_id;
  a.destination_id = d.id;
  a.destination_kind = d.kind;
  a.business_date = day;
  a.started_at = clock.now();
  a.finished_at = clock.now();
  a.result = result;
  a.error = text;
  return store.log_attempt(a, company.id);
}

// Queues the closed days on or after the destination's from-date that it has
// not had yet (up to `to` when given): one delivery per day.
Result<int> backfill(Store& store, const Company& company, const Destination& d, const Clock& clock,
                     Date from, std::optional<Date> to = std::nullopt) {
  ASSIGN_OR_RETURN(std::vector<ZReportRecord> zs, store.z_reports(company.id, std::max(from, d.from_date), to));
  ASSIGN_OR_RETURN(std::vector<Delivery> had, store.deliveries(company.id, d.id, 1000000));
  std::set<int64_t> covered;
  for (const Delivery& x : had)
    for (int64_t z : x.z_report_ids) covered.insert(z);
  std::map<Date, std::vector<int64_t>> by_day;
  for (const ZReportRecord& z : zs)
    if (!covered.count(z.id)) by_day[z.report.business_date].push_back(z.id);
  std::vector<Delivery> queue;
  for (const auto& [day, ids] : by_day) queue.push_back(day_delivery(d, day, ids, {}, clock.now()));
  return store.enqueue_deliveries(queue);
}

}  // namespace

Result<Destination> find_destination(Store& store, const Company& company, const std::string& kind) {
  ASSIGN_OR_RETURN(std::vector<Destination> all, store.destinations(company.id));
  for (const Destination& d : all)
    if (d.kind == kind) return d;
  return not_found("the integration '" + kind + "' has not been activated for " + company.name +
                   " (dagbok integrations activate " + kind + " …)");
}

Result<ActivationResult> activate_integration(Store& store, const Company& company, const IntegrationSpec& spec,
                                              const Clock& clock) {
  Destination d;
  Result<Destination> existing = find_destination(store, company, spec.kind);
  if (existing.ok()) {
    d = *existing;
    if (d.active) return already_exists("the integration '" + spec.kind + "' is already active; change it with "
                                        "`dagbok integrations settings " + spec.kind + "`");
    if (d.from_date_locked && spec.from_date != d.from_date)
      return failed_precondition("the start date of '" + spec.kind + "' was saved as " + d.from_date.to_string() +
                                 " and cannot change");
  }
  d.company_id = company.id;
  d.kind = spec.kind;
  d.active = true;
  d.from_date = spec.from_date;
  d.from_date_locked = d.from_date_locked || spec.lock_from_date;
  d.schedule = spec.schedule;
  d.max_attempts = spec.max_attempts;
  d.settings_json = spec.settings_json;
  d.sealed_secret = spec.sealed_secret;
  ASSIGN_OR_RETURN(d.id, store.save_destination(d));
  ASSIGN_OR_RETURN(int queued, backfill(store, company, d, clock, d.from_date));
  TRY(log_action(store, company, d, "activated",
                 "from " + d.from_date.to_string() + "; " + std::to_string(queued) + " closed day(s) queued",
                 d.from_date, clock));
  return ActivationResult{d, queued};
}

Result<Destination> change_integration(Store& store, const Company& company, const std::string& kind,
                                       const IntegrationChange& change, const Clock& clock) {
  ASSIGN_OR_RETURN(Destination d, find_destination(store, company, kind));
  if (change.from_date && *change.from_date != d.from_date) {
    if (d.from_date_locked)
      return failed_precondition("the start date of '" + kind + "' was saved as " + d.from_date.to_string() +
                                 " and cannot change after saving");
    d.from_date = *change.from_date;
  }
  if (change.schedule) d.schedule = *change.schedule;
  if (change.settings_json) d.settings_json = *change.settings_json;
  if (change.sealed_secret) d.sealed_secret = *change.sealed_secret;
  TRY(store.save_destination(d));
  if (d.active) TRY(backfill(store, company, d, clock, d.from_date));
  TRY(log_action(store, company, d, "settings", "settings changed", d.from_date, clock));
  return d;
}

Status deactivate_integration(Store& store, const Company& company, const std::string& kind, const Clock& clock) {
  ASSIGN_OR_RETURN(Destination d, find_destination(store, company, kind));
  if (!d.active) return failed_precondition("the integration '" + kind + "' is not active");
  d.active = false;
  TRY(store.save_destination(d));
  return log_action(store, company, d, "deactivated", "undelivered exports wait until it is activated again",
                    d.from_date, clock);
}

Result<int> request_manual_export(Store& store, const Company& company, const std::string& kind, const Clock& clock,
                                  const ExportRange& range) {
  if (range.from && range.to && *range.to < *range.from)
    return invalid_argument("the export's last day " + range.to->to_string() + " is before its first day " +
                            range.from->to_string());
  ASSIGN_OR_RETURN(Destination d, find_destination(store, company, kind));
  if (!d.active) return failed_precondition("the integration '" + kind + "' is not active; activate it first");
  if (range.to && *range.to < d.from_date)
    return failed_precondition("the integration '" + kind + "' sends days from its start date " +
                               d.from_date.to_string() + "; nothing up to " + range.to->to_string() + " is sent");
  const Date from = range.from ? std::max(*range.from, d.from_date) : d.from_date;
  TRY(backfill(store, company, d, clock, from, range.to));
  ASSIGN_OR_RETURN(int n, store.release_for_manual_export(d.id, clock.now(),
                                                                range.from ? std::optional<Date>(from) : std::nullopt, range.to));
  const std::string days =
      range.from || range.to ? " (days " + from.to_string() + " to " + (range.to ? range.to->to_string() : "") + ")"
                             : "";
  TRY(log_action(store, company, d, "manual", std::to_string(n) + " undelivered export(s) made due now" + days,
                 from, clock));
  return n;
}

Result<Delivery> resend_day(Store& store, const Company& company, const std::string& kind, Date day,
                            const Clock& clock) {
  ASSIGN_OR_RETURN(Destination d, find_destination(store, company, kind));
  if (!d.active) return failed_precondition("the integration '" + kind + "' is not active; activate it first");
  ASSIGN_OR_RETURN(std::vector<ZReportRecord> zs, store.z_reports(company.id, day, day));
  if (zs.empty()) return not_found(day.to_string() + " has not been closed, so there is nothing to send");
  ASSIGN_OR_RETURN(std::vector<Delivery> had, store.deliveries(company.id, d.id, 1000000));
  int resends = 0;
  for (const Delivery& x : had) resends += x.kind == "resend" && x.business_date == day;
  std::vector<int64_t> z_ids;
  for (const ZReportRecord& z : zs) z_ids.push_back(z.id);
  Delivery x = day_delivery(d, day, z_ids, {}, clock.now());
  x.kind = "resend";
  x.idempotency_key += "/resend" + std::to_string(resends + 1);
  x.manual = true;
  TRY(store.enqueue_deliveries({x}));
  ASSIGN_OR_RETURN(std::vector<Delivery> now_had, store.deliveries(company.id, d.id, 1));
  TRY(log_action(store, company, d, "resend", "re-send of " + day.to_string() + " requested", day, clock,
                 now_had.empty() ? 0 : now_had[0].id));
  return now_had.empty() ? x : now_had[0];
}

}  // namespace dagbok
