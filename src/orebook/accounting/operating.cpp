#include "orebook/accounting/operating.h"

#include <algorithm>

#include <fmt/format.h>

#include "orebook/accounting/formulas.h"

namespace orebook::accounting {

namespace {

using dataset::StreamRole;

// Sum of the totals of every stream with `role`; nullopt when none has rows.
struct RoleSum {
  std::optional<units::Mass> dry;
  std::vector<std::optional<units::Mass>> contained;
  std::optional<double> operating_days;
};

RoleSum sum_role(const dataset::Site& site, const PeriodTotals& totals, StreamRole role) {
  RoleSum out;
  const std::size_t n_metals = site.metals.size();
  bool any = false;
  std::vector<bool> complete(n_metals, true);
  std::vector<units::Mass> metal(n_metals);
  bool days_complete = true;
  double days = 0.0;
  for (std::size_t s = 0; s < site.streams.size(); ++s) {
    if (site.streams[s].role != role) continue;
    const StreamTotal& st = totals.streams[s];
    if (st.rows == 0) continue;
    any = true;
    out.dry = out.dry.value_or(units::Mass{}) + st.dry;
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
  out.contained.resize(n_metals);
  if (!any) return out;
  for (std::size_t m = 0; m < n_metals; ++m) {
    if (complete[m]) out.contained[m] = metal[m];
  }
  if (days_complete) out.operating_days = days;
  return out;
}

void add_sales(const dataset::Dataset& ds, const calendar::Period& period,
               std::vector<MetalStatistics>& metals, core::Diagnostics& diags) {
  const std::size_t n = ds.site.metals.size();
  std::vector<double> quantity(n, 0.0), value(n, 0.0);
  std::vector<bool> any(n, false);
  for (const dataset::SaleRow& row : ds.sales.rows) {
    if (!row.period.overlaps(period)) continue;
    const dataset::Metal& metal = ds.site.metals[row.metal];
    if (!period.contains(row.period)) {
      diags.error(ds.sales.file, row.line, 1, "period-too-fine",
                  fmt::format("sales row for {} lies only partly inside {}", metal.symbol,
                              period.to_string()),
                  row.period.to_string(), "a period that holds whole rows");
      continue;
    }
    MetalStatistics& ms = metals[row.metal];
    if (any[row.metal] && ms.price_currency != row.currency) {
      diags.error(ds.sales.file, row.line, 1, "mixed-currency",
                  fmt::format("sales of {} in {} are priced in two currencies", metal.symbol,
                              period.to_string()),
                  row.currency, ms.price_currency);
      continue;
    }
    any[row.metal] = true;
    ms.price_currency = row.currency;
    // Price per row unit × quantity in that unit = value; quantities summed in
    // the metal's production unit.
    value[row.metal] += row.payable.in(row.price_unit) * row.price;  // value = quantity × price
    quantity[row.metal] += row.payable.in(metal.production_unit);
  }
  for (std::size_t m = 0; m < n; ++m) {
    if (!any[m]) continue;
    metals[m].payable_sold = units::Mass::of(quantity[m], ds.site.metals[m].production_unit);
    if (quantity[m] > 0.0) metals[m].realized_price = realized_price(value[m], quantity[m]);
  }
}

}  // namespace

// A product with no rows in a period has unknown tonnes and grades, and the
// metals it counts for unknown production and recovery: say so, once per
// product, naming the metals. Not when an error already gives the cause (a
// period without any rows, a row only partly inside it).
void warn_products_without_rows(const dataset::Dataset& ds, const PeriodTotals& totals,
                                core::Diagnostics& diags) {
  const dataset::Site& site = ds.site;
  if (totals.rows == 0) return;
  for (std::size_t s = 0; s < site.streams.size(); ++s) {
    const StreamTotal& st = totals.streams[s];
    if (site.streams[s].role != StreamRole::concentrate || st.rows > 0 || st.partial) continue;
    std::string metals;
    for (const dataset::Metal& metal : site.metals) {
      if (std::find(metal.products.begin(), metal.products.end(), s) == metal.products.end())
        continue;
      metals += (metals.empty() ? "" : ", ") + metal.name;
    }
    diags.add({ds.streams.file, 0, 0, core::Severity::warning, "no-rows",
               fmt::format("concentrate '{}' has no rows in {}: its tonnes and grades{} are "
                           "unknown, not zero (a row of 0 t says nothing was produced)",
                           site.streams[s].id, totals.period.to_string(),
                           metals.empty() ? "" : ", and the production and recovery of " + metals),
               "", ""});
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
    if (st.rows > 0) ps.tonnes = st.dry;
    ps.grade.resize(n_metals);
    ps.contained = st.contained;
    for (std::size_t m = 0; m < n_metals; ++m) ps.grade[m] = st.grade(m);
    os.products.push_back(std::move(ps));
  }

  os.metals.resize(n_metals);
  for (std::size_t m = 0; m < n_metals; ++m) {
    const dataset::Metal& metal = site.metals[m];
    MetalStatistics& ms = os.metals[m];
    if (feed.dry && feed.contained[m])
      ms.head_grade = weighted_grade(*feed.contained[m], *feed.dry);
    // Production = Σ contained metal of the metal's products (docs/formulas.md §3).
    if (!metal.products.empty()) {
      units::Mass produced;
      bool complete = true;
      for (std::size_t s : metal.products) {
        const StreamTotal& st = totals.streams[s];
        if (st.contained[m]) {
          produced += *st.contained[m];
        } else {
          complete = false;
        }
      }
      if (complete) ms.production = produced;
    }
    if (ms.production && feed.contained[m])
      ms.recovery = recovery(*ms.production, *feed.contained[m]);
  }
  warn_products_without_rows(ds, totals, diags);
  if (ds.sales.present) add_sales(ds, totals.period, os.metals, diags);
  return os;
}

}  // namespace orebook::accounting
