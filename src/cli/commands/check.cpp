// orebook check FILE

#include <memory>

#include "cli.h"

namespace orebook::cli {

void add_check(CLI::App& app, int& exit) {
  struct State {
    pipeline::CheckRequest request;
    OutputOptions output;
  };
  auto s = std::make_shared<State>();
  auto* cmd = app.add_subcommand(
      "check",
      "Cross-check a results release: recompute every relation between its figures\n"
      "over the precision they are printed with, and list what ties and what does not.\n"
      "Example: orebook check release.txt");
  cmd->add_option("file", s->request.file, "The release, as plain text")->required();
  add_output_options(*cmd, s->output);
  cmd->callback([s, &exit] {
    const auto format = pick_format(s->output);
    core::Diagnostics diags;
    exit = finish(pipeline::check(s->request, format, diags), diags, s->output);
  });
}

}  // namespace orebook::cli
