#pragma once
// What every subcommand of the orebook command line shares: the output
// options, the diagnostics printed, the outcome written. One file per
// subcommand in commands/ adds it to the app (docs/design.md, "Adding a
// subcommand").

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
};
// `formats` is what --help says --format takes.
void add_output_options(CLI::App& command, OutputOptions& options,
                        const std::string& formats = "text, md, csv or json");

// The format asked for: --format, else -o's extension, else text. An unknown
// --format is a fatal error (exit 2) before anything runs.
report::Format pick_format(const OutputOptions& options);

// Prints the diagnostics (file:line:col: …) to standard error, then writes
// the outcome's output all at once (nothing when there is no outcome: bad
// input writes nothing) and returns the exit code.
int finish(const std::optional<pipeline::Outcome>& outcome, const core::Diagnostics& diags,
           const OutputOptions& output);

// Each subcommand's file: adds it to `app`; when it is the one given, its
// callback runs the command and stores the exit code in `exit`.
void add_report(CLI::App& app, int& exit);
void add_settle(CLI::App& app, int& exit);
void add_nsr(CLI::App& app, int& exit);
void add_results(CLI::App& app, int& exit);
void add_highlights(CLI::App& app, int& exit);
void add_balance(CLI::App& app, int& exit);
void add_check(CLI::App& app, int& exit);
void add_validate(CLI::App& app, int& exit);

}  // namespace orebook::cli
