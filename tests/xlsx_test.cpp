// The workbook writer (report/xlsx.h): number formats that show what the
// text prints, sheet names Excel accepts, Excel's limits as errors, the same
// bytes for the same tables. The cells themselves are read back from the
// XLSX goldens by tests/xlsx/readback.py.

#include <cstdlib>

#include <gtest/gtest.h>

#include "orebook/core/error.h"
#include "orebook/core/hash.h"
#include "orebook/report/xlsx.h"

namespace orebook::report {
namespace {

Figure figure(std::string unit, int decimals, std::string prefix = "") {
  return Figure("k", "label", std::move(unit), decimals, std::move(prefix), {1.0});
}

TEST(XlsxNumberFormat, ShowsWhatTheTextPrints) {
  EXPECT_EQ(xlsx_number_format(figure("t", 0), false), "#,##0");
  EXPECT_EQ(xlsx_number_format(figure("g/t", 2), false), "#,##0.00");
  // A percent figure's cell holds the fraction; Excel's % shows it ×100.
  EXPECT_EQ(xlsx_number_format(figure("%", 1), false), "#,##0.0%");
  EXPECT_EQ(xlsx_number_format(figure("USD/oz", 2, "$"), false), "\"$\"#,##0.00");
  EXPECT_EQ(xlsx_number_format(figure("t", 0), true), "#,##0\" (r)\"");
  Figure financial = figure("USD", 0, "$");
  financial.parentheses = true;
  EXPECT_EQ(xlsx_number_format(financial, false), "\"$\"#,##0;(\"$\"#,##0)");
  Figure quoted = figure("t", 0, "a\"b");
  EXPECT_EQ(xlsx_number_format(quoted, false), "\"a\"\"b\"#,##0");
}

TEST(XlsxSheetName, AcceptedByExcelAndUnique) {
  std::vector<std::string> taken{"Notes"};
  EXPECT_EQ(xlsx_sheet_name("Lot L-1: Lead [final]", taken), "Lot L-1 Lead (final)");
  EXPECT_EQ(xlsx_sheet_name("a/b\\c*d?e", taken), "a-b-cde");
  // Excel compares names without case: "notes" is taken.
  EXPECT_EQ(xlsx_sheet_name("notes", taken), "notes (2)");
  EXPECT_EQ(xlsx_sheet_name("'quoted'", taken), "quoted");
  EXPECT_EQ(xlsx_sheet_name("", taken), "Table");
  // At most 31 characters, cut at a word.
  const std::string cut = xlsx_sheet_name("Highlights, the first quarter of 2014", taken);
  EXPECT_EQ(cut, "Highlights, the first quarter");
  const std::string again = xlsx_sheet_name("Highlights, the first quarter of 2015", taken);
  EXPECT_LE(again.size(), 31u);
  EXPECT_NE(again, cut);
  // Code points, not bytes: "ñ" is one character.
  EXPECT_EQ(xlsx_sheet_name("Señora señora señora señora señ", taken),
            "Señora señora señora señora señ");
}

Table small_table() {
  Table t;
  t.title = "Operating statistics";
  t.add_period("2014Q1", "Q1 2014");
  t.add_period("2013Q1", "Q1 2013");
  t.add(Figure("ore", "Ore processed", "t", 0, "", {137317.0, 136128.0}));
  t.add(Figure("rec", "Silver recovery", "%", 1, "", {82.2, std::nullopt}));
  t.notes.push_back("A note.");
  return t;
}

TEST(Xlsx, SameTablesSameBytes) {
  Document d{"orebook report x", "0.1.0", "x", {{"x/site.toml", "ab"}}, {"a warning"}};
  const std::string a = render_xlsx({small_table()}, d);
  const std::string b = render_xlsx({small_table()}, d);
  ASSERT_GT(a.size(), 1000u);
  EXPECT_EQ(a.substr(0, 2), "PK");  // a zip
  EXPECT_EQ(a, b);
  // The document date is the one thing a reproducible build may set.
  ASSERT_EQ(setenv("SOURCE_DATE_EPOCH", "1700000000", 1), 0);
  const std::string c = render_xlsx({small_table()}, d);
  unsetenv("SOURCE_DATE_EPOCH");
  EXPECT_NE(a, c);
}

TEST(Xlsx, MoreColumnsThanASheetHoldsIsAnError) {
  Table t;
  t.title = "Wide";
  std::vector<std::optional<double>> values;
  for (std::size_t k = 0; k < kXlsxMaxColumns; ++k) {
    t.add_period("p" + std::to_string(k), "p" + std::to_string(k));
    values.emplace_back(1.0);
  }
  t.show_change = false;
  t.add(Figure("k", "label", "t", 0, "", values));
  try {
    render_xlsx({t}, Document{});
    FAIL() << "no error";
  } catch (const core::Error& e) {
    EXPECT_NE(std::string(e.what()).find("more than an Excel sheet holds"), std::string::npos)
        << e.what();
    EXPECT_EQ(e.exit_code(), core::ExitCode::bad_input);
  }
}

TEST(Sha256, KnownDigests) {
  // FIPS 180-2, appendix B.1 and the empty message.
  EXPECT_EQ(core::sha256_hex("abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(core::sha256_hex(""),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_FALSE(core::sha256_file("/nonexistent/orebook/file"));
}

}  // namespace
}  // namespace orebook::report
