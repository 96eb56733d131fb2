#include "orebook/report/operating_report.h"

#include <cctype>

#include <fmt/format.h>

#include "orebook/calendar/names.h"
#include "orebook/report/display.h"
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

// A figure whose digits follow site.toml, else the magnitude of its values
// (docs/formulas.md §15).
Figure figure(std::string key, std::string label, std::string unit, std::optional<int> configured,
              DigitsRule rule, std::vector<std::optional<double>> values) {
  const int decimals = row_decimals(configured, rule, values);
  return {std::move(key), std::move(label), std::move(unit), decimals, "", std::move(values)};
}

// A row of tonnes ([display] tonnes_decimals).
Figure tonnes_figure(const dataset::Site& site, std::string key, std::string label,
                     std::vector<std::optional<double>> values) {
  return figure(std::move(key), std::move(label), "t", site.display.tonnes_decimals,
                kQuantityDigits, std::move(values));
}

// Ore mined and processed, mill throughput, and operating days where given.
void add_mine_and_mill(Table& t, const dataset::Site& site, const std::vector<OS>& stats) {
  t.add(tonnes_figure(site, "mine.ore_mined", "Ore tonnes mined",
                      per_period(stats, [&](const OS& s) { return tonnes(s.ore_mined); })));
  t.add(tonnes_figure(site, "mill.ore_processed", "Ore tonnes processed",
                      per_period(stats, [&](const OS& s) { return tonnes(s.ore_processed); })));
  t.add(figure("mill.throughput", "Mill throughput (tonnes per day)", "t/d",
               site.display.throughput_decimals, kQuantityDigits,
               per_period(stats, [](const OS& s) -> std::optional<double> {
                 return s.throughput ? std::optional(s.throughput->tonnes_per_day()) : std::nullopt;
               })));
  auto days = per_period(stats, [](const OS& s) { return s.operating_days; });
  if (any_value(days)) {
    t.add({"mill.operating_days", "Mill operating days", "d", 1, "", days});
    t.add(figure("mill.throughput_operating", "Mill throughput (tonnes per operating day)", "t/d",
                 site.display.throughput_decimals, kQuantityDigits,
                 per_period(stats, [](const OS& s) -> std::optional<double> {
                   return s.throughput_operating
                              ? std::optional(s.throughput_operating->tonnes_per_day())
                              : std::nullopt;
                 })));
  }
}

// A row of grades in the metal's grade unit, then, when site.toml asks for a
// second_grade_unit, the same grades in that unit on the row below: key
// `<key>.<M>_<token>` as in streams.csv columns (mill.head_grade.Au_ozpst),
// digits from its own magnitude.
void add_grades(Table& t, const std::string& key, const std::string& label,
                const dataset::Metal& metal, std::optional<int> configured,
                const std::vector<std::optional<units::Grade>>& grades, int indent) {
  auto in = [&](units::GradeUnit unit) {
    std::vector<std::optional<double>> v;
    v.reserve(grades.size());
    for (const auto& g : grades) v.push_back(g ? std::optional(g->in(unit)) : std::nullopt);
    return v;
  };
  t.add(figure(key + "." + metal.symbol, label + unit_label(metal.grade_unit),
               std::string(units::to_string(metal.grade_unit)), configured, kGradeDigits,
               in(metal.grade_unit)),
        indent);
  if (!metal.second_grade_unit) return;
  const units::GradeUnit second = *metal.second_grade_unit;
  t.add(figure(key + "." + metal.symbol + "_" + std::string(units::column_token(second)),
               fmt::format("{} ({})", label, units::to_string(second)),
               std::string(units::to_string(second)), std::nullopt, kGradeDigits, in(second)),
        indent);
}

void add_head_grades(Table& t, const dataset::Site& site, const std::vector<OS>& stats) {
  t.heading("Grade of ore processed:");
  for (std::size_t m = 0; m < site.metals.size(); ++m) {
    const auto& metal = site.metals[m];
    std::vector<std::optional<units::Grade>> grades;
    for (const auto& s : stats) grades.push_back(s.metals[m].head_grade);
    add_grades(t, "mill.head_grade", metal.name, metal, metal.head_grade_decimals, grades, 1);
  }
}

// Whether metal m has a production: products in site.toml (tonnes × grade) or
// rows of production.csv (docs/formulas.md §3). A metal with neither has no
// production or recovery rows at all, rather than rows that are always unknown.
bool has_production(const dataset::Dataset& ds, std::size_t m) {
  if (!ds.site.metals[m].products.empty()) return true;
  for (const auto& row : ds.production.rows)
    if (row.metal == m) return true;
  return false;
}

// Whether any metal has a production (else the recoveries and production
// groups would be empty headings).
bool any_production(const dataset::Dataset& ds) {
  for (std::size_t m = 0; m < ds.site.metals.size(); ++m)
    if (has_production(ds, m)) return true;
  return false;
}

void add_recoveries(Table& t, const dataset::Dataset& ds, const std::vector<OS>& stats) {
  const dataset::Site& site = ds.site;
  if (!any_production(ds)) return;
  t.heading("Recoveries:");
  for (std::size_t m = 0; m < site.metals.size(); ++m) {
    const auto& metal = site.metals[m];
    if (!has_production(ds, m)) continue;
    t.add(figure("recovery." + metal.symbol,
                 metal.recovery_label.empty() ? default_metal_label(site, metal)
                                              : metal.recovery_label,
                 "%", metal.recovery_decimals, kRecoveryDigits,
                 per_period(stats,
                            [&](const OS& s) -> std::optional<double> {
                              const auto& r = s.metals[m].recovery;
                              return r ? std::optional(r->percent()) : std::nullopt;
                            })),
          1);
  }
}

// Concentrate p: tonnes, then grade and contained metal of each metal it is
// sold for or is assayed for.
void add_concentrate(Table& t, const dataset::Site& site, const std::vector<OS>& stats,
                     std::size_t p) {
  const auto& stream = site.streams[stats[0].products[p].stream];
  t.heading(stream.label + ":");
  t.add(tonnes_figure(site, "product." + stream.id + ".tonnes", "Tonnes",
                      per_period(stats, [&](const OS& s) { return tonnes(s.products[p].tonnes); })),
        1);
  for (std::size_t m = 0; m < site.metals.size(); ++m) {
    const auto& metal = site.metals[m];
    std::vector<std::optional<units::Grade>> grades;
    bool any_grade = false;
    for (const auto& s : stats) {
      grades.push_back(s.products[p].grade[m]);
      any_grade |= grades.back().has_value();
    }
    bool sold_in = false;
    for (std::size_t s : metal.products) sold_in |= site.streams[s].id == stream.id;
    if (!sold_in && !any_grade) continue;
    add_grades(t, "product." + stream.id + ".grade", metal.name + " grade", metal,
               metal.concentrate_grade_decimals, grades, 1);
    t.add(figure("product." + stream.id + ".contained." + metal.symbol,
                 metal.name + " contained" + mass_unit_label(metal.production_unit),
                 std::string(units::to_string(metal.production_unit)), metal.production_decimals,
                 kQuantityDigits,
                 per_period(stats,
                            [&](const OS& s) -> std::optional<double> {
                              const auto& c = s.products[p].contained[m];
                              return c ? std::optional(c->in(metal.production_unit)) : std::nullopt;
                            })),
          1);
  }
}

// Metal produced, then payable production where there is any.
void add_production(
    Table& t, const dataset::Dataset& ds, const std::vector<OS>& stats,
    const std::vector<std::vector<std::optional<units::Mass>>>& payable_production) {
  const dataset::Site& site = ds.site;
  if (any_production(ds)) t.heading("Production:");
  for (std::size_t m = 0; m < site.metals.size(); ++m) {
    const auto& metal = site.metals[m];
    if (!has_production(ds, m)) continue;
    t.add(figure("production." + metal.symbol,
                 (metal.production_label.empty() ? default_metal_label(site, metal)
                                                 : metal.production_label) +
                     mass_unit_label(metal.production_unit),
                 std::string(units::to_string(metal.production_unit)), metal.production_decimals,
                 kQuantityDigits,
                 per_period(stats,
                            [&](const OS& s) -> std::optional<double> {
                              const auto& q = s.metals[m].production;
                              return q ? std::optional(q->in(metal.production_unit)) : std::nullopt;
                            })),
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
    t.add(figure("production.payable." + metal.symbol,
                 "Payable " + lower_first(metal.name) + mass_unit_label(metal.production_unit),
                 std::string(units::to_string(metal.production_unit)), metal.payable_decimals,
                 kQuantityDigits, std::move(payable)),
          1);
  }
}

// Metal-equivalent production (docs/formulas.md §19), in the base metal's
// production unit: "Silver equivalent (AgEq oz)".
void add_equivalents(Table& t, const dataset::Site& site,
                     const std::vector<std::vector<accounting::EquivalentValue>>& equivalents) {
  for (std::size_t e = 0; e < site.equivalents.size() && !equivalents.empty(); ++e) {
    const auto& eq = site.equivalents[e];
    const auto& base = site.metals[eq.base];
    const std::string unit(units::to_string(base.production_unit));
    t.add({"production.equivalent." + eq.label,
           fmt::format("{} equivalent ({} {})", base.name, eq.label, unit), unit, 0, "",
           per_index(equivalents.size(), [&](std::size_t k) { return equivalents[k][e].value; })},
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
    t.add(tonnes_figure(site, "stream." + stream.id + ".tonnes", stream.label + " tonnes",
                        per_index(totals.size(),
                                  [&](std::size_t k) -> std::optional<double> {
                                    // A stream whose rows do not cover the period:
                                    // unknown, not 0 t or a partial sum.
                                    const auto& st = totals[k].streams[s];
                                    return st.complete ? std::optional(st.dry.tonnes())
                                                       : std::nullopt;
                                  })),
          1);
    for (std::size_t m = 0; m < site.metals.size(); ++m) {
      const auto& metal = site.metals[m];
      auto grade = per_index(totals.size(), [&](std::size_t k) -> std::optional<double> {
        // Unknown where the rows do not cover the period, as the tonnes are:
        // a grade of some months is not the grade of the year.
        if (!totals[k].streams[s].complete) return std::nullopt;
        const auto g = totals[k].streams[s].grade(m);
        return g ? std::optional(g->in(metal.grade_unit)) : std::nullopt;
      });
      if (!any_value(grade)) continue;
      t.add(figure("stream." + stream.id + ".grade." + metal.symbol,
                   stream.label + " " + metal.name + " grade" + unit_label(metal.grade_unit),
                   std::string(units::to_string(metal.grade_unit)), metal.head_grade_decimals,
                   kGradeDigits, std::move(grade)),
            1);
    }
  }
}

}  // namespace

Table operating_report(
    const dataset::Dataset& ds, const std::vector<accounting::OperatingStatistics>& stats,
    const std::vector<accounting::PeriodTotals>& totals, const OperatingReportOptions& options,
    const std::vector<sales::PeriodSales>& lot_sales,
    const std::vector<std::vector<std::optional<units::Mass>>>& payable_production,
    const std::vector<std::vector<accounting::EquivalentValue>>& equivalents) {
  const dataset::Site& site = ds.site;
  Table t;
  t.site = site.name;
  t.title = site.name + ": operating statistics";
  for (const auto& s : stats) t.add_period(s.period.to_string(), calendar::header_name(s.period));
  add_mine_and_mill(t, site, stats);
  add_head_grades(t, site, stats);
  add_recoveries(t, ds, stats);
  for (std::size_t p = 0; p < (stats.empty() ? 0 : stats[0].products.size()); ++p)
    add_concentrate(t, site, stats, p);
  add_production(t, ds, stats, payable_production);
  add_equivalents(t, site, equivalents);
  add_sales(t, ds, stats, lot_sales);
  if (options.all_streams) add_streams(t, site, totals);
  return t;
}

}  // namespace orebook::report
