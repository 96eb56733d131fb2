#pragma once
// Output of `orebook check`: each check with its status, the figures involved
// and their positions, the formula, the computed and printed intervals and
// the gap; a summary count (docs/cli.md).

#include <string>
#include <vector>

#include "orebook/check/relations.h"
#include "orebook/report/render.h"

namespace orebook::report {

std::string render_checks(const std::string& file, const std::vector<check::Check>& checks,
                          Format format);

}  // namespace orebook::report
