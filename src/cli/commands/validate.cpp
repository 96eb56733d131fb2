// orebook validate DATASET [--format text|json]

#include "cli.h"

namespace orebook::cli {

void add_validate(CLI::App& app, int& exit) {
  const auto c =
      add_command<pipeline::ValidateRequest>(app, exit, "validate",
                                             "Check a dataset and report every problem found.\n"
                                             "Example: orebook validate examples/nuestra-senora",
                                             &pipeline::validate);
  c.command->add_option("dataset", c.request->dataset, "Dataset folder")->required();
  c.add_output_options("text or json", false);
  c.command->get_option("--format")->check(CLI::IsMember({"text", "json"}));
}

}  // namespace orebook::cli
