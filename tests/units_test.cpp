#include <gtest/gtest.h>

#include "orebook/units/interval.h"
#include "orebook/units/units.h"

namespace orebook::units {
namespace {

// Conversions are exact definitions, so they are compared to a few ulps only.
constexpr double kUlps = 1e-15;

TEST(Units, ExactConstants) {
  EXPECT_EQ(kGramsPerTroyOunce, 31.1034768);
  EXPECT_EQ(kKilogramsPerPound, 0.45359237);
  EXPECT_EQ(kKilogramsPerShortTon, 907.18474);
  // docs/formulas.md §1: 1 t = 2,204.62262185 lb; 1 oz/st = 34.2857143 g/t (both rounded there).
  EXPECT_NEAR(Mass::tonnes(1).in(MassUnit::pound), 2204.62262185, 5e-9);
  EXPECT_NEAR(kGramsPerTonnePerOzPerShortTon, 34.2857143, 5e-8);
}

TEST(Units, MassRoundTrips) {
  for (MassUnit u : {MassUnit::tonne, MassUnit::kilogram, MassUnit::gram, MassUnit::pound,
                     MassUnit::troy_ounce, MassUnit::short_ton}) {
    EXPECT_NEAR(Mass::of(123.456, u).in(u), 123.456, 123.456 * kUlps * 4) << to_string(u);
    EXPECT_EQ(mass_unit_from_string(to_string(u)), u);
  }
  EXPECT_NEAR(Mass::of(1, MassUnit::short_ton).in(MassUnit::kilogram), 907.18474, 1e-10);
  EXPECT_NEAR(Mass::of(1, MassUnit::troy_ounce).in(MassUnit::gram), 31.1034768, 1e-12);
  EXPECT_FALSE(mass_unit_from_string("ton"));
}

TEST(Units, Grades) {
  EXPECT_DOUBLE_EQ(Grade::of(11.3, GradeUnit::percent).fraction(), 0.113);
  EXPECT_DOUBLE_EQ(Grade::of(899, GradeUnit::grams_per_tonne).fraction(), 899e-6);
  EXPECT_DOUBLE_EQ(Grade::of(5, GradeUnit::ppm).in(GradeUnit::grams_per_tonne), 5.0);
  EXPECT_NEAR(Grade::of(1, GradeUnit::troy_ounces_per_short_ton).in(GradeUnit::grams_per_tonne),
              34.2857142857, 1e-9);
  EXPECT_EQ(grade_unit_from_string("g/t"), GradeUnit::grams_per_tonne);
  EXPECT_EQ(grade_unit_from_column_token("ozpst"), GradeUnit::troy_ounces_per_short_ton);
  EXPECT_FALSE(grade_unit_from_column_token("g/t"));
  EXPECT_FALSE(grade_unit_from_string("pct"));
}

TEST(Interval, FromPrintedFollowsTheDigitsShown) {
  const Interval a = Interval::from_printed(66, 0);
  EXPECT_TRUE(a.contains(65.5));
  EXPECT_TRUE(a.contains(66.49));
  EXPECT_FALSE(a.contains(66.51));
  const Interval b = Interval::from_printed(11.3, 1);
  EXPECT_TRUE(b.contains(11.25));
  EXPECT_FALSE(b.contains(11.36));
}

TEST(Interval, ArithmeticEnclosesEveryResult) {
  const Interval x(1, 2), y(-3, 4);
  const Interval p = x * y;
  EXPECT_LE(p.lo(), -6);
  EXPECT_GE(p.hi(), 8);
  const Interval d = Interval(1, 2) / Interval(4, 8);
  EXPECT_LE(d.lo(), 0.125);
  EXPECT_GE(d.hi(), 0.5);
  const Interval unbounded = Interval(1, 2) / Interval(-1, 1);
  EXPECT_TRUE(std::isinf(unbounded.hi()));
  const Interval s = Interval(1, 2) - Interval(0.5, 1);
  EXPECT_LE(s.lo(), 0.0);
  EXPECT_GE(s.hi(), 1.5);
  EXPECT_TRUE(Interval(1, 2).intersects(Interval(2, 3)));
  EXPECT_FALSE(Interval(1, 2).intersects(Interval(2.5, 3)));
}

}  // namespace
}  // namespace orebook::units

namespace orebook::units {
namespace {

// The weighted mean's range is exact: every corner of the box of values and
// weights gives a mean inside it, and the bounds are reached at corners.
TEST(WeightedMean, ExactRangeOverTheBox) {
  // Golden Minerals' six months of 2023: silver recovery weighted by silver
  // fed (54,272 t at 9.0 g/t and 75.5%; 50,787 t at 5.8 g/t and 85.6%).
  const std::vector<Interval> r = {Interval::from_printed(75.5, 1),
                                   Interval::from_printed(85.6, 1)};
  const std::vector<Interval> w = {
      Interval::from_printed(54272, 0) * Interval::from_printed(9.0, 1),
      Interval::from_printed(50787, 0) * Interval::from_printed(5.8, 1)};
  const auto mean = weighted_mean(r, w);
  ASSERT_TRUE(mean);
  // Printed 80.4 (the tonnage-weighted mean): not a value the figures allow.
  EXPECT_FALSE(mean->intersects(Interval::from_printed(80.4, 1)));
  EXPECT_TRUE(mean->contains(79.3));
  // Brute force over the corners of three parts.
  const std::vector<Interval> v3 = {Interval(1, 2), Interval(5, 7), Interval(3, 3.5)};
  const std::vector<Interval> w3 = {Interval(1, 4), Interval(2, 3), Interval(0.5, 6)};
  const auto m3 = weighted_mean(v3, w3);
  ASSERT_TRUE(m3);
  double lo = 1e300, hi = -1e300;
  for (int corner = 0; corner < 64; ++corner) {
    double num = 0, den = 0;
    for (int i = 0; i < 3; ++i) {
      const double v = (corner >> i) & 1 ? v3[i].hi() : v3[i].lo();
      const double wi = (corner >> (i + 3)) & 1 ? w3[i].hi() : w3[i].lo();
      num += v * wi, den += wi;
    }
    lo = std::min(lo, num / den), hi = std::max(hi, num / den);
  }
  // Outward rounding only: a relative 1e-12 beyond the true corners at most.
  EXPECT_NEAR(m3->lo(), lo, 1e-12 * std::abs(lo));
  EXPECT_NEAR(m3->hi(), hi, 1e-12 * std::abs(hi));
  EXPECT_LE(m3->lo(), lo);
  EXPECT_GE(m3->hi(), hi);
  EXPECT_FALSE(weighted_mean(v3, {Interval(0, 1), Interval(1), Interval(1)}));  // weight may be 0
}

}  // namespace
}  // namespace orebook::units
