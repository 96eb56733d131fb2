#include "orebook/accounting/aggregate.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <numeric>
#include <unordered_map>

#include <fmt/format.h>

#include "orebook/calendar/coverage.h"

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
  calendar::Span partial_span{};   // its days
};

// Whether a row of days [first, last] that touches `period` lies wholly
// inside it: only such rows are summed (a coarser row cannot be split).
bool inside(calendar::DayNumber first, calendar::DayNumber last, const calendar::Period& period) {
  return first >= period.first() && last <= period.last();
}

// Calls f(p) for every period index p that the row [first, last] touches;
// `by_first` orders the periods by first day, `longest` is the longest
// period's span, so that a row finds its periods by binary search (a year of
// days: 365 periods, not 365 comparisons a row).
template <class F>
void for_each_touched(std::span<const calendar::Period> periods,
                      const std::vector<std::size_t>& by_first, calendar::DayNumber longest,
                      calendar::DayNumber first, calendar::DayNumber last, F f) {
  auto it = std::lower_bound(
      by_first.begin(), by_first.end(), first - longest,
      [&](std::size_t p, calendar::DayNumber d) { return periods[p].first() < d; });
  for (; it != by_first.end() && periods[*it].first() <= last; ++it) {
    const calendar::Period& period = periods[*it];
    if (last < period.first() || first > period.last()) continue;
    f(*it);
  }
}

// One warning per coarser row, however many periods it straddles (a monthly
// row under `--each day` straddles thirty days).
struct Straddle {
  std::size_t stream = 0;
  calendar::Span span{};
  std::vector<std::size_t> periods;
};

void warn_straddles(const dataset::Dataset& ds, std::span<const calendar::Period> periods,
                    const std::map<std::uint32_t, Straddle>& straddles, core::Diagnostics& diags) {
  for (auto [line, st] : straddles) {
    std::sort(st.periods.begin(), st.periods.end(),
              [&](std::size_t a, std::size_t b) { return periods[a] < periods[b]; });
    const std::string row = calendar::Period::from_days(st.span.first, st.span.second).to_string();
    const std::string& id = ds.site.streams[st.stream].id;
    const std::string asked =
        st.periods.size() == 1
            ? periods[st.periods.front()].to_string()
            : fmt::format("the {} periods asked for from {} to {}", st.periods.size(),
                          periods[st.periods.front()].to_string(),
                          periods[st.periods.back()].to_string());
    diags.warning(ds.streams.file, line, 1, "period-too-fine",
                  fmt::format("the row of stream '{}' for {} lies only partly inside {} and "
                              "cannot be split: the stream's tonnes and grades there are "
                              "unknown",
                              id, row, asked),
                  row, "rows inside the period asked for (or a period that holds whole rows)");
  }
}

}  // namespace

StreamRows stream_rows(const dataset::StreamTable& t, const std::vector<std::uint32_t>& of_stream,
                       const calendar::Period& period) {
  StreamRows out;
  for (const std::uint32_t r : of_stream) {
    if (t.last[r] < period.first() || t.first[r] > period.last()) continue;
    if (inside(t.first[r], t.last[r], period)) {
      out.inside.push_back(r);
    } else if (!out.partial) {
      out.partial = r;
    }
  }
  return out;
}

std::vector<std::vector<std::uint32_t>> rows_by_stream(const dataset::StreamTable& t,
                                                       std::size_t streams) {
  std::vector<std::vector<std::uint32_t>> out(streams);
  for (std::size_t r = 0; r < t.size(); ++r)
    out[t.stream[r]].push_back(static_cast<std::uint32_t>(r));
  return out;
}

bool touched(const PeriodTotals& totals) {
  return totals.rows > 0 || std::any_of(totals.streams.begin(), totals.streams.end(),
                                        [](const StreamTotal& s) { return s.partial; });
}

std::vector<PeriodTotals> aggregate(const dataset::Dataset& ds,
                                    std::span<const calendar::Period> periods,
                                    core::Diagnostics& diags, bool empty_is_error) {
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
  std::vector<std::size_t> by_first(periods.size());
  std::iota(by_first.begin(), by_first.end(), std::size_t{0});
  std::sort(by_first.begin(), by_first.end(),
            [&](std::size_t a, std::size_t b) { return periods[a].first() < periods[b].first(); });
  calendar::DayNumber longest = 0;
  for (const auto& period : periods) longest = std::max(longest, period.last() - period.first());
  for (std::size_t r = 0; r < t.size(); ++r) {
    const calendar::DayNumber first = t.first[r], last = t.last[r];
    for_each_touched(periods, by_first, longest, first, last, [&](std::size_t p) {
      const calendar::Period& period = periods[p];
      Accumulator& a = acc[p][t.stream[r]];
      if (!inside(first, last, period)) {
        if (a.partial_line == 0) {
          a.partial_line = t.line[r];
          a.partial_span = {first, last};
        }
        return;
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
    });
  }

  std::vector<PeriodTotals> out(periods.size());
  std::map<std::uint32_t, Straddle> straddles;  // by line, for one warning a row
  // (period, stream) pairs whose rows miss some days: key p × streams + s.
  std::unordered_map<std::size_t, std::vector<calendar::Span>> incomplete;
  for (std::size_t p = 0; p < periods.size(); ++p) {
    PeriodTotals& pt = out[p];
    pt.period = periods[p];
    pt.streams.resize(n_streams);
    bool touched = false;  // some row lies at least partly inside the period
    for (std::size_t s = 0; s < n_streams; ++s) {
      const Accumulator& a = acc[p][s];
      StreamTotal& st = pt.streams[s];
      if (a.partial_line != 0) {
        Straddle& straddle = straddles[a.partial_line];
        straddle.stream = s;
        straddle.span = a.partial_span;
        straddle.periods.push_back(p);
      }
      st.dry = units::Mass::tonnes(a.dry);
      st.rows = a.rows;
      st.days_covered = a.days_covered;
      st.partial = a.partial_line != 0;
      st.complete = a.rows > 0 && !st.partial && a.days_covered == pt.period.days();
      touched = touched || a.rows > 0 || st.partial;
      pt.rows += a.rows;
      st.contained.resize(n_metals);
      for (std::size_t m = 0; m < n_metals; ++m) {
        if (a.rows > 0 && a.assayed[m] == a.rows) st.contained[m] = units::Mass::tonnes(a.metal[m]);
      }
      if (a.rows > 0 && a.rows_with_days == a.rows) st.operating_days = a.operating_days;
      if (a.rows > 0 && !st.partial && !st.complete) incomplete[p * n_streams + s];
    }
    if (!touched && empty_is_error) {
      diags.error(t.file, 0, 0, "no-data",
                  fmt::format("no stream rows inside the period asked for"), pt.period.to_string(),
                  "a period that streams.csv has rows for");
    } else if (!touched) {
      diags.warning(t.file, 0, 0, "no-data",
                    "no stream rows inside this period: its figures are unknown",
                    pt.period.to_string(), "a period that streams.csv has rows for");
    }
  }
  warn_straddles(ds, periods, straddles, diags);
  if (!incomplete.empty()) {
    // A second pass for the days these rows cover, only when some period is
    // incomplete: the warning names the days that are missing.
    for (std::size_t r = 0; r < t.size(); ++r) {
      const calendar::DayNumber first = t.first[r], last = t.last[r];
      for_each_touched(periods, by_first, longest, first, last, [&](std::size_t p) {
        const auto it = incomplete.find(p * n_streams + t.stream[r]);
        if (it != incomplete.end()) it->second.emplace_back(first, last);
      });
    }
    std::vector<std::size_t> keys;
    for (const auto& [key, spans] : incomplete) keys.push_back(key);
    std::sort(keys.begin(), keys.end());  // reproducible order
    for (std::size_t key : keys) {
      const PeriodTotals& pt = out[key / n_streams];
      const StreamTotal& st = pt.streams[key % n_streams];
      const std::string period = pt.period.to_string();
      diags.warning(
          t.file, 0, 0, "incomplete-period",
          fmt::format("stream '{}' has rows for {} of the {} days of {} (missing {}): its tonnes "
                      "and grades for {} are unknown, not a partial sum",
                      ds.site.streams[key % n_streams].id, st.days_covered, pt.period.days(),
                      period, calendar::describe_gaps(calendar::gaps(pt.period, incomplete[key])),
                      period));
    }
  }
  return out;
}

}  // namespace orebook::accounting
