// dagbok ledger import FILE [--replace-year] [--as EMAIL]
// dagbok ledger imports [--format json]
// dagbok ledger source [dagbok|sie] [--as EMAIL]
// dagbok ledger undo IMPORT_ID [--as EMAIL]
// dagbok ledger delete-year --latest [--as EMAIL]
// dagbok ledger balances [--year Y] [--format json]   (closing balance per account)
//
// Who acts: --as EMAIL names a user of the database, who needs the company's
// import right. Without --as the command acts as the local operator, which is
// allowed only while the database has no users (a fresh install run by the
// one person at the machine); see doc/ledger.md.
#include <iostream>
#include <nlohmann/json.hpp>

#include "cli/commands.h"
#include "cli/output.h"
#include "ledger/ledger_admin.h"
#include "ledger/sie_import.h"
#include "ledger/year_balances.h"
#include "views/json_views.h"

namespace dagbok::cli {
namespace {

struct LedgerArgs {
  std::string file;
  std::string as;
  bool replace_year = false;
  bool latest = false;
  std::string format = "text";
  std::string source;
  int64_t import_id = 0;
  int year = 0;
};

ledger::Actor actor_of(Context& ctx, const std::string& as) {
  if (as.empty()) return ledger::Actor::local_operator();
  std::optional<User> u = must(ctx.store().find_user_by_email(as));
  if (!u) throw CommandFailed{not_found("there is no user '" + as + "' (`dagbok user add` creates one)")};
  return {u->id, u->email};
}

std::unique_ptr<LedgerStore> open_ledger(Context& ctx) { return must(open_ledger_store(ctx.db_path())); }

int cmd_import(Context& ctx, const LedgerArgs& a) {
  const Company company = ctx.company();
  auto ledger = open_ledger(ctx);
  ledger::ImportOptions options;
  if (a.replace_year) options.replace = LedgerImport::Replace::kReplace;
  ProgressBar bar("importing " + a.file);
  options.progress = [&](uint64_t done, uint64_t total) {
    bar.update(static_cast<int64_t>(done), static_cast<int64_t>(total));
  };
  const ledger::ImportOutcome outcome =
      ledger::import_sie_file(ctx.store(), *ledger, company, actor_of(ctx, a.as), a.file, options, ctx.clock());
  bar.finish();
  if (!outcome.imported()) {
    std::cerr << "dagbok: " << outcome.status.error().message();
    if (outcome.log_entry_id) std::cerr << " (import log entry " << *outcome.log_entry_id << ")";
    std::cerr << "\n";
    for (const std::string& d : outcome.diagnostics) std::cerr << d << "\n";
    return kExitError;
  }
  const LedgerLogEntry* r = &outcome.entry;
  std::cout << "Import " << r->id << ": " << r->file_name << " (" << r->program << ", SIE " << r->sie_type
            << "), fiscal year " << r->fiscal_years << ": " << r->accounts << " accounts, " << r->vouchers
            << " vouchers, " << r->transactions << " transactions in " << r->duration_ms << " ms";
  if (r->warnings > 0) std::cout << "; " << r->warnings << " warning(s)";
  std::cout << "\n";
  return 0;
}

int cmd_imports(Context& ctx, const LedgerArgs& a) {
  const Company company = ctx.company();
  auto ledger = open_ledger(ctx);
  const std::vector<LedgerLogEntry> log = must(ledger->log(company.id, 1000));
  if (a.format == "json") {
    nlohmann::json out = nlohmann::json::array();
    for (const LedgerLogEntry& e : log) out.push_back(views::ledger_log_entry_json(e));  // as the API gives it
    std::cout << out.dump(2) << "\n";
    return 0;
  }
  Table t({"id", "when", "who", "what", "file", "years", "vouchers", "rows", "ms", "result", "message"},
          {true, false, false, false, false, false, true, true, true, false, false});
  for (const LedgerLogEntry& e : log) {
    std::string result(ledger_outcome_name(e.outcome));
    if (e.undone_by) result += " (undone by " + std::to_string(*e.undone_by) + ")";
    if (e.repeats > 0)
      result += " (and " + std::to_string(e.repeats) + " more times" +
                (e.last_at ? ", the last at " + e.last_at->to_utc_string() : std::string()) + ")";
    t.add({std::to_string(e.id), e.at.to_utc_string(), e.actor, std::string(ledger_log_kind_name(e.kind)),
           e.file_name, e.fiscal_years, std::to_string(e.vouchers), std::to_string(e.transactions),
           std::to_string(e.duration_ms), result, e.message});
  }
  std::cout << t.render();
  return 0;
}

int cmd_source(Context& ctx, const LedgerArgs& a) {
  const Company company = ctx.company();
  auto ledger = open_ledger(ctx);
  if (a.source.empty()) {
    std::cout << ledger_source_name(must(ledger->source(company.id))) << "\n";
    return 0;
  }
  const LedgerSource s = must(parse_ledger_source(a.source));
  const int64_t id = must(ledger::set_source(ctx.store(), *ledger, company, actor_of(ctx, a.as), s, ctx.clock()));
  std::cout << "Data source of " << company.name << ": " << ledger_source_name(s) << " (log entry " << id << ")\n";
  return 0;
}

int cmd_undo(Context& ctx, const LedgerArgs& a) {
  const Company company = ctx.company();
  auto ledger = open_ledger(ctx);
  const int64_t id =
      must(ledger::undo_import(ctx.store(), *ledger, company, actor_of(ctx, a.as), a.import_id, ctx.clock()));
  std::cout << "Import " << a.import_id << " undone (log entry " << id << ")\n";
  return 0;
}

int cmd_delete_year(Context& ctx, const LedgerArgs& a) {
  if (!a.latest) throw CommandFailed{invalid_argument("only the latest fiscal year can be deleted: say --latest")};
  const Company company = ctx.company();
  auto ledger = open_ledger(ctx);
  const LedgerFiscalYear y = must(
      ledger::delete_latest_year(ctx.store(), *ledger, company, actor_of(ctx, a.as), std::nullopt, ctx.clock()));
  std::cout << "Deleted fiscal year " << y.first_day.to_string() << " – " << y.last_day.to_string() << " of "
            << company.name << "\n";
  return 0;
}

int cmd_balances(Context& ctx, const LedgerArgs& a) {
  const Company company = ctx.company();
  auto ledger = open_ledger(ctx);
  std::optional<int> year;
  if (a.year != 0) year = a.year;
  const ledger::YearBalances y = must(ledger::load_year_balances(ctx.store(), *ledger, company, year));
  nlohmann::json out = nlohmann::json::object();
  Table t({"account", "name", "opening", "movement", "closing"}, {false, false, true, true, true});
  for (size_t i = 0; i < y.balances.size(); ++i) {
    const ledger::AccountBalance& b = y.balances[i];
    Money moved;
    for (Money m : b.months) moved += m;
    const Money closing = b.opening + moved;
    std::string name;
    for (const ledger::LedgerAccount& acc : y.accounts)
      if (acc.number == b.account) name = acc.name;
    out[b.account] = closing.minor();
    t.add({b.account, name, b.opening.to_string(), moved.to_string(), closing.to_string()});
  }
  if (a.format == "json") {
    std::cout << nlohmann::json({{"first_day", y.year.start.to_string()},
                                 {"last_day", y.year.end.to_string()},
                                 {"closing_minor", out}})
                     .dump(2)
              << "\n";
  } else {
    std::cout << "Fiscal year " << y.year.start.to_string() << " – " << y.year.end.to_string() << "\n" << t.render();
  }
  return 0;
}

}  // namespace

void add_ledger_commands(CLI::App& app, Context& ctx, int& rc) {
  auto a = std::make_shared<LedgerArgs>();
  auto* ledger = app.add_subcommand("ledger", "the ledger: SIE 4 import, import log, undo, fiscal years");
  ledger->require_subcommand(1);
  auto as = [&](CLI::App* c) { c->add_option("--as", a->as, "the acting user (e-mail) with the import right"); };

  auto* imp = ledger->add_subcommand("import", "import a SIE 4 file into the ledger, all or nothing");
  imp->add_option("FILE", a->file, "the SIE 4 file")->required();
  imp->add_flag("--replace-year", a->replace_year, "replace a fiscal year that already holds data");
  as(imp);
  imp->callback([a, &ctx, &rc] { rc = cmd_import(ctx, *a); });

  auto* imports = ledger->add_subcommand("imports", "the import log");
  imports->add_option("--format", a->format, "text or json")->check(CLI::IsMember({"text", "json"}));
  imports->callback([a, &ctx, &rc] { rc = cmd_imports(ctx, *a); });

  auto* source = ledger->add_subcommand("source", "show or set where the ledger's books come from: dagbok or sie");
  source->add_option("SOURCE", a->source, "dagbok (own vouchers, after each day close) or sie (imported files)")
      ->check(CLI::IsMember({"dagbok", "sie"}));
  as(source);
  source->callback([a, &ctx, &rc] { rc = cmd_source(ctx, *a); });

  auto* undo = ledger->add_subcommand("undo", "undo an import (when no later import depends on it)");
  undo->add_option("IMPORT_ID", a->import_id, "the import's id in `dagbok ledger imports`")->required();
  as(undo);
  undo->callback([a, &ctx, &rc] { rc = cmd_undo(ctx, *a); });

  auto* del = ledger->add_subcommand("delete-year", "delete the ledger data of the latest fiscal year");
  del->add_flag("--latest", a->latest, "the latest fiscal year (the only one that can be deleted)")->required();
  as(del);
  del->callback([a, &ctx, &rc] { rc = cmd_delete_year(ctx, *a); });

  auto* bal = ledger->add_subcommand("balances", "opening, movement and closing balance per account of a year");
  bal->add_option("--year", a->year, "the fiscal year starting in this year (default: the latest)");
  bal->add_option("--format", a->format, "text or json")->check(CLI::IsMember({"text", "json"}));
  bal->callback([a, &ctx, &rc] { rc = cmd_balances(ctx, *a); });
}

}  // namespace dagbok::cli
