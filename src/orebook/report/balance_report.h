#pragma once
// Output of `orebook balance`: per stream measured, reconciled, adjustment,
// σ before and after, test statistic and class; per node residuals before
// and after with the nodal test; the global test (docs/cli.md).

#include <string>

#include "orebook/balance/period_problem.h"
#include "orebook/balance/problem.h"
#include "orebook/calendar/period.h"
#include "orebook/report/render.h"

namespace orebook::report {

std::string render_balance(const balance::Problem& problem, const balance::LinearResult& result,
                           Format format);
std::string render_balance(const balance::Problem& problem, const balance::BilinearResult& result,
                           Format format);

// `orebook balance --each`: one line per period (global test, suspects,
// solves); JSON: every period's full result.
std::string render_balance_batch(const std::vector<calendar::Period>& periods,
                                 const std::vector<balance::PeriodBalance>& balances,
                                 Format format);

}  // namespace orebook::report
