#pragma once
// Smelter contract terms for a concentrate (docs/formulas.md §9, "Smelter
// terms"): data, read by the dataset module and evaluated by the sales module,
// so they sit below both.

#include <cstddef>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "orebook/calendar/period.h"
#include "orebook/units/units.h"

namespace orebook::terms {

enum class PayableRule {
  // Pay X% of the grade, but deduct at least D: payable = min(X·G, G − D).
  pay_with_min_deduction,
  // Deduct D, then pay X% of the rest: payable = X·max(0, G − D).
  deduct_then_pay,
};

std::string_view to_string(PayableRule rule);

struct PayableTerm {
  std::size_t metal = 0;  // index into Site::metals
  PayableRule rule = PayableRule::pay_with_min_deduction;
  double pay = 1.0;        // fraction paid, in (0, 1]
  units::Grade deduction;  // D, a grade (8 units = 8%; 50 g/t; 3 oz/dmt)
};

// A price band and its rate: rate dollars of TC per dollar per tonne of price
// inside [from, to). Escalators lie above the basis price, de-escalators below.
struct PriceTier {
  double from = 0.0;
  double to = std::numeric_limits<double>::infinity();
  double rate = 0.0;
};

struct TreatmentChargeTerms {
  std::size_t metal = 0;                 // the main metal whose price moves the TC
  double base = 0.0;                     // per dry tonne of concentrate, at the basis price
  double basis_price = 0.0;              // per tonne of metal
  std::vector<PriceTier> escalators;     // above the basis, ascending, not overlapping
  std::vector<PriceTier> de_escalators;  // below the basis, not overlapping
};

struct RefiningCharge {
  std::size_t metal = 0;
  double rate = 0.0;  // per payable unit
  units::MassUnit unit = units::MassUnit::troy_ounce;
};

enum class PenaltySteps {
  pro_rata,     // fractions of a step pay their share
  whole_steps,  // only complete steps count
  part_steps,   // every step begun counts ("or part thereof")
};

struct PenaltyTerm {
  std::string element;     // "As", "Sb", "Hg", "SiO2" ...
  double threshold = 0.0;  // in the element's assay unit (% or ppm as the lots give it)
  double step = 1.0;       // per this much above the threshold
  double rate = 0.0;       // money per step, per dry tonne
  PenaltySteps steps = PenaltySteps::pro_rata;
  std::optional<double> cap;  // largest penalty per dry tonne
};

enum class QuotationalBasis { shipment, arrival };

struct QuotationalPeriod {
  std::size_t metal = 0;
  int months_after = 0;  // M = 0, M+1 = 1 ...
  QuotationalBasis basis = QuotationalBasis::shipment;
};

struct Contract {
  std::string product;  // stream id of the concentrate
  std::string counterparty;
  calendar::DayNumber valid_from = 0;
  std::string currency = "USD";
  std::vector<PayableTerm> payables;
  std::optional<TreatmentChargeTerms> tc;
  std::vector<RefiningCharge> rc;
  std::vector<PenaltyTerm> penalties;
  double weight_franchise = 0.0;      // fraction of dry weight deducted
  std::vector<QuotationalPeriod> qp;  // per payable metal
  double provisional_payment = 1.0;   // fraction of provisional value paid on shipment
  double freight_per_wmt = 0.0;
  double insurance_rate = 0.0;    // fraction of the insured value
  double insured_fraction = 1.0;  // insured value ÷ net invoice value (1.10 = 110%)
};

// The contract in force for a product on a day: of the contracts for the
// product (and, when given, the counterparty), the one with the latest
// valid_from on or before the day; among counterparties whose latest terms
// start the same day, the first by name. nullptr when none is in force.
// `contracts` sorted by product, counterparty, valid_from (as loaded). Used
// for lots (on their shipment day), payable production (on a period's last
// day) and `orebook nsr` (on --date, or the latest).
const Contract* in_force(const std::vector<Contract>& contracts, std::string_view product,
                         std::optional<calendar::DayNumber> day,
                         std::string_view counterparty = {});

}  // namespace orebook::terms
