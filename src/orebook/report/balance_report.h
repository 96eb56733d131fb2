#pragma once
// Output of `orebook balance`: per stream measured, reconciled, adjustment,
// σ before and after, test statistic and class; per node residuals before
// and after with the nodal test; the global test (docs/cli.md).

#include <memory>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

#include "orebook/balance/period_problem.h"
#include "orebook/balance/problem.h"
#include "orebook/calendar/period.h"
#include "orebook/report/render.h"

namespace orebook::report {

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
  // Every reconciled value (nullopt: unobservable), in the order of
  // `layout`: (stream, "flow" or component) of each. Periods of the same
  // layout share one copy of it (a year of days would otherwise hold the
  // names 365 times: issue 14, JSON cost four times the memory of text).
  using Layout = std::vector<std::pair<std::string, std::string>>;
  std::shared_ptr<const Layout> layout;
  std::vector<std::optional<double>> values;
};
// `with_values`: keep every reconciled value (JSON lists them; text does not).
PeriodSummary summarise(const calendar::Period& period, const balance::PeriodBalance& balance,
                        bool with_values);

// One line per period (global test, suspects, solves); JSON: per period the
// status, global test, suspects and reconciled values.
std::string render_balance_batch(const std::vector<PeriodSummary>& periods, Format format);

}  // namespace orebook::report
