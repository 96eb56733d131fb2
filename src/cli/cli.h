#pragma once
// What every subcommand of the orebook command line shares: the output
// options, the diagnostics printed, the outcome written. One file per
// subcommand in commands/ adds it to the app (docs/design.md, "Adding a
// subcommand").

#include <functional>
#include <memory>
#include <optional>
#include <string>

#include <CLI/CLI.hpp>

#include "orebook/core/diagnostic.h"
#include "orebook/core/error.h"
#include "orebook/pipeline/pipeline.h"
#include "orebook/report/render.h"

namespace orebook::cli {

// --format (-O) and --output (-o), alike on every subcommand that writes.
struct OutputOptions {
  std::string format;  // empty: from the extension of `path`, else text
  std::string path;    // empty or "-": standard output
  // What --help says --format takes; whether the document formats (xlsx,
  // html) are among them.
  std::string formats;
  bool documents = false;
};
inline const std::string kTableFormats = "text, md, csv, json, xlsx or html";
// `formats` is what --help says --format takes; `documents`: xlsx and html
// are among them.
void add_output_options(CLI::App& command, OutputOptions& options,
                        const std::string& formats = kTableFormats, bool documents = true);

// The format asked for: --format, else -o's extension (.txt, .md, .csv,
// .json, .xlsx, .html; none: text), else text. An unknown --format or -o
// extension, or a document format the command does not write, is a fatal
// error (exit 2) before anything runs; so is a workbook for a terminal.
report::Format pick_format(const OutputOptions& options);

// Prints the diagnostics (file:line:col: …) to standard error, then writes
// the outcome's output all at once (nothing when there is no outcome: bad
// input writes nothing) and returns the exit code.
// -o naming a file the run read is an error ("output-is-input"): nothing is
// written.
// A document format (xlsx, html) is made from the outcome's tables here,
// with the run's warnings and `command_line()`.
int finish(const std::optional<pipeline::Outcome>& outcome, core::Diagnostics& diags,
           const OutputOptions& output, report::Format format);

// The command line as given (the Notes of a workbook say what made it).
std::string& command_line();

// --quiet: no progress lines on standard error (cli.h's commands switch
// progress on when standard error is a terminal and this is false).
bool& quiet();
// Switches core::Progress on when standard error is a terminal and --quiet
// was not given.
void enable_progress();

// A command of the library: a request, the format asked for, diagnostics.
template <class Request>
using Run = std::optional<pipeline::Outcome> (*)(const Request&, report::Format,
                                                 core::Diagnostics&);
// Completes a request from what the options bound (say, reads "Ag=4965,Pb=63"
// into typed values); false, with diagnostics, when an argument does not read.
template <class Request>
using Prepare = std::function<bool(Request&, core::Diagnostics&)>;

// A subcommand being set up: add its options to `command`, binding them to
// `request`, and the output options where --help should list them.
template <class Request>
struct Command {
  CLI::App* command = nullptr;
  std::shared_ptr<Request> request;
  std::shared_ptr<OutputOptions> output;
  void add_output_options(const std::string& formats = kTableFormats, bool documents = true) const {
    cli::add_output_options(*command, *output, formats, documents);
  }
};

// Adds subcommand `name` to `app`; when it is the one given, its callback
// picks the format, prepares the request, runs `run`, prints and writes
// the outcome, and stores the exit code in `exit`.
template <class Request>
Command<Request> add_command(CLI::App& app, int& exit, const std::string& name,
                             const std::string& description, Run<Request> run,
                             Prepare<Request> prepare = {}) {
  Command<Request> c{app.add_subcommand(name, description), std::make_shared<Request>(),
                     std::make_shared<OutputOptions>()};
  c.command->callback([request = c.request, output = c.output, run, prepare, &exit] {
    const auto format = pick_format(*output);
    enable_progress();
    core::Diagnostics diags;
    if (prepare && !prepare(*request, diags)) {
      exit = finish(std::nullopt, diags, *output, format);
      return;
    }
    exit = finish(run(*request, format, diags), diags, *output, format);
  });
  return c;
}

// Each subcommand's file (commands/<name>.cpp) adds it to `app`.
void add_report(CLI::App& app, int& exit);
void add_settle(CLI::App& app, int& exit);
void add_nsr(CLI::App& app, int& exit);
void add_results(CLI::App& app, int& exit);
void add_highlights(CLI::App& app, int& exit);
void add_balance(CLI::App& app, int& exit);
void add_check(CLI::App& app, int& exit);
void add_validate(CLI::App& app, int& exit);
void add_explain(CLI::App& app, int& exit);
void add_close(CLI::App& app, int& exit);
void add_history(CLI::App& app, int& exit);
void add_ledger(CLI::App& app, int& exit);
// --ledger and --as-closed of the commands that compare with closed periods.
void add_ledger_options(CLI::App& command, pipeline::LedgerOptions& options);

}  // namespace orebook::cli
