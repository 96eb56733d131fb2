#include "orebook/balance/bilinear.h"

#include <cmath>

#include <fmt/format.h>

namespace orebook::balance {

BilinearResult reconcile_bilinear(const BilinearProblem& p, const BalanceOptions& options,
                                  const std::vector<std::string>& stream_ids, int max_iterations) {
  BilinearResult out;
  if (const std::string why = options.Validate(); !why.empty()) {
    out.summary.termination = "invalid options: " + why;
    return out;
  }
  const Eigen::Index nodes = p.incidence.rows(), n = p.incidence.cols();
  const auto k_count = static_cast<Eigen::Index>(p.components.size());
  const Eigen::Index nv = n * (1 + k_count);
  const Eigen::Index rows = nodes * (1 + k_count);
  auto flow_at = [](Eigen::Index j) { return j; };
  auto assay_at = [n](Eigen::Index k, Eigen::Index j) { return n + k * n + j; };

  // Measurements of every variable, flows first, then each component's assays.
  LinearProblem lp;
  lp.measured.resize(static_cast<std::size_t>(nv));
  lp.sd.resize(static_cast<std::size_t>(nv));
  std::vector<bool> unmeasured(static_cast<std::size_t>(nv));
  for (Eigen::Index j = 0; j < n; ++j) {
    const auto v = static_cast<std::size_t>(flow_at(j));
    lp.measured[v] = p.flow[static_cast<std::size_t>(j)];
    lp.sd[v] = p.flow_sd[static_cast<std::size_t>(j)];
    for (Eigen::Index k = 0; k < k_count; ++k) {
      const auto a = static_cast<std::size_t>(assay_at(k, j));
      lp.measured[a] = p.assay[static_cast<std::size_t>(k)][static_cast<std::size_t>(j)];
      lp.sd[a] = p.assay_sd[static_cast<std::size_t>(k)][static_cast<std::size_t>(j)];
    }
  }
  for (std::size_t v = 0; v < unmeasured.size(); ++v) unmeasured[v] = !lp.measured[v];

  // Start: measured values; unmeasured flows from the flows-only balance;
  // unmeasured assays at the mean of the component's measured assays.
  Eigen::VectorXd x(nv);
  {
    LinearProblem flows{p.incidence, p.flow, p.flow_sd};
    const LinearResult lin = reconcile_linear(flows, {});
    double mean_flow = 0.0;
    int count = 0;
    for (const auto& f : p.flow)
      if (f) mean_flow += *f, ++count;
    mean_flow = count > 0 ? mean_flow / count : 1.0;
    for (Eigen::Index j = 0; j < n; ++j) {
      const auto& f = p.flow[static_cast<std::size_t>(j)];
      x(flow_at(j)) =
          f ? *f : lin.streams[static_cast<std::size_t>(j)].reconciled.value_or(mean_flow);
    }
    for (Eigen::Index k = 0; k < k_count; ++k) {
      double mean = 0.0;
      int c = 0;
      for (const auto& a : p.assay[static_cast<std::size_t>(k)])
        if (a) mean += *a, ++c;
      mean = c > 0 ? mean / c : 0.0;
      for (Eigen::Index j = 0; j < n; ++j) {
        const auto& a = p.assay[static_cast<std::size_t>(k)][static_cast<std::size_t>(j)];
        x(assay_at(k, j)) = a ? *a : mean;
      }
    }
  }

  // Balances c(x) and their Jacobian J.
  auto balances = [&](const Eigen::VectorXd& v, Eigen::VectorXd& c, Eigen::MatrixXd& jac,
                      double& scale) {
    c = Eigen::VectorXd::Zero(rows);
    jac = Eigen::MatrixXd::Zero(rows, nv);
    scale = 0.0;
    for (Eigen::Index i = 0; i < nodes; ++i) {
      for (Eigen::Index j = 0; j < n; ++j) {
        const double a = p.incidence(i, j);
        if (a == 0.0) continue;
        const double f = v(flow_at(j));
        c(i) += a * f;
        jac(i, flow_at(j)) = a;
        scale = std::max(scale, std::abs(f));
        for (Eigen::Index k = 0; k < k_count; ++k) {
          const Eigen::Index row = nodes + k * nodes + i;
          const double g = v(assay_at(k, j));
          c(row) += a * f * g;
          jac(row, flow_at(j)) = a * g;
          jac(row, assay_at(k, j)) = a * f;
          scale = std::max(scale, std::abs(f * g));
        }
      }
    }
  };

  Eigen::VectorXd c;
  Eigen::MatrixXd jac;
  double scale = 1.0;
  LinearResult step;
  int iterations = 0;
  bool converged = false;
  // Active set of the non-negativity bounds: a variable that would come out
  // negative is held at zero from then on (its column leaves the balances).
  std::vector<bool> at_bound(static_cast<std::size_t>(nv), false);
  for (; iterations < max_iterations && !converged;) {
    ++iterations;
    balances(x, c, jac, scale);
    // Linearised: J x_new = J x − c(x); a variable held at zero adds nothing.
    const Eigen::VectorXd d = jac * x - c;
    lp.incidence = jac;
    for (Eigen::Index v = 0; v < nv; ++v)
      if (at_bound[static_cast<std::size_t>(v)]) lp.incidence.col(v).setZero();
    step = solve_constrained(lp, d, unmeasured, options.alpha);
    Eigen::VectorXd next = x;
    for (Eigen::Index v = 0; v < nv; ++v) {
      const auto sv = static_cast<std::size_t>(v);
      next(v) = at_bound[sv] ? 0.0 : step.solution(v);
      // Non-negativity: a flow or an assay never comes out negative (a stock change may).
      // An unobservable variable is not bounded: its value is arbitrary and never reported.
      const bool bounded = step.streams[sv].reconciled.has_value() &&
                           (v >= n || p.free_sign.empty() || !p.free_sign[sv]);
      if (bounded && next(v) < 0.0) {
        at_bound[sv] = true;
        next(v) = 0.0;
      }
    }
    const double moved = (next - x).cwiseAbs().maxCoeff();
    x = next;
    balances(x, c, jac, scale);
    out.max_relative_residual = scale > 0 ? c.cwiseAbs().maxCoeff() / scale : 0.0;
    converged =
        out.max_relative_residual <= 1e-9 && moved <= 1e-9 * std::max(1.0, x.cwiseAbs().maxCoeff());
  }

  // Results at the solution: values from x, statistics from the last linearisation.
  auto result_of = [&](Eigen::Index v) {
    StreamResult s = step.streams[static_cast<std::size_t>(v)];
    if (s.reconciled) s.reconciled = x(v);
    return s;
  };
  out.flow.resize(static_cast<std::size_t>(n));
  out.assay.assign(static_cast<std::size_t>(k_count),
                   std::vector<StreamResult>(static_cast<std::size_t>(n)));
  double objective = 0.0;
  for (Eigen::Index j = 0; j < n; ++j) {
    out.flow[static_cast<std::size_t>(j)] = result_of(flow_at(j));
    for (Eigen::Index k = 0; k < k_count; ++k) {
      out.assay[static_cast<std::size_t>(k)][static_cast<std::size_t>(j)] =
          result_of(assay_at(k, j));
    }
  }
  for (Eigen::Index v = 0; v < nv; ++v) {
    const auto& m = lp.measured[static_cast<std::size_t>(v)];
    if (m) objective += std::pow((*m - x(v)) / lp.sd[static_cast<std::size_t>(v)], 2);
    if (at_bound[static_cast<std::size_t>(v)]) {
      const Eigen::Index j = v < n ? v : (v - n) % n;
      const std::string what = v < n ? "flow" : p.components[static_cast<std::size_t>((v - n) / n)];
      out.active_bounds.push_back(
          fmt::format("{} {}", what, stream_ids[static_cast<std::size_t>(j)]));
    }
  }
  // Residuals per balance: of the measurements (unmeasured at their
  // estimates) and of the solution.
  {
    Eigen::VectorXd before = x;
    for (Eigen::Index v = 0; v < nv; ++v)
      if (const auto& m = lp.measured[static_cast<std::size_t>(v)]) before(v) = *m;
    Eigen::VectorXd c_before, c_after;
    double s = 0.0;
    balances(before, c_before, jac, s);
    balances(x, c_after, jac, s);
    out.nodes.resize(static_cast<std::size_t>(rows));
    for (Eigen::Index i = 0; i < rows; ++i) {
      bool determined = true;
      for (Eigen::Index v = 0; v < nv; ++v) {
        if (jac(i, v) != 0.0 && !step.streams[static_cast<std::size_t>(v)].reconciled)
          determined = false;
      }
      if (determined)
        out.nodes[static_cast<std::size_t>(i)] = {c_before(i), c_after(i), std::nullopt};
    }
  }
  out.global = step.global;
  out.global.statistic = objective;
  out.global.passed = objective <= out.global.critical;
  out.measurement_critical = step.measurement_critical;
  out.summary.iterations = iterations;
  out.summary.termination = converged ? "converged" : "not converged";
  return out;
}

}  // namespace orebook::balance
