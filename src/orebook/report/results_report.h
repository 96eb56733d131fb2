#pragma once
// The tables of a results release beyond the operating statistics: the
// financial summary, the cost measures with their reconciliation to cost of
// sales, and the highlights (docs/formulas.md §12–§15).

#include <optional>
#include <vector>

#include "orebook/accounting/operating.h"
#include "orebook/costs/results.h"
#include "orebook/dataset/dataset.h"
#include "orebook/report/document.h"
#include "orebook/report/figure.h"

namespace orebook::report {

// Revenue, cost of sales and gross profit per segment, income, EPS, cash
// flow, in thousands; then balance items at the two latest dates. Empty when
// the dataset has no financials.csv.
std::vector<Table> financial_summary(const dataset::Dataset& ds,
                                     const std::vector<calendar::Period>& periods);

// Cost measures per period (computed, or reported where orebook has no
// costs for a period), and the reconciliation from cost of sales to cash cost
// and AISC for the periods with costs. A row is in the reporting currency,
// or in the currency its reported values are all given in when none is
// computed; a reported value in another currency or unit than its row's is
// left unknown with a warning (`reported-unit`): a published figure is
// never converted.
std::vector<Table> cost_tables(const dataset::Dataset& ds,
                               const std::vector<calendar::Period>& periods,
                               const std::vector<std::optional<costs::CostResult>>& results,
                               core::Diagnostics& diags);

// Production guidance: year-to-date production to the end of `period`, the
// annualised run rate (year to date × days in the year ÷ days elapsed) and
// where it sits against the year's range. `year` is the year holding the end
// of the period (the fiscal year at a site with one), `ytd` the operating
// statistics from its first day to the end of the period.
Table guidance_table(const dataset::Dataset& ds, const accounting::OperatingStatistics& ytd,
                     const calendar::Period& period, const calendar::Period& year);

// The cash cost per payable unit of `period` built up bucket by bucket
// (mining, milling, site G&A, transport, treatment and refining, …), less
// the by-product credits, to the net cash cost; then the sustaining costs to
// AISC (a waterfall, for the HTML report). None without costs or units.
std::optional<Chart> cost_waterfall(const dataset::Dataset& ds, const calendar::Period& period,
                                    const std::optional<costs::CostResult>& result);

// The financials.csv row of `line` of `segment` (empty: the company) given
// for exactly `p`; null when there is none.
const dataset::FinancialRow* financial_row(const dataset::Dataset& ds, const calendar::Period& p,
                                           std::string_view segment, std::string_view line);
// The reported.csv row of `key` for exactly `period`; null when there is none.
const dataset::ReportedRow* reported_row(const dataset::Dataset& ds, std::string_view key,
                                         const calendar::Period& period);

}  // namespace orebook::report
