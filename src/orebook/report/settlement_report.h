#pragma once
// The settlement statement of a period: the period's sales totals, then one
// table per lot with its provisional, opening and closing valuations.

#include <vector>

#include "orebook/dataset/dataset.h"
#include "orebook/report/figure.h"
#include "orebook/sales/settlement.h"

namespace orebook::report {

// The period totals (keys sales.*), as `orebook report` shows them too:
// payable metal sold and realized prices, then, `with_revenue`, the revenue
// lines of settled lots.
void add_sales_totals(const dataset::Dataset& ds, const std::vector<sales::PeriodSales>& periods,
                      Table& table, bool with_revenue);

std::vector<Table> settlement_report(const dataset::Dataset& ds, const sales::PeriodSales& sales);

}  // namespace orebook::report
