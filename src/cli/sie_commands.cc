// dagbok sie check FILE [--format json] [--strict]
// dagbok sie convert FILE --to json|csv|ledger|beancount [-o OUT] [--force]
#include <iostream>

#include "cli/commands.h"
#include "formats/convert/beancount_journal.h"
#include "formats/convert/ledger_journal.h"
#include "formats/convert/sie_csv.h"
#include "formats/convert/sie_json.h"
#include "formats/sie/sie_check.h"
#include "formats/sie/sie_reader.h"

namespace dagbok::cli {
namespace {

struct ConvertArgs {
  std::string file;
  std::string to;
  std::string output;
  bool force = false;
};

// Reads tolerantly; a file that breaks the standard is converted only with
// --force, and its diagnostics go to stderr either way.
int cmd_convert(Context& ctx, const ConvertArgs& args) {
  const sie::ReadResult read = must(sie::read_sie_file(args.file, {}, ctx.file_system()));
  if (read.errors > 0) {
    for (const sie::Diagnostic& d : read.diagnostics) std::cerr << d.to_string() << "\n";
    if (read.errors + read.warnings > read.diagnostics.size())
      std::cerr << "(" << read.errors + read.warnings - read.diagnostics.size() << " more not shown)\n";
    if (!args.force) {
      std::cerr << args.file << ": " << read.errors << " error(s): not converted. Correct the file, or convert "
                << "it as it is with --force (an unbalanced voucher's difference is then booked to "
                << "Equity:Unbalanced).\n";
      return kExitError;
    }
    std::cerr << args.file << ": " << read.errors << " error(s); converting anyway (--force)\n";
  } else if (read.warnings > 0) {
    std::cerr << args.file << ": " << read.warnings << " warning(s); `dagbok sie check " << args.file
              << "` lists them\n";
  }

  convert::ConvertOptions options;
  if (args.force) options.unbalanced = convert::UnbalancedVouchers::kBookDifference;
  Result<std::string> text = internal_error("no converter for '" + args.to + "'");
  if (args.to == "json")
    text = convert::to_json(read.document);
  else if (args.to == "csv")
    text = convert::to_csv(read.document);
  else if (args.to == "ledger")
    text = convert::to_ledger(read.document, options);
  else if (args.to == "beancount")
    text = convert::to_beancount(read.document, options);
  if (!text.ok()) throw CommandFailed{std::move(text).error().with_context("converting " + args.file)};

  if (args.output.empty() || args.output == "-") {
    std::cout << *text;
  } else {
    write_file(ctx, args.output, *text);
    std::cout << "Wrote " << args.output << " (" << args.to << ": " << read.document.accounts.size() << " accounts, "
              << read.document.vouchers.size() << " vouchers)\n";
  }
  return 0;
}

}  // namespace

void add_sie_commands(CLI::App& app, Context& ctx, int& rc) {
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
  check->callback([args, &rc, &ctx] {
    sie::CheckOptions options;
    if (args->strict) options.mode = sie::ParseOptions::Mode::kStrict;
    const sie::CheckReport report = must(sie::check_sie_file(args->file, options, ctx.file_system()));
    std::cout << (args->format == "json" ? report.to_json() : report.to_text());
    if (args->format == "json") std::cout << "\n";
    rc = report.valid ? 0 : 1;
  });

  auto cargs = std::make_shared<ConvertArgs>();
  auto* convert = sie->add_subcommand(
      "convert", "convert a SIE file to JSON, CSV (Excel, ';' and decimal comma), a ledger or a beancount journal");
  convert->add_option("FILE", cargs->file, "the SIE file")->required();
  convert->add_option("--to", cargs->to, "json, csv, ledger or beancount")
      ->required()
      ->check(CLI::IsMember({"json", "csv", "ledger", "beancount"}));
  convert->add_option("-o,--output", cargs->output, "write here instead of to standard output");
  convert->add_flag("--force", cargs->force, "convert even a file with errors");
  convert->callback([cargs, &rc, &ctx] { rc = cmd_convert(ctx, *cargs); });
}

}  // namespace dagbok::cli
