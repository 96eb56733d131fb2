// `orebook results` and `orebook highlights`: parse the periods → load →
// account, settle and cost the period and its comparison → the financial
// summary, operating statistics, cost tables, guidance against the year to
// date, and the highlights (which compare with the period before).

#include <algorithm>
#include <span>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "orebook/pipeline/pipeline.h"
#include "orebook/pipeline/stages.h"
#include "orebook/report/highlights.h"
#include "orebook/report/operating_report.h"
#include "orebook/report/results_report.h"

namespace orebook::pipeline {

namespace {

namespace rpt = orebook::report;

// Guidance is for the year (the fiscal year at a site with one): production
// from its first day to the end of the period against it.
std::optional<rpt::Table> guidance(const dataset::Dataset& ds, const calendar::Period& period,
                                   core::Diagnostics& diags) {
  const auto last = period.last();
  const calendar::Period year =
      calendar::Period::year_holding(last, ds.site.fiscal_year.value_or(calendar::FiscalYear{}));
  const Accounted ytd =
      account(ds, {calendar::Period::from_days(year.first(), last)}, diags,
              {.settle = false, .cost = false, .warn = false, .equivalents = false});
  if (diags.has_errors()) return std::nullopt;
  return rpt::guidance_table(ds, ytd.stats[0], period, year);
}

// A cash cost per unit for the highlights, with its currency.
struct CashCost {
  std::optional<double> value;
  std::string currency;
};

// The cash cost of a period: computed when `costed` has it, else as
// reported.csv gives it per the primary metal's unit, else unknown.
CashCost cash_cost(const dataset::Dataset& ds, const calendar::Period& period,
                   const std::optional<costs::CostResult>& costed) {
  if (costed && costed->cash_cost_per_unit) return {costed->cash_cost_per_unit, ds.site.currency};
  const dataset::ReportedRow* r =
      rpt::reported_row(ds, dataset::reported_key::cash_cost_per_unit, period);
  const auto& metal = ds.site.metals[ds.site.costs.primary_metal];
  if (r == nullptr || r->per != metal.production_unit) return {};
  return {r->value, r->currency};
}

// The cash cost of the period before, for the highlights: computed where the
// dataset has its data, else as reported, else nothing is said of it.
CashCost previous_cash_cost(const dataset::Dataset& ds, const calendar::Period& previous) {
  if (!ds.costs.present) return cash_cost(ds, previous, std::nullopt);
  core::Diagnostics quiet;  // the previous period may lack data
  const Accounted a = account(ds, {previous}, quiet, {.warn = false});
  return cash_cost(ds, previous, quiet.has_errors() ? std::nullopt : a.costs[0]);
}

// financials.csv and reported.csv figures are taken for exactly the period
// they give (docs/formulas.md §2): a flow (revenue, net income, a cost per
// ounce) given for a year cannot be split into quarters, nor quarters added
// into a cash cost per ounce. A figure with a row that overlaps a period
// asked for without being it is unknown there: say so, once per row and
// period, so that a `–` in the financial tables has its reason.
void warn_rows_for_other_periods(const dataset::Dataset& ds,
                                 const std::vector<calendar::Period>& periods,
                                 core::Diagnostics& diags) {
  for (const calendar::Period& p : periods) {
    for (const dataset::FinancialRow& f : ds.financials.rows) {
      // Balance items are read at a date, not over the period.
      if (f.line == "cash" || f.line == "working_capital") continue;
      if (f.period == p || !f.period.overlaps(p)) continue;
      const bool exact =
          std::any_of(ds.financials.rows.begin(), ds.financials.rows.end(),
                      [&](const dataset::FinancialRow& o) {
                        return o.period == p && o.segment == f.segment && o.line == f.line;
                      });
      if (exact) continue;
      diags.warning(ds.financials.file, f.row, 1, "period-too-fine",
                    fmt::format("{}{} is given for {}, not for {}: it is unknown there (a "
                                "financial figure is taken only for the period it gives)",
                                f.line, f.segment.empty() ? "" : " of " + f.segment,
                                f.period.to_string(), p.to_string()),
                    f.period.to_string(), "a row for the period asked for");
    }
    for (const dataset::ReportedRow& r : ds.reported.rows) {
      if (r.period == p || !r.period.overlaps(p)) continue;
      const bool exact = std::any_of(
          ds.reported.rows.begin(), ds.reported.rows.end(),
          [&](const dataset::ReportedRow& o) { return o.period == p && o.key == r.key; });
      if (exact) continue;
      diags.warning(ds.reported.file, r.line, 1, "period-too-fine",
                    fmt::format("{} is reported for {}, not for {}: it is unknown there (a "
                                "reported figure is taken only for the period it gives)",
                                r.key, r.period.to_string(), p.to_string()),
                    r.period.to_string(), "a row for the period asked for");
    }
  }
}

// A `–` of the financial summary says why (unknown is not zero): per period
// shown, one warning listing the lines financials.csv gives no row for.
void warn_unknown_financials(const dataset::Dataset& ds,
                             const std::vector<calendar::Period>& periods,
                             const std::vector<rpt::Table>& tables, core::Diagnostics& diags) {
  if (!ds.financials.present || tables.empty()) return;
  const rpt::Table& summary = tables.front();  // rpt::financial_summary's first
  for (std::size_t k = 0; k < periods.size(); ++k) {
    std::vector<std::string> unknown;
    for (const rpt::Figure& f : summary.figures) {
      if (k < f.values.size() && !f.values[k]) unknown.push_back(f.key);
    }
    if (unknown.empty()) continue;
    // What the derived lines are made of, for those listed.
    std::vector<std::string> made_of;
    const auto listed = [&](std::string_view part) {
      return std::any_of(unknown.begin(), unknown.end(),
                         [&](const std::string& key) { return key.find(part) != key.npos; });
    };
    if (listed("gross_profit"))
      made_of.push_back("a gross profit needs the revenue and cost_of_sales of every segment");
    if (listed("eps_"))
      made_of.push_back(
          "earnings per share need net_income and weighted_average_shares, or eps as published");
    diags.warning(
        ds.financials.file, 0, 0, "unknown-financial",
        fmt::format("the financial summary of {} shows – for {}: financials.csv has no "
                    "row giving them for exactly {}{}",
                    periods[k].to_string(), fmt::join(unknown, ", "), periods[k].to_string(),
                    made_of.empty() ? "" : fmt::format(" ({})", fmt::join(made_of, "; "))),
        "", "");
  }
}

// What the highlights compare: production, prices and the cash cost of each
// period shown, and the cash cost of the period before.
rpt::HighlightInputs highlight_inputs(const dataset::Dataset& ds,
                                      const std::vector<calendar::Period>& periods,
                                      const Accounted& a) {
  rpt::HighlightInputs in;
  for (std::size_t k = 0; k < periods.size(); ++k) add_for_highlights(ds, a, k, in);
  const CashCost now = cash_cost(ds, periods[0], a.costs[0]);
  in.cash_cost_per_unit = now.value;
  in.cash_cost_currency = now.currency;
  in.previous = periods[0].previous();
  if (in.previous) {
    const CashCost before = previous_cash_cost(ds, *in.previous);
    in.previous_cash_cost_per_unit = before.value;
    in.previous_cash_cost_currency = before.currency;
  }
  return in;
}

}  // namespace

std::optional<std::vector<rpt::Table>> results_tables(const dataset::Dataset& ds,
                                                      const std::vector<calendar::Period>& periods,
                                                      const Accounted& a,
                                                      core::Diagnostics& diags) {
  std::vector<rpt::Table> out = rpt::financial_summary(ds, periods);
  out.push_back(
      rpt::operating_report(ds, a.stats, a.totals, {}, a.lot_sales, a.payable, a.equivalents));
  for (auto& t : rpt::cost_tables(ds, periods, a.costs, diags)) out.push_back(std::move(t));
  if (!ds.site.guidance.empty()) {
    auto table = guidance(ds, periods[0], diags);
    if (!table) return std::nullopt;
    out.push_back(std::move(*table));
  }
  return out;
}

namespace {

std::optional<Outcome> results_outcome(const ResultsRequest& request, bool only_highlights,
                                       rpt::Format format, core::Diagnostics& diags) {
  const std::vector<std::string> texts = period_texts(request.period, request.compare);
  const auto loaded = load_with_periods(request.dataset, texts, diags);
  if (!loaded) return std::nullopt;
  const dataset::Dataset& ds = loaded->ds;
  const std::vector<calendar::Period>& periods = loaded->periods;

  const Accounted a = account(ds, periods, diags);
  warn_rows_for_other_periods(ds, periods, diags);
  diags.sort();
  if (diags.has_errors()) return std::nullopt;

  auto tables = results_tables(ds, periods, a, diags);
  if (!tables) return std::nullopt;
  if (!only_highlights) warn_unknown_financials(ds, periods, *tables, diags);
  std::vector<rpt::Table> out = std::move(*tables);
  // The highlights are compared with a close through the tables they are
  // made from.
  const std::string ledger = against_ledger(ds, a, request.ledger, out, diags);
  if (only_highlights) out.clear();
  out.push_back(rpt::highlights(ds, highlight_inputs(ds, periods, a), diags));
  if (diags.has_errors()) return std::nullopt;
  Outcome o = rendered(ds, out, format);
  if (!ledger.empty()) o.inputs.push_back(ledger);
  if (format == rpt::Format::html && !only_highlights && !a.costs.empty()) {
    if (auto c = rpt::cost_waterfall(ds, periods[0], a.costs[0])) o.charts.push_back(std::move(*c));
  }
  return o;
}

}  // namespace

std::optional<Outcome> results(const ResultsRequest& request, orebook::report::Format format,
                               core::Diagnostics& diags) {
  return results_outcome(request, false, format, diags);
}

std::optional<Outcome> highlights(const ResultsRequest& request, orebook::report::Format format,
                                  core::Diagnostics& diags) {
  if (request.ledger.as_closed) {
    // Highlights are sentences made from the statistics, not from the
    // tables a close keeps.
    diags.error("", 0, 0, "bad-argument",
                "--as-closed shows the tables of a close (report, results); highlights are "
                "made from the figures as computed",
                "--as-closed", "report or results --as-closed");
    return std::nullopt;
  }
  return results_outcome(request, true, format, diags);
}

}  // namespace orebook::pipeline
