#pragma once
// The value of one dry tonne of concentrate under a contract: payable metal,
// gross value, charges, net invoice value (NIV) and net smelter return (NSR),
// every step kept so that `orebook nsr` and settlement statements can print it
// (docs/formulas.md §10).

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "orebook/terms/terms.h"
#include "orebook/units/units.h"

namespace orebook::sales {

struct MetalValue {
  std::size_t metal = 0;
  units::Grade grade;          // assay of the concentrate
  units::Grade payable_grade;  // after the payable term
  units::Mass payable;         // payable metal in one dmt
  double price_per_t = 0.0;    // price per tonne of metal
  double value = 0.0;          // payable × price
};

struct PenaltyValue {
  std::string element;
  double assay = 0.0;
  double amount = 0.0;
};

struct Valuation {
  std::vector<MetalValue> metals;  // in the order of the contract's payables
  double gross_value = 0.0;        // Σ value of payable metal
  double treatment_charge = 0.0;
  double refining_charge = 0.0;
  std::vector<PenaltyValue> penalties;
  double penalty_total = 0.0;
  double niv = 0.0;  // gross value − TC − RC − penalties
  double freight = 0.0;
  double insurance = 0.0;
  double nsr = 0.0;  // NIV − freight − insurance
};

struct ConcentrateAssays {
  std::vector<std::optional<units::Grade>> metals;       // indexed like Site::metals
  std::vector<std::pair<std::string, double>> elements;  // penalty elements, in their assay unit
};

// Values one dmt. `price_per_t[m]` is the price of metal m per tonne of metal
// in the contract currency. Returns nullopt and sets `error` when a payable
// metal has no assay or no price, or the TC's main metal has no price.
std::optional<Valuation> value_per_dmt(const terms::Contract& contract,
                                       const ConcentrateAssays& assays,
                                       const std::vector<std::optional<double>>& price_per_t,
                                       double moisture,
                                       const std::vector<std::string>& metal_symbols,
                                       std::string& error);

}  // namespace orebook::sales
