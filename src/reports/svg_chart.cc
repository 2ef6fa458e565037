#include "reports/svg_chart.h"

#include <algorithm>

#include "text/words.h"

namespace dagbok::reports {

namespace {

constexpr int64_t kWidth = 760;
constexpr int64_t kPanelHeight = 280;
constexpr int64_t kLeft = 96, kRight = 16, kTop = 48, kBottom = 40;

// A round step (1, 2 or 5 × 10^k kronor, in öre) giving at most 5 intervals.
int64_t nice_step(int64_t span_ore) {
  int64_t step = 100;  // 1 krona
  for (;;) {
    for (int64_t m : {1, 2, 5})
      if (span_ore <= step * m * 5) return step * m;
    if (step > INT64_MAX / 100) return step;
    step *= 10;
  }
}

std::string kronor_label(int64_t ore) {
  // Whole kronor with the Nordic grouping, e.g. "-1 200 000".
  const Money m = Money::from_minor(ore / 100 * 100);
  std::string s = m.to_display();
  return s.substr(0, s.find(','));
}

std::string num(int64_t v) { return std::to_string(v); }

// The chart's words in one language, from the catalogue.
struct Words {
  text::Language language;
  std::string word(text::Word key) const { return text::word(language, key); }
  std::string month(int m) const { return text::month_word(language, m); }
};

Words words_for(ChartLanguage language, Country country) {
  switch (language) {
    case ChartLanguage::kSwedish: return {text::Language::kSv};
    case ChartLanguage::kNorwegian: return {text::Language::kNb};
    case ChartLanguage::kEnglish: return {text::Language::kEn};
    case ChartLanguage::kCompany: break;
  }
  return {text::language_of(country)};
}

struct Series {
  std::string heading;
  std::vector<Money> current;
  std::vector<std::optional<Money>> previous;
};

std::string panel(const MonthlySeries& s, const Words& w, const Series& data, int64_t y0, bool has_previous) {
  const size_t n = data.current.size();
  int64_t hi = 0, lo = 0;
  for (size_t i = 0; i < n; ++i) {
    hi = std::max(hi, data.current[i].minor());
    lo = std::min(lo, data.current[i].minor());
    if (data.previous[i]) {
      hi = std::max(hi, data.previous[i]->minor());
      lo = std::min(lo, data.previous[i]->minor());
    }
  }
  const int64_t step = nice_step(std::max<int64_t>(hi - lo, 1));
  // Axis bounds: whole steps around [lo, hi].
  const int64_t top = (hi + step - 1) / step * step;
  const int64_t bottom = lo < 0 ? -((-lo + step - 1) / step * step) : 0;
  const int64_t range = std::max<int64_t>(top - bottom, step);
  const int64_t plot_h = kPanelHeight - kTop - kBottom;
  const int64_t plot_w = kWidth - kLeft - kRight;
  auto y_of = [&](int64_t v) {
    return y0 + kTop + static_cast<int64_t>(static_cast<Int128>(top - v) * plot_h / range);
  };

  std::string o = "<g class=\"panel\">\n";
  o += "<text class=\"heading\" x=\"" + num(kLeft) + "\" y=\"" + num(y0 + 24) + "\">" + xml_escape(data.heading) +
       "</text>\n";
  // Grid lines and their labels.
  for (int64_t v = bottom; v <= top; v += step) {
    const int64_t y = y_of(v);
    o += "<line class=\"" + std::string(v == 0 ? "zero" : "grid") + "\" x1=\"" + num(kLeft) + "\" x2=\"" +
         num(kWidth - kRight) + "\" y1=\"" + num(y) + "\" y2=\"" + num(y) + "\"/>\n";
    o += "<text class=\"axis\" x=\"" + num(kLeft - 6) + "\" y=\"" + num(y + 4) + "\" text-anchor=\"end\">" +
         xml_escape(kronor_label(v)) + "</text>\n";
  }
  const int64_t slot = n ? plot_w / static_cast<int64_t>(n) : plot_w;
  const int64_t bar = has_previous ? std::max<int64_t>(slot * 2 / 5, 1) : std::max<int64_t>(slot * 3 / 5, 1);
  auto rect = [&](const char* cls, int64_t x, int64_t value, const std::string& tip) {
    const int64_t ya = y_of(std::max<int64_t>(value, 0)), yb = y_of(std::min<int64_t>(value, 0));
    return "<rect class=\"" + std::string(cls) + "\" x=\"" + num(x) + "\" y=\"" + num(ya) + "\" width=\"" + num(bar) +
           "\" height=\"" + num(std::max<int64_t>(yb - ya, 0)) + "\"><title>" + xml_escape(tip) + "</title></rect>\n";
  };
  for (size_t i = 0; i < n; ++i) {
    const YearMonth ym = s.months[i].month;
    const int64_t x = kLeft + static_cast<int64_t>(i) * slot;
    const int64_t first = has_previous ? x + (slot - 2 * bar) / 2 : x + (slot - bar) / 2;
    const std::string name = w.month(ym.month);
    if (has_previous && data.previous[i])
      o += rect("last-year", first, data.previous[i]->minor(),
                name + " " + std::to_string(ym.year - 1) + ": " + data.previous[i]->to_display());
    o += rect("this-year", has_previous ? first + bar : first, data.current[i].minor(),
              name + " " + std::to_string(ym.year) + ": " + data.current[i].to_display());
    o += "<text class=\"axis\" x=\"" + num(x + slot / 2) + "\" y=\"" + num(y0 + kPanelHeight - kBottom + 16) +
         "\" text-anchor=\"middle\">" + xml_escape(name) + "</text>\n";
  }
  return o + "</g>\n";
}

}  // namespace

std::string xml_escape(const std::string& s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&apos;"; break;
      default:
        // Control characters other than tab and newline are not allowed in XML 1.0.
        if (static_cast<unsigned char>(c) < 0x20 && c != '\t' && c != '\n') out += ' ';
        else out += c;
    }
  }
  return out;
}

Result<ChartLanguage> parse_chart_language(std::string_view code) {
  if (code.empty()) return ChartLanguage::kCompany;
  if (code == "sv") return ChartLanguage::kSwedish;
  if (code == "nb") return ChartLanguage::kNorwegian;
  if (code == "en") return ChartLanguage::kEnglish;
  return invalid_argument("the chart's language must be sv, nb or en (not '" + std::string(code) + "')");
}

std::string render_svg_chart(const MonthlySeries& s, Chart chart, ChartLanguage language) {
  const Words w = words_for(language, s.country);
  bool has_previous = false;
  for (const MonthFigures& f : s.months) has_previous = has_previous || f.ly_sales.has_value();
  std::vector<Series> panels;
  if (chart != Chart::kResult) {
    Series p{w.word(text::Word::kChartSalesByMonth), {}, {}};
    for (const MonthFigures& f : s.months) {
      p.current.push_back(f.sales);
      p.previous.push_back(f.ly_sales);
    }
    panels.push_back(std::move(p));
  }
  if (chart != Chart::kSales) {
    Series p{w.word(text::Word::kChartResultByMonth), {}, {}};
    for (const MonthFigures& f : s.months) {
      p.current.push_back(f.result);
      p.previous.push_back(f.ly_result);
    }
    panels.push_back(std::move(p));
  }
  const int64_t legend_h = 28;
  const int64_t height = legend_h + kPanelHeight * static_cast<int64_t>(panels.size());
  const std::string title = s.company_name + " – " + s.year.start.to_string() + " – " + s.year.end.to_string();
  std::string o = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  o += "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"" + num(kWidth) + "\" height=\"" +
       num(height) + "\" viewBox=\"0 0 " + num(kWidth) + " " + num(height) + "\" role=\"img\">\n";
  o += "<title>" + xml_escape(title) + "</title>\n";
  o += "<style>text{font-family:sans-serif;font-size:12px;fill:#333}.heading{font-size:15px;font-weight:bold}"
       ".grid{stroke:#ddd}.zero{stroke:#666}.this-year{fill:#2b6cb0}.last-year{fill:#a0aec0}</style>\n";
  // Legend.
  const std::string this_year = std::to_string(s.year.start.year()) +
                                (s.year.end.year() != s.year.start.year() ? "/" + std::to_string(s.year.end.year()) : "");
  o += "<g class=\"legend\">\n<rect class=\"this-year\" x=\"" + num(kLeft) + "\" y=\"8\" width=\"12\" height=\"12\"/>\n";
  o += "<text x=\"" + num(kLeft + 18) + "\" y=\"18\">" +
       xml_escape(w.word(text::Word::kChartThisYear) + " " + this_year) + "</text>\n";
  if (has_previous) {
    o += "<rect class=\"last-year\" x=\"" + num(kLeft + 140) + "\" y=\"8\" width=\"12\" height=\"12\"/>\n";
    o += "<text x=\"" + num(kLeft + 158) + "\" y=\"18\">" + xml_escape(w.word(text::Word::kChartLastYear)) +
         "</text>\n";
  }
  o += "</g>\n";
  for (size_t i = 0; i < panels.size(); ++i)
    o += panel(s, w, panels[i], legend_h + kPanelHeight * static_cast<int64_t>(i), has_previous);
  return o + "</svg>\n";
}

}  // namespace dagbok::reports
