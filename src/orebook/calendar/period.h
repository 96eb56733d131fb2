#pragma once
// Calendar periods: day, month, quarter, half, year and closed date ranges.
// A period is a closed interval of days; it knows its calendar days and which
// finer periods it contains.

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
  static Period range(DayNumber first, DayNumber last);  // first <= last
  // The period of days [first, last] with its most specific kind: a whole
  // month is a month, any other span of days a range.
  static Period from_days(DayNumber first, DayNumber last);

  // Parses "2012-01-05", "2012-01", "2012Q1", "2012H1", "2012", or a range
  // A..B of any two of these, from the first day of A to the last day of B:
  // "2012-01-05..2012-02-10", "2012Q1..2012Q3" (the first nine months),
  // "2012-01..2012-09". Returns nullopt for anything else, and for a range
  // that ends before it starts (why_not says so).
  static std::optional<Period> parse(std::string_view text);
  // Why parse() refuses a text that looks like a period: "the range ends
  // before it starts" for B before A; empty when the text is no period form.
  static std::string why_not(std::string_view text);
  // What parse() accepts, for error messages.
  static constexpr std::string_view kAcceptedForms =
      "a day (2012-01-05), month (2012-01), quarter (2012Q1), half (2012H1), year (2012) "
      "or a range of them (2012-01-05..2012-02-10, 2012Q1..2012Q3)";

  PeriodKind kind() const { return kind_; }
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
  // Canonical text, as parse() reads it.
  std::string to_string() const;

  friend bool operator==(const Period&, const Period&) = default;
  friend auto operator<=>(const Period& a, const Period& b) {
    if (auto c = a.first_ <=> b.first_; c != 0) return c;
    return a.last_ <=> b.last_;
  }

 private:
  Period(PeriodKind kind, DayNumber first, DayNumber last)
      : kind_(kind), first_(first), last_(last) {}
  PeriodKind kind_ = PeriodKind::day;
  DayNumber first_ = 0;
  DayNumber last_ = 0;
};

}  // namespace orebook::calendar
