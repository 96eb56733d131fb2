#pragma once
// The formulas of concentrate sales, each in one place (docs/formulas.md
// §9–§11). Money is in the contract currency, per dry metric tonne (dmt) of
// concentrate unless said otherwise.

#include <algorithm>

#include "orebook/terms/terms.h"

namespace orebook::sales {

// Payable grade (as a mass fraction) of a metal of grade G under a payable
// term: min(X·G, G − D) or X·max(0, G − D); never negative (docs/formulas.md §9).
double payable_grade(const terms::PayableTerm& term, units::Grade grade);

// Treatment charge per dmt at `price` (per tonne of the main metal): the base,
// plus rate × the part of the price inside each escalator tier above the
// basis, minus rate × the part inside each de-escalator tier below it.
// 2015 zinc terms (base 245 at 2,000; +0.095 to 2,500, +0.075 above; −0.035
// below): 2,800 → 315.00, 2,300 → 273.50, 1,800 → 238.00.
double treatment_charge(const terms::TreatmentChargeTerms& terms, double price);

// Penalty per dmt for an element assaying `assay`: rate × steps above the
// threshold (pro rata, whole or begun steps), at most the cap.
double penalty(const terms::PenaltyTerm& term, double assay);

// Dry tonnes from wet: dmt = wmt × (1 − moisture).
inline double dry_tonnes(double wet_tonnes, double moisture) {
  return wet_tonnes * (1.0 - moisture);
}

// Invoiced dry tonnes: dmt × (1 − weight franchise).
inline double invoiced_tonnes(double dry_tonnes, double weight_franchise) {
  return dry_tonnes * (1.0 - weight_franchise);
}

// Freight per dmt from a rate per wet tonne: rate ÷ (1 − moisture).
inline double freight_per_dmt(double per_wmt, double moisture) {
  return per_wmt / (1.0 - moisture);
}

// Insurance = rate × insured fraction × net invoice value.
inline double insurance(double rate, double insured_fraction, double niv) {
  return rate * insured_fraction * niv;
}

// Provisional pricing (docs/formulas.md §11): the provisional invoice is a fraction of
// the provisional value; an open lot is marked to market as the change of its
// value at the forward price; the final payment is the final value less what
// was paid.
inline double provisional_invoice(double provisional_value, double fraction) {
  return provisional_value * fraction;
}
inline double mark_to_market(double value_now, double value_before) {
  return value_now - value_before;
}
inline double final_payment(double final_value, double paid) { return final_value - paid; }

}  // namespace orebook::sales
