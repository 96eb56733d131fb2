// Issue 14: flowsheets of independent parts, and numerical safety (scaling,
// closure, σ beyond double precision, bounds, single-stream nodes, nothing
// measured). Expected values are derived by hand in the comments.

#include <cmath>
#include <random>
#include <string>
#include <thread>

#include <gtest/gtest.h>

#include "orebook/balance/bilinear.h"
#include "orebook/balance/problem.h"
#include "orebook/balance/sparse.h"
#include "orebook/dataset/csv.h"

namespace orebook::balance {
namespace {

// "[[stream]]" tables from (id, from, to, flow or "", σ) rows.
struct S {
  std::string id, from, to, flow, sd;
  std::string assay = {};
};
std::string problem(const std::vector<S>& streams, const std::string& options = "") {
  std::string text = options.empty() ? "" : "[options]\n" + options + "\n";
  for (const S& s : streams) {
    text += "[[stream]]\nid = \"" + s.id + "\"\nfrom = \"" + s.from + "\"\nto = \"" + s.to + "\"\n";
    if (!s.flow.empty()) text += "flow = " + s.flow + "\nflow_sd = " + s.sd + "\n";
    text += s.assay;
  }
  return text;
}

// Two circuits that meet only through env:
//   A: env → N1 (A1 = 100, σ 2), N1 → env (A2 = 96, σ 1).
//      One balance A1 − A2 = 0: r = 4, V = 2² + 1² = 5, x̂ = y − Σ aᵀ r / V:
//      A1 = 100 − 4·4/5 = 96.8, A2 = 96 + 4/5 = 96.8; γ = r²/V = 3.2, χ²(1);
//      W_11 = 16/5, z_A1 = 3.2/√3.2 = √3.2; Šidák over its 2 tests.
//   B: env → N2 (B1 = 50, σ 1), N2 → N3 (B2 unmeasured), N3 → env (B3 = 40,
//      σ 1; B4 = 5, σ 1). Projected: B1 − B3 − B4 = 0, r = 5, V = 3:
//      B1 = 50 − 5/3, B3 = 40 + 5/3, B4 = 5 + 5/3, B2 = B1; γ = 25/3, χ²(1);
//      W_jj = 1/3, z = (5/3)/√(1/3) = 2.887 > Šidák(3 tests) = 2.388: all three suspect.
// Balanced together they would share one test of χ²(2) and a Šidák value over 5 tests.
const std::vector<S> kTwoCircuits = {
    {"A1", "env", "N1", "100", "2"}, {"A2", "N1", "env", "96", "1"}, {"B1", "env", "N2", "50", "1"},
    {"B2", "N2", "N3", "", ""},      {"B3", "N3", "env", "40", "1"}, {"B4", "N3", "env", "5", "1"},
};

TEST(Parts, TwoCircuitsReconciledEachOnItsOwn) {
  core::Diagnostics diags;
  const auto p = load_problem_toml(problem(kTwoCircuits), "two.toml", diags);
  ASSERT_TRUE(p) << (diags.items().empty() ? "" : core::to_string(diags.items()[0]));
  const LinearResult r = reconcile_linear(p->linear, p->options);
  ASSERT_EQ(r.parts.size(), 2u);
  EXPECT_EQ(r.parts[0].nodes, (std::vector<std::size_t>{0}));
  EXPECT_EQ(r.parts[0].streams, (std::vector<std::size_t>{0, 1}));
  EXPECT_EQ(r.parts[1].nodes, (std::vector<std::size_t>{1, 2}));
  EXPECT_EQ(r.parts[1].streams, (std::vector<std::size_t>{2, 3, 4, 5}));

  EXPECT_NEAR(*r.streams[0].reconciled, 96.8, 1e-12);
  EXPECT_NEAR(*r.streams[1].reconciled, 96.8, 1e-12);
  EXPECT_NEAR(r.parts[0].global.statistic, 3.2, 1e-12);
  EXPECT_EQ(r.parts[0].global.dof, 1);
  EXPECT_TRUE(r.parts[0].global.passed);
  EXPECT_NEAR(*r.streams[0].z, std::sqrt(3.2), 1e-12);
  EXPECT_NEAR(r.parts[0].measurement_critical, sidak_critical(0.05, 2), 1e-12);
  EXPECT_FALSE(r.streams[0].gross_error);

  EXPECT_NEAR(*r.streams[2].reconciled, 50 - 5.0 / 3, 1e-12);
  EXPECT_NEAR(*r.streams[3].reconciled, 50 - 5.0 / 3, 1e-12);
  EXPECT_NEAR(*r.streams[4].reconciled, 40 + 5.0 / 3, 1e-12);
  EXPECT_NEAR(*r.streams[5].reconciled, 5 + 5.0 / 3, 1e-12);
  EXPECT_NEAR(r.parts[1].global.statistic, 25.0 / 3, 1e-12);
  EXPECT_FALSE(r.parts[1].global.passed);
  EXPECT_NEAR(r.parts[1].measurement_critical, sidak_critical(0.05, 3), 1e-12);
  for (std::size_t j : {2u, 4u, 5u}) {
    EXPECT_NEAR(std::abs(*r.streams[j].z), (5.0 / 3) / std::sqrt(1.0 / 3), 1e-12) << j;
    EXPECT_TRUE(r.streams[j].gross_error) << j;
  }

  // The whole: statistics and dof add, the verdict is the parts' together.
  EXPECT_NEAR(r.global.statistic, 3.2 + 25.0 / 3, 1e-12);
  EXPECT_EQ(r.global.dof, 2);
  EXPECT_FALSE(r.global.passed);
  EXPECT_EQ(r.summary.termination, "gross errors remain in part 2");
  EXPECT_TRUE(r.unclosed.empty());
}

TEST(Parts, EliminationStaysInsideItsPart) {
  core::Diagnostics diags;
  const auto p = load_problem_toml(problem(kTwoCircuits, "eliminate = true"), "two.toml", diags);
  ASSERT_TRUE(p);
  const LinearResult r = reconcile_linear(p->linear, p->options);
  // Part B sets aside one of its three (one balance: equal |z|, so which one
  // is rounding's choice) and is left without redundancy; part A is untouched.
  ASSERT_EQ(r.eliminated.size(), 1u);
  const std::size_t e = r.eliminated[0];
  EXPECT_TRUE(e == 2 || e == 4 || e == 5) << e;
  EXPECT_NEAR(*r.streams[0].reconciled, 96.8, 1e-12);
  EXPECT_EQ(r.parts[1].global.dof, 0);
  // The two left keep their measurements; the one set aside takes what the balance leaves.
  const double measured[] = {0, 0, 50, 0, 40, 5};
  for (std::size_t j : {2u, 4u, 5u}) {
    if (j != e) {
      EXPECT_NEAR(*r.streams[j].reconciled, measured[j], 1e-12) << j;
    }
  }
  EXPECT_NEAR(*r.streams[e].reconciled, e == 2 ? 45.0 : e == 4 ? 45.0 : 10.0, 1e-12);
  EXPECT_EQ(r.summary.termination, "converged");
  const auto d = result_diagnostics(*p, r, "two.toml");
  ASSERT_EQ(d.size(), 1u);
  EXPECT_EQ(d[0].code, "no-redundancy");
  EXPECT_NE(d[0].message.find("part 2 (N2, N3)"), std::string::npos) << d[0].message;
}

// Each part gives what it gives in a file of its own: the same numbers to the last bit.
TEST(Parts, SameAsEachPartAlone) {
  const std::string pb = "assay = { Pb = 5.0 }\nassay_sd = { Pb = 0.1 }\n";
  const std::vector<S> one = {
      {"F", "env", "M", "100", "1", pb},
      {"C", "M", "env", "10", "0.5", "assay = { Pb = 40 }\nassay_sd = { Pb = 1 }\n"},
      {"T", "M", "env", "88", "1", "assay = { Pb = 0.6 }\nassay_sd = { Pb = 0.05 }\n"}};
  std::vector<S> two = one;
  for (S s : one) {
    s.id += "2";
    for (std::string* n : {&s.from, &s.to})
      if (*n != "env") *n += "2";
    s.flow = s.flow == "100" ? "103" : s.flow;
    two.push_back(s);
  }
  core::Diagnostics diags;
  const auto whole = load_problem_toml(problem(two), "w.toml", diags);
  const auto alone = load_problem_toml(problem({two.begin() + 3, two.end()}), "a.toml", diags);
  ASSERT_TRUE(whole && alone);
  const BilinearResult w = reconcile_bilinear(whole->bilinear, whole->options, whole->stream_ids);
  const BilinearResult a = reconcile_bilinear(alone->bilinear, alone->options, alone->stream_ids);
  ASSERT_EQ(w.parts.size(), 2u);
  for (std::size_t j = 0; j < 3; ++j) {
    EXPECT_EQ(*w.flow[3 + j].reconciled, *a.flow[j].reconciled) << j;
    EXPECT_EQ(*w.assay[0][3 + j].reconciled, *a.assay[0][j].reconciled) << j;
    EXPECT_EQ(*w.flow[3 + j].z, *a.flow[j].z) << j;
  }
  EXPECT_EQ(w.parts[1].global.statistic, a.global.statistic);
  EXPECT_EQ(w.nodes[1].residual_after, a.nodes[0].residual_after);  // mass of M2
  EXPECT_EQ(w.nodes[3].residual_after, a.nodes[1].residual_after);  // Pb of M2
  EXPECT_TRUE(w.unclosed.empty());
}

// Two streams of 100 and 99 with σ = 1e-300: σ² underflows to zero unless
// scaled. Scaled by one power of two, they reconcile to 99.5 each, the
// balance closes, and a 1 t difference against σ = 1e-300 fails every test.
TEST(NumericalSafety, TinySigmaIsScaledNotLost) {
  core::Diagnostics diags;
  const auto p = load_problem_toml(
      problem({{"A", "env", "N", "100", "1e-300"}, {"B", "N", "env", "99", "1e-300"}}), "t.toml",
      diags);
  ASSERT_TRUE(p);
  const LinearResult r = reconcile_linear(p->linear, p->options);
  EXPECT_NEAR(*r.streams[0].reconciled, 99.5, 1e-12);
  EXPECT_NEAR(*r.streams[1].reconciled, 99.5, 1e-12);
  EXPECT_EQ(r.global.dof, 1);
  EXPECT_FALSE(r.global.passed);
  EXPECT_TRUE(r.streams[0].gross_error);
  EXPECT_TRUE(r.unclosed.empty());
}

// Flows of 1e300 with σ = 1e298 overflow when squared unless scaled:
// r = 1e298, V = 2e596, γ = 0.5; x̂ = 0.995e300 each.
TEST(NumericalSafety, HugeFlowsAreScaled) {
  core::Diagnostics diags;
  const auto p = load_problem_toml(
      problem({{"A", "env", "N", "1e300", "1e298"}, {"B", "N", "env", "0.99e300", "1e298"}}),
      "h.toml", diags);
  ASSERT_TRUE(p);
  const LinearResult r = reconcile_linear(p->linear, p->options);
  EXPECT_NEAR(*r.streams[0].reconciled / 0.995e300, 1.0, 1e-12);
  EXPECT_NEAR(*r.streams[1].reconciled / 0.995e300, 1.0, 1e-12);
  EXPECT_NEAR(r.global.statistic, 0.5, 1e-12);
  EXPECT_TRUE(r.global.passed);
  EXPECT_NEAR(*r.streams[0].sd / (1e298 / std::sqrt(2.0)), 1.0, 1e-12);
  EXPECT_TRUE(r.unclosed.empty());
}

// σ of 1e-200 beside σ of 1: the variance ratio 1e-400 is below the smallest
// double; the problem is refused, naming both streams.
TEST(NumericalSafety, SigmaRatioBeyondDoublePrecisionIsAnError) {
  core::Diagnostics diags;
  const auto p = load_problem_toml(
      problem({{"A", "env", "N", "100", "1e-200"}, {"B", "N", "env", "99", "1"}}), "r.toml", diags);
  EXPECT_FALSE(p);
  ASSERT_EQ(diags.error_count(), 1u);
  const auto& e = diags.items()[0];
  EXPECT_EQ(e.code, "sd-beyond-precision");
  EXPECT_EQ(e.line, 1u);  // stream A, the smaller σ
  EXPECT_NE(e.message.find("stream B"), std::string::npos) << e.message;
  EXPECT_NE(e.message.find("stream A"), std::string::npos) << e.message;
  // 1e-150 is still within reach: (1e-150)² = 1e-300 is a normal double.
  core::Diagnostics ok;
  EXPECT_TRUE(load_problem_toml(
      problem({{"A", "env", "N", "100", "1e-150"}, {"B", "N", "env", "99", "1"}}), "r.toml", ok));
}

// Values the solver cannot hold (1e300 against σ = 1e-300: values and
// variances span more than a double) give a balance that does not close:
// refused, naming the node.
TEST(NumericalSafety, BalanceThatDoesNotCloseIsRefused) {
  core::Diagnostics diags;
  const auto p = load_problem_toml(
      problem({{"A", "env", "N", "1e300", "1e-300"}, {"B", "N", "env", "0.5e300", "1e-300"}}),
      "c.toml", diags);
  ASSERT_TRUE(p);
  const LinearResult r = reconcile_linear(p->linear, p->options);
  ASSERT_EQ(r.unclosed.size(), 1u);
  const auto d = result_diagnostics(*p, r, "c.toml");
  ASSERT_FALSE(d.empty());
  EXPECT_EQ(d[0].code, "balance-not-closed");
  EXPECT_EQ(d[0].severity, core::Severity::error);
  EXPECT_NE(d[0].message.find("node N"), std::string::npos) << d[0].message;
}

// A node with a single stream holds it at zero: a warning at the stream says so.
TEST(NumericalSafety, SingleStreamNodeIsAWarning) {
  core::Diagnostics diags;
  const auto p = load_problem_toml(problem({{"A", "env", "N1", "100", "1"},
                                            {"B", "N1", "env", "98", "1"},
                                            {"C", "env", "N2", "7", "1"}}),
                                   "s.toml", diags);
  ASSERT_TRUE(p);
  ASSERT_EQ(diags.items().size(), 1u);
  EXPECT_EQ(diags.items()[0].code, "single-stream-node");
  EXPECT_EQ(diags.items()[0].severity, core::Severity::warning);
  EXPECT_EQ(diags.items()[0].line, 13u);  // stream C's [[stream]]
  const LinearResult r = reconcile_linear(p->linear, p->options);
  EXPECT_EQ(*r.streams[2].reconciled, 0.0);
  EXPECT_EQ(r.parts.size(), 2u);
}

// A measured flow of −2 beside one of 1: unbounded both reconcile to −0.5.
// Held at zero, A = 0 leaves B alone in N, so B = 0; the statistic is that of
// the bounded solution: ((−2 − 0)/1)² + ((1 − 0)/1)² = 5.
TEST(NumericalSafety, NegativeFlowIsHeldAtZero) {
  core::Diagnostics diags;
  const auto p = load_problem_toml(
      problem({{"A", "env", "N", "-2", "1"}, {"B", "N", "env", "1", "1"}}), "n.toml", diags);
  ASSERT_TRUE(p);
  ASSERT_EQ(diags.items().size(), 1u);
  EXPECT_EQ(diags.items()[0].code, "negative-flow");
  EXPECT_EQ(diags.items()[0].line, 5u);
  const LinearResult r = reconcile_linear(p->linear, p->options);
  EXPECT_EQ(*r.streams[0].reconciled, 0.0);
  EXPECT_NEAR(*r.streams[1].reconciled, 0.0, 1e-15);
  EXPECT_EQ(r.held, (std::vector<std::size_t>{0}));
  EXPECT_NEAR(r.global.statistic, 5.0, 1e-12);
  EXPECT_FALSE(r.global.passed);
  const auto d = result_diagnostics(*p, r, "n.toml");
  ASSERT_EQ(d.size(), 1u);
  EXPECT_EQ(d[0].code, "bound-active");
  EXPECT_NE(d[0].message.find("flow A"), std::string::npos);
}

// A stock change may be negative: free_sign flows are not bounded.
TEST(NumericalSafety, FreeSignFlowMayBeNegative) {
  LinearProblem p;
  Eigen::MatrixXd a(1, 3);
  a << 1, -1, -1;  // feed in; product and stock change out
  p.incidence = a.sparseView();
  p.measured = {100.0, 104.0, std::nullopt};
  p.sd = {1.0, 1.0, 1.0};
  p.free_sign = {false, false, true};
  const LinearResult r = reconcile_linear(p, {});
  EXPECT_NEAR(*r.streams[2].reconciled, -4.0, 1e-12);
  EXPECT_TRUE(r.held.empty());
}

TEST(NumericalSafety, NothingMeasuredIsAWarning) {
  core::Diagnostics diags;
  const auto p = load_problem_toml(problem({{"A", "env", "N", "", ""}, {"B", "N", "env", "", ""}}),
                                   "u.toml", diags);
  ASSERT_TRUE(p);
  ASSERT_EQ(diags.items().size(), 1u);
  EXPECT_EQ(diags.items()[0].code, "nothing-measured");
}

}  // namespace
}  // namespace orebook::balance

namespace orebook::balance {
namespace {

std::optional<Problem> from_csv(const std::string& text, core::Diagnostics& diags) {
  dataset::CsvReader reader = dataset::CsvReader::from_string(text);
  return load_problem_csv(reader, "p.csv", diags);
}

// The CSV form holds what the TOML form holds: the same problem, the same result.
TEST(ProblemCsv, SameAsToml) {
  const std::vector<S> streams = {
      {"F", "env", "M", "100", "1", "assay = { Pb = 5.0 }\nassay_sd = { Pb = 0.1 }\n"},
      {"C", "M", "env", "10", "0.5", "assay = { Pb = 40 }\nassay_sd = { Pb = 1 }\n"},
      {"T", "M", "env", "", "", "assay = { Pb = 0.6 }\nassay_sd = { Pb = 0.05 }\n"}};
  core::Diagnostics diags;
  const auto toml = load_problem_toml(problem(streams), "p.toml", diags);
  const auto csv = from_csv(
      "id,from,to,flow,flow_sd,Pb,Pb_sd\n"
      "F,env,M,100,1,5.0,0.1\n"
      "C,M,env,10,0.5,40,1\n"
      "T,M,env,,,0.6,0.05\n",
      diags);
  ASSERT_TRUE(toml && csv) << (diags.items().empty() ? "" : core::to_string(diags.items()[0]));
  EXPECT_EQ(csv->stream_ids, toml->stream_ids);
  EXPECT_EQ(csv->node_ids, toml->node_ids);
  EXPECT_EQ(csv->bilinear.components, toml->bilinear.components);
  const BilinearResult a = reconcile_bilinear(toml->bilinear, toml->options, toml->stream_ids);
  const BilinearResult b = reconcile_bilinear(csv->bilinear, csv->options, csv->stream_ids);
  for (std::size_t j = 0; j < 3; ++j) {
    EXPECT_EQ(a.flow[j].reconciled, b.flow[j].reconciled) << j;
    EXPECT_EQ(a.assay[0][j].reconciled, b.assay[0][j].reconciled) << j;
  }
}

// Each broken CSV gives one error at its cell: line, column and code.
TEST(ProblemCsv, ErrorsNameTheCell) {
  struct Case {
    std::string text, code;
    std::uint32_t line, column;
  };
  const std::vector<Case> cases = {
      {"id,from,flow,flow_sd\nA,env,1,1\n", "missing-column", 1, 1},
      {"id,from,to,flow\nA,env,N,1\n", "missing-column", 1, 12},
      {"id,from,to,flow,flow_sd,Pb\nA,env,N,1,1,2\n", "missing-column", 1, 25},
      {"id,from,to,flow,flow_sd,Pb_sd\nA,env,N,1,1,2\n", "unknown-column", 1, 25},
      {"id,from,to,flow,flow_sd\nA,env,N,1O,1\n", "malformed-number", 2, 9},
      {"id,from,to,flow,flow_sd\nA,env,N,10,0\n", "out-of-range", 2, 12},
      {"id,from,to,flow,flow_sd\nA,env,N,10,\n", "missing-value", 2, 12},
      {"id,from,to,flow,flow_sd\nA,env,N,10,1\nA,N,env,10,1\n", "duplicate-stream", 3, 1},
      {"id,from,to,flow,flow_sd\nA,N,N,10,1\n", "bad-stream", 2, 5},
      {"id,from,to,flow,flow_sd\nA,env,N,10,1,7\n", "field-count", 2, 1},
      {"id,from,to,flow,flow_sd\n", "missing-key", 1, 1},
  };
  for (const Case& c : cases) {
    core::Diagnostics diags;
    EXPECT_FALSE(from_csv(c.text, diags)) << c.text;
    ASSERT_GE(diags.error_count(), 1u) << c.text;
    const auto& e = diags.items()[0];
    EXPECT_EQ(e.code, c.code) << c.text;
    EXPECT_EQ(e.line, c.line) << c.text;
    EXPECT_EQ(e.column, c.column) << c.text;
  }
}

}  // namespace
}  // namespace orebook::balance

namespace orebook::balance {
namespace {

// Normal deviates from a fixed seed, the same on every machine (Box–Muller
// on mt19937, whose sequence the standard fixes).
class Noise {
 public:
  explicit Noise(unsigned seed) : gen_(seed) {}
  double operator()() {
    const double u1 = (static_cast<double>(gen_()) + 1.0) / 4294967296.0;
    const double u2 = static_cast<double>(gen_()) / 4294967296.0;
    return std::sqrt(-2.0 * std::log(u1)) * std::cos(2.0 * 3.141592653589793 * u2);
  }

 private:
  std::mt19937 gen_;
};

// A scavenger train: ore enters unit 0 and every unit sends half on and half
// out of the plant, so flows halve along the line and fall towards zero;
// every flow is measured to ±2% but never better than ±0.5 (an instrument's
// floor), three assays to ±3%. Downstream, reconciliation would take flows
// below zero: bounds hold hundreds of them at zero, and the component
// balances of the units they empty become dependent.
BilinearProblem scavenger_train(int units, unsigned seed) {
  Noise noise(seed);
  const int n = 2 * units + 1;  // feed, then per unit: onward and product
  std::vector<Eigen::Triplet<double>> t;
  std::vector<double> flow(static_cast<std::size_t>(n));
  flow[0] = 1000.0;
  t.emplace_back(0, 0, 1.0);
  for (int i = 0; i < units; ++i) {
    const int onward = 1 + 2 * i, product = 2 + 2 * i;
    const double in = i == 0 ? flow[0] : flow[static_cast<std::size_t>(onward - 2)];
    flow[static_cast<std::size_t>(onward)] = in / 2;
    flow[static_cast<std::size_t>(product)] = in / 2;
    t.emplace_back(i, onward, -1.0);
    t.emplace_back(i, product, -1.0);
    if (i + 1 < units) t.emplace_back(i + 1, onward, 1.0);
  }
  BilinearProblem p;
  p.incidence.resize(units, n);
  p.incidence.setFromTriplets(t.begin(), t.end());
  p.components = {"Ag", "Pb", "Zn"};
  p.assay.assign(3, std::vector<std::optional<double>>(static_cast<std::size_t>(n)));
  p.assay_sd.assign(3, std::vector<double>(static_cast<std::size_t>(n)));
  for (int j = 0; j < n; ++j) {
    const auto sj = static_cast<std::size_t>(j);
    const double sd = std::max(0.02 * flow[sj], 0.5);
    p.flow.emplace_back(flow[sj] + sd * noise());
    p.flow_sd.push_back(sd);
    for (std::size_t k = 0; k < 3; ++k) {
      const double a = 2.0 + static_cast<double>(k);
      p.assay[k][sj] = a * (1 + 0.03 * noise());
      p.assay_sd[k][sj] = 0.03 * a;
    }
  }
  return p;
}

// Issue 14 §5: hundreds of dependent rows, all found in one factorisation;
// the dense solver is never called, every balance closes.
TEST(BilinearAtSize, ManyDependentRowsWithoutTheDenseSolver) {
  const BilinearProblem p = scavenger_train(300, 7);
  std::vector<std::string> ids;
  for (std::size_t j = 0; j < p.flow.size(); ++j) ids.push_back("S" + std::to_string(j));
  const BilinearResult r = reconcile_bilinear(p, {}, ids);
  EXPECT_EQ(r.summary.termination, "converged");
  EXPECT_EQ(r.summary.dense_solves, 0);
  EXPECT_GT(r.active_bounds.size(), 64u);  // more than the old solver could drop
  EXPECT_TRUE(r.unclosed.empty());
  for (const auto& f : r.flow) {
    ASSERT_TRUE(f.reconciled);
    EXPECT_GE(*f.reconciled, 0.0);
  }
}

// Balances written twice, a hundred times over: one factorisation drops
// every copy, and the sparse solver agrees with the dense one.
TEST(BilinearAtSize, DuplicatedBalancesDroppedInOneFactorisation) {
  const int nodes = 100;
  std::vector<Eigen::Triplet<double>> t;
  LinearProblem p;
  Noise noise(3);
  for (int i = 0; i < nodes; ++i) {
    // Node i: stream 2i in, 2i + 1 out; row nodes + i repeats it.
    for (int copy : {i, nodes + i}) {
      t.emplace_back(copy, 2 * i, 1.0);
      t.emplace_back(copy, 2 * i + 1, -1.0);
    }
    p.measured.emplace_back(100.0 + noise());
    p.measured.emplace_back(100.0 + noise());
    p.sd.push_back(1.0);
    p.sd.push_back(1.0);
  }
  p.incidence.resize(2 * nodes, 2 * nodes);
  p.incidence.setFromTriplets(t.begin(), t.end());
  const std::vector<bool> unmeasured(2 * nodes, false);
  const Eigen::VectorXd zero = Eigen::VectorXd::Zero(2 * nodes);
  const auto sparse = solve_sparse(p, zero, unmeasured, {}, 0.05, true);
  ASSERT_TRUE(sparse);
  const LinearResult dense = solve_dense(p, zero, unmeasured, 0.05);
  EXPECT_EQ(sparse->global.dof, nodes);
  EXPECT_EQ(dense.global.dof, nodes);
  EXPECT_NEAR(sparse->global.statistic, dense.global.statistic, 1e-9);
  for (int j = 0; j < 2 * nodes; ++j) {
    EXPECT_NEAR(*sparse->streams[static_cast<std::size_t>(j)].reconciled,
                *dense.streams[static_cast<std::size_t>(j)].reconciled, 1e-9);
    EXPECT_NEAR(*sparse->streams[static_cast<std::size_t>(j)].z,
                *dense.streams[static_cast<std::size_t>(j)].z, 1e-9);
  }
}

// A thread keeps a solve's buffers, LDLᵀ analyses and plans of V between
// solves (sparse.cpp): what it keeps may depend on patterns, never on
// values. So a problem solved by a thread that has solved others before
// (the same pattern with other values, planned on its second sight; another
// pattern in between) gives the same result, to the last bit, as in a
// thread of its own: a batch's output does not depend on which thread
// balanced which period.
LinearProblem chain_with_bypasses(int nodes, unsigned seed) {
  // Node i: fed by stream i (from node i − 1, the first from outside) and by
  // a bypass around node i − 1. Each balance weighs a stream by its own
  // factor (as a linearised metal balance weighs a flow by an assay): with
  // coefficients other than ±1, sums taken in another order round otherwise.
  Noise noise(seed);
  std::vector<Eigen::Triplet<double>> t;
  LinearProblem p;
  auto factor = [&] { return 2.0 + 0.5 * std::abs(noise()); };
  for (int i = 0; i <= nodes; ++i) {
    if (i < nodes) t.emplace_back(i, i, factor());
    if (i > 0) t.emplace_back(i - 1, i, -factor());
  }
  int j = nodes + 1;
  for (int i = 1; i + 1 < nodes; ++i, ++j) {
    t.emplace_back(i - 1, j, -factor());
    t.emplace_back(i + 1, j, factor());
  }
  p.incidence.resize(nodes, j);
  p.incidence.setFromTriplets(t.begin(), t.end());
  for (int s = 0; s < j; ++s) {
    p.measured.emplace_back(100.0 + 3.0 * noise());
    p.sd.push_back(1.0 + 0.1 * std::abs(noise()));
  }
  return p;
}

// A thread's first solve with nothing to factor (one unmeasured stream into
// a node: no reduced balance) asks the factor for its ordering all the same;
// found by the fuzzer: it bound a reference to the first of no analyses
// (UBSan in the CI's sanitizer build).
TEST(SparseSolver, NothingToFactorInAFreshThread) {
  LinearProblem p;
  std::vector<Eigen::Triplet<double>> t{{0, 0, 1.0}};
  p.incidence.resize(1, 1);
  p.incidence.setFromTriplets(t.begin(), t.end());
  p.measured = {std::nullopt};
  p.sd = {1.0};
  std::optional<LinearResult> r;
  std::thread([&] {
    r = solve_sparse(p, Eigen::VectorXd::Zero(1), {true}, {}, 0.05, true);
  }).join();
  ASSERT_TRUE(r);
  EXPECT_EQ(r->global.dof, 0);
  ASSERT_TRUE(r->streams[0].reconciled);
  EXPECT_EQ(*r->streams[0].reconciled, 0.0);
}

TEST(SparseSolver, ResultDoesNotDependOnWhatTheThreadSolvedBefore) {
  const LinearProblem p = chain_with_bypasses(40, 1);
  const LinearProblem same_pattern = chain_with_bypasses(40, 2);  // other assays
  const LinearProblem other = chain_with_bypasses(25, 3);
  const std::vector<bool> unmeasured(p.measured.size(), false);
  const std::vector<bool> other_unmeasured(other.measured.size(), false);
  const Eigen::VectorXd zero = Eigen::VectorXd::Zero(p.incidence.rows());
  const Eigen::VectorXd other_zero = Eigen::VectorXd::Zero(other.incidence.rows());
  std::optional<LinearResult> fresh, warm;
  std::thread([&] { fresh = solve_sparse(p, zero, unmeasured, {}, 0.05, true); }).join();
  std::thread([&] {
    for (int i = 0; i < 2; ++i) {
      solve_sparse(same_pattern, zero, unmeasured, {}, 0.05, true);
      solve_sparse(other, other_zero, other_unmeasured, {}, 0.05, true);
    }
    warm = solve_sparse(p, zero, unmeasured, {}, 0.05, true);
  }).join();
  ASSERT_TRUE(fresh && warm);
  EXPECT_EQ(fresh->global.statistic, warm->global.statistic);
  for (std::size_t s = 0; s < p.measured.size(); ++s) {
    EXPECT_EQ(fresh->streams[s].reconciled, warm->streams[s].reconciled) << s;
    EXPECT_EQ(fresh->streams[s].sd, warm->streams[s].sd) << s;
    EXPECT_EQ(fresh->streams[s].z, warm->streams[s].z) << s;
  }
}

}  // namespace
}  // namespace orebook::balance
