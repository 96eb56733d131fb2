#include "orebook/balance/check_in_out.h"

#include <cmath>

#include "orebook/accounting/formulas.h"

namespace orebook::balance {

namespace {

// 1.96: the two-sided 95% point of the normal distribution (P754 practice).
constexpr double kZ95 = 1.96;

struct Term {
  std::optional<double> flow, flow_sd, assay, assay_sd;
};

// Σ of F·a over the terms, with Σ(a²σ_F² + F²σ_a²); nullopt if any value is unknown.
std::optional<std::pair<double, double>> metal_of(const std::vector<Term>& terms, double factor) {
  double sum = 0.0, var = 0.0;
  for (const Term& t : terms) {
    if (!t.flow || !t.assay || !t.flow_sd || !t.assay_sd) return std::nullopt;
    sum += accounting::contained_metal(*t.flow, *t.assay) * factor;
    var +=
        std::pow(*t.assay * *t.flow_sd * factor, 2) + std::pow(*t.flow * *t.assay_sd * factor, 2);
  }
  return std::pair{sum, var};
}

}  // namespace

std::optional<double> MetalAccount::low() const {
  if (!unaccounted || !sd) return std::nullopt;
  return *unaccounted - kZ95 * *sd;
}

std::optional<double> MetalAccount::high() const {
  if (!unaccounted || !sd) return std::nullopt;
  return *unaccounted + kZ95 * *sd;
}

std::vector<NodeAccount> check_in_out(const Problem& p, const BilinearResult& r) {
  const BilinearProblem& b = p.bilinear;
  std::vector<NodeAccount> out;
  // The streams at each node, with their sign: one pass over the incidence.
  std::vector<std::vector<std::pair<std::size_t, double>>> at_node(p.node_ids.size());
  for (Eigen::Index j = 0; j < b.incidence.cols(); ++j)
    for (Eigen::SparseMatrix<double>::InnerIterator it(b.incidence, j); it; ++it)
      if (it.value() != 0.0)
        at_node[static_cast<std::size_t>(it.row())].emplace_back(static_cast<std::size_t>(j),
                                                                 it.value());
  for (std::size_t i = 0; i < p.node_ids.size(); ++i) {
    for (std::size_t k = 0; k < b.components.size(); ++k) {
      NodeAccount acc{i, k, {}, {}};
      for (bool reconciled : {false, true}) {
        std::vector<Term> in, leaving, stock;
        for (const auto& [j, a] : at_node[i]) {
          Term t;
          if (reconciled) {
            t = {r.flow[j].reconciled, r.flow[j].sd, r.assay[k][j].reconciled, r.assay[k][j].sd};
          } else {
            t = {b.flow[j], b.flow[j] ? std::optional(b.flow_sd[j]) : std::nullopt, b.assay[k][j],
                 b.assay[k][j] ? std::optional(b.assay_sd[k][j]) : std::nullopt};
          }
          const bool is_stock = !b.free_sign.empty() && b.free_sign[j];
          (a > 0 ? in : is_stock ? stock : leaving).push_back(t);
        }
        MetalAccount& m = reconciled ? acc.reconciled : acc.raw;
        const auto mi = metal_of(in, p.metal_factor[k]);
        const auto mo = metal_of(leaving, p.metal_factor[k]);
        const auto ms = metal_of(stock, p.metal_factor[k]);
        if (mi) m.in = mi->first;
        if (mo) m.out = mo->first;
        if (ms) m.stock = ms->first;
        if (mi && mo && ms) {
          m.unaccounted = mi->first - mo->first - ms->first;
          m.sd = std::sqrt(mi->second + mo->second + ms->second);
        }
      }
      out.push_back(acc);
    }
  }
  return out;
}

}  // namespace orebook::balance
