// orebook report DATASET --period P [--compare C] [--streams] [--reconciled]

#include <memory>

#include "cli.h"

namespace orebook::cli {

void add_report(CLI::App& app, int& exit) {
  struct State {
    pipeline::ReportRequest request;
    std::string period, compare;
    OutputOptions output;
  };
  auto s = std::make_shared<State>();
  auto* cmd = app.add_subcommand(
      "report",
      "Operating statistics of a period, optionally against another.\n"
      "Example: orebook report examples/bellekeno --period 2012Q1 --compare 2011Q1");
  cmd->add_option("dataset", s->request.dataset,
                  "Dataset folder (site.toml, streams.csv, sales.csv)")
      ->required();
  cmd->add_option("--period,-p", s->period,
                  "Period: 2012-01-05, 2012-01, 2012Q1, 2012H1, 2012 "
                  "or 2012-01-05..2012-02-10")
      ->required();
  cmd->add_option("--compare,-c", s->compare, "Period to compare with");
  add_output_options(*cmd, s->output);
  cmd->add_flag("--streams", s->request.all_streams, "Add every stream's tonnes and grades");
  cmd->add_flag("--reconciled", s->request.reconciled,
                "Tonnes and grades of the flowsheet's streams as balanced (orebook balance)");
  cmd->callback([s, &exit] {
    const auto format = pick_format(s->output);
    s->request.periods = {s->period};
    if (!s->compare.empty()) s->request.periods.push_back(s->compare);
    core::Diagnostics diags;
    exit = finish(pipeline::report(s->request, format, diags), diags, s->output);
  });
}

}  // namespace orebook::cli
