#include <cmath>
#include <string>

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "orebook/accounting/aggregate.h"
#include "orebook/accounting/formulas.h"
#include "orebook/accounting/operating.h"
#include "orebook/accounting/produced.h"
#include "orebook/dataset/csv.h"
#include "orebook/units/interval.h"
#include "test_util.h"

namespace orebook::accounting {
namespace {

using calendar::Period;
using testing::dump;
using testing::find;
using testing::find_saying;
using testing::kSite;
using testing::load_strings;
using units::GradeUnit;
using units::Mass;
using units::MassUnit;

// Sums of a few double products: a relative error of 1e-12 is far above
// rounding noise and far below any accounting difference.
constexpr double kRel = 1e-12;

TEST(Formulas, ContainedMetal) {
  // docs/formulas.md §2: contained Ag (oz) = dry t × g/t ÷ 31.1034768.
  const Mass ag =
      contained_metal(Mass::tonnes(3376), units::Grade::of(5144, GradeUnit::grams_per_tonne));
  EXPECT_NEAR(ag.in(MassUnit::troy_ounce), 3376.0 * 5144.0 / 31.1034768, 1e-6);
  const Mass pb = contained_metal(Mass::tonnes(100), units::Grade::of(66, GradeUnit::percent));
  EXPECT_NEAR(pb.tonnes(), 66.0, 66 * kRel);
}

TEST(Formulas, RecoveryThroughputAndChange) {
  EXPECT_NEAR(recovery(Mass::tonnes(93), Mass::tonnes(100))->percent(), 93.0, 93 * kRel);
  EXPECT_FALSE(recovery(Mass::tonnes(1), Mass::tonnes(0)));
  EXPECT_NEAR(throughput(Mass::tonnes(21251), 91)->tonnes_per_day(), 233.527472527, 1e-8);
  EXPECT_FALSE(throughput(Mass::tonnes(1), 0));
  const Change c = change(581808, 447524);
  EXPECT_NEAR(*c.relative, 0.300059, 1e-6);  // "silver production increased 30%"
  EXPECT_NEAR(c.absolute, 134284, 1e-9);
  EXPECT_FALSE(change(1, 0).relative);
  // Across a sign, or with a loss on either side, a percentage means nothing
  // (a gross loss of 97 turning into a profit of 57 "is" -159%): "n/m".
  EXPECT_FALSE(change(57, -97).relative);
  EXPECT_FALSE(change(-97, 57).relative);
  EXPECT_FALSE(change(-8450, -1210).relative);
  EXPECT_EQ(change(-97, 57).absolute, -154);
  EXPECT_NEAR(*change(0, 57).relative, -1.0, kRel);  // to zero: -100%
  EXPECT_FALSE(weighted_grade(Mass::tonnes(1), Mass::tonnes(0)));
}

TEST(Formulas, AnnualisedRunRate) {
  // 1,152,516 oz in the 182 days to June 30, 2012 (a leap year of 366 days).
  EXPECT_NEAR(annualised(1152516.0, 182.0, 366.0), 1152516.0 * 366 / 182, 1e-6);
}

TEST(Formulas, SameFormulaOverIntervals) {
  // 66% of 3,376 t: the formula template evaluated on what the printed figures allow.
  const units::Interval t = units::Interval::from_printed(3376, 0);
  const units::Interval g = units::Interval::from_printed(66, 0) * units::Interval(0.01);
  const units::Interval c = contained_metal(t, g);
  EXPECT_LE(c.lo(), 3375.5 * 0.655);
  EXPECT_GE(c.hi(), 3376.5 * 0.665);
  EXPECT_TRUE(c.contains(contained_metal(3376.0, 0.66)));
}

// Three months of a feed stream written as daily, monthly and quarterly rows.
struct Granularity : ::testing::Test {
  static std::string header() { return "period,stream,dry_t,Ag_gpt,Pb_pct,Zn_pct\n"; }
};

TEST_F(Granularity, MixedRowsAggregateLikeOneQuarterlyRow) {
  // January daily, February as one month, March as two ranges; grades vary.
  std::string mixed = header();
  double tonnes = 0, ag = 0, pb = 0;
  for (int d = 1; d <= 31; ++d) {
    const double t = 200 + d, g_ag = 800 + 3 * d, g_pb = 10 + 0.1 * d;
    mixed += fmt::format("2012-01-{:02},feed,{},{},{},5\n", d, t, g_ag, g_pb);
    tonnes += t, ag += t * g_ag, pb += t * g_pb;
  }
  mixed += "2012-02,feed,6000,900,11,5\n";
  tonnes += 6000, ag += 6000 * 900.0, pb += 6000 * 11.0;
  mixed += "2012-03-01..2012-03-15,feed,3000,950,12,5\n2012-03-16..2012-03-31,feed,3500,700,9,5\n";
  tonnes += 6500, ag += 3000 * 950.0 + 3500 * 700.0, pb += 3000 * 12.0 + 3500 * 9.0;

  core::Diagnostics diags;
  const auto ds = load_strings(kSite, mixed, diags);
  ASSERT_FALSE(diags.has_errors()) << dump(diags);
  const Period q = *Period::parse("2012Q1");
  const auto totals = aggregate(ds, std::span(&q, 1), diags);
  ASSERT_FALSE(diags.has_errors()) << dump(diags);
  const StreamTotal& feed = totals[0].streams[1];
  EXPECT_NEAR(feed.dry.tonnes(), tonnes, tonnes * kRel);
  EXPECT_EQ(feed.days_covered, 91);
  // Tonnage-weighted, not the average of the row grades.
  EXPECT_NEAR(feed.grade(0)->in(GradeUnit::grams_per_tonne), ag / tonnes, kRel * 1000);
  EXPECT_NEAR(feed.grade(1)->in(GradeUnit::percent), pb / tonnes, kRel * 100);
  EXPECT_GT(std::abs(feed.grade(1)->in(GradeUnit::percent) - (11.0 + 10.5 + 12 + 9) / 4), 0.05);

  // Asked for a month, the same rows give February alone.
  const Period feb = *Period::parse("2012-02");
  const auto feb_totals = aggregate(ds, std::span(&feb, 1), diags);
  EXPECT_NEAR(feb_totals[0].streams[1].dry.tonnes(), 6000, 6000 * kRel);
}

TEST_F(Granularity, ARowOnlyPartlyInsideThePeriodMakesTheStreamUnknownThere) {
  // A quarterly feed row asked for by month: the feed is unknown in each
  // month (one warning for the row, quoting its own period), the report goes
  // on, and a monthly concentrate beside it stays known.
  core::Diagnostics diags;
  const auto ds = load_strings(
      kSite, header() + "2012Q1,feed,100,1,1,1\n2012-02,pb_con,10,5,50,\n2012-01,pb_con,9,5,50,\n",
      diags);
  ASSERT_FALSE(diags.has_errors()) << dump(diags);
  const std::vector<Period> months = {*Period::parse("2012-01"), *Period::parse("2012-02")};
  const auto totals = aggregate(ds, months, diags);
  EXPECT_FALSE(diags.has_errors()) << dump(diags);
  std::size_t warnings = 0;
  for (const auto& d : diags.items()) warnings += d.code == "period-too-fine";
  EXPECT_EQ(warnings, 1u) << dump(diags);
  const auto* d = find(diags, "period-too-fine");
  ASSERT_NE(d, nullptr) << dump(diags);
  EXPECT_EQ(d->severity, core::Severity::warning);
  EXPECT_EQ(d->line, 2u);
  EXPECT_EQ(d->found, "2012Q1");  // the row's period, not the one asked for
  EXPECT_NE(d->message.find("the 2 periods asked for from 2012-01 to 2012-02"), std::string::npos)
      << d->message;
  for (const auto& pt : totals) {
    EXPECT_FALSE(pt.streams[1].complete);
    EXPECT_TRUE(pt.streams[1].partial);
    EXPECT_TRUE(pt.streams[2].complete);
    const OperatingStatistics os = operating_statistics(ds, pt, diags);
    EXPECT_FALSE(os.ore_processed);
    EXPECT_FALSE(os.metals[1].head_grade);
    EXPECT_FALSE(os.metals[1].recovery);
    EXPECT_TRUE(os.products[0].tonnes);
  }
}

TEST_F(Granularity, PeriodWithoutDataIsAnError) {
  core::Diagnostics diags;
  const auto ds = load_strings(kSite, header() + "2012Q1,feed,100,1,1,1\n", diags);
  const Period q = *Period::parse("2013Q1");
  aggregate(ds, std::span(&q, 1), diags);
  const auto* d = find(diags, "no-data");
  ASSERT_NE(d, nullptr) << dump(diags);
  EXPECT_EQ(d->found, "2013Q1");
}

TEST_F(Granularity, IncompleteCoverageIsUnknownNotAPartialSum) {
  core::Diagnostics diags;
  const auto ds = load_strings(kSite, header() + "2012-01,feed,100,1,1,1\n", diags);
  const Period q = *Period::parse("2012Q1");
  const auto totals = aggregate(ds, std::span(&q, 1), diags);
  EXPECT_FALSE(diags.has_errors());
  const auto* d = find(diags, "incomplete-period");
  ASSERT_NE(d, nullptr);
  EXPECT_EQ(d->severity, core::Severity::warning);
  EXPECT_NE(d->message.find("31 of the 91 days"), std::string::npos) << d->message;
  EXPECT_NE(d->message.find("missing 2012-02-01..2012-03-31"), std::string::npos) << d->message;
  EXPECT_FALSE(totals[0].streams[1].complete);
  EXPECT_FALSE(operating_statistics(ds, totals[0], diags).ore_processed);
}

TEST_F(Granularity, ANineMonthRangeWithTwoQuartersNamesTheMissingQuarter) {
  core::Diagnostics diags;
  const auto ds = load_strings(
      kSite, header() + "2012Q1,feed,100,1,1,1\n2012Q3,feed,100,1,1,1\n2012Q2,mined,5,,,\n", diags);
  ASSERT_FALSE(diags.has_errors()) << dump(diags);
  const Period nine = *Period::parse("2012Q1..2012Q3");
  const auto totals = aggregate(ds, std::span(&nine, 1), diags);
  const auto* d = find_saying(diags, "incomplete-period", "stream 'feed'");
  ASSERT_NE(d, nullptr) << dump(diags);
  EXPECT_NE(d->message.find("stream 'feed' has rows for 183 of the 274 days"), std::string::npos)
      << d->message;
  EXPECT_NE(d->message.find("(missing 2012Q2)"), std::string::npos) << d->message;
  const auto os = operating_statistics(ds, totals[0], diags);
  EXPECT_FALSE(os.ore_processed);
  EXPECT_FALSE(os.throughput);
  EXPECT_FALSE(os.ore_mined);  // ore mined: 2012Q2 alone
}

TEST_F(Granularity, UnassayedRowLeavesTheGradeUnknown) {
  core::Diagnostics diags;
  const auto ds = load_strings(kSite,
                               header() +
                                   "2012-01,feed,100,5,1,1\n2012-02,feed,100,,1,1\n"
                                   "2012-03,feed,0,,1,1\n",
                               diags);
  const Period q = *Period::parse("2012Q1");
  const auto totals = aggregate(ds, std::span(&q, 1), diags);
  EXPECT_FALSE(totals[0].streams[1].grade(0));  // silver missing in February
  ASSERT_TRUE(totals[0].streams[1].grade(1));   // zero tonnes in March need no assay
}

// Found on real data: a quarter with feed rows but no concentrate rows printed
// production 0 and recovery 0%. A product without rows is unknown; a row of
// 0 t is a product that made nothing.
TEST(Operating, AProductWithoutRowsIsUnknownNotZero) {
  const std::string csv =
      "period,stream,dry_t,Ag_gpt,Pb_pct,Zn_pct\n"
      "2012Q1,feed,1000,100,10,5\n2012Q1,pb_con,100,500,90,\n"
      "2012Q2,feed,1000,100,10,5\n2012Q2,pb_con,100,500,90,\n2012Q2,zn_con,0,,,\n";
  core::Diagnostics diags;
  const auto ds = load_strings(kSite, csv, diags);
  ASSERT_FALSE(diags.has_errors()) << dump(diags);
  for (const char* quarter : {"2012Q1", "2012Q2"}) {
    const Period q = *Period::parse(quarter);
    core::Diagnostics run;
    const auto totals = aggregate(ds, std::span(&q, 1), run);
    const OperatingStatistics os = operating_statistics(ds, totals[0], run);
    const bool without_rows = std::string(quarter) == "2012Q1";
    // Pb comes from pb_con alone: known either way.
    EXPECT_NEAR(os.metals[1].recovery->percent(), 90.0, 90 * kRel) << quarter;
    if (without_rows) {
      EXPECT_FALSE(os.products[1].tonnes) << quarter;
      EXPECT_FALSE(os.metals[2].production) << quarter;  // Zn: only in zn_con
      EXPECT_FALSE(os.metals[2].recovery) << quarter;
      EXPECT_FALSE(os.metals[0].production) << quarter;  // Ag: in both concentrates
      const core::Diagnostic* d = find_saying(run, "no-rows", "'zn_con'");
      ASSERT_NE(d, nullptr) << dump(run);
      EXPECT_EQ(d->severity, core::Severity::warning);
    } else {
      EXPECT_EQ(os.products[1].tonnes->tonnes(), 0.0);
      EXPECT_EQ(os.metals[2].production->tonnes(), 0.0);
      EXPECT_EQ(os.metals[2].recovery->percent(), 0.0);
      EXPECT_EQ(find_saying(run, "no-rows", "'zn_con'"), nullptr) << dump(run);
    }
    // The site's ore_mined stream has no rows at all: unknown, said once a period.
    EXPECT_NE(find_saying(run, "no-rows", "ore mined stream 'mined'"), nullptr) << dump(run);
  }
}

TEST(Operating, RecoveryIsMetalWeightedAcrossMonths) {
  // Two months with very different recoveries and feed metal: the quarter's
  // recovery is Σ produced ÷ Σ fed, not the mean of the monthly recoveries.
  const std::string csv =
      "period,stream,dry_t,Ag_gpt,Pb_pct,Zn_pct\n"
      "2012-01,feed,1000,100,10,5\n2012-01,pb_con,100,500,90,\n2012-01,zn_con,10,100,,40\n"
      "2012-02,feed,3000,100,2,5\n2012-02,pb_con,50,1000,60,\n2012-02,zn_con,30,100,,40\n"
      "2012-03,feed,0,,,\n2012-03,pb_con,0,,,\n2012-03,zn_con,0,,,\n";
  core::Diagnostics diags;
  const auto ds = load_strings(kSite, csv, diags);
  ASSERT_FALSE(diags.has_errors()) << dump(diags);
  const Period q = *Period::parse("2012Q1");
  const auto totals = aggregate(ds, std::span(&q, 1), diags);
  const OperatingStatistics os = operating_statistics(ds, totals[0], diags);
  // Pb: fed 100 + 60 = 160 t; produced 90 + 30 = 120 t → 75%. Monthly 90% and 50% average 70%.
  EXPECT_NEAR(os.metals[1].recovery->percent(), 75.0, 75 * kRel);
  EXPECT_NEAR(os.metals[1].head_grade->in(GradeUnit::percent), 4.0, 4 * kRel);
  // Ag: produced in both concentrates = (100×500 + 10×100 + 50×1000 + 30×100) g/t·t.
  EXPECT_NEAR(os.metals[0].production->in(MassUnit::gram), 104000, 104000 * kRel);
  EXPECT_NEAR(os.metals[0].recovery->fraction(), 104000.0 / 400000.0, kRel);
  EXPECT_NEAR(os.ore_processed->tonnes(), 4000, 4000 * kRel);
  EXPECT_NEAR(os.throughput->tonnes_per_day(), 4000.0 / 91, kRel * 100);
  EXPECT_FALSE(os.ore_mined);  // no ore_mined rows
}

TEST(Operating, OperatingDaysGiveASecondThroughput) {
  core::Diagnostics diags;
  const auto ds = load_strings(kSite,
                               "period,stream,dry_t,operating_days\n2012-01,feed,3000,30\n"
                               "2012-02,feed,2800,28\n",
                               diags);
  const Period p = *Period::parse("2012-01-01..2012-02-29");
  const auto totals = aggregate(ds, std::span(&p, 1), diags);
  const auto os = operating_statistics(ds, totals[0], diags);
  EXPECT_NEAR(*os.operating_days, 58, 1e-12);
  EXPECT_NEAR(os.throughput_operating->tonnes_per_day(), 100, 100 * kRel);
  EXPECT_NEAR(os.throughput->tonnes_per_day(), 5800.0 / 60, kRel * 100);
}

TEST(Operating, SalesAddUpAndPriceIsValueWeighted) {
  core::Diagnostics diags;
  const auto ds = load_strings(kSite, "period,stream,dry_t\n2012Q1,feed,1\n", diags,
                               "period,metal,payable,unit,price,currency\n"
                               "2012-01,Ag,100,oz,30,USD\n2012-02,Ag,300,oz,34,USD\n"
                               "2012-03,Ag,0,oz,0,USD\n2012Q1,Pb,1,t,2204.62262184878,USD\n"
                               "2012-04,Ag,1,oz,1,USD\n");
  ASSERT_FALSE(diags.has_errors()) << dump(diags);
  const Period q = *Period::parse("2012Q1");
  const auto totals = aggregate(ds, std::span(&q, 1), diags);
  const auto os = operating_statistics(ds, totals[0], diags);
  EXPECT_NEAR(os.metals[0].payable_sold->in(MassUnit::troy_ounce), 400, 400 * kRel);
  EXPECT_NEAR(*os.metals[0].realized_price, (100 * 30 + 300 * 34) / 400.0, kRel * 40);
  // A price per tonne becomes a price per pound, the metal's unit.
  EXPECT_NEAR(*os.metals[1].realized_price, 1.0, 1e-12);
  EXPECT_NEAR(os.metals[1].payable_sold->in(MassUnit::pound), 2204.62262184878, 1e-8);
  EXPECT_FALSE(os.metals[2].payable_sold);
}

TEST(Operating, MixedSaleCurrenciesAreAnError) {
  core::Diagnostics diags;
  const auto ds = load_strings(kSite, "period,stream,dry_t\n2012Q1,feed,1\n", diags,
                               "period,metal,payable,unit,price,currency\n"
                               "2012-01,Ag,100,oz,30,USD\n2012-02,Ag,300,oz,34,CAD\n");
  const Period q = *Period::parse("2012Q1");
  const auto totals = aggregate(ds, std::span(&q, 1), diags);
  operating_statistics(ds, totals[0], diags);
  EXPECT_NE(find(diags, "mixed-currency"), nullptr) << dump(diags);
}

}  // namespace
TEST(Operating, SalesRowsThatDoNotFitThePeriodLeaveThatMetalUnknown) {
  // An annual zinc row in a quarterly report, silver for two months of three,
  // lead for the whole quarter: only lead is known, and the report goes on.
  core::Diagnostics diags;
  const auto ds = load_strings(kSite, "period,stream,dry_t\n2012Q1,feed,1\n", diags,
                               "period,metal,payable,unit,price,currency\n"
                               "2012,Zn,1000,lb,0.9,USD\n2012-01,Ag,100,oz,30,USD\n"
                               "2012-02,Ag,300,oz,34,USD\n2012Q1,Pb,10,lb,1,USD\n");
  ASSERT_FALSE(diags.has_errors()) << dump(diags);
  const Period q = *Period::parse("2012Q1");
  const auto totals = aggregate(ds, std::span(&q, 1), diags);
  const auto os = operating_statistics(ds, totals[0], diags);
  EXPECT_FALSE(diags.has_errors()) << dump(diags);
  EXPECT_FALSE(os.metals[2].payable_sold);
  EXPECT_FALSE(os.metals[2].realized_price);
  EXPECT_FALSE(os.metals[0].payable_sold);
  EXPECT_FALSE(os.metals[0].realized_price);
  EXPECT_NEAR(os.metals[1].payable_sold->in(MassUnit::pound), 10, 1e-9);
  const auto* coarse = find(diags, "period-too-fine");
  ASSERT_NE(coarse, nullptr) << dump(diags);
  EXPECT_EQ(coarse->line, 2u);
  EXPECT_EQ(coarse->found, "2012");
  const auto* part = find(diags, "incomplete-period");
  ASSERT_NE(part, nullptr) << dump(diags);
  EXPECT_NE(part->message.find("missing 2012-03"), std::string::npos) << part->message;
}

TEST(Operating, APriceWithoutItsVolume) {
  // One row without the quantity: the price is known, the payable metal not.
  // Two such rows in a period cannot be weighted.
  core::Diagnostics diags;
  const auto ds = load_strings(kSite, "period,stream,dry_t\n2012Q1,feed,1\n2012Q2,feed,1\n", diags,
                               "period,metal,payable,unit,price,currency\n"
                               "2012Q1,Pb,,t,2204.62262184878,USD\n"
                               "2012-04,Ag,,oz,30,USD\n2012-05..2012-06,Ag,,oz,34,USD\n");
  ASSERT_FALSE(diags.has_errors()) << dump(diags);
  const std::vector<Period> quarters = {*Period::parse("2012Q1"), *Period::parse("2012Q2")};
  const auto totals = aggregate(ds, quarters, diags);
  const auto q1 = operating_statistics(ds, totals[0], diags);
  EXPECT_FALSE(q1.metals[1].payable_sold);
  EXPECT_NEAR(*q1.metals[1].realized_price, 1.0, 1e-12);  // per pound, the metal's unit
  EXPECT_EQ(find(diags, "price-without-volume"), nullptr);
  const auto q2 = operating_statistics(ds, totals[1], diags);
  EXPECT_FALSE(q2.metals[0].realized_price);
  const auto* d = find(diags, "price-without-volume");
  ASSERT_NE(d, nullptr) << dump(diags);
  EXPECT_NE(d->message.find("2 of the 2 sales rows of Ag"), std::string::npos) << d->message;
}

TEST(Operating, AFeedStreamWithoutRowsIsUnknownWithAWarning) {
  // Two mills; the second has no row in the quarter: ore processed is unknown,
  // not the first mill's tonnes.
  constexpr std::string_view kTwoMills = R"([site]
name = "Two mills"
currency = "CAD"

[[metals]]
symbol = "Ag"

[[streams]]
id = "mill_a"
role = "feed"

[[streams]]
id = "mill_b"
role = "feed"
)";
  core::Diagnostics diags;
  const auto ds = load_strings(kTwoMills,
                               "period,stream,dry_t,Ag_gpt\n2012Q1,mill_a,100,50\n"
                               "2012Q2,mill_a,100,50\n2012Q2,mill_b,300,10\n",
                               diags);
  ASSERT_FALSE(diags.has_errors()) << dump(diags);
  const std::vector<Period> quarters = {*Period::parse("2012Q1"), *Period::parse("2012Q2")};
  const auto totals = aggregate(ds, quarters, diags);
  const auto q1 = operating_statistics(ds, totals[0], diags);
  EXPECT_FALSE(q1.ore_processed);
  EXPECT_FALSE(q1.metals[0].head_grade);
  const auto* d = find(diags, "no-rows");
  ASSERT_NE(d, nullptr) << dump(diags);
  EXPECT_NE(d->message.find("mill feed stream 'mill_b' has no rows in 2012Q1"), std::string::npos)
      << d->message;
  const auto q2 = operating_statistics(ds, totals[1], diags);
  EXPECT_NEAR(q2.ore_processed->tonnes(), 400, 1e-9);
  EXPECT_NEAR(q2.metals[0].head_grade->in(GradeUnit::grams_per_tonne), 20, 1e-9);
}

// A dataset with production.csv, as dataset::load would read it.
dataset::Dataset with_production(std::string streams, std::string production,
                                 core::Diagnostics& diags) {
  dataset::Dataset ds = load_strings(kSite, std::move(streams), diags);
  ds.production.present = true;
  ds.production.file = "production.csv";
  auto reader = dataset::CsvReader::from_string(std::move(production));
  ds.production.rows = dataset::load_production_csv(reader, "production.csv", ds.site, diags);
  diags.sort();
  return ds;
}

TEST(Production, EnteredDirectlyReplacesTonnesTimesGrade) {
  // Feed 1,000 t at 100 g/t silver (32,150.7 oz); no concentrate rows at all.
  // production.csv gives silver as a whole and lead for the lead concentrate.
  core::Diagnostics diags;
  const auto ds = with_production(
      "period,stream,dry_t,Ag_gpt,Pb_pct,Zn_pct\n"
      "2012Q1,feed,1000,100,10,5\n",
      "period,metal,product,produced,unit\n"
      "2012Q1,Ag,,28.9,koz\n2012Q1,Pb,pb_con,90,t\n",
      diags);
  ASSERT_FALSE(diags.has_errors()) << dump(diags);
  const Period q = *Period::parse("2012Q1");
  const auto totals = aggregate(ds, std::span(&q, 1), diags);
  const auto os = operating_statistics(ds, totals[0], diags);
  EXPECT_NEAR(os.metals[0].production->in(MassUnit::troy_ounce), 28900, 1e-6);
  const double fed_oz = units::Mass::tonnes(1000 * 100e-6).in(MassUnit::troy_ounce);
  EXPECT_NEAR(os.metals[0].recovery->fraction(), 28900 / fed_oz, 1e-12);
  EXPECT_NEAR(os.metals[1].recovery->percent(), 90, 1e-9);
  EXPECT_FALSE(os.metals[2].production);  // zinc: neither given nor computable
  EXPECT_EQ(find(diags, "production-disagrees"), nullptr) << dump(diags);
}

TEST(Production, DisagreementBeyondThePrintedDigitsIsAWarning) {
  // The lead concentrate: 2,376 t at 68% lead = 1,615.68 t, and the printed
  // digits allow 2,375.5 × 67.5% to 2,376.5 × 68.5%: 1,603.5–1,627.9 t.
  // 1,630 t lies outside it; 1,620 t inside.
  const std::string streams =
      "period,stream,dry_t,Ag_gpt,Pb_pct,Zn_pct\n2012Q1,feed,30000,100,6,5\n"
      "2012Q1,pb_con,2376,3000,68,\n2012Q2,feed,30000,100,6,5\n2012Q2,pb_con,2376,3000,68,\n";
  core::Diagnostics diags;
  const auto ds = with_production(streams,
                                  "period,metal,product,produced,unit\n"
                                  "2012Q1,Pb,pb_con,1630,t\n2012Q2,Pb,pb_con,1620,t\n",
                                  diags);
  ASSERT_FALSE(diags.has_errors()) << dump(diags);
  const auto interval = contained_interval(ds.streams, 2, 1, *Period::parse("2012Q1"));
  ASSERT_TRUE(interval);
  EXPECT_LE(interval->lo(), 2375.5 * 0.675);
  EXPECT_GE(interval->hi(), 2376.5 * 0.685);
  EXPECT_GT(interval->lo(), 2375.5 * 0.675 - 1e-6);
  for (const char* quarter : {"2012Q1", "2012Q2"}) {
    core::Diagnostics run;
    const Period q = *Period::parse(quarter);
    const auto totals = aggregate(ds, std::span(&q, 1), run);
    const auto os = operating_statistics(ds, totals[0], run);
    const bool outside = std::string(quarter) == "2012Q1";
    EXPECT_NEAR(os.metals[1].production->tonnes(), outside ? 1630 : 1620, 1e-9) << quarter;
    const auto* d = find(run, "production-disagrees");
    EXPECT_EQ(d != nullptr, outside) << quarter << dump(run);
    if (d != nullptr) {
      EXPECT_EQ(d->line, 2u);
      EXPECT_NE(d->message.find("production.csv gives 3593535 lb of Lead in 'pb_con' in 2012Q1"),
                std::string::npos)
          << d->message;
    }
  }
}

TEST(Production, IntervalOverThePrintedDigits) {
  // Silver given in total (28.9 koz: 28,850–28,950 oz, and 1.5 koz in Q2);
  // lead not given: the lead concentrate's 2,376 t × 68% (printed digits:
  // 2,375.5 × 67.5% to 2,376.5 × 68.5%); zinc neither.
  core::Diagnostics diags;
  const auto ds = with_production(
      "period,stream,dry_t,Ag_gpt,Pb_pct,Zn_pct\n"
      "2012Q1,feed,30000,100,6,5\n2012Q1,pb_con,2376,3000,68,\n"
      "2012Q2,feed,30000,100,6,5\n2012Q2,pb_con,2376,3000,68,\n",
      "period,metal,product,produced,unit\n2012Q1,Ag,,28.9,koz\n2012Q2,Ag,,1.5,koz\n", diags);
  ASSERT_FALSE(diags.has_errors()) << dump(diags);
  const double oz = units::Mass::of(1.0, MassUnit::troy_ounce).tonnes();
  const auto ag = production_interval(ds, *Period::parse("2012Q1"), 0);
  ASSERT_TRUE(ag);
  EXPECT_NEAR(ag->lo(), 28850 * oz, 1e-9);
  EXPECT_NEAR(ag->hi(), 28950 * oz, 1e-9);
  // Two quarters: the sum of both rows' intervals (30,300–30,500 oz).
  const auto h1 = production_interval(ds, *Period::parse("2012H1"), 0);
  ASSERT_TRUE(h1);
  EXPECT_NEAR(h1->lo(), 30300 * oz, 1e-9);
  EXPECT_NEAR(h1->hi(), 30500 * oz, 1e-9);
  const auto pb = production_interval(ds, *Period::parse("2012Q1"), 1);
  ASSERT_TRUE(pb);
  EXPECT_NEAR(pb->lo(), 2375.5 * 0.675, 1e-6);
  EXPECT_NEAR(pb->hi(), 2376.5 * 0.685, 1e-6);
}

TEST(Production, RowsMustFitThePeriodAndNotOverlap) {
  core::Diagnostics diags;
  const auto ds = with_production(
      "period,stream,dry_t,Ag_gpt,Pb_pct,Zn_pct\n"
      "2012Q1,feed,1000,100,10,5\n2012Q2,feed,1000,100,10,5\n",
      "period,metal,product,produced,unit\n"
      "2012,Ag,,100000,oz\n2012Q1,Zn,zn_con,1,Mlb\n",
      diags);
  ASSERT_FALSE(diags.has_errors()) << dump(diags);
  const Period q = *Period::parse("2012Q1");
  const auto totals = aggregate(ds, std::span(&q, 1), diags);
  const auto os = operating_statistics(ds, totals[0], diags);
  EXPECT_FALSE(os.metals[0].production);
  EXPECT_NEAR(os.metals[2].production->in(MassUnit::pound), 1e6, 1e-6);
  const auto* d = find(diags, "period-too-fine");
  ASSERT_NE(d, nullptr) << dump(diags);
  EXPECT_EQ(d->found, "2012");
  EXPECT_EQ(d->file, "production.csv");

  for (const auto& [rows, code] : std::vector<std::pair<std::string, std::string>>{
           {"2012Q1,Ag,,1,oz\n2012-03,Ag,pb_con,1,oz\n", "overlapping-rows"},
           {"2012Q1,Ag,pb_con,1,oz\n2012Q1,Ag,pb_con,2,oz\n", "duplicate-row"},
           {"2012Q1,Pb,zn_con,1,oz\n", "not-a-product"},
           {"2012Q1,Pb,tails,1,oz\n", "not-a-product"},
           {"2012Q1,Pb,mill,1,oz\n", "unknown-stream"},
           {"2012Q1,Cu,,1,oz\n", "unknown-metal"},
           {"2012Q1,Ag,,1,Mkg\n", "unknown-unit"},
           {"2012Q1,Ag,,-1,oz\n", "negative-quantity"},
           {"2012Q1,Ag,,1 000,oz\n", "malformed-number"},
       }) {
    core::Diagnostics bad;
    with_production("period,stream,dry_t\n2012Q1,feed,1\n",
                    "period,metal,product,produced,unit\n" + rows, bad);
    EXPECT_NE(find(bad, code), nullptr) << rows << dump(bad);
  }
  // Two products of one metal for the same days are not an overlap.
  core::Diagnostics ok;
  with_production("period,stream,dry_t\n2012Q1,feed,1\n",
                  "period,metal,product,produced,unit\n2012Q1,Ag,pb_con,1,oz\n"
                  "2012Q1,Ag,zn_con,2,oz\n",
                  ok);
  EXPECT_FALSE(ok.has_errors()) << dump(ok);
}

}  // namespace orebook::accounting
