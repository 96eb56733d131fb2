#pragma once
// Linear data reconciliation of flows (docs/formulas.md §5, §7): weighted
// least squares adjustment of measured flows so that every node balances,
// with unmeasured flows projected out (Crowe, Garcia Campos and Hrymak 1983),
// variable classification, and gross-error tests (global chi-square test,
// measurement test with the Šidák critical value, nodal test, serial
// elimination).

#include <algorithm>
#include <cmath>
#include <optional>
#include <string>
#include <vector>

#include <Eigen/Dense>
#include <Eigen/SparseCore>

namespace orebook::balance {

struct BalanceOptions {
  double alpha = 0.05;     // significance level of the tests, in (0, 1)
  bool eliminate = false;  // serial elimination of suspected gross errors
  // Empty when valid, else the rule violated ("BalanceOptions::alpha = 1.5; must be in (0, 1)").
  std::string Validate() const;
};

// A flowsheet's balance equations: incidence(node, stream) = +1 when the
// stream enters the node, −1 when it leaves (stock changes are streams too).
struct LinearProblem {
  Eigen::SparseMatrix<double> incidence;
  std::vector<std::optional<double>> measured;  // per stream; nullopt: unmeasured
  std::vector<double> sd;                       // per stream: standard deviation of the measurement
  // Streams whose flow may come out negative (stock changes); empty: none.
  // Every other flow is held at zero when the balance would make it negative.
  std::vector<bool> free_sign = {};
};

enum class VariableClass { redundant, non_redundant, observable, unobservable };
std::string_view to_string(VariableClass c);

struct StreamResult {
  std::optional<double> measured;
  std::optional<double> reconciled;  // nullopt: unobservable
  std::optional<double> sd;          // standard deviation after reconciliation
  std::optional<double> z;           // measurement test statistic (redundant measurements)
  VariableClass cls = VariableClass::redundant;
  bool eliminated = false;  // treated as unmeasured by serial elimination
  // Estimated size of a suspected gross error (measured minus true): for a
  // measurement failing its test, σ² (y − x̂) / W_jj, the bias that explains
  // its residual best (generalised likelihood ratio); for an eliminated
  // one, measured − reconciled. nullopt when not suspected.
  std::optional<double> gross_error;
};

struct GlobalTest {
  double statistic = 0.0;  // rᵀ V⁺ r
  int dof = 0;             // rank of the reduced balance equations
  double critical = 0.0;   // χ²(dof) quantile at 1 − alpha
  bool passed = true;
};

struct NodeResult {
  // Of the measured values (unmeasured at their estimates) and of the
  // reconciled values; nullopt when the balance holds an unobservable value.
  std::optional<double> residual_before;
  std::optional<double> residual_after;
  std::optional<double> z;  // nodal test r / √V (nodes with every stream measured)
};

struct BalanceSummary {
  std::string termination;  // "converged", "gross errors remain", "invalid options" ...
  int iterations = 0;       // solves (1 + eliminations + re-solves with bounds held)
  // Solves the sparse solver gave up on (its factorisation gave NaN) and the
  // dense one (O(n³)) did instead: none in any problem seen so far.
  int dense_solves = 0;
  std::string BriefReport() const;
};

// One connected part of the flowsheet (flowsheet.h) as reconciled on its
// own: its test, its measurement critical value and its solves.
struct PartResult {
  std::vector<std::size_t> nodes, streams;  // indices in the whole problem
  GlobalTest global;
  double measurement_critical = 0.0;
  int measured = 0;  // measured variables (after elimination) in the part
  BalanceSummary summary;
};

struct Part;
// A connected problem as its one part: every node and stream, the measured
// variables counted.
PartResult whole_part(const Eigen::SparseMatrix<double>& incidence,
                      const std::vector<bool>& unmeasured, const GlobalTest& global,
                      double measurement_critical, const BalanceSummary& summary);
// A part's result, reconciled on its own, added to the whole's: its nodes and
// streams in the whole's numbering, its solves counted in `summary`.
void add_part(const Part& part, PartResult result, std::vector<PartResult>& parts,
              BalanceSummary& summary);

// The results of the parts as one: the statistics and degrees of freedom add
// (independent parts give independent χ² variables), the critical value is
// that of the sum, and the whole passes when every part passes its own test.
GlobalTest combined_test(const std::vector<PartResult>& parts, double alpha);
// "converged" when every part passed, else "gross errors remain in part 2" ...
std::string combined_termination(const std::vector<PartResult>& parts);

// Balances that do not close to kClosure of their largest term after
// reconciling (issue 14: a result whose balances do not hold is refused, not
// reported). The balance, its residual and its largest term.
inline constexpr double kClosure = 1e-9;
// Whether a balance closes: its residual within kClosure of its largest
// term, or within rounding of the problem's largest term (64 ε of it: a node
// whose flows are all held near zero cannot close better than the rounding
// of the values it was solved with). Not for a residual that is not finite.
inline bool closes(double residual, double largest, double problem_largest) {
  return std::abs(residual) <=
         std::max(kClosure * largest, 64 * 2.220446049250313e-16 * problem_largest);
}
struct Unclosed {
  std::size_t balance = 0;
  double residual = 0.0;
  double largest = 0.0;
};

// The closure check of a set of balances: each balance's terms at the
// reconciled values are added, then the ones that do not close are listed.
class ClosureCheck {
 public:
  explicit ClosureCheck(std::size_t balances)
      : sum_(balances, 0.0), largest_(balances, 0.0), determined_(balances, true) {}
  void add(std::size_t balance, double term) {
    sum_[balance] += term;
    largest_[balance] = std::max(largest_[balance], std::abs(term));
  }
  // A balance holding an undetermined value is not checked.
  void undetermined(std::size_t balance) { determined_[balance] = false; }
  std::vector<Unclosed> unclosed() const;

 private:
  std::vector<double> sum_, largest_;
  std::vector<bool> determined_;
};

struct LinearResult {
  std::vector<StreamResult> streams;
  // Every variable's value: reconciled measurements, and for unmeasured ones
  // the minimum-norm least squares solution, unobservable ones included
  // (successive linearisation needs a value for each; reports never show an
  // unobservable one).
  Eigen::VectorXd solution;
  std::vector<NodeResult> nodes;
  GlobalTest global;
  double measurement_critical = 0.0;    // Šidák critical value for the measurement tests
  std::vector<std::size_t> eliminated;  // streams, in the order eliminated
  std::vector<std::size_t> held;        // streams held at zero (non-negativity)
  BalanceSummary summary;
  // The connected parts, each reconciled on its own (one for a connected
  // flowsheet). With several, `global` is combined_test of theirs and
  // `measurement_critical` is 0: each part has its own.
  std::vector<PartResult> parts;
  std::vector<Unclosed> unclosed;  // nodes; empty when every balance closes
};

// Šidák critical value for n tests at level alpha: β = 1 − (1 − α)^(1/n),
// z = Φ⁻¹(1 − β/2) (docs/formulas.md §7: α = 0.05, n = 6 → 2.631).
double sidak_critical(double alpha, int n);
// χ² quantile: the critical value of the global test.
double chi_square_critical(double alpha, int dof);

// Reconciles each connected part of the flowsheet on its own, flows held
// non-negative (except free_sign ones), with serial elimination when asked.
LinearResult reconcile_linear(const LinearProblem& problem, const BalanceOptions& options);

// The measured variables with the smallest and the largest σ when their ratio
// is beyond what double precision can weigh: the variance ratio below the
// smallest normal double (σ ratio 1.5e-154), where the smaller variance
// vanishes against the larger and the balance cannot honour either.
std::optional<std::pair<std::size_t, std::size_t>> sd_beyond_precision(
    const std::vector<std::optional<double>>& measured, const std::vector<double>& sd);

// The weighted least squares solve behind every reconciliation: minimise
// Σ((y − x)/σ)² over the measured variables subject to A x = d, with the
// variables in `unmeasured` projected out and estimated where observable.
// `problem.incidence` is A (rows: equations); node results are the equation
// residuals. The sparse solver (sparse.h) does the work, dropping dependent
// reduced balances; when it gives up, the dense one (complete orthogonal
// decompositions, pseudo-inverses) takes over. `start`: values for unmeasured variables the
// balances leave free (empty: zero); without `statistics`, no σ, z or tests.
// Values and σ are scaled by a power of two before solving when the largest
// σ lies beyond 2^±100 (exact): flows of 1e300 or σ of 1e-300 would
// otherwise overflow or vanish when squared.
// `nonnegative` as for solve_sparse (sparse.h).
LinearResult solve_constrained(const LinearProblem& problem, const Eigen::VectorXd& d,
                               const std::vector<bool>& unmeasured, double alpha,
                               const Eigen::VectorXd& start = {}, bool statistics = true,
                               const std::vector<bool>* nonnegative = nullptr);
// Residuals of every balance A x = d before (measured values, unmeasured ones
// at their estimates) and after reconciling, none where an undetermined value
// enters; the nodal test r / √V where every variable of the balance is measured.
std::vector<NodeResult> node_results(const Eigen::SparseMatrix<double>& a, const Eigen::VectorXd& d,
                                     const std::vector<StreamResult>& streams,
                                     const std::vector<bool>& unmeasured,
                                     const std::vector<double>& sd);
// The dense solver alone, for tests that compare the two.
LinearResult solve_dense(const LinearProblem& problem, const Eigen::VectorXd& d,
                         const std::vector<bool>& unmeasured, double alpha);

}  // namespace orebook::balance
