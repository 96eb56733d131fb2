#pragma once
// Figures: everything a report shows. Renderers see only these; they never
// compute (shared/docs/architecture.md).

#include <optional>
#include <string>
#include <vector>

namespace orebook::report {

struct Figure {
  std::string key;     // stable identifier, e.g. "production.Ag"
  std::string label;   // as the table prints it, e.g. "Silver (oz)"
  std::string unit;    // "t", "t/d", "d", "g/t", "%", "oz", "lb", "USD/oz" ...
  int decimals = 0;    // digits shown in text, Markdown and CSV
  std::string prefix;  // printed before the value, e.g. "$"
  // One value per period, full precision; percents as percents (94.7).
  std::vector<std::optional<double>> values;
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
  std::vector<Figure> figures;
  std::vector<Line> lines;
  bool show_change = true;  // a change column when there are two columns

  // Appends a figure as a line of the table.
  void add(Figure f, int indent = 0);
  void heading(std::string text);
};

}  // namespace orebook::report
