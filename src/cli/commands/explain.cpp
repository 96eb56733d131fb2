// orebook explain DATASET KEY --period P [--reconciled] [--format text|json]

#include "cli.h"

namespace orebook::cli {

void add_explain(CLI::App& app, int& exit) {
  const auto c = add_command<pipeline::ExplainRequest>(
      app, exit, "explain",
      "One figure of a period as the tree of its formula, each input with its value,\n"
      "down to the input rows it is summed from.\n"
      "Example: orebook explain examples/san-gonzalo recovery.Ag --period 2013",
      &pipeline::explain);
  auto& r = *c.request;
  c.command->add_option("dataset", r.dataset, "Dataset folder")->required();
  c.command
      ->add_option("key", r.key,
                   "Key of the figure, as `orebook report --format json` names it: "
                   "recovery.Ag, mill.head_grade.Zn, production.Pb …")
      ->required();
  c.command->add_option("--period,-p", r.period, "Period: 2012-01, 2012Q1, 2012H1, 2012 …")
      ->required();
  c.command->add_flag("--reconciled", r.reconciled,
                      "The figure of `orebook report --reconciled`: each flowsheet stream's "
                      "reconciled value over its measured one and the balance's adjustment");
  c.add_output_options("text or json", false);
  c.command->get_option("--format")->check(CLI::IsMember({"text", "json"}));
}

}  // namespace orebook::cli
