#include "orebook/report/xlsx.h"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <tuple>

#include <fmt/format.h>
#include <xlsxwriter.h>

#include "orebook/accounting/formulas.h"
#include "orebook/core/error.h"
#include "orebook/core/utf8.h"
#include "orebook/report/format.h"
#include "orebook/report/render.h"

#include <unistd.h>

namespace orebook::report {

namespace {

// A number format's literal text: in double quotes, a quote doubled.
std::string literal(std::string_view text) {
  std::string out = "\"";
  for (char c : text) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

std::string digits(int decimals) {
  return decimals > 0 ? "#,##0." + std::string(static_cast<std::size_t>(decimals), '0') : "#,##0";
}

// Whether `value` prints as zero at `decimals` places (format_fixed).
bool rounds_to_zero(double value, int decimals) {
  const std::string text = format_fixed(value, decimals);
  return text.find_first_of("123456789") == std::string::npos;
}

// 2000-01-01T00:00:00Z, or SOURCE_DATE_EPOCH (reproducible-builds.org).
std::time_t document_time() {
  if (const char* epoch = std::getenv("SOURCE_DATE_EPOCH")) {
    char* end = nullptr;
    const long long t = std::strtoll(epoch, &end, 10);
    if (end != epoch && *end == '\0' && t >= 0) return static_cast<std::time_t>(t);
  }
  return 946684800;
}

// A temporary file for libxlsxwriter to write (1.1.4 writes only to a file),
// removed when done.
class TempFile {
 public:
  TempFile() {
    std::string pattern = (std::filesystem::temp_directory_path() / "orebook-XXXXXX").string();
    const int fd = mkstemp(pattern.data());
    if (fd < 0) throw core::Error("cannot make a temporary file for the workbook");
    close(fd);
    path_ = pattern;
  }
  TempFile(const TempFile&) = delete;
  TempFile& operator=(const TempFile&) = delete;
  ~TempFile() { std::remove(path_.c_str()); }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

class Workbook {
 public:
  explicit Workbook(const std::string& path) {
    lxw_workbook_options options{};
    book_ = workbook_new_opt(path.c_str(), &options);
    if (book_ == nullptr) throw core::Error("cannot start the workbook");
    lxw_doc_properties properties{};
    properties.created = document_time();
    workbook_set_properties(book_, &properties);
  }
  Workbook(const Workbook&) = delete;
  Workbook& operator=(const Workbook&) = delete;
  ~Workbook() {
    if (book_ != nullptr) workbook_close(book_);
  }

  void close() {
    const lxw_error e = workbook_close(book_);
    book_ = nullptr;
    if (e != LXW_NO_ERROR)
      throw core::Error(fmt::format("cannot write the workbook: {}", lxw_strerror(e)));
  }

  lxw_worksheet* sheet(const std::string& name) {
    lxw_worksheet* s = workbook_add_worksheet(book_, name.c_str());
    if (s == nullptr) throw core::Error(fmt::format("cannot add sheet '{}' to the workbook", name));
    return s;
  }

  // A cell format: a number format, bold, italic, indent, right-aligned,
  // a rule below, a font size; made once per combination.
  struct Style {
    std::string number;
    bool is_bold = false, is_italic = false, is_right = false, has_rule = false;
    int indent_level = 0;
    double font_size = 0;
    Style& format(std::string n) { return number = std::move(n), *this; }
    Style& bold() { return is_bold = true, *this; }
    Style& italic() { return is_italic = true, *this; }
    Style& right() { return is_right = true, *this; }
    Style& rule() { return has_rule = true, *this; }
    Style& indent(int level) { return indent_level = level, *this; }
    Style& size(double points) { return font_size = points, *this; }
    auto tie() const {
      return std::tie(number, is_bold, is_italic, is_right, has_rule, indent_level, font_size);
    }
    bool operator<(const Style& o) const { return tie() < o.tie(); }
  };
  lxw_format* format(const Style& s) {
    auto [it, added] = formats_.try_emplace(s, nullptr);
    if (!added) return it->second;
    lxw_format* f = workbook_add_format(book_);
    if (!s.number.empty()) format_set_num_format(f, s.number.c_str());
    if (s.is_bold) format_set_bold(f);
    if (s.is_italic) format_set_italic(f);
    if (s.is_right) format_set_align(f, LXW_ALIGN_RIGHT);
    if (s.has_rule) format_set_bottom(f, LXW_BORDER_THIN);
    if (s.indent_level > 0) format_set_indent(f, static_cast<std::uint8_t>(s.indent_level));
    if (s.font_size > 0) format_set_font_size(f, s.font_size);
    it->second = f;
    return f;
  }

 private:
  lxw_workbook* book_ = nullptr;
  std::map<Style, lxw_format*> formats_;
};

// Writes cells of one sheet, checking each write (a row past Excel's last,
// a string past its longest, are errors, not silent losses).
class Sheet {
 public:
  Sheet(lxw_worksheet* s, std::string name) : s_(s), name_(std::move(name)) {}

  void text(std::size_t row, std::size_t col, std::string_view value, lxw_format* f = nullptr) {
    check(row, col);
    std::string t(value);
    if (t.size() > kXlsxMaxCellText)
      t = core::utf8_prefix(t, kXlsxMaxCellText - 3) + "\xE2\x80\xA6";
    done(worksheet_write_string(s_, static_cast<lxw_row_t>(row), static_cast<lxw_col_t>(col),
                                t.c_str(), f));
  }
  void number(std::size_t row, std::size_t col, double value, lxw_format* f) {
    check(row, col);
    done(worksheet_write_number(s_, static_cast<lxw_row_t>(row), static_cast<lxw_col_t>(col), value,
                                f));
  }
  lxw_worksheet* get() const { return s_; }

 private:
  void check(std::size_t row, std::size_t col) const {
    if (row >= kXlsxMaxRows || col >= kXlsxMaxColumns) {
      throw core::Error(fmt::format(
          "sheet '{}' needs {} {}: more than an Excel sheet holds ({} rows, {} columns); write "
          "csv or json instead",
          name_, row >= kXlsxMaxRows ? row + 1 : col + 1, row >= kXlsxMaxRows ? "rows" : "columns",
          kXlsxMaxRows, kXlsxMaxColumns));
    }
  }
  void done(lxw_error e) const {
    if (e != LXW_NO_ERROR)
      throw core::Error(fmt::format("cannot write sheet '{}': {}", name_, lxw_strerror(e)));
  }
  lxw_worksheet* s_;
  std::string name_;
};

void set_width(Sheet& sheet, std::size_t col, std::size_t chars) {
  const double width = static_cast<double>(std::min<std::size_t>(chars, 100)) + 2.0;
  worksheet_set_column(sheet.get(), static_cast<lxw_col_t>(col), static_cast<lxw_col_t>(col), width,
                       nullptr);
}

void write_table(Workbook& book, Sheet& sheet, const Table& t) {
  using Style = Workbook::Style;
  std::size_t row = 0;
  sheet.text(row++, 0, t.title, book.format(Style().bold().size(14)));
  if (!t.caption.empty())
    sheet.text(row++, 0, "(" + t.caption + ")", book.format(Style().italic()));
  ++row;
  const bool change = has_change(t);
  std::vector<std::size_t> width(t.periods.size() + 2, 0);
  if (!t.figures.empty()) {
    lxw_format* head = book.format(Style().bold().right().rule());
    sheet.text(row, 0, "", book.format(Style().bold().rule()));
    for (std::size_t k = 0; k < t.periods.size(); ++k) {
      sheet.text(row, k + 1, t.period_name(k), head);
      width[k + 1] = core::utf8_length(t.period_name(k));
    }
    if (change) {
      sheet.text(row, t.periods.size() + 1, "Change", head);
      width[t.periods.size() + 1] = 6;
    }
    ++row;
    // The header row and the label column stay in view.
    worksheet_freeze_panes(sheet.get(), static_cast<lxw_row_t>(row), 1);
    lxw_format* unknown = book.format(Style().right());
    for (const Line& line : t.lines) {
      if (!line.heading.empty()) {
        sheet.text(row++, 0, line.heading, book.format(Style().bold()));
        width[0] = std::max(width[0], core::utf8_length(line.heading));
        continue;
      }
      const Figure& f = t.figures[line.figure];
      sheet.text(row, 0, f.label, book.format(Style().indent(line.indent)));
      width[0] = std::max(width[0],
                          core::utf8_length(f.label) + 2 * static_cast<std::size_t>(line.indent));
      for (std::size_t k = 0; k < t.periods.size(); ++k) {
        const auto& v = f.values[k];
        if (!v) {
          sheet.text(row, k + 1, kUnknown, unknown);
          continue;
        }
        const bool reported = k < f.reported.size() && f.reported[k];
        // Excel's % format shows the fraction as a percent: 0.947 as 94.7%.
        const double stored = f.unit == "%" ? *v / 100.0 : *v;
        std::string number = xlsx_number_format(f, reported);
        // Excel shows a negative that rounds to zero as "-0"; the text never does.
        if (*v < 0 && rounds_to_zero(*v, f.decimals)) number += ";" + number;
        sheet.number(row, k + 1, stored, book.format(Style().format(number)));
        width[k + 1] =
            std::max(width[k + 1], core::utf8_length(display_value(f, *v)) + (reported ? 4 : 0));
      }
      if (change) {
        const std::size_t col = t.periods.size() + 1;
        const auto& now = f.values[0];
        const auto& before = f.values[1];
        const std::string shown = display_change(f, now, before);
        width[col] = std::max(width[col], core::utf8_length(shown));
        if (now && before) {
          // The change column's formula, as text and JSON use it.
          const accounting::Change c = accounting::change(*now, *before);
          if (f.unit == "%") {
            // "+1.3 pp", "-0.4 pp", and "0.0 pp" for what rounds to zero
            // either side (display_change).
            const std::string d = digits(f.decimals) + "\" pp\"";
            const std::string number =
                rounds_to_zero(c.absolute, f.decimals) ? d + ";" + d : "+" + d + ";-" + d + ";" + d;
            sheet.number(row, col, c.absolute, book.format(Style().format(number)));
          } else if (c.relative) {
            const bool zero = rounds_to_zero(*c.relative * 100.0, 0);
            sheet.number(row, col, *c.relative,
                         book.format(Style().format(zero ? "#,##0%;#,##0%" : "#,##0%")));
          } else {
            sheet.text(row, col, shown, unknown);
          }
        } else {
          sheet.text(row, col, shown, unknown);
        }
      }
      ++row;
    }
  }
  if (any_reported(t) || !t.notes.empty()) ++row;
  if (any_reported(t)) sheet.text(row++, 0, kReportedNote);
  for (const std::string& n : t.notes) sheet.text(row++, 0, n);
  set_width(sheet, 0, std::max<std::size_t>(width[0], 12));
  for (std::size_t c = 1; c < width.size(); ++c)
    set_width(sheet, c, std::max<std::size_t>(width[c], 8));
}

void write_notes(Workbook& book, Sheet& sheet, const Document& d) {
  using Style = Workbook::Style;
  lxw_format* bold = book.format(Style().bold());
  std::size_t row = 0;
  sheet.text(row++, 0, "Notes", book.format(Style().bold().size(14)));
  ++row;
  const auto pair = [&](std::string_view key, std::string_view value) {
    sheet.text(row, 0, key, bold);
    sheet.text(row++, 1, value);
  };
  pair("Made by", "orebook " + d.version);
  pair("Command", d.command);
  if (!d.dataset.empty()) pair("Dataset", d.dataset);
  ++row;
  sheet.text(row, 0, "Files read", bold);
  sheet.text(row++, 1, "SHA-256", bold);
  std::size_t widest = 12;
  for (const SourceFile& f : d.files) {
    sheet.text(row, 0, f.path);
    sheet.text(row++, 1, f.sha256 ? *f.sha256 : std::string("(could not be read again)"));
    widest = std::max(widest, core::utf8_length(f.path));
  }
  ++row;
  sheet.text(row++, 0, "Warnings", bold);
  if (d.warnings.empty()) sheet.text(row++, 0, "None.");
  for (const std::string& w : d.warnings) sheet.text(row++, 0, w);
  set_width(sheet, 0, widest);
  set_width(sheet, 1, 64);
}

}  // namespace

std::string xlsx_number_format(const Figure& f, bool reported) {
  std::string shown =
      (f.prefix.empty() ? "" : literal(f.prefix)) + digits(f.decimals) + (f.unit == "%" ? "%" : "");
  const std::string mark = reported ? literal(" (r)") : "";
  if (f.parentheses) return shown + mark + ";(" + shown + ")" + mark;
  return shown + mark;
}

std::string xlsx_sheet_name(const std::string& title, std::vector<std::string>& taken) {
  std::string base;
  // Excel refuses brackets, colons, stars, question marks and slashes in a
  // sheet name: brackets become parentheses,
  // slashes dashes, the others go.
  for (char c : title) {
    if (c == '[' || c == ']') {
      base += c == '[' ? '(' : ')';
    } else if (c == '/' || c == '\\') {
      base += '-';
    } else if (c != ':' && c != '*' && c != '?') {
      base += c;
    }
  }
  while (!base.empty() && (base.front() == '\'' || base.front() == ' ')) base.erase(0, 1);
  if (base.empty()) base = "Table";
  const auto lower = [](std::string s) {
    for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
  };
  // Excel counts UTF-16 units; the code points of these titles are one each.
  const auto cut = [](const std::string& s, std::size_t chars) {
    std::string out;
    std::size_t n = 0;
    for (std::size_t i = 0; i < s.size(); ++i) {
      if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80 && n++ == chars) break;
      out += s[i];
    }
    // Cut short: at the last word that fits, when that keeps most of it.
    if (out.size() < s.size()) {
      const std::size_t space = out.find_last_of(" ,");
      if (space != std::string::npos && space >= out.size() / 2) out.erase(space);
    }
    while (!out.empty() && (out.back() == '\'' || out.back() == ' ' || out.back() == ','))
      out.pop_back();
    return out;
  };
  std::string name = cut(base, 31);
  for (int k = 2;; ++k) {
    const bool used = std::any_of(taken.begin(), taken.end(),
                                  [&](const std::string& t) { return lower(t) == lower(name); });
    if (!used) break;
    const std::string suffix = fmt::format(" ({})", k);
    name = cut(base, 31 - suffix.size()) + suffix;
  }
  taken.push_back(name);
  return name;
}

std::string render_xlsx(const std::vector<Table>& tables, const Document& document) {
  TempFile file;
  {
    Workbook book(file.path());
    std::vector<std::string> names{"Notes"};  // kept for the last sheet
    for (const Table& t : tables) {
      // "Nuestra Señora: operating statistics" → "Operating statistics": the
      // site is in every title, and sheet names are short.
      std::string title = t.title;
      if (!t.site.empty() && title.rfind(t.site + ": ", 0) == 0) {
        title.erase(0, t.site.size() + 2);
        if (!title.empty())
          title[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(title[0])));
      }
      const std::string name = xlsx_sheet_name(title, names);
      Sheet sheet(book.sheet(name), name);
      write_table(book, sheet, t);
    }
    Sheet notes(book.sheet("Notes"), "Notes");
    write_notes(book, notes, document);
    book.close();
  }
  std::ifstream in(file.path(), std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  if (!in) throw core::Error("cannot read back the workbook written");
  return std::move(bytes).str();
}

}  // namespace orebook::report
