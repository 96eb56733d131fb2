#pragma once
// Problems found in input data, collected rather than thrown so that one run
// reports every bad row (docs/design.md, the pipeline; beancount's habit).

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace orebook::core {

enum class Severity { error, warning };

struct Diagnostic {
  std::string file;        // path as given by the user; empty for the command line
  std::uint32_t line = 0;  // 1-based; 0 when the problem is not on a line
  std::uint32_t column = 0;
  Severity severity = Severity::error;
  std::string code;     // stable identifier, e.g. "malformed-number"
  std::string message;  // what is wrong
  // The text found (may be empty), as stored: bytes that are not UTF-8 shown
  // as \xNN, and cut after kMaxFound characters with "…" (Diagnostics::add).
  std::string found;
  std::string expected;  // what was expected (may be empty)
  // A declaration other problems follow from (a stream id declared twice
  // leaves the other id undeclared): sorted first in its file.
  bool cause = false;
  // The sheet of a workbook the problem is in (docs/dataset.md, "Workbooks"):
  // then `line` is the row and `column` the column number (1 is A), printed
  // as a cell, "streams.xlsx:Mill!C14". Empty for a text file.
  std::string sheet{};
};

// "file:line:col: error: message: found "x", expected y [code]"; in a sheet
// of a workbook "file:Sheet!C14: error: …".
std::string to_string(const Diagnostic& d);

// A column number as a sheet writes it: 1 is "A", 26 "Z", 27 "AA".
std::string column_letters(std::uint32_t column);
// Where `d` is in its sheet, as a cell reference writes it: "Mill!C14",
// "'Mill 2'!C14" (a name other than letters, digits, '_' and '.' is quoted,
// as Excel does), "Mill!14:14" for a whole row (no column), "Mill" for the
// sheet as a whole (no row). Empty when `d` is not in a sheet.
std::string sheet_position(const Diagnostic& d);

// How much of a found text a diagnostic quotes: a whole row pasted into one
// cell would bury the message.
inline constexpr std::size_t kMaxFound = 80;
// `text` as a diagnostic quotes it: valid UTF-8 kept, any other byte written
// \xNN, at most kMaxFound characters (code points) and then "…".
std::string quotable(std::string_view text);

// " (and 2 more in this file, lines 11, 16)": what a problem said once, at
// its first case, adds for the further cases at `more_lines` (the first five
// listed, then "…"); empty when there are none.
std::string more_in_file(const std::vector<std::uint32_t>& more_lines);

class Diagnostics {
 public:
  // Beyond this many, further diagnostics are counted but not stored, so a
  // file of ten million bad rows cannot exhaust memory.
  static constexpr std::size_t kMaxStored = 10000;

  void add(Diagnostic d);
  void error(std::string file, std::uint32_t line, std::uint32_t column, std::string code,
             std::string message, std::string found = {}, std::string expected = {});
  void warning(std::string file, std::uint32_t line, std::uint32_t column, std::string code,
               std::string message, std::string found = {}, std::string expected = {});
  // Counts `n` problems not stored, `errors` of them errors (another list's
  // beyond its kMaxStored, when its stored ones are added here).
  void count_unstored(std::size_t n, std::size_t errors) {
    dropped_ += n;
    errors_ += errors;
  }
  bool has_errors() const { return errors_ > 0; }
  std::size_t error_count() const { return errors_; }
  std::size_t dropped() const { return dropped_; }
  // "... and 12 more problems not shown", the line standard error and a
  // document's notes end with when problems were dropped; empty otherwise.
  std::string dropped_line() const;
  const std::vector<Diagnostic>& items() const { return items_; }
  // Orders by file, line and column so output does not depend on the order
  // the checks ran in; in a file, causes first. Files come in the order set_file_order gives (the
  // command line first, then the order files are read: site.toml, whose
  // errors are the cause of most others, before the files read against it),
  // files it does not name after them by name.
  void sort();
  void set_file_order(std::vector<std::string> files) { file_order_ = std::move(files); }
  // Says that the data file filed under `name` was read from `sheet` of the
  // workbook `workbook` (empty: `name` is the workbook's path): a problem
  // added later at `name` without a sheet (a stage after loading, quoting a
  // row) is then positioned in that sheet of that workbook. Several data
  // files read from one workbook each have a name of their own
  // ("plant.xlsx#Mill"), so a row's problem names its sheet without doubt.
  struct SheetOf {
    std::string name, sheet, workbook;
  };
  void set_sheet(const std::string& name, std::string sheet, std::string workbook = {});
  const std::vector<SheetOf>& sheets() const { return sheets_; }

 private:
  std::vector<Diagnostic> items_;
  std::vector<std::string> file_order_;
  std::vector<SheetOf> sheets_;  // set_sheet
  std::size_t errors_ = 0;
  std::size_t dropped_ = 0;
};

}  // namespace orebook::core
