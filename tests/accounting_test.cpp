#include <cmath>
#include <string>

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "orebook/accounting/aggregate.h"
#include "orebook/accounting/formulas.h"
#include "orebook/accounting/operating.h"
#include "orebook/accounting/warnings.h"
#include "orebook/units/interval.h"
#include "test_util.h"

namespace orebook::accounting {
namespace {

using calendar::Period;
using testing::dump;
using testing::find;
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

TEST_F(Granularity, RowOnlyPartlyInsideThePeriodIsAnError) {
  core::Diagnostics diags;
  const auto ds = load_strings(kSite, header() + "2012Q1,feed,100,1,1,1\n", diags);
  const Period m = *Period::parse("2012-02");
  aggregate(ds, std::span(&m, 1), diags);
  const auto* d = find(diags, "period-too-fine");
  ASSERT_NE(d, nullptr) << dump(diags);
  EXPECT_EQ(d->line, 2u);
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

TEST_F(Granularity, IncompleteCoverageIsAWarning) {
  core::Diagnostics diags;
  const auto ds = load_strings(kSite, header() + "2012-01,feed,100,1,1,1\n", diags);
  const Period q = *Period::parse("2012Q1");
  aggregate(ds, std::span(&q, 1), diags);
  EXPECT_FALSE(diags.has_errors());
  const auto* d = find(diags, "incomplete-period");
  ASSERT_NE(d, nullptr);
  EXPECT_EQ(d->severity, core::Severity::warning);
  EXPECT_NE(d->message.find("31 of the 91 days"), std::string::npos) << d->message;
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
      const core::Diagnostic* d = find(run, "no-rows");
      ASSERT_NE(d, nullptr) << dump(run);
      EXPECT_EQ(d->severity, core::Severity::warning);
      EXPECT_NE(d->message.find("'zn_con'"), std::string::npos) << d->message;
    } else {
      EXPECT_EQ(os.products[1].tonnes->tonnes(), 0.0);
      EXPECT_EQ(os.metals[2].production->tonnes(), 0.0);
      EXPECT_EQ(os.metals[2].recovery->percent(), 0.0);
      EXPECT_EQ(find(run, "no-rows"), nullptr) << dump(run);
    }
  }
}

TEST(Operating, RecoveryIsMetalWeightedAcrossMonths) {
  // Two months with very different recoveries and feed metal: the quarter's
  // recovery is Σ produced ÷ Σ fed, not the mean of the monthly recoveries.
  const std::string csv =
      "period,stream,dry_t,Ag_gpt,Pb_pct,Zn_pct\n"
      "2012-01,feed,1000,100,10,5\n2012-01,pb_con,100,500,90,\n2012-01,zn_con,10,100,,40\n"
      "2012-02,feed,3000,100,2,5\n2012-02,pb_con,50,1000,60,\n2012-02,zn_con,30,100,,40\n"
      "2012-03,feed,0,,,\n";
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
                               "2012-03,Pb,1,t,2204.62262184878,USD\n2012-04,Ag,1,oz,1,USD\n");
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

// The statistics of each period and the warnings warn_statistics adds for them.
core::Diagnostics warnings_of(const dataset::Dataset& ds, const std::vector<Period>& periods) {
  core::Diagnostics run;
  const auto totals = aggregate(ds, periods, run);
  std::vector<OperatingStatistics> stats;
  for (const auto& t : totals) stats.push_back(operating_statistics(ds, t, run));
  core::Diagnostics warnings;
  warn_statistics(ds, stats, warnings);
  return warnings;
}

TEST(Warnings, RecoveryAboveHundredPercent) {
  // Feed 1,000 t at 10% Pb holds 100 t of lead; pb_con at 50% holds 100 t at
  // 200 t (exactly 100%: no warning) and 100.2 t at 200.4 t (100.20%).
  for (const char* con_t : {"200", "200.4"}) {
    core::Diagnostics diags;
    const auto ds = load_strings(kSite,
                                 fmt::format("period,stream,dry_t,Pb_pct\n2012Q1,feed,1000,10\n"
                                             "2012Q1,pb_con,{},50\n",
                                             con_t),
                                 diags);
    ASSERT_FALSE(diags.has_errors()) << dump(diags);
    const auto warnings = warnings_of(ds, {*Period::parse("2012Q1")});
    const core::Diagnostic* d = find(warnings, "recovery-above-100");
    if (std::string(con_t) == "200") {
      EXPECT_EQ(d, nullptr) << dump(warnings);
      continue;
    }
    ASSERT_NE(d, nullptr) << dump(warnings);
    EXPECT_EQ(d->severity, core::Severity::warning);
    EXPECT_NE(d->message.find("Lead recovery in 2012Q1 is 100.20%"), std::string::npos)
        << d->message;
    // 100.2 t and 100 t of lead in pounds (2,204.62262185 lb/t), whole.
    EXPECT_NE(d->message.find("220,903 lb in pb_con against 220,462 lb"), std::string::npos)
        << d->message;
  }
}

TEST(Warnings, ProductsPoorerThanTheFeed) {
  // Pb: feed 10%, its one product at 8%: a warning. Ag: zn_con (400 g/t) is
  // poorer than the feed (600 g/t) but pb_con (5,000 g/t) is not, and the two
  // together (100 × 5,000 + 100 × 400) ÷ 200 = 2,700 g/t are richer: a by-product
  // in one concentrate is no warning.
  core::Diagnostics diags;
  const auto ds = load_strings(kSite,
                               "period,stream,dry_t,Ag_gpt,Pb_pct\n"
                               "2012Q1,feed,1000,600,10\n"
                               "2012Q1,pb_con,100,5000,8\n"
                               "2012Q1,zn_con,100,400,1\n",
                               diags);
  ASSERT_FALSE(diags.has_errors()) << dump(diags);
  const auto warnings = warnings_of(ds, {*Period::parse("2012Q1")});
  ASSERT_EQ(warnings.items().size(), 1u) << dump(warnings);
  const core::Diagnostic& d = warnings.items()[0];
  EXPECT_EQ(d.code, "grade-below-feed");
  EXPECT_NE(d.message.find("Lead grade of pb_con in 2012Q1 is 8.00%, below the mill feed's 10.00%"),
            std::string::npos)
      << d.message;
}

TEST(Warnings, ModifiedZScore) {
  // Eight values 1…8: median 4.5, absolute deviations 3.5 2.5 1.5 0.5 0.5 1.5
  // 2.5 3.5 with median 2, so M(20) = 0.6745 × 15.5 ÷ 2 = 5.227375.
  const std::vector<double> eight = {1, 2, 3, 4, 5, 6, 7, 8};
  EXPECT_NEAR(*modified_z_score(20, eight), 5.227375, 5.227375 * kRel);
  EXPECT_NEAR(*modified_z_score(4.5, eight), 0.0, kRel);
  // Too few periods to say what is usual, or no spread to measure "far" by.
  EXPECT_FALSE(modified_z_score(20, std::vector<double>(eight.begin(), eight.end() - 1)));
  EXPECT_FALSE(modified_z_score(20, std::vector<double>(8, 3.0)));
  // Five of eight equal: MAD 0, so the mean absolute deviation (3 × 1 ÷ 8 =
  // 0.375) × 1.253314 scales instead: M(5) = 2 ÷ 0.46999275 = 4.255385.
  const std::vector<double> flat = {3, 3, 3, 3, 3, 4, 4, 4};
  EXPECT_NEAR(*modified_z_score(5, flat), 2.0 / (1.253314 * 0.375), kRel);
}

TEST(Warnings, ThroughputAndHeadGradeOutliers) {
  // Nine usual months of 2011 (about 100 t/d at 3% Pb) and 2011-10 at 300 t/d
  // and 9% Pb; 2011-11 is only half covered, 2011-12 usual.
  std::string csv = "period,stream,dry_t,Pb_pct\n";
  const double usual[] = {3131, 2772, 3050, 2987, 3163, 2941, 3088, 3019, 2962};
  for (int m = 1; m <= 9; ++m)
    csv += fmt::format("2011-{:02},feed,{},{}\n", m, usual[m - 1], 2.9 + 0.025 * m);
  csv += "2011-10,feed,9300,9\n2011-11-01..2011-11-15,feed,1500,3\n2011-12,feed,3071,3\n";
  core::Diagnostics diags;
  const auto ds = load_strings(kSite, csv, diags);
  ASSERT_FALSE(diags.has_errors()) << dump(diags);
  const auto warnings = warnings_of(ds, {*Period::parse("2011-10"), *Period::parse("2011-12")});
  ASSERT_NE(find(warnings, "throughput-outlier"), nullptr) << dump(warnings);
  EXPECT_NE(find(warnings, "throughput-outlier")->message.find("in 2011-10 is 300 t/d"),
            std::string::npos)
      << dump(warnings);
  ASSERT_NE(find(warnings, "head-grade-outlier"), nullptr) << dump(warnings);
  EXPECT_NE(
      find(warnings, "head-grade-outlier")->message.find("Lead head grade in 2011-10 is 9.00%"),
      std::string::npos)
      << dump(warnings);
  EXPECT_EQ(warnings.items().size(), 2u) << dump(warnings);  // nothing about 2011-12

  // The half-covered month is low because it is incomplete (a warning of its
  // own says so), not an outlier.
  EXPECT_EQ(warnings_of(ds, {*Period::parse("2011-11")}).items().size(), 0u);
  // A quarter has three others only: too few to say what is usual.
  EXPECT_EQ(find(warnings_of(ds, {*Period::parse("2011Q4")}), "throughput-outlier"), nullptr);
}

}  // namespace
}  // namespace orebook::accounting
