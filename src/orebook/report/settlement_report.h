#pragma once
// The settlement statement of a period: the period's sales totals, then one
// table per lot with its provisional, opening and closing valuations.

#include <span>
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

// The money lines of a lot's table (lot.<id>.<field>), in order.
struct LotAmount {
  const char* field;  // "gross", "tc" ...
  const char* label;
  double sales::LotValue::*member;
};
std::span<const LotAmount> lot_amounts();

// The revenue lines of the period totals (sales.*), in order: each the
// period's total and the lot amount each lot books into it
// (sales::booked_in_period); none for the adjustments, which are the change
// of net invoice value alone.
struct RevenueLine {
  const char* key;  // "sales.revenue_gross"
  const char* label;
  double sales::PeriodSales::*total;
  const char* lot_field;  // a LotAmount field, or nullptr
};
std::span<const RevenueLine> revenue_lines();

}  // namespace orebook::report
