#pragma once
// Closed intervals [lo, hi] with outward-rounded arithmetic. A printed figure
// such as "66%" stands for every value that prints that way; the cross-check and
// the golden tests evaluate the same formula templates over Interval that the
// reports evaluate over double (docs/formulas.md §16; docs/design.md, "one
// formula, two number types").

#include <algorithm>
#include <cmath>
#include <limits>

namespace orebook::units {

class Interval {
 public:
  constexpr Interval() = default;
  constexpr Interval(double v) : lo_(v), hi_(v) {}  // NOLINT: a point converts implicitly
  Interval(double lo, double hi) : lo_(std::min(lo, hi)), hi_(std::max(lo, hi)) {}

  // The values that print as `printed` with `decimals` digits after the point
  // (negative `decimals` for rounding to tens, hundreds ...), rounding half away
  // from zero: 66 with 0 decimals is [65.5, 66.5].
  static Interval from_printed(double printed, int decimals) {
    const double half = 0.5 * std::pow(10.0, -decimals);
    return widen(printed - half, printed + half);
  }

  double lo() const { return lo_; }
  double hi() const { return hi_; }
  double mid() const { return 0.5 * (lo_ + hi_); }
  double width() const { return hi_ - lo_; }
  bool contains(double v) const { return lo_ <= v && v <= hi_; }
  bool intersects(const Interval& o) const { return lo_ <= o.hi_ && o.lo_ <= hi_; }

  friend Interval operator+(const Interval& a, const Interval& b) {
    return widen(a.lo_ + b.lo_, a.hi_ + b.hi_);
  }
  friend Interval operator-(const Interval& a, const Interval& b) {
    return widen(a.lo_ - b.hi_, a.hi_ - b.lo_);
  }
  friend Interval operator*(const Interval& a, const Interval& b) {
    const double p[] = {a.lo_ * b.lo_, a.lo_ * b.hi_, a.hi_ * b.lo_, a.hi_ * b.hi_};
    return widen(*std::min_element(p, p + 4), *std::max_element(p, p + 4));
  }
  // Division by an interval containing zero is unbounded.
  friend Interval operator/(const Interval& a, const Interval& b) {
    if (b.lo_ <= 0.0 && b.hi_ >= 0.0) {
      constexpr double inf = std::numeric_limits<double>::infinity();
      return Interval(-inf, inf);
    }
    const double q[] = {a.lo_ / b.lo_, a.lo_ / b.hi_, a.hi_ / b.lo_, a.hi_ / b.hi_};
    return widen(*std::min_element(q, q + 4), *std::max_element(q, q + 4));
  }
  Interval& operator+=(const Interval& o) { return *this = *this + o; }

 private:
  // One ulp outward on each side so that the true result is always enclosed.
  static Interval widen(double lo, double hi) {
    constexpr double inf = std::numeric_limits<double>::infinity();
    return Interval(std::nextafter(lo, -inf), std::nextafter(hi, inf));
  }
  double lo_ = 0.0;
  double hi_ = 0.0;
};

}  // namespace orebook::units
