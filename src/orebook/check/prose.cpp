#include "orebook/check/prose.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>

#include <fmt/format.h>

#include "orebook/accounting/formulas.h"
#include "orebook/check/words.h"

namespace orebook::check {

namespace {

using units::Interval;

// A number in a sentence: "$13.65", "30%", "4.9 million", "581,746".
struct Number {
  Figure figure;       // as printed (without the scale word)
  double scale = 1.0;  // "million": 1e6
  std::size_t begin = 0, end = 0;
  Interval interval() const { return figure.interval() * Interval(scale); }
};

bool digit(char c) { return c >= '0' && c <= '9'; }

std::vector<Number> numbers_in(const std::string& s) {
  std::vector<Number> out;
  std::size_t i = 0;
  while (i < s.size()) {
    const bool starts = digit(s[i]) || (s[i] == '$' && i + 1 < s.size() && digit(s[i + 1])) ||
                        (s.compare(i, 3, "US$") == 0 && i + 3 < s.size() && digit(s[i + 3]));
    if (!starts ||
        (i > 0 && (std::isalnum(static_cast<unsigned char>(s[i - 1])) || s[i - 1] == '.'))) {
      ++i;
      continue;
    }
    std::size_t j = i;
    if (s.compare(j, 3, "US$") == 0) j += 3;
    if (j < s.size() && s[j] == '$') ++j;
    while (j < s.size() &&
           (digit(s[j]) || ((s[j] == ',' || s[j] == '.') && j + 1 < s.size() && digit(s[j + 1]))))
      ++j;
    if (j < s.size() && s[j] == '%') ++j;
    auto f = parse_figure(std::string_view(s).substr(i, j - i));
    Number n;
    n.begin = i;
    if (f) {
      n.figure = *f;
      std::size_t k = j;
      while (k < s.size() && s[k] == ' ') ++k;
      for (const auto& [word, scale] :
           {std::pair{"million", 1e6}, std::pair{"billion", 1e9}, std::pair{"thousand", 1e3}}) {
        if (s.compare(k, std::string_view(word).size(), word) == 0) {
          n.scale = scale;
          j = k + std::string_view(word).size();
        }
      }
      n.end = j;
      // A year is not a figure ("the first quarter of 2011").
      const bool year = f->unit.empty() && f->decimals == 0 && n.scale == 1.0 &&
                        f->text.find(',') == std::string::npos && f->value >= 1900 &&
                        f->value <= 2100;
      if (!year) out.push_back(n);
    }
    i = std::max(j, i + 1);
  }
  return out;
}

constexpr std::array<std::string_view, 11> kUp = {
    "increase", "increased",   "up",   "higher", "rose",   "grew",
    "improved", "improvement", "gain", "rise",   "greater"};
constexpr std::array<std::string_view, 10> kDown = {"decrease", "decreased", "down",    "lower",
                                                    "fell",     "declined",  "decline", "reduction",
                                                    "reduced",  "drop"};

// +1 for an increase, −1 for a decrease, 0 when the text says neither.
int direction(const std::string& text) {
  for (auto w : kUp)
    if (has_word(text, w)) return 1;
  for (auto w : kDown)
    if (has_word(text, w)) return -1;
  return 0;
}

enum class Kind {
  production,
  ore_processed,
  throughput,
  ore_mined,
  price,
  cash_cost,
  revenue,
  head_grade,
  recovery
};

struct Metric {
  Kind kind;
  std::string metal;
};

// What a piece of a sentence talks about.
std::optional<Metric> metric_of(const std::string& t) {
  const std::string metal = metal_of(t);
  if (t.find("cash cost") != std::string::npos) return Metric{Kind::cash_cost, ""};
  if (t.find("price") != std::string::npos && !metal.empty()) return Metric{Kind::price, metal};
  if (t.find("throughput") != std::string::npos) return Metric{Kind::throughput, ""};
  if (t.find("milling rate") != std::string::npos || t.find("processed") != std::string::npos ||
      t.find("milled") != std::string::npos)
    return Metric{Kind::ore_processed, ""};
  if (t.find("mining rate") != std::string::npos || t.find("mined") != std::string::npos)
    return Metric{Kind::ore_mined, ""};
  if (t.find("recover") != std::string::npos && !metal.empty())
    return Metric{Kind::recovery, metal};
  if (t.find("grade") != std::string::npos && !metal.empty())
    return Metric{Kind::head_grade, metal};
  if ((t.find("production") != std::string::npos || t.find("produced") != std::string::npos) &&
      !metal.empty())
    return Metric{Kind::production, metal};
  if (t.find("revenue") != std::string::npos) return Metric{Kind::revenue, ""};
  return std::nullopt;
}

const Row* row_for(const Table& t, const Metric& m) {
  for (const Row& r : t.rows) {
    const std::string l = lower(r.label), g = lower(r.group);
    const bool metal = !m.metal.empty() && metal_of(r.label) == m.metal;
    switch (m.kind) {
      case Kind::production:
        if (metal && !payable(r) &&
            (g.find("production") != std::string::npos ||
             l.find("production") != std::string::npos))
          return &r;
        break;
      case Kind::ore_processed:
        if (l.find("processed") != std::string::npos && l.find("per") == std::string::npos)
          return &r;
        break;
      case Kind::throughput:
        if ((l.find("throughput") != std::string::npos || l.find("per day") != std::string::npos) &&
            l.find("operating") == std::string::npos)
          return &r;
        break;
      case Kind::ore_mined:
        if (l.find("mined") != std::string::npos) return &r;
        break;
      case Kind::price:
        if (metal && (g.find("price") != std::string::npos || l.find("price") != std::string::npos))
          return &r;
        break;
      case Kind::cash_cost:
        if (l.find("cash cost") != std::string::npos) return &r;
        break;
      case Kind::revenue:
        if (l.rfind("revenue", 0) == 0) return &r;
        break;
      case Kind::head_grade:
        if (metal && g.find("grade") != std::string::npos &&
            g.find("concentrate") == std::string::npos)
          return &r;
        break;
      case Kind::recovery:
        if (metal && g.find("recover") != std::string::npos) return &r;
        break;
    }
  }
  return nullptr;
}

// The period a phrase names, relative to the current one: "the first
// quarter of 2011", "the fourth quarter", "a year ago", "Q4 2011".
std::optional<calendar::Period> period_in(const std::string& t, const calendar::Period& current) {
  static const std::array<std::string_view, 4> kOrd = {"first", "second", "third", "fourth"};
  const auto& cur = current;
  for (unsigned q = 0; q < 4; ++q) {
    const std::string phrase = std::string(kOrd[q]) + " quarter";
    const auto at = t.find(phrase);
    if (at == std::string::npos) continue;
    std::string rest = t.substr(at + phrase.size());
    if (rest.rfind(" of", 0) == 0) rest = rest.substr(3);
    while (!rest.empty() && rest.front() == ' ') rest.erase(0, 1);
    const int cy = std::stoi(cur.to_string().substr(0, 4));
    int year = calendar::Period::quarter(cy, q + 1).first() < cur.first() ? cy : cy - 1;
    if (rest.size() >= 4 && std::all_of(rest.begin(), rest.begin() + 4, digit))
      year = std::stoi(rest.substr(0, 4));
    return calendar::Period::quarter(year, q + 1);
  }
  if (t.find("year ago") != std::string::npos || t.find("prior year") != std::string::npos ||
      t.find("same period") != std::string::npos || t.find("previous year") != std::string::npos) {
    // The same period a year earlier: 2012Q1 → 2011Q1, 2012-03 → 2011-03.
    const std::string id = cur.to_string();
    if (id.find("..") == std::string::npos && id.size() >= 4)
      return calendar::Period::parse(std::to_string(std::stoi(id.substr(0, 4)) - 1) + id.substr(4));
    return std::nullopt;
  }
  for (unsigned q = 1; q <= 4; ++q) {
    const auto at = t.find(fmt::format("q{} ", q));
    if (at != std::string::npos && at + 7 <= t.size() &&
        std::all_of(t.begin() + static_cast<std::ptrdiff_t>(at + 3),
                    t.begin() + static_cast<std::ptrdiff_t>(at + 7), digit))
      return calendar::Period::quarter(std::stoi(t.substr(at + 3, 4)), q);
  }
  return std::nullopt;
}

std::optional<std::size_t> column_of(const Table& t, const calendar::Period& p) {
  for (std::size_t c = 0; c < t.columns.size(); ++c)
    if (t.columns[c].period && *t.columns[c].period == p) return c;
  return std::nullopt;
}

std::optional<std::size_t> period_column(const Table& t, int nth) {
  int seen = 0;
  for (std::size_t c = 0; c < t.columns.size(); ++c) {
    if (t.columns[c].change || !t.columns[c].period) continue;
    if (seen++ == nth) return c;
  }
  return std::nullopt;
}

// The table and row a metric lives in (the first table that has it).
std::pair<const Table*, const Row*> find(const Release& r, const Metric& m) {
  for (const Table& t : r.tables)
    if (const Row* row = row_for(t, m)) return {&t, row};
  return {nullptr, nullptr};
}

Figure at(const Prose& p, const Number& n) {
  Figure f = n.figure;
  f.text = p.text.substr(n.begin, n.end - n.begin);
  f.line = p.line;
  f.column = p.column + static_cast<std::uint32_t>(n.begin);
  return f;
}

class SentenceChecks {
 public:
  SentenceChecks(const Release& r, const Prose& p, std::vector<Check>& out)
      : r_(r), p_(p), text_(lower(p.text)), numbers_(numbers_in(p.text)), out_(out) {}

  void run() {
    for (std::size_t k = 0; k < numbers_.size(); ++k) {
      if (used_[k]) continue;
      // A percentage with a direction is a change; without one, a figure
      // restated ("silver recovery averaged 95%").
      if (numbers_[k].figure.unit != "%" || !change(k)) restated(k);
    }
  }

 private:
  // The text between the previous number (or the clause start) and number k.
  std::string before(std::size_t k) const {
    std::size_t from = k > 0 ? numbers_[k - 1].end : 0;
    return text_.substr(from, numbers_[k].begin - from);
  }
  std::string after(std::size_t k, std::size_t chars = 80) const {
    return text_.substr(numbers_[k].end, chars);
  }

  // "Silver production increased 30% compared to the first quarter of 2011",
  // "a 19% or $2.64 reduction from $13.65".
  // false when the percentage is not a change (no direction word).
  bool change(std::size_t k) {
    const Number& n = numbers_[k];
    const std::string after_text = after(k, 30);
    const int dir = direction(after_text) != 0 ? direction(after_text) : direction(before(k));
    if (dir == 0) return false;
    auto metric = metric_of(before(k));
    if (!metric) metric = metric_of(text_.substr(0, n.begin));
    if (!metric) return true;
    const auto [table, row] = find(r_, *metric);
    Check c;
    c.relation = "change in prose";
    c.target = {p_.text.substr(0, std::min<std::size_t>(p_.text.size(), 60)), at(p_, n)};
    c.formula =
        fmt::format("{} {}: (current − prior) ÷ prior", dir > 0 ? "up" : "down", n.figure.text);
    // Prior: a figure the sentence gives ("from $13.65"), else the table's.
    std::optional<Interval> cur, prior;
    const auto from = text_.find("from ", n.end);
    std::optional<std::size_t> prior_number;
    for (std::size_t j = k + 1; j < numbers_.size(); ++j) {
      if (from != std::string::npos && numbers_[j].begin > from && numbers_[j].begin <= from + 8)
        prior_number = j;
    }
    std::optional<std::size_t> cur_col;
    if (table) cur_col = period_column(*table, 0);
    if (row && cur_col && row->cells[*cur_col]) {
      cur = row->cells[*cur_col]->interval();
      c.inputs.push_back(reference(*row, *row->cells[*cur_col]));
      c.period = table->columns[*cur_col].header;
    }
    if (prior_number) {
      prior = numbers_[*prior_number].interval();
      c.inputs.push_back({"stated prior", at(p_, numbers_[*prior_number])});
      used_[*prior_number] = true;
    } else if (table && cur_col && table->columns[*cur_col].period) {
      // The period compared with: named after the figure, else before it
      // ("Compared to Q1 2011, silver production increased 30%"), never the current one.
      const calendar::Period& current = *table->columns[*cur_col].period;
      auto named = period_in(text_.substr(n.end), current);
      if (!named || *named == current) named = period_in(text_.substr(0, n.begin), current);
      if (named && *named == current) named.reset();
      // Unnamed, the comparison is with the other column only when there is one.
      const bool two = period_column(*table, 1) && !period_column(*table, 2);
      const auto col = named ? column_of(*table, *named)
                       : two ? period_column(*table, 1)
                             : std::nullopt;
      if (!named && !two) c.why = "the sentence does not name the period it compares with";
      if (col && row->cells[*col]) {
        prior = row->cells[*col]->interval();
        c.inputs.push_back(reference(*row, *row->cells[*col]));
        c.period += " vs " + table->columns[*col].header;
      } else if (named) {
        c.why = fmt::format("no table column for {}", named->to_string());
      }
    }
    if (!cur || !prior) {
      c.status = Status::not_checkable;
      if (c.why.empty()) c.why = "the compared figures are not in a table";
      out_.push_back(std::move(c));
      return true;
    }
    if (prior->contains(0.0)) {
      c.status = Status::not_checkable;
      c.why = "the prior figure may be zero";
      out_.push_back(std::move(c));
      return true;
    }
    c.computed = accounting::relative_change(*cur, *prior) * Interval(100.0);
    judge(c, Interval(dir) * n.figure.interval());
    out_.push_back(c);
    // "a 19% or $2.64 reduction": the difference in units too.
    if (k + 1 < numbers_.size() && numbers_[k + 1].figure.unit == "$" &&
        text_.substr(n.end, numbers_[k + 1].begin - n.end).find("or") != std::string::npos) {
      Check d = c;
      d.relation = "difference in prose";
      d.target = {c.target.label, at(p_, numbers_[k + 1])};
      d.formula = fmt::format("{} {}: current − prior", dir > 0 ? "up" : "down",
                              numbers_[k + 1].figure.text);
      d.computed = *cur - *prior;
      d.status = Status::ties;
      judge(d, Interval(dir) * numbers_[k + 1].interval());
      used_[k + 1] = true;
      out_.push_back(d);
    }
    return true;
  }

  // "produced 581,746 ounces silver", "over 4.9 million pounds lead",
  // "averaged 234 tpd compared to 201 tpd in the first quarter of 2011".
  void restated(std::size_t k) {
    const Number& n = numbers_[k];
    const std::string next = after(k, 30);
    std::optional<Metric> metric;
    // "581,746 ounces silver", or "silver production was 581,746 ounces".
    std::string unit_metal = metal_of(next.substr(0, 25));
    if (unit_metal.empty()) unit_metal = metal_of(text_.substr(0, n.begin));
    if (next.rfind(" ounces", 0) == 0 || next.rfind(" oz", 0) == 0 ||
        next.rfind(" pounds", 0) == 0 || next.rfind(" lb", 0) == 0) {
      if (!unit_metal.empty()) metric = Metric{Kind::production, unit_metal};
    } else if (next.rfind(" tpd", 0) == 0 || next.rfind(" tonnes per day", 0) == 0) {
      metric = Metric{Kind::throughput, ""};
    } else if (n.figure.unit == "$" || n.figure.unit == "%") {
      // The clause since the previous figure names it, else the sentence so far.
      metric = metric_of(before(k));
      if (!metric) metric = metric_of(text_.substr(0, n.begin));
    }
    if (!metric) return;
    const auto [table, row] = find(r_, *metric);
    if (!table) return;
    const auto cur_col = period_column(*table, 0);
    if (!cur_col) return;
    // The column: a period phrase right after the number, else the current one.
    std::optional<std::size_t> col = cur_col;
    const std::size_t clause_end = k + 1 < numbers_.size() ? numbers_[k + 1].begin : text_.size();
    const std::string clause = text_.substr(n.end, clause_end - n.end);
    if (table->columns[*cur_col].period) {
      if (const auto named = period_in(clause, *table->columns[*cur_col].period))
        col = column_of(*table, *named);
    }
    Check c;
    c.target = {p_.text.substr(0, std::min<std::size_t>(p_.text.size(), 60)), at(p_, n)};
    if (!col || !row->cells[*col]) {
      c.relation = "restatement";
      c.status = Status::not_checkable;
      c.why = "no table figure for the period it names";
      out_.push_back(std::move(c));
      return;
    }
    const Figure& f = *row->cells[*col];
    c.period = table->columns[*col].header;
    c.inputs.push_back(reference(*row, f));
    c.computed = f.interval();
    // A rounding word before the number.
    const std::string prior_text = before(k);
    const std::string w =
        prior_text.size() > 20 ? prior_text.substr(prior_text.size() - 20) : prior_text;
    const double n_value = n.figure.value * n.scale;
    const std::string n_text = p_.text.substr(n.begin, n.end - n.begin);
    const double unit = std::pow(10.0, -n.figure.decimals) * n.scale;  // one unit of the last digit
    auto word = [&](std::string_view x) { return w.find(x) != std::string::npos; };
    if (word("over ") || word("more than ") || word("exceed") || word("above ") ||
        word("in excess of ")) {
      c.relation = "rounding word";
      c.formula = fmt::format("over {}: figure > {}", n_text, n_value);
      judge(c, Interval(n_value, std::numeric_limits<double>::infinity()));
      if (c.status == Status::ties && !(c.computed.hi() > n_value)) c.status = Status::does_not_tie;
    } else if (word("under ") || word("less than ") || word("below ")) {
      c.relation = "rounding word";
      c.formula = fmt::format("under {}: figure < {}", n_text, n_value);
      judge(c, Interval(-std::numeric_limits<double>::infinity(), n_value));
      if (c.status == Status::ties && !(c.computed.lo() < n_value)) c.status = Status::does_not_tie;
    } else if (word("nearly ") || word("almost ") || word("close to ")) {
      c.relation = "rounding word";
      c.formula = fmt::format("nearly {}: {} − one unit ≤ figure < {}", n_text, n_value, n_value);
      judge(c, Interval(n_value - unit, n_value));
    } else {
      c.relation = word("approximately ") || word("about ") || word("around ") || word("roughly ")
                       ? "rounding word"
                       : "restatement";
      c.formula =
          c.relation == "restatement" ? "the table's figure" : "approximately: rounds to it";
      judge(c, n.interval());
      // Two printings of one quantity: [a − ½, a + ½) and [b − ½, b + ½) share
      // no value when they only touch (581,746 and 581,747).
      const double overlap =
          std::min(c.computed.hi(), c.printed.hi()) - std::max(c.computed.lo(), c.printed.lo());
      if (c.status == Status::ties &&
          !(overlap > 1e-9 * std::max({std::abs(c.computed.hi()), std::abs(c.printed.hi()), 1.0})))
        c.status = Status::does_not_tie;
    }
    out_.push_back(std::move(c));
  }

  const Release& r_;
  const Prose& p_;
  std::string text_;
  std::vector<Number> numbers_;
  std::vector<Check>& out_;
  std::vector<bool> used_ = std::vector<bool>(numbers_.size(), false);
};

}  // namespace

std::vector<Check> check_prose(const Release& release) {
  std::vector<Check> out;
  for (const Prose& p : release.prose) SentenceChecks(release, p, out).run();
  return out;
}

}  // namespace orebook::check
