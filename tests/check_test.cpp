// The cross-check of a results release: figures as printed, period headers,
// relations that tie only thanks to rounding, planted errors, orebook's own
// releases, and input that is not a release at all.

#include <algorithm>
#include <fstream>
#include <iterator>
#include <random>
#include <sstream>

#include <gtest/gtest.h>

#include "orebook/check/items.h"
#include "orebook/check/relations.h"
#include "orebook/check/release.h"
#include "orebook/pipeline/pipeline.h"
#include "orebook/report/render.h"

namespace orebook::check {
namespace {

TEST(Figure, ReadsAsPrinted) {
  struct Case {
    const char* text;
    double value;
    int decimals;
    const char* unit;
  };
  for (const Case& c :
       {Case{"21,395", 21395, 0, ""}, Case{"11.3%", 11.3, 1, "%"}, Case{"$32.81", 32.81, 2, "$"},
        Case{"US$0.95", 0.95, 2, "$"}, Case{"(97)", -97, 0, ""}, Case{"-21%", -21, 0, "%"},
        Case{"+1.3 pp", 1.3, 1, "pp"}, Case{"$11.01 (r)", 11.01, 2, "$"},
        Case{"-$140,691", -140691, 0, "$"}, Case{"1,234.5", 1234.5, 1, ""},
        Case{"(18)%", -18, 0, "%"}, Case{"11.01(2)", 11.01, 2, ""}, Case{"−21%", -21, 0, "%"},
        Case{"30 %", 30, 0, "%"}}) {
    const auto f = parse_figure(c.text);
    ASSERT_TRUE(f) << c.text;
    EXPECT_DOUBLE_EQ(f->value, c.value) << c.text;
    EXPECT_EQ(f->decimals, c.decimals) << c.text;
    EXPECT_EQ(f->unit, c.unit) << c.text;
  }
  for (const char* text :
       {"", "-", "–", "Silver", "1,23", "12,3456", "2012Q1", "$", "1.2.3", "n/a", "(r)"})
    EXPECT_FALSE(parse_figure(text)) << text;
}

TEST(Figure, StandsForItsRoundingInterval) {
  const auto f = parse_figure("66%");
  ASSERT_TRUE(f);
  EXPECT_TRUE(f->interval().contains(65.5));
  EXPECT_TRUE(f->interval().contains(66.49));
  EXPECT_FALSE(f->interval().contains(66.51));
}

TEST(PeriodHeader, NamesItsDays) {
  struct Case {
    const char* header;
    const char* period;
    int days;
  };
  for (const Case& c :
       {Case{"2012Q1", "2012Q1", 91}, Case{"Q1 2011", "2011Q1", 90},
        Case{"Three Months Ended March 31 2012", "2012Q1", 91},
        Case{"Six months ended June 30, 2012", "2012H1", 182}, Case{"Year 2011", "2011", 365},
        Case{"Fourth quarter 2011", "2011Q4", 92}, Case{"at 2012-03-31", "2012-03-31", 1},
        Case{"For the three months ended March 31, 2012", "2012Q1", 91},
        Case{"Quarter ended June 30, 2012", "2012Q2", 91}, Case{"1Q12", "2012Q1", 91},
        Case{"Q1'12", "2012Q1", 91}, Case{"Q1/2012", "2012Q1", 91}, Case{"1Q 2012", "2012Q1", 91},
        Case{"FY2011", "2011", 365}, Case{"H1 2012", "2012H1", 182},
        Case{"First half 2012", "2012H1", 182}, Case{"March 2012", "2012-03", 31},
        Case{"As at March 31, 2012", "2012-03-31", 1}, Case{"Dec. 31, 2011", "2011-12-31", 1}}) {
    const auto p = parse_period_header(c.header);
    ASSERT_TRUE(p) << c.header;
    EXPECT_EQ(p->days(), c.days) << c.header;
    EXPECT_EQ(*p, *calendar::Period::parse(c.period)) << c.header;
  }
  for (const char* text : {"Change", "Silver", "YTD 2012", "February 30, 2012", "Q5 2012", "12"})
    EXPECT_FALSE(parse_period_header(text)) << text;
}

std::vector<Check> checks_of(const std::string& text) { return check_release(parse_release(text)); }

std::size_t count(const std::vector<Check>& checks, Status s) {
  return static_cast<std::size_t>(
      std::count_if(checks.begin(), checks.end(), [&](const Check& c) { return c.status == s; }));
}

// A tab table with two header rows; gross profit ties only thanks to rounding
// (7,157 from 23,161 − 16,004 = 7,157, but 7,158 ties too: the parts are
// rounded), 7,160 cannot.
TEST(Check, GrossProfitTiesWithinRoundingOnly) {
  const std::string head =
      "Summary\n\tThree Months Ended March 31\n\t2012\t2011\nRevenue\t23,161\t18,796\n"
      "Cost of sales\t16,004\t9,699\n";
  auto checks = checks_of(head + "Gross profit\t7,158\t9,097\n");
  ASSERT_EQ(checks.size(), 2u);
  EXPECT_EQ(count(checks, Status::ties), 2u);
  checks = checks_of(head + "Gross profit\t7,160\t9,097\n");
  ASSERT_EQ(count(checks, Status::does_not_tie), 1u);
  const Check& bad = checks[0];
  EXPECT_EQ(bad.target.figure.line, 6u);
  EXPECT_EQ(bad.target.figure.column, 14u);
  EXPECT_NEAR(bad.gap, 1.5, 1e-9);  // computed ≤ 7,158, printed ≥ 7,159.5
  EXPECT_EQ(bad.period, "Three Months Ended March 31 2012");
}

TEST(Check, ChangesInPercentAndPoints) {
  const std::string text =
      "Operations\n\tQ1 2012\tQ1 2011\tChange\nOre tonnes mined\t21,395\t16,461\t30%\n"
      "Lead head grade\t11.3%\t10.0%\t+1.3 pp\nZinc head grade\t5.7%\t5.0%\t+0.9 pp\n"
      "Silver (oz)\t581,746\t447,576\t31%\n";
  const auto checks = checks_of(text);
  ASSERT_EQ(checks.size(), 4u);
  EXPECT_EQ(checks[0].status, Status::ties);          // 29.98% → 30%
  EXPECT_EQ(checks[1].status, Status::ties);          // 1.3 pp
  EXPECT_EQ(checks[2].status, Status::does_not_tie);  // 0.7 ± 0.1 pp, not 0.9
  EXPECT_EQ(checks[3].status, Status::does_not_tie);  // 29.98%, not 31%
}

TEST(Check, DollarSignsInTheirOwnCellsAndDateColumns) {
  // "$" apart from its figure keeps the columns aligned; a date column is no
  // period to divide tonnes by.
  const auto checks = checks_of(
      "Fin\n\t\tMarch 31, 2012\t\tMarch 31, 2011\nRevenue\t$\t23,161\t$\t18,796\n"
      "Cost of sales\t\t16,004\t\t9,699\nGross profit\t$\t7,160\t$\t9,097\n"
      "Ore tonnes processed\t\t21,251\t\t18,050\nMill throughput (tpd)\t\t234\t\t201\n");
  ASSERT_EQ(checks.size(), 4u);
  EXPECT_EQ(checks[0].status, Status::does_not_tie);
  EXPECT_EQ(checks[0].target.figure.text, "$7,160");
  EXPECT_EQ(checks[1].status, Status::ties);
  EXPECT_EQ(checks[2].status, Status::not_checkable);
  EXPECT_EQ(checks[2].why, "the column names a date, not a period");
}

TEST(Check, ThroughputUsesTheColumnsCalendarDays) {
  // 2012Q1 has 91 days (a leap year), 2011Q1 90.
  const auto checks = checks_of(
      "Mill\n\t2012Q1\t2011Q1\nOre tonnes processed\t21,251\t18,050\n"
      "Mill throughput (tonnes per day)\t234\t201\n");
  ASSERT_EQ(checks.size(), 2u);
  EXPECT_EQ(count(checks, Status::ties), 2u);
  const auto wrong = checks_of(
      "Mill\n\t2012Q1\t2011Q1\nOre tonnes processed\t21,251\t18,050\n"
      "Mill throughput (tonnes per day)\t236\t201\n");  // 21,251 / 90 days: the wrong quarter
  EXPECT_EQ(count(wrong, Status::does_not_tie), 1u);
  // Ore milled, in tonnes, is the ore processed.
  const auto milled = checks_of(
      "Mill\n\t2012Q1\nTonnes milled\t21,251\nSilver head grade (g/t)\t899\n"
      "Mill throughput (tonnes per day)\t236\n");
  ASSERT_EQ(milled.size(), 1u);
  EXPECT_EQ(milled[0].status, Status::does_not_tie);
  EXPECT_EQ(milled[0].inputs[0].label, "Tonnes milled");
}

TEST(Check, ContainedMetalProductionAndRecovery) {
  const std::string text =
      "Operating statistics\n\tQ1 2012\nOre tonnes processed\t21,251\nGrade of ore processed:\n"
      "Silver (g/t)\t899\nRecoveries:\nSilver\t95%\nLead concentrate:\nTonnes\t3,376\n"
      "Silver grade (g/t)\t5,144\nSilver contained (oz)\t558,334\nZinc concentrate:\n"
      "Tonnes\t1,583\nSilver grade (g/t)\t460\nSilver contained (oz)\t23,412\nProduction:\n"
      "Silver (oz)\t581,746\n";
  const auto checks = checks_of(text);
  EXPECT_EQ(count(checks, Status::ties), 4u);  // two contained, production, recovery
  EXPECT_EQ(count(checks, Status::does_not_tie), 0u);
  // A recovery that does not follow: 94.7% cannot print as 97%.
  std::string wrong = text;
  wrong.replace(wrong.find("Silver\t95%"), 10, "Silver\t97%");
  const auto bad = checks_of(wrong);
  ASSERT_EQ(count(bad, Status::does_not_tie), 1u);
  EXPECT_EQ(std::find_if(bad.begin(), bad.end(),
                         [](const Check& c) { return c.status == Status::does_not_tie; })
                ->relation,
            "recovery");
}

TEST(Check, RecoveryUsesTheGradeOfTheOreProcessed) {
  // The ore mined is richer than the ore processed; the recovery is of the latter.
  const auto checks = checks_of(
      "Operations\n\tQ1 2012\nOre tonnes processed\t21,251\nOre mined:\nSilver grade (g/t)\t950\n"
      "Ore processed:\nSilver grade (g/t)\t899\nRecoveries:\nSilver\t95%\nProduction:\n"
      "Silver (oz)\t581,746\n");
  ASSERT_EQ(checks.size(), 1u);
  EXPECT_EQ(checks[0].relation, "recovery");
  EXPECT_EQ(checks[0].status, Status::ties);
  EXPECT_EQ(checks[0].inputs[2].label, "Ore processed / Silver grade (g/t)");
}

TEST(Check, NotCheckableSaysWhy) {
  const auto checks =
      checks_of("T\n\tQ1 2012\nLead concentrate:\nLead contained (lb)\t4,912,252\n");
  ASSERT_EQ(checks.size(), 1u);
  EXPECT_EQ(checks[0].status, Status::not_checkable);
  EXPECT_FALSE(checks[0].why.empty());
}

// Releases orebook writes must check clean.
TEST(Check, OrebookResultsCheckClean) {
  for (const char* dataset : {"nuestra-senora", "demo-mine"}) {
    core::Diagnostics diags;
    const bool real = std::string(dataset) == "nuestra-senora";
    const pipeline::ResultsRequest request{OREBOOK_SOURCE_DIR "/examples/" + std::string(dataset),
                                           real ? "2014Q1" : "2012Q1",
                                           real ? "2013Q1" : "2012Q2",
                                           {}};
    // As text, and as Markdown (pipe tables, bold group rows, italic captions).
    for (const auto format : {report::Format::text, report::Format::markdown}) {
      const auto outcome = pipeline::results(request, format, diags);
      ASSERT_TRUE(outcome) << dataset;
      const auto checks = checks_of(outcome->output);
      // The real mine's results hold mill figures and reported costs only
      // (no concentrates, sales or cost breakdown): fewer relations to tie.
      EXPECT_GT(count(checks, Status::ties), real ? 12u : 40u) << dataset;
      EXPECT_EQ(count(checks, Status::not_checkable), 0u) << dataset;
      for (const Check& c : checks) {
        EXPECT_NE(c.status, Status::does_not_tie)
            << dataset << " " << c.target.figure.line << " " << c.target.label << " " << c.relation;
      }
    }
  }
}

// Not a release at all: random bytes, tabs and digits, long lines, ragged
// rows. Never a crash, never a check out of nothing.
TEST(Check, ArbitraryInputNeverCrashes) {
  std::mt19937 rng(6);
  const std::string alphabet = "0123456789,.%$()-+ \t\nQq:abcdefghijklmnopqrstuvwxyz\r<>\\";
  for (int trial = 0; trial < 3000; ++trial) {
    std::string text;
    const std::size_t n = rng() % 400;
    for (std::size_t i = 0; i < n; ++i) {
      text += rng() % 7 == 0 ? static_cast<char>(rng() % 256) : alphabet[rng() % alphabet.size()];
    }
    const auto checks = checks_of(text);
    for (const Check& c : checks) EXPECT_FALSE(c.target.figure.text.empty());
  }
  EXPECT_TRUE(checks_of("").empty());
  EXPECT_TRUE(checks_of(std::string(1 << 20, '9')).empty());  // one huge line
  EXPECT_NO_THROW(checks_of("T\n\tQ1 2012\tQ1 2011\tChange\nA\t1\nB\t1\t2\t3\t4\t5\n"));  // ragged
}

// A sentence's label is shortened for display; the cut never falls inside a
// character (an en dash at the cut made `check --format json` fail).
TEST(Check, ASentenceLabelIsCutOnACharacterBoundary) {
  const std::string sentence =
      "Silver production in the quarter for the mine \u2013 the best \u2013 increased 30% "
      "compared to the first quarter of 2011.";
  const auto checks = checks_of(
      "Operating statistics\n\tQ1 2012\tQ1 2011\nSilver production (oz)\t581,746\t447,576\n\n" +
      sentence + "\n");
  ASSERT_FALSE(checks.empty());
  for (const Check& c : checks) {
    const std::string& label = c.target.label;
    // Valid UTF-8: every lead byte is followed by all its continuation bytes.
    for (std::size_t i = 0; i < label.size();) {
      const auto b = static_cast<unsigned char>(label[i]);
      const std::size_t n = b < 0x80 ? 1 : b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : 2;
      ASSERT_LE(i + n, label.size()) << label;
      i += n;
    }
  }
}

// A long text is read part by part, each cut at a blank line; line numbers
// run on across parts, and each part's checks are those of the part alone.
TEST(Check, ALongTextIsReadInPartsWithTheFilesLineNumbers) {
  std::ifstream in(OREBOOK_SOURCE_DIR "/tests/data/releases/planted.txt");
  const std::string one{std::istreambuf_iterator<char>(in), {}};
  std::string text;
  for (int i = 0; i < 5; ++i) text += one + "\n";
  const auto parts = parts_of(text, one.size() / 2);
  ASSERT_GE(parts.size(), 3u);
  std::size_t bytes = 0;
  std::vector<Check> all;
  for (const Part& p : parts) {
    EXPECT_TRUE(p.text.ends_with("\n\n") || &p == &parts.back());
    bytes += p.text.size();
    const auto checks = check_release(parse_release(p.text, p.first_line));
    all.insert(all.end(), checks.begin(), checks.end());
  }
  EXPECT_EQ(bytes, text.size());
  // Every figure a check names is on the line it says, in the whole text.
  std::vector<std::string> lines;
  std::istringstream lines_in(text);
  for (std::string l; std::getline(lines_in, l);) lines.push_back(l);
  ASSERT_FALSE(all.empty());
  for (const Check& c : all) {
    ASSERT_LE(c.target.figure.line, lines.size());
    EXPECT_EQ(lines[c.target.figure.line - 1].substr(c.target.figure.column - 1,
                                                     c.target.figure.text.size()),
              c.target.figure.text);
  }
  // The planted errors of each copy are found in each: five times one copy's.
  EXPECT_EQ(count(all, Status::does_not_tie), 5 * count(checks_of(one), Status::does_not_tie));
}

const char* kProseRelease =
    "Operating statistics\n\tQ1 2012\tQ1 2011\nOre tonnes processed\t21,251\t18,050\n"
    "Production:\nSilver (oz)\t581,746\t447,576\nLead in lead concentrate "
    "(lb)\t4,912,252\t3,561,965\n"
    "Realized prices:\nSilver (US$ per oz)\t$32.81\t$39.88\n\n";

std::vector<Check> prose_checks(const std::string& sentence) {
  auto all = check_release(parse_release(std::string(kProseRelease) + sentence + "\n"));
  std::vector<Check> out;
  for (auto& c : all)
    if (c.target.figure.line == 10) out.push_back(c);
  return out;
}

TEST(Prose, ChangesTieWithDirectionAndPeriod) {
  auto c = prose_checks("- Silver production increased 30% compared to the first quarter of 2011.");
  ASSERT_EQ(c.size(), 1u);
  EXPECT_EQ(c[0].relation, "change in prose");
  EXPECT_EQ(c[0].status, Status::ties);
  EXPECT_EQ(c[0].target.figure.column, 31u);  // "- Silver production increased " is 30 characters
  // A percentage that does not follow, and the wrong direction.
  c = prose_checks("- Silver production increased 35% compared to the first quarter of 2011.");
  ASSERT_EQ(c.size(), 1u);
  EXPECT_EQ(c[0].status, Status::does_not_tie);
  c = prose_checks("- Silver production decreased 30% compared to the first quarter of 2011.");
  ASSERT_EQ(c.size(), 1u);
  EXPECT_EQ(c[0].status, Status::does_not_tie);
  // "A year ago" is 2011Q1 too; the milling rate is the tonnes processed.
  c = prose_checks("The milling rate increased 18% from the same period a year ago.");
  ASSERT_EQ(c.size(), 1u);
  EXPECT_EQ(c[0].status, Status::ties);
  // The item named after the change word is the one that changed.
  c = prose_checks(
      "Silver production increased 30% on an 18% increase in tonnes processed compared to the "
      "first quarter of 2011.");
  ASSERT_EQ(c.size(), 2u);
  EXPECT_EQ(c[1].inputs[0].label, "Ore tonnes processed");
  EXPECT_EQ(count(c, Status::ties), 2u);
  // "Respectively": the nth figure is the nth metal's.
  c = prose_checks(
      "Silver and lead production increased 30% and 38%, respectively, compared to the first "
      "quarter of 2011.");
  ASSERT_EQ(c.size(), 2u);
  EXPECT_EQ(count(c, Status::ties), 2u);
  c = prose_checks(
      "Silver and lead production increased 38% and 30%, respectively, compared to the first "
      "quarter of 2011.");
  ASSERT_EQ(c.size(), 2u);
  EXPECT_EQ(count(c, Status::does_not_tie), 2u);
  c = prose_checks("Silver production increased 30% and 38%, respectively.");
  EXPECT_TRUE(c.empty());  // two figures, one metal: which is which is not said
  // A period the tables do not hold cannot be checked.
  c = prose_checks("Silver production increased 10% compared to the fourth quarter of 2011.");
  ASSERT_EQ(c.size(), 1u);
  EXPECT_EQ(c[0].status, Status::not_checkable);
}

TEST(Prose, RestatementsAndRoundingWords) {
  auto c = prose_checks("Example produced 581,746 ounces silver and over 4.9 million pounds lead.");
  ASSERT_EQ(c.size(), 2u);
  EXPECT_EQ(c[0].relation, "restatement");
  EXPECT_EQ(c[0].status, Status::ties);
  EXPECT_EQ(c[1].relation, "rounding word");
  EXPECT_EQ(c[1].status, Status::ties);
  // A wrong rounding word: 4,912,252 is not over 5.0 million, nor nearly 4.8.
  c = prose_checks("Example produced over 5.0 million pounds lead.");
  ASSERT_EQ(c.size(), 1u);
  EXPECT_EQ(c[0].status, Status::does_not_tie);
  c = prose_checks("Example produced nearly 4.8 million pounds lead.");
  ASSERT_EQ(c.size(), 1u);
  EXPECT_EQ(c[0].status, Status::does_not_tie);
  c = prose_checks("Example produced approximately 4.9 million pounds lead.");
  ASSERT_EQ(c.size(), 1u);
  EXPECT_EQ(c[0].status, Status::ties);
  // A restated figure off by one in its last digit.
  c = prose_checks("Example produced 581,747 ounces silver.");
  ASSERT_EQ(c.size(), 1u);
  EXPECT_EQ(c[0].status, Status::does_not_tie);
}

TEST(Prose, StatedPriorAndDifference) {
  auto c = prose_checks(
      "The realized silver price was $32.81 per ounce, a 4% or $1.40 reduction from $34.21.");
  ASSERT_EQ(c.size(), 3u);  // the price, the change, the difference
  for (const auto& x : c) EXPECT_EQ(x.status, Status::ties) << x.relation;
  c = prose_checks(
      "The realized silver price was $32.81 per ounce, a 4% or $1.50 reduction from $34.21.");
  ASSERT_EQ(c.size(), 3u);
  EXPECT_EQ(c[2].relation, "difference in prose");
  EXPECT_EQ(c[2].status, Status::does_not_tie);
}

// Tab tables do not say where a group ends: the segment total after the
// last segment is outside it, not a third gross profit of that segment.
TEST(Check, ATabTableGroupEndsAtAnItemItHasAlready) {
  const std::string text =
      "Financial summary\n(in thousands of C$)\n\t2012Q1\nMining:\nRevenue\t23,161\n"
      "Cost of sales\t16,004\nGross profit (loss)\t7,157\nEnvironmental services:\n"
      "Revenue\t1,584\nCost of sales\t1,527\nGross profit (loss)\t57\nGross profit\t7,214\n"
      "Net income\t1,340\n";
  const auto release = parse_release(text);
  ASSERT_EQ(release.tables.size(), 1u);
  EXPECT_EQ(release.tables[0].rows[6].group, "");
  EXPECT_EQ(release.tables[0].rows[7].group, "");
  const auto checks = check_release(release);
  ASSERT_EQ(checks.size(), 3u);
  EXPECT_EQ(checks[2].relation, "sum of segments");
  EXPECT_EQ(count(checks, Status::ties), 3u);
  // The same as a Markdown pipe table.
  const auto md = checks_of(
      "# Financial summary\n\n_in thousands of C$_\n\n| | 2012Q1 |\n|---|---:|\n"
      "| **Mining:** | |\n| Revenue | 23,161 |\n| Cost of sales | 16,004 |\n"
      "| Gross profit (loss) | 7,157 |\n| **Environmental services:** | |\n| Revenue | 1,584 |\n"
      "| Cost of sales | 1,527 |\n| Gross profit (loss) | 57 |\n| Gross profit | 7,210 |\n");
  ASSERT_EQ(md.size(), 3u);
  EXPECT_EQ(md[2].status, Status::does_not_tie);  // 7,210 is not 7,157 + 57
  EXPECT_EQ(md[2].target.figure.line, 15u);
  EXPECT_EQ(md[2].target.figure.column, 18u);  // "| Gross profit | " is 17 characters
}

TEST(Check, SumOfSegments) {
  const std::string aligned =
      "Financial summary\n                     2012Q1\nMining:\n  Revenue            23,161\n"
      "  Gross profit (loss)  7,157\nServices:\n  Gross profit (loss)    (97)\n"
      "Gross profit          7,060\n";
  auto checks = checks_of(aligned);
  ASSERT_EQ(count(checks, Status::ties), 1u);
  EXPECT_EQ(checks[0].relation, "sum of segments");
  std::string wrong = aligned;
  wrong.replace(wrong.find("7,060"), 5, "7,254");  // the loss added, not subtracted
  checks = checks_of(wrong);
  EXPECT_EQ(count(checks, Status::does_not_tie), 1u);
}

TEST(Prose, PercentagesWithoutDirectionAreRestated) {
  const std::string table =
      "Operating statistics\n\tQ1 2012\tQ1 2011\nOre tonnes processed\t21,251\t18,050\n"
      "Grade of ore processed:\nSilver (g/t)\t899\t829\nLead\t11.3%\t10.0%\nRecoveries:\n"
      "Silver\t95%\t93%\n\n";
  auto checks = check_release(
      parse_release(table + "Silver recovery averaged 95% and the lead head grade was 11.3%.\n"));
  std::vector<Check> prose;
  for (const auto& c : checks)
    if (c.target.figure.line == 10) prose.push_back(c);
  ASSERT_EQ(prose.size(), 2u);
  EXPECT_EQ(prose[0].relation, "restatement");
  EXPECT_EQ(prose[0].status, Status::ties);
  EXPECT_EQ(prose[1].status, Status::ties);
  checks = check_release(parse_release(table + "Silver recovery averaged 93%.\n"));
  EXPECT_EQ(count(checks, Status::does_not_tie), 1u);  // 93% was 2011's
  // The recovery of a metal from the ore processed is the recovery.
  checks = check_release(parse_release(table + "Silver recovery from ore processed was 95%.\n"));
  EXPECT_EQ(count(checks, Status::ties), 1u);  // the sentence's (the table has no production)
  EXPECT_EQ(count(checks, Status::does_not_tie), 0u);
  // A concentrate's grade is no head grade.
  checks = check_release(parse_release(table + "The lead concentrate grade was 66%.\n"));
  EXPECT_EQ(checks.size(), 2u);  // the table's own (recovery, both quarters) only
}

TEST(Prose, SentencesOfAParagraphAreCheckedApart) {
  const std::string table =
      "Operating statistics\n\tQ1 2012\tQ4 2011\tQ1 2011\nProduction:\n"
      "Silver (oz)\t581,746\t519,402\t447,576\n\n";
  const std::string text =
      table +
      "Silver production increased 30%. It was 12% higher than in the fourth quarter of 2011.\n";
  const Release r = parse_release(text);
  ASSERT_EQ(r.prose.size(), 3u);  // the title and the two sentences
  EXPECT_EQ(r.prose[2].column, 34u);
  EXPECT_EQ(r.prose[1].paragraph, r.prose[2].paragraph);
  auto prose_of = [](const std::vector<Check>& checks) {
    std::vector<Check> out;
    for (const auto& c : checks)
      if (c.relation == "change in prose") out.push_back(c);
    return out;
  };
  // The first sentence names no period, and the table has three: not
  // checkable. "It" in the second is the silver production of the first.
  auto prose = prose_of(check_release(r));
  ASSERT_EQ(prose.size(), 2u);
  EXPECT_EQ(prose[0].status, Status::not_checkable);
  EXPECT_EQ(prose[0].why, "the sentence does not name the period it compares with");
  EXPECT_EQ(prose[1].status, Status::ties);
  EXPECT_EQ(prose[1].period, "Q1 2012 vs Q4 2011");
  prose = prose_of(checks_of(table + "Silver production increased 30%. It was 15% higher than in "
                                     "the fourth quarter of 2011.\n"));
  ASSERT_EQ(prose.size(), 2u);
  EXPECT_EQ(prose[1].status, Status::does_not_tie);
  // "It" does not reach into another paragraph.
  prose = prose_of(checks_of(table + "Silver production increased 30%.\n\nIt was 12% higher than "
                                     "in the fourth quarter of 2011.\n"));
  EXPECT_EQ(prose.size(), 1u);
}

std::string read_release(const std::string& name) {
  std::ifstream in(OREBOOK_SOURCE_DIR "/tests/data/releases/" + name);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// The text with one planted change: `from` (which must be there) becomes `to`.
std::string planted(std::string text, const std::string& from, const std::string& to) {
  const auto at = text.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  if (at != std::string::npos) text.replace(at, from.size(), to);
  return text;
}

std::vector<const Check*> failing(const std::vector<Check>& checks) {
  std::vector<const Check*> out;
  for (const Check& c : checks)
    if (c.status == Status::does_not_tie) out.push_back(&c);
  return out;
}

// Each error planted alone in `text` makes exactly one check fail.
void expect_each_caught_once(const std::string& text,
                             const std::vector<std::pair<std::string, std::string>>& errors) {
  for (const auto& [from, to] : errors) {
    const auto checks = checks_of(planted(text, from, to));
    EXPECT_EQ(failing(checks).size(), 1u) << to;
  }
}

// A financial release: a highlights table in millions, tables in thousands
// of dollars with parentheses, totals, "Less" rows, an absolute and a %
// change column, a cost per ounce, prose with differences, a share and "It".
// Every figure ties; each planted error is caught by the relation it breaks,
// and by nothing else.
TEST(Check, FinancialReleaseTiesAndEachPlantedErrorIsCaught) {
  const std::string text = read_release("financial.txt");
  ASSERT_FALSE(text.empty());
  const auto clean = checks_of(text);
  EXPECT_GE(count(clean, Status::ties), 30u);
  EXPECT_TRUE(failing(clean).empty());
  for (const std::string relation :
       {"total", "per unit", "same figure", "share in prose", "difference in prose", "change",
        "change in prose", "restatement"}) {
    EXPECT_TRUE(std::any_of(clean.begin(), clean.end(), [&](const Check& c) {
      return c.relation == relation;
    })) << relation;
  }
  struct Planted {
    std::string from, to;
    std::vector<std::string> caught_by;  // the relations of the checks that fail
  };
  const std::vector<Planted> cases = {
      // A total three units off (a one-unit total of three rounded parts ties).
      {"Total\t23,161", "Total\t23,164", {"total", "change"}},  // 23.2 million still
      // A part in the change column off by one unit: 2,345 cannot be 2,346.
      {"15,400\t2,345", "15,400\t2,347", {"change"}},
      // A cost per ounce that does not follow from the total and the ounces.
      {"$1.63\t$9.27\t(82%)", "$1.73\t$9.27\t(82%)", {"per unit", "same figure", "change"}},
      // The highlights table disagrees with the table in thousands, and
      // with the prose, which restates the more precise figure.
      {"Revenue ($ millions)\t23.2", "Revenue ($ millions)\t23.4", {"same figure"}},
      {"Revenue was $23.2 million", "Revenue was $23.4 million", {"restatement"}},
      // A difference in the text that does not follow.
      {"an increase of $4.3 million", "an increase of $4.5 million", {"difference in prose"}},
      // "It" (revenue) was 23% higher, not 25%.
      {"It was 23% higher", "It was 25% higher", {"change in prose"}},
      // Silver is 76.6% of revenue.
      {"Silver accounted for 77%", "Silver accounted for 80%", {"share in prose"}},
      // A restatement in Moz one unit off in its last digit.
      {"production of 0.58 Moz", "production of 0.59 Moz", {"restatement"}},
      // The prior tonnes after "from" are 2011's.
      {"up from 18,050 tonnes", "up from 18,500 tonnes", {"restatement"}},
      // "Less" rows are subtracted, printed in parentheses or not.
      {"Less by-product credits\t(5,416)\t(1,420)", "Less by-product credits\t5,416\t1,420", {}},
  };
  for (const Planted& p : cases) {
    std::vector<std::string> caught;
    const auto checks = checks_of(planted(text, p.from, p.to));
    for (const Check* c : failing(checks)) caught.push_back(c->relation);
    std::sort(caught.begin(), caught.end());
    std::vector<std::string> expected = p.caught_by;
    std::sort(expected.begin(), expected.end());
    EXPECT_EQ(caught, expected) << p.to;
  }
}

TEST(Check, ChangeColumnsSayWhatTheyCompare) {
  // A % header over plain numbers is relative; a plain "Change" is a difference.
  auto checks =
      checks_of("T\n\tQ1 2012\tQ1 2011\t% Change\nOre tonnes mined\t21,395\t16,461\t30\n");
  ASSERT_EQ(checks.size(), 1u);
  EXPECT_EQ(checks[0].status, Status::ties);
  checks = checks_of("T\n\tQ1 2012\tQ1 2011\tChange\nOre tonnes mined\t21,395\t16,461\t30\n");
  ASSERT_EQ(checks.size(), 1u);
  EXPECT_EQ(checks[0].status, Status::does_not_tie);  // the difference is 4,934
  // The change of a percentage printed with %: points or relative, whichever
  // the release meant; neither reading gives 5%.
  auto change_of = [](const std::string& text) {
    for (const Check& c : checks_of(text))
      if (c.relation == "change") return c;
    return Check{};
  };
  EXPECT_EQ(change_of("T\n\tQ1 2012\tQ1 2011\tChange\nRecoveries:\nSilver\t95%\t93%\t2%\n").status,
            Status::ties);
  EXPECT_EQ(change_of("T\n\tQ1 2012\tQ1 2011\tChange\nRecoveries:\nSilver\t95%\t93%\t5%\n").status,
            Status::does_not_tie);
  // Each change column compares the first column with the one before it.
  checks = checks_of(
      "T\n\tQ1 2012\tQ1 2011\t% Change\tQ4 2011\t% Change\nOre tonnes mined\t21,395\t16,461\t30%"
      "\t20,000\t7%\n");
  ASSERT_EQ(checks.size(), 2u);
  EXPECT_EQ(checks[0].period, "Q1 2012 vs Q1 2011");
  EXPECT_EQ(checks[1].period, "Q1 2012 vs Q4 2011");
  EXPECT_EQ(count(checks, Status::ties), 2u);
  // Two headings, each over two years and beside its change column.
  checks = checks_of(
      "T\n\tThree months ended March 31,\t% Change\tSix months ended June 30,\t% Change\n"
      "\t2012\t2011\t\t2012\t2011\nOre tonnes processed\t21,251\t18,050\t18%\t40,000\t35,000"
      "\t14%\n");
  ASSERT_EQ(checks.size(), 2u);
  EXPECT_EQ(checks[1].period, "Six months ended June 30, 2012 vs Six months ended June 30, 2011");
  EXPECT_EQ(count(checks, Status::ties), 2u);
  // Three period columns and one change column: which two is not said.
  checks = checks_of(
      "T\n\tQ1 2012\tQ4 2011\tQ1 2011\tChange\nOre tonnes mined\t21,395\t20,000\t16,461\t30%\n");
  ASSERT_EQ(checks.size(), 1u);
  EXPECT_EQ(checks[0].status, Status::not_checkable);
}

TEST(Check, TotalsOnlyOfPartsInTheSameUnits) {
  // Ounces and pounds, or a silver-equivalent total, are not sums of the rows.
  auto checks = checks_of(
      "T\n\tQ1 2012\nProduction:\nSilver (oz)\t581,746\nLead (lb)\t4,912,252\n"
      "Total silver equivalent (oz)\t900,000\n");
  EXPECT_TRUE(checks.empty());
  // A run of rows naming the item, outside groups.
  checks = checks_of(
      "T\n\tQ1 2012\nSilver revenue\t17,745\nLead revenue\t4,422\nTotal revenue\t22,170\n"
      "Cost of sales\t16,004\n");
  ASSERT_EQ(checks.size(), 1u);
  EXPECT_EQ(checks[0].relation, "total");
  EXPECT_EQ(checks[0].status, Status::does_not_tie);  // 22,167 ± 1
  // Money rows of any name are in the caption's thousands; a row in other
  // units than the total's is no part of it.
  checks = checks_of(
      "Costs\n(in thousands of dollars)\n\tQ1 2012\nMining\t4,100\nShare-based compensation\t300\n"
      "Employee costs\t1,000\nTotal costs\t5,400\n");
  ASSERT_EQ(checks.size(), 1u);
  EXPECT_EQ(checks[0].status, Status::ties);
  checks = checks_of(
      "Costs\n(in thousands of dollars)\n\tQ1 2012\nMining\t4,100\nRoyalty (2%)\t300\n"
      "Total costs\t4,400\n");
  EXPECT_TRUE(checks.empty());
  // Rows that do not name the item are not its parts.
  checks = checks_of("T\n\tQ1 2012\nCash\t17,745\nReceivables\t4,422\nTotal assets\t30,000\n");
  EXPECT_TRUE(checks.empty());
}

TEST(Check, PerUnitNeedsOneCountOfUnits) {
  const std::string head =
      "Costs\n(in thousands of dollars, except per ounce amounts)\n\tQ1 2012\n"
      "Total cash costs\t884\nPayable silver (oz)\t540,942\n";
  auto checks = checks_of(head + "Cash cost per ounce\t$1.63\n");
  ASSERT_EQ(checks.size(), 1u);
  EXPECT_EQ(checks[0].status, Status::ties);
  EXPECT_DOUBLE_EQ(checks[0].inputs[0].figure.scale, 1e3);
  checks =
      checks_of(head + "Payable silver equivalent (oz)\t700,000\nCash cost per ounce\t$1.63\n");
  ASSERT_EQ(checks.size(), 1u);
  EXPECT_EQ(checks[0].status, Status::not_checkable);
  EXPECT_EQ(checks[0].why, "the table holds more than one count of units");
}

TEST(Check, SameFigureOnlyForOneRowPerTable) {
  const std::string ops = "Operations\n\tQ1 2012\nProduction:\nSilver (oz)\t581,746\n\n";
  auto checks = checks_of(ops + "Highlights\n\tQ1 2012\nSilver production (koz)\t582\n");
  ASSERT_EQ(checks.size(), 1u);
  EXPECT_EQ(checks[0].relation, "same figure");
  EXPECT_EQ(checks[0].status, Status::ties);
  checks = checks_of(ops + "Highlights\n\tQ1 2012\nSilver production (koz)\t583\n");
  ASSERT_EQ(checks.size(), 1u);
  EXPECT_EQ(checks[0].status, Status::does_not_tie);
  // A row per mine: no single figure to link.
  checks = checks_of(ops +
                     "By mine\n\tQ1 2012\nMine A production:\nSilver (oz)\t300,000\n"
                     "Mine B production:\nSilver (oz)\t281,746\n");
  EXPECT_TRUE(checks.empty());
  // A realized price and a market price are two items.
  checks = checks_of(
      "Prices\n\tQ1 2012\nRealized silver price ($/oz)\t$32.81\n\nMarket\n\tQ1 2012\n"
      "LBMA silver price ($/oz)\t$32.63\n");
  EXPECT_TRUE(checks.empty());
}

TEST(Prose, RatiosDifferencesAndUnitWords) {
  // kProseRelease: silver 581,746 vs 447,576 oz; lead 4,912,252 vs 3,561,965 lb.
  auto c = prose_checks("Silver production was 1.3 times that of the first quarter of 2011.");
  ASSERT_EQ(c.size(), 1u);
  EXPECT_EQ(c[0].relation, "ratio in prose");
  EXPECT_EQ(c[0].status, Status::ties);  // 1.2998
  c = prose_checks("Silver production was 1.5 times that of the first quarter of 2011.");
  ASSERT_EQ(c.size(), 1u);
  EXPECT_EQ(c[0].status, Status::does_not_tie);
  c = prose_checks("Silver production was 2 times higher than in the first quarter of 2011.");
  ASSERT_EQ(c.size(), 1u);
  EXPECT_EQ(c[0].status, Status::not_checkable);
  c = prose_checks("Silver production doubled compared to the first quarter of 2011.");
  ASSERT_EQ(c.size(), 1u);
  EXPECT_EQ(c[0].status, Status::does_not_tie);  // 1.3×, not [1.5, 2.5)
  c = prose_checks("Silver production increased by 134,170 ounces from the first quarter of 2011.");
  ASSERT_EQ(c.size(), 1u);
  EXPECT_EQ(c[0].relation, "difference in prose");
  EXPECT_EQ(c[0].status, Status::ties);
  c = prose_checks("Silver production increased by 143,170 ounces from the first quarter of 2011.");
  ASSERT_EQ(c.size(), 1u);
  EXPECT_EQ(c[0].status, Status::does_not_tie);
  c = prose_checks("Lead production was 4.9 Mlb and silver production 0.58 Moz.");
  ASSERT_EQ(c.size(), 2u);
  EXPECT_EQ(count(c, Status::ties), 2u);
  c = prose_checks("Lead production was 4.8 Mlb.");
  ASSERT_EQ(c.size(), 1u);
  EXPECT_EQ(c[0].status, Status::does_not_tie);
  // Tonnes restated: processed, not concentrate.
  c = prose_checks("The mill processed 21,251 tonnes of ore.");
  ASSERT_EQ(c.size(), 1u);
  EXPECT_EQ(c[0].status, Status::ties);
  c = prose_checks("The mill produced 3,376 tonnes of lead concentrate.");
  EXPECT_TRUE(c.empty());
  // A total in millions is not the price per ounce.
  c = prose_checks("Silver revenue at the realized silver price was $17.7 million.");
  EXPECT_TRUE(c.empty());
}

// Sentences as releases write them: the compared period named many ways
// ("the prior-year period", "the previous quarter", "quarter over quarter",
// "the same quarter last year"), prior figures after "than the" and "from",
// levels after "to". All tie; each planted error is caught where it is.
TEST(Prose, PeriodsNamedManyWays) {
  const std::string text = read_release("prose-periods.txt");
  ASSERT_FALSE(text.empty());
  const auto clean = checks_of(text);
  EXPECT_EQ(count(clean, Status::ties), clean.size());
  EXPECT_GE(clean.size(), 20u);
  // (5% of 234 against 222 tpd is [4.9%, 5.9%]: 6% would tie on rounding.)
  const std::vector<std::pair<std::string, std::string>> errors = {
      {"than the 447,576 ounces", "than the 447,756 ounces"},  // prior-year figure
      {"than the 519,402 ounces", "than the 447,576 ounces"},  // a year ago, not last quarter
      {"from $13.65 per ounce", "from $13.56 per ounce"},
      {"18% lower than the same quarter", "19% lower than the same quarter"},
      {"an increase of 5% quarter over quarter", "an increase of 7% quarter over quarter"},
      {"by 0.5 million pounds to 4.9", "by 0.6 million pounds to 4.9"},
      {"to 4.9 million pounds", "to 4.8 million pounds"},
      {"improved to 95% from 93%", "improved to 95% from 92%"},
  };
  for (const auto& [from, to] : errors) {
    const auto checks = checks_of(planted(text, from, to));
    const auto bad = failing(checks);
    ASSERT_EQ(bad.size(), 1u) << to;
    // The failing check is the planted figure's own.
    const auto at = text.find(from);
    EXPECT_EQ(bad[0]->target.figure.line,
              static_cast<std::uint32_t>(std::count(text.begin(), text.begin() + at, '\n') + 1))
        << to;
  }
}

// Figures a sentence gives that are not the table's item, and must never be
// tied to it: metal equivalents, metal sold or in one concentrate, a mining
// rate in tpd, guidance, ranges, expectations. Figures that are: a prior in
// a parenthesis "(2011: …)", C$ amounts in millions against a table in
// C$000, "30 percent", "2 percentage points".
TEST(Prose, GuardsAndOtherWaysOfWriting) {
  const std::string text = read_release("prose-guards.txt");
  ASSERT_FALSE(text.empty());
  const auto clean = checks_of(text);
  EXPECT_TRUE(failing(clean).empty());
  auto on_line = [](const std::vector<Check>& checks, std::uint32_t line) {
    return std::count_if(checks.begin(), checks.end(),
                         [&](const Check& c) { return c.target.figure.line == line; });
  };
  EXPECT_EQ(on_line(clean, 15), 3);  // 581,746; 447,576 of 2011; 30 percent
  // Equivalents are their own item: 900,000 and 29% tie to its row, not to
  // silver production's.
  EXPECT_EQ(on_line(clean, 16), 2);
  for (const Check& c : clean)
    if (c.target.figure.line == 16) {
      EXPECT_EQ(c.status, Status::ties);
      EXPECT_EQ(c.inputs.at(0).label, "Silver equivalent production (oz)");
    }
  // Ounces sold are not payable ounces sold, nor a part "of which".
  for (std::uint32_t line : {17u, 18u, 19u, 21u}) EXPECT_EQ(on_line(clean, line), 0) << line;
  EXPECT_EQ(on_line(clean, 20), 2);
  EXPECT_EQ(on_line(clean, 22), 1);
  // The same amounts written other ways read the same.
  for (const auto& [from, to] :
       std::vector<std::pair<std::string, std::string>>{{"C$23.2 million", "C$23.2 Million"},
                                                        {"C$23.2 million", "C$23.2M"},
                                                        {"C$18.8 million", "C$18.8 mm"}}) {
    const auto checks = checks_of(planted(text, from, to));
    EXPECT_TRUE(failing(checks).empty()) << to;
    EXPECT_EQ(on_line(checks, 20), 2) << to;
  }
  expect_each_caught_once(
      text, {{"(2011: 447,576 ounces)", "(2011: 447,756 ounces)"},
             {"C$18.8 million", "C$18.6 million"},
             {"C$23.2 million", "C$23.4 million"},
             {"increased 30 percent", "increased 31 percent"},
             {"up 2 percentage points", "up 4 percentage points"}});  // 95% − 93%: 1 to 3
}

TEST(Check, AHeadingOverThreeRows) {
  const auto release = parse_release(
      "Operating results\n                              Three months ended\n"
      "                                  March 31,\n                              2012        "
      "2011\n"
      "Ore tonnes processed         21,251      18,050\nMill throughput (tpd)           234        "
      " 201\n");
  ASSERT_EQ(release.tables.size(), 1u);
  const Table& t = release.tables[0];
  ASSERT_EQ(t.columns.size(), 2u);
  EXPECT_EQ(t.columns[0].header, "Three months ended March 31, 2012");
  EXPECT_EQ(t.columns[1].period, calendar::Period::quarter(2011, 1));
  ASSERT_EQ(t.rows.size(), 2u);
  EXPECT_EQ(count(check_release(release), Status::ties), 2u);  // throughput, both quarters
}

TEST(Check, AnEmptyTabCellIsAMissingFigure) {
  const auto release = parse_release(
      "T\n\tQ1 2012\tQ1 2011\tChange\nOre tonnes processed\t21,251\t18,050\t18%\n"
      "Zinc (lb)\t\t1,116,553\t\nLead (lb)\t4,912,252\n");
  ASSERT_EQ(release.tables.size(), 1u);
  const auto& rows = release.tables[0].rows;
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_FALSE(rows[1].cells[0]);
  EXPECT_EQ(rows[1].cells[1]->text, "1,116,553");
  EXPECT_EQ(rows[1].cells[1]->column, 12u);  // after "Zinc (lb)" and two tabs
  EXPECT_EQ(rows[2].cells[0]->text, "4,912,252");
  EXPECT_FALSE(rows[2].cells[1]);
}

TEST(Check, LabelsWithTwoSpacesAndCaptionsInTheHeader) {
  const auto release = parse_release(
      "Summary\n(in thousands)        2012Q1    2011Q1\nRevenue             23,161    18,796\n"
      "Cost of  sales      16,004     9,699\nGross profit         7,157     9,097\n");
  ASSERT_EQ(release.tables.size(), 1u);
  const Table& t = release.tables[0];
  EXPECT_EQ(t.caption, "(in thousands)");
  ASSERT_EQ(t.rows.size(), 3u);
  EXPECT_EQ(t.rows[1].label, "Cost of sales");
  EXPECT_EQ(t.rows[1].cells[0]->text, "16,004");
  EXPECT_DOUBLE_EQ(t.rows[1].cells[0]->scale, 1e3);
  EXPECT_EQ(count(check_release(release), Status::ties), 2u);
}

TEST(Check, AColumnOfUnitsJoinsTheLabels) {
  const auto release = parse_release(
      "Operations\n\tUnit\tQ1 2012\tQ1 2011\tChange\nOre processed\ttonnes\t21,251\t18,050\t18%\n"
      "Throughput\ttpd\t234\t201\t16%\nSilver head grade\tg/t\t899\t829\t8%\n"
      "Silver recovery\t%\t95\t93\t2\nSilver production\toz\t581,746\t447,576\t30%\n");
  ASSERT_EQ(release.tables.size(), 1u);
  const Table& t = release.tables[0];
  ASSERT_EQ(t.columns.size(), 3u);  // the units are no column of figures
  EXPECT_EQ(t.rows[3].label, "Silver recovery (%)");
  EXPECT_EQ(t.rows[0].cells[0]->text, "21,251");
  const auto checks = check_release(release);
  EXPECT_EQ(count(checks, Status::ties), checks.size());
  // throughput ×2, recovery ×2, a change per row
  EXPECT_EQ(checks.size(), 9u);
}

// A fourth-quarter release with year columns: the period a sentence names
// before its figure is the figure's own ("for the year was", "in 2011",
// "Fourth quarter … of"), a bare year after "compared to" is the same period
// of that year; a half no column holds is not checkable.
TEST(Prose, YearColumnsAndPeriodsNamedBeforeTheFigure) {
  const std::string text = read_release("year-columns.txt");
  ASSERT_FALSE(text.empty());
  const auto clean = checks_of(text);
  EXPECT_EQ(count(clean, Status::ties), 5u);
  EXPECT_EQ(count(clean, Status::not_checkable), 1u);
  EXPECT_TRUE(failing(clean).empty());
  expect_each_caught_once(text,
                          {{"for the year was 2,100,000", "for the year was 2,000,000"},
                           {"up 40% compared to 2010", "up 30% compared to 2010"},
                           {"increased 30% compared to 2010", "increased 40% compared to 2010"},
                           {"in 2011 was 2.1 million", "in 2011 was 2.2 million"}});
}

// One sentence, two comparisons ("an increase of 12% over the prior quarter
// and 30% over the first quarter of 2011"): each against its own period; a
// percentage never restates ounces.
TEST(Prose, TwoComparisonsInOneSentence) {
  const std::string text = read_release("two-comparisons.txt");
  ASSERT_FALSE(text.empty());
  const auto clean = checks_of(text);
  EXPECT_TRUE(failing(clean).empty());
  EXPECT_EQ(count(clean, Status::ties), 8u);
  expect_each_caught_once(text, {{"increase of 12%", "increase of 14%"},
                                 {"and 30% over", "and 32% over"},
                                 {"from 900 ounces", "from 950 ounces"},
                                 {"from $19.20", "from $17.00"}});
}

}  // namespace
}  // namespace orebook::check

namespace orebook::check {
namespace {

// A statement as releases print it: section headings without colons
// ("Revenues", "Cost of sales"), unlabelled section totals, gross profit
// from the two totals; a segment's revenue in the text ("Revenues from
// mining operations of $23.2 million") against that segment's row, not the
// total; words holding unit names ("operations" holds "ratio") stay money
// in thousands.
TEST(Check, AStatementWithSectionsAndSegmentRevenue) {
  const std::string text = read_release("statement.txt");
  ASSERT_FALSE(text.empty());
  const auto clean = checks_of(text);
  EXPECT_EQ(count(clean, Status::ties), clean.size());
  EXPECT_EQ(clean.size(), 18u);
  // (A total planted wrong fails twice: as a sum and in gross profit.)
  expect_each_caught_once(text, {{"services\t1,584", "services\t1,587"},
                                 {"Gross profit\t7,214", "Gross profit\t7,218"},
                                 {"operations of $23.2 million", "operations of $24.7 million"},
                                 {"up 23% from", "up 25% from"}});
}

}  // namespace
}  // namespace orebook::check

// Issue 13, on real releases of tests/corpus (tables as published, prose in
// our words): each root cause of the false alarms and misses, checked on
// the text where it was seen.
namespace orebook::check {
namespace {

std::string corpus(const std::string& name) {
  std::ifstream in(OREBOOK_SOURCE_DIR "/tests/corpus/" + name);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// The checks of a figure: its line and its text as printed.
std::vector<Check> of_figure(const std::vector<Check>& checks, std::uint32_t line,
                             const std::string& text) {
  std::vector<Check> out;
  for (const Check& c : checks)
    if (c.target.figure.line == line && c.target.figure.text == text) out.push_back(c);
  return out;
}

// The status of the one check of a figure; nullopt unless exactly one.
std::optional<Status> status_of(const std::vector<Check>& checks, std::uint32_t line,
                                const std::string& text) {
  const auto found = of_figure(checks, line, text);
  if (found.size() != 1) return std::nullopt;
  return found[0].status;
}

// §1 Tables read whole: a label in the top-left header cell, a heading
// spanning the columns under it, a heading of periods over mines, "$" in
// cells of their own, a year with its footnote glued on.
TEST(CheckCorpus13, TablesAreReadWhole) {
  // Gatos: "CLG Production (100% Basis) | Q2 2021 | Q1 2021 | 2020 FY".
  auto r = parse_release(corpus("gatos/2021-q2-production.txt"));
  ASSERT_FALSE(r.tables.empty());
  ASSERT_EQ(r.tables[0].columns.size(), 3u);
  EXPECT_EQ(r.tables[0].columns[2].period->to_string(), "2020");
  // Atalaya: "Q3" over "2019 2018", a column of units, guidance unchecked.
  r = parse_release(corpus("atalaya/2019-q3-operations.txt"));
  ASSERT_FALSE(r.tables.empty());
  const Table& a = r.tables[0];
  EXPECT_EQ(a.columns[1].period->to_string(), "2018Q3");
  EXPECT_EQ(a.columns.back().entity, "guidance");
  EXPECT_EQ(a.rows[0].label, "Ore mined (M tonnes)");
  EXPECT_DOUBLE_EQ(a.rows[0].cells[0]->scale, 1e6);
  // Jaguar: "Q2 2016" over "Turmalina | Caeté | Total".
  r = parse_release(corpus("jaguar/2016-q2-production.txt"));
  ASSERT_FALSE(r.tables.empty());
  EXPECT_EQ(r.tables[0].columns[1].entity, "Caeté");
  EXPECT_EQ(r.tables[0].columns[4].period->to_string(), "2015Q2");
  // Its tonnages are printed to the thousand ("124,000  93,000  217,000"):
  // read so, not to the tonne.
  EXPECT_EQ(r.tables[0].rows[0].cells[0]->decimals, -3);
  // (Intervals round outward by an ulp on each side.)
  EXPECT_NEAR(r.tables[0].rows[0].cells[0]->interval().width(), 1000.0, 1e-9);
  // Gold Resource: "$ | 2,561 | $ | 1,934 …" under four columns.
  r = parse_release(corpus("gold-resource/2024-q3-preliminary.txt"));
  bool prices = false;
  for (const Table& t : r.tables)
    for (const Row& row : t.rows)
      if (row.label.starts_with("Gold ($ per oz.)")) {
        prices = true;
        ASSERT_EQ(row.cells.size(), 4u);
        EXPECT_EQ(row.cells[1]->value, 1934);
      }
  EXPECT_TRUE(prices);
  // Avino: "2022 | 20211" — 2021 with footnote 1.
  r = parse_release(corpus("avino/2022-q4-production.txt"));
  ASSERT_FALSE(r.tables.empty());
  EXPECT_EQ(r.tables[0].columns[4].period->to_string(), "2021");
}

// §2 Headings kept as a path: "Ounces Produced" / "Gold" is production,
// "Ounces Sold" / "Gold" is not; a grade beside the ore mined is no head
// grade (no recovery drawn from it).
TEST(CheckCorpus13, RowsKeepTheirHeadings) {
  const auto r = parse_release(corpus("coeur/2019-q1-production.txt"));
  ASSERT_FALSE(r.tables.empty());
  const Table& t = r.tables[0];
  int production = 0;
  for (const Row& row : t.rows)
    if (holds(t, row, Metric{Kind::production, "gold", ""})) {
      ++production;
      EXPECT_EQ(row.path, std::vector<std::string>{"Ounces Produced"});
    }
  EXPECT_EQ(production, 1);
  const auto checks = check_release(parse_release(corpus("coeur/2017-q1-production.txt")));
  for (const Check& c : checks) {
    if (c.relation == "recovery") {
      EXPECT_EQ(c.status, Status::not_checkable) << c.target.figure.text;
    }
  }
}

// §3 Unit words: grades in oz/t on tons (short tons), ore in "(M tonnes)".
TEST(CheckCorpus13, UnitWordsReadLikeSymbols) {
  auto checks = check_release(parse_release(corpus("coeur/2019-q1-production.txt")));
  auto ag = of_figure(checks, 11, "72.8%");
  ASSERT_EQ(ag.size(), 1u);
  EXPECT_EQ(ag[0].relation, "recovery");
  EXPECT_EQ(ag[0].status, Status::ties);
  checks = check_release(parse_release(corpus("atalaya/2019-q3-operations.txt")));
  auto cu = of_figure(checks, 13, "87.38");
  ASSERT_FALSE(cu.empty());
  EXPECT_EQ(cu[0].status, Status::ties);
}

// §4 The text linked only as it says: a mine it names, the item of its
// own clause, its heading's period, "so far this year", a part "of them".
TEST(CheckCorpus13, ProseLinksOnlyWhatTheWordsSay) {
  // Jaguar: "Turmalina produced 15,083 ounces" is Turmalina's, not the total.
  auto checks = check_release(parse_release(corpus("jaguar/2016-q2-production.txt")));
  EXPECT_EQ(status_of(checks, 12, "15,083"), Status::ties);
  // Great Panther: bullets under "2013 Operations Highlights (Compared to
  // 2012)" compare the years, not the fourth quarters.
  checks = check_release(parse_release(corpus("great-panther/2013-q4-production.txt")));
  auto ore = of_figure(checks, 7, "23%");
  ASSERT_EQ(ore.size(), 1u);
  EXPECT_EQ(ore[0].status, Status::ties);
  EXPECT_EQ(ore[0].period, "FY 2013 vs FY 2012");
  // Nevsun: 278,000 ounces "so far this year" is the YTD column; "41,000
  // ounces of them" is a part, not restated.
  checks = check_release(parse_release(corpus("nevsun/2011-q3-operating.txt")));
  EXPECT_EQ(status_of(checks, 9, "278,000"), Status::ties);
  EXPECT_TRUE(of_figure(checks, 9, "41,000").empty());
  // Imperial: "… grade (0.562 g/t vs 0.365 g/t)" after a clause comparing
  // with the third quarter of 2024: 0.562 is this quarter's.
  checks = check_release(parse_release(corpus("imperial/2025-q3-red-chris.txt")));
  for (const Check& c : of_figure(checks, 6, "0.562")) EXPECT_NE(c.status, Status::does_not_tie);
}

// §5 Relations that were never tried: a year column from its quarters, a
// recovery weighted by metal (Golden Minerals' six months: printed 80.4%,
// its figures give 79.2–79.4%), a total column of mines, throughput on the
// days of operation the table prints, a total of every row above it.
TEST(CheckCorpus13, RelationsAcrossColumnsAndDays) {
  auto checks = check_release(parse_release(corpus("coeur/2018-q4-production.txt")));
  auto year = of_figure(checks, 7, "1,382,471");
  ASSERT_FALSE(year.empty());
  EXPECT_EQ(year[0].relation, "period sum");
  EXPECT_EQ(year[0].status, Status::ties);
  checks = check_release(parse_release(corpus("golden-minerals/2023-q2-production.txt")));
  const auto silver = of_figure(checks, 17, "80.4");
  const auto weighted = std::find_if(silver.begin(), silver.end(), [](const Check& c) {
    return c.relation == "weighted average";
  });
  ASSERT_NE(weighted, silver.end());
  EXPECT_EQ(weighted->status, Status::does_not_tie);
  checks = check_release(parse_release(corpus("jaguar/2016-q2-production.txt")));
  auto total = of_figure(checks, 24, "217,000");
  ASSERT_FALSE(total.empty());
  EXPECT_EQ(total[0].relation, "sum of segments");
  checks = check_release(parse_release(corpus("avino/2013-q1-production.txt")));
  auto tpd = of_figure(checks, 10, "229");
  ASSERT_EQ(tpd.size(), 1u);
  EXPECT_EQ(tpd[0].formula, "throughput = tonnes processed ÷ operating days");
  EXPECT_EQ(tpd[0].status, Status::ties);
  checks = check_release(parse_release(corpus("orvana/2023-q2-fy-production.txt")));
  for (const Check& c : of_figure(checks, 45, "3,954")) EXPECT_EQ(c.status, Status::ties);
}

// Endeavour's mine-by-item tables: "Tonnes Produced" is the ore the mill
// produced from (recovery and tonnes per calendar day from it); a footnote
// putting one mine's rate on a 6-day week leaves that mine's rate
// unchecked; Gatos' "Tonnes milled per day (dmt)" and Red Chris' "Ore milled
// per calendar day" are daily rates; "Throughput rose 20.3%: 1.671 million
// tonnes were treated" is about tonnes, not the daily rate.
TEST(CheckCorpus13, DailyRatesAndTheirBasis) {
  auto checks = check_release(parse_release(corpus("endeavour/2010-q3-production.txt")));
  auto gu = of_figure(checks, 12, "815");
  ASSERT_EQ(gu.size(), 1u);
  EXPECT_EQ(gu[0].relation, "throughput");
  EXPECT_EQ(gu[0].status, Status::does_not_tie);  // 75,039 t ÷ 92 days = 815.6
  auto au = of_figure(checks, 13, "75.3");
  ASSERT_FALSE(au.empty());
  EXPECT_EQ(au[0].relation, "recovery");
  checks = check_release(parse_release(corpus("endeavour/2010-q1-production.txt")));
  auto six_day = of_figure(checks, 13, "557");
  ASSERT_FALSE(six_day.empty());
  for (const Check& c : six_day)
    if (c.relation == "throughput") {
      EXPECT_EQ(c.status, Status::not_checkable);
    }
  auto guanacevi = of_figure(checks, 12, "772");
  ASSERT_FALSE(guanacevi.empty());
  EXPECT_EQ(guanacevi[0].status, Status::ties);
  checks = check_release(parse_release(corpus("gatos/2021-q2-production.txt")));
  auto fy = of_figure(checks, 17, "1,829");
  ASSERT_FALSE(fy.empty());
  EXPECT_EQ(fy[0].status, Status::does_not_tie);  // 667,422 t ÷ 366 days = 1,823.6
  checks = check_release(parse_release(corpus("imperial/2024-q1.txt")));
  auto up = of_figure(checks, 19, "20.3%");
  ASSERT_EQ(up.size(), 1u);
  EXPECT_EQ(up[0].status, Status::ties);
  EXPECT_EQ(up[0].inputs.at(0).label, "Ore milled - tonnes");
}

// Metal equivalents at the ratio the release states: McEwen's footnote
// gives 75:1 "for periods up to and including Q1 2019, 88:1 for Q2 2019,
// and 87:1 for Q3 2019" (FY 2018's 175,640 GEOs are 1 oz above what 75:1
// gives); Avino counts January to March at 55:1 and October to December at
// 50:1. One quantity on two rows in two units: Nevsun's payable zinc sold,
// 34.3 million pounds beside 15,400 tonnes (33.95 million pounds).
TEST(CheckCorpus13, EquivalentsAndTwoUnits) {
  auto checks = check_release(parse_release(corpus("mcewen/2019-q3-production.txt")));
  const auto relation = [](const std::vector<Check>& cs, std::string_view r) {
    std::vector<Check> out;
    for (const Check& c : cs)
      if (c.relation == r) out.push_back(c);
    return out;
  };
  auto q2 = relation(of_figure(checks, 14, "45,881"), "metal equivalent");
  ASSERT_EQ(q2.size(), 1u);
  EXPECT_EQ(q2[0].status, Status::ties);
  EXPECT_EQ(q2[0].inputs.back().figure.text, "88");
  auto fy = relation(of_figure(checks, 14, "175,640"), "metal equivalent");
  ASSERT_EQ(fy.size(), 1u);
  EXPECT_EQ(fy[0].status, Status::does_not_tie);
  EXPECT_EQ(fy[0].inputs.back().figure.text, "75");
  checks = check_release(parse_release(corpus("avino/2013-q1-production.txt")));
  auto q4 = relation(of_figure(checks, 24, "151,372"), "metal equivalent");
  ASSERT_EQ(q4.size(), 1u);
  EXPECT_EQ(q4[0].inputs.back().figure.text, "50");
  EXPECT_EQ(q4[0].status, Status::ties);
  auto q1 = relation(of_figure(checks, 24, "191,107"), "metal equivalent");
  ASSERT_EQ(q1.size(), 1u);
  EXPECT_EQ(q1[0].inputs.back().figure.text, "55");
  EXPECT_EQ(q1[0].status, Status::does_not_tie);
  checks = check_release(parse_release(corpus("nevsun/2017-q2-operating.txt")));
  auto sold = relation(of_figure(checks, 39, "15,400"), "same quantity");
  ASSERT_EQ(sold.size(), 1u);
  EXPECT_EQ(sold[0].status, Status::does_not_tie);
  auto ytd = relation(of_figure(checks, 35, "43,000"), "same quantity");
  ASSERT_EQ(ytd.size(), 1u);
  EXPECT_EQ(ytd[0].status, Status::ties);
}

// A table of one mine ("Mount Polley Mine Production") holds that mine's
// figures: Imperial's total (12.353 million pounds) and Red Chris' output
// are not restatements of it; a sentence naming no mine goes on about the
// one named last; "Imperial's share … came to 6.270 million pounds" is a
// share, not the mine's figure; "against 18.977 million pounds … in the same
// quarter of 2024" is the prior column.
TEST(CheckCorpus13, SentencesOfOneMine) {
  auto checks = check_release(parse_release(corpus("imperial/2024-q1.txt")));
  EXPECT_TRUE(of_figure(checks, 4, "12.353 million").empty());
  EXPECT_TRUE(of_figure(checks, 23, "16.660 million").empty());
  EXPECT_EQ(status_of(checks, 6, "7.355 million"), Status::ties);
  checks = check_release(parse_release(corpus("imperial/2025-q3-mount-polley.txt")));
  // (1,780,867 tonnes round to 1.781 million, not 1.780.)
  EXPECT_EQ(status_of(checks, 10, "1.780 million"), Status::does_not_tie);
  checks = check_release(parse_release(corpus("imperial/2025-q3-red-chris.txt")));
  EXPECT_TRUE(of_figure(checks, 4, "6.270 million").empty());
  auto prior = of_figure(checks, 4, "18.977 million");
  ASSERT_EQ(prior.size(), 1u);
  EXPECT_EQ(prior[0].status, Status::ties);
  EXPECT_EQ(prior[0].inputs.at(0).figure.text, "18,977");
}

// "Silver production fell 3% to 1,982,685 silver ounces" is a change and
// the level it reached, not a range "3% to 1,982,685"; the level is the
// changed item's ("gold production rose 12% to 31,239 ounces and silver
// production rose 23% to 1.9 million ounces": 1.9 million is silver's), in
// the period of the heading above ("2017 Production Highlights").
TEST(CheckCorpus13, AChangeAndTheLevelItReached) {
  auto checks = check_release(parse_release(corpus("great-panther/2017-q4-production.txt")));
  EXPECT_EQ(status_of(checks, 8, "3%"), Status::ties);
  auto level = of_figure(checks, 10, "373,709");
  ASSERT_EQ(level.size(), 1u);
  EXPECT_EQ(level[0].status, Status::ties);
  EXPECT_EQ(level[0].period, "FY 2017");
  checks = check_release(parse_release(corpus("coeur/2018-q4-production.txt")));
  auto silver = of_figure(checks, 25, "1.9 million");
  ASSERT_EQ(silver.size(), 1u);
  EXPECT_EQ(silver[0].status, Status::ties);
  EXPECT_EQ(silver[0].inputs.at(0).figure.text, "1,893");  // 4Q 2018 silver (000s)
}

// The item a change is about is the one named nearest before it ("better
// copper and gold recoveries lifted copper production 10.6%": production);
// waste mined is an item of its own ("Waste mined during the quarter
// amounted to 1,675,000 tonnes" against the table's 1,674,000, a genuine
// discrepancy); mines' daily rates add, unless a note puts one on a 6-day
// week.
TEST(CheckCorpus13, TheNearestItemAndItsKind) {
  auto checks = check_release(parse_release(corpus("imperial/2025-q2-mount-polley.txt")));
  auto lifted = of_figure(checks, 12, "10.6%");
  ASSERT_EQ(lifted.size(), 1u);
  EXPECT_EQ(lifted[0].status, Status::ties);
  EXPECT_EQ(lifted[0].inputs.at(0).label, "Copper - 000’s pounds");
  checks = check_release(parse_release(corpus("nevsun/2013-q2-operating.txt")));
  EXPECT_EQ(status_of(checks, 40, "1,675,000"), Status::does_not_tie);
  checks = check_release(parse_release(corpus("endeavour/2010-q3-production.txt")));
  bool summed = false;
  for (const Check& c : of_figure(checks, 14, "1,346"))
    if (c.relation == "sum of segments") summed = c.status == Status::does_not_tie;
  EXPECT_TRUE(summed);  // 815 + 560 = 1,375
  checks = check_release(parse_release(corpus("endeavour/2010-q1-production.txt")));
  for (const Check& c : of_figure(checks, 14, "1,255"))
    EXPECT_NE(c.status, Status::does_not_tie) << c.relation;
}

// Fiscal periods: Orvana's "third quarter of fiscal year 2023 … ended June
// 30, 2023" puts its year's start in October, so "Q3 FY2023" is April to
// June 2023 and "YTD Q3 FY2023" October 2022 to June 2023; sentences naming
// "Q2 FY2023" read it the same way. Without such a statement the headers
// stay unread.
TEST(CheckCorpus13, FiscalPeriodsFromTheReleasesOwnWords) {
  auto r = parse_release(corpus("orvana/2023-q3-fy-production.txt"));
  ASSERT_EQ(r.fiscal_first_month, 10u);
  ASSERT_FALSE(r.tables.empty());
  EXPECT_EQ(r.tables[0].columns[0].period->to_string(), "2023Q2");
  EXPECT_EQ(r.tables[0].columns[2].period->first(), calendar::day_number(2022, 10, 1));
  EXPECT_EQ(r.tables[0].columns[2].period->last(), calendar::day_number(2023, 6, 30));
  EXPECT_EQ(fiscal_period_header("Q1 FY2019", 5)->first(), calendar::day_number(2018, 5, 1));
  auto checks = check_release(parse_release(corpus("orvana/2023-q2-fy-production.txt")));
  auto gold = of_figure(checks, 7, "11,599");
  ASSERT_EQ(gold.size(), 1u);  // a part "made up of", restated, not a rise
  EXPECT_EQ(gold[0].relation, "restatement");
  EXPECT_EQ(gold[0].status, Status::ties);
  const std::string text = "\tQ3 FY2023\tQ3 FY2022\nGold (oz)\t11,522\t12,000\n";
  EXPECT_FALSE(parse_release(text).tables.at(0).columns.at(0).period);
}

// A "sentence" far longer than any release writes is skipped with its
// reason, not read: linking its figures would cost the square of its length.
TEST(Check, ARunOfTextWithoutStopsIsSkipped) {
  std::string run = "Silver production rose";
  while (run.size() < 5000) run += " 5% and 1,000 ounces, and gold";
  const auto r = parse_release("\tQ1 2023\tQ4 2022\nSilver production (oz)\t1,000\t900\n\n" + run +
                               ".\nSilver production rose 11% to 1,000 ounces.\n");
  ASSERT_EQ(r.prose.size(), 1u);
  ASSERT_FALSE(r.skipped.empty());
  EXPECT_NE(r.skipped.back().why.find("longer than 2000"), std::string::npos);
  const auto checks = check_release(r);
  EXPECT_FALSE(checks.empty());
}

}  // namespace
}  // namespace orebook::check
