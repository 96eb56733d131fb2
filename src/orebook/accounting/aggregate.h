#pragma once
// Totals of every stream over requested periods, from rows of any granularity:
// tonnes add, contained metal adds, grades are recomputed from the sums.

#include <optional>
#include <span>
#include <vector>

#include "orebook/calendar/period.h"
#include "orebook/core/diagnostic.h"
#include "orebook/dataset/dataset.h"
#include "orebook/units/units.h"

namespace orebook::accounting {

struct StreamTotal {
  units::Mass dry;
  // Per metal; nullopt when any row of the period lacks that assay, since the
  // metal in the unassayed tonnes is unknown.
  std::vector<std::optional<units::Mass>> contained;
  // Sum of the rows' operating days; nullopt when any row lacks them.
  std::optional<double> operating_days;
  std::size_t rows = 0;
  int days_covered = 0;  // calendar days of the period that the rows cover
  bool partial = false;  // a row lies only partly inside the period (an error says so)

  // Tonnage-weighted grade; nullopt without assays or tonnes.
  std::optional<units::Grade> grade(std::size_t metal) const;
};

struct PeriodTotals {
  calendar::Period period;
  std::vector<StreamTotal> streams;  // indexed like Site::streams
  std::size_t rows = 0;              // rows of any stream inside the period
};

// One pass over the rows for all periods. A row only partly inside a period is
// an error (it cannot be split without inventing data), as is a period with no
// rows at all; a stream whose rows cover only part of a period gets a warning.
std::vector<PeriodTotals> aggregate(const dataset::Dataset& ds,
                                    std::span<const calendar::Period> periods,
                                    core::Diagnostics& diags);

}  // namespace orebook::accounting
