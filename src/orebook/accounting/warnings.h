#pragma once
// Warnings about computed operating statistics that a controller expects to
// be told of (issue 12 §7): figures that are possible to compute but unlikely
// to be true, so the data behind them deserve a second look. All of them are
// computed here, from what operating_statistics() returns, and nowhere else.

#include <span>

#include "orebook/accounting/operating.h"
#include "orebook/core/diagnostic.h"
#include "orebook/dataset/dataset.h"

namespace orebook::accounting {

// The rule for "far outside the site's other periods" (docs/formulas.md §4):
// the modified z-score of Iglewicz & Hoaglin (1993), M = 0.6745 (x − median) ÷
// MAD over the site's other complete periods of the same kind, an outlier when
// |M| > 3.5, and only with at least kMinOtherPeriods of them.
inline constexpr double kOutlierScore = 3.5;
inline constexpr std::size_t kMinOtherPeriods = 8;

// The modified z-score of `x` against `others` (median and median absolute
// deviation; with a MAD of zero, the mean absolute deviation); nullopt with
// fewer than kMinOtherPeriods values or when they are all equal (no scale to
// measure "far" by).
std::optional<double> modified_z_score(double x, std::span<const double> others);

// Adds a warning for each of, in every period of `stats`:
//  - recovery-above-100: a metal's recovery above 100% (printed to two
//    decimals), more metal in the products than in the feed;
//  - grade-below-feed: a metal's products (the concentrates that count as its
//    production), combined, with a grade of it below the mill feed's;
//  - throughput-outlier, head-grade-outlier: throughput per calendar day, or a
//    metal's head grade, far outside the site's other periods of the same
//    kind (month, quarter, half, year, day) that streams.csv covers fully.
// `stats` are the periods being reported (reconciled or not); the other
// periods are aggregated here from streams.csv as measured.
void warn_statistics(const dataset::Dataset& ds, std::span<const OperatingStatistics> stats,
                     core::Diagnostics& diags);

}  // namespace orebook::accounting
