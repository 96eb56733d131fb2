// `orebook report`: parse the periods → load → (balance) → account → settle
// → the operating statistics table.

#include "orebook/pipeline/pipeline.h"
#include "orebook/pipeline/stages.h"
#include "orebook/report/operating_report.h"

namespace orebook::pipeline {

std::optional<Outcome> report(const ReportRequest& request, orebook::report::Format format,
                              core::Diagnostics& diags) {
  const std::vector<std::string> texts = period_texts(request.period, request.compare);
  check_periods(texts, diags);
  if (diags.has_errors()) return std::nullopt;
  const dataset::Dataset ds = dataset::load(request.dataset, diags);
  if (diags.has_errors()) return std::nullopt;
  const std::vector<calendar::Period> periods = parse_periods(texts, ds.site.fiscal_year, diags);
  if (diags.has_errors()) return std::nullopt;

  const Accounted a =
      account(ds, periods, diags, {.reconciled = request.reconciled, .cost = false});
  diags.sort();
  if (diags.has_errors()) return std::nullopt;

  orebook::report::Table table = orebook::report::operating_report(
      ds, a.stats, a.totals, {request.all_streams}, a.lot_sales, a.payable, a.equivalents);
  if (request.reconciled) {
    table.notes.push_back(
        "Tonnes and grades of the flowsheet's streams are reconciled (orebook balance): "
        "adjusted by least squares so that every node balances.");
  }
  return rendered(ds, table, format);
}

}  // namespace orebook::pipeline
