// orebook report DATASET --period P [--compare C | --each month|quarter|year] [--streams]
//   [--reconciled]

#include "cli.h"

namespace orebook::cli {

void add_report(CLI::App& app, int& exit) {
  const auto c = add_command<pipeline::ReportRequest>(
      app, exit, "report",
      "Operating statistics of a period, optionally against another, or of each\n"
      "month, quarter or year of it.\n"
      "Example: orebook report examples/nuestra-senora --period 2014Q1 --compare 2013Q1",
      &pipeline::report);
  auto& r = *c.request;
  c.command->add_option("dataset", r.dataset, "Dataset folder (site.toml, streams.csv, sales.csv)")
      ->required();
  c.command
      ->add_option("--period,-p", r.period,
                   "Period: 2012-01-05, 2012-01, 2012Q1, 2012H1, 2012 "
                   "or 2012-01-05..2012-02-10")
      ->required();
  c.command->add_option("--compare,-c", r.compare, "Period to compare with");
  c.command
      ->add_option("--each", r.each,
                   "A column for each month, quarter or year of the period, oldest first")
      ->check(CLI::IsMember({"month", "quarter", "year"}));
  c.add_output_options();
  c.command->add_flag("--streams", r.all_streams, "Add every stream's tonnes and grades");
  add_ledger_options(*c.command, r.ledger);
  c.command->add_flag("--provenance", r.provenance,
                      "JSON: each figure's input rows (file and lines) per period");
  c.command->add_flag("--reconciled", r.reconciled,
                      "Tonnes and grades of the flowsheet's streams as balanced (orebook balance)");
}

}  // namespace orebook::cli
