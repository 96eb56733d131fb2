#include "orebook/check/release.h"

#include <fmt/format.h>

#include "orebook/check/words.h"
#include "orebook/core/utf8.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <cmath>
#include <initializer_list>
#include <set>

namespace orebook::check {

namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r'))
    s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r'))
    s.remove_suffix(1);
  return s;
}

// Markup news wires leave in: <i>…</i> tags and a backslash before $.
// Markdown too: "# Heading", "**bold**", "_caption_", and pipe tables, whose
// bars become tabs (columns keep their positions); `rule` is set for the
// "|---|---:|" line under a pipe table's header, which is no line of text.
std::string clean(std::string_view line, bool& rule) {
  std::string out;
  for (std::size_t i = 0; i < line.size(); ++i) {
    if (line[i] == '<') {
      const auto close = line.find('>', i);
      if (close != std::string_view::npos && close - i <= 12) {
        i = close;
        continue;
      }
    }
    if (line[i] == '\\' && i + 1 < line.size() && line[i + 1] == '$') continue;
    if (line[i] == '*' && i + 1 < line.size() && line[i + 1] == '*') {
      ++i;
      continue;
    }
    out += line[i];
  }
  const std::string_view t = trim(out);
  rule = false;
  if (t.starts_with('|')) {
    rule = t.find_first_not_of("|-: ") == std::string_view::npos;
    std::replace(out.begin(), out.end(), '|', '\t');
  } else if (t.starts_with('#')) {
    const auto text = t.find_first_not_of("# ");
    out = text == std::string_view::npos ? "" : std::string(t.substr(text));
  } else if (t.size() > 2 && t.front() == '_' && t.back() == '_') {
    out = std::string(t.substr(1, t.size() - 2));
  }
  return out;
}

struct Cell {
  std::string text;
  std::uint32_t column = 0;  // 1-based, in bytes
};

// Cells of a line: split on tabs, or on runs of two or more spaces.
std::vector<Cell> split(const std::string& line, bool& indented) {
  std::vector<Cell> cells;
  const bool tabs = line.find('\t') != std::string::npos;
  indented = !line.empty() && (line[0] == '\t' || line.rfind("  ", 0) == 0);
  std::size_t i = 0;
  while (i < line.size()) {
    while (i < line.size() && (line[i] == ' ' || line[i] == '\t')) ++i;
    if (i >= line.size()) break;
    std::size_t j = i;
    while (j < line.size()) {
      if (line[j] == '\t') break;
      if (!tabs && line[j] == ' ' && j + 1 < line.size() && line[j + 1] == ' ') break;
      ++j;
    }
    cells.push_back({std::string(trim(std::string_view(line).substr(i, j - i))),
                     static_cast<std::uint32_t>(i + 1)});
    i = j;
  }
  // "$  23,161" in two cells is one figure; so is "30  %".
  std::vector<Cell> merged;
  for (std::size_t c = 0; c < cells.size(); ++c) {
    const std::string& t = cells[c].text;
    const bool sign = std::find(std::begin(kCurrencySigns), std::end(kCurrencySigns), t) !=
                      std::end(kCurrencySigns);
    if (sign && c + 1 < cells.size()) {
      merged.push_back({t + cells[c + 1].text, cells[c].column});
      ++c;
    } else if (t == "%" && !merged.empty() && parse_figure(merged.back().text)) {
      merged.back().text += t;
    } else {
      merged.push_back(cells[c]);
    }
  }
  return merged;
}

bool is_change_header(std::string_view h) {
  std::string l = lower(h);
  std::erase_if(l, [](char c) { return c == '(' || c == ')' || c == '%' || c == '$'; });
  l = std::string(trim(l));
  for (std::string_view w : {"change", "chg", "variance", "increase decrease", "inc dec",
                             "increase/decrease", "increase/(decrease)", "difference"})
    if (l == w) return true;
  // "Y/Y Change", "Q/Q Change", "% Chg.", "Change vs Q4": a change with
  // what it compares (the columns say which).
  if (l.size() <= 30 && (has_word(l, "change") || has_word(l, "chg") || has_word(l, "variance")))
    return true;
  return l == "y/y" || l == "q/q" || l == "yoy" || l == "qoq";
}

bool contains_any(const std::string& text, std::initializer_list<std::string_view> words) {
  return std::any_of(words.begin(), words.end(),
                     [&](std::string_view w) { return text.find(w) != std::string::npos; });
}

// The first part of a heading spread over rows: "Three months ended" over
// "March 31," over "2012  2011".
bool is_span_header(std::string_view h) {
  const std::string l = lower(trim(h));
  if (l.size() > 40) return false;
  for (std::string_view w : {"three months", "six months", "nine months", "twelve months",
                             "quarter ended", "year ended", "period ended", "months ended",
                             "months ending", "month ended", "month ending", "quarter ending"})
    if (l.find(w) != std::string::npos) return true;
  return false;
}

// A label without its parentheses and case: "Gross profit (loss)" and
// "Gross profit" are one item.
std::string item_of(std::string_view label) {
  std::string out;
  int depth = 0;
  for (char c : lower(label)) {
    if (c == '(') ++depth;
    if (depth == 0) out += c;
    if (c == ')' && depth > 0) --depth;
  }
  return std::string(trim(out));
}

// The fields of a tab line, empty ones kept.
std::vector<Cell> tab_fields(const std::string& line) {
  std::vector<Cell> fields;
  std::size_t start = 0;
  while (start <= line.size()) {
    const auto end = line.find('\t', start);
    const std::size_t stop = end == std::string::npos ? line.size() : end;
    const std::string_view raw = std::string_view(line).substr(start, stop - start);
    const std::size_t lead = raw.find_first_not_of(' ');
    fields.push_back(
        {std::string(trim(raw)),
         static_cast<std::uint32_t>(start + (lead == std::string::npos ? 0 : lead) + 1)});
    if (end == std::string::npos) break;
    start = end + 1;
  }
  return fields;
}

bool is_unit_header(std::string_view h) {
  const std::string l = lower(trim(h));
  return l == "unit" || l == "units" || l == "uom" || l == "unit of measure";
}

// "in thousands of dollars", "(US$000s)", "in millions": the scale a caption names.
double caption_scale(const std::string& l) {
  if (contains_any(l, {"thousand", "000s", "000's", "$000", "'000", "(000"})) return 1e3;
  if (contains_any(l, {"in millions", "millions of"})) return 1e6;
  return 1.0;
}

// A line that only states the units of the table below it.
bool is_caption(const std::string& line) {
  const std::string l = lower(line);
  if (l.size() > 160 || caption_scale(l) == 1.0) return false;
  return l.front() == '(' || l.rfind("in ", 0) == 0 || l.rfind("expressed", 0) == 0 ||
         l.rfind("all amounts", 0) == 0 || l.rfind("amounts in", 0) == 0 ||
         l.rfind("unaudited", 0) == 0;
}

}  // namespace

double scale_of(std::string_view label, std::string_view caption) {
  const std::string l = lower(label);
  if (contains_any(l, {"(000", "('000", "000s", "000's", "000’s", "$000", "thousand", "k lbs"}) ||
      has_word(l, "koz") || has_word(l, "klb") || has_word(l, "klbs") || has_word(l, "kt"))
    return 1e3;
  if (contains_any(l, {"million", "$m)", "$ m)", "(m)", "(m tonnes", "(m t)", "m tonnes"}) ||
      has_word(l, "moz") || has_word(l, "mlb") || has_word(l, "mt") || has_word(l, "mtpa"))
    return 1e6;
  // A caption's scale is for money: a row naming another unit is in units.
  // (Words as words: "operations" holds "ratio", "announced" "ounce".)
  if (contains_any(l, {"g/t", "per ", "/", "%", "grade", "recover", "number of", "headcount"}))
    return 1.0;
  for (std::string_view w : {"oz", "ounce", "ounces", "lb", "lbs", "pound", "pounds", "tonne",
                             "tonnes", "tons", "t", "tpd", "days", "ratio"})
    if (has_word(l, w)) return 1.0;
  return caption_scale(lower(caption));
}

std::optional<Figure> parse_figure(std::string_view cell) {
  std::string_view s = trim(cell);
  Figure f;
  f.text = std::string(s);
  // Markers after the number: "(r)", "*", superscript footnotes.
  for (bool again = true; again;) {
    again = false;
    for (std::string_view tail : {"(r)", "*", "¹", "²", "³"}) {
      if (s.size() > tail.size() && s.ends_with(tail)) {
        s = trim(s.substr(0, s.size() - tail.size()));
        again = true;
      }
    }
  }
  // A footnote number right after the figure: "11.01(2)".
  if (s.size() > 3 && s.back() == ')' && s[s.size() - 3] == '(' &&
      std::isdigit(static_cast<unsigned char>(s[s.size() - 2])) &&
      std::isdigit(static_cast<unsigned char>(s[s.size() - 4])))
    s = trim(s.substr(0, s.size() - 3));
  if (s.empty() || s == "-" || s == "—" || s == "–" || s == "n/a") return std::nullopt;
  bool negative = false;
  // "(18)%": a negative percentage.
  std::string paren_percent;
  if (s.size() > 3 && s.front() == '(' && s.ends_with(")%")) {
    paren_percent = std::string(s.substr(1, s.size() - 3)) + "%";
    s = paren_percent;
    negative = true;
  }
  // "−21%" with a minus sign (U+2212) or an en dash.
  for (std::string_view minus : {"−", "–"}) {
    if (s.starts_with(minus)) {
      negative = true;
      s.remove_prefix(minus.size());
    }
  }
  if (s.empty()) return std::nullopt;
  if (s.front() == '(' && s.back() == ')') {
    negative = true;
    s = trim(s.substr(1, s.size() - 2));
  }
  if (!s.empty() && (s.front() == '-' || s.front() == '+')) {
    negative = negative || s.front() == '-';
    s.remove_prefix(1);
  }
  for (std::string_view prefix : kCurrencySigns) {
    if (s.starts_with(prefix)) {
      f.unit = "$";
      s.remove_prefix(prefix.size());
      break;
    }
  }
  if (!s.empty() && s.front() == '-') {  // -$140,691
    negative = true;
    s.remove_prefix(1);
  }
  s = trim(s);
  if (s.ends_with("pp")) {
    f.unit = "pp";
    s = trim(s.substr(0, s.size() - 2));
  } else if (s.ends_with('%')) {
    f.unit = "%";
    s = trim(s.substr(0, s.size() - 1));
  }
  if (s.empty()) return std::nullopt;
  std::string digits;
  bool point = false, grouped_ok = true;
  int decimals = 0, since_comma = -1;
  for (char c : s) {
    if (c >= '0' && c <= '9') {
      digits += c;
      if (point) ++decimals;
      if (since_comma >= 0) ++since_comma;
    } else if (c == ',' && !point) {
      if (since_comma >= 0 && since_comma != 3) grouped_ok = false;
      since_comma = 0;
    } else if (c == '.' && !point) {
      if (since_comma >= 0 && since_comma != 3) grouped_ok = false;
      since_comma = -1;
      point = true;
      digits += c;
    } else {
      return std::nullopt;
    }
  }
  if (since_comma >= 0 && since_comma != 3) grouped_ok = false;
  if (!grouped_ok || digits.empty() || digits == ".") return std::nullopt;
  double v = 0.0;
  const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), v);
  if (ec != std::errc() || end != digits.data() + digits.size()) return std::nullopt;
  f.value = negative ? -v : v;
  f.decimals = decimals;
  return f;
}

namespace {

// Words, without punctuation: "Q1'12" → q1 12, "Dec. 31, 2011" → dec 31 2011.
std::vector<std::string> header_words(const std::string& h) {
  std::vector<std::string> w;
  std::string cur;
  for (char c : h) {
    if (c == ' ' || c == ',' || c == '-' || c == '/' || c == '\'' || c == '.') {
      if (!cur.empty()) w.push_back(cur), cur.clear();
    } else {
      cur += c;
    }
  }
  if (!cur.empty()) w.push_back(cur);
  return w;
}

std::optional<int> year_of(const std::string& t) {
  if (!std::all_of(t.begin(), t.end(), ::isdigit)) return std::nullopt;
  if (t.size() == 4) return std::stoi(t);
  if (t.size() == 2) return 2000 + std::stoi(t);  // "Q1'12"
  return std::nullopt;
}

unsigned month_of(const std::string& t) {
  if (t.size() < 3) return 0;
  for (unsigned m = 0; m < 12; ++m)
    if (kMonthNames[m] == t || (t.size() <= 4 && kMonthNames[m].starts_with(t))) return m + 1;
  return 0;
}

// "Q1 2012", "1Q 2012", "H1 2012", "Year 2011", "FY 2011", "March 2012".
std::optional<calendar::Period> two_word_period(const std::vector<std::string>& w) {
  // "2020 FY", "2019 YTD" is not a year.
  if (const auto y = year_of(w[0]); y && w[0].size() == 4 && (w[1] == "fy" || w[1] == "year"))
    return calendar::Period::year(*y);
  if (const auto y = year_of(w[1])) {
    const std::string& p = w[0];
    if (p.size() == 2 && ((p[0] == 'q' && p[1] >= '1' && p[1] <= '4') ||
                          (p[1] == 'q' && p[0] >= '1' && p[0] <= '4')))
      return calendar::Period::quarter(*y,
                                       static_cast<unsigned>((p[0] == 'q' ? p[1] : p[0]) - '0'));
    if (p.size() == 2 && ((p[0] == 'h' && (p[1] == '1' || p[1] == '2')) ||
                          (p[1] == 'h' && (p[0] == '1' || p[0] == '2'))))
      return calendar::Period::half(*y, static_cast<unsigned>((p[0] == 'h' ? p[1] : p[0]) - '0'));
    if (p == "year" || p == "fy" || p == "calendar") return calendar::Period::year(*y);
    if (const unsigned m = month_of(p); m > 0 && w[1].size() == 4)
      return calendar::Period::month(*y, m);  // "March 2012"
  }
  return std::nullopt;
}

std::optional<calendar::Period> three_word_period(const std::vector<std::string>& w) {
  if (const auto y = year_of(w[2]); y && w[2].size() == 4) {
    // "Fourth quarter 2011", "First half 2012".
    for (unsigned q = 0; q < 4; ++q) {
      if (w[0] != kOrdinals[q]) continue;
      if (w[1] == "quarter") return calendar::Period::quarter(*y, q + 1);
      if (w[1] == "half" && q < 2) return calendar::Period::half(*y, q + 1);
    }
    // A date: "March 31, 2012" — the day a balance is struck.
    const unsigned m = month_of(w[0]);
    if (m > 0 && std::all_of(w[1].begin(), w[1].end(), ::isdigit) && w[1].size() <= 2) {
      const unsigned d = static_cast<unsigned>(std::stoi(w[1]));
      if (d >= 1 && static_cast<int>(d) <= calendar::Period::month(*y, m).days())
        return calendar::Period::day(*y, m, d);
    }
  }
  return std::nullopt;
}

// "Three months ended March 31 2012", "Quarter ended ...", "Year ended December 31 2011".
std::optional<calendar::Period> months_ended_period(const std::vector<std::string>& w) {
  auto ended = std::find(w.begin(), w.end(), "ended");
  if (ended == w.end()) ended = std::find(w.begin(), w.end(), "ending");
  if (ended != w.end() && ended + 3 < w.end() + 0 && w.size() >= 4) {
    int months = 0;
    const std::string& n = w.front();
    if (n == "three" || n == "quarter" || n == "qtr" || n == "3") months = 3;
    if (n == "six" || n == "6") months = 6;
    if (n == "nine" || n == "9") months = 9;
    if (n == "twelve" || n == "year" || n == "12") months = 12;
    const unsigned m = month_of(*(ended + 1));
    const auto y = year_of(w.back());
    if (months > 0 && m > 0 && y && w.back().size() == 4) {
      const int end_month = static_cast<int>(m);
      const int first_index = *y * 12 + end_month - 1 - (months - 1);
      const auto first =
          calendar::day_number(first_index / 12, static_cast<unsigned>(first_index % 12 + 1), 1);
      const auto last = calendar::Period::month(*y, static_cast<unsigned>(end_month)).last();
      return calendar::Period::from_days(first, last);
    }
  }
  return std::nullopt;
}

}  // namespace

namespace {

// A header without its footnote markers: "Q1 2012 [1]", "Q3 2013 (1)",
// "Q1 2017(6)", "2021¹", "Q2 2016*".
std::string without_footnotes(std::string_view header) {
  std::string h(trim(header));
  for (bool again = true; again;) {
    again = false;
    for (std::string_view tail : {"*", "¹", "²", "³", "⁴", "⁵", "⁶"})
      if (h.size() > tail.size() && h.ends_with(tail)) {
        h.resize(h.size() - tail.size());
        again = true;
      }
    const std::size_t n = h.size();
    for (const auto& [open, close] : {std::pair{'(', ')'}, std::pair{'[', ']'}}) {
      if (n >= 4 && h[n - 1] == close && is_digit(h[n - 2]) &&
          (h[n - 3] == open || (is_digit(h[n - 3]) && n >= 5 && h[n - 4] == open))) {
        h.resize(h.rfind(open));
        again = true;
        break;
      }
    }
    h = std::string(trim(h));
  }
  // "20211": a year with its footnote's superscript flattened onto it.
  if (h.size() == 5 && std::all_of(h.begin(), h.end(), [](char c) { return is_digit(c); }) &&
      (h.starts_with("19") || h.starts_with("20")))
    h.pop_back();
  return h;
}

}  // namespace

std::optional<calendar::Period> parse_period_header(std::string_view raw) {
  const std::string cleaned = without_footnotes(raw);
  const std::string_view header = cleaned;
  std::string upper_case(trim(header));
  for (char& c : upper_case) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  if (auto p = calendar::Period::parse(upper_case)) return p;  // 2012Q1, 2012H1, 2012-03
  const std::string h = lower(trim(header));
  if (h.empty()) return std::nullopt;
  if (h.rfind("at ", 0) == 0) return calendar::Period::parse(trim(std::string_view(h).substr(3)));
  std::vector<std::string> w = header_words(h);
  // "For the three months ended", "As at March 31, 2012".
  while (!w.empty() && (w.front() == "for" || w.front() == "the" || w.front() == "as" ||
                        w.front() == "at" || w.front() == "of"))
    w.erase(w.begin());
  if (w.empty()) return std::nullopt;
  // "2012Q1" spelt "Q1 2012", "1Q12", "FY2011", "H1 2012".
  if (w.size() == 1 && w[0].size() >= 4) {
    if (w[0][0] >= '1' && w[0][0] <= '4' && w[0][1] == 'q')  // 1q12, 1q2012
      w = {std::string("q") + w[0][0], w[0].substr(2)};
    else if (w[0].starts_with("fy"))
      w = {"fy", w[0].substr(2)};
  }
  // Two or three words are never "... ended ..." (that takes four).
  if (w.size() == 2) return two_word_period(w);
  if (w.size() == 3) return three_word_period(w);
  return months_ended_period(w);
}

namespace {

// A cell that names a period, a part of one, or a change.
bool header_like(const std::string& text) {
  return parse_period_header(text) || is_change_header(text) || is_span_header(text) ||
         std::any_of(std::begin(kMonthNames), std::end(kMonthNames),
                     [&](std::string_view m) { return lower(text).find(m) != std::string::npos; });
}

// Each heading over as many years: "Three months ended | Change |
// Six months ended | Change" over "2012 2011 2012 2011"; a change
// column stays where the first row has it.
std::vector<Column> each_heading_over_years(const std::vector<Column>& cols,
                                            const std::vector<Cell>& cells, std::size_t label_cells,
                                            std::size_t per) {
  std::vector<Column> merged;
  std::size_t next = label_cells;
  for (const Column& c : cols) {
    if (is_change_header(c.header)) {
      merged.push_back(c);
      continue;
    }
    for (std::size_t k = 0; k < per; ++k)
      merged.push_back({c.header + " " + cells[next++].text, std::nullopt, false, {}});
  }
  return merged;
}

// One heading over the years, change columns beside it: "Three
// Months Ended March 31, | Change" over "2012 | 2011".
std::vector<Column> one_heading_over_years(const std::vector<Column>& cols,
                                           const std::vector<Cell>& cells, std::size_t label_cells,
                                           std::size_t values) {
  std::string span;
  std::vector<Column> changes;
  for (const Column& c : cols) {
    if (is_change_header(c.header)) {
      changes.push_back(c);
    } else {
      span = c.header;
    }
  }
  std::vector<Column> merged;
  for (std::size_t c = 0; c < values; ++c) {
    const std::string& text = cells[label_cells + c].text;
    if (is_change_header(text)) {
      merged.push_back({text, std::nullopt, true, {}});
    } else {
      merged.push_back({span + " " + text, std::nullopt, false, {}});
    }
  }
  merged.insert(merged.end(), changes.begin(), changes.end());
  return merged;
}

// What the cells of a line are: how many make the label, and of the value
// cells how many are figures, headings and units headings.
struct Shape {
  std::size_t label_cells = 0, numbers = 0, headers = 0, unit_cells = 0, values = 0;
  bool is_header = false;
};

// A line not read, listed up to kMaxSkippedListed and counted beyond.
void skip_line(Release& out, Skipped s) {
  if (out.skipped.size() < kMaxSkippedListed) out.skipped.push_back(std::move(s));
  ++out.skipped_lines;
}

// ---------------------------------------------------------------------------
// Tab and pipe tables read as a grid (docs/check.md, "Tables it reads"). A
// news-wire table keeps one field per column, empty ones included, so a
// figure's column is its field's position: nothing is shifted left. The
// header is every row above the first labelled row of figures; a heading
// cell spanning several columns is printed once, over the first of them.

// What a header cell is, to tell which neighbours a spanning heading covers.
enum class HeaderKind { empty, year, change, period, other };

// "2019", "20211" (2021 with a footnote digit glued on), "2019(6)".
bool year_like(const std::string& t) {
  std::string d;
  for (char c : t) {
    if (!is_digit(c)) break;
    d += c;
  }
  return (d.size() == 4 || d.size() == 5) && (d.starts_with("19") || d.starts_with("20"));
}

HeaderKind header_kind(const std::string& t) {
  if (t.empty()) return HeaderKind::empty;
  if (is_change_header(t)) return HeaderKind::change;
  if (year_like(t)) return HeaderKind::year;
  if (parse_period_header(t)) return HeaderKind::period;
  return HeaderKind::other;
}

struct GridRow {
  std::uint32_t line = 0;
  std::vector<Cell> fields;  // tab fields, empty ones kept
  bool tabbed = true;        // false: a line without tabs (a heading)
  bool signs = false;        // "$" cells were joined to their figures
  // Per field, read once (sort_fields): empty, a figure, or text.
  enum class Kind : char { empty, figure, text };
  std::vector<Kind> kinds = {};
  bool figure(std::size_t c) const { return c < kinds.size() && kinds[c] == Kind::figure; }
  bool text(std::size_t c) const { return c < kinds.size() && kinds[c] == Kind::text; }
};

// "$" alone in a field before a figure, and "%" alone after one, are part of
// that figure: "$\t2,561" is one figure, in the "$"'s field.
bool join_signs(std::vector<Cell>& fields) {
  bool joined = false;
  for (std::size_t c = 0; c + 1 < fields.size(); ++c) {
    const std::string& t = fields[c].text;
    const bool sign = std::find(std::begin(kCurrencySigns), std::end(kCurrencySigns), t) !=
                      std::end(kCurrencySigns);
    if (sign && parse_figure(fields[c + 1].text)) {
      fields[c].text += fields[c + 1].text;
      fields[c + 1].text.clear();
      joined = true;
    }
    if (fields[c + 1].text == "%" && parse_figure(fields[c].text)) {
      fields[c].text += "%";
      fields[c + 1].text.clear();
    }
  }
  return joined;
}

bool is_figure(const std::string& t) { return !t.empty() && parse_figure(t).has_value(); }

// Each field of a row read once as a figure, text that names something, or
// nothing: the reader asks of every cell several times.
void sort_fields(GridRow& r) {
  r.signs = join_signs(r.fields);
  r.kinds.clear();
  for (const Cell& c : r.fields)
    r.kinds.push_back(c.text.empty()      ? GridRow::Kind::empty
                      : is_figure(c.text) ? GridRow::Kind::figure
                                          : GridRow::Kind::text);
}

// The months [first, first + count) of a year as the most specific period:
// a calendar quarter, half or year when they are one, else a range of days.
calendar::Period months_period(int year, unsigned first, unsigned count) {
  // Month indices from year 0, so that a fiscal year may start in the year before.
  const int start = year * 12 + static_cast<int>(first) - 1;
  const int end = start + static_cast<int>(count) - 1;
  const int y0 = start / 12, y1 = end / 12;
  const unsigned m0 = static_cast<unsigned>(start % 12) + 1,
                 m1 = static_cast<unsigned>(end % 12) + 1;
  if (count == 3 && (m0 - 1) % 3 == 0) return calendar::Period::quarter(y0, (m0 - 1) / 3 + 1);
  if (count == 6 && (m0 == 1 || m0 == 7)) return calendar::Period::half(y0, m0 == 1 ? 1 : 2);
  if (count == 12 && m0 == 1) return calendar::Period::year(y0);
  return calendar::Period::from_days(calendar::Period::month(y0, m0).first(),
                                     calendar::Period::month(y1, m1).last());
}

// The first month of the fiscal year a release states: "the first quarter
// of fiscal year 2022 (\"Q1 FY2022\"), the period ended December 31, 2021"
// → a year ending in September, starting in October. Fiscal years are named
// by the calendar year they end in; a statement that does not fit that is
// not used.
std::optional<unsigned> fiscal_year_stated(const Release& r) {
  for (const Prose& p : r.prose) {
    const std::string l = lower(p.text);
    for (unsigned q = 0; q < 4; ++q) {
      const std::string phrase = std::string(kOrdinals[q]) + " quarter of fiscal ";
      const auto at = l.find(phrase);
      if (at == std::string::npos) continue;
      std::size_t y = at + phrase.size();
      if (l.compare(y, 5, "year ") == 0) y += 5;
      if (y + 4 > l.size() ||
          !std::all_of(l.begin() + static_cast<std::ptrdiff_t>(y),
                       l.begin() + static_cast<std::ptrdiff_t>(y + 4), is_digit))
        continue;
      const int fiscal_year = std::stoi(l.substr(y, 4));
      const auto ended = l.find("ended ", y);
      if (ended == std::string::npos || ended > y + 120) continue;
      const auto date = parse_period_header(l.substr(ended + 6, 20));
      if (!date || date->days() != 1) continue;
      const auto end = calendar::to_ymd(date->last());
      // That quarter's last month, then the year's: 3 × (4 − q) months on.
      const int end_index = static_cast<int>(end.year()) * 12 +
                            static_cast<int>(static_cast<unsigned>(end.month())) - 1 +
                            3 * static_cast<int>(3 - q);
      if (end_index / 12 != fiscal_year) continue;
      return static_cast<unsigned>((end_index + 1) % 12) + 1;
    }
  }
  return std::nullopt;
}

}  // namespace

// A fiscal period header: "Q3 FY2023", "Q1-FY22", "YTD Q3 FY2023", "FY
// 2023", "Q2 Fiscal 2020", "H1 FY2023" (guidance words beside it are the
// column's entity, read elsewhere).
std::optional<calendar::Period> fiscal_period_header(const std::string& header,
                                                     unsigned first_month) {
  std::string u = without_footnotes(header);
  for (char& ch : u) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
  // The year after "FISCAL YEAR", "FISCAL" or "FY", whichever comes with one.
  std::optional<int> year;
  for (std::string_view w : {"FISCAL YEAR ", "FISCAL ", "FY"})
    if (const auto at = u.find(w); !year && at != std::string::npos)
      if (const auto y = fiscal_year_at(u, at + w.size())) year = y->first;
  if (!year) return std::nullopt;
  // The fiscal year's first month, in the calendar year before unless it starts in January.
  const int start_year = first_month == 1 ? *year : *year - 1;
  std::optional<unsigned> quarter, half;
  for (unsigned q = 1; q <= 4; ++q)
    if (u.find("Q" + std::to_string(q)) != std::string::npos) quarter = q;
  for (unsigned h = 1; h <= 2; ++h)
    if (u.find("H" + std::to_string(h)) != std::string::npos) half = h;
  const bool to_date = to_date_words(lower(u));
  if (quarter && to_date) return months_period(start_year, first_month, 3 * *quarter);
  if (quarter) return months_period(start_year, first_month + 3 * (*quarter - 1), 3);
  if (half) return months_period(start_year, first_month + 6 * (*half - 1), 6);
  return months_period(start_year, first_month, 12);
}

namespace {

// Whether every figure of a row is a year ("2023", "2022").
bool years_only(const GridRow& r) {
  bool any = false;
  for (std::size_t c = 0; c < r.fields.size(); ++c) {
    if (!r.figure(c)) continue;
    const std::string& t = r.fields[c].text;
    if (t.size() != 4 || !std::all_of(t.begin(), t.end(), is_digit)) return false;
    const int y = std::stoi(t);
    if (y < 1990 || y > 2100) return false;
    any = true;
  }
  return any;
}

// A row that starts the body: a label and at least one figure that is not a
// bare year (a header row of years has no label).
bool is_body_row(const GridRow& r, std::size_t label_col) {
  if (!r.tabbed || !r.text(label_col)) return false;
  for (std::size_t c = 0; c < r.fields.size(); ++c)
    if (c != label_col && r.figure(c)) return true;
  return false;
}

// The label column: the field most body rows hold text in (the first of
// equals); most tables have it first, some print it between the figures.
std::size_t label_column(const std::vector<GridRow>& rows) {
  std::vector<std::size_t> text_count;
  for (const GridRow& r : rows) {
    if (!r.tabbed) continue;
    const bool figures =
        std::find(r.kinds.begin(), r.kinds.end(), GridRow::Kind::figure) != r.kinds.end();
    if (!figures) continue;
    if (text_count.size() < r.fields.size()) text_count.resize(r.fields.size());
    for (std::size_t c = 0; c < r.fields.size(); ++c)
      if (r.text(c) && !header_like(r.fields[c].text)) ++text_count[c];
  }
  std::size_t best = 0;
  for (std::size_t c = 1; c < text_count.size(); ++c)
    if (text_count[c] > text_count[best]) best = c;
  return best;
}

// A heading's level among the open ones. Two headings that differ in one
// word ("Lead concentrate" and "Zinc concentrate", "Ounces Produced" and
// "Ounces Sold") are siblings.
bool parallel_headings(const std::string& a, const std::string& b) {
  const auto wa = header_words(lower(a)), wb = header_words(lower(b));
  if (wa.size() != wb.size() || wa.empty()) return false;
  std::size_t differ = 0;
  for (std::size_t i = 0; i < wa.size(); ++i) differ += wa[i] != wb[i];
  return differ <= 1;
}

class GridReader {
 public:
  GridReader(std::vector<GridRow> rows, std::string title, std::string caption, Release& out)
      : rows_(std::move(rows)),
        title_(std::move(title)),
        caption_(std::move(caption)),
        tables_(out.tables),
        out_(out) {}

  void read() {
    for (GridRow& r : rows_) sort_fields(r);
    label_col_ = label_column(rows_);
    std::size_t i = 0;
    while (i < rows_.size()) i = read_table(i);
  }

 private:
  // One header and the body under it; returns the first row after it.
  std::size_t read_table(std::size_t from) {
    std::size_t body = from;
    // (A row of years under a header row of spanning periods is the
    // header's second row, even with the table's label beside it: "CLG
    // Production (100% Basis) | 2023 | 2022 | 2023 | 2022".)
    while (body < rows_.size() &&
           (!is_body_row(rows_[body], label_col_) ||
            (body > from && rows_[body - 1].tabbed && years_only(rows_[body]))))
      ++body;
    if (body == rows_.size()) {
      for (std::size_t k = from; k < rows_.size(); ++k)
        skip(rows_[k], "no row of figures under it: not a table");
      return body;
    }
    std::vector<const GridRow*> header;
    std::string heading_above;
    for (std::size_t k = from; k < body; ++k) {
      if (rows_[k].tabbed && std::any_of(rows_[k].fields.begin(), rows_[k].fields.end(),
                                         [](const Cell& c) { return !c.text.empty(); }))
        header.push_back(&rows_[k]);
      else if (!rows_[k].tabbed)
        heading_above = rows_[k].fields.empty() ? "" : rows_[k].fields[0].text;
    }
    Table t;
    t.title = title_;
    t.caption = caption_;
    t.line = header.empty() ? rows_[body].line : header.front()->line;
    columns(header, t);
    title_.clear();
    path_.clear();
    last_was_heading_ = false;
    if (!heading_above.empty()) push_heading(heading_above);
    std::size_t k = body;
    for (; k < rows_.size(); ++k) {
      const GridRow& r = rows_[k];
      // A new header further down starts another table.
      if (k > body && r.tabbed && !is_body_row(r, label_col_) && is_header_row(r)) break;
      if (!r.tabbed || heading_row(r)) {
        push_heading(r.tabbed ? r.fields[label_col_].text : r.fields[0].text);
        continue;
      }
      add_row(r, t);
    }
    finish_periods(t);
    if (auto turned = transposed(t)) t = std::move(*turned);
    tables_.push_back(std::move(t));
    return k;
  }

  // A table of mines by items ("Mine | Tonnes | Grade Ag g/t | Recovery
  // Ag % | Silver Oz" over a row per mine and a "Consolidated" row), under
  // a title naming its period ("Production Table for Second Quarter,
  // 2011"), is read turned: a column per mine, a row per item.
  static std::optional<Table> transposed(const Table& t) {
    if (t.columns.size() < 2 || t.rows.size() < 2) return std::nullopt;
    for (const Column& c : t.columns) {
      if (c.period || c.change || !c.entity.empty()) return std::nullopt;
      const std::string h = lower(c.header);
      if (!contains_any(
              h, {"tonne", "ton", "grade", "recover", "oz", "ounce", "pound", "lb", "produc", "g/t",
                  "%", "per day", "tpd", "days of operation", "operating days"}))
        return std::nullopt;
    }
    // A title without a period it names fully ("June production from San
    // Gonzalo and …": which June is not said) leaves the columns without
    // one: what needs no period is checked, the rest says why not.
    const auto period = title_period(t.title);
    Table out;
    out.title = t.title;
    out.caption = t.caption;
    out.line = t.line;
    for (const Row& r : t.rows) {
      if (!r.path.empty()) return std::nullopt;  // headings among the mines: not that shape
      out.columns.push_back({r.label, period, false, r.label});
    }
    for (std::size_t c = 0; c < t.columns.size(); ++c) {
      Row item;
      item.label = t.columns[c].header;
      item.path = {t.title};
      item.group = t.title;
      item.line = t.rows.front().line;
      const double scale = scale_of(item.label, t.title + " " + t.caption);
      for (const Row& r : t.rows) {
        std::optional<Figure> f = r.cells[c];
        if (f && f->unit != "%" && f->unit != "pp") f->scale = scale;
        item.cells.push_back(f);
      }
      out.rows.push_back(std::move(item));
    }
    return out;
  }

  // The period a table's title names: "Production Table for Second Quarter,
  // 2011", "Q2 2011 production".
  static std::optional<calendar::Period> title_period(const std::string& title) {
    const auto w = header_words(lower(title));
    for (std::size_t i = 0; i + 1 < w.size(); ++i) {
      if (auto p = parse_period_header(w[i] + " " + w[i + 1]); p && p->days() > 1) return p;
      if (i + 2 < w.size() && w[i + 1] == "quarter")
        for (unsigned q = 0; q < 4; ++q)
          if (w[i] == kOrdinals[q])
            if (const auto y = year_of(w[i + 2]); y && w[i + 2].size() == 4)
              return calendar::Period::quarter(*y, q + 1);
    }
    return std::nullopt;
  }

  // A row of headings only: periods, years, changes, with no label.
  bool is_header_row(const GridRow& r) const {
    bool any = false;
    for (std::size_t c = 0; c < r.fields.size(); ++c) {
      const std::string& t = r.fields[c].text;
      if (t.empty()) continue;
      if (c == label_col_) return false;
      const HeaderKind k = header_kind(t);
      if (k == HeaderKind::other && !header_like(t)) return false;
      any = true;
    }
    return any;
  }

  // A tab row with a label and nothing else: a heading ("Lead concentrate:").
  bool heading_row(const GridRow& r) const {
    if (!r.text(label_col_)) return false;
    for (std::size_t c = 0; c < r.fields.size(); ++c)
      if (c != label_col_ && !r.fields[c].text.empty()) return false;
    return true;
  }

  void push_heading(std::string h) {
    if (h.ends_with(':')) h.pop_back();
    h = std::string(trim(h));
    if (!last_was_heading_) {
      // Rows came between: a heading parallel to an open one replaces it and
      // closes the ones nested in it; under a product heading, a heading that
      // names none nests; else it replaces the innermost.
      std::size_t level = path_.size();
      for (std::size_t k = 0; k < path_.size(); ++k)
        if (parallel_headings(path_[k], h)) {
          level = k;
          break;
        }
      if (level == path_.size() && !path_.empty() &&
          !(product_heading(path_.back()) && !product_heading(h)))
        level = path_.size() - 1;
      path_.resize(level);
    }
    path_.push_back(h);
    last_was_heading_ = true;
  }

  // Columns from the header rows: a heading printed over the first of the
  // columns it spans covers the empty cells to its right whose lowest header
  // cell is of the same kind (years under "Q3", mines under "Q2 2016").
  void columns(const std::vector<const GridRow*>& header, Table& t) {
    std::size_t width = 0;
    for (const GridRow& r : rows_) width = std::max(width, r.fields.size());
    value_cols_.clear();
    unit_cols_.clear();
    std::vector<std::vector<std::string>> cells(header.size(), std::vector<std::string>(width));
    for (std::size_t h = 0; h < header.size(); ++h)
      for (std::size_t c = 0; c < header[h]->fields.size(); ++c)
        cells[h][c] = header[h]->fields[c].text;
    // The label cell of a header row is the table's own label ("Item",
    // "CLG Production (100% Basis)"), or its caption ("(in thousands)").
    for (std::size_t h = 0; h < header.size(); ++h) {
      if (label_col_ < width && caption_scale(lower(cells[h][label_col_])) != 1.0)
        t.caption = cells[h][label_col_];
      else if (label_col_ < width && !cells[h][label_col_].empty() && t.label.empty())
        t.label = cells[h][label_col_];
      if (label_col_ < width) cells[h][label_col_].clear();
    }
    if (header.size() == 2 && counted_columns(cells, t)) return;
    if (!header.empty()) {
      const auto& bottom = cells.back();
      for (std::size_t h = 0; h + 1 < header.size(); ++h) {
        for (std::size_t c = 0; c < width; ++c) {
          if (cells[h][c].empty() || c == label_col_) continue;
          const HeaderKind under = header_kind(bottom[c]);
          for (std::size_t n = c + 1; n < width && n != label_col_ && cells[h][n].empty(); ++n) {
            if (under == HeaderKind::empty || under == HeaderKind::change ||
                header_kind(bottom[n]) != under)
              break;
            cells[h][n] = cells[h][c];
          }
        }
      }
    }
    for (std::size_t c = 0; c < width; ++c) {
      if (c == label_col_) continue;
      std::vector<std::string> parts;
      for (std::size_t h = 0; h < header.size(); ++h)
        if (!cells[h][c].empty()) parts.push_back(cells[h][c]);
      const bool unit_header = parts.size() == 1 && is_unit_header(parts[0]);
      if ((parts.empty() || unit_header) && text_column(c)) {
        unit_cols_.push_back(c);
        continue;
      }
      if (parts.empty() && !header.empty()) continue;  // a spacer or a "$" column
      if (parts.empty() && !figure_column(c)) continue;
      Column col;
      for (const auto& p : parts) col.header += (col.header.empty() ? "" : " ") + p;
      describe_column(parts, col);
      value_cols_.push_back(c);
      t.columns.push_back(std::move(col));
    }
  }

  // Two header rows whose cells do not stand over their columns: a change
  // heading in the upper row over a year in the lower ("Three months ended
  // | % Change | Six months ended | % Change" over "2012 | 2011 | 2012 |
  // 2011"). The headings are then matched by count (each over as many
  // years), and the columns are the fields the body prints figures in.
  bool counted_columns(const std::vector<std::vector<std::string>>& cells, Table& t) {
    const auto& upper = cells[0];
    const auto& lower_row = cells[1];
    bool conflict = false;
    for (std::size_t c = 0; c < upper.size(); ++c)
      conflict = conflict || (header_kind(upper[c]) == HeaderKind::change &&
                              !lower_row[c].empty() && !is_change_header(lower_row[c]));
    if (!conflict) return false;
    std::vector<Column> cols;
    for (const auto& h : upper)
      if (!h.empty()) cols.push_back({h, std::nullopt, is_change_header(h), {}});
    std::vector<Cell> second;
    for (const auto& h : lower_row)
      if (!h.empty()) second.push_back({h, 0});
    const auto spans = static_cast<std::size_t>(
        std::count_if(cols.begin(), cols.end(), [](const Column& c) { return !c.change; }));
    const bool second_has_change = std::any_of(
        second.begin(), second.end(), [](const Cell& c) { return is_change_header(c.text); });
    if (spans > 0 && !second_has_change && second.size() % spans == 0)
      cols = each_heading_over_years(cols, second, 0, second.size() / spans);
    else if (spans == 1)
      cols = one_heading_over_years(cols, second, 0, second.size());
    else
      return false;
    std::vector<std::size_t> figures;
    for (std::size_t c = 0; c < upper.size(); ++c)
      if (c != label_col_ && figure_column(c)) figures.push_back(c);
    if (figures.size() != cols.size()) return false;
    for (Column& c : cols) {
      describe_column({c.header}, c);
      t.columns.push_back(c);
    }
    value_cols_ = figures;
    return true;
  }

  // Whether the body rows hold text (units) or figures in field c.
  bool text_column(std::size_t c) const {
    std::size_t text = 0, figures = 0;
    for (const GridRow& r : rows_) {
      if (!r.tabbed || c >= r.fields.size()) continue;
      text += r.text(c) && !header_like(r.fields[c].text);
      figures += r.figure(c);
    }
    return text > 0 && figures == 0;
  }
  bool figure_column(std::size_t c) const {
    return std::any_of(rows_.begin(), rows_.end(),
                       [&](const GridRow& r) { return r.tabbed && r.figure(c); });
  }

  // The period a column is of and what else its header says: a mine
  // ("Q2 2016" over "Turmalina"), guidance, a change.
  static void describe_column(const std::vector<std::string>& parts, Column& col) {
    std::string joined = col.header;
    const std::string l = lower(joined);
    if (contains_any(l, {"guidance", "budget", "forecast", "outlook", "target", "plan"})) {
      col.entity = "guidance";
      return;
    }
    col.change = std::any_of(parts.begin(), parts.end(),
                             [](const std::string& p) { return is_change_header(p); }) ||
                 is_change_header(joined);
    if (col.change) return;
    // "Year to Date 2014": its period is known once the other columns are
    // (finish_periods).
    if (to_date_words(l)) return;
    col.period = parse_period_header(joined);
    if (col.period) return;
    for (std::size_t k = 0; k < parts.size(); ++k) {
      const auto p = parse_period_header(parts[k]);
      if (!p) continue;
      col.period = p;
      // The other parts name what the column is of ("Turmalina"), unless
      // they only say the period again ("3 months ending June 30").
      for (std::size_t o = 0; o < parts.size(); ++o)
        if (o != k && !header_like(parts[o]) && !year_like(parts[o]))
          col.entity += (col.entity.empty() ? "" : " ") + parts[o];
      return;
    }
  }

  void add_row(const GridRow& r, Table& t) {
    Row row;
    row.line = r.line;
    std::vector<Cell> fields = r.fields;
    const bool labelled = label_col_ < fields.size() && !fields[label_col_].text.empty();
    row.label = labelled ? fields[label_col_].text : "Total";
    for (std::size_t u : unit_cols_)
      if (r.text(u))
        row.label +=
            fields[u].text.starts_with('(') ? " " + fields[u].text : " (" + fields[u].text + ")";
    // Tab tables do not say where a group ends: an item the group already
    // has ("Gross profit" after its "Gross profit (loss)") starts the rows
    // outside it.
    if (!path_.empty() && std::any_of(t.rows.begin(), t.rows.end(), [&](const Row& p) {
          return p.path == path_ && item_of(p.label) == item_of(row.label);
        }))
      path_.pop_back();
    row.path = path_;
    row.group = path_.empty() ? "" : path_.back();
    last_was_heading_ = false;
    // Positions first; when figures fall outside the columns ("$" cells
    // moved them), the figures in order, if there is one per column.
    // A field right of the last column, under no heading, is a column of
    // notes ("1", "2": footnote numbers), not a figure of the table.
    std::vector<const Cell*> cells(value_cols_.size(), nullptr);
    bool aligned = !r.signs;
    const std::size_t last = value_cols_.empty() ? 0 : value_cols_.back();
    for (std::size_t c = 0; c < fields.size(); ++c) {
      if (c == label_col_ || fields[c].text.empty()) continue;
      if (std::find(unit_cols_.begin(), unit_cols_.end(), c) != unit_cols_.end()) continue;
      const auto at = std::find(value_cols_.begin(), value_cols_.end(), c);
      if (at == value_cols_.end()) {
        if (c < last || r.signs) aligned = false;
        continue;
      }
      cells[static_cast<std::size_t>(at - value_cols_.begin())] = &fields[c];
    }
    if (!aligned) {
      std::vector<const Cell*> in_order;
      for (std::size_t c = 0; c < fields.size(); ++c)
        if (c != label_col_ && !fields[c].text.empty() &&
            std::find(unit_cols_.begin(), unit_cols_.end(), c) == unit_cols_.end())
          in_order.push_back(&fields[c]);
      if (in_order.size() != value_cols_.size()) {
        skip(r, "its cells do not line up with the table's columns");
        return;
      }
      cells = in_order;
    }
    const double scale = scale_of(row.label + " " + row.group, t.title + " " + t.caption);
    for (const Cell* c : cells) {
      std::optional<Figure> f = c ? parse_figure(c->text) : std::nullopt;
      if (f) {
        f->line = row.line;
        f->column = c->column;
        if (f->unit != "%" && f->unit != "pp") f->scale = scale;
      }
      row.cells.push_back(f);
    }
    rounded_to_hundreds(row);
    if (!labelled) path_.clear();  // an unlabelled total closes its group
    t.rows.push_back(std::move(row));
  }

  // A row printed to the thousand or hundred ("124,000  93,000  217,000"):
  // when every figure of at least two is a whole multiple of 1,000 (or
  // 100), that is how it was rounded, and reading the figures to the unit
  // would make the rounding look like a discrepancy.
  static void rounded_to_hundreds(Row& row) {
    int digits = 3, count = 0;
    for (const auto& f : row.cells) {
      if (!f || f->value == 0.0) continue;
      if (f->decimals != 0 || f->unit == "%" || std::abs(f->value) < 1000.0) return;
      ++count;
      while (digits > 0 && std::fmod(f->value, std::pow(10.0, digits)) != 0.0) --digits;
    }
    if (count < 2 || digits < 2) return;
    for (auto& f : row.cells)
      if (f && f->value != 0.0) f->decimals = -digits;
  }

  // The year of a "Year to Date 2014" / "YTD 2019" column whose period is
  // not known yet.
  static std::optional<int> year_to_date(const Column& c) {
    if (c.period || c.change || !c.entity.empty()) return std::nullopt;
    const std::string l = lower(c.header);
    if (!to_date_words(l)) return std::nullopt;
    std::optional<int> year;
    for (const auto& w : header_words(l))
      if (const auto y = year_of(w); y && w.size() == 4) year = y;
    return year;
  }

  // "Year to Date 2014": from the year's first day to the end of the latest
  // period of that year among the table's columns.
  static void finish_periods(Table& t) {
    for (Column& c : t.columns) {
      const auto year = year_to_date(c);
      if (!year) continue;
      std::optional<calendar::DayNumber> last;
      for (const Column& o : t.columns)
        if (o.period && o.period->first() >= calendar::Period::year(*year).first() &&
            o.period->last() <= calendar::Period::year(*year).last() &&
            (!last || o.period->last() > *last))
          last = o.period->last();
      if (last && *last <= calendar::Period::year(*year).last())
        c.period = calendar::Period::from_days(calendar::Period::year(*year).first(), *last);
    }
    // "YTD 2018" beside "YTD 2019": the same months a year before.
    for (Column& c : t.columns) {
      const auto year = year_to_date(c);
      if (!year) continue;
      for (const Column& o : t.columns) {
        const std::string ol = lower(o.header);
        if (!o.period || !to_date_words(ol)) continue;
        const auto first = calendar::to_ymd(o.period->first());
        const auto end = calendar::to_ymd(o.period->last());
        const int shift = *year - static_cast<int>(first.year());
        const auto m = static_cast<unsigned>(end.month());
        c.period = calendar::Period::from_days(
            calendar::Period::year(*year).first(),
            calendar::Period::month(static_cast<int>(end.year()) + shift, m).last());
        break;
      }
    }
  }

  void skip(const GridRow& r, std::string why) {
    std::string text;
    for (const Cell& c : r.fields) text += (text.empty() ? "" : " | ") + c.text;
    skip_line(out_, {r.line, core::utf8_prefix(text, 80), std::move(why)});
  }

  std::vector<GridRow> rows_;
  std::string title_, caption_;
  std::vector<Table>& tables_;
  Release& out_;
  std::size_t label_col_ = 0;
  std::vector<std::size_t> value_cols_, unit_cols_;
  std::vector<std::string> path_;
  bool last_was_heading_ = false;
};

// A footnote under a table: "1 The ore tonnage …", "(1) Cash costs …",
// "¹ Silver equivalent …", "* Non-GAAP".
bool footnote(const std::string& line) {
  if (line.starts_with("*") || line.starts_with("¹") || line.starts_with("²") ||
      line.starts_with("³"))
    return true;
  std::size_t i = 0;
  const bool paren = !line.empty() && line[0] == '(';
  if (paren) ++i;
  const std::size_t digits = i;
  while (i < line.size() && is_digit(line[i])) ++i;
  if (i == digits || i - digits > 2) return false;
  if (paren) return i < line.size() && line[i] == ')';
  return i + 1 < line.size() && line[i] == ' ' &&
         std::isupper(static_cast<unsigned char>(line[i + 1]));
}

// The state of parse_release from one line to the next: the table being
// read, and the prose above it that may title or caption the next one.
struct ReleaseParser {
  explicit ReleaseParser(std::string_view text) {
    for (std::size_t start = 0; start <= text.size();) {
      const auto end = text.find('\n', start);
      bool rule = false;
      const std::string_view raw =
          text.substr(start, end == std::string_view::npos ? text.size() - start : end - start);
      lines.push_back(clean(raw, rule));
      rules.push_back(rule);
      piped.push_back(trim(raw).starts_with('|'));
      if (end == std::string_view::npos) break;
      start = end + 1;
    }
  }

  void parse_line(std::size_t i) {
    const auto line_no = number(i);
    bool indented = false;
    std::vector<Cell> split_cells = split(lines[i], indented);
    // A row of figures without a label under a group is the group's total
    // (statements print "Revenues" / "Mining  23,161" / "Services  1,584" /
    // "  24,745"); it closes the group.
    bool closes_group = false;
    if (table != nullptr && header_done && indented && !group.empty() && !split_cells.empty() &&
        std::all_of(split_cells.begin(), split_cells.end(),
                    [](const Cell& c) { return parse_figure(c.text).has_value(); })) {
      split_cells.insert(split_cells.begin(), Cell{"Total", 1});
      closes_group = true;
    }
    const std::vector<Cell>& cells = split_cells;
    if (rules[i]) return;
    if (cells.empty()) {
      table = nullptr;  // a blank line ends a table
      return;
    }
    const Shape shape = shape_of(cells, indented);
    if (shape.is_header && (table == nullptr || header_done)) {
      start_table(cells, shape, line_no);
      return;
    }
    if (shape.is_header && table != nullptr && !header_done) {
      add_header_row(cells, shape);
      return;
    }
    if (table != nullptr && !header_done) finish_header();
    if (table != nullptr && cells.size() == 1 && cells[0].text.ends_with(':')) {
      group = cells[0].text.substr(0, cells[0].text.size() - 1);
      return;
    }
    if (is_heading_without_colon(i, cells)) {
      group = cells[0].text;
      return;
    }
    if (table != nullptr && shape.numbers > 0 && shape.label_cells == 1) {
      add_row(i, split_cells, indented, closes_group);
      return;
    }
    // Anything else is prose: it may title or caption the next table.
    table = nullptr;
    add_prose(i);
  }

  // A tab (or pipe) table: its lines up to a blank line, lines without tabs
  // among them its headings; a sentence ends it. Returns the next line.
  std::size_t read_grid_block(std::size_t i) {
    std::vector<GridRow> rows;
    std::size_t next = i + 1;  // a line of tabs only is a blank line
    for (std::size_t j = i; j < lines.size(); ++j) {
      if (rules[j]) continue;
      const std::string_view t = trim(lines[j]);
      if (t.empty()) break;
      const auto line_no = number(j);
      if (lines[j].find('\t') != std::string::npos) {
        GridRow r{line_no, tab_fields(lines[j]), true};
        if (piped[j]) {  // "| a | b |": the fields outside the bars are none
          if (!r.fields.empty() && r.fields.front().text.empty()) r.fields.erase(r.fields.begin());
          if (!r.fields.empty() && r.fields.back().text.empty()) r.fields.pop_back();
        }
        while (!r.fields.empty() && r.fields.back().text.empty()) r.fields.pop_back();
        rows.push_back(std::move(r));
        next = j + 1;
        continue;
      }
      if (t.size() > 80 || t.ends_with('.') || t.starts_with('(') || t.starts_with('*')) break;
      rows.push_back({line_no,
                      {Cell{std::string(t), static_cast<std::uint32_t>(lines[j].find(t) + 1)}},
                      false});
    }
    while (!rows.empty() && !rows.back().tabbed) rows.pop_back();
    GridReader(std::move(rows), last_text, caption, out).read();
    table = nullptr;
    heading.clear();
    last_text.clear();
    caption.clear();
    return next;
  }

  Shape shape_of(const std::vector<Cell>& cells, bool indented) const {
    Shape shape;
    // Value cells: all but the label (a header row may have no label).
    const bool first_is_number = parse_figure(cells[0].text).has_value();
    // An indented line under a header still being read is more of it
    // ("Three months ended" over an indented "March 31,").
    const bool more_header = indented && table != nullptr && !header_done &&
                             std::all_of(cells.begin(), cells.end(), [&](const Cell& c) {
                               return header_like(c.text) || is_unit_header(c.text);
                             });
    shape.label_cells = (indented && table == nullptr) || first_is_number || more_header ? 0 : 1;
    for (std::size_t c = shape.label_cells; c < cells.size(); ++c) {
      if (parse_figure(cells[c].text)) {
        ++shape.numbers;
      } else if (is_unit_header(cells[c].text)) {
        ++shape.unit_cells;
      } else if (header_like(cells[c].text)) {
        ++shape.headers;
      }
    }
    shape.values = cells.size() - shape.label_cells;
    // Under a first header row, a row of bare years is the second header row
    // ("2012  2011" under "Three Months Ended March 31").
    if (table != nullptr && !header_done && shape.numbers == shape.values && shape.values > 0 &&
        std::all_of(cells.begin() + static_cast<std::ptrdiff_t>(shape.label_cells), cells.end(),
                    [](const Cell& c) {
                      return c.text.size() == 4 &&
                             std::all_of(c.text.begin(), c.text.end(), ::isdigit);
                    })) {
      shape.headers = shape.values;
      shape.numbers = 0;
    }
    // A header: every value cell names a period, a part of one, or a change
    // (or the column of units: "Unit  Q1 2012  Q1 2011").
    shape.is_header = shape.values > 0 && shape.headers > 0 &&
                      shape.headers + shape.unit_cells == shape.values && shape.unit_cells <= 1 &&
                      (table == nullptr || !header_done || shape.label_cells == 0);
    return shape;
  }

  void start_table(const std::vector<Cell>& cells, const Shape& shape, std::uint32_t line_no) {
    Table t;
    t.title = last_text;
    t.caption = caption;
    // "(in thousands)  2012  2011": the header's own label may be the caption.
    if (shape.label_cells == 1 && caption_scale(lower(cells[0].text)) != 1.0)
      t.caption = cells[0].text;
    t.line = line_no;
    unit_column = std::string::npos;
    for (std::size_t c = shape.label_cells; c < cells.size(); ++c) {
      if (is_unit_header(cells[c].text)) {
        unit_column = c - shape.label_cells;
        continue;
      }
      t.columns.push_back({cells[c].text, std::nullopt, is_change_header(cells[c].text), {}});
    }
    out.tables.push_back(std::move(t));
    table = &out.tables.back();
    header_done = false;
    group.clear();
  }

  // A second header row: "2012  2011" under "Three Months Ended March 31".
  void add_header_row(const std::vector<Cell>& cells, const Shape& shape) {
    const std::size_t label_cells = shape.label_cells, values = shape.values;
    std::vector<Column>& cols = table->columns;
    const auto spans = std::count_if(cols.begin(), cols.end(),
                                     [](const Column& c) { return !is_change_header(c.header); });
    const bool second_has_change =
        std::any_of(cells.begin() + static_cast<std::ptrdiff_t>(label_cells), cells.end(),
                    [](const Cell& c) { return is_change_header(c.text); });
    if (values == cols.size() && spans == static_cast<std::ptrdiff_t>(cols.size())) {
      for (std::size_t c = 0; c < values; ++c)
        cols[c].header = trim(cols[c].header + " " + cells[label_cells + c].text);
    } else if (spans > 0 && !second_has_change && values % static_cast<std::size_t>(spans) == 0) {
      cols = each_heading_over_years(cols, cells, label_cells,
                                     values / static_cast<std::size_t>(spans));
    } else if (spans == 1) {
      cols = one_heading_over_years(cols, cells, label_cells, values);
    } else {
      for (std::size_t c = 0; c < values; ++c)
        cols.push_back({cells[label_cells + c].text,
                        std::nullopt,
                        is_change_header(cells[label_cells + c].text),
                        {}});
    }
  }

  void finish_header() {
    header_done = true;
    for (Column& c : table->columns) {
      c.change = is_change_header(c.header);
      if (!c.change) c.period = parse_period_header(c.header);
    }
  }

  // A heading without a colon ("Revenues", "Cost of sales") when a
  // labelled row of figures follows it.
  bool is_heading_without_colon(std::size_t i, const std::vector<Cell>& cells) const {
    if (table != nullptr && header_done && cells.size() == 1 && cells[0].text.size() <= 60 &&
        !cells[0].text.ends_with('.') && !parse_figure(cells[0].text) && i + 1 < lines.size()) {
      bool next_indented = false;
      const auto next = split(lines[i + 1], next_indented);
      if (next.size() >= 2 && !parse_figure(next[0].text) &&
          std::any_of(next.begin() + 1, next.end(),
                      [](const Cell& c) { return parse_figure(c.text).has_value(); }))
        return true;
    }
    return false;
  }

  void add_row(std::size_t i, const std::vector<Cell>& split_cells, bool indented,
               bool closes_group) {
    Row r;
    std::vector<Cell> cells = split_cells;
    const std::size_t wanted = table->columns.size() + (unit_column != std::string::npos ? 1 : 0);
    // A label with two spaces in it ("Silver  (oz)") is one cell, when the
    // row has more cells than columns and the next is no figure.
    while (cells.size() > wanted + 1 && !parse_figure(cells[1].text)) {
      cells[0].text += " " + cells[1].text;
      cells.erase(cells.begin() + 1);
    }
    r.label = cells[0].text;
    keep_empty_tab_cells(i, wanted, cells);
    // The units column's cell joins the label: "Ore milled" "tonnes" →
    // "Ore milled (tonnes)".
    if (unit_column != std::string::npos && cells.size() > 1 + unit_column &&
        !parse_figure(cells[1 + unit_column].text)) {
      r.label += " (" + cells[1 + unit_column].text + ")";
      cells.erase(cells.begin() + static_cast<std::ptrdiff_t>(1 + unit_column));
    }
    r.group = group_of_row(i, r.label, indented);
    r.line = number(i);
    add_figures(cells, r);
    table->rows.push_back(std::move(r));
    if (closes_group) group.clear();
  }

  // A tab row short of figures may have left a cell empty ("Zinc\t\t1,116,553"):
  // when its tabs give exactly one field per column, the empty one is the
  // missing figure, not a gap to close.
  void keep_empty_tab_cells(std::size_t i, std::size_t wanted, std::vector<Cell>& cells) const {
    if (cells.size() - 1 < wanted && lines[i].find('\t') != std::string::npos) {
      auto fields = tab_fields(lines[i]);
      while (fields.size() > wanted + 1 && fields.back().text.empty()) fields.pop_back();
      if (fields.size() <= wanted + 1 && fields.size() > cells.size() && !fields[0].text.empty())
        cells = std::move(fields);
    }
  }

  // Tab tables do not indent the rows of a group (Markdown tables
  // neither), nor say where it ends: an item the group already has
  // ("Gross profit" after its "Gross profit (loss)") starts the rows
  // outside it.
  std::string group_of_row(std::size_t i, const std::string& label, bool indented) {
    const bool tabbed = lines[i].find('\t') != std::string::npos;
    if (tabbed && !group.empty()) {
      const std::string item = item_of(label);
      if (std::any_of(table->rows.begin(), table->rows.end(),
                      [&](const Row& p) { return p.group == group && item_of(p.label) == item; }))
        group.clear();
    }
    return indented || (tabbed && lines[i][0] != ' ') ? group : "";
  }

  // The row's figures, one per column.
  void add_figures(const std::vector<Cell>& cells, Row& r) const {
    const double scale = scale_of(r.label, table->title + " " + table->caption);
    for (std::size_t c = 1; c < cells.size() && c - 1 < table->columns.size(); ++c) {
      auto f = parse_figure(cells[c].text);
      if (f) {
        f->line = r.line;
        f->column = cells[c].column;
        if (f->unit != "%" && f->unit != "pp") f->scale = scale;
      }
      r.cells.push_back(f);
    }
    r.cells.resize(table->columns.size());
  }

  void add_prose(std::size_t i) {
    const auto line_no = number(i);
    const std::string joined = std::string(trim(lines[i]));
    if (!joined.empty() && is_caption(joined)) {
      caption = joined;
      return;
    }
    last_text = joined;
    caption.clear();
    // A paragraph runs over consecutive lines of prose; a bullet starts one.
    const bool bullet =
        joined.starts_with("- ") || joined.starts_with("• ") || joined.starts_with("* ");
    // A footnote ("1 The ore tonnage mined …", "(1) Cash costs are …") says
    // how a figure was made, not what it is: not checked.
    if (footnote(joined)) {
      skip_line(out, {line_no, core::utf8_prefix(joined, 80), "a footnote"});
      out.notes.push_back({joined, line_no, static_cast<std::uint32_t>(lines[i].find(joined) + 1),
                           paragraph, heading});
      return;
    }
    // A heading over the sentences below it: a short line without a final
    // stop; when it names a period, the sentences under it are about it.
    if (!bullet && joined.size() <= 120 && !joined.ends_with('.') &&
        std::any_of(joined.begin(), joined.end(), [](char c) { return is_digit(c); }))
      heading = joined;
    if (bullet || last_prose_line + 1 != line_no) ++paragraph;
    last_prose_line = line_no;
    // One sentence at a time: a period, a space and a capital letter end one.
    const auto at = lines[i].find(joined);
    std::size_t start = 0;
    for (std::size_t k = 0; k + 2 < joined.size(); ++k) {
      if (joined[k] == '.' && joined[k + 1] == ' ' &&
          std::isupper(static_cast<unsigned char>(joined[k + 2]))) {
        add_sentence({joined.substr(start, k + 1 - start), line_no,
                      static_cast<std::uint32_t>(at + start + 1), paragraph, heading});
        start = k + 2;
      }
    }
    add_sentence({joined.substr(start), line_no, static_cast<std::uint32_t>(at + start + 1),
                  paragraph, heading == joined ? "" : heading});
  }

  // A sentence to check; one far longer than any a release writes (the
  // corpus's longest has 387 characters) is a run of text without stops,
  // not read: linking its figures would cost time in proportion to the
  // square of its length, for nothing a reader could say.
  void add_sentence(Prose p) {
    if (p.text.size() > kMaxSentence) {
      skip_line(out, {p.line, core::utf8_prefix(p.text, 80),
                      fmt::format("a sentence of {} characters, longer than {}: not read",
                                  p.text.size(), kMaxSentence)});
      return;
    }
    out.prose.push_back(std::move(p));
  }
  static constexpr std::size_t kMaxSentence = 2000;

  // Tables whose header was the last line still need their periods; every
  // table its one metal.
  void set_periods() {
    for (Table& t : out.tables) {
      std::set<std::string> metals;
      for (const Row& r : t.rows) {
        if (auto m = metal_of(r.label); !m.empty()) metals.insert(m);
        for (const auto& h : r.path)
          if (auto m = metal_of(h); !m.empty()) metals.insert(m);
      }
      if (metals.size() == 1) t.metal = *metals.begin();
      for (Column& c : t.columns) {
        c.change = is_change_header(c.header);
        if (!c.change && !c.period) c.period = parse_period_header(c.header);
      }
    }
    // Fiscal periods ("Q3 FY2023", "YTD Q3 FY2023") once the release says
    // when one of its fiscal quarters ended.
    const auto fiscal = fiscal_year_stated(out);
    out.fiscal_first_month = fiscal;
    if (!fiscal) return;
    for (Table& t : out.tables)
      for (Column& c : t.columns)
        if (!c.change && !c.period) c.period = fiscal_period_header(c.header, *fiscal);
  }

  // The number of line i of this text in the file.
  std::uint32_t number(std::size_t i) const { return first_line + static_cast<std::uint32_t>(i); }

  Release out;
  std::uint32_t first_line = 1;
  std::vector<std::string> lines;
  std::vector<bool> rules;  // Markdown table rules: skipped, without ending the table
  std::vector<bool> piped;  // lines of a Markdown pipe table
  Table* table = nullptr;
  std::string last_text, caption, group;
  std::string heading;  // the last heading of the prose that names a period
  std::uint32_t paragraph = 0, last_prose_line = 0;
  // The units column among the value cells of the header; npos when none.
  std::size_t unit_column = std::string::npos;
  bool header_done = false;
};

}  // namespace

std::vector<Part> parts_of(std::string_view text, std::size_t part_bytes) {
  std::vector<Part> parts;
  std::uint32_t line = 1;
  while (!text.empty()) {
    std::size_t cut = text.size();
    if (text.size() > part_bytes) {
      // The first blank line after part_bytes; else the first line end after
      // it; else (one huge line) part_bytes itself.
      const auto blank = text.find("\n\n", part_bytes);
      const auto newline = text.find('\n', part_bytes);
      cut = blank != std::string_view::npos && blank < 2 * part_bytes ? blank + 2
            : newline != std::string_view::npos                       ? newline + 1
                                                                      : part_bytes;
    }
    const std::string_view part = text.substr(0, cut);
    parts.push_back({part, line});
    line += static_cast<std::uint32_t>(std::count(part.begin(), part.end(), '\n'));
    text.remove_prefix(cut);
  }
  return parts;
}

Release parse_release(std::string_view text, std::uint32_t first_line) {
  ReleaseParser parser(text);
  parser.first_line = first_line;
  for (std::size_t i = 0; i < parser.lines.size();) {
    if (!parser.rules[i] && parser.lines[i].find('\t') != std::string::npos) {
      i = parser.read_grid_block(i);
    } else {
      parser.parse_line(i++);
    }
  }
  parser.set_periods();
  return std::move(parser.out);
}

}  // namespace orebook::check
