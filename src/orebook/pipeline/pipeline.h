#pragma once
// orebook's commands, one entry point each, named after the command
// (docs/cli.md). Every command runs the same way, request → domain → table:
//
//   parse the request    periods, dates, prices named on the command line
//   load                 dataset::load: site.toml and every data file, validated
//   balance (optional)   balance::balance_period, each period on its own, on every core
//   account              accounting::aggregate, operating_statistics: totals, grades,
//                        recoveries, throughput, production per period
//   settle               sales::settle, payable_production (with lots / contracts)
//   cost                 costs::compute (with costs.csv): cash cost, AISC, cost of sales
//   tables               report::…: Tables of Figures (or a balance, the checks of a release)
//   render               text, Markdown, CSV or JSON; or, once the run is over,
//                        a workbook or an HTML page (render_document)
//
// `account()` in stages.h runs balance → account → settle → cost for any
// periods; the commands call it for what they show (results: also the year to
// date and the period before). Each stage adds its problems to one
// Diagnostics list, so one run reports every bad row; a command returns
// nullopt when that list holds errors, and nothing is written.

#include <functional>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "orebook/core/diagnostic.h"
#include "orebook/core/error.h"
#include "orebook/report/document.h"
#include "orebook/report/figure.h"
#include "orebook/report/render.h"

namespace orebook::pipeline {

// What every command returns: its output in the format asked for, and how
// the run ends.
struct Outcome {
  std::string output;  // for standard output, or the file of -o
  // One line for standard error after the diagnostics ("dataset: 18 errors").
  std::string summary;
  core::ExitCode exit = core::ExitCode::ok;
  // Every file the run read: -o may not name one of them.
  std::vector<std::string> inputs;
  // The output lists the diagnostics itself (validate --format json), so they
  // are not printed again; it is written even when the exit code is bad_input.
  bool diagnostics_in_output = false;
  // When set, the output is written by this instead of `output`, as it is
  // made (orebook check of a long text), and it returns the exit code.
  std::function<core::ExitCode(std::ostream&)> write = nullptr;
  // For a document format (xlsx, html): the tables, made into the document
  // by render_document once the run's warnings are all known; `output` is
  // empty then.
  std::vector<orebook::report::Table> tables;
  std::vector<orebook::report::Chart> charts;  // html: drawn above the tables
  std::string dataset;                         // the folder or problem file the tables come from
};

// The document (workbook, HTML page) of an outcome's tables, with the
// command that made it, orebook's version, the files read with their
// SHA-256 and the warnings in `diags`.
std::string render_document(const Outcome& outcome, orebook::report::Format format,
                            const core::Diagnostics& diags, const std::string& command);

// A name and a number from the command line: "Ag=4965".
struct NamedValue {
  std::string name;
  double value = 0.0;
};
// A product and its named values: "pb_con:Ag=4965,Pb=63".
struct ProductValues {
  std::string product;
  std::vector<NamedValue> values;
  std::string text;  // as given, for messages
};
// A price on the command line: "Ag=31.54/oz".
struct PriceOverride {
  std::string metal;
  double price = 0.0;  // in the contract currency per `unit`
  std::string unit;    // "oz", "lb", "t" …
  std::string text;    // as given, for messages
};

// The ledger of closed periods a command reads (docs/cli.md, "close"):
// `location` is an SQLite file or a postgresql:// URI; empty: the dataset's
// own, DATASET/.orebook/ledger.db, when it has one. A command that shows a
// closed period warns of every figure that differs from the close
// ("restated"), or with `as_closed` shows the closed figures instead.
struct LedgerOptions {
  std::string location;
  bool as_closed = false;
};
// The ledger at `option`, or the dataset's own.
std::string ledger_location(const std::string& dataset, const std::string& option);

// `orebook report`: operating statistics of a period and its comparisons.
struct ReportRequest {
  std::string dataset;       // folder
  std::string period;        // "2012Q1", "2012-03", "2012-01-05..2012-02-10" …
  std::string compare;       // empty: none
  bool all_streams = false;  // add every stream's tonnes and grades
  bool reconciled = false;   // flowsheet streams at their reconciled values
  // "month", "quarter" or "year": a column for each of them in `period`,
  // oldest first, and highlights comparing the last with the one before and
  // with the same period a year before.
  std::string each;
  // JSON: each figure's input rows per period (pipeline/explain.h).
  bool provenance = false;
  LedgerOptions ledger;
};
std::optional<Outcome> report(const ReportRequest& request, orebook::report::Format format,
                              core::Diagnostics& diags);

// `orebook results` and `orebook highlights`: the results package of a period
// (financial summary, operating statistics, costs with their reconciliation,
// guidance, highlights), or its highlights alone.
struct ResultsRequest {
  std::string dataset;
  std::string period;
  std::string compare;  // empty: none
  LedgerOptions ledger;
};
std::optional<Outcome> results(const ResultsRequest& request, orebook::report::Format format,
                               core::Diagnostics& diags);
std::optional<Outcome> highlights(const ResultsRequest& request, orebook::report::Format format,
                                  core::Diagnostics& diags);

// `orebook settle`: the settlement statement of a period: period totals,
// then one table per lot.
struct SettleRequest {
  std::string dataset;
  std::string period;
};
std::optional<Outcome> settle(const SettleRequest& request, orebook::report::Format format,
                              core::Diagnostics& diags);

// `orebook nsr`: one dry tonne of each concentrate given valued under the
// dataset's contracts and, with head grades and recoveries, one tonne of ore.
struct NsrRequest {
  std::string dataset;
  // Assays of each concentrate in the grade unit of each metal of site.toml;
  // other names are penalty elements, in their unit as in lots.csv.
  std::vector<ProductValues> concentrates;
  std::string date;                       // contracts in force on this day; empty: the latest
  std::string month;                      // average prices of this month from prices.csv
  std::vector<PriceOverride> prices;      // overrides, in the contract currency
  double moisture_pct = 0.0;              // for freight
  std::vector<NamedValue> head;           // ore head grades, in each metal's grade unit
  std::vector<ProductValues> recoveries;  // a product's main metal and its recovery, %
};
std::optional<Outcome> nsr(const NsrRequest& request, orebook::report::Format format,
                           core::Diagnostics& diags);

// `orebook balance`: a dataset's flowsheet balanced over a period (or each
// day, month or quarter of it), or a stand-alone problem file.
struct BalanceRequest {
  std::string dataset;  // with period; or
  std::string problem;  // a problem in one TOML or CSV file
  std::string period;
  std::string each;  // "day", "month", "quarter"; empty: the period as a whole
  // A problem file's options from the command line, over the file's own.
  std::optional<double> alpha;
  bool eliminate = false;
};
std::optional<Outcome> balance(const BalanceRequest& request, orebook::report::Format format,
                               core::Diagnostics& diags);

// `orebook check`: every relation between the figures of a results release,
// recomputed over their printed precision; exit check_failed when a
// checkable relation does not tie.
struct CheckRequest {
  std::string file;
  bool show = false;  // list what was read and skipped before the checks
};
std::optional<Outcome> check(const CheckRequest& request, orebook::report::Format format,
                             core::Diagnostics& diags);

// `orebook explain`: one figure of a period as the tree of its formula, each
// input with its value, down to the input rows it is summed from.
struct ExplainRequest {
  std::string dataset;
  std::string key;  // a key of the operating statistics, "recovery.Ag"
  std::string period;
  bool reconciled = false;  // the figures of report --reconciled, traced through the balance
};
std::optional<Outcome> explain(const ExplainRequest& request, orebook::report::Format format,
                               core::Diagnostics& diags);

// `orebook close`: records a period's figures in the ledger, with the
// SHA-256 of every input file and of every row its traced figures use, who
// and when; closing it again is a restatement, which needs `restate` and a
// note.
struct CloseRequest {
  std::string dataset;
  std::string period;
  std::string by;
  std::string note;
  std::string ledger;  // empty: DATASET/.orebook/ledger.db
  bool restate = false;
};
std::optional<Outcome> close(const CloseRequest& request, orebook::report::Format format,
                             core::Diagnostics& diags);

// `orebook history`: every close of the ledger (of one period, with `period`),
// oldest first, with who, when and why; with `key`, that figure's value in each.
struct HistoryRequest {
  std::string dataset;
  std::string key;     // empty: every close, with how many figures changed
  std::string period;  // empty: every period
  std::string ledger;
};
std::optional<Outcome> history(const HistoryRequest& request, orebook::report::Format format,
                               core::Diagnostics& diags);

// `orebook ledger verify`: recomputes the ledger's hash chain; exit
// check_failed when an entry was edited, deleted or reordered, or `head` (a
// head printed by an earlier close) is not in the chain.
struct LedgerVerifyRequest {
  std::string dataset;
  std::string ledger;
  std::string head;
};
std::optional<Outcome> ledger_verify(const LedgerVerifyRequest& request,
                                     orebook::report::Format format, core::Diagnostics& diags);

// `orebook validate`: loads a dataset and reports every problem found (text
// or json); always an Outcome, exit bad_input when the dataset has errors.
struct ValidateRequest {
  std::string dataset;
};
std::optional<Outcome> validate(const ValidateRequest& request, orebook::report::Format format,
                                core::Diagnostics& diags);

}  // namespace orebook::pipeline
