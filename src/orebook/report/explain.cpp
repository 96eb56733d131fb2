#include "orebook/report/explain.h"

#include <fmt/format.h>

#include "orebook/report/format.h"
#include "orebook/report/json.h"

namespace orebook::report {

namespace {

std::string value_text(const Explanation& n) {
  if (!n.value) return "unknown";
  const std::string digits = format_grouped(*n.value, n.decimals);
  if (n.unit == "%") return digits + "%";
  return n.unit.empty() ? digits : digits + " " + n.unit;
}

// The rows of a node in one line: "4 rows of streams.csv (stream 'mill_feed'):
// lines 10, 12, 14, 16". Past a dozen runs, the first and last few.
std::string rows_text(const SourceRows& r) {
  std::string out =
      fmt::format("{} row{} of {}{} ({})", r.lines.size(), r.lines.size() == 1 ? "" : "s", r.file,
                  r.sheet.empty() ? "" : ", sheet " + r.sheet, r.what);
  if (!r.lines.empty()) {
    const bool one = r.lines.size() == 1;
    out += (r.sheet.empty() ? (one ? ": line " : ": lines ") : (one ? ": row " : ": rows ")) +
           line_runs(r);
  }
  if (r.partial_line != 0) {
    out += fmt::format("; the row at {} lies only partly inside the period",
                       position(r, r.partial_line, r.partial_line));
  }
  return out;
}

void text_node(const Explanation& n, const std::string& lead, const std::string& branch,
               std::string& out) {
  out += lead + branch + n.label + ": " + value_text(n);
  if (!n.key.empty()) out += "  [" + n.key + "]";
  out += "\n";
  // What follows the node's own line lines up under its label.
  const std::string under = lead + (branch.empty() ? "" : (branch == "└─ " ? "   " : "│  "));
  const bool more = !n.inputs.empty();
  const std::string bar = more ? "│  " : "   ";
  if (!n.formula.empty()) {
    out += under + bar + "= " + n.formula;
    if (!n.reference.empty()) out += "  (" + n.reference + ")";
    out += "\n";
  }
  if (!n.note.empty()) out += under + bar + n.note + "\n";
  if (n.rows) out += under + bar + rows_text(*n.rows) + "\n";
  for (std::size_t i = 0; i < n.inputs.size(); ++i) {
    text_node(n.inputs[i], under, i + 1 == n.inputs.size() ? "└─ " : "├─ ", out);
  }
}

nlohmann::ordered_json json_node(const Explanation& n) {
  nlohmann::ordered_json j;
  if (!n.key.empty()) j["key"] = n.key;
  j["label"] = n.label;
  j["value"] = n.value ? nlohmann::ordered_json(*n.value) : nlohmann::ordered_json(nullptr);
  j["unit"] = n.unit;
  if (!n.formula.empty()) j["formula"] = n.formula;
  if (!n.reference.empty()) j["reference"] = n.reference;
  if (!n.note.empty()) j["note"] = n.note;
  if (n.rows) j["rows"] = source_rows_json(*n.rows);
  if (!n.inputs.empty()) {
    auto inputs = nlohmann::ordered_json::array();
    for (const Explanation& c : n.inputs) inputs.push_back(json_node(c));
    j["inputs"] = std::move(inputs);
  }
  return j;
}

}  // namespace

nlohmann::ordered_json source_rows_json(const SourceRows& rows) {
  nlohmann::ordered_json r;
  r["file"] = rows.file;
  if (!rows.sheet.empty()) r["sheet"] = rows.sheet;
  r["what"] = rows.what;
  r["count"] = rows.lines.size();
  r["lines"] = rows.lines;
  if (rows.partial_line != 0) r["partial_line"] = rows.partial_line;
  return r;
}

std::string position(const SourceRows& rows, std::uint32_t first, std::uint32_t last) {
  if (!rows.sheet.empty()) return fmt::format("{}:{}!{}:{}", rows.file, rows.sheet, first, last);
  return first == last ? fmt::format("{}:{}", rows.file, first)
                       : fmt::format("{}:{}-{}", rows.file, first, last);
}

std::string line_runs(const SourceRows& rows) {
  // Runs of consecutive lines; past twelve of them, the first six and the
  // last six around the count left out (the JSON lists every line).
  std::vector<std::pair<std::uint32_t, std::uint32_t>> runs;
  for (std::uint32_t line : rows.lines) {
    if (!runs.empty() && runs.back().second + 1 == line) {
      runs.back().second = line;
    } else {
      runs.emplace_back(line, line);
    }
  }
  auto run_text = [](std::pair<std::uint32_t, std::uint32_t> r) {
    return r.first == r.second ? fmt::format("{}", r.first)
                               : fmt::format("{}-{}", r.first, r.second);
  };
  std::string out;
  for (std::size_t i = 0; i < runs.size(); ++i) {
    if (runs.size() > 12 && i == 6) {
      out += fmt::format(", … {} more runs …", runs.size() - 12);
      i = runs.size() - 7;
      continue;
    }
    out += (out.empty() ? "" : ", ") + run_text(runs[i]);
  }
  return out;
}

std::string render_text(const ExplainedFigure& e) {
  std::string out = fmt::format("{}, {}: {}\n\n", e.site, e.period_name,
                                e.root.key.empty() ? e.root.label : e.root.key);
  text_node(e.root, "", "", out);
  return out;
}

std::string render_json(const ExplainedFigure& e) {
  nlohmann::ordered_json j;
  j["site"] = e.site;
  j["period"] = e.period;
  j["figure"] = json_node(e.root);
  return json_text(j);
}

}  // namespace orebook::report
