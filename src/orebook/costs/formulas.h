#pragma once
// Unit cost measures, each in one place (docs/formulas.md §12–§14; Silver
// Institute / Gold Institute cash cost standard; World Gold Council
// all-in sustaining and all-in costs, guidance note of November 2018).
// Money in the reporting currency; "units" are payable ounces (or pounds) of
// the primary metal.

namespace orebook::costs {

// Cash cost net of by-product credits, in total: cash costs before credits
// (mining, milling, site G&A, treatment, refining and transport, royalties and
// production taxes, inventory changes) less the revenue of the by-products.
template <class Num>
Num by_product_cash_cost(const Num& cash_costs_before_credits, const Num& by_product_credits) {
  return cash_costs_before_credits - by_product_credits;
}

// Gross profit = revenue − cost of sales.
template <class Num>
Num gross_profit(const Num& revenue, const Num& cost_of_sales) {
  return revenue - cost_of_sales;
}

// Any total per payable unit of the primary metal.
template <class Num>
Num per_unit(const Num& total, const Num& payable_units) {
  return total / payable_units;
}

// Share of the primary metal in the revenue of all metals (co-product basis).
template <class Num>
Num revenue_share(const Num& primary_revenue, const Num& total_revenue) {
  return primary_revenue / total_revenue;
}

// Co-product cost per unit: the cash costs before credits allocated by
// revenue share, per payable unit.
template <class Num>
Num co_product_cost_per_unit(const Num& cash_costs_before_credits, const Num& share,
                             const Num& payable_units) {
  return cash_costs_before_credits * share / payable_units;
}

// All-in sustaining cost, in total (WGC 2018): by-product cash cost plus
// sustaining capital, corporate G&A (share-based pay included), reclamation
// accretion and amortisation (operating sites), sustaining exploration and
// sustaining leases.
template <class Num>
Num all_in_sustaining_cost(const Num& by_product_cash_cost, const Num& sustaining_capital,
                           const Num& corporate_ga, const Num& reclamation,
                           const Num& sustaining_exploration, const Num& sustaining_leases) {
  return by_product_cash_cost + sustaining_capital + corporate_ga + reclamation +
         sustaining_exploration + sustaining_leases;
}

// Total production cost: the by-product cash cost plus depreciation and
// depletion and reclamation accretion and amortisation.
template <class Num>
Num total_production_cost(const Num& cash_cost, const Num& depreciation, const Num& reclamation) {
  return cash_cost + depreciation + reclamation;
}

// A cost per tonne mined or milled.
template <class Num>
Num per_tonne(const Num& total, const Num& tonnes) {
  return total / tonnes;
}

// Net smelter return of the lots: revenue after charges, less freight and
// insurance.
template <class Num>
Num net_smelter_return(const Num& revenue, const Num& freight, const Num& insurance) {
  return revenue - freight - insurance;
}

// All-in cost (WGC 2018): AISC plus non-sustaining capital and exploration.
template <class Num>
Num all_in_cost(const Num& aisc, const Num& non_sustaining) {
  return aisc + non_sustaining;
}

}  // namespace orebook::costs
