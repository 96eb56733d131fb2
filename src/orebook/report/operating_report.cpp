#include "orebook/report/operating_report.h"

#include <cctype>

#include <fmt/format.h>

#include "orebook/calendar/names.h"
#include "orebook/report/format.h"
#include "orebook/report/settlement_report.h"

namespace orebook::report {

void Table::add(Figure f, int indent) {
  figures.push_back(std::move(f));
  lines.push_back(Line{"", figures.size() - 1, indent});
}

void Table::heading(std::string text) { lines.push_back(Line{std::move(text), 0, 0}); }

namespace {

using units::GradeUnit;
using units::MassUnit;

std::string lower_first(std::string s) {
  if (!s.empty()) s[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(s[0])));
  return s;
}

std::string unit_label(GradeUnit unit) {
  return unit == GradeUnit::percent ? "" : fmt::format(" ({})", units::to_string(unit));
}

std::string mass_unit_label(MassUnit unit) { return fmt::format(" ({})", units::to_string(unit)); }

// "Lead in lead concentrate" for a metal sold in one product, "Silver" for one
// sold in several, unless site.toml names it.
std::string default_metal_label(const dataset::Site& site, const dataset::Metal& metal) {
  if (metal.products.size() == 1) {
    return metal.name + " in " + lower_first(site.streams[metal.products[0]].label);
  }
  return metal.name;
}

template <class F>
std::vector<std::optional<double>> per_period(
    const std::vector<accounting::OperatingStatistics>& stats, F&& f) {
  std::vector<std::optional<double>> v;
  v.reserve(stats.size());
  for (const auto& s : stats) v.push_back(f(s));
  return v;
}

template <class F>
std::vector<std::optional<double>> per_index(std::size_t n, F&& f) {
  std::vector<std::optional<double>> v;
  v.reserve(n);
  for (std::size_t k = 0; k < n; ++k) v.push_back(f(k));
  return v;
}

bool any_value(const std::vector<std::optional<double>>& v) {
  for (const auto& x : v)
    if (x) return true;
  return false;
}

using OS = accounting::OperatingStatistics;

std::optional<double> tonnes(const std::optional<units::Mass>& m) {
  return m ? std::optional(m->tonnes()) : std::nullopt;
}

// Ore mined and processed, mill throughput, and operating days where given.
void add_mine_and_mill(Table& t, const std::vector<OS>& stats) {
  t.add({"mine.ore_mined", "Ore tonnes mined", "t", 0, "",
         per_period(stats, [&](const OS& s) { return tonnes(s.ore_mined); })});
  t.add({"mill.ore_processed", "Ore tonnes processed", "t", 0, "",
         per_period(stats, [&](const OS& s) { return tonnes(s.ore_processed); })});
  t.add({"mill.throughput", "Mill throughput (tonnes per day)", "t/d", 0, "",
         per_period(stats, [](const OS& s) -> std::optional<double> {
           return s.throughput ? std::optional(s.throughput->tonnes_per_day()) : std::nullopt;
         })});
  auto days = per_period(stats, [](const OS& s) { return s.operating_days; });
  if (any_value(days)) {
    t.add({"mill.operating_days", "Mill operating days", "d", 1, "", days});
    t.add({"mill.throughput_operating", "Mill throughput (tonnes per operating day)", "t/d", 0, "",
           per_period(stats, [](const OS& s) -> std::optional<double> {
             return s.throughput_operating ? std::optional(s.throughput_operating->tonnes_per_day())
                                           : std::nullopt;
           })});
  }
}

void add_head_grades(Table& t, const dataset::Site& site, const std::vector<OS>& stats) {
  t.heading("Grade of ore processed:");
  for (std::size_t m = 0; m < site.metals.size(); ++m) {
    const auto& metal = site.metals[m];
    t.add({"mill.head_grade." + metal.symbol, metal.name + unit_label(metal.grade_unit),
           std::string(units::to_string(metal.grade_unit)), metal.head_grade_decimals, "",
           per_period(stats,
                      [&](const OS& s) -> std::optional<double> {
                        const auto& g = s.metals[m].head_grade;
                        return g ? std::optional(g->in(metal.grade_unit)) : std::nullopt;
                      })},
          1);
  }
}

// Whether any metal counts some product as its production (else the
// recoveries and production groups would be empty headings).
bool any_products(const dataset::Site& site) {
  for (const auto& metal : site.metals) {
    if (!metal.products.empty()) return true;
  }
  return false;
}

void add_recoveries(Table& t, const dataset::Site& site, const std::vector<OS>& stats) {
  if (!any_products(site)) return;
  t.heading("Recoveries:");
  for (std::size_t m = 0; m < site.metals.size(); ++m) {
    const auto& metal = site.metals[m];
    if (metal.products.empty()) continue;
    t.add({"recovery." + metal.symbol,
           metal.recovery_label.empty() ? default_metal_label(site, metal) : metal.recovery_label,
           "%", 0, "",
           per_period(stats,
                      [&](const OS& s) -> std::optional<double> {
                        const auto& r = s.metals[m].recovery;
                        return r ? std::optional(r->percent()) : std::nullopt;
                      })},
          1);
  }
}

// Concentrate p: tonnes, then grade and contained metal of each metal it is
// sold for or is assayed for.
void add_concentrate(Table& t, const dataset::Site& site, const std::vector<OS>& stats,
                     std::size_t p) {
  const auto& stream = site.streams[stats[0].products[p].stream];
  t.heading(stream.label + ":");
  t.add({"product." + stream.id + ".tonnes", "Tonnes", "t", 0, "",
         per_period(stats, [&](const OS& s) { return tonnes(s.products[p].tonnes); })},
        1);
  for (std::size_t m = 0; m < site.metals.size(); ++m) {
    const auto& metal = site.metals[m];
    auto grade = per_period(stats, [&](const OS& s) -> std::optional<double> {
      const auto& g = s.products[p].grade[m];
      return g ? std::optional(g->in(metal.grade_unit)) : std::nullopt;
    });
    bool sold_in = false;
    for (std::size_t s : metal.products) sold_in |= site.streams[s].id == stream.id;
    if (!sold_in && !any_value(grade)) continue;
    t.add({"product." + stream.id + ".grade." + metal.symbol,
           metal.name + " grade" + unit_label(metal.grade_unit),
           std::string(units::to_string(metal.grade_unit)), metal.concentrate_grade_decimals, "",
           grade},
          1);
    t.add({"product." + stream.id + ".contained." + metal.symbol,
           metal.name + " contained" + mass_unit_label(metal.production_unit),
           std::string(units::to_string(metal.production_unit)), 0, "",
           per_period(stats,
                      [&](const OS& s) -> std::optional<double> {
                        const auto& c = s.products[p].contained[m];
                        return c ? std::optional(c->in(metal.production_unit)) : std::nullopt;
                      })},
          1);
  }
}

// Metal produced, then payable production where there is any.
void add_production(
    Table& t, const dataset::Site& site, const std::vector<OS>& stats,
    const std::vector<std::vector<std::optional<units::Mass>>>& payable_production) {
  if (any_products(site)) t.heading("Production:");
  for (std::size_t m = 0; m < site.metals.size(); ++m) {
    const auto& metal = site.metals[m];
    if (metal.products.empty()) continue;
    t.add({"production." + metal.symbol,
           (metal.production_label.empty() ? default_metal_label(site, metal)
                                           : metal.production_label) +
               mass_unit_label(metal.production_unit),
           std::string(units::to_string(metal.production_unit)), 0, "",
           per_period(stats,
                      [&](const OS& s) -> std::optional<double> {
                        const auto& q = s.metals[m].production;
                        return q ? std::optional(q->in(metal.production_unit)) : std::nullopt;
                      })},
          1);
  }

  for (std::size_t m = 0; m < site.metals.size() && !payable_production.empty(); ++m) {
    const auto& metal = site.metals[m];
    auto payable =
        per_index(payable_production.size(), [&](std::size_t k) -> std::optional<double> {
          const auto& q = payable_production[k][m];
          return q ? std::optional(q->in(metal.production_unit)) : std::nullopt;
        });
    if (!any_value(payable)) continue;
    t.add({"production.payable." + metal.symbol,
           "Payable " + lower_first(metal.name) + mass_unit_label(metal.production_unit),
           std::string(units::to_string(metal.production_unit)), 0, "", payable},
          1);
  }
}

void add_sales(Table& t, const dataset::Dataset& ds, const std::vector<OS>& stats,
               const std::vector<sales::PeriodSales>& lot_sales) {
  if (!lot_sales.empty()) {
    add_sales_totals(ds, lot_sales, t, /*with_revenue=*/true);
  } else if (ds.sales.present) {
    // sales.csv gives volumes and prices only: the same rows, without revenue.
    std::vector<sales::PeriodSales> from_csv(stats.size());
    for (std::size_t k = 0; k < stats.size(); ++k) {
      from_csv[k].period = stats[k].period;
      for (const auto& ms : stats[k].metals) {
        from_csv[k].payable_sold.push_back(ms.payable_sold);
        from_csv[k].realized_price.push_back(ms.realized_price);
        from_csv[k].price_currency.push_back(ms.price_currency);
      }
    }
    add_sales_totals(ds, from_csv, t, /*with_revenue=*/false);
  }
}

// Every stream's tonnes and grades (--streams).
void add_streams(Table& t, const dataset::Site& site,
                 const std::vector<accounting::PeriodTotals>& totals) {
  t.heading("Streams:");
  for (std::size_t s = 0; s < site.streams.size(); ++s) {
    const auto& stream = site.streams[s];
    t.add({"stream." + stream.id + ".tonnes", stream.label + " tonnes", "t", 0, "",
           per_index(totals.size(),
                     [&](std::size_t k) -> std::optional<double> {
                       // A stream without rows in the period: unknown, not 0 t.
                       const auto& st = totals[k].streams[s];
                       return st.rows > 0 ? std::optional(st.dry.tonnes()) : std::nullopt;
                     })},
          1);
    for (std::size_t m = 0; m < site.metals.size(); ++m) {
      const auto& metal = site.metals[m];
      auto grade = per_index(totals.size(), [&](std::size_t k) -> std::optional<double> {
        const auto g = totals[k].streams[s].grade(m);
        return g ? std::optional(g->in(metal.grade_unit)) : std::nullopt;
      });
      if (!any_value(grade)) continue;
      t.add({"stream." + stream.id + ".grade." + metal.symbol,
             stream.label + " " + metal.name + " grade" + unit_label(metal.grade_unit),
             std::string(units::to_string(metal.grade_unit)), metal.head_grade_decimals, "", grade},
            1);
    }
  }
}

}  // namespace

Table operating_report(
    const dataset::Dataset& ds, const std::vector<accounting::OperatingStatistics>& stats,
    const std::vector<accounting::PeriodTotals>& totals, const OperatingReportOptions& options,
    const std::vector<sales::PeriodSales>& lot_sales,
    const std::vector<std::vector<std::optional<units::Mass>>>& payable_production) {
  const dataset::Site& site = ds.site;
  Table t;
  t.site = site.name;
  t.title = site.name + ": operating statistics";
  for (const auto& s : stats) t.add_period(s.period.to_string(), calendar::header_name(s.period));
  add_mine_and_mill(t, stats);
  add_head_grades(t, site, stats);
  add_recoveries(t, site, stats);
  for (std::size_t p = 0; p < (stats.empty() ? 0 : stats[0].products.size()); ++p)
    add_concentrate(t, site, stats, p);
  add_production(t, site, stats, payable_production);
  add_sales(t, ds, stats, lot_sales);
  if (options.all_streams) add_streams(t, site, totals);
  return t;
}

}  // namespace orebook::report
