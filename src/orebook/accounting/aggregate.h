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
  std::size_t rows = 0;  // rows inside the period
  int days_covered = 0;  // calendar days of the period that the rows cover
  bool partial = false;  // a row lies only partly inside the period (a warning says so)
  // The rows cover every day of the period and none reaches outside it: only
  // then are the sums the period's figures. Otherwise the stream's tonnes,
  // metal and grades for the period are unknown, not a partial sum
  // (docs/formulas.md §1).
  bool complete = false;

  // Tonnage-weighted grade; nullopt without assays or tonnes.
  std::optional<units::Grade> grade(std::size_t metal) const;
};

struct PeriodTotals {
  calendar::Period period;
  std::vector<StreamTotal> streams;  // indexed like Site::streams
  std::size_t rows = 0;              // rows of any stream inside the period
};

// One pass over the rows for all periods. A stream with a row only partly
// inside a period (a coarser row: it cannot be split without inventing data)
// or with rows for only some of its days is unknown in that period, with a
// warning naming the row or the missing days; a period that no row touches is
// an error, or with `empty_is_error` false a warning (one column of many:
// its figures are unknown).
std::vector<PeriodTotals> aggregate(const dataset::Dataset& ds,
                                    std::span<const calendar::Period> periods,
                                    core::Diagnostics& diags, bool empty_is_error = true);
// Whether any row touches the period (wholly or in part).
bool touched(const PeriodTotals& totals);

// The rows of stream `stream` that aggregate() sums for `period` (those
// wholly inside it), as row indices in file order, and the first row only
// partly inside it, which makes the stream unknown there (`orebook explain`).
struct StreamRows {
  std::vector<std::size_t> inside;
  std::optional<std::size_t> partial;
};
// `of_stream` the stream's rows in file order (rows_by_stream), so that a
// stream's rows are found among its own, not all of the file's.
StreamRows stream_rows(const dataset::StreamTable& t, const std::vector<std::uint32_t>& of_stream,
                       const calendar::Period& period);
// Every stream's rows, in file order: one scan of the table.
std::vector<std::vector<std::uint32_t>> rows_by_stream(const dataset::StreamTable& t,
                                                       std::size_t streams);

}  // namespace orebook::accounting
