#include "orebook/accounting/equivalents.h"

#include <fmt/format.h>

namespace orebook::accounting {

using dataset::Equivalent;

std::vector<calendar::Period> equivalent_pieces(const Equivalent& eq,
                                                const calendar::Period& period) {
  if (eq.basis != Equivalent::Basis::fixed) return {period};
  std::vector<calendar::Period> pieces;
  calendar::DayNumber first = period.first();
  for (const Equivalent::Prices& set : eq.prices) {
    if (set.from > first && set.from <= period.last()) {
      pieces.push_back(calendar::Period::from_days(first, set.from - 1));
      first = set.from;
    }
  }
  if (pieces.empty()) return {period};
  pieces.push_back(calendar::Period::from_days(first, period.last()));
  return pieces;
}

const Equivalent::Prices* prices_in_force(const Equivalent& eq, const calendar::Period& period,
                                          std::string& why) {
  const Equivalent::Prices* in_force = nullptr;
  for (const Equivalent::Prices& set : eq.prices) {
    if (set.from <= period.first()) in_force = &set;
    if (set.from > period.first() && set.from <= period.last()) {
      why = fmt::format("the prices change on {}, inside {}", calendar::format_date(set.from),
                        period.to_string());
      return nullptr;
    }
  }
  if (in_force == nullptr) {
    why = fmt::format("no prices are in force before {}",
                      calendar::format_date(eq.prices.front().from));
  }
  return in_force;
}

EquivalentValue equivalent_production(const dataset::Site& site, const Equivalent& eq,
                                      const OperatingStatistics& stats) {
  EquivalentValue out;
  std::vector<std::optional<double>> price(site.metals.size());
  if (eq.basis == Equivalent::Basis::fixed) {
    const Equivalent::Prices* set = prices_in_force(eq, stats.period, out.why_unknown);
    if (set == nullptr) return out;
    price = set->price;
  } else {
    // Realized prices per production unit, from sales.csv: they compare only
    // in one currency.
    for (std::size_t m : eq.metals) {
      if (!stats.metals[m].realized_price) {
        out.why_unknown = fmt::format("no realized price of {} in {}", site.metals[m].symbol,
                                      stats.period.to_string());
        return out;
      }
    }
    const std::string& currency = stats.metals[eq.base].price_currency;
    for (std::size_t m : eq.metals) {
      const MetalStatistics& ms = stats.metals[m];
      if (ms.price_currency != currency) {
        out.why_unknown = fmt::format("the realized prices of {} and {} are in {} and {}",
                                      site.metals[eq.base].symbol, site.metals[m].symbol, currency,
                                      ms.price_currency);
        return out;
      }
      price[m] = ms.realized_price;
    }
  }
  double total = 0.0;
  for (std::size_t m : eq.metals) {
    const auto& production = stats.metals[m].production;
    if (!production) {
      out.why_unknown = fmt::format("{} production of {} is unknown", site.metals[m].name,
                                    stats.period.to_string());
      return out;
    }
    total += equivalent_term(production->in(site.metals[m].production_unit), eq.factor[m],
                             *price[m], eq.factor[eq.base], *price[eq.base]);
  }
  out.value = total;
  return out;
}

EquivalentValue equivalent_production(const dataset::Site& site, const Equivalent& eq,
                                      std::span<const OperatingStatistics> pieces) {
  EquivalentValue out;
  double total = 0.0;
  for (const OperatingStatistics& piece : pieces) {
    const EquivalentValue v = equivalent_production(site, eq, piece);
    if (!v.value) return v;
    total += *v.value;
  }
  out.value = total;
  return out;
}

}  // namespace orebook::accounting
