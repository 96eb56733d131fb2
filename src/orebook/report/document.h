#pragma once
// A document of tables (a workbook, an HTML page): the tables as the text
// report prints them, and what a reader needs to trust them — the command
// that made it, orebook's version, the files read with their SHA-256, the
// warnings of the run. Nothing in it depends on the clock, so the same
// input makes the same bytes.

#include <optional>
#include <string>
#include <vector>

#include "orebook/report/figure.h"

namespace orebook::report {

struct SourceFile {
  std::string path;                   // as the run named it
  std::optional<std::string> sha256;  // lower-case hex; none when it could not be read again
};

struct Document {
  std::string command;  // the command line as given
  std::string version;  // orebook's
  std::string dataset;  // folder or problem file; may be empty
  std::vector<SourceFile> files;
  std::vector<std::string> warnings;  // as printed on standard error
};

// A chart of an HTML report: an Apache ECharts option (JSON). A string
// "orebook:NAME" in it stands for the page's function NAME (a waterfall's
// bars, a Sankey link's tooltip): options are data, functions are the page's.
struct Chart {
  std::string title;
  std::string option;
  std::string note;  // a sentence under the chart: what its colours mean
  int height = 360;  // pixels on screen
};

}  // namespace orebook::report
