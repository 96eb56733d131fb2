#include "orebook/report/check_report.h"

#include <algorithm>
#include <utility>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "orebook/report/json.h"

namespace orebook::report {

namespace {

// Intervals show in the units the checked figure is printed in (thousands
// for a table in thousands), with enough digits to show where they end.
std::pair<double, double> in_printed_units(const units::Interval& i, const check::Check& c) {
  const double scale = c.target.figure.scale;
  return {i.lo() / scale, i.hi() / scale};
}

std::string interval_text(const units::Interval& i, const check::Check& c) {
  const auto [lo, hi] = in_printed_units(i, c);
  const int decimals = std::max(c.target.figure.decimals + 2, 2);
  return fmt::format("[{:.{}f}, {:.{}f}]", lo, decimals, hi, decimals);
}

std::string where(const check::Check::Ref& r) {
  return fmt::format("{}:{}", r.figure.line, r.figure.column);
}

}  // namespace

std::string render_checks(const std::string& file, const std::vector<check::Check>& checks,
                          Format format) {
  std::size_t counts[3] = {0, 0, 0};
  for (const auto& c : checks) ++counts[static_cast<int>(c.status)];
  if (format == Format::json) {
    auto list = nlohmann::ordered_json::array();
    for (const auto& c : checks) {
      nlohmann::ordered_json j;
      j["status"] = std::string(check::to_string(c.status));
      j["relation"] = c.relation;
      j["table"] = c.table;
      j["period"] = c.period;
      j["formula"] = c.formula;
      auto figure = [](const check::Check::Ref& r) {
        return nlohmann::ordered_json{{"label", r.label},
                                      {"text", r.figure.text},
                                      {"line", r.figure.line},
                                      {"column", r.figure.column}};
      };
      j["figure"] = figure(c.target);
      auto inputs = nlohmann::ordered_json::array();
      for (const auto& r : c.inputs) inputs.push_back(figure(r));
      j["inputs"] = inputs;
      if (c.status != check::Status::not_checkable) {
        const auto [clo, chi] = in_printed_units(c.computed, c);
        const auto [plo, phi] = in_printed_units(c.printed, c);
        j["computed"] = {clo, chi};
        j["printed"] = {plo, phi};
        if (c.target.figure.scale != 1.0) j["scale"] = c.target.figure.scale;
      }
      if (c.status == check::Status::does_not_tie) j["gap"] = c.gap / c.target.figure.scale;
      if (!c.why.empty()) j["why"] = c.why;
      list.push_back(j);
    }
    nlohmann::ordered_json out;
    out["file"] = file;
    out["checks"] = list;
    out["summary"] = {
        {"ties", counts[0]}, {"does_not_tie", counts[1]}, {"not_checkable", counts[2]}};
    return json_text(out);
  }
  const bool md = format == Format::markdown;
  std::string out = md ? fmt::format("# Checks of {}\n\n", file) : "";
  for (const auto& c : checks) {
    std::string line = fmt::format("{}{}:{}: {}: {} {} = {} ({}; {})", md ? "- " : "", file,
                                   where(c.target), check::to_string(c.status), c.period,
                                   c.target.label, c.target.figure.text, c.relation, c.formula);
    if (c.status == check::Status::not_checkable) {
      line += ": " + c.why;
    } else {
      std::string inputs;
      for (const auto& r : c.inputs)
        inputs += fmt::format("{}{} = {} ({})", inputs.empty() ? "" : ", ", r.label, r.figure.text,
                              where(r));
      line += fmt::format(": computed {} from {}; printed {}", interval_text(c.computed, c), inputs,
                          interval_text(c.printed, c));
      if (c.status == check::Status::does_not_tie)
        line += fmt::format("; gap {:.6g}", c.gap / c.target.figure.scale);
    }
    out += line + "\n";
  }
  out += fmt::format("{}{} checks: {} tie, {} do not tie, {} not checkable.\n", md ? "\n" : "",
                     checks.size(), counts[0], counts[1], counts[2]);
  return out;
}

}  // namespace orebook::report
