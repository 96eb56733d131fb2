#include "orebook/accounting/formulas.h"

#include <cmath>

namespace orebook::accounting {

std::optional<ThreeProductYields> three_product_yields(units::Grade pf, units::Grade zf,
                                                       units::Grade p1, units::Grade z1,
                                                       units::Grade p2, units::Grade z2,
                                                       units::Grade pt, units::Grade zt) {
  const double a = p1.fraction() - pt.fraction(), b = z2.fraction() - zt.fraction();
  const double c = z1.fraction() - zt.fraction(), d = p2.fraction() - pt.fraction();
  const double e = pf.fraction() - pt.fraction(), g = zf.fraction() - zt.fraction();
  const double det = a * b - c * d;
  // Zero within the rounding of its two products.
  if (!(std::abs(det) > 1e-12 * (std::abs(a * b) + std::abs(c * d)))) return std::nullopt;
  const double first = (e * b - g * d) / det;
  const double second = (a * g - c * e) / det;
  return ThreeProductYields{units::Ratio::fraction(first), units::Ratio::fraction(second),
                            units::Ratio::fraction(1.0 - first - second)};
}

units::Mass contained_metal(units::Mass dry, units::Grade grade) {
  return units::Mass::tonnes(contained_metal(dry.tonnes(), grade.fraction()));
}

std::optional<units::Grade> weighted_grade(units::Mass contained, units::Mass dry) {
  if (!(dry.tonnes() > 0.0)) return std::nullopt;
  return units::Grade::fraction(weighted_grade(contained.tonnes(), dry.tonnes()));
}

std::optional<units::Ratio> recovery(units::Mass in_products, units::Mass in_feed) {
  if (!(in_feed.tonnes() > 0.0)) return std::nullopt;
  return units::Ratio::fraction(recovery(in_products.tonnes(), in_feed.tonnes()));
}

std::optional<units::MassRate> throughput(units::Mass tonnes, double days) {
  if (!(days > 0.0)) return std::nullopt;
  return units::MassRate::tonnes_per_day(throughput(tonnes.tonnes(), days));
}

Change change(double current, double prior) {
  Change c;
  c.absolute = current - prior;
  if (prior > 0.0 && current >= 0.0) c.relative = relative_change(current, prior);
  return c;
}

}  // namespace orebook::accounting
