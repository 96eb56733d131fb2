#include "orebook/check/relations.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <map>

#include <fmt/format.h>

#include "orebook/accounting/equivalents.h"
#include "orebook/accounting/formulas.h"
#include "orebook/check/items.h"
#include "orebook/check/prose.h"
#include "orebook/check/ratios.h"
#include "orebook/check/words.h"
#include "orebook/costs/formulas.h"
#include "orebook/units/units.h"

namespace orebook::check {

std::string_view to_string(Status s) {
  switch (s) {
    case Status::ties:
      return "ties";
    case Status::does_not_tie:
      return "does-not-tie";
    case Status::not_checkable:
      return "not-checkable";
  }
  return "?";
}

namespace {

using units::Interval;

// A grade figure's unit: from the label's words ("g/t", "grams per tonne",
// "oz/t"), else its headings', else % from the figure.
std::optional<units::GradeUnit> grade_unit_of(const Row& row, const Figure& f) {
  if (auto u = grade_unit_in(row.label)) return u;
  for (auto h = row.path.rbegin(); h != row.path.rend(); ++h)
    if (auto u = grade_unit_in(*h)) return u;
  if (f.unit == "%") return units::GradeUnit::percent;
  return std::nullopt;
}

void decide(Check& c) { judge(c, c.target.figure.interval()); }

class TableChecks {
 public:
  TableChecks(const Table& t, const std::vector<Prose>& notes,
              const std::vector<StatedRatio>& ratios, std::vector<Check>& out)
      : t_(t), notes_(notes), ratios_(ratios), out_(out) {
    // Each row's words, read once for the checks of every column.
    for (const Row& r : t.rows) {
      words_.push_back(lower(path_words(r)));
      equivalent_.push_back(equivalent_metal(words_.back()));
      item_.push_back(item_without_unit(r.label));
    }
  }

  void run() {
    changes();
    for (std::size_t c = 0; c < t_.columns.size(); ++c) {
      if (t_.columns[c].change) continue;
      gross_profit(c);
      segments(c);
      totals(c);
      per_unit(c);
      concentrates(c);
      production(c);
      recovery(c);
      throughput(c);
      combined(c);
      equivalents(c);
      two_units(c);
    }
  }

 private:
  // A change column compares the period columns since the previous change
  // column: two of them with each other ("2012  2011  Change", "Six months
  // 2012  2011  Change"), or one with the table's first period column ("Q1
  // 2012  Q1 2011  % Change  Q4 2011  % Change"); three or more, it does not
  // say which. Its figures are a relative change when printed with % (or
  // under a % header), a difference in points when printed with pp, else a
  // difference in the row's units.
  void changes() {
    std::optional<std::size_t> first;
    std::vector<std::size_t> group;  // period columns since the last change column
    for (std::size_t c = 0; c < t_.columns.size(); ++c) {
      if (!t_.columns[c].change) {
        if (!first) first = c;
        group.push_back(c);
        continue;
      }
      if (group.size() == 2) {
        change_column(c, group[0], group[1]);
      } else if (group.size() == 1 && first && group[0] != *first) {
        change_column(c, *first, group[0]);
      } else {
        change_column(c, std::nullopt, std::nullopt);
      }
      group.clear();
    }
  }

  void change_column(std::size_t change, std::optional<std::size_t> current,
                     std::optional<std::size_t> compared) {
    for (const Row& r : t_.rows) {
      const auto& target = r.cells[change];
      if (!target) continue;
      if (!current || !compared) {
        Check c;
        c.relation = "change";
        c.target = reference(r, *target);
        c.period = t_.columns[change].header;
        c.status = Status::not_checkable;
        c.why = "the change column does not say which two columns it compares";
        out_.push_back(std::move(c));
        continue;
      }
      // Columns in time order ("Q4 2012  Q1 2013  % Change") are read both
      // ways: the later period against the earlier (a timeline), or the
      // first column against the second (orebook's own results put the
      // period asked first, whichever is later).
      const auto& pc = t_.columns[*current].period;
      const auto& pp = t_.columns[*compared].period;
      const bool timeline = pc && pp && pp->first() > pc->first() && pp->last() > pc->last();
      Check c =
          change_check(r, change, timeline ? *compared : *current, timeline ? *current : *compared);
      if (timeline && c.status == Status::does_not_tie) {
        Check by_position = change_check(r, change, *current, *compared);
        if (by_position.status == Status::ties) c = std::move(by_position);
      }
      out_.push_back(std::move(c));
    }
  }

  Check change_check(const Row& r, std::size_t change, std::size_t cur, std::size_t prior) const {
    const bool percent_header = t_.columns[change].header.find('%') != std::string::npos;
    const auto& target = r.cells[change];
    Check c;
    c.relation = "change";
    c.target = reference(r, *target);
    c.period = t_.columns[cur].header + " vs " + t_.columns[prior].header;
    const auto& a = r.cells[cur];
    const auto& b = r.cells[prior];
    if (!a || !b) {
      c.status = Status::not_checkable;
      c.why = "a compared figure is missing";
      return c;
    }
    c.inputs = {reference(r, *a), reference(r, *b)};
    Check points = c;
    points.formula = "change (pp) = current − prior";
    points.computed = a->interval() - b->interval();
    decide(points);
    if (target->unit == "pp") return points;
    if (target->unit != "%" && !percent_header) {
      points.formula = "change = current − prior";
      return points;
    }
    c.formula = "change (%) = (current − prior) ÷ prior";
    if (b->interval().contains(0.0)) {
      c.status = Status::not_checkable;
      c.why = "the prior figure may be zero";
    } else {
      c.computed = accounting::relative_change(a->interval(), b->interval()) * Interval(100.0);
    }
    decide(c);
    // The change of a percentage printed with % may be either reading
    // (95% against 93%: "2%"); the release does not say which.
    if (a->unit == "%" && b->unit == "%" && target->unit == "%" && c.status != Status::ties &&
        points.status == Status::ties) {
      points.formula = "change of a percentage, read as points = current − prior";
      return points;
    }
    return c;
  }

  // Gross profit = revenue − cost of sales, within a group.
  void gross_profit(std::size_t col) {
    for (const Row& gp : t_.rows) {
      if (lower(gp.label).rfind("gross profit", 0) != 0 || !gp.cells[col]) continue;
      const Row *rev = nullptr, *cos = nullptr;
      for (const Row& r : t_.rows) {
        const std::string l = lower(r.label);
        if (r.group == gp.group) {
          if ((l.rfind("revenue", 0) == 0 || l.rfind("total revenue", 0) == 0) && !rev) rev = &r;
          if ((l.rfind("cost of sales", 0) == 0 || l.rfind("total cost of sales", 0) == 0) && !cos)
            cos = &r;
        } else if (gp.group.empty() && l == "total") {
          // A statement's sections: "Revenues" … total, "Cost of sales" … total.
          const std::string g = lower(r.group);
          if (g.rfind("revenue", 0) == 0 && !rev) rev = &r;
          if (g.rfind("cost of sales", 0) == 0 && !cos) cos = &r;
        }
      }
      if (!rev || !cos || !rev->cells[col] || !cos->cells[col]) continue;
      Check c;
      c.relation = "gross profit";
      c.formula = "Gross profit = Revenue − Cost of sales";
      c.period = t_.columns[col].header;
      c.target = reference(gp, *gp.cells[col]);
      c.inputs = {reference(*rev, *rev->cells[col]), reference(*cos, *cos->cells[col])};
      c.computed = costs::gross_profit(rev->cells[col]->interval(), cos->cells[col]->interval());
      decide(c);
      out_.push_back(std::move(c));
    }
  }

  // A total outside any group = Σ the rows of the same item in each group
  // (segments): "Gross profit" = Σ "Gross profit (loss)" of Mining,
  // Environmental services ...
  void segments(std::size_t col) {
    auto item = [](const std::string& label) {
      std::string l = lower(label);
      for (std::string_view noise : {" (loss)", "(loss)"}) {
        if (const auto at = l.find(noise); at != std::string::npos) l.erase(at, noise.size());
      }
      return l;
    };
    for (const Row& total : t_.rows) {
      // An ungrouped row over the same rows of each group, or a row of a
      // total group ("San José" / "El Gallo 1" / "Total Production", each
      // over "Gold produced (oz)") over the same rows of the other groups.
      const bool total_group = !total.group.empty() && total_name(total.group);
      if ((!total.group.empty() && !total_group) || !total.cells[col]) continue;
      if (total_group && !additive(total)) continue;
      const std::string key = item(total.label);
      std::vector<const Row*> parts;
      std::vector<std::string> groups;
      for (const Row& r : t_.rows) {
        if (r.group.empty() || item(r.label) != key) continue;
        if (total_group && (total_name(r.group) || r.path.size() != total.path.size())) continue;
        if (std::find(groups.begin(), groups.end(), r.group) != groups.end()) continue;
        groups.push_back(r.group);
        parts.push_back(&r);
      }
      if (parts.size() < 2) continue;
      Check c;
      c.relation = "sum of segments";
      c.formula = fmt::format("{} = Σ over {} segments", total.label, parts.size());
      c.period = t_.columns[col].header;
      c.target = reference(total, *total.cells[col]);
      Interval sum(0.0);
      for (const Row* r : parts) {
        if (!r->cells[col]) {
          c.status = Status::not_checkable;
          c.why = "a segment's figure is missing";
          break;
        }
        sum += r->cells[col]->interval();
        c.inputs.push_back(reference(*r, *r->cells[col]));
      }
      c.computed = sum;
      decide(c);
      out_.push_back(std::move(c));
    }
  }

  // A "Total ..." row = Σ the rows directly above it that it totals: the
  // rows of its group since the last total ("Revenue:" Silver, Lead, Zinc,
  // "Total"), or, outside groups, the run of rows naming its item ("Silver
  // revenue", "Lead revenue", "Total revenue"). A row starting "Less" is
  // subtracted. Not a sum when the parts are in other units than the total
  // (percentages, per-unit amounts, ounces beside pounds, equivalents).
  void totals(std::size_t col) {
    const auto& rows = t_.rows;
    for (std::size_t i = 0; i < rows.size(); ++i) {
      const Row& total = rows[i];
      const std::string l = lower(total.label);
      if (l.rfind("total", 0) != 0 || !total.cells[col] || !summable(total) ||
          l.find("equivalent") != std::string::npos)
        continue;
      const std::string item = singular(std::string(l.substr(5)));
      // The parts: the rows of the group directly above when it is the
      // total's group or names its item ("Revenue:" … "Total revenue"); the
      // rows from the top of a table whose title names the item ("Cash
      // costs": Mining, Milling, Less by-product credits, "Total cash
      // costs"); else the run of rows naming the item.
      std::vector<const Row*> parts;
      if (i == 0) continue;
      const std::string& above = rows[i - 1].group;
      const std::string g = singular(lower(above));
      const bool by_group = !above.empty() && (above == total.group || item.empty() ||
                                               g.find(item) != std::string::npos ||
                                               item.find(g) != std::string::npos);
      const bool by_title = !by_group && !item.empty() && above.empty() &&
                            singular(lower(t_.title)).find(item) != std::string::npos;
      for (std::size_t j = i; j-- > 0;) {
        const Row& p = rows[j];
        const std::string pl = lower(p.label);
        if (pl.rfind("total", 0) == 0) break;  // a subtotal closes the run above it
        if (by_group   ? p.group != above
            : by_title ? !p.group.empty()
                       : (p.group != total.group || item.empty() ||
                          singular(pl).find(item) == std::string::npos))
          break;
        parts.push_back(&p);
      }
      if (parts.size() < 2) continue;
      // Parts in the total's units and scale ("Royalty (2%)" in a table in
      // thousands would be read in dollars: no sum then).
      const bool alike = std::all_of(parts.begin(), parts.end(), [&](const Row* p) {
        const std::string m = metal_of(total.label);
        const auto& f = p->cells[col];
        return summable(*p) && mass_unit_of(p->label) == mass_unit_of(total.label) &&
               (m.empty() || metal_of(p->label).empty() || metal_of(p->label) == m) &&
               (!f || f->scale == total.cells[col]->scale);
      });
      if (!alike) continue;
      Check c;
      c.relation = "total";
      c.period = t_.columns[col].header;
      c.target = reference(total, *total.cells[col]);
      Interval sum(0.0);
      std::string terms;
      for (auto p = parts.rbegin(); p != parts.rend(); ++p) {
        const auto& f = (*p)->cells[col];
        if (!f) continue;  // a blank part: nothing ("-")
        const bool less = lower((*p)->label).rfind("less", 0) == 0;
        const Interval v = less ? Interval(-1.0) * abs(f->interval()) : f->interval();
        sum += v;
        terms += fmt::format("{}{}", terms.empty() ? "" : less ? " − " : " + ", (*p)->label);
        c.inputs.push_back(reference(**p, *f));
      }
      c.formula = total.label + " = " + terms;
      c.computed = sum;
      decide(c);
      // A heading's end is not printed: a total under it may total its rows
      // or every row above it ("Ortosa-Godán", then "El Valle Boinás" over
      // two rows, then "TOTAL"). Either reading ties.
      if (c.status == Status::does_not_tie && by_group && i + 1 == rows.size()) {
        Check all = c;
        all.inputs.clear();
        Interval every(0.0);
        std::string names;
        bool fit = true;
        for (std::size_t j = 0; j < i && fit; ++j) {
          const Row& p = rows[j];
          if (lower(p.label).rfind("total", 0) == 0) {
            fit = false;
            break;
          }
          const auto& f = p.cells[col];
          fit = summable(p) && mass_unit_of(p.label) == mass_unit_of(total.label) &&
                (!f || f->scale == total.cells[col]->scale);
          if (!f || !fit) continue;
          every += f->interval();
          names += (names.empty() ? "" : " + ") + p.label;
          all.inputs.push_back(reference(p, *f));
        }
        if (fit && all.inputs.size() > c.inputs.size()) {
          all.formula = total.label + " = " + names;
          all.computed = every;
          decide(all);
          if (all.status == Status::ties) c = std::move(all);
        }
      }
      out_.push_back(std::move(c));
    }
  }

  static Interval abs(const Interval& i) {
    if (i.lo() >= 0.0) return i;
    if (i.hi() <= 0.0) return Interval(-1.0) * i;
    return Interval(0.0, std::max(-i.lo(), i.hi()));
  }

  // "costs" and "cost" name one item.
  static std::string singular(std::string s) {
    std::string out;
    std::size_t i = 0;
    while (i < s.size()) {
      std::size_t j = i;
      while (j < s.size() && std::isalpha(static_cast<unsigned char>(s[j]))) ++j;
      std::string word = s.substr(i, j - i);
      if (word.size() > 3 && word.back() == 's') word.pop_back();
      out += word;
      if (j < s.size()) out += s[j];
      i = j + 1;
    }
    while (!out.empty() && out.front() == ' ') out.erase(0, 1);
    while (!out.empty() && out.back() == ' ') out.pop_back();
    return out;
  }

  // ---- A column made of others (docs/formulas.md §16) --------------------
  // A year, half-year or year-to-date column is the sum of the columns of
  // its quarters (or months) when the table prints all of them; a "Total"
  // or "Consolidated" column is the sum of the mines beside it in the same
  // period. Tonnes, ounces and money add; a grade is tonnage-weighted, a
  // recovery metal-weighted (Σ tonnes × grade × recovery ÷ Σ tonnes ×
  // grade); percentages are never added or averaged.

  // Whether a row adds up across periods or mines: an amount that is not a
  // balance at a date, a rate, a ratio or a metal equivalent (whose prices
  // differ from period to period).
  bool additive(const Row& r) const {
    if (!summable(r)) return false;
    const std::string w = lower(path_words(r));
    // ("rate" as a word: a concentrate is an amount.)
    if (has_word(w, "rate") || has_word(w, "rates")) return false;
    for (std::string_view no :
         {"average",  "avg",       "ratio",  "per day",   "tpd",       "availability", "price",
          "cost per", "per ounce", "per oz", "per tonne", "stockpile", "inventor",     "balance",
          "end of",   "cash",      "strip",  "employees", "headcount", "days"})
      if (w.find(no) != std::string::npos) return false;
    // Metal equivalents add like the metal they are counted in: a year's
    // equivalent ounces are its quarters', a total's its mines' (releases
    // sum them; a grade in equivalents does not, and is no amount).
    return true;
  }

  // The parts of column `col`: the columns of the same mine whose periods
  // tile its period exactly (the finest first), or the mines beside a
  // "Total" column of the same period.
  std::vector<std::size_t> period_parts(std::size_t col) const {
    const Column& whole = t_.columns[col];
    if (!whole.period) return {};
    std::vector<std::size_t> parts;
    calendar::DayNumber day = whole.period->first();
    while (day <= whole.period->last()) {
      std::optional<std::size_t> best;
      for (std::size_t c = 0; c < t_.columns.size(); ++c) {
        const Column& o = t_.columns[c];
        if (c == col || o.change || !o.period || o.entity != whole.entity) continue;
        if (o.period->first() != day || o.period->last() > whole.period->last()) continue;
        if (o.period->first() == whole.period->first() && o.period->last() == whole.period->last())
          continue;
        if (!best || o.period->last() < t_.columns[*best].period->last()) best = c;
      }
      if (!best) return {};
      parts.push_back(*best);
      day = t_.columns[*best].period->last() + 1;
    }
    return parts.size() >= 2 ? parts : std::vector<std::size_t>{};
  }

  std::vector<std::size_t> entity_parts(std::size_t col) const {
    const Column& whole = t_.columns[col];
    if (!whole.period || !total_name(whole.entity)) return {};
    std::vector<std::size_t> parts;
    for (std::size_t c = 0; c < t_.columns.size(); ++c) {
      const Column& o = t_.columns[c];
      if (c == col || o.change || !o.period || o.entity.empty() || total_name(o.entity) ||
          !(*o.period == *whole.period))
        continue;
      parts.push_back(c);
    }
    return parts.size() >= 2 ? parts : std::vector<std::size_t>{};
  }

  // The columns a column is the whole of: the periods that tile it, else
  // the mines it totals.
  struct Parts {
    std::vector<std::size_t> columns;
    bool by_period = false;
  };
  Parts combined_parts(std::size_t col) const {
    auto parts = period_parts(col);
    if (!parts.empty()) return {std::move(parts), true};
    return {entity_parts(col), false};
  }

  void combined(std::size_t col) {
    const auto [parts, by_period] = combined_parts(col);
    if (parts.empty()) return;
    const std::string relation = by_period ? "period sum" : "sum of segments";
    for (const Row& r : t_.rows) {
      if (!r.cells[col]) continue;
      Check c;
      c.period = t_.columns[col].header;
      c.target = reference(r, *r.cells[col]);
      std::string names;
      for (std::size_t p : parts) names += (names.empty() ? "" : " + ") + t_.columns[p].header;
      const auto missing = [&](const Row* row) {
        return !row || std::any_of(parts.begin(), parts.end(),
                                   [&](std::size_t p) { return !row->cells[p]; });
      };
      const std::string metal = metal_of_row(r);
      // Mines of one period add their daily rates too.
      const std::string w = lower(r.label);
      // (summable() refuses anything "per": a daily rate of tonnes adds.)
      const bool rate = !by_period &&
                        (w.find("per day") != std::string::npos || has_word(w, "tpd")) &&
                        w.find("grade") == std::string::npos && w.find('%') == std::string::npos &&
                        w.find('$') == std::string::npos && w.find("cost") == std::string::npos;
      if (additive(r) || rate) {
        if (missing(&r)) continue;  // "-" for a mine that did not run is not a zero we can see
        // Daily rates on different bases (a footnote puts one mine on a
        // 6-day week) do not add.
        if (rate && std::any_of(parts.begin(), parts.end(),
                                [&](std::size_t p) { return other_day_basis(p) != nullptr; })) {
          c.relation = relation;
          c.formula = fmt::format("{} = {}", t_.columns[col].header, names);
          c.status = Status::not_checkable;
          c.why = "a note puts a part's daily rate on another basis than calendar days";
          out_.push_back(std::move(c));
          continue;
        }
        c.relation = relation;
        c.formula = fmt::format("{} = {}", t_.columns[col].header, names);
        Interval sum(0.0);
        for (std::size_t p : parts) {
          sum += r.cells[p]->interval();
          c.inputs.push_back(reference(r, *r.cells[p]));
        }
        c.computed = sum;
      } else if (!metal.empty() && holds(t_, r, Metric{Kind::head_grade, metal, ""})) {
        const Row* tonnes = tonnage_for(r);
        if (missing(&r) || missing(tonnes)) continue;
        c.relation = "weighted average";
        c.formula = fmt::format("grade = Σ tonnes × grade ÷ Σ tonnes ({})", names);
        std::vector<Interval> grades, weights;
        for (std::size_t p : parts) {
          grades.push_back(r.cells[p]->interval());
          weights.push_back(tonnes->cells[p]->interval());
          c.inputs.push_back(reference(*tonnes, *tonnes->cells[p]));
          c.inputs.push_back(reference(r, *r.cells[p]));
        }
        const auto mean = units::weighted_mean(grades, weights);
        if (!mean) continue;
        c.computed = *mean;
      } else if (!metal.empty() && holds(t_, r, Metric{Kind::recovery, metal, ""})) {
        const Row* grade = head_grade(metal);
        const Row* tonnes = grade ? tonnage_for(*grade) : nullptr;
        if (missing(&r) || missing(grade) || missing(tonnes)) continue;
        c.relation = "weighted average";
        c.formula =
            fmt::format("recovery = Σ tonnes × grade × recovery ÷ Σ tonnes × grade ({})", names);
        std::vector<Interval> recoveries, fed;
        for (std::size_t p : parts) {
          recoveries.push_back(r.cells[p]->interval());
          fed.push_back(tonnes->cells[p]->interval() * grade->cells[p]->interval());
          c.inputs.push_back(reference(*tonnes, *tonnes->cells[p]));
          c.inputs.push_back(reference(*grade, *grade->cells[p]));
          c.inputs.push_back(reference(r, *r.cells[p]));
        }
        const auto mean = units::weighted_mean(recoveries, fed);
        if (!mean) continue;
        c.computed = *mean;
      } else {
        continue;
      }
      decide(c);
      out_.push_back(std::move(c));
    }
  }

  // The recovery of a whole (mines, or the periods of a year) from its
  // parts: Σ metal produced ÷ Σ tonnes × head grade (docs/formulas.md §3;
  // recoveries metal-weighted, §2); nullopt when a part's
  // production, tonnes or grade is not printed or a unit is unknown.
  std::optional<Check> parts_recovery(const Row& r, std::size_t col,
                                      const std::vector<std::size_t>& parts, const Row& grade,
                                      const Row& tonnes) const {
    const std::string metal = metal_of_row(r);
    const Row* prod = nullptr;
    for (const Row& s : t_.rows)
      if (row_metal_unit(s) && metal_of_row(s) == metal &&
          holds(t_, s, Metric{Kind::production, metal, ""})) {
        prod = &s;
        break;
      }
    if (!prod || !r.cells[col]) return std::nullopt;
    const auto mu = row_metal_unit(*prod);
    const auto ou = ore_unit_in(path_words(tonnes));
    if (!mu || !ou) return std::nullopt;
    Check c;
    c.relation = "recovery";
    c.period = t_.columns[col].header;
    c.target = reference(r, *r.cells[col]);
    c.formula = "recovery = Σ production ÷ Σ (tonnes processed × head grade)";
    Interval produced(0.0), fed(0.0);
    for (std::size_t p : parts) {
      if (!prod->cells[p] || !tonnes.cells[p] || !grade.cells[p]) return std::nullopt;
      const auto gu = grade_unit_of(grade, *grade.cells[p]);
      if (!gu) return std::nullopt;
      produced += prod->cells[p]->interval();
      fed += contained(tonnes.cells[p]->interval() * Interval(units::tonnes_per(*ou)),
                       grade.cells[p]->interval(), *gu, *mu);
      c.inputs.push_back(reference(*prod, *prod->cells[p]));
      c.inputs.push_back(reference(tonnes, *tonnes.cells[p]));
      c.inputs.push_back(reference(grade, *grade.cells[p]));
    }
    c.computed = accounting::recovery(produced, fed) * Interval(100.0);
    return c;
  }

  // A row's metal: its own or its headings', else the table's one metal.
  std::string metal_of_row(const Row& r) const {
    std::string m = row_metal(r);
    return m.empty() ? t_.metal : m;
  }

  // The tonnes a grade is of: the ore mined for a grade beside it, else the
  // ore processed.
  const Row* tonnage_for(const Row& grade) const {
    for (const Row& s : t_.rows)
      if (s.path == grade.path && !grade.path.empty() &&
          holds(t_, s, Metric{Kind::ore_mined, "", ""}))
        return &s;
    return ore_processed();
  }

  // Rows that add up: amounts, not percentages or per-unit figures (a change
  // column's percentages aside).
  bool summable(const Row& r) const {
    const std::string l = lower(r.label);
    if (l.find(" per ") != std::string::npos || l.find("/oz") != std::string::npos ||
        l.find("/t)") != std::string::npos || l.find("/lb") != std::string::npos ||
        l.find("grade") != std::string::npos || l.find("recover") != std::string::npos ||
        l.find("(%") != std::string::npos)
      return false;
    for (std::size_t c = 0; c < r.cells.size(); ++c) {
      const auto& f = r.cells[c];
      if (f && !t_.columns[c].change && (f->unit == "%" || f->unit == "pp")) return false;
    }
    return true;
  }

  // A per-unit amount = its total ÷ the units: "Cash cost per ounce" =
  // "Total cash cost" ÷ "Payable silver (oz)"; "Mining cost per tonne mined"
  // = "Mining cost" ÷ "Ore tonnes mined". Only money per unit, and only
  // when the table holds exactly one total of that name.
  void per_unit(std::size_t col) {
    for (const Row& r : t_.rows) {
      if (!r.cells[col]) continue;
      const std::string l = lower(r.label);
      auto per = l.find(" per ");
      if (per == std::string::npos) continue;
      // "Cash cost (US$ per oz)": the item is before the parenthesis.
      std::string stem = l.substr(0, std::min(per, l.find('(')));
      const std::string unit_text = l.substr(per + 5);
      if (!contains_money_word(stem)) continue;
      const std::string key = item_key(stem);
      const Row* total = nullptr;
      int totals_found = 0;
      for (const Row& s : t_.rows) {
        if (&s == &r || !summable(s) || mass_unit_of(s.label)) continue;
        if (item_key(lower(s.label)) == key) total = &s, ++totals_found;
      }
      if (totals_found != 1) continue;
      Check c;
      c.relation = "per unit";
      c.period = t_.columns[col].header;
      c.target = reference(r, *r.cells[col]);
      const Row* units = units_row(unit_text, c.why);
      if (!units || !total->cells[col] || !units->cells[col]) {
        c.status = Status::not_checkable;
        if (c.why.empty()) c.why = "the total or the units are missing";
        out_.push_back(std::move(c));
        continue;
      }
      c.formula = fmt::format("{} = {} ÷ {}", r.label, total->label, units->label);
      c.inputs = {reference(*total, *total->cells[col]), reference(*units, *units->cells[col])};
      c.computed = costs::per_unit(total->cells[col]->interval(), units->cells[col]->interval());
      decide(c);
      out_.push_back(std::move(c));
    }
  }

  static bool contains_money_word(const std::string& l) {
    for (std::string_view w :
         {"cost", "revenue", "sales", "expense", "capital", "g&a", "credit", "royalt", "charge"})
      if (l.find(w) != std::string::npos) return true;
    return false;
  }

  // "Total cash costs, net of by-product credits ($000)" and "Cash cost, net
  // of by-product credits" name one item: without "total", units and plurals.
  static std::string item_key(const std::string& l) {
    std::string s = l;
    if (s.rfind("total ", 0) == 0) s.erase(0, 6);
    if (const auto paren = s.find('('); paren != std::string::npos) s.erase(paren);
    std::erase_if(s, [](char c) { return c == ',' || c == '.'; });
    return singular(s);
  }

  // The units of "per ounce", "per tonne milled": the one row that counts them.
  const Row* units_row(const std::string& unit_text, std::string& why) const {
    auto has = [&](std::string_view w) { return unit_text.find(w) != std::string::npos; };
    if (unit_text.rfind("tonne", 0) == 0 || unit_text.rfind("t ", 0) == 0 ||
        unit_text.rfind("ton", 0) == 0) {
      if (has("mined")) {
        for (const Row& s : t_.rows) {
          const std::string sl = lower(s.label);
          if (sl.find("mined") != std::string::npos && sl.find("tonnes") != std::string::npos &&
              sl.find(" per") == std::string::npos)
            return &s;
        }
        why = "no tonnes mined in the table";
        return nullptr;
      }
      if (const Row* ore = ore_processed()) return ore;
      why = "no tonnes processed in the table";
      return nullptr;
    }
    std::optional<units::MassUnit> unit;
    if (unit_text.rfind("ounce", 0) == 0 || unit_text.rfind("oz", 0) == 0 || has("payable ounce") ||
        has("payable silver ounce"))
      unit = units::MassUnit::troy_ounce;
    if (unit_text.rfind("pound", 0) == 0 || unit_text.rfind("lb", 0) == 0)
      unit = units::MassUnit::pound;
    if (!unit) return nullptr;
    const bool sold = has("sold");
    std::vector<const Row*> found;
    for (const Row& s : t_.rows) {
      const std::string sl = lower(s.label);
      if (mass_unit_of(s.label) != unit || !summable(s)) continue;
      if (sold != (sl.find("sold") != std::string::npos)) continue;
      found.push_back(&s);
    }
    // Per-unit costs are per payable unit (docs/formulas.md §12): prefer those rows.
    std::vector<const Row*> payable_rows;
    for (const Row* s : found)
      if (lower(s->label).find("payable") != std::string::npos) payable_rows.push_back(s);
    if (payable_rows.size() == 1) return payable_rows.front();
    // Ounces produced are not the ounces a cost is per: a cost per ounce is
    // per payable (or sold) ounce (docs/formulas.md §12), and a table of
    // production only does not print those.
    if (found.size() == 1 && (sold || has("produced"))) return found.front();
    why = found.empty()       ? "no units in the table"
          : found.size() == 1 ? "the table prints ounces produced, not the payable ounces a cost "
                                "per ounce is per"
                              : "the table holds more than one count of units";
    return nullptr;
  }

  // Contained metal = tonnes × grade, in the unit of the contained row.
  void concentrates(std::size_t col) {
    for (const Row& r : t_.rows) {
      const std::string g = lower(r.group);
      if (g.find("concentrate") == std::string::npos) continue;
      if (lower(r.label).find("contained") == std::string::npos || !r.cells[col]) continue;
      const std::string metal = metal_of(r.label);
      const auto unit = mass_unit_of(r.label);
      const Row* tonnes = nullptr;
      const Row* grade = nullptr;
      for (const Row& s : t_.rows) {
        if (s.group != r.group) continue;
        const std::string l = lower(s.label);
        if ((l == "tonnes" || l.rfind("tonnes", 0) == 0 || l.rfind("dry tonnes", 0) == 0) &&
            !tonnes)
          tonnes = &s;
        if (l.find("grade") != std::string::npos && metal_of(s.label) == metal && !grade)
          grade = &s;
      }
      Check c;
      c.relation = "contained metal";
      c.period = t_.columns[col].header;
      c.target = reference(r, *r.cells[col]);
      if (metal.empty() || !unit || !tonnes || !grade || !tonnes->cells[col] ||
          !grade->cells[col]) {
        c.status = Status::not_checkable;
        c.why = "no tonnes, grade or unit for this contained metal";
        out_.push_back(std::move(c));
        continue;
      }
      const auto gu = grade_unit_of(*grade, *grade->cells[col]);
      if (!gu) {
        c.status = Status::not_checkable;
        c.why = "the grade's unit is not printed";
        out_.push_back(std::move(c));
        continue;
      }
      c.inputs = {reference(*tonnes, *tonnes->cells[col]), reference(*grade, *grade->cells[col])};
      c.formula = fmt::format("contained = tonnes × grade ({} → {})", units::to_string(*gu),
                              units::to_string(*unit));
      c.computed =
          contained(tonnes->cells[col]->interval(), grade->cells[col]->interval(), *gu, *unit);
      decide(c);
      out_.push_back(std::move(c));
    }
  }

  static Interval contained(const Interval& tonnes, const Interval& grade, units::GradeUnit gu,
                            units::MassUnit mu) {
    // t × (grade in its unit × fraction per unit) = t of metal, in `mu`.
    return accounting::contained_metal(tonnes, grade * Interval(units::fraction_per(gu))) /
           Interval(units::tonnes_per(mu));
  }

  // Production of a metal = Σ its contained metal in the concentrates
  // (those the label names: "Lead in lead concentrate").
  void production(std::size_t col) {
    for (const Row& r : t_.rows) {
      if (lower(r.group).find("production") == std::string::npos || !r.cells[col]) continue;
      const std::string metal = metal_of(r.label);
      const auto unit = mass_unit_of(r.label);
      if (metal.empty() || !unit || payable(r)) continue;  // payable metal is not contained metal
      const std::string l = lower(r.label);
      std::string only;  // "lead" of "in lead concentrate"
      if (const auto in = l.find(" in "); in != std::string::npos) {
        only = metal_of(l.substr(in + 4));
      }
      Check c;
      c.relation = "production";
      c.period = t_.columns[col].header;
      c.target = reference(r, *r.cells[col]);
      c.formula = "production = Σ contained in the concentrates";
      Interval sum(0.0);
      bool any = false;
      for (const Row& s : t_.rows) {
        const std::string g = lower(s.group);
        if (g.find("concentrate") == std::string::npos) continue;
        if (!only.empty() && metal_of(s.group) != only) continue;
        if (lower(s.label).find("contained") == std::string::npos) continue;
        if (metal_of(s.label) != metal || mass_unit_of(s.label) != unit) continue;
        if (!s.cells[col]) {
          c.status = Status::not_checkable;
          c.why = "a concentrate's contained metal is missing";
          break;
        }
        sum += s.cells[col]->interval();
        c.inputs.push_back(reference(s, *s.cells[col]));
        any = true;
      }
      if (!any) continue;  // no concentrate figures to add up
      c.computed = sum;
      decide(c);
      out_.push_back(std::move(c));
    }
  }

  // The ore tonnes processed (milled): the item, counted in tonnes.
  const Row* ore_processed() const {
    for (const Row& r : t_.rows) {
      const std::string l = lower(r.label);
      if (holds(t_, r, Metric{Kind::ore_processed, "", ""}) &&
          (l.find("ton") != std::string::npos || l.find("(t)") != std::string::npos ||
           l.find("dmt") != std::string::npos))
        return &r;
    }
    return nullptr;
  }

  // The grade of the ore processed: a grade row named for the mill's feed
  // ("Grade of ore processed:", "head grade") before any other, never the
  // grade of the ore mined.
  const Row* head_grade(const std::string& metal) const {
    const Row* other = nullptr;
    for (const Row& r : t_.rows) {
      if (!holds(t_, r, Metric{Kind::head_grade, metal, ""})) continue;
      // A grade under the same headings as the ore mined (and no ore
      // milled) is the grade of the ore mined: "Underground Operations" /
      // "Tons mined" / "Average silver grade (oz/t)".
      const auto beside = [&](Kind k) {
        return std::any_of(t_.rows.begin(), t_.rows.end(), [&](const Row& s) {
          return s.path == r.path && holds(t_, s, Metric{k, "", ""});
        });
      };
      if (!r.path.empty() && beside(Kind::ore_mined) && !beside(Kind::ore_processed)) continue;
      const std::string words = lower(r.group + " " + r.label);
      for (std::string_view w : {"processed", "milled", "head", "feed"})
        if (words.find(w) != std::string::npos) return &r;
      if (words.find("mined") == std::string::npos && !other) other = &r;
    }
    return other;
  }

  // Recovery = production ÷ (tonnes processed × head grade).
  void recovery(std::size_t col) {
    const Row* ore = ore_processed();
    for (const Row& r : t_.rows) {
      const std::string metal = metal_of_row(r);
      if (metal.empty() || !r.cells[col] || !holds(t_, r, Metric{Kind::recovery, metal, ""}))
        continue;
      const Row* head = head_grade(metal);
      // "Silver recovery to lead concentrate": the silver of that concentrate
      // only — its contained metal, or a production row naming it.
      const std::string l = lower(r.label);
      std::string only;
      // ("in both lead and zinc concentrates": all of them.)
      for (std::string_view w : {" in ", " to "})
        if (const auto at = l.find(w); at != std::string::npos && only.empty()) {
          const std::string rest = l.substr(at + 4);
          const bool several = has_word(rest, "both") || has_word(rest, "and") ||
                               rest.find("concentrates") != std::string::npos;
          only = l.find("conc", at) != std::string::npos && !several ? metal_of(rest) : "";
        }
      const Row* prod = nullptr;
      for (const Row& s : t_.rows) {
        if (!row_metal_unit(s) || metal_of_row(s) != metal) continue;
        std::string sl = lower(s.label);
        // "in lead conc." is "in lead concentrate".
        if (const auto at = sl.find(" conc."); at != std::string::npos)
          sl.replace(at, 6, " concentrate");
        const bool named = sl.find("in " + only + " concentrate") != std::string::npos;
        // The metal contained in that concentrate: "Contained" under its
        // heading, or "… - in zinc conc." under "Contained Metal".
        const std::string sg = lower(path_words(s));
        const bool contained_in = (sl.find("contained") != std::string::npos &&
                                   lower(s.group).find("concentrate") != std::string::npos &&
                                   metal_of(s.group) == only) ||
                                  (named && sg.find("contained") != std::string::npos &&
                                   !payable(s) && sg.find("grade") == std::string::npos);
        if (only.empty()
                ? holds(t_, s, Metric{Kind::production, metal, ""})
                : (named && holds(t_, s, Metric{Kind::production, metal, ""})) || contained_in) {
          prod = &s;
          break;
        }
      }
      Check c;
      c.relation = "recovery";
      c.period = t_.columns[col].header;
      c.target = reference(r, *r.cells[col]);
      c.formula = "recovery = production ÷ (tonnes processed × head grade)";
      if (!ore || !head || !prod || !ore->cells[col] || !head->cells[col] || !prod->cells[col]) {
        // A whole (a year, or mines together) that does not print its own
        // grade or production: from its parts' figures.
        const Row* tonnes = head ? tonnage_for(*head) : nullptr;
        if (const auto parts = combined_parts(col); tonnes && !parts.columns.empty())
          if (auto by_parts = parts_recovery(r, col, parts.columns, *head, *tonnes)) {
            decide(*by_parts);
            out_.push_back(std::move(*by_parts));
            continue;
          }
        c.status = Status::not_checkable;
        c.why = "no tonnes processed, head grade or production for this metal";
        out_.push_back(std::move(c));
        continue;
      }
      const auto gu = grade_unit_of(*head, *head->cells[col]);
      const auto mu = row_metal_unit(*prod);
      const auto ou = ore_unit_in(path_words(*ore));
      if (!gu || !mu || !ou) {
        c.status = Status::not_checkable;
        c.why = !gu   ? "the head grade's unit is not printed"
                : !ou ? "the ore's unit (tonnes or tons) is not printed"
                      : "the production's unit is not printed";
        out_.push_back(std::move(c));
        continue;
      }
      c.inputs = {reference(*prod, *prod->cells[col]), reference(*ore, *ore->cells[col]),
                  reference(*head, *head->cells[col])};
      // Ore in tons (short tons) is weighed in tonnes first.
      const Interval fed = contained(ore->cells[col]->interval() * Interval(units::tonnes_per(*ou)),
                                     head->cells[col]->interval(), *gu, *mu);
      c.computed = accounting::recovery(prod->cells[col]->interval(), fed) * Interval(100.0);
      decide(c);
      out_.push_back(std::move(c));
    }
  }

  // A row of the days the mill ran ("Days of Operation", "Mill operating
  // days") with a figure in the column.
  const Row* operating_days(std::size_t col) const {
    for (const Row& d : t_.rows) {
      const std::string dl = lower(d.label);
      if (has_word(dl, "days") && (dl.find("operat") != std::string::npos) && d.cells[col] &&
          d.cells[col]->value > 0)
        return &d;
    }
    return nullptr;
  }

  Check by_operating_days(Check c, const Row& ore, const Row& days, std::size_t col) const {
    const Figure& d = *days.cells[col];
    c.inputs = {reference(ore, *ore.cells[col]), reference(days, d)};
    c.formula = "throughput = tonnes processed ÷ operating days";
    c.computed = accounting::throughput(ore.cells[col]->interval(), d.interval());
    decide(c);
    return c;
  }

  // Throughput (tonnes per calendar day) = tonnes processed ÷ days.
  void throughput(std::size_t col) {
    const Row* ore = ore_processed();
    for (const Row& r : t_.rows) {
      const std::string l = lower(r.label);
      // "Throughput", "Tonnes per day", "Tonnes milled per day (dmt)",
      // "Ore milled per calendar day - tonnes"; not a mining rate.
      const bool per_day = l.find("per day") != std::string::npos ||
                           l.find("per calendar day") != std::string::npos ||
                           l.find("per operating day") != std::string::npos;
      if (l.find("throughput") == std::string::npos &&
          !(per_day &&
            (l.find("ton") != std::string::npos || l.find("milled") != std::string::npos ||
             l.find("processed") != std::string::npos) &&
            l.find("mined") == std::string::npos))
        continue;
      if (!r.cells[col] || &r == ore) continue;
      // Per operating day, or per day of a table that prints its operating
      // days ("Days of Operation"): a release may mean either.
      const Row* operating = operating_days(col);
      const bool per_operating_day = l.find("operating") != std::string::npos;
      if (per_operating_day && !operating) continue;
      Check c;
      c.relation = "throughput";
      c.period = t_.columns[col].header;
      c.target = reference(r, *r.cells[col]);
      c.formula = "throughput = tonnes processed ÷ calendar days";
      if (ore && ore->cells[col] && per_operating_day) {
        out_.push_back(by_operating_days(c, *ore, *operating, col));
        continue;
      }
      if (!ore || !ore->cells[col] || !t_.columns[col].period) {
        c.status = Status::not_checkable;
        c.why =
            !t_.columns[col].period ? "the column's period is not known" : "no tonnes processed";
        out_.push_back(std::move(c));
        continue;
      }
      if (const Prose* note = other_day_basis(col); note && !per_operating_day) {
        c.status = Status::not_checkable;
        c.why =
            fmt::format("the note at line {} says the rate is not per calendar day", note->line);
        out_.push_back(std::move(c));
        continue;
      }
      const int days = t_.columns[col].period->days();
      if (days == 1) {  // "March 31, 2012": a date, not the period the tonnes were milled in
        c.status = Status::not_checkable;
        c.why = "the column names a date, not a period";
        out_.push_back(std::move(c));
        continue;
      }
      c.inputs = {reference(*ore, *ore->cells[col])};
      c.formula += fmt::format(" ({} days)", days);
      c.computed = accounting::throughput(ore->cells[col]->interval(), Interval(days));
      decide(c);
      if (c.status == Status::does_not_tie && operating) {
        Check by_days = by_operating_days(c, *ore, *operating, col);
        if (by_days.status == Status::ties) c = std::move(by_days);
      }
      out_.push_back(std::move(c));
    }
  }

  // A footnote (of those putting a rate on another basis, in lower case) saying the daily
  // rate of the column is not per calendar day ("the throughput (tonnes per day) at Guanajuato is
  // based on a 6 day work week"): of the mine it names, or of every column when it names none of
  // the table's mines.
  const Prose* other_day_basis(std::size_t col) const {
    for (const Prose& n : notes_) {
      bool names_any = false, names_this = false;
      for (const Column& c : t_.columns) {
        if (c.entity.empty() || !has_word(n.text, lower(c.entity))) continue;
        names_any = true;
        names_this = names_this || &c == &t_.columns[col];
      }
      if (!names_any || names_this) return &n;
    }
    return nullptr;
  }

  // The metal a row counts equivalents of (words.h equivalent_metal).
  std::size_t index(const Row& r) const { return static_cast<std::size_t>(&r - t_.rows.data()); }
  const std::string& equivalent_of(const Row& r) const { return equivalent_[index(r)]; }

  // Metal equivalents at the ratio the release states (docs/formulas.md
  // §19, with the price ratio N:1 of silver to gold): gold equivalent =
  // gold + silver ÷ N, silver equivalent = silver + gold × N; of production,
  // sales or head grades alike, from the rows of the same headings. Other
  // metals beside them would need ratios of their own: not checked.
  void equivalents(std::size_t col) {
    for (const Row& eq : t_.rows) {
      const std::string base = equivalent_of(eq);
      if (base.empty() || !eq.cells[col]) continue;
      const std::string& ew = words_[index(eq)];
      const auto is = [](const std::string& w, std::string_view x) {
        return w.find(x) != std::string::npos;
      };
      const bool grade = is(ew, "g/t") || is(ew, "grade");
      const bool sold = is(ew, "sold") || is(ew, "sales");
      const bool payable = is(ew, "payable");
      const Row* gold = nullptr;
      const Row* silver = nullptr;
      bool several = false, others = false;
      for (const Row& r : t_.rows) {
        if (&r == &eq || r.path != eq.path || !equivalent_of(r).empty()) continue;
        const std::string& w = words_[index(r)];
        const std::string metal = row_metal(r);
        if (metal.empty() || (is(w, "g/t") || is(w, "grade")) != grade) continue;
        if (grade ? !holds(t_, r, Metric{Kind::head_grade, metal, ""})
                  : (is(w, "sold") || is(w, "sales")) != sold || is(w, "payable") != payable ||
                        is(w, "recover") || is(w, "price") || is(w, "cost") || is(w, " per ") ||
                        row_metal_unit(r) != units::MassUnit::troy_ounce)
          continue;
        if (metal == "gold" || metal == "silver") {
          const Row*& slot = metal == "gold" ? gold : silver;
          several = several || slot != nullptr;
          slot = &r;
        } else if (r.cells[col]) {
          others = true;
        }
      }
      if (!gold || !silver || several) continue;
      // An equivalent "YTD" beside the month's metals is of another period.
      const auto to_date = [](const Row& r) {
        const std::string w = lower(r.label);
        return to_date_words(w) || w.find("cumulative") != std::string::npos;
      };
      if (to_date(eq) != to_date(*gold) || to_date(eq) != to_date(*silver)) continue;
      Check c;
      c.relation = "metal equivalent";
      c.period = t_.columns[col].header;
      c.target = reference(eq, *eq.cells[col]);
      const auto ratio = ratio_for(ratios_, t_.columns[col], t_.rows.back().line);
      if (others || !ratio.ratio || !gold->cells[col] || !silver->cells[col]) {
        c.formula = fmt::format("{} equivalent at the stated ratio", base);
        c.status = Status::not_checkable;
        c.why = others         ? "other metals count in the equivalent at ratios not read"
                : !ratio.ratio ? ratio.why
                               : "the gold or silver figure is not printed";
        out_.push_back(std::move(c));
        continue;
      }
      const Figure& n = ratio.ratio->figure;
      const Interval r(n.value);  // a stated convention: exact
      const Interval au = gold->cells[col]->interval(), ag = silver->cells[col]->interval();
      const Interval one(1.0);
      if (base == "gold") {
        c.formula = fmt::format("gold equivalent = gold + silver ÷ {} (ratio {}:1 at line {})",
                                n.text, n.text, n.line);
        c.computed = au + accounting::equivalent_term(ag, one, one, one, r);
      } else {
        c.formula = fmt::format("silver equivalent = silver + gold × {} (ratio {}:1 at line {})",
                                n.text, n.text, n.line);
        c.computed = ag + accounting::equivalent_term(au, one, r, one, one);
      }
      c.inputs = {reference(*gold, *gold->cells[col]),
                  reference(*silver, *silver->cells[col]),
                  {"stated ratio", n}};
      decide(c);
      out_.push_back(std::move(c));
    }
  }

  // A row's item without its unit: "Total Silver Produced (kg)" and
  // "Total Silver Produced (oz) calculated" are both "total silver
  // produced"; "Zinc in concentrate produced, millions of pounds" and "…,
  // tonnes" both "zinc in concentrate produced".
  static std::string item_without_unit(const std::string& label) {
    std::string l = lower(label), out;
    int depth = 0;
    for (char ch : l) {
      if (ch == '(') ++depth;
      if (depth == 0) out += std::isalnum(static_cast<unsigned char>(ch)) ? ch : ' ';
      if (ch == ')' && depth > 0) --depth;
    }
    std::string kept;
    std::size_t at = 0;
    while (at < out.size()) {
      const auto end = std::min(out.find(' ', at), out.size());
      const std::string word = out.substr(at, end - at);
      at = end + 1;
      if (word.empty() || metal_unit_in(word)) continue;
      static constexpr std::string_view kNoise[] = {"calculated", "million",   "millions", "of",
                                                    "thousand",   "thousands", "000",      "000s"};
      if (std::find(std::begin(kNoise), std::end(kNoise), word) != std::end(kNoise)) continue;
      kept += (kept.empty() ? "" : " ") + word;
    }
    return kept;
  }

  // One quantity printed in two units on two rows ("Total Silver Produced
  // (kg)" and "(oz) calculated"; "millions of pounds" and "tonnes"): the
  // later row is the earlier one converted, by the exact unit constants
  // (docs/formulas.md §1: troy ounce 31.1034768 g, pound 0.45359237 kg).
  void two_units(std::size_t col) {
    for (std::size_t b = 0; b < t_.rows.size(); ++b) {
      const Row& later = t_.rows[b];
      const auto ub = row_metal_unit(later);
      const std::string metal = row_metal(later);
      if (!ub || metal.empty() || !later.cells[col]) continue;
      const std::string& item = item_[b];
      if (item.empty()) continue;
      for (std::size_t a = 0; a < b; ++a) {
        const Row& earlier = t_.rows[a];
        const auto ua = row_metal_unit(earlier);
        if (!ua || *ua == *ub || earlier.path != later.path || row_metal(earlier) != metal ||
            !earlier.cells[col] || item_[a] != item)
          continue;
        Check c;
        c.relation = "same quantity";
        c.period = t_.columns[col].header;
        c.target = reference(later, *later.cells[col]);
        c.inputs = {reference(earlier, *earlier.cells[col])};
        c.formula = fmt::format("{} = {} in {}", units::to_string(*ub), units::to_string(*ua),
                                units::to_string(*ub));
        c.computed = earlier.cells[col]->interval() *
                     Interval(units::tonnes_per(*ua) / units::tonnes_per(*ub));
        decide(c);
        out_.push_back(std::move(c));
        break;
      }
    }
  }

  const Table& t_;
  std::vector<std::string> words_, equivalent_, item_;  // per row
  const std::vector<Prose>& notes_;
  const std::vector<StatedRatio>& ratios_;
  std::vector<Check>& out_;
};

}  // namespace

Check::Ref reference(const Row& row, const Figure& f) {
  return {row.group.empty() ? row.label : row.group + " / " + row.label, f};
}

void judge(Check& c, const units::Interval& printed) {
  if (c.status == Status::not_checkable) return;
  c.why.clear();
  c.printed = printed;
  if (c.computed.intersects(printed)) {
    c.status = Status::ties;
  } else {
    c.status = Status::does_not_tie;
    c.gap = c.computed.hi() < printed.lo() ? printed.lo() - c.computed.hi()
                                           : c.computed.lo() - printed.hi();
  }
}

void judge_same(Check& c, const units::Interval& printed) {
  judge(c, printed);
  const double overlap =
      std::min(c.computed.hi(), c.printed.hi()) - std::max(c.computed.lo(), c.printed.lo());
  if (c.status == Status::ties &&
      !(overlap > 1e-9 * std::max({std::abs(c.computed.hi()), std::abs(c.printed.hi()), 1.0})))
    c.status = Status::does_not_tie;
}

namespace {

// The same item of the same period in two tables (a highlights table and the
// operating statistics; a figure "in thousands" and the same in dollars):
// the two printings must share a value. Only items that each table holds
// once: a table with a row per mine is not linked.
void links(const Items& items, std::vector<Check>& out) {
  for (const Metric& metric : all_metrics()) {
    std::vector<std::pair<const Table*, const Row*>> holders;
    for (const auto& h : items.holders(metric))
      if (h.only) holders.emplace_back(h.table, h.only);
    for (std::size_t j = 1; j < holders.size(); ++j) {
      const auto [later, row] = holders[j];
      for (std::size_t c = 0; c < later->columns.size(); ++c) {
        if (!later->columns[c].period || !row->cells[c]) continue;
        // The first table before it with this period.
        for (std::size_t i = 0; i < j; ++i) {
          const auto [first, first_row] = holders[i];
          const auto fc = column_of(*first, *later->columns[c].period);
          if (!fc || !first_row->cells[*fc]) continue;
          Check check;
          check.relation = "same figure";
          check.formula = "the same figure in \"" + first->title + "\"";
          check.table = later->title;
          check.period = later->columns[c].header;
          check.target = reference(*row, *row->cells[c]);
          check.inputs = {reference(*first_row, *first_row->cells[*fc])};
          check.computed = first_row->cells[*fc]->interval();
          judge_same(check, row->cells[c]->interval());
          out.push_back(std::move(check));
          break;
        }
      }
    }
  }
}

}  // namespace

std::vector<Check> check_release(const Release& release) {
  std::vector<Check> out;
  const auto ratios = stated_ratios(release);
  // The footnotes that put a daily rate on another basis than calendar
  // days, found once for every table.
  std::vector<Prose> day_basis;
  for (const Prose& n : release.notes) {
    Prose l = n;
    l.text = lower(n.text);  // kept lower case: the tables' mines are looked for in it
    const bool rate = l.text.find("throughput") != std::string::npos ||
                      l.text.find("per day") != std::string::npos || has_word(l.text, "tpd");
    const bool basis = l.text.find("week") != std::string::npos ||
                       l.text.find("operating day") != std::string::npos ||
                       l.text.find("working day") != std::string::npos;
    if (rate && basis) day_basis.push_back(std::move(l));
  }
  for (const Table& t : release.tables) {
    const std::size_t before = out.size();
    TableChecks(t, day_basis, ratios, out).run();
    for (std::size_t i = before; i < out.size(); ++i) out[i].table = t.title;
  }
  const Items items(release);
  links(items, out);
  for (Check& c : check_prose(release, items)) out.push_back(std::move(c));
  // In the order of the release: by the checked figure's position.
  std::stable_sort(out.begin(), out.end(), [](const Check& a, const Check& b) {
    return std::pair{a.target.figure.line, a.target.figure.column} <
           std::pair{b.target.figure.line, b.target.figure.column};
  });
  return out;
}

}  // namespace orebook::check
