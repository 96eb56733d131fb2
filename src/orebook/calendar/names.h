#pragma once
// Periods as people name them, in table headers and in sentences, the way
// results releases write them. The canonical text (Period::to_string) stays
// the machine key: JSON and CSV keep it; text and Markdown headers and the
// highlights read these names.

#include <string>

#include "orebook/calendar/period.h"

namespace orebook::calendar {

// A column header: "2012-03-15", "March 2012", "Q1 2012", "H1 2012", "2012",
// "Q1 FY2020", "H1 FY2020", "FY2020"; a year to date "9M 2012" (calendar) or
// "9M FY2020" (fiscal); any other run of whole months "October 2011 to March
// 2012"; any other range "2012-03-05 to 2012-04-10".
std::string header_name(const Period& p);

// The same period inside a sentence: "2012-03-15", "March 2012", "the first
// quarter of 2012", "the first half of 2012", "2012", "the first quarter of
// fiscal 2020", "fiscal 2020"; a calendar year to date "the first nine months
// of 2012"; a fiscal year to date or any other run of whole months "the nine
// months ended March 31, 2020"; any other range "2012-03-05 to 2012-04-10".
std::string sentence_name(const Period& p);

// "March 31, 2020", as a release dates a period end.
std::string long_date(DayNumber d);

}  // namespace orebook::calendar
