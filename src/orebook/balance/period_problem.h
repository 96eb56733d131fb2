#pragma once
// The balancing problem of one period of a dataset: the flowsheet of
// site.toml, each stream's tonnes and assays totalled over the period by
// accounting::aggregate, and their uncertainties (docs/dataset.md).
//
// Uncertainties of a total. A stream's measurement error is treated as
// systematic over the period (a belt scale's calibration error does not
// average out over days), so the σ of a total is the sum of its rows' σ, and
// the σ of a period grade is the tonnage-weighted sum of its rows' assay σ.
// A relative default ("1%") thus gives 1% of the total, whatever the
// granularity of the rows. A row's <column>_sd overrides the default for that row.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "orebook/accounting/aggregate.h"
#include "orebook/balance/problem.h"
#include "orebook/core/diagnostic.h"
#include "orebook/dataset/dataset.h"

namespace orebook::balance {

// The flowsheet of site.toml: its streams in site order, then one stock
// change per stockpile node (from the node to env; measured when the node
// names a stock_change stream). `site_stream` maps each flowsheet stream back
// to Site::streams (nullopt: an unmeasured stock change).
struct SiteFlowsheet {
  Flowsheet sheet;
  std::vector<std::optional<std::size_t>> site_stream;
  std::vector<bool> stock;  // the stream is a stock change
};

// nullopt, with a diagnostic at site.toml, when the site has no flowsheet; a
// warning for each node of a single stream. Parts meeting only through env
// are fine: each is balanced on its own.
std::optional<SiteFlowsheet> site_flowsheet(const dataset::Dataset& ds, core::Diagnostics& diags);

// Rows of each stream in time order, to find a period's rows without a scan.
class RowIndex {
 public:
  explicit RowIndex(const dataset::StreamTable& table, std::size_t streams);
  // Rows of `stream` lying inside `period`.
  std::vector<std::uint32_t> rows(std::size_t stream, const calendar::Period& period) const;

 private:
  const dataset::StreamTable& table_;
  std::vector<std::vector<std::uint32_t>> by_stream_;
};

struct PeriodProblem {
  Problem problem;
  std::vector<std::size_t> site_metal;  // per component
  // Why this period cannot be balanced (a measurement without uncertainty ...);
  // empty when it can.
  std::vector<core::Diagnostic> errors;
  // Every measured flow is zero (a maintenance day): nothing to balance.
  bool idle = false;
};

PeriodProblem period_problem(const dataset::Dataset& ds, const SiteFlowsheet& flowsheet,
                             const RowIndex& rows, const accounting::PeriodTotals& totals);

// One period balanced: flows and assays together when any metal is assayed
// (bilinear), else flows alone (linear, with serial elimination when asked).
struct PeriodBalance {
  PeriodProblem problem;
  std::optional<BilinearResult> bilinear;
  std::optional<LinearResult> linear;
  bool balanced() const { return bilinear.has_value() || linear.has_value(); }
  // result_diagnostics (problem.h) of the result, at `file`; none unbalanced.
  std::vector<core::Diagnostic> diagnostics(const std::string& file) const;
  const GlobalTest* global() const;
  const BalanceSummary* summary() const;
};
PeriodBalance balance_period(const dataset::Dataset& ds, const SiteFlowsheet& flowsheet,
                             const RowIndex& rows, const accounting::PeriodTotals& totals);

// What reconciled_totals did to one value of a stream (its dry tonnes, or
// its grade of a metal in the metal's grade unit), for `orebook explain
// --reconciled`: the balance's own result for it and the σ of its
// measurement, as the balance weighed it (docs/formulas.md §5–§7).
struct ReconciledValue {
  enum class Use {
    reconciled,        // replaced by the balance's value (`result.reconciled`)
    unobservable,      // the balance does not determine it: left as measured
    unbalanced,        // not balanced this period (an idle period; a metal not
                       // assayed in the flowsheet, or flows only): as measured
    not_in_flowsheet,  // not a stream of the flowsheet: as measured
  };
  Use use = Use::not_in_flowsheet;
  StreamResult result;                   // of the balance; empty unless balanced
  std::optional<double> measurement_sd;  // σ of the measurement; nullopt when unmeasured
};
std::string_view to_string(ReconciledValue::Use use);

// Per stream of Site::streams: its dry tonnes and, per site metal, its grade.
struct StreamReconciliation {
  ReconciledValue dry;
  std::vector<ReconciledValue> grade;
};
struct Reconciliation {
  bool idle = false;                          // every measured flow is zero: nothing was balanced
  std::optional<GlobalTest> global;           // of the balance, when balanced
  std::vector<StreamReconciliation> streams;  // indexed like Site::streams
  // Per site stream of the flowsheet: the site streams of its connected part
  // (balance/flowsheet.h, Part), itself among them, ascending. Its
  // reconciled values depend on every measurement of these: the least
  // squares adjust them together. Empty for a stream outside the flowsheet.
  std::vector<std::vector<std::size_t>> balanced_with;
};

// The period totals with every flowsheet stream's tonnes and assays replaced
// by their reconciled values (`orebook report --reconciled`). A value the
// balance could not determine (unobservable) stays as measured, with a
// warning; so does everything of an idle period. A metal the balance did not
// reconcile is the measured grade on the reconciled tonnes. With `kept`, what
// was done to each value is written there.
accounting::PeriodTotals reconciled_totals(const dataset::Dataset& ds,
                                           const SiteFlowsheet& flowsheet,
                                           const PeriodBalance& balance,
                                           const accounting::PeriodTotals& totals,
                                           core::Diagnostics& diags,
                                           Reconciliation* kept = nullptr);

}  // namespace orebook::balance
