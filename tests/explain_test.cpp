// orebook explain: formula trees of the operating statistics, checked
// against answers computed without orebook from the real examples' CSV files
// (tests/data/explain/answers), and for every figure of every example.

#include <cmath>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iostream>
#include <string>

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "orebook/balance/period_problem.h"
#include "orebook/pipeline/explain.h"
#include "orebook/pipeline/stages.h"
#include "orebook/report/balance_report.h"
#include "orebook/report/operating_report.h"
#include "orebook/report/settlement_report.h"
#include "test_util.h"

namespace orebook {
namespace {

namespace rpt = orebook::report;

struct Run {
  dataset::Dataset ds;
  pipeline::Accounted a;
  rpt::Table table;
  core::Diagnostics diags;
};

// What `orebook explain` reads: the dataset, its periods accounted, the
// operating statistics with every stream.
std::unique_ptr<Run> run(const std::string& folder, const std::vector<std::string>& periods) {
  auto r = std::make_unique<Run>();
  r->ds = dataset::load(std::string(OREBOOK_SOURCE_DIR) + "/examples/" + folder, r->diags);
  EXPECT_FALSE(r->diags.has_errors());
  const auto ps = pipeline::parse_periods(periods, r->ds.site.fiscal_year, r->diags);
  r->a = pipeline::account(r->ds, ps, r->diags, {.cost = false, .empty_is_warning = true});
  r->table = rpt::operating_report(r->ds, r->a.stats, r->a.totals, {.all_streams = true},
                                   r->a.lot_sales, r->a.payable, r->a.equivalents);
  return r;
}

rpt::ExplainedFigure explained(Run& r, const std::string& key, std::size_t column = 0) {
  auto e = pipeline::explain_figure(r.ds, r.a, r.table, key, column, r.diags);
  EXPECT_TRUE(e.has_value()) << key;
  return e ? *e : rpt::ExplainedFigure{};
}

// The first node of the tree (depth first) that `pick` accepts.
const rpt::Explanation* find(const rpt::Explanation& n,
                             const std::function<bool(const rpt::Explanation&)>& pick) {
  if (pick(n)) return &n;
  for (const auto& c : n.inputs)
    if (const auto* f = find(c, pick)) return f;
  return nullptr;
}

// The node summing stream `id`'s dry tonnes, and the one summing its `metal`.
const rpt::Explanation* stream_node(const rpt::Explanation& root, const std::string& id,
                                    const std::string& metal = "") {
  return find(root, [&](const rpt::Explanation& n) {
    if (!n.rows || n.rows->what != "stream '" + id + "'") return false;
    return metal.empty() ? n.unit == "t"
                         : n.formula.find(" " + metal + " grade") != std::string::npos;
  });
}

void expect_near(double got, double want, const std::string& what) {
  EXPECT_NEAR(got, want, 1e-9 * std::max(1.0, std::abs(want))) << what;
}

constexpr double kGramsPerTroyOunce = 31.1034768;
constexpr double kKgPerPound = 0.45359237;

double tonnes_of(double value, const std::string& unit) {
  if (unit == "oz") return value * kGramsPerTroyOunce / 1e6;
  if (unit == "lb") return value * kKgPerPound / 1e3;
  return value;
}

class Answers : public ::testing::TestWithParam<std::string> {};

// Every figure an answer file holds, from the tree of the figure that uses it.
TEST_P(Answers, TreesAgreeWithIndependentAnswers) {
  std::ifstream in(std::string(OREBOOK_SOURCE_DIR) + "/tests/data/explain/answers/" + GetParam() +
                   ".json");
  ASSERT_TRUE(in) << GetParam();
  const nlohmann::json want = nlohmann::json::parse(in);
  auto r = run(want["dataset"], {want["period"]});

  const auto processed = explained(*r, "mill.ore_processed");
  expect_near(*processed.root.value, want["ore_processed_t"], "ore processed");
  if (!want["ore_mined_t"].is_null()) {
    expect_near(*explained(*r, "mine.ore_mined").root.value, want["ore_mined_t"], "ore mined");
  }
  const auto throughput = explained(*r, "mill.throughput");
  expect_near(*throughput.root.value, want["throughput_tpd"], "throughput");
  EXPECT_EQ(throughput.root.inputs.at(1).value, want["calendar_days"].get<double>());

  for (const auto& [symbol, m] : want["metals"].items()) {
    const auto head = explained(*r, "mill.head_grade." + symbol);
    expect_near(*head.root.value, m["head_grade"], symbol + " head grade");
    EXPECT_EQ(head.root.unit, m["grade_unit"]);
    const auto recovery = explained(*r, "recovery." + symbol);
    expect_near(*recovery.root.value, m["recovery_pct"], symbol + " recovery");
    const auto production = explained(*r, "production." + symbol);
    expect_near(*production.root.value, m["production"], symbol + " production");
    EXPECT_EQ(production.root.unit, m["production_unit"]);
    // The production under the recovery is the production figure's tree.
    expect_near(*recovery.root.inputs.at(0).value, m["production"], symbol + " in recovery");
    if (m.contains("production_lines")) {
      ASSERT_TRUE(production.root.rows.has_value()) << symbol;
      EXPECT_EQ(production.root.rows->lines,
                m["production_lines"].get<std::vector<std::uint32_t>>())
          << symbol;
    }

    // Each stream's rows and sums, in the trees of the head grade (feed)
    // and of the production (products).
    for (const auto& [id, s] : want["streams"].items()) {
      const rpt::ExplainedFigure* tree = nullptr;
      const auto& streams = r->ds.site.streams;
      const auto sid = r->ds.site.find_stream(id);
      ASSERT_TRUE(sid.has_value()) << id;
      if (streams[*sid].role == dataset::StreamRole::feed) {
        tree = &head;
      } else if (streams[*sid].role == dataset::StreamRole::concentrate) {
        tree = &production;
      } else {
        continue;
      }
      const auto* metal = stream_node(tree->root, id, symbol);
      if (!metal) continue;  // a concentrate that is not this metal's product
      ASSERT_TRUE(metal->rows.has_value());
      const auto& lines = metal->rows->lines;
      ASSERT_EQ(lines.size(), s["rows"].get<std::size_t>()) << id;
      EXPECT_EQ(lines.front(), s["first_line"].get<std::uint32_t>()) << id;
      EXPECT_EQ(lines.back(), s["last_line"].get<std::uint32_t>()) << id;
      const auto& contained = s["contained_t"][symbol];
      if (contained.is_null()) {
        EXPECT_FALSE(metal->value.has_value()) << id << " " << symbol;
      } else {
        ASSERT_TRUE(metal->value.has_value()) << id << " " << symbol;
        expect_near(tonnes_of(*metal->value, metal->unit), contained, id + " " + symbol);
      }
    }
  }
  for (const auto& [id, s] : want["streams"].items()) {
    const auto tonnes = explained(*r, "stream." + id + ".tonnes");
    expect_near(*tonnes.root.value, s["dry_t"], id + " tonnes");
    EXPECT_EQ(tonnes.root.rows->lines.size(), s["rows"].get<std::size_t>());
  }
  EXPECT_FALSE(r->diags.has_errors());
}

INSTANTIATE_TEST_SUITE_P(RealExamples, Answers,
                         ::testing::Values("san-gonzalo-2013", "san-gonzalo-2014Q1",
                                           "nuestra-senora-2013", "nuestra-senora-2014H1"));

// A node summing its inputs gives their sum.
void expect_sums_add_up(const rpt::Explanation& n, const std::string& key) {
  if (n.formula.starts_with("Σ") && !n.inputs.empty() && n.value) {
    double sum = 0.0;
    for (const auto& c : n.inputs) {
      ASSERT_TRUE(c.value.has_value()) << key << ": " << c.label;
      ASSERT_EQ(c.unit, n.unit) << key << ": " << c.label;
      sum += *c.value;
    }
    EXPECT_NEAR(*n.value, sum, 1e-9 * std::max(1.0, std::abs(sum))) << key << ": " << n.label;
  }
  if (!n.value) {
    EXPECT_FALSE(n.note.empty()) << key << ": " << n.label << " is unknown without saying why";
  }
  for (const auto& c : n.inputs) expect_sums_add_up(c, key);
}

struct ExampleCase {
  std::string folder;
  std::vector<std::string> periods;
};

TEST(Explain, EveryFigureOfEveryExampleHasItsTree) {
  const ExampleCase cases[] = {
      {"nuestra-senora", {"2014Q2", "2013", "2011Q3"}},
      // 2013: AgEq across the change of prices on 2013-07-01, in two pieces.
      {"san-gonzalo", {"2013Q4", "2013H2", "2012", "2013"}},
      {"cerro-los-gatos", {"2021Q1", "2020", "2019Q3"}},
      {"mount-polley", {"2014Q2", "2013"}},
      {"demo-mine", {"2012Q1", "2012-03", "2012-02-10"}},
  };
  std::size_t traced = 0;
  for (const auto& c : cases) {
    auto r = run(c.folder, c.periods);
    for (const auto& f : r->table.figures) {
      for (std::size_t k = 0; k < f.values.size(); ++k) {
        const auto e = pipeline::explain_figure(r->ds, r->a, r->table, f.key, k, r->diags);
        ASSERT_TRUE(e.has_value()) << c.folder << " " << f.key << " " << c.periods[k];
        EXPECT_EQ(e->root.value, f.values[k]) << c.folder << " " << f.key;
        expect_sums_add_up(e->root, c.folder + " " + f.key);
        ++traced;
      }
    }
    EXPECT_FALSE(r->diags.has_errors()) << c.folder;
  }
  EXPECT_GT(traced, 300u);
}

// Every figure of the tables of `orebook results` and `orebook settle`, in
// every column (a lot's valuations, guidance's year to date, run rate, low
// and high): its tree gives the figure.
TEST(Explain, EveryFigureOfResultsAndSettleHasItsTree) {
  const ExampleCase cases[] = {
      {"demo-mine", {"2012Q1"}}, {"demo-mine", {"2012Q2"}}, {"nuestra-senora", {"2014Q1"}}};
  std::size_t traced = 0;
  for (const auto& c : cases) {
    core::Diagnostics diags;
    const auto ds = dataset::load(std::string(OREBOOK_SOURCE_DIR) + "/examples/" + c.folder, diags);
    const auto ps = pipeline::parse_periods(c.periods, ds.site.fiscal_year, diags);
    const auto a = pipeline::account(ds, ps, diags);
    ASSERT_FALSE(diags.has_errors()) << c.folder;
    auto tables = pipeline::results_tables(ds, ps, a, diags);
    ASSERT_TRUE(tables.has_value()) << c.folder;
    if (ds.lots.present) {
      for (auto& t : rpt::settlement_report(ds, a.lot_sales[0])) tables->push_back(std::move(t));
    }
    for (const auto& table : *tables) {
      for (const auto& f : table.figures) {
        for (std::size_t k = 0; k < f.values.size(); ++k) {
          const auto e = pipeline::explain_figure(ds, a, table, f.key, k, diags);
          ASSERT_TRUE(e.has_value()) << c.folder << " " << f.key << " " << table.periods[k];
          EXPECT_EQ(e->root.value, f.values[k]) << c.folder << " " << f.key;
          expect_sums_add_up(e->root, c.folder + " " + f.key);
          ++traced;
        }
      }
    }
    EXPECT_FALSE(diags.has_errors()) << c.folder;
    for (const auto& d : diags.items())
      if (d.severity == core::Severity::error) ADD_FAILURE() << d.code << ": " << d.message;
  }
  EXPECT_GT(traced, 60u);
  std::cout << traced << " figures traced\n";
}

// San Gonzalo's AgEq of 2013 across the change of its fixed prices on
// 2013-07-01 (site.toml: 55:1 from 2013-01-01, line 58; 65:1 from 2013-07-01,
// line 63), from examples/san-gonzalo/streams.csv by hand (bulk_con, g/t):
//   H1: Ag = 568 t × 8,720 + 636 t × 7,280 = 9,583,040 g = 308,101.89 oz
//       Au = 568 t × 31.4  + 636 t × 28.1  =    35,706.8 g =   1,148.000 oz
//       AgEq = 308,101.89 + 1,148.000 × 55 ÷ 1 = 371,241.91 oz
//   H2: Ag = 610 t × 7,460 + 617 t × 7,440 = 9,141,080 g = 293,892.55 oz
//       Au = 610 t × 32.2  + 617 t × 35    =    41,237 g   =   1,325.800 oz
//       AgEq = 293,892.55 + 1,325.800 × 65 ÷ 1 = 380,069.57 oz
//   2013: 371,241.91 + 380,069.57 = 751,311.47 oz (the report prints 751,311).
// (oz = g ÷ 31.1034768.)
TEST(Explain, EquivalentAcrossAPriceChangeByHand) {
  auto r = run("san-gonzalo", {"2013"});
  const auto e = explained(*r, "production.equivalent.AgEq");
  const auto oz = [](double grams) { return grams / kGramsPerTroyOunce; };
  struct Piece {
    std::string period;
    double ag_oz, au_oz, au_price;
    std::uint32_t prices_line;
  };
  const Piece pieces[] = {
      {"2013H1", oz(568 * 8720.0 + 636 * 7280.0), oz(568 * 31.4 + 636 * 28.1), 55, 58},
      {"2013H2", oz(610 * 7460.0 + 617 * 7440.0), oz(610 * 32.2 + 617 * 35.0), 65, 63},
  };
  ASSERT_EQ(e.root.inputs.size(), 2u);
  double total = 0.0;
  for (std::size_t i = 0; i < 2; ++i) {
    const Piece& p = pieces[i];
    const auto& piece = e.root.inputs[i];
    EXPECT_NE(piece.label.find(p.period), std::string::npos) << piece.label;
    ASSERT_EQ(piece.inputs.size(), 2u) << p.period;  // the Ag and Au terms
    const auto& ag = piece.inputs[0];
    const auto& au = piece.inputs[1];
    // Ag: q, f, P; Au: q, f, P, f_Ag, P_Ag.
    ASSERT_EQ(ag.inputs.size(), 3u);
    ASSERT_EQ(au.inputs.size(), 5u);
    expect_near(*ag.inputs[0].value, p.ag_oz, p.period + " Ag produced");
    EXPECT_TRUE(ag.inputs[0].key.empty()) << "a piece's production is no figure of the report";
    EXPECT_EQ(ag.inputs[1].value, 1.0);
    EXPECT_EQ(ag.inputs[2].value, 1.0);
    expect_near(*au.inputs[0].value, p.au_oz, p.period + " Au produced");
    EXPECT_EQ(au.inputs[1].value, 1.0);
    EXPECT_EQ(au.inputs[2].value, p.au_price);
    EXPECT_NE(au.inputs[2].note.find("site.toml line " + std::to_string(p.prices_line)),
              std::string::npos)
        << au.inputs[2].note;
    EXPECT_EQ(au.inputs[3].value, 1.0);
    EXPECT_EQ(au.inputs[4].value, 1.0);
    expect_near(*ag.value, p.ag_oz, p.period + " Ag term");
    expect_near(*au.value, p.au_oz * p.au_price, p.period + " Au term");
    expect_near(*piece.value, p.ag_oz + p.au_oz * p.au_price, p.period);
    total += p.ag_oz + p.au_oz * p.au_price;
  }
  expect_near(*e.root.value, total, "2013");
  EXPECT_NEAR(*e.root.value, 751311.47, 0.005);
  EXPECT_FALSE(r->diags.has_errors());
}

// The equivalents of `orebook results` on the realized basis with lots (the
// lots' realized prices) and on the fixed basis with factors, their costs
// per unit, and each column of guidance (tests/golden/results-demo-equivalent).
TEST(Explain, EquivalentsCostsAndGuidanceOfResults) {
  core::Diagnostics diags;
  const auto ds = dataset::load(
      std::string(OREBOOK_SOURCE_DIR) + "/tests/golden/results-demo-equivalent/dataset", diags);
  const auto ps = pipeline::parse_periods({"2012Q2", "2012Q1"}, ds.site.fiscal_year, diags);
  const auto a = pipeline::account(ds, ps, diags);
  ASSERT_FALSE(diags.has_errors());
  const auto tables = pipeline::results_tables(ds, ps, a, diags);
  ASSERT_TRUE(tables.has_value());
  std::size_t equivalents = 0, costs = 0, guidance = 0;
  for (const auto& table : *tables) {
    for (const auto& f : table.figures) {
      const bool eq = f.key.starts_with("production.equivalent.");
      const bool cost = f.key.starts_with("costs.cash_cost_per_equivalent.") ||
                        f.key.starts_with("costs.aisc_per_equivalent.");
      const bool g = f.key.starts_with("guidance.");
      if (!eq && !cost && !g) continue;
      for (std::size_t k = 0; k < f.values.size(); ++k) {
        const auto e = pipeline::explain_figure(ds, a, table, f.key, k, diags);
        ASSERT_TRUE(e.has_value()) << f.key << " " << table.periods[k];
        EXPECT_EQ(e->root.value, f.values[k]) << f.key;
        expect_sums_add_up(e->root, f.key);
        if (eq && f.key == "production.equivalent.AgEq") {
          // Realized basis with lots: each P is the lots' realized price.
          for (const auto& term : e->root.inputs) {
            const std::string& p = term.inputs.at(2).label;
            for (std::size_t m = 0; m < ds.site.metals.size(); ++m) {
              if (p.find("(P_" + ds.site.metals[m].symbol + ")") == std::string::npos) continue;
              EXPECT_EQ(term.inputs.at(2).value, a.lot_sales[k].realized_price[m]) << p;
            }
          }
        }
        if (eq && f.key == "production.equivalent.AgEqFixed") {
          EXPECT_EQ(e->root.inputs.at(2).inputs.at(1).value, 0.85);  // f_Zn
          EXPECT_EQ(e->root.inputs.at(2).inputs.at(2).value, 0.89);  // P_Zn
        }
        if (cost) {
          ASSERT_EQ(e->root.inputs.size(), 2u);
          EXPECT_EQ(e->root.inputs[1].key, f.key.substr(f.key.rfind('.') + 1) == "AgEq"
                                               ? "production.equivalent.AgEq"
                                               : "production.equivalent.AgEqFixed");
        }
        (eq ? equivalents : cost ? costs : guidance) += 1;
      }
      if (f.key == "guidance.Ag") {
        // Q2 2012: the year to date is 2012-01-01 to 2012-06-30, 182 of 366
        // days; site.toml [[guidance]] 2012 Ag: 2,200,000 to 2,500,000 oz.
        const auto ytd = pipeline::explain_figure(ds, a, table, f.key, 0, diags);
        const auto rate = pipeline::explain_figure(ds, a, table, f.key, 1, diags);
        ASSERT_TRUE(ytd && rate);
        EXPECT_NE(ytd->root.label.find("2012H1"), std::string::npos) << ytd->root.label;
        ASSERT_EQ(rate->root.inputs.size(), 3u);
        EXPECT_EQ(rate->root.inputs[1].value, 182.0);
        EXPECT_EQ(rate->root.inputs[2].value, 366.0);
        expect_near(*rate->root.value, *ytd->root.value * 366 / 182, "run rate");
        EXPECT_EQ(pipeline::explain_figure(ds, a, table, f.key, 2, diags)->root.value, 2200000.0);
        EXPECT_EQ(pipeline::explain_figure(ds, a, table, f.key, 3, diags)->root.value, 2500000.0);
      }
    }
  }
  EXPECT_EQ(equivalents, 2u * 2u);
  EXPECT_EQ(costs, 2u * 2u * 2u);
  EXPECT_GE(guidance, 4u);
  EXPECT_FALSE(diags.has_errors());
}

// The realized basis from sales.csv: each P is the realized price's tree,
// and prices in two currencies make the equivalent unknown, saying why.
// By hand, January (Ag in oz, Pb in lb; Pb factor 0.9):
//   Ag = 50 t × 1,000 g/t + 40 t × 100 g/t = 54,000 g ÷ 31.1034768 = 1,736.14 oz
//   Pb = 50 t × 60% = 30 t = 30,000 kg ÷ 0.45359237 = 66,138.68 lb
//   P_Ag = 30 USD/oz, P_Pb = 1 USD/lb (sales.csv)
//   AgEq = 1,736.14 + 66,138.68 × 0.9 × 1 ÷ (1 × 30) = 1,736.14 + 1,984.16 = 3,720.30 oz
TEST(Explain, EquivalentAtRealizedPricesOfSales) {
  core::Diagnostics diags;
  const std::string site = std::string(testing::kSite) +
                           "\n[[equivalents]]\nlabel = \"AgEq\"\nbase = \"Ag\"\n"
                           "metals = [\"Ag\", \"Pb\"]\nbasis = \"realized\"\n"
                           "factors = { Pb = 0.9 }\n";
  auto ds = testing::load_strings(site,
                                  "period,stream,dry_t,Ag_gpt,Pb_pct,Zn_pct\n"
                                  "2024-01,feed,1000,100,2,3\n"
                                  "2024-01,pb_con,50,1000,60,5\n"
                                  "2024-01,zn_con,40,100,1,50\n"
                                  "2024-02,feed,1000,100,2,3\n"
                                  "2024-02,pb_con,50,1000,60,5\n"
                                  "2024-02,zn_con,40,100,1,50\n",
                                  diags,
                                  "period,metal,payable,unit,price,currency\n"
                                  "2024-01,Ag,1000,oz,30,USD\n"
                                  "2024-01,Pb,10000,lb,1,USD\n"
                                  "2024-02,Ag,1000,oz,30,USD\n"
                                  "2024-02,Pb,10000,lb,1.5,CAD\n");
  ASSERT_FALSE(diags.has_errors());
  const auto periods = pipeline::parse_periods({"2024-01", "2024-02"}, std::nullopt, diags);
  const auto a = pipeline::account(ds, periods, diags, {.cost = false});
  const auto table =
      rpt::operating_report(ds, a.stats, a.totals, {.all_streams = true}, {}, {}, a.equivalents);
  const auto jan = pipeline::explain_figure(ds, a, table, "production.equivalent.AgEq", 0, diags);
  ASSERT_TRUE(jan.has_value());
  const double ag = (50 * 1000.0 + 40 * 100.0) / kGramsPerTroyOunce;
  const double pb = 50 * 0.60 * 1000 / kKgPerPound;
  expect_near(*jan->root.value, ag + pb * 0.9 * 1 / (1 * 30), "AgEq");
  ASSERT_EQ(jan->root.inputs.size(), 2u);
  const auto& pb_term = jan->root.inputs[1];
  ASSERT_EQ(pb_term.inputs.size(), 5u);
  expect_near(*pb_term.inputs[0].value, pb, "Pb produced");
  EXPECT_EQ(pb_term.inputs[1].value, 0.9);
  const auto& price = pb_term.inputs[2];
  EXPECT_EQ(price.key, "");
  expect_near(*price.value, 1.0, "P_Pb");
  ASSERT_TRUE(price.rows.has_value());  // the sales.csv rows of its tree
  EXPECT_EQ(price.rows->lines, std::vector<std::uint32_t>{3});
  expect_near(*pb_term.inputs[4].value, 30.0, "P_Ag");
  expect_near(*pb_term.value, pb * 0.9 / 30, "Pb term");
  expect_sums_add_up(jan->root, "2024-01");

  const auto feb = pipeline::explain_figure(ds, a, table, "production.equivalent.AgEq", 1, diags);
  ASSERT_TRUE(feb.has_value());
  EXPECT_FALSE(feb->root.value.has_value());
  EXPECT_NE(feb->root.note.find("in USD and CAD"), std::string::npos) << feb->root.note;
  EXPECT_FALSE(diags.has_errors());
}

// Fixed prices changing inside the period: monthly rows make the pieces
// (January at 1:50, February and March at 1:60 in Pb per Ag oz, by hand:
// Σ over the months of Ag + Pb × P_Pb ÷ P_Ag); a quarterly row across the
// change leaves them unknown (a piece's production is unknown: the row lies
// only partly inside it), and so does a period before the first prices, each
// saying why.
TEST(Explain, EquivalentPiecesAndWhyTheyAreUnknown) {
  const std::string site = std::string(testing::kSite) +
                           "\n[[equivalents]]\nlabel = \"AgEq\"\nbase = \"Ag\"\n"
                           "metals = [\"Ag\", \"Pb\"]\nbasis = \"fixed\"\n"
                           "[[equivalents.prices]]\nfrom = 2024-01-01\nAg = 50\nPb = 1\n"
                           "[[equivalents.prices]]\nfrom = 2024-02-01\nAg = 60\nPb = 1\n";
  const std::string header = "period,stream,dry_t,Ag_gpt,Pb_pct,Zn_pct\n";
  std::string monthly = header;
  for (const char* month : {"2024-01", "2024-02", "2024-03"}) {
    monthly += fmt::format(
        "{0},feed,1000,100,2,3\n{0},pb_con,50,1000,60,5\n{0},zn_con,40,100,1,50\n", month);
  }
  const std::string quarterly =
      header +
      "2024Q1,feed,3000,100,2,3\n2024Q1,pb_con,150,1000,60,5\n2024Q1,zn_con,120,100,1,50\n";
  const double ag = (50 * 1000.0 + 40 * 100.0) / kGramsPerTroyOunce;  // a month's
  const double pb = 50 * 0.60 * 1000 / kKgPerPound;
  struct Case {
    std::string streams, period;
    std::optional<double> want;
    std::string why;
  };
  const Case cases[] = {
      {monthly, "2024Q1", ag + pb / 50 + 2 * (ag + pb / 60), ""},
      {quarterly, "2024Q1", std::nullopt,
       "its prices change on 2024-02-01, and the row at streams.csv:2 runs across that day, so "
       "Silver production of 2024-01 is unknown"},
      {monthly, "2023-12-31..2024-01-31", std::nullopt, "no prices are in force before 2024-01-01"},
  };
  for (const Case& c : cases) {
    core::Diagnostics diags;
    auto ds = testing::load_strings(site, c.streams, diags);
    ASSERT_FALSE(diags.has_errors());
    const auto periods = pipeline::parse_periods({c.period}, std::nullopt, diags);
    const auto a = pipeline::account(ds, periods, diags, {.cost = false, .empty_is_warning = true});
    const auto table =
        rpt::operating_report(ds, a.stats, a.totals, {.all_streams = true}, {}, {}, a.equivalents);
    const auto e = pipeline::explain_figure(ds, a, table, "production.equivalent.AgEq", 0, diags);
    ASSERT_TRUE(e.has_value()) << c.period;
    if (c.want) {
      expect_near(*e->root.value, *c.want, c.period);
      ASSERT_EQ(e->root.inputs.size(), 2u);  // January, then February and March
      expect_near(*e->root.inputs[0].value, ag + pb / 50, "January");
      expect_near(*e->root.inputs[1].value, 2 * (ag + pb / 60), "February and March");
      expect_sums_add_up(e->root, c.period);
    } else {
      EXPECT_FALSE(e->root.value.has_value()) << c.period;
      EXPECT_NE(e->root.note.find(c.why), std::string::npos) << e->root.note;
      if (c.streams == quarterly) {
        // January's piece says which row: the quarter's, only partly inside it.
        ASSERT_EQ(e->root.inputs.size(), 2u);
        const auto* row = find(e->root.inputs[0], [](const rpt::Explanation& n) {
          return n.rows && n.rows->partial_line != 0;
        });
        ASSERT_NE(row, nullptr);
        EXPECT_NE(row->note.find("partly inside"), std::string::npos) << row->note;
      }
    }
    EXPECT_FALSE(diags.has_errors()) << c.period;
  }
}

// report --reconciled: every figure has a tree equal to it; each stream's
// node stands over its measured total (that of the plain report) and holds
// the reconciled value, the σ of the measurement and the adjustment that
// `orebook balance` prints for the stream (its table, from the same calls).
TEST(Explain, ReconciledTreesFollowTheBalance) {
  const std::string root = std::string(OREBOOK_SOURCE_DIR) + "/examples/demo-mine";
  // 2012-03-10: the tailings' Zn assay fails its measurement test.
  std::size_t flagged = 0;
  for (const std::string period : {"2012-03", "2012Q1", "2012-03-10"}) {
    core::Diagnostics diags;
    const dataset::Dataset ds = dataset::load(root, diags);
    const auto periods = pipeline::parse_periods({period}, ds.site.fiscal_year, diags);
    const auto a = pipeline::account(ds, periods, diags, {.reconciled = true, .cost = false});
    const auto plain = pipeline::account(ds, periods, diags, {.cost = false});
    ASSERT_FALSE(diags.has_errors()) << period;
    const auto table = rpt::operating_report(ds, a.stats, a.totals, {.all_streams = true},
                                             a.lot_sales, a.payable, a.equivalents);

    // What `orebook balance DATASET --period P` computes and prints.
    const auto flowsheet = balance::site_flowsheet(ds, diags);
    ASSERT_TRUE(flowsheet.has_value());
    const auto totals = accounting::aggregate(ds, periods, diags);
    const balance::RowIndex index(ds.streams, ds.site.streams.size());
    const auto b = balance::balance_period(ds, *flowsheet, index, totals.front());
    ASSERT_TRUE(b.bilinear.has_value()) << period;
    const auto balance_tables = rpt::balance_tables(b.problem.problem, *b.bilinear);
    auto balance_row = [&](const std::string& key) -> const rpt::Figure* {
      for (const auto& f : balance_tables.front().figures)
        if (f.key == key) return &f;
      return nullptr;
    };

    std::size_t streams_checked = 0;
    for (const auto& f : table.figures) {
      const auto e = pipeline::explain_figure(ds, a, table, f.key, 0, diags);
      ASSERT_TRUE(e.has_value()) << period << " " << f.key;
      EXPECT_EQ(e->root.value, f.values[0]) << period << " " << f.key;

      // A stream's tonnes or grade (in the metal's grade unit): the balance's variable.
      for (std::size_t s = 0; s < ds.site.streams.size(); ++s) {
        const dataset::Stream& stream = ds.site.streams[s];
        const std::string prefix =
            (stream.role == dataset::StreamRole::concentrate ? "product." : "stream.") + stream.id +
            ".";
        std::string variable;
        double measured_total = 0.0;
        if (f.key == prefix + "tonnes") {
          variable = "stream." + stream.id;
          measured_total = plain.totals[0].streams[s].dry.tonnes();
        }
        for (std::size_t m = 0; m < ds.site.metals.size(); ++m) {
          if (f.key != prefix + "grade." + ds.site.metals[m].symbol) continue;
          if (!plain.totals[0].streams[s].grade(m)) continue;  // not assayed
          variable = "stream." + stream.id + ".assay." + ds.site.metals[m].symbol;
          measured_total = plain.totals[0].streams[s].grade(m)->in(ds.site.metals[m].grade_unit);
        }
        if (variable.empty()) continue;
        const rpt::Figure* row = balance_row(variable);
        ASSERT_NE(row, nullptr) << variable;
        const auto& node = e->root;
        const std::string what = period + " " + f.key;
        // measured, reconciled, adjustment, sd before (balance_report.cpp).
        ASSERT_TRUE(row->values[1].has_value()) << what;
        expect_near(*node.value, *row->values[1], what + " reconciled");
        ASSERT_EQ(node.inputs.size(), 2u) << what;
        const auto& measured = node.inputs[0];
        ASSERT_TRUE(measured.value.has_value()) << what;
        expect_near(*measured.value, measured_total, what + " measured");
        expect_near(*measured.value, *row->values[0], what + " measured by the balance");
        EXPECT_TRUE(measured.key.empty()) << what;
        ASSERT_TRUE(measured.rows.has_value() || !measured.inputs.empty()) << what;
        const auto& adjustment = node.inputs[1];
        expect_near(*adjustment.value, *row->values[2], what + " adjustment");
        ASSERT_EQ(adjustment.inputs.size(), 2u) << what;
        expect_near(*adjustment.inputs[0].value, *row->values[3], what + " σ");
        // The other measurements it was balanced with: the flowsheet's four
        // other streams, each over its rows in the period; so its provenance
        // names them (a changed tailings assay moves a reconciled concentrate).
        const auto& with = adjustment.inputs[1];
        ASSERT_EQ(with.inputs.size(), 4u) << what;
        for (const auto& other : with.inputs) {
          ASSERT_TRUE(other.rows.has_value()) << what;
          EXPECT_NE(other.rows->what, "stream '" + stream.id + "'") << what;
          EXPECT_FALSE(other.rows->lines.empty()) << what;
        }
        std::size_t files = 0;
        for (const auto& r : pipeline::source_rows(node)) files += r.what.starts_with("stream '");
        EXPECT_EQ(files, 5u) << what;
        // Flagged exactly when the balance suspects a gross error.
        const bool suspect =
            row->values[5] && std::abs(*row->values[5]) > b.bilinear->measurement_critical;
        EXPECT_EQ(adjustment.note.starts_with("flagged"), suspect) << what << adjustment.note;
        flagged += suspect ? 1 : 0;
        ++streams_checked;
      }
    }
    // Tonnes of the five streams, and the grades of the four assayed ones.
    EXPECT_EQ(streams_checked, 5u + 4u * 3u) << period;
    EXPECT_FALSE(diags.has_errors()) << period;
  }
  EXPECT_GE(flagged, 1u);
}

// A stockpile's measured stock change is reconciled with the flows around
// it, so the reconciled report closes at the stockpile: mined in, feed and
// the stock change out (measured: 20,000 − 21,400 − (−1,500) = 100 t).
TEST(Explain, ReconciledStockChangeClosesTheStockpile) {
  core::Diagnostics diags;
  const dataset::Dataset ds = dataset::load(
      std::string(OREBOOK_SOURCE_DIR) + "/tests/golden/balance-stock-change/dataset", diags);
  const auto periods = pipeline::parse_periods({"2012-01"}, ds.site.fiscal_year, diags);
  const auto plain = pipeline::account(ds, periods, diags, {.cost = false});
  const auto a = pipeline::account(ds, periods, diags, {.reconciled = true, .cost = false});
  ASSERT_FALSE(diags.has_errors());
  auto tonnes = [&](const pipeline::Accounted& x, const std::string& id) {
    for (std::size_t s = 0; s < ds.site.streams.size(); ++s)
      if (ds.site.streams[s].id == id) return x.totals[0].streams[s].dry.tonnes();
    ADD_FAILURE() << id;
    return 0.0;
  };
  auto closure = [&](const pipeline::Accounted& x) {
    return tonnes(x, "mined") - tonnes(x, "feed") - tonnes(x, "pad_survey");
  };
  EXPECT_NEAR(closure(plain), 100.0, 1e-9);
  EXPECT_NEAR(closure(a), 0.0, 1e-6);
  EXPECT_NE(tonnes(a, "pad_survey"), -1500.0);
}

// An idle day (every measured flow zero, 2012-02-15): nothing is balanced,
// each stream's figure is its measured value and says why.
TEST(Explain, ReconciledIdleDayIsAsMeasured) {
  core::Diagnostics diags;
  const dataset::Dataset ds =
      dataset::load(std::string(OREBOOK_SOURCE_DIR) + "/examples/demo-mine", diags);
  const auto periods = pipeline::parse_periods({"2012-02-15"}, ds.site.fiscal_year, diags);
  const auto a = pipeline::account(ds, periods, diags, {.reconciled = true, .cost = false});
  ASSERT_FALSE(diags.has_errors());
  const auto table = rpt::operating_report(ds, a.stats, a.totals, {.all_streams = true},
                                           a.lot_sales, a.payable, a.equivalents);
  const auto e = pipeline::explain_figure(ds, a, table, "stream.mill_feed.tonnes", 0, diags);
  ASSERT_TRUE(e.has_value());
  EXPECT_EQ(e->root.formula, "as measured");
  EXPECT_NE(e->root.note.find("idle"), std::string::npos) << e->root.note;
  ASSERT_EQ(e->root.inputs.size(), 1u);
  EXPECT_EQ(e->root.inputs[0].value, e->root.value);
  EXPECT_FALSE(diags.has_errors());
}

// A row that lies only partly inside the period: the stream is unknown, the
// tree says why and names the row.
TEST(Explain, RowPartlyInsideThePeriodIsNamed) {
  core::Diagnostics diags;
  auto ds = testing::load_strings(testing::kSite,
                                  "period,stream,dry_t,Ag_gpt,Pb_pct,Zn_pct\n"
                                  "2024-01,feed,1000,100,2,3\n"
                                  "2024-02,feed,1100,110,2,3\n"
                                  "2024Q1,pb_con,50,1000,60,5\n"
                                  "2024Q1,zn_con,40,100,1,50\n",
                                  diags);
  ASSERT_FALSE(diags.has_errors());
  const auto periods = pipeline::parse_periods({"2024-01"}, std::nullopt, diags);
  const auto a = pipeline::account(ds, periods, diags, {.cost = false});
  const auto table =
      rpt::operating_report(ds, a.stats, a.totals, {.all_streams = true}, {}, {}, {});
  const auto e = pipeline::explain_figure(ds, a, table, "recovery.Pb", 0, diags);
  ASSERT_TRUE(e.has_value());
  EXPECT_FALSE(e->root.value.has_value());
  const auto* con = stream_node(e->root, "pb_con", "Pb");
  ASSERT_NE(con, nullptr);
  EXPECT_FALSE(con->value.has_value());
  EXPECT_EQ(con->rows->partial_line, 4u);
  EXPECT_TRUE(con->rows->lines.empty());
  EXPECT_NE(con->note.find("partly inside"), std::string::npos) << con->note;
  const auto* feed = stream_node(e->root, "feed", "Pb");
  ASSERT_NE(feed, nullptr);
  EXPECT_EQ(feed->rows->lines, std::vector<std::uint32_t>{2});
  const std::string text = rpt::render_text(*e);
  EXPECT_NE(text.find("streams.csv:4 lies only partly inside"), std::string::npos) << text;
}

// A settled lot's invoices and its share of the period's revenue, against
// a hand computation from examples/demo-mine (lots.csv lines 5–6,
// prices.csv, contracts.toml's Smelter B: Zn paid min(85% × G, G − 8
// units), Ag (g/t ÷ 31.1034768 − 3 oz) × 70%, TC 245 at 2,000 US$/t of Zn
// + 0.095 a dollar above, quotational month M+1, 90% paid provisionally):
// - provisional (shipped 2012-02-15, February prices Zn 0.94, Ag 33.94):
//   820 wmt × (1 − 9%) = 746.2 dmt; Zn min(37.485, 36.1) = 36.1%;
//   Ag (462 ÷ 31.1034768 − 3) × 0.7 = 8.29755 oz/dmt; NIV 580,441.17,
//   invoice 90% = 522,397.06;
// - final (2012-04-25 assays, March prices Zn 0.92, Ag 32.89): 818.2 wmt ×
//   (1 − 9.1%) = 743.7438 dmt, Zn 36.3%, Ag 458 g/t: NIV 564,142.61;
//   final payment 564,142.61 − 522,397.06 = 41,745.55;
// - marked at 2012-03-31 (provisional measure, March prices): NIV
//   565,188.08; the change booked in 2012Q2 at April's 0.9900 CAD/USD:
//   (564,142.61 − 565,188.08) × 0.99 = −1,035.02 CAD.
TEST(Explain, SettledLotAgainstAHandComputation) {
  auto r = run("demo-mine", {"2012Q2"});
  const auto tables = rpt::settlement_report(r->ds, r->a.lot_sales[0]);
  const rpt::Table* lot = nullptr;
  for (const auto& t : tables)
    if (t.title.starts_with("Lot L-2012-002:")) lot = &t;
  ASSERT_NE(lot, nullptr);
  const std::size_t last = lot->periods.size() - 1;  // provisional, marked, final
  const auto payment =
      pipeline::explain_figure(r->ds, r->a, *lot, "lot.L-2012-002.final_payment", last, r->diags);
  ASSERT_TRUE(payment.has_value());
  EXPECT_NEAR(*payment->root.value, 41745.55, 0.005);
  ASSERT_EQ(payment->root.inputs.size(), 2u);
  EXPECT_NEAR(*payment->root.inputs[0].value, 564142.61, 0.005);  // final NIV
  EXPECT_NEAR(*payment->root.inputs[1].value, 522397.06, 0.005);  // provisional invoice
  const auto* dry = find(payment->root.inputs[0],
                         [](const rpt::Explanation& n) { return n.label == "Dry tonnes"; });
  ASSERT_NE(dry, nullptr);
  EXPECT_NEAR(*dry->value, 743.7438, 1e-9);

  const auto revenue =
      pipeline::explain_figure(r->ds, r->a, tables[0], "sales.revenue", 0, r->diags);
  ASSERT_TRUE(revenue.has_value());
  const auto* share =
      find(revenue->root, [](const rpt::Explanation& n) { return n.label == "lot L-2012-002"; });
  ASSERT_NE(share, nullptr);
  EXPECT_NEAR(*share->value, -1035.02, 0.005);
  // Its prices and rate name the prices.csv rows they were read from.
  const auto* fx =
      find(*share, [](const rpt::Explanation& n) { return n.rows && n.rows->what == "fx USD"; });
  ASSERT_NE(fx, nullptr);
  EXPECT_EQ(*fx->value, 0.99);
  EXPECT_EQ(fx->rows->lines, std::vector<std::uint32_t>{18});  // fx,2012-04,USD,0.9900
  const auto* zinc =
      find(*share, [](const rpt::Explanation& n) { return n.rows && n.rows->what == "Zn price"; });
  ASSERT_NE(zinc, nullptr);
  EXPECT_EQ(zinc->rows->lines, std::vector<std::uint32_t>{13});  // average,2012-03,Zn,0.920
  EXPECT_NEAR(*zinc->value, 0.92 / 0.45359237e-3, 1e-9);

  // Its provenance: both its lots.csv lines (provisional 5, final 6) and the
  // rate of April (line 18), each file and lot once.
  const auto rows = pipeline::source_rows(revenue->root);
  const auto lot_rows = std::find_if(rows.begin(), rows.end(), [](const rpt::SourceRows& r) {
    return r.what == "lot L-2012-002";
  });
  ASSERT_NE(lot_rows, rows.end());
  EXPECT_EQ(lot_rows->lines, (std::vector<std::uint32_t>{5, 6}));
  EXPECT_EQ(std::count_if(rows.begin(), rows.end(),
                          [](const rpt::SourceRows& r) { return r.what == "lot L-2012-002"; }),
            1);
  const auto rate = std::find_if(rows.begin(), rows.end(),
                                 [](const rpt::SourceRows& r) { return r.what == "fx USD"; });
  ASSERT_NE(rate, rows.end());
  EXPECT_TRUE(std::find(rate->lines.begin(), rate->lines.end(), 18u) != rate->lines.end());
}

TEST(Explain, LinesPrintAsRuns) {
  rpt::SourceRows r;
  r.file = "streams.csv";
  r.lines = {2, 3, 4, 7, 9, 10};
  EXPECT_EQ(rpt::line_runs(r), "2-4, 7, 9-10");
  r.lines.clear();
  for (std::uint32_t i = 0; i < 20; ++i) r.lines.push_back(10 + 3 * i);
  EXPECT_EQ(rpt::line_runs(r), "10, 13, 16, 19, 22, 25, … 8 more runs …, 52, 55, 58, 61, 64, 67");
  r.sheet = "Mill";
  r.file = "plant.xlsx";
  EXPECT_EQ(rpt::position(r, 14, 14), "plant.xlsx:Mill!14:14");
}

}  // namespace
}  // namespace orebook
