// orebook results DATASET --period P [--compare C]
// orebook highlights DATASET --period P [--compare C]

#include <memory>

#include "cli.h"

namespace orebook::cli {

namespace {

using Run = std::optional<pipeline::Outcome> (*)(const pipeline::ResultsRequest&, report::Format,
                                                 core::Diagnostics&);

// results and highlights take the same request.
void add_results_command(CLI::App& app, int& exit, const char* name, const char* description,
                         Run run) {
  struct State {
    pipeline::ResultsRequest request;
    OutputOptions output;
  };
  auto s = std::make_shared<State>();
  auto* cmd = app.add_subcommand(name, description);
  cmd->add_option("dataset", s->request.dataset, "Dataset folder")->required();
  cmd->add_option("--period,-p", s->request.period, "Period, as for report")->required();
  cmd->add_option("--compare,-c", s->request.compare, "Period to compare with");
  add_output_options(*cmd, s->output);
  cmd->callback([s, run, &exit] {
    const auto format = pick_format(s->output);
    core::Diagnostics diags;
    exit = finish(run(s->request, format, diags), diags, s->output);
  });
}

}  // namespace

void add_results(CLI::App& app, int& exit) {
  add_results_command(
      app, exit, "results",
      "The results package of a period: financial summary, operating statistics,\n"
      "cash cost and AISC with their reconciliation to cost of sales, highlights.\n"
      "Example: orebook results examples/bellekeno --period 2012Q1 --compare 2011Q1",
      &pipeline::results);
}

void add_highlights(CLI::App& app, int& exit) {
  add_results_command(
      app, exit, "highlights",
      "The highlights of a period as sentences, every number computed.\n"
      "Example: orebook highlights examples/bellekeno --period 2012Q1 --compare 2011Q1",
      &pipeline::highlights);
}

}  // namespace orebook::cli
