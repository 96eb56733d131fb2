#pragma once
// The comparative operating statistics table of a results release.

#include <vector>

#include "orebook/accounting/operating.h"
#include "orebook/dataset/dataset.h"
#include "orebook/report/figure.h"

namespace orebook::report {

struct OperatingReportOptions {
  // Adds stream.<id>.tonnes and stream.<id>.grade.<M> for every stream.
  bool all_streams = false;
};

// One column per period, in the order given (current period first).
Table operating_report(const dataset::Dataset& ds,
                       const std::vector<accounting::OperatingStatistics>& stats,
                       const std::vector<accounting::PeriodTotals>& totals,
                       const OperatingReportOptions& options = {});

}  // namespace orebook::report
