#include "orebook/sales/nsr.h"

#include "orebook/accounting/formulas.h"

namespace orebook::sales {

std::vector<std::optional<double>> valuation_prices(
    const PriceBook& book, const std::vector<std::optional<double>>& override_per_t,
    std::optional<dataset::MonthNumber> month, const std::string& currency) {
  std::vector<std::optional<double>> prices(override_per_t.size());
  for (std::size_t m = 0; m < prices.size(); ++m) {
    prices[m] = override_per_t[m];
    if (!prices[m] && month) prices[m] = book.average(m, currency, *month);
  }
  return prices;
}

std::optional<ConcentrateValue> value_concentrate(const dataset::Site& site, std::size_t product,
                                                  const terms::Contract& contract,
                                                  ConcentrateAssays assays,
                                                  const std::vector<std::optional<double>>& prices,
                                                  double moisture, std::string& why) {
  std::vector<std::string> symbols;
  for (const auto& m : site.metals) symbols.push_back(m.symbol);
  const auto v = value_per_dmt(contract, assays, prices, moisture, symbols, why);
  if (!v) return std::nullopt;
  return ConcentrateValue{product, &contract, std::move(assays), *v};
}

OreShare ore_share(std::size_t concentrate, const ConcentrateValue& c, std::size_t metal,
                   units::Grade head, double recovery_pct) {
  OreShare s;
  s.concentrate = concentrate;
  s.metal = metal;
  s.recovery_pct = recovery_pct;
  s.yield = accounting::yield_from_recovery(head.fraction(), recovery_pct / 100,
                                            c.assays.metals[metal]->fraction());
  s.nsr = s.yield * c.value.nsr;
  return s;
}

}  // namespace orebook::sales
