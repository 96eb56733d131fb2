#pragma once
// The one exception type for fatal conditions, caught once in main, and the
// documented exit codes (docs/cli.md; docs/design.md, "three kinds of
// failure").

#include <stdexcept>
#include <string>

namespace orebook::core {

// What a run of orebook ends with (docs/cli.md, "Exit codes").
enum class ExitCode : int {
  ok = 0,
  check_failed = 1,  // a release does not tie, a check asked for failed
  bad_input = 2,     // bad input or usage; nothing was written
  internal = 3,      // a bug: an exception nobody expected
};

inline int to_int(ExitCode code) { return static_cast<int>(code); }

class Error : public std::runtime_error {
 public:
  explicit Error(const std::string& what, ExitCode exit_code = ExitCode::bad_input)
      : std::runtime_error(what), exit_code_(exit_code) {}
  ExitCode exit_code() const { return exit_code_; }

 private:
  ExitCode exit_code_;
};

}  // namespace orebook::core
