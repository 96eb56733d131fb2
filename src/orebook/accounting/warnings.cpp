#include "orebook/accounting/warnings.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "orebook/accounting/aggregate.h"
#include "orebook/accounting/formulas.h"

namespace orebook::accounting {

namespace {

using dataset::StreamRole;

// `v` with `decimals` digits after the point and thousands separators, as a
// message quotes a figure ("1,234,567 oz").
std::string figure(double v, int decimals) {
  std::string text = fmt::format("{:.{}f}", std::abs(v), decimals);
  const std::size_t point = std::min(text.find('.'), text.size());
  for (std::size_t i = point; i > 3; i -= 3) text.insert(i - 3, ",");
  return (v < 0 && text.find_first_not_of("0.,") != std::string::npos ? "-" : "") + text;
}

// "pb_con and zn_con".
std::string stream_list(const dataset::Site& site, const std::vector<std::size_t>& streams) {
  std::string out;
  for (std::size_t i = 0; i < streams.size(); ++i) {
    if (i > 0) out += i + 1 == streams.size() ? " and " : ", ";
    out += site.streams[streams[i]].id;
  }
  return out;
}

// The middle value (mean of the two middle ones for an even count); `v` not empty.
double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  const std::size_t n = v.size();
  return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2.0;
}

// A figure and its unit as a message writes them: "0.193%", "899.0 g/t".
std::string with_unit(double v, int decimals, std::string_view unit) {
  return figure(v, decimals) + (unit == "%" ? "" : " ") + std::string(unit);
}

std::string plural(calendar::PeriodKind kind) { return std::string(to_string(kind)) + "s"; }

// Recovery above 100%: the products hold more of the metal than the feed
// (docs/formulas.md §3, R = Σ_P contained M ÷ contained M in feed). Strictly
// above 100.00% as printed to two decimals: streams.csv keeps values, not
// their printed precision, so no rounding allowance can be derived honestly;
// the message says that rounding of published grades may explain a small
// excess instead.
void warn_recovery(const dataset::Dataset& ds, const OperatingStatistics& os,
                   core::Diagnostics& diags) {
  for (std::size_t m = 0; m < os.metals.size(); ++m) {
    const MetalStatistics& ms = os.metals[m];
    if (!ms.recovery || !ms.production || !ms.head_grade || !os.ore_processed) continue;
    if (std::round(ms.recovery->percent() * 100.0) <= 100.0 * 100.0) continue;
    const dataset::Metal& metal = ds.site.metals[m];
    const units::Mass fed = contained_metal(*os.ore_processed, *ms.head_grade);
    const auto unit = metal.production_unit;
    diags.add({ds.streams.file, 0, 0, core::Severity::warning, "recovery-above-100",
               fmt::format("{} recovery in {} is {:.2f}%: {} {} in {} against {} {} in the mill "
                           "feed, more metal out than in (rounding of published grades may "
                           "explain a small excess; a large one is a wrong tonnage, assay or unit)",
                           metal.name, os.period.to_string(), ms.recovery->percent(),
                           figure(ms.production->in(unit), 0), to_string(unit),
                           stream_list(ds.site, metal.products), figure(fed.in(unit), 0),
                           to_string(unit)),
               "", ""});
  }
}

// A metal whose products together are poorer in it than the mill feed: the
// grade of all its products combined, production ÷ Σ product tonnes
// (docs/formulas.md §2, never an average of grades), below the head grade.
// Flotation concentrates the metals a product is sold for, so the assays,
// their unit, or the metal's products in site.toml are likely wrong. The
// combined grade, not each product's: a by-product metal is legitimately
// poorer in one concentrate than in the feed (Bellekeno's zinc concentrate
// carries 460 g/t silver from a feed of 899 g/t in 2012Q1, its lead
// concentrate several thousand), and a warning every period would be noise.
// With one product, as for most metals, the two rules are the same.
void warn_grade_below_feed(const dataset::Dataset& ds, const OperatingStatistics& os,
                           core::Diagnostics& diags) {
  for (std::size_t m = 0; m < os.metals.size(); ++m) {
    const dataset::Metal& metal = ds.site.metals[m];
    const MetalStatistics& ms = os.metals[m];
    if (!ms.head_grade || !ms.production || metal.products.empty()) continue;
    units::Mass tonnes;
    bool known = true;
    for (const std::size_t s : metal.products) {
      const auto product = std::find_if(os.products.begin(), os.products.end(),
                                        [&](const ProductStatistics& p) { return p.stream == s; });
      if (product == os.products.end() || !product->tonnes) {
        known = false;
      } else {
        tonnes += *product->tonnes;
      }
    }
    const auto grade = known ? weighted_grade(*ms.production, tonnes) : std::nullopt;
    if (!grade || grade->fraction() >= ms.head_grade->fraction()) continue;
    const int decimals =
        metal.head_grade_decimals.value_or(1) + 1;  // the old default, and one more
    const auto unit = metal.grade_unit;
    const bool one = metal.products.size() == 1;
    diags.add({ds.streams.file, 0, 0, core::Severity::warning, "grade-below-feed",
               fmt::format("{} grade of {}{} in {} is {}, below the mill feed's {}, though "
                           "{} as {} production (site.toml): check the assays, their unit and "
                           "the products of {}",
                           metal.name, one ? "" : "the combined products ",
                           stream_list(ds.site, metal.products), os.period.to_string(),
                           with_unit(grade->in(unit), decimals, to_string(unit)),
                           with_unit(ms.head_grade->in(unit), decimals, to_string(unit)),
                           one ? "it counts" : "they count", metal.name, metal.symbol),
               "", ""});
  }
}

// The periods of `kind` that streams.csv's feed rows reach, with their
// statistics, and whether the feed rows cover each whole (a period the data
// only partly covers would make a low throughput look like an outlier).
struct History {
  std::vector<OperatingStatistics> stats;
  std::vector<bool> complete;
};

History history(const dataset::Dataset& ds, calendar::PeriodKind kind) {
  History out;
  const auto& t = ds.streams;
  calendar::DayNumber lo = std::numeric_limits<calendar::DayNumber>::max();
  calendar::DayNumber hi = std::numeric_limits<calendar::DayNumber>::min();
  for (std::size_t r = 0; r < t.size(); ++r) {
    if (ds.site.streams[t.stream[r]].role != StreamRole::feed) continue;
    lo = std::min(lo, t.first[r]);
    hi = std::max(hi, t.last[r]);
  }
  if (lo > hi) return out;
  // Whole years tile into periods of every kind.
  const auto year = [](calendar::DayNumber d) {
    return static_cast<int>(calendar::to_ymd(d).year());
  };
  const calendar::Period span = calendar::Period::range(calendar::Period::year(year(lo)).first(),
                                                        calendar::Period::year(year(hi)).last());
  std::vector<calendar::Period> periods;
  for (const auto& p : span.split(kind)) {
    if (p.overlaps(calendar::Period::range(lo, hi))) periods.push_back(p);
  }
  core::Diagnostics scratch;  // problems of other periods are not this run's
  const std::vector<PeriodTotals> totals = aggregate(ds, periods, scratch);
  for (const PeriodTotals& pt : totals) {
    bool any = false, whole = true;
    for (std::size_t s = 0; s < ds.site.streams.size(); ++s) {
      const StreamTotal& st = pt.streams[s];
      if (ds.site.streams[s].role != StreamRole::feed || (st.rows == 0 && !st.partial)) continue;
      any = true;
      whole = whole && !st.partial && st.days_covered == pt.period.days();
    }
    out.complete.push_back(any && whole);
    out.stats.push_back(operating_statistics(ds, pt, scratch));
  }
  return out;
}

// Throughput and head grades far from the site's other periods of the same
// kind (modified z-score, kOutlierScore).
void warn_outliers(const dataset::Dataset& ds, const OperatingStatistics& os, const History& h,
                   core::Diagnostics& diags) {
  const auto kind = os.period.kind();
  std::size_t self = h.stats.size();
  for (std::size_t i = 0; i < h.stats.size(); ++i) {
    if (h.stats[i].period == os.period) self = i;
  }
  // A period the feed rows do not cover whole already has its warning
  // (incomplete-period) or error; its low figures are the consequence.
  if (self == h.stats.size() || !h.complete[self]) return;
  const auto others = [&](auto value) {
    std::vector<double> out;
    for (std::size_t i = 0; i < h.stats.size(); ++i) {
      if (i == self || !h.complete[i]) continue;
      if (const auto v = value(h.stats[i])) out.push_back(*v);
    }
    return out;
  };

  if (os.throughput) {
    const auto tpd = [](const OperatingStatistics& s) -> std::optional<double> {
      if (!s.throughput) return std::nullopt;
      return s.throughput->tonnes_per_day();
    };
    const std::vector<double> xs = others(tpd);
    const double x = os.throughput->tonnes_per_day();
    if (const auto z = modified_z_score(x, xs); z && std::abs(*z) > kOutlierScore) {
      diags.add({ds.streams.file, 0, 0, core::Severity::warning, "throughput-outlier",
                 fmt::format("mill throughput in {} is {} t/d, far from the site's other {} "
                             "(median {} t/d over {} {}; modified z-score {:.1f}, beyond ±{}): "
                             "check the feed tonnes",
                             os.period.to_string(), figure(x, 0), plural(kind),
                             figure(median(xs), 0), xs.size(), plural(kind), *z, kOutlierScore),
                 "", ""});
    }
  }
  for (std::size_t m = 0; m < os.metals.size(); ++m) {
    if (!os.metals[m].head_grade) continue;
    const dataset::Metal& metal = ds.site.metals[m];
    const auto unit = metal.grade_unit;
    const auto head = [&](const OperatingStatistics& s) -> std::optional<double> {
      if (m >= s.metals.size() || !s.metals[m].head_grade) return std::nullopt;
      return s.metals[m].head_grade->in(unit);
    };
    const std::vector<double> xs = others(head);
    const double x = os.metals[m].head_grade->in(unit);
    const int decimals =
        metal.head_grade_decimals.value_or(1) + 1;  // the old default, and one more
    if (const auto z = modified_z_score(x, xs); z && std::abs(*z) > kOutlierScore) {
      diags.add(
          {ds.streams.file, 0, 0, core::Severity::warning, "head-grade-outlier",
           fmt::format("{} head grade in {} is {}, far from the site's other {} "
                       "(median {} over {} {}; modified z-score {:.1f}, beyond ±{}): "
                       "check the feed assays and their unit",
                       metal.name, os.period.to_string(), with_unit(x, decimals, to_string(unit)),
                       plural(kind), with_unit(median(xs), decimals, to_string(unit)), xs.size(),
                       plural(kind), *z, kOutlierScore),
           "", ""});
    }
  }
}

}  // namespace

std::optional<double> modified_z_score(double x, std::span<const double> others) {
  if (others.size() < kMinOtherPeriods) return std::nullopt;
  const double med = median({others.begin(), others.end()});
  std::vector<double> dev;
  for (const double v : others) dev.push_back(std::abs(v - med));
  // 0.6745 = Φ⁻¹(0.75): MAD ÷ 0.6745 estimates the standard deviation of a
  // normal sample (Iglewicz & Hoaglin 1993).
  const double mad = median(dev);
  if (mad > 0.0) return 0.6745 * (x - med) / mad;
  // More than half the periods equal the median (a mill run at its nameplate
  // tonnage): the mean absolute deviation × √(π/2) = 1.253314 estimates the
  // standard deviation instead, the usual fallback (IBM SPSS Modeler's
  // modified z-score); nothing to scale by when every period is equal.
  double sum = 0.0;
  for (const double d : dev) sum += d;
  const double mean_ad = sum / static_cast<double>(dev.size());
  if (!(mean_ad > 0.0)) return std::nullopt;
  return (x - med) / (1.253314 * mean_ad);
}

void warn_statistics(const dataset::Dataset& ds, std::span<const OperatingStatistics> stats,
                     core::Diagnostics& diags) {
  std::vector<std::pair<calendar::PeriodKind, History>> histories;
  for (const OperatingStatistics& os : stats) {
    warn_recovery(ds, os, diags);
    warn_grade_below_feed(ds, os, diags);
    const auto kind = os.period.kind();
    if (kind == calendar::PeriodKind::range) continue;  // no "same length" to compare with
    auto it = std::find_if(histories.begin(), histories.end(),
                           [&](const auto& h) { return h.first == kind; });
    if (it == histories.end()) {
      histories.emplace_back(kind, history(ds, kind));
      it = std::prev(histories.end());
    }
    warn_outliers(ds, os, it->second, diags);
  }
}

}  // namespace orebook::accounting
