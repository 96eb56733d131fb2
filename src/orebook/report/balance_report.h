#pragma once
// Output of `orebook balance`: per stream measured, reconciled, adjustment,
// σ before and after, test statistic and class; per node residuals before
// and after with the nodal test; the global test (docs/cli.md).

#include <iosfwd>
#include <memory>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

#include "orebook/balance/period_problem.h"
#include "orebook/balance/problem.h"
#include "orebook/calendar/period.h"
#include "orebook/report/document.h"
#include "orebook/report/render.h"

namespace orebook::report {

// The tables of a balance: streams (and assays), nodes, metal accounts.
std::vector<Table> balance_tables(const balance::Problem& problem,
                                  const balance::LinearResult& result);
std::vector<Table> balance_tables(const balance::Problem& problem,
                                  const balance::BilinearResult& result);

std::string render_balance(const balance::Problem& problem, const balance::LinearResult& result,
                           Format format);
std::string render_balance(const balance::Problem& problem, const balance::BilinearResult& result,
                           Format format);

// What `orebook balance --each` keeps of each period: enough to list it,
// without the full result (a year of hours would not fit in memory).
struct PeriodSummary {
  calendar::Period period;
  std::string status;  // "converged, global test passed", "idle" ...
  std::optional<balance::GlobalTest> global;
  int iterations = 0;
  struct Suspect {
    std::string variable;  // "mill_feed flow", "tailings Pb"
    std::optional<double> measured, reconciled, z;
    double gross_error = 0.0;  // estimated size (balance::StreamResult::gross_error)
  };
  std::vector<Suspect> suspects;
  // The period's object in the JSON of the batch (render_balance_batch),
  // every reconciled value in it, written where the period was balanced
  // (the periods' threads write their parts side by side; a summary holding
  // the values and names for one thread to write made JSON cost more than
  // text: issue 14). Empty unless asked for.
  std::string json;
};
// `json`: write the period's JSON object too.
PeriodSummary summarise(const calendar::Period& period, const balance::PeriodBalance& balance,
                        bool json);

// The charts of a balance (HTML report): a Sankey of the reconciled
// flowsheet, and one per metal of a bilinear balance, links coloured by the
// adjustment in σ, gross errors in red. Beyond 300 streams, a line saying
// it is not drawn.
std::vector<Chart> balance_charts(const balance::Problem& problem,
                                  const balance::LinearResult& result);
std::vector<Chart> balance_charts(const balance::Problem& problem,
                                  const balance::BilinearResult& result);

// The table of a batch: a line per period (global test and its critical value).
Table balance_batch_table(const std::vector<PeriodSummary>& periods);

// The global test statistic of each period against its critical value.
Chart balance_test_chart(const std::vector<PeriodSummary>& periods);

// One line per period (global test, suspects, solves); JSON: per period the
// status, global test, suspects and reconciled values.
std::string render_balance_batch(const std::vector<PeriodSummary>& periods, Format format);
// The same to `out` as it goes: JSON joins the periods' objects without
// copying them into one text first.
void write_balance_batch(const std::vector<PeriodSummary>& periods, Format format,
                         std::ostream& out);

}  // namespace orebook::report
