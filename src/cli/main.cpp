// The orebook command line: assembles the subcommands (one file each in
// commands/), parses the arguments and runs the one given. Exit codes
// (docs/cli.md): core::ExitCode.

#include <iostream>
#include <string>
#include <string_view>

#include <CLI/CLI.hpp>

#include "cli.h"
#include "orebook/core/error.h"

namespace {

using orebook::core::ExitCode;
using orebook::core::to_int;

// An argument as a POSIX shell reads it back: as it is when plain, else in
// single quotes.
std::string shell_word(std::string_view arg) {
  const bool plain = !arg.empty() && arg.find_first_not_of(
                                         "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
                                         "0123456789-_./=:,+@%") == std::string_view::npos;
  if (plain) return std::string(arg);
  std::string out = "'";
  for (char c : arg) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

int run(int argc, char** argv) {
  // "orebook" whatever path it was run by: the same command makes the same document.
  std::string& line = orebook::cli::command_line();
  line = "orebook";
  for (int i = 1; i < argc; ++i) line += " " + shell_word(argv[i]);
  CLI::App app{"orebook: metal accounting and production reporting for mines", "orebook"};
  app.set_version_flag("--version", std::string("orebook ") + OREBOOK_VERSION);
  app.require_subcommand(1);
  // Before or after the subcommand: `orebook balance ... --quiet`.
  app.fallthrough();
  app.add_flag("--quiet,-q", orebook::cli::quiet(),
               "No progress lines on standard error (shown only on a terminal; warnings and "
               "errors are printed either way)");
  int exit = to_int(ExitCode::bad_input);
  orebook::cli::add_report(app, exit);
  orebook::cli::add_settle(app, exit);
  orebook::cli::add_nsr(app, exit);
  orebook::cli::add_results(app, exit);
  orebook::cli::add_highlights(app, exit);
  orebook::cli::add_balance(app, exit);
  orebook::cli::add_check(app, exit);
  orebook::cli::add_validate(app, exit);
  orebook::cli::add_explain(app, exit);
  orebook::cli::add_close(app, exit);
  orebook::cli::add_history(app, exit);
  orebook::cli::add_ledger(app, exit);
  try {
    app.parse(argc, argv);  // runs the given subcommand's callback
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? to_int(ExitCode::ok) : to_int(ExitCode::bad_input);
  }
  return exit;
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
    return to_int(ExitCode::internal);
  }
}
