#pragma once
// Physical quantities as types. Conversions happen only here, with the exact
// constants of docs/formulas.md §1.

#include <cmath>
#include <optional>
#include <string>
#include <string_view>

namespace orebook::units {

// Exact definitions (international avoirdupois pound, troy ounce, short ton).
inline constexpr double kGramsPerTroyOunce = 31.1034768;
inline constexpr double kKilogramsPerPound = 0.45359237;
inline constexpr double kKilogramsPerShortTon = 907.18474;
// 1 oz/st = 31.1034768 g / 0.90718474 t = 34.2857142857... g/t.
inline constexpr double kGramsPerTonnePerOzPerShortTon =
    kGramsPerTroyOunce / (kKilogramsPerShortTon / 1000.0);

enum class MassUnit { tonne, kilogram, gram, pound, troy_ounce, short_ton };

// Tonnes in one of `unit`.
double tonnes_per(MassUnit unit);
std::string_view to_string(MassUnit unit);
std::optional<MassUnit> mass_unit_from_string(std::string_view text);
// A mass unit with the multiple that production figures are printed in:
// "koz" = 1,000 oz, "Moz", "klb", "Mlb", "kt", "Mt", or a plain unit (×1).
struct ScaledMassUnit {
  MassUnit unit = MassUnit::tonne;
  double multiple = 1.0;
};
std::optional<ScaledMassUnit> scaled_mass_unit_from_string(std::string_view text);

// A mass, stored in metric tonnes.
class Mass {
 public:
  constexpr Mass() = default;
  static constexpr Mass tonnes(double t) { return Mass(t); }
  static Mass of(double value, MassUnit unit) { return Mass(value * tonnes_per(unit)); }
  constexpr double tonnes() const { return tonnes_; }
  double in(MassUnit unit) const { return tonnes_ / tonnes_per(unit); }

  constexpr Mass& operator+=(Mass o) {
    tonnes_ += o.tonnes_;
    return *this;
  }
  friend constexpr Mass operator+(Mass a, Mass b) { return Mass(a.tonnes_ + b.tonnes_); }
  friend constexpr Mass operator-(Mass a, Mass b) { return Mass(a.tonnes_ - b.tonnes_); }
  friend constexpr Mass operator*(Mass a, double k) { return Mass(a.tonnes_ * k); }
  friend constexpr Mass operator*(double k, Mass a) { return Mass(a.tonnes_ * k); }
  friend constexpr bool operator==(Mass, Mass) = default;

 private:
  constexpr explicit Mass(double t) : tonnes_(t) {}
  double tonnes_ = 0.0;
};

enum class GradeUnit { percent, grams_per_tonne, ppm, troy_ounces_per_short_ton };

// Mass fraction in one of `unit` (percent: 0.01; g/t and ppm: 1e-6; oz/st: 34.2857e-6).
double fraction_per(GradeUnit unit);
// Display symbol: "%", "g/t", "ppm", "oz/st".
std::string_view to_string(GradeUnit unit);
// Reads the display symbol ("%", "g/t", "ppm", "oz/st"; also "oz/T").
std::optional<GradeUnit> grade_unit_from_string(std::string_view text);
// Reads the column token of streams.csv ("pct", "gpt", "ppm", "ozpst").
std::optional<GradeUnit> grade_unit_from_column_token(std::string_view text);
// Column token used in streams.csv headers: "pct", "gpt", "ppm", "ozpst".
std::string_view column_token(GradeUnit unit);

// A grade (assay), stored as a mass fraction (0.113 for 11.3%).
class Grade {
 public:
  constexpr Grade() = default;
  static constexpr Grade fraction(double f) { return Grade(f); }
  static Grade of(double value, GradeUnit unit) { return Grade(value * fraction_per(unit)); }
  constexpr double fraction() const { return fraction_; }
  double in(GradeUnit unit) const { return fraction_ / fraction_per(unit); }
  friend constexpr bool operator==(Grade, Grade) = default;

 private:
  constexpr explicit Grade(double f) : fraction_(f) {}
  double fraction_ = 0.0;
};

// A dimensionless ratio such as a recovery or a yield, stored as a fraction.
class Ratio {
 public:
  constexpr Ratio() = default;
  static constexpr Ratio fraction(double f) { return Ratio(f); }
  constexpr double fraction() const { return fraction_; }
  constexpr double percent() const { return fraction_ * 100.0; }

 private:
  constexpr explicit Ratio(double f) : fraction_(f) {}
  double fraction_ = 0.0;
};

// A mass flow rate in tonnes per day.
class MassRate {
 public:
  constexpr MassRate() = default;
  static constexpr MassRate tonnes_per_day(double v) { return MassRate(v); }
  constexpr double tonnes_per_day() const { return tpd_; }

 private:
  constexpr explicit MassRate(double v) : tpd_(v) {}
  double tpd_ = 0.0;
};

}  // namespace orebook::units
