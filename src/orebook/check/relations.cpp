#include "orebook/check/relations.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <map>

#include <fmt/format.h>

#include "orebook/accounting/formulas.h"
#include "orebook/check/prose.h"
#include "orebook/check/words.h"
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

// A grade figure's unit: g/t from the label, else % from the figure.
std::optional<units::GradeUnit> grade_unit_of(const Row& row, const Figure& f) {
  if (lower(row.label).find("g/t") != std::string::npos) return units::GradeUnit::grams_per_tonne;
  if (f.unit == "%") return units::GradeUnit::percent;
  return std::nullopt;
}

void decide(Check& c) { judge(c, c.target.figure.interval()); }

class TableChecks {
 public:
  TableChecks(const Table& t, std::vector<Check>& out) : t_(t), out_(out) {}

  void run() {
    changes();
    for (std::size_t c = 0; c < t_.columns.size(); ++c) {
      if (t_.columns[c].change) continue;
      gross_profit(c);
      segments(c);
      concentrates(c);
      production(c);
      recovery(c);
      throughput(c);
    }
  }

 private:
  const Row* find(std::string_view group_part, auto&& pred) const {
    for (const Row& r : t_.rows) {
      if (lower(r.group).find(group_part) == std::string::npos) continue;
      if (pred(lower(r.label))) return &r;
    }
    return nullptr;
  }

  // % change (or pp difference) from the first two period columns.
  void changes() {
    std::optional<std::size_t> change, cur, prior;
    for (std::size_t c = 0; c < t_.columns.size(); ++c) {
      if (t_.columns[c].change) {
        if (!change) change = c;
      } else if (!cur) {
        cur = c;
      } else if (!prior) {
        prior = c;
      }
    }
    if (!change || !cur || !prior) return;
    for (const Row& r : t_.rows) {
      const auto& target = r.cells[*change];
      if (!target) continue;
      Check c;
      c.relation = "change";
      c.period = t_.columns[*cur].header + " vs " + t_.columns[*prior].header;
      c.target = reference(r, *target);
      const auto& a = r.cells[*cur];
      const auto& b = r.cells[*prior];
      if (!a || !b) {
        c.status = Status::not_checkable;
        c.why = "a compared figure is missing";
      } else {
        c.inputs = {reference(r, *a), reference(r, *b)};
        if (target->unit == "pp") {
          c.formula = "change (pp) = current − prior";
          c.computed = a->interval() - b->interval();
        } else {
          c.formula = "change (%) = (current − prior) ÷ prior";
          if (b->interval().contains(0.0)) {
            c.status = Status::not_checkable;
            c.why = "the prior figure may be zero";
          } else {
            c.computed =
                accounting::relative_change(a->interval(), b->interval()) * Interval(100.0);
          }
        }
      }
      decide(c);
      out_.push_back(std::move(c));
    }
  }

  // Gross profit = revenue − cost of sales, within a group.
  void gross_profit(std::size_t col) {
    for (const Row& gp : t_.rows) {
      if (lower(gp.label).rfind("gross profit", 0) != 0 || !gp.cells[col]) continue;
      const Row *rev = nullptr, *cos = nullptr;
      for (const Row& r : t_.rows) {
        if (r.group != gp.group) continue;
        const std::string l = lower(r.label);
        if (l.rfind("revenue", 0) == 0 && !rev) rev = &r;
        if (l.rfind("cost of sales", 0) == 0 && !cos) cos = &r;
      }
      if (!rev || !cos || !rev->cells[col] || !cos->cells[col]) continue;
      Check c;
      c.relation = "gross profit";
      c.formula = "Gross profit = Revenue − Cost of sales";
      c.period = t_.columns[col].header;
      c.target = reference(gp, *gp.cells[col]);
      c.inputs = {reference(*rev, *rev->cells[col]), reference(*cos, *cos->cells[col])};
      c.computed = rev->cells[col]->interval() - cos->cells[col]->interval();
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
      if (!total.group.empty() || !total.cells[col]) continue;
      const std::string key = item(total.label);
      std::vector<const Row*> parts;
      std::vector<std::string> groups;
      for (const Row& r : t_.rows) {
        if (r.group.empty() || item(r.label) != key) continue;
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

  const Row* ore_processed() const {
    for (const Row& r : t_.rows) {
      const std::string l = lower(r.label);
      if (l.find("processed") != std::string::npos && l.find("tonnes") != std::string::npos &&
          l.find("per") == std::string::npos)
        return &r;
    }
    return nullptr;
  }

  // Recovery = production ÷ (tonnes processed × head grade).
  void recovery(std::size_t col) {
    const Row* ore = ore_processed();
    for (const Row& r : t_.rows) {
      if (lower(r.group).find("recover") == std::string::npos || !r.cells[col]) continue;
      const std::string metal = metal_of(r.label);
      if (metal.empty()) continue;
      const Row* head = nullptr;
      const Row* prod = nullptr;
      for (const Row& s : t_.rows) {
        const std::string g = lower(s.group);
        if ((g.find("grade") != std::string::npos || g.find("head") != std::string::npos) &&
            g.find("concentrate") == std::string::npos && metal_of(s.label) == metal && !head)
          head = &s;
        if (g.find("production") != std::string::npos && metal_of(s.label) == metal &&
            mass_unit_of(s.label) && !payable(s) && !prod)
          prod = &s;
      }
      Check c;
      c.relation = "recovery";
      c.period = t_.columns[col].header;
      c.target = reference(r, *r.cells[col]);
      c.formula = "recovery = production ÷ (tonnes processed × head grade)";
      if (!ore || !head || !prod || !ore->cells[col] || !head->cells[col] || !prod->cells[col]) {
        c.status = Status::not_checkable;
        c.why = "no tonnes processed, head grade or production for this metal";
        out_.push_back(std::move(c));
        continue;
      }
      const auto gu = grade_unit_of(*head, *head->cells[col]);
      const auto mu = mass_unit_of(prod->label);
      if (!gu || !mu) {
        c.status = Status::not_checkable;
        c.why = "the head grade's unit is not printed";
        out_.push_back(std::move(c));
        continue;
      }
      c.inputs = {reference(*prod, *prod->cells[col]), reference(*ore, *ore->cells[col]),
                  reference(*head, *head->cells[col])};
      const Interval fed =
          contained(ore->cells[col]->interval(), head->cells[col]->interval(), *gu, *mu);
      c.computed = accounting::recovery(prod->cells[col]->interval(), fed) * Interval(100.0);
      decide(c);
      out_.push_back(std::move(c));
    }
  }

  // Throughput (tonnes per calendar day) = tonnes processed ÷ days.
  void throughput(std::size_t col) {
    const Row* ore = ore_processed();
    for (const Row& r : t_.rows) {
      const std::string l = lower(r.label);
      if (l.find("throughput") == std::string::npos &&
          l.find("tonnes per day") == std::string::npos)
        continue;
      if (l.find("operating") != std::string::npos || !r.cells[col] || &r == ore) continue;
      Check c;
      c.relation = "throughput";
      c.period = t_.columns[col].header;
      c.target = reference(r, *r.cells[col]);
      c.formula = "throughput = tonnes processed ÷ calendar days";
      if (!ore || !ore->cells[col] || !t_.columns[col].period) {
        c.status = Status::not_checkable;
        c.why =
            !t_.columns[col].period ? "the column's period is not known" : "no tonnes processed";
        out_.push_back(std::move(c));
        continue;
      }
      const int days = t_.columns[col].period->days();
      c.inputs = {reference(*ore, *ore->cells[col])};
      c.formula += fmt::format(" ({} days)", days);
      c.computed = accounting::throughput(ore->cells[col]->interval(), Interval(days));
      decide(c);
      out_.push_back(std::move(c));
    }
  }

  const Table& t_;
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

std::vector<Check> check_release(const Release& release) {
  std::vector<Check> out;
  for (const Table& t : release.tables) {
    const std::size_t before = out.size();
    TableChecks(t, out).run();
    for (std::size_t i = before; i < out.size(); ++i) out[i].table = t.title;
  }
  for (Check& c : check_prose(release)) out.push_back(std::move(c));
  // In the order of the release: by the checked figure's position.
  std::stable_sort(out.begin(), out.end(), [](const Check& a, const Check& b) {
    return std::pair{a.target.figure.line, a.target.figure.column} <
           std::pair{b.target.figure.line, b.target.figure.column};
  });
  return out;
}

}  // namespace orebook::check
