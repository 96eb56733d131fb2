// orebook validate DATASET [--format text|json]

#include <memory>

#include "cli.h"

namespace orebook::cli {

void add_validate(CLI::App& app, int& exit) {
  struct State {
    pipeline::ValidateRequest request;
    OutputOptions output;
  };
  auto s = std::make_shared<State>();
  auto* cmd = app.add_subcommand("validate",
                                 "Check a dataset and report every problem found.\n"
                                 "Example: orebook validate examples/bellekeno");
  cmd->add_option("dataset", s->request.dataset, "Dataset folder")->required();
  add_output_options(*cmd, s->output, "text or json");
  cmd->get_option("--format")->check(CLI::IsMember({"text", "json"}));
  cmd->callback([s, &exit] {
    const auto format = pick_format(s->output);
    core::Diagnostics diags;
    exit = finish(pipeline::validate(s->request, format, diags), diags, s->output);
  });
}

}  // namespace orebook::cli
