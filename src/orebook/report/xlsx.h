#pragma once
// Tables as an Excel workbook (Office Open XML, ECMA-376), written with
// libxlsxwriter: a sheet per table, numbers stored as numbers at full
// precision with a number format that shows what the text report prints,
// and a last sheet "Notes" with what made the workbook (report/document.h).

#include <string>
#include <vector>

#include "orebook/report/document.h"
#include "orebook/report/figure.h"

namespace orebook::report {

// Excel's limits (Microsoft, "Excel specifications and limits").
inline constexpr std::size_t kXlsxMaxRows = 1048576;
inline constexpr std::size_t kXlsxMaxColumns = 16384;
inline constexpr std::size_t kXlsxMaxCellText = 32767;

// The workbook's bytes. The document's dates are fixed (the creation date is
// SOURCE_DATE_EPOCH when set, else 2000-01-01), so the same tables give the
// same bytes. A table too large for a sheet is a core::Error (exit 2).
std::string render_xlsx(const std::vector<Table>& tables, const Document& document);

// The number format that shows `f`'s values as display_value prints them:
// "#,##0.0", "\"$\"#,##0.00", "#,##0.0%" (a percent figure's cell holds the
// fraction, 0.947 for 94.7%), negatives in parentheses where the figure
// asks for them; `reported` adds " (r)".
std::string xlsx_number_format(const Figure& f, bool reported);
// A sheet name Excel accepts, unique among `taken` (which it is added to):
// at most 31 characters, none of []:*?/\, not starting or ending with '.
std::string xlsx_sheet_name(const std::string& title, std::vector<std::string>& taken);

}  // namespace orebook::report
