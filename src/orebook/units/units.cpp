#include "orebook/units/units.h"

namespace orebook::units {

double tonnes_per(MassUnit unit) {
  switch (unit) {
    case MassUnit::tonne:
      return 1.0;
    case MassUnit::kilogram:
      return 1e-3;
    case MassUnit::gram:
      return 1e-6;
    case MassUnit::pound:
      return kKilogramsPerPound / 1000.0;
    case MassUnit::troy_ounce:
      return kGramsPerTroyOunce / 1e6;
    case MassUnit::short_ton:
      return kKilogramsPerShortTon / 1000.0;
  }
  return 1.0;
}

std::string_view to_string(MassUnit unit) {
  switch (unit) {
    case MassUnit::tonne:
      return "t";
    case MassUnit::kilogram:
      return "kg";
    case MassUnit::gram:
      return "g";
    case MassUnit::pound:
      return "lb";
    case MassUnit::troy_ounce:
      return "oz";
    case MassUnit::short_ton:
      return "st";
  }
  return "?";
}

std::optional<MassUnit> mass_unit_from_string(std::string_view text) {
  for (MassUnit u : {MassUnit::tonne, MassUnit::kilogram, MassUnit::gram, MassUnit::pound,
                     MassUnit::troy_ounce, MassUnit::short_ton}) {
    if (text == to_string(u)) return u;
  }
  return std::nullopt;
}

std::optional<ScaledMassUnit> scaled_mass_unit_from_string(std::string_view text) {
  if (const auto u = mass_unit_from_string(text)) return ScaledMassUnit{*u, 1.0};
  if (text.size() < 2) return std::nullopt;
  const double multiple = text[0] == 'k' ? 1e3 : text[0] == 'M' ? 1e6 : 0.0;
  const auto u = mass_unit_from_string(text.substr(1));
  // "kg" is a unit of its own; a multiple of kg or g is not a way releases print metal.
  if (multiple == 0.0 || !u || *u == MassUnit::kilogram || *u == MassUnit::gram)
    return std::nullopt;
  return ScaledMassUnit{*u, multiple};
}

double fraction_per(GradeUnit unit) {
  switch (unit) {
    case GradeUnit::percent:
      return 0.01;
    case GradeUnit::grams_per_tonne:
      return 1e-6;
    case GradeUnit::ppm:
      return 1e-6;
    case GradeUnit::troy_ounces_per_short_ton:
      return kGramsPerTonnePerOzPerShortTon * 1e-6;
  }
  return 1.0;
}

std::string_view to_string(GradeUnit unit) {
  switch (unit) {
    case GradeUnit::percent:
      return "%";
    case GradeUnit::grams_per_tonne:
      return "g/t";
    case GradeUnit::ppm:
      return "ppm";
    case GradeUnit::troy_ounces_per_short_ton:
      return "oz/st";
  }
  return "?";
}

std::string_view column_token(GradeUnit unit) {
  switch (unit) {
    case GradeUnit::percent:
      return "pct";
    case GradeUnit::grams_per_tonne:
      return "gpt";
    case GradeUnit::ppm:
      return "ppm";
    case GradeUnit::troy_ounces_per_short_ton:
      return "ozpst";
  }
  return "?";
}

std::optional<GradeUnit> grade_unit_from_string(std::string_view text) {
  // "oz/T": troy ounces per short ton as North American releases write it.
  if (text == "oz/T") return GradeUnit::troy_ounces_per_short_ton;
  for (GradeUnit u : {GradeUnit::percent, GradeUnit::grams_per_tonne, GradeUnit::ppm,
                      GradeUnit::troy_ounces_per_short_ton}) {
    if (text == to_string(u)) return u;
  }
  return std::nullopt;
}

std::optional<GradeUnit> grade_unit_from_column_token(std::string_view text) {
  for (GradeUnit u : {GradeUnit::percent, GradeUnit::grams_per_tonne, GradeUnit::ppm,
                      GradeUnit::troy_ounces_per_short_ton}) {
    if (text == column_token(u)) return u;
  }
  return std::nullopt;
}

}  // namespace orebook::units
