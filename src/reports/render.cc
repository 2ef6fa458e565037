#include "reports/render.h"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "text/words.h"

namespace dagbok::reports {

namespace {

size_t width(const std::string& s) {  // terminal columns: one per code point
  size_t n = 0;
  for (unsigned char c : s)
    if ((c & 0xC0) != 0x80) ++n;
  return n;
}

std::string pad_left(const std::string& s, size_t w) { return std::string(w - std::min(w, width(s)), ' ') + s; }
std::string pad_right(const std::string& s, size_t w) { return s + std::string(w - std::min(w, width(s)), ' '); }

const char* kind_name(RowKind k) {
  switch (k) {
    case RowKind::kHeading: return "heading";
    case RowKind::kAccount: return "account";
    case RowKind::kGroup: return "group";
    case RowKind::kSubtotal: return "subtotal";
    case RowKind::kTotal: return "total";
    case RowKind::kFigure: return "figure";
  }
  return "?";
}

std::string percent_plain(int64_t h) { return format_scaled_decimal(h, 2, false); }

std::string label_of(const Row& row) {
  switch (row.kind) {
    case RowKind::kHeading: return row.label;
    case RowKind::kAccount: return "    " + row.account + (row.label.empty() ? "" : " " + row.label);
    case RowKind::kGroup: return "  " + row.label;
    default: return row.label;
  }
}

std::string csv_field(const std::string& s, bool text) {
  std::string v = s;
  if (text && !v.empty() && (v[0] == '=' || v[0] == '+' || v[0] == '-' || v[0] == '@')) v = "'" + v;
  if (v.find_first_of(";\"\r\n") == std::string::npos) return v;
  std::string out = "\"";
  for (char c : v) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

std::string csv_number(const Cell& c) {
  if (c.is_empty()) return "";
  std::string s = c.kind == Cell::Kind::kMoney ? c.as_money().to_string() : percent_plain(c.value);
  std::replace(s.begin(), s.end(), '.', ',');
  return s;
}

}  // namespace

std::string format_cell(const Cell& c) {
  switch (c.kind) {
    case Cell::Kind::kEmpty: return "";
    case Cell::Kind::kMoney: return c.as_money().to_display();
    case Cell::Kind::kPercent: {
      std::string s = percent_plain(c.value);
      std::replace(s.begin(), s.end(), '.', ',');
      return s + " %";
    }
  }
  return "";
}

std::string render_text(const Report& r) {
  using text::Word;
  const text::Language lang = text::language_of(r.country);
  auto say = [lang](Word key) { return std::string(text::word(lang, key)); };
  std::string out = r.title + "\n" + r.company_name;
  if (!r.orgnr.empty()) out += " (" + r.orgnr + ")";
  out += "\n" + say(Word::kReportPeriod) + " " + r.period + "\n\n";

  std::vector<std::vector<std::string>> cells;
  size_t label_w = 0;
  std::vector<size_t> col_w;
  for (const Column& c : r.columns) col_w.push_back(width(c.label));
  for (const Row& row : r.rows) {
    label_w = std::max(label_w, width(label_of(row)));
    std::vector<std::string> cs;
    for (size_t i = 0; i < row.cells.size() && i < col_w.size(); ++i) {
      cs.push_back(format_cell(row.cells[i]));
      col_w[i] = std::max(col_w[i], width(cs.back()));
    }
    cells.push_back(std::move(cs));
  }
  auto line = [&](const std::string& label, const std::vector<std::string>& cs) {
    std::string l = pad_right(label, label_w);
    for (size_t i = 0; i < col_w.size(); ++i) l += "  " + pad_left(i < cs.size() ? cs[i] : "", col_w[i]);
    while (!l.empty() && l.back() == ' ') l.pop_back();
    return l + "\n";
  };
  std::vector<std::string> headers;
  for (const Column& c : r.columns) headers.push_back(c.label);
  out += line("", headers);
  size_t total_w = label_w;
  for (size_t w : col_w) total_w += w + 2;
  const std::string rule(total_w, '-');
  out += rule + "\n";
  for (size_t i = 0; i < r.rows.size(); ++i) {
    const Row& row = r.rows[i];
    if (row.kind == RowKind::kHeading && i > 0) out += "\n";
    if (row.kind == RowKind::kTotal) out += rule + "\n";
    out += line(label_of(row), cells[i]);
  }
  if (!r.checks.empty() || !r.notes.empty()) out += "\n";
  for (const Check& c : r.checks)
    out += (c.ok ? say(Word::kReportCheckOk) + "  " : say(Word::kReportCheckFailed) + " ") + say(Word::kReportCheck) +
           ": " + c.label + " = " + c.difference.to_display() + "\n";
  for (const std::string& n : r.notes) out += "* " + n + "\n";
  return out;
}

std::string render_json(const Report& r) {
  using nlohmann::json;
  json j;
  j["report"] = r.kind;
  j["title"] = r.title;
  j["company"] = {{"name", r.company_name}, {"orgnr", r.orgnr}, {"country", country_code(r.country)},
                  {"currency", currency_of(r.country)}};
  j["period"] = r.period;
  json cols = json::array();
  for (const Column& c : r.columns) cols.push_back({{"key", c.key}, {"label", c.label}});
  j["columns"] = cols;
  json rows = json::array();
  for (const Row& row : r.rows) {
    json o = {{"kind", kind_name(row.kind)}, {"key", row.key}, {"label", row.label}};
    if (row.kind == RowKind::kAccount) o["account"] = row.account;
    if (row.kind != RowKind::kHeading) {
      std::string unit = "money";
      json values = json::object();
      for (size_t i = 0; i < r.columns.size(); ++i) {
        const Cell c = i < row.cells.size() ? row.cells[i] : Cell::empty();
        if (c.kind == Cell::Kind::kPercent) unit = "percent";
        values[r.columns[i].key] = c.is_empty() ? json(nullptr)
                                   : c.kind == Cell::Kind::kMoney ? json(c.as_money().to_string())
                                                                  : json(percent_plain(c.value));
      }
      o["unit"] = unit;
      o["values"] = values;
    }
    rows.push_back(std::move(o));
  }
  j["rows"] = rows;
  json checks = json::array();
  for (const Check& c : r.checks)
    checks.push_back({{"key", c.key}, {"label", c.label}, {"ok", c.ok}, {"difference", c.difference.to_string()}});
  j["checks"] = checks;
  j["notes"] = r.notes;
  return j.dump(2) + "\n";
}

std::string render_csv(const Report& r) {
  using text::Word;
  const text::Language lang = text::language_of(r.country);
  std::string out = "\xEF\xBB\xBF";
  out += std::string(text::word(lang, Word::kReportKind)) + ";" + text::word(lang, Word::kReportKey) + ";" +
         text::word(lang, Word::kAccount) + ";" + text::word(lang, Word::kText);
  for (const Column& c : r.columns) out += ";" + csv_field(c.label, true);
  out += "\r\n";
  for (const Row& row : r.rows) {
    out += std::string(kind_name(row.kind)) + ";" + csv_field(row.key, true) + ";" + row.account + ";" +
           csv_field(row.label, true);
    for (size_t i = 0; i < r.columns.size(); ++i)
      out += ";" + (i < row.cells.size() ? csv_number(row.cells[i]) : std::string());
    out += "\r\n";
  }
  return out;
}

}  // namespace dagbok::reports
