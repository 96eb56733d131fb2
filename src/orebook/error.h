#pragma once
// The one exception type for fatal conditions, caught once in main
// (shared/docs/style.md, "three kinds of failure").

#include <stdexcept>
#include <string>

namespace orebook {

// Documented exit codes (docs/cli.md).
inline constexpr int kExitOk = 0;
inline constexpr int kExitCheckFailed = 1;
inline constexpr int kExitBadInput = 2;

class Error : public std::runtime_error {
 public:
  explicit Error(const std::string& what, int exit_code = kExitBadInput)
      : std::runtime_error(what), exit_code_(exit_code) {}
  int exit_code() const { return exit_code_; }

 private:
  int exit_code_;
};

}  // namespace orebook
