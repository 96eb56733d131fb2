#pragma once
// Charts of the HTML report (report/html.h): Apache ECharts options built
// from the tables' figures, never computed anew. Values are drawn as the
// tables print them (rounded to the figure's decimals). Common parts here;
// the cost waterfall beside the cost tables (results_report.h), the Sankey
// and the test statistics beside the balance tables (balance_report.h).

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "orebook/report/document.h"
#include "orebook/report/figure.h"

namespace orebook::report {

// `report --each`: ore mined and processed with throughput, head grades,
// recoveries and production per metal, one chart each, a point per column.
std::vector<Chart> trend_charts(const Table& operating);

// A value as a chart draws it: rounded as the table prints it; null when unknown.
nlohmann::ordered_json chart_value(const std::optional<double>& value, int decimals);
// What every chart shares: no animation (the page prints and screenshots as
// drawn), a tooltip, a legend at the top.
nlohmann::ordered_json chart_base();
// A Chart of an option.
Chart make_chart(std::string title, const nlohmann::ordered_json& option, std::string note = {},
                 int height = 360);

}  // namespace orebook::report
