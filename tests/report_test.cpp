#include <gtest/gtest.h>

#include "orebook/report/format.h"
#include "orebook/report/render.h"

namespace orebook::report {
namespace {

TEST(Format, RoundsHalfAwayFromZeroOnTheDecimalText) {
  EXPECT_EQ(format_fixed(2.675, 2), "2.68");  // binary 2.67499999... still prints as 2.675
  EXPECT_EQ(format_fixed(0.5, 0), "1");
  EXPECT_EQ(format_fixed(-0.5, 0), "-1");
  EXPECT_EQ(format_fixed(1.5, 0), "2");
  EXPECT_EQ(format_fixed(2.5, 0), "3");  // not banker's rounding
  EXPECT_EQ(format_fixed(233.527472, 0), "234");
  EXPECT_EQ(format_fixed(9.995, 2), "10.00");
  EXPECT_EQ(format_fixed(-0.004, 2), "0.00");  // never "-0.00"
  EXPECT_EQ(format_fixed(11.3, 1), "11.3");
  EXPECT_EQ(format_fixed(5, 1), "5.0");
  EXPECT_EQ(format_fixed(1e-7, 2), "0.00");
  EXPECT_EQ(format_fixed(1e20, 0), "100000000000000000000");
}

TEST(Format, GroupsThousands) {
  EXPECT_EQ(format_grouped(1234567.891, 2), "1,234,567.89");
  EXPECT_EQ(format_grouped(999.5, 0), "1,000");
  EXPECT_EQ(format_grouped(-21395, 0), "-21,395");
  EXPECT_EQ(format_grouped(123, 0), "123");
  EXPECT_EQ(group_thousands("-1234.5"), "-1,234.5");
}

TEST(Format, CurrencyPrefixes) {
  EXPECT_EQ(currency_prefix("USD"), "US$");
  EXPECT_EQ(currency_prefix("CAD"), "C$");
  EXPECT_EQ(currency_prefix("EUR"), "EUR ");
}

TEST(Render, DisplayValuesAndChanges) {
  Figure pct{"recovery.Ag", "Silver", "%", 0, "", {94.71, 93.03}};
  Figure money{"sales.price.Ag", "Silver", "USD/oz", 2, "$", {32.81, -1}};
  Figure tonnes{"mine.ore_mined", "Ore tonnes mined", "t", 0, "", {21395, 16461}};
  EXPECT_EQ(display_value(pct, 94.71), "95%");
  EXPECT_EQ(display_value(money, 32.81), "$32.81");
  EXPECT_EQ(display_value(money, -1), "-$1.00");
  EXPECT_EQ(display_value(tonnes, 21395), "21,395");
  EXPECT_EQ(display_change(tonnes, 21395.0, 16461.0), "30%");
  EXPECT_EQ(display_change(pct, 94.71, 93.03), "+2 pp");
  EXPECT_EQ(display_change(pct, 93.03, 94.71), "-2 pp");
  EXPECT_EQ(display_change(tonnes, 1.0, 0.0), "-");
  EXPECT_EQ(display_change(tonnes, 57.0, -97.0), "n/m");  // loss to profit: never -159%
  EXPECT_EQ(display_change(tonnes, std::nullopt, 1.0), "-");
}

TEST(Render, FormatsFromNamesAndPaths) {
  EXPECT_EQ(format_from_string("md"), Format::markdown);
  EXPECT_EQ(format_from_path("out/report.json"), Format::json);
  EXPECT_EQ(format_from_path("report.csv"), Format::csv);
  EXPECT_EQ(format_from_path("report.txt"), Format::text);
  // No extension: text; an extension orebook does not write: none (the CLI
  // then refuses -o rather than write text under that name).
  EXPECT_EQ(format_from_path("report"), Format::text);
  EXPECT_EQ(format_from_path("runs.v2/report"), Format::text);
  EXPECT_FALSE(format_from_path("report.xlsx"));
  EXPECT_FALSE(format_from_string("html"));
}

Table small_table() {
  Table t;
  t.site = "Mine, \"A\"";
  t.title = "Mine: operating statistics";
  t.periods = {"2012Q1", "2011Q1"};
  t.add({"mine.ore_mined", "Ore tonnes mined", "t", 0, "", {21395.4, 16461}});
  t.heading("Recoveries:");
  t.add({"recovery.Ag", "Silver, total", "%", 0, "", {94.71, std::nullopt}}, 1);
  return t;
}

TEST(Render, Text) {
  EXPECT_EQ(render(small_table(), Format::text),
            "Mine: operating statistics\n\n"
            "                  2012Q1  2011Q1  Change\n"
            "Ore tonnes mined  21,395  16,461     30%\n"
            "Recoveries:\n"
            "  Silver, total      95%       -       -\n");
}

TEST(Render, Markdown) {
  EXPECT_EQ(render(small_table(), Format::markdown),
            "# Mine: operating statistics\n\n"
            "| | 2012Q1 | 2011Q1 | Change |\n|---|---:|---:|---:|\n"
            "| Ore tonnes mined | 21,395 | 16,461 | 30% |\n"
            "| **Recoveries:** | | | |\n"
            "| Silver, total | 95% | - | - |\n");
}

TEST(Render, CsvHasNoSeparatorsAndQuotesLabels) {
  EXPECT_EQ(render(small_table(), Format::csv),
            "key,label,unit,2012Q1,2011Q1\n"
            "mine.ore_mined,Ore tonnes mined,t,21395,16461\n"
            "recovery.Ag,\"Silver, total\",%,95,\n");
}

TEST(Render, JsonKeepsFullPrecision) {
  const std::string json = render(small_table(), Format::json);
  EXPECT_NE(json.find("\"site\": \"Mine, \\\"A\\\"\""), std::string::npos) << json;
  EXPECT_NE(json.find("21395.4"), std::string::npos) << json;
  EXPECT_NE(json.find("94.71"), std::string::npos) << json;
  EXPECT_NE(json.find("null"), std::string::npos) << json;
}

// Text and Markdown head the columns with the periods' names; CSV and JSON
// keep the canonical texts programs read, JSON the names beside them.
Table named_table() {
  Table t = small_table();
  t.periods.clear();
  t.add_period("2012-01-01..2012-09-30", "9M 2012");
  t.add_period("FY2020", "FY2020");
  return t;
}

TEST(Render, TextAndMarkdownHeadersAreNames) {
  const std::string text = render(named_table(), Format::text);
  EXPECT_NE(text.find("9M 2012  FY2020  Change\n"), std::string::npos) << text;
  EXPECT_EQ(text.find("2012-01-01"), std::string::npos) << text;
  const std::string md = render(named_table(), Format::markdown);
  EXPECT_NE(md.find("| | 9M 2012 | FY2020 | Change |\n"), std::string::npos) << md;
}

TEST(Render, CsvAndJsonKeepTheCanonicalPeriods) {
  const std::string csv = render(named_table(), Format::csv);
  EXPECT_TRUE(csv.starts_with("key,label,unit,2012-01-01..2012-09-30,FY2020\n")) << csv;
  const std::string json = render(named_table(), Format::json);
  EXPECT_NE(json.find("\"periods\": [\n    \"2012-01-01..2012-09-30\",\n    \"FY2020\"\n  ]"),
            std::string::npos)
      << json;
  EXPECT_NE(json.find("\"period_names\": [\n    \"9M 2012\",\n    \"FY2020\"\n  ]"),
            std::string::npos)
      << json;
  // A table built without names has no period_names and heads with its periods.
  EXPECT_EQ(render(small_table(), Format::json).find("period_names"), std::string::npos);
}

}  // namespace
}  // namespace orebook::report
