// The document formats (xlsx, html): an outcome's tables and what made them.

#include "orebook/report/document.h"
#include "orebook/core/hash.h"
#include "orebook/pipeline/pipeline.h"
#include "orebook/report/html.h"
#include "orebook/report/xlsx.h"

namespace orebook::pipeline {

std::string render_document(const Outcome& outcome, orebook::report::Format format,
                            const core::Diagnostics& diags, const std::string& command) {
  orebook::report::Document d;
  d.command = command;
  d.version = OREBOOK_VERSION;
  d.dataset = outcome.dataset;
  for (const std::string& path : outcome.inputs) d.files.push_back({path, core::sha256_file(path)});
  for (const core::Diagnostic& w : diags.items())
    if (w.severity == core::Severity::warning) d.warnings.push_back(core::to_string(w));
  if (diags.dropped() > 0) d.warnings.push_back(diags.dropped_line());
  if (format == orebook::report::Format::xlsx)
    return orebook::report::render_xlsx(outcome.tables, d);
  return orebook::report::render_html(outcome.tables, outcome.charts, d);
}

}  // namespace orebook::pipeline
