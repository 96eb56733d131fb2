#include "orebook/report/charts.h"

#include <algorithm>
#include <cmath>

#include "orebook/report/format.h"

namespace orebook::report {

using json = nlohmann::ordered_json;

json chart_value(const std::optional<double>& value, int decimals) {
  if (!value) return nullptr;
  return std::stod(format_fixed(*value, decimals));
}

json chart_base() {
  json o;
  o["animation"] = false;
  o["tooltip"] = {{"trigger", "axis"}};
  o["legend"] = {{"top", 0}};
  o["grid"] = {{"left", 16}, {"right", 16}, {"top", 48}, {"bottom", 8}, {"containLabel", true}};
  return o;
}

Chart make_chart(std::string title, const json& option, std::string note, int height) {
  return Chart{std::move(title), option.dump(), std::move(note), height};
}

namespace {

// A series' name: the figure's label, with its unit when the label has none.
std::string series_name(const Figure& f) {
  if (f.label.find('(') != std::string::npos || f.unit.empty()) return f.label;
  return f.label + " (" + f.unit + ")";
}

// `key` is `prefix`, or one more part after a prefix ending in '.':
// "production." takes "production.Ag", not "production.payable.Ag".
bool matches(const std::string& key, const std::string& prefix) {
  if (key == prefix) return true;
  if (prefix.empty() || prefix.back() != '.' || key.rfind(prefix, 0) != 0) return false;
  return key.find('.', prefix.size()) == std::string::npos;
}

// Series on one value axis share a unit and a scale: within this factor of
// each other's largest value. Gold at 0.2 g/t beside silver at 300 g/t gets an
// axis of its own, or it would lie flat on zero.
constexpr double kAxisRange = 20.0;

struct Axis {
  std::string unit, name;
  double largest = 0.0;
};

// A chart of the figures whose keys start with one of `prefixes`: a value
// axis per unit and scale (left, right, then further out on the right), bars
// for quantities, lines for rates, grades and percents.
std::optional<Chart> series_chart(const Table& t, const std::string& title,
                                  const std::vector<std::string>& prefixes, bool bars) {
  json o = chart_base();
  json categories = json::array();
  for (std::size_t k = 0; k < t.periods.size(); ++k) categories.push_back(t.period_name(k));
  o["xAxis"] = {{"type", "category"}, {"data", categories}};
  std::vector<Axis> axes;
  json series = json::array();
  for (const std::string& prefix : prefixes) {
    for (const Figure& f : t.figures) {
      if (!matches(f.key, prefix)) continue;
      double largest = 0.0;
      bool any = false;
      for (const auto& v : f.values) {
        if (!v) continue;
        any = true;
        largest = std::max(largest, std::abs(*v));
      }
      if (!any) continue;
      const auto fits = [&](const Axis& a) {
        if (a.unit != f.unit) return false;
        const double hi = std::max(a.largest, largest), lo = std::min(a.largest, largest);
        return lo * kAxisRange >= hi;
      };
      auto axis = std::find_if(axes.begin(), axes.end(), fits);
      if (axis == axes.end()) {
        const bool again =
            std::any_of(axes.begin(), axes.end(), [&](const Axis& a) { return a.unit == f.unit; });
        axis = axes.insert(axes.end(), {f.unit, again ? series_name(f) : f.unit, largest});
      } else {
        axis->largest = std::max(axis->largest, largest);
      }
      json data = json::array();
      for (const auto& v : f.values) data.push_back(chart_value(v, f.decimals));
      const bool bar = bars && f.unit != "t/d" && f.unit != "%";
      series.push_back({{"name", series_name(f)},
                        {"type", bar ? "bar" : "line"},
                        {"yAxisIndex", axis - axes.begin()},
                        {"data", data}});
    }
  }
  if (series.empty()) return std::nullopt;
  json y = json::array();
  for (std::size_t a = 0; a < axes.size(); ++a) {
    json axis = {{"type", "value"},     {"name", axes[a].name},
                 {"scale", !bars},      {"position", a == 0 ? "left" : "right"},
                 {"alignTicks", a > 0}, {"offset", a < 2 ? 0 : 90 * static_cast<int>(a - 1)}};
    if (a > 0) axis["splitLine"] = {{"show", false}};
    y.push_back(axis);
  }
  if (axes.size() > 2) o["grid"]["right"] = 16 + 90 * static_cast<int>(axes.size() - 2);
  o["yAxis"] = y;
  o["series"] = series;
  return make_chart(title, o);
}

}  // namespace

std::vector<Chart> trend_charts(const Table& t) {
  std::vector<Chart> out;
  const auto add = [&](std::optional<Chart> c) {
    if (c) out.push_back(std::move(*c));
  };
  add(series_chart(t, "Ore mined and processed, and mill throughput",
                   {"mine.ore_mined", "mill.ore_processed", "mill.throughput"}, true));
  add(series_chart(t, "Head grades", {"mill.head_grade."}, false));
  add(series_chart(t, "Recoveries", {"recovery."}, false));
  add(series_chart(t, "Production", {"production."}, true));
  return out;
}

}  // namespace orebook::report
