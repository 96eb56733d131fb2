#include <gtest/gtest.h>

#include "orebook/calendar/period.h"

#include "orebook/calendar/names.h"

namespace orebook::calendar {
namespace {

TEST(Period, CalendarDays) {
  EXPECT_EQ(Period::parse("2012Q1")->days(), 91);  // leap year
  EXPECT_EQ(Period::parse("2011Q1")->days(), 90);
  EXPECT_EQ(Period::parse("2011Q4")->days(), 92);
  EXPECT_EQ(Period::parse("2012H1")->days(), 182);
  EXPECT_EQ(Period::parse("2012")->days(), 366);
  EXPECT_EQ(Period::parse("1900")->days(), 365);  // not a leap year
  EXPECT_EQ(Period::parse("2000-02")->days(), 29);
  EXPECT_EQ(Period::parse("2012-01-05")->days(), 1);
  EXPECT_EQ(Period::parse("2012-01-05..2012-02-10")->days(), 37);
}

TEST(Period, ParseAndPrintRoundTrip) {
  for (const char* text :
       {"2012-01-05", "2012-01", "2012Q1", "2012Q4", "2012H2", "2012", "2012-01-05..2012-02-10"}) {
    const auto p = Period::parse(text);
    ASSERT_TRUE(p) << text;
    EXPECT_EQ(p->to_string(), text);
  }
  EXPECT_EQ(Period::parse("2012Q1")->kind(), PeriodKind::quarter);
  EXPECT_EQ(Period::parse("2012-01-05..2012-02-10")->kind(), PeriodKind::range);
}

TEST(Period, RejectsWhatIsNotAPeriod) {
  for (const char* text :
       {"", "2012Q5", "2012Q0", "2012H3", "2012-13", "2012-02-30", "2011-02-29", "12Q1", "2012q1",
        "2012-1", "Q1 2012", "2012-02-10..2012-01-05", "2012Q3..2012Q1", "2012..2011", " 2012",
        "2012Q1x", "2012Q1..", "..2012Q1", "2012Q1..2012Q2..2012Q3"}) {
    EXPECT_FALSE(Period::parse(text)) << text;
  }
  EXPECT_TRUE(Period::parse("2012-02-29"));
}

// Ranges as people name them: quarters, months, halves, years, mixed.
TEST(Period, RangesOfAnyPeriods) {
  const auto nine_months = Period::parse("2012Q1..2012Q3");
  ASSERT_TRUE(nine_months);
  EXPECT_EQ(nine_months->kind(), PeriodKind::range);
  EXPECT_EQ(nine_months->first(), Period::parse("2012-01-01")->first());
  EXPECT_EQ(nine_months->last(), Period::parse("2012-09-30")->first());
  EXPECT_EQ(nine_months->days(), 274);  // 2012 is a leap year
  EXPECT_EQ(Period::parse("2012-01..2012-09")->last(), nine_months->last());
  EXPECT_EQ(Period::parse("2011H2..2012Q1")->days(), 184 + 91);
  EXPECT_EQ(Period::parse("2011..2012")->days(), 365 + 366);
  EXPECT_EQ(Period::parse("2012Q2..2012Q2")->days(), 91);
}

TEST(Period, AReversedRangeIsNamedAsReversed) {
  EXPECT_EQ(Period::why_not("2012Q3..2012Q1"),
            "the range ends before it starts: 2012Q1 ends 2012-03-31, before 2012Q3 starts "
            "2012-07-01");
  EXPECT_TRUE(Period::why_not("2012-02-10..2012-01-05").starts_with("the range ends before"));
  EXPECT_FALSE(Period::parse("2012-02-10..2012-01-05"));
  // Ends that overlap are no reversed range: 2012..2012Q1 is 2012-01-01..2012-03-31.
  EXPECT_EQ(Period::why_not("2012..2012Q1"), "");
  // Fiscal ends are compared by their days: FY2020 of a June year end starts
  // 2019-07-01, after 2019-06 ends.
  const FiscalYear june{7};
  EXPECT_TRUE(Period::why_not("FY2020..2019-06", june).starts_with("the range ends before"));
  EXPECT_TRUE(Period::parse("FY2020..2019-09", june));
  EXPECT_TRUE(Period::why_not("FY2020Q3..FY2020Q1", june).starts_with("the range ends before"));
  EXPECT_EQ(Period::why_not("2012Q5"), "");
  EXPECT_EQ(Period::why_not("2012Q1..2012Q3"), "");
}

TEST(Period, FromDaysFindsTheMostSpecificKind) {
  for (const char* text : {"2012-01-05", "2012-02", "2012Q2", "2012H2", "2012",
                           "2012-01-05..2012-02-10", "2012-01-01..2012-02-29"}) {
    const auto p = *Period::parse(text);
    EXPECT_EQ(Period::from_days(p.first(), p.last()).to_string(), text);
  }
}

TEST(Period, Previous) {
  EXPECT_EQ(Period::parse("2012Q1")->previous()->to_string(), "2011Q4");
  EXPECT_EQ(Period::parse("2012-03")->previous()->to_string(), "2012-02");
  EXPECT_EQ(Period::parse("2012-03-01")->previous()->to_string(), "2012-02-29");
  EXPECT_EQ(Period::parse("2012H1")->previous()->to_string(), "2011H2");
  EXPECT_EQ(Period::parse("2012")->previous()->to_string(), "2011");
  EXPECT_FALSE(Period::parse("2012-01-05..2012-01-09")->previous());
}

TEST(Period, YearBefore) {
  EXPECT_EQ(Period::parse("2012Q4")->year_before()->to_string(), "2011Q4");
  EXPECT_EQ(Period::parse("2012-03")->year_before()->to_string(), "2011-03");
  EXPECT_EQ(Period::parse("2012-02")->year_before()->days(), 28);  // 2011 is no leap year
  EXPECT_EQ(Period::parse("2012H2")->year_before()->to_string(), "2011H2");
  EXPECT_EQ(Period::parse("2012")->year_before()->to_string(), "2011");
  const FiscalYear june{7};
  EXPECT_EQ(Period::parse("FY2020H1", june)->year_before()->to_string(), "FY2019H1");
  EXPECT_EQ(Period::parse("FY2020Q3", june)->year_before()->to_string(), "FY2019Q3");
  EXPECT_FALSE(Period::parse("2012-03-01")->year_before());
  EXPECT_FALSE(Period::parse("2012Q1..2012Q3")->year_before());
}

TEST(Period, Containment) {
  const auto q = *Period::parse("2012Q1");
  EXPECT_TRUE(q.contains(*Period::parse("2012-03")));
  EXPECT_TRUE(q.contains(*Period::parse("2012-03-31")));
  EXPECT_FALSE(q.contains(*Period::parse("2012-04-01")));
  EXPECT_FALSE(q.contains(*Period::parse("2012H1")));
  EXPECT_TRUE(Period::parse("2012H1")->contains(q));
  EXPECT_TRUE(q.overlaps(*Period::parse("2012-03-15..2012-04-15")));
  EXPECT_FALSE(q.overlaps(*Period::parse("2011Q4")));
}

TEST(Period, SplitsIntoFinerPeriods) {
  const auto q = *Period::parse("2012Q1");
  const auto months = q.split(PeriodKind::month);
  ASSERT_EQ(months.size(), 3u);
  EXPECT_EQ(months[0].to_string(), "2012-01");
  EXPECT_EQ(months[2].to_string(), "2012-03");
  EXPECT_EQ(q.split(PeriodKind::day).size(), 91u);
  EXPECT_EQ(Period::parse("2012")->split(PeriodKind::quarter).size(), 4u);
  // A range that does not start on a month boundary is not tiled by months.
  EXPECT_TRUE(Period::parse("2012-01-05..2012-02-29")->split(PeriodKind::month).empty());
  // A coarser kind does not tile a finer period.
  EXPECT_TRUE(Period::parse("2012-01")->split(PeriodKind::quarter).empty());
}

// A June 30 year end: fiscal 2020 runs from July 1, 2019 to June 30, 2020.
TEST(FiscalYear, AYearEndIsTheLastDayOfAMonth) {
  std::string why;
  EXPECT_EQ(fiscal_year_ending("06-30", why)->first_month, 7u);
  EXPECT_EQ(fiscal_year_ending("12-31", why)->first_month, 1u);
  EXPECT_EQ(fiscal_year_ending("03-31", why)->first_month, 4u);
  EXPECT_EQ(fiscal_year_ending("02-28", why)->first_month, 3u);
  for (const char* bad : {"6-30", "06/30", "0630", "06-30-2020", "", "ab-cd"}) {
    EXPECT_FALSE(fiscal_year_ending(bad, why)) << bad;
    EXPECT_EQ(why, "a fiscal year end is written MM-DD") << bad;
  }
  EXPECT_FALSE(fiscal_year_ending("13-31", why));
  EXPECT_EQ(why, "no such month in the fiscal year end");
  EXPECT_FALSE(fiscal_year_ending("00-31", why));
  EXPECT_EQ(why, "no such month in the fiscal year end");
  EXPECT_FALSE(fiscal_year_ending("06-29", why));
  EXPECT_EQ(why, "a fiscal year ends on the last day of a month (06-30)");
  EXPECT_FALSE(fiscal_year_ending("06-31", why));
  EXPECT_FALSE(fiscal_year_ending("02-29", why));  // February ends the 28th three years in four
  EXPECT_EQ(why, "a fiscal year ends on the last day of a month (02-28)");
  for (const char* end : {"06-30", "12-31", "02-28", "09-30"})
    EXPECT_EQ(fiscal_year_end_text(*fiscal_year_ending(end, why)), end);
}

TEST(FiscalYear, PeriodsOfAJuneYearEnd) {
  const FiscalYear june{7};
  const auto fy = *Period::parse("FY2020", june);
  EXPECT_EQ(format_date(fy.first()), "2019-07-01");
  EXPECT_EQ(format_date(fy.last()), "2020-06-30");
  EXPECT_EQ(fy.days(), 366);  // February 2020
  EXPECT_EQ(fy.kind(), PeriodKind::year);
  const auto q1 = *Period::parse("FY2020Q1", june);
  EXPECT_EQ(format_date(q1.first()), "2019-07-01");
  EXPECT_EQ(format_date(q1.last()), "2019-09-30");
  const auto q3 = *Period::parse("FY2020Q3", june);
  EXPECT_EQ(format_date(q3.first()), "2020-01-01");
  EXPECT_EQ(format_date(q3.last()), "2020-03-31");
  const auto h2 = *Period::parse("FY2020H2", june);
  EXPECT_EQ(format_date(h2.first()), "2020-01-01");
  EXPECT_EQ(format_date(h2.last()), "2020-06-30");
  // The canonical text reads back to the same period.
  for (const char* text : {"FY2020", "FY2020Q1", "FY2020Q4", "FY2020H1", "FY2020H2"}) {
    const auto p = *Period::parse(text, june);
    EXPECT_EQ(p.to_string(), text);
    EXPECT_TRUE(p.is_fiscal());
  }
  // The period before is counted in the same fiscal year.
  EXPECT_EQ(q1.previous()->to_string(), "FY2019Q4");
  EXPECT_EQ(format_date(q1.previous()->first()), "2019-04-01");
  EXPECT_EQ(fy.previous()->to_string(), "FY2019");
  EXPECT_EQ(h2.previous()->to_string(), "FY2020H1");
  // The same days as a calendar quarter or half: the same period (rows of
  // data files, written in calendar periods, are found for it).
  EXPECT_EQ(q3, Period::quarter(2020, 1));
  EXPECT_EQ(h2, Period::half(2020, 1));
  EXPECT_EQ(q1, Period::quarter(2019, 3));
  EXPECT_NE(fy, Period::year(2020));  // July 2019 to June 2020 is no calendar year
  // Its quarters are fiscal quarters; its months calendar months.
  const auto quarters = fy.split(PeriodKind::quarter);
  ASSERT_EQ(quarters.size(), 4u);
  EXPECT_EQ(quarters[0], q1);
  EXPECT_EQ(quarters[3].to_string(), "FY2020Q4");
  EXPECT_EQ(fy.split(PeriodKind::month).front().to_string(), "2019-07");
  EXPECT_EQ(fy.split(PeriodKind::month).size(), 12u);
  // A year to date of the fiscal year.
  const auto ytd = *Period::parse("FY2020Q1..FY2020Q3", june);
  EXPECT_EQ(ytd.kind(), PeriodKind::range);
  EXPECT_EQ(format_date(ytd.first()), "2019-07-01");
  EXPECT_EQ(format_date(ytd.last()), "2020-03-31");
  EXPECT_TRUE(ytd.is_fiscal());
}

TEST(FiscalYear, TheYearHoldingADay) {
  const DayNumber d = day_number(2020, 3, 15);
  EXPECT_EQ(Period::year_holding(d, FiscalYear{}), Period::year(2020));
  EXPECT_EQ(Period::year_holding(d, FiscalYear{7}).to_string(), "FY2020");
  EXPECT_EQ(Period::year_holding(day_number(2020, 7, 1), FiscalYear{7}).to_string(), "FY2021");
  EXPECT_EQ(Period::year_holding(day_number(2020, 6, 30), FiscalYear{7}).to_string(), "FY2020");
}

TEST(FiscalYear, OtherYearEnds) {
  // March 31 (first_month 4): FY2021 runs April 2020 to March 2021.
  const auto march = *Period::parse("FY2021", FiscalYear{4});
  EXPECT_EQ(format_date(march.first()), "2020-04-01");
  EXPECT_EQ(format_date(march.last()), "2021-03-31");
  EXPECT_EQ(format_date(Period::parse("FY2021Q4", FiscalYear{4})->first()), "2021-01-01");
  // A December year end is the calendar year.
  EXPECT_EQ(*Period::parse("FY2020", FiscalYear{1}), Period::year(2020));
  EXPECT_EQ(*Period::parse("FY2020Q2", FiscalYear{1}), Period::quarter(2020, 2));
}

TEST(FiscalYear, CalendarPeriodsReadTheSameWithAFiscalYear) {
  const FiscalYear june{7};
  for (const char* text : {"2012-01-05", "2012-02", "2012Q2", "2012H2", "2012", "2012Q1..2012Q3"}) {
    EXPECT_EQ(*Period::parse(text, june), *Period::parse(text)) << text;
  }
  EXPECT_FALSE(Period::parse("2012Q1", june)->is_fiscal());
}

TEST(FiscalYear, AFiscalPeriodNeedsAFiscalYear) {
  EXPECT_FALSE(Period::parse("FY2020"));
  EXPECT_FALSE(Period::parse("FY2020Q1..FY2020Q3"));
  EXPECT_EQ(Period::why_not("FY2020"),
            "a fiscal period, but site.toml sets no fiscal_year_end in [site]");
  EXPECT_EQ(Period::why_not("2019Q3..FY2020Q3"),
            "a fiscal period, but site.toml sets no fiscal_year_end in [site]");
  // A fiscal form that would not read anyway is just unparsable.
  EXPECT_EQ(Period::why_not("FY20"), "");
  EXPECT_EQ(Period::why_not("FY2020Q5"), "");
  EXPECT_FALSE(Period::parse("FY2020Q5", FiscalYear{7}));
  EXPECT_FALSE(Period::parse("FY2020H3", FiscalYear{7}));
  EXPECT_FALSE(Period::parse("fy2020", FiscalYear{7}));
}

TEST(PeriodNames, HeadersAsReleasesWriteThem) {
  auto header = [](const char* text, std::optional<FiscalYear> fy = std::nullopt) {
    return header_name(*Period::parse(text, fy));
  };
  EXPECT_EQ(header("2012-03-15"), "2012-03-15");
  EXPECT_EQ(header("2012-03"), "March 2012");
  EXPECT_EQ(header("2012Q1"), "Q1 2012");
  EXPECT_EQ(header("2012H2"), "H2 2012");
  EXPECT_EQ(header("2012"), "2012");
  // The first nine months, however written.
  EXPECT_EQ(header("2012Q1..2012Q3"), "9M 2012");
  EXPECT_EQ(header("2012-01..2012-09"), "9M 2012");
  EXPECT_EQ(header("2012-01-01..2012-09-30"), "9M 2012");
  EXPECT_EQ(header("2012-01..2012-02"), "2M 2012");
  // A range that is a month, quarter, half or year is named as one.
  EXPECT_EQ(header("2012Q1..2012Q1"), "Q1 2012");
  EXPECT_EQ(header("2012-01..2012-06"), "H1 2012");
  EXPECT_EQ(header("2012Q1..2012Q4"), "2012");
  EXPECT_EQ(header("2012-03-01..2012-03-31"), "March 2012");
  // Whole months not from the start of the year; any other days.
  EXPECT_EQ(header("2011H2..2012Q1"), "July 2011 to March 2012");
  EXPECT_EQ(header("2011..2012"), "January 2011 to December 2012");
  EXPECT_EQ(header("2012-03-05..2012-04-10"), "2012-03-05 to 2012-04-10");
  EXPECT_EQ(header("2012-01-01..2012-09-29"), "2012-01-01 to 2012-09-29");
  // A June year end.
  const FiscalYear june{7};
  EXPECT_EQ(header("FY2020", june), "FY2020");
  EXPECT_EQ(header("FY2020Q1", june), "Q1 FY2020");
  EXPECT_EQ(header("FY2020H2", june), "H2 FY2020");
  EXPECT_EQ(header("FY2020Q1..FY2020Q3", june), "9M FY2020");
  EXPECT_EQ(header("FY2020Q1..2019-11", june), "5M FY2020");  // ends in 2019, still fiscal 2020
  EXPECT_EQ(header("FY2020Q1..FY2020Q2", june), "H1 FY2020");
  EXPECT_EQ(header("FY2020Q2..FY2020Q3", june), "October 2019 to March 2020");
  // Calendar periods keep their calendar names at a fiscal site.
  EXPECT_EQ(header("2012Q1..2012Q3", june), "9M 2012");
  EXPECT_EQ(header("2012Q3", june), "Q3 2012");
}

TEST(PeriodNames, SentencesAsReleasesWriteThem) {
  auto sentence = [](const char* text, std::optional<FiscalYear> fy = std::nullopt) {
    return sentence_name(*Period::parse(text, fy));
  };
  EXPECT_EQ(sentence("2012-03-15"), "2012-03-15");
  EXPECT_EQ(sentence("2012-03"), "March 2012");
  EXPECT_EQ(sentence("2011Q4"), "the fourth quarter of 2011");
  EXPECT_EQ(sentence("2012H1"), "the first half of 2012");
  EXPECT_EQ(sentence("2012"), "2012");
  EXPECT_EQ(sentence("2012Q1..2012Q3"), "the first nine months of 2012");
  EXPECT_EQ(sentence("2012-01..2012-02"), "the first two months of 2012");
  EXPECT_EQ(sentence("2012-01..2012-06"), "the first half of 2012");
  EXPECT_EQ(sentence("2012-02..2012-07"), "the six months ended July 31, 2012");
  EXPECT_EQ(sentence("2011H2..2012Q1"), "the nine months ended March 31, 2012");
  EXPECT_EQ(sentence("2011..2012"), "the 24 months ended December 31, 2012");
  EXPECT_EQ(sentence("2012-03-05..2012-04-10"), "2012-03-05 to 2012-04-10");
  const FiscalYear june{7};
  EXPECT_EQ(sentence("FY2020", june), "fiscal 2020");
  EXPECT_EQ(sentence("FY2020Q1", june), "the first quarter of fiscal 2020");
  EXPECT_EQ(sentence("FY2020H2", june), "the second half of fiscal 2020");
  EXPECT_EQ(sentence("FY2020Q1..FY2020Q3", june), "the nine months ended March 31, 2020");
  EXPECT_EQ(sentence("FY2020Q1..FY2020Q2", june), "the first half of fiscal 2020");
  EXPECT_EQ(long_date(Period::parse("2020-06-30")->first()), "June 30, 2020");
}

}  // namespace
}  // namespace orebook::calendar
