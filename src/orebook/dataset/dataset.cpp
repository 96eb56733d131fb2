// Loading a dataset folder: site.toml first (without it nothing else can be
// read), then every file of kFiles that is there.

#include <algorithm>
#include <array>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <sstream>
#include <utility>
#include <vector>

#include <fmt/format.h>

#include "orebook/dataset/csv.h"
#include "orebook/dataset/dataset.h"

#include "orebook/core/hash.h"
#include "orebook/dataset/xlsx.h"

namespace orebook::dataset {

namespace {

namespace fs = std::filesystem;

// The whole text of a TOML file; nullopt (and a "missing-file" error) when it
// cannot be read.
std::optional<std::string> read_text(const std::string& path, std::string_view expected,
                                     core::Diagnostics& diags) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    diags.error(path, 0, 0, "missing-file", "cannot read " + fs::path(path).filename().string(), "",
                std::string(expected));
    return std::nullopt;
  }
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// Where a data file's rows come from: its file in the dataset folder (CSV or
// TOML), or a sheet of a workbook (docs/dataset.md, "Workbooks").
struct Input {
  std::string path;       // the file read: the CSV file or the workbook
  bool workbook = false;  // `path` is an .xlsx workbook
  std::string sheet;      // its sheet; empty: the first
  // What its problems are filed under: `path`, or for a sheet of a workbook
  // that [files] names, "workbook#sheet" (Diagnostics::set_sheet files them
  // at the workbook's cells): one workbook may hold several data files.
  std::string name;
  // The site.toml value naming the workbook ([files]), where a sheet it names
  // and the workbook lacks is reported; none for a workbook found by name.
  std::optional<core::Diagnostic> key;
};

// The one way a data file is opened: `load` reads its rows from the reader,
// whether they are lines of a CSV file or rows of a sheet; a file that cannot
// be opened is a "missing-file" error saying why.
template <class Load>
void read_csv(const Input& in, std::string_view expected, core::Diagnostics& diags, Load load) {
  if (in.workbook) {
    OpenedSheet sheet = open_sheet(in.path, in.sheet, in.key ? &*in.key : nullptr, diags);
    if (!sheet.source) return;
    // Every problem filed under this data file's name from here on is at a
    // cell of this sheet.
    diags.set_sheet(in.name, sheet.name, in.name == in.path ? std::string() : in.path);
    CsvReader reader = CsvReader::from_source(std::move(sheet.source));
    load(reader);
    return;
  }
  const std::string& path = in.path;
  CsvReader reader(path);
  if (!reader.ok()) {
    diags.error(
        path, 0, 0, "missing-file",
        fmt::format("cannot read {}: {}", fs::path(path).filename().string(), reader.open_error()),
        "", std::string(expected));
    return;
  }
  load(reader);
}

// A file a dataset may hold: its name in the folder, whether it must be
// there, the files it is meaningless without, and how it is read. `state`
// gives where the loaded file is recorded (nullptr: streams.csv, which is
// required and keeps its own path).
struct FileKind {
  std::string_view name;
  bool required = false;
  std::array<std::string_view, 2> needs{};
  FileState* (*state)(Dataset& ds) = nullptr;
  void (*load)(Dataset& ds, const Input& in, core::Diagnostics& diags) = nullptr;
};

// Every file of a dataset but site.toml (docs/dataset.md), in the order they
// are loaded. Adding a file is one row here and one loader.
const FileKind kFiles[] = {
    {"streams.csv",
     true,
     {},
     nullptr,
     [](Dataset& ds, const Input& in, core::Diagnostics& diags) {
       const std::string& path = in.name;
       read_csv(in, "a streams.csv file in the dataset folder", diags,
                [&](CsvReader& r) { ds.streams = load_streams_csv(r, path, ds.site, diags); });
     }},
    {"production.csv",
     false,
     {},
     [](Dataset& ds) -> FileState* { return &ds.production; },
     [](Dataset& ds, const Input& in, core::Diagnostics& diags) {
       const std::string& path = in.name;
       read_csv(in, "", diags, [&](CsvReader& r) {
         ds.production.rows = load_production_csv(r, path, ds.site, diags);
       });
     }},
    {"sales.csv",
     false,
     {},
     [](Dataset& ds) -> FileState* { return &ds.sales; },
     [](Dataset& ds, const Input& in, core::Diagnostics& diags) {
       const std::string& path = in.name;
       read_csv(in, "", diags,
                [&](CsvReader& r) { ds.sales.rows = load_sales_csv(r, path, ds.site, diags); });
     }},
    {"contracts.toml",
     false,
     {},
     [](Dataset& ds) -> FileState* { return &ds.contracts; },
     [](Dataset& ds, const Input& in, core::Diagnostics& diags) {
       const std::string& path = in.name;
       if (const auto text = read_text(path, "", diags)) {
         ds.contracts.rows = load_contracts_toml(*text, path, ds.site, diags);
       }
     }},
    {"prices.csv",
     false,
     {},
     [](Dataset& ds) -> FileState* { return &ds.prices; },
     [](Dataset& ds, const Input& in, core::Diagnostics& diags) {
       const std::string& path = in.name;
       read_csv(in, "", diags,
                [&](CsvReader& r) { ds.prices.rows = load_prices_csv(r, path, ds.site, diags); });
     }},
    // Lots are settled under contracts at prices: without them they mean nothing.
    {"lots.csv",
     false,
     {"contracts.toml", "prices.csv"},
     [](Dataset& ds) -> FileState* { return &ds.lots; },
     [](Dataset& ds, const Input& in, core::Diagnostics& diags) {
       const std::string& path = in.name;
       read_csv(in, "", diags,
                [&](CsvReader& r) { ds.lots.rows = load_lots_csv(r, path, ds.site, diags); });
     }},
    {"costs.csv",
     false,
     {},
     [](Dataset& ds) -> FileState* { return &ds.costs; },
     [](Dataset& ds, const Input& in, core::Diagnostics& diags) {
       const std::string& path = in.name;
       read_csv(in, "", diags,
                [&](CsvReader& r) { ds.costs.rows = load_costs_csv(r, path, ds.site, diags); });
       if (!ds.site.costs.present) {
         diags.error(path, 0, 0, "missing-key",
                     fmt::format("{} needs a [costs] table in site.toml",
                                 fs::path(path).filename().string()),
                     "", "[costs] with primary_metal and categories");
       }
     }},
    {"financials.csv",
     false,
     {},
     [](Dataset& ds) -> FileState* { return &ds.financials; },
     [](Dataset& ds, const Input& in, core::Diagnostics& diags) {
       const std::string& path = in.name;
       read_csv(in, "", diags,
                [&](CsvReader& r) { ds.financials.rows = load_financials_csv(r, path, diags); });
     }},
    {"reported.csv",
     false,
     {},
     [](Dataset& ds) -> FileState* { return &ds.reported; },
     [](Dataset& ds, const Input& in, core::Diagnostics& diags) {
       const std::string& path = in.name;
       read_csv(in, "", diags, [&](CsvReader& r) {
         ds.reported.rows = load_reported_csv(r, path, ds.site.currency, diags);
       });
     }},
};

// The errors `diags` holds (not only counts).
std::size_t stored_errors(const core::Diagnostics& diags) {
  std::size_t n = 0;
  for (const core::Diagnostic& d : diags.items()) n += d.severity == core::Severity::error;
  return n;
}

// site.toml; false when without it the other files cannot be interpreted.
bool load_site(Dataset& ds, core::Diagnostics& diags) {
  const std::string path = (fs::path(ds.root) / "site.toml").string();
  const auto text = read_text(path, "a site.toml file in the dataset folder", diags);
  if (!text) return false;
  ds.files_read.push_back(path);
  core::Diagnostics found;
  ds.site = load_site_toml(*text, path, found);
  // An id declared twice leaves another undeclared: the products, flowsheet
  // and rows naming that one are its consequences, so it is said first.
  for (core::Diagnostic d : found.items()) {
    d.cause =
        d.code == "duplicate-stream" || d.code == "duplicate-metal" || d.code == "duplicate-node";
    diags.add(std::move(d));
  }
  diags.count_unstored(found.dropped(), found.error_count() - stored_errors(found));
  return !found.has_errors() || (!ds.site.streams.empty() && !ds.site.metals.empty());
}

bool exists(const std::string& path) {
  std::error_code ec;
  return fs::exists(path, ec);
}

// A file loaded without the files it needs beside it is an error at the file.
void check_needs(const FileKind& kind, const std::string& path,
                 const std::vector<std::pair<std::string_view, Input>>& inputs,
                 core::Diagnostics& diags) {
  for (const std::string_view needed : kind.needs) {
    if (needed.empty()) continue;
    const auto it = std::find_if(inputs.begin(), inputs.end(),
                                 [&](const auto& i) { return i.first == needed; });
    if (it != inputs.end() && exists(it->second.path)) continue;
    diags.error(path, 0, 0, "missing-file",
                fmt::format("{} needs {} in the same folder", kind.name, needed), "",
                fmt::format("a {} file", needed));
  }
}

// Where the rows of data file `kind` come from: the workbook [files] names,
// else its CSV file, else a workbook of the same name (its first sheet). Both
// a CSV file and a workbook of its name are an error: which holds the data
// is not guessed. `books` holds the sheets read so far ("workbook#sheet"):
// one workbook may hold several data files, each in a sheet of its own.
Input resolve(const FileKind& kind, const Dataset& ds, std::vector<std::string>& books,
              core::Diagnostics& diags) {
  const fs::path root(ds.root);
  const std::string csv = (root / kind.name).string();
  Input in{csv, false, {}, csv, std::nullopt};
  const std::string_view name = kind.name;
  if (name.size() < 4 || name.substr(name.size() - 4) != ".csv") return in;
  const std::string stem(name.substr(0, name.size() - 4));
  const std::string site = (root / "site.toml").string();
  const auto named = std::find_if(ds.site.files.begin(), ds.site.files.end(),
                                  [&](const WorkbookFile& f) { return f.key == stem; });
  if (named != ds.site.files.end()) {
    const std::string book = (root / named->workbook).string();
    in.path = book;
    in.name = book;
    in.workbook = true;
    if (!exists(book)) {
      diags.error(site, named->line, named->column, "missing-file",
                  fmt::format("the workbook of '{}' in [files] is not in the dataset folder", stem),
                  named->workbook, "an .xlsx workbook in the dataset folder");
      return in;
    }
    // Several data files may be sheets of one workbook, not the same sheet.
    const std::string name = book + "#" + named->sheet;
    if (std::find(books.begin(), books.end(), name) != books.end()) {
      diags.error(site, named->line, named->column, "shared-sheet",
                  fmt::format("'{}' in [files] names a sheet another data file is read from", stem),
                  named->workbook, "a sheet of its own for each data file");
    }
    books.push_back(name);
    in.name = name;
    if (exists(csv)) {
      diags.warning(csv, 0, 0, "file-not-read",
                    fmt::format("{} is not read: [files] in site.toml names {} instead", kind.name,
                                named->workbook));
    }
    in.sheet = named->sheet;
    in.key =
        core::Diagnostic{site, named->line, named->column, core::Severity::error, "", "", "", ""};
    return in;
  }
  const std::string book = (root / (stem + ".xlsx")).string();
  if (!exists(book)) return in;
  if (exists(in.path)) {
    diags.error(book, 0, 0, "ambiguous-file",
                fmt::format("both {} and {}.xlsx are in the dataset folder", kind.name, stem), "",
                fmt::format("one of them, or [files] {} = \"{}.xlsx\" in site.toml", stem, stem));
    return in;
  }
  books.push_back(book + "#");
  in.path = book;
  in.name = book;
  in.workbook = true;
  return in;
}

// The codes of a row naming something site.toml does not declare. One cause
// (a stream renamed, a metal misspelt, a [[streams]] id pasted twice) makes
// every row that names it wrong; one fix mends them all.
constexpr std::string_view kUnknownName[] = {"unknown-stream", "unknown-product", "unknown-metal"};

// Adds what loading one file found to `diags`, each unknown name said once
// per file: at its first row, with how many more rows name it and where, so
// that 182 rows naming an undeclared stream do not bury the cause in site.toml.
void add_collapsed(const core::Diagnostics& found, core::Diagnostics& diags) {
  struct Seen {
    std::size_t at;  // index in `kept`
    std::vector<std::uint32_t> more;
  };
  std::vector<core::Diagnostic> kept;
  std::map<std::pair<std::string, std::string>, Seen> seen;  // (code, found) → first
  for (const core::Diagnostic& d : found.items()) {
    const bool name = d.severity == core::Severity::error &&
                      std::find(std::begin(kUnknownName), std::end(kUnknownName), d.code) !=
                          std::end(kUnknownName);
    if (name) {
      const auto [it, first] = seen.try_emplace({d.code, d.found}, Seen{kept.size(), {}});
      if (!first) {
        it->second.more.push_back(d.line);
        continue;
      }
    }
    kept.push_back(d);
  }
  for (const auto& [key, s] : seen) kept[s.at].message += core::more_in_file(s.more);
  for (core::Diagnostic& d : kept) {
    // Stored as found: already quotable.
    diags.add(std::move(d));
  }
  diags.count_unstored(found.dropped(), found.error_count() - stored_errors(found));
}

}  // namespace

std::vector<std::pair<std::uint32_t, std::string>> row_hashes(
    const Dataset& ds, const std::string& name, const std::vector<std::uint32_t>& lines) {
  std::vector<std::pair<std::uint32_t, std::string>> out;
  const auto file = std::find_if(ds.data_files.begin(), ds.data_files.end(),
                                 [&](const DataFile& f) { return f.name == name; });
  if (file == ds.data_files.end() || lines.empty()) return out;
  const Input in{file->path, file->workbook, file->sheet, file->name, std::nullopt};
  core::Diagnostics ignored;  // the file was read once already; its problems were said then
  read_csv(in, "", ignored, [&](CsvReader& reader) {
    CsvRecord record;
    auto wanted = lines.begin();
    std::string bytes;
    while (wanted != lines.end() && reader.next(record)) {
      while (wanted != lines.end() && *wanted < record.line) ++wanted;
      if (wanted == lines.end() || *wanted != record.line) continue;
      bytes.clear();
      for (std::string_view field : record.fields) {
        bytes += std::to_string(field.size());
        bytes += ':';
        bytes += field;
      }
      out.emplace_back(record.line, core::sha256_hex(bytes));
    }
  });
  return out;
}

Dataset load(const std::string& root, core::Diagnostics& diags) {
  Dataset ds;
  ds.root = root;
  std::error_code ec;
  if (!fs::is_directory(root, ec)) {
    diags.error(root, 0, 0, "missing-file", "dataset folder not found", root,
                "a folder holding site.toml and streams.csv");
    return ds;
  }
  // Diagnostics in the order the files are read: site.toml, the cause when it
  // is wrong, before the files read against it.
  std::vector<std::string> order{(fs::path(root) / "site.toml").string()};
  for (const FileKind& kind : kFiles) order.push_back((fs::path(root) / kind.name).string());
  diags.set_file_order(order);
  if (!load_site(ds, diags)) return ds;
  std::vector<std::pair<std::string_view, Input>> inputs;
  std::vector<std::string> books;
  core::Diagnostics resolving;
  for (const FileKind& kind : kFiles) {
    inputs.emplace_back(kind.name, resolve(kind, ds, books, resolving));
  }
  add_collapsed(resolving, diags);
  // A workbook's problems where its CSV file's would be.
  order.resize(1);
  for (const auto& [name, in] : inputs) {
    if (in.workbook) order.push_back(in.path);
    order.push_back((fs::path(root) / name).string());
  }
  diags.set_file_order(order);
  for (std::size_t k = 0; k < std::size(kFiles); ++k) {
    const FileKind& kind = kFiles[k];
    const Input& in = inputs[k].second;
    const std::string& path = in.path;
    FileState* state = kind.state ? kind.state(ds) : nullptr;
    if (state) state->file = in.name;            // later stages file problems under it
    if (in.workbook && !exists(path)) continue;  // resolve() said so at site.toml
    if (!kind.required && !exists(path)) continue;
    if (state) state->present = true;
    if (kind.name.ends_with(".csv"))
      ds.data_files.push_back(DataFile{in.name, in.path, in.workbook, in.sheet});
    // A workbook holding several data files is one file read.
    if (std::find(ds.files_read.begin(), ds.files_read.end(), path) == ds.files_read.end())
      ds.files_read.push_back(path);
    core::Diagnostics found;
    kind.load(ds, in, found);
    check_needs(kind, in.name, inputs, found);
    add_collapsed(found, diags);
    for (const auto& s : found.sheets()) diags.set_sheet(s.name, s.sheet, s.workbook);
  }
  diags.sort();
  return ds;
}

}  // namespace orebook::dataset
