// Bilinear balances of concentrator circuits: the two- and three-product
// examples of docs/formulas.md §3 as one-node balances, a Pb-Zn circuit
// with Ag, Pb and Zn assays against the three-product formula, bounds, problem
// files that must be rejected, and the uncertainties of a dataset's period.

#include <unistd.h>

#include <filesystem>
#include <fstream>

#include <gtest/gtest.h>

#include "orebook/accounting/aggregate.h"
#include "orebook/accounting/formulas.h"
#include "orebook/balance/bilinear.h"
#include "orebook/balance/check_in_out.h"
#include "orebook/balance/period_problem.h"
#include "orebook/balance/problem.h"
#include "orebook/report/format.h"

namespace orebook::balance {
namespace {

std::string fixed(double v, int d) { return report::format_fixed(v, d); }

// One node: stream 0 (feed) in, the others out; assays [k][stream] in %.
BilinearProblem one_node(std::size_t outputs, std::vector<std::string> components,
                         std::vector<std::vector<std::optional<double>>> assay) {
  BilinearProblem p;
  const auto n = static_cast<Eigen::Index>(outputs + 1);
  Eigen::MatrixXd a = Eigen::MatrixXd::Constant(1, n, -1.0);
  a(0, 0) = 1.0;
  p.incidence = a.sparseView();
  p.components = std::move(components);
  p.flow.assign(outputs + 1, std::nullopt);
  p.flow[0] = 100.0;
  p.flow_sd.assign(outputs + 1, 1.0);
  p.assay = std::move(assay);
  for (const auto& a : p.assay) {
    std::vector<double> sd;
    for (const auto& v : a) sd.push_back(v ? 0.02 * *v : 1.0);
    p.assay_sd.push_back(sd);
  }
  return p;
}

std::vector<std::string> ids(std::size_t n) {
  std::vector<std::string> out;
  for (std::size_t j = 0; j < n; ++j) out.push_back("S" + std::to_string(j + 1));
  return out;
}

// docs/formulas.md §3: f = 1.0, c = 10.0, t = 0.2 → Y = 8.163%, R = 81.63%. With the
// concentrate and tail unmeasured the balance has no redundancy: it returns
// the two-product yield, and the assays are not moved.
TEST(Circuit, TwoProductAsOneNodeBalance) {
  const BilinearProblem p = one_node(2, {"Pb"}, {{1.0, 10.0, 0.2}});
  const BilinearResult r = reconcile_bilinear(p, {}, ids(3));
  ASSERT_EQ(r.summary.termination, "converged") << r.summary.BriefReport();
  ASSERT_TRUE(r.flow[1].reconciled && r.flow[2].reconciled);
  const double yield = *r.flow[1].reconciled / 100.0;
  EXPECT_EQ(fixed(100 * yield, 3), "8.163");
  EXPECT_EQ(fixed(100 * accounting::recovery(yield * 10.0, 1.0), 2), "81.63");
  EXPECT_EQ(fixed(1 / yield, 2), "12.25");  // ratio of concentration K = 1/Y
  EXPECT_NEAR(yield, accounting::two_product_yield(1.0, 10.0, 0.2), 1e-12);
  EXPECT_EQ(r.global.dof, 0);
  EXPECT_EQ(r.flow[1].cls, VariableClass::observable);
  EXPECT_EQ(r.assay[0][1].cls, VariableClass::non_redundant);
}

// docs/formulas.md §3 three-product example: C1/F = 0.052840, C2/F = 0.093646,
// T/F = 0.853514, R_Pb = 88.07%, R_Zn = 85.84%.
TEST(Circuit, ThreeProductAsOneNodeBalance) {
  const BilinearProblem p =
      one_node(3, {"Pb", "Zn"}, {{3.0, 50.0, 2.0, 0.2}, {6.0, 8.0, 55.0, 0.5}});
  const BilinearResult r = reconcile_bilinear(p, {}, ids(4));
  ASSERT_EQ(r.summary.termination, "converged") << r.summary.BriefReport();
  EXPECT_EQ(fixed(*r.flow[1].reconciled / 100, 6), "0.052840");
  EXPECT_EQ(fixed(*r.flow[2].reconciled / 100, 6), "0.093646");
  EXPECT_EQ(fixed(*r.flow[3].reconciled / 100, 6), "0.853514");
  EXPECT_EQ(fixed(100 * accounting::recovery(*r.flow[1].reconciled * 50.0, 100 * 3.0), 2), "88.07");
  EXPECT_EQ(fixed(100 * accounting::recovery(*r.flow[2].reconciled * 55.0, 100 * 6.0), 2), "85.84");
  const auto y = accounting::three_product_yields(units::Grade::of(3.0, units::GradeUnit::percent),
                                                  units::Grade::of(6.0, units::GradeUnit::percent),
                                                  units::Grade::of(50.0, units::GradeUnit::percent),
                                                  units::Grade::of(8.0, units::GradeUnit::percent),
                                                  units::Grade::of(2.0, units::GradeUnit::percent),
                                                  units::Grade::of(55.0, units::GradeUnit::percent),
                                                  units::Grade::of(0.2, units::GradeUnit::percent),
                                                  units::Grade::of(0.5, units::GradeUnit::percent));
  ASSERT_TRUE(y);
  EXPECT_EQ(fixed(y->first.fraction(), 6), "0.052840");
  EXPECT_EQ(fixed(y->second.fraction(), 6), "0.093646");
  EXPECT_EQ(fixed(y->tail.fraction(), 6), "0.853514");
}

TEST(Circuit, ThreeProductFormulaReportsDegenerateAssays) {
  const auto pct = [](double v) { return units::Grade::of(v, units::GradeUnit::percent); };
  // Both concentrates assay alike (relative to the tail): D = 0.
  EXPECT_FALSE(accounting::three_product_yields(pct(3), pct(6), pct(20), pct(40), pct(10), pct(20),
                                                pct(0), pct(0)));
}

// A Pb-Zn circuit with exact, consistent data in every stream (flows and Ag,
// Pb, Zn assays): the balance moves nothing, J = 0, and the recoveries from the
// reconciled values equal the three-product formula's from the assays alone.
TEST(Circuit, PbZnCircuitAgreesWithThreeProductFormula) {
  // True plant: feed 1000 t; lead concentrate 60 t, zinc concentrate 95 t.
  const double feed = 1000, c1 = 60, c2 = 95, tail = feed - c1 - c2;
  const double pb[] = {0, 55.0, 1.5, 0}, zn[] = {0, 6.0, 52.0, 0}, ag[] = {0, 3000, 250, 0};
  double m_pb = c1 * pb[1] + c2 * pb[2], m_zn = c1 * zn[1] + c2 * zn[2];
  double m_ag = c1 * ag[1] + c2 * ag[2];
  // Tail assays chosen, feed assays follow from the balance.
  const double t_pb = 0.35, t_zn = 0.6, t_ag = 20;
  m_pb += tail * t_pb, m_zn += tail * t_zn, m_ag += tail * t_ag;
  BilinearProblem p = one_node(3, {"Ag", "Pb", "Zn"},
                               {{m_ag / feed, ag[1], ag[2], t_ag},
                                {m_pb / feed, pb[1], pb[2], t_pb},
                                {m_zn / feed, zn[1], zn[2], t_zn}});
  p.flow = {feed, c1, c2, tail};
  p.flow_sd = {10, 0.6, 0.95, 20};
  const BilinearResult r = reconcile_bilinear(p, {}, ids(4));
  ASSERT_EQ(r.summary.termination, "converged") << r.summary.BriefReport();
  EXPECT_NEAR(r.global.statistic, 0.0, 1e-12);
  for (std::size_t j = 0; j < 4; ++j) EXPECT_NEAR(*r.flow[j].reconciled, *p.flow[j], 1e-9);
  const auto pct = [](double v) { return units::Grade::of(v, units::GradeUnit::percent); };
  const auto y =
      accounting::three_product_yields(pct(m_pb / feed), pct(m_zn / feed), pct(pb[1]), pct(zn[1]),
                                       pct(pb[2]), pct(zn[2]), pct(t_pb), pct(t_zn));
  ASSERT_TRUE(y);
  auto rec = [&](std::size_t k, std::size_t product) {
    return accounting::recovery(*r.flow[product].reconciled * *r.assay[k][product].reconciled,
                                *r.flow[0].reconciled * *r.assay[k][0].reconciled);
  };
  EXPECT_NEAR(rec(1, 1), y->first.fraction() * pb[1] / (m_pb / feed), 1e-9);   // R_Pb
  EXPECT_NEAR(rec(2, 2), y->second.fraction() * zn[2] / (m_zn / feed), 1e-9);  // R_Zn
  // Silver reports to both concentrates.
  EXPECT_NEAR(rec(0, 1) + rec(0, 2),
              (y->first.fraction() * ag[1] + y->second.fraction() * ag[2]) / (m_ag / feed), 1e-9);
  // With every stream measured, every variable is redundant and checked.
  for (std::size_t j = 0; j < 4; ++j) EXPECT_EQ(r.flow[j].cls, VariableClass::redundant);
  EXPECT_EQ(r.global.dof, 4);  // four balances, nothing unmeasured
}

// A noisy version of the same circuit: the balances close, J follows, and
// check-in/check-out shows unaccounted metal before and none after.
TEST(Circuit, CheckInCheckOut) {
  Problem p;
  p.stream_ids = ids(3);
  p.node_ids = {"mill"};
  p.bilinear = one_node(2, {"Pb"}, {{5.2, 61.0, 0.45}});
  p.bilinear.flow = {100.0, 7.5, 93.0};
  p.bilinear.flow_sd = {1.0, 0.1, 2.0};
  p.bilinear.assay_sd = {{0.1, 0.6, 0.02}};
  p.component_labels = {"Pb %"};
  p.metal_factor = {0.01};  // t × % → t of lead
  p.metal_unit = {"t"};
  const BilinearResult r = reconcile_bilinear(p.bilinear, {}, p.stream_ids);
  ASSERT_EQ(r.summary.termination, "converged");
  const auto acc = check_in_out(p, r);
  ASSERT_EQ(acc.size(), 1u);
  // Raw: in = 100 × 5.2% = 5.2 t; out = 7.5 × 61% + 93 × 0.45% = 4.9935 t.
  EXPECT_NEAR(*acc[0].raw.in, 5.2, 1e-12);
  EXPECT_NEAR(*acc[0].raw.out, 4.9935, 1e-12);
  EXPECT_NEAR(*acc[0].raw.unaccounted, 0.2065, 1e-12);
  // σ_U² = Σ a²σ_F² + F²σ_a² (in t of lead).
  const double var = std::pow(0.052 * 1.0, 2) + std::pow(1.0 * 0.1, 2) + std::pow(0.61 * 0.1, 2) +
                     std::pow(0.075 * 0.6, 2) + std::pow(0.0045 * 2.0, 2) +
                     std::pow(0.93 * 0.02, 2);
  EXPECT_NEAR(*acc[0].raw.sd, std::sqrt(var), 1e-12);
  EXPECT_NEAR(*acc[0].raw.low(), 0.2065 - 1.96 * std::sqrt(var), 1e-12);
  EXPECT_NEAR(*acc[0].reconciled.unaccounted, 0.0, 1e-9);
}

TEST(Circuit, NegativeEstimatesAreHeldAtZero) {
  // The tail assay measured at 0.01 with a wide σ, while the products carry
  // more metal than the feed: the tail assay would go negative.
  BilinearProblem p = one_node(2, {"Pb"}, {{5.0, 60.0, 0.01}});
  p.flow = {100.0, 9.0, 91.0};
  p.flow_sd = {0.5, 0.05, 3.0};
  p.assay_sd = {{0.05, 0.3, 0.5}};
  const BilinearResult r = reconcile_bilinear(p, {}, ids(3));
  ASSERT_EQ(r.summary.termination, "converged") << r.summary.BriefReport();
  ASSERT_EQ(r.active_bounds.size(), 1u);
  EXPECT_EQ(r.active_bounds[0], "Pb S3");
  EXPECT_EQ(*r.assay[0][2].reconciled, 0.0);
  EXPECT_LE(r.max_relative_residual, 1e-9);
}

TEST(ProblemFile, ZeroOrNegativeSigmaIsRejected) {
  for (const char* sd : {"flow_sd = 0", "flow_sd = -1", "assay = { Pb = 3 }\nassay_sd = { Pb = 0 }",
                         "assay = { Pb = 3 }\nassay_sd = { Pb = -0.1 }"}) {
    core::Diagnostics diags;
    const std::string text = std::string("[[stream]]\nid = \"A\"\nfrom = \"env\"\nto = \"N\"\n") +
                             "flow = 10\nflow_sd = 1\n[[stream]]\nid = \"B\"\nfrom = \"N\"\n" +
                             "to = \"env\"\nflow = 10\n" +
                             (std::string(sd).rfind("flow_sd", 0) == 0 ? "" : "flow_sd = 1\n") +
                             sd + "\n";
    EXPECT_FALSE(load_problem_toml(text, "p.toml", diags)) << sd;
    ASSERT_EQ(diags.error_count(), 1u) << sd;
    // At the offending value: the last line of the file.
    EXPECT_EQ(diags.items()[0].line, std::count(text.begin(), text.end(), '\n')) << sd;
  }
}

// A dataset's period: uncertainties of totals are systematic (summed), row
// overrides win, and the σ of a period grade is tonnage-weighted.
class PeriodFolder : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("orebook_balance_test_" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir_);
    write("site.toml", R"(
[site]
name = "t"
currency = "USD"
[[metals]]
symbol = "Pb"
products = ["con"]
[[nodes]]
id = "mill"
[[streams]]
id = "feed"
role = "feed"
from = "env"
to = "mill"
sd = { dry_t = "2%", Pb = "5%" }
[[streams]]
id = "con"
role = "concentrate"
from = "mill"
to = "env"
sd = { dry_t = 0.5, Pb = 1.0 }
[[streams]]
id = "tail"
role = "tailings"
from = "mill"
to = "env"
sd = { dry_t = "3%", Pb = 0.05 }
)");
    write("streams.csv", R"(period,stream,dry_t,Pb_pct,dry_t_sd,Pb_pct_sd
2012-01-01,feed,100,4.0,,
2012-01-02,feed,300,6.0,9,0.2
2012-01-01,con,6,60,,
2012-01-02,con,20,62,,
2012-01-01,tail,94,0.5,,
2012-01-02,tail,280,0.6,,
)");
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  void write(const std::string& name, std::string_view text) {
    std::ofstream(dir_ / name, std::ios::binary) << text;
  }
  std::filesystem::path dir_;
};

TEST_F(PeriodFolder, UncertaintiesOfPeriodTotals) {
  core::Diagnostics diags;
  const dataset::Dataset ds = dataset::load(dir_.string(), diags);
  ASSERT_FALSE(diags.has_errors());
  const auto fs = site_flowsheet(ds, diags);
  ASSERT_TRUE(fs);
  const std::vector<calendar::Period> periods{*calendar::Period::parse("2012-01-01..2012-01-02")};
  const auto totals = accounting::aggregate(ds, periods, diags);
  const RowIndex rows(ds.streams, ds.site.streams.size());
  const PeriodProblem pp = period_problem(ds, *fs, rows, totals[0]);
  ASSERT_TRUE(pp.errors.empty());
  const BilinearProblem& b = pp.problem.bilinear;
  // feed: 400 t, σ = 2% × 100 + 9 (row override) = 11 t.
  EXPECT_DOUBLE_EQ(*b.flow[0], 400.0);
  EXPECT_DOUBLE_EQ(b.flow_sd[0], 11.0);
  // feed Pb: (100 × 4 + 300 × 6) / 400 = 5.5%; σ = (100 × 5% × 4 + 300 × 0.2) / 400 = 0.2%.
  EXPECT_NEAR(*b.assay[0][0], 5.5, 1e-12);
  EXPECT_NEAR(b.assay_sd[0][0], 0.2, 1e-12);
  // con: absolute defaults per row: σ = 0.5 + 0.5 t; Pb σ = 1% whatever the weights.
  EXPECT_DOUBLE_EQ(b.flow_sd[1], 1.0);
  EXPECT_NEAR(b.assay_sd[0][1], 1.0, 1e-12);
  // tail: 3% of each row = 3% of the total.
  EXPECT_NEAR(b.flow_sd[2], 0.03 * 374, 1e-12);
  // The check-in/check-out factor: t × % of lead in lb.
  EXPECT_NEAR(pp.problem.metal_factor[0], 0.01 / 0.45359237 * 1000, 1e-9);
}

}  // namespace
}  // namespace orebook::balance
