#pragma once
// Words of releases: metal names, units and items, shared by the table and
// prose checks.

#include <cctype>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "orebook/check/release.h"
#include "orebook/units/units.h"

namespace orebook::check {

inline std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

inline bool is_digit(char c) { return c >= '0' && c <= '9'; }

// Month names in order ("march" is month 3), and the ordinals of quarters
// ("the third quarter").
constexpr std::string_view kMonthNames[] = {"january",   "february", "march",    "april",
                                            "may",       "june",     "july",     "august",
                                            "september", "october",  "november", "december"};
constexpr std::string_view kOrdinals[] = {"first", "second", "third", "fourth"};

// Words of the year so far (lower case): "YTD", "year to date",
// "year-to-date".
inline bool to_date_words(const std::string& l) {
  return l.find("ytd") != std::string::npos || l.find("year to date") != std::string::npos ||
         l.find("year-to-date") != std::string::npos;
}

// The fiscal year written at position i, after "FY" or "fiscal": "2023",
// " 2023", "-22" (2022); the year and where its digits end.
inline std::optional<std::pair<int, std::size_t>> fiscal_year_at(const std::string& t,
                                                                 std::size_t i) {
  while (i < t.size() && (t[i] == ' ' || t[i] == '-')) ++i;
  std::size_t j = i;
  while (j < t.size() && is_digit(t[j])) ++j;
  if (j - i == 4) return std::pair{std::stoi(t.substr(i, 4)), j};
  if (j - i == 2) return std::pair{2000 + std::stoi(t.substr(i, 2)), j};
  return std::nullopt;
}

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

namespace orebook::check {

// Unit words as releases print them, read like the symbols (issue 13 §3):
// "grams per tonne" is g/t, "ounces per ton" and "oz/T" are troy ounces per
// short ton, "pounds" and "Mlb" are pounds, "tons" are short tons.
inline std::optional<units::GradeUnit> grade_unit_in(const std::string& text) {
  const std::string l = lower(text);
  for (std::string_view w : {"g/t", "gpt", "grams per tonne", "grams/tonne", "g/tonne",
                             "grams per metric ton", "grams/ton", "gram per tonne"})
    if (l.find(w) != std::string::npos) return units::GradeUnit::grams_per_tonne;
  for (std::string_view w :
       {"oz/t", "oz/ton", "ounces per ton", "ounce per ton", "oz per ton", "opt)", "(opt"})
    if (l.find(w) != std::string::npos) return units::GradeUnit::troy_ounces_per_short_ton;
  if (l.find('%') != std::string::npos || has_word(l, "percent") || has_word(l, "pct"))
    return units::GradeUnit::percent;
  return std::nullopt;
}

// The unit a quantity of metal is counted in, from a label's words: ounces,
// pounds, tonnes, kilograms, grams (never a grade: "g/t" is no gram).
inline std::optional<units::MassUnit> metal_unit_in(const std::string& text) {
  std::string l = lower(text);
  // A grade or a rate names its mass unit as a denominator: drop it.
  for (std::string_view w : {"g/t", "oz/t", "/tonne", "/ton", "per tonne", "per ton", "per day",
                             "/day", "per ounce", "per oz", "per pound", "per lb"})
    for (auto at = l.find(w); at != std::string::npos; at = l.find(w)) l.erase(at, w.size());
  for (std::string_view w : {"oz", "ozs", "ounce", "ounces", "koz", "moz"})
    if (has_word(l, w)) return units::MassUnit::troy_ounce;
  for (std::string_view w : {"lb", "lbs", "pound", "pounds", "klb", "mlb", "klbs", "mlbs"})
    if (has_word(l, w)) return units::MassUnit::pound;
  for (std::string_view w : {"kg", "kilograms"})
    if (has_word(l, w)) return units::MassUnit::kilogram;
  for (std::string_view w : {"g", "grams"})
    if (has_word(l, w)) return units::MassUnit::gram;
  for (std::string_view w : {"tonnes", "tonne", "t", "dmt", "kt", "mt", "tones"})
    if (has_word(l, w)) return units::MassUnit::tonne;
  if (has_word(l, "tons") || has_word(l, "ton")) return units::MassUnit::short_ton;
  if (has_word(l, "g") || has_word(l, "grams")) return units::MassUnit::gram;
  return std::nullopt;
}

// The unit ore is counted in: tonnes unless the label says tons (short tons,
// as US releases count them); nullopt when it names neither.
inline std::optional<units::MassUnit> ore_unit_in(const std::string& text) {
  const auto u = metal_unit_in(text);
  if (u == units::MassUnit::tonne || u == units::MassUnit::short_ton) return u;
  return std::nullopt;
}

// Words of a metal equivalent (lower case): "silver equivalent", "Ag eq
// oz", "ounces of silver eqv.", "AgEq", "AuEq", "GEOs".
inline bool equivalent_words(const std::string& l) {
  for (std::string_view w : {"equivalent", "eqv", "ageq", "aueq"})
    if (l.find(w) != std::string::npos) return true;
  return has_word(l, "eq") || has_word(l, "geo") || has_word(l, "geos");
}

// The metal equivalents are counted in (lower case words): "gold
// equivalent", "GEOs", "AuEq" → gold; "silver equivalent", "AgEq", "Ag eq
// oz" → silver; "" when the words name none.
inline std::string equivalent_metal(const std::string& w) {
  if (!equivalent_words(w)) return "";
  if (has_word(w, "geo") || has_word(w, "geos") || w.find("aueq") != std::string::npos ||
      w.find("gold eq") != std::string::npos || w.find("au eq") != std::string::npos)
    return "gold";
  if (w.find("ageq") != std::string::npos || w.find("silver eq") != std::string::npos ||
      w.find("ag eq") != std::string::npos || w.find("silver-eq") != std::string::npos)
    return "silver";
  return "";
}

// A row's words: its headings, outermost first, then its label.
inline std::string path_words(const Row& r) {
  std::string out;
  for (const auto& h : r.path) out += h + " ";
  if (r.path.empty() && !r.group.empty()) out += r.group + " ";
  return out + r.label;
}

// Whether a name is of the whole operation: "Total", "Consolidated",
// "Combined" (a column's mine, a heading over a mine's rows).
inline bool total_name(const std::string& name) {
  const std::string l = lower(name);
  return has_word(l, "total") || has_word(l, "consolidated") || has_word(l, "combined");
}

// Whether a heading names a product ("Lead concentrate", "Zinc con"): the
// headings under it ("Concentrate grade") are nested in it.
inline bool product_heading(const std::string& h) {
  const std::string l = lower(h);
  return !metal_of(h).empty() &&
         (l.find("concentrate") != std::string::npos || has_word(l, "con") ||
          l.find("doré") != std::string::npos || has_word(l, "dore"));
}

// The metal a row is of: the label's, else the innermost heading's that is
// not a product's ("Gold" over "Grade (g/t)"; not "Lead concentrate" over
// "Tonnes").
inline std::string row_metal(const Row& r) {
  if (auto m = metal_of(r.label); !m.empty()) return m;
  const std::vector<std::string> path =
      r.path.empty() && !r.group.empty() ? std::vector<std::string>{r.group} : r.path;
  for (auto h = path.rbegin(); h != path.rend(); ++h)
    if (!product_heading(*h))
      if (auto m = metal_of(*h); !m.empty()) return m;
  return "";
}

// The unit of a row's metal: the label's, else its headings' ("Ounces
// Produced" over "Gold").
inline std::optional<units::MassUnit> row_metal_unit(const Row& r) {
  if (auto u = metal_unit_in(r.label)) return u;
  for (auto h = r.path.rbegin(); h != r.path.rend(); ++h)
    if (auto u = metal_unit_in(*h)) return u;
  if (r.path.empty() && !r.group.empty()) return metal_unit_in(r.group);
  return std::nullopt;
}

}  // namespace orebook::check
