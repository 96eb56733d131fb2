#pragma once
// The cost measures of a period from costs.csv, the sales and the production,
// and their reconciliation to cost of sales (docs/formulas.md §12, §13).

#include <array>
#include <optional>
#include <string>
#include <vector>

#include "orebook/accounting/equivalents.h"
#include "orebook/accounting/operating.h"
#include "orebook/core/diagnostic.h"
#include "orebook/dataset/dataset.h"
#include "orebook/sales/settlement.h"

namespace orebook::costs {

// The buckets that make up the cash cost before by-product credits.
bool is_cash_cost(dataset::CostBucket b);

struct CostResult {
  calendar::Period period;
  std::array<double, dataset::kCostBuckets> bucket{};  // reporting currency
  // The part of each bucket summed from costs.csv rows (the rest comes from
  // settling the lots: their charges, freight and insurance), and the lines
  // of those rows, for `orebook explain`.
  std::array<double, dataset::kCostBuckets> from_rows{};
  std::array<std::vector<std::uint32_t>, dataset::kCostBuckets> row_lines{};
  // Per site metal: the revenue of its payable metal sold, reporting currency
  // (the primary metal's is primary_revenue, the others' sum the credits).
  std::vector<double> metal_revenue;
  double cash_before_credits = 0.0;
  double by_product_credits = 0.0;  // revenue of the metals other than the primary one
  double primary_revenue = 0.0;
  double cash_cost = 0.0;  // net of by-product credits
  double aisc = 0.0;
  double aic = 0.0;
  double total_production_cost = 0.0;  // cash cost + depreciation and depletion + reclamation
  std::optional<double> units;         // payable units of the primary metal, in its production unit
  std::optional<double> cash_cost_per_unit, co_product_per_unit, aisc_per_unit, aic_per_unit,
      total_production_cost_per_unit;
  std::optional<double> cost_of_sales;  // of the mining segment, from financials.csv
  std::optional<double> cost_per_t_mined, cost_per_t_milled, nsr_per_t_milled;
  // Per Site::equivalents (docs/formulas.md §19): cash cost and AISC per unit
  // of the equivalent production (the base metal's production unit); nullopt
  // when the equivalent is unknown or not above zero.
  std::vector<std::optional<double>> cash_cost_per_equivalent, aisc_per_equivalent;
};

// Computes the period's costs. `lot_sales` is the settlement of the period
// when the dataset has lots (TC/RC, freight and metal revenue come from it),
// else sales.csv sales in `stats` give the by-product credits.
std::optional<CostResult> compute(const dataset::Dataset& ds,
                                  const accounting::OperatingStatistics& stats,
                                  const sales::PeriodSales* lot_sales,
                                  const std::vector<std::optional<units::Mass>>& payable_production,
                                  core::Diagnostics& diags);

// Cash cost and AISC of `r` per unit of each equivalent production of its
// period (one per Site::equivalents, in order).
void add_equivalent_costs(CostResult& r,
                          const std::vector<accounting::EquivalentValue>& equivalents);

}  // namespace orebook::costs
