// orebook close DATASET --period P --by NAME [--note TEXT] [--restate] [--ledger L]
// orebook history DATASET [KEY] [--period P] [--ledger L]
// orebook ledger verify DATASET [--ledger L] [--head HASH]

#include "cli.h"

namespace orebook::cli {

namespace {

constexpr const char* kLedgerHelp =
    "The ledger: an SQLite file, or postgresql://… (default DATASET/.orebook/ledger.db)";

}  // namespace

void add_ledger_options(CLI::App& command, pipeline::LedgerOptions& options) {
  command.add_option("--ledger", options.location, kLedgerHelp);
  command.add_flag("--as-closed", options.as_closed,
                   "Closed periods as the ledger holds them, not as computed now");
}

void add_close(CLI::App& app, int& exit) {
  const auto c = add_command<pipeline::CloseRequest>(
      app, exit, "close",
      "Record a period's figures in the ledger, with the SHA-256 of every input file\n"
      "and of every row they use; closing it again needs --restate and a note.\n"
      "Example: orebook close examples/nuestra-senora --period 2014Q2 --by \"A. Controller\"",
      &pipeline::close);
  auto& r = *c.request;
  c.command->add_option("dataset", r.dataset, "Dataset folder")->required();
  c.command->add_option("--period,-p", r.period, "Period, as for report")->required();
  c.command->add_option("--by", r.by, "Who closes it")->required();
  c.command->add_option("--note", r.note, "Why (required with --restate)");
  c.command->add_flag("--restate", r.restate,
                      "Close a closed period again; the versions before are kept");
  c.command->add_option("--ledger", r.ledger, kLedgerHelp);
  c.add_output_options("text or json", false);
  c.command->get_option("--format")->check(CLI::IsMember({"text", "json"}));
}

void add_history(CLI::App& app, int& exit) {
  const auto c = add_command<pipeline::HistoryRequest>(
      app, exit, "history",
      "Every close in the ledger, oldest first, with who, when and why; with KEY,\n"
      "that figure's value in each.\n"
      "Example: orebook history examples/nuestra-senora mill.head_grade.Zn --period 2014Q2",
      &pipeline::history);
  auto& r = *c.request;
  c.command->add_option("dataset", r.dataset, "Dataset folder")->required();
  c.command->add_option("key", r.key, "Key of a figure, as report --format json names it");
  c.command->add_option("--period,-p", r.period, "Only the closes of this period");
  c.command->add_option("--ledger", r.ledger, kLedgerHelp);
  c.add_output_options("text or json", false);
  c.command->get_option("--format")->check(CLI::IsMember({"text", "json"}));
}

void add_ledger(CLI::App& app, int& exit) {
  CLI::App* ledger = app.add_subcommand("ledger", "The ledger of closed periods");
  ledger->require_subcommand(1);
  const auto c = add_command<pipeline::LedgerVerifyRequest>(
      *ledger, exit, "verify",
      "Recompute the ledger's hash chain: exit 1 when an entry was edited, deleted or\n"
      "reordered, or --head (printed by an earlier close) is not in the chain.\n"
      "Example: orebook ledger verify examples/nuestra-senora",
      &pipeline::ledger_verify);
  auto& r = *c.request;
  c.command->add_option("dataset", r.dataset, "Dataset folder")->required();
  c.command->add_option("--ledger", r.ledger, kLedgerHelp);
  c.command->add_option("--head", r.head,
                        "A ledger head printed earlier, which must still be in the chain");
  c.add_output_options("text or json", false);
  c.command->get_option("--format")->check(CLI::IsMember({"text", "json"}));
}

}  // namespace orebook::cli
