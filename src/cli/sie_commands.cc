// dagbok sie check FILE [--format json] [--strict]
#include <iostream>

#include "cli/commands.h"
#include "formats/sie/sie_check.h"

namespace dagbok::cli {

void add_sie_commands(CLI::App& app, Context& ctx, int& rc) {
  (void)ctx;
  auto* sie = app.add_subcommand("sie", "read and check SIE files (types 1-4, 4I, and SIE 5 XML)");
  sie->require_subcommand(1);

  struct CheckArgs {
    std::string file;
    std::string format = "text";
    bool strict = false;
  };
  auto args = std::make_shared<CheckArgs>();
  auto* check = sie->add_subcommand("check", "validate a SIE file and summarise it; exit 0 valid, 1 invalid");
  check->add_option("FILE", args->file, "the SIE file")->required();
  check->add_option("--format", args->format, "text or json");
  check->add_flag("--strict", args->strict, "also fail on warnings (what a writer must never emit)");
  check->callback([args, &rc] {
    sie::CheckOptions options;
    if (args->strict) options.mode = sie::ParseOptions::Mode::kStrict;
    const sie::CheckReport report = must(sie::check_sie_file(args->file, options));
    std::cout << (args->format == "json" ? report.to_json() : report.to_text());
    if (args->format == "json") std::cout << "\n";
    rc = report.valid ? 0 : 1;
  });
}

}  // namespace dagbok::cli
