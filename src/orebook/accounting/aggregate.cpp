#include "orebook/accounting/aggregate.h"

#include <algorithm>
#include <numeric>

#include <cmath>

#include <fmt/format.h>

#include "orebook/accounting/formulas.h"

namespace orebook::accounting {

std::optional<units::Grade> StreamTotal::grade(std::size_t metal) const {
  if (!contained[metal]) return std::nullopt;
  return weighted_grade(*contained[metal], dry);
}

namespace {

// Running sums for one stream in one period.
struct Accumulator {
  double dry = 0.0;
  std::vector<double> metal;         // Σ dry × grade
  std::vector<std::size_t> assayed;  // rows with the assay
  double operating_days = 0.0;
  std::size_t rows_with_days = 0;
  std::size_t rows = 0;
  int days_covered = 0;
  std::uint32_t partial_line = 0;  // first row only partly inside the period
};

}  // namespace

std::vector<PeriodTotals> aggregate(const dataset::Dataset& ds,
                                    std::span<const calendar::Period> periods,
                                    core::Diagnostics& diags) {
  const auto& t = ds.streams;
  const std::size_t n_streams = ds.site.streams.size();
  const std::size_t n_metals = t.metal_count;
  std::vector<std::vector<Accumulator>> acc(periods.size(), std::vector<Accumulator>(n_streams));
  for (auto& per : acc) {
    for (auto& a : per) {
      a.metal.assign(n_metals, 0.0);
      a.assayed.assign(n_metals, 0);
    }
  }
  const bool has_days = !t.operating_days.empty();
  // Periods by first day, so that a row finds the periods it touches by
  // binary search (a year of days: 365 periods, not 365 comparisons a row).
  std::vector<std::size_t> by_first(periods.size());
  std::iota(by_first.begin(), by_first.end(), std::size_t{0});
  std::sort(by_first.begin(), by_first.end(),
            [&](std::size_t a, std::size_t b) { return periods[a].first() < periods[b].first(); });
  calendar::DayNumber longest = 0;
  for (const auto& period : periods) longest = std::max(longest, period.last() - period.first());
  for (std::size_t r = 0; r < t.size(); ++r) {
    const calendar::DayNumber first = t.first[r], last = t.last[r];
    // Candidates start no earlier than first − longest and no later than last.
    auto it = std::lower_bound(
        by_first.begin(), by_first.end(), first - longest,
        [&](std::size_t p, calendar::DayNumber d) { return periods[p].first() < d; });
    for (; it != by_first.end() && periods[*it].first() <= last; ++it) {
      const std::size_t p = *it;
      const calendar::Period& period = periods[p];
      if (last < period.first() || first > period.last()) continue;
      Accumulator& a = acc[p][t.stream[r]];
      if (first < period.first() || last > period.last()) {
        if (a.partial_line == 0) a.partial_line = t.line[r];
        continue;
      }
      const double dry = t.dry_t[r];
      a.dry += dry;
      ++a.rows;
      a.days_covered += last - first + 1;
      const double* assay = t.assay.data() + r * n_metals;  // no metals: an empty column
      for (std::size_t m = 0; m < n_metals; ++m) {
        // A row of zero tonnes carries no metal, assayed or not.
        if (!std::isnan(assay[m])) {
          a.metal[m] += contained_metal(dry, assay[m]);
          ++a.assayed[m];
        } else if (dry == 0.0) {
          ++a.assayed[m];
        }
      }
      if (has_days && !std::isnan(t.operating_days[r])) {
        a.operating_days += t.operating_days[r];
        ++a.rows_with_days;
      }
    }
  }

  std::vector<PeriodTotals> out(periods.size());
  for (std::size_t p = 0; p < periods.size(); ++p) {
    PeriodTotals& pt = out[p];
    pt.period = periods[p];
    pt.streams.resize(n_streams);
    for (std::size_t s = 0; s < n_streams; ++s) {
      const Accumulator& a = acc[p][s];
      StreamTotal& st = pt.streams[s];
      const std::string& id = ds.site.streams[s].id;
      if (a.partial_line != 0) {
        diags.error(t.file, a.partial_line, 1, "period-too-fine",
                    fmt::format("a row of stream '{}' lies only partly inside {}; its tonnes "
                                "cannot be split",
                                id, pt.period.to_string()),
                    pt.period.to_string(),
                    "a period that holds whole rows (ask for a coarser period)");
      }
      st.dry = units::Mass::tonnes(a.dry);
      st.rows = a.rows;
      st.days_covered = a.days_covered;
      st.partial = a.partial_line != 0;
      pt.rows += a.rows;
      st.contained.resize(n_metals);
      for (std::size_t m = 0; m < n_metals; ++m) {
        if (a.rows > 0 && a.assayed[m] == a.rows) st.contained[m] = units::Mass::tonnes(a.metal[m]);
      }
      if (a.rows > 0 && a.rows_with_days == a.rows) st.operating_days = a.operating_days;
      if (a.rows > 0 && a.days_covered < pt.period.days()) {
        diags.add({t.file, 0, 0, core::Severity::warning, "incomplete-period",
                   fmt::format("stream '{}' has rows for {} of the {} days of {}", id,
                               a.days_covered, pt.period.days(), pt.period.to_string()),
                   "", ""});
      }
    }
    if (pt.rows == 0) {
      diags.error(t.file, 0, 0, "no-data",
                  fmt::format("no stream rows inside the period asked for"), pt.period.to_string(),
                  "a period that streams.csv has rows for");
    }
  }
  return out;
}

}  // namespace orebook::accounting
