#include "orebook/sales/formulas.h"

#include <cmath>

namespace orebook::sales {

double payable_grade(const terms::PayableTerm& term, units::Grade grade) {
  const double g = grade.fraction(), d = term.deduction.fraction();
  double payable = 0.0;
  switch (term.rule) {
    case terms::PayableRule::pay_with_min_deduction:
      payable = std::min(term.pay * g, g - d);
      break;
    case terms::PayableRule::deduct_then_pay:
      payable = term.pay * std::max(0.0, g - d);
      break;
  }
  return std::max(0.0, payable);
}

double treatment_charge(const terms::TreatmentChargeTerms& terms, double price) {
  double tc = terms.base;
  if (price > terms.basis_price) {
    for (const terms::PriceTier& t : terms.escalators) {
      const double lo = std::max(t.from, terms.basis_price);
      const double hi = std::min(t.to, price);
      if (hi > lo) tc += t.rate * (hi - lo);
    }
  } else if (price < terms.basis_price) {
    for (const terms::PriceTier& t : terms.de_escalators) {
      const double lo = std::max(t.from, price);
      const double hi = std::min(t.to, terms.basis_price);
      if (hi > lo) tc -= t.rate * (hi - lo);
    }
  }
  return tc;
}

double penalty(const terms::PenaltyTerm& term, double assay) {
  const double excess = assay - term.threshold;
  if (!(excess > 0.0)) return 0.0;
  double steps = excess / term.step;
  switch (term.steps) {
    case terms::PenaltySteps::pro_rata:
      break;
    // A tolerance of 1e-9 steps: 0.3 / 0.1 = 2.9999999999999996 is three whole steps, and a
    // quotient a rounding error above a whole number does not begin another step.
    case terms::PenaltySteps::whole_steps:
      steps = std::floor(steps + 1e-9);
      break;
    case terms::PenaltySteps::part_steps:
      steps = std::ceil(steps - 1e-9);
      break;
  }
  const double amount = term.rate * steps;
  return term.cap ? std::min(amount, *term.cap) : amount;
}

}  // namespace orebook::sales
