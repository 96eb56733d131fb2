// orebook balance DATASET --period P [--each day|month|quarter]
// orebook balance --problem FILE.toml

#include <memory>

#include "cli.h"

namespace orebook::cli {

void add_balance(CLI::App& app, int& exit) {
  struct State {
    pipeline::BalanceRequest request;
    OutputOptions output;
  };
  auto s = std::make_shared<State>();
  auto* cmd = app.add_subcommand(
      "balance",
      "Data reconciliation: adjust measured flows and assays by least squares so every\n"
      "node balances, classify them, test for gross errors, check-in/check-out.\n"
      "Examples: orebook balance examples/demo-mine --period 2012-03\n"
      "          orebook balance examples/demo-mine --period 2012Q1 --each day\n"
      "          orebook balance --problem tests/data/narasimhan-jordache.toml");
  auto* dataset = cmd->add_option("dataset", s->request.dataset, "Dataset folder with a flowsheet");
  auto* problem =
      cmd->add_option("--problem", s->request.problem, "A stand-alone problem in one TOML file");
  auto* period = cmd->add_option("--period,-p", s->request.period,
                                 "Period to balance: 2012-03, 2012Q1, 2012-03-14 ...");
  cmd->add_option("--each", s->request.each,
                  "Balance each day, month or quarter of the period on its own")
      ->check(CLI::IsMember({"day", "month", "quarter"}))
      ->needs(period);
  dataset->excludes(problem);
  dataset->needs(period);
  period->needs(dataset);
  cmd->require_option(1, 0);
  add_output_options(*cmd, s->output);
  cmd->callback([s, &exit] {
    const auto format = pick_format(s->output);
    core::Diagnostics diags;
    exit = finish(pipeline::balance(s->request, format, diags), diags, s->output);
  });
}

}  // namespace orebook::cli
