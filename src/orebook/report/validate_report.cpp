#include "orebook/report/validate_report.h"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "orebook/report/json.h"

namespace orebook::report {

namespace {

nlohmann::ordered_json to_json(const core::Diagnostics& diags) {
  auto arr = nlohmann::ordered_json::array();
  for (const auto& d : diags.items()) {
    nlohmann::ordered_json item = {{"file", d.file}, {"line", d.line}, {"column", d.column}};
    // In a sheet of a workbook: the sheet and the cell as text prints them
    // (line is the row, column its number); absent for a text file.
    if (!d.sheet.empty()) {
      item["sheet"] = d.sheet;
      item["cell"] = d.line > 0 && d.column > 0
                         ? core::column_letters(d.column) + std::to_string(d.line)
                         : std::string();
    }
    item["severity"] = d.severity == core::Severity::error ? "error" : "warning";
    item["code"] = d.code;
    item["message"] = d.message;
    item["found"] = d.found;
    item["expected"] = d.expected;
    arr.push_back(std::move(item));
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
