#pragma once
// Calendar periods: day, month, quarter, half, year and closed date ranges,
// and the quarters, halves and years of a fiscal year. A period is a closed
// interval of days; it knows its calendar days and which finer periods it
// contains.

#include <chrono>
#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace orebook::calendar {

// Days since 1970-01-01 (std::chrono::sys_days count).
using DayNumber = std::int32_t;

DayNumber day_number(int year, unsigned month, unsigned day);
std::chrono::year_month_day to_ymd(DayNumber d);
// ISO form "2012-01-05".
std::string format_date(DayNumber d);

// A fiscal year that starts on the first day of `first_month` and ends on the
// last day of the month before: a June 30 year end is first_month 7; 1 is the
// calendar year. A fiscal year is named by the calendar year it ends in, as
// companies with a June year end name theirs ("fiscal 2020", "FY2020": July 1,
// 2019 to June 30, 2020). Years of 52 or 53 weeks are not modelled.
struct FiscalYear {
  unsigned first_month = 1;
  friend bool operator==(const FiscalYear&, const FiscalYear&) = default;
};
// Reads a year end "MM-DD", the last day of a month ("06-30", "12-31"; February
// ends "02-28"). nullopt, with `why` set, for anything else.
std::optional<FiscalYear> fiscal_year_ending(std::string_view mm_dd, std::string& why);
// The year end as site.toml writes it: "06-30".
std::string fiscal_year_end_text(FiscalYear fy);

enum class PeriodKind { day, month, quarter, half, year, range };
std::string_view to_string(PeriodKind kind);

class Period {
 public:
  Period() = default;
  static Period day(int year, unsigned month, unsigned day);
  static Period month(int year, unsigned month);
  static Period quarter(int year, unsigned quarter);
  static Period half(int year, unsigned half);
  static Period year(int year);
  // The fiscal year that ends in calendar year `fiscal_year`, and its
  // quarters and halves (FY2020Q1 of a June year end: July to September 2019).
  static Period fiscal_year(int fiscal_year, FiscalYear fy);
  static Period fiscal_quarter(int fiscal_year, unsigned quarter, FiscalYear fy);
  static Period fiscal_half(int fiscal_year, unsigned half, FiscalYear fy);
  // The year, of the given start, that holds day `d`: the calendar year for
  // FiscalYear{}, else the fiscal year.
  static Period year_holding(DayNumber d, FiscalYear fy);
  static Period range(DayNumber first, DayNumber last);  // first <= last
  // The period of days [first, last] with its most specific kind: a whole
  // month is a month, any other span of days a range.
  static Period from_days(DayNumber first, DayNumber last);

  // Parses "2012-01-05", "2012-01", "2012Q1", "2012H1", "2012", or a range
  // A..B of any two of these, from the first day of A to the last day of B:
  // "2012-01-05..2012-02-10", "2012Q1..2012Q3" (the first nine months),
  // "2012-01..2012-09". Returns nullopt for anything else, and for a range
  // that ends before it starts (why_not says so).
  // With a fiscal year it also reads "FY2020" (the fiscal year that ends in
  // 2020), "FY2020Q1", "FY2020H1" and ranges of them, "FY2020Q1..FY2020Q3"
  // (a fiscal year to date); a range holds the fiscal year it was written in,
  // to be named by it.
  static std::optional<Period> parse(std::string_view text,
                                     std::optional<FiscalYear> fiscal = std::nullopt);
  // Why parse() refuses a text that looks like a period: "the range ends
  // before it starts" for B before A, "a fiscal period needs ..." for FY2020
  // without a fiscal year; empty when the text is no period form.
  static std::string why_not(std::string_view text,
                             std::optional<FiscalYear> fiscal = std::nullopt);
  // What parse() accepts, for error messages.
  static constexpr std::string_view kAcceptedForms =
      "a day (2012-01-05), month (2012-01), quarter (2012Q1), half (2012H1), year (2012) "
      "or a range of them (2012-01-05..2012-02-10, 2012Q1..2012Q3)";
  // What parse() accepts besides, given a fiscal year.
  static constexpr std::string_view kFiscalForms =
      "a fiscal year (FY2020), quarter (FY2020Q1) or half (FY2020H1) or a range of them "
      "(FY2020Q1..FY2020Q3)";

  PeriodKind kind() const { return kind_; }
  // The year its quarters, halves and years are counted in (first_month 1 for
  // calendar periods); for a range, the year it was written in.
  FiscalYear fiscal() const { return FiscalYear{fiscal_first_month_}; }
  bool is_fiscal() const { return fiscal_first_month_ != 1; }
  DayNumber first() const { return first_; }
  DayNumber last() const { return last_; }
  // Calendar days, both ends included (2012Q1 = 91, 2011Q1 = 90).
  int days() const { return last_ - first_ + 1; }
  bool contains(const Period& other) const {
    return first_ <= other.first_ && other.last_ <= last_;
  }
  bool overlaps(const Period& other) const {
    return first_ <= other.last_ && other.first_ <= last_;
  }
  // The periods of kind `finer` that tile this one, in order. Empty when
  // `finer` does not tile it exactly (months of a range that starts mid-month).
  std::vector<Period> split(PeriodKind finer) const;
  // The period of the same kind just before this one (2012Q1 → 2011Q4);
  // nullopt for a range.
  std::optional<Period> previous() const;
  // The period of the same kind a year earlier (2012Q4 → 2011Q4, 2012-03 →
  // 2011-03, FY2020H1 → FY2019H1, 2012 → 2011); nullopt for a day or a range.
  std::optional<Period> year_before() const;
  // Canonical text, as parse() reads it ("FY2020Q1" for a fiscal quarter).
  // People read names instead (names.h).
  std::string to_string() const;

  // The same kind of period over the same days, however counted: the third
  // quarter of fiscal 2020 (June year end) is the first quarter of 2020, so
  // a financials.csv or reported.csv row of 2020Q1 is found for FY2020Q3.
  friend bool operator==(const Period& a, const Period& b) {
    return a.kind_ == b.kind_ && a.first_ == b.first_ && a.last_ == b.last_;
  }
  friend auto operator<=>(const Period& a, const Period& b) {
    if (auto c = a.first_ <=> b.first_; c != 0) return c;
    return a.last_ <=> b.last_;
  }

 private:
  Period(PeriodKind kind, DayNumber first, DayNumber last, unsigned fiscal_first_month = 1)
      : kind_(kind), first_(first), last_(last), fiscal_first_month_(fiscal_first_month) {}
  // The quarter, half or year of the year starting in `first_month` that
  // holds month `m` of year `y`.
  static Period block(PeriodKind kind, int y, unsigned m, unsigned first_month);
  PeriodKind kind_ = PeriodKind::day;
  DayNumber first_ = 0;
  DayNumber last_ = 0;
  unsigned fiscal_first_month_ = 1;
};

}  // namespace orebook::calendar
