#pragma once
// A sheet of an Excel workbook (.xlsx, Office Open XML, ECMA-376) read as
// the records of a data file (docs/dataset.md, "Workbooks"): the loaders see
// CsvRecords, a row's number as the record's line and a cell's column number
// as its column, so every rule of a CSV file applies unchanged.
//
// The zip is read with libzip and the XML with expat. Only what a data sheet
// needs is read: xl/workbook.xml (the sheets, the date system), its
// relationships (where each sheet is), the shared strings, the number formats
// of the cell styles (which numbers are dates), and the sheet itself, which is
// streamed through expat a chunk at a time, so a sheet of millions of rows
// never sits in memory whole.

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "orebook/core/diagnostic.h"
#include "orebook/dataset/csv.h"

namespace orebook::dataset {

// What a workbook may decompress to. A zip of a few kilobytes can hold
// gigabytes of zeros: each part is refused, with an error, beyond its cap
// (checked against the size the zip declares and again while reading).
struct XlsxLimits {
  // A part read whole: the workbook, its relationships, styles, shared strings.
  std::uint64_t max_part_bytes = std::uint64_t{256} << 20;
  // The sheet, streamed: its memory stays small, this bounds the time.
  std::uint64_t max_sheet_bytes = std::uint64_t{16} << 30;
  // One cell's text.
  std::uint64_t max_cell_bytes = std::uint64_t{1} << 20;
};

struct OpenedSheet {
  std::unique_ptr<RecordSource> source;  // null when the sheet cannot be read
  std::string name;                      // the sheet's name in the workbook
};

// Opens sheet `sheet` (empty: the first) of the workbook at `path`; problems
// found later, while rows are read, go to `diags` (which must outlive the
// source), at the sheet's cells. When it cannot be opened the source is
// null, with an error at the workbook; a sheet the workbook does not have is
// reported at `sheet_key` when given (the site.toml value naming it), naming
// the sheets the workbook has.
OpenedSheet open_sheet(const std::string& path, const std::string& sheet,
                       const core::Diagnostic* sheet_key, core::Diagnostics& diags,
                       const XlsxLimits& limits = {});

// The day of Excel serial number `serial` as ISO text "YYYY-MM-DD", in the
// 1900 date system (serial 1 is 1900-01-01; Lotus 1-2-3's leap-year bug kept
// by Excel: serial 60 is the fictitious 1900-02-29, so serial 61 is
// 1900-03-01) or the 1904 one (serial 0 is 1904-01-01). Nullopt for a serial
// with a time of day, before the first day or after 9999-12-31.
std::optional<std::string> excel_date(double serial, bool date1904);

// Whether number format `code` shows a date: a d, m or y outside quoted
// text, brackets ([Red], [$-409], [h]) and escaped characters.
bool is_date_format(std::string_view code);
// Whether built-in number format `id` is a date (ECMA-376 §18.8.30: 14 to 22,
// and the times 45 to 47).
bool is_builtin_date_format(std::uint32_t id);

}  // namespace orebook::dataset
