#pragma once
// Output of `orebook check`: each check with its status, the figures involved
// and their positions, the formula, the computed and printed intervals and
// the gap; a summary count (docs/cli.md).

#include <string>
#include <vector>

#include "orebook/check/relations.h"
#include "orebook/report/render.h"

namespace orebook::report {

// `show`: the release as read comes first (text) or under "document" (JSON):
// every table with its columns and rows, the item each row was identified
// as, and every line skipped with the reason (docs/check.md).
std::string render_checks(const std::string& file, const check::Release& release,
                          const std::vector<check::Check>& checks, Format format, bool show);

}  // namespace orebook::report
