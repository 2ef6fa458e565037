#include "formats/sie/sie5_reader.h"

namespace dagbok::sie {

Result<ReadResult> read_sie5(std::string_view, const ReadOptions& options) {
  return failed_precondition((options.file_name.empty() ? std::string("the file") : options.file_name) +
                             " is SIE 5 (XML); this version of dagbok reads SIE 1-4 only");
}

Result<ReadResult> read_sie5_file(const std::string& path, const ReadOptions& options) {
  return read_sie5("", options.file_name.empty() ? ReadOptions{options.mode, path, options.max_diagnostics} : options);
}

}  // namespace dagbok::sie
