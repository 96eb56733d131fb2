#pragma once
// Bilinear data reconciliation (docs/formulas.md §6): flows F_j and
// assays a_kj adjusted together so that every node balances for mass,
// Σ ±F_j = 0, and for every component, Σ ±F_j a_kj = 0. Solved by successive
// linearisation: each step linearises the balances at the current estimate
// and solves the linear weighted least squares problem with the original
// measurements (solve_constrained), until the balances close to 1e-9
// relative. No Σ_k a_k = 1 equation is added (with every component assayed
// the total balance would become dependent).

#include <optional>
#include <string>
#include <vector>

#include "orebook/balance/linear.h"

namespace orebook::balance {

struct BilinearProblem {
  Eigen::SparseMatrix<double> incidence;    // nodes × streams, +1 into a node, −1 out
  std::vector<std::string> components;      // K assayed components
  std::vector<std::optional<double>> flow;  // per stream; nullopt: unmeasured
  std::vector<double> flow_sd;
  std::vector<std::vector<std::optional<double>>> assay;  // [k][stream]
  std::vector<std::vector<double>> assay_sd;              // [k][stream]
  // Flows that may come out negative (stock changes); empty: none.
  std::vector<bool> free_sign;
};

struct BilinearResult {
  std::vector<StreamResult> flow;                // per stream
  std::vector<std::vector<StreamResult>> assay;  // [k][stream]
  GlobalTest global;                             // statistic: Σ((y − x̂)/σ)² at the solution
  double measurement_critical = 0.0;
  // Per balance: residuals of the measured values (unmeasured at their
  // estimates) and of the reconciled ones; nodes[c * node_count + i] for
  // node i, c = 0 for mass and c = k + 1 for component k.
  std::vector<NodeResult> nodes;
  double max_relative_residual = 0.0;      // of the balances at the solution
  std::vector<std::string> active_bounds;  // variables held at zero ("flow S2", "Pb S3")
  std::vector<std::string> eliminated;     // set aside by serial elimination, in order
  BalanceSummary summary;
  // The connected parts, each reconciled on its own (as LinearResult::parts).
  std::vector<PartResult> parts;
  // Balances (indexed as `nodes`) that do not close to kClosure of their
  // largest term at the solution.
  std::vector<Unclosed> unclosed;
};

// Reconciles each connected part of the flowsheet on its own.
BilinearResult reconcile_bilinear(const BilinearProblem& problem, const BalanceOptions& options,
                                  const std::vector<std::string>& stream_ids,
                                  int max_iterations = 100);

}  // namespace orebook::balance
