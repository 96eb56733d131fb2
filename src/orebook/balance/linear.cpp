#include "orebook/balance/linear.h"

#include "orebook/balance/sparse.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

#include "orebook/balance/flowsheet.h"

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

namespace {

// The power of two at or above the largest σ of a measured variable, when
// that σ is beyond 2^±100 (else 1): dividing by it is exact, and brings the
// variances the solvers form near one however large or small the σ are. The multipliers V⁻¹ r then
// grow as values over σ, so values beyond about 1e308 σ cannot be solved whatever the scale: the
// closure check refuses what they give.
double sd_scale(const LinearProblem& p, const std::vector<bool>& unmeasured) {
  double largest = 0.0;
  for (std::size_t j = 0; j < p.sd.size(); ++j)
    if (!unmeasured[j] && std::isfinite(p.sd[j])) largest = std::max(largest, p.sd[j]);
  if (!(largest > 0.0)) return 1.0;
  int exponent = 0;
  std::frexp(largest, &exponent);
  // Within 2^±100 the variances are far from under- and overflow: no copy
  // of the problem to scale (a batch of small balances pays for every copy).
  if (exponent > -100 && exponent < 100) return 1.0;
  return std::ldexp(1.0, exponent);
}

}  // namespace

LinearResult solve_constrained(const LinearProblem& p, const Eigen::VectorXd& d,
                               const std::vector<bool>& unmeasured, double alpha,
                               const Eigen::VectorXd& start, bool statistics,
                               const std::vector<bool>* nonnegative) {
  // One scale f for values and σ alike: x̂ = y − Σ Bᵀ V⁻¹ (B y − d) is
  // homogeneous in (y, d, σ), so values, σ and residuals scale by f while z,
  // the global statistic and the gross-error flags do not change.
  // The sparse solver, or the dense one when it gives up (counted).
  const auto solve = [&](const LinearProblem& q, const Eigen::VectorXd& dq,
                         const Eigen::VectorXd& sq) {
    if (auto r = solve_sparse(q, dq, unmeasured, sq, alpha, statistics, nonnegative))
      return std::move(*r);
    LinearResult dense = solve_dense(q, dq, unmeasured, alpha);
    dense.summary.dense_solves = 1;
    return dense;
  };
  const double f = sd_scale(p, unmeasured);
  if (f == 1.0) return solve(p, d, start);
  LinearProblem scaled{p.incidence, p.measured, p.sd, p.free_sign};
  for (auto& m : scaled.measured)
    if (m) *m /= f;
  for (double& sd : scaled.sd) sd /= f;
  const Eigen::VectorXd starts = start.size() > 0 ? Eigen::VectorXd(start / f) : start;
  LinearResult out = solve(scaled, d / f, starts);
  out.solution *= f;
  for (StreamResult& s : out.streams) {
    for (std::optional<double>* v : {&s.measured, &s.reconciled, &s.sd, &s.gross_error})
      if (*v) **v *= f;
  }
  for (NodeResult& n : out.nodes) {
    for (std::optional<double>* v : {&n.residual_before, &n.residual_after})
      if (*v) **v *= f;
  }
  return out;
}

std::vector<NodeResult> node_results(const Eigen::SparseMatrix<double>& a, const Eigen::VectorXd& d,
                                     const std::vector<StreamResult>& streams,
                                     const std::vector<bool>& unmeasured,
                                     const std::vector<double>& sd) {
  const auto rows = static_cast<std::size_t>(a.rows());
  std::vector<NodeResult> out(rows);
  std::vector<double> before(rows), after(rows), vii(rows, 0.0);
  std::vector<bool> all_measured(rows, true), determined(rows, true);
  for (std::size_t i = 0; i < rows; ++i)
    before[i] = after[i] = d.size() > 0 ? -d(static_cast<Eigen::Index>(i)) : 0.0;
  for (Eigen::Index j = 0; j < a.outerSize(); ++j) {
    const auto sj = static_cast<std::size_t>(j);
    const StreamResult& s = streams[sj];
    for (Eigen::SparseMatrix<double>::InnerIterator it(a, j); it; ++it) {
      const auto i = static_cast<std::size_t>(it.row());
      if (it.value() == 0.0) continue;
      if (unmeasured[sj]) all_measured[i] = false;
      if (!s.reconciled) determined[i] = false;
      const double v = unmeasured[sj] ? s.reconciled.value_or(0.0) : *s.measured;
      before[i] += it.value() * v;
      after[i] += it.value() * s.reconciled.value_or(0.0);
      if (!unmeasured[sj]) vii[i] += it.value() * it.value() * sd[sj] * sd[sj];
    }
  }
  for (std::size_t i = 0; i < rows; ++i) {
    NodeResult& nr = out[i];
    if (determined[i]) nr.residual_before = before[i], nr.residual_after = after[i];
    if (all_measured[i] && vii[i] > 0) nr.z = before[i] / std::sqrt(vii[i]);
  }
  return out;
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
  out.nodes = node_results(p.incidence, d, out.streams, unmeasured, p.sd);
  return out;
}

std::vector<Unclosed> ClosureCheck::unclosed() const {
  const double problem_largest =
      largest_.empty() ? 0.0 : *std::max_element(largest_.begin(), largest_.end());
  std::vector<Unclosed> out;
  for (std::size_t i = 0; i < sum_.size(); ++i) {
    if (determined_[i] && !closes(sum_[i], largest_[i], problem_largest))
      out.push_back({i, sum_[i], largest_[i]});
  }
  return out;
}

PartResult whole_part(const Eigen::SparseMatrix<double>& incidence,
                      const std::vector<bool>& unmeasured, const GlobalTest& global,
                      double measurement_critical, const BalanceSummary& summary) {
  PartResult part{std::vector<std::size_t>(static_cast<std::size_t>(incidence.rows())),
                  std::vector<std::size_t>(static_cast<std::size_t>(incidence.cols())),
                  global,
                  measurement_critical,
                  static_cast<int>(std::count(unmeasured.begin(), unmeasured.end(), false)),
                  summary};
  std::iota(part.nodes.begin(), part.nodes.end(), std::size_t{0});
  std::iota(part.streams.begin(), part.streams.end(), std::size_t{0});
  return part;
}

void add_part(const Part& part, PartResult result, std::vector<PartResult>& parts,
              BalanceSummary& summary) {
  result.nodes = part.nodes;
  result.streams = part.streams;
  summary.iterations += result.summary.iterations;
  summary.dense_solves += result.summary.dense_solves;
  parts.push_back(std::move(result));
}

GlobalTest combined_test(const std::vector<PartResult>& parts, double alpha) {
  GlobalTest g;
  for (const PartResult& part : parts) {
    g.statistic += part.global.statistic;
    g.dof += part.global.dof;
    g.passed = g.passed && part.global.passed;
  }
  g.critical = chi_square_critical(alpha, g.dof);
  return g;
}

std::string combined_termination(const std::vector<PartResult>& parts) {
  if (parts.size() == 1) return parts.front().summary.termination;
  // Each termination other than "converged", with the parts that ended so.
  std::vector<std::pair<std::string, std::vector<std::size_t>>> ends;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    const std::string& t = parts[i].summary.termination;
    if (t == "converged") continue;
    auto it = std::find_if(ends.begin(), ends.end(), [&](const auto& e) { return e.first == t; });
    if (it == ends.end()) it = ends.insert(ends.end(), {t, {}});
    it->second.push_back(i + 1);
  }
  if (ends.empty()) return "converged";
  std::string text;
  for (const auto& [t, which] : ends)
    text += fmt::format("{}{} in {}", text.empty() ? "" : "; ", t, name_parts(which));
  return text;
}

std::optional<std::pair<std::size_t, std::size_t>> sd_beyond_precision(
    const std::vector<std::optional<double>>& measured, const std::vector<double>& sd) {
  std::optional<std::size_t> low, high;
  for (std::size_t j = 0; j < measured.size(); ++j) {
    if (!measured[j]) continue;
    if (!low || sd[j] < sd[*low]) low = j;
    if (!high || sd[j] > sd[*high]) high = j;
  }
  // The smaller variance, scaled by the larger (solve_constrained), must be
  // a normal double: (σ_low / σ_high)² ≥ DBL_MIN.
  if (low && sd[*low] / sd[*high] < std::sqrt(std::numeric_limits<double>::min()))
    return std::pair(*low, *high);
  return std::nullopt;
}

namespace {

// One solve with flows held non-negative: negative flows (not free_sign) are
// held at zero — their columns taken out of the balances — the most negative
// first and one per node a round, and all solved again, until none is
// negative (an active set that only grows, as in the bilinear solver). Held streams report zero; a
// held measurement adds ((y − 0)/σ)² to the statistic, which is then that of the bounded solution.
// `held` grows.
LinearResult solve_bounded(const LinearProblem& p, const std::vector<bool>& unmeasured,
                           std::vector<bool>& held, double alpha, int& solves, int& dense) {
  const Eigen::VectorXd zero = Eigen::VectorXd::Zero(p.incidence.rows());
  const auto n = static_cast<std::size_t>(p.incidence.cols());
  // A first solve with statistics usually finds no negative flow and is the
  // answer; once one is held, values alone until the set settles.
  bool settled = true;
  std::vector<bool> node_taken(static_cast<std::size_t>(p.incidence.rows()), false);
  std::vector<bool> bound(n);
  for (;;) {
    const bool any_held = std::find(held.begin(), held.end(), true) != held.end();
    // The flows still bounded: a solve with one of them negative skips its statistics.
    for (std::size_t j = 0; j < n; ++j)
      bound[j] = !held[j] && (p.free_sign.empty() || !p.free_sign[j]);
    LinearProblem bounded;
    if (any_held) {
      bounded = {p.incidence, p.measured, p.sd, p.free_sign};
      for (std::size_t j = 0; j < n; ++j)
        if (held[j]) bounded.incidence.col(static_cast<Eigen::Index>(j)) *= 0.0;
      bounded.incidence.prune(0.0);
    }
    // Values alone until no flow is negative; then once with statistics.
    LinearResult r =
        solve_constrained(any_held ? bounded : p, zero, unmeasured, alpha, {}, settled, &bound);
    ++solves;
    dense += r.summary.dense_solves;
    // Negative flows are held most negative first, but not two at one node
    // in one round: a flow may be negative only because its neighbour is,
    // and holding both would hold one that need not be. Flows at nodes apart
    // are held together, so a million streams with negative flows scattered
    // over them need a few rounds, not one solve per flow.
    std::vector<std::size_t> negative;
    for (std::size_t j = 0; j < n; ++j) {
      const auto& x = r.streams[j].reconciled;
      if (bound[j] && x && *x < 0.0) negative.push_back(j);
    }
    std::stable_sort(negative.begin(), negative.end(), [&](std::size_t a, std::size_t b) {
      return *r.streams[a].reconciled < *r.streams[b].reconciled;
    });
    // The nodes of stream j, each given to `visit`.
    const auto nodes_of = [&](std::size_t j, const auto& visit) {
      for (Eigen::SparseMatrix<double>::InnerIterator it(p.incidence, static_cast<Eigen::Index>(j));
           it; ++it)
        visit(static_cast<std::size_t>(it.row()));
    };
    bool more = false;
    for (std::size_t j : negative) {
      bool apart = true;
      nodes_of(j, [&](std::size_t i) { apart = apart && !node_taken[i]; });
      if (!apart) continue;
      nodes_of(j, [&](std::size_t i) { node_taken[i] = true; });
      held[j] = more = true;
    }
    for (std::size_t j : negative) nodes_of(j, [&](std::size_t i) { node_taken[i] = false; });
    if (more) {
      settled = false;
      continue;
    }
    if (!settled) {
      settled = true;
      continue;
    }
    if (!any_held) return r;
    for (std::size_t j = 0; j < n; ++j) {
      if (!held[j]) continue;
      StreamResult& s = r.streams[j];
      s.reconciled = 0.0;
      r.solution(static_cast<Eigen::Index>(j)) = 0.0;
      s.z.reset();
      s.gross_error.reset();
      if (!unmeasured[j]) {
        s.cls = VariableClass::non_redundant;
        r.global.statistic += std::pow(*p.measured[j] / p.sd[j], 2);
      } else {
        s.cls = VariableClass::observable;
        s.sd.reset();
      }
    }
    r.global.passed = r.global.statistic <= r.global.critical;
    r.nodes = node_results(p.incidence, zero, r.streams, unmeasured, p.sd);
    return r;
  }
}

// A connected flowsheet reconciled: bounded solves, with serial elimination
// while the global test fails when asked.
LinearResult reconcile_connected(const LinearProblem& problem, const BalanceOptions& options) {
  const std::size_t n = problem.measured.size();
  std::vector<bool> unmeasured(n), held(n, false);
  for (std::size_t j = 0; j < n; ++j) unmeasured[j] = !problem.measured[j];
  std::vector<std::size_t> eliminated;
  int solves = 0, dense = 0;
  LinearResult result = solve_bounded(problem, unmeasured, held, options.alpha, solves, dense);
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
    result = solve_bounded(problem, unmeasured, held, options.alpha, solves, dense);
  }
  for (std::size_t j : eliminated) {
    StreamResult& s = result.streams[j];
    s.eliminated = true;
    if (s.measured && s.reconciled) s.gross_error = *s.measured - *s.reconciled;
  }
  for (std::size_t j = 0; j < n; ++j)
    if (held[j]) result.held.push_back(j);
  result.eliminated = eliminated;
  result.summary.iterations = solves;
  result.summary.dense_solves = dense;
  result.summary.termination = result.global.passed ? "converged" : "gross errors remain";
  result.parts = {whole_part(problem.incidence, unmeasured, result.global,
                             result.measurement_critical, result.summary)};
  return result;
}

// Nodes whose balance Σ a x̂ = 0 does not close (ClosureCheck); nodes
// holding an undetermined value are skipped.
std::vector<Unclosed> unclosed_nodes(const Eigen::SparseMatrix<double>& a,
                                     const std::vector<StreamResult>& streams) {
  ClosureCheck check(static_cast<std::size_t>(a.rows()));
  for (Eigen::Index j = 0; j < a.outerSize(); ++j) {
    const auto& x = streams[static_cast<std::size_t>(j)].reconciled;
    for (Eigen::SparseMatrix<double>::InnerIterator it(a, j); it; ++it) {
      if (x) {
        check.add(static_cast<std::size_t>(it.row()), it.value() * *x);
      } else {
        check.undetermined(static_cast<std::size_t>(it.row()));
      }
    }
  }
  return check.unclosed();
}

}  // namespace

LinearResult reconcile_linear(const LinearProblem& problem, const BalanceOptions& options) {
  if (const std::string why = options.Validate(); !why.empty()) {
    LinearResult r;
    r.summary.termination = "invalid options: " + why;
    return r;
  }
  const std::vector<Part> parts = connected_parts(problem.incidence);
  if (parts.size() <= 1) {
    LinearResult r = reconcile_connected(problem, options);
    r.unclosed = unclosed_nodes(problem.incidence, r.streams);
    return r;
  }
  // Each part on its own (issue 14), its results put back in the whole's order.
  const auto n = static_cast<std::size_t>(problem.incidence.cols());
  LinearResult whole;
  whole.streams.resize(n);
  whole.nodes.resize(static_cast<std::size_t>(problem.incidence.rows()));
  whole.solution = Eigen::VectorXd::Zero(static_cast<Eigen::Index>(n));
  const std::vector<std::size_t> local = local_nodes(parts, whole.nodes.size());
  for (const Part& part : parts) {
    LinearProblem sub;
    sub.incidence = part_of(problem.incidence, part, local);
    for (std::size_t j : part.streams) {
      sub.measured.push_back(problem.measured[j]);
      sub.sd.push_back(problem.sd[j]);
      if (!problem.free_sign.empty()) sub.free_sign.push_back(problem.free_sign[j]);
    }
    LinearResult r = reconcile_connected(sub, options);
    for (std::size_t c = 0; c < part.streams.size(); ++c) {
      whole.streams[part.streams[c]] = r.streams[c];
      whole.solution(static_cast<Eigen::Index>(part.streams[c])) =
          r.solution(static_cast<Eigen::Index>(c));
    }
    for (std::size_t i = 0; i < part.nodes.size(); ++i) whole.nodes[part.nodes[i]] = r.nodes[i];
    for (std::size_t c : r.eliminated) whole.eliminated.push_back(part.streams[c]);
    for (std::size_t c : r.held) whole.held.push_back(part.streams[c]);
    add_part(part, r.parts.front(), whole.parts, whole.summary);
  }
  std::sort(whole.held.begin(), whole.held.end());
  whole.global = combined_test(whole.parts, options.alpha);
  whole.summary.termination = combined_termination(whole.parts);
  whole.unclosed = unclosed_nodes(problem.incidence, whole.streams);
  return whole;
}

}  // namespace orebook::balance
