// Smelter terms against the worked examples of docs/formulas.md §9–§11,
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

terms::TreatmentChargeTerms zinc_2015() {
  terms::TreatmentChargeTerms tc;
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
  terms::TreatmentChargeTerms tc;
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
  terms::TreatmentChargeTerms tc;
  tc.base = 20;
  tc.basis_price = 2000;
  tc.de_escalators = {{0, 2000, 0.1}};
  EXPECT_NEAR(treatment_charge(tc, 1800), 0.0, 1e-9);    // falls to zero
  EXPECT_NEAR(treatment_charge(tc, 1500), -30.0, 1e-9);  // and below: the smelter pays
  tc.base = 0;
  EXPECT_NEAR(treatment_charge(tc, 2000), 0.0, 1e-12);
}

TEST(Payables, Rules) {
  const terms::PayableTerm zinc{kZn, terms::PayableRule::pay_with_min_deduction, 0.85,
                                Grade::of(8, GradeUnit::percent)};
  // 50% Zn: min(42.5, 42) = 42%; 60%: min(51, 52) = 51%.
  EXPECT_NEAR(payable_grade(zinc, Grade::of(50, GradeUnit::percent)), 0.42, 1e-12);
  EXPECT_NEAR(payable_grade(zinc, Grade::of(60, GradeUnit::percent)), 0.51, 1e-12);
  // Grade below the deduction: nothing payable, never negative.
  EXPECT_EQ(payable_grade(zinc, Grade::of(6, GradeUnit::percent)), 0.0);
  // Ag in zinc concentrate: deduct 3 oz/dmt (oz per dry metric tonne = 31.1034768 g/t), pay 70%.
  const terms::PayableTerm silver{
      kAg, terms::PayableRule::deduct_then_pay, 0.70,
      Grade::of(3 * units::kGramsPerTroyOunce, GradeUnit::grams_per_tonne)};
  const double payable = payable_grade(silver, Grade::of(460, GradeUnit::grams_per_tonne));
  EXPECT_NEAR(payable / 1e-6, 0.70 * (460 - 3 * 31.1034768), 1e-9);
  EXPECT_EQ(payable_grade(silver, Grade::of(50, GradeUnit::grams_per_tonne)), 0.0);
}

TEST(Penalties, StepsAndCap) {
  terms::PenaltyTerm as{"As", 0.20, 0.1, 2.0, terms::PenaltySteps::pro_rata, std::nullopt};
  EXPECT_NEAR(penalty(as, 0.45), 5.0, 1e-12);
  EXPECT_EQ(penalty(as, 0.20), 0.0);
  EXPECT_EQ(penalty(as, 0.10), 0.0);
  as.steps = terms::PenaltySteps::whole_steps;
  EXPECT_NEAR(penalty(as, 0.45), 4.0, 1e-12);
  EXPECT_NEAR(penalty(as, 0.50), 6.0, 1e-12);  // 0.3 / 0.1 is three whole steps
  as.steps = terms::PenaltySteps::part_steps;
  EXPECT_NEAR(penalty(as, 0.45), 6.0, 1e-12);
  EXPECT_NEAR(penalty(as, 0.50), 6.0, 1e-12);
  as.cap = 5.0;
  EXPECT_NEAR(penalty(as, 0.45), 5.0, 1e-12);
}

// The lead concentrate example of docs/formulas.md §10.
terms::Contract lead_contract() {
  terms::Contract c;
  c.product = "pb_con";
  c.payables = {
      {kPb, terms::PayableRule::pay_with_min_deduction, 0.95, Grade::of(3, GradeUnit::percent)},
      {kAg, terms::PayableRule::pay_with_min_deduction, 0.95,
       Grade::of(50, GradeUnit::grams_per_tonne)}};
  terms::TreatmentChargeTerms tc;
  tc.metal = kPb;
  tc.base = 300;
  tc.basis_price = 2100;
  tc.escalators = {{2100, std::numeric_limits<double>::infinity(), 0.04}};
  tc.de_escalators = {{0, 2100, 0.01}};
  c.tc = tc;
  c.rc = {{kAg, 1.50, MassUnit::troy_ounce}};
  c.penalties = {{"As", 0.20, 0.1, 2.0, terms::PenaltySteps::pro_rata, std::nullopt}};
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

// The provisional-pricing example of docs/formulas.md §11: 1,000 dmt of the lead
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

// ---------------------------------------------------------------------------
// contracts.toml, prices.csv, lots.csv and settlement, with inline inputs.

#include "orebook/dataset/csv.h"
#include "orebook/sales/settlement.h"
#include "test_util.h"

namespace orebook::sales {
namespace {

using testing::dump;
using testing::find;

constexpr const char* kContract = R"([[contracts]]
product = "pb_con"
counterparty = "A"
valid_from = 2012-01-01
currency = "USD"
provisional_payment_pct = 90
freight_per_wmt = 150
insurance_pct = 0.06
insured_value_pct = 110

[[contracts.payables]]
metal = "Pb"
pay_pct = 95
deduction = 3
deduction_unit = "units"

[[contracts.payables]]
metal = "Ag"
pay_pct = 95
deduction = 50
deduction_unit = "g/t"

[contracts.tc]
metal = "Pb"
base = 300
basis_price = 2100
escalators = [{ from = 2100, rate = 0.04 }]
de_escalators = [{ to = 2100, rate = 0.01 }]

[[contracts.rc]]
metal = "Ag"
rate = 1.50
unit = "oz"

[[contracts.penalties]]
element = "As"
threshold = 0.20
step = 0.1
rate = 2.0

[[contracts.qp]]
metal = "Ag"
month = "M+1"

[[contracts.qp]]
metal = "Pb"
month = "M+1"
)";

// The provisional-pricing example of docs/formulas.md §11 as a lot shipped in March
// with an April quotational period: silver at the March average $33.00
// provisionally, marked at the $31.00 forward on March 31, final at the April
// average $30.20. February prices serve lots shipped in February.
constexpr const char* kPrices =
    "kind,month,item,value,unit,currency\n"
    "average,2012-02,Ag,32.00,oz,USD\naverage,2012-02,Pb,0.95,lb,USD\n"
    "average,2012-03,Ag,33.00,oz,USD\naverage,2012-03,Pb,0.95,lb,USD\n"
    "forward,2012-03,Ag,31.00,oz,USD\nforward,2012-03,Pb,0.95,lb,USD\n"
    "average,2012-04,Ag,30.20,oz,USD\naverage,2012-04,Pb,0.95,lb,USD\n"
    "fx,2012-02,USD,1.02,,CAD\nfx,2012-03,USD,0.99,,CAD\nfx,2012-04,USD,0.98,,CAD\n"
    "fx,2012-05,USD,1.01,,CAD\n";

struct Built {
  dataset::Dataset ds;
  core::Diagnostics diags;
};

// The test site with contracts, prices and lots from text.
std::unique_ptr<Built> build(std::string contracts, std::string prices, std::string lots) {
  auto b = std::make_unique<Built>();
  b->ds = testing::load_strings(testing::kSite, "period,stream,dry_t\n2012Q1,feed,1\n", b->diags);
  b->ds.contracts.present = b->ds.prices.present = b->ds.lots.present = true;
  b->ds.lots.file = "lots.csv";
  b->ds.contracts.rows =
      dataset::load_contracts_toml(contracts, "contracts.toml", b->ds.site, b->diags);
  auto pr = dataset::CsvReader::from_string(std::move(prices));
  b->ds.prices.rows = dataset::load_prices_csv(pr, "prices.csv", b->ds.site, b->diags);
  auto lr = dataset::CsvReader::from_string(std::move(lots));
  b->ds.lots.rows = dataset::load_lots_csv(lr, "lots.csv", b->ds.site, b->diags);
  return b;
}

// 1,086.96 wet t at 8% moisture = 1,000.0032 dmt of the NSR example's concentrate.
constexpr const char* kLotHeader =
    "lot,product,stage,date,wet_t,moisture_pct,Ag_gpt,Pb_pct,As_pct\n";
constexpr const char* kLotShippedFeb = "L1,pb_con,provisional,2012-02-20,1086.96,8,4965,63,0.45\n";
// 1,000 dmt exactly (no moisture), as in the provisional-pricing example.
constexpr const char* kLotShippedMar = "L1,pb_con,provisional,2012-03-10,1000,0,4965,63,0.45\n";

TEST(Settlement, ShippedInOneQuarterSettledInTheNext) {
  auto b = build(kContract, kPrices,
                 std::string(kLotHeader) + kLotShippedMar +
                     "L1,pb_con,final,2012-05-10,1000,0,4965,63,0.45\n");
  ASSERT_FALSE(b->diags.has_errors()) << dump(b->diags);
  const auto q1 = settle(b->ds, *calendar::Period::parse("2012Q1"), b->diags);
  const auto q2 = settle(b->ds, *calendar::Period::parse("2012Q2"), b->diags);
  ASSERT_FALSE(b->diags.has_errors()) << dump(b->diags);
  ASSERT_EQ(q1.lots.size(), 1u);
  ASSERT_EQ(q2.lots.size(), 1u);
  const LotSettlement& a = q1.lots[0];
  const LotSettlement& f = q2.lots[0];
  const double oz = a.provisional.payable[0].in(units::MassUnit::troy_ounce);
  // Silver at $33 provisional (March average), marked at the $31 forward on
  // March 31 (the April QP is still open), final at the April average $30.20.
  EXPECT_NEAR(a.provisional.metal_value[0], oz * 33.00, 1e-6);
  EXPECT_NEAR(a.closing.metal_value[0], oz * 31.00, 1e-6);
  EXPECT_EQ(a.closing.basis, "marked at 2012-03-31");
  EXPECT_TRUE(a.shipped_in_period);
  EXPECT_FALSE(a.settled_in_period);
  EXPECT_NEAR(a.adjustment, a.closing.niv - a.provisional.niv, 1e-6);
  ASSERT_TRUE(f.opening);
  EXPECT_NEAR(f.opening->niv, a.closing.niv, 1e-6);  // Q2 opens where Q1 closed
  EXPECT_EQ(f.closing.basis, "final");
  EXPECT_NEAR(f.closing.metal_value[0], oz * 30.20, 1e-6);
  EXPECT_TRUE(f.settled_in_period);
  EXPECT_NEAR(f.final_payment, f.closing.niv - a.provisional_invoice, 1e-6);
  // Sold in Q1 only; the Q2 adjustment is booked in Q2.
  EXPECT_TRUE(q1.payable_sold[0]);
  EXPECT_FALSE(q2.payable_sold[0]);
  EXPECT_NEAR(q2.provisional_adjustment, f.adjustment * 1.01, 1e-6);  // booked in May
  // The docs/formulas.md §11 example to the cent: 151,647.034 oz of payable silver.
  EXPECT_EQ(cents(oz, 3), "151647.034");
  EXPECT_EQ(cents(provisional_invoice(a.provisional.metal_value[0], 0.90)), "4503916.91");
  EXPECT_EQ(cents(a.closing.metal_value[0] - a.provisional.metal_value[0]), "-303294.07");
  EXPECT_EQ(cents(f.closing.metal_value[0]), "4579740.42");
}

TEST(Settlement, FxConvertsIntoTheReportingCurrency) {
  auto b = build(kContract, kPrices, std::string(kLotHeader) + kLotShippedFeb);
  const auto q1 = settle(b->ds, *calendar::Period::parse("2012Q1"), b->diags);
  ASSERT_FALSE(b->diags.has_errors()) << dump(b->diags);
  const LotSettlement& a = q1.lots[0];
  // Shipment at February's rate (1.02), the March 31 value at March's (0.99).
  EXPECT_NEAR(q1.revenue, a.provisional.niv * 1.02 + a.adjustment * 0.99, 1e-6);
  EXPECT_NEAR(q1.provisional_adjustment, a.adjustment * 0.99, 1e-6);
  EXPECT_NEAR(q1.tc, a.provisional.tc * 1.02 + (a.closing.tc - a.provisional.tc) * 0.99, 1e-6);
  // The realized price is in the price currency: provisional value and its
  // adjustment over the payable ounces sold. The March QP is known on March
  // 31, so the lot is worth the March average by then.
  const double oz = a.provisional.payable[0].in(units::MassUnit::troy_ounce);
  EXPECT_NEAR(a.provisional.metal_value[0], oz * 32.00, 1e-6);
  EXPECT_NEAR(*q1.realized_price[0], 33.00, 1e-9);
  EXPECT_NEAR(q1.payable_sold[0]->in(units::MassUnit::troy_ounce), oz, 1e-6);
}

TEST(Settlement, MonthsAddUpToTheQuarter) {
  // With the reporting currency equal to the contract's, monthly adjustments telescope.
  std::string prices;
  for (std::string_view rest = kPrices; !rest.empty();) {
    const auto nl = rest.find('\n');
    const std::string_view line = rest.substr(0, nl + 1);
    if (line.substr(0, 3) != "fx,") prices += line;
    rest.remove_prefix(nl + 1);
  }
  prices += "forward,2012-02,Ag,32.50,oz,USD\nforward,2012-02,Pb,0.96,lb,USD\n";
  auto b = build(kContract, prices, std::string(kLotHeader) + kLotShippedFeb);
  b->ds.site.currency = "USD";
  b->ds.prices.rows.clear();
  auto pr = dataset::CsvReader::from_string(prices);
  b->ds.prices.rows = dataset::load_prices_csv(pr, "prices.csv", b->ds.site, b->diags);
  double months = 0;
  for (const char* m : {"2012-01", "2012-02", "2012-03"}) {
    months += settle(b->ds, *calendar::Period::parse(m), b->diags).revenue;
  }
  const double quarter = settle(b->ds, *calendar::Period::parse("2012Q1"), b->diags).revenue;
  ASSERT_FALSE(b->diags.has_errors()) << dump(b->diags);
  EXPECT_NEAR(months, quarter, 1e-6 * quarter);
}

TEST(Settlement, ContractChangingMidQuarter) {
  std::string contracts = kContract;
  std::string later = kContract;
  later.replace(later.find("2012-01-01"), 10, "2012-03-01");
  later.replace(later.find("base = 300"), 10, "base = 250");
  contracts += later;
  auto b = build(contracts, kPrices,
                 std::string(kLotHeader) + kLotShippedFeb +
                     "L2,pb_con,provisional,2012-03-05,1086.96,8,4965,63,0.45\n");
  const auto q1 = settle(b->ds, *calendar::Period::parse("2012Q1"), b->diags);
  ASSERT_FALSE(b->diags.has_errors()) << dump(b->diags);
  ASSERT_EQ(q1.lots.size(), 2u);
  EXPECT_EQ(calendar::format_date(q1.lots[0].contract->valid_from), "2012-01-01");
  EXPECT_EQ(calendar::format_date(q1.lots[1].contract->valid_from), "2012-03-01");
  // Same price (Pb $0.95 both months): the TC per dmt differs by the base alone.
  EXPECT_NEAR(q1.lots[0].provisional.per_dmt.treatment_charge -
                  q1.lots[1].provisional.per_dmt.treatment_charge,
              50.0, 1e-9);
}

TEST(Settlement, MissingPriceForAQuotationalMonthNamesLotAndMonth) {
  auto b = build(kContract, kPrices,
                 std::string(kLotHeader) +
                     "L9,pb_con,provisional,2012-04-20,1000,8,4965,63,0.45\n"
                     "L9,pb_con,final,2012-06-01,1000,8,4965,63,0.45\n");
  settle(b->ds, *calendar::Period::parse("2012Q2"), b->diags);
  const auto* d = find(b->diags, "missing-price");
  ASSERT_NE(d, nullptr) << dump(b->diags);
  EXPECT_NE(d->message.find("lot L9"), std::string::npos) << d->message;
  EXPECT_NE(d->message.find("2012-05"), std::string::npos) << d->message;
}

TEST(Settlement, LotWithoutAssayForAPayableMetal) {
  auto b = build(kContract, kPrices,
                 std::string(kLotHeader) + "L3,pb_con,provisional,2012-02-20,1000,8,,63,0.45\n");
  settle(b->ds, *calendar::Period::parse("2012Q1"), b->diags);
  const auto* d = find(b->diags, "cannot-value");
  ASSERT_NE(d, nullptr) << dump(b->diags);
  EXPECT_NE(d->message.find("lot L3: no Ag assay"), std::string::npos) << d->message;
}

TEST(Settlement, LotWithoutContract) {
  auto b =
      build(kContract, kPrices,
            std::string(kLotHeader) + "L4,pb_con,provisional,2011-12-20,1000,8,4965,63,0.45\n");
  settle(b->ds, *calendar::Period::parse("2011Q4"), b->diags);
  EXPECT_NE(find(b->diags, "no-contract"), nullptr) << dump(b->diags);
}

TEST(Lots, EveryRule) {
  auto b = build(kContract, kPrices,
                 std::string(kLotHeader) +
                     "L1,pb_con,provisional,2012-02-20,1000,100,4965,63,0.45\n"  // moisture 100%
                     "L2,pb_con,provisional,2012-02-20,1000,-1,4965,63,0.45\n"  // negative moisture
                     "L3,feed,provisional,2012-02-20,1000,8,4965,63,0.45\n"     // not a concentrate
                     "L4,pb_con,shipped,2012-02-20,1000,8,4965,63,0.45\n"       // unknown stage
                     "L5,pb_con,provisional,2012-02-30,1000,8,4965,63,0.45\n"   // bad date
                     "L6,pb_con,final,2012-02-20,1000,8,4965,63,0.45\n"  // no provisional row
                     "L7,pb_con,provisional,2012-02-20,1000,8,4965,101,0.45\n"  // grade above 100%
                     "L8,pb_con,provisional,2012-02-20,1000,8,4965,63,0.45\n"
                     "L8,pb_con,final,2012-01-20,1000,8,4965,63,0.45\n");  // final before shipment
  for (const char* code :
       {"moisture-out-of-range", "unknown-product", "unknown-stage", "bad-period",
        "missing-provisional", "grade-out-of-range", "final-before-shipment"}) {
    EXPECT_NE(find(b->diags, code), nullptr) << code << "\n" << dump(b->diags);
  }
  EXPECT_EQ(find(b->diags, "moisture-out-of-range")->line, 2u);
  EXPECT_EQ(find(b->diags, "moisture-out-of-range")->found, "100");
}

TEST(Contracts, EveryRule) {
  const std::string bad = R"([[contracts]]
product = "zn_con"
counterparty = "B"
valid_from = 2012-01-01
currency = "USD"

[[contracts.payables]]
metal = "Cu"
pay_pct = 85

[[contracts.payables]]
metal = "Zn"
pay_pct = 101

[contracts.tc]
metal = "Zn"
base = 245
basis_price = 2000
escalators = [{ from = 2500, to = 3000, rate = 0.075 }, { from = 2000, to = 2500, rate = 0.095 }]
de_escalators = [{ to = 2000, from = 1500, rate = 0.035 }, { to = 1800, rate = 0.02 }]

[[contracts]]
product = "slag"
counterparty = "C"
valid_from = 2012-01-01
currency = "USD"
)";
  auto b = build(bad, kPrices, kLotHeader);
  for (const char* code : {"unknown-metal", "payable-above-100", "unordered-tiers",
                           "overlapping-tiers", "unknown-product"}) {
    EXPECT_NE(find(b->diags, code), nullptr) << code << "\n" << dump(b->diags);
  }
  const auto* d = find(b->diags, "payable-above-100");
  EXPECT_NE(d->message.find("contract zn_con/B from 2012-01-01"), std::string::npos) << d->message;
  EXPECT_EQ(find(b->diags, "unknown-metal")->found, "Cu");
}

TEST(Contracts, LoadsTheTermsOfTheExample) {
  auto b = build(kContract, kPrices, kLotHeader);
  ASSERT_FALSE(b->diags.has_errors()) << dump(b->diags);
  ASSERT_EQ(b->ds.contracts.rows.size(), 1u);
  const terms::Contract& c = b->ds.contracts.rows[0];
  EXPECT_EQ(c.payables.size(), 2u);
  EXPECT_NEAR(c.payables[1].deduction.in(GradeUnit::grams_per_tonne), 50, 1e-9);
  EXPECT_NEAR(c.provisional_payment, 0.90, 1e-15);
  ASSERT_TRUE(c.tc);
  EXPECT_EQ(c.tc->escalators.size(), 1u);
  EXPECT_TRUE(std::isinf(c.tc->escalators[0].to));
  EXPECT_EQ(c.tc->de_escalators[0].from, 0.0);
  EXPECT_EQ(c.qp.size(), 2u);
  EXPECT_EQ(c.qp[0].months_after, 1);
}

TEST(Prices, EveryRule) {
  auto b = build(kContract,
                 "kind,month,item,value,unit,currency\n"
                 "spot,2012-01,Ag,30,oz,USD\n"      // unknown kind
                 "average,2012Q1,Ag,30,oz,USD\n"    // not a month
                 "average,2012-01,Cu,3,lb,USD\n"    // unknown metal
                 "average,2012-01,Ag,-3,oz,USD\n"   // not above zero
                 "average,2012-01,Ag,30,ozt,USD\n"  // unknown unit
                 "fx,2012-01,USD,1.01,,EUR\n"       // fx not into the reporting currency
                 "average,2012-02,Ag,30,oz,USD\n"
                 "average,2012-02,Ag,31,oz,USD\n",  // duplicate
                 kLotHeader);
  for (const char* code : {"unknown-kind", "bad-period", "unknown-metal", "negative-price",
                           "unknown-unit", "bad-currency", "duplicate-row"}) {
    EXPECT_NE(find(b->diags, code), nullptr) << code << "\n" << dump(b->diags);
  }
  EXPECT_EQ(find(b->diags, "duplicate-row")->line, 9u);
}

}  // namespace
}  // namespace orebook::sales

// One function chooses the contract in force (terms::in_force) for lots,
// payable production and `orebook nsr`.
namespace orebook::terms {
namespace {

Contract contract(const char* product, const char* counterparty, const char* from) {
  Contract c;
  c.product = product;
  c.counterparty = counterparty;
  c.valid_from = calendar::Period::parse(from)->first();
  return c;
}

calendar::DayNumber day(const char* text) { return calendar::Period::parse(text)->first(); }

TEST(ContractInForce, LatestOnOrBeforeTheDayFirstCounterpartyOnATie) {
  // Sorted by product, counterparty, valid_from, as contracts.toml is loaded.
  const std::vector<Contract> all = {
      contract("pb_con", "Smelter A", "2012-01-01"), contract("pb_con", "Smelter A", "2012-05-01"),
      contract("pb_con", "Smelter B", "2012-05-01"), contract("zn_con", "Smelter C", "2012-01-01")};
  EXPECT_EQ(in_force(all, "pb_con", day("2011-12-31")), nullptr);
  EXPECT_EQ(in_force(all, "pb_con", day("2012-04-30")), &all[0]);
  // Two counterparties from the same day: the first by name, whichever caller asks.
  EXPECT_EQ(in_force(all, "pb_con", day("2012-05-01")), &all[1]);
  EXPECT_EQ(in_force(all, "pb_con", std::nullopt), &all[1]);
  EXPECT_EQ(in_force(all, "pb_con", day("2012-06-30"), "Smelter B"), &all[2]);
  EXPECT_EQ(in_force(all, "pb_con", day("2012-04-30"), "Smelter B"), nullptr);
  EXPECT_EQ(in_force(all, "zn_con", day("2012-06-30")), &all[3]);
  EXPECT_EQ(in_force(all, "cu_con", day("2012-06-30")), nullptr);
}

}  // namespace
}  // namespace orebook::terms
