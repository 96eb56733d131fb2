#include "orebook/balance/linear.h"

#include "orebook/balance/sparse.h"

#include <cmath>

#include <fmt/format.h>
#include <boost/math/distributions/chi_squared.hpp>
#include <boost/math/distributions/normal.hpp>

namespace orebook::balance {

namespace {

// Relative tolerance for ranks and zero columns: far above rounding noise of
// matrices with entries ±1 and far below any real coupling.
constexpr double kTol = 1e-9;

}  // namespace

std::string BalanceOptions::Validate() const {
  if (!(alpha > 0.0 && alpha < 1.0))
    return fmt::format("BalanceOptions::alpha = {}; must be in (0, 1)", alpha);
  return {};
}

std::string_view to_string(VariableClass c) {
  switch (c) {
    case VariableClass::redundant:
      return "redundant";
    case VariableClass::non_redundant:
      return "non-redundant";
    case VariableClass::observable:
      return "observable";
    case VariableClass::unobservable:
      return "unobservable";
  }
  return "?";
}

std::string BalanceSummary::BriefReport() const {
  return fmt::format("{} after {} solve{}", termination, iterations, iterations == 1 ? "" : "s");
}

double sidak_critical(double alpha, int n) {
  if (n <= 0) return 0.0;
  const double beta = 1.0 - std::pow(1.0 - alpha, 1.0 / n);
  return boost::math::quantile(boost::math::normal(), 1.0 - beta / 2.0);
}

double chi_square_critical(double alpha, int dof) {
  if (dof <= 0) return 0.0;
  return boost::math::quantile(boost::math::chi_squared(dof), 1.0 - alpha);
}

LinearResult solve_constrained(const LinearProblem& p, const Eigen::VectorXd& d,
                               const std::vector<bool>& unmeasured, double alpha,
                               const Eigen::VectorXd& start, bool statistics) {
  if (auto r = solve_sparse(p, d, unmeasured, start, alpha, statistics)) return std::move(*r);
  return solve_dense(p, d, unmeasured, alpha);
}

namespace {

// The state the steps of solve_dense share: A split into the columns of the
// measured and of the unmeasured variables, and the reconciliation.
struct DenseSolve {
  DenseSolve(const LinearProblem& p, const Eigen::VectorXd& d, const std::vector<bool>& unmeasured)
      : p(p),
        d(d),
        unmeasured(unmeasured),
        incidence(p.incidence),
        n_nodes(incidence.rows()),
        n(incidence.cols()) {}

  // A_x, A_u, the measurements and their variances.
  void split_columns() {
    for (Eigen::Index j = 0; j < n; ++j)
      (unmeasured[static_cast<std::size_t>(j)] ? mu : mx).push_back(j);
    m = static_cast<Eigen::Index>(mx.size()), u = static_cast<Eigen::Index>(mu.size());
    ax.resize(n_nodes, m);
    au.resize(n_nodes, u);
    y.resize(m);
    var.resize(m);
    for (Eigen::Index k = 0; k < m; ++k) {
      ax.col(k) = incidence.col(mx[static_cast<std::size_t>(k)]);
      y(k) = *p.measured[static_cast<std::size_t>(mx[static_cast<std::size_t>(k)])];
      const double sd = p.sd[static_cast<std::size_t>(mx[static_cast<std::size_t>(k)])];
      var(k) = sd * sd;
    }
    for (Eigen::Index k = 0; k < u; ++k) au.col(k) = incidence.col(mu[static_cast<std::size_t>(k)]);
  }

  // Project the unmeasured flows out: P spans the left null space of A_u, so P A_u = 0.
  void project_out_unmeasured() {
    proj = Eigen::MatrixXd::Identity(n_nodes, n_nodes);
    null_u = Eigen::MatrixXd(u, 0);
    if (u > 0) {
      Eigen::ColPivHouseholderQR<Eigen::MatrixXd> qr(au);
      qr.setThreshold(kTol);
      const Eigen::Index rank = qr.rank();
      const Eigen::MatrixXd q = qr.householderQ();
      proj = q.rightCols(n_nodes - rank).transpose();
      // Null space of A_u: the unmeasured flows it touches cannot be determined.
      Eigen::FullPivLU<Eigen::MatrixXd> lu(au);
      lu.setThreshold(kTol);
      null_u = lu.dimensionOfKernel() > 0 ? Eigen::MatrixXd(lu.kernel()) : Eigen::MatrixXd(u, 0);
    }
  }

  // x̂, W and Cov(x̂), and the global test.
  void reconcile_measured(double alpha, LinearResult& out) {
    // Entries of P A_x that are rounding noise (a balance written twice leaves
    // a row of them) are zero: a relative rank threshold on V would otherwise
    // count noise as a balance.
    const double scale = std::max(1.0, ax.size() > 0 ? ax.cwiseAbs().maxCoeff() : 1.0);
    b = (proj * ax).unaryExpr(
        [&](double v) { return std::abs(v) < kTol * 1e-3 * scale ? 0.0 : v; });
    const Eigen::VectorXd r = b * y - proj * d;
    const Eigen::MatrixXd sigma_bt = var.asDiagonal() * b.transpose();
    const Eigen::MatrixXd v = b * sigma_bt;
    // V may be singular (dependent balances): its pseudo-inverse, and its rank
    // as the degrees of freedom. No balance left after projection: nothing to test.
    Eigen::MatrixXd v_pinv(0, 0);
    int v_rank = 0;
    if (v.rows() > 0) {
      Eigen::CompleteOrthogonalDecomposition<Eigen::MatrixXd> vcod(v);
      vcod.setThreshold(kTol);
      v_pinv = vcod.pseudoInverse();
      v_rank = static_cast<int>(vcod.rank());
    }
    // x̂ = y − Σ Bᵀ V⁺ r; W = Σ Bᵀ V⁺ B Σ; Cov(x̂) = Σ − W (docs/formulas.md §5).
    x = b.rows() > 0 ? Eigen::VectorXd(y - sigma_bt * (v_pinv * r)) : y;
    w = b.rows() > 0 ? Eigen::MatrixXd(sigma_bt * v_pinv * sigma_bt.transpose())
                     : Eigen::MatrixXd::Zero(m, m);
    cov_x = Eigen::MatrixXd(var.asDiagonal()) - w;
    out.global.statistic = b.rows() > 0 ? r.dot(v_pinv * r) : 0.0;
    out.global.dof = v_rank;
    out.global.critical = chi_square_critical(alpha, out.global.dof);
    out.global.passed = out.global.statistic <= out.global.critical;
  }

  // Classes, σ after, measurement tests and gross errors of the measured
  // variables.
  void measured_results(double alpha, LinearResult& out) const {
    int tests = 0;
    for (Eigen::Index k = 0; k < m; ++k) {
      StreamResult& s = out.streams[static_cast<std::size_t>(mx[static_cast<std::size_t>(k)])];
      s.measured = y(k);
      s.reconciled = x(k);
      s.sd = std::sqrt(std::max(0.0, cov_x(k, k)));
      // A measurement no balance reaches is non-redundant: it cannot be checked.
      const bool redundant = b.rows() > 0 && b.col(k).norm() > kTol && w(k, k) > kTol * var(k);
      s.cls = redundant ? VariableClass::redundant : VariableClass::non_redundant;
      if (redundant) {
        s.z = (y(k) - x(k)) / std::sqrt(w(k, k));
        ++tests;
      }
    }
    out.measurement_critical = sidak_critical(alpha, tests);
    for (Eigen::Index k = 0; k < m; ++k) {
      StreamResult& s = out.streams[static_cast<std::size_t>(mx[static_cast<std::size_t>(k)])];
      if (s.z && std::abs(*s.z) > out.measurement_critical)
        s.gross_error = (y(k) - x(k)) * var(k) / w(k, k);
    }
  }

  // Unmeasured flows: A_u û = −A_x x̂, by least squares; unobservable where
  // the null space of A_u touches them.
  void unmeasured_results(LinearResult& out) const {
    out.solution = Eigen::VectorXd::Zero(n);
    for (Eigen::Index k = 0; k < m; ++k) out.solution(mx[static_cast<std::size_t>(k)]) = x(k);
    if (u > 0) {
      Eigen::CompleteOrthogonalDecomposition<Eigen::MatrixXd> cod(au);
      cod.setThreshold(kTol);
      const Eigen::MatrixXd au_pinv = cod.pseudoInverse();
      const Eigen::VectorXd uhat = au_pinv * (d - ax * x);
      const Eigen::MatrixXd g = -au_pinv * ax;
      const Eigen::MatrixXd cov_u = g * cov_x * g.transpose();
      for (Eigen::Index k = 0; k < u; ++k) {
        out.solution(mu[static_cast<std::size_t>(k)]) = uhat(k);
        StreamResult& s = out.streams[static_cast<std::size_t>(mu[static_cast<std::size_t>(k)])];
        const auto j = static_cast<std::size_t>(mu[static_cast<std::size_t>(k)]);
        if (p.measured[j]) s.measured = p.measured[j];  // a measurement set aside by elimination
        const bool unobservable = null_u.cols() > 0 && null_u.row(k).cwiseAbs().maxCoeff() > kTol;
        s.cls = unobservable ? VariableClass::unobservable : VariableClass::observable;
        if (!unobservable) {
          s.reconciled = uhat(k);
          s.sd = std::sqrt(std::max(0.0, cov_u(k, k)));
        }
      }
    }
  }

  // Nodal residuals before (measured values, unmeasured at their estimates)
  // and after; the nodal test where every stream of the node is measured.
  void node_results(LinearResult& out) const {
    out.nodes.resize(static_cast<std::size_t>(n_nodes));
    const Eigen::VectorXd var_all = [&] {
      Eigen::VectorXd v_all = Eigen::VectorXd::Zero(n);
      for (Eigen::Index k = 0; k < m; ++k) v_all(mx[static_cast<std::size_t>(k)]) = var(k);
      return v_all;
    }();
    for (Eigen::Index i = 0; i < n_nodes; ++i) {
      NodeResult& nr = out.nodes[static_cast<std::size_t>(i)];
      bool all_measured = true, determined = true;
      double vii = 0.0, before_sum = -d(i), after_sum = -d(i);
      for (Eigen::Index j = 0; j < n; ++j) {
        const double a = incidence(i, j);
        if (a == 0.0) continue;
        const StreamResult& s = out.streams[static_cast<std::size_t>(j)];
        if (unmeasured[static_cast<std::size_t>(j)]) all_measured = false;
        if (!s.reconciled) determined = false;
        const double before =
            unmeasured[static_cast<std::size_t>(j)] ? s.reconciled.value_or(0.0) : *s.measured;
        before_sum += a * before;
        after_sum += a * s.reconciled.value_or(0.0);
        vii += a * a * var_all(j);
      }
      if (determined) nr.residual_before = before_sum, nr.residual_after = after_sum;
      if (all_measured && vii > 0) nr.z = before_sum / std::sqrt(vii);
    }
  }

  const LinearProblem& p;
  const Eigen::VectorXd& d;
  const std::vector<bool>& unmeasured;
  const Eigen::MatrixXd incidence;
  const Eigen::Index n_nodes, n;
  // The columns of the measured and of the unmeasured variables.
  std::vector<Eigen::Index> mx, mu;
  Eigen::Index m = 0, u = 0;
  Eigen::MatrixXd ax, au;
  Eigen::VectorXd y, var;
  Eigen::MatrixXd proj, null_u;
  Eigen::MatrixXd b;  // P A_x
  Eigen::VectorXd x;  // reconciled measurements
  Eigen::MatrixXd w, cov_x;
};

}  // namespace

// One weighted least squares solve of A x = d with the variables in
// `unmeasured` treated as unknowns, on dense matrices: the projection of
// docs/formulas.md §5 as written, by QR, LU and complete orthogonal decompositions.
LinearResult solve_dense(const LinearProblem& p, const Eigen::VectorXd& d,
                         const std::vector<bool>& unmeasured, double alpha) {
  DenseSolve solve(p, d, unmeasured);
  solve.split_columns();
  solve.project_out_unmeasured();
  LinearResult out;
  out.streams.resize(static_cast<std::size_t>(solve.n));
  solve.reconcile_measured(alpha, out);
  solve.measured_results(alpha, out);
  solve.unmeasured_results(out);
  solve.node_results(out);
  return out;
}

LinearResult reconcile_linear(const LinearProblem& problem, const BalanceOptions& options) {
  if (const std::string why = options.Validate(); !why.empty()) {
    LinearResult r;
    r.summary.termination = "invalid options: " + why;
    return r;
  }
  const std::size_t n = problem.measured.size();
  std::vector<bool> unmeasured(n);
  for (std::size_t j = 0; j < n; ++j) unmeasured[j] = !problem.measured[j];
  std::vector<std::size_t> eliminated;
  const Eigen::VectorXd zero = Eigen::VectorXd::Zero(problem.incidence.rows());
  LinearResult result = solve_constrained(problem, zero, unmeasured, options.alpha);
  int iterations = 1;
  // Serial elimination: while the global test fails, treat the measurement
  // with the largest |z| as unmeasured and solve again.
  while (options.eliminate && !result.global.passed) {
    std::optional<std::size_t> worst;
    for (std::size_t j = 0; j < n; ++j) {
      const auto& z = result.streams[j].z;
      if (z && (!worst || std::abs(*z) > std::abs(*result.streams[*worst].z))) worst = j;
    }
    if (!worst) break;
    unmeasured[*worst] = true;
    eliminated.push_back(*worst);
    result = solve_constrained(problem, zero, unmeasured, options.alpha);
    ++iterations;
  }
  for (std::size_t j : eliminated) {
    StreamResult& s = result.streams[j];
    s.eliminated = true;
    if (s.measured && s.reconciled) s.gross_error = *s.measured - *s.reconciled;
  }
  result.eliminated = eliminated;
  result.summary.iterations = iterations;
  result.summary.termination = result.global.passed ? "converged" : "gross errors remain";
  return result;
}

}  // namespace orebook::balance
