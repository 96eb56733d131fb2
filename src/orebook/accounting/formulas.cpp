#include "orebook/accounting/formulas.h"

namespace orebook::accounting {

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
  if (prior != 0.0) c.relative = relative_change(current, prior);
  return c;
}

}  // namespace orebook::accounting
