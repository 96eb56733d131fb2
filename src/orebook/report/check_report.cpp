#include "orebook/report/check_report.h"

#include <algorithm>
#include <utility>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "orebook/check/items.h"
#include "orebook/core/utf8.h"
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

// What was read: tables, their figures, sentences; and lines skipped.
struct Reading {
  std::size_t tables = 0, rows = 0, figures = 0, sentences = 0, skipped = 0;
  explicit Reading(const check::Release& r)
      : tables(r.tables.size()), sentences(r.prose.size()), skipped(r.skipped.size()) {
    for (const auto& t : r.tables) {
      rows += t.rows.size();
      for (const auto& row : t.rows)
        for (const auto& c : row.cells) figures += c.has_value();
    }
  }
  std::string summary() const {
    return fmt::format("Read {} tables ({} rows, {} figures) and {} sentences; skipped {} lines.",
                       tables, rows, figures, sentences, skipped);
  }
};

std::string path_text(const check::Row& r) {
  std::string out;
  for (const auto& h : r.path) out += h + " > ";
  return out + r.label;
}

std::string show_text(const check::Release& release, bool md) {
  std::string out = md ? "## What was read\n\n" : "";
  std::size_t n = 0;
  for (const auto& t : release.tables) {
    out += fmt::format("{}table {} at line {}{}\n", md ? "### " : "", ++n, t.line,
                       t.title.empty() ? "" : fmt::format(" \"{}\"", core::utf8_prefix(t.title, 60)));
    if (md) out += "\n";
    for (std::size_t c = 0; c < t.columns.size(); ++c) {
      const auto& col = t.columns[c];
      const std::string what = col.change   ? "change"
                               : col.period ? col.period->to_string()
                                            : "no period: not checked";
      out += fmt::format("{}column {} \"{}\": {}{}\n", md ? "- " : "  ", c + 1, col.header, what,
                         col.entity.empty() ? "" : ", " + col.entity);
    }
    for (const auto& r : t.rows) {
      std::size_t figures = 0;
      for (const auto& c : r.cells) figures += c.has_value();
      const std::string item = check::describe_row(t, r);
      out += fmt::format("{}line {} \"{}\": {} figures, {}\n", md ? "- " : "  ", r.line,
                         path_text(r), figures, item.empty() ? "no item" : item);
    }
    if (md) out += "\n";
  }
  for (const auto& s : release.skipped)
    out += fmt::format("{}skipped line {} \"{}\": {}\n", md ? "- " : "", s.line, s.text, s.why);
  return out + (md ? "\n" : "") + Reading(release).summary() + "\n\n";
}

nlohmann::ordered_json show_json(const check::Release& release) {
  auto tables = nlohmann::ordered_json::array();
  for (const auto& t : release.tables) {
    auto columns = nlohmann::ordered_json::array();
    for (const auto& c : t.columns) {
      nlohmann::ordered_json j{{"header", c.header},
                               {"period", c.period ? nlohmann::ordered_json(c.period->to_string())
                                                   : nlohmann::ordered_json(nullptr)},
                               {"change", c.change}};
      if (!c.entity.empty()) j["entity"] = c.entity;
      columns.push_back(j);
    }
    auto rows = nlohmann::ordered_json::array();
    for (const auto& r : t.rows) {
      std::size_t figures = 0;
      for (const auto& c : r.cells) figures += c.has_value();
      rows.push_back({{"line", r.line},
                      {"label", r.label},
                      {"path", r.path},
                      {"item", check::describe_row(t, r)},
                      {"figures", figures}});
    }
    tables.push_back(
        {{"line", t.line}, {"title", t.title}, {"columns", columns}, {"rows", rows}});
  }
  auto skipped = nlohmann::ordered_json::array();
  for (const auto& s : release.skipped)
    skipped.push_back({{"line", s.line}, {"text", s.text}, {"why", s.why}});
  const Reading reading(release);
  return {{"tables", tables},
          {"skipped", skipped},
          {"read", {{"tables", reading.tables}, {"rows", reading.rows},
                    {"figures", reading.figures}, {"sentences", reading.sentences},
                    {"skipped_lines", reading.skipped}}}};
}

}  // namespace

std::string render_checks(const std::string& file, const check::Release& release,
                          const std::vector<check::Check>& checks, Format format, bool show) {
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
    if (show) out["document"] = show_json(release);
    out["checks"] = list;
    const Reading reading(release);
    out["summary"] = {{"ties", counts[0]},
                      {"does_not_tie", counts[1]},
                      {"not_checkable", counts[2]},
                      {"tables_read", reading.tables},
                      {"figures_read", reading.figures},
                      {"sentences_read", reading.sentences},
                      {"lines_skipped", reading.skipped}};
    return json_text(out);
  }
  const bool md = format == Format::markdown;
  std::string out = md ? fmt::format("# Checks of {}\n\n", file) : "";
  if (show) out += show_text(release, md);
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
  out += fmt::format("{}{} checks: {} tie, {} do not tie, {} not checkable. {}\n", md ? "\n" : "",
                     checks.size(), counts[0], counts[1], counts[2], Reading(release).summary());
  return out;
}

}  // namespace orebook::report
