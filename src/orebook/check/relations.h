#pragma once
// The relations between the figures of a release's tables, each recomputed
// with interval arithmetic over the precision the figures are printed with,
// by the same formula templates the reports use (accounting/formulas.h,
// costs/formulas.h): changes, gross profit, sums of segments, totals,
// per-unit amounts, contained metal, production, recovery, throughput, and
// the same figure in two tables; check_release adds the prose checks
// (prose.h). A check ties when the interval computed from its inputs meets
// the interval its printed result stands for (docs/formulas.md §16, §17).

#include <string>
#include <vector>

#include "orebook/check/release.h"

namespace orebook::check {

enum class Status { ties, does_not_tie, not_checkable };
std::string_view to_string(Status s);

struct Check {
  struct Ref {
    std::string label;  // "Lead concentrate / Tonnes"
    Figure figure;
  };
  std::string relation;  // "change", "gross profit", "contained metal", ...
  std::string formula;   // "contained = tonnes × grade (g/t → oz)"
  std::string period;    // the column's header
  std::string table;     // the table's title
  Ref target;            // the figure checked
  std::vector<Ref> inputs;
  units::Interval computed, printed;
  Status status = Status::ties;
  std::string why;   // not checkable: the reason
  double gap = 0.0;  // does not tie: the distance between the two intervals
};

std::vector<Check> check_release(const Release& release);

// A table figure as a check names it: "Lead concentrate / Tonnes".
Check::Ref reference(const Row& row, const Figure& figure);
// Ties when `computed` meets `printed` (the interval the checked figure
// stands for), else does not tie, with the gap. A not-checkable check stays so.
void judge(Check& check, const units::Interval& printed);
// Two printings of one quantity (a restatement, the same figure in two
// tables): as judge, but intervals that only touch share no value —
// [581,745.5, 581,746.5) and [581,746.5, 581,747.5) are two different figures.
void judge_same(Check& check, const units::Interval& printed);

}  // namespace orebook::check
