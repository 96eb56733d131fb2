#include "orebook/report/render.h"

#include <algorithm>
#include <filesystem>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "orebook/accounting/formulas.h"
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
  }
  return "?";
}

std::optional<Format> format_from_string(std::string_view text) {
  if (text == "text" || text == "txt") return Format::text;
  if (text == "md" || text == "markdown") return Format::markdown;
  if (text == "csv") return Format::csv;
  if (text == "json") return Format::json;
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

namespace {

// Columns a string takes in a terminal: UTF-8 code points ("Doré" is 4).
std::size_t display_width(std::string_view s) {
  std::size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

std::string pad(std::string_view s, std::size_t width, bool right) {
  const std::string fill(width > display_width(s) ? width - display_width(s) : 0, ' ');
  return right ? fill + std::string(s) : std::string(s) + fill;
}

bool has_change(const Table& t) { return t.show_change && t.periods.size() == 2; }

std::string cell(const Figure& f, std::size_t k) {
  if (!f.values[k]) return std::string(kUnknown);
  const bool reported = k < f.reported.size() && f.reported[k];
  return display_value(f, *f.values[k]) + (reported ? " (r)" : "");
}

bool any_reported(const Table& t) {
  for (const Figure& f : t.figures)
    for (bool r : f.reported)
      if (r) return true;
  return false;
}

constexpr std::string_view kReportedNote =
    "(r) reported: a figure published elsewhere, not derived by orebook";

std::string render_text(const Table& t) {
  const bool change = has_change(t);
  std::vector<std::vector<std::string>> rows;  // label, values..., change
  std::vector<std::string> header{""};
  for (std::size_t k = 0; k < t.periods.size(); ++k) header.push_back(t.period_name(k));
  if (change) header.push_back("Change");
  for (const Line& line : t.lines) {
    if (!line.heading.empty()) {
      rows.push_back({line.heading});
      continue;
    }
    const Figure& f = t.figures[line.figure];
    std::vector<std::string> row{std::string(static_cast<std::size_t>(2 * line.indent), ' ') +
                                 f.label};
    for (std::size_t k = 0; k < t.periods.size(); ++k) row.push_back(cell(f, k));
    if (change) row.push_back(display_change(f, f.values[0], f.values[1]));
    rows.push_back(std::move(row));
  }
  std::vector<std::size_t> width(header.size(), 0);
  for (std::size_t c = 0; c < header.size(); ++c) width[c] = display_width(header[c]);
  for (const auto& row : rows) {
    if (row.size() == 1) continue;
    for (std::size_t c = 0; c < row.size(); ++c)
      width[c] = std::max(width[c], display_width(row[c]));
  }
  std::string out = t.title + "\n";
  if (!t.caption.empty()) out += "(" + t.caption + ")\n";
  out += "\n";
  if (t.figures.empty()) {
    for (const auto& n : t.notes) out += "- " + n + "\n";
    return out;
  }
  auto emit = [&](const std::vector<std::string>& row) {
    std::string line = pad(row[0], width[0], false);
    for (std::size_t c = 1; c < row.size(); ++c) line += "  " + pad(row[c], width[c], true);
    while (!line.empty() && line.back() == ' ') line.pop_back();
    out += line + "\n";
  };
  emit(header);
  for (const auto& row : rows) emit(row);
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
    for (std::size_t k = 0; k < t.periods.size(); ++k) out += " " + cell(f, k) + " |";
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
  }
  return {};
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
