// Cost measures against the worked example of docs/formulas.md §12 and §13.

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "orebook/costs/formulas.h"
#include "orebook/report/format.h"

namespace orebook::costs {
namespace {

// docs/formulas.md §12, §13: 2.0 Moz payable silver; site costs $22.0M; TC/RC
// and freight $8.0M; royalties $0.5M; credits 17.2 Mlb Pb × $0.95 + 4.8 Mlb
// Zn × $0.89 = $20.612M; sustaining capital 6.0, corporate G&A 3.0, accretion
// 0.3, sustaining exploration 0.7 ($M).
TEST(Costs, DomainExample) {
  const double oz = 2.0e6;
  const double before_credits = 22.0e6 + 8.0e6 + 0.5e6;
  const double credits = 17.2e6 * 0.95 + 4.8e6 * 0.89;
  EXPECT_EQ(report::format_fixed(credits, 0), "20612000");
  const double cash = by_product_cash_cost(before_credits, credits);
  EXPECT_EQ(report::format_fixed(per_unit(cash, oz), 3), "4.944");
  const double share = revenue_share(oz * 31.54, oz * 31.54 + credits);
  EXPECT_EQ(report::format_fixed(share, 6), "0.753716");
  EXPECT_EQ(report::format_fixed(co_product_cost_per_unit(before_credits, share, oz), 4),
            "11.4942");
  const double aisc = all_in_sustaining_cost(cash, 6.0e6, 3.0e6, 0.3e6, 0.7e6, 0.0);
  EXPECT_EQ(report::format_fixed(per_unit(aisc, oz), 3), "9.944");
  EXPECT_EQ(report::format_fixed(per_unit(all_in_cost(aisc, 1.0e6), oz), 3), "10.444");
}

}  // namespace
}  // namespace orebook::costs

// ---------------------------------------------------------------------------
// Highlights and the results of a period, on the examples.

#include <unistd.h>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <span>

#include "orebook/accounting/aggregate.h"
#include "orebook/calendar/names.h"
#include "orebook/costs/results.h"
#include "orebook/dataset/csv.h"
#include "orebook/pipeline/pipeline.h"
#include "orebook/report/highlights.h"
#include "orebook/report/results_report.h"
#include "orebook/sales/settlement.h"
#include "test_util.h"

namespace orebook::report {
namespace {

TEST(Highlights, RoundingWordsAreTrueOfTheUnroundedFigure) {
  int word = 0;
  EXPECT_EQ(approximate_amount(4912252, word), "over 4.9 million");
  EXPECT_EQ(approximate_amount(1500665, word), "more than 1.5 million");
  EXPECT_EQ(approximate_amount(4900000, word), "4.9 million");  // exactly: no word
  EXPECT_EQ(approximate_amount(581746.03, word), "581,746");
  EXPECT_EQ(approximate_amount(1999999.9, word), "over 1.9 million");
  // Whatever the value, "over X million" means the value exceeds X million.
  for (double v = 1.0e6; v < 3.0e6; v += 12345.678) {
    int w = 0;
    const std::string s = approximate_amount(v, w);
    const auto pos = s.find(" million");
    ASSERT_NE(pos, std::string::npos) << s;
    const std::string number = s.substr(s.rfind(' ', pos - 1) + 1, pos - s.rfind(' ', pos - 1) - 1);
    const double stated = std::stod(number) * 1e6;
    if (s.rfind("over", 0) == 0 || s.rfind("more than", 0) == 0) {
      EXPECT_GT(v, stated) << s;
    } else {
      EXPECT_EQ(v, stated) << s;
    }
    EXPECT_LT(v - stated, 1e5) << s;  // and it is the nearest tenth of a million below
  }
}

TEST(Highlights, DescribesPeriods) {
  EXPECT_EQ(calendar::sentence_name(*calendar::Period::parse("2011Q4")),
            "the fourth quarter of 2011");
  EXPECT_EQ(calendar::sentence_name(*calendar::Period::parse("2012-03")), "March 2012");
  EXPECT_EQ(calendar::sentence_name(*calendar::Period::parse("2012H1")), "the first half of 2012");
  EXPECT_EQ(calendar::sentence_name(*calendar::Period::parse("2012")), "2012");
}

// A small silver-lead-zinc site with illustrative figures (round numbers, no
// real mine's): two first quarters with concentrates and sales, so that every
// kind of sentence appears. Expected values worked by hand in the comments.
constexpr std::string_view kHighlightStreams =
    "period,stream,dry_t,Ag_gpt,Pb_pct,Zn_pct\n"
    "2011Q1,feed,18000,800,10.0,5.0\n"
    "2011Q1,pb_con,2400,5500,68,\n"
    "2011Q1,zn_con,1100,450,,46\n"
    "2012Q1,feed,20000,900,11.0,6.0\n"
    "2012Q1,pb_con,3000,5000,66,\n"
    "2012Q1,zn_con,1500,500,,45\n";
constexpr std::string_view kHighlightSales =
    "period,metal,payable,unit,price,currency\n"
    "2011Q1,Ag,400000,oz,38.00,USD\n"
    "2011Q1,Pb,3000000,lb,1.20,USD\n"
    "2011Q1,Zn,700000,lb,1.05,USD\n"
    "2012Q1,Ag,500000,oz,30.00,USD\n"
    "2012Q1,Pb,4000000,lb,0.95,USD\n"
    "2012Q1,Zn,1200000,lb,0.90,USD\n";

class HighlightSentences : public ::testing::Test {
 protected:
  void SetUp() override {
    const std::string site =
        std::string(testing::kSite) + "\n[costs]\nprimary_metal = \"Ag\"\nbasis = \"produced\"\n";
    ds_ = testing::load_strings(site, std::string(kHighlightStreams), diags_,
                                std::string(kHighlightSales));
    ASSERT_FALSE(diags_.has_errors()) << testing::dump(diags_);
    const std::vector<calendar::Period> periods{*calendar::Period::parse("2012Q1"),
                                                *calendar::Period::parse("2011Q1")};
    const auto totals = accounting::aggregate(ds_, periods, diags_);
    for (const auto& t : totals)
      in_.stats.push_back(accounting::operating_statistics(ds_, t, diags_));
    // Cash costs as a release would report them (reported.csv's role).
    in_.cash_cost_per_unit = 11.00;
    in_.previous = periods[0].previous();
    in_.previous_cash_cost_per_unit = 13.00;
    for (const auto& s : in_.stats) {
      std::vector<std::optional<double>> p;
      std::vector<std::string> c;
      for (const auto& m : s.metals) {
        p.push_back(m.realized_price);
        c.push_back(m.price_currency);
      }
      in_.prices.push_back(p);
      in_.price_currency.push_back(c);
    }
  }
  std::vector<std::string> sentences() {
    core::Diagnostics d;
    auto t = highlights(ds_, in_, d);
    EXPECT_FALSE(d.has_errors()) << testing::dump(d);
    return t.notes;
  }
  dataset::Dataset ds_;
  core::Diagnostics diags_;
  HighlightInputs in_;
};

TEST_F(HighlightSentences, TheReleaseConventionsWithOrebooksOwnFigures) {
  const auto s = sentences();
  ASSERT_GE(s.size(), 9u);
  // Ag: (3,000 t × 5,000 g/t + 1,500 t × 500 g/t) ÷ 31.1034768 = 506,374.2 oz;
  // Pb: 3,000 t × 66% = 1,980 t = 4,365,150 lb; Zn: 1,500 t × 45% = 675 t =
  // 1,488,122 lb, each said as the release says it (the tenth of a million below).
  EXPECT_EQ(s[0],
            "Test mine produced 506,374 ounces silver, over 4.3 million pounds lead and more "
            "than 1.4 million pounds zinc in the first quarter of 2012.");
  // 2011Q1 silver: (2,400 × 5,500 + 1,100 × 450) ÷ 31.1034768 = 440,304.9 oz; +15.0%.
  EXPECT_EQ(s[1], "Silver production increased 15% compared to the first quarter of 2011.");
  // 20,000 t against 18,000 t: +11.1%; per calendar day 20,000 ÷ 91 = 219.8, 18,000 ÷ 90.
  EXPECT_EQ(s[4], "The milling rate increased 11% compared to the first quarter of 2011.");
  EXPECT_EQ(s[5],
            "Mill throughput averaged 220 tpd compared to 200 tpd in the first quarter of 2011.");
  // $11.00 against $13.00 in the quarter before: −$2.00, −15.4%.
  EXPECT_EQ(s[6],
            "Cash cost per ounce of payable silver, net of by-product credits, was $11.00, a 15% "
            "or $2.00 reduction from $13.00 in the fourth quarter of 2011.");
  // $0.95 against $1.20: −20.8%.
  EXPECT_EQ(
      s[8],
      "The realized lead price was $0.95 per pound, 21% lower than in the first quarter of 2011.");
}

TEST_F(HighlightSentences, SentencesFollowTheData) {
  // Half the silver in the current quarter: the numbers and the direction change.
  auto& ag = in_.stats[0].metals[0].production;
  *ag = *ag * 0.5;
  const auto s = sentences();
  EXPECT_NE(s[0].find("253,187 ounces silver"), std::string::npos) << s[0];
  // 253,187.1 ÷ 440,304.9 − 1 = −42.5%.
  EXPECT_EQ(s[1], "Silver production decreased 42% compared to the first quarter of 2011.");
  in_.previous_cash_cost_per_unit = 10.00;
  EXPECT_NE(sentences()[6].find("a 10% or $1.00 increase from $10.00"), std::string::npos);
}

TEST_F(HighlightSentences, TemplatesCanBeReplacedPerSite) {
  ds_.site.highlight_templates = {{"throughput", "Throughput: {current} tpd (was {prior} tpd)."}};
  EXPECT_EQ(sentences()[5], "Throughput: 220 tpd (was 200 tpd).");
  ds_.site.highlight_templates = {{"throughput", "Throughput: {speed} tpd."}};
  core::Diagnostics d;
  highlights(ds_, in_, d);
  EXPECT_NE(testing::find(d, "bad-template"), nullptr);
  ds_.site.highlight_templates = {{"thruput", "x"}};
  core::Diagnostics unknown;
  highlights(ds_, in_, unknown);
  ASSERT_NE(testing::find(unknown, "bad-template"), nullptr);
  EXPECT_EQ(testing::find(unknown, "bad-template")->found, "thruput");
}

TEST(Results, DemoReconciliationAddsUpAndAiscFollows) {
  core::Diagnostics diags;
  const auto ds = dataset::load(OREBOOK_SOURCE_DIR "/examples/demo-mine", diags);
  ASSERT_FALSE(diags.has_errors()) << testing::dump(diags);
  const calendar::Period q = *calendar::Period::parse("2012Q1");
  const auto totals = accounting::aggregate(ds, std::span(&q, 1), diags);
  const auto stats = accounting::operating_statistics(ds, totals[0], diags);
  const auto settled = sales::settle(ds, q, diags);
  const auto payable = sales::payable_production(ds, totals[0]);
  const auto r = costs::compute(ds, stats, &settled, payable, diags);
  ASSERT_TRUE(r) << testing::dump(diags);
  // Cost of sales − depreciation + the cash buckets outside it − credits = cash cost.
  using B = dataset::CostBucket;
  auto at = [&](B b) { return r->bucket[static_cast<std::size_t>(b)]; };
  EXPECT_NEAR(*r->cost_of_sales - at(B::depreciation) + at(B::transport) +
                  at(B::treatment_refining) - r->by_product_credits,
              r->cash_cost, 1e-6);
  EXPECT_NEAR(r->aisc - r->cash_cost,
              at(B::sustaining_capital) + at(B::corporate_ga) + at(B::reclamation) +
                  at(B::sustaining_exploration),
              1e-6);
  EXPECT_NEAR(*r->cash_cost_per_unit * *r->units, r->cash_cost, 1e-6);
  // The reconciliation table's lines add up to its total, as printed.
  const auto tables = cost_tables(ds, {q}, {r}, diags);
  ASSERT_EQ(tables.size(), 2u);
  double sum = 0.0;
  for (const auto& f : tables[1].figures) {
    if (f.key == "reconciliation.cash_cost") {
      EXPECT_NEAR(sum, *f.values[0], 1e-6);
      break;
    }
    sum += *f.values[0];
  }
}

TEST(Results, NoPayableUnitsIsAnError) {
  core::Diagnostics diags;
  auto ds = dataset::load(OREBOOK_SOURCE_DIR "/examples/demo-mine", diags);
  ds.contracts.rows.clear();  // no payables: no payable silver produced
  const calendar::Period q = *calendar::Period::parse("2012Q1");
  const auto totals = accounting::aggregate(ds, std::span(&q, 1), diags);
  const auto stats = accounting::operating_statistics(ds, totals[0], diags);
  EXPECT_FALSE(costs::compute(ds, stats, nullptr, {}, diags));
  EXPECT_NE(testing::find(diags, "no-payable-units"), nullptr) << testing::dump(diags);
}

TEST(Results, UnknownCostCategory) {
  core::Diagnostics diags;
  dataset::Site site;
  site.costs.categories = {{"Mining", dataset::CostBucket::mining}};
  auto r = dataset::CsvReader::from_string(
      "period,category,amount,currency\n2012Q1,Legal,1,CAD\n2012Q1,Mining,x,CAD\n");
  dataset::load_costs_csv(r, "costs.csv", site, diags);
  const auto* d = testing::find(diags, "unknown-category");
  ASSERT_NE(d, nullptr);
  EXPECT_EQ(d->line, 2u);
  EXPECT_EQ(d->found, "Legal");
  EXPECT_NE(testing::find(diags, "malformed-number"), nullptr);
}

}  // namespace
}  // namespace orebook::report

namespace orebook::dataset {
namespace {

using testing::dump;
using testing::find;

TEST(Rules, FinancialsAndReported) {
  core::Diagnostics diags;
  auto f = CsvReader::from_string(
      "period,segment,line,amount\n2012Q1,mining,revenue,1\n2012Q1,mining,sales,2\n2012Q1,mining,"
      "revenue,3\n"
      "2012Q5,,net_income,4\n");
  load_financials_csv(f, "financials.csv", diags);
  EXPECT_EQ(find(diags, "unknown-line")->line, 3u) << dump(diags);
  EXPECT_EQ(find(diags, "duplicate-row")->line, 4u) << dump(diags);
  EXPECT_EQ(find(diags, "bad-period")->line, 5u) << dump(diags);
  core::Diagnostics more;
  auto r =
      CsvReader::from_string("period,key,value,unit\n2012Q1,,1,$/oz\n2012Q1,costs.x,abc,$/oz\n");
  load_reported_csv(r, "reported.csv", "CAD", more);
  EXPECT_EQ(find(more, "missing-value")->line, 2u) << dump(more);
  EXPECT_EQ(find(more, "malformed-number")->line, 3u) << dump(more);
}

TEST(Rules, ReportedKeysOrebookDoesNotKnowAreErrors) {
  core::Diagnostics diags;
  auto r = CsvReader::from_string(
      "period,key,value,unit\n"
      "2012Q1,costs.cash_cost_per_unit,11.01,$/oz\n"  // known: read
      "2012Q1,costs.cash_cost_per_oz,11.01,$/oz\n"    // a typo: the near key named
      "2012Q1,production.silver,2000000,oz\n");       // no report reads it: the list
  const auto rows = load_reported_csv(r, "reported.csv", "CAD", diags);
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].key, reported_key::cash_cost_per_unit);
  EXPECT_EQ(rows[0].currency, "CAD");  // "$": the reporting currency
  ASSERT_EQ(diags.error_count(), 2u) << dump(diags);
  const core::Diagnostic& typo = diags.items()[0];
  EXPECT_EQ(typo.code, "unknown-key");
  EXPECT_EQ(typo.line, 3u);
  EXPECT_EQ(typo.column, 8u);
  EXPECT_EQ(typo.found, "costs.cash_cost_per_oz");
  EXPECT_EQ(typo.expected, "costs.cash_cost_per_unit (the nearest known key)");
  const core::Diagnostic& other = diags.items()[1];
  EXPECT_EQ(other.line, 4u);
  for (const std::string_view key : kReportedKeys)
    EXPECT_NE(other.expected.find(key), std::string::npos) << other.expected;
}

TEST(Rules, CostsGuidanceAndTemplatesInSiteToml) {
  core::Diagnostics diags;
  std::string site(testing::kSite);
  site += R"(
[costs]
primary_metal = "Au"
basis = "mined"
cost_of_sales = ["mining", "digging"]

[costs.categories]
"Mining" = "mining"
"Drilling" = "exploration"

[[guidance]]
year = 2012
metal = "Ag"
low = 3
high = 2

[highlights]
production = 5
)";
  load_site_toml(site, "site.toml", diags);
  for (const char* code :
       {"unknown-metal", "unknown-rule", "unknown-bucket", "bad-range", "wrong-type"}) {
    EXPECT_NE(find(diags, code), nullptr) << code << "\n" << dump(diags);
  }
}

TEST(Rules, LotsThatDoNotFitTogether) {
  core::Diagnostics diags;
  Site site = load_site_toml(testing::kSite, "site.toml", diags);
  auto r = CsvReader::from_string(
      "lot,product,stage,date,wet_t,moisture_pct,Ag_gpt\n"
      "L1,pb_con,provisional,2012-01-05,100,8,5000\n"
      "L1,zn_con,final,2012-02-05,100,8,5000\n"
      "L2,pb_con,provisional,2012-01-05,100,8,5000\n"
      "L2,pb_con,provisional,2012-01-06,100,8,5000\n");
  load_lots_csv(r, "lots.csv", site, diags);
  EXPECT_EQ(find(diags, "inconsistent-lot")->line, 3u) << dump(diags);
  EXPECT_EQ(find(diags, "duplicate-row")->line, 5u) << dump(diags);
}

TEST(Rules, SettledChargesAndPartialCostRows) {
  core::Diagnostics diags;
  auto ds = load(OREBOOK_SOURCE_DIR "/examples/demo-mine", diags);
  ASSERT_FALSE(diags.has_errors()) << dump(diags);
  CostRow tc;
  tc.period = *calendar::Period::parse("2012Q1");
  tc.bucket = CostBucket::treatment_refining;
  tc.category = "Treatment";
  tc.amount = 1;
  tc.currency = "CAD";
  tc.line = 99;
  ds.costs.rows.push_back(tc);
  CostRow year = tc;
  year.period = *calendar::Period::parse("2012");
  year.bucket = CostBucket::mining;
  year.line = 100;
  ds.costs.rows.push_back(year);
  const calendar::Period q = *calendar::Period::parse("2012Q1");
  const auto totals = accounting::aggregate(ds, std::span(&q, 1), diags);
  const auto stats = accounting::operating_statistics(ds, totals[0], diags);
  const auto settled = sales::settle(ds, q, diags);
  EXPECT_FALSE(
      costs::compute(ds, stats, &settled, sales::payable_production(ds, totals[0]), diags));
  EXPECT_EQ(find(diags, "settled-charge")->line, 99u) << dump(diags);
  EXPECT_EQ(find(diags, "period-too-fine")->line, 100u) << dump(diags);
}

TEST(Rules, ArrivalBasedQuotationalPeriodNeedsAnArrivalDate) {
  core::Diagnostics diags;
  auto ds = load(OREBOOK_SOURCE_DIR "/examples/demo-mine", diags);
  for (auto& c : ds.contracts.rows)
    for (auto& qp : c.qp) qp.basis = terms::QuotationalBasis::arrival;
  sales::settle(ds, *calendar::Period::parse("2012Q1"), diags);
  const auto* d = find(diags, "missing-arrival");
  ASSERT_NE(d, nullptr) << dump(diags);
  EXPECT_NE(d->message.find("lot L-2012-001"), std::string::npos) << d->message;
}

TEST(Rules, DuplicateContract) {
  core::Diagnostics diags;
  Site site = load_site_toml(testing::kSite, "site.toml", diags);
  const std::string one =
      "[[contracts]]\nproduct = \"pb_con\"\ncounterparty = \"A\"\nvalid_from = "
      "2012-01-01\ncurrency = \"USD\"\n";
  load_contracts_toml(one + one, "contracts.toml", site, diags);
  EXPECT_NE(find(diags, "duplicate-contract"), nullptr) << dump(diags);
}

// A reported cost's unit names its currency and the unit it is per; one that
// says neither is an error at its line and column, the row's cause.
TEST(Rules, ReportedUnitsNameACurrencyPerUnit) {
  core::Diagnostics diags;
  auto r = CsvReader::from_string(
      "period,key,value,unit\n"
      "2014Q1,costs.cash_cost_per_unit,14.15,US$/oz\n"
      "2014Q2,costs.cash_cost_per_unit,14.16,C$/oz\n"
      "2014Q3,costs.cash_cost_per_unit,14.17,MXN/lb\n"
      "2014Q4,costs.cash_cost_per_unit,14.18,US dollars\n"
      "2015Q1,costs.cash_cost_per_unit,14.19,US$/ounce\n");
  const auto rows = load_reported_csv(r, "reported.csv", "CAD", diags);
  ASSERT_EQ(rows.size(), 3u) << dump(diags);
  EXPECT_EQ(rows[0].currency, "USD");
  EXPECT_EQ(rows[1].currency, "CAD");
  EXPECT_EQ(rows[2].currency, "MXN");
  EXPECT_EQ(rows[2].per, units::MassUnit::pound);
  ASSERT_EQ(diags.error_count(), 2u) << dump(diags);
  for (std::size_t i = 0; i < 2; ++i) {
    EXPECT_EQ(diags.items()[i].code, "bad-unit");
    EXPECT_EQ(diags.items()[i].line, 5u + i);
    EXPECT_EQ(diags.items()[i].column, 39u);
  }
}

}  // namespace
}  // namespace orebook::dataset

namespace orebook::pipeline {
namespace {

namespace fs = std::filesystem;

// The demo mine with its costs of 2012Q2 taken out and reported instead: the
// cash cost in US$ (the site reports in C$), AISC in "$" (C$).
struct ReportedDemo {
  fs::path root = fs::temp_directory_path() / ("orebook-reported-" + std::to_string(getpid()));
  explicit ReportedDemo(const std::string& reported) {
    fs::remove_all(root);
    fs::copy(fs::path(OREBOOK_SOURCE_DIR) / "examples/demo-mine", root);
    std::ifstream in(root / "costs.csv");
    std::string kept, line;
    while (std::getline(in, line)) {
      if (!line.starts_with("2012Q2") && !line.starts_with("2012-04") &&
          !line.starts_with("2012-05") && !line.starts_with("2012-06"))
        kept += line + "\n";
    }
    in.close();
    std::ofstream(root / "costs.csv") << kept;
    std::ofstream(root / "reported.csv") << reported;
  }
  ~ReportedDemo() { fs::remove_all(root); }
};

nlohmann::json cost_row(const nlohmann::json& doc, const std::string& key) {
  for (const auto& t : doc["tables"])
    for (const auto& f : t["figures"])
      if (f["key"] == key) return f;
  return nullptr;
}

// Beside a column computed in C$, a cost reported in US$ is unknown with a
// warning naming its line, never printed as if it were C$; one in "$" (the
// reporting currency) is shown. Alone in its row, a US$ cost keeps its
// currency, named in the label, and the highlights compare it only with a
// cost in US$.
TEST(ReportedCosts, StayInTheirOwnCurrency) {
  const ReportedDemo demo(
      "period,key,value,unit\n"
      "2012Q2,costs.cash_cost_per_unit,9.99,US$/oz\n"
      "2012Q2,costs.aisc_per_unit,19.99,$/oz\n");
  core::Diagnostics diags;
  const auto out =
      results({demo.root.string(), "2012Q1", "2012Q2", {}}, report::Format::json, diags);
  ASSERT_TRUE(out.has_value()) << testing::dump(diags);
  const auto doc = nlohmann::json::parse(out->output);
  const auto cash = cost_row(doc, "costs.cash_cost_per_unit");
  ASSERT_FALSE(cash.is_null());
  EXPECT_EQ(cash["unit"], "CAD/oz");
  EXPECT_TRUE(cash["values"][0].is_number());  // computed
  EXPECT_TRUE(cash["values"][1].is_null());    // reported in US$: not shown
  const core::Diagnostic* w = testing::find(diags, "reported-unit");
  ASSERT_NE(w, nullptr) << testing::dump(diags);
  EXPECT_EQ(w->line, 2u);
  const auto aisc = cost_row(doc, "costs.aisc_per_unit");
  EXPECT_EQ(aisc["values"][1], 19.99);

  core::Diagnostics alone_diags;
  const auto alone =
      results({demo.root.string(), "2012Q2", "", {}}, report::Format::json, alone_diags);
  ASSERT_TRUE(alone.has_value()) << testing::dump(alone_diags);
  const auto row = cost_row(nlohmann::json::parse(alone->output), "costs.cash_cost_per_unit");
  EXPECT_EQ(row["unit"], "USD/oz");
  EXPECT_NE(row["label"].get<std::string>().find("US$"), std::string::npos);
  EXPECT_EQ(row["values"][0], 9.99);
  EXPECT_EQ(testing::find(alone_diags, "reported-unit"), nullptr);

  // 2012Q2 in US$ against 2012Q1 computed in C$: no sentence compares them.
  core::Diagnostics hl_diags;
  const auto hl =
      highlights({demo.root.string(), "2012Q2", "", {}}, report::Format::text, hl_diags);
  ASSERT_TRUE(hl.has_value()) << testing::dump(hl_diags);
  EXPECT_EQ(hl->output.find("Cash cost per"), std::string::npos) << hl->output;
}

}  // namespace
}  // namespace orebook::pipeline
