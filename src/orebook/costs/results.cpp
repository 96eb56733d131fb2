#include "orebook/costs/results.h"

#include <cmath>

#include <fmt/format.h>

#include "orebook/calendar/coverage.h"
#include "orebook/costs/formulas.h"

namespace orebook::costs {

using dataset::CostBucket;

bool is_cash_cost(CostBucket b) {
  switch (b) {
    case CostBucket::mining:
    case CostBucket::milling:
    case CostBucket::site_ga:
    case CostBucket::transport:
    case CostBucket::treatment_refining:
    case CostBucket::royalties:
    case CostBucket::production_taxes:
    case CostBucket::inventory_change:
      return true;
    default:
      return false;
  }
}

namespace {

double at(const CostResult& r, CostBucket b) { return r.bucket[static_cast<std::size_t>(b)]; }

// The period's costs.csv rows into their buckets, in the reporting currency;
// false when none is there or one cannot be used. Costs are unknown, with a
// warning, when a row lies only partly inside the period (an annual cost asked
// for by quarter cannot be split) or the rows leave days of it uncovered
// (docs/formulas.md §1).
bool add_cost_rows(const dataset::Dataset& ds, const calendar::Period& period, bool lots,
                   const sales::PriceBook& book, CostResult& r, core::Diagnostics& diags) {
  bool ok = true;
  bool any = false;
  std::vector<calendar::Span> spans;
  for (const dataset::CostRow& row : ds.costs.rows) {
    if (!period.contains(row.period)) {
      if (row.period.overlaps(period)) {
        diags.warning(ds.costs.file, row.line, 1, "period-too-fine",
                      fmt::format("the cost row for {} lies only partly inside {} and cannot be "
                                  "split: the costs of {} are unknown",
                                  row.period.to_string(), period.to_string(), period.to_string()),
                      row.period.to_string(),
                      "rows inside the period asked for (or a period that holds whole rows)");
        return false;
      }
      continue;
    }
    spans.emplace_back(row.period.first(), row.period.last());
    if (lots && row.bucket == CostBucket::treatment_refining) {
      diags.error(ds.costs.file, row.line, 1, "settled-charge",
                  "treatment and refining charges come from settling the lots", row.category,
                  "no treatment_refining costs in a dataset with lots.csv");
      ok = false;
      continue;
    }
    const auto fx = book.average_fx(row.currency, row.period);
    if (!fx) {
      diags.error(ds.costs.file, row.line, 1, "missing-price",
                  fmt::format("no {} to {} exchange rate for every month of {} in prices.csv",
                              row.currency, ds.site.currency, row.period.to_string()),
                  row.currency, "fx rows in prices.csv for those months");
      ok = false;
      continue;
    }
    any = true;
    const auto b = static_cast<std::size_t>(row.bucket);
    r.bucket[b] += row.amount * *fx;
    r.from_rows[b] += row.amount * *fx;
    r.row_lines[b].push_back(row.line);
  }
  if (!any || !ok) return false;
  if (const auto missing = calendar::gaps(period, spans); !missing.empty()) {
    diags.warning(
        ds.costs.file, 0, 0, "incomplete-period",
        fmt::format("costs.csv has rows for only part of {} (missing {}): the costs of "
                    "{} are unknown, not a partial sum",
                    period.to_string(), calendar::describe_gaps(missing), period.to_string()));
    return false;
  }
  return ok;
}

// The settled lots' charges into their buckets, and the revenue of the
// primary metal and the by-product credits; false without an exchange rate.
bool add_sales(const dataset::Dataset& ds, const accounting::OperatingStatistics& stats,
               const sales::PeriodSales* lot_sales, const sales::PriceBook& book, CostResult& r,
               core::Diagnostics& diags) {
  // By-product credits: the revenue of every metal but the primary one.
  const std::size_t primary = ds.site.costs.primary_metal;
  if (lot_sales != nullptr) {
    r.bucket[static_cast<std::size_t>(CostBucket::treatment_refining)] +=
        lot_sales->tc + lot_sales->rc + lot_sales->penalties;
    r.bucket[static_cast<std::size_t>(CostBucket::transport)] +=
        lot_sales->freight + lot_sales->insurance;
    r.metal_revenue.assign(ds.site.metals.size(), 0.0);
    for (std::size_t m = 0; m < lot_sales->metal_revenue.size(); ++m) {
      (m == primary ? r.primary_revenue : r.by_product_credits) += lot_sales->metal_revenue[m];
      r.metal_revenue[m] = lot_sales->metal_revenue[m];
    }
  } else {
    r.metal_revenue.assign(ds.site.metals.size(), 0.0);
    for (std::size_t m = 0; m < stats.metals.size(); ++m) {
      const auto& ms = stats.metals[m];
      if (!ms.payable_sold || !ms.realized_price) continue;
      const auto fx = book.average_fx(ms.price_currency, stats.period);
      if (!fx) {
        diags.error(ds.sales.file, 0, 0, "missing-price",
                    fmt::format("no {} to {} exchange rate for every month of {} in prices.csv "
                                "(by-product credits)",
                                ms.price_currency, ds.site.currency, stats.period.to_string()),
                    ms.price_currency, "fx rows in prices.csv for those months");
        return false;
      }
      const double revenue =
          ms.payable_sold->in(ds.site.metals[m].production_unit) * *ms.realized_price * *fx;
      (m == primary ? r.primary_revenue : r.by_product_credits) += revenue;
      r.metal_revenue[m] = revenue;
    }
  }
  return true;
}

// Cash cost before and after credits, AISC, AIC and total production cost.
void add_totals(CostResult& r) {
  for (std::size_t b = 0; b < dataset::kCostBuckets; ++b) {
    if (is_cash_cost(static_cast<CostBucket>(b))) r.cash_before_credits += r.bucket[b];
  }
  r.cash_cost = by_product_cash_cost(r.cash_before_credits, r.by_product_credits);
  r.aisc = all_in_sustaining_cost(r.cash_cost, at(r, CostBucket::sustaining_capital),
                                  at(r, CostBucket::corporate_ga), at(r, CostBucket::reclamation),
                                  at(r, CostBucket::sustaining_exploration),
                                  at(r, CostBucket::sustaining_leases));
  r.aic = all_in_cost(r.aisc, at(r, CostBucket::non_sustaining));
  r.total_production_cost = total_production_cost(r.cash_cost, at(r, CostBucket::depreciation),
                                                  at(r, CostBucket::reclamation));
}

// Payable units of the primary metal: produced (contract payables on the
// concentrates produced) or sold (settled lots or sales.csv). False when
// there are none.
bool set_payable_units(const dataset::Dataset& ds, const accounting::OperatingStatistics& stats,
                       const sales::PeriodSales* lot_sales,
                       const std::vector<std::optional<units::Mass>>& payable_production,
                       CostResult& r, core::Diagnostics& diags) {
  const auto& cs = ds.site.costs;
  const std::size_t primary = cs.primary_metal;
  const auto& metal = ds.site.metals[primary];
  if (cs.per_unit_sold) {
    const auto& sold = lot_sales != nullptr ? lot_sales->payable_sold[primary]
                                            : stats.metals[primary].payable_sold;
    if (sold) r.units = sold->in(metal.production_unit);
  } else if (primary < payable_production.size() && payable_production[primary]) {
    r.units = payable_production[primary]->in(metal.production_unit);
  }
  if (!r.units || !(*r.units > 0)) {
    diags.error(ds.costs.file, 0, 0, "no-payable-units",
                fmt::format("no payable {} {} in {} to express costs per {}", metal.name,
                            cs.per_unit_sold ? "sold" : "produced", stats.period.to_string(),
                            units::to_string(metal.production_unit)),
                "",
                cs.per_unit_sold
                    ? "sales of the primary metal in the period"
                    : "contracts.toml payables and concentrate production in the period");
    return false;
  }
  return true;
}

// Costs per payable unit and per tonne mined and milled.
void add_unit_costs(const accounting::OperatingStatistics& stats,
                    const sales::PeriodSales* lot_sales, CostResult& r) {
  const double u = *r.units;
  r.cash_cost_per_unit = per_unit(r.cash_cost, u);
  if (r.primary_revenue + r.by_product_credits > 0) {
    r.co_product_per_unit = co_product_cost_per_unit(
        r.cash_before_credits,
        revenue_share(r.primary_revenue, r.primary_revenue + r.by_product_credits), u);
  }
  r.aisc_per_unit = per_unit(r.aisc, u);
  r.aic_per_unit = per_unit(r.aic, u);
  r.total_production_cost_per_unit = per_unit(r.total_production_cost, u);
  if (stats.ore_mined && stats.ore_mined->tonnes() > 0) {
    r.cost_per_t_mined = per_tonne(at(r, CostBucket::mining), stats.ore_mined->tonnes());
  }
  if (stats.ore_processed && stats.ore_processed->tonnes() > 0) {
    r.cost_per_t_milled = per_tonne(at(r, CostBucket::milling), stats.ore_processed->tonnes());
    if (lot_sales != nullptr) {
      r.nsr_per_t_milled = per_tonne(
          net_smelter_return(lot_sales->revenue, lot_sales->freight, lot_sales->insurance),
          stats.ore_processed->tonnes());
    }
  }
}

// Reconciliation: cost of sales of the mining segment must equal the cost
// buckets that make it up, to the cent.
bool reconcile_cost_of_sales(const dataset::Dataset& ds, CostResult& r, core::Diagnostics& diags) {
  const auto& cs = ds.site.costs;
  std::uint32_t cos_line = 0;
  for (const dataset::FinancialRow& f : ds.financials.rows) {
    if (f.period == r.period && f.segment == cs.mining_segment && f.line == "cost_of_sales") {
      r.cost_of_sales = f.amount;
      cos_line = f.row;
    }
  }
  if (r.cost_of_sales) {
    double buckets = 0.0;
    for (CostBucket b : cs.cost_of_sales) buckets += at(r, b);
    const double gap = *r.cost_of_sales - buckets;
    if (std::abs(gap) >= 0.005) {
      diags.error(
          ds.financials.file, cos_line, 1, "does-not-reconcile",
          fmt::format("cost of sales of {} in {} is {:.2f} but its cost buckets add up to {:.2f}: "
                      "a gap of {:.2f}",
                      cs.mining_segment, r.period.to_string(), *r.cost_of_sales, buckets, gap),
          "", "costs.csv rows for every part of cost of sales");
      return false;
    }
  }
  return true;
}

}  // namespace

std::optional<CostResult> compute(const dataset::Dataset& ds,
                                  const accounting::OperatingStatistics& stats,
                                  const sales::PeriodSales* lot_sales,
                                  const std::vector<std::optional<units::Mass>>& payable_production,
                                  core::Diagnostics& diags) {
  const sales::PriceBook book(ds.prices.rows, ds.site.currency);
  CostResult r;
  r.period = stats.period;
  if (!add_cost_rows(ds, stats.period, lot_sales != nullptr, book, r, diags)) return std::nullopt;
  if (!add_sales(ds, stats, lot_sales, book, r, diags)) return std::nullopt;
  add_totals(r);
  if (!set_payable_units(ds, stats, lot_sales, payable_production, r, diags)) return std::nullopt;
  add_unit_costs(stats, lot_sales, r);
  if (!reconcile_cost_of_sales(ds, r, diags)) return std::nullopt;
  return r;
}

void add_equivalent_costs(CostResult& r,
                          const std::vector<accounting::EquivalentValue>& equivalents) {
  r.cash_cost_per_equivalent.clear();
  r.aisc_per_equivalent.clear();
  for (const auto& eq : equivalents) {
    const bool usable = eq.value && *eq.value > 0;
    r.cash_cost_per_equivalent.push_back(usable ? std::optional(per_unit(r.cash_cost, *eq.value))
                                                : std::nullopt);
    r.aisc_per_equivalent.push_back(usable ? std::optional(per_unit(r.aisc, *eq.value))
                                           : std::nullopt);
  }
}

}  // namespace orebook::costs
