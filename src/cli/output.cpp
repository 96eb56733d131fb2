// The output options, diagnostics and writing shared by every subcommand.

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iostream>

#include <fmt/format.h>

#include "cli.h"

#include <unistd.h>

#include "orebook/core/progress.h"

namespace orebook::cli {

namespace {

// No -o, or "-o -": standard output.
bool is_stdout(const std::string& path) { return path.empty() || path == "-"; }

void print_diagnostics(const core::Diagnostics& diags) {
  for (const auto& d : diags.items()) std::cerr << core::to_string(d) << "\n";
  if (diags.dropped() > 0) std::cerr << diags.dropped_line() << "\n";
}

// Writes through a temporary file renamed into place: a failed run leaves
// no partial file. `write` makes the output (all at once, or as it goes)
// and returns the run's exit code.
core::ExitCode write_output(const std::function<core::ExitCode(std::ostream&)>& write,
                            const std::string& path) {
  if (is_stdout(path)) {
    const core::ExitCode exit = write(std::cout);
    std::cout.flush();
    return exit;
  }
  const std::string tmp = path + ".tmp";
  core::ExitCode exit = core::ExitCode::ok;
  {
    errno = 0;
    std::ofstream out(tmp, std::ios::binary);
    exit = write(out);
    out.flush();
    if (!out) {
      const int why = errno;
      std::remove(tmp.c_str());
      throw core::Error(
          fmt::format("cannot write {}: {}", path, why ? std::strerror(why) : "the write failed"));
    }
  }
  if (std::rename(tmp.c_str(), path.c_str()) != 0) {
    const int why = errno;
    std::remove(tmp.c_str());
    throw core::Error(fmt::format("cannot write {}: {}", path, std::strerror(why)));
  }
  return exit;
}

// -o naming a file the run read would destroy it: "output-is-input", and
// nothing is written.
bool overwrites_an_input(const std::string& path, const std::vector<std::string>& inputs,
                         core::Diagnostics& diags) {
  if (is_stdout(path)) return false;
  for (const std::string& input : inputs) {
    std::error_code ec;
    if (std::filesystem::equivalent(path, input, ec) && !ec) {
      diags.error(path, 0, 0, "output-is-input", "-o names a file this run reads", input,
                  "an output file that is not one of the inputs");
      return true;
    }
  }
  return false;
}

}  // namespace

void add_output_options(CLI::App& command, OutputOptions& options, const std::string& formats,
                        bool documents) {
  options.formats = formats;
  options.documents = documents;
  command.add_option("--format,-O", options.format, formats + " (default: from -o, else text)");
  command.add_option("--output,-o", options.path, "Write to FILE instead of standard output");
}

namespace {

report::Format format_asked(const OutputOptions& options) {
  if (!options.format.empty()) {
    if (auto f = report::format_from_string(options.format)) return *f;
    throw core::Error(
        fmt::format("unknown --format '{}': expected {}", options.format, options.formats));
  }
  if (!is_stdout(options.path)) {
    if (auto f = report::format_from_path(options.path)) return *f;
    throw core::Error(fmt::format(
        "unknown extension of -o '{}': expected {}, or --format", options.path,
        options.documents ? ".txt, .md, .csv, .json, .xlsx or .html" : ".txt, .md, .csv or .json"));
  }
  return report::Format::text;
}

}  // namespace

report::Format pick_format(const OutputOptions& options) {
  const report::Format f = format_asked(options);
  if (report::is_document(f) && !options.documents) {
    throw core::Error(fmt::format("this command does not write {}: expected {}",
                                  report::to_string(f), options.formats));
  }
  // A workbook is binary: on a terminal it would be noise.
  if (f == report::Format::xlsx && is_stdout(options.path) && isatty(STDOUT_FILENO) == 1) {
    throw core::Error(
        "--format xlsx writes a binary workbook: give -o FILE.xlsx (or redirect standard output)");
  }
  return f;
}

std::string& command_line() {
  static std::string value;
  return value;
}

bool& quiet() {
  static bool value = false;
  return value;
}

void enable_progress() { core::Progress::enable(isatty(STDERR_FILENO) == 1 && !quiet()); }

int finish(const std::optional<pipeline::Outcome>& outcome, core::Diagnostics& diags,
           const OutputOptions& output, report::Format format) {
  if (outcome && overwrites_an_input(output.path, outcome->inputs, diags)) {
    print_diagnostics(diags);
    return core::to_int(core::ExitCode::bad_input);
  }
  if (!outcome || !outcome->diagnostics_in_output) print_diagnostics(diags);
  if (!outcome) return core::to_int(core::ExitCode::bad_input);
  if (!outcome->summary.empty()) std::cerr << outcome->summary << "\n";
  const bool document = report::is_document(format);
  if (outcome->write && !document) return core::to_int(write_output(outcome->write, output.path));
  if (outcome->exit != core::ExitCode::bad_input || outcome->diagnostics_in_output) {
    // A document (workbook, HTML page) is made now: it lists the run's warnings.
    const std::string made =
        document ? pipeline::render_document(*outcome, format, diags, command_line()) : "";
    const std::string& text = document ? made : outcome->output;
    write_output(
        [&](std::ostream& out) {
          out << text;
          return outcome->exit;
        },
        output.path);
  }
  return core::to_int(outcome->exit);
}

}  // namespace orebook::cli
