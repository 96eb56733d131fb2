#pragma once
// Metal produced in a period (docs/formulas.md §3): the figure production.csv
// gives where its rows cover the period, otherwise the metal contained in the
// metal's products (tonnes × grade from streams.csv).

#include <optional>

#include "orebook/accounting/aggregate.h"
#include "orebook/core/diagnostic.h"
#include "orebook/dataset/dataset.h"
#include "orebook/units/interval.h"
#include "orebook/units/units.h"

namespace orebook::accounting {

// Production of `metal` in `totals.period`; nullopt when unknown (a product
// without rows or assays, production.csv rows that do not cover the period),
// with a warning where production.csv is the cause. Where production.csv and
// streams.csv both give the figure and their printed digits cannot be made
// to agree, a `production-disagrees` warning; production.csv is used.
std::optional<units::Mass> production(const dataset::Dataset& ds, const PeriodTotals& totals,
                                      std::size_t metal, core::Diagnostics& diags);

// Where production() takes the production of `metal` in `period` from, for
// `orebook explain`: production.csv's rows of the metal as a whole where any
// touches the period; else, per product of the metal, production.csv's rows
// of that product, or none (tonnes × grade from streams.csv). The rows are
// those production() reads, by the one test `production_row_in`.
struct ProductionSource {
  std::vector<const dataset::ProductionRow*> total;  // rows of the metal as a whole
  struct Product {
    std::size_t stream = 0;
    std::vector<const dataset::ProductionRow*> rows;  // empty: tonnes × grade
  };
  std::vector<Product> products;  // when `total` is empty
};
ProductionSource production_source(const dataset::Dataset& ds, const calendar::Period& period,
                                   std::size_t metal);
// Whether production() reads `row` for `metal` (in `product`, or as a whole)
// in `period`: a row of that metal and product that touches the period.
bool production_row_in(const dataset::ProductionRow& row, std::size_t metal,
                       std::optional<std::size_t> product, const calendar::Period& period);

// The production of `metal` over `period` as the printed digits of its inputs
// allow, in tonnes: production.csv's figures or the products' tonnes × grades,
// whichever production() uses, each taken as the interval of values that print
// that way (docs/formulas.md §16). For a period production() knows; nullopt
// where it does not, or where digits are unknown (exponent form).
std::optional<units::Interval> production_interval(const dataset::Dataset& ds,
                                                   const calendar::Period& period,
                                                   std::size_t metal);

// The metal of `metal` contained in stream `stream` over `period` as the
// printed digits of streams.csv allow, in tonnes: every row's dry tonnes and
// assay taken as the interval of values that print that way. nullopt when a
// row inside the period lacks the assay or its digits are unknown (exponent
// form).
std::optional<units::Interval> contained_interval(const dataset::StreamTable& t, std::size_t stream,
                                                  std::size_t metal,
                                                  const calendar::Period& period);

}  // namespace orebook::accounting
