#include "orebook/pipeline/stages.h"

#include <fmt/format.h>

namespace orebook::pipeline {

namespace {

bool written_in_fiscal_year(const std::string& text) {
  return text.starts_with("FY") || text.find("..FY") != std::string::npos;
}

void bad_period(const std::string& text, std::optional<calendar::FiscalYear> fiscal,
                core::Diagnostics& diags) {
  const std::string why = calendar::Period::why_not(text, fiscal);
  std::string expected(calendar::Period::kAcceptedForms);
  if (fiscal) {
    expected +=
        fmt::format(", or in the fiscal year ending {} of site.toml {}",
                    calendar::fiscal_year_end_text(*fiscal), calendar::Period::kFiscalForms);
  }
  diags.error("", 0, 0, "bad-period", why.empty() ? "unparsable period on the command line" : why,
              text, expected);
}

}  // namespace

std::vector<std::string> period_texts(const std::string& period, const std::string& compare) {
  std::vector<std::string> texts{period};
  if (!compare.empty()) texts.push_back(compare);
  return texts;
}

void check_periods(const std::vector<std::string>& texts, core::Diagnostics& diags) {
  for (const std::string& text : texts) {
    if (!written_in_fiscal_year(text) && !calendar::Period::parse(text)) {
      bad_period(text, std::nullopt, diags);
    }
  }
}

std::vector<calendar::Period> parse_periods(const std::vector<std::string>& texts,
                                            std::optional<calendar::FiscalYear> fiscal,
                                            core::Diagnostics& diags) {
  std::vector<calendar::Period> out;
  for (const std::string& text : texts) {
    if (auto p = calendar::Period::parse(text, fiscal)) {
      out.push_back(*p);
    } else {
      bad_period(text, fiscal, diags);
    }
  }
  return out;
}

namespace {

// `report --reconciled`: each period's totals replaced by the balanced ones.
// A period whose balance cannot be set up is an input error; one whose global
// test fails is reported as used, with a warning.
void reconcile_totals(const dataset::Dataset& ds, std::vector<accounting::PeriodTotals>& totals,
                      core::Diagnostics& diags) {
  const auto flowsheet = balance::site_flowsheet(ds, diags);
  if (!flowsheet) return;
  const auto balances = balance_periods(ds, *flowsheet, totals,
                                        [](std::size_t, balance::PeriodBalance b) { return b; });
  for (const auto& b : balances) {
    for (const auto& e : b.problem.errors) diags.add(e);
  }
  if (diags.has_errors()) return;
  for (std::size_t i = 0; i < totals.size(); ++i) {
    totals[i] = balance::reconciled_totals(ds, *flowsheet, balances[i], totals[i], diags);
    if (const auto* g = balances[i].global(); g && !g->passed) {
      diags.add({ds.root + "/site.toml", 0, 0, core::Severity::warning, "gross-error",
                 fmt::format("{}: the global test fails (J = {:.3f} > {:.3f}); the reconciled "
                             "figures absorb a gross error (see orebook balance)",
                             balances[i].problem.problem.title, g->statistic, g->critical),
                 "", ""});
    }
  }
}

// Lots settled and payable metal produced, for each period.
void settle_periods(const dataset::Dataset& ds, const std::vector<calendar::Period>& periods,
                    Accounted& a, core::Diagnostics& diags) {
  if (ds.lots.present) {
    for (const auto& p : periods) a.lot_sales.push_back(sales::settle(ds, p, diags));
  }
  if (ds.contracts.present) {
    for (const auto& t : a.totals) a.payable.push_back(sales::payable_production(ds, t));
  }
}

// Cash cost, AISC and the cost of sales of each period, from costs.csv and
// what the stages before found.
void cost_periods(const dataset::Dataset& ds, Accounted& a, core::Diagnostics& diags) {
  a.costs.assign(a.totals.size(), std::nullopt);
  if (!ds.costs.present) return;
  for (std::size_t k = 0; k < a.totals.size(); ++k) {
    a.costs[k] = costs::compute(
        ds, a.stats[k], a.lot_sales.empty() ? nullptr : &a.lot_sales[k],
        a.payable.empty() ? std::vector<std::optional<units::Mass>>{} : a.payable[k], diags);
  }
}

}  // namespace

Accounted account(const dataset::Dataset& ds, const std::vector<calendar::Period>& periods,
                  core::Diagnostics& diags, const AccountOptions& options) {
  Accounted a;
  a.totals = accounting::aggregate(ds, periods, diags);
  if (options.reconciled && !diags.has_errors()) {
    reconcile_totals(ds, a.totals, diags);
    if (diags.has_errors()) return a;
  }
  for (const auto& t : a.totals) a.stats.push_back(accounting::operating_statistics(ds, t, diags));
  if (options.settle) settle_periods(ds, periods, a, diags);
  if (options.cost && !diags.has_errors()) cost_periods(ds, a, diags);
  return a;
}

Outcome rendered(const dataset::Dataset& ds, const orebook::report::Table& table,
                 orebook::report::Format format) {
  return Outcome{orebook::report::render(table, format), "", core::ExitCode::ok, ds.files_read,
                 false};
}

Outcome rendered(const dataset::Dataset& ds, const std::vector<orebook::report::Table>& tables,
                 orebook::report::Format format) {
  return Outcome{orebook::report::render(tables, format), "", core::ExitCode::ok, ds.files_read,
                 false};
}

}  // namespace orebook::pipeline
