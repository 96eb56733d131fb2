#include "orebook/report/settlement_report.h"

#include <fmt/format.h>

#include "orebook/calendar/names.h"
#include "orebook/report/display.h"
#include "orebook/report/format.h"

namespace orebook::report {

namespace {

std::string money_label(const std::string& what, const std::string& currency) {
  return fmt::format("{} ({})", what, currency_prefix(currency));
}

// Digits for a price per production unit: cents per ounce, tenths of a cent per pound.
int price_decimals(units::MassUnit unit) { return unit == units::MassUnit::troy_ounce ? 2 : 4; }

using SalesPeriods = std::vector<sales::PeriodSales>;

template <class F>
std::vector<std::optional<double>> per_period(const SalesPeriods& periods, F f) {
  std::vector<std::optional<double>> v;
  for (const auto& p : periods) v.push_back(f(p));
  return v;
}

void add_sales_volumes(const dataset::Site& site, const SalesPeriods& periods, Table& t) {
  t.heading("Sales volumes by payable metal:");
  for (std::size_t m = 0; m < site.metals.size(); ++m) {
    const auto& metal = site.metals[m];
    auto sold = per_period(periods, [&](const sales::PeriodSales& p) -> std::optional<double> {
      return p.payable_sold[m] ? std::optional(p.payable_sold[m]->in(metal.production_unit))
                               : std::nullopt;
    });
    bool any = false;
    for (const auto& x : sold) any |= x.has_value();
    if (!any) continue;
    const int decimals = row_decimals(metal.payable_decimals, kQuantityDigits, sold);
    t.add({"sales.payable." + metal.symbol,
           fmt::format("{} ({})", metal.name, units::to_string(metal.production_unit)),
           std::string(units::to_string(metal.production_unit)), decimals, "", std::move(sold)},
          1);
  }
}

void add_realized_prices(const dataset::Site& site, const SalesPeriods& periods, Table& t) {
  t.heading("Realized prices:");
  for (std::size_t m = 0; m < site.metals.size(); ++m) {
    const auto& metal = site.metals[m];
    std::string currency;
    for (const auto& p : periods)
      if (p.realized_price[m]) currency = p.price_currency[m];
    if (currency.empty()) continue;
    const std::string unit(units::to_string(metal.production_unit));
    auto prices =
        per_period(periods, [&](const sales::PeriodSales& p) { return p.realized_price[m]; });
    const int decimals = row_decimals(metal.price_decimals, kPriceDigits, prices);
    t.add({"sales.price." + metal.symbol,
           fmt::format("{} ({} per {})", metal.name, currency_prefix(currency), unit),
           currency + "/" + unit, decimals, amount_prefix(currency), std::move(prices)},
          1);
  }
}

void add_revenue(const dataset::Site& site, const SalesPeriods& periods, Table& t) {
  const std::string& cur = site.currency;
  const std::string prefix = amount_prefix(cur);
  t.heading(money_label("Revenue from concentrate sales", cur) + ":");
  for (const RevenueLine& line : revenue_lines()) {
    const auto member = line.total;
    t.add({line.key, line.label, cur, 0, prefix,
           per_period(
               periods,
               [&](const sales::PeriodSales& p) -> std::optional<double> { return p.*member; })},
          1);
  }
}

// The columns of a lot's table: its provisional value, its value at the start
// of the period when shipped before it, and at the end (or final).
using LotColumns = std::vector<const sales::LotValue*>;

template <class F>
std::vector<std::optional<double>> per_column(const LotColumns& cols, F f) {
  std::vector<std::optional<double>> v;
  for (const auto* col : cols) v.push_back(f(*col));
  return v;
}

void add_lot_tonnes(const std::string& key, const LotColumns& cols, Table& t) {
  t.add({key + "wet_t", "Wet tonnes", "t", 2, "",
         per_column(cols, [](const sales::LotValue& v) { return std::optional(v.wet_t); })});
  t.add({key + "moisture", "Moisture", "%", 1, "", per_column(cols, [](const sales::LotValue& v) {
           return std::optional(v.moisture * 100);
         })});
  t.add({key + "dry_t", "Dry tonnes", "t", 2, "",
         per_column(cols, [](const sales::LotValue& v) { return std::optional(v.dry_t); })});
  t.add({key + "invoiced_t", "Invoiced dry tonnes (after franchise)", "t", 2, "",
         per_column(cols, [](const sales::LotValue& v) { return std::optional(v.invoiced_t); })});
}

// A payable metal of the lot: assay, payable quantity, price and value.
void add_lot_metal(const dataset::Site& site, const terms::Contract& c,
                   const terms::PayableTerm& term, const std::string& key, const LotColumns& cols,
                   Table& t) {
  const std::string prefix = amount_prefix(c.currency);
  const auto& metal = site.metals[term.metal];
  const std::string unit(units::to_string(metal.production_unit));
  t.heading(metal.name + ":");
  auto metal_line = [&](const sales::LotValue& v) -> const sales::MetalValue* {
    for (const auto& mv : v.per_dmt.metals)
      if (mv.metal == term.metal) return &mv;
    return nullptr;
  };
  t.add({key + "grade." + metal.symbol,
         fmt::format("Assay{}", metal.grade_unit == units::GradeUnit::percent
                                    ? ""
                                    : fmt::format(" ({})", units::to_string(metal.grade_unit))),
         std::string(units::to_string(metal.grade_unit)),
         metal.grade_unit == units::GradeUnit::percent ? 2 : 0, "",
         per_column(cols,
                    [&](const sales::LotValue& v) -> std::optional<double> {
                      const auto* mv = metal_line(v);
                      return mv ? std::optional(mv->grade.in(metal.grade_unit)) : std::nullopt;
                    })},
        1);
  t.add({key + "payable." + metal.symbol, fmt::format("Payable ({})", unit), unit, 0, "",
         per_column(cols,
                    [&](const sales::LotValue& v) {
                      return std::optional(v.payable[term.metal].in(metal.production_unit));
                    })},
        1);
  t.add({key + "price." + metal.symbol,
         fmt::format("Price ({} per {})", currency_prefix(c.currency), unit),
         c.currency + "/" + unit, price_decimals(metal.production_unit), prefix,
         per_column(cols,
                    [&](const sales::LotValue& v) -> std::optional<double> {
                      const auto* mv = metal_line(v);
                      return mv ? std::optional(mv->price_per_t *
                                                units::tonnes_per(metal.production_unit))
                                : std::nullopt;
                    })},
        1);
  t.add({key + "value." + metal.symbol, money_label("Value", c.currency), c.currency, 2, prefix,
         per_column(
             cols,
             [&](const sales::LotValue& v) { return std::optional(v.metal_value[term.metal]); })},
        1);
}

// Gross value, charges and NSR; then the invoices: provisional, the
// adjustment booked in the period and the final payment.
void add_lot_settlement(const sales::LotSettlement& ls, const calendar::Period& period,
                        const std::string& key, const LotColumns& cols, Table& t) {
  const terms::Contract& c = *ls.contract;
  const std::string prefix = amount_prefix(c.currency);
  t.heading(money_label("Settlement", c.currency) + ":");
  for (const LotAmount& amount : lot_amounts()) {
    const auto member = amount.member;
    t.add({key + amount.field, amount.label, c.currency, 2, prefix,
           per_column(cols, [&](const sales::LotValue& v) { return std::optional(v.*member); })},
          1);
  }
  auto only_first = [&](std::optional<double> x) {
    std::vector<std::optional<double>> v(cols.size());
    v[0] = x;
    return v;
  };
  auto only_last = [&](std::optional<double> x) {
    std::vector<std::optional<double>> v(cols.size());
    v.back() = x;
    return v;
  };
  t.add({key + "provisional_invoice",
         fmt::format("Provisional invoice ({}% of NIV)",
                     format_fixed(c.provisional_payment * 100, 0)),
         c.currency, 2, prefix, only_first(ls.provisional_invoice)},
        1);
  t.add({key + "adjustment", fmt::format("Adjustment booked in {}", period.to_string()), c.currency,
         2, prefix, only_last(ls.adjustment)},
        1);
  if (ls.settled_in_period) {
    t.add({key + "final_payment", "Final payment (final NIV less provisional invoice)", c.currency,
           2, prefix, only_last(ls.final_payment)},
          1);
  }
}

Table lot_table(const dataset::Site& site, const sales::LotSettlement& ls,
                const calendar::Period& period) {
  const dataset::Lot& lot = *ls.lot;
  const terms::Contract& c = *ls.contract;
  Table t;
  t.site = site.name;
  t.show_change = false;
  t.title =
      fmt::format("Lot {}: {}, {} (contract from {}); shipped {}{}", lot.id,
                  site.streams[lot.product].label, c.counterparty,
                  calendar::format_date(c.valid_from), calendar::format_date(lot.provisional.date),
                  lot.final ? ", final " + calendar::format_date(lot.final->date) : "");
  const LotColumns cols = ls.valuations();
  for (const auto* v : cols) t.periods.push_back(v->basis);
  const std::string key = "lot." + lot.id + ".";
  add_lot_tonnes(key, cols, t);
  for (const auto& term : c.payables) add_lot_metal(site, c, term, key, cols, t);
  add_lot_settlement(ls, period, key, cols, t);
  return t;
}

}  // namespace

std::span<const LotAmount> lot_amounts() {
  using V = sales::LotValue;
  static constexpr LotAmount kAmounts[] = {
      {"gross", "Gross value", &V::gross},       {"tc", "Treatment charge", &V::tc},
      {"rc", "Refining charge", &V::rc},         {"penalties", "Penalties", &V::penalties},
      {"niv", "Net invoice value", &V::niv},     {"freight", "Freight", &V::freight},
      {"insurance", "Insurance", &V::insurance}, {"nsr", "Net smelter return", &V::nsr}};
  return kAmounts;
}

std::span<const RevenueLine> revenue_lines() {
  using P = sales::PeriodSales;
  static constexpr RevenueLine kLines[] = {
      {"sales.revenue_gross", "Value of payable metal", &P::revenue_gross, "gross"},
      {"sales.charges.tc", "Treatment charges", &P::tc, "tc"},
      {"sales.charges.rc", "Refining charges", &P::rc, "rc"},
      {"sales.charges.penalties", "Penalties", &P::penalties, "penalties"},
      {"sales.provisional_adjustment", "Provisional pricing adjustments",
       &P::provisional_adjustment, nullptr},
      {"sales.revenue", "Revenue (net of charges)", &P::revenue, "niv"},
      {"sales.freight", "Freight", &P::freight, "freight"},
      {"sales.insurance", "Insurance", &P::insurance, "insurance"}};
  return kLines;
}

void add_sales_totals(const dataset::Dataset& ds, const std::vector<sales::PeriodSales>& periods,
                      Table& t, bool with_revenue) {
  add_sales_volumes(ds.site, periods, t);
  add_realized_prices(ds.site, periods, t);
  if (with_revenue) add_revenue(ds.site, periods, t);
}

std::vector<Table> settlement_report(const dataset::Dataset& ds, const sales::PeriodSales& ps) {
  std::vector<Table> out;
  const auto& site = ds.site;
  Table totals;
  totals.site = site.name;
  totals.title =
      fmt::format("{}: concentrate sales, {}", site.name, calendar::header_name(ps.period));
  totals.add_period(ps.period.to_string(), calendar::header_name(ps.period));
  totals.show_change = false;
  add_sales_totals(ds, {ps}, totals, /*with_revenue=*/true);
  out.push_back(std::move(totals));
  for (const sales::LotSettlement& ls : ps.lots) out.push_back(lot_table(site, ls, ps.period));
  return out;
}

}  // namespace orebook::report
