#include "orebook/pipeline.h"

#include "orebook/accounting/aggregate.h"
#include "orebook/accounting/operating.h"
#include "orebook/calendar/period.h"
#include "orebook/report/operating_report.h"

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

  return report::operating_report(ds, stats, totals, {request.all_streams});
}

ValidateSummary validate(const std::string& dataset, dataset::Diagnostics& diags) {
  const dataset::Dataset ds = dataset::load(dataset, diags);
  return {ds.streams.size(), ds.sales.size(), ds.site.streams.size(), ds.site.metals.size()};
}

}  // namespace orebook
