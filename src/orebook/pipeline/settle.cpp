// `orebook settle`: parse the period → load → settle every lot → the
// settlement statement.

#include "orebook/pipeline/pipeline.h"
#include "orebook/pipeline/stages.h"
#include "orebook/report/settlement_report.h"

namespace orebook::pipeline {

std::optional<Outcome> settle(const SettleRequest& request, orebook::report::Format format,
                              core::Diagnostics& diags) {
  check_periods({request.period}, diags);
  if (diags.has_errors()) return std::nullopt;
  const dataset::Dataset ds = dataset::load(request.dataset, diags);
  if (diags.has_errors()) return std::nullopt;
  const std::vector<calendar::Period> periods =
      parse_periods({request.period}, ds.site.fiscal_year, diags);
  if (diags.has_errors()) return std::nullopt;
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
