// `orebook explain` for metal equivalents (docs/formulas.md §19) and
// production guidance: production.equivalent.<label> of the operating
// statistics, costs.cash_cost_per_equivalent.<label> and
// costs.aisc_per_equivalent.<label> of the cost table, and guidance.<M>.
//
// An equivalent is Σ over its metals of q × f × P ÷ (f_base × P_base), each q
// the metal's production tree; across a change of fixed prices, Σ over the
// pieces the period is cut into, each accounted on its own, as
// pipeline/stages.cpp (period_equivalent) does. The root's value is computed
// from the statistics the figure was computed from, by the same operations in
// the same order (accounting/equivalents.cpp, equivalent_production), so that
// explain_figure's comparison holds exactly; the production trees beneath are
// the production figures' own.

#include <fmt/format.h>

#include "orebook/accounting/equivalents.h"
#include "orebook/accounting/formulas.h"
#include "orebook/costs/formulas.h"
#include "orebook/pipeline/explain_results.h"
#include "orebook/report/display.h"
#include "orebook/report/format.h"

namespace orebook::pipeline {

namespace {

namespace rpt = orebook::report;
using dataset::Equivalent;
using rpt::Explanation;

// A tree of a period that is no column of the report (a piece, the year to
// date): its nodes are no figures, so they name no report key.
void clear_keys(Explanation& n) {
  n.key.clear();
  for (auto& c : n.inputs) clear_keys(c);
}

std::string unit_of(const dataset::Metal& metal) {
  return std::string(units::to_string(metal.production_unit));
}

class EquivalentBuilder {
 public:
  EquivalentBuilder(const dataset::Dataset& ds, std::size_t e, const core::Diagnostics& diags)
      : ds_(ds),
        site_(ds.site),
        eq_(ds.site.equivalents[e]),
        e_(e),
        base_(ds.site.metals[eq_.base]),
        unit_(unit_of(base_)),
        diags_(diags) {}

  // The equivalent of period k of `a`, as a.equivalents[k] holds it.
  Explanation period(const Accounted& a, std::size_t k) const {
    const accounting::EquivalentValue& printed = a.equivalents[k][e_];
    const calendar::Period& whole = a.totals[k].period;
    const std::vector<calendar::Period> pieces = accounting::equivalent_pieces(eq_, whole);
    if (pieces.size() == 1) {
      // With lots, the realized prices are those of settling them, as
      // equivalent_periods takes them.
      return one_set(a, k, with_sale_prices(a, k), k < a.lot_sales.size(), true);
    }
    Explanation n = node(whole);
    n.formula = fmt::format(
        "Σ over the pieces of {} cut where the fixed prices change, each at its own prices",
        whole.to_string());
    const auto unknown = [&] {
      n.note = "unknown: " + printed.why_unknown;
      return n;
    };
    // Said before accounting the pieces, as period_equivalent does.
    if (pieces[0].first() < eq_.prices.front().from || !a.reconciliation.empty()) return unknown();
    // The pieces aggregated and their statistics made as period_equivalent
    // makes them; their diagnostics would repeat the period's own.
    core::Diagnostics scratch;
    Accounted pa;
    pa.totals = accounting::aggregate(ds_, pieces, scratch);
    if (scratch.has_errors()) return unknown();
    for (const auto& t : pa.totals)
      pa.stats.push_back(accounting::operating_statistics(ds_, t, scratch));
    double total = 0.0;
    bool known = true;
    for (std::size_t i = 0; i < pieces.size(); ++i) {
      n.inputs.push_back(one_set(pa, i, pa.stats[i], false, false));
      clear_keys(n.inputs.back());
      if (n.inputs.back().value) {
        total += *n.inputs.back().value;
      } else {
        known = false;
      }
    }
    if (!known) return unknown();
    n.value = total;
    return n;
  }

 private:
  Explanation node(const calendar::Period& p) const {
    Explanation n;
    n.label =
        fmt::format("{} equivalent ({} {}) in {}", base_.name, eq_.label, unit_, p.to_string());
    n.unit = unit_;
    n.reference = "docs/formulas.md §19";
    return n;
  }

  // The equivalent of period k of `acc`, inside one set of fixed prices (or on
  // the realized basis), from the statistics `s` it is computed from:
  // accounting::equivalent_production, term by term. `figure`: period k is a
  // column of the report, whose production figures the trees of q are.
  Explanation one_set(const Accounted& acc, std::size_t k, const accounting::OperatingStatistics& s,
                      bool lot_prices, bool figure) const {
    const accounting::EquivalentValue v = accounting::equivalent_production(site_, eq_, s);
    Explanation n = node(s.period);
    std::string symbols;
    for (std::size_t m : eq_.metals)
      symbols += (symbols.empty() ? "" : ", ") + site_.metals[m].symbol;
    n.formula =
        fmt::format("Σ over {} of q × f × P ÷ (f_{} × P_{})", symbols, base_.symbol, base_.symbol);
    std::string why;
    const Equivalent::Prices* set = nullptr;
    if (eq_.basis == Equivalent::Basis::fixed) {
      set = accounting::prices_in_force(eq_, s.period, why);
      if (set == nullptr) {
        n.note = "unknown: " + why;
        return n;
      }
    }
    auto price_of = [&](std::size_t m) -> std::optional<double> {
      return set != nullptr ? set->price[m] : s.metals[m].realized_price;
    };
    double total = 0.0;
    bool known = true;
    for (std::size_t m : eq_.metals) {
      const dataset::Metal& metal = site_.metals[m];
      const auto& production = s.metals[m].production;
      Explanation t;
      t.label = fmt::format("{} in {} {}", metal.name, eq_.label, unit_);
      t.unit = unit_;
      t.reference = "docs/formulas.md §19";
      t.formula = m == eq_.base
                      ? fmt::format("q × f × P ÷ (f × P): {}'s own production", metal.symbol)
                      : fmt::format("q × f × P ÷ (f_{} × P_{})", base_.symbol, base_.symbol);
      t.inputs.push_back(quantity(acc, k, m, figure));
      t.inputs.push_back(factor(m));
      t.inputs.push_back(price(acc, k, s, set, m, lot_prices));
      if (m != eq_.base) {
        t.inputs.push_back(factor(eq_.base));
        t.inputs.push_back(price(acc, k, s, set, eq_.base, lot_prices));
      }
      if (production && price_of(m) && price_of(eq_.base)) {
        // As equivalent_production computes it, in the same order.
        t.value =
            accounting::equivalent_term(production->in(metal.production_unit), eq_.factor[m],
                                        *price_of(m), eq_.factor[eq_.base], *price_of(eq_.base));
        total += *t.value;
      } else {
        known = false;
      }
      t.decimals = digits_of(t.value, rpt::kQuantityDigits);
      n.inputs.push_back(std::move(t));
    }
    // Known only where equivalent_production knows it (realized prices in
    // one currency, every production known).
    if (known && v.value) {
      n.value = total;
    } else {
      n.note = "unknown: " + v.why_unknown;
    }
    n.decimals = digits_of(n.value, rpt::kQuantityDigits);
    return n;
  }

  // q: the metal's production, its figure's tree.
  Explanation quantity(const Accounted& acc, std::size_t k, std::size_t m, bool figure) const {
    const dataset::Metal& metal = site_.metals[m];
    const std::string key = "production." + metal.symbol;
    if (auto q = operating_explanation(ds_, acc, k, key, diags_)) {
      if (figure) q->key = key;
      return *q;
    }
    Explanation n;
    n.label = metal.name + " produced";
    n.unit = unit_of(metal);
    n.note = "unknown: not traced";
    return n;
  }

  // f: the metal's factor, site.toml's.
  Explanation factor(std::size_t m) const {
    const dataset::Metal& metal = site_.metals[m];
    Explanation n;
    n.label = fmt::format("{} factor (f_{})", metal.name, metal.symbol);
    n.value = eq_.factor[m];
    n.unit = "";
    n.decimals = 2;
    n.note = fmt::format(
        "the recovery or payability [[equivalents]] '{}' applies (site.toml line {}), 1 unless "
        "its factors give it",
        eq_.label, eq_.line);
    return n;
  }

  // P: the metal's price, fixed by site.toml, else realized in the period.
  Explanation price(const Accounted& acc, std::size_t k, const accounting::OperatingStatistics& s,
                    const Equivalent::Prices* set, std::size_t m, bool lot_prices) const {
    const dataset::Metal& metal = site_.metals[m];
    Explanation n;
    if (set != nullptr) {
      n.label = fmt::format("{} price (P_{})", metal.name, metal.symbol);
      n.value = set->price[m];
      n.unit = "per " + unit_of(metal);
      n.decimals = digits_of(n.value, rpt::kPriceDigits);
      n.note = fmt::format(
          "fixed by site.toml line {}: the [[equivalents.prices]] of '{}' in force from {} "
          "(only the prices' ratios matter)",
          set->line, eq_.label, calendar::format_date(set->from));
      return n;
    }
    // The realized price's tree: of sales.csv, or, with lots, of settling
    // them where explain traces it (explain_results.cpp).
    const std::string key = "sales.price." + metal.symbol;
    rpt::Table column;  // a table of one column, the period's
    column.periods = {s.period.to_string()};
    if (auto p = lot_prices ? results_explanation(ds_, acc, k, column, 0, key, diags_)
                            : operating_explanation(ds_, acc, k, key, diags_))
      return *p;
    n.label = fmt::format("Realized {} price (P_{})", rpt::lowercase(metal.name), metal.symbol);
    n.value = s.metals[m].realized_price;
    n.unit = s.metals[m].price_currency + "/" + unit_of(metal);
    n.decimals = digits_of(n.value, rpt::kPriceDigits);
    n.formula = fmt::format(
        "value of its payable metal in the lots (provisional of those shipped in {0}, with the "
        "price adjustments of {0}) ÷ payable metal of the lots shipped in {0}",
        s.period.to_string());
    n.reference = "docs/formulas.md §11";
    n.note = n.value ? "from settling the lots (orebook settle); not traced further yet"
                     : fmt::format("unknown: no realized price of {} in {}", metal.symbol,
                                   s.period.to_string());
    return n;
  }

  const dataset::Dataset& ds_;
  const dataset::Site& site_;
  const Equivalent& eq_;
  std::size_t e_;
  const dataset::Metal& base_;
  std::string unit_;
  const core::Diagnostics& diags_;
};

std::optional<std::size_t> equivalent_index(const dataset::Dataset& ds, const std::string& label) {
  for (std::size_t e = 0; e < ds.site.equivalents.size(); ++e)
    if (ds.site.equivalents[e].label == label) return e;
  return std::nullopt;
}

}  // namespace

std::optional<rpt::Explanation> equivalent_explanation(const dataset::Dataset& ds,
                                                       const Accounted& a, std::size_t k,
                                                       const std::string& key,
                                                       const core::Diagnostics& diags) {
  const std::string prefix = "production.equivalent.";
  if (!key.starts_with(prefix) || k >= a.equivalents.size()) return std::nullopt;
  const auto e = equivalent_index(ds, key.substr(prefix.size()));
  if (!e || *e >= a.equivalents[k].size()) return std::nullopt;
  Explanation n = EquivalentBuilder(ds, *e, diags).period(a, k);
  n.key = key;
  return n;
}

std::optional<rpt::Explanation> cost_per_equivalent(const dataset::Dataset& ds, const Accounted& a,
                                                    std::size_t k, const std::string& label,
                                                    rpt::Explanation total,
                                                    const core::Diagnostics& diags) {
  auto q = equivalent_explanation(ds, a, k, "production.equivalent." + label, diags);
  if (!q) return std::nullopt;
  Explanation n;
  n.label = fmt::format("{}, per {} {}", total.label, label, q->unit);
  n.unit = ds.site.currency + "/" + q->unit;
  // Per unit only of an equivalent above zero (costs/results.cpp,
  // add_equivalent_costs).
  if (total.value && q->value && *q->value > 0) {
    n.value = costs::per_unit(*total.value, *q->value);
  } else if (q->value) {
    n.note = "unknown: the equivalent production is not above zero";
  }
  n.formula = total.label + " ÷ " + q->label;
  n.reference = "docs/formulas.md §19";
  n.inputs = {std::move(total), std::move(*q)};
  return n;
}

std::optional<rpt::Explanation> guidance_explanation(const dataset::Dataset& ds, const Accounted& a,
                                                     std::size_t k, std::size_t column,
                                                     const std::string& key,
                                                     const core::Diagnostics& diags) {
  // The year and the year to date as pipeline/results.cpp (guidance) and
  // report::guidance_table make them: the (fiscal) year holding the period's
  // last day, named by the year it ends in.
  const calendar::Period& period = a.totals[k].period;
  const calendar::DayNumber last = period.last();
  const calendar::Period whole =
      calendar::Period::year_holding(last, ds.site.fiscal_year.value_or(calendar::FiscalYear{}));
  const int year = static_cast<int>(calendar::to_ymd(whole.last()).year());
  for (const dataset::Site::Guidance& g : ds.site.guidance) {
    const dataset::Metal& metal = ds.site.metals[g.metal];
    if (g.year != year || key != "guidance." + metal.symbol) continue;
    const std::string unit = unit_of(metal);
    if (column == 2 || column == 3) {
      Explanation n;
      n.label = fmt::format("{} guidance {}, {}", metal.name, column == 2 ? "low" : "high", year);
      n.value = column == 2 ? g.low : g.high;
      n.unit = unit;
      n.note = fmt::format("given by site.toml line {} ([[guidance]] of {} for {})", g.line,
                           metal.symbol, year);
      return n;
    }
    if (column > 3) return std::nullopt;
    // The year to date accounted as `guidance` accounts it.
    core::Diagnostics scratch;
    const Accounted ytd =
        account(ds, {calendar::Period::from_days(whole.first(), last)}, scratch,
                {.settle = false, .cost = false, .warn = false, .equivalents = false});
    if (scratch.has_errors()) return std::nullopt;
    const auto& produced = ytd.stats[0].metals[g.metal].production;
    auto q = operating_explanation(ds, ytd, 0, "production." + metal.symbol, diags);
    if (!produced || !q) return std::nullopt;
    clear_keys(*q);
    q->label =
        fmt::format("{} produced, year to date ({})", metal.name, ytd.stats[0].period.to_string());
    if (column == 0) return q;
    // Annualised run rate = year to date × days in the year ÷ days elapsed.
    const double elapsed = ytd.stats[0].period.days();
    const double days = static_cast<double>(whole.days());
    Explanation d_elapsed;
    d_elapsed.label = "Days elapsed";
    d_elapsed.value = elapsed;
    d_elapsed.unit = "d";
    d_elapsed.formula =
        fmt::format("days from {} to {}, both included", calendar::format_date(whole.first()),
                    calendar::format_date(last));
    Explanation d_year;
    d_year.label = "Days in the year";
    d_year.value = days;
    d_year.unit = "d";
    d_year.formula =
        fmt::format("days of {} ({} to {})", whole.to_string(),
                    calendar::format_date(whole.first()), calendar::format_date(whole.last()));
    Explanation n;
    n.label = fmt::format("{} run rate, {}", metal.name, year);
    n.unit = unit;
    n.value = accounting::annualised(produced->in(metal.production_unit), elapsed, days);
    n.formula = "year to date × days in the year ÷ days elapsed";
    n.reference = "docs/formulas.md §4";
    n.inputs = {std::move(*q), std::move(d_elapsed), std::move(d_year)};
    return n;
  }
  return std::nullopt;
}

}  // namespace orebook::pipeline
