// `orebook check`: read the release → parse its tables and prose → check
// every relation → the list of checks; exit check_failed when one does not tie.

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "orebook/check/relations.h"
#include "orebook/pipeline/pipeline.h"
#include "orebook/report/check_report.h"

namespace orebook::pipeline {

std::optional<Outcome> check(const CheckRequest& request, orebook::report::Format format,
                             core::Diagnostics& diags) {
  std::ifstream in(request.file, std::ios::binary);
  std::error_code ec;
  if (!in || !std::filesystem::is_regular_file(request.file, ec)) {
    diags.error(request.file, 0, 0, "missing-file", "cannot read the release", "", "a text file");
    return std::nullopt;
  }
  std::ostringstream text;
  text << in.rdbuf();
  const check::Release release = check::parse_release(text.str());
  const auto checks = check::check_release(release);
  const bool failed = std::any_of(checks.begin(), checks.end(), [](const check::Check& c) {
    return c.status == check::Status::does_not_tie;
  });
  return Outcome{orebook::report::render_checks(request.file, release, checks, format, request.show),
                 "",
                 failed ? core::ExitCode::check_failed : core::ExitCode::ok,
                 {request.file},
                 false};
}

}  // namespace orebook::pipeline
