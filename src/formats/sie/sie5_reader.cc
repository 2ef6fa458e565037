#include "formats/sie/sie5_reader.h"

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <map>
#include <pugixml.hpp>

namespace dagbok::sie {
namespace {

// Element names without a namespace prefix ("sie:Account" → "Account").
std::string_view local_name(const pugi::xml_node& n) {
  std::string_view name = n.name();
  const size_t colon = name.find(':');
  return colon == std::string_view::npos ? name : name.substr(colon + 1);
}

template <typename F>
void for_children(const pugi::xml_node& parent, std::string_view name, F&& f) {
  for (pugi::xml_node c = parent.first_child(); c; c = c.next_sibling())
    if (c.type() == pugi::node_element && local_name(c) == name) f(c);
}

pugi::xml_node child(const pugi::xml_node& parent, std::string_view name) {
  for (pugi::xml_node c = parent.first_child(); c; c = c.next_sibling())
    if (c.type() == pugi::node_element && local_name(c) == name) return c;
  return {};
}

class Sie5Reader {
 public:
  Sie5Reader(std::string_view bytes, const ReadOptions& options) : bytes_(bytes), options_(options) {
    // Line starts, to turn pugixml's byte offsets into line numbers.
    line_starts_.push_back(0);
    for (size_t i = 0; i < bytes.size(); ++i)
      if (bytes[i] == '\n') line_starts_.push_back(i + 1);
  }

  Result<ReadResult> read() {
    pugi::xml_document xml;
    const pugi::xml_parse_result parsed =
        xml.load_buffer(bytes_.data(), bytes_.size(), pugi::parse_default, pugi::encoding_auto);
    if (!parsed) {
      return invalid_argument(name() + " is not well-formed XML (line " +
                              std::to_string(line_of(static_cast<size_t>(parsed.offset))) +
                              "): " + parsed.description());
    }
    const pugi::xml_node root = xml.document_element();
    const std::string_view root_name = local_name(root);
    if (root_name != "Sie" && root_name != "SieEntry")
      return invalid_argument(name() + " is XML but not SIE 5: its root element is <" + std::string(root.name()) +
                              ">, not <Sie> or <SieEntry>");
    const std::string ns = root.attribute("xmlns").as_string();
    if (ns != "http://www.sie.se/sie5")
      warn(root, "the root element should carry the SIE 5 namespace xmlns=\"http://www.sie.se/sie5\"");
    Document& doc = result_.document;
    doc.sie_type = root_name == "Sie" ? "5" : "5I";
    if (root_name == "Sie" && !child(root, "Signature"))
      warn(root, "a full SIE 5 export (<Sie>) must be signed (<Signature>); this one is not");

    read_file_info(child(root, "FileInfo"));
    read_accounts(child(root, "Accounts"));
    read_dimensions(child(root, "Dimensions"));
    for_children(root, "Journal", [&](const pugi::xml_node& j) { read_journal(j); });

    Summary& s = result_.summary;
    s.bytes = bytes_.size();
    s.lines = line_starts_.size();
    s.accounts = doc.accounts.size();
    s.dimensions = doc.dimensions.size();
    s.objects = doc.objects.size();
    s.opening_balances = doc.opening.size();
    s.closing_balances = doc.closing.size();
    s.results = doc.result.size();
    s.object_balances = doc.object_opening.size() + doc.object_closing.size();
    s.vouchers = doc.vouchers.size();
    s.encoding = "UTF-8";
    result_.format = SieFormat::kSie5;
    if (options_.mode == ParseOptions::Mode::kStrict && result_.errors + result_.warnings > 0) {
      std::string message = std::to_string(result_.errors) + " error(s) and " + std::to_string(result_.warnings) +
                            " warning(s) in " + name();
      for (size_t i = 0; i < result_.diagnostics.size() && i < 5; ++i)
        message += "\n" + result_.diagnostics[i].to_string();
      return invalid_argument(message);
    }
    return std::move(result_);
  }

 private:
  std::string name() const { return options_.file_name.empty() ? "the SIE 5 file" : options_.file_name; }

  int64_t line_of(size_t offset) const {
    auto it = std::upper_bound(line_starts_.begin(), line_starts_.end(), offset);
    return static_cast<int64_t>(it - line_starts_.begin());
  }

  void report(Diagnostic::Severity severity, const pugi::xml_node& at, std::string message) {
    (severity == Diagnostic::Severity::kError ? result_.errors : result_.warnings) += 1;
    if (result_.diagnostics.size() >= options_.max_diagnostics) return;
    Diagnostic d;
    d.severity = severity;
    d.file = options_.file_name;
    d.line = at ? line_of(static_cast<size_t>(std::max<ptrdiff_t>(0, at.offset_debug()))) : 0;
    d.label = at ? "<" + std::string(local_name(at)) + ">" : "";
    d.message = std::move(message);
    result_.diagnostics.push_back(std::move(d));
  }
  void warn(const pugi::xml_node& at, std::string m) { report(Diagnostic::Severity::kWarning, at, std::move(m)); }
  void error(const pugi::xml_node& at, std::string m) { report(Diagnostic::Severity::kError, at, std::move(m)); }

  bool money(const pugi::xml_node& at, const char* attribute, Money& out) {
    const pugi::xml_attribute a = at.attribute(attribute);
    if (!a) {
      error(at, std::string("the attribute ") + attribute + " is missing");
      return false;
    }
    Result<Money> m = Money::parse(a.as_string());
    if (!m.ok()) {
      error(at, m.error().message());
      return false;
    }
    out = *m;
    return true;
  }

  std::optional<Date> date(const pugi::xml_node& at, const char* attribute) {
    const pugi::xml_attribute a = at.attribute(attribute);
    if (!a) return std::nullopt;
    std::string_view s = a.as_string();
    Result<Date> d = Date::parse(s.substr(0, 10));  // also "2016-12-21T12:14:44+01:00"
    if (!d.ok()) {
      error(at, std::string("the date ") + attribute + "=\"" + std::string(s) + "\" is not a date (YYYY-MM-DD)");
      return std::nullopt;
    }
    return *d;
  }

  // "2014-01" → the first (or last) day of that month.
  std::optional<Date> month(const pugi::xml_node& at, const char* attribute, bool last_day) {
    const std::string s = at.attribute(attribute).as_string();
    if (s.size() != 7 || s[4] != '-') {
      error(at, std::string("the month ") + attribute + "=\"" + s + "\" must be written YYYY-MM");
      return std::nullopt;
    }
    Result<Date> d = Date::parse(s + "-01");
    if (!d.ok()) {
      error(at, std::string("the month ") + attribute + "=\"" + s + "\" is not a month");
      return std::nullopt;
    }
    return last_day ? d->add_months(1).add_days(-1) : *d;
  }

  std::optional<int> year_index_of(const Date& d) const {
    for (const FiscalYear& y : result_.document.fiscal_years)
      if (!(d < y.start) && !(y.end < d)) return y.index;
    return std::nullopt;
  }

  std::vector<ObjectRef> object_refs(const pugi::xml_node& n) {
    std::vector<ObjectRef> out;
    for_children(n, "ObjectReference", [&](const pugi::xml_node& r) {
      out.push_back({r.attribute("dimId").as_string(), r.attribute("objectId").as_string()});
    });
    return out;
  }

  void read_file_info(const pugi::xml_node& info) {
    Document& doc = result_.document;
    if (!info) {
      error({}, "the file has no <FileInfo>");
      return;
    }
    const pugi::xml_node product = child(info, "SoftwareProduct");
    doc.program_name = product.attribute("name").as_string();
    doc.program_version = product.attribute("version").as_string();
    const pugi::xml_node creation = child(info, "FileCreation");
    if (auto d = date(creation, "time")) doc.generated = *d;
    doc.generated_by = creation.attribute("by").as_string();
    const pugi::xml_node company = child(info, "Company");
    doc.orgnr = company.attribute("organizationId").as_string();
    doc.company_name = company.attribute("name").as_string();
    doc.company_id = company.attribute("clientId").as_string();
    doc.currency = child(info, "AccountingCurrency").attribute("currency").as_string();

    // Years in order; the primary one is year 0, the ones before it -1, -2, ….
    struct Year {
      Date start, end;
      bool primary;
    };
    std::vector<Year> years;
    for_children(child(info, "FiscalYears"), "FiscalYear", [&](const pugi::xml_node& y) {
      auto start = month(y, "start", false);
      auto end = month(y, "end", true);
      if (start && end) years.push_back({*start, *end, y.attribute("primary").as_bool()});
    });
    std::sort(years.begin(), years.end(), [](const Year& a, const Year& b) { return a.start < b.start; });
    size_t primary = years.empty() ? 0 : years.size() - 1;
    for (size_t i = 0; i < years.size(); ++i)
      if (years[i].primary) primary = i;
    for (size_t i = 0; i <= primary && i < years.size(); ++i)
      doc.fiscal_years.push_back({static_cast<int>(i) - static_cast<int>(primary), years[i].start, years[i].end});
    std::reverse(doc.fiscal_years.begin(), doc.fiscal_years.end());
  }

  void read_accounts(const pugi::xml_node& accounts) {
    Document& doc = result_.document;
    for_children(accounts, "Account", [&](const pugi::xml_node& a) {
      Account account{a.attribute("id").as_string(), a.attribute("name").as_string(), "", "", {}};
      const std::string_view type = a.attribute("type").as_string();
      const bool result_account = type == "cost" || type == "income";
      if (type == "asset") account.type = "T";
      else if (type == "liability" || type == "equity") account.type = "S";
      else if (type == "cost") account.type = "K";
      else if (type == "income") account.type = "I";
      account.unit = a.attribute("unit").as_string();
      doc.accounts.push_back(account);
      auto balance = [&](const pugi::xml_node& b, bool closing) {
        auto when = month(b, "month", closing);
        Money amount;
        if (!when || !money(b, "amount", amount)) return;
        std::optional<int> year = year_index_of(*when);
        if (!year) return;  // a balance outside the declared years: not a SIE 4 notion
        Balance out{*year, account.number, object_refs(b), amount, std::nullopt};
        if (const pugi::xml_attribute q = b.attribute("quantity")) out.quantity = q.as_string();
        if (!out.objects.empty()) (closing ? doc.object_closing : doc.object_opening).push_back(out);
        else if (!closing) doc.opening.push_back(out);
        else (result_account ? doc.result : doc.closing).push_back(out);
      };
      for_children(a, "OpeningBalance", [&](const pugi::xml_node& b) { balance(b, false); });
      for_children(a, "ClosingBalance", [&](const pugi::xml_node& b) { balance(b, true); });
    });
  }

  void read_dimensions(const pugi::xml_node& dims) {
    Document& doc = result_.document;
    for_children(dims, "Dimension", [&](const pugi::xml_node& d) {
      doc.dimensions.push_back({d.attribute("id").as_string(), d.attribute("name").as_string(), ""});
      for_children(d, "Object", [&](const pugi::xml_node& o) {
        doc.objects.push_back({d.attribute("id").as_string(), o.attribute("id").as_string(), o.attribute("name").as_string()});
      });
    });
  }

  void read_journal(const pugi::xml_node& journal) {
    Document& doc = result_.document;
    const std::string series = journal.attribute("id").as_string();
    for_children(journal, "JournalEntry", [&](const pugi::xml_node& e) {
      Voucher v;
      v.series = series;
      v.number = e.attribute("id").as_string();
      if (auto d = date(e, "journalDate")) v.date = *d;
      else error(e, "the journal entry has no journalDate");
      v.text = e.attribute("text").as_string();
      const pugi::xml_node info = child(e, "EntryInfo");
      v.reg_date = date(info, "date");
      v.sign = info.attribute("by").as_string();
      Money sum;
      for_children(e, "LedgerEntry", [&](const pugi::xml_node& l) {
        Transaction t;
        t.account = l.attribute("accountId").as_string();
        if (!money(l, "amount", t.amount)) return;
        t.objects = object_refs(l);
        t.date = date(l, "ledgerDate");
        t.text = l.attribute("text").as_string();
        if (const pugi::xml_attribute q = l.attribute("quantity")) t.quantity = q.as_string();
        if (const pugi::xml_node strike = child(l, "Overstrike")) {
          t.kind = Transaction::Kind::kBTrans;
          t.sign = strike.attribute("by").as_string();
        } else {
          sum += t.amount;
          ++result_.summary.rows;
        }
        if (t.kind == Transaction::Kind::kBTrans) ++result_.summary.removed_rows;
        v.transactions.push_back(std::move(t));
      });
      if (!sum.is_zero())
        error(e, "journal entry " + series + " " + v.number + " does not balance: its ledger entries sum to " +
                     sum.to_string() + "; they must sum to 0");
      if (!result_.summary.first_voucher_date || v.date < *result_.summary.first_voucher_date)
        result_.summary.first_voucher_date = v.date;
      if (!result_.summary.last_voucher_date || *result_.summary.last_voucher_date < v.date)
        result_.summary.last_voucher_date = v.date;
      doc.vouchers.push_back(std::move(v));
    });
  }

  std::string_view bytes_;
  const ReadOptions& options_;
  std::vector<size_t> line_starts_;
  ReadResult result_;
};

}  // namespace

Result<ReadResult> read_sie5(std::string_view bytes, const ReadOptions& options) {
  return Sie5Reader(bytes, options).read();
}

Result<ReadResult> read_sie5_file(const std::string& path, const ReadOptions& options, FileSystem& fs) {
  ASSIGN_OR_RETURN(std::string bytes, read_file(fs, path));
  ReadOptions named = options;
  if (named.file_name.empty()) named.file_name = path;
  return read_sie5(bytes, named);
}

}  // namespace dagbok::sie
