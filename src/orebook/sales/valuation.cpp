#include "orebook/sales/valuation.h"

#include <fmt/format.h>

#include "orebook/accounting/formulas.h"
#include "orebook/sales/formulas.h"

namespace orebook::sales {

std::optional<Valuation> value_per_dmt(const terms::Contract& contract,
                                       const ConcentrateAssays& assays,
                                       const std::vector<std::optional<double>>& price_per_t,
                                       double moisture,
                                       const std::vector<std::string>& metal_symbols,
                                       std::string& error) {
  Valuation v;
  for (const terms::PayableTerm& term : contract.payables) {
    const std::string& symbol = metal_symbols[term.metal];
    if (term.metal >= assays.metals.size() || !assays.metals[term.metal]) {
      error = fmt::format("no {} assay for a payable metal", symbol);
      return std::nullopt;
    }
    if (term.metal >= price_per_t.size() || !price_per_t[term.metal]) {
      error = fmt::format("no {} price", symbol);
      return std::nullopt;
    }
    MetalValue mv;
    mv.metal = term.metal;
    mv.grade = *assays.metals[term.metal];
    mv.payable_grade = units::Grade::fraction(payable_grade(term, mv.grade));
    // Payable metal in one dmt = 1 t × payable grade (contained metal, docs/formulas.md §2).
    mv.payable = accounting::contained_metal(units::Mass::tonnes(1.0), mv.payable_grade);
    mv.price_per_t = *price_per_t[term.metal];
    mv.value = mv.payable.tonnes() * mv.price_per_t;
    v.gross_value += mv.value;
    v.metals.push_back(mv);
  }
  if (contract.tc) {
    const std::size_t main = contract.tc->metal;
    if (main >= price_per_t.size() || !price_per_t[main]) {
      error = fmt::format("no {} price for the treatment charge", metal_symbols[main]);
      return std::nullopt;
    }
    v.treatment_charge = treatment_charge(*contract.tc, *price_per_t[main]);
  }
  for (const terms::RefiningCharge& rc : contract.rc) {
    for (const MetalValue& mv : v.metals) {
      if (mv.metal == rc.metal) v.refining_charge += rc.rate * mv.payable.in(rc.unit);
    }
  }
  for (const terms::PenaltyTerm& term : contract.penalties) {
    for (const auto& [element, assay] : assays.elements) {
      if (element != term.element) continue;
      const double amount = penalty(term, assay);
      v.penalties.push_back({element, assay, amount});
      v.penalty_total += amount;
    }
  }
  v.niv = v.gross_value - v.treatment_charge - v.refining_charge - v.penalty_total;
  v.freight = freight_per_dmt(contract.freight_per_wmt, moisture);
  v.insurance = insurance(contract.insurance_rate, contract.insured_fraction, v.niv);
  v.nsr = v.niv - v.freight - v.insurance;
  return v;
}

}  // namespace orebook::sales
