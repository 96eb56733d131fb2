#pragma once
// A results release as plain text (news-wire text, or `orebook results`
// output): its tables, each figure with its value, the precision it is printed
// with, its period and its position (docs/formulas.md §15, §16). A figure
// printed as 66% stands for [65.5%, 66.5%): that interval, not a tolerance,
// is what the checks compare.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "orebook/calendar/period.h"
#include "orebook/units/interval.h"

namespace orebook::check {

// One number as printed.
struct Figure {
  double value = 0.0;  // as printed, in the table's units (thousands not applied)
  int decimals = 0;    // digits after the point as printed
  std::string unit;    // "%", "pp", "$" or "" (a plain number)
  std::string text;    // the cell as printed
  double scale = 1.0;  // 1e3 in a table "in thousands of dollars" or a "(000 oz)" row
  std::uint32_t line = 0, column = 0;
  // Every value that prints this way, in units (the scale applied).
  units::Interval interval() const {
    return units::Interval::from_printed(value, decimals) * units::Interval(scale);
  }
};

struct Column {
  std::string header;                      // "2012Q1", "Three Months Ended March 31 2012", "Change"
  std::optional<calendar::Period> period;  // nullopt for a change column or an unknown header
  bool change = false;
  // What the column is of besides its period: a mine named in a header row
  // ("Palmarejo" under "Q2 2016"), or a guidance or budget column.
  std::string entity;
};

// The scale a row's figures are printed in: "(000 oz)", "($ millions)", "koz"
// in the label; else "in thousands of dollars" in the table's caption or
// title, for money rows only (a row naming another unit or a per-unit amount
// is printed in units: "except per share and per ounce amounts").
double scale_of(std::string_view label, std::string_view caption);

struct Row {
  std::string label;  // "Silver grade (g/t)"
  std::string group;  // the nearest heading above it, without its colon ("Concentrate grade")
  // Every heading above it, outermost first: "Concentrate production",
  // "Zinc concentrate", "Concentrate grade" over "Silver (grams per tonne)".
  std::vector<std::string> path;
  std::vector<std::optional<Figure>> cells;  // per column; nullopt: blank or "-"
  std::uint32_t line = 0;
};

struct Table {
  std::string title;  // the line above the table
  // The header's own label cell ("Mount Polley Mine Production", "CLG
  // Production (100% Basis)"), when it has one.
  std::string label;
  std::string caption;  // "(in thousands of C$ ...)" when present
  // The one metal the table names, if only one (a gold mine's table: its
  // "Recovery rate (%)" is gold's); "" otherwise.
  std::string metal;
  std::vector<Column> columns;
  std::vector<Row> rows;
  std::uint32_t line = 0;  // of the header
};

// A line of prose (a paragraph or a bullet), where it starts.
struct Prose {
  std::string text;
  std::uint32_t line = 0, column = 0;
  std::uint32_t paragraph = 0;  // sentences of one paragraph share it
  // The heading the sentence stands under, when it names periods: "2013
  // Operations Highlights (Compared to 2012)" over its bullets.
  std::string heading;
};

// A line the reader did not take as a table row or a sentence to check, and
// why: a user must see what was not checked (docs/check.md).
struct Skipped {
  std::uint32_t line = 0;
  std::string text;  // the line, shortened
  std::string why;
};

struct Release {
  // The first month of the fiscal year, when the release says when one of
  // its fiscal quarters ended ("Q1 FY2022, the period ended December 31,
  // 2021": October); fiscal headers ("Q3 FY2023") are then read as periods.
  std::optional<unsigned> fiscal_first_month;
  std::vector<Table> tables;
  std::vector<Prose> prose;
  // Footnotes: how figures were made ("the throughput at Guanajuato is
  // based on a 6 day work week", "gold equivalent ounces at a Ag:Au ratio of
  // 60:1"). Not checked themselves; they qualify the checks.
  std::vector<Prose> notes;
  std::vector<Skipped> skipped;   // the first kMaxSkippedListed
  std::size_t skipped_lines = 0;  // all of them
};

// Never fails: text it cannot read as a table is skipped. Cells are separated
// by tabs, or by runs of two or more spaces (aligned text tables).
// `first_line` numbers the text's first line (a part of a larger file).
Release parse_release(std::string_view text, std::uint32_t first_line = 1);

// At most this many skipped lines are listed; the rest are counted.
inline constexpr std::size_t kMaxSkippedListed = 10000;

// A part of a long text, cut at a blank line, with the number of its first
// line. A real release is a few hundred kilobytes; a text of many megabytes
// (a concatenation, or not a release at all) is read part by part so that
// memory stays in proportion to a part, not to the file; a sentence is then
// linked to the tables of its own part only.
struct Part {
  std::string_view text;
  std::uint32_t first_line = 1;
};
std::vector<Part> parts_of(std::string_view text, std::size_t part_bytes = std::size_t{1} << 19);

// A figure's text read as a number: "21,395", "11.3%", "$32.81", "US$0.95",
// "(97)", "-21%", "+1.3 pp", "$11.01 (r)". nullopt when it is not one.
std::optional<Figure> parse_figure(std::string_view cell);

// The period a fiscal header names ("Q3 FY2023", "YTD Q3 FY2023", "FY 2023",
// "Q2 Fiscal 2020") for a fiscal year starting in `first_month`; nullopt when
// it names no fiscal year.
std::optional<calendar::Period> fiscal_period_header(const std::string& header,
                                                     unsigned first_month);

// The period a column header names: "2012Q1", "Q1 2012", "2012", "Year 2011",
// "at 2012-03-31", "Three Months Ended March 31 2012", "Six months ended June 30, 2012".
std::optional<calendar::Period> parse_period_header(std::string_view header);

}  // namespace orebook::check
