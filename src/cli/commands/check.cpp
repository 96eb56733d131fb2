// orebook check FILE

#include "cli.h"

namespace orebook::cli {

void add_check(CLI::App& app, int& exit) {
  const auto c = add_command<pipeline::CheckRequest>(
      app, exit, "check",
      "Cross-check a results release: recompute every relation between its figures\n"
      "over the precision they are printed with, and list what ties and what does not.\n"
      "Example: orebook check release.txt",
      &pipeline::check);
  c.command->add_option("file", c.request->file, "The release, as plain text")->required();
  c.command->add_flag("--show", c.request->show,
                      "First list every table, column and row read, the item each row was\n"
                      "identified as, and every line skipped with the reason");
  c.add_output_options("text, md, csv or json", false);
}

}  // namespace orebook::cli
