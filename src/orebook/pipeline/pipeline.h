#pragma once
// The pipeline, readable in one screen (shared/docs/style.md §2):
// load → validate → account → report. Each stage adds its problems to one
// Diagnostics list, so a run reports every problem it can find.

#include <optional>
#include <string>
#include <vector>

#include "orebook/core/diagnostic.h"
#include "orebook/dataset/dataset.h"
#include "orebook/report/figure.h"
#include "orebook/report/render.h"

namespace orebook {

struct ReportRequest {
  std::string dataset;               // folder
  std::vector<std::string> periods;  // current period first, then comparisons
  bool all_streams = false;          // add every stream's tonnes and grades
  bool reconciled = false;           // flowsheet streams at their reconciled values
};

// The operating statistics table; nullopt when diags holds errors.
std::optional<report::Table> operating_report(const ReportRequest& request,
                                              core::Diagnostics& diags);

// What `orebook nsr` values: one dry tonne of each concentrate given, and,
// with head grades and recoveries, one tonne of ore.
struct NsrRequest {
  std::string dataset;
  // "pb_con:Ag=4965,Pb=63,As=0.45": product, then assays in the dataset's
  // grade unit of each metal (penalty elements as in lots.csv).
  std::vector<std::string> concentrates;
  std::string date;                 // contracts in force on this day; empty: the latest
  std::string month;                // average prices of this month from prices.csv
  std::vector<std::string> prices;  // "Ag=31.54/oz": overrides, in the contract currency
  double moisture_pct = 0.0;
  std::string head;                     // "Ag=899,Pb=11.3,Zn=5.7"
  std::vector<std::string> recoveries;  // "pb_con:Pb=93": recovery of a product's main metal
};
std::optional<std::vector<report::Table>> nsr(const NsrRequest& request, core::Diagnostics& diags);

struct ResultsRequest {
  std::string dataset;
  std::string period;
  std::string compare;           // empty: none
  bool only_highlights = false;  // `orebook highlights`: the sentences alone
};
// The results package: financial summary, operating statistics, costs with
// their reconciliation, highlights.
std::optional<std::vector<report::Table>> results(const ResultsRequest& request,
                                                  core::Diagnostics& diags);

struct SettleRequest {
  std::string dataset;
  std::string period;
};
// The settlement statement: period totals, then one table per lot.
std::optional<std::vector<report::Table>> settlement(const SettleRequest& request,
                                                     core::Diagnostics& diags);

struct BalanceRequest {
  std::string dataset;
  std::string period;
  std::string
      each;  // "day", "month", "quarter": balance each such part of the period; empty: the whole
};
// `orebook balance DATASET --period P [--each day]`: the period's flowsheet
// balanced (or each of its days), rendered.
std::optional<std::string> reconcile(const BalanceRequest& request, report::Format format,
                                     core::Diagnostics& diags);

// `orebook check FILE`: every relation between the figures of a results
// release, recomputed over their printed precision. `failed` is set when a
// checkable relation does not tie.
struct CheckOutcome {
  std::string text;
  bool failed = false;
};
std::optional<CheckOutcome> check_release(const std::string& file, report::Format format,
                                          core::Diagnostics& diags);

struct ValidateSummary {
  std::size_t stream_rows = 0;
  std::size_t sales_rows = 0;
  std::size_t contracts = 0;
  std::size_t lots = 0;
  std::size_t streams = 0;
  std::size_t metals = 0;
};
// Loads the dataset and reports every problem found.
ValidateSummary validate(const std::string& dataset, core::Diagnostics& diags);

}  // namespace orebook
