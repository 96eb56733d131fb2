#include "orebook/check/release.h"

#include "orebook/check/words.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <initializer_list>

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

constexpr std::array<std::string_view, 12> kMonths = {
    "january", "february", "march",     "april",   "may",      "june",
    "july",    "august",   "september", "october", "november", "december"};

bool is_change_header(std::string_view h) {
  std::string l = lower(h);
  std::erase_if(l, [](char c) { return c == '(' || c == ')' || c == '%' || c == '$'; });
  l = std::string(trim(l));
  for (std::string_view w : {"change", "chg", "variance", "increase decrease", "inc dec",
                             "increase/decrease", "increase/(decrease)", "difference"})
    if (l == w) return true;
  return false;
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
                             "quarter ended", "year ended", "period ended", "months ended"})
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
  if (contains_any(l, {"(000", "('000", "000s", "000's", "$000", "thousand"}) ||
      has_word(l, "koz") || has_word(l, "klb") || has_word(l, "kt"))
    return 1e3;
  if (contains_any(l, {"million", "$m)", "$ m)", "(m)"}) || has_word(l, "moz") ||
      has_word(l, "mlb"))
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
    if (kMonths[m] == t || (t.size() <= 4 && kMonths[m].starts_with(t))) return m + 1;
  return 0;
}

// "Q1 2012", "1Q 2012", "H1 2012", "Year 2011", "FY 2011", "March 2012".
std::optional<calendar::Period> two_word_period(const std::vector<std::string>& w) {
  if (const auto y = year_of(w[1])) {
    const std::string& p = w[0];
    if (p.size() == 2 && ((p[0] == 'q' && p[1] >= '1' && p[1] <= '4') ||
                          (p[1] == 'q' && p[0] >= '1' && p[0] <= '4')))
      return calendar::Period::quarter(*y,
                                       static_cast<unsigned>((p[0] == 'q' ? p[1] : p[0]) - '0'));
    if (p.size() == 2 && ((p[0] == 'h' && (p[1] == '1' || p[1] == '2')) ||
                          (p[1] == 'h' && (p[0] == '1' || p[0] == '2'))))
      return calendar::Period::half(*y, static_cast<unsigned>((p[0] == 'h' ? p[1] : p[0]) - '0'));
    if (p == "year" || p == "fy") return calendar::Period::year(*y);
    if (const unsigned m = month_of(p); m > 0 && w[1].size() == 4)
      return calendar::Period::month(*y, m);  // "March 2012"
  }
  return std::nullopt;
}

std::optional<calendar::Period> three_word_period(const std::vector<std::string>& w) {
  static const std::array<std::string_view, 4> kOrd = {"first", "second", "third", "fourth"};
  if (const auto y = year_of(w[2]); y && w[2].size() == 4) {
    // "Fourth quarter 2011", "First half 2012".
    for (unsigned q = 0; q < 4; ++q) {
      if (w[0] != kOrd[q]) continue;
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
  const auto ended = std::find(w.begin(), w.end(), "ended");
  if (ended != w.end() && ended + 3 < w.end() + 0 && w.size() >= 4) {
    int months = 0;
    const std::string& n = w.front();
    if (n == "three" || n == "quarter" || n == "3") months = 3;
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

std::optional<calendar::Period> parse_period_header(std::string_view header) {
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
         std::any_of(kMonths.begin(), kMonths.end(),
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
      merged.push_back({c.header + " " + cells[next++].text, std::nullopt, false});
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
      merged.push_back({text, std::nullopt, true});
    } else {
      merged.push_back({span + " " + text, std::nullopt, false});
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

// The state of parse_release from one line to the next: the table being
// read, and the prose above it that may title or caption the next one.
struct ReleaseParser {
  explicit ReleaseParser(std::string_view text) {
    for (std::size_t start = 0; start <= text.size();) {
      const auto end = text.find('\n', start);
      bool rule = false;
      lines.push_back(clean(
          text.substr(start, end == std::string_view::npos ? text.size() - start : end - start),
          rule));
      rules.push_back(rule);
      if (end == std::string_view::npos) break;
      start = end + 1;
    }
  }

  void parse_line(std::size_t i) {
    const auto line_no = static_cast<std::uint32_t>(i + 1);
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
      t.columns.push_back({cells[c].text, std::nullopt, is_change_header(cells[c].text)});
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
        cols.push_back({cells[label_cells + c].text, std::nullopt,
                        is_change_header(cells[label_cells + c].text)});
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
    r.line = static_cast<std::uint32_t>(i + 1);
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
    const auto line_no = static_cast<std::uint32_t>(i + 1);
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
    if (bullet || last_prose_line + 1 != line_no) ++paragraph;
    last_prose_line = line_no;
    // One sentence at a time: a period, a space and a capital letter end one.
    const auto at = lines[i].find(joined);
    std::size_t start = 0;
    for (std::size_t k = 0; k + 2 < joined.size(); ++k) {
      if (joined[k] == '.' && joined[k + 1] == ' ' &&
          std::isupper(static_cast<unsigned char>(joined[k + 2]))) {
        out.prose.push_back({joined.substr(start, k + 1 - start), line_no,
                             static_cast<std::uint32_t>(at + start + 1), paragraph});
        start = k + 2;
      }
    }
    out.prose.push_back(
        {joined.substr(start), line_no, static_cast<std::uint32_t>(at + start + 1), paragraph});
  }

  // Tables whose header was the last line still need their periods.
  void set_periods() {
    for (Table& t : out.tables) {
      for (Column& c : t.columns) {
        c.change = is_change_header(c.header);
        if (!c.change && !c.period) c.period = parse_period_header(c.header);
      }
    }
  }

  Release out;
  std::vector<std::string> lines;
  std::vector<bool> rules;  // Markdown table rules: skipped, without ending the table
  Table* table = nullptr;
  std::string last_text, caption, group;
  std::uint32_t paragraph = 0, last_prose_line = 0;
  // The units column among the value cells of the header; npos when none.
  std::size_t unit_column = std::string::npos;
  bool header_done = false;
};

}  // namespace

Release parse_release(std::string_view text) {
  ReleaseParser parser(text);
  for (std::size_t i = 0; i < parser.lines.size(); ++i) parser.parse_line(i);
  parser.set_periods();
  return std::move(parser.out);
}

}  // namespace orebook::check
