#pragma once
// Check-in/check-out (AMIRA P754; docs/formulas.md §8): per node and
// metal, the metal in, the metal out, the stock change and the unaccounted
// metal U = in − out − Δstock with its standard deviation from
// Var(F·a) ≈ a²σ_F² + F²σ_a², from the raw measurements and from the
// reconciled values. The reconciled σ ignore the correlations the balance
// creates between the reconciled values, so they overstate σ_U.

#include <optional>
#include <vector>

#include "orebook/balance/problem.h"

namespace orebook::balance {

struct MetalAccount {
  // In the component's metal unit (Problem::metal_unit); nullopt when a term
  // needs a value that is unmeasured (raw) or unobservable (reconciled).
  std::optional<double> in, out, stock, unaccounted, sd;
  // U ± 1.96 σ_U: the 95% interval of the unaccounted metal.
  std::optional<double> low() const;
  std::optional<double> high() const;
};

struct NodeAccount {
  std::size_t node = 0;
  std::size_t component = 0;
  MetalAccount raw, reconciled;
};

// One account per node and component, nodes first.
std::vector<NodeAccount> check_in_out(const Problem& problem, const BilinearResult& result);

}  // namespace orebook::balance
