#pragma once
// Words of releases: metal names, units and items, shared by the table and
// prose checks.

#include <cctype>
#include <optional>
#include <string>
#include <string_view>

#include "orebook/check/release.h"
#include "orebook/units/units.h"

namespace orebook::check {

inline std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

inline bool is_digit(char c) { return c >= '0' && c <= '9'; }

// Currency signs before an amount, longest first: "US$0.95", "C$23.2 million".
constexpr std::string_view kCurrencySigns[] = {"US$", "CDN$", "CA$", "C$", "AU$", "A$", "$"};

inline bool has_word(const std::string& text, std::string_view word) {
  std::size_t at = 0;
  while ((at = text.find(word, at)) != std::string::npos) {
    const bool start = at == 0 || !std::isalpha(static_cast<unsigned char>(text[at - 1]));
    const std::size_t end = at + word.size();
    const bool stop = end >= text.size() || !std::isalpha(static_cast<unsigned char>(text[end]));
    if (start && stop) return true;
    at = end;
  }
  return false;
}

struct MetalName {
  std::string_view symbol, name;
};
constexpr MetalName kMetals[] = {
    {"ag", "silver"}, {"pb", "lead"}, {"zn", "zinc"}, {"au", "gold"}, {"cu", "copper"}};

// The first metal a label names ("Lead in lead concentrate" → lead), or "".
inline std::string metal_of(const std::string& label) {
  const std::string l = lower(label);
  std::size_t best = std::string::npos;
  std::string found;
  for (const auto& m : kMetals) {
    for (std::string_view w : {m.name, m.symbol}) {
      const auto at = l.find(w);
      if (at != std::string::npos && has_word(l, w) && at < best) best = at, found = m.name;
    }
  }
  return found;
}

// The production unit a label gives: "(oz)" or "(lb)"; nullopt otherwise.
inline std::optional<units::MassUnit> mass_unit_of(const std::string& label) {
  const std::string l = lower(label);
  if (l.find("(oz") != std::string::npos || l.find("ounces") != std::string::npos)
    return units::MassUnit::troy_ounce;
  if (l.find("(lb") != std::string::npos || l.find("pounds") != std::string::npos)
    return units::MassUnit::pound;
  return std::nullopt;
}

// Payable metal (after smelter deductions) is a different quantity from the
// metal contained in concentrate, though releases list it under Production.
inline bool payable(const Row& r) {
  const std::string l = lower(r.label);
  return l.find("payable") != std::string::npos || l.find("sold") != std::string::npos;
}

}  // namespace orebook::check
