// `orebook check`: read the release → parse its tables and prose → check
// every relation → the list of checks; exit check_failed when one does not tie.

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <memory>
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
  // Read at its size into one buffer: a growing buffer would double, and
  // copying it would hold the text twice.
  auto text = std::make_shared<std::string>();
  const auto size = std::filesystem::file_size(request.file, ec);
  if (!ec) {
    text->resize(size);
    in.read(text->data(), static_cast<std::streamsize>(size));
    text->resize(static_cast<std::size_t>(in.gcount()));
  }
  Outcome outcome;
  outcome.inputs = {request.file};
  // Part by part (check::parts_of): memory in proportion to a part. With
  // --show the parts are read twice: first what was read, then the checks.
  outcome.write = [text, request, format](std::ostream& out) {
    const auto parts = check::parts_of(*text);
    report::CheckWriter writer(out, request.file, format, request.show);
    if (request.show)
      for (const auto& part : parts)
        writer.document(check::parse_release(part.text, part.first_line));
    for (const auto& part : parts) {
      const check::Release release = check::parse_release(part.text, part.first_line);
      if (!request.show) writer.document(release);
      writer.checks(check::check_release(release));
    }
    writer.finish();
    return writer.failed() ? core::ExitCode::check_failed : core::ExitCode::ok;
  };
  return outcome;
}

}  // namespace orebook::pipeline
