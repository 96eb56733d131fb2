#include "orebook/accounting/operating.h"

#include <algorithm>

#include <fmt/format.h>

#include "orebook/accounting/formulas.h"
#include "orebook/accounting/produced.h"
#include "orebook/calendar/coverage.h"

namespace orebook::accounting {

namespace {

using dataset::StreamRole;

// Sum of the totals of every stream with `role`; unknown when the site has no
// such stream or one of them is unknown in the period (no rows, a coarser row,
// missing days: aggregate() and warn_streams_without_rows() say which).
struct RoleSum {
  std::optional<units::Mass> dry;
  std::vector<std::optional<units::Mass>> contained;
  std::optional<double> operating_days;
};

RoleSum sum_role(const dataset::Site& site, const PeriodTotals& totals, StreamRole role) {
  RoleSum out;
  const std::size_t n_metals = site.metals.size();
  out.contained.resize(n_metals);
  bool any = false;
  std::vector<bool> complete(n_metals, true);
  std::vector<units::Mass> metal(n_metals);
  bool days_complete = true;
  double days = 0.0;
  units::Mass dry;
  for (std::size_t s = 0; s < site.streams.size(); ++s) {
    if (site.streams[s].role != role) continue;
    const StreamTotal& st = totals.streams[s];
    if (!st.complete) return out;
    any = true;
    dry += st.dry;
    for (std::size_t m = 0; m < n_metals; ++m) {
      if (st.contained[m]) {
        metal[m] += *st.contained[m];
      } else {
        complete[m] = false;
      }
    }
    if (st.operating_days) {
      days += *st.operating_days;
    } else {
      days_complete = false;
    }
  }
  if (!any) return out;
  out.dry = dry;
  for (std::size_t m = 0; m < n_metals; ++m) {
    if (complete[m]) out.contained[m] = metal[m];
  }
  if (days_complete) out.operating_days = days;
  return out;
}

// Which days of `period` the rows of one metal cover, and the first row only
// partly inside it.
struct SalesCoverage {
  std::vector<calendar::Span> spans;
  const dataset::SaleRow* straddling = nullptr;
};

void add_sales(const dataset::Dataset& ds, const calendar::Period& period,
               std::vector<MetalStatistics>& metals, core::Diagnostics& diags) {
  const std::size_t n = ds.site.metals.size();
  std::vector<double> quantity(n, 0.0), value(n, 0.0);
  std::vector<std::size_t> rows(n, 0), rows_without_volume(n, 0);
  std::vector<const dataset::SaleRow*> last_row(n, nullptr);
  std::vector<SalesCoverage> coverage(n);
  std::vector<bool> unusable(n, false);
  for (const dataset::SaleRow& row : ds.sales.rows) {
    if (!row.period.overlaps(period)) continue;
    if (!period.contains(row.period)) {
      if (coverage[row.metal].straddling == nullptr) coverage[row.metal].straddling = &row;
      continue;
    }
    const dataset::Metal& metal = ds.site.metals[row.metal];
    MetalStatistics& ms = metals[row.metal];
    coverage[row.metal].spans.emplace_back(row.period.first(), row.period.last());
    if (rows[row.metal] > 0 && ms.price_currency != row.currency) {
      diags.error(ds.sales.file, row.line, 1, "mixed-currency",
                  fmt::format("sales of {} in {} are priced in two currencies", metal.symbol,
                              period.to_string()),
                  row.currency, ms.price_currency);
      unusable[row.metal] = true;
      continue;
    }
    ++rows[row.metal];
    last_row[row.metal] = &row;
    ms.price_currency = row.currency;
    if (!row.payable) {
      ++rows_without_volume[row.metal];
      continue;
    }
    // Price per row unit × quantity in that unit = value; quantities summed in
    // the metal's production unit.
    value[row.metal] += row.payable->in(row.price_unit) * row.price;  // value = quantity × price
    quantity[row.metal] += row.payable->in(metal.production_unit);
  }
  for (std::size_t m = 0; m < n; ++m) {
    if (rows[m] == 0 && coverage[m].straddling == nullptr) continue;  // not sold: unknown
    const dataset::Metal& metal = ds.site.metals[m];
    if (const dataset::SaleRow* row = coverage[m].straddling) {
      // A coarser row (an annual sales figure asked for by quarter) makes the
      // metal's sales unknown in this period; the report goes on.
      diags.warning(
          ds.sales.file, row->line, 1, "period-too-fine",
          fmt::format("the sales row of {} for {} lies only partly inside {} and "
                      "cannot be split: payable metal sold and the realized price of "
                      "{} are unknown there",
                      metal.symbol, row->period.to_string(), period.to_string(), metal.symbol),
          row->period.to_string(),
          "rows inside the period asked for (or a period that holds whole rows)");
      continue;
    }
    if (unusable[m]) continue;
    const auto missing = calendar::gaps(period, coverage[m].spans);
    if (!missing.empty()) {
      diags.warning(ds.sales.file, 0, 0, "incomplete-period",
                    fmt::format("sales of {} have rows for only part of {} (missing {}): payable "
                                "metal sold and the realized price of {} are unknown there, not a "
                                "partial sum",
                                metal.symbol, period.to_string(), calendar::describe_gaps(missing),
                                metal.symbol));
      continue;
    }
    if (rows_without_volume[m] == 0) {
      metals[m].payable_sold = units::Mass::of(quantity[m], metal.production_unit);
      if (quantity[m] > 0.0) metals[m].realized_price = realized_price(value[m], quantity[m]);
    } else if (rows[m] == 1) {
      // One row, a price without its volume: the realized price, per the
      // metal's production unit.
      const dataset::SaleRow& row = *last_row[m];
      metals[m].realized_price =
          row.price * units::Mass::of(1.0, metal.production_unit).in(row.price_unit);
    } else {
      diags.warning(ds.sales.file, last_row[m]->line, 1, "price-without-volume",
                    fmt::format("{} of the {} sales rows of {} in {} give a price without the "
                                "payable quantity: the realized price is a volume-weighted "
                                "average, so it is unknown",
                                rows_without_volume[m], rows[m], metal.symbol, period.to_string()),
                    "", "payable quantities on every row, or one row for the period");
    }
  }
}

}  // namespace

// A stream that operating statistics count (ore mined, mill feed, a
// concentrate) with no rows in a period has unknown tonnes and grades, and
// every figure made from it is unknown too: say so, once per stream, naming
// the metals whose production and recovery it leaves unknown. Not when an
// error or warning already gives the cause (a period without any rows, a row
// only partly inside it).
void warn_streams_without_rows(const dataset::Dataset& ds, const PeriodTotals& totals,
                               core::Diagnostics& diags) {
  const dataset::Site& site = ds.site;
  if (totals.rows == 0) return;
  for (std::size_t s = 0; s < site.streams.size(); ++s) {
    const StreamTotal& st = totals.streams[s];
    const StreamRole role = site.streams[s].role;
    if (role != StreamRole::concentrate && role != StreamRole::feed &&
        role != StreamRole::ore_mined)
      continue;
    if (st.rows > 0 || st.partial) continue;
    // The metals it leaves unknown: a concentrate's own, every metal of the
    // feed; ore mined leaves no metal's figure unknown.
    std::string metals;
    if (role != StreamRole::ore_mined) {
      for (const dataset::Metal& metal : site.metals) {
        if (role == StreamRole::concentrate &&
            std::find(metal.products.begin(), metal.products.end(), s) == metal.products.end())
          continue;
        metals += (metals.empty() ? "" : ", ") + metal.name;
      }
    }
    std::string_view what = role == StreamRole::concentrate ? "concentrate"
                            : role == StreamRole::feed      ? "mill feed stream"
                                                            : "ore mined stream";
    std::string consequence;
    if (role == StreamRole::ore_mined) {
      consequence = ", and so ore mined";
    } else if (role == StreamRole::feed) {
      consequence = ", and so ore processed, throughput, head grades" +
                    std::string(metals.empty() ? "" : " and the recovery of " + metals);
    } else if (!metals.empty()) {
      consequence = ", and the production and recovery of " + metals;
    }
    diags.warning(ds.streams.file, 0, 0, "no-rows",
                  fmt::format("{} '{}' has no rows in {}: its tonnes and grades{} are unknown, not "
                              "zero (a row of 0 t says nothing was produced)",
                              what, site.streams[s].id, totals.period.to_string(), consequence));
  }
}

OperatingStatistics operating_statistics(const dataset::Dataset& ds, const PeriodTotals& totals,
                                         core::Diagnostics& diags) {
  const dataset::Site& site = ds.site;
  const std::size_t n_metals = site.metals.size();
  OperatingStatistics os;
  os.period = totals.period;
  os.calendar_days = totals.period.days();

  os.ore_mined = sum_role(site, totals, StreamRole::ore_mined).dry;
  const RoleSum feed = sum_role(site, totals, StreamRole::feed);
  os.ore_processed = feed.dry;
  if (feed.dry) {
    os.throughput = throughput(*feed.dry, static_cast<double>(os.calendar_days));
    if (feed.operating_days) {
      os.operating_days = feed.operating_days;
      os.throughput_operating = throughput(*feed.dry, *feed.operating_days);
    }
  }

  for (std::size_t s = 0; s < site.streams.size(); ++s) {
    if (site.streams[s].role != StreamRole::concentrate) continue;
    const StreamTotal& st = totals.streams[s];
    ProductStatistics ps;
    ps.stream = s;
    ps.grade.resize(n_metals);
    ps.contained.resize(n_metals);
    if (st.complete) {
      ps.tonnes = st.dry;
      ps.contained = st.contained;
      for (std::size_t m = 0; m < n_metals; ++m) ps.grade[m] = st.grade(m);
    }
    os.products.push_back(std::move(ps));
  }

  os.metals.resize(n_metals);
  for (std::size_t m = 0; m < n_metals; ++m) {
    MetalStatistics& ms = os.metals[m];
    if (feed.dry && feed.contained[m])
      ms.head_grade = weighted_grade(*feed.contained[m], *feed.dry);
    // Production: production.csv where it covers the period, else Σ contained
    // metal of the metal's products (docs/formulas.md §3).
    ms.production = production(ds, totals, m, diags);
    if (ms.production && feed.contained[m])
      ms.recovery = recovery(*ms.production, *feed.contained[m]);
  }
  warn_streams_without_rows(ds, totals, diags);
  if (ds.sales.present) add_sales(ds, totals.period, os.metals, diags);
  return os;
}

}  // namespace orebook::accounting
