// orebook results DATASET --period P [--compare C]
// orebook highlights DATASET --period P [--compare C]

#include "cli.h"

namespace orebook::cli {

namespace {

// results and highlights take the same request.
void add_results_options(const Command<pipeline::ResultsRequest>& c) {
  c.command->add_option("dataset", c.request->dataset, "Dataset folder")->required();
  c.command->add_option("--period,-p", c.request->period, "Period, as for report")->required();
  c.command->add_option("--compare,-c", c.request->compare, "Period to compare with");
  c.add_output_options();
  add_ledger_options(*c.command, c.request->ledger);
}

}  // namespace

void add_results(CLI::App& app, int& exit) {
  add_results_options(add_command<pipeline::ResultsRequest>(
      app, exit, "results",
      "The results package of a period: financial summary, operating statistics,\n"
      "cash cost and AISC with their reconciliation to cost of sales, highlights.\n"
      "Example: orebook results examples/nuestra-senora --period 2014Q1 --compare 2013Q1",
      &pipeline::results));
}

void add_highlights(CLI::App& app, int& exit) {
  add_results_options(add_command<pipeline::ResultsRequest>(
      app, exit, "highlights",
      "The highlights of a period as sentences, every number computed.\n"
      "Example: orebook highlights examples/nuestra-senora --period 2014Q1 --compare 2013Q1",
      &pipeline::highlights));
}

}  // namespace orebook::cli
