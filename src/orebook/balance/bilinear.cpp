#include "orebook/balance/bilinear.h"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "orebook/balance/flowsheet.h"

namespace orebook::balance {

namespace {

// The variables of a bilinear problem: flows first, then each component's
// assays; the balances: mass at every node, then each component at every node.
class Layout {
 public:
  explicit Layout(const BilinearProblem& p)
      : p_(p),
        nodes_(p.incidence.rows()),
        n_(p.incidence.cols()),
        k_(static_cast<Eigen::Index>(p.components.size())) {}
  Eigen::Index variables() const { return n_ * (1 + k_); }
  Eigen::Index balances() const { return nodes_ * (1 + k_); }
  Eigen::Index flow(Eigen::Index j) const { return j; }
  Eigen::Index assay(Eigen::Index k, Eigen::Index j) const { return n_ + k * n_ + j; }
  Eigen::Index row(Eigen::Index k, Eigen::Index i) const { return nodes_ + k * nodes_ + i; }

  // c(x), its Jacobian J (zero in the columns of variables held at zero),
  // and the largest |term| of any balance, the scale of "closes to 1e-9".
  // J keeps one pattern: built once, then only its values change.
  void evaluate(const Eigen::VectorXd& x, const std::vector<bool>& held, Eigen::VectorXd& c,
                Eigen::SparseMatrix<double>* jac, double& scale,
                std::vector<double>* row_scale = nullptr) const {
    c = Eigen::VectorXd::Zero(balances());
    scale = 0.0;
    if (row_scale != nullptr) row_scale->assign(static_cast<std::size_t>(balances()), 0.0);
    auto largest = [&](Eigen::Index r, double term) {
      if (row_scale != nullptr)
        (*row_scale)[static_cast<std::size_t>(r)] =
            std::max((*row_scale)[static_cast<std::size_t>(r)], std::abs(term));
    };
    const bool build =
        jac != nullptr && (jac->rows() != balances() || jac->nonZeros() == 0 || slots_.empty());
    triplets_.clear();
    // Entries come in the same order at every call: once built, the k-th
    // lands in the place the k-th had (slots_), without a search.
    std::size_t next = 0;
    auto add = [&](Eigen::Index r, Eigen::Index v, double value) {
      if (jac == nullptr) return;
      if (held[static_cast<std::size_t>(v)]) value = 0.0;
      if (build) {
        triplets_.emplace_back(static_cast<int>(r), static_cast<int>(v), value);
      } else {
        jac->valuePtr()[slots_[next++]] = value;
      }
    };
    for (Eigen::Index j = 0; j < n_; ++j) {
      const double f = x(flow(j));
      for (Eigen::SparseMatrix<double>::InnerIterator it(p_.incidence, j); it; ++it) {
        const double a = it.value();
        const Eigen::Index i = it.row();
        c(i) += a * f;
        add(i, flow(j), a);
        scale = std::max(scale, std::abs(f));
        largest(i, a * f);
        for (Eigen::Index k = 0; k < k_; ++k) {
          const double g = x(assay(k, j));
          c(row(k, i)) += a * f * g;
          add(row(k, i), flow(j), a * g);
          add(row(k, i), assay(k, j), a * f);
          scale = std::max(scale, std::abs(f * g));
          largest(row(k, i), a * f * g);
        }
      }
    }
    if (build) {
      jac->resize(balances(), variables());
      jac->setFromTriplets(triplets_.begin(), triplets_.end());
      slots_.clear();
      for (const auto& t : triplets_) {
        const int* first = jac->innerIndexPtr() + jac->outerIndexPtr()[t.col()];
        const int* last = jac->innerIndexPtr() + jac->outerIndexPtr()[t.col() + 1];
        slots_.push_back(
            static_cast<int>(std::lower_bound(first, last, t.row()) - jac->innerIndexPtr()));
      }
    }
  }

 private:
  const BilinearProblem& p_;
  Eigen::Index nodes_, n_, k_;
  mutable std::vector<Eigen::Triplet<double>> triplets_;
  mutable std::vector<int> slots_;  // where each entry of J lies in its values
};

struct Solution {
  Eigen::VectorXd x;
  LinearResult at_solution;  // the linearisation at x, with statistics
  std::vector<bool> held;    // variables held at zero
  double max_relative_residual = 0.0;
  int iterations = 0;
  int dense_solves = 0;
  bool converged = false;
};

// Successive linearisation with the measurements `lp` and `unmeasured`.
Solution solve(const BilinearProblem& p, const Layout& layout, LinearProblem& lp,
               const std::vector<bool>& unmeasured, const Eigen::VectorXd& x0, double alpha,
               int max_iterations) {
  const Eigen::Index nv = layout.variables(), n = p.incidence.cols();
  Solution s;
  s.x = x0;
  s.held.assign(static_cast<std::size_t>(nv), false);
  Eigen::VectorXd c;
  double scale = 0.0;
  std::vector<double> row_scale;
  while (s.iterations < max_iterations && !s.converged) {
    ++s.iterations;
    // Linearised: J x_new = J x − c(x); a variable held at zero adds nothing.
    layout.evaluate(s.x, s.held, c, &lp.incidence, scale);
    const Eigen::VectorXd d = lp.incidence * s.x - c;
    const LinearResult step = solve_constrained(lp, d, unmeasured, alpha, s.x, false);
    s.dense_solves += step.summary.dense_solves;
    Eigen::VectorXd next(nv);
    for (Eigen::Index v = 0; v < nv; ++v) {
      const auto sv = static_cast<std::size_t>(v);
      next(v) = s.held[sv] ? 0.0 : step.solution(v);
      // Non-negativity: a flow or an assay never comes out negative (a stock
      // change may); once below zero it is held there for the iterations left
      // (an active set). An unobservable variable is not bounded: its value
      // is arbitrary and never reported.
      const bool bounded = step.streams[sv].reconciled.has_value() &&
                           (v >= n || p.free_sign.empty() || !p.free_sign[sv]);
      if (bounded && next(v) < 0.0) {
        s.held[sv] = true;
        next(v) = 0.0;
      }
    }
    const double moved = (next - s.x).cwiseAbs().maxCoeff();
    s.x = next;
    layout.evaluate(s.x, s.held, c, nullptr, scale, &row_scale);
    s.max_relative_residual = scale > 0 ? c.cwiseAbs().maxCoeff() / scale : 0.0;
    // Every balance closes to kClosure of its own largest term (as the
    // closure check after solving asks), and the values have stopped moving.
    bool closed = true;
    for (Eigen::Index r = 0; r < c.size() && closed; ++r)
      closed = closes(c(r), row_scale[static_cast<std::size_t>(r)], scale);
    s.converged = closed && s.max_relative_residual <= 1e-9 &&
                  moved <= 1e-9 * std::max(1.0, s.x.cwiseAbs().maxCoeff());
  }
  // Classes, σ and tests from the balances linearised at the solution.
  layout.evaluate(s.x, s.held, c, &lp.incidence, scale);
  const Eigen::VectorXd d = lp.incidence * s.x - c;
  s.at_solution = solve_constrained(lp, d, unmeasured, alpha, s.x, true);
  s.dense_solves += s.at_solution.summary.dense_solves;
  return s;
}

// The state the steps of reconcile_bilinear share: the problem, the
// measurements of every variable and which of them are set aside.
struct Reconciliation {
  Reconciliation(const BilinearProblem& p, const BalanceOptions& options)
      : p(p),
        options(options),
        layout(p),
        n(p.incidence.cols()),
        k_count(static_cast<Eigen::Index>(p.components.size())),
        nv(layout.variables()) {}

  // Measurements of every variable.
  void measure() {
    lp.measured.resize(static_cast<std::size_t>(nv));
    lp.sd.resize(static_cast<std::size_t>(nv));
    for (Eigen::Index j = 0; j < n; ++j) {
      const auto v = static_cast<std::size_t>(layout.flow(j));
      lp.measured[v] = p.flow[static_cast<std::size_t>(j)];
      lp.sd[v] = p.flow_sd[static_cast<std::size_t>(j)];
      for (Eigen::Index k = 0; k < k_count; ++k) {
        const auto a = static_cast<std::size_t>(layout.assay(k, j));
        lp.measured[a] = p.assay[static_cast<std::size_t>(k)][static_cast<std::size_t>(j)];
        lp.sd[a] = p.assay_sd[static_cast<std::size_t>(k)][static_cast<std::size_t>(j)];
      }
    }
    unmeasured.resize(static_cast<std::size_t>(nv));
    for (std::size_t v = 0; v < unmeasured.size(); ++v) unmeasured[v] = !lp.measured[v];
  }

  // Start: measured values; unmeasured flows from the flows-only balance;
  // unmeasured assays at the mean of the component's measured assays.
  Eigen::VectorXd start() const {
    Eigen::VectorXd x0(nv);
    std::vector<bool> flow_unmeasured;
    for (const auto& f : p.flow) flow_unmeasured.push_back(!f);
    const LinearResult lin = solve_constrained({p.incidence, p.flow, p.flow_sd, p.free_sign},
                                               Eigen::VectorXd::Zero(p.incidence.rows()),
                                               flow_unmeasured, options.alpha, {}, false);
    double mean_flow = 0.0;
    int count = 0;
    for (const auto& f : p.flow)
      if (f) mean_flow += *f, ++count;
    mean_flow = count > 0 ? mean_flow / count : 1.0;
    for (Eigen::Index j = 0; j < n; ++j) {
      const auto& f = p.flow[static_cast<std::size_t>(j)];
      x0(layout.flow(j)) =
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
        x0(layout.assay(k, j)) = a ? *a : mean;
      }
    }
    return x0;
  }

  double objective(const Solution& sol) const {
    double j = 0.0;
    for (Eigen::Index v = 0; v < nv; ++v) {
      const auto sv = static_cast<std::size_t>(v);
      if (lp.measured[sv] && !unmeasured[sv])
        j += std::pow((*lp.measured[sv] - sol.x(v)) / lp.sd[sv], 2);
    }
    return j;
  }

  // Serial elimination: while the global test fails, the measurement with
  // the largest |z| is set aside (treated as unmeasured) and all solved again.
  Solution solve_eliminating(const Eigen::VectorXd& x0, int max_iterations) {
    Solution s = solve(p, layout, lp, unmeasured, x0, options.alpha, max_iterations);
    iterations = s.iterations;
    dense_solves = s.dense_solves;
    while (options.eliminate && objective(s) > s.at_solution.global.critical) {
      std::optional<std::size_t> worst;
      for (std::size_t v = 0; v < unmeasured.size(); ++v) {
        const auto& z = s.at_solution.streams[v].z;
        if (z && (!worst || std::abs(*z) > std::abs(*s.at_solution.streams[*worst].z))) worst = v;
      }
      if (!worst) break;
      unmeasured[*worst] = true;
      eliminated.push_back(*worst);
      s = solve(p, layout, lp, unmeasured, s.x, options.alpha, max_iterations);
      iterations += s.iterations;
      dense_solves += s.dense_solves;
    }
    return s;
  }

  // Results at the solution.
  void variable_results(const Solution& s, const std::vector<std::string>& stream_ids,
                        BilinearResult& out) const {
    const LinearResult& at = s.at_solution;
    auto result_of = [&](Eigen::Index v) {
      StreamResult r = at.streams[static_cast<std::size_t>(v)];
      if (r.reconciled) r.reconciled = s.x(v);
      if (std::find(eliminated.begin(), eliminated.end(), static_cast<std::size_t>(v)) !=
          eliminated.end()) {
        r.eliminated = true;
        if (r.measured && r.reconciled) r.gross_error = *r.measured - *r.reconciled;
      }
      return r;
    };
    out.flow.resize(static_cast<std::size_t>(n));
    out.assay.assign(static_cast<std::size_t>(k_count),
                     std::vector<StreamResult>(static_cast<std::size_t>(n)));
    auto name_of = [&](std::size_t v) {
      const auto j = static_cast<std::size_t>(v < static_cast<std::size_t>(n) ? v : (v - n) % n);
      const std::string what = v < static_cast<std::size_t>(n)
                                   ? "flow"
                                   : p.components[(v - static_cast<std::size_t>(n)) / n];
      return fmt::format("{} {}", what, stream_ids[j]);
    };
    for (Eigen::Index j = 0; j < n; ++j) {
      out.flow[static_cast<std::size_t>(j)] = result_of(layout.flow(j));
      for (Eigen::Index k = 0; k < k_count; ++k) {
        out.assay[static_cast<std::size_t>(k)][static_cast<std::size_t>(j)] =
            result_of(layout.assay(k, j));
      }
    }
    for (std::size_t v = 0; v < s.held.size(); ++v)
      if (s.held[v]) out.active_bounds.push_back(name_of(v));
    for (std::size_t v : eliminated) out.eliminated.push_back(name_of(v));
  }

  // Residuals per balance: of the measurements (unmeasured at their
  // estimates) and of the solution; none where an unobservable value enters.
  void node_results(const Solution& s, BilinearResult& out) const {
    const LinearResult& at = s.at_solution;
    Eigen::VectorXd before = s.x;
    for (Eigen::Index v = 0; v < nv; ++v)
      if (const auto& m = lp.measured[static_cast<std::size_t>(v)]) before(v) = *m;
    Eigen::VectorXd c_before, c_after;
    double scale = 0.0;
    const std::vector<bool> none(static_cast<std::size_t>(nv), false);
    Eigen::SparseMatrix<double> jac;
    layout.evaluate(before, none, c_before, &jac, scale);
    layout.evaluate(s.x, none, c_after, nullptr, scale);
    const auto rows = static_cast<std::size_t>(layout.balances());
    std::vector<bool> determined(rows, true), all_measured(rows, true);
    // The nodal test of a balance whose every variable is measured: its
    // residual at the measurements over its σ, σ² = Σ (∂c/∂y)² σ_y² (the
    // balance linearised at the measurements).
    std::vector<double> variance(rows, 0.0);
    for (Eigen::Index v = 0; v < nv; ++v) {
      const auto sv = static_cast<std::size_t>(v);
      for (Eigen::SparseMatrix<double>::InnerIterator it(jac, v); it; ++it) {
        const auto i = static_cast<std::size_t>(it.row());
        if (!at.streams[sv].reconciled) determined[i] = false;
        if (unmeasured[sv]) all_measured[i] = false;
        variance[i] += it.value() * it.value() * lp.sd[sv] * lp.sd[sv];
      }
    }
    out.nodes.resize(rows);
    for (std::size_t i = 0; i < rows; ++i) {
      NodeResult& nr = out.nodes[i];
      if (determined[i]) nr.residual_before = c_before(static_cast<Eigen::Index>(i));
      if (determined[i]) nr.residual_after = c_after(static_cast<Eigen::Index>(i));
      if (all_measured[i] && variance[i] > 0)
        nr.z = c_before(static_cast<Eigen::Index>(i)) / std::sqrt(variance[i]);
    }
  }

  const BilinearProblem& p;
  const BalanceOptions& options;
  const Layout layout;
  const Eigen::Index n, k_count, nv;
  LinearProblem lp;
  std::vector<bool> unmeasured;
  std::vector<std::size_t> eliminated;
  int iterations = 0;
  int dense_solves = 0;
};

}  // namespace

namespace {

// Balances (mass, then each component, as BilinearResult::nodes) that do not
// close to kClosure of their largest term at the reconciled values; balances
// holding an undetermined value are skipped.
std::vector<Unclosed> unclosed_balances(const BilinearProblem& p, const BilinearResult& r) {
  const auto nodes = static_cast<std::size_t>(p.incidence.rows());
  ClosureCheck check(nodes * (1 + p.components.size()));
  for (Eigen::Index j = 0; j < p.incidence.outerSize(); ++j) {
    const auto sj = static_cast<std::size_t>(j);
    const auto& f = r.flow[sj].reconciled;
    for (Eigen::SparseMatrix<double>::InnerIterator it(p.incidence, j); it; ++it) {
      const auto i = static_cast<std::size_t>(it.row());
      for (std::size_t c = 0; c <= p.components.size(); ++c) {
        const std::optional<double> g = c == 0 ? std::optional(1.0) : r.assay[c - 1][sj].reconciled;
        if (f && g) {
          check.add(c * nodes + i, it.value() * *f * *g);
        } else {
          check.undetermined(c * nodes + i);
        }
      }
    }
  }
  return check.unclosed();
}

BilinearResult reconcile_connected(const BilinearProblem& p, const BalanceOptions& options,
                                   const std::vector<std::string>& stream_ids, int max_iterations) {
  BilinearResult out;
  Reconciliation r(p, options);
  r.measure();
  const Solution s = r.solve_eliminating(r.start(), max_iterations);
  r.variable_results(s, stream_ids, out);
  r.node_results(s, out);
  out.global = s.at_solution.global;
  out.global.statistic = r.objective(s);
  out.global.passed = out.global.statistic <= out.global.critical;
  out.measurement_critical = s.at_solution.measurement_critical;
  out.max_relative_residual = s.max_relative_residual;
  out.summary.iterations = r.iterations;
  out.summary.dense_solves = r.dense_solves;
  out.summary.termination = s.converged ? "converged" : "not converged";
  // Measured variables: flows and assays alike (r.unmeasured spans them all).
  PartResult whole =
      whole_part(p.incidence, r.unmeasured, out.global, out.measurement_critical, out.summary);
  out.parts = {std::move(whole)};
  return out;
}

}  // namespace

BilinearResult reconcile_bilinear(const BilinearProblem& p, const BalanceOptions& options,
                                  const std::vector<std::string>& stream_ids, int max_iterations) {
  if (const std::string why = options.Validate(); !why.empty()) {
    BilinearResult out;
    out.summary.termination = "invalid options: " + why;
    return out;
  }
  const std::vector<Part> parts = connected_parts(p.incidence);
  if (parts.size() <= 1) {
    BilinearResult out = reconcile_connected(p, options, stream_ids, max_iterations);
    out.unclosed = unclosed_balances(p, out);
    return out;
  }
  // Each part on its own (issue 14), its results put back in the whole's order.
  const std::size_t n = p.flow.size(), nodes = static_cast<std::size_t>(p.incidence.rows()),
                    k_count = p.components.size();
  BilinearResult whole;
  whole.flow.resize(n);
  whole.assay.assign(k_count, std::vector<StreamResult>(n));
  whole.nodes.resize(nodes * (1 + k_count));
  const std::vector<std::size_t> local = local_nodes(parts, nodes);
  for (const Part& part : parts) {
    BilinearProblem sub;
    sub.incidence = part_of(p.incidence, part, local);
    sub.components = p.components;
    sub.assay.resize(k_count);
    sub.assay_sd.resize(k_count);
    std::vector<std::string> ids;
    for (std::size_t j : part.streams) {
      ids.push_back(stream_ids[j]);
      sub.flow.push_back(p.flow[j]);
      sub.flow_sd.push_back(p.flow_sd[j]);
      if (!p.free_sign.empty()) sub.free_sign.push_back(p.free_sign[j]);
      for (std::size_t k = 0; k < k_count; ++k) {
        sub.assay[k].push_back(p.assay[k][j]);
        sub.assay_sd[k].push_back(p.assay_sd[k][j]);
      }
    }
    BilinearResult r = reconcile_connected(sub, options, ids, max_iterations);
    for (std::size_t c = 0; c < part.streams.size(); ++c) {
      whole.flow[part.streams[c]] = r.flow[c];
      for (std::size_t k = 0; k < k_count; ++k) whole.assay[k][part.streams[c]] = r.assay[k][c];
    }
    for (std::size_t c = 0; c <= k_count; ++c)
      for (std::size_t i = 0; i < part.nodes.size(); ++i)
        whole.nodes[c * nodes + part.nodes[i]] = r.nodes[c * part.nodes.size() + i];
    whole.active_bounds.insert(whole.active_bounds.end(), r.active_bounds.begin(),
                               r.active_bounds.end());
    whole.eliminated.insert(whole.eliminated.end(), r.eliminated.begin(), r.eliminated.end());
    whole.max_relative_residual = std::max(whole.max_relative_residual, r.max_relative_residual);
    add_part(part, r.parts.front(), whole.parts, whole.summary);
  }
  whole.global = combined_test(whole.parts, options.alpha);
  whole.summary.termination = combined_termination(whole.parts);
  whole.unclosed = unclosed_balances(p, whole);
  return whole;
}

}  // namespace orebook::balance
