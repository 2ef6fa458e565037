// The command files of the dagbok command. Each adds its subcommands to the
// app; a callback sets `rc` to its exit code (0 when it does not).
#pragma once

#include <CLI/CLI.hpp>

#include "cli/context.h"

namespace dagbok::cli {

// dagbok sie check|convert (cli/sie_commands.cc).
void add_sie_commands(CLI::App& app, Context& ctx, int& rc);

}  // namespace dagbok::cli
