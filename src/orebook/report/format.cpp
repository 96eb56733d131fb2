#include "orebook/report/format.h"

#include <cctype>
#include <charconv>
#include <cmath>
#include <system_error>

namespace orebook::report {

namespace {

// Adds one unit in the last place to a string of decimal digits; returns true
// when it carried out of the first digit.
bool increment_digits(std::string& digits) {
  for (std::size_t i = digits.size(); i-- > 0;) {
    if (digits[i] == '9') {
      digits[i] = '0';
    } else {
      ++digits[i];
      return false;
    }
  }
  return true;
}

}  // namespace

std::string format_fixed(double value, int decimals) {
  if (std::isnan(value)) return "nan";
  if (std::isinf(value)) return value > 0 ? "inf" : "-inf";
  if (decimals < 0) decimals = 0;
  char buf[400];
  // Shortest round-trip text in fixed notation, e.g. "2.675" or "21251".
  const auto res = std::to_chars(buf, buf + sizeof buf, std::fabs(value), std::chars_format::fixed);
  std::string_view text(buf, static_cast<std::size_t>(res.ptr - buf));
  const auto dot = text.find('.');
  std::string int_part(text.substr(0, dot));
  std::string frac_part(dot == std::string_view::npos ? std::string_view{} : text.substr(dot + 1));

  bool round_up = false;
  if (frac_part.size() > static_cast<std::size_t>(decimals)) {
    round_up = frac_part[static_cast<std::size_t>(decimals)] >= '5';  // half away from zero
    frac_part.resize(static_cast<std::size_t>(decimals));
  } else {
    frac_part.append(static_cast<std::size_t>(decimals) - frac_part.size(), '0');
  }
  if (round_up) {
    std::string digits = int_part + frac_part;
    if (increment_digits(digits)) digits.insert(digits.begin(), '1');
    int_part = digits.substr(0, digits.size() - frac_part.size());
    frac_part = digits.substr(digits.size() - frac_part.size());
  }
  std::string out = int_part;
  if (decimals > 0) out += "." + frac_part;
  const bool zero = out.find_first_not_of("0.") == std::string::npos;
  if (value < 0 && !zero) out.insert(out.begin(), '-');
  return out;
}

std::string group_thousands(std::string_view fixed) {
  std::string_view sign;
  if (!fixed.empty() && fixed.front() == '-') {
    sign = fixed.substr(0, 1);
    fixed.remove_prefix(1);
  }
  const auto dot = fixed.find('.');
  const std::string_view int_part = fixed.substr(0, dot);
  const std::string_view rest =
      dot == std::string_view::npos ? std::string_view{} : fixed.substr(dot);
  std::string out(sign);
  for (std::size_t i = 0; i < int_part.size(); ++i) {
    if (i > 0 && (int_part.size() - i) % 3 == 0) out += ',';
    out += int_part[i];
  }
  out += rest;
  return out;
}

std::string format_grouped(double value, int decimals) {
  return group_thousands(format_fixed(value, decimals));
}

std::string currency_prefix(std::string_view currency) {
  if (currency == "USD") return "US$";
  if (currency == "CAD") return "C$";
  if (currency == "AUD") return "A$";
  if (currency.empty()) return "$";
  return std::string(currency) + " ";
}

std::string lowercase(std::string text) {
  for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

std::string amount_prefix(std::string_view currency) {
  const bool dollar =
      currency == "USD" || currency == "CAD" || currency == "AUD" || currency == "NZD";
  return dollar ? "$" : "";
}

}  // namespace orebook::report
