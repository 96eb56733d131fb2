#include <sstream>

#include <gtest/gtest.h>

#include "orebook/accounting/aggregate.h"
#include "orebook/accounting/operating.h"
#include "orebook/report/display.h"
#include "orebook/report/format.h"
#include "orebook/report/json.h"
#include "orebook/report/json_writer.h"
#include "orebook/report/operating_report.h"
#include "orebook/report/render.h"
#include "test_util.h"

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
  EXPECT_EQ(display_change(tonnes, 1.0, 0.0), "\u2013");  // unknown: an en dash
  EXPECT_EQ(display_change(tonnes, 57.0, -97.0), "n/m");  // loss to profit: never -159%
  EXPECT_EQ(display_change(tonnes, std::nullopt, 1.0), "\u2013");
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
  EXPECT_EQ(format_from_path("report.xlsx"), Format::xlsx);
  EXPECT_EQ(format_from_path("report.html"), Format::html);
  EXPECT_EQ(format_from_string("html"), Format::html);
  EXPECT_FALSE(format_from_path("report.xls"));  // the old binary format: not written
  EXPECT_FALSE(format_from_path("report.pdf"));
  EXPECT_FALSE(format_from_string("xml"));
}

TEST(Display, SignificantDigitsOfPrintedNumbers) {
  EXPECT_EQ(significant_digits("0.302"), 3);
  EXPECT_EQ(significant_digits("4.00"), 3);
  EXPECT_EQ(significant_digits("21,395"), 5);
  EXPECT_EQ(significant_digits("0.0"), 0);
  EXPECT_EQ(significant_digits("0.06"), 1);
  EXPECT_EQ(significant_digits("-0.62"), 2);
}

std::vector<std::optional<double>> row(std::initializer_list<double> v) {
  return {v.begin(), v.end()};
}

// Grades keep three significant digits: the printings of the examples'
// releases (examples/*/published.csv).
TEST(Display, GradesKeepThreeSignificantDigits) {
  EXPECT_EQ(format_fixed(0.302, row_decimals({}, kGradeDigits, row({0.302}))), "0.302");
  EXPECT_EQ(format_fixed(0.286, row_decimals({}, kGradeDigits, row({0.286}))), "0.286");
  EXPECT_EQ(format_fixed(4.0, row_decimals({}, kGradeDigits, row({4.0}))), "4.00");
  EXPECT_EQ(format_fixed(1.04, row_decimals({}, kGradeDigits, row({1.04}))), "1.04");
  EXPECT_EQ(format_fixed(26.3, row_decimals({}, kGradeDigits, row({26.3}))), "26.3");
  EXPECT_EQ(format_fixed(322.4, row_decimals({}, kGradeDigits, row({322.4}))), "322");
  EXPECT_EQ(format_fixed(11.31, row_decimals({}, kGradeDigits, row({11.31}))), "11.3");
  EXPECT_EQ(format_fixed(5144.2, row_decimals({}, kGradeDigits, row({5144.2}))), "5144");
  // 0.0996 prints 0.100 with three digits: counted on the text, not by log10.
  EXPECT_EQ(row_decimals({}, kGradeDigits, row({0.0996})), 3);
  EXPECT_EQ(row_decimals({}, kGradeDigits, row({0.09949})), 4);
}

TEST(Display, OneNumberOfDigitsForTheWholeRow) {
  // The smallest figure decides: 0.62% needs two digits, so 11.3% prints 11.30%.
  EXPECT_EQ(row_decimals({}, kGradeDigits, row({11.3, 0.62})), 3);
  EXPECT_EQ(row_decimals({}, kGradeDigits, {std::nullopt, 0.62, 0.0}), 3);
  // Unknown and zero figures have no magnitude: the rule's floor.
  EXPECT_EQ(row_decimals({}, kGradeDigits, {std::nullopt, 0.0}), 0);
  EXPECT_EQ(row_decimals({}, kPriceDigits, {}), 2);
  // Never more than site.toml may ask for.
  EXPECT_EQ(row_decimals({}, kGradeDigits, row({1e-9})), dataset::kMaxDecimals);
}

TEST(Display, SiteTomlWins) {
  EXPECT_EQ(row_decimals(1, kGradeDigits, row({0.302})), 1);
  EXPECT_EQ(row_decimals(0, kRecoveryDigits, row({4.5})), 0);
  EXPECT_EQ(row_decimals(2, kRecoveryDigits, row({93.7})), 2);
}

TEST(Display, OtherKindsKeepTheirConventionsAndTheirFirstDigits) {
  EXPECT_EQ(row_decimals({}, kRecoveryDigits, row({94.71, 93.03})), 0);  // 95%
  EXPECT_EQ(row_decimals({}, kRecoveryDigits, row({4.5})), 1);           // 4.5%, not 5%
  EXPECT_EQ(row_decimals({}, kQuantityDigits, row({21395, 16461})), 0);
  EXPECT_EQ(row_decimals({}, kQuantityDigits, row({0.4, 12})), 1);  // 0.4 t, not 0 t
  EXPECT_EQ(row_decimals({}, kPriceDigits, row({32.81, 0.95})), 2);
  EXPECT_EQ(row_decimals({}, kPriceDigits, row({0.0042})), 4);
}

// A copper head grade of 0.62% against 0.60%: never 0.6% and 0.0 pp.
TEST(Display, SmallGradeAndItsChangeInPoints) {
  const auto values = row({0.62, 0.6});
  const Figure f{
      "mill.head_grade.Cu", "Copper", "%", row_decimals({}, kGradeDigits, values), "", values};
  EXPECT_EQ(display_value(f, 0.62), "0.620%");
  EXPECT_EQ(display_value(f, 0.6), "0.600%");
  EXPECT_EQ(display_change(f, 0.62, 0.6), "+0.020 pp");
  const Figure two{
      "mill.head_grade.Cu", "Copper", "%", row_decimals(2, kGradeDigits, values), "", values};
  EXPECT_EQ(display_change(two, 0.62, 0.6), "+0.02 pp");
}

// A site where gold, in g/t, is also shown in oz/st, and copper in % has its
// recoveries set to two digits.
constexpr std::string_view kTwoUnitSite = R"([site]
name = "Two units"
currency = "USD"

[display]
tonnes_decimals = 1

[[metals]]
symbol = "Au"
products = ["cu_con"]
second_grade_unit = "oz/st"

[[metals]]
symbol = "Cu"
products = ["cu_con"]
recovery_decimals = 2

[[streams]]
id = "feed"
role = "feed"

[[streams]]
id = "cu_con"
role = "concentrate"
label = "Copper concentrate"
)";

const Figure* find_figure(const Table& t, std::string_view key) {
  for (const Figure& f : t.figures)
    if (f.key == key) return &f;
  return nullptr;
}

Table two_unit_table() {
  core::Diagnostics diags;
  const auto ds = testing::load_strings(kTwoUnitSite,
                                        "period,stream,dry_t,Au_gpt,Cu_pct\n"
                                        "2024Q1,feed,1000000,0.286,0.302\n"
                                        "2024Q1,cu_con,13000,14.9,18.1\n",
                                        diags);
  EXPECT_FALSE(diags.has_errors()) << testing::dump(diags);
  const auto p = *calendar::Period::parse("2024Q1");
  const auto totals = accounting::aggregate(ds, std::span(&p, 1), diags);
  const auto stats = accounting::operating_statistics(ds, totals[0], diags);
  EXPECT_FALSE(diags.has_errors()) << testing::dump(diags);
  return operating_report(ds, {stats}, totals);
}

TEST(OperatingReport, SecondGradeUnitBelowTheGrade) {
  const Table t = two_unit_table();
  const Figure* gpt = find_figure(t, "mill.head_grade.Au");
  const Figure* ozpst = find_figure(t, "mill.head_grade.Au_ozpst");
  ASSERT_TRUE(gpt && ozpst);
  EXPECT_EQ(ozpst->unit, "oz/st");
  EXPECT_EQ(ozpst->label, "Gold (oz/st)");
  // 1 oz/st = 31.1034768 g / 0.90718474 t (docs/formulas.md §1).
  ASSERT_TRUE(ozpst->values[0]);
  EXPECT_NEAR(*ozpst->values[0], 0.286 * 0.90718474 / 31.1034768, 1e-15);
  // Its own digits: 0.00834 oz/st keeps three significant digits as 0.286 g/t does.
  EXPECT_EQ(display_value(*ozpst, *ozpst->values[0]), "0.00834");
  EXPECT_EQ(display_value(*gpt, *gpt->values[0]), "0.286");
  // The row right below the grade in the metal's own unit.
  std::size_t line_gpt = 0, line_ozpst = 0;
  for (std::size_t i = 0; i < t.lines.size(); ++i) {
    if (!t.lines[i].heading.empty()) continue;
    if (&t.figures[t.lines[i].figure] == gpt) line_gpt = i;
    if (&t.figures[t.lines[i].figure] == ozpst) line_ozpst = i;
  }
  EXPECT_EQ(line_ozpst, line_gpt + 1);
  // Concentrate grades too; copper has no second unit.
  const Figure* con = find_figure(t, "product.cu_con.grade.Au_ozpst");
  ASSERT_TRUE(con && con->values[0]);
  EXPECT_EQ(display_value(*con, *con->values[0]), "0.435");
  EXPECT_EQ(find_figure(t, "product.cu_con.grade.Cu_ozpst"), nullptr);
  EXPECT_EQ(find_figure(t, "mill.head_grade.Cu_pct"), nullptr);
}

TEST(OperatingReport, DigitsFromSiteTomlElseFromTheMagnitude) {
  const Table t = two_unit_table();
  const Figure* cu = find_figure(t, "mill.head_grade.Cu");
  ASSERT_TRUE(cu && cu->values[0]);
  EXPECT_EQ(display_value(*cu, *cu->values[0]), "0.302%");  // not 0.3%
  const Figure* rec = find_figure(t, "recovery.Cu");
  ASSERT_TRUE(rec);
  EXPECT_EQ(rec->decimals, 2);  // recovery_decimals = 2
  const Figure* tonnes = find_figure(t, "mill.ore_processed");
  ASSERT_TRUE(tonnes && tonnes->values[0]);
  EXPECT_EQ(display_value(*tonnes, *tonnes->values[0]), "1,000,000.0");  // tonnes_decimals = 1
  EXPECT_EQ(find_figure(t, "product.cu_con.tonnes")->decimals, 1);
  const Figure* throughput = find_figure(t, "mill.throughput");
  ASSERT_TRUE(throughput);
  EXPECT_EQ(throughput->decimals, 0);  // [display] sets tonnes only
  const Figure* au_rec = find_figure(t, "recovery.Au");
  ASSERT_TRUE(au_rec);
  EXPECT_EQ(au_rec->decimals, 0);
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
            "  Silver, total      95%       \u2013       \u2013\n");  // unknown: en dashes, aligned
}

TEST(Render, Markdown) {
  EXPECT_EQ(render(small_table(), Format::markdown),
            "# Mine: operating statistics\n\n"
            "| | 2012Q1 | 2011Q1 | Change |\n|---|---:|---:|---:|\n"
            "| Ore tonnes mined | 21,395 | 16,461 | 30% |\n"
            "| **Recoveries:** | | | |\n"
            "| Silver, total | 95% | \u2013 | \u2013 |\n");
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

namespace orebook::report {
namespace {

// The streamed writer gives byte for byte what json_text gives of the same
// document: numbers of every shape, strings needing escapes or not UTF-8,
// empty and nested containers.
TEST(JsonWriter, MatchesTheDocumentWriter) {
  const std::vector<double> numbers = {
      0.0,  -0.0,          1.0,    100.0, 0.1,     -2.5, 1e300,    1e-300,    1e-7,     1e15,
      1e16, 123456789.125, 6.4e-5, 1e21,  1.0 / 3, NAN,  INFINITY, -INFINITY, 4.94e-324};
  const std::vector<std::string> strings = {
      "S1",          "",         "a \"quoted\" id", "back\\slash",   "tab\there",
      "line\nbreak", "\x01\x1f", "Señora",          "bad \xff byte", "caf\xe9"};
  nlohmann::ordered_json doc;
  JsonWriter w;
  w.begin_object();
  auto list = nlohmann::ordered_json::array();
  w.key("numbers").begin_array();
  for (double v : numbers) {
    list.push_back(v);
    w.value(v);
  }
  w.end_array();
  doc["numbers"] = list;
  w.key("strings").begin_object();
  nlohmann::ordered_json by = nlohmann::ordered_json::object();
  for (const std::string& s : strings) {
    by[s] = s;
    w.key(s).value(s);
  }
  w.end_object();
  doc["strings"] = by;
  w.key("empty_object").begin_object();
  w.end_object();
  doc["empty_object"] = nlohmann::ordered_json::object();
  w.key("empty_array").begin_array();
  w.end_array();
  doc["empty_array"] = nlohmann::ordered_json::array();
  w.key("nested").begin_array();
  w.begin_array();
  w.value(1);
  w.value(std::size_t{2});
  w.null();
  w.value(true);
  w.end_array();
  w.begin_object();
  w.key("x").value(std::optional<double>());
  w.end_object();
  w.end_array();
  doc["nested"] = nlohmann::ordered_json::array(
      {nlohmann::ordered_json::array({1, 2u, nullptr, true}), {{"x", nullptr}}});
  w.end_object();
  EXPECT_EQ(w.take(), json_text(doc));
}

// A document written in parts (each value by a JsonWriter(depth) of its own,
// as the threads of a batch write their periods; put in place by raw, the
// text so far flushed to a stream between them) is byte for byte the
// document written by one writer, empty parts and an empty array included.
TEST(JsonWriter, PartsWrittenApartMakeTheSameDocument) {
  auto part = [](JsonWriter& w, int i) {
    w.begin_object();
    w.key("period").value(std::to_string(i));
    w.key("values").begin_array();
    for (int k = 0; k < i; ++k) w.value(k + 0.5);
    w.end_array();
    w.key("empty").begin_object();
    w.end_object();
    w.end_object();
  };
  for (const int count : {0, 1, 3}) {
    JsonWriter whole;
    whole.begin_object();
    whole.key("periods").begin_array();
    for (int i = 0; i < count; ++i) part(whole, i);
    whole.end_array();
    whole.end_object();

    std::ostringstream out;
    JsonWriter joined;
    joined.begin_object();
    joined.key("periods").begin_array();
    for (int i = 0; i < count; ++i) {
      JsonWriter apart(2);
      part(apart, i);
      joined.raw(apart.take_value());
      joined.flush_to(out);
    }
    joined.end_array();
    joined.end_object();
    out << joined.take();
    EXPECT_EQ(out.str(), whole.take()) << count;
  }
}

}  // namespace
}  // namespace orebook::report

// HTML pages and their charts (issue 15 §4). The pages themselves are opened
// in Chromium by tests/html.
#include "orebook/balance/linear.h"
#include "orebook/balance/problem.h"
#include "orebook/pipeline/pipeline.h"
#include "orebook/report/balance_report.h"
#include "orebook/report/charts.h"
#include "orebook/report/html.h"

#include <map>

#include <fmt/format.h>

namespace orebook::report {
namespace {

TEST(Html, TextIsEscapedAndNoScriptEndsEarly) {
  Table t;
  t.title = "A <script> & \"quotes\"";
  t.add_period("2012Q1", "Q1 2012");
  t.add(Figure("k", "Ore <b>", "t", 0, "", {1234.0}));
  Chart c{"Chart </script><script>alert(1)</script>", R"({"title":"</script>"})", "", 300};
  const std::string page = render_html({t}, {c}, Document{});
  EXPECT_NE(page.find("A &lt;script&gt; &amp; &quot;quotes&quot;"), std::string::npos);
  EXPECT_NE(page.find("Ore &lt;b&gt;"), std::string::npos);
  EXPECT_NE(page.find("<td>1,234</td>"), std::string::npos);
  // The option's "</script>" is written "<\/script>" (the same JSON string).
  EXPECT_NE(page.find(R"({"title":"<\/script>"})"), std::string::npos);
  EXPECT_EQ(page.find("alert(1)</script>"), std::string::npos);
  EXPECT_EQ(page, render_html({t}, {c}, Document{}));
}

TEST(Html, NoChartsNoScript) {
  Table t;
  t.title = "T";
  const std::string page = render_html({t}, {}, Document{});
  EXPECT_EQ(page.find("<script"), std::string::npos);
}

TEST(Charts, TrendChartsTakeEachMetalOnceAndLeaveUnknownsAsGaps) {
  Table t;
  t.add_period("2012Q1", "Q1 2012");
  t.add_period("2012Q2", "Q2 2012");
  t.add(Figure("production.Ag", "Silver (oz)", "oz", 0, "", {100.4, std::nullopt}));
  t.add(Figure("production.payable.Ag", "Payable silver (oz)", "oz", 0, "", {90.0, 80.0}));
  t.add(Figure("production.Pb", "Lead (lb)", "lb", 0, "", {2000.0, 2100.0}));
  const auto charts = trend_charts(t);
  ASSERT_EQ(charts.size(), 1u);  // no tonnes, grades or recoveries: production only
  const auto o = nlohmann::json::parse(charts[0].option);
  ASSERT_EQ(o["series"].size(), 2u);  // not the payable silver
  EXPECT_EQ(o["series"][0]["name"], "Silver (oz)");
  EXPECT_EQ(o["series"][0]["data"][0], 100.0);  // as the table prints it
  EXPECT_TRUE(o["series"][0]["data"][1].is_null());
  EXPECT_EQ(o["series"][1]["yAxisIndex"], 1);  // lb on the second axis
  EXPECT_EQ(o["xAxis"]["data"][1], "Q2 2012");
}

// Gold at 0.3 g/t beside silver at 300 g/t: an axis of its own, or it lies
// flat on zero; zinc in % on another; lead in % shares zinc's.
TEST(Charts, AGradeFarSmallerThanAnotherOfItsUnitGetsItsOwnAxis) {
  Table t;
  t.add_period("2012Q1", "Q1 2012");
  t.add(Figure("mill.head_grade.Ag", "Silver (g/t)", "g/t", 0, "", {300.0}));
  t.add(Figure("mill.head_grade.Zn", "Zinc", "%", 2, "", {4.1}));
  t.add(Figure("mill.head_grade.Pb", "Lead", "%", 2, "", {2.2}));
  t.add(Figure("mill.head_grade.Au", "Gold (g/t)", "g/t", 2, "", {0.3}));
  const auto charts = trend_charts(t);
  ASSERT_EQ(charts.size(), 1u);
  const auto o = nlohmann::json::parse(charts[0].option);
  ASSERT_EQ(o["series"].size(), 4u);
  EXPECT_EQ(o["series"][0]["yAxisIndex"], 0);
  EXPECT_EQ(o["series"][1]["yAxisIndex"], 1);
  EXPECT_EQ(o["series"][2]["yAxisIndex"], 1);
  EXPECT_EQ(o["series"][3]["yAxisIndex"], 2);
  ASSERT_EQ(o["yAxis"].size(), 3u);
  EXPECT_EQ(o["yAxis"][2]["name"], "Gold (g/t)");
}

// The waterfall's steps run from zero to the net cash cost and on to AISC,
// which are drawn from the cost result itself: the steps must meet them.
TEST(Charts, WaterfallStepsMeetTheCashCostAndAisc) {
  core::Diagnostics diags;
  pipeline::ResultsRequest r;
  r.dataset = OREBOOK_SOURCE_DIR "/examples/demo-mine";
  r.period = "2012Q1";
  const auto out = pipeline::results(r, Format::html, diags);
  ASSERT_TRUE(out) << testing::dump(diags);
  ASSERT_EQ(out->charts.size(), 1u);
  const auto o = nlohmann::json::parse(out->charts[0].option);
  double level = 0.0;
  int totals = 0;
  for (const auto& item : o["series"][0]["data"]) {
    const double from = item["value"][1], to = item["value"][2];
    if (item["kind"] == "total") {
      EXPECT_EQ(from, 0.0);
      EXPECT_NEAR(to, level, 1e-9 * std::abs(to)) << item["label"];
      ++totals;
    } else {
      EXPECT_NEAR(from, level, 1e-9 * std::max(1.0, std::abs(from))) << item["label"];
    }
    level = to;
  }
  EXPECT_EQ(totals, 2);  // net cash cost, AISC
  // The printed totals are those of the cost table (Cash cost per oz, AISC per oz).
  const auto& data = o["series"][0]["data"];
  std::vector<std::string> texts;
  for (const auto& item : data)
    if (item["kind"] == "total") texts.push_back(item["text"]);
  bool found = false;
  for (const Table& t : out->tables) {
    for (const Figure& f : t.figures) {
      if (f.key == "costs.cash_cost_per_unit") {
        EXPECT_EQ(texts[0], display_value(f, *f.values[0]));
        found = true;
      }
      if (f.key == "costs.aisc_per_unit") {
        EXPECT_EQ(texts[1], display_value(f, *f.values[0]));
      }
    }
  }
  EXPECT_TRUE(found);
}

// A recycle (N2 → N1) would make the Sankey cyclic, which ECharts refuses to
// draw: it ends at a copy of N1.
TEST(Charts, SankeyDrawsARecycleToACopyOfItsNode) {
  const std::string text = R"(
[[stream]]
id = "F"
from = "env"
to = "N1"
flow = 100
flow_sd = 1
[[stream]]
id = "A"
from = "N1"
to = "N2"
flow = 130
flow_sd = 2
[[stream]]
id = "R"
from = "N2"
to = "N1"
flow = 30
flow_sd = 1
[[stream]]
id = "P"
from = "N2"
to = "env"
flow = 99
flow_sd = 1
)";
  core::Diagnostics diags;
  const auto p = balance::load_problem_toml(text, "p.toml", diags);
  ASSERT_TRUE(p) << testing::dump(diags);
  const auto r = balance::reconcile_linear(p->linear, p->options);
  const auto charts = balance_charts(*p, r);
  ASSERT_EQ(charts.size(), 1u);
  const auto o = nlohmann::json::parse(charts[0].option);
  std::map<std::string, std::pair<std::string, std::string>> links;
  for (const auto& l : o["series"][0]["links"]) links[l["stream"]] = {l["source"], l["target"]};
  ASSERT_EQ(links.size(), 4u);
  EXPECT_EQ(links["A"], (std::pair<std::string, std::string>{"N1", "N2"}));
  EXPECT_EQ(links["R"], (std::pair<std::string, std::string>{"N2", "N1 (recycle)"}));
  EXPECT_EQ(links["F"].second, "N1");
  EXPECT_EQ(links["P"].first, "N2");
}

// A chain of 301 streams: past what a Sankey shows, the page says so.
TEST(Charts, NoSankeyOfMoreThanThreeHundredStreams) {
  std::string text;
  for (int j = 0; j < 301; ++j) {
    text += fmt::format(
        "[[stream]]\nid = \"S{}\"\nfrom = \"{}\"\nto = \"{}\"\nflow = {}\nflow_sd = 1\n", j,
        j == 0 ? "env" : fmt::format("N{}", j), fmt::format("N{}", j + 1), 100 + j % 3);
  }
  text += "[[stream]]\nid = \"out\"\nfrom = \"N301\"\nto = \"env\"\nflow = 100\nflow_sd = 1\n";
  core::Diagnostics diags;
  const auto p = balance::load_problem_toml(text, "p.toml", diags);
  ASSERT_TRUE(p) << testing::dump(diags);
  const auto charts = balance_charts(*p, balance::reconcile_linear(p->linear, p->options));
  ASSERT_EQ(charts.size(), 1u);
  const auto o = nlohmann::json::parse(charts[0].option);
  EXPECT_FALSE(o.contains("series"));
  EXPECT_EQ(o["title"]["text"].get<std::string>().rfind("Not drawn: 302 streams", 0), 0u)
      << o["title"]["text"];
}

}  // namespace
}  // namespace orebook::report
