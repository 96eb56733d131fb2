// `orebook validate`: load → the stages every other command runs (account,
// settle, cost, the balance's setup) over the periods the dataset holds →
// what the dataset holds and every problem found.

#include <map>
#include <set>
#include <string>
#include <utility>

#include <fmt/format.h>

#include "orebook/calendar/coverage.h"
#include "orebook/dataset/dataset.h"
#include "orebook/pipeline/pipeline.h"
#include "orebook/pipeline/stages.h"
#include "orebook/report/validate_report.h"

namespace orebook::pipeline {

namespace {

// The period of `kind` (quarter, half or year) holding day `d`.
calendar::Period enclosing(calendar::PeriodKind kind, calendar::DayNumber d) {
  const auto ymd = calendar::to_ymd(d);
  const int y = static_cast<int>(ymd.year());
  const unsigned m = static_cast<unsigned>(ymd.month());
  if (kind == calendar::PeriodKind::quarter) return calendar::Period::quarter(y, (m - 1) / 3 + 1);
  if (kind == calendar::PeriodKind::half) return calendar::Period::half(y, (m - 1) / 6 + 1);
  return calendar::Period::year(y);
}

// The periods validate runs the stages over: every quarter streams.csv has
// rows in, the period a results release reports; halves or years when a row
// spans more than a quarter, so that no row lies only partly inside one (a
// figure the data does not deserve to lose); the whole span of the rows
// otherwise. Each is cut to the days its rows span, so that a dataset
// starting or ending mid-quarter is checked over the days it has: a quarter
// its rows cover only in part would leave every stream unknown there, and
// unchecked.
std::vector<calendar::Period> periods_of(const dataset::StreamTable& t) {
  if (t.size() == 0) return {};
  for (const auto kind :
       {calendar::PeriodKind::quarter, calendar::PeriodKind::half, calendar::PeriodKind::year}) {
    std::map<calendar::Period, calendar::Span> periods;  // period → days its rows span
    bool whole = true;
    for (std::size_t r = 0; r < t.size() && whole; ++r) {
      const calendar::Period p = enclosing(kind, t.first[r]);
      whole = t.last[r] <= p.last();
      auto [it, added] = periods.try_emplace(p, calendar::Span{t.first[r], t.last[r]});
      it->second.first = std::min(it->second.first, t.first[r]);
      it->second.second = std::max(it->second.second, t.last[r]);
    }
    if (!whole) continue;
    std::vector<calendar::Period> out;
    for (const auto& [p, span] : periods)
      out.push_back(calendar::Period::from_days(span.first, span.second));
    return out;
  }
  calendar::DayNumber first = t.first[0], last = t.last[0];
  for (std::size_t r = 1; r < t.size(); ++r) {
    first = std::min(first, t.first[r]);
    last = std::max(last, t.last[r]);
  }
  return {calendar::Period::from_days(first, last)};
}

// What `report`, `results`, `settle` and `balance` would find wrong with the
// dataset, through the same stages: account → settle → cost (pipeline::account)
// and, with a flowsheet, the balance of each period set up. A root cause the
// balance finds in every period (a stream without an uncertainty) is said once.
void run_stages(const dataset::Dataset& ds, core::Diagnostics& diags) {
  const std::vector<calendar::Period> periods = periods_of(ds.streams);
  if (periods.empty()) return;
  // The periods are validate's choice, not a claim of the data: one that the
  // rows cover only in part (a dataset starting mid-quarter) is no problem.
  core::Diagnostics stages;
  const Accounted a = account(ds, periods, stages);
  for (const auto& d : stages.items()) {
    if (d.code != "incomplete-period") diags.add(d);
  }
  if (ds.site.nodes.empty() || diags.has_errors()) return;
  const auto flowsheet = balance::site_flowsheet(ds, diags);
  if (!flowsheet) return;
  const balance::RowIndex rows(ds.streams, ds.site.streams.size());
  std::set<std::pair<std::string, std::string>> said;
  for (const auto& totals : a.totals) {
    for (const auto& e : balance::period_problem(ds, *flowsheet, rows, totals).errors) {
      if (said.insert({e.code, e.message}).second) diags.add(e);
    }
  }
}

}  // namespace

std::optional<Outcome> validate(const ValidateRequest& request, orebook::report::Format format,
                                core::Diagnostics& diags) {
  const dataset::Dataset ds = dataset::load(request.dataset, diags);
  // Stages on a dataset with errors would only repeat them as consequences.
  if (!diags.has_errors()) run_stages(ds, diags);
  diags.sort();
  orebook::report::DatasetSummary summary;
  summary.dataset = request.dataset;
  summary.metals = ds.site.metals.size();
  summary.streams = ds.site.streams.size();
  summary.stream_rows = ds.streams.size();
  summary.sales_rows = ds.sales.rows.size();
  summary.contracts = ds.contracts.rows.size();
  summary.lots = ds.lots.rows.size();
  Outcome out;
  out.inputs = ds.files_read;
  out.output = orebook::report::render_validation(summary, diags, format);
  out.diagnostics_in_output = format == orebook::report::Format::json;
  if (diags.has_errors()) {
    out.exit = core::ExitCode::bad_input;
    if (!out.diagnostics_in_output) {
      out.summary = fmt::format("{}: {} error{}", request.dataset, diags.error_count(),
                                diags.error_count() == 1 ? "" : "s");
    }
  }
  return out;
}

}  // namespace orebook::pipeline
