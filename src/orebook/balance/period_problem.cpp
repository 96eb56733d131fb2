#include "orebook/balance/period_problem.h"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "orebook/accounting/formulas.h"

namespace orebook::balance {

std::optional<SiteFlowsheet> site_flowsheet(const dataset::Dataset& ds, core::Diagnostics& diags) {
  const dataset::Site& site = ds.site;
  const std::string file = ds.root + "/site.toml";
  if (site.nodes.empty()) {
    diags.error(file, 1, 1, "missing-key", "site.toml describes no flowsheet", "",
                "[[nodes]] tables and streams with from and to (docs/dataset.md)");
    return std::nullopt;
  }
  SiteFlowsheet out;
  for (const auto& n : site.nodes) out.sheet.nodes.push_back(n.id);
  for (std::size_t s = 0; s < site.streams.size(); ++s) {
    const dataset::Stream& st = site.streams[s];
    if (st.from.empty()) continue;
    out.sheet.streams.push_back({st.id, site.find_node(st.from), site.find_node(st.to)});
    out.site_stream.push_back(s);
    out.stock.push_back(false);
  }
  for (std::size_t i = 0; i < site.nodes.size(); ++i) {
    const dataset::Node& n = site.nodes[i];
    if (!n.stockpile) continue;
    const std::string id =
        n.stock_change ? site.streams[*n.stock_change].id : n.id + ".stock_change";
    out.sheet.streams.push_back({id, i, std::nullopt});
    out.site_stream.push_back(n.stock_change);
    out.stock.push_back(true);
  }
  // A node of one stream holds it at zero in every period: a stream of the
  // flowsheet is missing (parts meeting only through env are balanced each
  // on its own, issue 14).
  const Eigen::SparseMatrix<double> a = out.sheet.incidence();
  std::vector<int> streams_at(site.nodes.size(), 0);
  for (Eigen::Index j = 0; j < a.outerSize(); ++j)
    for (Eigen::SparseMatrix<double>::InnerIterator it(a, j); it; ++it)
      ++streams_at[static_cast<std::size_t>(it.row())];
  for (std::size_t i = 0; i < site.nodes.size(); ++i) {
    if (streams_at[i] > 1) continue;
    diags.warning(
        file, site.nodes[i].line, site.nodes[i].column, "single-stream-node",
        fmt::format("node '{}' has {} stream{}: its balance holds {} at zero (a stream "
                    "in or out of it is missing from the flowsheet)",
                    site.nodes[i].id, streams_at[i] == 0 ? "no" : "one",
                    streams_at[i] == 0 ? "s" : "", streams_at[i] == 0 ? "nothing" : "that stream"),
        site.nodes[i].id, "a node with a stream in and a stream out");
  }
  return out;
}

RowIndex::RowIndex(const dataset::StreamTable& table, std::size_t streams)
    : table_(table), by_stream_(streams) {
  for (std::size_t r = 0; r < table.size(); ++r)
    by_stream_[table.stream[r]].push_back(static_cast<std::uint32_t>(r));
  for (auto& rows : by_stream_) {
    std::stable_sort(rows.begin(), rows.end(), [&](std::uint32_t a, std::uint32_t b) {
      return table.first[a] < table.first[b];
    });
  }
}

std::vector<std::uint32_t> RowIndex::rows(std::size_t stream,
                                          const calendar::Period& period) const {
  const auto& all = by_stream_[stream];
  auto it =
      std::lower_bound(all.begin(), all.end(), period.first(),
                       [&](std::uint32_t r, calendar::DayNumber d) { return table_.first[r] < d; });
  std::vector<std::uint32_t> out;
  for (; it != all.end() && table_.first[*it] <= period.last(); ++it)
    if (table_.last[*it] <= period.last()) out.push_back(*it);
  return out;
}

namespace {

// σ of a stream's period total of dry tonnes (m = nullopt) or of its period
// grade of metal m, as a fraction: the rows' σ summed, tonnage-weighted for
// grades (systematic errors; see the header). nullopt when a row has neither
// a <column>_sd value nor a default.
std::optional<double> total_sd(const dataset::StreamTable& t, const dataset::Stream& stream,
                               const std::vector<std::uint32_t>& rows, std::optional<std::size_t> m,
                               double total_tonnes, std::uint32_t& missing_at) {
  double sum = 0.0;
  for (std::uint32_t r : rows) {
    const double value = m ? t.assay_at(r, *m) : t.dry_t[r];
    if (std::isnan(value)) continue;
    double sd = std::numeric_limits<double>::quiet_NaN();
    if (m && !t.assay_sd.empty()) sd = t.assay_sd[r * t.metal_count + *m];
    if (!m && !t.dry_t_sd.empty()) sd = t.dry_t_sd[r];
    if (std::isnan(sd)) {
      const auto& def = m ? stream.assay_sd[*m] : stream.dry_t_sd;
      if (!def) {
        missing_at = t.line[r];
        return std::nullopt;
      }
      sd = def->of(value);
    }
    sum += m ? t.dry_t[r] * sd : sd;
  }
  return m ? (total_tonnes > 0 ? sum / total_tonnes : 0.0) : sum;
}

}  // namespace

PeriodProblem period_problem(const dataset::Dataset& ds, const SiteFlowsheet& fs,
                             const RowIndex& index, const accounting::PeriodTotals& totals) {
  const dataset::Site& site = ds.site;
  PeriodProblem out;
  Problem& p = out.problem;
  p.title = fmt::format("{}, {}", site.name, totals.period.to_string());
  p.options = {site.balance.alpha, site.balance.eliminate};
  p.node_ids = fs.sheet.nodes;
  const std::size_t n = fs.sheet.streams.size();
  for (const auto& s : fs.sheet.streams) p.stream_ids.push_back(s.id);
  p.linear.incidence = fs.sheet.incidence();

  // Components: metals assayed in at least one flowsheet stream this period.
  for (std::size_t m = 0; m < site.metals.size(); ++m) {
    const bool assayed = std::any_of(fs.site_stream.begin(), fs.site_stream.end(), [&](auto s) {
      return s && totals.streams[*s].complete && totals.streams[*s].grade(m).has_value();
    });
    if (!assayed) continue;
    const dataset::Metal& metal = site.metals[m];
    out.site_metal.push_back(m);
    p.bilinear.components.push_back(metal.symbol);
    p.component_labels.push_back(
        fmt::format("{} {}", metal.symbol, units::to_string(metal.grade_unit)));
    // t × (one grade unit) of metal, in the production unit.
    p.metal_factor.push_back(
        units::Mass::tonnes(units::fraction_per(metal.grade_unit)).in(metal.production_unit));
    p.metal_unit.emplace_back(units::to_string(metal.production_unit));
  }
  const std::size_t k_count = out.site_metal.size();
  BilinearProblem& b = p.bilinear;
  b.assay.assign(k_count, std::vector<std::optional<double>>(n));
  b.assay_sd.assign(k_count, std::vector<double>(n, 1.0));
  b.free_sign = fs.stock;
  p.linear.free_sign = fs.stock;
  p.linear.measured.assign(n, std::nullopt);
  p.linear.sd.assign(n, 1.0);

  for (std::size_t j = 0; j < n; ++j) {
    if (!fs.site_stream[j]) continue;  // unmeasured stock change
    const std::size_t s = *fs.site_stream[j];
    const dataset::Stream& stream = site.streams[s];
    const accounting::StreamTotal& total = totals.streams[s];
    // No measurement of this period: no rows, or rows that do not cover it.
    if (!total.complete) continue;
    const std::vector<std::uint32_t> rows = index.rows(s, totals.period);
    const double tonnes = total.dry.tonnes();
    std::uint32_t at = 0;
    auto check = [&](std::optional<double> sd, std::string_view column,
                     std::string_view key) -> std::optional<double> {
      if (!sd) {
        out.errors.push_back(
            {ds.streams.file, at, 0, core::Severity::error, "no-uncertainty",
             fmt::format("{} of stream '{}' has no uncertainty", column, stream.id), "",
             fmt::format("sd = {{ {} = ... }} in its [[streams]] table or a "
                         "{}_sd column",
                         key, column)});
      } else if (!(*sd > 0.0)) {
        out.errors.push_back(
            {ds.root + "/site.toml", stream.line, stream.column, core::Severity::error,
             "zero-uncertainty",
             fmt::format("{} of stream '{}' has a standard deviation of 0 in {} (a relative "
                         "uncertainty of a zero value)",
                         column, stream.id, totals.period.to_string()),
             "", "an absolute uncertainty for this stream"});
        return std::nullopt;
      }
      return sd;
    };
    if (const auto sd =
            check(total_sd(ds.streams, stream, rows, std::nullopt, tonnes, at), "dry_t", "dry_t")) {
      p.linear.measured[j] = tonnes;
      p.linear.sd[j] = *sd;
    }
    for (std::size_t k = 0; k < k_count; ++k) {
      const std::size_t m = out.site_metal[k];
      const auto grade = total.grade(m);
      if (!grade) continue;
      const units::GradeUnit unit = site.metals[m].grade_unit;
      const std::string column =
          fmt::format("{}_{}", site.metals[m].symbol, units::column_token(unit));
      const auto sd =
          check(total_sd(ds.streams, stream, rows, m, tonnes, at), column, site.metals[m].symbol);
      if (!sd) continue;
      b.assay[k][j] = grade->in(unit);
      b.assay_sd[k][j] = *sd / units::fraction_per(unit);
    }
  }
  // σ the solver cannot weigh against each other.
  if (const auto clash = sd_beyond_precision(p)) {
    out.errors.push_back({ds.root + "/site.toml", 0, 0, core::Severity::error,
                          "sd-beyond-precision",
                          fmt::format("in {}, the σ of stream '{}' is {:.3g} times that of "
                                      "stream '{}': double precision cannot weigh one against "
                                      "the other",
                                      totals.period.to_string(), p.stream_ids[clash->high],
                                      clash->high_sd / clash->low_sd, p.stream_ids[clash->low]),
                          "", "σ within a factor of 1e150 of each other"});
  }
  b.incidence = p.linear.incidence;
  b.flow = p.linear.measured;
  b.flow_sd = p.linear.sd;
  out.idle =
      std::all_of(b.flow.begin(), b.flow.end(), [](const auto& f) { return !f || *f == 0.0; });
  if (out.idle) out.errors.clear();  // zero σ of zero flows: there is nothing to balance
  return out;
}

std::vector<core::Diagnostic> PeriodBalance::diagnostics(const std::string& file) const {
  if (bilinear) return result_diagnostics(problem.problem, *bilinear, file);
  if (linear) return result_diagnostics(problem.problem, *linear, file);
  return {};
}

const GlobalTest* PeriodBalance::global() const {
  return bilinear ? &bilinear->global : linear ? &linear->global : nullptr;
}

const BalanceSummary* PeriodBalance::summary() const {
  return bilinear ? &bilinear->summary : linear ? &linear->summary : nullptr;
}

PeriodBalance balance_period(const dataset::Dataset& ds, const SiteFlowsheet& flowsheet,
                             const RowIndex& rows, const accounting::PeriodTotals& totals) {
  PeriodBalance out{period_problem(ds, flowsheet, rows, totals), std::nullopt, std::nullopt};
  const Problem& p = out.problem.problem;
  if (out.problem.idle || !out.problem.errors.empty()) return out;
  if (p.bilinear.components.empty()) {
    out.linear = reconcile_linear(p.linear, p.options);
  } else {
    out.bilinear = reconcile_bilinear(p.bilinear, p.options, p.stream_ids);
  }
  return out;
}

std::string_view to_string(ReconciledValue::Use use) {
  switch (use) {
    case ReconciledValue::Use::reconciled:
      return "reconciled";
    case ReconciledValue::Use::unobservable:
      return "unobservable";
    case ReconciledValue::Use::unbalanced:
      return "unbalanced";
    case ReconciledValue::Use::not_in_flowsheet:
      return "not_in_flowsheet";
  }
  return "";
}

accounting::PeriodTotals reconciled_totals(const dataset::Dataset& ds, const SiteFlowsheet& fs,
                                           const PeriodBalance& balance,
                                           const accounting::PeriodTotals& totals,
                                           core::Diagnostics& diags, Reconciliation* kept) {
  accounting::PeriodTotals out = totals;
  const dataset::Site& site = ds.site;
  if (kept) {
    kept->idle = balance.problem.idle;
    if (const GlobalTest* g = balance.global()) kept->global = *g;
    kept->streams.assign(site.streams.size(), {});
    for (auto& s : kept->streams) s.grade.resize(site.metals.size());
    // Flowsheet streams start as not balanced; those reconciled are marked below.
    for (std::size_t j = 0; j < fs.site_stream.size(); ++j) {
      if (!fs.site_stream[j]) continue;
      auto& s = kept->streams[*fs.site_stream[j]];
      s.dry.use = ReconciledValue::Use::unbalanced;
      for (auto& g : s.grade) g.use = ReconciledValue::Use::unbalanced;
    }
    kept->balanced_with.assign(site.streams.size(), {});
    for (const Part& part : connected_parts(fs.sheet.incidence())) {
      std::vector<std::size_t> members;
      for (std::size_t j : part.streams)
        if (fs.site_stream[j]) members.push_back(*fs.site_stream[j]);
      std::sort(members.begin(), members.end());
      for (std::size_t s : members) kept->balanced_with[s] = members;
    }
  }
  if (!balance.balanced()) return out;
  const Problem& p = balance.problem.problem;
  const std::string period = totals.period.to_string();
  auto unresolved = [&](const std::string& what) {
    diags.add({ds.root + "/site.toml", 0, 0, core::Severity::warning, "not-reconciled",
               fmt::format("{} in {} is not determined by the balance (unobservable); reported "
                           "as measured",
                           what, period),
               "", ""});
  };
  auto keep = [](ReconciledValue* v, const StreamResult& r, std::optional<double> measured,
                 double sd) {
    if (!v) return;
    v->use = r.reconciled ? ReconciledValue::Use::reconciled : ReconciledValue::Use::unobservable;
    v->result = r;
    if (measured) v->measurement_sd = sd;
  };
  for (std::size_t j = 0; j < fs.site_stream.size(); ++j) {
    if (!fs.site_stream[j]) continue;
    const std::size_t s = *fs.site_stream[j];
    accounting::StreamTotal& t = out.streams[s];
    StreamReconciliation* k_stream = kept ? &kept->streams[s] : nullptr;
    const StreamResult& flow =
        balance.bilinear ? balance.bilinear->flow[j] : balance.linear->streams[j];
    keep(k_stream ? &k_stream->dry : nullptr, flow, p.linear.measured[j], p.linear.sd[j]);
    if (!flow.reconciled) {
      if (t.complete) unresolved(fmt::format("dry_t of '{}'", site.streams[s].id));
      continue;
    }
    // The balance determines the stream over the whole period, measured or not.
    const bool was_measured = t.complete;
    t.complete = true;
    const double old_tonnes = t.dry.tonnes();
    t.dry = units::Mass::tonnes(*flow.reconciled);
    for (std::size_t m = 0; m < site.metals.size(); ++m) {
      const auto k =
          std::find(balance.problem.site_metal.begin(), balance.problem.site_metal.end(), m) -
          balance.problem.site_metal.begin();
      const bool component = static_cast<std::size_t>(k) < balance.problem.site_metal.size();
      if (component && balance.bilinear) {
        const auto kk = static_cast<std::size_t>(k);
        const StreamResult& assay = balance.bilinear->assay[kk][j];
        keep(k_stream ? &k_stream->grade[m] : nullptr, assay, p.bilinear.assay[kk][j],
             p.bilinear.assay_sd[kk][j]);
        if (assay.reconciled) {
          const auto grade = units::Grade::of(*assay.reconciled, site.metals[m].grade_unit);
          t.contained[m] = accounting::contained_metal(t.dry, grade);
          continue;
        }
        if (was_measured && t.contained[m])
          unresolved(fmt::format("{} of '{}'", site.metals[m].symbol, site.streams[s].id));
      }
      // Not balanced (or not determined): the measured grade on the reconciled
      // tonnes. A stream not measured over the period has no measured grade:
      // its rows' metal is a partial sum (accounting/aggregate.h).
      if (!was_measured) {
        t.contained[m] = std::nullopt;
      } else if (t.contained[m] && old_tonnes > 0) {
        t.contained[m] =
            units::Mass::tonnes(t.contained[m]->tonnes() * t.dry.tonnes() / old_tonnes);
      }
    }
  }
  return out;
}

}  // namespace orebook::balance
