// Metal equivalents: [[equivalents]] in site.toml and the one formula
// (docs/formulas.md §19).

#include <cmath>
#include <span>
#include <string>

#include <gtest/gtest.h>

#include "orebook/accounting/aggregate.h"
#include "orebook/accounting/equivalents.h"
#include "orebook/costs/results.h"
#include "orebook/dataset/dataset.h"
#include "orebook/units/interval.h"
#include "test_util.h"

namespace orebook {
namespace {

using testing::dump;
using testing::find;

// A silver-gold site like San Gonzalo: one bulk concentrate carries both.
constexpr std::string_view kAgAu = R"([site]
name = "Test"
currency = "CAD"

[[metals]]
symbol = "Ag"
products = ["con"]

[[metals]]
symbol = "Au"
products = ["con"]

[[metals]]
symbol = "Cu"

[[streams]]
id = "feed"
role = "feed"

[[streams]]
id = "con"
role = "concentrate"
)";

constexpr std::string_view kFixed = R"(
[[equivalents]]
label = "AgEq"
base = "Ag"
metals = ["Ag", "Au"]
basis = "fixed"

[[equivalents.prices]]
from = 2012-01-01
Ag = 34.00
Au = 1700

[[equivalents.prices]]
from = 2013-01-01
Ag = 1
Au = 55
)";

dataset::Site site_with(std::string_view equivalents, core::Diagnostics& diags) {
  return dataset::load_site_toml(std::string(kAgAu) + std::string(equivalents), "site.toml", diags);
}

// The 1-based line of the first line of `text` that contains `needle`.
std::uint32_t line_of(std::string_view text, std::string_view needle) {
  const auto at = text.find(needle);
  EXPECT_NE(at, std::string_view::npos) << needle;
  std::uint32_t line = 1;
  for (std::size_t i = 0; i < at; ++i) line += text[i] == '\n';
  return line;
}

// Loads kAgAu + `equivalents` and expects an error `code` on the line holding
// `needle` at `column`, quoting `found`, keeping only the `kept` valid
// equivalents before it.
void expect_rule(std::string_view equivalents, std::string_view code, std::string_view needle,
                 std::uint32_t column, std::string_view found, std::size_t kept = 0) {
  core::Diagnostics diags;
  const dataset::Site site = site_with(equivalents, diags);
  const std::string text = std::string(kAgAu) + std::string(equivalents);
  const core::Diagnostic* d = find(diags, code);
  ASSERT_NE(d, nullptr) << "no " << code << " in:\n" << dump(diags);
  EXPECT_EQ(d->file, "site.toml");
  EXPECT_EQ(d->line, line_of(text, needle)) << dump(diags);
  EXPECT_EQ(d->column, column) << dump(diags);
  EXPECT_EQ(d->found, found) << dump(diags);
  EXPECT_FALSE(d->expected.empty()) << "a message must say what was expected";
  EXPECT_EQ(site.equivalents.size(), kept) << text;
}

TEST(EquivalentsSite, LoadsFixedPrices) {
  core::Diagnostics diags;
  const dataset::Site site = site_with(kFixed, diags);
  ASSERT_FALSE(diags.has_errors()) << dump(diags);
  ASSERT_EQ(site.equivalents.size(), 1u);
  const auto& eq = site.equivalents[0];
  EXPECT_EQ(eq.label, "AgEq");
  EXPECT_EQ(eq.base, 0u);
  EXPECT_EQ(eq.metals, (std::vector<std::size_t>{0, 1}));  // Cu does not contribute
  EXPECT_EQ(eq.factor, (std::vector<double>{1.0, 1.0, 1.0}));
  ASSERT_EQ(eq.prices.size(), 2u);
  EXPECT_EQ(eq.prices[1].from, calendar::day_number(2013, 1, 1));
  EXPECT_EQ(eq.prices[0].price[1], 1700.0);
  EXPECT_FALSE(eq.prices[0].price[2].has_value());
}

TEST(EquivalentsSite, EveryRuleIsAnErrorAtItsPlace) {
  // The contributing metals are always listed, as the site's definition does:
  // no default could know a metal given only in production.csv.
  expect_rule("[[equivalents]]\nlabel = \"AgEq\"\nbase = \"Ag\"\nbasis = \"realized\"\n",
              "missing-key", "[[equivalents]]", 1, "");
  expect_rule(
      "[[equivalents]]\nlabel = \"AgEq\"\nbase = \"Ag\"\nmetals = [\"Ag\", \"Au\"]\nbasis = "
      "\"realized\"\nrate = 1\n",
      "unknown-key", "rate = 1", 8, "rate");
  expect_rule("[[equivalents]]\nbase = \"Ag\"\nmetals = [\"Ag\", \"Au\"]\nbasis = \"realized\"\n",
              "missing-key", "[[equivalents]]", 1, "");
  expect_rule(
      "[[equivalents]]\nlabel = \"Ag.Eq\"\nbase = \"Ag\"\nmetals = [\"Ag\", \"Au\"]\nbasis = "
      "\"realized\"\n",
      "bad-symbol", "label =", 9, "Ag.Eq");
  expect_rule(
      "[[equivalents]]\nlabel = \"\"\nbase = \"Ag\"\nmetals = [\"Ag\", \"Au\"]\nbasis = "
      "\"realized\"\n",
      "bad-symbol", "label =", 9, "");
  expect_rule(
      "[[equivalents]]\nlabel = \"AgEq\"\nbase = \"Ag\"\nmetals = [\"Ag\", \"Au\"]\nbasis = "
      "\"realized\"\n"
      "[[equivalents]]\nlabel = \"AgEq\"\nbase = \"Au\"\nmetals = [\"Ag\", \"Au\"]\nbasis = "
      "\"realized\"\n",
      "duplicate-equivalent", "label = \"AgEq\"\nbase = \"Au\"", 9, "AgEq", 1);
  expect_rule(
      "[[equivalents]]\nlabel = \"AgEq\"\nbase = \"Ag\"\nmetals = [\"Ag\", \"Zn\"]\n"
      "basis = \"realized\"\n",
      "unknown-metal", "metals =", 17, "Zn");
  expect_rule(
      "[[equivalents]]\nlabel = \"AgEq\"\nbase = \"Ag\"\nmetals = [\"Ag\", \"Ag\"]\n"
      "basis = \"realized\"\n",
      "duplicate-metal", "metals =", 17, "Ag");
  expect_rule(
      "[[equivalents]]\nlabel = \"AgEq\"\nbase = \"Zn\"\nmetals = [\"Ag\", \"Au\"]\nbasis = "
      "\"realized\"\n",
      "unknown-metal", "base =", 8, "Zn");
  // The base counts its own production: it must be one of the metals.
  expect_rule(
      "[[equivalents]]\nlabel = \"AgEq\"\nbase = \"Cu\"\nmetals = [\"Ag\", \"Au\"]\nbasis = "
      "\"realized\"\n",
      "unknown-metal", "base =", 8, "Cu");
  expect_rule(
      "[[equivalents]]\nlabel = \"AgEq\"\nbase = \"Ag\"\nmetals = [\"Ag\", \"Au\"]\nbasis = "
      "\"realized\"\n"
      "factors = { Au = 1.2 }\n",
      "out-of-range", "factors", 18, "1.2");
  expect_rule(
      "[[equivalents]]\nlabel = \"AgEq\"\nbase = \"Ag\"\nmetals = [\"Ag\", \"Au\"]\nbasis = "
      "\"realized\"\n"
      "factors = { Au = \"95%\" }\n",
      "wrong-type", "factors", 18, "string");
  expect_rule(
      "[[equivalents]]\nlabel = \"AgEq\"\nbase = \"Ag\"\nmetals = [\"Ag\", \"Au\"]\nbasis = "
      "\"realized\"\n"
      "factors = { Cu = 0.9 }\n",
      "unknown-metal", "factors", 18, "Cu");
  expect_rule(
      "[[equivalents]]\nlabel = \"AgEq\"\nbase = \"Ag\"\nmetals = [\"Ag\", \"Au\"]\nbasis = "
      "\"realized\"\n"
      "factors = 0.9\n",
      "wrong-type", "factors", 11, "floating-point");
  expect_rule("[[equivalents]]\nlabel = \"AgEq\"\nbase = \"Ag\"\nmetals = [\"Ag\", \"Au\"]\n",
              "missing-key", "[[equivalents]]", 1, "");
  expect_rule(
      "[[equivalents]]\nlabel = \"AgEq\"\nbase = \"Ag\"\nmetals = [\"Ag\", \"Au\"]\nbasis = "
      "\"average\"\n",
      "unknown-rule", "basis =", 9, "average");
  expect_rule(
      "[[equivalents]]\nlabel = \"AgEq\"\nbase = \"Ag\"\nmetals = [\"Ag\", \"Au\"]\nbasis = "
      "\"fixed\"\n",
      "missing-key", "[[equivalents]]", 1, "");
  expect_rule(
      "[[equivalents]]\nlabel = \"AgEq\"\nbase = \"Ag\"\nmetals = [\"Ag\", \"Au\"]\nbasis = "
      "\"realized\"\n"
      "[[equivalents.prices]]\nfrom = 2012-01-01\nAg = 1\nAu = 50\n",
      "unknown-key", "[[equivalents.prices]]", 1, "prices");
}

TEST(EquivalentsSite, EveryPriceRuleIsAnErrorAtItsPlace) {
  const std::string head =
      "[[equivalents]]\nlabel = \"AgEq\"\nbase = \"Ag\"\nmetals = [\"Ag\", \"Au\"]\nbasis = "
      "\"fixed\"\n";
  expect_rule(head + "[[equivalents.prices]]\nAg = 1\nAu = 50\n", "missing-key",
              "[[equivalents.prices]]", 1, "");
  expect_rule(head + "[[equivalents.prices]]\nfrom = \"2012\"\nAg = 1\nAu = 50\n", "wrong-type",
              "from =", 8, "string");
  expect_rule(head + "[[equivalents.prices]]\nfrom = 2012-01-01\nAg = 1\n", "missing-key",
              "[[equivalents.prices]]", 1, "");
  expect_rule(head + "[[equivalents.prices]]\nfrom = 2012-01-01\nAg = 1\nAu = 0\n", "out-of-range",
              "Au = 0", 6, "0");
  expect_rule(head + "[[equivalents.prices]]\nfrom = 2012-01-01\nAg = 1\nAu = \"50\"\n",
              "wrong-type", "Au = \"50\"", 6, "string");
  expect_rule(head + "[[equivalents.prices]]\nfrom = 2012-01-01\nAg = 1\nAu = 50\nCu = 3\n",
              "unknown-metal", "Cu = 3", 6, "Cu");
  expect_rule(head +
                  "[[equivalents.prices]]\nfrom = 2013-01-01\nAg = 1\nAu = 50\n"
                  "[[equivalents.prices]]\nfrom = 2013-01-01\nAg = 1\nAu = 55\n",
              "bad-order", "from = 2013-01-01\nAg = 1\nAu = 55", 8, "2013-01-01");
}

// Operating statistics of `period` with the production of each metal in oz
// (nullopt: unknown).
accounting::OperatingStatistics stats_of(const std::string& period,
                                         std::vector<std::optional<double>> oz) {
  accounting::OperatingStatistics s;
  s.period = *calendar::Period::parse(period);
  for (const auto& q : oz) {
    accounting::MetalStatistics m;
    if (q) m.production = units::Mass::of(*q, units::MassUnit::troy_ounce);
    s.metals.push_back(m);
  }
  return s;
}

dataset::Site fixed_site() {
  core::Diagnostics diags;
  dataset::Site site = site_with(kFixed, diags);
  EXPECT_FALSE(diags.has_errors()) << dump(diags);
  return site;
}

// Relative tolerance for sums of a few products of exact inputs: double
// rounding only.
constexpr double kTight = 1e-12;

TEST(Equivalents, SilverPlusGoldTimesThePriceRatio) {
  const dataset::Site site = fixed_site();
  const auto& eq = site.equivalents[0];
  // San Gonzalo Q4 2012 as AVQ113P prints it: 128,607 oz Ag, 455 oz Au at
  // US$1,700/US$34.00 = 50:1 → 151,357 AgEq oz (examples/san-gonzalo/README.md).
  const auto v = accounting::equivalent_production(site, eq, stats_of("2012Q4", {128607, 455, 7}));
  ASSERT_TRUE(v.value) << v.why_unknown;
  EXPECT_NEAR(*v.value, 151357.0, 151357.0 * kTight);  // Cu (7 oz) does not contribute
  // Q2 2013 at 55:1: 149,004 + 55 × 574 = 180,574.
  const auto q2 =
      accounting::equivalent_production(site, eq, stats_of("2013Q2", {149004, 574, {}}));
  ASSERT_TRUE(q2.value) << q2.why_unknown;
  EXPECT_NEAR(*q2.value, 180574.0, 180574.0 * kTight);
}

TEST(Equivalents, UnknownProductionIsNeverZero) {
  const dataset::Site site = fixed_site();
  const auto v = accounting::equivalent_production(site, site.equivalents[0],
                                                   stats_of("2013Q2", {149004, std::nullopt, 1}));
  EXPECT_FALSE(v.value);
  EXPECT_NE(v.why_unknown.find("Gold production of 2013Q2 is unknown"), std::string::npos)
      << v.why_unknown;
}

TEST(Equivalents, NoPricesBeforeTheFirstSet) {
  const dataset::Site site = fixed_site();
  const auto v =
      accounting::equivalent_production(site, site.equivalents[0], stats_of("2011Q4", {1, 1, 1}));
  EXPECT_FALSE(v.value);
  EXPECT_NE(v.why_unknown.find("before 2012-01-01"), std::string::npos) << v.why_unknown;
}

TEST(Equivalents, APeriodAcrossAPriceChangeIsSummedFromItsPieces) {
  const dataset::Site site = fixed_site();
  const auto& eq = site.equivalents[0];
  const auto period = *calendar::Period::parse("2012Q4..2013Q1");
  // One call for the whole period refuses: one price set must cover it.
  const auto whole = accounting::equivalent_production(
      site, eq, stats_of("2012Q4..2013Q1", {128607.0 + 159582.0, 455.0 + 574.0, 0}));
  EXPECT_FALSE(whole.value);
  EXPECT_NE(whole.why_unknown.find("change on 2013-01-01"), std::string::npos);

  const auto pieces = accounting::equivalent_pieces(eq, period);
  ASSERT_EQ(pieces.size(), 2u);
  EXPECT_EQ(pieces[0], *calendar::Period::parse("2012Q4"));
  EXPECT_EQ(pieces[1], *calendar::Period::parse("2013Q1"));
  const std::vector<accounting::OperatingStatistics> stats{stats_of("2012Q4", {128607, 455, 0}),
                                                           stats_of("2013Q1", {159582, 574, 0})};
  const auto sum = accounting::equivalent_production(site, eq, stats);
  ASSERT_TRUE(sum.value) << sum.why_unknown;
  // Each quarter at its own prices: 151,357 + 191,152.
  EXPECT_NEAR(*sum.value, 342509.0, 342509.0 * kTight);
  // Not the sum at either ratio.
  EXPECT_GT(std::abs(*sum.value - (288189.0 + 50 * 1029.0)), 1000.0);

  // A period inside one set is its own only piece; the realized basis is never cut.
  EXPECT_EQ(accounting::equivalent_pieces(eq, *calendar::Period::parse("2013")).size(), 1u);
  // Before the first set is a piece too, which has no prices (unknown).
  EXPECT_EQ(accounting::equivalent_pieces(eq, *calendar::Period::parse("2011Q4..2012Q1")).size(),
            2u);
}

TEST(Equivalents, RealizedPricesAndFactors) {
  core::Diagnostics diags;
  const dataset::Site site = site_with(R"(
[[equivalents]]
label = "AuEq"
base = "Au"
metals = ["Ag", "Au"]
basis = "realized"
factors = { Ag = 0.9, Au = 0.95 }
)",
                                       diags);
  ASSERT_FALSE(diags.has_errors()) << dump(diags);
  const auto& eq = site.equivalents[0];
  auto s = stats_of("2013Q1", {100000, 500, 0});
  s.metals[0].realized_price = 30.0;
  s.metals[0].price_currency = "USD";
  s.metals[1].realized_price = 1600.0;
  s.metals[1].price_currency = "USD";
  // 500 + 100,000 × 0.9 × 30 ÷ (0.95 × 1,600) = 500 + 1,776.3158 = 2,276.3158.
  const auto v = accounting::equivalent_production(site, eq, s);
  ASSERT_TRUE(v.value) << v.why_unknown;
  EXPECT_NEAR(*v.value, 500.0 + 2700000.0 / 1520.0, 2276.0 * kTight);

  s.metals[0].price_currency = "CAD";
  const auto mixed = accounting::equivalent_production(site, eq, s);
  EXPECT_FALSE(mixed.value);
  EXPECT_NE(mixed.why_unknown.find("USD and CAD"), std::string::npos) << mixed.why_unknown;

  s.metals[0].realized_price.reset();
  const auto none = accounting::equivalent_production(site, eq, s);
  EXPECT_FALSE(none.value);
  EXPECT_NE(none.why_unknown.find("no realized price of Ag"), std::string::npos);
}

// The same formula over intervals gives what the printed figures allow: the
// README's interval for Q4 2012 from printed ounces, and Avino's 151,372.
TEST(Equivalents, IntervalOverPrintedOunces) {
  using units::Interval;
  const Interval ag = Interval::from_printed(128607, 0), au = Interval::from_printed(455, 0);
  const Interval eq = ag + accounting::equivalent_term(au, Interval(1.0), Interval(1700.0),
                                                       Interval(1.0), Interval(34.0));
  EXPECT_NEAR(eq.lo(), 151331.5, 1e-6);
  EXPECT_NEAR(eq.hi(), 151382.5, 1e-6);
  EXPECT_TRUE(eq.contains(151372.0));
  // Q1 2013 at 55:1: 191,107 published is outside what 159,582 and 574 allow.
  const Interval q1 = Interval::from_printed(159582, 0) +
                      accounting::equivalent_term(Interval::from_printed(574, 0), Interval(1.0),
                                                  Interval(55.0), Interval(1.0), Interval(1.0));
  EXPECT_FALSE(q1.contains(191107.0));
}

// Nuestra Señora (Scorpio Mining, examples/nuestra-senora/README.md): silver
// plus zinc, copper and lead in pounds at the year's prices, divided by the
// silver price. 2011Q3 (SPM-Q3-11F): 308,211 oz Ag, 4,028,925 lb Zn, 451,017 lb
// Cu and 1,410,286 lb Pb; at the 2011 prices (US$24/oz Ag, 1.01, 3.58, 1.02/lb)
// 604,975 oz printed, and SPM-Q3-12P restates the quarter at the 2012 prices
// (24, 0.90, 3.50, 0.90) as 577,955 oz.
TEST(Equivalents, SilverEquivalentOfBaseMetalsInPounds) {
  core::Diagnostics diags;
  const dataset::Site site = dataset::load_site_toml(R"([site]
name = "Nuestra Senora"
currency = "CAD"
[[metals]]
symbol = "Ag"
products = ["con"]
[[metals]]
symbol = "Zn"
products = ["con"]
[[metals]]
symbol = "Cu"
products = ["con"]
[[metals]]
symbol = "Pb"
products = ["con"]
[[streams]]
id = "con"
role = "concentrate"
[[equivalents]]
label = "AgEq"
base = "Ag"
metals = ["Ag", "Zn", "Cu", "Pb"]
basis = "fixed"
[[equivalents.prices]]
from = 2011-01-01
Ag = 24
Zn = 1.01
Cu = 3.58
Pb = 1.02
[[equivalents.prices]]
from = 2012-01-01
Ag = 24
Zn = 0.90
Cu = 3.50
Pb = 0.90
[[equivalents]]
label = "ZnEq"
base = "Zn"
metals = ["Ag", "Zn", "Cu", "Pb"]
basis = "fixed"
[[equivalents.prices]]
from = 2011-01-01
Ag = 24
Zn = 1.01
Cu = 3.58
Pb = 1.02
)",
                                                     "site.toml", diags);
  ASSERT_FALSE(diags.has_errors()) << dump(diags);
  auto at = [&](const std::string& period, std::size_t e = 0) {
    accounting::OperatingStatistics s;
    s.period = *calendar::Period::parse(period);
    s.metals.resize(4);
    s.metals[0].production = units::Mass::of(308211, units::MassUnit::troy_ounce);
    s.metals[1].production = units::Mass::of(4028925, units::MassUnit::pound);
    s.metals[2].production = units::Mass::of(451017, units::MassUnit::pound);
    s.metals[3].production = units::Mass::of(1410286, units::MassUnit::pound);
    const auto v = accounting::equivalent_production(site, site.equivalents[e], s);
    EXPECT_TRUE(v.value) << v.why_unknown;
    return v.value.value_or(0.0);
  };
  // Exactly 308,211 + 7,122,346.83 ÷ 24 and 308,211 + 6,473,849.4 ÷ 24 (the
  // README's 604,975.45 and 577,954.73), to the unit conversions' rounding;
  // each prints as the release's whole ounces.
  EXPECT_NEAR(at("2011Q3"), 604975.45125, 1e-6);
  EXPECT_EQ(std::lround(at("2011Q3")), 604975);
  // The same metal in a 2012 period is at the 2012 prices.
  EXPECT_NEAR(at("2012Q3"), 577954.725, 1e-6);
  EXPECT_EQ(std::lround(at("2012Q3")), 577955);
  // The same value in pounds of zinc: a zinc equivalent is in the base metal's
  // unit, AgEq × 24 ÷ 1.01.
  EXPECT_NEAR(at("2011Q3", 1), 604975.45125 * 24.0 / 1.01, 1e-6);
}

// San Gonzalo (examples/san-gonzalo/README.md): orebook's AgEq of each
// quarter from the dataset, against the AgEq Avino published. Each published
// figure must lie inside what the printed concentrate table allows (tonnes
// ± 0.5, silver ± 5 g/t as it was printed in kg/t, gold ± half its last
// digit), except Q1 2013, where the release is inconsistent with its own table.
TEST(Equivalents, SanGonzaloQuartersAgainstThePublishedAgEq) {
  using units::Interval;
  core::Diagnostics diags;
  const auto ds = dataset::load(OREBOOK_SOURCE_DIR "/examples/san-gonzalo", diags);
  ASSERT_FALSE(diags.has_errors()) << dump(diags);
  ASSERT_EQ(ds.site.equivalents.size(), 1u);
  const auto& eq = ds.site.equivalents[0];
  struct Quarter {
    const char* period;
    double ratio;                            // the ratio the releases state for the quarter
    double tonnes, ag_gpt, au_gpt, au_half;  // bulk concentrate as printed
    double published;                        // AgEq oz
    bool reachable;
  };
  const Quarter quarters[] = {
      {"2012Q4", 50, 538, 7440, 26.3, 0.05, 151372, true},
      {"2013Q1", 55, 568, 8720, 31.4, 0.05, 191107, false},
      {"2013Q2", 55, 636, 7280, 28.1, 0.05, 180567, true},
      {"2013Q3", 65, 610, 7460, 32.2, 0.05, 187184, true},
      {"2014Q1", 62.5, 652, 9020, 46.7, 0.05, 250308, true},
  };
  constexpr double kGramsPerOz = 31.1034768;
  for (const Quarter& q : quarters) {
    SCOPED_TRACE(q.period);
    const calendar::Period p = *calendar::Period::parse(q.period);
    const auto totals = accounting::aggregate(ds, std::span(&p, 1), diags);
    const auto stats = accounting::operating_statistics(ds, totals[0], diags);
    const auto v = accounting::equivalent_production(ds.site, eq, stats);
    ASSERT_TRUE(v.value) << v.why_unknown;
    // The declared prices give the stated ratio: AgEq = Ag + R × Au.
    const double ag = stats.metals[0].production->in(units::MassUnit::troy_ounce);
    const double au = stats.metals[1].production->in(units::MassUnit::troy_ounce);
    EXPECT_NEAR(*v.value, ag + q.ratio * au, *v.value * kTight);
    // What the printed table allows, through the same formula over intervals.
    const Interval t = Interval::from_printed(q.tonnes, 0);
    const Interval ag_oz = t * Interval(q.ag_gpt - 5, q.ag_gpt + 5) / Interval(kGramsPerOz);
    const Interval au_oz =
        t * Interval(q.au_gpt - q.au_half, q.au_gpt + q.au_half) / Interval(kGramsPerOz);
    const Interval allowed =
        ag_oz + accounting::equivalent_term(au_oz, Interval(1.0), Interval(q.ratio), Interval(1.0),
                                            Interval(1.0));
    EXPECT_TRUE(allowed.contains(*v.value));
    EXPECT_EQ(allowed.contains(q.published), q.reachable)
        << q.published << " against " << allowed.lo() << " to " << allowed.hi();
  }
}

TEST(Equivalents, CostsPerEquivalentUnit) {
  costs::CostResult r;
  r.cash_cost = 1'500'000.0;
  r.aisc = 2'000'000.0;
  costs::add_equivalent_costs(
      r, {{200000.0, ""}, {std::nullopt, "Gold production of 2013Q1 is unknown"}, {0.0, ""}});
  ASSERT_EQ(r.cash_cost_per_equivalent.size(), 3u);
  EXPECT_NEAR(*r.cash_cost_per_equivalent[0], 7.5, 7.5 * kTight);
  EXPECT_NEAR(*r.aisc_per_equivalent[0], 10.0, 10.0 * kTight);
  EXPECT_FALSE(r.cash_cost_per_equivalent[1]);  // unknown stays unknown
  EXPECT_FALSE(r.aisc_per_equivalent[2]);       // nothing to divide by
}

}  // namespace
}  // namespace orebook
