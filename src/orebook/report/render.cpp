#include "orebook/report/render.h"

#include <algorithm>
#include <filesystem>
#include <stdexcept>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "orebook/accounting/formulas.h"
#include "orebook/core/utf8.h"
#include "orebook/report/explain.h"
#include "orebook/report/format.h"
#include "orebook/report/json.h"

namespace orebook::report {

std::string_view to_string(Format f) {
  switch (f) {
    case Format::text:
      return "text";
    case Format::markdown:
      return "md";
    case Format::csv:
      return "csv";
    case Format::json:
      return "json";
    case Format::xlsx:
      return "xlsx";
    case Format::html:
      return "html";
  }
  return "?";
}

std::optional<Format> format_from_string(std::string_view text) {
  if (text == "text" || text == "txt") return Format::text;
  if (text == "md" || text == "markdown") return Format::markdown;
  if (text == "csv") return Format::csv;
  if (text == "json") return Format::json;
  if (text == "xlsx") return Format::xlsx;
  if (text == "html" || text == "htm") return Format::html;
  return std::nullopt;
}

std::optional<Format> format_from_path(std::string_view path) {
  const std::string extension = std::filesystem::path(path).extension().string();
  if (extension.empty()) return Format::text;
  return format_from_string(std::string_view(extension).substr(1));
}

std::string display_value(const Figure& f, double value) {
  std::string out = format_grouped(value, f.decimals);
  if (f.parentheses && !out.empty() && out[0] == '-') {
    out = "(" + f.prefix + out.substr(1) + (f.unit == "%" ? "%" : "") + ")";
    return out;
  }
  if (!f.prefix.empty()) {
    const bool negative = !out.empty() && out[0] == '-';
    out.insert(negative ? 1 : 0, f.prefix);
  }
  if (f.unit == "%") out += "%";
  return out;
}

std::string display_change(const Figure& f, const std::optional<double>& current,
                           const std::optional<double>& prior) {
  if (!current || !prior) return std::string(kUnknown);
  const accounting::Change c = accounting::change(*current, *prior);
  if (f.unit == "%") {
    std::string d = format_grouped(c.absolute, f.decimals);
    if (c.absolute > 0 && d.find_first_not_of("0.") != std::string::npos) d.insert(0, 1, '+');
    d.append(" pp");
    return d;
  }
  // Across a sign, or from or to a negative: not meaningful.
  if (!c.relative) return *prior != 0.0 ? "n/m" : std::string(kUnknown);
  return format_grouped(*c.relative * 100.0, 0) + "%";
}

std::string display_cell(const Figure& f, std::size_t k) {
  if (!f.values[k]) return std::string(kUnknown);
  const bool reported = k < f.reported.size() && f.reported[k];
  return display_value(f, *f.values[k]) + (reported ? " (r)" : "");
}

bool has_change(const Table& t) { return t.show_change && t.periods.size() == 2; }

bool any_reported(const Table& t) {
  for (const Figure& f : t.figures)
    for (bool r : f.reported)
      if (r) return true;
  return false;
}

namespace {

// The cells of a table, one after another in one text (a table of a
// million streams held its cells as a string each: most of its memory).
class Cells {
 public:
  void add(std::string_view cell) {
    text_ += cell;
    ends_.push_back(text_.size());
  }
  void end_row() { rows_.push_back(ends_.size()); }
  std::size_t rows() const { return rows_.size(); }
  std::size_t size(std::size_t row) const { return rows_[row] - first(row); }
  std::string_view at(std::size_t row, std::size_t c) const {
    const std::size_t i = first(row) + c;
    const std::size_t begin = i == 0 ? 0 : ends_[i - 1];
    return std::string_view(text_).substr(begin, ends_[i] - begin);
  }

 private:
  std::size_t first(std::size_t row) const { return row == 0 ? 0 : rows_[row - 1]; }
  std::string text_;
  std::vector<std::size_t> ends_;  // per cell, where it ends in text_
  std::vector<std::size_t> rows_;  // per row, the end of its cells in ends_
};

std::string render_text(const Table& t) {
  const bool change = has_change(t);
  Cells rows;  // row 0 the header; then label, values..., change; a heading alone
  rows.add("");
  for (std::size_t k = 0; k < t.periods.size(); ++k) rows.add(t.period_name(k));
  if (change) rows.add("Change");
  rows.end_row();
  std::string label;
  for (const Line& line : t.lines) {
    if (!line.heading.empty()) {
      rows.add(line.heading);
      rows.end_row();
      continue;
    }
    const Figure& f = t.figures[line.figure];
    label.assign(static_cast<std::size_t>(2 * line.indent), ' ');
    label += f.label;
    rows.add(label);
    for (std::size_t k = 0; k < t.periods.size(); ++k) rows.add(display_cell(f, k));
    if (change) rows.add(display_change(f, f.values[0], f.values[1]));
    rows.end_row();
  }
  std::vector<std::size_t> width(rows.size(0), 0);
  for (std::size_t r = 0; r < rows.rows(); ++r) {
    if (r > 0 && rows.size(r) == 1) continue;  // a heading sets no width
    for (std::size_t c = 0; c < rows.size(r); ++c)
      width[c] = std::max(width[c], core::utf8_length(rows.at(r, c)));
  }
  std::string out = t.title + "\n";
  if (!t.caption.empty()) out += "(" + t.caption + ")\n";
  out += "\n";
  if (t.figures.empty()) {
    for (const auto& n : t.notes) out += "- " + n + "\n";
    return out;
  }
  // Cells padded to their column's width: the label to the left, values to
  // the right; no spaces at the end of a line.
  for (std::size_t r = 0; r < rows.rows(); ++r) {
    const std::size_t line_start = out.size();
    for (std::size_t c = 0; c < rows.size(r); ++c) {
      const std::string_view text = rows.at(r, c);
      const std::size_t w = core::utf8_length(text);
      const std::size_t fill = width[c] > w ? width[c] - w : 0;
      if (c == 0) {
        out += text;
        out.append(fill, ' ');
      } else {
        out += "  ";
        out.append(fill, ' ');
        out += text;
      }
    }
    while (out.size() > line_start && out.back() == ' ') out.pop_back();
    out += "\n";
  }
  if (any_reported(t)) out += std::string(kReportedNote) + "\n";
  for (const auto& n : t.notes) out += "- " + n + "\n";
  return out;
}

std::string md_escape(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c == '|') out += '\\';
    out += c;
  }
  return out;
}

std::string render_markdown(const Table& t) {
  const bool change = has_change(t);
  std::string out = "# " + md_escape(t.title) + "\n\n";
  if (!t.caption.empty()) out += "_" + md_escape(t.caption) + "_\n\n";
  if (t.figures.empty()) {
    for (const auto& n : t.notes) out += "- " + md_escape(n) + "\n";
    return out;
  }
  out += "|";
  std::string rule = "|---|";
  out += " |";
  for (std::size_t k = 0; k < t.periods.size(); ++k) {
    out += " " + md_escape(t.period_name(k)) + " |";
    rule += "---:|";
  }
  if (change) {
    out += " Change |";
    rule += "---:|";
  }
  out += "\n" + rule + "\n";
  const std::size_t cols = t.periods.size() + (change ? 1 : 0);
  for (const Line& line : t.lines) {
    if (!line.heading.empty()) {
      out += "| **" + md_escape(line.heading) + "** |";
      for (std::size_t c = 0; c < cols; ++c) out += " |";
      out += "\n";
      continue;
    }
    const Figure& f = t.figures[line.figure];
    out += "| " + md_escape(f.label) + " |";
    for (std::size_t k = 0; k < t.periods.size(); ++k) out += " " + display_cell(f, k) + " |";
    if (change) out += " " + display_change(f, f.values[0], f.values[1]) + " |";
    out += "\n";
  }
  if (any_reported(t)) out += "\n" + std::string(kReportedNote) + "\n";
  if (!t.notes.empty()) out += "\n";
  for (const auto& n : t.notes) out += "- " + md_escape(n) + "\n";
  return out;
}

std::string csv_quote(std::string_view s) {
  if (s.find_first_of(",\"\n") == std::string_view::npos) return std::string(s);
  std::string out = "\"";
  for (char c : s) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

// Values at the table's precision, without separators (docs/formulas.md §15).
std::string render_csv(const Table& t) {
  std::string out = "key,label,unit";
  for (const auto& p : t.periods) out += "," + p;
  out += "\n";
  for (const Figure& f : t.figures) {
    out += csv_quote(f.key) + "," + csv_quote(f.label) + "," + csv_quote(f.unit);
    for (const auto& v : f.values) out += "," + (v ? format_fixed(*v, f.decimals) : std::string());
    out += "\n";
  }
  // Sentences (highlights) as rows of their own: note.1, note.2 ...
  for (std::size_t i = 0; i < t.notes.size(); ++i) {
    out += fmt::format("note.{},{},", i + 1, csv_quote(t.notes[i]));
    for (std::size_t k = 0; k < t.periods.size(); ++k) out += ",";
    out += "\n";
  }
  return out;
}

// Per value, the rows it is made from: [{"file", "sheet"?, "what", "lines"}],
// or null where they are not traced.
nlohmann::ordered_json provenance_json(const Figure& f) {
  auto out = nlohmann::ordered_json::array();
  for (const auto& sources : f.provenance) {
    if (!sources) {
      out.push_back(nullptr);
      continue;
    }
    auto list = nlohmann::ordered_json::array();
    for (const SourceRows& r : *sources) list.push_back(source_rows_json(r));
    out.push_back(std::move(list));
  }
  return out;
}

// Full precision, percents as percents.
nlohmann::ordered_json table_json(const Table& t) {
  nlohmann::ordered_json j;
  j["site"] = t.site;
  if (!t.show_change) j["title"] = t.title;
  j["periods"] = t.periods;
  if (!t.period_names.empty()) j["period_names"] = t.period_names;
  auto figures = nlohmann::ordered_json::array();
  for (const Figure& f : t.figures) {
    nlohmann::ordered_json jf;
    jf["key"] = f.key;
    jf["label"] = f.label;
    jf["unit"] = f.unit;
    jf["decimals"] = f.decimals;
    auto values = nlohmann::ordered_json::array();
    for (const auto& v : f.values) values.push_back(v ? nlohmann::ordered_json(*v) : nullptr);
    jf["values"] = std::move(values);
    if (!f.reported.empty()) jf["reported"] = f.reported;
    if (!f.provenance.empty()) jf["provenance"] = provenance_json(f);
    if (has_change(t) && f.values[0] && f.values[1]) {
      const accounting::Change c = accounting::change(*f.values[0], *f.values[1]);
      jf["change"] = {{"absolute", c.absolute},
                      {"percent", c.relative ? nlohmann::ordered_json(*c.relative * 100.0)
                                             : nlohmann::ordered_json(nullptr)}};
    }
    figures.push_back(std::move(jf));
  }
  j["figures"] = std::move(figures);
  if (!t.caption.empty()) j["caption"] = t.caption;
  if (!t.notes.empty()) j["notes"] = t.notes;
  return j;
}

std::string render_json(const Table& t) { return json_text(table_json(t)); }

}  // namespace

std::string render(const Table& table, Format format) {
  switch (format) {
    case Format::text:
      return render_text(table);
    case Format::markdown:
      return render_markdown(table);
    case Format::csv:
      return render_csv(table);
    case Format::json:
      return render_json(table);
    case Format::xlsx:
    case Format::html:
      break;
  }
  throw std::logic_error("render: a document format is made by pipeline::render_document");
}

std::string render(const std::vector<Table>& tables, Format format) {
  if (format == Format::json) {
    nlohmann::ordered_json j;
    j["tables"] = nlohmann::ordered_json::array();
    for (const Table& t : tables) j["tables"].push_back(table_json(t));
    return json_text(j);
  }
  std::string out;
  for (std::size_t i = 0; i < tables.size(); ++i) {
    if (i > 0) out += "\n";
    out += render(tables[i], format);
  }
  return out;
}

}  // namespace orebook::report
