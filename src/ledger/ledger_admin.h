// Who may change a company's ledger, and the changes besides an import:
// undo an import, delete the latest fiscal year, switch the data source.
// Every one of them is checked here, in the library (not only in a UI), and
// written to the import log, refused ones too.
//
//   ledger::Actor anna{user.id, user.email};
//   TRY(ledger::undo_import(store, *ledger, company, anna, 7, clock));
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "core/clock.h"
#include "core/result.h"
#include "store/ledger_records.h"
#include "store/store.h"

namespace dagbok::ledger {

// The acting user, or the local operator (no user id): someone at the
// machine with the database file. The local operator may act only while the
// database has no users at all; once it has, every change names a user with
// the company's import right (AccessPolicy, Action::kImportSie).
struct Actor {
  std::optional<int64_t> user_id;
  std::string label;  // e-mail address, or "local operator"
  static Actor local_operator() { return {std::nullopt, "local operator"}; }
};

// PermissionDenied with a sentence naming the user and the company.
Status check_import_right(Store& store, LedgerStore& ledger, const Company& company, const Actor& actor);

// How long one entry of the log stands for the same refusal for want of the
// right: a user who tries the same action again within the window (from the
// entry's first refusal) adds to its count (repeats, last_at), not a row. A
// user can so add at most one row per action (import, undo, year deletion,
// source switch) per window and company: the log stays bounded and still says
// who tried what, how often and until when.
inline constexpr int64_t kRefusalWindowSeconds = 3600;

// Writes `entry` (outcome and message set) to the log, displayable
// (log_text.h): a PermissionDenied refusal counted into a recent one
// (LedgerStore::append_refusal), anything else as an entry of its own.
Result<int64_t> write_log(LedgerStore& ledger, const LedgerLogEntry& entry, ErrorCode why);

// A log entry stamped with the actor and the time.
LedgerLogEntry log_entry_for(const Company& company, const Actor& actor, LedgerLogEntry::Kind kind,
                             const Clock& clock);

Result<int64_t> set_source(Store& store, LedgerStore& ledger, const Company& company, const Actor& actor,
                           LedgerSource source, const Clock& clock);
Result<int64_t> undo_import(Store& store, LedgerStore& ledger, const Company& company, const Actor& actor,
                            int64_t import_id, const Clock& clock);
Result<LedgerFiscalYear> delete_latest_year(Store& store, LedgerStore& ledger, const Company& company,
                                            const Actor& actor, std::optional<Date> expected_first_day,
                                            const Clock& clock);

}  // namespace dagbok::ledger
