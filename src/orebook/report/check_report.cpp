#include "orebook/report/check_report.h"

#include <algorithm>
#include <sstream>
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

std::string path_text(const check::Row& r) {
  std::string out;
  for (const auto& h : r.path) out += h + " > ";
  return out + r.label;
}

std::size_t figures_of(const check::Row& r) {
  return static_cast<std::size_t>(
      std::count_if(r.cells.begin(), r.cells.end(), [](const auto& c) { return c.has_value(); }));
}

// One element of a JSON array `depth` levels deep, as a whole document's
// two-space dump would print it.
std::string json_element(const nlohmann::ordered_json& j, int depth) {
  const std::string pad(static_cast<std::size_t>(2 * depth), ' ');
  const std::string dumped =
      j.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
  std::string out = pad;
  for (char c : dumped) {
    out += c;
    if (c == '\n') out += pad;
  }
  return out;
}

nlohmann::ordered_json table_json(const check::Table& t) {
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
  for (const auto& r : t.rows)
    rows.push_back({{"line", r.line},
                    {"label", r.label},
                    {"path", r.path},
                    {"item", check::describe_row(t, r)},
                    {"figures", figures_of(r)}});
  return {{"line", t.line}, {"title", t.title}, {"columns", columns}, {"rows", rows}};
}

nlohmann::ordered_json check_json(const check::Check& c) {
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
  return j;
}

std::string check_line(const std::string& file, const check::Check& c, bool md) {
  std::string line = fmt::format("{}{}:{}: {}: {} {} = {} ({}; {})", md ? "- " : "", file,
                                 where(c.target), check::to_string(c.status), c.period,
                                 c.target.label, c.target.figure.text, c.relation, c.formula);
  if (c.status == check::Status::not_checkable) return line + ": " + c.why + "\n";
  std::string inputs;
  for (const auto& r : c.inputs)
    inputs +=
        fmt::format("{}{} = {} ({})", inputs.empty() ? "" : ", ", r.label, r.figure.text, where(r));
  line += fmt::format(": computed {} from {}; printed {}", interval_text(c.computed, c), inputs,
                      interval_text(c.printed, c));
  if (c.status == check::Status::does_not_tie)
    line += fmt::format("; gap {:.6g}", c.gap / c.target.figure.scale);
  return line + "\n";
}

std::string reading_summary(std::size_t tables, std::size_t rows, std::size_t figures,
                            std::size_t sentences, std::size_t skipped) {
  return fmt::format("Read {} tables ({} rows, {} figures) and {} sentences; skipped {} lines.",
                     tables, rows, figures, sentences, skipped);
}

}  // namespace

CheckWriter::CheckWriter(std::ostream& out, std::string file, Format format, bool show)
    : out_(out), file_(std::move(file)), format_(format), show_(show) {
  if (format_ == Format::json) {
    out_ << "{\n  \"file\": " << json_element(nlohmann::ordered_json(file_), 0) << ",\n";
  } else if (format_ == Format::markdown) {
    out_ << fmt::format("# Checks of {}\n\n", file_);
  }
}

void CheckWriter::document(const check::Release& part) {
  tables_ += part.tables.size();
  sentences_ += part.prose.size();
  skipped_lines_ += part.skipped_lines;
  for (const auto& s : part.skipped)
    if (skipped_.size() < check::kMaxSkippedListed) skipped_.push_back(s);
  for (const auto& t : part.tables) {
    rows_ += t.rows.size();
    for (const auto& r : t.rows) figures_ += figures_of(r);
  }
  if (!show_) return;
  const bool md = format_ == Format::markdown;
  if (format_ == Format::json) {
    if (!document_open_) out_ << "  \"document\": {\n    \"tables\": [";
    for (const auto& t : part.tables)
      out_ << (tables_written_++ ? ",\n" : "\n") << json_element(table_json(t), 3);
    document_open_ = true;
    return;
  }
  if (!document_open_ && md) out_ << "## What was read\n\n";
  document_open_ = true;
  for (const auto& t : part.tables) {
    out_ << fmt::format(
        "{}table {} at line {}{}\n", md ? "### " : "", ++tables_written_, t.line,
        t.title.empty() ? "" : fmt::format(" \"{}\"", core::utf8_prefix(t.title, 60)));
    if (md) out_ << "\n";
    for (std::size_t c = 0; c < t.columns.size(); ++c) {
      const auto& col = t.columns[c];
      const std::string what = col.change   ? "change"
                               : col.period ? col.period->to_string()
                                            : "no period: not checked";
      out_ << fmt::format("{}column {} \"{}\": {}{}\n", md ? "- " : "  ", c + 1, col.header, what,
                          col.entity.empty() ? "" : ", " + col.entity);
    }
    for (const auto& r : t.rows) {
      const std::string item = check::describe_row(t, r);
      out_ << fmt::format("{}line {} \"{}\": {} figures, {}\n", md ? "- " : "  ", r.line,
                          path_text(r), figures_of(r), item.empty() ? "no item" : item);
    }
    if (md) out_ << "\n";
  }
}

void CheckWriter::end_document() {
  if (document_done_) return;
  document_done_ = true;
  if (!show_) return;
  const bool md = format_ == Format::markdown;
  if (format_ == Format::json) {
    if (!document_open_) out_ << "  \"document\": {\n    \"tables\": [";
    out_ << (tables_written_ ? "\n    ],\n" : "],\n") << "    \"skipped\": [";
    for (std::size_t i = 0; i < skipped_.size(); ++i)
      out_ << (i ? ",\n" : "\n")
           << json_element({{"line", skipped_[i].line},
                            {"text", skipped_[i].text},
                            {"why", skipped_[i].why}},
                           3);
    out_ << (skipped_.empty() ? "],\n" : "\n    ],\n");
    const nlohmann::ordered_json read{{"tables", tables_},
                                      {"rows", rows_},
                                      {"figures", figures_},
                                      {"sentences", sentences_},
                                      {"skipped_lines", skipped_lines_}};
    out_ << "    \"read\": " << json_element(read, 2).substr(4) << "\n  },\n";
    return;
  }
  if (!document_open_ && md) out_ << "## What was read\n\n";
  for (const auto& s : skipped_)
    out_ << fmt::format("{}skipped line {} \"{}\": {}\n", md ? "- " : "", s.line, s.text, s.why);
  if (skipped_lines_ > skipped_.size())
    out_ << fmt::format("{}... and {} more lines skipped\n", md ? "- " : "",
                        skipped_lines_ - skipped_.size());
  out_ << (md ? "\n" : "") << reading_summary(tables_, rows_, figures_, sentences_, skipped_lines_)
       << "\n\n";
}

void CheckWriter::checks(const std::vector<check::Check>& checks) {
  end_document();
  if (format_ == Format::json && !checks_open_) out_ << "  \"checks\": [";
  checks_open_ = true;
  const bool md = format_ == Format::markdown;
  for (const auto& c : checks) {
    ++counts_[static_cast<int>(c.status)];
    if (format_ == Format::json)
      out_ << (checks_written_++ ? ",\n" : "\n") << json_element(check_json(c), 2);
    else
      out_ << check_line(file_, c, md);
  }
}

void CheckWriter::finish() {
  end_document();
  const bool md = format_ == Format::markdown;
  const std::size_t total = counts_[0] + counts_[1] + counts_[2];
  if (format_ == Format::json) {
    if (!checks_open_) out_ << "  \"checks\": [";
    out_ << (checks_written_ ? "\n  ],\n" : "],\n");
    const nlohmann::ordered_json summary{{"ties", counts_[0]},
                                         {"does_not_tie", counts_[1]},
                                         {"not_checkable", counts_[2]},
                                         {"tables_read", tables_},
                                         {"figures_read", figures_},
                                         {"sentences_read", sentences_},
                                         {"lines_skipped", skipped_lines_}};
    out_ << "  \"summary\": " << json_element(summary, 1).substr(2) << "\n}\n";
    return;
  }
  out_ << fmt::format("{}{} checks: {} tie, {} do not tie, {} not checkable. {}\n", md ? "\n" : "",
                      total, counts_[0], counts_[1], counts_[2],
                      reading_summary(tables_, rows_, figures_, sentences_, skipped_lines_));
}

std::string render_checks(const std::string& file, const check::Release& release,
                          const std::vector<check::Check>& checks, Format format, bool show) {
  std::ostringstream out;
  CheckWriter writer(out, file, format, show);
  writer.document(release);
  writer.checks(checks);
  writer.finish();
  return out.str();
}

}  // namespace orebook::report
