// `orebook validate`: load → what the dataset holds and every problem found.

#include <fmt/format.h>

#include "orebook/dataset/dataset.h"
#include "orebook/pipeline/pipeline.h"
#include "orebook/report/validate_report.h"

namespace orebook::pipeline {

std::optional<Outcome> validate(const ValidateRequest& request, orebook::report::Format format,
                                core::Diagnostics& diags) {
  const dataset::Dataset ds = dataset::load(request.dataset, diags);
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
