#include "orebook/report/display.h"

#include <cmath>

#include "orebook/dataset/dataset.h"
#include "orebook/report/format.h"

namespace orebook::report {

int significant_digits(std::string_view printed) {
  int n = 0;
  bool leading = true;
  for (char c : printed) {
    if (c < '0' || c > '9') continue;
    if (leading && c == '0') continue;
    leading = false;
    ++n;
  }
  return n;
}

int row_decimals(std::optional<int> configured, DigitsRule rule,
                 const std::vector<std::optional<double>>& values) {
  if (configured) return *configured;
  int decimals = rule.at_least;
  for (const auto& v : values) {
    if (!v || *v == 0.0 || !std::isfinite(*v)) continue;  // zero has no magnitude
    // Counted on the printed text, not with log10, so that the choice is exact
    // at powers of ten (0.0996 prints "0.100" with 3 digits) and the same on
    // every platform.
    while (decimals < dataset::kMaxDecimals &&
           significant_digits(format_fixed(std::fabs(*v), decimals)) < rule.significant) {
      ++decimals;
    }
  }
  return decimals;
}

}  // namespace orebook::report
