#pragma once
// Tables and charts as one self-contained HTML page: the tables as the text
// report prints them, charts drawn by Apache ECharts (embedded, with the
// chart options, in the page: it opens offline and can be mailed), a print
// stylesheet for a clean PDF, and what made the page (report/document.h).
// Nothing in it depends on the clock: the same input, the same bytes.

#include <string>
#include <vector>

#include "orebook/report/document.h"
#include "orebook/report/figure.h"

namespace orebook::report {

std::string render_html(const std::vector<Table>& tables, const std::vector<Chart>& charts,
                        const Document& document);

// Text for HTML element content and attribute values: & < > " ' escaped.
std::string html_escape(std::string_view text);

}  // namespace orebook::report
