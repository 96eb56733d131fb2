#pragma once
// The digits after the point a row of figures prints with (docs/formulas.md
// §15): as site.toml sets them, else chosen from the row's magnitude so that
// small figures keep their significant digits (a 0.62% head grade prints
// 0.62%, never 0.6% with a change of 0.0 pp).

#include <optional>
#include <string_view>
#include <vector>

namespace orebook::report {

// How a row's digits follow its magnitude when site.toml does not set them.
struct DigitsRule {
  int at_least = 0;     // digits after the point however large the figures are
  int significant = 1;  // significant digits every nonzero figure of the row keeps
};

// Grades: three significant digits, as the releases of the examples print
// them (0.302% copper, 0.286 g/t gold, 4.00% zinc, 1.04 g/t gold, 26.3 g/t in
// concentrate, 322 g/t silver; docs/formulas.md §15).
inline constexpr DigitsRule kGradeDigits{0, 3};
// Recoveries: whole percents (95%), two digits below 10% (a 4.5% by-product
// recovery is not "5%").
inline constexpr DigitsRule kRecoveryDigits{0, 2};
// Tonnes, ounces, pounds: integers; a nonzero quantity below one unit still
// shows its first digit (0.4 t, never 0 t).
inline constexpr DigitsRule kQuantityDigits{0, 1};
// Prices: cents ($32.81, $0.95).
inline constexpr DigitsRule kPriceDigits{2, 2};

// `configured` when site.toml sets it; else the fewest digits, from
// rule.at_least up to dataset::kMaxDecimals, with which every nonzero value of
// `values` prints at least rule.significant significant digits. One number for
// the whole row, so that its columns and its change in points line up.
int row_decimals(std::optional<int> configured, DigitsRule rule,
                 const std::vector<std::optional<double>>& values);

// Significant digits of a printed number: "0.302" 3, "4.00" 3, "21,395" 5,
// "0.0" 0.
int significant_digits(std::string_view printed);

}  // namespace orebook::report
