#pragma once
// Settling concentrate lots under their contracts: provisional invoice at
// shipment, mark-to-market of open lots at period ends, final settlement
// (docs/formulas.md §11), and the period totals a results release shows.

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

#include "orebook/accounting/aggregate.h"
#include "orebook/calendar/period.h"
#include "orebook/core/diagnostic.h"
#include "orebook/dataset/dataset.h"
#include "orebook/sales/valuation.h"

namespace orebook::sales {

// prices.csv by kind, metal (or currency) and month.
class PriceBook {
 public:
  PriceBook(const std::vector<dataset::PriceRow>& rows, std::string reporting_currency);
  // Price per tonne of metal.
  std::optional<double> average(std::size_t metal, const std::string& currency,
                                dataset::MonthNumber month) const;
  std::optional<double> forward(std::size_t metal, const std::string& currency,
                                dataset::MonthNumber month) const;
  // Reporting currency per unit of `currency` (1 for the reporting currency).
  std::optional<double> fx(const std::string& currency, dataset::MonthNumber month) const;
  // The prices.csv row giving a price or a rate; nullptr when it has none
  // (and for the rate of the reporting currency, which is 1 without a row).
  const dataset::PriceRow* row(dataset::PriceKind kind, std::size_t metal,
                               const std::string& currency, dataset::MonthNumber month) const;
  const dataset::PriceRow* fx_row(const std::string& currency, dataset::MonthNumber month) const;
  const std::string& reporting_currency() const { return reporting_; }
  // The mean of the monthly rates over the months of `period`; nullopt when a
  // month has no rate.
  std::optional<double> average_fx(const std::string& currency,
                                   const calendar::Period& period) const;

 private:
  std::map<std::tuple<int, std::size_t, std::string, dataset::MonthNumber>,
           const dataset::PriceRow*>
      prices_;
  std::map<std::pair<std::string, dataset::MonthNumber>, const dataset::PriceRow*> fx_;
  std::string reporting_;
};

// A lot valued once: at provisional prices on shipment, marked at a period
// end, or finally settled. Money in the contract currency.
struct LotValue {
  std::string basis;  // "provisional", "marked at 2012-03-31", "final"
  calendar::DayNumber date = 0;
  double wet_t = 0.0;
  double moisture = 0.0;
  double dry_t = 0.0;       // dry tonnes: wet × (1 − moisture)
  double invoiced_t = 0.0;  // after the weight franchise
  Valuation per_dmt;
  // Per site metal: payable metal in the lot and its value.
  std::vector<units::Mass> payable;
  std::vector<double> metal_value;
  // Per site metal: the prices.csv row of the price it was valued at
  // (nullptr for a metal not priced under the contract), so that explain
  // can name it.
  std::vector<const dataset::PriceRow*> price_rows;
  double gross = 0.0, tc = 0.0, rc = 0.0, penalties = 0.0, niv = 0.0, freight = 0.0,
         insurance = 0.0, nsr = 0.0;
};

struct LotSettlement {
  const dataset::Lot* lot = nullptr;
  const terms::Contract* contract = nullptr;
  std::vector<std::optional<dataset::MonthNumber>> qp_month;  // per site metal
  LotValue provisional;
  double provisional_invoice = 0.0;  // paid on shipment
  std::optional<LotValue> opening;   // value at the start of the period, if shipped before it
  LotValue closing;                  // value at the end of the period (or final)
  bool shipped_in_period = false;
  bool settled_in_period = false;
  double adjustment = 0.0;  // change of NIV booked in the period (closing − opening or provisional)
  double final_payment = 0.0;  // when settled in the period: final NIV − provisional invoice
  // Reporting currency per contract currency: at the month of shipment, and
  // at the month the adjustment is booked in (the final date, or the
  // period's end); with the prices.csv rows giving them (nullptr in the
  // reporting currency, whose rate is 1).
  double fx_shipment = 1.0, fx_booked = 1.0;
  const dataset::PriceRow* fx_shipment_row = nullptr;
  const dataset::PriceRow* fx_booked_row = nullptr;

  // The valuation the period's change is measured from: the opening one,
  // or the provisional one of a lot shipped in the period.
  const LotValue& base() const { return opening ? *opening : provisional; }
  // Its valuations in order, as its table shows them: provisional, opening
  // (when shipped before the period), closing (or final).
  std::vector<const LotValue*> valuations() const {
    std::vector<const LotValue*> out{&provisional};
    if (opening) out.push_back(&*opening);
    out.push_back(&closing);
    return out;
  }
};

struct PeriodSales {
  calendar::Period period;
  std::vector<LotSettlement> lots;  // shipped in the period or open or settled in it, in lot order
  // Per site metal.
  std::vector<std::optional<units::Mass>> payable_sold;
  std::vector<std::optional<double>> realized_price;  // per the metal's production unit
  std::vector<std::string> price_currency;
  std::vector<double> metal_revenue;  // value of each metal's payable metal, reporting currency
  std::vector<double> metal_value;    // the same in its price currency (price_currency)
  // Reporting currency.
  double revenue_gross = 0.0;  // value of payable metal, adjustments included
  double tc = 0.0, rc = 0.0, penalties = 0.0;
  double provisional_adjustment = 0.0;  // NIV changes of lots shipped before or in the period
  double revenue = 0.0;                 // after charges: NIV of shipments + adjustments
  double freight = 0.0, insurance = 0.0;
};

// What a lot adds to a period's total of an amount (docs/formulas.md §11):
// its amount at shipment when shipped in the period, plus the change of its
// amount booked in the period (closing − opening, or − provisional). In the
// reporting currency, the first at the rate of the month of shipment and
// the second at that of the month it is booked in. `amount` gives the
// amount of a valuation of the lot (a LotValue member, or a function).
enum class Money { contract_currency, reporting_currency };
template <class Amount>
double booked_in_period(const LotSettlement& ls, Amount amount, Money in) {
  const LotValue& base = ls.base();
  const bool convert = in == Money::reporting_currency;
  const double at_shipment =
      ls.shipped_in_period ? std::invoke(amount, ls.provisional) * (convert ? ls.fx_shipment : 1.0)
                           : 0.0;
  return at_shipment + (std::invoke(amount, ls.closing) - std::invoke(amount, base)) *
                           (convert ? ls.fx_booked : 1.0);
}

// Settles every lot of the dataset for `period`. Problems (no contract for a
// lot, no price for a quotational month, no assay for a payable metal) go to
// `diags`, naming the lot and the month.
PeriodSales settle(const dataset::Dataset& ds, const calendar::Period& period,
                   core::Diagnostics& diags);

// Payable metal in the concentrates produced in a period: each concentrate's
// tonnes and grades (from the stream data) under the payable terms of the
// contract in force on the period's last day (the first counterparty's, when
// a product has several). Per site metal; nullopt where no contract pays it,
// or where a product paying it has no rows or lacks the assay (unknown, not
// a partial sum).
std::vector<std::optional<units::Mass>> payable_production(const dataset::Dataset& ds,
                                                           const accounting::PeriodTotals& totals);

// The contract in force for a lot: its product's (and counterparty's) terms
// in force on the shipment date (terms::in_force).
const terms::Contract* contract_for(const dataset::Dataset& ds, const dataset::Lot& lot);

}  // namespace orebook::sales
