// Linear reconciliation against the worked example of docs/formulas.md §5
// and §7 (Narasimhan and Jordache, Data Reconciliation and Gross Error Detection,
// 2000): values as printed there, compared to the digits printed.

#include <gtest/gtest.h>

#include "orebook/balance/linear.h"
#include "orebook/report/format.h"

namespace orebook::balance {
namespace {

std::string fixed(double v, int d) { return report::format_fixed(v, d); }

LinearProblem example(double shift_stream2 = 0.0) {
  LinearProblem p;
  Eigen::MatrixXd a_p(4, 6);
  a_p << 1, -1, -1, 0, 0, 0,  //
      0, 1, 0, -1, 0, 0,      //
      0, 0, 1, 0, -1, 0,      //
      0, 0, 0, 1, 1, -1;
  p.incidence = a_p.sparseView();
  p.measured = {101.91, 64.45 + shift_stream2, 34.65, 64.20, 36.44, 98.88};
  p.sd.assign(6, 1.0);
  return p;
}

TEST(Linear, NarasimhanJordacheExample) {
  const LinearResult r = reconcile_linear(example(), {});
  const char* xhat[] = {"100.22", "64.50", "35.72", "64.50", "35.72", "100.22"};
  const char* z[] = {"2.070", "-0.061", "-1.310", "-0.367", "0.882", "-1.641"};
  for (std::size_t j = 0; j < 6; ++j) {
    EXPECT_EQ(fixed(*r.streams[j].reconciled, 2), xhat[j]) << j;
    EXPECT_EQ(fixed(*r.streams[j].z, 3), z[j]) << j;
    EXPECT_EQ(fixed(*r.streams[j].sd, 4), "0.5774") << j;
    EXPECT_EQ(r.streams[j].cls, VariableClass::redundant);
  }
  EXPECT_EQ(fixed(r.global.statistic, 4), "6.4075");
  EXPECT_EQ(r.global.dof, 4);
  EXPECT_TRUE(r.global.passed);  // χ²(4) at 0.05 = 9.488
  EXPECT_EQ(fixed(r.global.critical, 3), "9.488");
  const char* nodal[] = {"1.622", "0.177", "-1.266", "1.016"};
  for (std::size_t i = 0; i < 4; ++i) {
    EXPECT_EQ(fixed(*r.nodes[i].z, 3), nodal[i]) << i;
    EXPECT_NEAR(r.nodes[i].residual_after.value(), 0.0, 1e-9);
  }
}

TEST(Linear, SidakCriticalValues) {
  EXPECT_EQ(fixed(sidak_critical(0.05, 6), 3), "2.631");
  EXPECT_EQ(fixed(sidak_critical(0.05, 8), 3), "2.727");
  EXPECT_EQ(fixed(sidak_critical(0.05, 12), 3), "2.858");
}

TEST(Linear, GrossErrorFoundAndEliminated) {
  const LinearResult r = reconcile_linear(example(5.0), {});
  EXPECT_EQ(fixed(r.global.statistic, 3), "22.574");
  EXPECT_FALSE(r.global.passed);
  std::size_t worst = 0;
  for (std::size_t j = 1; j < 6; ++j)
    if (std::abs(*r.streams[j].z) > std::abs(*r.streams[worst].z)) worst = j;
  EXPECT_EQ(worst, 1u);  // stream 2
  EXPECT_EQ(fixed(std::abs(*r.streams[1].z), 3), "4.021");

  BalanceOptions opt;
  opt.eliminate = true;
  const LinearResult e = reconcile_linear(example(5.0), opt);
  ASSERT_EQ(e.eliminated.size(), 1u);
  EXPECT_EQ(e.eliminated[0], 1u);
  EXPECT_EQ(fixed(e.global.statistic, 3), "6.404");
  EXPECT_TRUE(e.global.passed);
  EXPECT_TRUE(e.streams[1].eliminated);
  EXPECT_EQ(e.streams[1].cls, VariableClass::observable);
  EXPECT_EQ(e.summary.termination, "converged");
  EXPECT_EQ(e.summary.iterations, 2);
}

TEST(Linear, UnmeasuredFlowsAreProjectedAndClassified) {
  // Stream 4 unmeasured: still observable from node 2 or node 4.
  LinearProblem p = example();
  p.measured[3].reset();
  const LinearResult r = reconcile_linear(p, {});
  EXPECT_EQ(r.streams[3].cls, VariableClass::observable);
  ASSERT_TRUE(r.streams[3].reconciled);
  EXPECT_NEAR(*r.streams[3].reconciled, *r.streams[1].reconciled, 1e-9);  // node 2: S2 = S4
  for (const auto& n : r.nodes) EXPECT_NEAR(n.residual_after.value(), 0.0, 1e-9);
  // Streams 2 and 4 both unmeasured: each is determined only as their common
  // value at node 2, which node 1 and node 4 fix: still observable.
  p.measured[1].reset();
  const LinearResult r2 = reconcile_linear(p, {});
  EXPECT_EQ(r2.streams[1].cls, VariableClass::observable);
  // Two parallel unmeasured streams between the same nodes cannot be told apart.
  LinearProblem q;
  Eigen::MatrixXd a_q(2, 4);
  a_q << 1, -1, -1, 0,  //
      0, 1, 1, -1;
  q.incidence = a_q.sparseView();
  q.measured = {10.0, std::nullopt, std::nullopt, 10.2};
  q.sd = {0.1, 1, 1, 0.1};
  const LinearResult r3 = reconcile_linear(q, {});
  EXPECT_EQ(r3.streams[1].cls, VariableClass::unobservable);
  EXPECT_FALSE(r3.streams[1].reconciled);  // never NaN: no value at all
  EXPECT_EQ(r3.streams[0].cls, VariableClass::redundant);
  EXPECT_NEAR(*r3.streams[0].reconciled, 10.1, 1e-9);
}

TEST(Linear, NonRedundantMeasurement) {
  // A measured stream whose only node has an unmeasured stream cannot be checked.
  LinearProblem p;
  Eigen::MatrixXd a_p(1, 2);
  a_p << 1, -1;
  p.incidence = a_p.sparseView();
  p.measured = {5.0, std::nullopt};
  p.sd = {0.2, 1.0};
  const LinearResult r = reconcile_linear(p, {});
  EXPECT_EQ(r.streams[0].cls, VariableClass::non_redundant);
  EXPECT_EQ(*r.streams[0].reconciled, 5.0);
  EXPECT_FALSE(r.streams[0].z);
  EXPECT_NEAR(*r.streams[1].reconciled, 5.0, 1e-12);
}

TEST(Linear, OptionsAreValidated) {
  BalanceOptions o;
  o.alpha = 1.5;
  EXPECT_EQ(o.Validate(), "BalanceOptions::alpha = 1.5; must be in (0, 1)");
  EXPECT_EQ(reconcile_linear(example(), o).summary.termination.rfind("invalid options", 0), 0u);
}

}  // namespace
}  // namespace orebook::balance

#include "orebook/balance/bilinear.h"

namespace orebook::balance {
namespace {

// docs/formulas.md §6, bilinear example: a binary separator, one feed split in two.
BilinearProblem binary_separator() {
  BilinearProblem p;
  Eigen::MatrixXd a_p(1, 3);
  a_p << 1, -1, -1;
  p.incidence = a_p.sparseView();
  p.components = {"A", "B"};
  p.flow = {1095.475, 478.402, 488.232};
  p.flow_sd = {4.8, 3.9, 4.4};
  p.assay = {{0.4822, 0.9410, 0.0197}, {0.5170, 0.0501, 0.9748}};
  p.assay_sd = {{0.0048, 0.0094, 0.0002}, {0.0052, 0.0005, 0.0097}};
  return p;
}

TEST(Bilinear, BinarySeparator) {
  const BilinearProblem p = binary_separator();
  const BilinearResult r = reconcile_bilinear(p, {}, {"F1", "F2", "F3"});
  EXPECT_EQ(r.summary.termination, "converged") << r.summary.BriefReport();
  // "F̂ ≈ [1043.79, 514.17, 529.63]": printed to two decimals.
  EXPECT_EQ(fixed(*r.flow[0].reconciled, 2), "1043.79");
  EXPECT_EQ(fixed(*r.flow[1].reconciled, 2), "514.17");
  EXPECT_EQ(fixed(*r.flow[2].reconciled, 2), "529.63");
  // "J ≈ 290 ≫ χ²(3) = 7.815: a gross error is present."
  EXPECT_NEAR(r.global.statistic, 290, 5);  // printed as ≈ 290: to the tens
  EXPECT_EQ(r.global.dof, 3);
  EXPECT_EQ(fixed(r.global.critical, 3), "7.815");
  EXPECT_FALSE(r.global.passed);
  EXPECT_LE(r.max_relative_residual, 1e-9);
  // Nodal test of the mass balance: (1095.475 − 478.402 − 488.232) / √(4.8² + 3.9² + 4.4²).
  ASSERT_EQ(r.nodes.size(), 3u);  // mass, A, B at the one node
  ASSERT_TRUE(r.nodes[0].z);
  EXPECT_NEAR(*r.nodes[0].z, 128.841 / std::sqrt(4.8 * 4.8 + 3.9 * 3.9 + 4.4 * 4.4), 1e-9);
  EXPECT_NEAR(*r.nodes[0].residual_before, 128.841, 1e-9);
  // The balances hold at the solution.
  const double f1 = *r.flow[0].reconciled, f2 = *r.flow[1].reconciled, f3 = *r.flow[2].reconciled;
  EXPECT_NEAR(f1 - f2 - f3, 0, 1e-6);
  for (std::size_t k = 0; k < 2; ++k) {
    EXPECT_NEAR(f1 * *r.assay[k][0].reconciled - f2 * *r.assay[k][1].reconciled -
                    f3 * *r.assay[k][2].reconciled,
                0, 1e-6);
  }
}

}  // namespace
}  // namespace orebook::balance

#include <random>

#include "orebook/balance/sparse.h"

namespace orebook::balance {
namespace {

// The sparse solver against the dense one (the projection of docs/formulas.md §5 as
// written) on random flowsheets with unmeasured streams: same values, σ,
// tests and classes.
TEST(Sparse, AgreesWithDenseOnRandomFlowsheets) {
  std::mt19937 rng(754);
  for (int trial = 0; trial < 2000; ++trial) {
    const int nodes = 2 + static_cast<int>(rng() % 8);
    std::vector<std::pair<int, int>> edges;                                      // -1: env
    for (int i = 0; i < nodes; ++i) edges.emplace_back(i == 0 ? -1 : i - 1, i);  // a chain
    edges.emplace_back(nodes - 1, -1);
    const int extra = static_cast<int>(rng() % 6);
    for (int e = 0; e < extra; ++e) {
      const int from = static_cast<int>(rng() % (nodes + 1)) - 1;
      int to = static_cast<int>(rng() % (nodes + 1)) - 1;
      if (to == from) to = from == -1 ? 0 : -1;
      edges.emplace_back(from, to);
    }
    Eigen::MatrixXd a = Eigen::MatrixXd::Zero(nodes, static_cast<Eigen::Index>(edges.size()));
    LinearProblem p;
    std::uniform_real_distribution<double> value(10, 100), sd(0.5, 3);
    for (std::size_t j = 0; j < edges.size(); ++j) {
      if (edges[j].second >= 0) a(edges[j].second, static_cast<Eigen::Index>(j)) += 1;
      if (edges[j].first >= 0) a(edges[j].first, static_cast<Eigen::Index>(j)) -= 1;
      p.measured.push_back(rng() % 4 == 0 ? std::nullopt : std::optional(value(rng)));
      p.sd.push_back(sd(rng));
    }
    // Now and then a balance written twice: a dependent row.
    if (rng() % 4 == 0) {
      const Eigen::Index copy = static_cast<Eigen::Index>(rng() % static_cast<unsigned>(nodes));
      a.conservativeResize(a.rows() + 1, Eigen::NoChange);
      a.row(a.rows() - 1) = a.row(copy);
    }
    p.incidence = a.sparseView();
    std::vector<bool> unmeasured;
    for (const auto& m : p.measured) unmeasured.push_back(!m);
    const Eigen::VectorXd zero = Eigen::VectorXd::Zero(a.rows());
    const auto s = solve_sparse(p, zero, unmeasured, {}, 0.05, true);
    const LinearResult d = solve_dense(p, zero, unmeasured, 0.05);
    ASSERT_TRUE(s) << trial;  // dependent balances are dropped, not handed over

    EXPECT_NEAR(s->global.statistic, d.global.statistic, 1e-8) << trial;
    EXPECT_EQ(s->global.dof, d.global.dof) << trial;
    for (std::size_t j = 0; j < edges.size(); ++j) {
      const StreamResult &x = s->streams[j], &y = d.streams[j];
      EXPECT_EQ(x.cls, y.cls) << trial << " " << j;
      ASSERT_EQ(x.reconciled.has_value(), y.reconciled.has_value()) << trial << " " << j;
      if (x.reconciled) {
        EXPECT_NEAR(*x.reconciled, *y.reconciled, 1e-8) << trial << " " << j;
      }
      ASSERT_EQ(x.sd.has_value(), y.sd.has_value()) << trial << " " << j;
      if (x.sd) {
        EXPECT_NEAR(*x.sd, *y.sd, 1e-8) << trial << " " << j;
      }
      ASSERT_EQ(x.z.has_value(), y.z.has_value()) << trial << " " << j;
      if (x.z) {
        EXPECT_NEAR(*x.z, *y.z, 1e-7) << trial << " " << j;
      }
    }
  }
}

// Dependent balances (the same node written twice; a closed circuit no
// stream leaves) are dropped by the sparse solver, which then agrees with
// the dense one.
TEST(Sparse, DependentBalancesAreDropped) {
  Eigen::MatrixXd a(2, 3);
  a << 1, -1, -1,  //
      1, -1, -1;
  LinearProblem p{a.sparseView(), {10.0, 6.0, 3.0}, {0.1, 0.1, 0.1}};
  std::vector<bool> unmeasured(3, false);
  const auto s = solve_sparse(p, Eigen::VectorXd::Zero(2), unmeasured, {}, 0.05, true);
  ASSERT_TRUE(s);
  EXPECT_EQ(s->global.dof, 1);
  EXPECT_NEAR(*s->streams[0].reconciled, 10.0 - 1.0 / 3, 1e-9);
  const LinearResult d = solve_dense(p, Eigen::VectorXd::Zero(2), unmeasured, 0.05);
  EXPECT_EQ(d.global.dof, 1);
  for (std::size_t j = 0; j < 3; ++j) {
    EXPECT_NEAR(*s->streams[j].reconciled, *d.streams[j].reconciled, 1e-9);
    EXPECT_NEAR(*s->streams[j].sd, *d.streams[j].sd, 1e-9);
    EXPECT_NEAR(*s->streams[j].z, *d.streams[j].z, 1e-9);
  }
  // A closed circuit: two streams between two nodes, nothing in or out.
  Eigen::MatrixXd loop(2, 2);
  loop << -1, 1,  //
      1, -1;
  LinearProblem q{loop.sparseView(), {50.0, 54.0}, {1.0, 1.0}};
  const auto r = solve_sparse(q, Eigen::VectorXd::Zero(2), {false, false}, {}, 0.05, true);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->global.dof, 1);
  EXPECT_NEAR(*r->streams[0].reconciled, 52.0, 1e-9);
  EXPECT_NEAR(*r->streams[1].reconciled, 52.0, 1e-9);
  EXPECT_NEAR(r->global.statistic, 8.0, 1e-9);  // (2² + 2²) / 1
}

}  // namespace
}  // namespace orebook::balance

namespace orebook::balance {
namespace {

// Serial elimination in a bilinear balance: the binary separator's feed flow
// (J ≈ 290 with it) is set aside, and the rest balances.
TEST(Bilinear, SerialElimination) {
  const BilinearProblem p = binary_separator();
  BalanceOptions o;
  o.eliminate = true;
  const BilinearResult r = reconcile_bilinear(p, o, {"F1", "F2", "F3"});
  ASSERT_EQ(r.eliminated, std::vector<std::string>{"flow F1"});
  EXPECT_TRUE(r.global.passed) << r.global.statistic;
  EXPECT_EQ(r.global.dof, 2);  // one balance fewer to test: F1 is now estimated
  ASSERT_TRUE(r.flow[0].gross_error && r.flow[0].reconciled);
  EXPECT_TRUE(r.flow[0].eliminated);
  EXPECT_DOUBLE_EQ(*r.flow[0].gross_error, 1095.475 - *r.flow[0].reconciled);
  EXPECT_GT(*r.flow[0].gross_error, 100.0);  // the feed was weighed far too high
  EXPECT_LE(r.max_relative_residual, 1e-9);
}

}  // namespace
}  // namespace orebook::balance
