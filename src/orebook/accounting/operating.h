#pragma once
// The operating statistics of a period, as a results release tables them.

#include <optional>
#include <string>
#include <vector>

#include "orebook/accounting/aggregate.h"
#include "orebook/units/units.h"

namespace orebook::accounting {

struct ProductStatistics {
  std::size_t stream = 0;  // index into Site::streams
  // nullopt when the product has no rows in the period: unknown, not zero (a
  // row of 0 t says nothing was produced).
  std::optional<units::Mass> tonnes;
  std::vector<std::optional<units::Grade>> grade;     // per metal
  std::vector<std::optional<units::Mass>> contained;  // per metal
};

struct MetalStatistics {
  std::optional<units::Grade> head_grade;  // of the mill feed
  // Contained in the metal's products; nullopt when one of them has no rows
  // or lacks the assay in the period.
  std::optional<units::Mass> production;
  std::optional<units::Ratio> recovery;  // production ÷ metal in feed
  std::optional<units::Mass> payable_sold;
  // Realized price per the metal's production unit, in `price_currency`.
  std::optional<double> realized_price;
  std::string price_currency;
};

struct OperatingStatistics {
  calendar::Period period;
  std::optional<units::Mass> ore_mined;      // nullopt without ore_mined rows
  std::optional<units::Mass> ore_processed;  // nullopt without feed rows
  int calendar_days = 0;
  std::optional<units::MassRate> throughput;  // per calendar day
  std::optional<double> operating_days;
  std::optional<units::MassRate> throughput_operating;  // per operating day
  std::vector<ProductStatistics> products;              // concentrate streams, in site order
  std::vector<MetalStatistics> metals;                  // in site order
};

// The statistics of `totals.period` from its stream totals: ore mined and
// processed, throughput, each concentrate, head grades, production and
// recovery (docs/formulas.md §2–§4); with sales.csv, payable metal sold and
// realized prices. A figure whose rows do not cover the period (a coarser row,
// missing days, a stream without rows) is unknown, with a warning saying why.
OperatingStatistics operating_statistics(const dataset::Dataset& ds, const PeriodTotals& totals,
                                         core::Diagnostics& diags);

}  // namespace orebook::accounting
