#pragma once
// The metal ratios a release says its equivalents are counted at: "gold
// equivalent ounces at a Ag:Au ratio of 60:1", "a 75:1 gold to silver price
// ratio for periods up to and including Q1 2019, 88:1 for Q2 2019",
// "January to March uses a 55:1 silver to gold ratio" (docs/check.md,
// "Metal equivalents"). A ratio of N:1 is N ounces of silver to one of gold.

#include <optional>
#include <string>
#include <vector>

#include "orebook/calendar/period.h"
#include "orebook/check/release.h"

namespace orebook::check {

struct StatedRatio {
  // The N of N:1, as printed; a ratio the release says it counts at is a
  // convention, exact, not a rounded measurement.
  Figure figure;
  enum class Scope {
    all,       // no period named: every reported period
    period,    // "for Q2 2019"
    up_to,     // "for periods up to and including Q1 2019"
    months,    // "January to March", "October, November and December": those months of any year
    guidance,  // "2019 GEO Guidance assumes a 85:1 ratio"
  } scope = Scope::all;
  std::string phrase;  // of period and up_to: the words naming it, read against each column
  unsigned first_month = 0, last_month = 0;  // of months
};

// Every ratio of silver to gold the release's sentences and footnotes state
// for its equivalents, in order.
std::vector<StatedRatio> stated_ratios(const Release& release);

// The one ratio that applies to a column (its period, or a guidance
// column), or nullopt with the reason: none stated, or several that differ.
// Of statements of one value, the nearest below the table (its note), else
// the nearest above it; `table_end` is the line of the table's last row.
struct RatioFor {
  const StatedRatio* ratio = nullptr;
  std::string why;  // when ratio is null
};
RatioFor ratio_for(const std::vector<StatedRatio>& ratios, const Column& column,
                   std::uint32_t table_end);

}  // namespace orebook::check
