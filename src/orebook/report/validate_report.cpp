#include "orebook/report/validate_report.h"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "orebook/report/json.h"

namespace orebook::report {

namespace {

nlohmann::ordered_json to_json(const core::Diagnostics& diags) {
  auto arr = nlohmann::ordered_json::array();
  for (const auto& d : diags.items()) {
    arr.push_back({{"file", d.file},
                   {"line", d.line},
                   {"column", d.column},
                   {"severity", d.severity == core::Severity::error ? "error" : "warning"},
                   {"code", d.code},
                   {"message", d.message},
                   {"found", d.found},
                   {"expected", d.expected}});
  }
  return arr;
}

}  // namespace

std::string render_validation(const DatasetSummary& s, const core::Diagnostics& diags,
                              Format format) {
  if (format == Format::json) {
    nlohmann::ordered_json j;
    j["dataset"] = s.dataset;
    j["valid"] = !diags.has_errors();
    j["errors"] = diags.error_count();
    j["stream_rows"] = s.stream_rows;
    j["sales_rows"] = s.sales_rows;
    j["contracts"] = s.contracts;
    j["lots"] = s.lots;
    j["diagnostics"] = to_json(diags);
    return json_text(j);
  }
  if (diags.has_errors()) return "";
  return fmt::format(
      "{}: ok: {} metals, {} streams, {} stream rows, {} sales rows, {} contracts, {} lots\n",
      s.dataset, s.metals, s.streams, s.stream_rows, s.sales_rows, s.contracts, s.lots);
}

}  // namespace orebook::report
