// The orebook command line: parses arguments, calls the library, prints.
// Exit codes (docs/cli.md): 0 ok, 1 a check failed, 2 bad input or usage.

#include <cstdio>
#include <fstream>
#include <iostream>

#include <fmt/format.h>
#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include "orebook/balance/linear.h"
#include "orebook/balance/problem.h"
#include "orebook/core/error.h"
#include "orebook/pipeline/pipeline.h"
#include "orebook/report/balance_report.h"
#include "orebook/report/render.h"

namespace {

using orebook::core::Diagnostics;

void print_diagnostics(const Diagnostics& diags) {
  for (const auto& d : diags.items()) std::cerr << orebook::core::to_string(d) << "\n";
  if (diags.dropped() > 0) {
    std::cerr << fmt::format("... and {} more problems not shown\n", diags.dropped());
  }
}

nlohmann::ordered_json diagnostics_json(const Diagnostics& diags) {
  auto arr = nlohmann::ordered_json::array();
  for (const auto& d : diags.items()) {
    arr.push_back({{"file", d.file},
                   {"line", d.line},
                   {"column", d.column},
                   {"severity", d.severity == orebook::core::Severity::error ? "error" : "warning"},
                   {"code", d.code},
                   {"message", d.message},
                   {"found", d.found},
                   {"expected", d.expected}});
  }
  return arr;
}

orebook::report::Format pick_format(const std::string& format, const std::string& output) {
  if (!format.empty()) {
    if (auto f = orebook::report::format_from_string(format)) return *f;
    throw orebook::core::Error(
        fmt::format("unknown --format '{}': expected text, md, csv or json", format));
  }
  if (!output.empty()) {
    if (auto f = orebook::report::format_from_path(output)) return *f;
  }
  return orebook::report::Format::text;
}

// Writes everything at once, only after all of it was computed: a failed run
// leaves no partial file.
void write_output(const std::string& text, const std::string& output) {
  if (output.empty() || output == "-") {
    std::cout << text;
    std::cout.flush();
    return;
  }
  const std::string tmp = output + ".tmp";
  {
    std::ofstream out(tmp, std::ios::binary);
    out << text;
    if (!out) throw orebook::core::Error(fmt::format("cannot write {}", output));
  }
  if (std::rename(tmp.c_str(), output.c_str()) != 0) {
    std::remove(tmp.c_str());
    throw orebook::core::Error(fmt::format("cannot write {}", output));
  }
}

// Prints the diagnostics, then writes the tables; exit code 2 (nothing
// written) when there are none to write.
int finish(const std::optional<std::vector<orebook::report::Table>>& tables,
           orebook::report::Format format, const std::string& output, const Diagnostics& diags) {
  print_diagnostics(diags);
  if (!tables) return to_int(orebook::core::ExitCode::bad_input);
  write_output(orebook::report::render(*tables, format), output);
  return to_int(orebook::core::ExitCode::ok);
}

// --format and --output, alike on every subcommand that writes a report.
void add_output_options(CLI::App* command, std::string& format, std::string& output) {
  command->add_option("--format,-O", format, "text, md, csv or json (default: from -o, else text)");
  command->add_option("--output,-o", output, "Write to FILE instead of standard output");
}

int run(int argc, char** argv) {
  CLI::App app{"orebook: metal accounting and production reporting for mines", "orebook"};
  app.set_version_flag("--version", std::string("orebook ") + OREBOOK_VERSION);
  app.require_subcommand(1);

  std::string dataset, period, compare, format, output;
  bool all_streams = false;
  auto* report = app.add_subcommand(
      "report",
      "Operating statistics of a period, optionally against another.\n"
      "Example: orebook report examples/bellekeno --period 2012Q1 --compare 2011Q1");
  report->add_option("dataset", dataset, "Dataset folder (site.toml, streams.csv, sales.csv)")
      ->required();
  report
      ->add_option("--period,-p", period,
                   "Period: 2012-01-05, 2012-01, 2012Q1, 2012H1, 2012 "
                   "or 2012-01-05..2012-02-10")
      ->required();
  report->add_option("--compare,-c", compare, "Period to compare with");
  add_output_options(report, format, output);
  report->add_flag("--streams", all_streams, "Add every stream's tonnes and grades");
  bool reconciled = false;
  report->add_flag("--reconciled", reconciled,
                   "Tonnes and grades of the flowsheet's streams as balanced (orebook balance)");

  std::string settle_period, settle_format, settle_output;
  auto* settle = app.add_subcommand(
      "settle",
      "Settle every concentrate lot for a period: provisional invoice, mark-to-market,\n"
      "final settlement, and the period's sales totals.\n"
      "Example: orebook settle examples/demo-mine --period 2012Q1");
  settle
      ->add_option("dataset", dataset, "Dataset folder (with contracts.toml, prices.csv, lots.csv)")
      ->required();
  settle->add_option("--period,-p", settle_period, "Period, as for report")->required();
  add_output_options(settle, settle_format, settle_output);

  orebook::NsrRequest nsr_request;
  std::string nsr_format, nsr_output;
  auto* nsr = app.add_subcommand(
      "nsr",
      "Value one dry tonne of concentrate (and one tonne of ore) under the dataset's\n"
      "contracts, printing every step.\n"
      "Example: orebook nsr examples/demo-mine --month 2012-03 --moisture 8 \\\n"
      "  --concentrate pb_con:Ag=4965,Pb=63,As=0.45");
  nsr->add_option("dataset", nsr_request.dataset, "Dataset folder (with contracts.toml)")
      ->required();
  nsr->add_option("--concentrate", nsr_request.concentrates,
                  "PRODUCT:METAL=ASSAY,...; assays in each metal's grade unit, penalty elements as "
                  "in lots.csv")
      ->required();
  nsr->add_option("--month", nsr_request.month,
                  "Take average prices of this month from prices.csv");
  nsr->add_option("--price", nsr_request.prices,
                  "METAL=PRICE/UNIT in the contract currency, e.g. Ag=31.54/oz");
  nsr->add_option("--date", nsr_request.date,
                  "Contracts in force on this day (default: the latest)");
  nsr->add_option("--moisture", nsr_request.moisture_pct,
                  "Moisture of the concentrate, % (for freight)");
  nsr->add_option("--head", nsr_request.head,
                  "Ore head grades METAL=GRADE,... (for NSR per tonne of ore)");
  nsr->add_option(
      "--recovery", nsr_request.recoveries,
      "PRODUCT:METAL=PERCENT: recovery of a concentrate's main metal (for NSR per tonne of ore)");
  add_output_options(nsr, nsr_format, nsr_output);

  orebook::ResultsRequest results_request;
  std::string results_format, results_output;
  auto* results = app.add_subcommand(
      "results",
      "The results package of a period: financial summary, operating statistics,\n"
      "cash cost and AISC with their reconciliation to cost of sales, highlights.\n"
      "Example: orebook results examples/bellekeno --period 2012Q1 --compare 2011Q1");
  results->add_option("dataset", results_request.dataset, "Dataset folder")->required();
  results->add_option("--period,-p", results_request.period, "Period, as for report")->required();
  results->add_option("--compare,-c", results_request.compare, "Period to compare with");
  add_output_options(results, results_format, results_output);

  orebook::ResultsRequest highlights_request;
  highlights_request.only_highlights = true;
  std::string highlights_format, highlights_output;
  auto* highlights = app.add_subcommand(
      "highlights",
      "The highlights of a period as sentences, every number computed.\n"
      "Example: orebook highlights examples/bellekeno --period 2012Q1 --compare 2011Q1");
  highlights->add_option("dataset", highlights_request.dataset, "Dataset folder")->required();
  highlights->add_option("--period,-p", highlights_request.period, "Period, as for report")
      ->required();
  highlights->add_option("--compare,-c", highlights_request.compare, "Period to compare with");
  add_output_options(highlights, highlights_format, highlights_output);

  std::string problem_file, balance_format, balance_output;
  orebook::BalanceRequest balance_request;
  auto* balance = app.add_subcommand(
      "balance",
      "Data reconciliation: adjust measured flows and assays by least squares so every\n"
      "node balances, classify them, test for gross errors, check-in/check-out.\n"
      "Examples: orebook balance examples/demo-mine --period 2012-03\n"
      "          orebook balance examples/demo-mine --period 2012Q1 --each day\n"
      "          orebook balance --problem tests/data/narasimhan-jordache.toml");
  auto* balance_dataset =
      balance->add_option("dataset", balance_request.dataset, "Dataset folder with a flowsheet");
  auto* problem_option =
      balance->add_option("--problem", problem_file, "A stand-alone problem in one TOML file");
  auto* balance_period = balance->add_option("--period,-p", balance_request.period,
                                             "Period to balance: 2012-03, 2012Q1, 2012-03-14 ...");
  balance
      ->add_option("--each", balance_request.each,
                   "Balance each day, month or quarter of the period on its own")
      ->check(CLI::IsMember({"day", "month", "quarter"}))
      ->needs(balance_period);
  balance_dataset->excludes(problem_option);
  balance_dataset->needs(balance_period);
  balance_period->needs(balance_dataset);
  balance->require_option(1, 0);
  add_output_options(balance, balance_format, balance_output);

  std::string check_file, check_format, check_output;
  auto* check = app.add_subcommand(
      "check",
      "Cross-check a results release: recompute every relation between its figures\n"
      "over the precision they are printed with, and list what ties and what does not.\n"
      "Example: orebook check release.txt");
  check->add_option("file", check_file, "The release, as plain text")->required();
  add_output_options(check, check_format, check_output);

  std::string vformat;
  auto* validate = app.add_subcommand("validate",
                                      "Check a dataset and report every problem found.\n"
                                      "Example: orebook validate examples/bellekeno");
  validate->add_option("dataset", dataset, "Dataset folder")->required();
  validate->add_option("--format,-O", vformat, "text or json")
      ->check(CLI::IsMember({"text", "json"}));

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);
    return code == 0 ? to_int(orebook::core::ExitCode::ok)
                     : to_int(orebook::core::ExitCode::bad_input);
  }

  Diagnostics diags;
  if (report->parsed()) {
    const auto fmt_kind = pick_format(format, output);
    orebook::ReportRequest request{dataset, {period}, all_streams, reconciled};
    if (!compare.empty()) request.periods.push_back(compare);
    const auto table = orebook::operating_report(request, diags);
    print_diagnostics(diags);
    if (!table) return to_int(orebook::core::ExitCode::bad_input);
    write_output(orebook::report::render(*table, fmt_kind), output);
    return to_int(orebook::core::ExitCode::ok);
  }
  if (settle->parsed()) {
    const auto fmt_kind = pick_format(settle_format, settle_output);
    return finish(orebook::settlement({dataset, settle_period}, diags), fmt_kind, settle_output,
                  diags);
  }
  if (results->parsed()) {
    const auto fmt_kind = pick_format(results_format, results_output);
    return finish(orebook::results(results_request, diags), fmt_kind, results_output, diags);
  }
  if (highlights->parsed()) {
    const auto fmt_kind = pick_format(highlights_format, highlights_output);
    return finish(orebook::results(highlights_request, diags), fmt_kind, highlights_output, diags);
  }
  if (balance->parsed()) {
    const auto fmt_kind = pick_format(balance_format, balance_output);
    if (problem_file.empty()) {
      const auto text = orebook::reconcile(balance_request, fmt_kind, diags);
      print_diagnostics(diags);
      if (!text) return to_int(orebook::core::ExitCode::bad_input);
      write_output(*text, balance_output);
      return to_int(orebook::core::ExitCode::ok);
    }
    const auto problem = orebook::balance::load_problem(problem_file, diags);
    print_diagnostics(diags);
    if (!problem) return to_int(orebook::core::ExitCode::bad_input);
    if (!problem->bilinear.components.empty()) {
      const auto result = orebook::balance::reconcile_bilinear(problem->bilinear, problem->options,
                                                               problem->stream_ids);
      write_output(orebook::report::render_balance(*problem, result, fmt_kind), balance_output);
    } else {
      const auto result = orebook::balance::reconcile_linear(problem->linear, problem->options);
      write_output(orebook::report::render_balance(*problem, result, fmt_kind), balance_output);
    }
    return to_int(orebook::core::ExitCode::ok);
  }
  if (nsr->parsed()) {
    const auto fmt_kind = pick_format(nsr_format, nsr_output);
    return finish(orebook::nsr(nsr_request, diags), fmt_kind, nsr_output, diags);
  }
  if (check->parsed()) {
    const auto fmt_kind = pick_format(check_format, check_output);
    const auto outcome = orebook::check_release(check_file, fmt_kind, diags);
    print_diagnostics(diags);
    if (!outcome) return to_int(orebook::core::ExitCode::bad_input);
    write_output(outcome->text, check_output);
    return outcome->failed ? to_int(orebook::core::ExitCode::check_failed)
                           : to_int(orebook::core::ExitCode::ok);
  }
  if (validate->parsed()) {
    const auto summary = orebook::validate(dataset, diags);
    if (vformat == "json") {
      nlohmann::ordered_json j;
      j["dataset"] = dataset;
      j["valid"] = !diags.has_errors();
      j["errors"] = diags.error_count();
      j["stream_rows"] = summary.stream_rows;
      j["sales_rows"] = summary.sales_rows;
      j["contracts"] = summary.contracts;
      j["lots"] = summary.lots;
      j["diagnostics"] = diagnostics_json(diags);
      std::cout << j.dump(2) << "\n";
    } else {
      print_diagnostics(diags);
      if (!diags.has_errors()) {
        std::cout << fmt::format(
            "{}: ok: {} metals, {} streams, {} stream rows, {} sales rows, {} contracts, {} lots\n",
            dataset, summary.metals, summary.streams, summary.stream_rows, summary.sales_rows,
            summary.contracts, summary.lots);
      } else {
        std::cerr << fmt::format("{}: {} error{}\n", dataset, diags.error_count(),
                                 diags.error_count() == 1 ? "" : "s");
      }
    }
    return diags.has_errors() ? to_int(orebook::core::ExitCode::bad_input)
                              : to_int(orebook::core::ExitCode::ok);
  }
  return to_int(orebook::core::ExitCode::bad_input);
}

}  // namespace

int main(int argc, char** argv) {
  try {
    return run(argc, argv);
  } catch (const orebook::core::Error& e) {
    std::cerr << "orebook: error: " << e.what() << "\n";
    return to_int(e.exit_code());
  } catch (const std::exception& e) {
    std::cerr << "orebook: internal error: " << e.what() << "\n";
    return 3;
  }
}
