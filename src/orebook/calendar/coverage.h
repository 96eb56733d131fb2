#pragma once
// Which days of a period a set of rows covers. Figures of a period are known
// only when its rows cover every one of its days and none reaches outside it
// (docs/formulas.md §1): a row that lies partly outside cannot be split
// without inventing data, and missing days are unknown, not zero.

#include <string>
#include <utility>
#include <vector>

#include "orebook/calendar/period.h"

namespace orebook::calendar {

// A closed span of days [first, last].
using Span = std::pair<DayNumber, DayNumber>;

// The days of `period` that no span covers, as periods in order (each with its
// most specific kind: a missing quarter reads "2012Q3"). Spans may overlap and
// may reach outside the period.
std::vector<Period> gaps(const Period& period, std::vector<Span> spans);

// The gaps for a message: "2012Q3", "2012-02 and 2012-05-01..2012-05-03",
// "2012-01-03, 2012-01-09 and 12 more gaps (40 days)".
std::string describe_gaps(const std::vector<Period>& gaps);

}  // namespace orebook::calendar
