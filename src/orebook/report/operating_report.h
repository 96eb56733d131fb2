#pragma once
// The comparative operating statistics table of a results release.

#include <vector>

#include "orebook/accounting/equivalents.h"
#include "orebook/accounting/operating.h"
#include "orebook/dataset/dataset.h"
#include "orebook/report/figure.h"
#include "orebook/sales/settlement.h"

namespace orebook::report {

struct OperatingReportOptions {
  // Adds stream.<id>.tonnes and stream.<id>.grade.<M> for every stream.
  bool all_streams = false;
};

// One column per period, in the order given (current period first). Sales
// come from `lot_sales` when given (settled lots), else from sales.csv;
// `payable_production` (per period, per metal) adds production.payable.<M>;
// `equivalents` (per period, per Site::equivalents) production.equivalent.<label>.
Table operating_report(
    const dataset::Dataset& ds, const std::vector<accounting::OperatingStatistics>& stats,
    const std::vector<accounting::PeriodTotals>& totals, const OperatingReportOptions& options = {},
    const std::vector<sales::PeriodSales>& lot_sales = {},
    const std::vector<std::vector<std::optional<units::Mass>>>& payable_production = {},
    const std::vector<std::vector<accounting::EquivalentValue>>& equivalents = {});

}  // namespace orebook::report
