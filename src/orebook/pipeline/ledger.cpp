// The ledger of closed periods from the commands' side (docs/cli.md, "close"):
// `orebook close` records a period's figures with the hashes of its input
// files and rows; `report`, `results` and `highlights` compare what they
// compute with what was closed (or show the closed figures, --as-closed);
// `orebook history` lists the versions; `orebook ledger verify` checks the
// chain. The store itself is ledger/ledger.h.

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <map>
#include <set>

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <nlohmann/json.hpp>

#include "orebook/core/hash.h"
#include "orebook/ledger/ledger.h"
#include "orebook/pipeline/explain.h"
#include "orebook/pipeline/pipeline.h"
#include "orebook/pipeline/stages.h"
#include "orebook/report/format.h"
#include "orebook/report/json.h"
#include "orebook/report/operating_report.h"

namespace orebook::pipeline {

namespace fs = std::filesystem;
namespace rpt = orebook::report;

namespace {

bool is_postgres(const std::string& location) {
  return location.starts_with("postgresql://") || location.starts_with("postgres://");
}

// A file of the dataset as the ledger names it: relative to the folder, so a
// dataset moved or cloned elsewhere keeps its closes.
std::string relative_name(const dataset::Dataset& ds, const std::string& file) {
  const fs::path rel = fs::path(file).lexically_relative(fs::path(ds.root));
  return rel.empty() || rel.native().starts_with("..") ? file : rel.generic_string();
}

// Every figure of the tables, by key, in the first column that is `period`
// (a key shown in two tables, as production is in the operating statistics
// of report and of results, is one figure).
std::vector<ledger::FigureValue> figures_of(const std::vector<rpt::Table>& tables,
                                            const std::string& period) {
  std::vector<ledger::FigureValue> out;
  std::set<std::string> seen;
  for (const rpt::Table& t : tables) {
    const auto col = std::find(t.periods.begin(), t.periods.end(), period);
    if (col == t.periods.end()) continue;
    const auto k = static_cast<std::size_t>(col - t.periods.begin());
    for (const rpt::Figure& f : t.figures) {
      if (k >= f.values.size() || !seen.insert(f.key).second) continue;
      std::optional<double> v = f.values[k];
      if (v && !std::isfinite(*v)) v.reset();
      out.push_back({f.key, v, f.unit, f.label});
    }
  }
  return out;
}

// The rows the traced figures of column `column` of the operating
// statistics are made from, by the dataset's name of their file.
std::map<std::string, std::set<std::uint32_t>> rows_used(const dataset::Dataset& ds,
                                                         const Accounted& a,
                                                         const rpt::Table& operating,
                                                         std::size_t column,
                                                         core::Diagnostics& diags) {
  std::map<std::string, std::set<std::uint32_t>> out;
  for (const rpt::Figure& f : operating.figures) {
    if (const auto e = explain_figure(ds, a, operating, f.key, column, diags)) {
      for (const rpt::SourceRows& r : source_rows(e->root))
        out[r.data_file].insert(r.lines.begin(), r.lines.end());
    }
  }
  return out;
}

// The hashes of those rows, as the ledger keeps them.
std::vector<ledger::RowHash> row_hashes(
    const dataset::Dataset& ds, const std::map<std::string, std::set<std::uint32_t>>& rows) {
  std::vector<ledger::RowHash> out;
  for (const auto& [file, lines] : rows) {
    const std::vector<std::uint32_t> wanted(lines.begin(), lines.end());
    for (auto& [line, hash] : dataset::row_hashes(ds, file, wanted))
      out.push_back({relative_name(ds, file), line, std::move(hash)});
  }
  return out;
}

std::vector<ledger::FileHash> file_hashes(const dataset::Dataset& ds, core::Diagnostics& diags) {
  std::vector<ledger::FileHash> out;
  for (const std::string& file : ds.files_read) {
    const auto hash = core::sha256_file(file);
    if (!hash) {
      diags.error(file, 0, 0, "missing-file", "cannot read the file again to hash it", "",
                  "the file as it was read");
      continue;
    }
    out.push_back({relative_name(ds, file), *hash});
  }
  return out;
}

std::string printed(double v, const std::string& unit, int decimals) {
  const std::string digits = rpt::format_grouped(v, decimals);
  if (unit == "%") return digits + "%";
  return unit.empty() ? digits : digits + " " + unit;
}

// An entry's header in JSON: what close prints and history lists.
nlohmann::ordered_json entry_json(const ledger::Closing& c) {
  nlohmann::ordered_json j;
  j["site"] = c.site;
  j["period"] = c.period;
  j["version"] = c.version;
  j["sequence"] = c.sequence;
  j["at"] = c.at;
  j["by"] = c.by;
  j["note"] = c.note;
  return j;
}

// A ledger that cannot be opened or refuses: its message, at the file of an
// SQLite ledger (a PostgreSQL URI is not a file).
void ledger_error(const std::string& location, const ledger::Error& e, std::string found,
                  std::string expected, core::Diagnostics& diags) {
  diags.error(is_postgres(location) ? "" : location, 0, 0, "ledger", e.what(), std::move(found),
              std::move(expected));
}

std::string describe(const ledger::Closing& c) {
  return fmt::format("version {}, closed {} by {}", c.version, c.at, c.by);
}
// The same, naming the period it was closed as when that is written otherwise
// than `period` (ledger_name).
std::string describe(const ledger::Closing& c, const std::string& period) {
  return c.period == period ? describe(c) : fmt::format("{}, as {}", describe(c), c.period);
}

// The name the ledger knows the period of `text` by: that of a closed period
// of the same days (a close of 2014Q2 serves the range 2014-04..2014-06, one
// of FY2020Q1 the calendar quarter 2019Q3), else `text`. One period of days
// has one history, however it is written. `closed`: Ledger::periods().
std::string ledger_name(const std::string& text, const std::vector<std::string>& closed,
                        std::optional<calendar::FiscalYear> fiscal) {
  if (std::find(closed.begin(), closed.end(), text) != closed.end()) return text;
  const auto p = calendar::Period::parse(text, fiscal);
  if (!p) return text;  // a column that is no period ("at 2012-03-31")
  for (const std::string& name : closed) {
    const auto q = calendar::Period::parse(name, fiscal);
    if (q && q->first() == p->first() && q->last() == p->last()) return name;
  }
  return text;
}

// Opens the ledger for reading: the one named, or the dataset's own when it
// has one; nullptr (and no error) when the dataset has none and none is named.
std::unique_ptr<ledger::Ledger> open_for_reading(const std::string& dataset,
                                                 const std::string& option,
                                                 core::Diagnostics& diags) {
  const std::string location = ledger_location(dataset, option);
  std::error_code ec;
  if (option.empty() && !fs::exists(location, ec)) return nullptr;
  try {
    return ledger::Ledger::open(location, false);
  } catch (const ledger::Error& e) {
    ledger_error(location, e, "", "a ledger made by orebook close", diags);
    return nullptr;
  }
}

}  // namespace

std::string ledger_location(const std::string& dataset, const std::string& option) {
  if (!option.empty()) return option;
  return (fs::path(dataset) / ".orebook" / "ledger.db").string();
}

std::string against_ledger(const dataset::Dataset& ds, const Accounted& a,
                           const LedgerOptions& options, std::vector<rpt::Table>& tables,
                           core::Diagnostics& diags) {
  const auto book = open_for_reading(ds.root, options.location, diags);
  if (!book) {
    if (options.as_closed && !diags.has_errors()) {
      diags.error("", 0, 0, "not-closed",
                  fmt::format("--as-closed: {} has no ledger (orebook close makes one)", ds.root),
                  ledger_location(ds.root, options.location), "a dataset with closed periods");
    }
    return {};
  }
  const std::string location = ledger_location(ds.root, options.location);
  const std::string read = is_postgres(location) ? std::string() : location;

  std::vector<std::string> periods;
  for (const rpt::Table& t : tables)
    for (const std::string& p : t.periods)
      if (std::find(periods.begin(), periods.end(), p) == periods.end()) periods.push_back(p);

  std::vector<std::string> closed_periods;
  try {
    closed_periods = book->periods();
  } catch (const ledger::Error& e) {
    diags.error("", 0, 0, "ledger", e.what(), "", "a ledger that can be read");
    return read;
  }
  for (const std::string& period : periods) {
    std::optional<ledger::Closing> closed;
    try {
      // The newest version, without its rows: they are read only when a
      // figure changed.
      const auto versions = book->history(ledger_name(period, closed_periods, ds.site.fiscal_year));
      if (!versions.empty()) closed = versions.back();
    } catch (const ledger::Error& e) {
      diags.error("", 0, 0, "ledger", e.what(), "", "a ledger that can be read");
      return read;
    }
    if (!closed) {
      if (options.as_closed) {
        diags.warning(
            "", 0, 0, "not-closed",
            fmt::format("{} has not been closed: its figures are as computed now", period));
      }
      continue;
    }
    std::map<std::string, std::optional<double>> value;
    for (const auto& f : closed->figures) value[f.key] = f.value;

    if (options.as_closed) {
      std::vector<std::string> missing;
      for (rpt::Table& t : tables) {
        const auto col = std::find(t.periods.begin(), t.periods.end(), period);
        if (col == t.periods.end()) continue;
        const auto k = static_cast<std::size_t>(col - t.periods.begin());
        bool any = false;
        for (rpt::Figure& f : t.figures) {
          if (k >= f.values.size()) continue;
          const auto it = value.find(f.key);
          if (it == value.end()) {
            if (f.values[k]) missing.push_back(f.key);
            f.values[k].reset();
          } else {
            f.values[k] = it->second;
          }
          any = true;
        }
        if (any) {
          t.notes.push_back(fmt::format("{} as closed in the ledger ({}).", t.period_name(k),
                                        describe(*closed, period)));
        }
      }
      std::sort(missing.begin(), missing.end());
      missing.erase(std::unique(missing.begin(), missing.end()), missing.end());
      if (!missing.empty()) {
        diags.warning("", 0, 0, "not-in-close",
                      fmt::format("--as-closed: the close of {} ({}) has no {}: unknown here",
                                  period, describe(*closed, period), fmt::join(missing, ", ")));
      }
      continue;
    }

    // What changed since the close: the files, and for the figures traced
    // to rows, the rows. The files are hashed again only when some figure
    // changed: a report of an unchanged closed period reads nothing twice.
    std::optional<std::vector<std::string>> changed_files;
    auto files_changed = [&]() -> const std::vector<std::string>& {
      if (changed_files) return *changed_files;
      changed_files.emplace();
      std::map<std::string, std::string> closed_files;
      for (const auto& f : closed->files) closed_files[f.file] = f.sha256;
      core::Diagnostics quiet;
      for (const auto& f : file_hashes(ds, quiet)) {
        const auto it = closed_files.find(f.file);
        if (it == closed_files.end() || it->second != f.sha256) changed_files->push_back(f.file);
      }
      return *changed_files;
    };
    // Rows, read again only when some figure changed.
    std::optional<std::map<std::pair<std::string, std::uint32_t>, std::string>> closed_rows;
    std::set<std::string> warned;
    for (const rpt::Table& t : tables) {
      const auto col = std::find(t.periods.begin(), t.periods.end(), period);
      if (col == t.periods.end()) continue;
      const auto k = static_cast<std::size_t>(col - t.periods.begin());
      for (const rpt::Figure& f : t.figures) {
        if (k >= f.values.size() || warned.count(f.key)) continue;
        const auto it = value.find(f.key);
        if (it == value.end() || it->second == f.values[k]) continue;
        warned.insert(f.key);
        const std::optional<double> before = it->second, now = f.values[k];
        const bool alike =
            before && now &&
            printed(*before, f.unit, f.decimals) == printed(*now, f.unit, f.decimals);
        auto show = [&](std::optional<double> v) {
          if (!v) return std::string("unknown");
          return alike ? fmt::format("{} {}", *v, f.unit) : printed(*v, f.unit, f.decimals);
        };
        // The rows of this figure that differ from the closed ones.
        std::string rows;
        if (a.totals.size() > k && t.periods == tables.front().periods) {
          core::Diagnostics ignored;
          const rpt::Table* operating = nullptr;
          for (const rpt::Table& o : tables)
            for (const rpt::Figure& of : o.figures)
              if (of.key == f.key && o.periods.size() == a.totals.size()) operating = &o;
          if (operating) {
            if (const auto e = explain_figure(ds, a, *operating, f.key, k, ignored)) {
              if (!closed_rows) {
                closed_rows.emplace();
                if (const auto full = book->entry(closed->sequence))
                  for (const auto& r : full->rows) (*closed_rows)[{r.file, r.line}] = r.sha256;
              }
              std::vector<std::string> differ;
              for (const rpt::SourceRows& src : source_rows(e->root)) {
                const std::string name = relative_name(ds, src.data_file);
                for (const auto& [line, hash] : dataset::row_hashes(ds, src.data_file, src.lines)) {
                  const auto c = closed_rows->find({name, line});
                  if (c == closed_rows->end()) {
                    differ.push_back(fmt::format("{}:{} (not used then)", name, line));
                  } else if (c->second != hash) {
                    differ.push_back(fmt::format("{}:{}", name, line));
                  }
                }
              }
              rows = differ.empty()
                         ? "; none of its rows changed"
                         : fmt::format("; its rows changed since: {}", fmt::join(differ, ", "));
            }
          }
        }
        const std::string files = fmt::format("{}", fmt::join(files_changed(), ", "));
        diags.warning(
            "", 0, 0, "restated",
            fmt::format("{} of {} is {} now but was {} when closed ({}){}{}", f.key, period,
                        show(now), show(before), describe(*closed, period), rows,
                        files.empty() ? "; no input file changed (orebook " OREBOOK_VERSION
                                        " computes it otherwise)"
                                      : "; files changed since: " + files));
      }
    }
  }
  return read;
}

std::optional<Outcome> close(const CloseRequest& request, rpt::Format format,
                             core::Diagnostics& diags) {
  const auto loaded = load_with_periods(request.dataset, {request.period}, diags);
  if (!loaded) return std::nullopt;
  const dataset::Dataset& ds = loaded->ds;
  const std::vector<calendar::Period>& periods = loaded->periods;
  const calendar::Period& period = periods.front();

  const Accounted a = account(ds, periods, diags);
  diags.sort();
  if (diags.has_errors()) return std::nullopt;
  std::vector<rpt::Table> tables;
  tables.push_back(rpt::operating_report(ds, a.stats, a.totals, {.all_streams = true}, a.lot_sales,
                                         a.payable, a.equivalents));
  auto results = results_tables(ds, periods, a, diags);
  if (!results || diags.has_errors()) return std::nullopt;
  for (auto& t : *results) tables.push_back(std::move(t));

  ledger::Closing c;
  c.period = period.to_string();
  c.site = ds.site.name;
  c.by = request.by;
  c.note = request.note;
  c.orebook_version = OREBOOK_VERSION;
  c.figures = figures_of(tables, c.period);
  c.files = file_hashes(ds, diags);
  c.rows = row_hashes(ds, rows_used(ds, a, tables.front(), 0, diags));
  if (diags.has_errors()) return std::nullopt;

  const std::string location = ledger_location(request.dataset, request.ledger);
  std::string closing = c.period;
  ledger::Closing recorded;
  try {
    auto book = ledger::Ledger::open(location, true);
    // Under the name of a closed period of the same days, if there is one:
    // closing the range 2014-04..2014-06 after 2014Q2 is closing 2014Q2 again.
    c.period = closing = ledger_name(c.period, book->periods(), ds.site.fiscal_year);
    recorded = book->close(std::move(c), request.restate);
  } catch (const ledger::Error& e) {
    ledger_error(location, e, closing,
                 request.restate ? "a period closed before, and a note saying why"
                                 : "a period not closed yet (--restate --note WHY to close it "
                                   "again)",
                 diags);
    return std::nullopt;
  }
  Outcome o;
  o.inputs = ds.files_read;
  if (!is_postgres(location)) o.inputs.push_back(location);
  std::size_t known = 0;
  for (const auto& f : recorded.figures) known += f.value.has_value();
  if (format == rpt::Format::json) {
    nlohmann::ordered_json j = entry_json(recorded);
    j["figures"] = recorded.figures.size();
    j["known"] = known;
    j["files"] = recorded.files.size();
    j["rows"] = recorded.rows.size();
    j["hash"] = recorded.hash;
    o.output = rpt::json_text(j);
  } else {
    o.output = fmt::format(
        "{} {} of {}: version {} (entry {} of the ledger), {} by {}\n"
        "{} figures ({} known), {} files and {} rows hashed\n"
        "ledger head: {}\n",
        recorded.version == 1 ? "Closed" : "Restated", recorded.period, recorded.site,
        recorded.version, recorded.sequence, recorded.at, recorded.by, recorded.figures.size(),
        known, recorded.files.size(), recorded.rows.size(), recorded.hash);
  }
  return o;
}

std::optional<Outcome> history(const HistoryRequest& request, rpt::Format format,
                               core::Diagnostics& diags) {
  std::optional<std::string> period;
  std::optional<calendar::FiscalYear> fiscal;
  if (!request.period.empty()) {
    // The period as the ledger names it: canonical, in the site's calendar.
    const dataset::Dataset ds = dataset::load(request.dataset, diags);
    if (diags.has_errors()) return std::nullopt;
    const auto ps = parse_periods({request.period}, ds.site.fiscal_year, diags);
    if (diags.has_errors()) return std::nullopt;
    period = ps.front().to_string();
    fiscal = ds.site.fiscal_year;
  }
  const std::string location = ledger_location(request.dataset, request.ledger);
  std::vector<ledger::Closing> entries;
  try {
    const auto book = ledger::Ledger::open(location, false);
    if (period) period = ledger_name(*period, book->periods(), fiscal);
    entries = book->history(period);
  } catch (const ledger::Error& e) {
    ledger_error(location, e, "", "a ledger made by orebook close", diags);
    return std::nullopt;
  }
  // Per entry: the key's value, or how many figures differ from the version
  // before of the same period.
  std::map<std::string, const ledger::Closing*> before;
  nlohmann::ordered_json rows = nlohmann::ordered_json::array();
  std::string text;
  for (const ledger::Closing& e : entries) {
    std::optional<double> value;
    bool has = false;
    for (const auto& f : e.figures)
      if (f.key == request.key) {
        value = f.value;
        has = true;
      }
    if (!request.key.empty() && !has) continue;
    std::size_t changed = 0;
    if (const auto it = before.find(e.period); it != before.end()) {
      std::map<std::string, std::optional<double>> old;
      for (const auto& f : it->second->figures) old[f.key] = f.value;
      for (const auto& f : e.figures) {
        const auto o = old.find(f.key);
        changed += o == old.end() || o->second != f.value;
      }
    }
    before[e.period] = &e;
    nlohmann::ordered_json j = entry_json(e);
    if (!request.key.empty()) {
      j["value"] = value ? nlohmann::ordered_json(*value) : nlohmann::ordered_json(nullptr);
    } else {
      j["figures"] = e.figures.size();
      if (e.version > 1) j["changed"] = changed;
    }
    j["hash"] = e.hash;
    rows.push_back(j);
    std::string what;
    if (!request.key.empty()) {
      // Ten significant digits: 1.49, not the 1.4899999999999998 the
      // division by 100 leaves (--format json has every digit).
      what = value ? fmt::format("{} = {:.10g}", request.key, *value) : request.key + " unknown";
    } else {
      what = fmt::format("{} figures", e.figures.size());
      if (e.version > 1) what += fmt::format(", {} changed", changed);
    }
    text += fmt::format("{} v{}  {}  {}  {}{}\n", e.period, e.version, e.at, e.by, what,
                        e.note.empty() ? "" : "  — " + e.note);
  }
  Outcome o;
  if (!is_postgres(location)) o.inputs.push_back(location);
  if (format == rpt::Format::json) {
    nlohmann::ordered_json j;
    if (!request.key.empty()) j["key"] = request.key;
    j["entries"] = std::move(rows);
    o.output = rpt::json_text(j);
  } else {
    o.output = text.empty()
                   ? "no closes recorded" +
                         std::string(request.key.empty() ? "" : " of " + request.key) + "\n"
                   : text;
  }
  return o;
}

std::optional<Outcome> ledger_verify(const LedgerVerifyRequest& request, rpt::Format format,
                                     core::Diagnostics& diags) {
  const std::string location = ledger_location(request.dataset, request.ledger);
  std::vector<ledger::Problem> problems;
  std::size_t entries = 0;
  std::string head;
  try {
    auto book = ledger::Ledger::open(location, false);
    problems = book->verify(request.head.empty() ? std::nullopt
                                                 : std::optional<std::string>(request.head));
    entries = book->history().size();
    head = book->head_hash();
  } catch (const ledger::Error& e) {
    ledger_error(location, e, "", "a ledger made by orebook close", diags);
    return std::nullopt;
  }
  Outcome o;
  if (!is_postgres(location)) o.inputs.push_back(location);
  if (format == rpt::Format::json) {
    nlohmann::ordered_json j;
    j["intact"] = problems.empty();
    j["entries"] = entries;
    j["head"] = head;
    auto list = nlohmann::ordered_json::array();
    for (const auto& p : problems) list.push_back({{"sequence", p.sequence}, {"problem", p.what}});
    j["problems"] = std::move(list);
    o.output = rpt::json_text(j);
  } else if (problems.empty()) {
    o.output = fmt::format("ledger intact: {} entries, head {}\n", entries, head);
  } else {
    for (const auto& p : problems) {
      o.output += p.sequence > 0 ? fmt::format("entry {}: {}\n", p.sequence, p.what)
                                 : fmt::format("ledger: {}\n", p.what);
    }
    o.output += fmt::format("ledger NOT intact: {} problem{}\n", problems.size(),
                            problems.size() == 1 ? "" : "s");
  }
  if (!problems.empty()) {
    o.exit = core::ExitCode::check_failed;
    o.summary =
        fmt::format("ledger: {} problem{} found", problems.size(), problems.size() == 1 ? "" : "s");
  }
  return o;
}

}  // namespace orebook::pipeline
