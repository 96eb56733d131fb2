// orebook settle DATASET --period P

#include "cli.h"

namespace orebook::cli {

void add_settle(CLI::App& app, int& exit) {
  const auto c = add_command<pipeline::SettleRequest>(
      app, exit, "settle",
      "Settle every concentrate lot for a period: provisional invoice, mark-to-market,\n"
      "final settlement, and the period's sales totals.\n"
      "Example: orebook settle examples/demo-mine --period 2012Q1",
      &pipeline::settle);
  c.command
      ->add_option("dataset", c.request->dataset,
                   "Dataset folder (with contracts.toml, prices.csv, lots.csv)")
      ->required();
  c.command->add_option("--period,-p", c.request->period, "Period, as for report")->required();
  c.add_output_options();
}

}  // namespace orebook::cli
