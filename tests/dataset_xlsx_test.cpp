// Workbooks as data files (docs/dataset.md, "Workbooks"): the sheet reader
// on the fixtures of tests/data/xlsx (make.py writes them, with openpyxl and
// by hand), dates from serial numbers, and Nuestra Señora's report from
// workbooks against its report from the CSV files.

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <unistd.h>

#include <gtest/gtest.h>

#include "orebook/dataset/xlsx.h"
#include "orebook/pipeline/pipeline.h"
#include "test_util.h"

namespace orebook::dataset {
namespace {

namespace fs = std::filesystem;
using testing::dump;

const fs::path kFixtures = fs::path(OREBOOK_SOURCE_DIR) / "tests" / "data" / "xlsx";
const fs::path kNuestraSenora = fs::path(OREBOOK_SOURCE_DIR) / "examples" / "nuestra-senora";

// Every record of `sheet` of fixture `name`, its fields as strings.
struct Rows {
  std::vector<std::vector<std::string>> fields;
  std::vector<std::uint32_t> lines;
  std::vector<CsvRecord> errors;  // records with an error
};
Rows read_sheet(const std::string& path, const std::string& sheet, core::Diagnostics& diags,
                const XlsxLimits& limits = {}) {
  Rows out;
  OpenedSheet s = open_sheet(path, sheet, nullptr, diags, limits);
  if (!s.source) return out;
  CsvReader reader = CsvReader::from_source(std::move(s.source));
  CsvRecord rec;
  while (reader.next(rec)) {
    out.fields.emplace_back(rec.fields.begin(), rec.fields.end());
    out.lines.push_back(rec.line);
    if (!rec.error.empty()) out.errors.push_back(rec);
  }
  return out;
}

TEST(Xlsx, DatesFromSerialNumbers) {
  // Excel's 1900 system with its leap-year bug: 59 is 1900-02-28, 60 the
  // fictitious 1900-02-29, 61 1900-03-01; 41640 is 2014-01-01 (Excel shows
  // it so); 2958465 is 9999-12-31, the last day Excel knows.
  EXPECT_EQ(excel_date(1, false), "1900-01-01");
  EXPECT_EQ(excel_date(59, false), "1900-02-28");
  EXPECT_EQ(excel_date(60, false), "1900-02-29");
  EXPECT_EQ(excel_date(61, false), "1900-03-01");
  EXPECT_EQ(excel_date(41640, false), "2014-01-01");
  EXPECT_EQ(excel_date(2958465, false), "9999-12-31");
  // 1904: day 0 is 1904-01-01; the same day is 1,462 serials apart.
  EXPECT_EQ(excel_date(0, true), "1904-01-01");
  EXPECT_EQ(excel_date(41640 - 1462, true), "2014-01-01");
  EXPECT_EQ(excel_date(2958465 - 1462, true), "9999-12-31");
  // Not a day: a time of day, before the first day, after the last.
  EXPECT_EQ(excel_date(41640.5, false), std::nullopt);
  EXPECT_EQ(excel_date(0, false), std::nullopt);
  EXPECT_EQ(excel_date(-1, true), std::nullopt);
  EXPECT_EQ(excel_date(2958466, false), std::nullopt);
}

TEST(Xlsx, DateFormats) {
  EXPECT_TRUE(is_date_format("yyyy\\-mm\\-dd;@"));
  EXPECT_TRUE(is_date_format("[$-409]mmm-yy"));
  EXPECT_TRUE(is_date_format("D MMMM YYYY"));
  EXPECT_FALSE(is_date_format("0.0\" days\""));  // the d is quoted text
  EXPECT_FALSE(is_date_format("[Red]#,##0.00"));
  EXPECT_FALSE(is_date_format("General"));
  EXPECT_FALSE(is_date_format("0\\d"));  // an escaped d
  EXPECT_TRUE(is_builtin_date_format(14));
  EXPECT_TRUE(is_builtin_date_format(22));
  EXPECT_FALSE(is_builtin_date_format(2));
}

TEST(Xlsx, DateCellsBecomeDays) {
  core::Diagnostics diags;
  const Rows r = read_sheet((kFixtures / "dates-1900.xlsx").string(), "", diags);
  ASSERT_FALSE(diags.has_errors()) << dump(diags);
  // Column A is unstyled (the serial as stored), B built-in 14, C a custom
  // yyyy-mm-dd, D a custom format whose "d" is quoted text: not a date.
  const std::vector<std::vector<std::string>> expected = {
      {"serial", "builtin", "custom", "quoted"},
      {"1", "1900-01-01", "1900-01-01", "1"},
      {"59", "1900-02-28", "1900-02-28", "59"},
      {"60", "1900-02-29", "1900-02-29", "60"},
      {"61", "1900-03-01", "1900-03-01", "61"},
      {"41640", "2014-01-01", "2014-01-01", "41640"},
      {"2958465", "9999-12-31", "9999-12-31", "2958465"}};
  EXPECT_EQ(r.fields, expected);

  const Rows r1904 = read_sheet((kFixtures / "dates-1904.xlsx").string(), "", diags);
  ASSERT_FALSE(diags.has_errors()) << dump(diags);
  ASSERT_EQ(r1904.fields.size(), 4u);
  EXPECT_EQ(r1904.fields[1][1], "1904-01-01");
  EXPECT_EQ(r1904.fields[2][2], "1904-01-02");
  EXPECT_EQ(r1904.fields[3][1], "2014-01-01");  // 40178 in 1904 is 41640 in 1900
}

TEST(Xlsx, EveryKindOfCell) {
  core::Diagnostics diags;
  const Rows r = read_sheet((kFixtures / "cells.xlsx").string(), "Cells", diags);
  EXPECT_FALSE(diags.has_errors()) << dump(diags);
  ASSERT_EQ(r.fields.size(), 3u);  // the blank row and the comment row are skipped
  // Shared, inline (two runs), a formula's text, a boolean, a number with
  // all 18 digits it was stored with; the empty sixth column padded.
  EXPECT_EQ(r.fields[1], (std::vector<std::string>{"shared", "inline", "ab", "TRUE",
                                                   "1.23456789012345678", ""}));
  EXPECT_EQ(r.lines, (std::vector<std::uint32_t>{1, 2, 4}));
  // Row 4 has one cell, C4, holding #DIV/0!: an error at C4, fields padded.
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_EQ(r.errors[0].line, 4u);
  EXPECT_EQ(r.errors[0].error_column, 3u);
  EXPECT_EQ(r.errors[0].error_code, "error-cell");
  EXPECT_EQ(r.errors[0].error_found, "#DIV/0!");
  EXPECT_EQ(r.fields[2].size(), 6u);
}

TEST(Xlsx, TheFirstSheetIsTheWorkbooksFirst) {
  // ns-streams-raw.xlsx lists Notes then Mill, whose parts are sheet2.xml and
  // sheet1.xml: the first sheet is Notes, found through workbook.xml.
  core::Diagnostics diags;
  const Rows first = read_sheet((kFixtures / "ns-streams-raw.xlsx").string(), "", diags);
  ASSERT_EQ(first.fields.size(), 1u) << dump(diags);
  EXPECT_EQ(first.fields[0][0], "written by tests/data/xlsx/make.py");
  const Rows mill = read_sheet((kFixtures / "ns-streams-raw.xlsx").string(), "Mill", diags);
  ASSERT_GT(mill.fields.size(), 1u);
  // The rich-text header cell: its runs joined, its phonetic reading left out.
  EXPECT_EQ(mill.fields[0][2], "dry_t");
}

TEST(Xlsx, MissingSheetNamesTheSheets) {
  core::Diagnostics diags;
  const core::Diagnostic key{"site.toml", 12, 11, core::Severity::error, "", "", "", ""};
  const OpenedSheet s =
      open_sheet((kFixtures / "ns-streams-raw.xlsx").string(), "Mil", &key, diags);
  EXPECT_EQ(s.source, nullptr);
  const core::Diagnostic* d = testing::find(diags, "missing-sheet");
  ASSERT_NE(d, nullptr) << dump(diags);
  EXPECT_EQ(d->file, "site.toml");
  EXPECT_EQ(d->line, 12u);
  EXPECT_EQ(d->found, "Mil");
  EXPECT_EQ(d->expected, "one of its sheets: \"Notes\", \"Mill\"");
}

// Bytes written to a file of the test's own, removed after.
struct TempFile {
  fs::path path;
  explicit TempFile(const std::string& bytes, const std::string& name = "book.xlsx") {
    path = fs::temp_directory_path() / (std::to_string(getpid()) + "-" + name);
    std::ofstream(path, std::ios::binary) << bytes;
  }
  ~TempFile() { fs::remove(path); }
};

std::string read_bytes(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

TEST(Xlsx, BadWorkbooksAreErrorsNotCrashes) {
  const std::string good = read_bytes(kFixtures / "cells.xlsx");
  // Not a zip; an empty file; a zip cut in half; every byte flipped in turn
  // would take long: every 7th.
  std::vector<std::string> inputs = {"period,stream\n", "", good.substr(0, good.size() / 2)};
  for (std::size_t i = 0; i < good.size(); i += 7) {
    std::string bad = good;
    bad[i] = static_cast<char>(bad[i] ^ 0x5A);
    inputs.push_back(bad);
  }
  for (const std::string& bytes : inputs) {
    const TempFile f(bytes);
    core::Diagnostics diags;
    read_sheet(f.path.string(), "", diags);
    for (const core::Diagnostic& d : diags.items()) EXPECT_FALSE(d.message.empty());
  }
  const TempFile text("period,stream\n");
  core::Diagnostics diags;
  read_sheet(text.path.string(), "", diags);
  ASSERT_NE(testing::find(diags, "not-a-workbook"), nullptr) << dump(diags);
}

TEST(Xlsx, DecompressedSizesAreCapped) {
  core::Diagnostics diags;
  XlsxLimits small;
  small.max_part_bytes = 100;  // workbook.xml is larger
  read_sheet((kFixtures / "cells.xlsx").string(), "", diags, small);
  const core::Diagnostic* d = testing::find(diags, "too-large");
  ASSERT_NE(d, nullptr) << dump(diags);
  EXPECT_NE(d->message.find("xl/workbook.xml"), std::string::npos) << d->message;

  core::Diagnostics sheet_diags;
  XlsxLimits tiny_sheet;
  tiny_sheet.max_sheet_bytes = 50;
  read_sheet((kFixtures / "cells.xlsx").string(), "", sheet_diags, tiny_sheet);
  EXPECT_NE(testing::find(sheet_diags, "too-large"), nullptr) << dump(sheet_diags);
}

TEST(Xlsx, CellPositions) {
  core::Diagnostic d{"streams.xlsx", 14,     3,         core::Severity::error, "malformed-number",
                     "not a number", "12,5", "a number"};
  d.sheet = "Mill";
  EXPECT_EQ(core::to_string(d),
            "streams.xlsx:Mill!C14: error: not a number: found \"12,5\", expected a number "
            "[malformed-number]");
  d.sheet = "Mill's 2014";
  d.column = 28;
  EXPECT_EQ(core::sheet_position(d), "'Mill''s 2014'!AB14");
  d.column = 0;
  EXPECT_EQ(core::sheet_position(d), "'Mill''s 2014'!14:14");
  EXPECT_EQ(core::column_letters(1), "A");
  EXPECT_EQ(core::column_letters(26), "Z");
  EXPECT_EQ(core::column_letters(27), "AA");
  EXPECT_EQ(core::column_letters(16384), "XFD");
}

// Nuestra Señora's dataset with `workbooks` (name in the folder → fixture)
// in place of its CSV files, and `site_extra` added to site.toml.
struct WorkbookDataset {
  fs::path root;
  WorkbookDataset(const std::vector<std::pair<std::string, std::string>>& workbooks,
                  const std::string& site_extra, const std::string& tag) {
    root = fs::temp_directory_path() / ("orebook-xlsx-" + std::to_string(getpid()) + "-" + tag);
    fs::remove_all(root);
    fs::copy(kNuestraSenora, root);
    for (const auto& [name, fixture] : workbooks) {
      fs::remove(root / (name.substr(0, name.find('.')) + ".csv"));
      fs::copy_file(kFixtures / fixture, root / name);
    }
    std::ofstream(root / "site.toml", std::ios::app) << site_extra;
  }
  ~WorkbookDataset() { fs::remove_all(root); }
};

std::string report_of(const std::string& root, const std::string& period,
                      const std::string& compare, orebook::report::Format format) {
  core::Diagnostics diags;
  pipeline::ReportRequest request;
  request.dataset = root;
  request.period = period;
  request.compare = compare;
  const auto outcome = pipeline::report(request, format, diags);
  EXPECT_FALSE(diags.has_errors()) << dump(diags);
  return outcome ? outcome->output : std::string("no output");
}

TEST(Xlsx, NuestraSenoraFromWorkbooksReportsAsFromCsv) {
  // Two writers: openpyxl (inline strings, numbers as floats), and by hand
  // (shared strings, numbers as the CSV prints them, sparse rows, the data
  // on the second sheet, named in [files]).
  const WorkbookDataset openpyxl({{"streams.xlsx", "ns-streams-openpyxl.xlsx"},
                                  {"production.xlsx", "ns-production-openpyxl.xlsx"}},
                                 "", "openpyxl");
  const WorkbookDataset raw(
      {{"streams.xlsx", "ns-streams-raw.xlsx"}, {"production.xlsx", "ns-production-raw.xlsx"}},
      "\n[files]\nstreams = \"streams.xlsx#Mill\"\n", "raw");
  for (const auto& [period, compare] : std::vector<std::pair<std::string, std::string>>{
           {"2014Q1", "2013Q1"}, {"2013", "2012"}, {"2012H2", ""}}) {
    for (const auto format : {orebook::report::Format::text, orebook::report::Format::json}) {
      const std::string csv = report_of(kNuestraSenora.string(), period, compare, format);
      ASSERT_NE(csv, "no output");
      EXPECT_EQ(report_of(openpyxl.root.string(), period, compare, format), csv) << period;
      EXPECT_EQ(report_of(raw.root.string(), period, compare, format), csv) << period;
    }
  }
}

TEST(Xlsx, CsvAndWorkbookOfOneNameIsAnError) {
  const WorkbookDataset both({{"streams.xlsx", "ns-streams-openpyxl.xlsx"}}, "", "both");
  fs::copy_file(kNuestraSenora / "streams.csv", both.root / "streams.csv");
  core::Diagnostics diags;
  load(both.root.string(), diags);
  const core::Diagnostic* d = testing::find(diags, "ambiguous-file");
  ASSERT_NE(d, nullptr) << dump(diags);
  EXPECT_EQ(d->file, (both.root / "streams.xlsx").string());
}

TEST(Xlsx, FilesKeyIsValidated) {
  const WorkbookDataset bad({}, "\n[files]\nstreams = \"streams.csv\"\nstock = \"x.xlsx\"\n",
                            "files-key");
  core::Diagnostics diags;
  load(bad.root.string(), diags);
  EXPECT_NE(testing::find(diags, "bad-workbook"), nullptr) << dump(diags);
  EXPECT_NE(testing::find(diags, "unknown-key"), nullptr) << dump(diags);
}

}  // namespace
}  // namespace orebook::dataset
