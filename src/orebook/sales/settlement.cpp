#include "orebook/sales/settlement.h"

#include <algorithm>

#include <fmt/format.h>

#include "orebook/accounting/formulas.h"
#include "orebook/sales/formulas.h"

namespace orebook::sales {

using dataset::MonthNumber;

PriceBook::PriceBook(const std::vector<dataset::PriceRow>& rows, std::string reporting_currency)
    : reporting_(std::move(reporting_currency)) {
  for (const auto& r : rows) {
    if (r.kind == dataset::PriceKind::fx) {
      fx_[{r.currency, r.month}] = &r;
    } else {
      prices_[{static_cast<int>(r.kind), r.metal, r.currency, r.month}] = &r;
    }
  }
}

const dataset::PriceRow* PriceBook::row(dataset::PriceKind kind, std::size_t metal,
                                        const std::string& currency, MonthNumber month) const {
  const auto it = prices_.find({static_cast<int>(kind), metal, currency, month});
  return it == prices_.end() ? nullptr : it->second;
}

const dataset::PriceRow* PriceBook::fx_row(const std::string& currency, MonthNumber month) const {
  if (currency == reporting_) return nullptr;
  const auto it = fx_.find({currency, month});
  return it == fx_.end() ? nullptr : it->second;
}

std::optional<double> PriceBook::average(std::size_t metal, const std::string& currency,
                                         MonthNumber month) const {
  const auto* r = row(dataset::PriceKind::average, metal, currency, month);
  return r == nullptr ? std::nullopt : std::optional(r->per_t);
}

std::optional<double> PriceBook::forward(std::size_t metal, const std::string& currency,
                                         MonthNumber month) const {
  const auto* r = row(dataset::PriceKind::forward, metal, currency, month);
  return r == nullptr ? std::nullopt : std::optional(r->per_t);
}

std::optional<double> PriceBook::fx(const std::string& currency, MonthNumber month) const {
  if (currency == reporting_) return 1.0;
  const auto* r = fx_row(currency, month);
  return r == nullptr ? std::nullopt : std::optional(r->rate);
}

std::optional<double> PriceBook::average_fx(const std::string& currency,
                                            const calendar::Period& period) const {
  const MonthNumber first = dataset::month_number(period.first());
  const MonthNumber last = dataset::month_number(period.last());
  double sum = 0.0;
  for (MonthNumber m = first; m <= last; ++m) {
    const auto rate = fx(currency, m);
    if (!rate) return std::nullopt;
    sum += *rate;
  }
  return sum / (last - first + 1);
}

const terms::Contract* contract_for(const dataset::Dataset& ds, const dataset::Lot& lot) {
  return terms::in_force(ds.contracts.rows, ds.site.streams[lot.product].id, lot.provisional.date,
                         lot.counterparty);
}

std::vector<std::optional<units::Mass>> payable_production(const dataset::Dataset& ds,
                                                           const accounting::PeriodTotals& totals) {
  std::vector<std::optional<units::Mass>> out(ds.site.metals.size());
  std::vector<bool> unknown(ds.site.metals.size(), false);
  for (std::size_t s = 0; s < ds.site.streams.size(); ++s) {
    if (ds.site.streams[s].role != dataset::StreamRole::concentrate) continue;
    const terms::Contract* best =
        terms::in_force(ds.contracts.rows, ds.site.streams[s].id, totals.period.last());
    if (best == nullptr) continue;
    const accounting::StreamTotal& st = totals.streams[s];
    for (const terms::PayableTerm& term : best->payables) {
      const auto grade = st.grade(term.metal);
      // No rows (or rows that do not cover the period), or tonnes without the
      // assay: the payable metal is unknown, not zero. Rows of 0 t pay nothing.
      if (!st.complete || (!grade && st.dry.tonnes() > 0)) unknown[term.metal] = true;
      if (!st.complete || !grade) continue;
      // Payable metal = tonnes × payable grade (contained metal of the payable grade).
      const units::Mass payable =
          accounting::contained_metal(st.dry, units::Grade::fraction(payable_grade(term, *grade)));
      out[term.metal] = out[term.metal].value_or(units::Mass{}) + payable;
    }
  }
  for (std::size_t m = 0; m < out.size(); ++m) {
    if (unknown[m]) out[m] = std::nullopt;
  }
  return out;
}

namespace {

bool is_month_end(calendar::DayNumber day) {
  return dataset::month_number(day) != dataset::month_number(day + 1);
}

class Settler {
 public:
  Settler(const dataset::Dataset& ds, core::Diagnostics& diags)
      : ds_(ds), book_(ds.prices.rows, ds.site.currency), diags_(diags) {
    for (const auto& m : ds.site.metals) symbols_.push_back(m.symbol);
  }

  void error(const dataset::Lot& lot, std::string code, std::string message,
             std::string expected = {}) {
    diags_.error(ds_.lots.file, lot.provisional.line, 1, std::move(code),
                 fmt::format("lot {}: {}", lot.id, message), "", std::move(expected));
  }

  // Metals priced under the contract: the payable ones and the TC's main metal.
  std::vector<std::size_t> priced_metals(const terms::Contract& c) const {
    std::vector<std::size_t> out;
    for (const auto& p : c.payables) out.push_back(p.metal);
    if (c.tc) out.push_back(c.tc->metal);
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
  }

  // The quotational month of each priced metal (M + n of shipment or arrival).
  bool qp_months(const dataset::Lot& lot, const terms::Contract& c, LotSettlement& ls) {
    ls.qp_month.assign(ds_.site.metals.size(), std::nullopt);
    for (std::size_t m : priced_metals(c)) {
      terms::QuotationalPeriod qp{m, 0, terms::QuotationalBasis::shipment};
      for (const auto& q : c.qp)
        if (q.metal == m) qp = q;
      calendar::DayNumber basis = lot.provisional.date;
      if (qp.basis == terms::QuotationalBasis::arrival) {
        if (!lot.arrived) {
          error(lot, "missing-arrival",
                fmt::format("no arrival date for the arrival-based quotational period of {}",
                            symbols_[m]),
                "an 'arrived' date in lots.csv");
          return false;
        }
        basis = *lot.arrived;
      }
      ls.qp_month[m] = dataset::month_number(basis) + qp.months_after;
    }
    return true;
  }

  // Values `measure` of a lot at the prices of the given prices.csv rows;
  // nullopt after reporting why.
  std::optional<LotValue> value(const dataset::Lot& lot, const terms::Contract& c,
                                const dataset::LotMeasure& measure,
                                const std::vector<const dataset::PriceRow*>& rows,
                                std::string basis, calendar::DayNumber date) {
    std::vector<std::optional<double>> prices(rows.size());
    for (std::size_t m = 0; m < rows.size(); ++m)
      if (rows[m] != nullptr) prices[m] = rows[m]->per_t;
    std::string why;
    ConcentrateAssays assays{measure.metals, measure.elements};
    const auto per = value_per_dmt(c, assays, prices, measure.moisture, symbols_, why);
    if (!per) {
      error(lot, "cannot-value", fmt::format("{} ({} value)", why, basis));
      return std::nullopt;
    }
    LotValue v;
    v.basis = std::move(basis);
    v.date = date;
    v.wet_t = measure.wet_t;
    v.moisture = measure.moisture;
    v.dry_t = dry_tonnes(measure.wet_t, measure.moisture);
    v.invoiced_t = invoiced_tonnes(v.dry_t, c.weight_franchise);
    v.per_dmt = *per;
    v.price_rows = rows;
    v.payable.assign(symbols_.size(), units::Mass{});
    v.metal_value.assign(symbols_.size(), 0.0);
    for (const MetalValue& mv : per->metals) {
      v.payable[mv.metal] = mv.payable * v.invoiced_t;
      v.metal_value[mv.metal] = mv.value * v.invoiced_t;
    }
    v.gross = per->gross_value * v.invoiced_t;
    v.tc = per->treatment_charge * v.invoiced_t;
    v.rc = per->refining_charge * v.invoiced_t;
    v.penalties = per->penalty_total * v.invoiced_t;
    v.niv = per->niv * v.invoiced_t;
    v.freight = per->freight * v.dry_t;  // freight is paid on the wet tonnes shipped
    v.insurance = per->insurance * v.invoiced_t;
    v.nsr = v.niv - v.freight - v.insurance;
    return v;
  }

  // The prices.csv rows of the prices of one valuation, per site metal;
  // nullopt after naming the missing price.
  enum class Pricing { provisional, final, marked };
  std::optional<std::vector<const dataset::PriceRow*>> prices(const dataset::Lot& lot,
                                                              const terms::Contract& c,
                                                              const LotSettlement& ls, Pricing how,
                                                              calendar::DayNumber date) {
    std::vector<const dataset::PriceRow*> out(symbols_.size(), nullptr);
    const MonthNumber shipped = dataset::month_number(lot.provisional.date);
    const MonthNumber now = dataset::month_number(date);
    for (std::size_t m : priced_metals(c)) {
      const MonthNumber qp = *ls.qp_month[m];
      // A quotational month is known once it has ended.
      const bool qp_known = qp < now || (qp == now && is_month_end(date));
      const dataset::PriceRow* p = nullptr;
      std::string what;
      if (how == Pricing::provisional) {
        p = book_.row(dataset::PriceKind::average, m, c.currency, shipped);
        what = fmt::format("average for {} (provisional, month of shipment)",
                           dataset::format_month(shipped));
      } else if (how == Pricing::final || qp_known) {
        p = book_.row(dataset::PriceKind::average, m, c.currency, qp);
        what = fmt::format("average for {} (quotational month)", dataset::format_month(qp));
      } else {
        p = book_.row(dataset::PriceKind::forward, m, c.currency, now);
        what = fmt::format("forward at the end of {} (open lot)", dataset::format_month(now));
      }
      if (p == nullptr) {
        error(lot, "missing-price",
              fmt::format("no {} {} price in {}: the {}", symbols_[m], c.currency, "prices.csv",
                          what),
              "a row of prices.csv for that metal, month and currency");
        return std::nullopt;
      }
      out[m] = p;
    }
    return out;
  }

  // The lot's value as it stands at the end of `date`.
  std::optional<LotValue> value_at(const dataset::Lot& lot, const terms::Contract& c,
                                   const LotSettlement& ls, calendar::DayNumber date) {
    if (lot.final && lot.final->date <= date) {
      const auto p = prices(lot, c, ls, Pricing::final, lot.final->date);
      if (!p) return std::nullopt;
      return value(lot, c, *lot.final, *p, "final", lot.final->date);
    }
    const auto p = prices(lot, c, ls, Pricing::marked, date);
    if (!p) return std::nullopt;
    return value(lot, c, lot.provisional, *p, "marked at " + calendar::format_date(date), date);
  }

  // The rate and its prices.csv row (nullptr in the reporting currency).
  std::optional<std::pair<double, const dataset::PriceRow*>> fx(const dataset::Lot& lot,
                                                                const std::string& currency,
                                                                MonthNumber month) {
    const auto rate = book_.fx(currency, month);
    if (!rate) {
      error(lot, "missing-price",
            fmt::format("no {} to {} exchange rate for {} in prices.csv", currency,
                        book_.reporting_currency(), dataset::format_month(month)),
            "an fx row of prices.csv for that month");
      return std::nullopt;
    }
    return std::pair{*rate, book_.fx_row(currency, month)};
  }

  const dataset::Dataset& ds_;
  PriceBook book_;
  core::Diagnostics& diags_;
  std::vector<std::string> symbols_;
};

}  // namespace

PeriodSales settle(const dataset::Dataset& ds, const calendar::Period& period,
                   core::Diagnostics& diags) {
  Settler s(ds, diags);
  const std::size_t n = ds.site.metals.size();
  PeriodSales out;
  out.period = period;
  out.payable_sold.assign(n, std::nullopt);
  out.realized_price.assign(n, std::nullopt);
  out.price_currency.assign(n, "");
  out.metal_revenue.assign(n, 0.0);
  out.metal_value.assign(n, 0.0);

  for (const dataset::Lot& lot : ds.lots.rows) {
    const calendar::DayNumber shipped = lot.provisional.date;
    if (shipped > period.last()) continue;                        // not yet shipped
    if (lot.final && lot.final->date < period.first()) continue;  // settled before
    const terms::Contract* c = contract_for(ds, lot);
    if (c == nullptr) {
      s.error(lot, "no-contract",
              fmt::format("no contract for {} in force on {}", ds.site.streams[lot.product].id,
                          calendar::format_date(shipped)),
              "a contract in contracts.toml valid from that date or earlier");
      continue;
    }
    LotSettlement ls;
    ls.lot = &lot;
    ls.contract = c;
    if (!s.qp_months(lot, *c, ls)) continue;
    const auto p = s.prices(lot, *c, ls, Settler::Pricing::provisional, shipped);
    if (!p) continue;
    const auto provisional = s.value(lot, *c, lot.provisional, *p, "provisional", shipped);
    if (!provisional) continue;
    ls.provisional = *provisional;
    ls.provisional_invoice = provisional_invoice(ls.provisional.niv, c->provisional_payment);
    ls.shipped_in_period = shipped >= period.first();
    if (!ls.shipped_in_period) {
      ls.opening = s.value_at(lot, *c, ls, period.first() - 1);
      if (!ls.opening) continue;
    }
    const auto closing = s.value_at(lot, *c, ls, period.last());
    if (!closing) continue;
    ls.closing = *closing;
    ls.settled_in_period = lot.final && lot.final->date <= period.last();
    ls.adjustment = mark_to_market(ls.closing.niv, ls.base().niv);
    if (ls.settled_in_period)
      ls.final_payment = final_payment(ls.closing.niv, ls.provisional_invoice);

    // Into the reporting currency: shipments at the month of shipment,
    // adjustments at the month they are booked in.
    const auto at_shipment = s.fx(lot, c->currency, dataset::month_number(shipped));
    const calendar::DayNumber booked = ls.settled_in_period ? lot.final->date : period.last();
    const auto at_booking = s.fx(lot, c->currency, dataset::month_number(booked));
    if (!at_shipment || !at_booking) continue;
    std::tie(ls.fx_shipment, ls.fx_shipment_row) = *at_shipment;
    std::tie(ls.fx_booked, ls.fx_booked_row) = *at_booking;
    auto add = [&](double& total, auto item) {
      total += booked_in_period(ls, item, Money::reporting_currency);
    };
    add(out.revenue_gross, &LotValue::gross);
    add(out.tc, &LotValue::tc);
    add(out.rc, &LotValue::rc);
    add(out.penalties, &LotValue::penalties);
    add(out.revenue, &LotValue::niv);
    add(out.freight, &LotValue::freight);
    add(out.insurance, &LotValue::insurance);
    out.provisional_adjustment += ls.adjustment * ls.fx_booked;

    // Payable metal sold: shipments of the period. Its value includes the
    // price adjustments booked in the period, as realized prices in releases do.
    for (const auto& term : c->payables) {
      const std::size_t m = term.metal;
      if (!out.price_currency[m].empty() && out.price_currency[m] != c->currency) {
        s.error(lot, "mixed-currency",
                fmt::format("{} is sold in {} and in {} in {}", ds.site.metals[m].symbol,
                            out.price_currency[m], c->currency, period.to_string()),
                "one price currency per metal and period");
        continue;
      }
      out.price_currency[m] = c->currency;
      if (ls.shipped_in_period) {
        out.payable_sold[m] =
            out.payable_sold[m].value_or(units::Mass{}) + ls.provisional.payable[m];
      }
      const auto value = [m](const LotValue& v) { return v.metal_value[m]; };
      out.metal_value[m] += booked_in_period(ls, value, Money::contract_currency);
      out.metal_revenue[m] += booked_in_period(ls, value, Money::reporting_currency);
    }
    out.lots.push_back(std::move(ls));
  }
  for (std::size_t m = 0; m < n; ++m) {
    if (!out.payable_sold[m]) continue;
    const double quantity = out.payable_sold[m]->in(ds.site.metals[m].production_unit);
    if (quantity > 0)
      out.realized_price[m] = accounting::realized_price(out.metal_value[m], quantity);
  }
  return out;
}

}  // namespace orebook::sales
