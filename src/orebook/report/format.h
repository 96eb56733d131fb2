#pragma once
// The one number-formatting module (docs/formulas.md §15): every figure that
// orebook prints goes through these functions, so the same value always prints
// the same way.

#include <string>
#include <string_view>

namespace orebook::report {

// `value` rounded to `decimals` places, half away from zero, applied to the
// shortest decimal text that reads back as `value` (so 2.675 gives "2.68", as a
// person rounding the printed number would), e.g. "-1234.57". Never "-0".
std::string format_fixed(double value, int decimals);

// format_fixed with thousands separators: "21,395", "-1,234.57".
std::string format_grouped(double value, int decimals);

// Inserts thousands separators into a plain fixed-point number.
std::string group_thousands(std::string_view fixed);

// Display symbol of a currency before an amount: "US$" for USD, "C$" for CAD,
// "A$" for AUD, "$" when no currency is given, else the ISO code + " ".
std::string currency_prefix(std::string_view currency);

// Text in lower case ("Silver" → "silver"), for names inside sentences.
std::string lowercase(std::string text);

// What an amount in `currency` prints before its digits: "$" for the dollar
// currencies (USD, CAD, AUD, NZD), nothing otherwise (the label names the
// currency).
std::string amount_prefix(std::string_view currency);

}  // namespace orebook::report
