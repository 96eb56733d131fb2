#pragma once
// Metal-equivalent production (silver-equivalent ounces, zinc-equivalent
// pounds) as a site's [[equivalents]] defines it (docs/formulas.md §19).

#include <optional>
#include <span>
#include <string>
#include <vector>

#include "orebook/accounting/operating.h"
#include "orebook/calendar/period.h"
#include "orebook/dataset/dataset.h"

namespace orebook::accounting {

// One metal's contribution in units of the base metal (docs/formulas.md §19):
// q × f × P ÷ (f_base × P_base), with q in the metal's production unit, P its
// price per that unit, f its recovery or payability factor, and P_base, f_base
// those of the base metal (whose own term is then q_base).
template <class Num>
Num equivalent_term(const Num& quantity, const Num& factor, const Num& price,
                    const Num& base_factor, const Num& base_price) {
  return quantity * factor * price / (base_factor * base_price);
}

// An equivalent production, in the base metal's production unit; nullopt
// with the reason when it cannot be known.
struct EquivalentValue {
  std::optional<double> value;
  std::string why_unknown;
};

// The periods `period` is cut into so that each lies inside one set of fixed
// prices: cut at every `from` date inside it. `period` itself for the realized
// basis or when no price change falls inside it.
std::vector<calendar::Period> equivalent_pieces(const dataset::Equivalent& eq,
                                                const calendar::Period& period);

// The fixed prices in force over all of `period`; nullptr with the reason
// in `why` when none is, or when a price change falls inside it.
const dataset::Equivalent::Prices* prices_in_force(const dataset::Equivalent& eq,
                                                   const calendar::Period& period,
                                                   std::string& why);

// The equivalent production of `stats.period`, which must lie inside one set
// of fixed prices (equivalent_pieces) for the fixed basis: the sum over the
// contributing metals of equivalent_term. Unknown when any contributing metal's
// production is unknown (never taken as zero), when no price set is in force,
// or, for the realized basis, when a metal has no realized price or the
// prices are in different currencies.
EquivalentValue equivalent_production(const dataset::Site& site, const dataset::Equivalent& eq,
                                      const OperatingStatistics& stats);

// A period's equivalent production from its pieces (equivalent_pieces, in
// order): the sum of the pieces' equivalents, each at its own prices; unknown
// when any piece's is.
EquivalentValue equivalent_production(const dataset::Site& site, const dataset::Equivalent& eq,
                                      std::span<const OperatingStatistics> pieces);

}  // namespace orebook::accounting
