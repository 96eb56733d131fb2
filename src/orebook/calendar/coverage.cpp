#include "orebook/calendar/coverage.h"

#include <algorithm>

#include <fmt/format.h>

namespace orebook::calendar {

std::vector<Period> gaps(const Period& period, std::vector<Span> spans) {
  std::sort(spans.begin(), spans.end());
  std::vector<Period> out;
  DayNumber next = period.first();  // first day not yet known to be covered
  for (const auto& [first, last] : spans) {
    if (last < next) continue;
    if (first > period.last()) break;
    if (first > next) out.push_back(Period::from_days(next, first - 1));
    next = last + 1;
    if (next > period.last()) return out;
  }
  if (next <= period.last()) out.push_back(Period::from_days(next, period.last()));
  return out;
}

std::string describe_gaps(const std::vector<Period>& gaps) {
  constexpr std::size_t kShown = 3;
  std::string out;
  const std::size_t shown = gaps.size() <= kShown + 1 ? gaps.size() : kShown;
  for (std::size_t i = 0; i < shown; ++i) {
    if (i > 0) out += (i + 1 == shown && shown == gaps.size()) ? " and " : ", ";
    out += gaps[i].to_string();
  }
  if (shown < gaps.size()) {
    int days = 0;
    for (std::size_t i = shown; i < gaps.size(); ++i) days += gaps[i].days();
    out += fmt::format(" and {} more gaps ({} days)", gaps.size() - shown, days);
  }
  return out;
}

}  // namespace orebook::calendar
