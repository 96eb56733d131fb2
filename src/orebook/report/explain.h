#pragma once
// What `orebook explain` prints: a figure as the tree of the formula that
// gives it, each input with its value, down to the input rows it is summed
// from (AMIRA P754: every reported figure traceable to its source data).
// The tree is built by pipeline/explain.cpp from the same totals the report
// prints; this file only holds it and writes it as text or JSON.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "orebook/report/figure.h"

namespace orebook::report {

// One node of the tree: a quantity, how it is computed and from what.
struct Explanation {
  std::string key;    // the report key where the node is a figure, else empty
  std::string label;  // "Silver recovery", "Silver in mill feed"
  std::optional<double> value;
  std::string unit;       // "%", "t", "oz", "g/t", "t/d", "d"
  int decimals = 0;       // digits the text prints
  std::string formula;    // "production ÷ metal in mill feed × 100"; empty for a given value
  std::string reference;  // "docs/formulas.md §3"
  std::string note;       // why unknown, or where a value was given
  std::vector<Explanation> inputs;
  std::optional<SourceRows> rows;  // a sum over input rows
};

// The explanation of one figure of a period.
struct ExplainedFigure {
  std::string site;
  std::string period;       // canonical, "2013Q2"
  std::string period_name;  // as people name it, "Q2 2013"
  Explanation root;
};

// Text: the formula tree, one node a line, inputs indented beneath.
std::string render_text(const ExplainedFigure& e);
// JSON: {"site", "period", "figure": node}; node = {"key"?, "label", "value",
// "unit", "formula", "reference", "note", "inputs": [...], "rows": {...}}.
std::string render_json(const ExplainedFigure& e);

// {"file", "sheet"?, "what", "count", "lines", "partial_line"?}: the JSON of
// rows, in explain's tree and in report --provenance alike.
nlohmann::ordered_json source_rows_json(const SourceRows& rows);

// "streams.csv:12", "streams.csv:12-15" or, in a sheet, "plant.xlsx:Mill!12:15"
// (Excel's reference to whole rows): where a run of consecutive lines is.
std::string position(const SourceRows& rows, std::uint32_t first, std::uint32_t last);
// Every line of `rows` as runs of consecutive lines: "12-15, 20, 22-23".
std::string line_runs(const SourceRows& rows);

}  // namespace orebook::report
