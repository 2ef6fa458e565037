#include "cli/context.h"

#include <fstream>
#include <sstream>

namespace dagbok::cli {

Date parse_date(const std::string& s, const char* option) {
  Result<Date> d = Date::parse(s);
  if (!d.ok()) throw CommandFailed{d.error().with_context(option)};
  return *d;
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw CommandFailed{not_found("cannot read '" + path + "': no such file, or no permission")};
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

void write_file(const std::string& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << bytes;
  if (!out) throw CommandFailed{unavailable("cannot write '" + path + "'")};
}

}  // namespace dagbok::cli
