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
Period Period::month(int year, unsigned month) {
  return Period(PeriodKind::month, day_number(year, month, 1), last_of_month(year, month));
}
Period Period::quarter(int year, unsigned quarter) {
  const unsigned m0 = 3 * (quarter - 1) + 1;
  return Period(PeriodKind::quarter, day_number(year, m0, 1), last_of_month(year, m0 + 2));
}
Period Period::half(int year, unsigned half) {
  const unsigned m0 = 6 * (half - 1) + 1;
  return Period(PeriodKind::half, day_number(year, m0, 1), last_of_month(year, m0 + 5));
}
Period Period::year(int year) {
  return Period(PeriodKind::year, day_number(year, 1, 1), day_number(year, 12, 31));
}
Period Period::range(DayNumber first, DayNumber last) {
  return Period(PeriodKind::range, first, last);
}

Period Period::from_days(DayNumber first, DayNumber last) {
  if (first == last) return Period(PeriodKind::day, first, last);
  const auto ymd = to_ymd(first);
  const int y = static_cast<int>(ymd.year());
  const unsigned m = static_cast<unsigned>(ymd.month());
  for (const Period& p : {Period::month(y, m), Period::quarter(y, (m - 1) / 3 + 1),
                          Period::half(y, (m - 1) / 6 + 1), Period::year(y)}) {
    if (p.first_ == first && p.last_ == last) return p;
  }
  return Period(PeriodKind::range, first, last);
}

namespace {

// The two ends of "A..B", each a period of its own; nullopt when the text is
// no range or an end does not read.
std::optional<std::pair<Period, Period>> range_ends(std::string_view t) {
  const auto dots = t.find("..");
  if (dots == std::string_view::npos) return std::nullopt;
  const auto a = Period::parse(t.substr(0, dots));
  const auto b = Period::parse(t.substr(dots + 2));
  if (!a || !b || a->kind() == PeriodKind::range || b->kind() == PeriodKind::range) {
    return std::nullopt;
  }
  return std::pair{*a, *b};
}

}  // namespace

std::string Period::why_not(std::string_view t) {
  const auto ends = range_ends(t);
  if (ends && ends->second.last() < ends->first.first()) return "the range ends before it starts";
  return "";
}

std::optional<Period> Period::parse(std::string_view t) {
  if (t.find("..") != std::string_view::npos) {
    const auto ends = range_ends(t);
    if (!ends || ends->second.last() < ends->first.first()) return std::nullopt;
    return Period::range(ends->first.first(), ends->second.last());
  }
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
  const auto ymd = to_ymd(first_ - 1);  // the last day of the previous period
  const int y = static_cast<int>(ymd.year());
  const unsigned m = static_cast<unsigned>(ymd.month());
  switch (kind_) {
    case PeriodKind::day:
      return Period(PeriodKind::day, first_ - 1, first_ - 1);
    case PeriodKind::month:
      return Period::month(y, m);
    case PeriodKind::quarter:
      return Period::quarter(y, (m - 1) / 3 + 1);
    case PeriodKind::half:
      return Period::half(y, (m - 1) / 6 + 1);
    case PeriodKind::year:
      return Period::year(y);
    case PeriodKind::range:
      break;
  }
  return std::nullopt;
}

std::string Period::to_string() const {
  const auto ymd = to_ymd(first_);
  const int y = static_cast<int>(ymd.year());
  const unsigned m = static_cast<unsigned>(ymd.month());
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
    Period p;
    switch (finer) {
      case PeriodKind::day:
        p = Period(PeriodKind::day, d, d);
        break;
      case PeriodKind::month:
        p = Period::month(y, m);
        break;
      case PeriodKind::quarter:
        p = Period::quarter(y, (m - 1) / 3 + 1);
        break;
      case PeriodKind::half:
        p = Period::half(y, (m - 1) / 6 + 1);
        break;
      case PeriodKind::year:
        p = Period::year(y);
        break;
      case PeriodKind::range:
        break;
    }
    if (p.first_ != d || p.last_ > last_) return {};  // does not tile exactly
    out.push_back(p);
    d = p.last_ + 1;
  }
  return out;
}

}  // namespace orebook::calendar
