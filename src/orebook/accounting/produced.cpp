#include "orebook/accounting/produced.h"

#include <cmath>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "orebook/accounting/formulas.h"
#include "orebook/calendar/coverage.h"

namespace orebook::accounting {

std::optional<units::Interval> contained_interval(const dataset::StreamTable& t, std::size_t stream,
                                                  std::size_t metal,
                                                  const calendar::Period& period) {
  using units::Interval;
  const std::size_t width = 1 + t.metal_count;
  Interval sum(0.0);
  for (std::size_t r = 0; r < t.size(); ++r) {
    if (t.stream[r] != stream || t.first[r] < period.first() || t.last[r] > period.last()) continue;
    const double assay = t.assay_at(r, metal);
    const std::uint8_t dry_digits = t.digits[r * width];
    const std::uint8_t assay_digits = t.digits[r * width + 1 + metal];
    if (std::isnan(assay)) {
      if (t.dry_t[r] == 0.0) continue;  // no tonnes, no metal
      return std::nullopt;
    }
    if (dry_digits == dataset::kUnknownDigits || assay_digits == dataset::kUnknownDigits) {
      return std::nullopt;
    }
    const double per_unit = t.assay_fraction_per_unit[metal];
    const Interval dry = Interval::from_printed(t.dry_t[r], dry_digits);
    const Interval grade = Interval::from_printed(assay / per_unit, assay_digits) * per_unit;
    sum += contained_metal(dry, grade);
  }
  return sum;
}

namespace {

// What production.csv says of one metal (and product) in a period.
struct Given {
  bool any = false;    // some row touches the period
  bool known = false;  // its rows cover the period exactly
  units::Mass value;
  std::optional<units::Interval> printed;  // in tonnes, from the printed digits
  std::uint32_t line = 0;                  // of the first row
};

Given given(const dataset::Dataset& ds, const calendar::Period& period, std::size_t metal,
            std::optional<std::size_t> product, core::Diagnostics& diags) {
  Given g;
  std::vector<calendar::Span> spans;
  units::Interval printed(0.0);
  bool digits_known = true;
  const dataset::Metal& m = ds.site.metals[metal];
  const std::string of =
      product ? fmt::format("{} in '{}'", m.name, ds.site.streams[*product].id) : m.name;
  for (const dataset::ProductionRow& row : ds.production.rows) {
    if (!production_row_in(row, metal, product, period)) continue;
    if (!g.any) g.line = row.line;
    g.any = true;
    if (!period.contains(row.period)) {
      diags.warning(ds.production.file, row.line, 1, "period-too-fine",
                    fmt::format("the production row of {} for {} lies only partly inside {} and "
                                "cannot be split: the production of {} there is unknown",
                                of, row.period.to_string(), period.to_string(), of),
                    row.period.to_string(),
                    "rows inside the period asked for (or a period that holds whole rows)");
      return g;
    }
    spans.emplace_back(row.period.first(), row.period.last());
    g.value += row.produced();
    if (row.decimals == dataset::kUnknownDigits) {
      digits_known = false;
    } else {
      printed += units::Interval::from_printed(row.value, row.decimals) *
                 (row.unit.multiple * units::tonnes_per(row.unit.unit));
    }
  }
  if (!g.any) return g;
  if (const auto missing = calendar::gaps(period, spans); !missing.empty()) {
    diags.warning(ds.production.file, g.line, 1, "incomplete-period",
                  fmt::format("production.csv gives {} for only part of {} (missing {}): its "
                              "production there is unknown, not a partial sum",
                              of, period.to_string(), calendar::describe_gaps(missing)));
    return g;
  }
  g.known = true;
  if (digits_known) g.printed = printed;
  return g;
}

// A warning when production.csv's figure and tonnes × grade cannot both be
// right within the digits each is printed to.
void compare(const dataset::Dataset& ds, const calendar::Period& period, std::size_t metal,
             std::optional<std::size_t> product, const Given& g, units::Mass computed,
             const std::optional<units::Interval>& computed_printed, core::Diagnostics& diags) {
  if (!g.printed || !computed_printed || g.printed->intersects(*computed_printed)) return;
  const dataset::Metal& m = ds.site.metals[metal];
  const units::MassUnit u = m.production_unit;
  const double per = units::Mass::tonnes(1.0).in(u);
  diags.warning(
      ds.production.file, g.line, 1, "production-disagrees",
      fmt::format("production.csv gives {:.0f} {} of {}{} in {}, but streams.csv's tonnes × "
                  "grades give {:.0f} {} (between {:.0f} and {:.0f} {} from their printed digits): "
                  "the two disagree beyond their precision; production.csv's figure is used",
                  g.value.in(u), units::to_string(u), m.name,
                  product ? " in '" + ds.site.streams[*product].id + "'" : std::string(),
                  period.to_string(), computed.in(u), units::to_string(u),
                  computed_printed->lo() * per, computed_printed->hi() * per, units::to_string(u)),
      "", "figures that agree within their printed digits");
}

}  // namespace

std::optional<units::Mass> production(const dataset::Dataset& ds, const PeriodTotals& totals,
                                      std::size_t metal, core::Diagnostics& diags) {
  const dataset::Metal& m = ds.site.metals[metal];
  const calendar::Period& period = totals.period;
  // Tonnes × grade of one product, with the interval its printed digits allow.
  auto computed = [&](std::size_t s) -> std::optional<units::Mass> {
    const StreamTotal& st = totals.streams[s];
    if (!st.complete || !st.contained[metal]) return std::nullopt;
    return *st.contained[metal];
  };
  auto computed_printed = [&](std::size_t s) -> std::optional<units::Interval> {
    return contained_interval(ds.streams, s, metal, period);
  };

  const Given total = given(ds, period, metal, std::nullopt, diags);
  if (total.any) {
    if (!total.known) return std::nullopt;
    // Compared with the products' tonnes × grades where every one is known.
    units::Mass sum;
    units::Interval sum_printed(0.0);
    bool all = !m.products.empty(), all_printed = true;
    for (std::size_t s : m.products) {
      const auto c = computed(s);
      if (!c) {
        all = false;
        break;
      }
      sum += *c;
      if (const auto i = computed_printed(s)) {
        sum_printed += *i;
      } else {
        all_printed = false;
      }
    }
    if (all) {
      compare(ds, period, metal, std::nullopt, total, sum,
              all_printed ? std::optional(sum_printed) : std::nullopt, diags);
    }
    return total.value;
  }
  // Production = Σ contained metal of the metal's products, each from
  // production.csv where it gives the product, else tonnes × grade.
  if (m.products.empty()) return std::nullopt;
  units::Mass produced;
  bool complete = true;
  for (std::size_t s : m.products) {
    const Given g = ds.production.present ? given(ds, period, metal, s, diags) : Given{};
    const auto c = computed(s);
    if (g.any) {
      if (!g.known) {
        complete = false;
        continue;
      }
      if (c) compare(ds, period, metal, s, g, *c, computed_printed(s), diags);
      produced += g.value;
    } else if (c) {
      produced += *c;
    } else {
      complete = false;
    }
  }
  if (!complete) return std::nullopt;
  return produced;
}

bool production_row_in(const dataset::ProductionRow& row, std::size_t metal,
                       std::optional<std::size_t> product, const calendar::Period& period) {
  return row.metal == metal && row.product == product && row.period.overlaps(period);
}

ProductionSource production_source(const dataset::Dataset& ds, const calendar::Period& period,
                                   std::size_t metal) {
  ProductionSource out;
  for (const dataset::ProductionRow& row : ds.production.rows)
    if (production_row_in(row, metal, std::nullopt, period)) out.total.push_back(&row);
  if (!out.total.empty()) return out;
  for (std::size_t s : ds.site.metals[metal].products) {
    ProductionSource::Product p{s, {}};
    for (const dataset::ProductionRow& row : ds.production.rows)
      if (production_row_in(row, metal, s, period)) p.rows.push_back(&row);
    out.products.push_back(std::move(p));
  }
  return out;
}

std::optional<units::Interval> production_interval(const dataset::Dataset& ds,
                                                   const calendar::Period& period,
                                                   std::size_t metal) {
  core::Diagnostics quiet;  // production() is the one that warns
  // The same choice as production(): production.csv's total where it has one,
  // else each product from production.csv or tonnes × grade.
  const Given total = given(ds, period, metal, std::nullopt, quiet);
  if (total.any) return total.known ? total.printed : std::nullopt;
  const dataset::Metal& m = ds.site.metals[metal];
  if (m.products.empty()) return std::nullopt;
  units::Interval sum(0.0);
  for (std::size_t s : m.products) {
    const Given g = ds.production.present ? given(ds, period, metal, s, quiet) : Given{};
    if (g.any) {
      if (!g.known || !g.printed) return std::nullopt;
      sum += *g.printed;
    } else if (const auto c = contained_interval(ds.streams, s, metal, period)) {
      sum += *c;
    } else {
      return std::nullopt;
    }
  }
  return sum;
}

}  // namespace orebook::accounting
