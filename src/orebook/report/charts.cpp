#include "orebook/report/charts.h"

#include <algorithm>

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

// A chart of the figures whose keys start with one of `prefixes`: a value
// axis per unit (the second on the right; a third unit shares it), bars for
// quantities, lines for rates, grades and percents.
std::optional<Chart> series_chart(const Table& t, const std::string& title,
                                  const std::vector<std::string>& prefixes, bool bars) {
  json o = chart_base();
  json categories = json::array();
  for (std::size_t k = 0; k < t.periods.size(); ++k) categories.push_back(t.period_name(k));
  o["xAxis"] = {{"type", "category"}, {"data", categories}};
  std::vector<std::string> units;
  json series = json::array();
  for (const std::string& prefix : prefixes) {
    for (const Figure& f : t.figures) {
      if (!matches(f.key, prefix)) continue;
      if (std::none_of(f.values.begin(), f.values.end(),
                       [](const auto& v) { return v.has_value(); }))
        continue;
      auto u = std::find(units.begin(), units.end(), f.unit);
      if (u == units.end()) u = units.insert(units.end(), f.unit);
      const auto axis = std::min<std::ptrdiff_t>(u - units.begin(), 1);
      json data = json::array();
      for (const auto& v : f.values) data.push_back(chart_value(v, f.decimals));
      const bool bar = bars && f.unit != "t/d" && f.unit != "%";
      series.push_back({{"name", series_name(f)},
                        {"type", bar ? "bar" : "line"},
                        {"yAxisIndex", axis},
                        {"data", data}});
    }
  }
  if (series.empty()) return std::nullopt;
  json axes = json::array();
  for (std::size_t a = 0; a < std::min<std::size_t>(units.size(), 2); ++a) {
    std::string name = units[a];
    if (a == 1 && units.size() > 2) {
      for (std::size_t b = 2; b < units.size(); ++b) name += ", " + units[b];
    }
    axes.push_back({{"type", "value"}, {"name", name}, {"scale", !bars}});
  }
  o["yAxis"] = axes;
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
