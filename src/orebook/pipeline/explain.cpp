// `orebook explain`: one figure of the operating statistics as the tree of
// its formula, down to the input rows (docs/cli.md, "explain"). The tree is
// built from the same stream totals, production rows and sales rows the
// report reads, with the same formulas (accounting/formulas.h); the root's
// value is then compared with the report's figure, so a tree that drifted
// from the report is an error, never a wrong explanation.
//
// With --reconciled (report --reconciled) a flowsheet stream's tonnes and
// grades are the balance's: each such node stands over the measured one (the
// Σ of its rows) and the balance's adjustment, with the σ of the measurement
// and the measurement test's verdict, all as reconcile_totals kept them
// (balance::Reconciliation); the metal is reconciled tonnes × grade. A value
// the balance left as measured says why.

#include <algorithm>
#include <cmath>
#include <iterator>
#include <map>
#include <tuple>

#include <fmt/format.h>

#include "orebook/accounting/formulas.h"
#include "orebook/accounting/produced.h"
#include "orebook/calendar/coverage.h"
#include "orebook/calendar/names.h"
#include "orebook/pipeline/explain.h"
#include "orebook/pipeline/explain_results.h"
#include "orebook/pipeline/stages.h"
#include "orebook/report/display.h"
#include "orebook/report/format.h"
#include "orebook/report/operating_report.h"
#include "orebook/report/results_report.h"
#include "orebook/report/settlement_report.h"
#include "orebook/sales/formulas.h"
#include "orebook/terms/terms.h"

namespace orebook::pipeline {

// Where the rows of a data file are, as diagnostics name it: a CSV file, or a
// sheet of a workbook (Diagnostics::set_sheet).
int digits_of(std::optional<double> value, orebook::report::DigitsRule rule) {
  return orebook::report::row_decimals(std::nullopt, rule, {value});
}

orebook::report::SourceRows source_of(const std::string& file, const core::Diagnostics& diags) {
  orebook::report::SourceRows r;
  r.file = file;
  r.data_file = file;
  for (const auto& s : diags.sheets()) {
    if (s.name != file) continue;
    r.file = s.workbook.empty() ? s.name : s.workbook;
    r.sheet = s.sheet;
  }
  return r;
}

namespace {

namespace rpt = orebook::report;
using dataset::StreamRole;
using rpt::Explanation;

class Builder {
 public:
  Builder(const dataset::Dataset& ds, const Accounted& a, std::size_t column,
          const core::Diagnostics& diags)
      : ds_(ds),
        site_(ds.site),
        a_(a),
        totals_(a.totals[column]),
        measured_(a.measured.empty() ? a.totals[column] : a.measured[column]),
        recon_(a.reconciliation.empty() ? nullptr : &a.reconciliation[column]),
        os_(a.stats[column]),
        diags_(diags) {}

  // The tree of `key`; nullopt when the key is not one this builder traces.
  std::optional<Explanation> figure(const std::string& key) const {
    if (key == "mine.ore_mined") return role_dry(StreamRole::ore_mined, "Ore mined");
    if (key == "mill.ore_processed") return ore_processed();
    if (key == "mill.throughput") return throughput(false);
    if (key == "mill.operating_days") return operating_days();
    if (key == "mill.throughput_operating") return throughput(true);
    for (std::size_t m = 0; m < site_.metals.size(); ++m) {
      const dataset::Metal& metal = site_.metals[m];
      for (const auto& [suffix, unit] : grade_suffixes(metal)) {
        if (key == "mill.head_grade." + suffix) return head_grade(m, unit);
      }
      if (key == "recovery." + metal.symbol) return recovery(m);
      if (key == "production." + metal.symbol) return production(m);
      if (key == "production.payable." + metal.symbol && ds_.contracts.present)
        return payable_production(m);
      if (ds_.lots.present) continue;  // sales come from settling lots: not traced here
      if (key == "sales.payable." + metal.symbol) return sales_payable(m);
      if (key == "sales.price." + metal.symbol) return sales_price(m);
    }
    for (std::size_t s = 0; s < site_.streams.size(); ++s) {
      const dataset::Stream& stream = site_.streams[s];
      const std::string product = "product." + stream.id + ".";
      const bool is_product = stream.role == StreamRole::concentrate;
      if (is_product && key == product + "tonnes") return stream_dry(s);
      if (key == "stream." + stream.id + ".tonnes") return stream_dry(s);
      for (std::size_t m = 0; m < site_.metals.size(); ++m) {
        const dataset::Metal& metal = site_.metals[m];
        for (const auto& [suffix, unit] : grade_suffixes(metal)) {
          if ((is_product && key == product + "grade." + suffix) ||
              key == "stream." + stream.id + ".grade." + suffix)
            return stream_grade(s, m, unit);
        }
        if (is_product && key == product + "contained." + metal.symbol) return stream_metal(s, m);
      }
    }
    return std::nullopt;
  }

 private:
  // A metal's grade keys: its symbol, and with a second grade unit the symbol
  // and that unit's column token ("Ag_ozpt"), as the report names them.
  static std::vector<std::pair<std::string, units::GradeUnit>> grade_suffixes(
      const dataset::Metal& metal) {
    std::vector<std::pair<std::string, units::GradeUnit>> out{{metal.symbol, metal.grade_unit}};
    if (metal.second_grade_unit) {
      out.emplace_back(
          metal.symbol + "_" + std::string(units::column_token(*metal.second_grade_unit)),
          *metal.second_grade_unit);
    }
    return out;
  }

  std::string period() const { return totals_.period.to_string(); }
  std::string stream_name(std::size_t s) const {
    return fmt::format("{} ('{}')", site_.streams[s].label, site_.streams[s].id);
  }
  std::string mass_unit(std::size_t m) const {
    return std::string(units::to_string(site_.metals[m].production_unit));
  }

  // The rows of stream s in the period, and why its totals are unknown when
  // they are.
  rpt::SourceRows rows_of(std::size_t s) const {
    rpt::SourceRows r = source_of(ds_.streams.file, diags_);
    r.what = fmt::format("stream '{}'", site_.streams[s].id);
    if (!a_.rows_by_stream)
      a_.rows_by_stream = accounting::rows_by_stream(ds_.streams, site_.streams.size());
    const accounting::StreamRows rows =
        accounting::stream_rows(ds_.streams, (*a_.rows_by_stream)[s], totals_.period);
    for (std::size_t i : rows.inside) r.lines.push_back(ds_.streams.line[i]);
    if (rows.partial) r.partial_line = ds_.streams.line[*rows.partial];
    return r;
  }
  std::string unknown_why(std::size_t s) const {
    const accounting::StreamTotal& st = measured_.streams[s];
    if (st.partial) return "unknown: a row lies only partly inside the period and cannot be split";
    if (st.rows == 0) return fmt::format("unknown: no rows in {}", period());
    return fmt::format("unknown: the rows cover {} of the {} days of {}", st.days_covered,
                       totals_.period.days(), period());
  }
  std::vector<std::size_t> streams_of(StreamRole role) const {
    std::vector<std::size_t> out;
    for (std::size_t s = 0; s < site_.streams.size(); ++s)
      if (site_.streams[s].role == role) out.push_back(s);
    return out;
  }

  // Dry tonnes of one stream: Σ over its rows in the period.
  Explanation measured_dry(std::size_t s) const {
    const accounting::StreamTotal& st = measured_.streams[s];
    Explanation n;
    n.key = report_key(s, "tonnes");
    n.label = stream_name(s) + " dry tonnes";
    n.unit = "t";
    if (st.complete) n.value = st.dry.tonnes();
    n.decimals = digits_of(n.value, rpt::kQuantityDigits);
    n.formula = "Σ dry_t of its rows in " + period();
    n.reference = "docs/formulas.md §1";
    if (!st.complete) n.note = unknown_why(s);
    n.rows = rows_of(s);
    return n;
  }

  // Metal contained in one stream, in the metal's production unit.
  Explanation measured_metal(std::size_t s, std::size_t m) const {
    const accounting::StreamTotal& st = measured_.streams[s];
    const dataset::Metal& metal = site_.metals[m];
    Explanation n;
    n.key = site_.streams[s].role == StreamRole::concentrate
                ? report_key(s, "contained." + metal.symbol)
                : "";
    n.label = fmt::format("{} in {}", metal.name, stream_name(s));
    n.unit = mass_unit(m);
    if (st.complete && st.contained[m]) n.value = st.contained[m]->in(metal.production_unit);
    n.decimals = digits_of(n.value, rpt::kQuantityDigits);
    n.formula =
        fmt::format("Σ dry_t × {} grade of its rows in {}, in {}", metal.symbol, period(), n.unit);
    n.reference = "docs/formulas.md §2";
    if (!st.complete) {
      n.note = unknown_why(s);
    } else if (!st.contained[m]) {
      n.note = fmt::format("unknown: a row with tonnes lacks the {} assay", metal.symbol);
    }
    n.rows = rows_of(s);
    return n;
  }

  // Grade of one stream: its metal ÷ its tonnes.
  Explanation measured_grade(std::size_t s, std::size_t m, units::GradeUnit unit) const {
    const dataset::Metal& metal = site_.metals[m];
    Explanation n;
    const std::string suffix = unit == metal.grade_unit
                                   ? metal.symbol
                                   : metal.symbol + "_" + std::string(units::column_token(unit));
    n.key = report_key(s, "grade." + suffix);
    n.label = fmt::format("{} grade of {}", metal.name, stream_name(s));
    n.unit = std::string(units::to_string(unit));
    Explanation contained = measured_metal(s, m);
    Explanation dry = measured_dry(s);
    n.value = grade_of(contained, dry, m, unit);
    n.decimals = digits_of(n.value, rpt::kGradeDigits);
    n.formula = fmt::format("{} ÷ dry tonnes, in {}", contained.label, n.unit);
    n.reference = "docs/formulas.md §2";
    n.inputs = {std::move(contained), std::move(dry)};
    return n;
  }

  // Metal (in the production unit) over dry tonnes, in `unit`.
  std::optional<double> grade_of(const Explanation& metal_node, const Explanation& dry,
                                 std::size_t m, units::GradeUnit unit) const {
    if (!metal_node.value || !dry.value) return std::nullopt;
    const auto g = accounting::weighted_grade(
        units::Mass::of(*metal_node.value, site_.metals[m].production_unit),
        units::Mass::tonnes(*dry.value));
    return g ? std::optional(g->in(unit)) : std::nullopt;
  }

  // A stream's dry tonnes, metal and grades as the figures hold them: as
  // measured, or with --reconciled as the balance left them
  // (balance::reconciled_totals), over the measured node.
  Explanation stream_dry(std::size_t s) const {
    Explanation measured = measured_dry(s);
    if (!recon_) return measured;
    const balance::ReconciledValue& v = recon_->streams[s].dry;
    if (v.use != balance::ReconciledValue::Use::reconciled) {
      return as_measured(std::move(measured), left_as_measured(v, "its tonnes"));
    }
    return reconciled(s, std::move(measured), v, 1.0, rpt::kQuantityDigits);
  }

  // Payable production (docs/formulas.md §9, §11): Σ over the concentrates
  // whose contract in force on the period's last day pays the metal, each
  // dry tonnes × payable grade, as sales::payable_production computes it.
  Explanation payable_production(std::size_t m) const {
    const dataset::Metal& metal = site_.metals[m];
    const calendar::DayNumber last = totals_.period.last();
    Explanation n;
    n.label = "Payable " + rpt::lowercase(metal.name) + " produced";
    n.unit = mass_unit(m);
    n.formula = fmt::format("Σ over the concentrates whose contract in force on {} pays {}",
                            calendar::format_date(last), rpt::lowercase(metal.name));
    n.reference = "docs/formulas.md §11";
    units::Mass sum;
    bool any = false, unknown = false;
    for (std::size_t s = 0; s < site_.streams.size(); ++s) {
      if (site_.streams[s].role != StreamRole::concentrate) continue;
      const terms::Contract* contract =
          terms::in_force(ds_.contracts.rows, site_.streams[s].id, last);
      if (contract == nullptr) continue;
      for (const terms::PayableTerm& term : contract->payables) {
        if (term.metal != m) continue;
        const accounting::StreamTotal& st = totals_.streams[s];
        const auto grade = st.grade(m);
        Explanation p;
        p.label = fmt::format("Payable {} in {}", rpt::lowercase(metal.name), stream_name(s));
        p.unit = n.unit;
        p.formula = "dry tonnes × payable grade, in " + n.unit;
        p.reference = "docs/formulas.md §9";
        Explanation pay;
        pay.label = "Payable " + rpt::lowercase(metal.name) + " grade";
        pay.unit = std::string(units::to_string(metal.grade_unit));
        if (st.complete && grade) {
          pay.value =
              units::Grade::fraction(sales::payable_grade(term, *grade)).in(metal.grade_unit);
        }
        pay.decimals = digits_of(pay.value, rpt::kGradeDigits);
        pay.formula = fmt::format(
            "{} of the grade, deduction {} {} ({}), under the contract of '{}' with {} from {} "
            "(contracts.toml)",
            rpt::format_fixed(term.pay * 100.0, 2) + "%",
            fmt::format("{:g}", term.deduction.in(metal.grade_unit)),
            units::to_string(metal.grade_unit), terms::to_string(term.rule), site_.streams[s].id,
            contract->counterparty.empty() ? "its counterparty" : contract->counterparty,
            calendar::format_date(contract->valid_from));
        pay.reference = "docs/formulas.md §9";
        pay.inputs.push_back(stream_grade(s, m, metal.grade_unit));
        if (st.complete && grade) {
          const units::Mass payable = accounting::contained_metal(
              st.dry, units::Grade::fraction(sales::payable_grade(term, *grade)));
          p.value = payable.in(metal.production_unit);
          sum += payable;
          any = true;
        } else if (!st.complete || st.dry.tonnes() > 0) {
          unknown = true;  // rows of 0 t pay nothing
        }
        p.decimals = digits_of(p.value, rpt::kQuantityDigits);
        p.inputs.push_back(stream_dry(s));
        p.inputs.push_back(std::move(pay));
        if (!p.value && st.complete && st.dry.tonnes() == 0.0) {
          p.value = 0.0;
          p.note = "0 t: nothing payable";
        }
        n.inputs.push_back(std::move(p));
      }
    }
    if (any && !unknown) n.value = sum.in(metal.production_unit);
    if (n.inputs.empty()) {
      n.note = fmt::format("unknown: no contract in force on {} pays {}",
                           calendar::format_date(last), rpt::lowercase(metal.name));
    }
    n.decimals = digits_of(n.value, rpt::kQuantityDigits);
    return n;
  }

  Explanation stream_grade(std::size_t s, std::size_t m, units::GradeUnit unit) const {
    Explanation measured = measured_grade(s, m, unit);
    if (!recon_) return measured;
    const balance::StreamReconciliation& r = recon_->streams[s];
    const balance::ReconciledValue& v = r.grade[m];
    if (r.dry.use != balance::ReconciledValue::Use::reconciled ||
        v.use != balance::ReconciledValue::Use::reconciled) {
      const std::string what = site_.metals[m].symbol + " grade";
      return as_measured(std::move(measured), r.dry.use == balance::ReconciledValue::Use::reconciled
                                                  ? left_as_measured(v, what)
                                                  : left_as_measured(r.dry, "its tonnes"));
    }
    // The balance's grades are in the metal's grade unit.
    const double factor = units::Grade::of(1.0, site_.metals[m].grade_unit).in(unit);
    return reconciled(s, std::move(measured), v, factor, rpt::kGradeDigits);
  }

  // With --reconciled, a reconciled stream's metal is its reconciled tonnes
  // times its grade (reconciled, or as measured when the balance did not
  // reconcile it), as balance::reconciled_totals makes it.
  Explanation stream_metal(std::size_t s, std::size_t m) const {
    Explanation measured = measured_metal(s, m);
    if (!recon_) return measured;
    const balance::StreamReconciliation& r = recon_->streams[s];
    if (r.dry.use != balance::ReconciledValue::Use::reconciled) {
      return as_measured(std::move(measured), left_as_measured(r.dry, "its tonnes"));
    }
    const dataset::Metal& metal = site_.metals[m];
    Explanation n;
    n.key = measured.key;
    n.label = measured.label;
    n.unit = measured.unit;
    Explanation dry = stream_dry(s);
    Explanation grade = stream_grade(s, m, metal.grade_unit);
    if (dry.value && grade.value) {
      n.value = accounting::contained_metal(units::Mass::tonnes(*dry.value),
                                            units::Grade::of(*grade.value, metal.grade_unit))
                    .in(metal.production_unit);
    }
    n.decimals = digits_of(n.value, rpt::kQuantityDigits);
    const bool grade_reconciled = r.grade[m].use == balance::ReconciledValue::Use::reconciled;
    n.formula = fmt::format("reconciled dry tonnes × {} {} grade, in {}",
                            grade_reconciled ? "reconciled" : "measured", metal.symbol, n.unit);
    n.reference = "docs/formulas.md §2";
    if (measured.value) {
      n.note = fmt::format("as measured {} {} (the balance adjusts tonnes and grades)",
                           rpt::format_grouped(*measured.value, n.decimals), n.unit);
    }
    n.inputs = {std::move(dry), std::move(grade)};
    return n;
  }

  // Why the balance left a value as measured.
  std::string left_as_measured(const balance::ReconciledValue& v, const std::string& what) const {
    using Use = balance::ReconciledValue::Use;
    switch (v.use) {
      case Use::unobservable:
        return fmt::format(
            "left as measured: the balance of {} does not determine {} "
            "(unobservable)",
            period(), what);
      case Use::unbalanced:
        if (recon_->idle) {
          return fmt::format(
              "left as measured: every measured flow of {} is zero (an idle "
              "period), so nothing was balanced",
              period());
        }
        return fmt::format(
            "left as measured: the balance of {} does not reconcile {} (no stream "
            "of the flowsheet has that assay in the period)",
            period(), what);
      case Use::not_in_flowsheet:
        return "left as measured: not a stream of the flowsheet (no from and to in site.toml, "
               "nor a stockpile's stock_change)";
      case Use::reconciled:
        break;
    }
    return "";
  }

  // The figure's node over its measured node, with the same value.
  static Explanation as_measured(Explanation measured, std::string why) {
    Explanation n;
    n.key = std::move(measured.key);
    n.label = measured.label;
    n.unit = measured.unit;
    n.value = measured.value;
    n.decimals = measured.decimals;
    n.formula = "as measured";
    n.note = std::move(why);
    as_measured_input(measured);
    n.inputs.push_back(std::move(measured));
    return n;
  }

  // The measured node under a figure's: not itself a figure of the
  // reconciled report, nor are the measured values beneath it.
  static void as_measured_input(Explanation& measured) {
    auto clear = [](auto& self, Explanation& n) -> void {
      n.key.clear();
      for (auto& c : n.inputs) self(self, c);
    };
    clear(clear, measured);
    measured.label += " as measured";
  }

  // The balance's value of `measured` (balance::ReconciledValue, in the
  // balance's unit; `factor` converts it to the node's): measured +
  // adjustment, the adjustment with its σ and the measurement test's verdict
  // (docs/formulas.md §5–§7). Unmeasured, the balance's estimate.
  Explanation reconciled(std::size_t s, Explanation measured, const balance::ReconciledValue& v,
                         double factor, rpt::DigitsRule rule) const {
    const balance::StreamResult& x = v.result;
    Explanation n;
    n.key = std::move(measured.key);
    n.label = measured.label;
    n.unit = measured.unit;
    n.value = *x.reconciled * factor;
    n.decimals = digits_of(n.value, rule);
    n.reference = "docs/formulas.md §5–§7";
    as_measured_input(measured);
    if (const auto* g = recon_->global ? &*recon_->global : nullptr; g && !g->passed) {
      n.note = fmt::format(
          "the global test of {} fails ({} > {}): the reconciled values absorb a gross error",
          period(), rpt::format_fixed(g->statistic, 3), rpt::format_fixed(g->critical, 3));
    }
    if (!x.measured || !v.measurement_sd) {
      n.formula = fmt::format(
          "the balance's estimate from the other streams of the flowsheet "
          "({}, not measured in {})",
          balance::to_string(x.cls), period());
      n.inputs.push_back(std::move(measured));
      n.inputs.push_back(balanced_with(s));
      return n;
    }
    n.formula =
        "measured + adjustment, by least squares so that every node of the flowsheet "
        "balances (orebook balance)";
    Explanation sd;
    sd.label = "σ of the measurement";
    sd.unit = n.unit;
    sd.value = *v.measurement_sd * factor;
    sd.decimals = digits_of(sd.value, rule) + 1;
    sd.formula = "Σ of its rows' σ, from the sd of site.toml or an _sd column";
    sd.reference = "docs/dataset.md";
    Explanation adj;
    adj.label = "Adjustment by the balance";
    adj.unit = n.unit;
    adj.value = (*x.reconciled - *x.measured) * factor;
    adj.decimals = digits_of(adj.value, rule);
    const double in_sd = *adj.value / *sd.value;
    adj.formula = fmt::format("reconciled − measured: {}{}σ of the measurement",
                              in_sd >= 0 ? "+" : "", rpt::format_fixed(in_sd, 2));
    if (x.eliminated) {
      adj.note = fmt::format("flagged: set aside as a gross error by serial elimination{}",
                             gross_error_text(x, factor, n.unit));
    } else if (x.gross_error) {
      adj.note = fmt::format("flagged: fails the measurement test{}{}", z_text(x),
                             gross_error_text(x, factor, n.unit));
    } else if (x.z) {
      adj.note = fmt::format("not flagged: passes the measurement test{}", z_text(x));
    } else {
      adj.note = fmt::format("not tested: {} (no balance checks it)", balance::to_string(x.cls));
    }
    adj.inputs.push_back(std::move(sd));
    adj.inputs.push_back(balanced_with(s));
    n.inputs.push_back(std::move(measured));
    n.inputs.push_back(std::move(adj));
    return n;
  }

  // The other measurements the balance adjusted stream s with: every stream
  // of its part of the flowsheet, each with its rows (so that provenance and
  // a close name them too: a changed assay of the tailings moves the
  // reconciled concentrate).
  Explanation balanced_with(std::size_t s) const {
    Explanation n;
    n.label = "Measurements balanced with it";
    n.unit = "streams";
    n.formula =
        "the least squares adjust every measurement of its part of the flowsheet together: "
        "the other streams' tonnes and assays, over their rows";
    n.reference = "docs/formulas.md §5–§7";
    for (std::size_t t : recon_->balanced_with[s]) {
      if (t == s) continue;
      Explanation other = measured_dry(t);
      as_measured_input(other);
      n.inputs.push_back(std::move(other));
    }
    n.value = static_cast<double>(n.inputs.size());
    return n;
  }

  static std::string z_text(const balance::StreamResult& x) {
    return x.z ? fmt::format(" (z = {})", rpt::format_fixed(*x.z, 3)) : "";
  }
  static std::string gross_error_text(const balance::StreamResult& x, double factor,
                                      const std::string& unit) {
    if (!x.gross_error) return "";
    const double e = *x.gross_error * factor;
    return fmt::format("; estimated gross error {}{} {}", e > 0 ? "+" : "", rpt::format_fixed(e, 3),
                       unit);
  }

  std::string report_key(std::size_t s, const std::string& what) const {
    const bool product = site_.streams[s].role == StreamRole::concentrate;
    if (what == "tonnes" || what.starts_with("grade.") || product)
      return (product ? "product." : "stream.") + site_.streams[s].id + "." + what;
    return "";
  }

  // Σ of a quantity over the streams of a role: one stream's node itself, or
  // a sum with one input a stream.
  template <class Of>
  Explanation role_sum(StreamRole role, std::string label, std::string unit, int rule_digits,
                       const std::string& what, Of of) const {
    const std::vector<std::size_t> streams = streams_of(role);
    Explanation n;
    n.label = std::move(label);
    n.unit = std::move(unit);
    if (streams.empty()) {
      n.note = fmt::format("unknown: site.toml declares no {} stream", dataset::to_string(role));
      return n;
    }
    double sum = 0.0;
    bool known = true;
    for (std::size_t s : streams) {
      n.inputs.push_back(of(s));
      if (n.inputs.back().value) {
        sum += *n.inputs.back().value;
      } else {
        known = false;
      }
    }
    if (known) n.value = sum;
    n.decimals = rule_digits >= 0 ? rule_digits : digits_of(n.value, rpt::kQuantityDigits);
    n.formula = fmt::format("Σ {} the {} streams", what, dataset::to_string(role));
    if (!known) n.note = "unknown: a stream it sums is unknown";
    return n;
  }

  Explanation role_dry(StreamRole role, std::string label) const {
    return role_sum(role, std::move(label), "t", -1, "dry tonnes of",
                    [&](std::size_t s) { return stream_dry(s); });
  }
  Explanation ore_processed() const { return role_dry(StreamRole::feed, "Ore processed"); }
  Explanation feed_metal(std::size_t m) const {
    return role_sum(StreamRole::feed, site_.metals[m].name + " in mill feed", mass_unit(m), -1,
                    rpt::lowercase(site_.metals[m].name) + " contained in",
                    [&](std::size_t s) { return stream_metal(s, m); });
  }

  Explanation operating_days() const {
    return role_sum(StreamRole::feed, "Mill operating days", "d", 1, "operating days of",
                    [&](std::size_t s) {
                      Explanation n;
                      n.label = stream_name(s) + " operating days";
                      n.unit = "d";
                      const auto& st = totals_.streams[s];
                      if (st.complete && st.operating_days) n.value = *st.operating_days;
                      n.decimals = 1;
                      n.formula = "Σ operating_days of its rows in " + period();
                      if (!st.complete) {
                        n.note = unknown_why(s);
                      } else if (!st.operating_days) {
                        n.note = "unknown: a row lacks operating_days";
                      }
                      n.rows = rows_of(s);
                      return n;
                    });
  }

  Explanation throughput(bool per_operating_day) const {
    Explanation n;
    n.label = per_operating_day ? "Mill throughput per operating day" : "Mill throughput";
    n.unit = "t/d";
    Explanation tonnes = ore_processed();
    Explanation days;
    if (per_operating_day) {
      days = operating_days();
    } else {
      days.label = "Calendar days of " + period();
      days.unit = "d";
      days.value = static_cast<double>(totals_.period.days());
      days.note = fmt::format("{} to {}", calendar::format_date(totals_.period.first()),
                              calendar::format_date(totals_.period.last()));
    }
    if (tonnes.value && days.value) {
      if (const auto r = accounting::throughput(units::Mass::tonnes(*tonnes.value), *days.value)) {
        n.value = r->tonnes_per_day();
      }
    }
    n.decimals = digits_of(n.value, rpt::kQuantityDigits);
    n.formula =
        fmt::format("ore processed ÷ {}", per_operating_day ? "operating days" : "calendar days");
    n.reference = "docs/formulas.md §4";
    n.inputs = {std::move(tonnes), std::move(days)};
    return n;
  }

  Explanation head_grade(std::size_t m, units::GradeUnit unit) const {
    const dataset::Metal& metal = site_.metals[m];
    Explanation n;
    n.label = metal.name + " head grade";
    n.unit = std::string(units::to_string(unit));
    Explanation contained = feed_metal(m);
    Explanation dry = ore_processed();
    n.value = grade_of(contained, dry, m, unit);
    n.decimals = digits_of(n.value, rpt::kGradeDigits);
    n.formula = fmt::format("{} in mill feed ÷ ore processed, in {}", metal.name, n.unit);
    n.reference = "docs/formulas.md §2";
    n.inputs = {std::move(contained), std::move(dry)};
    return n;
  }

  // Rows of production.csv as a node: their sum, in the metal's unit.
  Explanation given_rows(std::size_t m, const std::vector<const dataset::ProductionRow*>& rows,
                         std::string label) const {
    const dataset::Metal& metal = site_.metals[m];
    Explanation n;
    n.label = std::move(label);
    n.unit = mass_unit(m);
    rpt::SourceRows src = source_of(ds_.production.file, diags_);
    src.what = metal.name;
    std::vector<calendar::Span> spans;
    units::Mass sum;
    for (const dataset::ProductionRow* row : rows) {
      if (!totals_.period.contains(row->period)) {
        if (src.partial_line == 0) src.partial_line = row->line;
        continue;
      }
      src.lines.push_back(row->line);
      spans.emplace_back(row->period.first(), row->period.last());
      sum += row->produced();
    }
    std::sort(src.lines.begin(), src.lines.end());
    if (src.partial_line != 0) {
      n.note = "unknown: a row lies only partly inside the period and cannot be split";
    } else if (!calendar::gaps(totals_.period, spans).empty()) {
      n.note = fmt::format("unknown: the rows cover only part of {}", period());
    } else {
      n.value = sum.in(metal.production_unit);
    }
    n.decimals = digits_of(n.value, rpt::kQuantityDigits);
    n.formula = fmt::format("Σ of its rows in {} (given, not tonnes × grade)", src.file);
    n.reference = "docs/formulas.md §3";
    n.rows = std::move(src);
    return n;
  }

  Explanation production(std::size_t m) const {
    const dataset::Metal& metal = site_.metals[m];
    const accounting::ProductionSource source =
        accounting::production_source(ds_, totals_.period, m);
    if (!source.total.empty()) return given_rows(m, source.total, metal.name + " produced");
    Explanation n;
    n.label = metal.name + " produced";
    n.unit = mass_unit(m);
    if (source.products.empty()) {
      n.note = fmt::format(
          "unknown: {} names no products in site.toml and production.csv has no rows of it",
          metal.name);
      return n;
    }
    double sum = 0.0;
    bool known = true;
    for (const auto& p : source.products) {
      if (p.rows.empty()) {
        n.inputs.push_back(stream_metal(p.stream, m));
      } else {
        n.inputs.push_back(
            given_rows(m, p.rows, fmt::format("{} in {}", metal.name, stream_name(p.stream))));
      }
      if (n.inputs.back().value) {
        sum += units::Mass::of(*n.inputs.back().value, metal.production_unit).tonnes();
      } else {
        known = false;
      }
    }
    if (known) n.value = units::Mass::tonnes(sum).in(metal.production_unit);
    n.decimals = digits_of(n.value, rpt::kQuantityDigits);
    n.formula = fmt::format("Σ {} in the metal's products", rpt::lowercase(metal.name));
    n.reference = "docs/formulas.md §3";
    if (!known) n.note = "unknown: a product it sums is unknown";
    return n;
  }

  Explanation recovery(std::size_t m) const {
    const dataset::Metal& metal = site_.metals[m];
    Explanation n;
    n.label = metal.name + " recovery";
    n.unit = "%";
    Explanation produced = production(m);
    Explanation feed = feed_metal(m);
    if (produced.value && feed.value) {
      const auto r = accounting::recovery(units::Mass::of(*produced.value, metal.production_unit),
                                          units::Mass::of(*feed.value, metal.production_unit));
      if (r) n.value = r->percent();
    }
    n.decimals = digits_of(n.value, rpt::kRecoveryDigits);
    n.formula =
        fmt::format("{} produced ÷ {} in mill feed × 100", metal.name, rpt::lowercase(metal.name));
    n.reference = "docs/formulas.md §3";
    n.inputs = {std::move(produced), std::move(feed)};
    return n;
  }

  // sales.csv rows of a metal in the period.
  rpt::SourceRows sales_rows(std::size_t m) const {
    rpt::SourceRows r = source_of(ds_.sales.file, diags_);
    r.what = site_.metals[m].name;
    for (const dataset::SaleRow& row : ds_.sales.rows) {
      if (row.metal != m || !row.period.overlaps(totals_.period)) continue;
      if (totals_.period.contains(row.period)) {
        r.lines.push_back(row.line);
      } else if (r.partial_line == 0) {
        r.partial_line = row.line;
      }
    }
    std::sort(r.lines.begin(), r.lines.end());
    return r;
  }

  Explanation sales_payable(std::size_t m) const {
    const dataset::Metal& metal = site_.metals[m];
    const accounting::MetalStatistics& ms = os_.metals[m];
    Explanation n;
    n.label = "Payable " + rpt::lowercase(metal.name) + " sold";
    n.unit = mass_unit(m);
    if (ms.payable_sold) n.value = ms.payable_sold->in(metal.production_unit);
    n.decimals = digits_of(n.value, rpt::kQuantityDigits);
    n.formula = "Σ payable of its rows in sales.csv, in " + n.unit;
    n.reference = "docs/formulas.md §11";
    if (!n.value) n.note = "unknown: the rows do not give every quantity of the period";
    n.rows = sales_rows(m);
    return n;
  }

  Explanation sales_price(std::size_t m) const {
    const dataset::Metal& metal = site_.metals[m];
    const accounting::MetalStatistics& ms = os_.metals[m];
    Explanation n;
    n.label = "Realized " + rpt::lowercase(metal.name) + " price";
    n.unit = ms.price_currency + "/" + mass_unit(m);
    n.value = ms.realized_price;
    n.decimals = digits_of(n.value, rpt::kPriceDigits);
    n.formula = "Σ payable × price of its rows ÷ Σ payable (one row without a quantity: its price)";
    n.reference = "docs/formulas.md §11";
    if (!n.value) n.note = "unknown: see the warnings of `orebook report`";
    n.rows = sales_rows(m);
    return n;
  }

  const dataset::Dataset& ds_;
  const dataset::Site& site_;
  const Accounted& a_;
  const accounting::PeriodTotals& totals_;    // of the figures (reconciled with --reconciled)
  const accounting::PeriodTotals& measured_;  // as measured
  const balance::Reconciliation* recon_;      // with --reconciled, else null
  const accounting::OperatingStatistics& os_;
  const core::Diagnostics& diags_;
};

// A node made from inputs is unknown when one of them is; the input says why.
void note_unknown(Explanation& n) {
  for (auto& c : n.inputs) note_unknown(c);
  if (!n.value && n.note.empty() && !n.inputs.empty()) n.note = "unknown: an input is unknown";
}

const rpt::Figure* find_figure(const rpt::Table& table, const std::string& key) {
  for (const auto& f : table.figures)
    if (f.key == key) return &f;
  return nullptr;
}

// Whether the tree's value is the report's: equal, or both unknown. A
// difference past rounding means the tree does not follow the report.
bool same_value(std::optional<double> tree, std::optional<double> figure) {
  if (!tree || !figure) return tree.has_value() == figure.has_value();
  return std::abs(*tree - *figure) <= 1e-9 * std::max(1.0, std::abs(*figure));
}

}  // namespace

std::optional<rpt::Explanation> operating_explanation(const dataset::Dataset& ds,
                                                      const Accounted& a, std::size_t k,
                                                      const std::string& key,
                                                      const core::Diagnostics& diags) {
  return Builder(ds, a, k, diags).figure(key);
}

namespace {

// The period of `a` a column of `table` shows; the first for a column that
// is no period of `a` (balance items, shown at a date; guidance's columns,
// of the first period).
std::size_t period_index(const Accounted& a, const rpt::Table& table, std::size_t column) {
  for (std::size_t k = 0; k < a.totals.size(); ++k)
    if (column < table.periods.size() && a.totals[k].period.to_string() == table.periods[column])
      return k;
  return 0;
}

// A figure the report takes from reported.csv, marked (r): the line giving it.
std::optional<Explanation> reported_leaf(const dataset::Dataset& ds, const rpt::Figure& f,
                                         const calendar::Period& period,
                                         const core::Diagnostics& diags) {
  const dataset::ReportedRow* row = rpt::reported_row(ds, f.key, period);
  if (row == nullptr) return std::nullopt;
  Explanation n;
  n.label = f.label + " (r)";
  n.value = row->value;
  n.unit = f.unit;
  n.note = fmt::format(
      "as published ({}), given by reported.csv: orebook does not derive it "
      "for {}",
      row->unit, period.to_string());
  rpt::SourceRows rows = source_of(ds.reported.file, diags);
  rows.what = f.key;
  rows.lines = {row->line};
  n.rows = std::move(rows);
  return n;
}

}  // namespace

std::optional<rpt::ExplainedFigure> explain_figure(const dataset::Dataset& ds, const Accounted& a,
                                                   const rpt::Table& table, const std::string& key,
                                                   std::size_t column, core::Diagnostics& diags) {
  const rpt::Figure* f = find_figure(table, key);
  if (f == nullptr || column >= f->values.size()) return std::nullopt;
  const std::size_t k = period_index(a, table, column);
  const calendar::Period& period = a.totals[k].period;
  std::optional<Explanation> root;
  if (column < f->reported.size() && f->reported[column]) {
    root = reported_leaf(ds, *f, period, diags);
  } else if (key.starts_with("financial.") || key.starts_with("costs.") ||
             key.starts_with("reconciliation.") || key.starts_with("lot.") ||
             (ds.lots.present && key.starts_with("sales."))) {
    root = results_explanation(ds, a, k, table, column, key, diags);
  } else if (key.starts_with("production.equivalent.")) {
    root = equivalent_explanation(ds, a, k, key, diags);
  } else if (key.starts_with("guidance.")) {
    root = guidance_explanation(ds, a, k, column, key, diags);
  } else {
    root = Builder(ds, a, k, diags).figure(key);
  }
  if (!root) return std::nullopt;
  const std::optional<double> value = f->values[column];
  if (!same_value(root->value, value)) {
    diags.error("", 0, 0, "explain-disagrees",
                fmt::format("the formula tree of '{}' gives {} but the report prints {}: the "
                            "explanation does not follow the report (a bug in orebook)",
                            key, root->value ? fmt::format("{}", *root->value) : "unknown",
                            value ? fmt::format("{}", *value) : "unknown"));
    return std::nullopt;
  }
  note_unknown(*root);
  root->key = key;
  root->unit = f->unit;
  root->decimals = f->decimals;
  root->value = value;
  return rpt::ExplainedFigure{ds.site.name, period.to_string(), calendar::header_name(period),
                              std::move(*root)};
}

std::vector<rpt::SourceRows> source_rows(const rpt::Explanation& root) {
  // Depth first; the rows of one file and one stream, metal, lot or price
  // met more than once (the feed's rows under a recovery's head grade and
  // its metal; a lot's provisional and final lines) listed once, their
  // lines merged. Found through an index: a tree of thousands of lots has
  // thousands of entries.
  std::vector<rpt::SourceRows> out;
  std::map<std::tuple<std::string, std::string, std::string>, std::size_t> index;
  auto visit = [&](auto& self, const rpt::Explanation& n) -> void {
    if (n.rows) {
      const auto [at, added] =
          index.try_emplace({n.rows->file, n.rows->sheet, n.rows->what}, out.size());
      if (added) {
        out.push_back(*n.rows);
      } else if (out[at->second].lines != n.rows->lines) {
        rpt::SourceRows& r = out[at->second];
        std::vector<std::uint32_t> merged;
        std::set_union(r.lines.begin(), r.lines.end(), n.rows->lines.begin(), n.rows->lines.end(),
                       std::back_inserter(merged));
        r.lines = std::move(merged);
        if (r.partial_line == 0) r.partial_line = n.rows->partial_line;
      }
    }
    for (const auto& c : n.inputs) self(self, c);
  };
  visit(visit, root);
  return out;
}

void add_provenance(const dataset::Dataset& ds, const Accounted& a, rpt::Table& table,
                    core::Diagnostics& diags) {
  for (rpt::Figure& f : table.figures) {
    f.provenance.assign(f.values.size(), std::nullopt);
    for (std::size_t k = 0; k < f.values.size(); ++k) {
      if (auto e = explain_figure(ds, a, table, f.key, k, diags))
        f.provenance[k] = source_rows(e->root);
    }
  }
}

std::optional<Outcome> explain(const ExplainRequest& request, rpt::Format format,
                               core::Diagnostics& diags) {
  const auto loaded = load_with_periods(request.dataset, {request.period}, diags);
  if (!loaded) return std::nullopt;
  const dataset::Dataset& ds = loaded->ds;
  const std::vector<calendar::Period>& periods = loaded->periods;
  // As `orebook results` accounts: settle and cost the period. Should the
  // cost stage fail there, the operating statistics are still explained and
  // a cost figure names the failure. --reconciled: the figures of
  // `report --reconciled`, the operating statistics alone.
  core::Diagnostics full_diags;
  Accounted a;
  bool costed = false;
  if (request.reconciled) {
    a = account(ds, periods, diags, {.reconciled = true, .cost = false});
  } else {
    a = account(ds, periods, full_diags);
    costed = !full_diags.has_errors();
    if (costed) {
      for (const core::Diagnostic& d : full_diags.items()) diags.add(d);
    } else {
      a = account(ds, periods, diags, {.cost = false});
    }
  }
  diags.sort();
  if (diags.has_errors()) return std::nullopt;
  // The tables a key may be in, the operating statistics first: those of
  // `orebook results` and of `orebook settle`.
  std::vector<rpt::Table> tables{rpt::operating_report(ds, a.stats, a.totals, {.all_streams = true},
                                                       a.lot_sales, a.payable, a.equivalents)};
  if (costed) {
    auto results = results_tables(ds, periods, a, diags);
    if (!results) return std::nullopt;
    for (auto& t : *results) tables.push_back(std::move(t));
  }
  if (ds.lots.present && !a.lot_sales.empty()) {
    for (auto& t : rpt::settlement_report(ds, a.lot_sales[0])) tables.push_back(std::move(t));
  }
  const rpt::Table* table = nullptr;
  for (const rpt::Table& t : tables) {
    if (find_figure(t, request.key) != nullptr) {
      table = &t;
      break;
    }
  }
  if (table == nullptr) {
    if (!costed && !request.reconciled) {
      for (const core::Diagnostic& d : full_diags.items()) diags.add(d);
      diags.sort();
      return std::nullopt;
    }
    std::string keys;
    std::vector<std::string> seen;  // the operating statistics are in two tables
    for (const auto& t : tables) {
      for (const auto& f : t.figures) {
        if (std::find(seen.begin(), seen.end(), f.key) != seen.end()) continue;
        seen.push_back(f.key);
        keys += (keys.empty() ? "" : ", ") + f.key;
      }
    }
    diags.error("", 0, 0, "unknown-key",
                fmt::format("the tables of report, results and settle of {} have no figure '{}'",
                            ds.site.name, request.key),
                request.key, "one of " + keys);
    return std::nullopt;
  }
  // The period's column; in a lot's table (columns: provisional, opening,
  // closing) the first with a value, since its invoices are in one column.
  const rpt::Figure& figure = *find_figure(*table, request.key);
  std::size_t column = 0;
  while (column + 1 < figure.values.size() && !figure.values[column]) ++column;
  auto e = explain_figure(ds, a, *table, request.key, column, diags);
  if (!e) {
    if (!diags.has_errors()) {
      diags.error("", 0, 0, "not-traced",
                  fmt::format("'{}' is not traced by this version of orebook explain: it traces "
                              "the operating statistics made from streams.csv, production.csv "
                              "and sales.csv, the financial summary (financials.csv), the cost "
                              "measures and their reconciliation (costs.csv), figures given by "
                              "reported.csv, payable production under contracts, the "
                              "settlement of lots, metal equivalents and their costs per unit, "
                              "and guidance",
                              request.key),
                  request.key, "a figure of the operating statistics, financial summary or costs");
    }
    return std::nullopt;
  }
  // A column that is not the period (a lot's valuation, guidance's year to
  // date) is named beside it.
  if (column < table->periods.size() && table->periods[column] != e->period)
    e->period_name += fmt::format(" ({})", table->periods[column]);
  Outcome o;
  o.inputs = ds.files_read;
  o.output = format == rpt::Format::json ? rpt::render_json(*e) : rpt::render_text(*e);
  return o;
}

}  // namespace orebook::pipeline
