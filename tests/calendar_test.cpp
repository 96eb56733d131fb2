#include <gtest/gtest.h>

#include "orebook/calendar/period.h"

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
  EXPECT_EQ(Period::why_not("2012Q3..2012Q1"), "the range ends before it starts");
  EXPECT_EQ(Period::why_not("2012-02-10..2012-01-05"), "the range ends before it starts");
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

}  // namespace
}  // namespace orebook::calendar
