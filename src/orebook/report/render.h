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

// xlsx and html are documents: besides the tables they carry what the run
// read and warned of (report/document.h), so they are made from the tables
// once the run is over (pipeline::render_document), not by render().
enum class Format { text, markdown, csv, json, xlsx, html };
std::string_view to_string(Format f);
// "text", "md" (or "markdown"), "csv", "json", "xlsx", "html".
std::optional<Format> format_from_string(std::string_view text);
// From a file name's extension: .txt, .md, .csv, .json, .xlsx, .html (.htm);
// text for a name without one; nullopt for any other extension.
std::optional<Format> format_from_path(std::string_view path);
inline bool is_document(Format f) { return f == Format::xlsx || f == Format::html; }

// How text and Markdown show a figure that is unknown (JSON: null; CSV: an
// empty cell): an en dash, never 0.
inline constexpr std::string_view kUnknown = "\xE2\x80\x93";  // U+2013, in UTF-8

// A figure's value as the table prints it: "21,395", "11.3%", "$32.81".
std::string display_value(const Figure& f, double value);
// Value k of a figure as a table cell prints it: display_value, " (r)"
// after a reported value, the en dash when unknown.
std::string display_cell(const Figure& f, std::size_t k);
// The change column: whole-percent change ("30%"), or for percent figures
// the difference in percentage points ("1.3 pp"); "-" when not defined.
std::string display_change(const Figure& f, const std::optional<double>& current,
                           const std::optional<double>& prior);

// Whether the table prints a change column (two columns, show_change).
bool has_change(const Table& t);
// Whether any value of the table is marked reported, and the note that says
// what the mark means.
bool any_reported(const Table& t);
inline constexpr std::string_view kReportedNote =
    "(r) reported: a figure published elsewhere, not derived by orebook";

// text, md, csv or json (a document format is made by pipeline::render_document).
std::string render(const Table& table, Format format);
// Several tables: one after another (text, md, csv), or {"tables": [...]} (json).
std::string render(const std::vector<Table>& tables, Format format);

}  // namespace orebook::report
