#pragma once
// Renderers: a Table to text, Markdown, CSV or JSON. They format with
// report/format.h and compute nothing but the change column, which calls
// accounting::change.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "orebook/report/figure.h"

namespace orebook::report {

enum class Format { text, markdown, csv, json };
std::string_view to_string(Format f);
// "text", "md" (or "markdown"), "csv", "json".
std::optional<Format> format_from_string(std::string_view text);
// From a file name's extension: .txt, .md, .csv, .json; text for a name
// without one; nullopt for any other extension.
std::optional<Format> format_from_path(std::string_view path);

// How text and Markdown show a figure that is unknown (JSON: null; CSV: an
// empty cell): an en dash, never 0.
inline constexpr std::string_view kUnknown = "\xE2\x80\x93";  // U+2013, in UTF-8

// A figure's value as the table prints it: "21,395", "11.3%", "$32.81".
std::string display_value(const Figure& f, double value);
// The change column: whole-percent change ("30%"), or for percent figures
// the difference in percentage points ("1.3 pp"); "-" when not defined.
std::string display_change(const Figure& f, const std::optional<double>& current,
                           const std::optional<double>& prior);

std::string render(const Table& table, Format format);
// Several tables: one after another (text, md, csv), or {"tables": [...]} (json).
std::string render(const std::vector<Table>& tables, Format format);

}  // namespace orebook::report
