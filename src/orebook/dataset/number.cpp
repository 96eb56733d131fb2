// Reading numbers from CSV cells: the hot path of streams.csv.

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdint>

#include "orebook/dataset/dataset.h"

namespace orebook::dataset {

namespace {

// Exact powers of ten as doubles (10^22 is the largest exactly representable).
constexpr double kPow10[] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,  1e8,  1e9,  1e10, 1e11,
                             1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};

// Plain decimals ("-1234.567") with at most 15 significant digits in all:
// mantissa and 10^k are both exact doubles, so one division is correctly
// rounded and gives the same double as std::from_chars (Clinger's fast path).
// Returns false for anything else, which from_chars then reads.
bool parse_simple_decimal(std::string_view s, double& out, std::uint8_t& decimals) {
  std::size_t i = 0;
  const bool negative = !s.empty() && s[0] == '-';
  if (negative) ++i;
  std::uint64_t mantissa = 0;
  int digits = 0, fraction = 0;
  bool dot = false, any = false;
  for (; i < s.size(); ++i) {
    const char c = s[i];
    if (c >= '0' && c <= '9') {
      mantissa = mantissa * 10 + static_cast<std::uint64_t>(c - '0');
      any = true;
      if (mantissa != 0) ++digits;
      if (dot) ++fraction;
      if (digits > 15) return false;
    } else if (c == '.' && !dot) {
      dot = true;
    } else {
      return false;
    }
  }
  if (!any || fraction > 22) return false;
  const double v = static_cast<double>(mantissa) / kPow10[fraction];
  out = negative ? -v : v;
  decimals = static_cast<std::uint8_t>(fraction);
  return true;
}

}  // namespace

std::optional<double> parse_number(std::string_view text, std::uint8_t& decimals) {
  while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
  while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
  decimals = kUnknownDigits;
  if (text.empty()) return std::nullopt;
  double v = 0.0;
  // The fast path counts the digits after the point as it reads them.
  if (parse_simple_decimal(text, v, decimals)) return v;
  const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc() || ptr != text.data() + text.size() || !std::isfinite(v)) {
    return std::nullopt;
  }
  // More than 15 significant digits, or an exponent (whose printed
  // precision is not the digits after the point: left unknown).
  if (text.find_first_of("eE") == std::string_view::npos) {
    const auto dot = text.find('.');
    decimals = dot == std::string_view::npos
                   ? 0
                   : static_cast<std::uint8_t>(std::min<std::size_t>(text.size() - dot - 1, 22));
  }
  return v;
}

std::optional<double> parse_number(std::string_view text) {
  std::uint8_t decimals = 0;
  return parse_number(text, decimals);
}

}  // namespace orebook::dataset
