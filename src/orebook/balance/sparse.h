#pragma once
// The sparse solver behind every reconciliation: the weighted least squares
// problem of linear.h on sparse matrices, in time close to linear in the size
// of a flowsheet.
//
// 1. Unmeasured variables are eliminated from the balances by Gaussian
//    elimination with threshold partial pivoting (Markowitz order: the
//    column in fewest rows first). The balances left over involve measured
//    variables only: they span the same space as P A_x of the projection
//    method (Crowe, Garcia Campos and Hrymak 1983), and the reconciliation
//    does not depend on the basis chosen for that space. For a flows-only
//    flowsheet this is the merging of the nodes an unmeasured stream joins.
//    An unmeasured variable left without a pivot, or whose pivot row holds
//    such a variable, is unobservable.
// 2. V = B Σ Bᵀ of the reduced balances B is factored by sparse LDLᵀ with an
//    approximate minimum degree ordering (ldlt.h), dependent balances
//    dropped as the factorisation meets them.
// 3. The diagonal of W = Σ Bᵀ V⁻¹ B Σ (measurement tests, σ after) needs only
//    the entries of V⁻¹ on the pattern of the factor, which the Takahashi
//    recurrence gives without forming V⁻¹ (Takahashi, Fagan and Chin 1973;
//    Erisman and Tinney 1975). No library on the project's list computes a
//    sparse selected inverse, hence the twenty lines here.

#include <optional>

#include "orebook/balance/linear.h"

namespace orebook::balance {

// Solves min Σ((y − x)/σ)² over the measured variables subject to A x = d.
// `start` gives the value of unmeasured variables the balances leave free
// (unobservable ones: any value satisfies them); empty means zero. Without
// `statistics` only values, classes and the global statistic are computed
// (the iterations of a bilinear solve need no more). Dependent reduced
// balances are dropped; nullopt when the factorisation gives NaN: the
// caller then uses the dense solver. `nonnegative`: variables that must not
// come out negative; when an observable one does, the statistics are not
// computed (the caller holds it at zero and solves again).
std::optional<LinearResult> solve_sparse(const LinearProblem& problem, const Eigen::VectorXd& d,
                                         const std::vector<bool>& unmeasured,
                                         const Eigen::VectorXd& start, double alpha,
                                         bool statistics,
                                         const std::vector<bool>* nonnegative = nullptr);

}  // namespace orebook::balance
