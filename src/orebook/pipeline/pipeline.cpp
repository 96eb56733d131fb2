#include "orebook/pipeline/pipeline.h"

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <fstream>
#include <span>
#include <sstream>
#include <thread>

#include <fmt/format.h>

#include "orebook/accounting/aggregate.h"
#include "orebook/accounting/operating.h"
#include "orebook/balance/period_problem.h"
#include "orebook/calendar/period.h"
#include "orebook/check/relations.h"
#include "orebook/costs/results.h"
#include "orebook/report/balance_report.h"
#include "orebook/report/check_report.h"
#include "orebook/report/highlights.h"
#include "orebook/report/operating_report.h"
#include "orebook/report/results_report.h"
#include "orebook/report/settlement_report.h"
#include "orebook/sales/settlement.h"

namespace orebook {

namespace {

std::vector<calendar::Period> parse_periods(const std::vector<std::string>& texts,
                                            core::Diagnostics& diags) {
  std::vector<calendar::Period> out;
  for (const std::string& text : texts) {
    if (auto p = calendar::Period::parse(text)) {
      out.push_back(*p);
    } else {
      diags.error("", 0, 0, "bad-period", "unparsable period on the command line", text,
                  std::string(calendar::Period::kAcceptedForms));
    }
  }
  return out;
}

// The account and settle stages for every period shown.
struct Accounted {
  std::vector<accounting::PeriodTotals> totals;
  std::vector<accounting::OperatingStatistics> stats;
  std::vector<sales::PeriodSales> lot_sales;  // with lots: sales come from settling them
  std::vector<std::vector<std::optional<units::Mass>>> payable;  // with contracts
};

// Each period balanced on its own; periods spread over the cores, results in
// period order whatever the thread timing. `keep` turns a period's balance
// into what the caller keeps of it, in the worker thread.
template <class Keep>
auto balance_periods(const dataset::Dataset& ds, const balance::SiteFlowsheet& flowsheet,
                     const std::vector<accounting::PeriodTotals>& totals, Keep keep) {
  const balance::RowIndex rows(ds.streams, ds.site.streams.size());
  using Kept = decltype(keep(std::size_t{0}, balance::PeriodBalance{}));
  std::vector<Kept> out(totals.size());
  std::atomic<std::size_t> next{0};
  auto work = [&] {
    for (std::size_t i = next++; i < totals.size(); i = next++)
      out[i] = keep(i, balance::balance_period(ds, flowsheet, rows, totals[i]));
  };
  const std::size_t threads =
      std::min<std::size_t>(std::max(1u, std::thread::hardware_concurrency()), totals.size());
  std::vector<std::thread> pool;
  for (std::size_t t = 1; t < threads; ++t) pool.emplace_back(work);
  work();
  for (auto& t : pool) t.join();
  return out;
}

// Balancing problems that cannot be set up are input errors.
void report_period_errors(const std::vector<balance::PeriodBalance>& balances,
                          core::Diagnostics& diags) {
  for (const auto& b : balances) {
    for (const auto& e : b.problem.errors) diags.add(e);
  }
}

Accounted account(const dataset::Dataset& ds, const std::vector<calendar::Period>& periods,
                  core::Diagnostics& diags, bool reconciled = false) {
  Accounted a;
  a.totals = accounting::aggregate(ds, periods, diags);
  if (reconciled && !diags.has_errors()) {
    // `report --reconciled`: the operating statistics from balanced tonnes and assays.
    const auto flowsheet = balance::site_flowsheet(ds, diags);
    if (!flowsheet) return a;
    const auto balances = balance_periods(ds, *flowsheet, a.totals,
                                          [](std::size_t, balance::PeriodBalance b) { return b; });
    report_period_errors(balances, diags);
    if (diags.has_errors()) return a;
    for (std::size_t i = 0; i < a.totals.size(); ++i) {
      a.totals[i] = balance::reconciled_totals(ds, *flowsheet, balances[i], a.totals[i], diags);
      if (const auto* g = balances[i].global(); g && !g->passed) {
        diags.add({ds.root + "/site.toml", 0, 0, core::Severity::warning, "gross-error",
                   fmt::format("{}: the global test fails (J = {:.3f} > {:.3f}); the reconciled "
                               "figures absorb a gross error (see orebook balance)",
                               balances[i].problem.problem.title, g->statistic, g->critical),
                   "", ""});
      }
    }
  }
  for (const auto& t : a.totals) a.stats.push_back(accounting::operating_statistics(ds, t, diags));
  if (ds.has_lots) {
    for (const auto& p : periods) a.lot_sales.push_back(sales::settle(ds, p, diags));
  }
  if (ds.has_contracts) {
    for (const auto& t : a.totals) a.payable.push_back(sales::payable_production(ds, t));
  }
  return a;
}

}  // namespace

std::optional<report::Table> operating_report(const ReportRequest& request,
                                              core::Diagnostics& diags) {
  const std::vector<calendar::Period> periods = parse_periods(request.periods, diags);
  if (diags.has_errors()) return std::nullopt;

  const dataset::Dataset ds = dataset::load(request.dataset, diags);
  if (diags.has_errors()) return std::nullopt;

  const Accounted a = account(ds, periods, diags, request.reconciled);
  diags.sort();
  if (diags.has_errors()) return std::nullopt;
  report::Table table = report::operating_report(ds, a.stats, a.totals, {request.all_streams},
                                                 a.lot_sales, a.payable);
  if (request.reconciled) {
    table.notes.push_back(
        "Tonnes and grades of the flowsheet's streams are reconciled (orebook balance): "
        "adjusted by least squares so that every node balances.");
  }
  return table;
}

std::optional<std::string> reconcile(const BalanceRequest& request, report::Format format,
                                     core::Diagnostics& diags) {
  std::vector<calendar::Period> periods = parse_periods({request.period}, diags);
  if (diags.has_errors()) return std::nullopt;
  const calendar::Period period = periods.front();
  if (!request.each.empty()) {
    const auto kind = request.each == "day"     ? calendar::PeriodKind::day
                      : request.each == "month" ? calendar::PeriodKind::month
                                                : calendar::PeriodKind::quarter;
    periods = period.split(kind);
    if (periods.empty()) {
      diags.error("", 0, 0, "bad-period", "the period cannot be split that way", request.period,
                  fmt::format("a period made of whole {}s", request.each));
      return std::nullopt;
    }
  }
  const dataset::Dataset ds = dataset::load(request.dataset, diags);
  if (diags.has_errors()) return std::nullopt;
  const auto flowsheet = balance::site_flowsheet(ds, diags);
  if (!flowsheet) return std::nullopt;
  const auto totals = accounting::aggregate(ds, periods, diags);
  diags.sort();
  if (diags.has_errors()) return std::nullopt;
  if (request.each.empty()) {
    const auto balances = balance_periods(ds, *flowsheet, totals,
                                          [](std::size_t, balance::PeriodBalance b) { return b; });
    report_period_errors(balances, diags);
    if (diags.has_errors()) return std::nullopt;
    const auto& b = balances.front();
    if (b.bilinear) return report::render_balance(b.problem.problem, *b.bilinear, format);
    if (b.linear) return report::render_balance(b.problem.problem, *b.linear, format);
    return report::render_balance_batch({report::summarise(periods.front(), b, true)}, format);
  }
  // Many periods: each kept as a summary (and its input errors), the full
  // balance freed in the worker.
  struct Kept {
    report::PeriodSummary summary;
    std::vector<core::Diagnostic> errors;
  };
  const auto kept =
      balance_periods(ds, *flowsheet, totals, [&](std::size_t i, balance::PeriodBalance b) {
        return Kept{report::summarise(periods[i], b, format == report::Format::json),
                    std::move(b.problem.errors)};
      });
  std::vector<report::PeriodSummary> summaries;
  for (const auto& k : kept) {
    for (const auto& e : k.errors) diags.add(e);
    summaries.push_back(k.summary);
  }
  diags.sort();
  if (diags.has_errors()) return std::nullopt;
  return report::render_balance_batch(summaries, format);
}

std::optional<std::vector<report::Table>> results(const ResultsRequest& request,
                                                  core::Diagnostics& diags) {
  std::vector<std::string> texts{request.period};
  if (!request.compare.empty()) texts.push_back(request.compare);
  const std::vector<calendar::Period> periods = parse_periods(texts, diags);
  if (diags.has_errors()) return std::nullopt;
  const dataset::Dataset ds = dataset::load(request.dataset, diags);
  if (diags.has_errors()) return std::nullopt;

  // load → account → settle → cost → report, for each period shown.
  const Accounted a = account(ds, periods, diags);
  if (diags.has_errors()) return std::nullopt;
  const auto& totals = a.totals;
  const auto& stats = a.stats;
  const auto& lot_sales = a.lot_sales;
  const auto& payable = a.payable;
  std::vector<std::optional<costs::CostResult>> cost_results(periods.size());
  if (ds.has_costs) {
    for (std::size_t k = 0; k < periods.size(); ++k) {
      cost_results[k] = costs::compute(
          ds, stats[k], lot_sales.empty() ? nullptr : &lot_sales[k],
          payable.empty() ? std::vector<std::optional<units::Mass>>{} : payable[k], diags);
    }
  }
  diags.sort();
  if (diags.has_errors()) return std::nullopt;

  std::vector<report::Table> out = report::financial_summary(ds, periods);
  out.push_back(report::operating_report(ds, stats, totals, {}, lot_sales, payable));
  for (auto& t : report::cost_tables(ds, periods, cost_results)) out.push_back(std::move(t));
  if (!ds.site.guidance.empty()) {
    // Year to date: from 1 January to the end of the period.
    const auto last = periods[0].last();
    const auto jan1 =
        calendar::Period::year(static_cast<int>(calendar::to_ymd(last).year())).first();
    const calendar::Period ytd = calendar::Period::from_days(jan1, last);
    const auto ytd_totals = accounting::aggregate(ds, std::span(&ytd, 1), diags);
    if (diags.has_errors()) return std::nullopt;
    const auto ytd_stats = accounting::operating_statistics(ds, ytd_totals[0], diags);
    out.push_back(report::guidance_table(ds, ytd_stats, periods[0]));
  }

  // Highlights compare the cash cost with the previous period, computed where
  // the dataset has its data, else as reported.
  report::HighlightInputs in;
  in.stats = stats;
  const std::string cash_key = "costs.cash_cost_per_unit";
  in.cash_cost_per_unit = cost_results[0] ? cost_results[0]->cash_cost_per_unit
                                          : report::reported_value(ds, cash_key, periods[0]);
  in.previous = periods[0].previous();
  if (in.previous) {
    in.previous_cash_cost_per_unit = report::reported_value(ds, cash_key, *in.previous);
    if (ds.has_costs) {
      core::Diagnostics quiet;  // the previous period may lack data: then nothing is said of it
      const auto pt = accounting::aggregate(ds, std::span(&*in.previous, 1), quiet);
      if (!quiet.has_errors()) {
        const auto ps = accounting::operating_statistics(ds, pt[0], quiet);
        std::optional<sales::PeriodSales> pls;
        if (ds.has_lots) pls = sales::settle(ds, *in.previous, quiet);
        const auto pp = ds.has_contracts ? sales::payable_production(ds, pt[0])
                                         : std::vector<std::optional<units::Mass>>{};
        const auto pc = quiet.has_errors()
                            ? std::nullopt
                            : costs::compute(ds, ps, pls ? &*pls : nullptr, pp, quiet);
        if (pc && !quiet.has_errors()) in.previous_cash_cost_per_unit = pc->cash_cost_per_unit;
      }
    }
  }
  for (std::size_t k = 0; k < periods.size(); ++k) {
    std::vector<std::optional<double>> prices;
    std::vector<std::string> currencies;
    for (std::size_t m = 0; m < ds.site.metals.size(); ++m) {
      if (!lot_sales.empty()) {
        prices.push_back(lot_sales[k].realized_price[m]);
        currencies.push_back(lot_sales[k].price_currency[m]);
      } else {
        prices.push_back(stats[k].metals[m].realized_price);
        currencies.push_back(stats[k].metals[m].price_currency);
      }
    }
    in.prices.push_back(std::move(prices));
    in.price_currency.push_back(std::move(currencies));
  }
  if (request.only_highlights) out.clear();
  out.push_back(report::highlights(ds, in, diags));
  if (diags.has_errors()) return std::nullopt;
  return out;
}

std::optional<std::vector<report::Table>> settlement(const SettleRequest& request,
                                                     core::Diagnostics& diags) {
  const std::vector<calendar::Period> periods = parse_periods({request.period}, diags);
  if (diags.has_errors()) return std::nullopt;
  const calendar::Period period = periods.front();
  const dataset::Dataset ds = dataset::load(request.dataset, diags);
  if (diags.has_errors()) return std::nullopt;
  if (!ds.has_lots) {
    diags.error(ds.lots_file, 0, 0, "missing-file", "the dataset has no lots.csv to settle", "",
                "a lots.csv file with contracts.toml and prices.csv beside it");
    return std::nullopt;
  }
  const sales::PeriodSales settled = sales::settle(ds, period, diags);
  diags.sort();
  if (diags.has_errors()) return std::nullopt;
  return report::settlement_report(ds, settled);
}

ValidateSummary validate(const std::string& dataset, core::Diagnostics& diags) {
  const dataset::Dataset ds = dataset::load(dataset, diags);
  ValidateSummary summary;
  summary.stream_rows = ds.streams.size();
  summary.sales_rows = ds.sales.size();
  summary.streams = ds.site.streams.size();
  summary.metals = ds.site.metals.size();
  summary.contracts = ds.contracts.size();
  summary.lots = ds.lots.size();
  return summary;
}

std::optional<CheckOutcome> check_release(const std::string& file, report::Format format,
                                          core::Diagnostics& diags) {
  std::ifstream in(file, std::ios::binary);
  std::error_code ec;
  if (!in || !std::filesystem::is_regular_file(file, ec)) {
    diags.error(file, 0, 0, "missing-file", "cannot read the release", "", "a text file");
    return std::nullopt;
  }
  std::ostringstream text;
  text << in.rdbuf();
  const check::Release release = check::parse_release(text.str());
  const auto checks = check::check_release(release);
  CheckOutcome out;
  out.text = report::render_checks(file, checks, format);
  out.failed = std::any_of(checks.begin(), checks.end(), [](const check::Check& c) {
    return c.status == check::Status::does_not_tie;
  });
  return out;
}

}  // namespace orebook
