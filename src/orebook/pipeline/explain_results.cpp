// `orebook explain` for the figures of `orebook results`: the financial
// summary from financials.csv, the cost measures from costs.csv, the sales
// and the production (docs/formulas.md §12–§13), and their reconciliation to
// cost of sales. Each tree is made with the functions that make the figure
// (costs/formulas.h, report/results_report.h) from the intermediates the
// cost stage keeps (costs::CostResult); explain_figure then checks that the
// root is the figure.

#include <algorithm>
#include <functional>
#include <initializer_list>

#include <fmt/format.h>

#include "orebook/accounting/formulas.h"
#include "orebook/costs/formulas.h"
#include "orebook/pipeline/explain_results.h"
#include "orebook/report/display.h"
#include "orebook/report/format.h"
#include "orebook/report/results_report.h"
#include "orebook/report/settlement_report.h"
#include "orebook/sales/formulas.h"

namespace orebook::pipeline {

namespace {

namespace rpt = orebook::report;
using dataset::CostBucket;
using rpt::Explanation;

// Whether every input of a node is known: a node is computed from known
// inputs only, and is unknown (its input says why) otherwise.
bool known(std::initializer_list<const Explanation*> inputs) {
  return std::all_of(inputs.begin(), inputs.end(),
                     [](const Explanation* e) { return e->value.has_value(); });
}

// Whether the lot's contract pays metal m: only then do its valuations hold
// a payable quantity and a value of it.
bool pays(const sales::LotSettlement& ls, std::size_t m) {
  return std::any_of(ls.contract->payables.begin(), ls.contract->payables.end(),
                     [&](const terms::PayableTerm& t) { return t.metal == m; });
}

// A period total of the lots' amounts `field` of a lot's table ("gross",
// "tc", "value.Ag" ...): Σ over the lots of what each books in the period
// (sales::booked_in_period). Defined with the lots' trees below.
Explanation lots_total(const dataset::Dataset& ds, const sales::PeriodSales& ps,
                       const std::string& field, std::string label, sales::Money in,
                       const core::Diagnostics& diags);
// A revenue line of the period totals (report::revenue_lines) made from the
// lots, under its key; nullopt for a key that is none of them.
std::optional<Explanation> revenue_line(const dataset::Dataset& ds, const sales::PeriodSales& ps,
                                        const std::string& key, const core::Diagnostics& diags);

class ResultsBuilder {
 public:
  ResultsBuilder(const dataset::Dataset& ds, const Accounted& a, std::size_t k,
                 const core::Diagnostics& diags)
      : ds_(ds), a_(a), k_(k), period_(a.totals[k].period), diags_(diags) {}

  std::optional<Explanation> financial_figure(const std::string& key,
                                              const std::string& column) const {
    // Balance items are read at a date: the column names it ("at 2012-03-31").
    for (const char* line : {"cash", "working_capital"}) {
      if (key != std::string("financial.") + line) continue;
      for (const dataset::FinancialRow& f : ds_.financials.rows) {
        if (f.segment.empty() && f.line == line && "at " + f.period.to_string() == column)
          return thousands(financial_leaf(f));
      }
      return std::nullopt;
    }
    if (key == "financial.gross_profit") return total_gross_profit();
    if (key == "financial.eps_basic") return earnings_per_share("basic");
    if (key == "financial.eps_diluted") return earnings_per_share("diluted");
    for (const char* line : {"income_before_taxes", "net_income", "total_comprehensive_income",
                             "operating_cash_flow"}) {
      if (key == std::string("financial.") + line) return given_thousands("", line);
    }
    for (const std::string& seg : segments()) {
      const std::string prefix = "financial." + seg + ".";
      if (key == prefix + "revenue") return given_thousands(seg, "revenue");
      if (key == prefix + "cost_of_sales") return given_thousands(seg, "cost_of_sales");
      if (key == prefix + "gross_profit") return segment_gross_profit(seg);
    }
    return std::nullopt;
  }

  std::optional<Explanation> cost_figure(const std::string& key) const {
    if (k_ >= a_.costs.size() || !a_.costs[k_]) return std::nullopt;
    const costs::CostResult& r = *a_.costs[k_];
    if (key == "costs.cash_cost_per_unit" || key == "reconciliation.cash_cost_per_unit")
      return per_unit("Cash cost per unit", cash_cost(r), r, *r.cash_cost_per_unit);
    if (key == "costs.aisc_per_unit" || key == "reconciliation.aisc_per_unit")
      return per_unit("AISC per unit", aisc(r), r, *r.aisc_per_unit);
    if (key == "costs.aic_per_unit" || key == "reconciliation.aic_per_unit")
      return per_unit("AIC per unit", aic(r), r, *r.aic_per_unit);
    if (key == "costs.total_production_cost_per_unit")
      return per_unit("Total production cost per unit", total_production_cost(r), r,
                      *r.total_production_cost_per_unit);
    if (key == "costs.co_product_per_unit") return co_product(r);
    if (key == "costs.mining_per_t_mined")
      return per_tonne(bucket(r, CostBucket::mining), "mine.ore_mined", r.cost_per_t_mined);
    if (key == "costs.milling_per_t_milled")
      return per_tonne(bucket(r, CostBucket::milling), "mill.ore_processed", r.cost_per_t_milled);
    if (key == "costs.nsr_per_t_milled" && lots())
      return per_tonne(net_smelter_return(), "mill.ore_processed", r.nsr_per_t_milled);
    if (key == "reconciliation.cost_of_sales") return cost_of_sales(r);
    if (key == "reconciliation.cash_before_credits") return cash_before_credits(r);
    if (key == "reconciliation.by_product_credits")
      return negated("Less: by-product credits", by_product_credits(r));
    if (key == "reconciliation.cash_cost") return cash_cost(r);
    if (key == "reconciliation.units") return units(r);
    if (key == "reconciliation.aisc") return aisc(r);
    if (key == "reconciliation.aic") return aic(r);
    for (const dataset::Equivalent& eq : ds_.site.equivalents) {  // docs/formulas.md §19
      if (key == "costs.cash_cost_per_equivalent." + eq.label)
        return cost_per_equivalent(ds_, a_, k_, eq.label, cash_cost(r), diags_);
      if (key == "costs.aisc_per_equivalent." + eq.label)
        return cost_per_equivalent(ds_, a_, k_, eq.label, aisc(r), diags_);
    }
    for (std::size_t i = 0; i < dataset::kCostBuckets; ++i) {
      const auto b = static_cast<CostBucket>(i);
      const std::string name(dataset::to_string(b));
      if (key == "reconciliation.add." + name) return bucket(r, b);
      if (key == "reconciliation.less." + name) return negated("Less: " + name, bucket(r, b));
    }
    return std::nullopt;
  }

 private:
  const std::string& cur() const { return ds_.site.currency; }

  std::vector<std::string> segments() const {
    std::vector<std::string> out;
    for (const auto& f : ds_.financials.rows) {
      if (!f.segment.empty() && std::find(out.begin(), out.end(), f.segment) == out.end())
        out.push_back(f.segment);
    }
    return out;
  }

  // A financials.csv row as a leaf, in the reporting currency.
  Explanation financial_leaf(const dataset::FinancialRow& f) const {
    Explanation n;
    n.label = f.segment.empty() ? f.line : fmt::format("{} of {}", f.line, f.segment);
    n.value = f.amount;
    n.unit = cur();
    n.decimals = 0;
    n.note = "given by financials.csv for " + f.period.to_string();
    rpt::SourceRows rows = source_of(ds_.financials.file, diags_);
    rows.what = n.label;
    rows.lines = {f.row};
    n.rows = std::move(rows);
    return n;
  }

  // A financials.csv line of the period, or a node saying it has none.
  Explanation financial_line(const std::string& seg, const std::string& line) const {
    if (const dataset::FinancialRow* f = rpt::financial_row(ds_, period_, seg, line))
      return financial_leaf(*f);
    Explanation n;
    n.label = seg.empty() ? line : fmt::format("{} of {}", line, seg);
    n.unit = cur();
    n.note =
        fmt::format("unknown: financials.csv has no row of it for exactly {}", period_.to_string());
    return n;
  }

  // An amount in thousands, as the financial summary prints it.
  Explanation thousands(Explanation amount) const {
    Explanation n;
    n.label = amount.label + ", in thousands";
    n.unit = cur() + " thousands";
    if (amount.value) n.value = *amount.value / 1000.0;
    n.formula = amount.label + " ÷ 1000";
    n.inputs = {std::move(amount)};
    return n;
  }

  Explanation given_thousands(const std::string& seg, const std::string& line) const {
    return thousands(financial_line(seg, line));
  }

  // Gross profit of a segment = revenue − cost of sales, in thousands.
  Explanation segment_gross_profit(const std::string& seg) const {
    Explanation gp;
    gp.label = "gross profit of " + seg;
    gp.unit = cur();
    Explanation revenue = financial_line(seg, "revenue");
    Explanation cos = financial_line(seg, "cost_of_sales");
    if (revenue.value && cos.value) gp.value = costs::gross_profit(*revenue.value, *cos.value);
    gp.formula = "revenue − cost of sales";
    gp.reference = "costs/formulas.h, gross_profit";
    gp.inputs = {std::move(revenue), std::move(cos)};
    Explanation n = thousands(std::move(gp));
    n.key = "financial." + seg + ".gross_profit";
    return n;
  }

  // The gross profit of all segments: Σ of theirs; unknown when one of them
  // is (a segment without revenue or cost of sales), as the report has it.
  Explanation total_gross_profit() const {
    Explanation n;
    n.label = "Gross profit, in thousands";
    n.unit = cur() + " thousands";
    double sum = 0.0;
    bool known = true;
    for (const std::string& seg : segments()) {
      Explanation gp = segment_gross_profit(seg);
      if (gp.value) {
        sum += *gp.value;
      } else {
        known = false;
      }
      n.inputs.push_back(std::move(gp));
    }
    if (known && !n.inputs.empty()) n.value = sum;
    n.formula = "Σ the gross profit of the segments in " + period_.to_string();
    if (!n.value) {
      n.note = n.inputs.empty() ? "unknown: financials.csv has no segment"
                                : "unknown: a segment's gross profit is unknown";
    }
    return n;
  }

  // Net income ÷ weighted average shares, else as financials.csv gives it.
  Explanation earnings_per_share(const std::string& kind) const {
    Explanation n;
    n.label = "Earnings per share, " + kind;
    n.unit = cur() + "/share";
    Explanation ni = financial_line("", "net_income");
    Explanation shares = financial_line("", "weighted_average_shares_" + kind);
    shares.unit = "shares";
    if (ni.value && shares.value && *shares.value > 0) {
      n.value = *ni.value / *shares.value;
      n.formula = "net income ÷ weighted average shares, " + kind;
      n.inputs = {std::move(ni), std::move(shares)};
      return n;
    }
    Explanation given = financial_line("", "eps_" + kind);
    given.unit = n.unit;
    given.decimals = 2;
    n.value = given.value;
    n.formula = "as financials.csv gives it (no net income and weighted average shares)";
    n.inputs = {std::move(given)};
    return n;
  }

  // The lots.csv lines of the lots settled in the period.
  rpt::SourceRows lot_rows(const std::string& what) const {
    rpt::SourceRows rows = source_of(ds_.lots.file, diags_);
    rows.what = what;
    for (const sales::LotSettlement& ls : a_.lot_sales[k_].lots) {
      rows.lines.push_back(ls.lot->provisional.line);
      if (ls.lot->final) rows.lines.push_back(ls.lot->final->line);
    }
    std::sort(rows.lines.begin(), rows.lines.end());
    rows.lines.erase(std::unique(rows.lines.begin(), rows.lines.end()), rows.lines.end());
    return rows;
  }
  bool lots() const { return k_ < a_.lot_sales.size() && ds_.lots.present; }

  // A cost bucket: Σ of its costs.csv rows of the period (each converted at
  // the period's average rate of prices.csv), plus what settling the lots
  // adds to it (charges; freight and insurance).
  Explanation bucket(const costs::CostResult& r, CostBucket b) const {
    const auto i = static_cast<std::size_t>(b);
    const std::string name(dataset::to_string(b));
    Explanation rows;
    rows.label = name + " in costs.csv";
    rows.unit = cur();
    rows.value = r.from_rows[i];
    rows.formula = fmt::format("Σ amount × average fx of its costs.csv rows in {}, in {}",
                               period_.to_string(), cur());
    rows.reference = "docs/formulas.md §12";
    rpt::SourceRows src = source_of(ds_.costs.file, diags_);
    src.what = name;
    src.lines = r.row_lines[i];
    std::sort(src.lines.begin(), src.lines.end());
    rows.rows = std::move(src);
    if (r.bucket[i] == r.from_rows[i]) {
      rows.label = name;
      return rows;
    }
    Explanation settled;
    settled.label = name + " of the settled lots";
    settled.unit = cur();
    settled.value = r.bucket[i] - r.from_rows[i];
    settled.formula = b == CostBucket::treatment_refining ? "Σ TC + RC + penalties of the lots"
                                                          : "Σ freight + insurance of the lots";
    settled.reference = "docs/formulas.md §11";
    settled.rows = lot_rows("lots shipped, open or settled in " + period_.to_string());
    Explanation n;
    n.label = name;
    n.unit = cur();
    n.value = r.bucket[i];
    n.formula = "Σ costs.csv rows and the settled lots";
    n.inputs = {std::move(rows), std::move(settled)};
    return n;
  }

  // NSR of the lots of the period = revenue after charges − freight −
  // insurance, each summed over the lots by the settlement.
  Explanation net_smelter_return() const {
    const sales::PeriodSales& ps = a_.lot_sales[k_];
    Explanation n;
    n.label = "Net smelter return";
    n.unit = cur();
    n.value = costs::net_smelter_return(ps.revenue, ps.freight, ps.insurance);
    n.formula = "revenue net of charges − freight − insurance";
    n.reference = "docs/formulas.md §12";
    for (const char* key : {"sales.revenue", "sales.freight", "sales.insurance"})
      n.inputs.push_back(*revenue_line(ds_, ps, key, diags_));
    return n;
  }

  Explanation negated(std::string label, Explanation of) const {
    Explanation n;
    n.label = std::move(label);
    n.unit = of.unit;
    if (of.value) n.value = -*of.value;
    n.formula = "− " + of.label;
    n.inputs = {std::move(of)};
    return n;
  }

  Explanation cash_before_credits(const costs::CostResult& r) const {
    Explanation n;
    n.label = "Cash costs before by-product credits";
    n.unit = cur();
    n.value = r.cash_before_credits;
    n.formula = "Σ the cash cost buckets";
    n.reference = "docs/formulas.md §12";
    for (std::size_t i = 0; i < dataset::kCostBuckets; ++i) {
      const auto b = static_cast<CostBucket>(i);
      if (!costs::is_cash_cost(b)) continue;
      if (r.bucket[i] == 0.0 && r.row_lines[i].empty()) continue;
      n.inputs.push_back(bucket(r, b));
    }
    return n;
  }

  // Revenue of a metal's payable metal sold, reporting currency.
  Explanation metal_revenue(const costs::CostResult& r, std::size_t m) const {
    const dataset::Metal& metal = ds_.site.metals[m];
    Explanation n;
    n.label = metal.name + " revenue";
    n.unit = cur();
    n.value = m < r.metal_revenue.size() ? r.metal_revenue[m] : 0.0;
    if (lots()) {
      Explanation total = lots_total(ds_, a_.lot_sales[k_], "value." + metal.symbol, n.label,
                                     sales::Money::reporting_currency, diags_);
      total.value = n.value;  // as the cost stage took it (costs/results.cpp)
      return total;
    } else {
      n.formula = "payable sold × realized price × average fx of " + period_.to_string();
      n.reference = "docs/formulas.md §11";
      if (auto sold = operating_explanation(ds_, a_, k_, "sales.payable." + metal.symbol, diags_))
        n.inputs.push_back(std::move(*sold));
      if (auto price = operating_explanation(ds_, a_, k_, "sales.price." + metal.symbol, diags_))
        n.inputs.push_back(std::move(*price));
    }
    return n;
  }

  Explanation by_product_credits(const costs::CostResult& r) const {
    Explanation n;
    n.label = "By-product credits";
    n.unit = cur();
    n.value = r.by_product_credits;
    n.formula =
        "Σ revenue of the metals other than " + ds_.site.metals[ds_.site.costs.primary_metal].name;
    n.reference = "docs/formulas.md §12";
    for (std::size_t m = 0; m < r.metal_revenue.size(); ++m) {
      if (m != ds_.site.costs.primary_metal && r.metal_revenue[m] != 0.0)
        n.inputs.push_back(metal_revenue(r, m));
    }
    return n;
  }

  Explanation cash_cost(const costs::CostResult& r) const {
    Explanation n;
    n.label = "Cash cost, net of by-product credits";
    n.unit = cur();
    Explanation before = cash_before_credits(r);
    Explanation credits = by_product_credits(r);
    if (known({&before, &credits}))
      n.value = costs::by_product_cash_cost(*before.value, *credits.value);
    n.formula = "cash costs before credits − by-product credits";
    n.reference = "docs/formulas.md §12";
    n.inputs = {std::move(before), std::move(credits)};
    return n;
  }

  Explanation units(const costs::CostResult& r) const {
    const auto& cs = ds_.site.costs;
    const dataset::Metal& metal = ds_.site.metals[cs.primary_metal];
    const std::string unit(units::to_string(metal.production_unit));
    if (cs.per_unit_sold && !lots()) {
      if (auto sold = operating_explanation(ds_, a_, k_, "sales.payable." + metal.symbol, diags_))
        return *sold;
    }
    Explanation n;
    n.label = fmt::format("Payable {} {}", rpt::lowercase(metal.name),
                          cs.per_unit_sold ? "sold" : "produced");
    n.unit = unit;
    n.value = r.units;
    if (cs.per_unit_sold) {
      n.formula = "Σ payable metal of the lots shipped in " + period_.to_string();
      n.reference = "docs/formulas.md §11";
      n.rows = lot_rows("lots shipped, open or settled in " + period_.to_string());
    } else {
      n.formula = "concentrates produced × the payable terms of contracts.toml";
      n.reference = "docs/formulas.md §11";
      n.note = "from the concentrate streams of streams.csv and contracts.toml";
    }
    return n;
  }

  Explanation per_unit(std::string label, Explanation total, const costs::CostResult& r,
                       double value) const {
    Explanation n;
    n.label = std::move(label);
    Explanation u = units(r);
    n.unit = cur() + "/" + u.unit;
    n.value = value;
    if (!known({&total, &u})) {
      n.value.reset();  // explain_figure then says they differ
    } else if (const double check = costs::per_unit(*total.value, *u.value); check != value) {
      n.value = check;  // explain_figure then says they differ
    }
    n.formula = total.label + " ÷ " + u.label;
    n.reference = "docs/formulas.md §12";
    n.inputs = {std::move(total), std::move(u)};
    return n;
  }

  Explanation aisc(const costs::CostResult& r) const {
    Explanation n;
    n.label = "All-in sustaining cost";
    n.unit = cur();
    Explanation cc = cash_cost(r);
    std::vector<Explanation> adds;
    for (CostBucket b :
         {CostBucket::sustaining_capital, CostBucket::corporate_ga, CostBucket::reclamation,
          CostBucket::sustaining_exploration, CostBucket::sustaining_leases})
      adds.push_back(bucket(r, b));
    if (known({&cc, &adds[0], &adds[1], &adds[2], &adds[3], &adds[4]}))
      n.value = costs::all_in_sustaining_cost(*cc.value, *adds[0].value, *adds[1].value,
                                              *adds[2].value, *adds[3].value, *adds[4].value);
    n.formula =
        "cash cost + sustaining capital + corporate G&A + reclamation + sustaining "
        "exploration + sustaining leases";
    n.reference = "docs/formulas.md §13";
    n.inputs.push_back(std::move(cc));
    for (auto& x : adds) n.inputs.push_back(std::move(x));
    return n;
  }

  Explanation aic(const costs::CostResult& r) const {
    Explanation n;
    n.label = "All-in cost";
    n.unit = cur();
    Explanation s = aisc(r);
    Explanation ns = bucket(r, CostBucket::non_sustaining);
    if (known({&s, &ns})) n.value = costs::all_in_cost(*s.value, *ns.value);
    n.formula = "AISC + non-sustaining capital and exploration";
    n.reference = "docs/formulas.md §13";
    n.inputs = {std::move(s), std::move(ns)};
    return n;
  }

  Explanation total_production_cost(const costs::CostResult& r) const {
    Explanation n;
    n.label = "Total production cost";
    n.unit = cur();
    Explanation cc = cash_cost(r);
    Explanation dep = bucket(r, CostBucket::depreciation);
    Explanation rec = bucket(r, CostBucket::reclamation);
    if (known({&cc, &dep, &rec}))
      n.value = costs::total_production_cost(*cc.value, *dep.value, *rec.value);
    n.formula = "cash cost + depreciation and depletion + reclamation";
    n.reference = "docs/formulas.md §12";
    n.inputs = {std::move(cc), std::move(dep), std::move(rec)};
    return n;
  }

  std::optional<Explanation> co_product(const costs::CostResult& r) const {
    if (!r.co_product_per_unit) return std::nullopt;
    const std::size_t primary = ds_.site.costs.primary_metal;
    Explanation n;
    n.label = "Co-product cash cost per unit";
    Explanation before = cash_before_credits(r);
    Explanation primary_revenue = metal_revenue(r, primary);
    Explanation credits = by_product_credits(r);
    Explanation u = units(r);
    n.unit = cur() + "/" + u.unit;
    if (known({&before, &primary_revenue, &credits, &u}))
      n.value = costs::co_product_cost_per_unit(
          *before.value,
          costs::revenue_share(*primary_revenue.value, *primary_revenue.value + *credits.value),
          *u.value);
    n.formula = fmt::format(
        "cash costs before credits × {} revenue ÷ (its revenue + by-product "
        "credits) ÷ {}",
        ds_.site.metals[primary].name, u.label);
    n.reference = "docs/formulas.md §12";
    n.inputs = {std::move(before), std::move(primary_revenue), std::move(credits), std::move(u)};
    return n;
  }

  std::optional<Explanation> per_tonne(Explanation total, const std::string& tonnes_key,
                                       std::optional<double> value) const {
    if (!value) return std::nullopt;
    auto tonnes = operating_explanation(ds_, a_, k_, tonnes_key, diags_);
    if (!tonnes || !tonnes->value) return std::nullopt;
    tonnes->key = tonnes_key;
    Explanation n;
    n.label = total.label + " per tonne";
    n.unit = cur() + "/t";
    if (known({&total})) n.value = costs::per_tonne(*total.value, *tonnes->value);
    n.formula = total.label + " ÷ " + tonnes->label;
    n.reference = "docs/formulas.md §12";
    n.inputs = {std::move(total), std::move(*tonnes)};
    return n;
  }

  std::optional<Explanation> cost_of_sales(const costs::CostResult& r) const {
    if (!r.cost_of_sales) return std::nullopt;
    Explanation n = financial_line(ds_.site.costs.mining_segment, "cost_of_sales");
    n.note += "; reconciled to the cost buckets of site.toml's cost_of_sales, to the cent";
    return n;
  }

  const dataset::Dataset& ds_;
  const Accounted& a_;
  std::size_t k_;
  const calendar::Period& period_;
  const core::Diagnostics& diags_;
};

// The figures of a lot's table in `orebook settle` (lot.<id>.*): tonnes,
// assays, payable metal and its value, for one valuation of the lot (a
// column: provisional, marked at a date, or final).
class LotBuilder {
 public:
  LotBuilder(const dataset::Dataset& ds, const sales::LotSettlement& ls, const sales::LotValue& v,
             const core::Diagnostics& diags)
      : ds_(ds), ls_(ls), v_(v), diags_(diags) {}

  std::optional<Explanation> figure(const std::string& field) const {
    if (field == "wet_t") return wet();
    if (field == "moisture") return moisture();
    if (field == "dry_t") return dry();
    if (field == "invoiced_t") return invoiced();
    for (const sales::MetalValue& mv : v_.per_dmt.metals) {
      const dataset::Metal& metal = ds_.site.metals[mv.metal];
      if (field == "grade." + metal.symbol) return grade(mv);
      if (field == "payable." + metal.symbol) return payable(mv);
      if (field == "value." + metal.symbol) return value(mv);
      if (field == "price." + metal.symbol) return unit_price(mv);
    }
    if (field == "gross") return gross();
    if (field == "tc") return treatment_charge();
    if (field == "rc") return refining_charge();
    if (field == "penalties") return penalties();
    if (field == "niv") return niv();
    if (field == "freight") return freight();
    if (field == "insurance") return insurance();
    if (field == "nsr") return nsr();
    return std::nullopt;
  }

  // Net invoice value of the valuation.
  Explanation niv() const { return per_invoiced_t("Net invoice value", niv_per_dmt()); }

  // The prices.csv row of the price metal `m` was valued at, per tonne of metal.
  Explanation price_per_t(std::size_t m) const {
    const dataset::Metal& metal = ds_.site.metals[m];
    const std::string& cur = ls_.contract->currency;
    Explanation n;
    n.label = fmt::format("{} price, {} the tonne of metal", metal.name, cur);
    n.unit = cur + "/t";
    n.decimals = 2;
    const dataset::PriceRow* row = m < v_.price_rows.size() ? v_.price_rows[m] : nullptr;
    if (row == nullptr) {
      n.note = "unknown: no price was used for it";
      return n;
    }
    n.value = row->per_t;
    n.note = fmt::format("given by prices.csv: the {} {} of {} ({} value of lot {})",
                         row->kind == dataset::PriceKind::forward ? "forward" : "average",
                         metal.symbol, dataset::format_month(row->month), v_.basis, ls_.lot->id);
    rpt::SourceRows rows = source_of(ds_.prices.file, diags_);
    rows.what = fmt::format("{} price", metal.symbol);
    rows.lines = {row->line};
    n.rows = std::move(rows);
    return n;
  }

 private:
  // The lots.csv row measuring this valuation: the final one once the lot is
  // settled, else the provisional one.
  const dataset::LotMeasure& measure() const {
    return v_.basis == "final" && ls_.lot->final ? *ls_.lot->final : ls_.lot->provisional;
  }
  Explanation given(std::string label, double value, std::string unit, int decimals) const {
    Explanation n;
    n.label = std::move(label);
    n.value = value;
    n.unit = std::move(unit);
    n.decimals = decimals;
    n.note =
        fmt::format("given by lots.csv ({} measure of lot {})",
                    &measure() == &ls_.lot->provisional ? "provisional" : "final", ls_.lot->id);
    rpt::SourceRows rows = source_of(ds_.lots.file, diags_);
    rows.what = "lot " + ls_.lot->id;
    rows.lines = {measure().line};
    n.rows = std::move(rows);
    return n;
  }
  Explanation wet() const { return given("Wet tonnes", v_.wet_t, "t", 2); }
  Explanation moisture() const { return given("Moisture", v_.moisture * 100, "%", 1); }
  Explanation dry() const {
    Explanation n;
    n.label = "Dry tonnes";
    n.unit = "t";
    n.decimals = 2;
    Explanation w = wet();
    n.value = sales::dry_tonnes(v_.wet_t, v_.moisture);
    n.formula = "wet tonnes × (1 − moisture)";
    n.reference = "docs/formulas.md §11";
    n.inputs = {std::move(w), moisture()};
    return n;
  }
  Explanation invoiced() const {
    Explanation n;
    n.label = "Invoiced dry tonnes";
    n.unit = "t";
    n.decimals = 2;
    Explanation d = dry();
    if (known({&d})) n.value = sales::invoiced_tonnes(*d.value, ls_.contract->weight_franchise);
    n.formula = fmt::format("dry tonnes × (1 − weight franchise of {}%, contracts.toml)",
                            ls_.contract->weight_franchise * 100);
    n.reference = "docs/formulas.md §11";
    n.inputs = {std::move(d)};
    return n;
  }
  Explanation grade(const sales::MetalValue& mv) const {
    const dataset::Metal& metal = ds_.site.metals[mv.metal];
    return given(metal.name + " assay", mv.grade.in(metal.grade_unit),
                 std::string(units::to_string(metal.grade_unit)), 2);
  }
  // Payable metal = payable metal per invoiced dmt (the contract's payable
  // term on the assay) × invoiced dry tonnes.
  Explanation payable_per_dmt(const sales::MetalValue& mv) const {
    const dataset::Metal& metal = ds_.site.metals[mv.metal];
    const std::string unit(units::to_string(metal.production_unit));
    Explanation per;
    per.label = fmt::format("Payable {} per dmt", rpt::lowercase(metal.name));
    per.unit = unit + "/dmt";
    per.value = mv.payable.in(metal.production_unit);
    per.decimals = 4;
    per.formula = fmt::format(
        "the payable term of the contract with {} (contracts.toml) on the "
        "assay",
        ls_.contract->counterparty);
    per.reference = "docs/formulas.md §9";
    per.inputs = {grade(mv)};
    return per;
  }
  Explanation payable(const sales::MetalValue& mv) const {
    const dataset::Metal& metal = ds_.site.metals[mv.metal];
    const std::string unit(units::to_string(metal.production_unit));
    Explanation per = payable_per_dmt(mv);
    Explanation t = invoiced();
    Explanation n;
    n.label = "Payable " + rpt::lowercase(metal.name);
    n.unit = unit;
    if (known({&t})) n.value = (mv.payable * *t.value).in(metal.production_unit);
    n.formula = "payable per dmt × invoiced dry tonnes";
    n.reference = "docs/formulas.md §11";
    n.inputs = {std::move(per), std::move(t)};
    return n;
  }
  // Value = value per invoiced dmt (payable × price) × invoiced dry tonnes.
  Explanation value(const sales::MetalValue& mv) const {
    return per_invoiced_t(ds_.site.metals[mv.metal].name + " value", value_per_dmt(mv));
  }

  // A price per production unit, as the lot's table prints it: the price
  // per tonne of metal × tonnes per unit.
  Explanation unit_price(const sales::MetalValue& mv) const {
    const dataset::Metal& metal = ds_.site.metals[mv.metal];
    const std::string unit(units::to_string(metal.production_unit));
    Explanation per_t = price_per_t(mv.metal);
    Explanation n;
    n.label = fmt::format("{} price, {} per {}", metal.name, ls_.contract->currency, unit);
    n.unit = ls_.contract->currency + "/" + unit;
    if (known({&per_t})) n.value = mv.price_per_t * units::tonnes_per(metal.production_unit);
    n.formula = fmt::format("price per tonne × tonnes per {}", unit);
    n.reference = "src/orebook/units/units.h (exact constants)";
    n.inputs = {std::move(per_t)};
    return n;
  }

  // An amount per dmt given by the valuation (value_per_dmt), with the
  // inputs that make it.
  Explanation per_dmt(std::string label, double value, std::string formula,
                      std::vector<Explanation> inputs) const {
    Explanation n;
    n.label = std::move(label);
    n.unit = ls_.contract->currency + "/dmt";
    n.decimals = 2;
    n.value = value;
    n.formula = std::move(formula);
    n.reference = "docs/formulas.md §10";
    n.inputs = std::move(inputs);
    return n;
  }

  // Amount = amount per dmt × invoiced dry tonnes (freight: × dry tonnes).
  Explanation per_invoiced_t(std::string label, Explanation per, bool dry_tonnes = false) const {
    Explanation t = dry_tonnes ? dry() : invoiced();
    Explanation n;
    n.label = std::move(label);
    n.unit = ls_.contract->currency;
    n.decimals = 2;
    if (known({&per, &t})) n.value = *per.value * *t.value;
    n.formula = fmt::format("{} × {}", rpt::lowercase(per.label), rpt::lowercase(t.label));
    n.reference = "docs/formulas.md §11";
    n.inputs = {std::move(per), std::move(t)};
    return n;
  }

  Explanation value_per_dmt(const sales::MetalValue& mv) const {
    const dataset::Metal& metal = ds_.site.metals[mv.metal];
    return per_dmt(fmt::format("{} value per dmt", metal.name), mv.value,
                   "payable per dmt × price per tonne of metal",
                   {payable_per_dmt(mv), price_per_t(mv.metal)});
  }

  Explanation gross_per_dmt() const {
    std::vector<Explanation> metals;
    for (const sales::MetalValue& mv : v_.per_dmt.metals) metals.push_back(value_per_dmt(mv));
    return per_dmt("Gross value per dmt", v_.per_dmt.gross_value,
                   "Σ value per dmt of the payable metals", std::move(metals));
  }
  Explanation gross() const { return per_invoiced_t("Gross value", gross_per_dmt()); }

  Explanation tc_per_dmt() const {
    const terms::Contract& c = *ls_.contract;
    std::vector<Explanation> inputs;
    std::string formula = "none in the contract";
    if (c.tc) {
      inputs.push_back(price_per_t(c.tc->metal));
      formula = fmt::format(
          "base {} at {} the tonne of {}, with the escalators of contracts.toml, at the price",
          rpt::format_fixed(c.tc->base, 2), rpt::format_fixed(c.tc->basis_price, 2),
          ds_.site.metals[c.tc->metal].symbol);
    }
    return per_dmt("Treatment charge per dmt", v_.per_dmt.treatment_charge, std::move(formula),
                   std::move(inputs));
  }
  Explanation treatment_charge() const { return per_invoiced_t("Treatment charge", tc_per_dmt()); }

  Explanation rc_per_dmt() const {
    std::vector<Explanation> inputs;
    for (const terms::RefiningCharge& rc : ls_.contract->rc) {
      for (const sales::MetalValue& mv : v_.per_dmt.metals) {
        if (mv.metal == rc.metal) inputs.push_back(payable_per_dmt(mv));
      }
    }
    std::string rates;
    for (const terms::RefiningCharge& rc : ls_.contract->rc) {
      rates += fmt::format("{}{} {} per payable {} of {}", rates.empty() ? "" : ", ",
                           rpt::format_fixed(rc.rate, 2), ls_.contract->currency,
                           units::to_string(rc.unit), ds_.site.metals[rc.metal].symbol);
    }
    return per_dmt(
        "Refining charge per dmt", v_.per_dmt.refining_charge,
        rates.empty()
            ? "none in the contract"
            : "each refining rate × the payable metal per dmt it is charged on (" + rates + ")",
        std::move(inputs));
  }
  Explanation refining_charge() const { return per_invoiced_t("Refining charge", rc_per_dmt()); }

  Explanation penalties_per_dmt() const {
    std::vector<Explanation> inputs;
    for (const sales::PenaltyValue& p : v_.per_dmt.penalties) {
      Explanation assay = given(p.element + " assay", p.assay, "", 4);
      inputs.push_back(per_dmt(p.element + " penalty per dmt", p.amount,
                               "the penalty term of contracts.toml on the assay", {assay}));
    }
    return per_dmt("Penalties per dmt", v_.per_dmt.penalty_total,
                   inputs.empty() ? "no penalty element above its threshold in the assays"
                                  : "Σ penalty per dmt of the elements",
                   std::move(inputs));
  }
  Explanation penalties() const { return per_invoiced_t("Penalties", penalties_per_dmt()); }

  Explanation niv_per_dmt() const {
    return per_dmt("Net invoice value per dmt", v_.per_dmt.niv,
                   "gross value − treatment charge − refining charge − penalties, per dmt",
                   {gross_per_dmt(), tc_per_dmt(), rc_per_dmt(), penalties_per_dmt()});
  }

  Explanation freight() const {
    Explanation m = moisture();
    Explanation per = per_dmt(
        "Freight per dmt", v_.per_dmt.freight,
        fmt::format("{} {} per wet tonne (contracts.toml) ÷ (1 − moisture)",
                    rpt::format_fixed(ls_.contract->freight_per_wmt, 2), ls_.contract->currency),
        {std::move(m)});
    return per_invoiced_t("Freight", std::move(per), /*dry_tonnes=*/true);
  }

  Explanation insurance() const {
    Explanation per =
        per_dmt("Insurance per dmt", v_.per_dmt.insurance,
                fmt::format("rate {} × insured fraction {} × net invoice value "
                            "per dmt (contracts.toml)",
                            ls_.contract->insurance_rate, ls_.contract->insured_fraction),
                {niv_per_dmt()});
    return per_invoiced_t("Insurance", std::move(per));
  }

  // NSR = NIV − freight − insurance.
  Explanation nsr() const {
    Explanation a = niv();
    Explanation f = freight();
    Explanation i = insurance();
    Explanation n;
    n.label = "Net smelter return";
    n.unit = ls_.contract->currency;
    n.decimals = 2;
    if (known({&a, &f, &i})) n.value = *a.value - *f.value - *i.value;
    n.formula = "net invoice value − freight − insurance";
    n.reference = "docs/formulas.md §10";
    n.inputs = {std::move(a), std::move(f), std::move(i)};
    return n;
  }

  const dataset::Dataset& ds_;
  const sales::LotSettlement& ls_;
  const sales::LotValue& v_;
  const core::Diagnostics& diags_;
};

// Payable metal sold from lots: Σ over the lots shipped in the period of the
// payable metal of their provisional valuation.
std::optional<Explanation> lots_payable_sold(const dataset::Dataset& ds, const Accounted& a,
                                             std::size_t k, std::size_t m,
                                             const core::Diagnostics& diags) {
  const sales::PeriodSales& ps = a.lot_sales[k];
  const dataset::Metal& metal = ds.site.metals[m];
  Explanation n;
  n.label = "Payable " + rpt::lowercase(metal.name) + " sold";
  n.unit = std::string(units::to_string(metal.production_unit));
  if (!ps.payable_sold[m]) {
    n.note = fmt::format("unknown: no lot paying for {} shipped in {}", metal.name,
                         ps.period.to_string());
    return n;
  }
  units::Mass sum;
  for (const sales::LotSettlement& ls : ps.lots) {
    if (!ls.shipped_in_period) continue;
    if (!pays(ls, m)) continue;
    for (const sales::MetalValue& mv : ls.provisional.per_dmt.metals) {
      if (mv.metal != m) continue;
      Explanation lot =
          *LotBuilder(ds, ls, ls.provisional, diags).figure("payable." + metal.symbol);
      lot.key = "lot." + ls.lot->id + ".payable." + metal.symbol;
      lot.label += " of lot " + ls.lot->id + " (provisional)";
      n.inputs.push_back(std::move(lot));
    }
    sum += ls.provisional.payable[m];
  }
  n.value = sum.in(metal.production_unit);
  n.formula = "Σ payable metal of the lots shipped in " + ps.period.to_string();
  n.reference = "docs/formulas.md §11";
  return n;
}

// Reporting currency per unit of the contract currency, from prices.csv.
Explanation fx_leaf(const dataset::Dataset& ds, const std::string& currency, double rate,
                    const dataset::PriceRow* row, const std::string& when,
                    const core::Diagnostics& diags) {
  Explanation n;
  n.label = fmt::format("{} per {}, {}", ds.site.currency, currency, when);
  n.unit = ds.site.currency + "/" + currency;
  n.decimals = 4;
  n.value = rate;
  if (row == nullptr) {
    n.note = "1: the contract is in the reporting currency";
    return n;
  }
  n.note = fmt::format("given by prices.csv for {}", dataset::format_month(row->month));
  rpt::SourceRows rows = source_of(ds.prices.file, diags);
  rows.what = "fx " + currency;
  rows.lines = {row->line};
  n.rows = std::move(rows);
  return n;
}

// The amount `field` of a lot's valuation `v`, as a tree named for its column.
Explanation lot_amount(const dataset::Dataset& ds, const sales::LotSettlement& ls,
                       const sales::LotValue& v, const std::string& field,
                       const core::Diagnostics& diags) {
  Explanation n = *LotBuilder(ds, ls, v, diags).figure(field);
  n.key = "lot." + ls.lot->id + "." + field;
  n.label += fmt::format(" of lot {}, {}", ls.lot->id, v.basis);
  return n;
}

// The amount of a valuation that a lot's table prints under `field`.
std::function<double(const sales::LotValue&)> amount_of(const dataset::Dataset& ds,
                                                        const std::string& field) {
  for (std::size_t m = 0; m < ds.site.metals.size(); ++m) {
    if (field == "value." + ds.site.metals[m].symbol)
      return [m](const sales::LotValue& v) { return v.metal_value[m]; };
  }
  for (const rpt::LotAmount& amount : rpt::lot_amounts()) {
    const auto member = amount.member;
    if (field == amount.field) return [member](const sales::LotValue& v) { return v.*member; };
  }
  return nullptr;
}

// What one lot books in the period (sales::booked_in_period): its amount
// at shipment, when shipped in the period, and the change of its amount
// from the period's start (or from shipment) to its end (or final), each at
// its month's rate when `in` is the reporting currency.
Explanation lot_share(const dataset::Dataset& ds, const sales::LotSettlement& ls,
                      const std::string& field, sales::Money in, const core::Diagnostics& diags) {
  const bool convert = in == sales::Money::reporting_currency;
  const std::string& cur = ls.contract->currency;
  Explanation n;
  n.label = "lot " + ls.lot->id;
  n.unit = convert ? ds.site.currency : cur;
  n.value = sales::booked_in_period(ls, amount_of(ds, field), in);
  const std::string at_shipment = convert ? " × rate of the month of shipment" : "";
  const std::string at_booking = convert ? " × rate of the month booked" : "";
  n.formula = ls.shipped_in_period ? fmt::format("provisional{} + (closing − provisional){}",
                                                 at_shipment, at_booking)
                                   : fmt::format("(closing − opening){}", at_booking);
  n.reference = "docs/formulas.md §11";
  n.inputs.push_back(lot_amount(ds, ls, ls.base(), field, diags));
  n.inputs.push_back(lot_amount(ds, ls, ls.closing, field, diags));
  if (convert) {
    if (ls.shipped_in_period)
      n.inputs.push_back(
          fx_leaf(ds, cur, ls.fx_shipment, ls.fx_shipment_row, "month of shipment", diags));
    n.inputs.push_back(fx_leaf(ds, cur, ls.fx_booked, ls.fx_booked_row, "month booked", diags));
  }
  return n;
}

Explanation lots_total(const dataset::Dataset& ds, const sales::PeriodSales& ps,
                       const std::string& field, std::string label, sales::Money in,
                       const core::Diagnostics& diags) {
  Explanation n;
  n.label = std::move(label);
  n.unit = ds.site.currency;
  double sum = 0.0;
  for (const sales::LotSettlement& ls : ps.lots) {
    // A lot whose contract does not pay the metal has no value of it.
    if (field.starts_with("value.")) {
      const auto m = ds.site.find_metal(field.substr(6));
      if (!m || !pays(ls, *m)) continue;
    }
    Explanation share = lot_share(ds, ls, field, in, diags);
    n.unit = share.unit;
    sum += *share.value;
    n.inputs.push_back(std::move(share));
  }
  n.value = sum;
  n.formula = "Σ over the lots shipped, open or settled in " + ps.period.to_string() +
              " of what each books in it";
  n.reference = "docs/formulas.md §11";
  if (n.inputs.empty()) n.note = "no lot shipped, open or settled in " + ps.period.to_string();
  return n;
}

// The provisional pricing adjustments: Σ over the lots of the change of
// their net invoice value booked in the period × the month's rate.
Explanation provisional_adjustments(const dataset::Dataset& ds, const sales::PeriodSales& ps,
                                    const core::Diagnostics& diags) {
  Explanation n;
  n.label = "Provisional pricing adjustments";
  n.unit = ds.site.currency;
  double sum = 0.0;
  for (const sales::LotSettlement& ls : ps.lots) {
    Explanation share;
    share.label = "lot " + ls.lot->id;
    share.unit = ds.site.currency;
    share.value = ls.adjustment * ls.fx_booked;
    share.formula = fmt::format("(closing − {}) net invoice value × rate of the month booked",
                                ls.opening ? "opening" : "provisional");
    share.reference = "docs/formulas.md §11";
    share.inputs = {
        lot_amount(ds, ls, ls.base(), "niv", diags), lot_amount(ds, ls, ls.closing, "niv", diags),
        fx_leaf(ds, ls.contract->currency, ls.fx_booked, ls.fx_booked_row, "month booked", diags)};
    sum += *share.value;
    n.inputs.push_back(std::move(share));
  }
  n.value = sum;
  n.formula =
      "Σ over the lots of the change of net invoice value booked in " + ps.period.to_string();
  n.reference = "docs/formulas.md §11";
  return n;
}

// Realized price = value of the payable metal sold (its price currency,
// adjustments booked in the period included) ÷ payable metal sold.
std::optional<Explanation> lots_realized_price(const dataset::Dataset& ds, const Accounted& a,
                                               std::size_t k, std::size_t m,
                                               const core::Diagnostics& diags) {
  const sales::PeriodSales& ps = a.lot_sales[k];
  const dataset::Metal& metal = ds.site.metals[m];
  const std::string unit(units::to_string(metal.production_unit));
  Explanation value = lots_total(ds, ps, "value." + metal.symbol,
                                 fmt::format("Value of the {} sold", rpt::lowercase(metal.name)),
                                 sales::Money::contract_currency, diags);
  auto sold = lots_payable_sold(ds, a, k, m, diags);
  if (!sold) return std::nullopt;
  Explanation n;
  n.label = "Realized " + rpt::lowercase(metal.name) + " price";
  n.unit = ps.price_currency[m] + "/" + unit;
  if (known({&value, &*sold}) && *sold->value > 0)
    n.value = accounting::realized_price(*value.value, *sold->value);
  else
    n.note = "unknown: no payable " + rpt::lowercase(metal.name) + " sold";
  n.formula = "value of the payable metal sold ÷ payable metal sold";
  n.reference = "docs/formulas.md §11";
  n.inputs = {std::move(value), std::move(*sold)};
  return n;
}

// A lot's invoices: the provisional one (at shipment), the adjustment booked
// in the period and the final payment (both in the last column).
std::optional<Explanation> lot_invoice(const dataset::Dataset& ds, const sales::LotSettlement& ls,
                                       const std::string& field, bool first, bool last,
                                       const core::Diagnostics& diags) {
  Explanation n;
  n.unit = ls.contract->currency;
  n.decimals = 2;
  n.reference = "docs/formulas.md §11";
  if (field == "provisional_invoice") {
    n.label = "Provisional invoice";
    if (!first) {
      n.note = "the provisional invoice is made at shipment: see the provisional column";
      return n;
    }
    Explanation niv = lot_amount(ds, ls, ls.provisional, "niv", diags);
    n.value = sales::provisional_invoice(*niv.value, ls.contract->provisional_payment);
    n.formula = fmt::format("provisional net invoice value × {}% (contracts.toml)",
                            rpt::format_fixed(ls.contract->provisional_payment * 100, 0));
    n.inputs = {std::move(niv)};
    return n;
  }
  if (field == "adjustment") {
    n.label = "Adjustment booked";
    if (!last) {
      n.note = "the adjustment is booked at the period's end: see the last column";
      return n;
    }
    Explanation closing = lot_amount(ds, ls, ls.closing, "niv", diags);
    Explanation before = lot_amount(ds, ls, ls.base(), "niv", diags);
    n.value = sales::mark_to_market(*closing.value, *before.value);
    n.formula = "closing net invoice value − " +
                std::string(ls.opening ? "opening" : "provisional") + " net invoice value";
    n.inputs = {std::move(closing), std::move(before)};
    return n;
  }
  if (field == "final_payment") {
    n.label = "Final payment";
    if (!last || !ls.settled_in_period) {
      n.note = "the final payment is made at settlement: see the final column";
      return n;
    }
    Explanation final_niv = lot_amount(ds, ls, ls.closing, "niv", diags);
    auto paid = lot_invoice(ds, ls, "provisional_invoice", true, false, diags);
    n.value = sales::final_payment(*final_niv.value, *paid->value);
    n.formula = "final net invoice value − provisional invoice";
    n.inputs = {std::move(final_niv), std::move(*paid)};
    return n;
  }
  return std::nullopt;
}

// The revenue lines of `orebook settle` and `orebook results` from lots.
std::optional<Explanation> lots_sales(const dataset::Dataset& ds, const Accounted& a, std::size_t k,
                                      const std::string& key, const core::Diagnostics& diags) {
  const sales::PeriodSales& ps = a.lot_sales[k];
  for (std::size_t m = 0; m < ds.site.metals.size(); ++m) {
    const std::string& symbol = ds.site.metals[m].symbol;
    if (key == "sales.payable." + symbol) return lots_payable_sold(ds, a, k, m, diags);
    if (key == "sales.price." + symbol) return lots_realized_price(ds, a, k, m, diags);
  }
  if (key == "sales.provisional_adjustment") return provisional_adjustments(ds, ps, diags);
  return revenue_line(ds, ps, key, diags);
}

std::optional<Explanation> revenue_line(const dataset::Dataset& ds, const sales::PeriodSales& ps,
                                        const std::string& key, const core::Diagnostics& diags) {
  for (const rpt::RevenueLine& line : rpt::revenue_lines()) {
    if (key != line.key || line.lot_field == nullptr) continue;
    Explanation n =
        lots_total(ds, ps, line.lot_field, line.label, sales::Money::reporting_currency, diags);
    n.key = key;
    return n;
  }
  return std::nullopt;
}

}  // namespace

std::optional<rpt::Explanation> results_explanation(const dataset::Dataset& ds, const Accounted& a,
                                                    std::size_t k, const rpt::Table& table,
                                                    std::size_t column, const std::string& key,
                                                    const core::Diagnostics& diags) {
  const ResultsBuilder b(ds, a, k, diags);
  if (key.starts_with("financial.")) return b.financial_figure(key, table.periods[column]);
  if (key.starts_with("costs.") || key.starts_with("reconciliation.")) return b.cost_figure(key);
  if (key.starts_with("lot.") && k < a.lot_sales.size()) {
    for (const sales::LotSettlement& ls : a.lot_sales[k].lots) {
      const std::string prefix = "lot." + ls.lot->id + ".";
      if (!key.starts_with(prefix)) continue;
      const std::vector<const sales::LotValue*> cols = ls.valuations();
      if (column >= cols.size()) return std::nullopt;
      const std::string field = key.substr(prefix.size());
      if (auto invoice = lot_invoice(ds, ls, field, column == 0, column + 1 == cols.size(), diags))
        return invoice;
      return LotBuilder(ds, ls, *cols[column], diags).figure(field);
    }
    return std::nullopt;
  }
  if (ds.lots.present && k < a.lot_sales.size() && key.starts_with("sales."))
    return lots_sales(ds, a, k, key, diags);
  return std::nullopt;
}

}  // namespace orebook::pipeline
