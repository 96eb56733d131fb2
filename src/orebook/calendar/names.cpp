#include "orebook/calendar/names.h"

#include <fmt/format.h>

namespace orebook::calendar {

namespace {

constexpr const char* kMonth[] = {"January",   "February", "March",    "April",
                                  "May",       "June",     "July",     "August",
                                  "September", "October",  "November", "December"};
constexpr const char* kOrdinal[] = {"first", "second", "third", "fourth"};
constexpr const char* kCount[] = {"zero",  "one",   "two",  "three", "four",   "five",  "six",
                                  "seven", "eight", "nine", "ten",   "eleven", "twelve"};

int year(DayNumber d) { return static_cast<int>(to_ymd(d).year()); }
unsigned month(DayNumber d) { return static_cast<unsigned>(to_ymd(d).month()); }
unsigned day(DayNumber d) { return static_cast<unsigned>(to_ymd(d).day()); }

// Months from the first day of a month to the last day of a month; 0 when
// either end is inside a month.
int whole_months(const Period& p) {
  if (day(p.first()) != 1 || day(p.last() + 1) != 1) return 0;
  return (year(p.last()) - year(p.first())) * 12 + static_cast<int>(month(p.last())) -
         static_cast<int>(month(p.first())) + 1;
}

// The year a quarter, half or year is counted in, by name: "2012" or
// "FY2020" / "fiscal 2020"; n, its quarter or half in that year.
struct Place {
  int fiscal_year = 0;
  int n = 0;
};
Place place(const Period& p) {
  const int first_month = static_cast<int>(p.fiscal().first_month);
  const int index = year(p.first()) * 12 + static_cast<int>(month(p.first())) - 1;
  const int into = ((index - (first_month - 1)) % 12 + 12) % 12;  // months into its year
  const int start = index - into;
  const int months = p.kind() == PeriodKind::quarter ? 3 : 6;
  return Place{(start + 11) / 12, into / months + 1};
}

// The period's days as the most specific period of its year: a range that is
// a quarter is named as the quarter ("2012Q1..2012Q1" is Q1 2012).
Period named_as(const Period& p) {
  if (p.kind() != PeriodKind::range) return p;
  const int months = whole_months(p);
  if (months == 1) return Period::month(year(p.first()), month(p.first()));
  for (const PeriodKind k : {PeriodKind::quarter, PeriodKind::half, PeriodKind::year}) {
    const auto pieces = p.split(k);  // tiles of the year the range was written in
    if (pieces.size() == 1) return pieces[0];
  }
  return p;
}

// A range from the first day of its year (fiscal when written in a fiscal
// year) to the end of a month: the months to date; 0 for any other.
int months_to_date(const Period& p) {
  const int months = whole_months(p);
  if (months == 0 || months > 12) return 0;
  return month(p.first()) == p.fiscal().first_month ? months : 0;
}

// The name of the year that starts on `first`: its own calendar year, or for
// a fiscal year the calendar year it ends in.
int year_starting(const Period& p) {
  return year(p.first()) + (p.fiscal().first_month == 1 ? 0 : 1);
}

std::string count_word(int n) { return n >= 0 && n <= 12 ? kCount[n] : std::to_string(n); }

}  // namespace

std::string long_date(DayNumber d) {
  return fmt::format("{} {}, {}", kMonth[month(d) - 1], day(d), year(d));
}

std::string header_name(const Period& given) {
  const Period p = named_as(given);
  const std::string fy_prefix = p.is_fiscal() ? "FY" : "";
  switch (p.kind()) {
    case PeriodKind::day:
      return format_date(p.first());
    case PeriodKind::month:
      return fmt::format("{} {}", kMonth[month(p.first()) - 1], year(p.first()));
    case PeriodKind::quarter:
    case PeriodKind::half: {
      const Place at = place(p);
      return fmt::format("{}{} {}{}", p.kind() == PeriodKind::quarter ? 'Q' : 'H', at.n, fy_prefix,
                         at.fiscal_year);
    }
    case PeriodKind::year:
      return fmt::format("{}{}", fy_prefix, year(p.last()));
    case PeriodKind::range:
      break;
  }
  if (const int m = months_to_date(p)) {
    return fmt::format("{}M {}{}", m, fy_prefix, year_starting(p));
  }
  if (whole_months(p)) {
    return fmt::format("{} {} to {} {}", kMonth[month(p.first()) - 1], year(p.first()),
                       kMonth[month(p.last()) - 1], year(p.last()));
  }
  return format_date(p.first()) + " to " + format_date(p.last());
}

std::string sentence_name(const Period& given) {
  const Period p = named_as(given);
  const std::string fiscal = p.is_fiscal() ? "fiscal " : "";
  switch (p.kind()) {
    case PeriodKind::day:
    case PeriodKind::month:
      return header_name(p);
    case PeriodKind::quarter:
    case PeriodKind::half: {
      const Place at = place(p);
      return fmt::format("the {} {} of {}{}", kOrdinal[at.n - 1],
                         p.kind() == PeriodKind::quarter ? "quarter" : "half", fiscal,
                         at.fiscal_year);
    }
    case PeriodKind::year:
      return fmt::format("{}{}", fiscal, year(p.last()));
    case PeriodKind::range:
      break;
  }
  const int to_date = months_to_date(p);
  if (to_date && !p.is_fiscal()) {
    return fmt::format("the first {} months of {}", count_word(to_date), year_starting(p));
  }
  if (const int m = whole_months(p)) {
    return fmt::format("the {} months ended {}", count_word(m), long_date(p.last()));
  }
  return format_date(p.first()) + " to " + format_date(p.last());
}

}  // namespace orebook::calendar
