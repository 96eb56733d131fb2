#include "orebook/report/results_report.h"

#include <algorithm>
#include <cctype>
#include <set>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "orebook/accounting/formulas.h"
#include "orebook/calendar/names.h"
#include "orebook/costs/formulas.h"
#include "orebook/report/charts.h"
#include "orebook/report/format.h"
#include "orebook/report/render.h"

namespace orebook::report {

namespace {

std::string segment_label(std::string id) {
  std::replace(id.begin(), id.end(), '_', ' ');
  if (!id.empty()) id[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(id[0])));
  return id;
}

// How the reconciliation names a bucket.
std::string bucket_label(dataset::CostBucket b) {
  using B = dataset::CostBucket;
  switch (b) {
    case B::mining:
      return "mining costs";
    case B::milling:
      return "milling costs";
    case B::site_ga:
      return "site general and administrative";
    case B::transport:
      return "transport and freight";
    case B::treatment_refining:
      return "treatment and refining charges";
    case B::royalties:
      return "royalties";
    case B::production_taxes:
      return "production taxes";
    case B::inventory_change:
      return "inventory changes";
    case B::depreciation:
      return "depreciation and depletion";
    case B::sustaining_capital:
      return "sustaining capital";
    case B::corporate_ga:
      return "corporate general and administrative";
    case B::reclamation:
      return "reclamation accretion and amortisation";
    case B::sustaining_exploration:
      return "sustaining exploration";
    case B::sustaining_leases:
      return "sustaining leases";
    case B::non_sustaining:
      return "non-sustaining capital and exploration";
    case B::other_segments:
      return "segments other than mining";
  }
  return "other";
}

std::optional<double> financial(const dataset::Dataset& ds, const calendar::Period& p,
                                std::string_view segment, std::string_view line) {
  const dataset::FinancialRow* f = financial_row(ds, p, segment, line);
  return f != nullptr ? std::optional(f->amount) : std::nullopt;
}

}  // namespace

const dataset::FinancialRow* financial_row(const dataset::Dataset& ds, const calendar::Period& p,
                                           std::string_view segment, std::string_view line) {
  for (const auto& f : ds.financials.rows)
    if (f.period == p && f.segment == segment && f.line == line) return &f;
  return nullptr;
}

const dataset::ReportedRow* reported_row(const dataset::Dataset& ds, std::string_view key,
                                         const calendar::Period& period) {
  for (const auto& r : ds.reported.rows)
    if (r.key == key && r.period == period) return &r;
  return nullptr;
}

namespace {

// A figure in thousands, f(period) giving it in units.
template <class F>
Figure thousands(const dataset::Dataset& ds, const std::vector<calendar::Period>& periods,
                 std::string key, std::string label, F f) {
  Figure fig(std::move(key), std::move(label), ds.site.currency + " thousands", 0, "", {});
  for (const auto& p : periods) {
    const std::optional<double> v = f(p);
    fig.values.push_back(v ? std::optional(*v / 1000.0) : std::nullopt);
  }
  fig.parentheses = true;
  return fig;
}

// Segments in order of first appearance.
std::vector<std::string> segments_of(const dataset::Dataset& ds) {
  std::vector<std::string> segments;
  for (const auto& f : ds.financials.rows) {
    if (!f.segment.empty() &&
        std::find(segments.begin(), segments.end(), f.segment) == segments.end()) {
      segments.push_back(f.segment);
    }
  }
  return segments;
}

// A segment's revenue, cost of sales and gross profit; its gross profit added
// to `total_gp`.
void add_segment(Table& t, const dataset::Dataset& ds, const std::vector<calendar::Period>& periods,
                 const std::string& seg, std::vector<std::optional<double>>& total_gp,
                 std::vector<bool>& incomplete) {
  const std::string label = segment_label(seg);
  t.heading(label + ":");
  t.add(thousands(ds, periods, "financial." + seg + ".revenue", "Revenue",
                  [&](const calendar::Period& p) { return financial(ds, p, seg, "revenue"); }),
        1);
  t.add(
      thousands(ds, periods, "financial." + seg + ".cost_of_sales", "Cost of sales",
                [&](const calendar::Period& p) { return financial(ds, p, seg, "cost_of_sales"); }),
      1);
  // Gross profit = revenue − cost of sales.
  t.add(thousands(ds, periods, "financial." + seg + ".gross_profit", "Gross profit (loss)",
                  [&](const calendar::Period& p) -> std::optional<double> {
                    const auto r = financial(ds, p, seg, "revenue");
                    const auto c = financial(ds, p, seg, "cost_of_sales");
                    if (!r || !c) return std::nullopt;
                    return costs::gross_profit(*r, *c);
                  }),
        1);
  for (std::size_t k = 0; k < periods.size(); ++k) {
    const auto r = financial(ds, periods[k], seg, "revenue");
    const auto c = financial(ds, periods[k], seg, "cost_of_sales");
    if (r && c) total_gp[k] = total_gp[k].value_or(0.0) + costs::gross_profit(*r, *c);
    // A segment whose gross profit is unknown makes the total unknown, not
    // the sum of the others.
    if (!r || !c) incomplete[k] = true;
  }
}

// Earnings per share: net income ÷ weighted average shares, or as published.
void add_earnings_per_share(Table& t, const dataset::Dataset& ds,
                            const std::vector<calendar::Period>& periods) {
  const std::string prefix = amount_prefix(ds.site.currency);
  for (const auto& [kind, eps_label] : {std::pair{"basic", "Earnings per share, basic"},
                                        std::pair{"diluted", "Earnings per share, diluted"}}) {
    Figure eps(std::string("financial.eps_") + kind, eps_label, ds.site.currency + "/share", 2,
               prefix, {});
    eps.parentheses = true;
    for (const auto& p : periods) {
      const auto ni = financial(ds, p, "", "net_income");
      const auto shares = financial(ds, p, "", std::string("weighted_average_shares_") + kind);
      if (ni && shares && *shares > 0) {
        eps.values.push_back(*ni / *shares);
      } else {
        eps.values.push_back(financial(ds, p, "", std::string("eps_") + kind));
      }
    }
    t.add(eps);
  }
}

// Revenue, cost of sales and gross profit per segment, the gross profit of
// all of them, then income, EPS and cash flow.
Table income_summary(const dataset::Dataset& ds, const std::vector<calendar::Period>& periods) {
  Table t;
  t.site = ds.site.name;
  t.title = ds.site.name + ": financial summary";
  t.caption = fmt::format("in thousands of {}, except per share amounts",
                          currency_prefix(ds.site.currency));
  for (const auto& p : periods) t.add_period(p.to_string(), calendar::header_name(p));
  std::vector<std::optional<double>> total_gp(periods.size());
  std::vector<bool> incomplete(periods.size(), false);
  for (const std::string& seg : segments_of(ds))
    add_segment(t, ds, periods, seg, total_gp, incomplete);
  Figure gp("financial.gross_profit", "Gross profit", ds.site.currency + " thousands", 0, "", {});
  for (std::size_t k = 0; k < total_gp.size(); ++k) {
    const auto& v = total_gp[k];
    gp.values.push_back(v && !incomplete[k] ? std::optional(*v / 1000.0) : std::nullopt);
  }
  gp.parentheses = true;
  t.add(gp);
  for (const auto& [line, label] :
       {std::pair{"income_before_taxes", "Income before taxes"},
        std::pair{"net_income", "Net income"},
        std::pair{"total_comprehensive_income", "Total comprehensive income"},
        std::pair{"operating_cash_flow", "Cash flows from operating activities"}}) {
    if (std::string_view(line) == "operating_cash_flow") add_earnings_per_share(t, ds, periods);
    t.add(thousands(ds, periods, std::string("financial.") + line, label,
                    [&](const calendar::Period& p) { return financial(ds, p, "", line); }));
  }
  return t;
}

// Balance items at the two latest dates on or before the end of the period.
void add_balance_items(const dataset::Dataset& ds, const std::vector<calendar::Period>& periods,
                       std::vector<Table>& out) {
  std::set<calendar::DayNumber> dates;
  for (const auto& f : ds.financials.rows) {
    if (f.period.kind() == calendar::PeriodKind::day && f.period.last() <= periods[0].last() &&
        (f.line == "cash" || f.line == "working_capital")) {
      dates.insert(f.period.first());
    }
  }
  if (dates.empty()) return;
  Table b;
  b.site = ds.site.name;
  b.title = ds.site.name + ": balance sheet items";
  b.caption = fmt::format("in thousands of {}", currency_prefix(ds.site.currency));
  std::vector<calendar::Period> at;
  for (auto it = dates.rbegin(); it != dates.rend() && at.size() < 2; ++it)
    at.push_back(calendar::Period::from_days(*it, *it));
  for (const auto& p : at) b.periods.push_back("at " + p.to_string());
  for (const auto& [line, label] : {std::pair{"cash", "Cash and cash equivalents"},
                                    std::pair{"working_capital", "Net working capital"}}) {
    Figure fig(std::string("financial.") + line, label, ds.site.currency + " thousands", 0, "", {});
    fig.parentheses = true;
    for (const auto& p : at) {
      const auto v = financial(ds, p, "", line);
      fig.values.push_back(v ? std::optional(*v / 1000.0) : std::nullopt);
    }
    b.add(fig);
  }
  out.push_back(std::move(b));
}

}  // namespace

std::vector<Table> financial_summary(const dataset::Dataset& ds,
                                     const std::vector<calendar::Period>& periods) {
  std::vector<Table> out;
  if (!ds.financials.present) return out;
  out.push_back(income_summary(ds, periods));
  add_balance_items(ds, periods, out);
  return out;
}

Table guidance_table(const dataset::Dataset& ds, const accounting::OperatingStatistics& ytd,
                     const calendar::Period& period, const calendar::Period& whole) {
  const auto& site = ds.site;
  // A fiscal year is named by the year it ends in, as [[guidance]] year is.
  const int year = static_cast<int>(calendar::to_ymd(whole.last()).year());
  const double elapsed = ytd.period.days();
  Table t;
  t.site = site.name;
  t.title = fmt::format("{}: {} production guidance, to {}", site.name,
                        calendar::sentence_name(whole), calendar::format_date(period.last()));
  t.periods = {"year to date", "run rate", "guidance low", "guidance high"};
  t.show_change = false;
  for (const auto& g : site.guidance) {
    if (g.year != year) continue;
    const auto& metal = site.metals[g.metal];
    const auto& produced = ytd.metals[g.metal].production;
    if (!produced) continue;
    const double q = produced->in(metal.production_unit);
    // Annualised run rate = year to date × days in the year ÷ days elapsed.
    const double run_rate = accounting::annualised(q, elapsed, static_cast<double>(whole.days()));
    t.add({"guidance." + metal.symbol,
           fmt::format("{} ({})", metal.name, units::to_string(metal.production_unit)),
           std::string(units::to_string(metal.production_unit)),
           0,
           "",
           {q, run_rate, g.low, g.high}});
    const char* where = run_rate < g.low ? "below" : run_rate > g.high ? "above" : "within";
    t.notes.push_back(
        fmt::format("{} production of {} {} to {} runs at {} a year, {} the guidance of {} to {}.",
                    metal.name, format_grouped(q, 0), units::to_string(metal.production_unit),
                    calendar::format_date(period.last()), format_grouped(run_rate, 0), where,
                    format_grouped(g.low, 0), format_grouped(g.high, 0)));
  }
  return t;
}

namespace {

// What the cost tables count in: the metal costs are per, its unit, payable
// units sold or produced, and the reporting currency.
struct CostBasis {
  const dataset::Metal& metal;
  std::string unit, basis, cur, prefix;
};

CostBasis cost_basis_of(const dataset::Site& site) {
  const auto& metal = site.metals[site.costs.present ? site.costs.primary_metal : 0];
  const std::string unit(units::to_string(metal.production_unit));
  const std::string basis = site.costs.per_unit_sold ? "sold" : "produced";
  const std::string cur = site.currency;
  const std::string prefix = amount_prefix(cur);
  return {metal, unit, basis, cur, prefix};
}

// Costs per payable unit (computed, else reported), then per tonne.
Table unit_costs(const dataset::Dataset& ds, const std::vector<calendar::Period>& periods,
                 const std::vector<std::optional<costs::CostResult>>& results, const CostBasis& cb,
                 bool any_costs, core::Diagnostics& diags) {
  const auto& site = ds.site;
  const auto& [metal, unit, basis, cur, prefix] = cb;
  Table t;
  t.site = site.name;
  t.title = fmt::format("{}: costs per {} of payable {} {}", site.name, unit, lowercase(metal.name),
                        basis);
  for (const auto& p : periods) t.add_period(p.to_string(), calendar::header_name(p));
  auto per = [&](std::string key, std::string label, int decimals, auto member) {
    Figure f(std::move(key), std::move(label), cur + "/" + unit, decimals, prefix, {});
    std::vector<std::optional<double>> computed;
    std::vector<const dataset::ReportedRow*> given;
    for (std::size_t k = 0; k < periods.size(); ++k) {
      computed.push_back(results[k] ? (*results[k]).*member : std::nullopt);
      given.push_back(computed.back() ? nullptr : reported_row(ds, f.key, periods[k]));
    }
    // The row's currency: the reporting currency, unless no value is
    // computed and the first reported one is in another (a release giving
    // costs in US$ at a site reporting in C$); then that one, named.
    std::string currency = cur;
    if (std::none_of(computed.begin(), computed.end(), [](const auto& v) { return v; })) {
      for (const dataset::ReportedRow* r : given) {
        if (r == nullptr) continue;
        if (r->per == metal.production_unit) currency = r->currency;
        break;
      }
    }
    if (currency != cur) {
      f.unit = currency + "/" + unit;
      f.prefix = amount_prefix(currency);
      f.label += fmt::format(" ({} per {})", currency_prefix(currency), unit);
    }
    f.reported.assign(periods.size(), false);
    bool reported_any = false;
    for (std::size_t k = 0; k < periods.size(); ++k) {
      std::optional<double> v = computed[k];
      if (const dataset::ReportedRow* r = given[k]) {
        if (r->currency == currency && r->per == metal.production_unit) {
          v = r->value;
          f.reported[k] = true;
          reported_any = true;
        } else {
          diags.warning(ds.reported.file, r->line, 1, "reported-unit",
                        fmt::format("{} of {} is reported in {}, but its row of the cost table "
                                    "is in {}: it is left unknown (orebook does not convert a "
                                    "published figure)",
                                    f.key, periods[k].to_string(), r->unit, f.unit),
                        r->unit, f.unit);
        }
      }
      f.values.push_back(v);
    }
    if (!reported_any) f.reported.clear();
    return f;
  };
  using R = costs::CostResult;
  t.add(per(std::string(dataset::reported_key::cash_cost_per_unit),
            "Cash cost, net of by-product credits", 2, &R::cash_cost_per_unit));
  t.add(per(std::string(dataset::reported_key::co_product_per_unit), "Co-product cash cost", 2,
            &R::co_product_per_unit));
  t.add(per(std::string(dataset::reported_key::total_production_cost_per_unit),
            "Total production cost", 2, &R::total_production_cost_per_unit));
  t.add(per(std::string(dataset::reported_key::aisc_per_unit), "All-in sustaining cost", 2,
            &R::aisc_per_unit));
  t.add(per(std::string(dataset::reported_key::aic_per_unit), "All-in cost", 2, &R::aic_per_unit));
  // Per unit of each metal equivalent (docs/formulas.md §19), from the same
  // equivalent production the operating table shows.
  for (std::size_t e = 0; e < site.equivalents.size(); ++e) {
    const auto& eq = site.equivalents[e];
    const std::string eq_unit(units::to_string(site.metals[eq.base].production_unit));
    auto per_equivalent = [&](std::string key, std::string label,
                              std::vector<std::optional<double>> R::*member) {
      Figure f(key + "." + eq.label, fmt::format("{} per {} {}", label, eq.label, eq_unit),
               cur + "/" + eq_unit, 2, prefix, {});
      for (const auto& r : results) {
        f.values.push_back(r && e < ((*r).*member).size() ? ((*r).*member)[e] : std::nullopt);
      }
      return f;
    };
    t.add(per_equivalent("costs.cash_cost_per_equivalent", "Cash cost",
                         &R::cash_cost_per_equivalent));
    t.add(per_equivalent("costs.aisc_per_equivalent", "All-in sustaining cost",
                         &R::aisc_per_equivalent));
  }
  auto per_tonne = [&](std::string key, std::string label, std::optional<double> R::*member) {
    Figure f(std::move(key), std::move(label), cur + "/t", 2, prefix, {});
    for (const auto& r : results) f.values.push_back(r ? (*r).*member : std::nullopt);
    return f;
  };
  if (any_costs) {
    t.heading("Per tonne:");
    t.add(
        per_tonne("costs.mining_per_t_mined", "Mining cost per tonne mined", &R::cost_per_t_mined),
        1);
    t.add(per_tonne("costs.milling_per_t_milled", "Milling cost per tonne milled",
                    &R::cost_per_t_milled),
          1);
    t.add(per_tonne("costs.nsr_per_t_milled", "NSR per tonne milled", &R::nsr_per_t_milled), 1);
  }
  return t;
}

// The table with its headings and the figures `keep` says yes to.
template <class Keep>
Table keep_figures(const Table& t, Keep keep) {
  Table kept = t;
  kept.figures.clear();
  kept.lines.clear();
  for (const Line& line : t.lines) {
    if (!line.heading.empty()) {
      kept.heading(line.heading);
    } else if (keep(t.figures[line.figure])) {
      kept.add(t.figures[line.figure], line.indent);
    }
  }
  return kept;
}

// Drop rows with no value at all (a dataset with reported cash costs only).
Table without_empty_rows(const Table& t) {
  return keep_figures(t, [](const Figure& f) {
    return std::any_of(f.values.begin(), f.values.end(),
                       [](const auto& v) { return v.has_value(); });
  });
}

double bucket_amount(const costs::CostResult& x, dataset::CostBucket b) {
  return x.bucket[static_cast<std::size_t>(b)];
}

// Cost of sales, less what is no cash cost in it, plus the cash costs outside it.
void add_cost_of_sales_lines(Table& r, const dataset::Site& site, const auto& line) {
  using R = costs::CostResult;
  using B = dataset::CostBucket;
  r.add(line("reconciliation.cost_of_sales", "Cost of sales (mining)",
             [](const R& x) { return x.cost_of_sales; }));
  for (B b : site.costs.cost_of_sales) {
    if (costs::is_cash_cost(b)) continue;
    r.add(line("reconciliation.less." + std::string(dataset::to_string(b)),
               "Less: " + bucket_label(b),
               [&, b](const R& x) -> std::optional<double> { return -bucket_amount(x, b); }));
  }
  for (std::size_t i = 0; i < dataset::kCostBuckets; ++i) {
    const B b = static_cast<B>(i);
    if (!costs::is_cash_cost(b) ||
        std::find(site.costs.cost_of_sales.begin(), site.costs.cost_of_sales.end(), b) !=
            site.costs.cost_of_sales.end()) {
      continue;
    }
    r.add(line("reconciliation.add." + std::string(dataset::to_string(b)),
               "Add: " + bucket_label(b),
               [&, b](const R& x) -> std::optional<double> { return bucket_amount(x, b); }));
  }
}

// By-product credits, the cash cost, the payable units and the cash cost per unit.
void add_cash_cost_lines(Table& r, const CostBasis& cb, const std::vector<std::size_t>& cols,
                         const std::vector<std::optional<costs::CostResult>>& results,
                         const auto& line) {
  using R = costs::CostResult;
  const auto& [metal, unit, basis, cur, prefix] = cb;
  r.add(line("reconciliation.by_product_credits", "Less: by-product credits",
             [](const R& x) -> std::optional<double> { return -x.by_product_credits; }));
  r.add(line("reconciliation.cash_cost", "Total cash cost, net of by-product credits",
             [](const R& x) -> std::optional<double> { return x.cash_cost; }));
  Figure units_fig("reconciliation.units",
                   fmt::format("Payable {} {} ({})", lowercase(metal.name), basis, unit), unit, 0,
                   "", {});
  for (std::size_t k : cols) units_fig.values.push_back(results[k]->units);
  r.add(units_fig);
  r.add(line(
      "reconciliation.cash_cost_per_unit", fmt::format("Cash cost per {}", unit),
      [](const R& x) { return x.cash_cost_per_unit; }, /*per_unit=*/true));
}

// From the cash cost to AISC and AIC, in total and per unit.
void add_all_in_lines(Table& r, const std::string& unit, const auto& line) {
  using R = costs::CostResult;
  using B = dataset::CostBucket;
  for (const auto& [b, label] :
       {std::pair{B::sustaining_capital, "Add: sustaining capital"},
        std::pair{B::corporate_ga, "Add: corporate general and administrative"},
        std::pair{B::reclamation, "Add: reclamation accretion and amortisation"},
        std::pair{B::sustaining_exploration, "Add: sustaining exploration"},
        std::pair{B::sustaining_leases, "Add: sustaining leases"}}) {
    r.add(line("reconciliation.add." + std::string(dataset::to_string(b)), label,
               [&, b = b](const R& x) -> std::optional<double> { return bucket_amount(x, b); }));
  }
  r.add(line("reconciliation.aisc", "All-in sustaining cost",
             [](const R& x) -> std::optional<double> { return x.aisc; }));
  r.add(line(
      "reconciliation.aisc_per_unit", fmt::format("AISC per {}", unit),
      [](const R& x) { return x.aisc_per_unit; }, /*per_unit=*/true));
  r.add(line(
      "reconciliation.add.non_sustaining", "Add: non-sustaining capital and exploration",
      [&](const R& x) -> std::optional<double> { return bucket_amount(x, B::non_sustaining); }));
  r.add(line("reconciliation.aic", "All-in cost",
             [](const R& x) -> std::optional<double> { return x.aic; }));
  r.add(line(
      "reconciliation.aic_per_unit", fmt::format("AIC per {}", unit),
      [](const R& x) { return x.aic_per_unit; }, /*per_unit=*/true));
}

// Reconciliation to cost of sales, then to AISC and AIC (non-IFRS measures).
Table cost_reconciliation(const dataset::Site& site, const std::vector<calendar::Period>& periods,
                          const std::vector<std::optional<costs::CostResult>>& results,
                          const CostBasis& cb) {
  const auto& [metal, unit, basis, cur, prefix] = cb;
  Table r;
  r.site = site.name;
  r.title = fmt::format("{}: reconciliation of cost of sales to cash cost and AISC (non-IFRS)",
                        site.name);
  r.caption = fmt::format("in {}, except per {} amounts", currency_prefix(cur), unit);
  std::vector<std::size_t> cols;
  for (std::size_t k = 0; k < periods.size(); ++k) {
    if (results[k]) {
      cols.push_back(k);
      r.add_period(periods[k].to_string(), calendar::header_name(periods[k]));
    }
  }
  // Amounts in the currency, whole; a per-unit line per payable unit, in
  // cents, as the cost table's figure of the same name.
  auto line = [&](std::string key, std::string label, auto value, bool per_unit = false) {
    Figure f(std::move(key), std::move(label), per_unit ? cur + "/" + unit : cur, per_unit ? 2 : 0,
             prefix, {});
    f.parentheses = true;
    for (std::size_t k : cols) f.values.push_back(value(*results[k]));
    return f;
  };
  using R = costs::CostResult;
  const bool has_cos = std::all_of(cols.begin(), cols.end(), [&](std::size_t k) {
    return results[k]->cost_of_sales.has_value();
  });
  if (has_cos) {
    add_cost_of_sales_lines(r, site, line);
  } else {
    r.add(line("reconciliation.cash_before_credits", "Cash costs before by-product credits",
               [](const R& x) -> std::optional<double> { return x.cash_before_credits; }));
  }
  add_cash_cost_lines(r, cb, cols, results, line);
  add_all_in_lines(r, unit, line);
  r.show_change = false;
  return r;
}

// An "Add:" or "Less:" line that is zero in every column says nothing.
Table without_zero_adjustments(const Table& r) {
  return keep_figures(r, [](const Figure& f) {
    const bool adjustment = f.label.rfind("Add: ", 0) == 0 || f.label.rfind("Less: ", 0) == 0;
    const bool all_zero =
        std::all_of(f.values.begin(), f.values.end(), [](const auto& v) { return v && *v == 0.0; });
    return !(adjustment && all_zero);
  });
}

}  // namespace

std::vector<Table> cost_tables(const dataset::Dataset& ds,
                               const std::vector<calendar::Period>& periods,
                               const std::vector<std::optional<costs::CostResult>>& results,
                               core::Diagnostics& diags) {
  std::vector<Table> out;
  const bool any_costs =
      std::any_of(results.begin(), results.end(), [](const auto& r) { return r.has_value(); });
  if (!any_costs && !ds.reported.present) return out;
  const CostBasis cb = cost_basis_of(ds.site);
  out.push_back(without_empty_rows(unit_costs(ds, periods, results, cb, any_costs, diags)));
  if (!any_costs) return out;
  out.push_back(without_zero_adjustments(cost_reconciliation(ds.site, periods, results, cb)));
  return out;
}

std::optional<Chart> cost_waterfall(const dataset::Dataset& ds, const calendar::Period& period,
                                    const std::optional<costs::CostResult>& result) {
  using B = dataset::CostBucket;
  if (!result || !result->units || *result->units <= 0 || !result->cash_cost_per_unit ||
      !result->aisc_per_unit) {
    return std::nullopt;
  }
  const costs::CostResult& r = *result;
  const CostBasis cb = cost_basis_of(ds.site);
  Figure shown("", "", cb.cur + "/" + cb.unit, 2, cb.prefix, {});
  nlohmann::ordered_json categories = nlohmann::ordered_json::array();
  nlohmann::ordered_json data = nlohmann::ordered_json::array();
  double level = 0.0;
  // A bar from the running level by `step`, or a total from zero.
  const auto bar = [&](std::string label, double from, double to, const char* kind) {
    label[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(label[0])));
    const std::size_t i = categories.size();
    categories.push_back(label);
    data.push_back({{"value", nlohmann::ordered_json::array({i, from, to})},
                    {"kind", kind},
                    {"label", label},
                    {"text", display_value(shown, to - from)}});
  };
  const auto step = [&](const std::string& label, double amount, const char* kind) {
    if (amount == 0.0) return;
    const double per = costs::per_unit(amount, *r.units);
    bar(label, level, level + per, kind);
    level += per;
  };
  for (std::size_t i = 0; i < dataset::kCostBuckets; ++i) {
    const auto b = static_cast<B>(i);
    if (costs::is_cash_cost(b)) step(bucket_label(b), bucket_amount(r, b), "cost");
  }
  step("by-product credits", -r.by_product_credits, "credit");
  bar("net cash cost", 0.0, *r.cash_cost_per_unit, "total");
  level = *r.cash_cost_per_unit;
  for (B b : {B::sustaining_capital, B::corporate_ga, B::reclamation, B::sustaining_exploration,
              B::sustaining_leases}) {
    step(bucket_label(b), bucket_amount(r, b), "cost");
  }
  bar("AISC", 0.0, *r.aisc_per_unit, "total");
  nlohmann::ordered_json o = chart_base();
  o["tooltip"] = {{"trigger", "item"}, {"formatter", "orebook:waterfallTooltip"}};
  o["legend"] = {{"show", false}};  // one series; the note says what the colours are
  o["xAxis"] = {
      {"type", "category"}, {"data", categories}, {"axisLabel", {{"interval", 0}, {"rotate", 30}}}};
  o["yAxis"] = {{"type", "value"}, {"name", cb.cur + " per " + cb.unit}};
  o["series"] = nlohmann::ordered_json::array(
      {{{"type", "custom"},
        {"name", "Cost per " + cb.unit},
        {"renderItem", "orebook:waterfall"},
        {"encode", {{"x", 0}, {"y", nlohmann::ordered_json::array({1, 2})}}},
        {"data", data}}});
  return make_chart(fmt::format("Cash cost per {} of payable {} {}, {}, and AISC", cb.unit,
                                lowercase(cb.metal.name), cb.basis, calendar::header_name(period)),
                    o,
                    "Blue: costs; green: by-product credits; dark: the net cash cost and AISC. "
                    "Per payable " +
                        cb.unit + ", as the cost tables.",
                    420);
}

}  // namespace orebook::report
