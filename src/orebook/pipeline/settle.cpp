// `orebook settle`: parse the period → load → settle every lot → the
// settlement statement.

#include "orebook/pipeline/pipeline.h"
#include "orebook/pipeline/stages.h"
#include "orebook/report/settlement_report.h"

namespace orebook::pipeline {

std::optional<Outcome> settle(const SettleRequest& request, orebook::report::Format format,
                              core::Diagnostics& diags) {
  const auto loaded = load_with_periods(request.dataset, {request.period}, diags);
  if (!loaded) return std::nullopt;
  const dataset::Dataset& ds = loaded->ds;
  const std::vector<calendar::Period>& periods = loaded->periods;
  if (!ds.lots.present) {
    diags.error(ds.lots.file, 0, 0, "missing-file", "the dataset has no lots.csv to settle", "",
                "a lots.csv file with contracts.toml and prices.csv beside it");
    return std::nullopt;
  }
  const sales::PeriodSales settled = sales::settle(ds, periods.front(), diags);
  diags.sort();
  if (diags.has_errors()) return std::nullopt;
  return rendered(ds, orebook::report::settlement_report(ds, settled), format);
}

}  // namespace orebook::pipeline
