#pragma once
// What `orebook nsr` values: one dry tonne of a concentrate under the
// contract in force, and one tonne of ore from the concentrates it yields
// (docs/formulas.md §10).

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "orebook/dataset/dataset.h"
#include "orebook/sales/settlement.h"
#include "orebook/sales/valuation.h"
#include "orebook/terms/terms.h"
#include "orebook/units/units.h"

namespace orebook::sales {

// One dry tonne of a concentrate, valued.
struct ConcentrateValue {
  std::size_t product = 0;  // index into Site::streams
  const terms::Contract* contract = nullptr;
  ConcentrateAssays assays;
  Valuation value;
};

// The prices a valuation uses, per tonne of each metal in `currency`: the
// override where given, else the month's average from the price book, else
// none (value_per_dmt then says which metal lacks a price).
std::vector<std::optional<double>> valuation_prices(
    const PriceBook& book, const std::vector<std::optional<double>>& override_per_t,
    std::optional<dataset::MonthNumber> month, const std::string& currency);

// One dmt of `product` with `assays` under `contract`; nullopt with `why`
// when a payable metal lacks an assay or a price.
std::optional<ConcentrateValue> value_concentrate(const dataset::Site& site, std::size_t product,
                                                  const terms::Contract& contract,
                                                  ConcentrateAssays assays,
                                                  const std::vector<std::optional<double>>& prices,
                                                  double moisture, std::string& why);

// A concentrate's share of one tonne of ore: its yield from the recovery of
// its main metal, and the NSR that yield brings.
struct OreShare {
  std::size_t concentrate = 0;  // index into the valued concentrates
  std::size_t metal = 0;        // the main metal whose recovery was given
  double recovery_pct = 0.0;
  double yield = 0.0;  // t of concentrate per t of ore: head × recovery ÷ concentrate grade
  double nsr = 0.0;    // yield × NSR per dmt, in the contract currency
};

// The share of `c` given the ore's head grade of `metal` and its recovery.
OreShare ore_share(std::size_t concentrate, const ConcentrateValue& c, std::size_t metal,
                   units::Grade head, double recovery_pct);

}  // namespace orebook::sales
