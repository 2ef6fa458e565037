#include "ledger/ledger_admin.h"

#include "auth/access_policy.h"
#include "ledger/log_text.h"

namespace dagbok::ledger {
namespace {

// Logs a refusal or failure (the ledger itself is unchanged) and hands the
// error back.
Error logged(LedgerStore& ledger, LedgerLogEntry entry, Error error) {
  entry.outcome = error.code() == ErrorCode::kPermissionDenied || error.code() == ErrorCode::kFailedPrecondition ||
                          error.code() == ErrorCode::kNotFound || error.code() == ErrorCode::kAlreadyExists
                      ? LedgerLogEntry::Outcome::kRefused
                      : LedgerLogEntry::Outcome::kFailed;
  entry.message = error.message();
  (void)write_log(ledger, entry, error.code());
  return error;
}

}  // namespace

Result<int64_t> write_log(LedgerStore& ledger, const LedgerLogEntry& entry, ErrorCode why) {
  const LedgerLogEntry shown = displayable_entry(entry);
  if (why == ErrorCode::kPermissionDenied && shown.outcome == LedgerLogEntry::Outcome::kRefused)
    return ledger.append_refusal(shown, kRefusalWindowSeconds);
  return ledger.append_log(shown);
}

Status check_import_right(Store& store, LedgerStore& ledger, const Company& company, const Actor& actor) {
  if (!actor.user_id) {
    ASSIGN_OR_RETURN(int64_t users, ledger.user_count());
    if (users == 0) return ok_status();
    return permission_denied("this database has users, so a change to the ledger must name one (--as EMAIL) who has "
                             "the import right for " + company.name);
  }
  auth::Principal p;
  p.kind = auth::Principal::Kind::kUser;
  p.user_id = *actor.user_id;
  ASSIGN_OR_RETURN(p.memberships, store.memberships(*actor.user_id));
  if (!auth::AccessPolicy::allows(p, company.id, auth::Action::kImportSie))
    return permission_denied(actor.label + " may not import or change the ledger of " + company.name +
                             ": an owner can grant the import right (Företag → Användare, or "
                             "`dagbok user grant … --import-right`)");
  return ok_status();
}

LedgerLogEntry log_entry_for(const Company& company, const Actor& actor, LedgerLogEntry::Kind kind,
                             const Clock& clock) {
  LedgerLogEntry e;
  e.company_id = company.id;
  e.kind = kind;
  e.at = clock.now();
  e.user_id = actor.user_id;
  e.actor = actor.label;
  return e;
}

Result<int64_t> set_source(Store& store, LedgerStore& ledger, const Company& company, const Actor& actor,
                           LedgerSource source, const Clock& clock) {
  LedgerLogEntry e = log_entry_for(company, actor, LedgerLogEntry::Kind::kSource, clock);
  e.message = "data source set to " + std::string(ledger_source_name(source));
  if (Status s = check_import_right(store, ledger, company, actor); !s.ok()) return logged(ledger, e, s.error());
  Result<int64_t> r = ledger.set_source(company.id, source, displayable_entry(e));
  if (!r.ok()) return logged(ledger, e, r.error());
  return r;
}

Result<int64_t> undo_import(Store& store, LedgerStore& ledger, const Company& company, const Actor& actor,
                            int64_t import_id, const Clock& clock) {
  LedgerLogEntry e = log_entry_for(company, actor, LedgerLogEntry::Kind::kUndo, clock);
  e.target_id = import_id;
  e.message = "undid import " + std::to_string(import_id);
  if (Status s = check_import_right(store, ledger, company, actor); !s.ok()) return logged(ledger, e, s.error());
  Result<std::optional<LedgerLogEntry>> target = ledger.log_entry(company.id, import_id);
  if (target.ok() && *target) {
    e.file_name = (*target)->file_name;
    e.fiscal_years = (*target)->fiscal_years;
  }
  Result<int64_t> r = ledger.undo_import(company.id, import_id, displayable_entry(e));
  if (!r.ok()) return logged(ledger, e, r.error());
  ASSIGN_OR_RETURN(LedgerSource source, ledger.source(company.id));
  // A replaced year of dagbok's own vouchers comes back with its rows; any
  // voucher booked meanwhile is brought in now.
  if (source == LedgerSource::kDagbok) TRY(ledger.sync_own_vouchers(company.id));
  return r;
}

Result<LedgerFiscalYear> delete_latest_year(Store& store, LedgerStore& ledger, const Company& company,
                                            const Actor& actor, std::optional<Date> expected_first_day,
                                            const Clock& clock) {
  LedgerLogEntry e = log_entry_for(company, actor, LedgerLogEntry::Kind::kDeleteYear, clock);
  e.message = "deleted the latest fiscal year";
  if (Status s = check_import_right(store, ledger, company, actor); !s.ok()) return logged(ledger, e, s.error());
  Result<LedgerFiscalYear> r = ledger.delete_latest_year(company.id, expected_first_day, displayable_entry(e));
  if (!r.ok()) return logged(ledger, e, r.error());
  return r;
}

}  // namespace dagbok::ledger
