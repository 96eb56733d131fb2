#pragma once
// The stages every command is made of (pipeline.h lists them), shared by the
// command files of this folder.

#include <atomic>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "orebook/accounting/aggregate.h"
#include "orebook/accounting/equivalents.h"
#include "orebook/accounting/operating.h"
#include "orebook/accounting/warnings.h"
#include "orebook/balance/period_problem.h"
#include "orebook/calendar/period.h"
#include "orebook/core/diagnostic.h"
#include "orebook/core/progress.h"
#include "orebook/costs/results.h"
#include "orebook/dataset/dataset.h"
#include "orebook/pipeline/pipeline.h"
#include "orebook/report/highlights.h"
#include "orebook/sales/settlement.h"

namespace orebook::pipeline {

// Periods named on the command line, read in two steps. Before the dataset
// loads, check_periods reads the calendar ones, so that a typo costs no load;
// those written in a fiscal year (FY2020, FY2020Q1..FY2020Q3) wait for
// site.toml to say when its year ends, and parse_periods reads them all. A
// "bad-period" error for each that does not read.
void check_periods(const std::vector<std::string>& texts, core::Diagnostics& diags);
std::vector<calendar::Period> parse_periods(const std::vector<std::string>& texts,
                                            std::optional<calendar::FiscalYear> fiscal,
                                            core::Diagnostics& diags);
// A dataset and the periods named on the command line, read in the order
// every command reads them: the calendar periods (a typo costs no load), the
// dataset, then all of them in its fiscal year. nullopt when any has errors.
struct Loaded {
  dataset::Dataset ds;
  std::vector<calendar::Period> periods;
};
std::optional<Loaded> load_with_periods(const std::string& dataset,
                                        const std::vector<std::string>& texts,
                                        core::Diagnostics& diags);

// A period and, when `compare` is not empty, the period it is compared with.
std::vector<std::string> period_texts(const std::string& period, const std::string& compare);
// The days, months, quarters or years (`each`) of `whole`, oldest first; a
// "bad-period" error, naming `text`, when they do not tile it.
std::vector<calendar::Period> split_periods(const calendar::Period& whole, const std::string& each,
                                            const std::string& text, core::Diagnostics& diags);

// The stages after load for a list of periods, each optional.
struct AccountOptions {
  bool reconciled = false;  // account from the balanced flowsheet (report --reconciled)
  bool settle = true;       // settle lots, payable production (with lots / contracts)
  bool cost = true;         // cash cost and AISC (with costs.csv), when nothing failed before
  // Warnings about the statistics (accounting/warnings.h); off for periods a
  // command computes only to compare with (the year to date of guidance).
  bool warn = true;
  bool equivalents = true;  // metal equivalents (with [[equivalents]] in site.toml)
  // A period no row touches is a warning, its figures unknown, not an error
  // (a column of report --each).
  bool empty_is_warning = false;
};

// What balance → account → settle → cost gives for each period, in order.
struct Accounted {
  std::vector<accounting::PeriodTotals> totals;
  std::vector<accounting::OperatingStatistics> stats;
  std::vector<sales::PeriodSales> lot_sales;  // with lots: sales come from settling them
  std::vector<std::vector<std::optional<units::Mass>>> payable;  // with contracts
  std::vector<std::optional<costs::CostResult>> costs;           // with costs.csv
  // Per period, per Site::equivalents: the metal-equivalent production.
  std::vector<std::vector<accounting::EquivalentValue>> equivalents;
  // With AccountOptions::reconciled, per period: the totals as measured
  // (`totals` holds the reconciled ones) and what the balance did to each
  // stream's values (`orebook explain --reconciled`). Empty otherwise.
  std::vector<accounting::PeriodTotals> measured;
  std::vector<balance::Reconciliation> reconciliation;
  // A cache, not a result: every stream's rows (accounting::rows_by_stream),
  // made the first time `orebook explain` (or report --provenance, close)
  // looks for a stream's rows, then shared by every figure's tree: 1,225
  // trees of a million rows took 5 s scanning the whole file for each node.
  mutable std::optional<std::vector<std::vector<std::uint32_t>>> rows_by_stream;
};
Accounted account(const dataset::Dataset& ds, const std::vector<calendar::Period>& periods,
                  core::Diagnostics& diags, const AccountOptions& options = {});

// Period k's statistics with each metal's realized price and currency of
// the settled lots when there are lots (as for the by-product credits,
// costs/results.cpp), else of sales.csv as they are.
accounting::OperatingStatistics with_sale_prices(const Accounted& a, std::size_t k);

// Period k of `a` for the highlights: its statistics, and each metal's
// realized price and currency (of the settled lots when there are lots,
// else of sales.csv).
void add_for_highlights(const dataset::Dataset& ds, const Accounted& a, std::size_t k,
                        orebook::report::HighlightInputs& in);

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
  core::Progress progress("balance", totals.size(), "periods");
  auto work = [&] {
    for (std::size_t i = next++; i < totals.size(); i = next++) {
      out[i] = keep(i, balance::balance_period(ds, flowsheet, rows, totals[i]));
      progress.add();
    }
  };
  const std::size_t threads =
      std::min<std::size_t>(std::max(1u, std::thread::hardware_concurrency()), totals.size());
  std::vector<std::thread> pool;
  for (std::size_t t = 1; t < threads; ++t) pool.emplace_back(work);
  work();
  for (auto& t : pool) t.join();
  return out;
}

// The tables of `orebook results` for `periods` (the first is the period, a
// second its comparison), accounted in `a`: the financial summary, the
// operating statistics, the cost tables and, with [[guidance]], guidance
// against the year to date. nullopt when the year to date has errors.
std::optional<std::vector<orebook::report::Table>> results_tables(
    const dataset::Dataset& ds, const std::vector<calendar::Period>& periods, const Accounted& a,
    core::Diagnostics& diags);

// The tables of a command against the ledger of closed periods
// (pipeline/ledger.cpp): for each of their periods that is closed, a
// "restated" warning for every figure that differs from the close (the old
// and new values, the input rows and files changed since), or with
// options.as_closed the closed figures in place of the computed ones. `a`
// holds the tables' periods in their order. Returns the ledger file read (an
// input of the run, which -o may not overwrite); empty when none was.
std::string against_ledger(const dataset::Dataset& ds, const Accounted& a,
                           const LedgerOptions& options,
                           std::vector<orebook::report::Table>& tables, core::Diagnostics& diags);

// Tables rendered as the command's Outcome: one table on its own (in JSON an
// object), several one after another (in JSON {"tables": [...]}).
// The files of `ds` are the run's inputs.
Outcome rendered(const dataset::Dataset& ds, const orebook::report::Table& table,
                 orebook::report::Format format);
Outcome rendered(const dataset::Dataset& ds, const std::vector<orebook::report::Table>& tables,
                 orebook::report::Format format);

}  // namespace orebook::pipeline
