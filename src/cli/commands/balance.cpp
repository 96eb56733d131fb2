// orebook balance DATASET --period P [--each day|month|quarter]
// orebook balance --problem FILE.toml|FILE.csv [--alpha A] [--eliminate]

#include "cli.h"

namespace orebook::cli {

void add_balance(CLI::App& app, int& exit) {
  const auto c = add_command<pipeline::BalanceRequest>(
      app, exit, "balance",
      "Data reconciliation: adjust measured flows and assays by least squares so every\n"
      "node balances, classify them, test for gross errors, check-in/check-out.\n"
      "Examples: orebook balance examples/demo-mine --period 2012-03\n"
      "          orebook balance examples/demo-mine --period 2012Q1 --each day\n"
      "          orebook balance --problem tests/data/narasimhan-jordache.toml",
      &pipeline::balance);
  auto& r = *c.request;
  auto* dataset = c.command->add_option("dataset", r.dataset, "Dataset folder with a flowsheet");
  auto* problem = c.command->add_option(
      "--problem", r.problem, "A stand-alone problem in one TOML file, or a CSV file of streams");
  auto* period = c.command->add_option("--period,-p", r.period,
                                       "Period to balance: 2012-03, 2012Q1, 2012-03-14 ...");
  c.command
      ->add_option("--each", r.each, "Balance each day, month or quarter of the period on its own")
      ->check(CLI::IsMember({"day", "month", "quarter"}))
      ->needs(period);
  c.command->add_option("--alpha", r.alpha, "Significance level of the tests, for a problem file")
      ->check(CLI::Range(0.0, 1.0).description("a level between 0 and 1, such as 0.05"))
      ->needs(problem);
  c.command
      ->add_flag("--eliminate", r.eliminate,
                 "Serial elimination of gross errors, for a problem file")
      ->needs(problem);
  dataset->excludes(problem);
  dataset->needs(period);
  period->needs(dataset);
  c.command->require_option(1, 0);
  c.add_output_options();
}

}  // namespace orebook::cli
