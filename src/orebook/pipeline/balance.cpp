// `orebook balance`: a dataset's flowsheet over a period (parse the period →
// load → account → balance → the balance report), each day, month or quarter
// of it on its own (→ one summary per period), or a problem file (load the
// problem → balance → the balance report).

#include <algorithm>
#include <memory>
#include <ostream>

#include <fmt/format.h>

#include "orebook/balance/linear.h"
#include "orebook/balance/problem.h"
#include "orebook/pipeline/pipeline.h"
#include "orebook/pipeline/stages.h"
#include "orebook/report/balance_report.h"

namespace orebook::pipeline {

namespace {

namespace rpt = orebook::report;

// The periods to balance: the one asked for, or its days, months or quarters.
std::vector<calendar::Period> balance_periods_asked(const BalanceRequest& request,
                                                    const dataset::Site& site,
                                                    core::Diagnostics& diags) {
  std::vector<calendar::Period> periods = parse_periods({request.period}, site.fiscal_year, diags);
  if (diags.has_errors() || request.each.empty()) return periods;
  return split_periods(periods.front(), request.each, request.period, diags);
}

// A document's tables (and, for HTML, charts), or the text of another format.
Outcome outcome_in(rpt::Format format, const auto& tables, const auto& charts, const auto& text) {
  Outcome out;
  if (rpt::is_document(format)) {
    out.tables = tables();
    if (format == rpt::Format::html) out.charts = charts();
  } else {
    out.output = text();
  }
  return out;
}

// The tables (and charts) of a balance, for a document format; else its text.
template <class Result>
Outcome balance_outcome(const balance::Problem& problem, const Result& result, rpt::Format format) {
  return outcome_in(
      format, [&] { return rpt::balance_tables(problem, result); },
      [&] { return rpt::balance_charts(problem, result); },
      [&] { return rpt::render_balance(problem, result, format); });
}

// One period balanced, in full.
std::optional<Outcome> balance_one(const dataset::Dataset& ds,
                                   const balance::SiteFlowsheet& flowsheet,
                                   const std::vector<calendar::Period>& periods,
                                   const std::vector<accounting::PeriodTotals>& totals,
                                   rpt::Format format, core::Diagnostics& diags) {
  const auto balances = balance_periods(ds, flowsheet, totals,
                                        [](std::size_t, balance::PeriodBalance b) { return b; });
  for (const auto& e : balances.front().problem.errors) diags.add(e);
  for (auto& d : balances.front().diagnostics(ds.root + "/site.toml")) diags.add(std::move(d));
  if (diags.has_errors()) return std::nullopt;
  const auto& b = balances.front();
  if (b.bilinear) return balance_outcome(b.problem.problem, *b.bilinear, format);
  if (b.linear) return balance_outcome(b.problem.problem, *b.linear, format);
  const std::vector summary{rpt::summarise(periods.front(), b, format == rpt::Format::json)};
  return outcome_in(
      format, [&] { return std::vector{rpt::balance_batch_table(summary)}; },
      [&] { return std::vector{rpt::balance_test_chart(summary)}; },
      [&] { return rpt::render_balance_batch(summary, format); });
}

// Many periods: each kept as a summary (and its input errors), the full
// balance freed in the worker; the output written from the summaries as it
// goes (a year of days in JSON is tens of megabytes).
std::optional<Outcome> balance_each(const dataset::Dataset& ds,
                                    const balance::SiteFlowsheet& flowsheet,
                                    const std::vector<calendar::Period>& periods,
                                    const std::vector<accounting::PeriodTotals>& totals,
                                    rpt::Format format, core::Diagnostics& diags) {
  struct Kept {
    rpt::PeriodSummary summary;
    std::vector<core::Diagnostic> errors;
  };
  auto kept = balance_periods(ds, flowsheet, totals, [&](std::size_t i, balance::PeriodBalance b) {
    Kept k{rpt::summarise(periods[i], b, format == rpt::Format::json), std::move(b.problem.errors)};
    for (auto& d : b.diagnostics(ds.root + "/site.toml")) k.errors.push_back(std::move(d));
    return k;
  });
  auto summaries = std::make_shared<std::vector<rpt::PeriodSummary>>();
  summaries->reserve(kept.size());
  // A warning of many periods is said once, for the first of them, with a
  // count of the others (a year of days could repeat it 365 times).
  std::vector<std::pair<core::Diagnostic, std::size_t>> warnings;
  for (auto& k : kept) {
    for (const auto& e : k.errors) {
      if (e.severity == core::Severity::error) {
        diags.add(e);
        continue;
      }
      const auto it = std::find_if(warnings.begin(), warnings.end(),
                                   [&](const auto& w) { return w.first.code == e.code; });
      if (it == warnings.end()) {
        warnings.emplace_back(e, 0);
      } else {
        ++it->second;
      }
    }
    summaries->push_back(std::move(k.summary));
  }
  for (auto& [w, more] : warnings) {
    if (more > 0) w.message += fmt::format(" (and {} more like it in other periods)", more);
    diags.add(std::move(w));
  }
  diags.sort();
  if (diags.has_errors()) return std::nullopt;
  Outcome out;
  if (rpt::is_document(format)) {
    out.tables = {rpt::balance_batch_table(*summaries)};
    if (format == rpt::Format::html) out.charts = {rpt::balance_test_chart(*summaries)};
    return out;
  }
  out.write = [summaries, format](std::ostream& os) {
    rpt::write_balance_batch(*summaries, format, os);
    return core::ExitCode::ok;
  };
  return out;
}

std::optional<Outcome> balance_dataset(const BalanceRequest& request, rpt::Format format,
                                       core::Diagnostics& diags) {
  check_periods({request.period}, diags);
  if (diags.has_errors()) return std::nullopt;
  const dataset::Dataset ds = dataset::load(request.dataset, diags);
  if (diags.has_errors()) return std::nullopt;
  const std::vector<calendar::Period> periods = balance_periods_asked(request, ds.site, diags);
  if (diags.has_errors()) return std::nullopt;
  const auto flowsheet = balance::site_flowsheet(ds, diags);
  if (!flowsheet) return std::nullopt;
  const auto totals = accounting::aggregate(ds, periods, diags);
  diags.sort();
  if (diags.has_errors()) return std::nullopt;
  std::optional<Outcome> out;
  if (request.each.empty()) {
    out = balance_one(ds, *flowsheet, periods, totals, format, diags);
  } else {
    out = balance_each(ds, *flowsheet, periods, totals, format, diags);
  }
  if (out) {
    out->inputs = ds.files_read;
    out->dataset = ds.root;
  }
  return out;
}

std::optional<Outcome> balance_problem(const BalanceRequest& request, rpt::Format format,
                                       core::Diagnostics& diags) {
  auto problem = balance::load_problem(request.problem, diags);
  if (!problem) return std::nullopt;
  if (request.alpha) problem->options.alpha = *request.alpha;
  if (request.eliminate) problem->options.eliminate = true;
  // --alpha is checked here, as the problem file's alpha is when read: the
  // command line's range check lets 0 and 1 through.
  if (const std::string why = problem->options.Validate(); !why.empty()) {
    diags.error("", 0, 0, "bad-argument", "--alpha is not a significance level",
                fmt::format("{}", problem->options.alpha), "a level between 0 and 1, such as 0.05");
    return std::nullopt;
  }
  // The result with its diagnostics; none when a balance does not close.
  auto rendered = [&](const auto& result) -> std::optional<Outcome> {
    for (auto& d : balance::result_diagnostics(*problem, result, request.problem))
      diags.add(std::move(d));
    if (diags.has_errors()) return std::nullopt;
    Outcome out = balance_outcome(*problem, result, format);
    out.inputs = {request.problem};
    out.dataset = request.problem;
    return out;
  };
  if (!problem->bilinear.components.empty()) {
    return rendered(
        balance::reconcile_bilinear(problem->bilinear, problem->options, problem->stream_ids));
  }
  return rendered(balance::reconcile_linear(problem->linear, problem->options));
}

}  // namespace

std::optional<Outcome> balance(const BalanceRequest& request, orebook::report::Format format,
                               core::Diagnostics& diags) {
  if (request.problem.empty()) return balance_dataset(request, format, diags);
  return balance_problem(request, format, diags);
}

}  // namespace orebook::pipeline
