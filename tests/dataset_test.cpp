#include <filesystem>
#include <fstream>
#include <map>
#include <random>

#include <unistd.h>

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "orebook/dataset/dataset.h"
#include "test_util.h"

namespace orebook::dataset {
namespace {

using testing::dump;
using testing::find;
using testing::kSite;
using testing::load_strings;

constexpr const char* kHeader = "period,stream,dry_t,Ag_gpt,Pb_pct,Zn_pct\n";

// Loads one data row under the standard header and returns the diagnostics.
core::Diagnostics one_row(const std::string& row) {
  core::Diagnostics diags;
  load_strings(kSite, std::string(kHeader) + row + "\n", diags);
  return diags;
}

// Asserts a diagnostic with `code` at line 2 and `column`, quoting `found`.
void expect_error(const core::Diagnostics& diags, std::string_view code, std::uint32_t line,
                  std::uint32_t column, std::string_view found) {
  const core::Diagnostic* d = find(diags, code);
  ASSERT_NE(d, nullptr) << "no " << code << " in:\n" << dump(diags);
  EXPECT_EQ(d->severity, core::Severity::error);
  EXPECT_EQ(d->line, line) << dump(diags);
  EXPECT_EQ(d->column, column) << dump(diags);
  EXPECT_EQ(d->found, found) << dump(diags);
  EXPECT_FALSE(d->expected.empty() && d->found.empty()) << "a message must say what was expected";
}

TEST(Site, LoadsMetalsStreamsAndDefaults) {
  core::Diagnostics diags;
  const Site site = load_site_toml(kSite, "site.toml", diags);
  ASSERT_FALSE(diags.has_errors()) << dump(diags);
  EXPECT_EQ(site.name, "Test mine");
  ASSERT_EQ(site.metals.size(), 3u);
  EXPECT_EQ(site.metals[0].name, "Silver");
  EXPECT_EQ(site.metals[0].grade_unit, units::GradeUnit::grams_per_tonne);
  EXPECT_EQ(site.metals[0].production_unit, units::MassUnit::troy_ounce);
  EXPECT_EQ(site.metals[1].grade_unit, units::GradeUnit::percent);
  EXPECT_EQ(site.metals[1].production_unit, units::MassUnit::pound);
  ASSERT_EQ(site.metals[0].products.size(), 2u);
  EXPECT_EQ(site.streams[site.metals[0].products[1]].id, "zn_con");
  EXPECT_EQ(site.streams[0].label, "mined");  // label defaults to the id
}

// [site] fiscal_year_end: the last day of a month as "MM-DD"; an error at the
// value, quoting it, for any other.
TEST(Site, FiscalYearEnd) {
  auto site_with = [](const std::string& line, core::Diagnostics& diags) {
    std::string text(kSite);
    text.insert(text.find("currency = \"CAD\"\n") + 17, line + "\n");
    return load_site_toml(text, "site.toml", diags);
  };
  {
    core::Diagnostics diags;
    const Site site = site_with("fiscal_year_end = \"06-30\"", diags);
    ASSERT_FALSE(diags.has_errors()) << dump(diags);
    ASSERT_TRUE(site.fiscal_year);
    EXPECT_EQ(site.fiscal_year->first_month, 7u);
  }
  {
    core::Diagnostics diags;
    EXPECT_FALSE(load_site_toml(kSite, "site.toml", diags).fiscal_year);  // calendar years only
  }
  for (const char* bad : {"06-31", "6-30", "13-31", "02-29"}) {
    core::Diagnostics diags;
    const Site site = site_with(std::string("fiscal_year_end = \"") + bad + "\"", diags);
    EXPECT_FALSE(site.fiscal_year);
    expect_error(diags, "bad-fiscal-year-end", 4, 19, bad);
  }
  {
    core::Diagnostics diags;
    site_with("fiscal_year_end = 630", diags);
    expect_error(diags, "wrong-type", 4, 19, "integer");
  }
}

TEST(Site, TomlSyntaxError) {
  core::Diagnostics diags;
  load_site_toml("[site\nname = 1\n", "site.toml", diags);
  const core::Diagnostic* d = find(diags, "toml-syntax");
  ASSERT_NE(d, nullptr);
  EXPECT_EQ(d->line, 1u);
}

TEST(Site, MissingSiteTable) {
  core::Diagnostics diags;
  load_site_toml("[[streams]]\nid = \"a\"\nrole = \"feed\"\n", "site.toml", diags);
  EXPECT_NE(find(diags, "missing-key"), nullptr) << dump(diags);
}

TEST(Site, UnknownKey) {
  core::Diagnostics diags;
  std::string text(kSite);
  text += "colour = \"red\"\n";
  // Appended after [[streams]], so it belongs to the last stream table.
  load_site_toml(text, "site.toml", diags);
  const core::Diagnostic* d = find(diags, "unknown-key");
  ASSERT_NE(d, nullptr) << dump(diags);
  EXPECT_EQ(d->found, "colour");
}

TEST(Site, UnknownRole) {
  core::Diagnostics diags;
  load_site_toml("[site]\nname=\"x\"\ncurrency=\"CAD\"\n[[streams]]\nid=\"a\"\nrole=\"mill\"\n",
                 "site.toml", diags);
  const core::Diagnostic* d = find(diags, "unknown-role");
  ASSERT_NE(d, nullptr) << dump(diags);
  EXPECT_EQ(d->found, "mill");
  EXPECT_EQ(d->line, 6u);
}

TEST(Site, DuplicateStreamAndMetal) {
  core::Diagnostics diags;
  load_site_toml(
      "[site]\nname=\"x\"\ncurrency=\"CAD\"\n[[streams]]\nid=\"a\"\nrole=\"feed\"\n"
      "[[streams]]\nid=\"a\"\nrole=\"feed\"\n[[metals]]\nsymbol=\"Ag\"\n[[metals]]\nsymbol="
      "\"Ag\"\n",
      "site.toml", diags);
  EXPECT_NE(find(diags, "duplicate-stream"), nullptr) << dump(diags);
  EXPECT_NE(find(diags, "duplicate-metal"), nullptr) << dump(diags);
}

TEST(Site, ProductsMustBeDeclaredConcentrates) {
  core::Diagnostics diags;
  load_site_toml(
      "[site]\nname=\"x\"\ncurrency=\"CAD\"\n[[streams]]\nid=\"feed\"\nrole=\"feed\"\n"
      "[[metals]]\nsymbol=\"Ag\"\nproducts=[\"feed\", \"nope\"]\n",
      "site.toml", diags);
  const core::Diagnostic* d = find(diags, "not-a-product");
  ASSERT_NE(d, nullptr) << dump(diags);
  EXPECT_EQ(d->found, "feed");
  d = find(diags, "unknown-stream");
  ASSERT_NE(d, nullptr) << dump(diags);
  EXPECT_EQ(d->found, "nope");
}

TEST(Site, WrongTypeAndUnknownUnits) {
  core::Diagnostics diags;
  load_site_toml(
      "[site]\nname=3\ncurrency=\"CAD\"\n[[streams]]\nid=\"feed\"\nrole=\"feed\"\n"
      "[[metals]]\nsymbol=\"Ag\"\ngrade_unit=\"gpt\"\nproduction_unit=\"ounces\"\n",
      "site.toml", diags);
  const core::Diagnostic* d = find(diags, "wrong-type");
  ASSERT_NE(d, nullptr) << dump(diags);
  EXPECT_EQ(d->line, 2u);
  EXPECT_EQ(diags.error_count(), 3u) << dump(diags);
}

// A site with one feed stream and, after it, `metal` as a [[metals]] table
// (line 7 on) and `extra` at the end.
std::string display_site(const std::string& metal, const std::string& extra = "") {
  return "[site]\nname=\"x\"\ncurrency=\"CAD\"\n[[streams]]\nid=\"feed\"\nrole=\"feed\"\n"
         "[[metals]]\nsymbol=\"Au\"\n" +
         metal + extra;
}

TEST(Site, DisplayDecimalsAsSetElseLeftToTheMagnitude) {
  core::Diagnostics diags;
  const Site site = load_site_toml(
      display_site("head_grade_decimals = 3\nconcentrate_grade_decimals = 1\n"
                   "recovery_decimals = 2\nproduction_decimals = 0\npayable_decimals = 1\n"
                   "price_decimals = 4\nsecond_grade_unit = \"oz/T\"\n"
                   "[[metals]]\nsymbol = \"Cu\"\n",
                   "[display]\ntonnes_decimals = 1\nthroughput_decimals = 0\n"),
      "site.toml", diags);
  ASSERT_FALSE(diags.has_errors()) << dump(diags);
  ASSERT_EQ(site.metals.size(), 2u);
  const Metal& au = site.metals[0];
  EXPECT_EQ(au.head_grade_decimals, 3);
  EXPECT_EQ(au.concentrate_grade_decimals, 1);
  EXPECT_EQ(au.recovery_decimals, 2);
  EXPECT_EQ(au.production_decimals, 0);  // 0 is a setting, not "absent"
  EXPECT_EQ(au.payable_decimals, 1);
  EXPECT_EQ(au.price_decimals, 4);
  EXPECT_EQ(au.second_grade_unit, units::GradeUnit::troy_ounces_per_short_ton);  // "oz/T"
  const Metal& cu = site.metals[1];
  EXPECT_FALSE(cu.head_grade_decimals || cu.concentrate_grade_decimals || cu.recovery_decimals ||
               cu.production_decimals || cu.payable_decimals || cu.price_decimals ||
               cu.second_grade_unit);
  EXPECT_EQ(site.display.tonnes_decimals, 1);
  EXPECT_EQ(site.display.throughput_decimals, 0);
}

TEST(Site, DecimalsAreWholeNumbersFrom0To6) {
  struct Case {
    std::string key, value, code, found;
  };
  const Case cases[] = {{"head_grade_decimals", "7", "out-of-range", "7"},
                        {"concentrate_grade_decimals", "-1", "out-of-range", "-1"},
                        {"recovery_decimals", "1.5", "wrong-type", "floating-point"},
                        {"recovery_decimals", "2.0", "wrong-type", "floating-point"},
                        {"production_decimals", "\"2\"", "wrong-type", "string"},
                        {"payable_decimals", "true", "wrong-type", "boolean"},
                        {"price_decimals", "99", "out-of-range", "99"}};
  for (const Case& c : cases) {
    core::Diagnostics diags;
    load_site_toml(display_site(c.key + " = " + c.value + "\n"), "site.toml", diags);
    ASSERT_EQ(diags.error_count(), 1u) << c.key << "\n" << dump(diags);
    expect_error(diags, c.code, 9, static_cast<std::uint32_t>(c.key.size() + 4), c.found);
    EXPECT_EQ(find(diags, c.code)->expected, "0 to 6") << c.key;
  }
}

TEST(Site, DisplayTableIsCheckedLikeTheMetals) {
  {
    core::Diagnostics diags;
    load_site_toml(display_site("", "[display]\ntonnes_decimals = 8\n"), "site.toml", diags);
    expect_error(diags, "out-of-range", 10, 19, "8");
  }
  {
    core::Diagnostics diags;
    load_site_toml(display_site("", "[display]\nthroughput_decimals = 0.5\n"), "site.toml", diags);
    expect_error(diags, "wrong-type", 10, 23, "floating-point");
  }
  {  // a typo is never ignored
    core::Diagnostics diags;
    load_site_toml(display_site("", "[display]\ntonne_decimals = 1\n"), "site.toml", diags);
    expect_error(diags, "unknown-key", 10, 18, "tonne_decimals");
  }
  {
    core::Diagnostics diags;
    load_site_toml(display_site("", "display = 2\n"), "site.toml", diags);
    // After [[metals]], "display = 2" is a key of the metal.
    expect_error(diags, "unknown-key", 9, 11, "display");
  }
  {
    core::Diagnostics diags;
    load_site_toml("display = 2\n" + display_site(""), "site.toml", diags);
    expect_error(diags, "wrong-type", 1, 11, "integer");
  }
}

TEST(Site, SecondGradeUnitIsAnotherKnownUnit) {
  {
    core::Diagnostics diags;
    load_site_toml(display_site("second_grade_unit = \"oz/ton\"\n"), "site.toml", diags);
    expect_error(diags, "unknown-unit", 9, 21, "oz/ton");
  }
  {  // gold is in g/t by default: a second row in g/t would repeat the first
    core::Diagnostics diags;
    load_site_toml(display_site("second_grade_unit = \"g/t\"\n"), "site.toml", diags);
    expect_error(diags, "same-unit", 9, 21, "g/t");
    EXPECT_EQ(find(diags, "same-unit")->expected, "a unit other than g/t");
  }
  {  // compared with the metal's own grade_unit, whatever order the keys come in
    core::Diagnostics diags;
    load_site_toml(display_site("second_grade_unit = \"%\"\ngrade_unit = \"%\"\n"), "site.toml",
                   diags);
    expect_error(diags, "same-unit", 9, 21, "%");
  }
}

TEST(Streams, LoadsRowsAsFractions) {
  core::Diagnostics diags;
  const Dataset ds = load_strings(
      kSite, std::string(kHeader) + "2012Q1,feed,21251,899,11.3,5.7\n2012Q1,mined,21395,,,\n",
      diags);
  ASSERT_FALSE(diags.has_errors()) << dump(diags);
  ASSERT_EQ(ds.streams.size(), 2u);
  EXPECT_DOUBLE_EQ(ds.streams.assay_at(0, 1), 0.113);
  EXPECT_DOUBLE_EQ(ds.streams.assay_at(0, 0), 899e-6);
  EXPECT_TRUE(std::isnan(ds.streams.assay_at(1, 0)));
  EXPECT_EQ(ds.streams.line[1], 3u);
}

TEST(Streams, MalformedNumber) {
  expect_error(one_row("2012Q1,feed,21x51,899,11.3,5.7"), "malformed-number", 2, 13, "21x51");
}
TEST(Streams, ThousandsSeparatorIsMalformed) {
  expect_error(one_row("2012Q1,feed,21251,899,11.3,\"5,7\""), "malformed-number", 2, 28, "5,7");
}
TEST(Streams, MissingTonnes) {
  expect_error(one_row("2012Q1,feed,,899,11.3,5.7"), "missing-value", 2, 13, "");
}
TEST(Streams, NegativeTonnes) {
  expect_error(one_row("2012Q1,feed,-5,899,11.3,5.7"), "negative-tonnes", 2, 13, "-5");
}
TEST(Streams, PercentGradeAbove100) {
  expect_error(one_row("2012Q1,feed,10,899,100.5,5.7"), "grade-out-of-range", 2, 20, "100.5");
}
TEST(Streams, GramsPerTonneAboveAMillion) {
  expect_error(one_row("2012Q1,feed,10,1000001,1,5.7"), "grade-out-of-range", 2, 16, "1000001");
}
TEST(Streams, NegativeGrade) {
  expect_error(one_row("2012Q1,feed,10,899,-1,5.7"), "negative-grade", 2, 20, "-1");
}
TEST(Streams, UnknownStream) {
  expect_error(one_row("2012Q1,mill,10,899,1,5.7"), "unknown-stream", 2, 8, "mill");
}
TEST(Streams, UnparsablePeriod) {
  expect_error(one_row("Q1 2012,feed,10,899,1,5.7"), "bad-period", 2, 1, "Q1 2012");
}
TEST(Streams, WrongFieldCount) {
  expect_error(one_row("2012Q1,feed,10,899"), "field-count", 2, 1, "4");
}
TEST(Streams, CsvSyntax) {
  const core::Diagnostics d = one_row("2012Q1,\"feed\"x,10,899,1,5.7");
  ASSERT_NE(find(d, "csv-syntax"), nullptr) << dump(d);
  EXPECT_EQ(find(d, "csv-syntax")->column, 14u);
}

TEST(Streams, UnknownMetalColumn) {
  core::Diagnostics diags;
  load_strings(kSite, "period,stream,dry_t,Cu_pct\n", diags);
  expect_error(diags, "unknown-metal", 1, 21, "Cu_pct");
}
TEST(Streams, UnknownUnitColumn) {
  core::Diagnostics diags;
  load_strings(kSite, "period,stream,dry_t,Ag_gpx\n", diags);
  expect_error(diags, "unknown-unit", 1, 21, "Ag_gpx");
}
TEST(Streams, UnknownColumn) {
  core::Diagnostics diags;
  load_strings(kSite, "period,stream,dry_t,wet_t\n", diags);
  expect_error(diags, "unknown-column", 1, 21, "wet_t");
}
TEST(Streams, DuplicateColumn) {
  core::Diagnostics diags;
  load_strings(kSite, "period,stream,dry_t,Ag_gpt,Ag_ozpst\n", diags);
  expect_error(diags, "duplicate-column", 1, 28, "Ag_ozpst");
}
TEST(Streams, MissingColumn) {
  core::Diagnostics diags;
  load_strings(kSite, "period,stream,Ag_gpt\n2012Q1,feed,3\n", diags);
  const core::Diagnostic* d = find(diags, "missing-column");
  ASSERT_NE(d, nullptr);
  EXPECT_NE(d->message.find("dry_t"), std::string::npos);
  EXPECT_EQ(d->line, 1u);
}
TEST(Streams, EmptyFile) {
  core::Diagnostics diags;
  load_strings(kSite, "", diags);
  EXPECT_NE(find(diags, "missing-column"), nullptr);
}

TEST(Streams, DuplicatePeriodStreamRow) {
  core::Diagnostics diags;
  load_strings(kSite,
               std::string(kHeader) + "2012-01,feed,1,,,\n2012-02,feed,1,,,\n2012-01,feed,2,,,\n",
               diags);
  const core::Diagnostic* d = find(diags, "duplicate-row");
  ASSERT_NE(d, nullptr) << dump(diags);
  EXPECT_EQ(d->line, 4u);
  EXPECT_NE(d->message.find("line 2"), std::string::npos) << d->message;
}

TEST(Streams, OverlappingGranularities) {
  core::Diagnostics diags;
  load_strings(
      kSite,
      std::string(kHeader) + "2012-01,feed,1,,,\n2012-01-15,feed,1,,,\n2012-01-15,mined,1,,,\n",
      diags);
  const core::Diagnostic* d = find(diags, "overlapping-rows");
  ASSERT_NE(d, nullptr) << dump(diags);
  EXPECT_EQ(d->line, 3u);
  EXPECT_EQ(diags.error_count(), 1u) << "other streams may share the day";
}

TEST(Streams, OperatingDaysOutsideThePeriod) {
  core::Diagnostics diags;
  load_strings(kSite,
               "period,stream,dry_t,operating_days\n2012-02,feed,10,30\n2012-02,mined,10,29\n",
               diags);
  expect_error(diags, "operating-days-out-of-range", 2, 17, "30");
  EXPECT_EQ(diags.error_count(), 1u);
}

TEST(Streams, EveryProblemIsReportedNotJustTheFirst) {
  const core::Diagnostics d =
      one_row("2012Q5,mill,-1,x,200,5.7\n2012Q1,feed,1,1,1,1\n2012Q1,zn_con,y,1,1,1");
  EXPECT_EQ(d.error_count(), 6u) << dump(d);
}

TEST(Sales, LoadsRows) {
  core::Diagnostics diags;
  const Dataset ds =
      load_strings(kSite, kHeader, diags,
                   "period,metal,payable,unit,price,currency\n2012Q1,Ag,540942,oz,32.81,USD\n");
  ASSERT_FALSE(diags.has_errors()) << dump(diags);
  ASSERT_EQ(ds.sales.rows.size(), 1u);
  EXPECT_NEAR(ds.sales.rows[0].payable->in(units::MassUnit::troy_ounce), 540942, 1e-6);
  EXPECT_EQ(ds.sales.rows[0].currency, "USD");
}

TEST(Sales, EveryRule) {
  core::Diagnostics diags;
  load_strings(kSite, kHeader, diags,
               "period,metal,payable,unit,price,currency\n"
               "2012Q1,Cu,1,lb,1,USD\n"      // unknown metal
               "2012Q1,Ag,1x,oz,1,USD\n"     // malformed quantity
               "2012Q1,Pb,-1,lb,1,USD\n"     // negative quantity
               "2012Q1,Zn,1,pounds,1,USD\n"  // unknown unit
               "2012Q2,Ag,1,oz,-3,USD\n"     // negative price
               "2012Q3,Ag,1,oz,3,usd\n"      // bad currency
               "2012Q4,Ag,1,oz,3,USD\n"
               "2012-12,Ag,1,oz,3,USD\n"  // overlaps 2012Q4
               "2012X,Ag,1,oz,3,USD\n");  // bad period
  for (const char* code : {"unknown-metal", "malformed-number", "negative-quantity", "unknown-unit",
                           "negative-price", "bad-currency", "overlapping-rows", "bad-period"}) {
    EXPECT_NE(find(diags, code), nullptr) << code << "\n" << dump(diags);
  }
  EXPECT_EQ(find(diags, "unknown-metal")->line, 2u);
  EXPECT_EQ(find(diags, "overlapping-rows")->line, 9u);
}

TEST(Sales, MissingColumn) {
  core::Diagnostics diags;
  load_strings(kSite, kHeader, diags, "period,metal,payable,price,currency\n");
  const core::Diagnostic* d = find(diags, "missing-column");
  ASSERT_NE(d, nullptr);
  EXPECT_NE(d->message.find("unit"), std::string::npos);
}

// Not quite a dataset: rows of each data file with random fields changed
// (to an id, period, unit, number, quoted text or random bytes), dropped or
// added, under the file's header or none, each read by every CSV loader and
// as site.toml and contracts.toml. Never a crash or an exception; every
// problem has a code and is in the file read, every row loaded has its line
// (tests/fuzz/dataset_fuzzer.cpp runs the same on any bytes, docs/fuzzing.md).
TEST(Dataset, ArbitraryCsvNeverCrashes) {
  core::Diagnostics site_diags;
  const Site site = load_site_toml(
      std::string(kSite) +
          "[costs]\nprimary_metal = \"Ag\"\nbasis = \"produced\"\ncost_of_sales = [\"mining\"]\n"
          "[costs.categories]\n\"Mining\" = \"mining\"\n",
      "site.toml", site_diags);
  ASSERT_FALSE(site_diags.has_errors()) << dump(site_diags);
  // Each data file's header and rows it loads.
  const std::vector<std::pair<std::string, std::vector<std::string>>> files = {
      {"", {}},
      {kHeader, {"2012Q1,feed,21251,899,11.3,5.7", "2012-01,mined,21395,,,"}},
      {"period,metal,product,produced,unit\n", {"2012Q1,Ag,pb_con,308211,oz", "2012,Zn,,4.1,Mlb"}},
      {"period,metal,payable,unit,price,currency\n",
       {"2012Q1,Ag,1000,oz,30.1,USD", "2012Q2,Pb,,lb,0.91,USD"}},
      {"kind,month,item,value,unit,currency\n",
       {"average,2012-01,Ag,30.93,oz,USD", "forward,2012-02,Pb,0.95,lb,USD",
        "fx,2012-01,USD,1.0130,,CAD"}},
      {"lot,product,stage,date,wet_t,moisture_pct,Ag_gpt,Pb_pct,Zn_pct,As_pct\n",
       {"L-1,pb_con,provisional,2012-01-20,1090.00,8.0,5120,65.8,4.5,0.18",
        "L-1,pb_con,final,2012-03-28,1088.50,8.1,5105,65.6,4.5,0.19"}},
      {"period,category,amount,currency\n", {"2012Q1,Mining,6100000,CAD"}},
      {"period,segment,line,amount\n", {"2012Q1,mining,revenue,12801136", "2012Q1,,eps_basic,0.1"}},
      {"period,key,value,unit\n",
       {"2012Q2,costs.cash_cost_per_unit,15.05,US$/oz", "2012Q3,costs.aisc_per_unit,20,$/oz"}}};
  const std::vector<std::string> words = {
      "2012Q1", "2012-02", "2012",  "FY2012", "2012H1", "2012-01-20", "2012-13-40", "feed",
      "pb_con", "zn_con",  "Ag",    "Zn",     "As",     "oz",         "lb",         "koz",
      "Mlb",    "USD",     "CAD",   "US$/oz", "$/lb",   "fx",         "final",      "Mining",
      "-1",     "0",       "1e308", "nan",    "inf",    "99.9",       "1000001",    "\"a,\"\"b\"",
      "\"",     ""};
  const std::string alphabet = "0123456789,.-+eE \"\n\r#Qq_%$/abc";
  std::mt19937 rng(15);
  auto random_text = [&] {
    const auto& [header, rows] = files[rng() % files.size()];
    std::string text = header;
    for (std::size_t n = rng() % 8; n > 0; --n) {
      std::vector<std::string> fields;
      if (!rows.empty()) {
        const std::string& row = rows[rng() % rows.size()];
        for (std::size_t b = 0, e; b <= row.size(); b = e + 1) {
          e = std::min(row.find(',', b), row.size());
          fields.push_back(row.substr(b, e - b));
        }
      }
      if (rng() % 10 == 0 && !fields.empty()) fields.erase(fields.begin() + rng() % fields.size());
      if (rng() % 10 == 0 || fields.empty()) fields.resize(fields.size() + 1 + rng() % 3);
      for (std::string& f : fields) {
        const std::size_t kind = rng() % 16;
        if (kind == 0) {
          f = words[rng() % words.size()];
        } else if (kind == 1) {
          f.clear();
          for (std::size_t i = rng() % 12; i > 0; --i) f += alphabet[rng() % alphabet.size()];
        } else if (kind == 2) {
          for (std::size_t i = rng() % 6; i > 0; --i) f += static_cast<char>(rng() % 256);
        }
      }
      for (std::size_t i = 0; i < fields.size(); ++i) text += (i > 0 ? "," : "") + fields[i];
      text += rng() % 9 == 0 ? "\r\n" : "\n";
    }
    return text;
  };
  auto expect_well_formed = [](const core::Diagnostics& diags, const std::string& file,
                               const std::string& text) {
    for (const auto& d : diags.items()) {
      EXPECT_FALSE(d.code.empty()) << text;
      EXPECT_EQ(d.file, file) << text;
    }
  };
  std::map<std::string, std::size_t> rows_loaded;  // by file
  auto load_all = [&](const std::string& text) {
    // `load` reads `text` and returns the lines of the rows it loaded.
    auto csv = [&](const std::string& file, auto load) {
      core::Diagnostics diags;
      auto reader = CsvReader::from_string(text);
      std::vector<std::uint32_t> lines;
      EXPECT_NO_THROW(lines = load(reader, diags)) << file << "\n" << text;
      expect_well_formed(diags, file, text);
      for (const std::uint32_t line : lines) EXPECT_GT(line, 0u) << file << "\n" << text;
      rows_loaded[file] += lines.size();
    };
    auto lines_of = [](const auto& rows) {
      std::vector<std::uint32_t> lines;
      for (const auto& row : rows) lines.push_back(row.line);
      return lines;
    };
    csv("streams.csv", [&](CsvReader& r, core::Diagnostics& d) {
      const StreamTable t = load_streams_csv(r, "streams.csv", site, d);
      return std::vector<std::uint32_t>(t.line.begin(), t.line.end());
    });
    csv("production.csv", [&](CsvReader& r, core::Diagnostics& d) {
      return lines_of(load_production_csv(r, "production.csv", site, d));
    });
    csv("sales.csv", [&](CsvReader& r, core::Diagnostics& d) {
      return lines_of(load_sales_csv(r, "sales.csv", site, d));
    });
    csv("prices.csv", [&](CsvReader& r, core::Diagnostics& d) {
      return lines_of(load_prices_csv(r, "prices.csv", site, d));
    });
    csv("lots.csv", [&](CsvReader& r, core::Diagnostics& d) {
      std::vector<std::uint32_t> lines;
      for (const auto& lot : load_lots_csv(r, "lots.csv", site, d)) {
        // A lot of a final row alone is kept, with a missing-provisional error.
        if (lot.provisional.line == 0) {
          EXPECT_NE(find(d, "missing-provisional"), nullptr);
        } else {
          lines.push_back(lot.provisional.line);
        }
        if (lot.final) lines.push_back(lot.final->line);
      }
      return lines;
    });
    csv("costs.csv", [&](CsvReader& r, core::Diagnostics& d) {
      return lines_of(load_costs_csv(r, "costs.csv", site, d));
    });
    csv("financials.csv", [&](CsvReader& r, core::Diagnostics& d) {
      std::vector<std::uint32_t> lines;
      for (const auto& row : load_financials_csv(r, "financials.csv", d)) lines.push_back(row.row);
      return lines;
    });
    csv("reported.csv", [&](CsvReader& r, core::Diagnostics& d) {
      return lines_of(load_reported_csv(r, "reported.csv", site.currency, d));
    });
    for (const std::string file : {"site.toml", "contracts.toml"}) {
      core::Diagnostics diags;
      EXPECT_NO_THROW(file == "site.toml" ? (void)load_site_toml(text, file, diags)
                                          : (void)load_contracts_toml(text, file, site, diags))
          << file << "\n"
          << text;
      expect_well_formed(diags, file, text);
    }
  };
  for (int trial = 0; trial < 3000; ++trial) load_all(random_text());
  // The rows mostly load: the loaders' checks of each field are reached.
  EXPECT_EQ(rows_loaded.size(), 8u);
  for (const auto& [file, n] : rows_loaded) EXPECT_GT(n, 50u) << file;
  load_all("");
  load_all(std::string(kHeader) + std::string(1 << 20, '9'));  // one huge line
  load_all(std::string(kHeader) + "2012Q1,feed\n2012Q1,feed,1,2,3,4,5,6,7,8\n\"\n");  // ragged
}

class Folder : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("orebook_dataset_test_" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  void write(const std::string& name, std::string_view text) {
    std::ofstream(dir_ / name, std::ios::binary) << text;
  }
  std::filesystem::path dir_;
};

TEST_F(Folder, MissingFolder) {
  core::Diagnostics diags;
  load((dir_ / "nope").string(), diags);
  EXPECT_NE(find(diags, "missing-file"), nullptr);
}

TEST_F(Folder, MissingSiteToml) {
  core::Diagnostics diags;
  load(dir_.string(), diags);
  const core::Diagnostic* d = find(diags, "missing-file");
  ASSERT_NE(d, nullptr);
  EXPECT_NE(d->file.find("site.toml"), std::string::npos);
}

TEST_F(Folder, MissingStreamsCsv) {
  write("site.toml", kSite);
  core::Diagnostics diags;
  load(dir_.string(), diags);
  const core::Diagnostic* d = find(diags, "missing-file");
  ASSERT_NE(d, nullptr) << dump(diags);
  EXPECT_NE(d->file.find("streams.csv"), std::string::npos);
}

// What the ledger keeps of a row (dataset::row_hashes): its fields as read,
// so quoting a field or a comment line between rows changes nothing, and a
// changed cell changes that row's hash alone.
TEST_F(Folder, RowHashesFollowTheFieldsNotTheBytes) {
  write("site.toml", kSite);
  write("streams.csv", std::string(kHeader) + "2012Q1,feed,100,1.5,2,3\n2012Q2,feed,200,1,2,3\n");
  core::Diagnostics diags;
  const Dataset plain = load(dir_.string(), diags);
  ASSERT_FALSE(diags.has_errors()) << dump(diags);
  const auto before = row_hashes(plain, plain.streams.file, {2, 3, 9});
  ASSERT_EQ(before.size(), 2u);  // line 9 is past the end
  EXPECT_EQ(before[0].first, 2u);
  EXPECT_EQ(before[1].first, 3u);
  EXPECT_EQ(before[0].second.size(), 64u);
  EXPECT_NE(before[0].second, before[1].second);

  // The same fields, quoted, after a comment line: the lines move by one.
  write("streams.csv", std::string(kHeader) +
                           "# a comment\n\"2012Q1\",feed,\"100\",1.5,2,3\n2012Q2,feed,200,1,2,3\n");
  const Dataset quoted = load(dir_.string(), diags);
  ASSERT_FALSE(diags.has_errors()) << dump(diags);
  const auto moved = row_hashes(quoted, quoted.streams.file, {3, 4});
  ASSERT_EQ(moved.size(), 2u);
  EXPECT_EQ(moved[0].second, before[0].second);
  EXPECT_EQ(moved[1].second, before[1].second);

  // One cell changed: that row's hash alone.
  write("streams.csv", std::string(kHeader) + "2012Q1,feed,100,1.6,2,3\n2012Q2,feed,200,1,2,3\n");
  const Dataset edited = load(dir_.string(), diags);
  const auto after = row_hashes(edited, edited.streams.file, {2, 3});
  ASSERT_EQ(after.size(), 2u);
  EXPECT_NE(after[0].second, before[0].second);
  EXPECT_EQ(after[1].second, before[1].second);

  // A file the dataset did not read has no rows.
  EXPECT_TRUE(row_hashes(edited, (dir_ / "sales.csv").string(), {2}).empty());
}

TEST_F(Folder, SalesCsvIsOptional) {
  write("site.toml", kSite);
  write("streams.csv", std::string(kHeader) + "2012Q1,feed,1,1,1,1\n");
  core::Diagnostics diags;
  const Dataset ds = load(dir_.string(), diags);
  EXPECT_FALSE(diags.has_errors()) << dump(diags);
  EXPECT_FALSE(ds.sales.present);
}

}  // namespace
}  // namespace orebook::dataset

// The table of files (dataset.cpp): every data file is opened and its header
// read the same way, so an empty one is the same error whichever it is.
namespace orebook::dataset {
namespace {

namespace fs = std::filesystem;

// A dataset folder of the test site with `extra` written beside it.
fs::path folder_with(const std::string& name,
                     const std::vector<std::pair<std::string, std::string>>& extra) {
  const fs::path dir = fs::temp_directory_path() / ("orebook-files-" + name);
  fs::remove_all(dir);
  fs::create_directories(dir);
  std::ofstream(dir / "site.toml") << testing::kSite;
  std::ofstream(dir / "streams.csv") << "period,stream,dry_t\n2012-01,feed,100\n";
  for (const auto& [file, text] : extra) std::ofstream(dir / file) << text;
  return dir;
}

TEST(Files, AnEmptyDataFileIsTheSameErrorForEveryFile) {
  for (const char* name : {"streams.csv", "sales.csv", "prices.csv", "lots.csv", "costs.csv",
                           "financials.csv", "reported.csv"}) {
    const fs::path dir = folder_with(std::string("empty-") + name, {{name, "# a comment\n"}});
    core::Diagnostics diags;
    load(dir.string(), diags);
    const core::Diagnostic* d = find(diags, "missing-column");
    ASSERT_NE(d, nullptr) << name << "\n" << dump(diags);
    EXPECT_EQ(d->file, (dir / name).string());
    EXPECT_EQ(d->line, 1u);
    EXPECT_EQ(d->message, std::string(name) + " is empty");
    fs::remove_all(dir);
  }
}

TEST(Files, OneUnknownNameIsSaidOncePerFileAfterSiteToml) {
  // kSite has no stream "zinc_con": every row naming it has one cause.
  std::string streams = "period,stream,dry_t\n2012-01,feed,100\n";
  for (int m = 1; m <= 12; ++m) streams += fmt::format("2012-{:02},zinc_con,10\n", m);
  streams += "2012-02,feed,-1\n";  // a problem of its own, still said
  const fs::path dir =
      folder_with("unknown-name", {{"streams.csv", streams}, {"sales.csv", "period,metal\n"}});
  core::Diagnostics diags;
  load(dir.string(), diags);
  diags.sort();
  ASSERT_GE(diags.items().size(), 3u) << dump(diags);
  const core::Diagnostic& first = diags.items()[0];
  EXPECT_EQ(first.code, "unknown-stream");
  EXPECT_EQ(first.line, 3u);
  EXPECT_NE(first.message.find("(and 11 more in this file, lines 4, 5, 6, 7, 8, …)"),
            std::string::npos)
      << first.message;
  EXPECT_EQ(diags.items()[1].code, "negative-tonnes");
  // Files in the order they are read, not by name: streams.csv before sales.csv.
  EXPECT_EQ(diags.items()[2].file, (dir / "sales.csv").string());
  EXPECT_EQ(diags.error_count(), diags.items().size());  // what is counted is shown
  fs::remove_all(dir);
}

TEST(Files, AStreamIdDeclaredTwiceIsSaidBeforeWhatFollowsFromIt) {
  // zn_con's table pasted from pb_con's with the id left: zn_con is now
  // undeclared, so the products of Ag and Zn (lines before) name no stream.
  std::string site(testing::kSite);
  const std::string zn = "id = \"zn_con\"";
  site.replace(site.find(zn), zn.size(), "id = \"pb_con\"");
  const fs::path dir = folder_with("duplicate-id", {{"site.toml", site}});
  core::Diagnostics diags;
  load(dir.string(), diags);
  diags.sort();
  ASSERT_GE(diags.items().size(), 2u) << dump(diags);
  EXPECT_EQ(diags.items()[0].code, "duplicate-stream") << dump(diags);
  EXPECT_EQ(diags.items()[1].code, "unknown-stream") << dump(diags);
  EXPECT_LT(diags.items()[1].line, diags.items()[0].line);  // first though later in the file
  fs::remove_all(dir);
}

TEST(Files, AbsentOptionalFilesAreNotThereAndKeepTheirPath) {
  const fs::path dir = folder_with("absent", {});
  core::Diagnostics diags;
  const Dataset ds = load(dir.string(), diags);
  EXPECT_FALSE(diags.has_errors()) << dump(diags);
  EXPECT_FALSE(ds.sales.present);
  EXPECT_FALSE(ds.lots.present);
  EXPECT_EQ(ds.lots.file, (dir / "lots.csv").string());
  EXPECT_EQ(ds.streams.size(), 1u);
  fs::remove_all(dir);
}

TEST(Files, LotsNeedContractsAndPricesBesideThem) {
  const fs::path dir =
      folder_with("lots-alone", {{"lots.csv", "lot,product,stage,date,wet_t,moisture_pct\n"}});
  core::Diagnostics diags;
  load(dir.string(), diags);
  std::vector<std::string> needs;
  for (const auto& d : diags.items()) {
    if (d.code == "missing-file") needs.push_back(d.message);
  }
  EXPECT_EQ(needs, (std::vector<std::string>{"lots.csv needs contracts.toml in the same folder",
                                             "lots.csv needs prices.csv in the same folder"}));
  fs::remove_all(dir);
}

TEST(Files, AMissingStreamsFileIsAnError) {
  const fs::path dir = folder_with("no-streams", {});
  fs::remove(dir / "streams.csv");
  core::Diagnostics diags;
  load(dir.string(), diags);
  const core::Diagnostic* d = find(diags, "missing-file");
  ASSERT_NE(d, nullptr);
  EXPECT_EQ(d->file, (dir / "streams.csv").string());
  fs::remove_all(dir);
}

}  // namespace
}  // namespace orebook::dataset
