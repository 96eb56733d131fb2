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

std::vector<calendar::Period> split_periods(const calendar::Period& whole, const std::string& each,
                                            const std::string& text, core::Diagnostics& diags) {
  const auto kind = each == "day"       ? calendar::PeriodKind::day
                    : each == "month"   ? calendar::PeriodKind::month
                    : each == "quarter" ? calendar::PeriodKind::quarter
                                        : calendar::PeriodKind::year;
  std::vector<calendar::Period> out = whole.split(kind);
  if (out.empty()) {
    diags.error("", 0, 0, "bad-period", "the period cannot be split that way", text,
                fmt::format("a period made of whole {}s", each));
  }
  return out;
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

std::optional<Loaded> load_with_periods(const std::string& dataset,
                                        const std::vector<std::string>& texts,
                                        core::Diagnostics& diags) {
  check_periods(texts, diags);
  if (diags.has_errors()) return std::nullopt;
  Loaded out{dataset::load(dataset, diags), {}};
  if (diags.has_errors()) return std::nullopt;
  out.periods = parse_periods(texts, out.ds.site.fiscal_year, diags);
  if (diags.has_errors()) return std::nullopt;
  return out;
}

namespace {

// `report --reconciled`: each period's totals replaced by the balanced ones.
// A period whose balance cannot be set up, or does not close, is an error;
// one whose global test fails is reported as used, with a warning.
// The measured totals and what was done to each stream are kept in `a`.
void reconcile_totals(const dataset::Dataset& ds, Accounted& a, core::Diagnostics& diags) {
  std::vector<accounting::PeriodTotals>& totals = a.totals;
  const auto flowsheet = balance::site_flowsheet(ds, diags);
  if (!flowsheet) return;
  const auto balances = balance_periods(ds, *flowsheet, totals,
                                        [](std::size_t, balance::PeriodBalance b) { return b; });
  const std::string site_file = ds.root + "/site.toml";
  for (const auto& b : balances) {
    for (const auto& e : b.problem.errors) diags.add(e);
    // A balance that does not close gives no figures (balance-not-closed).
    for (const auto& d : b.diagnostics(site_file))
      if (d.severity == core::Severity::error) diags.add(d);
  }
  if (diags.has_errors()) return;
  a.measured = totals;
  a.reconciliation.resize(totals.size());
  for (std::size_t i = 0; i < totals.size(); ++i) {
    totals[i] = balance::reconciled_totals(ds, *flowsheet, balances[i], totals[i], diags,
                                           &a.reconciliation[i]);
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

// The equivalent production of one period (docs/formulas.md §19): from its own
// statistics, or, when fixed prices change inside it, from the statistics of
// each piece at its own prices, summed. Pieces need streams.csv rows that end
// where the prices change; a reconciled period is balanced as a whole, so its
// pieces have no reconciled figures.
accounting::EquivalentValue period_equivalent(const dataset::Dataset& ds,
                                              const dataset::Equivalent& eq,
                                              const accounting::OperatingStatistics& stats,
                                              bool reconciled) {
  const std::vector<calendar::Period> pieces = accounting::equivalent_pieces(eq, stats.period);
  if (pieces.size() == 1) return accounting::equivalent_production(ds.site, eq, stats);
  const std::string cut = calendar::format_date(pieces[1].first());
  if (eq.basis == dataset::Equivalent::Basis::fixed && pieces[0].first() < eq.prices.front().from) {
    // Said before accounting the pieces: a piece before the first prices may
    // have no rows either, and the reason is the prices.
    return {std::nullopt, fmt::format("no prices are in force before {}",
                                      calendar::format_date(eq.prices.front().from))};
  }
  if (reconciled) {
    return {std::nullopt, fmt::format("its prices change on {}, and the reconciled figures are "
                                      "of the whole period",
                                      cut)};
  }
  // Diagnostics of the pieces would repeat the period's own: kept apart.
  core::Diagnostics scratch;
  const auto totals = accounting::aggregate(ds, pieces, scratch);
  if (scratch.has_errors()) {
    return {std::nullopt,
            fmt::format("its prices change on {}, and streams.csv rows do not end there", cut)};
  }
  std::vector<accounting::OperatingStatistics> piece_stats;
  for (const auto& t : totals)
    piece_stats.push_back(accounting::operating_statistics(ds, t, scratch));
  accounting::EquivalentValue v = accounting::equivalent_production(ds.site, eq, piece_stats);
  if (!v.value) {
    // Typically rows that run across the change: a piece they do not cover
    // has unknown production. Name the first such row, the cause.
    const auto across =
        std::find_if(scratch.items().begin(), scratch.items().end(),
                     [](const core::Diagnostic& d) { return d.code == "period-too-fine"; });
    v.why_unknown = across != scratch.items().end()
                        ? fmt::format(
                              "its prices change on {}, and the row at {}:{} runs across that day, "
                              "so {}",
                              cut, across->file, across->line, v.why_unknown)
                        : fmt::format("its prices change on {}, and {}", cut, v.why_unknown);
  }
  return v;
}

// Each period's equivalents, with a warning for each one unknown. With lots,
// the realized prices are those of settling them (as for the by-product
// credits, costs/results.cpp), else those of sales.csv.
void equivalent_periods(const dataset::Dataset& ds, Accounted& a, bool reconciled,
                        core::Diagnostics& diags) {
  for (std::size_t k = 0; k < a.stats.size(); ++k) {
    const accounting::OperatingStatistics s = with_sale_prices(a, k);
    auto& row = a.equivalents.emplace_back();
    for (const dataset::Equivalent& eq : ds.site.equivalents) {
      row.push_back(period_equivalent(ds, eq, s, reconciled));
      if (!row.back().value) {
        diags.add({ds.root + "/site.toml", eq.line, eq.column, core::Severity::warning,
                   "unknown-equivalent",
                   fmt::format("{} of {} is unknown: {}", eq.label, s.period.to_string(),
                               row.back().why_unknown),
                   "", ""});
      }
    }
  }
}

// Cash cost, AISC and the cost of sales of each period, from costs.csv and
// what the stages before found; then per unit of each equivalent.
void cost_periods(const dataset::Dataset& ds, Accounted& a, core::Diagnostics& diags) {
  a.costs.assign(a.totals.size(), std::nullopt);
  if (!ds.costs.present) return;
  for (std::size_t k = 0; k < a.totals.size(); ++k) {
    a.costs[k] = costs::compute(
        ds, a.stats[k], a.lot_sales.empty() ? nullptr : &a.lot_sales[k],
        a.payable.empty() ? std::vector<std::optional<units::Mass>>{} : a.payable[k], diags);
    if (a.costs[k] && k < a.equivalents.size()) {
      costs::add_equivalent_costs(*a.costs[k], a.equivalents[k]);
    }
  }
}

}  // namespace

Accounted account(const dataset::Dataset& ds, const std::vector<calendar::Period>& periods,
                  core::Diagnostics& diags, const AccountOptions& options) {
  Accounted a;
  a.totals = accounting::aggregate(ds, periods, diags, !options.empty_is_warning);
  if (options.reconciled && !diags.has_errors()) {
    reconcile_totals(ds, a, diags);
    if (diags.has_errors()) return a;
  }
  for (const auto& t : a.totals) a.stats.push_back(accounting::operating_statistics(ds, t, diags));
  if (options.warn && !diags.has_errors()) accounting::warn_statistics(ds, a.stats, diags);
  if (options.settle) settle_periods(ds, periods, a, diags);
  if (options.equivalents) equivalent_periods(ds, a, options.reconciled, diags);
  if (options.cost && !diags.has_errors()) cost_periods(ds, a, diags);
  return a;
}

Outcome rendered(const dataset::Dataset& ds, const orebook::report::Table& table,
                 orebook::report::Format format) {
  if (orebook::report::is_document(format)) return rendered(ds, std::vector{table}, format);
  Outcome out;
  out.output = orebook::report::render(table, format);
  out.inputs = ds.files_read;
  return out;
}

Outcome rendered(const dataset::Dataset& ds, const std::vector<orebook::report::Table>& tables,
                 orebook::report::Format format) {
  Outcome out;
  if (orebook::report::is_document(format)) {
    out.tables = tables;
  } else {
    out.output = orebook::report::render(tables, format);
  }
  out.inputs = ds.files_read;
  out.dataset = ds.root;
  return out;
}

accounting::OperatingStatistics with_sale_prices(const Accounted& a, std::size_t k) {
  accounting::OperatingStatistics s = a.stats[k];
  if (k < a.lot_sales.size()) {
    for (std::size_t m = 0; m < s.metals.size(); ++m) {
      s.metals[m].realized_price = a.lot_sales[k].realized_price[m];
      s.metals[m].price_currency = a.lot_sales[k].price_currency[m];
    }
  }
  return s;
}

void add_for_highlights(const dataset::Dataset& ds, const Accounted& a, std::size_t k,
                        orebook::report::HighlightInputs& in) {
  in.stats.push_back(a.stats[k]);
  const accounting::OperatingStatistics priced = with_sale_prices(a, k);
  std::vector<std::optional<double>> prices;
  std::vector<std::string> currencies;
  for (std::size_t m = 0; m < ds.site.metals.size(); ++m) {
    prices.push_back(priced.metals[m].realized_price);
    currencies.push_back(priced.metals[m].price_currency);
  }
  in.prices.push_back(std::move(prices));
  in.price_currency.push_back(std::move(currencies));
}

}  // namespace orebook::pipeline
