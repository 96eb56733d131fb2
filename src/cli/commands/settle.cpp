// orebook settle DATASET --period P

#include <memory>

#include "cli.h"

namespace orebook::cli {

void add_settle(CLI::App& app, int& exit) {
  struct State {
    pipeline::SettleRequest request;
    OutputOptions output;
  };
  auto s = std::make_shared<State>();
  auto* cmd = app.add_subcommand(
      "settle",
      "Settle every concentrate lot for a period: provisional invoice, mark-to-market,\n"
      "final settlement, and the period's sales totals.\n"
      "Example: orebook settle examples/demo-mine --period 2012Q1");
  cmd->add_option("dataset", s->request.dataset,
                  "Dataset folder (with contracts.toml, prices.csv, lots.csv)")
      ->required();
  cmd->add_option("--period,-p", s->request.period, "Period, as for report")->required();
  add_output_options(*cmd, s->output);
  cmd->callback([s, &exit] {
    const auto format = pick_format(s->output);
    core::Diagnostics diags;
    exit = finish(pipeline::settle(s->request, format, diags), diags, s->output);
  });
}

}  // namespace orebook::cli
