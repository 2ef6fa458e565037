// The command files of the dagbok command. Each adds its subcommands to the
// app; a callback sets `rc` to its exit code (0 when it does not).
#pragma once

#include <CLI/CLI.hpp>

#include "cli/context.h"

namespace dagbok::cli {

// dagbok sie check|convert (cli/sie_commands.cc).
void add_sie_commands(CLI::App& app, Context& ctx, int& rc);

// dagbok integrations …, exports …, notifications …, worker, secret seal,
// export sie --mail-to (cli/export_commands.cc).
void add_export_commands(CLI::App& app, Context& ctx, int& rc);

// dagbok user …, token …, serve (cli/server_commands.cc).
void add_server_commands(CLI::App& app, Context& ctx, int& rc);

// dagbok ledger import|imports|source|undo|delete-year|balances (cli/ledger_commands.cc).
void add_ledger_commands(CLI::App& app, Context& ctx, int& rc);

// dagbok report income|balance|trial|keyfigures|monthly|chart (cli/report_commands.cc).
void add_report_commands(CLI::App& app, Context& ctx, int& rc);

// "Skicka SIE-fil": sends the SIE file of [from, to] at once through the kind
// that can send files (e-mail) and writes it to the export log.
int send_sie_file(Context& ctx, const Company& company, Date from, Date to, const std::string& recipient);

}  // namespace dagbok::cli
