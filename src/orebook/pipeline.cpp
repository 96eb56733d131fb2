#include "orebook/pipeline.h"

#include "orebook/accounting/aggregate.h"
#include "orebook/accounting/operating.h"
#include "orebook/calendar/period.h"
#include "orebook/report/operating_report.h"
#include "orebook/report/settlement_report.h"
#include "orebook/sales/settlement.h"

namespace orebook {

namespace {

std::vector<calendar::Period> parse_periods(const std::vector<std::string>& texts,
                                            dataset::Diagnostics& diags) {
  std::vector<calendar::Period> out;
  for (const std::string& text : texts) {
    if (auto p = calendar::Period::parse(text)) {
      out.push_back(*p);
    } else {
      diags.error("", 0, 0, "bad-period", "unparsable period on the command line", text,
                  std::string(calendar::Period::kAcceptedForms));
    }
  }
  return out;
}

}  // namespace

std::optional<report::Table> operating_report(const ReportRequest& request,
                                              dataset::Diagnostics& diags) {
  const std::vector<calendar::Period> periods = parse_periods(request.periods, diags);
  if (diags.has_errors()) return std::nullopt;

  const dataset::Dataset ds = dataset::load(request.dataset, diags);
  if (diags.has_errors()) return std::nullopt;

  const std::vector<accounting::PeriodTotals> totals = accounting::aggregate(ds, periods, diags);
  std::vector<accounting::OperatingStatistics> stats;
  for (const auto& t : totals) stats.push_back(accounting::operating_statistics(ds, t, diags));
  diags.sort();
  if (diags.has_errors()) return std::nullopt;

  // With lots, sales come from settling them under their contracts.
  std::vector<sales::PeriodSales> lot_sales;
  if (ds.has_lots) {
    for (const auto& p : periods) lot_sales.push_back(sales::settle(ds, p, diags));
  }
  std::vector<std::vector<std::optional<units::Mass>>> payable;
  if (ds.has_contracts) {
    for (const auto& t : totals) payable.push_back(sales::payable_production(ds, t));
  }
  diags.sort();
  if (diags.has_errors()) return std::nullopt;
  return report::operating_report(ds, stats, totals, {request.all_streams}, lot_sales, payable);
}

std::optional<std::vector<report::Table>> settlement(const SettleRequest& request,
                                                     dataset::Diagnostics& diags) {
  const auto period = calendar::Period::parse(request.period);
  if (!period) {
    diags.error("", 0, 0, "bad-period", "unparsable period on the command line", request.period,
                std::string(calendar::Period::kAcceptedForms));
    return std::nullopt;
  }
  const dataset::Dataset ds = dataset::load(request.dataset, diags);
  if (diags.has_errors()) return std::nullopt;
  if (!ds.has_lots) {
    diags.error(ds.lots_file, 0, 0, "missing-file", "the dataset has no lots.csv to settle", "",
                "a lots.csv file with contracts.toml and prices.csv beside it");
    return std::nullopt;
  }
  const sales::PeriodSales settled = sales::settle(ds, *period, diags);
  diags.sort();
  if (diags.has_errors()) return std::nullopt;
  return report::settlement_report(ds, settled);
}

ValidateSummary validate(const std::string& dataset, dataset::Diagnostics& diags) {
  const dataset::Dataset ds = dataset::load(dataset, diags);
  ValidateSummary summary;
  summary.stream_rows = ds.streams.size();
  summary.sales_rows = ds.sales.size();
  summary.streams = ds.site.streams.size();
  summary.metals = ds.site.metals.size();
  summary.contracts = ds.contracts.size();
  summary.lots = ds.lots.size();
  return summary;
}

}  // namespace orebook
