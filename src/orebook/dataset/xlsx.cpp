#include "orebook/dataset/xlsx.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <deque>
#include <filesystem>
#include <utility>
#include <vector>

#include <expat.h>
#include <fmt/format.h>
#include <zip.h>

namespace orebook::dataset {

namespace {

// The separator expat puts between a name's namespace and its local part:
// elements are matched by local name, whatever prefix a writer chose.
constexpr char kNsSep = '\x01';

std::string_view local_name(const XML_Char* name) {
  const std::string_view n(name);
  const auto sep = n.rfind(kNsSep);
  return sep == std::string_view::npos ? n : n.substr(sep + 1);
}

// The attribute `key` (local name) of a start tag, or nullptr.
const XML_Char* attribute(const XML_Char** attrs, std::string_view key) {
  for (; attrs[0] != nullptr; attrs += 2) {
    if (local_name(attrs[0]) == key) return attrs[1];
  }
  return nullptr;
}

struct ZipCloser {
  void operator()(zip_t* z) const { zip_discard(z); }
};
struct ZipFileCloser {
  void operator()(zip_file_t* f) const { zip_fclose(f); }
};
struct ParserFree {
  void operator()(XML_Parser p) const { XML_ParserFree(p); }
};
using ZipPtr = std::unique_ptr<zip_t, ZipCloser>;
using ZipFilePtr = std::unique_ptr<zip_file_t, ZipFileCloser>;
using ParserPtr = std::unique_ptr<std::remove_pointer_t<XML_Parser>, ParserFree>;

// A problem of the workbook as a whole (before any sheet is read).
struct Problem {
  std::string code, message, found, expected;
};

std::string mib(std::uint64_t bytes) { return fmt::format("{} MiB", bytes >> 20); }

// Opens entry `name` for reading; `size` is what the zip says it decompresses to.
ZipFilePtr open_entry(zip_t* zip, const std::string& name, std::uint64_t& size, Problem& problem) {
  const zip_int64_t index = zip_name_locate(zip, name.c_str(), 0);
  if (index < 0) {
    problem = {"not-a-workbook", fmt::format("the workbook has no part {}", name), "",
               "an .xlsx workbook as Excel writes it"};
    return nullptr;
  }
  zip_stat_t st;
  zip_stat_init(&st);
  size = 0;
  if (zip_stat_index(zip, static_cast<zip_uint64_t>(index), 0, &st) == 0 &&
      (st.valid & ZIP_STAT_SIZE)) {
    size = st.size;
  }
  zip_file_t* f = zip_fopen_index(zip, static_cast<zip_uint64_t>(index), 0);
  if (f == nullptr) {
    problem = {"not-a-workbook", fmt::format("cannot read {} in the workbook", name),
               zip_strerror(zip), "an unencrypted .xlsx workbook"};
    return nullptr;
  }
  return ZipFilePtr(f);
}

// The whole of a small part, refused beyond `limit` bytes decompressed.
std::optional<std::string> read_part(zip_t* zip, const std::string& name, std::uint64_t limit,
                                     Problem& problem) {
  std::uint64_t size = 0;
  const ZipFilePtr f = open_entry(zip, name, size, problem);
  if (!f) return std::nullopt;
  const auto too_large = [&] {
    problem = {"too-large",
               fmt::format("{} in the workbook decompresses to more than {}", name, mib(limit)), "",
               fmt::format("at most {}", mib(limit))};
  };
  if (size > limit) {
    too_large();
    return std::nullopt;
  }
  std::string text;
  text.reserve(static_cast<std::size_t>(size));
  char buf[1 << 16];
  for (;;) {
    const zip_int64_t n = zip_fread(f.get(), buf, sizeof buf);
    if (n < 0) {
      problem = {"not-a-workbook", fmt::format("cannot read {} in the workbook", name),
                 zip_file_strerror(f.get()), "an intact .xlsx workbook"};
      return std::nullopt;
    }
    if (n == 0) break;
    // The declared size may lie: the count is what decides.
    if (text.size() + static_cast<std::uint64_t>(n) > limit) {
      too_large();
      return std::nullopt;
    }
    text.append(buf, static_cast<std::size_t>(n));
  }
  return text;
}

// Parses a whole small part with expat, calling h.start(local, attrs),
// h.end(local) and h.text(data). A DOCTYPE is refused: no part of a
// workbook has one, and entity declarations are how XML bombs are made.
template <class Handler>
bool parse_part(const std::string& text, const std::string& name, Handler& h, Problem& problem) {
  const ParserPtr parser(XML_ParserCreateNS(nullptr, kNsSep));
  if (!parser) throw std::bad_alloc();
  XML_Parser p = parser.get();
  struct Context {
    Handler* h;
    XML_Parser p;
    bool doctype = false;
  } ctx{&h, p};
  XML_SetUserData(p, &ctx);
  XML_SetElementHandler(
      p,
      [](void* u, const XML_Char* n, const XML_Char** a) {
        static_cast<Context*>(u)->h->start(local_name(n), a);
      },
      [](void* u, const XML_Char* n) { static_cast<Context*>(u)->h->end(local_name(n)); });
  XML_SetCharacterDataHandler(p, [](void* u, const XML_Char* s, int len) {
    static_cast<Context*>(u)->h->text(std::string_view(s, static_cast<std::size_t>(len)));
  });
  XML_SetStartDoctypeDeclHandler(
      p, [](void* u, const XML_Char*, const XML_Char*, const XML_Char*, int) {
        auto* c = static_cast<Context*>(u);
        c->doctype = true;
        XML_StopParser(c->p, XML_FALSE);
      });
  // Parsed in pieces: XML_Parse takes an int length.
  constexpr std::size_t kPiece = std::size_t{1} << 24;
  for (std::size_t at = 0;; at += kPiece) {
    const std::size_t n = std::min(kPiece, text.size() - std::min(at, text.size()));
    const bool last = at + n >= text.size();
    if (XML_Parse(p, text.data() + at, static_cast<int>(n), last) != XML_STATUS_OK) {
      problem = {
          "malformed-xml",
          fmt::format("malformed XML in {} of the workbook, line {}, column {}: {}", name,
                      XML_GetCurrentLineNumber(p), XML_GetCurrentColumnNumber(p),
                      ctx.doctype ? "a DOCTYPE declaration" : XML_ErrorString(XML_GetErrorCode(p))),
          "", "well-formed XML without a DOCTYPE"};
      return false;
    }
    if (last) return true;
  }
}

// xl/workbook.xml: the sheets in order, and the date system.
struct WorkbookInfo {
  struct Sheet {
    std::string name, rel;
  };
  std::vector<Sheet> sheets;
  bool date1904 = false;
  void start(std::string_view el, const XML_Char** a) {
    if (el == "sheet") {
      const XML_Char* name = attribute(a, "name");
      const XML_Char* id = attribute(a, "id");  // r:id
      sheets.push_back({name ? name : "", id ? id : ""});
    } else if (el == "workbookPr") {
      const XML_Char* d = attribute(a, "date1904");
      date1904 = d != nullptr && (std::string_view(d) == "1" || std::string_view(d) == "true");
    }
  }
  void end(std::string_view) {}
  void text(std::string_view) {}
};

// xl/_rels/workbook.xml.rels: relationship id → part, and the parts of the
// shared strings and styles.
struct Relationships {
  struct Rel {
    std::string id, type, target;
  };
  std::vector<Rel> rels;
  void start(std::string_view el, const XML_Char** a) {
    if (el != "Relationship") return;
    const XML_Char* mode = attribute(a, "TargetMode");
    if (mode != nullptr && std::string_view(mode) == "External") return;
    const XML_Char* id = attribute(a, "Id");
    const XML_Char* type = attribute(a, "Type");
    const XML_Char* target = attribute(a, "Target");
    rels.push_back({id ? id : "", type ? type : "", target ? target : ""});
  }
  void end(std::string_view) {}
  void text(std::string_view) {}
};

// A relationship's target as a part name in the zip: "/xl/worksheets/a.xml"
// is from the root, "worksheets/a.xml" from xl/ (where workbook.xml is);
// "." and ".." are resolved.
std::string part_name(std::string_view target) {
  std::vector<std::string_view> parts;
  if (target.empty() || target.front() != '/') parts.push_back("xl");
  while (!target.empty()) {
    const auto slash = target.find('/');
    const std::string_view piece = target.substr(0, slash);
    if (piece == "..") {
      if (!parts.empty()) parts.pop_back();
    } else if (!piece.empty() && piece != ".") {
      parts.push_back(piece);
    }
    if (slash == std::string_view::npos) break;
    target.remove_prefix(slash + 1);
  }
  std::string out;
  for (const std::string_view p : parts) {
    if (!out.empty()) out += '/';
    out.append(p);
  }
  return out;
}

// xl/styles.xml: for each cell style (the s of a cell), whether it shows a date.
struct Styles {
  std::vector<std::pair<std::uint32_t, bool>> custom;  // numFmtId → is a date
  std::vector<std::uint32_t> xf_format;                // cellXfs, in order
  bool in_cell_xfs = false;
  static std::uint32_t id_of(const XML_Char* v) {
    std::uint32_t id = 0;
    if (v != nullptr) std::from_chars(v, v + std::char_traits<char>::length(v), id);
    return id;
  }
  void start(std::string_view el, const XML_Char** a) {
    if (el == "numFmt") {
      const XML_Char* code = attribute(a, "formatCode");
      custom.emplace_back(id_of(attribute(a, "numFmtId")), code != nullptr && is_date_format(code));
    } else if (el == "cellXfs") {
      in_cell_xfs = true;
    } else if (el == "xf" && in_cell_xfs) {
      xf_format.push_back(id_of(attribute(a, "numFmtId")));
    }
  }
  void end(std::string_view el) {
    if (el == "cellXfs") in_cell_xfs = false;
  }
  void text(std::string_view) {}
  // The date flag of each cell style.
  std::vector<bool> dates() const {
    std::vector<bool> out;
    for (const std::uint32_t id : xf_format) {
      bool date = is_builtin_date_format(id);
      // A custom format may redefine a built-in id: the last word wins.
      for (const auto& [cid, cdate] : custom)
        if (cid == id) date = cdate;
      out.push_back(date);
    }
    return out;
  }
};

// xl/sharedStrings.xml: each <si>'s text, its runs (<r><t>) joined; the
// phonetic readings (<rPh>) of East Asian text are not part of it.
struct SharedStrings {
  std::vector<std::string> strings;
  int in_t = 0, in_rph = 0;
  bool in_si = false;
  void start(std::string_view el, const XML_Char**) {
    if (el == "si") {
      strings.emplace_back();
      in_si = true;
    } else if (el == "rPh") {
      ++in_rph;
    } else if (el == "t") {
      ++in_t;
    }
  }
  void end(std::string_view el) {
    if (el == "si") in_si = false;
    if (el == "rPh") --in_rph;
    if (el == "t") --in_t;
  }
  void text(std::string_view s) {
    if (in_si && in_t > 0 && in_rph == 0) strings.back().append(s);
  }
};

// "C14" → column 3, row 14; false for anything else ("$C$14", "14", "C0",
// beyond XFD1048576, the last cell of a sheet).
bool parse_cell_reference(std::string_view ref, std::uint32_t& column, std::uint32_t& row) {
  std::size_t i = 0;
  column = 0;
  for (; i < ref.size() && ref[i] >= 'A' && ref[i] <= 'Z' && i < 3; ++i)
    column = column * 26 + static_cast<std::uint32_t>(ref[i] - 'A' + 1);
  if (i == 0 || column > 16384) return false;
  row = 0;
  const auto [ptr, ec] = std::from_chars(ref.data() + i, ref.data() + ref.size(), row);
  return ec == std::errc() && ptr == ref.data() + ref.size() && ref[i] != '0' && row >= 1 &&
         row <= 1048576;
}

// The rows of one sheet, parsed by expat a chunk at a time as next() needs them.
class SheetSource final : public RecordSource {
 public:
  SheetSource(std::string path, std::string sheet, ZipPtr zip, ZipFilePtr entry, std::uint64_t size,
              std::shared_ptr<const std::vector<std::string>> shared, std::vector<bool> date_styles,
              bool date1904, const XlsxLimits& limits, core::Diagnostics& diags)
      : path_(std::move(path)),
        sheet_(std::move(sheet)),
        zip_(std::move(zip)),
        entry_(std::move(entry)),
        size_(size),
        shared_(std::move(shared)),
        date_styles_(std::move(date_styles)),
        date1904_(date1904),
        limits_(limits),
        diags_(diags),
        parser_(XML_ParserCreateNS(nullptr, kNsSep)) {
    if (!parser_) throw std::bad_alloc();
    XML_SetUserData(parser_.get(), this);
    XML_SetElementHandler(
        parser_.get(),
        [](void* u, const XML_Char* n, const XML_Char** a) {
          static_cast<SheetSource*>(u)->start(local_name(n), a);
        },
        [](void* u, const XML_Char* n) { static_cast<SheetSource*>(u)->end(local_name(n)); });
    XML_SetCharacterDataHandler(parser_.get(), [](void* u, const XML_Char* s, int len) {
      static_cast<SheetSource*>(u)->text(std::string_view(s, static_cast<std::size_t>(len)));
    });
    XML_SetStartDoctypeDeclHandler(
        parser_.get(), [](void* u, const XML_Char*, const XML_Char*, const XML_Char*, int) {
          static_cast<SheetSource*>(u)->fail(0, 0, "malformed-xml",
                                             "a DOCTYPE declaration in the sheet", "",
                                             "a sheet as Excel writes it");
        });
  }

  bool next(CsvRecord& record) override {
    while (rows_.empty()) {
      if (done_) return false;
      feed();
    }
    current_ = std::move(rows_.front());
    rows_.pop_front();
    consumed_ = current_.consumed;
    record.fields.clear();
    record.columns.clear();
    record.line = current_.number;
    record.error = current_.error;
    record.error_column = current_.error_column;
    record.error_code = current_.error_code;
    record.error_found = current_.error_found;
    record.error_expected = current_.error_expected;
    // Fields from column A, every column up to the header's last (a sheet
    // leaves empty cells out) or the row's last cell beyond it, which the
    // loaders then report as a field the header does not have.
    const std::uint32_t last = current_.cells.empty() ? 0 : current_.cells.back().column;
    if (width_ == 0) width_ = last;
    const std::uint32_t n = std::max(width_, last);
    record.fields.assign(n, std::string_view());
    for (std::uint32_t c = 1; c <= n; ++c) record.columns.push_back(c);
    for (const Cell& cell : current_.cells) {
      record.fields[cell.column - 1] =
          std::string_view(current_.text).substr(cell.offset, cell.length);
    }
    return true;
  }

  std::uint64_t total_bytes() const override { return size_; }
  std::uint64_t consumed_bytes() const override { return consumed_; }

 private:
  struct Cell {
    std::uint32_t column;
    std::size_t offset, length;  // in Row::text
  };
  struct Row {
    std::uint32_t number = 0;
    std::string text;  // the cells' texts, one after another
    std::vector<Cell> cells;
    std::uint64_t consumed = 0;  // bytes of the sheet parsed when the row ended
    // The first cell of the row that holds no usable value.
    std::string error, error_code, error_found, error_expected;
    std::uint32_t error_column = 0;
  };

  // Reads and parses the next chunk of the sheet; rows that end in it are queued.
  void feed() {
    constexpr int kChunk = 1 << 16;
    void* buf = XML_GetBuffer(parser_.get(), kChunk);
    if (buf == nullptr) throw std::bad_alloc();
    const zip_int64_t n = zip_fread(entry_.get(), buf, kChunk);
    if (n < 0) {
      fail(0, 0, "not-a-workbook", "cannot read the sheet in the workbook",
           zip_file_strerror(entry_.get()), "an intact .xlsx workbook");
      return;
    }
    read_ += static_cast<std::uint64_t>(n);
    if (read_ > limits_.max_sheet_bytes) {
      fail(0, 0, "too-large",
           fmt::format("the sheet decompresses to more than {}", mib(limits_.max_sheet_bytes)), "",
           fmt::format("at most {}", mib(limits_.max_sheet_bytes)));
      return;
    }
    const bool last = n == 0;
    if (XML_ParseBuffer(parser_.get(), static_cast<int>(n), last) != XML_STATUS_OK) {
      if (!done_) {
        fail(row_.number, 0, "malformed-xml",
             fmt::format("malformed XML in the sheet, line {}, column {}: {}",
                         XML_GetCurrentLineNumber(parser_.get()),
                         XML_GetCurrentColumnNumber(parser_.get()),
                         XML_ErrorString(XML_GetErrorCode(parser_.get()))),
             "", "a sheet as Excel writes it");
      }
      return;
    }
    if (last) done_ = true;
  }

  // A problem after which the sheet is not read further: reported at the
  // sheet (row and column when known), the rows read so far kept.
  void fail(std::uint32_t row, std::uint32_t column, std::string code, std::string message,
            std::string found, std::string expected) {
    if (done_) return;
    core::Diagnostic d{path_,
                       row,
                       column,
                       core::Severity::error,
                       std::move(code),
                       std::move(message),
                       std::move(found),
                       std::move(expected)};
    d.sheet = sheet_;
    diags_.add(std::move(d));
    done_ = true;
    XML_StopParser(parser_.get(), XML_FALSE);
  }

  void start(std::string_view el, const XML_Char** a) {
    if (done_) return;
    if (el == "sheetData") {
      in_data_ = true;
    } else if (!in_data_) {
      return;
    } else if (el == "row") {
      start_row(attribute(a, "r"));
    } else if (el == "c") {
      start_cell(attribute(a, "r"), attribute(a, "t"), attribute(a, "s"));
    } else if (el == "v") {
      in_v_ = true;
    } else if (el == "is") {
      in_is_ = true;
    } else if (el == "t" && in_is_) {
      ++in_t_;
    } else if (el == "rPh") {
      ++in_rph_;
    }
  }

  void end(std::string_view el) {
    if (done_ || !in_data_) return;
    if (el == "sheetData") {
      in_data_ = false;
    } else if (el == "row") {
      end_row();
    } else if (el == "c") {
      end_cell();
    } else if (el == "v") {
      in_v_ = false;
    } else if (el == "is") {
      in_is_ = false;
    } else if (el == "t" && in_is_) {
      --in_t_;
    } else if (el == "rPh") {
      --in_rph_;
    }
  }

  void text(std::string_view s) {
    if (done_ || !in_cell_) return;
    if (!((in_v_ && !in_is_) || (in_is_ && in_t_ > 0 && in_rph_ == 0))) return;
    if (value_.size() + s.size() > limits_.max_cell_bytes) {
      fail(row_.number, column_, "too-large",
           fmt::format("a cell of more than {}", mib(limits_.max_cell_bytes)), "",
           fmt::format("at most {} of text in a cell", mib(limits_.max_cell_bytes)));
      return;
    }
    value_.append(s);
  }

  void start_row(const XML_Char* r) {
    std::uint32_t number = last_row_ + 1;
    if (r != nullptr) {
      const std::string_view t(r);
      const auto [ptr, ec] = std::from_chars(t.data(), t.data() + t.size(), number);
      if (ec != std::errc() || ptr != t.data() + t.size() || number == 0 || number > 1048576) {
        fail(last_row_ + 1, 0, "bad-cell-reference", "a row number that does not parse",
             std::string(t), "a row number from 1 to 1048576");
        return;
      }
    }
    if (number <= last_row_) {
      fail(number, 0, "bad-cell-reference",
           fmt::format("row {} after row {}: rows out of order", number, last_row_),
           std::to_string(number), fmt::format("a row after {}", last_row_));
      return;
    }
    row_ = Row{};
    row_.number = last_row_ = number;
    in_row_ = true;
  }

  void start_cell(const XML_Char* r, const XML_Char* t, const XML_Char* s) {
    if (!in_row_) {
      fail(last_row_, 0, "malformed-xml", "a cell outside a row", "", "a sheet as Excel writes it");
      return;
    }
    std::uint32_t column = last_column_ + 1;
    if (r != nullptr) {
      std::uint32_t row = 0;
      if (!parse_cell_reference(r, column, row) || row != row_.number) {
        fail(row_.number, 0, "bad-cell-reference",
             fmt::format("a cell reference that does not name a cell of row {}", row_.number), r,
             fmt::format("a cell reference such as C{}", row_.number));
        return;
      }
    }
    if (column <= last_column_ || column > 16384) {
      fail(row_.number, column, "bad-cell-reference", "cells out of order in the row",
           r != nullptr ? r : "", fmt::format("a cell after column {}", last_column_));
      return;
    }
    last_column_ = column;
    column_ = column;
    type_ = t != nullptr ? t : "";
    style_ = Styles::id_of(s);
    value_.clear();
    in_cell_ = true;
  }

  // Marks the row's first unusable cell: the loaders report it at the cell
  // and skip the row.
  void bad_cell(std::string message, std::string code, std::string found, std::string expected) {
    if (!row_.error.empty()) return;
    row_.error = std::move(message);
    row_.error_code = std::move(code);
    row_.error_found = std::move(found);
    row_.error_expected = std::move(expected);
    row_.error_column = column_;
  }

  void end_cell() {
    in_cell_ = false;
    in_v_ = in_is_ = false;
    in_t_ = in_rph_ = 0;
    const std::string* text = &value_;
    std::string converted;
    if (type_.empty() || type_ == "n") {
      // A number as stored: the number parser reads its decimal text, so no
      // digit is lost to a double printed again.
      if (!value_.empty() && style_ < date_styles_.size() && date_styles_[style_]) {
        double serial = 0.0;
        const auto [ptr, ec] =
            std::from_chars(value_.data(), value_.data() + value_.size(), serial);
        const auto date = ec == std::errc() && ptr == value_.data() + value_.size()
                              ? excel_date(serial, date1904_)
                              : std::nullopt;
        if (!date) {
          bad_cell("a date cell whose serial number is not a day", "bad-date", value_,
                   date1904_ ? "a whole day from 0 (1904-01-01) to 2957003 (9999-12-31)"
                             : "a whole day from 1 (1900-01-01) to 2958465 (9999-12-31)");
        } else {
          converted = *date;
          text = &converted;
        }
      }
    } else if (type_ == "s") {
      std::size_t index = 0;
      const auto [ptr, ec] = std::from_chars(value_.data(), value_.data() + value_.size(), index);
      if (ec != std::errc() || ptr != value_.data() + value_.size() || value_.empty() ||
          index >= shared_->size()) {
        bad_cell("a shared string the workbook does not have", "bad-cell", value_,
                 fmt::format("an index below {}", shared_->size()));
      } else {
        text = &(*shared_)[index];
      }
    } else if (type_ == "b") {
      if (value_ == "1" || value_ == "0") {
        converted = value_ == "1" ? "TRUE" : "FALSE";
        text = &converted;
      } else {
        bad_cell("a true/false cell holding something else", "bad-cell", value_, "0 or 1");
      }
    } else if (type_ == "e") {
      bad_cell("the cell holds an Excel error", "error-cell", value_, "a number, a text or a date");
    } else if (type_ == "d") {
      // An ISO 8601 date cell (strict Open XML): its day, when it has no time of day.
      const std::string_view v(value_);
      const std::string_view day = v.substr(0, 10);
      const std::string_view rest = v.substr(day.size());
      if (day.size() == 10 && day[4] == '-' && day[7] == '-' &&
          (rest.empty() || rest == "T00:00:00" || rest == "T00:00:00Z" ||
           rest == "T00:00:00.000")) {
        converted = std::string(day);
        text = &converted;
      } else {
        bad_cell("a date cell with a time of day or not a date", "bad-date", value_,
                 "a day, YYYY-MM-DD");
      }
    } else if (type_ != "str" && type_ != "inlineStr") {
      bad_cell(fmt::format("a cell of unknown type \"{}\"", type_), "bad-cell", value_,
               "a number, a text, a date or a true/false");
    }
    if (text->empty()) return;  // an empty cell is as if absent
    row_.cells.push_back({column_, row_.text.size(), text->size()});
    row_.text += *text;
  }

  void end_row() {
    in_row_ = false;
    last_column_ = 0;
    if (row_.cells.empty() && row_.error.empty()) return;  // a blank row
    // A row whose first cell starts with '#' is a comment, as a CSV line is.
    if (row_.error.empty() && row_.cells.front().column == 1 && row_.text.compare(0, 1, "#") == 0) {
      return;
    }
    row_.consumed = static_cast<std::uint64_t>(XML_GetCurrentByteIndex(parser_.get()));
    rows_.push_back(std::move(row_));
  }

  std::string path_, sheet_;
  ZipPtr zip_;
  ZipFilePtr entry_;
  std::uint64_t size_ = 0, read_ = 0, consumed_ = 0;
  std::shared_ptr<const std::vector<std::string>> shared_;
  std::vector<bool> date_styles_;
  bool date1904_ = false;
  XlsxLimits limits_;
  core::Diagnostics& diags_;
  ParserPtr parser_;
  bool done_ = false;
  // Where the parser is.
  bool in_data_ = false, in_row_ = false, in_cell_ = false, in_v_ = false, in_is_ = false;
  int in_t_ = 0, in_rph_ = 0;
  std::uint32_t last_row_ = 0, last_column_ = 0, column_ = 0, style_ = 0;
  std::string type_, value_;
  Row row_;
  std::deque<Row> rows_;     // parsed, not yet returned
  Row current_;              // the row the last record's fields point into
  std::uint32_t width_ = 0;  // the header's: the first row's last cell
};

}  // namespace

bool is_builtin_date_format(std::uint32_t id) {
  return (id >= 14 && id <= 22) || (id >= 45 && id <= 47);
}

bool is_date_format(std::string_view code) {
  for (std::size_t i = 0; i < code.size(); ++i) {
    const char c = code[i];
    if (c == '"') {
      const auto close = code.find('"', i + 1);
      if (close == std::string_view::npos) return false;
      i = close;
    } else if (c == '[') {
      const auto close = code.find(']', i + 1);
      if (close == std::string_view::npos) return false;
      i = close;
    } else if (c == '\\' || c == '_' || c == '*') {
      ++i;  // the next character is shown as is (or is a width or a fill)
    } else if (c == 'd' || c == 'D' || c == 'm' || c == 'M' || c == 'y' || c == 'Y') {
      return true;
    }
  }
  return false;
}

std::optional<std::string> excel_date(double serial, bool date1904) {
  if (!std::isfinite(serial) || serial != std::floor(serial)) return std::nullopt;
  // 9999-12-31, the last day Excel shows, in either system.
  if (serial < (date1904 ? 0.0 : 1.0) || serial > (date1904 ? 2957003.0 : 2958465.0)) {
    return std::nullopt;
  }
  auto n = static_cast<std::int64_t>(serial);
  if (!date1904 && n == 60) return std::string("1900-02-29");
  // Days since 1970-01-01: 1900 system serial 61 is 1900-03-01 (25,508 days
  // before 1970), so past the fictitious day serial − 25,569 counts from 1970;
  // before it, one day less was skipped. 1904: serial 0 is 1904-01-01,
  // 24,107 days before 1970.
  std::int64_t days = date1904 ? n - 24107 : (n > 60 ? n - 25569 : n - 25568);
  // Howard Hinnant's civil_from_days.
  days += 719468;
  const std::int64_t era = (days >= 0 ? days : days - 146096) / 146097;
  const auto doe = static_cast<std::uint32_t>(days - era * 146097);
  const std::uint32_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const std::uint32_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const std::uint32_t mp = (5 * doy + 2) / 153;
  const std::uint32_t d = doy - (153 * mp + 2) / 5 + 1;
  const std::uint32_t m = mp < 10 ? mp + 3 : mp - 9;
  const std::int64_t y = static_cast<std::int64_t>(yoe) + era * 400 + (m <= 2);
  return fmt::format("{:04}-{:02}-{:02}", y, m, d);
}

OpenedSheet open_sheet(const std::string& path, const std::string& sheet,
                       const core::Diagnostic* sheet_key, core::Diagnostics& diags,
                       const XlsxLimits& limits) {
  Problem problem;
  const auto give_up = [&]() {
    diags.error(path, 0, 0, problem.code, problem.message, problem.found, problem.expected);
    return OpenedSheet{};
  };
  int code = 0;
  ZipPtr zip(zip_open(path.c_str(), ZIP_RDONLY, &code));
  if (!zip) {
    zip_error_t error;
    zip_error_init_with_code(&error, code);
    problem = {"not-a-workbook",
               code == ZIP_ER_NOZIP
                   ? std::string("not a workbook: not a zip archive (an .xlsx workbook is one; "
                                 "one saved with a password is not, and cannot be read)")
                   : fmt::format("cannot read the workbook: {}", zip_error_strerror(&error)),
               "", "an .xlsx workbook"};
    zip_error_fini(&error);
    return give_up();
  }
  const auto workbook = read_part(zip.get(), "xl/workbook.xml", limits.max_part_bytes, problem);
  if (!workbook) return give_up();
  WorkbookInfo info;
  if (!parse_part(*workbook, "xl/workbook.xml", info, problem)) return give_up();
  if (info.sheets.empty()) {
    problem = {"not-a-workbook", "the workbook has no sheets", "", "a workbook with a sheet"};
    return give_up();
  }
  const auto wanted = sheet.empty() ? info.sheets.begin()
                                    : std::find_if(info.sheets.begin(), info.sheets.end(),
                                                   [&](const auto& s) { return s.name == sheet; });
  if (wanted == info.sheets.end()) {
    std::string names;
    for (const auto& s : info.sheets)
      names += fmt::format("{}\"{}\"", names.empty() ? "" : ", ", s.name);
    core::Diagnostic d;
    if (sheet_key != nullptr) d = *sheet_key;
    if (sheet_key == nullptr) d.file = path;
    d.severity = core::Severity::error;
    d.code = "missing-sheet";
    d.message = fmt::format("{} has no sheet \"{}\"",
                            std::filesystem::path(path).filename().string(), sheet);
    d.found = sheet;
    d.expected = "one of its sheets: " + names;
    diags.add(std::move(d));
    return {};
  }
  const auto rels_text =
      read_part(zip.get(), "xl/_rels/workbook.xml.rels", limits.max_part_bytes, problem);
  if (!rels_text) return give_up();
  Relationships rels;
  if (!parse_part(*rels_text, "xl/_rels/workbook.xml.rels", rels, problem)) return give_up();
  const auto rel = std::find_if(rels.rels.begin(), rels.rels.end(),
                                [&](const auto& r) { return r.id == wanted->rel; });
  if (rel == rels.rels.end()) {
    problem = {
        "not-a-workbook",
        fmt::format("sheet \"{}\" has no part in the workbook's relationships", wanted->name),
        wanted->rel, "a relationship of xl/_rels/workbook.xml.rels"};
    return give_up();
  }
  // The shared strings and styles, where the relationships say (a workbook
  // of numbers alone may have neither).
  const auto part_of = [&](std::string_view type_suffix) -> std::string {
    for (const auto& r : rels.rels) {
      const std::string_view type(r.type);
      if (type.size() >= type_suffix.size() &&
          type.substr(type.size() - type_suffix.size()) == type_suffix)
        return part_name(r.target);
    }
    return {};
  };
  auto shared = std::make_shared<std::vector<std::string>>();
  if (const std::string name = part_of("/sharedStrings"); !name.empty()) {
    const auto text = read_part(zip.get(), name, limits.max_part_bytes, problem);
    if (!text) return give_up();
    SharedStrings sst;
    if (!parse_part(*text, name, sst, problem)) return give_up();
    *shared = std::move(sst.strings);
  }
  std::vector<bool> date_styles;
  if (const std::string name = part_of("/styles"); !name.empty()) {
    const auto text = read_part(zip.get(), name, limits.max_part_bytes, problem);
    if (!text) return give_up();
    Styles styles;
    if (!parse_part(*text, name, styles, problem)) return give_up();
    date_styles = styles.dates();
  }
  std::uint64_t size = 0;
  ZipFilePtr entry = open_entry(zip.get(), part_name(rel->target), size, problem);
  if (!entry) return give_up();
  if (size > limits.max_sheet_bytes) {
    problem = {"too-large",
               fmt::format("sheet \"{}\" decompresses to more than {}", wanted->name,
                           mib(limits.max_sheet_bytes)),
               "", fmt::format("at most {}", mib(limits.max_sheet_bytes))};
    return give_up();
  }
  OpenedSheet out;
  out.name = wanted->name;
  out.source = std::make_unique<SheetSource>(path, wanted->name, std::move(zip), std::move(entry),
                                             size, std::move(shared), std::move(date_styles),
                                             info.date1904, limits, diags);
  return out;
}

}  // namespace orebook::dataset
