// `orebook report`: parse the periods → load → (balance) → account → settle
// → the operating statistics table; with --each, a column for each month,
// quarter or year of the period and the highlights of the last of them.

#include <algorithm>

#include <fmt/format.h>

#include "orebook/pipeline/explain.h"
#include "orebook/pipeline/pipeline.h"
#include "orebook/pipeline/stages.h"
#include "orebook/report/charts.h"
#include "orebook/report/highlights.h"
#include "orebook/report/operating_report.h"

namespace orebook::pipeline {

namespace {

namespace rpt = orebook::report;

rpt::Table operating_table(const ReportRequest& request, const dataset::Dataset& ds,
                           const Accounted& a, core::Diagnostics& diags) {
  rpt::Table table = rpt::operating_report(ds, a.stats, a.totals, {request.all_streams},
                                           a.lot_sales, a.payable, a.equivalents);
  if (request.provenance) add_provenance(ds, a, table, diags);
  if (request.reconciled) {
    table.notes.push_back(
        "Tonnes and grades of the flowsheet's streams are reconciled (orebook balance): "
        "adjusted by least squares so that every node balances.");
  }
  return table;
}

// --each: the periods of the range as columns, oldest first (as operations
// reviews table them), then the highlights of the last period against the
// one before and against the same period a year before. Those two are
// accounted without warnings when they lie outside the range: they are only
// compared with.
std::optional<Outcome> report_each(const ReportRequest& request, rpt::Format format,
                                   core::Diagnostics& diags) {
  if (!request.compare.empty()) {
    diags.error("", 0, 0, "bad-argument", "--compare does not go with --each", request.compare,
                "--each (a column per period, the last compared in the highlights) or "
                "--compare, not both");
    return std::nullopt;
  }
  const auto loaded = load_with_periods(request.dataset, {request.period}, diags);
  if (!loaded) return std::nullopt;
  const dataset::Dataset& ds = loaded->ds;
  const std::vector<calendar::Period>& whole = loaded->periods;
  const std::vector<calendar::Period> periods =
      split_periods(whole.front(), request.each, request.period, diags);
  if (diags.has_errors()) return std::nullopt;

  // A column without rows is unknown, with a warning (the range may run
  // past the data); a range without any is an error, as a period is.
  const AccountOptions options{
      .reconciled = request.reconciled, .cost = false, .empty_is_warning = true};
  const Accounted a = account(ds, periods, diags, options);
  if (std::none_of(a.totals.begin(), a.totals.end(), accounting::touched)) {
    diags.error(ds.streams.file, 0, 0, "no-data", "no stream rows inside the period asked for",
                request.period, "a period that streams.csv has rows for");
  }
  diags.sort();
  if (diags.has_errors()) return std::nullopt;

  // What the last period is compared with: the period before it and the
  // same period a year before, each once.
  const calendar::Period& last = periods.back();
  std::vector<calendar::Period> compared;
  for (const auto& p : {last.previous(), last.year_before()})
    if (p && std::find(compared.begin(), compared.end(), *p) == compared.end())
      compared.push_back(*p);
  std::vector<calendar::Period> outside;
  for (const auto& p : compared)
    if (std::find(periods.begin(), periods.end(), p) == periods.end()) outside.push_back(p);
  AccountOptions quiet = options;
  quiet.warn = false;
  core::Diagnostics ignored;  // a period before the data is only not compared with
  const Accounted b = outside.empty() ? Accounted{} : account(ds, outside, ignored, quiet);

  rpt::HighlightInputs in;
  add_for_highlights(ds, a, periods.size() - 1, in);
  for (const auto& p : compared) {
    const auto at = std::find(periods.begin(), periods.end(), p);
    if (at != periods.end()) {
      add_for_highlights(ds, a, static_cast<std::size_t>(at - periods.begin()), in);
    } else if (!ignored.has_errors()) {
      const auto k = std::find(outside.begin(), outside.end(), p) - outside.begin();
      add_for_highlights(ds, b, static_cast<std::size_t>(k), in);
    }
  }
  std::vector<rpt::Table> out;
  out.push_back(operating_table(request, ds, a, diags));
  out.back().show_change = false;
  const std::string ledger = against_ledger(ds, a, request.ledger, out, diags);
  out.push_back(rpt::highlights(ds, in, diags));
  if (diags.has_errors()) return std::nullopt;
  Outcome o = rendered(ds, out, format);
  if (!ledger.empty()) o.inputs.push_back(ledger);
  if (format == rpt::Format::html) o.charts = rpt::trend_charts(out.front());
  return o;
}

}  // namespace

std::optional<Outcome> report(const ReportRequest& request, orebook::report::Format format,
                              core::Diagnostics& diags) {
  if (request.provenance && format != rpt::Format::json) {
    diags.error("", 0, 0, "bad-argument", "--provenance needs --format json", "--provenance",
                "--format json");
    return std::nullopt;
  }
  if (!request.each.empty()) return report_each(request, format, diags);
  const std::vector<std::string> texts = period_texts(request.period, request.compare);
  const auto loaded = load_with_periods(request.dataset, texts, diags);
  if (!loaded) return std::nullopt;
  const dataset::Dataset& ds = loaded->ds;
  const std::vector<calendar::Period>& periods = loaded->periods;

  const Accounted a =
      account(ds, periods, diags, {.reconciled = request.reconciled, .cost = false});
  diags.sort();
  if (diags.has_errors()) return std::nullopt;
  std::vector<rpt::Table> tables{operating_table(request, ds, a, diags)};
  const std::string ledger = against_ledger(ds, a, request.ledger, tables, diags);
  if (diags.has_errors()) return std::nullopt;
  Outcome o = rendered(ds, tables.front(), format);
  if (!ledger.empty()) o.inputs.push_back(ledger);
  return o;
}

}  // namespace orebook::pipeline
