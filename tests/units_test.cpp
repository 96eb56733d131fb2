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
