#pragma once
// The formulas of stream accounting, each in one place (docs/formulas.md
// §2–§4). Each is a template over its number type: double for reports,
// units::Interval for checks against printed figures. The unit-typed overloads
// below are what the rest of the library calls.

#include <optional>

#include "orebook/units/units.h"

namespace orebook::accounting {

// Contained metal = dry tonnes × grade (as a mass fraction). docs/formulas.md §2.
template <class Num>
Num contained_metal(const Num& dry_tonnes, const Num& grade_fraction) {
  return dry_tonnes * grade_fraction;
}

// Grade of an aggregate = Σ(tonnes × grade) ÷ Σ tonnes: the contained metal of
// the parts over their tonnes, never an average of grades. docs/formulas.md §2.
template <class Num>
Num weighted_grade(const Num& contained, const Num& dry_tonnes) {
  return contained / dry_tonnes;
}

// Accounting recovery = metal in the products ÷ metal in the feed; for an
// aggregate, of the summed metal, never an average of recoveries.
// docs/formulas.md §3.
template <class Num>
Num recovery(const Num& metal_in_products, const Num& metal_in_feed) {
  return metal_in_products / metal_in_feed;
}

// Mill throughput = tonnes processed ÷ days (calendar or operating).
// docs/formulas.md §4.
template <class Num>
Num throughput(const Num& tonnes, const Num& days) {
  return tonnes / days;
}

// Relative change = (current − prior) ÷ prior. docs/formulas.md §4.
template <class Num>
Num relative_change(const Num& current, const Num& prior) {
  return (current - prior) / prior;
}

// Annualised run rate = amount so far × days in the year ÷ days elapsed
// (docs/formulas.md §4).
template <class Num>
Num annualised(const Num& so_far, const Num& days_elapsed, const Num& days_in_year) {
  return so_far * days_in_year / days_elapsed;
}

// Realized price = value of the payable metal ÷ payable quantity
// (docs/formulas.md §11).
template <class Num>
Num realized_price(const Num& value, const Num& quantity) {
  return value / quantity;
}

// Recovery from assays alone (docs/formulas.md §3), for plants without concentrate
// weights: the two-product formula, feed f, concentrate c, tail t of one
// metal (any one grade unit): yield C/F = (f − t)/(c − t).
template <class Num>
Num two_product_yield(const Num& f, const Num& c, const Num& t) {
  return (f - t) / (c - t);
}

// Yield of a concentrate from the recovery of its main metal: C/F = f × R ÷ c
// (f the feed grade, c the concentrate grade, in one unit; R the recovery as
// a fraction), the definition of recovery R = C·c ÷ F·f solved for C/F.
template <class Num>
Num yield_from_recovery(const Num& f, const Num& recovery, const Num& c) {
  return f * recovery / c;
}

// The three-product formula: two concentrates (1: lead, 2: zinc) and a tail,
// from the assays of two metals p (Pb) and z (Zn) in the feed (f), the
// concentrates and the tail (t). Yields as fractions of the feed.
struct ThreeProductYields {
  units::Ratio first, second, tail;
};
// nullopt when degenerate (D = (p1 − pt)(z2 − zt) − (z1 − zt)(p2 − pt) is zero
// within rounding: the concentrates cannot be told apart by these assays).
std::optional<ThreeProductYields> three_product_yields(units::Grade pf, units::Grade zf,
                                                       units::Grade p1, units::Grade z1,
                                                       units::Grade p2, units::Grade z2,
                                                       units::Grade pt, units::Grade zt);

units::Mass contained_metal(units::Mass dry, units::Grade grade);
// nullopt when there are no tonnes to weigh by.
std::optional<units::Grade> weighted_grade(units::Mass contained, units::Mass dry);
// nullopt when the feed carries no metal.
std::optional<units::Ratio> recovery(units::Mass in_products, units::Mass in_feed);
// nullopt for a period of no days.
std::optional<units::MassRate> throughput(units::Mass tonnes, double days);

struct Change {
  double absolute = 0.0;
  // As a fraction; nullopt when the prior is zero, or when either value is
  // negative: a loss turning into a profit (−1.0 to +2.0 "is" −300%) has no
  // meaningful percentage, and releases print "n/m" (docs/formulas.md §4).
  std::optional<double> relative;
};
Change change(double current, double prior);

}  // namespace orebook::accounting
