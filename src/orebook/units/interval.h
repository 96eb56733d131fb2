#pragma once
// Closed intervals [lo, hi] with outward-rounded arithmetic. A printed figure
// such as "66%" stands for every value that prints that way; the cross-check and
// the golden tests evaluate the same formula templates over Interval that the
// reports evaluate over double (docs/formulas.md §16; docs/design.md, "one
// formula, two number types").

#include <algorithm>
#include <cmath>
#include <limits>
#include <optional>
#include <vector>

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

// The exact range of a weighted mean Σ wᵢ·vᵢ ÷ Σ wᵢ over every value and
// positive weight in their intervals: a tonnage-weighted grade, a
// metal-weighted recovery (docs/formulas.md §16). Interval arithmetic on the
// ratio would count each weight twice and give a range up to twice as wide.
// The mean rises with each vᵢ, and with wᵢ exactly when vᵢ is above it, so
// the maximum takes every vᵢ high and the weights high for the k largest
// values and low for the rest, for some k (the minimum mirrors it).
// nullopt when a weight may be zero or negative, or the lists differ in size.
inline std::optional<Interval> weighted_mean(const std::vector<Interval>& values,
                                             const std::vector<Interval>& weights) {
  const std::size_t n = values.size();
  if (n == 0 || weights.size() != n) return std::nullopt;
  for (const Interval& w : weights)
    if (!(w.lo() > 0.0)) return std::nullopt;
  std::vector<std::size_t> order(n);
  for (std::size_t i = 0; i < n; ++i) order[i] = i;
  const auto extreme = [&](bool high) {
    // Values at their bound, sorted so that the first k are the "heavy" ones.
    std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
      return high ? values[a].hi() > values[b].hi() : values[a].lo() < values[b].lo();
    });
    double best =
        high ? -std::numeric_limits<double>::infinity() : std::numeric_limits<double>::infinity();
    for (std::size_t k = 0; k <= n; ++k) {
      Interval num(0.0), den(0.0);
      for (std::size_t j = 0; j < n; ++j) {
        const std::size_t i = order[j];
        const double w = (j < k) ? weights[i].hi() : weights[i].lo();
        num += Interval(w) * Interval(high ? values[i].hi() : values[i].lo());
        den += Interval(w);
      }
      const Interval mean = num / den;
      best = high ? std::max(best, mean.hi()) : std::min(best, mean.lo());
    }
    return best;
  };
  const double lo = extreme(false), hi = extreme(true);
  return Interval(lo, hi);
}

}  // namespace orebook::units
