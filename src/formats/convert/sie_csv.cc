#include "formats/convert/sie_csv.h"

#include "formats/convert/internal/books.h"

namespace dagbok::convert {
namespace {

enum class Field { kCode, kText };

void append_field(std::string& out, std::string_view value, Field kind) {
  std::string v = internal::valid_utf8(value);
  if (kind == Field::kText && !v.empty() && (v[0] == '=' || v[0] == '+' || v[0] == '-' || v[0] == '@'))
    v.insert(v.begin(), '\'');
  if (v.find_first_of(";\"\r\n") == std::string::npos) {
    out += v;
    return;
  }
  out += '"';
  for (char c : v) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
}

std::string decimal_comma(Money amount) {
  std::string s = amount.to_string();
  if (const size_t dot = s.find('.'); dot != std::string::npos) s[dot] = ',';
  return s;
}

}  // namespace

Result<std::string> to_csv(const sie::Document& doc) {
  const std::map<std::string, std::string> names = internal::account_names(doc);
  std::string out = "\xEF\xBB\xBF";
  out += "Serie;Vernr;Datum;Vertext;Konto;Kontonamn;Objekt;Belopp;Transtext\r\n";
  for (const sie::Voucher& v : doc.vouchers) {
    for (const sie::Transaction* t : internal::counted_rows(v)) {
      const auto name = names.find(t->account);
      append_field(out, v.series, Field::kText);
      out += ';';
      append_field(out, v.number, Field::kText);
      out += ';';
      out += v.date.to_string();
      out += ';';
      append_field(out, v.text, Field::kText);
      out += ';';
      append_field(out, t->account, Field::kText);
      out += ';';
      append_field(out, name == names.end() ? std::string() : name->second, Field::kText);
      out += ';';
      append_field(out, internal::objects_text(t->objects), Field::kText);
      out += ';';
      out += decimal_comma(t->amount);
      out += ';';
      append_field(out, t->text, Field::kText);
      out += "\r\n";
    }
  }
  return out;
}

}  // namespace dagbok::convert
