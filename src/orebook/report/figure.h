#pragma once
// Figures: everything a report shows. Renderers see only these; they never
// compute (docs/design.md, the pipeline).

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace orebook::report {

// Input rows a figure is made from (a sum runs over): the rows of one file that lie in the period
// and belong to what is summed (a stream, a metal's production rows).
struct SourceRows {
  std::string file;   // as diagnostics name it: "streams.csv", "plant.xlsx"
  std::string sheet;  // of a workbook; empty for a CSV file
  // The dataset's name of the data file (dataset::FileState::file: a sheet
  // [files] names is "plant.xlsx#Mill"), to read the rows again; not printed.
  std::string data_file;
  std::string what;                  // "stream 'mill_feed'", "Silver in production.csv"
  std::vector<std::uint32_t> lines;  // every row, ascending (line in the file, or sheet row)
  // A row only partly inside the period: it cannot be split, so what it
  // feeds is unknown (0: none).
  std::uint32_t partial_line = 0;
};

struct Figure {
  Figure() = default;
  Figure(std::string key_, std::string label_, std::string unit_, int decimals_,
         std::string prefix_, std::vector<std::optional<double>> values_)
      : key(std::move(key_)),
        label(std::move(label_)),
        unit(std::move(unit_)),
        decimals(decimals_),
        prefix(std::move(prefix_)),
        values(std::move(values_)) {}

  std::string key;     // stable identifier, e.g. "production.Ag"
  std::string label;   // as the table prints it, e.g. "Silver (oz)"
  std::string unit;    // "t", "t/d", "d", "g/t", "%", "oz", "lb", "USD/oz" ...
  int decimals = 0;    // digits shown in text, Markdown and CSV
  std::string prefix;  // printed before the value, e.g. "$"
  // One value per period, full precision; percents as percents (94.7).
  std::vector<std::optional<double>> values;
  // Per value: published elsewhere (reported.csv), not derived by orebook.
  // Empty when none is.
  std::vector<bool> reported;
  bool parentheses = false;  // negatives print as (97), as financial tables do
  // Per value, with report --provenance: the input rows it is made from
  // (pipeline/explain.cpp); nullopt for a value whose rows are not traced.
  // Empty without --provenance.
  std::vector<std::optional<std::vector<SourceRows>>> provenance;
};

// A line of a table: a group heading ("Recoveries:") or a figure.
struct Line {
  std::string heading;     // non-empty for a heading line
  std::size_t figure = 0;  // index into Table::figures otherwise
  int indent = 0;          // 1 under a heading
};

struct Table {
  std::string site;
  std::string title;
  std::vector<std::string> periods;  // canonical period texts, first is the current one
  // The same periods as people name them (calendar/names.h): "Q1 2012",
  // "9M 2012", "FY2020"; headers of text and Markdown. Empty: the canonical texts.
  std::vector<std::string> period_names;
  std::vector<Figure> figures;
  std::vector<Line> lines;
  bool show_change = true;         // a change column when there are two columns
  std::string caption;             // printed under the title, e.g. "in thousands of dollars"
  std::vector<std::string> notes;  // sentences printed after the table (highlights, footnotes)

  // Appends a figure as a line of the table.
  void add(Figure f, int indent = 0);
  void heading(std::string text);
  // Appends a column: its canonical text and its name.
  void add_period(std::string id, std::string name) {
    periods.push_back(std::move(id));
    period_names.push_back(std::move(name));
  }
  // The header of column k.
  const std::string& period_name(std::size_t k) const {
    return k < period_names.size() ? period_names[k] : periods[k];
  }
};

}  // namespace orebook::report
