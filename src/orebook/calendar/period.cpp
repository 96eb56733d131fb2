#include "orebook/calendar/period.h"

#include <charconv>

#include <fmt/format.h>

namespace orebook::calendar {

namespace chr = std::chrono;

DayNumber day_number(int year, unsigned month, unsigned day) {
  return static_cast<DayNumber>(chr::sys_days{chr::year{year} / chr::month{month} / chr::day{day}}
                                    .time_since_epoch()
                                    .count());
}

chr::year_month_day to_ymd(DayNumber d) { return chr::year_month_day{chr::sys_days{chr::days{d}}}; }

std::string format_date(DayNumber d) {
  const auto ymd = to_ymd(d);
  return fmt::format("{:04}-{:02}-{:02}", static_cast<int>(ymd.year()),
                     static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
}

std::string_view to_string(PeriodKind kind) {
  switch (kind) {
    case PeriodKind::day:
      return "day";
    case PeriodKind::month:
      return "month";
    case PeriodKind::quarter:
      return "quarter";
    case PeriodKind::half:
      return "half";
    case PeriodKind::year:
      return "year";
    case PeriodKind::range:
      return "range";
  }
  return "?";
}

namespace {

DayNumber last_of_month(int year, unsigned month) {
  return static_cast<DayNumber>(
      chr::sys_days{chr::year{year} / chr::month{month} / chr::last}.time_since_epoch().count());
}

// Months are counted from year 0: y * 12 + (m - 1), so that a month index and
// a count of months add.
int month_index(int y, unsigned m) { return y * 12 + static_cast<int>(m) - 1; }
int year_of(int index) { return index / 12; }
unsigned month_of(int index) { return static_cast<unsigned>(index % 12) + 1; }
int floor_mod(int a, int n) { return ((a % n) + n) % n; }

int months_in(PeriodKind kind) {
  switch (kind) {
    case PeriodKind::quarter:
      return 3;
    case PeriodKind::half:
      return 6;
    case PeriodKind::year:
      return 12;
    default:
      return 1;
  }
}

// The first month of the fiscal year (starting in `first_month`) that holds
// the month `index`.
int fiscal_year_start(int index, unsigned first_month) {
  return index - floor_mod(index - static_cast<int>(first_month - 1), 12);
}

// A fiscal year is named by the calendar year of its last month.
int fiscal_year_name(int index, unsigned first_month) {
  return year_of(fiscal_year_start(index, first_month) + 11);
}

// Parses exactly `width` decimal digits.
bool digits(std::string_view s, std::size_t width, int& out) {
  if (s.size() != width) return false;
  for (char c : s)
    if (c < '0' || c > '9') return false;
  std::from_chars(s.data(), s.data() + s.size(), out);
  return true;
}

std::optional<Period> parse_date_or_month(std::string_view t) {
  int y = 0, m = 0, d = 0;
  if (t.size() == 10 && t[4] == '-' && t[7] == '-' && digits(t.substr(0, 4), 4, y) &&
      digits(t.substr(5, 2), 2, m) && digits(t.substr(8, 2), 2, d)) {
    const chr::year_month_day ymd{chr::year{y}, chr::month{static_cast<unsigned>(m)},
                                  chr::day{static_cast<unsigned>(d)}};
    if (!ymd.ok()) return std::nullopt;
    return Period::day(y, static_cast<unsigned>(m), static_cast<unsigned>(d));
  }
  if (t.size() == 7 && t[4] == '-' && digits(t.substr(0, 4), 4, y) &&
      digits(t.substr(5, 2), 2, m)) {
    if (m < 1 || m > 12) return std::nullopt;
    return Period::month(y, static_cast<unsigned>(m));
  }
  return std::nullopt;
}

}  // namespace

Period Period::day(int year, unsigned month, unsigned day) {
  const DayNumber d = day_number(year, month, day);
  return Period(PeriodKind::day, d, d);
}
Period Period::block(PeriodKind kind, int y, unsigned m, unsigned first_month) {
  const int n = months_in(kind);
  const int index = month_index(y, m);
  const int start = index - floor_mod(index - static_cast<int>(first_month - 1), n);
  const int end = start + n - 1;
  const bool counted =
      kind == PeriodKind::quarter || kind == PeriodKind::half || kind == PeriodKind::year;
  return Period(kind, day_number(year_of(start), month_of(start), 1),
                last_of_month(year_of(end), month_of(end)), counted ? first_month : 1);
}

Period Period::month(int year, unsigned month) { return block(PeriodKind::month, year, month, 1); }
Period Period::quarter(int year, unsigned quarter) {
  return block(PeriodKind::quarter, year, 3 * (quarter - 1) + 1, 1);
}
Period Period::half(int year, unsigned half) {
  return block(PeriodKind::half, year, 6 * (half - 1) + 1, 1);
}
Period Period::year(int year) { return block(PeriodKind::year, year, 1, 1); }

Period Period::fiscal_year(int fiscal_year, FiscalYear fy) {
  // FY2020 of a July start begins in July 2019; of a January start, in January 2020.
  const int start = fy.first_month == 1 ? month_index(fiscal_year, 1)
                                        : month_index(fiscal_year - 1, fy.first_month);
  return block(PeriodKind::year, year_of(start), month_of(start), fy.first_month);
}
Period Period::fiscal_quarter(int fiscal_year, unsigned quarter, FiscalYear fy) {
  const auto ymd = to_ymd(Period::fiscal_year(fiscal_year, fy).first());
  const int start = month_index(static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month())) +
                    3 * static_cast<int>(quarter - 1);
  return block(PeriodKind::quarter, year_of(start), month_of(start), fy.first_month);
}
Period Period::fiscal_half(int fiscal_year, unsigned half, FiscalYear fy) {
  const auto ymd = to_ymd(Period::fiscal_year(fiscal_year, fy).first());
  const int start = month_index(static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month())) +
                    6 * static_cast<int>(half - 1);
  return block(PeriodKind::half, year_of(start), month_of(start), fy.first_month);
}

Period Period::year_holding(DayNumber d, FiscalYear fy) {
  const auto ymd = to_ymd(d);
  return block(PeriodKind::year, static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
               fy.first_month);
}

std::optional<FiscalYear> fiscal_year_ending(std::string_view t, std::string& why) {
  int m = 0, d = 0;
  if (t.size() != 5 || t[2] != '-' || !digits(t.substr(0, 2), 2, m) ||
      !digits(t.substr(3, 2), 2, d)) {
    why = "a fiscal year end is written MM-DD";
    return std::nullopt;
  }
  if (m < 1 || m > 12) {
    why = "no such month in the fiscal year end";
    return std::nullopt;
  }
  // A non-leap year, so that February ends on the 28th every year.
  const auto last = static_cast<unsigned>(chr::year_month_day_last{
      chr::year{2011}, chr::month_day_last{chr::month{static_cast<unsigned>(
                           m)}}}.day());
  if (static_cast<unsigned>(d) != last) {
    why = fmt::format("a fiscal year ends on the last day of a month ({:02}-{:02})", m, last);
    return std::nullopt;
  }
  return FiscalYear{static_cast<unsigned>(m) % 12 + 1};
}

std::string fiscal_year_end_text(FiscalYear fy) {
  const unsigned m = fy.first_month == 1 ? 12 : fy.first_month - 1;
  const auto last = chr::year_month_day_last{chr::year{2011}, chr::month_day_last{chr::month{m}}};
  return fmt::format("{:02}-{:02}", m, static_cast<unsigned>(last.day()));
}
Period Period::range(DayNumber first, DayNumber last) {
  return Period(PeriodKind::range, first, last);
}

Period Period::from_days(DayNumber first, DayNumber last) {
  if (first == last) return Period(PeriodKind::day, first, last);
  const auto ymd = to_ymd(first);
  const int y = static_cast<int>(ymd.year());
  const unsigned m = static_cast<unsigned>(ymd.month());
  for (const PeriodKind k :
       {PeriodKind::month, PeriodKind::quarter, PeriodKind::half, PeriodKind::year}) {
    const Period p = block(k, y, m, 1);
    if (p.first_ == first && p.last_ == last) return p;
  }
  return Period(PeriodKind::range, first, last);
}

namespace {

// The two ends of "A..B", each a period of its own; nullopt when the text is
// no range or an end does not read.
std::optional<std::pair<Period, Period>> range_ends(std::string_view t,
                                                    std::optional<FiscalYear> fiscal) {
  const auto dots = t.find("..");
  if (dots == std::string_view::npos) return std::nullopt;
  const auto a = Period::parse(t.substr(0, dots), fiscal);
  const auto b = Period::parse(t.substr(dots + 2), fiscal);
  if (!a || !b || a->kind() == PeriodKind::range || b->kind() == PeriodKind::range) {
    return std::nullopt;
  }
  return std::pair{*a, *b};
}

bool has_fiscal_form(std::string_view t) {
  return t.starts_with("FY") || t.find("..FY") != std::string_view::npos;
}

// "FY2020", "FY2020Q1", "FY2020H1".
std::optional<Period> parse_fiscal(std::string_view t, FiscalYear fy) {
  int y = 0, n = 0;
  if (!t.starts_with("FY")) return std::nullopt;
  t.remove_prefix(2);
  if (digits(t, 4, y)) return Period::fiscal_year(y, fy);
  if (t.size() == 6 && digits(t.substr(0, 4), 4, y) && digits(t.substr(5, 1), 1, n)) {
    if (t[4] == 'Q' && n >= 1 && n <= 4) {
      return Period::fiscal_quarter(y, static_cast<unsigned>(n), fy);
    }
    if (t[4] == 'H' && n >= 1 && n <= 2)
      return Period::fiscal_half(y, static_cast<unsigned>(n), fy);
  }
  return std::nullopt;
}

}  // namespace

std::string Period::why_not(std::string_view t, std::optional<FiscalYear> fiscal) {
  if (!fiscal && has_fiscal_form(t)) {
    // Read it with any year start: if it then reads, only the setting is missing.
    if (why_not(t, FiscalYear{}).empty() && parse(t, FiscalYear{})) {
      return "a fiscal period, but site.toml sets no fiscal_year_end in [site]";
    }
    return why_not(t, FiscalYear{});
  }
  const auto ends = range_ends(t, fiscal);
  if (ends && ends->second.last() < ends->first.first()) {
    return fmt::format("the range ends before it starts: {} ends {}, before {} starts {}",
                       ends->second.to_string(), format_date(ends->second.last()),
                       ends->first.to_string(), format_date(ends->first.first()));
  }
  return "";
}

std::optional<Period> Period::parse(std::string_view t, std::optional<FiscalYear> fiscal) {
  if (t.find("..") != std::string_view::npos) {
    const auto ends = range_ends(t, fiscal);
    if (!ends || ends->second.last() < ends->first.first()) return std::nullopt;
    // Named in the fiscal year when either end is written in it.
    const unsigned first_month = fiscal && has_fiscal_form(t) ? fiscal->first_month : 1;
    return Period(PeriodKind::range, ends->first.first(), ends->second.last(), first_month);
  }
  if (fiscal && t.starts_with("FY")) return parse_fiscal(t, *fiscal);
  if (auto p = parse_date_or_month(t)) return p;
  int y = 0, n = 0;
  if (digits(t, 4, y)) return Period::year(y);
  if (t.size() == 6 && digits(t.substr(0, 4), 4, y) && digits(t.substr(5, 1), 1, n)) {
    if (t[4] == 'Q' && n >= 1 && n <= 4) return Period::quarter(y, static_cast<unsigned>(n));
    if (t[4] == 'H' && n >= 1 && n <= 2) return Period::half(y, static_cast<unsigned>(n));
  }
  return std::nullopt;
}

std::optional<Period> Period::previous() const {
  if (kind_ == PeriodKind::range) return std::nullopt;
  if (kind_ == PeriodKind::day) return Period(PeriodKind::day, first_ - 1, first_ - 1);
  const auto ymd = to_ymd(first_ - 1);  // the last day of the previous period
  return block(kind_, static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
               fiscal_first_month_);
}

std::optional<Period> Period::year_before() const {
  if (kind_ == PeriodKind::range || kind_ == PeriodKind::day) return std::nullopt;
  const auto ymd = to_ymd(first_);
  return block(kind_, static_cast<int>(ymd.year()) - 1, static_cast<unsigned>(ymd.month()),
               fiscal_first_month_);
}

std::string Period::to_string() const {
  const auto ymd = to_ymd(first_);
  const int y = static_cast<int>(ymd.year());
  const unsigned m = static_cast<unsigned>(ymd.month());
  if (is_fiscal() && kind_ != PeriodKind::range) {
    const int index = month_index(y, m);
    const int fy = fiscal_year_name(index, fiscal_first_month_);
    const int n = (index - fiscal_year_start(index, fiscal_first_month_)) / months_in(kind_) + 1;
    if (kind_ == PeriodKind::year) return fmt::format("FY{:04}", fy);
    return fmt::format("FY{:04}{}{}", fy, kind_ == PeriodKind::quarter ? 'Q' : 'H', n);
  }
  switch (kind_) {
    case PeriodKind::day:
      return format_date(first_);
    case PeriodKind::month:
      return fmt::format("{:04}-{:02}", y, m);
    case PeriodKind::quarter:
      return fmt::format("{:04}Q{}", y, (m - 1) / 3 + 1);
    case PeriodKind::half:
      return fmt::format("{:04}H{}", y, (m - 1) / 6 + 1);
    case PeriodKind::year:
      return fmt::format("{:04}", y);
    case PeriodKind::range:
      return format_date(first_) + ".." + format_date(last_);
  }
  return "?";
}

std::vector<Period> Period::split(PeriodKind finer) const {
  std::vector<Period> out;
  if (finer == PeriodKind::range) return out;
  DayNumber d = first_;
  while (d <= last_) {
    const auto ymd = to_ymd(d);
    const int y = static_cast<int>(ymd.year());
    const unsigned m = static_cast<unsigned>(ymd.month());
    // Quarters, halves and years of the year this period is counted in: the
    // fiscal quarters of a fiscal year.
    const Period p = finer == PeriodKind::day ? Period(PeriodKind::day, d, d)
                                              : block(finer, y, m, fiscal_first_month_);
    if (p.first_ != d || p.last_ > last_) return {};  // does not tile exactly
    out.push_back(p);
    d = p.last_ + 1;
  }
  return out;
}

}  // namespace orebook::calendar
