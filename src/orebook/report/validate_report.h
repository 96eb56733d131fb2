#pragma once
// `orebook validate`: what a dataset holds and every problem found, as one
// line of text or a JSON object (docs/cli.md).

#include <cstddef>
#include <string>

#include "orebook/core/diagnostic.h"
#include "orebook/report/render.h"

namespace orebook::report {

struct DatasetSummary {
  std::string dataset;  // the folder as given
  std::size_t metals = 0;
  std::size_t streams = 0;
  std::size_t stream_rows = 0;
  std::size_t sales_rows = 0;
  std::size_t contracts = 0;
  std::size_t lots = 0;
};

// Text: "DATASET: ok: 3 metals, …" when there are no errors, else empty (the
// diagnostics say it all). JSON: the summary with every diagnostic.
std::string render_validation(const DatasetSummary& summary, const core::Diagnostics& diags,
                              Format format);

}  // namespace orebook::report
