// Smelter terms against the worked examples of shared/docs/domain.md §5,
// which are test vectors: "to the cent" means the printed cents, so money is
// compared after rounding half away from zero, as the report would print it.

#include <gtest/gtest.h>

#include "orebook/report/format.h"
#include "orebook/sales/formulas.h"
#include "orebook/sales/valuation.h"

namespace orebook::sales {
namespace {

using units::Grade;
using units::GradeUnit;
using units::MassUnit;

constexpr std::size_t kAg = 0, kPb = 1, kZn = 2;
const std::vector<std::string> kSymbols = {"Ag", "Pb", "Zn"};

// Price per tonne of metal from a price per unit.
double per_t(double price, MassUnit unit) { return price / units::tonnes_per(unit); }

std::string cents(double v, int decimals = 2) { return report::format_fixed(v, decimals); }

TreatmentChargeTerms zinc_2015() {
  TreatmentChargeTerms tc;
  tc.metal = kZn;
  tc.base = 245;
  tc.basis_price = 2000;
  tc.escalators = {{2000, 2500, 0.095}, {2500, std::numeric_limits<double>::infinity(), 0.075}};
  tc.de_escalators = {{0, 2000, 0.035}};
  return tc;
}

TEST(TreatmentCharge, ZincEscalator2015) {
  EXPECT_EQ(cents(treatment_charge(zinc_2015(), 2800)), "315.00");
  EXPECT_EQ(cents(treatment_charge(zinc_2015(), 2300)), "273.50");
  EXPECT_EQ(cents(treatment_charge(zinc_2015(), 1800)), "238.00");
  EXPECT_EQ(cents(treatment_charge(zinc_2015(), 2000)), "245.00");
}

TEST(TreatmentCharge, TiersCrossingSeveralBandsUpAndDown) {
  TreatmentChargeTerms tc;
  tc.base = 200;
  tc.basis_price = 2000;
  tc.escalators = {{2000, 2200, 0.10},
                   {2200, 2600, 0.08},
                   {2600, std::numeric_limits<double>::infinity(), 0.05}};
  tc.de_escalators = {{1800, 2000, 0.04}, {1500, 1800, 0.03}, {0, 1500, 0.02}};
  // 2,900: 200 + 0.10×200 + 0.08×400 + 0.05×300 = 267.
  EXPECT_NEAR(treatment_charge(tc, 2900), 267.0, 1e-9);
  // 2,400: 200 + 20 + 0.08×200 = 236.
  EXPECT_NEAR(treatment_charge(tc, 2400), 236.0, 1e-9);
  // 1,400: 200 − 0.04×200 − 0.03×300 − 0.02×100 = 181.
  EXPECT_NEAR(treatment_charge(tc, 1400), 181.0, 1e-9);
  // 1,900: 200 − 4 = 196.
  EXPECT_NEAR(treatment_charge(tc, 1900), 196.0, 1e-9);
}

TEST(TreatmentCharge, ZeroAndNegative) {
  TreatmentChargeTerms tc;
  tc.base = 20;
  tc.basis_price = 2000;
  tc.de_escalators = {{0, 2000, 0.1}};
  EXPECT_NEAR(treatment_charge(tc, 1800), 0.0, 1e-9);    // falls to zero
  EXPECT_NEAR(treatment_charge(tc, 1500), -30.0, 1e-9);  // and below: the smelter pays
  tc.base = 0;
  EXPECT_NEAR(treatment_charge(tc, 2000), 0.0, 1e-12);
}

TEST(Payables, Rules) {
  const PayableTerm zinc{kZn, PayableRule::pay_with_min_deduction, 0.85,
                         Grade::of(8, GradeUnit::percent)};
  // 50% Zn: min(42.5, 42) = 42%; 60%: min(51, 52) = 51%.
  EXPECT_NEAR(payable_grade(zinc, Grade::of(50, GradeUnit::percent)), 0.42, 1e-12);
  EXPECT_NEAR(payable_grade(zinc, Grade::of(60, GradeUnit::percent)), 0.51, 1e-12);
  // Grade below the deduction: nothing payable, never negative.
  EXPECT_EQ(payable_grade(zinc, Grade::of(6, GradeUnit::percent)), 0.0);
  // Ag in zinc concentrate: deduct 3 oz/dmt (oz per dry metric tonne = 31.1034768 g/t), pay 70%.
  const PayableTerm silver{kAg, PayableRule::deduct_then_pay, 0.70,
                           Grade::of(3 * units::kGramsPerTroyOunce, GradeUnit::grams_per_tonne)};
  const double payable = payable_grade(silver, Grade::of(460, GradeUnit::grams_per_tonne));
  EXPECT_NEAR(payable / 1e-6, 0.70 * (460 - 3 * 31.1034768), 1e-9);
  EXPECT_EQ(payable_grade(silver, Grade::of(50, GradeUnit::grams_per_tonne)), 0.0);
}

TEST(Penalties, StepsAndCap) {
  PenaltyTerm as{"As", 0.20, 0.1, 2.0, PenaltySteps::pro_rata, std::nullopt};
  EXPECT_NEAR(penalty(as, 0.45), 5.0, 1e-12);
  EXPECT_EQ(penalty(as, 0.20), 0.0);
  EXPECT_EQ(penalty(as, 0.10), 0.0);
  as.steps = PenaltySteps::whole_steps;
  EXPECT_NEAR(penalty(as, 0.45), 4.0, 1e-12);
  EXPECT_NEAR(penalty(as, 0.50), 6.0, 1e-12);  // 0.3 / 0.1 is three whole steps
  as.steps = PenaltySteps::part_steps;
  EXPECT_NEAR(penalty(as, 0.45), 6.0, 1e-12);
  EXPECT_NEAR(penalty(as, 0.50), 6.0, 1e-12);
  as.cap = 5.0;
  EXPECT_NEAR(penalty(as, 0.45), 5.0, 1e-12);
}

// The lead concentrate example of domain.md §5.
Contract lead_contract() {
  Contract c;
  c.product = "pb_con";
  c.payables = {
      {kPb, PayableRule::pay_with_min_deduction, 0.95, Grade::of(3, GradeUnit::percent)},
      {kAg, PayableRule::pay_with_min_deduction, 0.95, Grade::of(50, GradeUnit::grams_per_tonne)}};
  TreatmentChargeTerms tc;
  tc.metal = kPb;
  tc.base = 300;
  tc.basis_price = 2100;
  tc.escalators = {{2100, std::numeric_limits<double>::infinity(), 0.04}};
  tc.de_escalators = {{0, 2100, 0.01}};
  c.tc = tc;
  c.rc = {{kAg, 1.50, MassUnit::troy_ounce}};
  c.penalties = {{"As", 0.20, 0.1, 2.0, PenaltySteps::pro_rata, std::nullopt}};
  c.freight_per_wmt = 150;
  c.insurance_rate = 0.0006;
  c.insured_fraction = 1.10;
  c.provisional_payment = 0.90;
  return c;
}

ConcentrateAssays lead_assays() {
  ConcentrateAssays a;
  a.metals = {Grade::of(4965, GradeUnit::grams_per_tonne), Grade::of(63, GradeUnit::percent),
              std::nullopt};
  a.elements = {{"As", 0.45}};
  return a;
}

std::vector<std::optional<double>> lead_prices(double silver_per_oz) {
  return {per_t(silver_per_oz, MassUnit::troy_ounce), per_t(0.95, MassUnit::pound), std::nullopt};
}

TEST(Valuation, LeadConcentrateNsrExample) {
  std::string error;
  const auto v =
      value_per_dmt(lead_contract(), lead_assays(), lead_prices(31.54), 0.08, kSymbols, error);
  ASSERT_TRUE(v) << error;
  EXPECT_EQ(cents(v->metals[0].price_per_t, 4), "2094.3915");  // Pb, $0.95/lb
  EXPECT_EQ(cents(v->metals[0].payable_grade.fraction() * 100, 2), "59.85");
  EXPECT_EQ(cents(v->metals[0].value, 4), "1253.4933");
  EXPECT_EQ(cents(v->metals[1].payable_grade.in(GradeUnit::grams_per_tonne), 2), "4716.75");
  EXPECT_EQ(cents(v->metals[1].payable.in(MassUnit::troy_ounce), 6), "151.647034");
  EXPECT_EQ(cents(v->metals[1].value, 4), "4782.9474");
  EXPECT_EQ(cents(v->treatment_charge, 4), "299.9439");
  EXPECT_EQ(cents(v->refining_charge, 4), "227.4706");
  EXPECT_EQ(cents(v->penalty_total, 4), "5.0000");
  EXPECT_EQ(cents(v->niv, 4), "5504.0263");
  EXPECT_EQ(cents(v->freight, 4), "163.0435");
  EXPECT_EQ(cents(v->insurance, 4), "3.6327");
  EXPECT_EQ(cents(v->nsr, 4), "5337.3502");
}

TEST(Valuation, MissingAssayOrPriceIsAnError) {
  std::string error;
  auto assays = lead_assays();
  assays.metals[kAg].reset();
  EXPECT_FALSE(value_per_dmt(lead_contract(), assays, lead_prices(31.54), 0.08, kSymbols, error));
  EXPECT_EQ(error, "no Ag assay for a payable metal");
  auto prices = lead_prices(31.54);
  prices[kPb].reset();
  EXPECT_FALSE(value_per_dmt(lead_contract(), lead_assays(), prices, 0.08, kSymbols, error));
  EXPECT_EQ(error, "no Pb price");
}

// The provisional-pricing example of domain.md §5: 1,000 dmt of the lead
// concentrate above (151,647.034 payable oz of silver).
TEST(Valuation, ProvisionalPricingExample) {
  std::string error;
  const auto v =
      value_per_dmt(lead_contract(), lead_assays(), lead_prices(31.54), 0.08, kSymbols, error);
  ASSERT_TRUE(v);
  const double oz = 1000 * v->metals[1].payable.in(MassUnit::troy_ounce);
  EXPECT_EQ(cents(oz, 3), "151647.034");
  const double provisional_value = oz * 33.00;
  const double invoice =
      provisional_invoice(provisional_value, lead_contract().provisional_payment);
  EXPECT_EQ(cents(invoice), "4503916.91");
  EXPECT_EQ(cents(mark_to_market(oz * 31.00, provisional_value)), "-303294.07");
  const double final_value = oz * 30.20;
  EXPECT_EQ(cents(final_value), "4579740.42");
  EXPECT_EQ(cents(final_payment(final_value, invoice)), "75823.52");
}

}  // namespace
}  // namespace orebook::sales
