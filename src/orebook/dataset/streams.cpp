// streams.csv: one row per period and stream (docs/dataset.md). This is the hot
// path of `orebook report` on large datasets: fields are parsed in place, the
// period of the previous row is cached, and rows are stored by column.

#include <algorithm>
#include <charconv>
#include <cmath>
#include <limits>
#include <numeric>
#include <unordered_map>

#include <fmt/format.h>

#include "orebook/core/progress.h"
#include "orebook/dataset/csv.h"
#include "orebook/dataset/dataset.h"
#include "orebook/dataset/record_check.h"

namespace orebook::dataset {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

struct StringHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};

std::string describe(calendar::DayNumber first, calendar::DayNumber last) {
  return calendar::Period::from_days(first, last).to_string();
}

struct Header {
  std::size_t count = 0;
  int period = -1, stream = -1, dry_t = -1, operating_days = -1, dry_t_sd = -1;
  // Per CSV column: the metal it assays (or -1) and its unit; for a
  // <Metal>_<unit>_sd column, the metal whose assay uncertainty it gives.
  std::vector<int> metal;
  std::vector<int> sd_metal;
  bool has_assay_sd = false;
  std::vector<units::GradeUnit> unit;
  std::vector<std::string> names;
};

// An assay column (<Metal>_<unit>) or its uncertainty (<Metal>_<unit>_sd):
// `name` without the _sd.
void read_assay_column(const CsvRecord& rec, std::size_t c, std::string_view name, bool is_sd,
                       std::size_t us, const std::string& file, const Site& site, Header& h,
                       core::Diagnostics& diags) {
  const std::uint32_t col = rec.columns[c];
  const auto metal = site.find_metal(name.substr(0, us));
  const auto unit = units::grade_unit_from_column_token(name.substr(us + 1));
  if (!metal) {
    diags.error(file, rec.line, col, "unknown-metal",
                "assay column names a metal not declared in site.toml", std::string(rec.fields[c]),
                "<Metal>_<unit> with a metal of site.toml's [[metals]]");
  } else if (!unit) {
    diags.error(file, rec.line, col, "unknown-unit", "unknown grade unit in column name",
                std::string(rec.fields[c]),
                fmt::format("{}_gpt, {}_pct, {}_ppm or {}_ozpst", name.substr(0, us),
                            name.substr(0, us), name.substr(0, us), name.substr(0, us)));
  } else if (is_sd) {
    for (std::size_t k = 0; k < c; ++k) {
      if (h.sd_metal[k] == static_cast<int>(*metal)) {
        diags.error(file, rec.line, col, "duplicate-column",
                    fmt::format("a second uncertainty column for {}", site.metals[*metal].symbol),
                    std::string(rec.fields[c]), "one uncertainty column per metal");
      }
    }
    h.sd_metal[c] = static_cast<int>(*metal);
    h.unit[c] = *unit;
    h.has_assay_sd = true;
  } else {
    for (std::size_t k = 0; k < c; ++k) {
      if (h.metal[k] == static_cast<int>(*metal)) {
        diags.error(file, rec.line, col, "duplicate-column",
                    fmt::format("a second assay column for {}", site.metals[*metal].symbol),
                    std::string(name), "one assay column per metal");
      }
    }
    h.metal[c] = static_cast<int>(*metal);
    h.unit[c] = *unit;
  }
}

// Reads the header; false when a required column is missing (the rows cannot be read then).
bool read_header(const CsvRecord& rec, const std::string& file, const Site& site, Header& h,
                 core::Diagnostics& diags) {
  h.count = rec.fields.size();
  h.metal.assign(h.count, -1);
  h.sd_metal.assign(h.count, -1);
  h.unit.assign(h.count, units::GradeUnit::percent);
  for (std::size_t c = 0; c < h.count; ++c) {
    std::string_view name = rec.fields[c];
    // <column>_sd: the uncertainty of that column's value in the same row.
    const bool is_sd = name.size() > 3 && name.ends_with("_sd");
    if (is_sd) name.remove_suffix(3);
    h.names.emplace_back(rec.fields[c]);
    const std::uint32_t col = rec.columns[c];
    auto set = [&](int& slot) {
      if (slot >= 0) {
        diags.error(file, rec.line, col, "duplicate-column", "column appears twice",
                    std::string(name), "each column once");
      }
      slot = static_cast<int>(c);
    };
    if (is_sd && (name == "period" || name == "stream" || name == "operating_days")) {
      diags.error(file, rec.line, col, "unknown-column", "unknown column",
                  std::string(rec.fields[c]), "dry_t_sd or <Metal>_<unit>_sd");
    } else if (name == "period") {
      set(h.period);
    } else if (name == "stream") {
      set(h.stream);
    } else if (name == "dry_t") {
      set(is_sd ? h.dry_t_sd : h.dry_t);
    } else if (name == "operating_days") {
      set(h.operating_days);
    } else if (const auto us = name.find('_');
               us != std::string_view::npos &&
               (site.find_metal(name.substr(0, us)) ||
                units::grade_unit_from_column_token(name.substr(us + 1)))) {
      read_assay_column(rec, c, name, is_sd, us, file, site, h, diags);
    } else {
      diags.error(file, rec.line, col, "unknown-column", "unknown column",
                  std::string(rec.fields[c]),
                  "period, stream, dry_t, operating_days, <Metal>_<gpt|pct|ppm|ozpst>, or one of "
                  "these (not period or stream) followed by _sd");
    }
  }
  bool ok = true;
  for (auto [slot, name] : {std::pair{h.period, "period"}, std::pair{h.stream, "stream"},
                            std::pair{h.dry_t, "dry_t"}}) {
    if (slot < 0) {
      diags.error(file, rec.line, 1, "missing-column", fmt::format("missing column '{}'", name), "",
                  "a header with period, stream and dry_t");
      ok = false;
    }
  }
  return ok;
}

// Rows of one stream must not overlap in time, or the same tonnes would count
// twice when aggregated (a monthly row and daily rows of the same month).
void check_overlaps(const StreamTable& t, const Site& site, const std::vector<bool>& unsorted,
                    core::Diagnostics& diags) {
  std::vector<std::vector<std::uint32_t>> rows(site.streams.size());
  for (std::size_t r = 0; r < t.size(); ++r) {
    if (unsorted[t.stream[r]]) rows[t.stream[r]].push_back(static_cast<std::uint32_t>(r));
  }
  for (std::size_t s = 0; s < rows.size(); ++s) {
    auto& idx = rows[s];
    if (idx.empty()) continue;
    std::stable_sort(idx.begin(), idx.end(), [&](std::uint32_t a, std::uint32_t b) {
      return std::pair{t.first[a], t.last[a]} < std::pair{t.first[b], t.last[b]};
    });
    std::uint32_t reach = idx[0];  // the row reaching furthest so far
    for (std::size_t k = 1; k < idx.size(); ++k) {
      const std::uint32_t r = idx[k];
      if (t.first[r] <= t.last[reach]) {
        const bool same = t.first[r] == t.first[reach] && t.last[r] == t.last[reach];
        const std::uint32_t later = std::max(t.line[r], t.line[reach]);
        const std::uint32_t earlier = std::min(t.line[r], t.line[reach]);
        diags.error(t.file, later, 1, same ? "duplicate-row" : "overlapping-rows",
                    same
                        ? fmt::format("second row for stream '{}' and period {} (first at line {})",
                                      site.streams[s].id, describe(t.first[r], t.last[r]), earlier)
                        : fmt::format("rows of stream '{}' overlap in time: {} and {} (line {})",
                                      site.streams[s].id, describe(t.first[r], t.last[r]),
                                      describe(t.first[reach], t.last[reach]), earlier),
                    "", "one row per stream for any day");
      }
      if (t.last[r] > t.last[reach]) reach = r;
    }
  }
}

// Rows read before the storage is sized from the bytes they took.
constexpr std::size_t kSampleRows = 4096;

// Reserves storage for the whole file, estimated from the first rows, so that
// ten million rows are stored without the copies and page faults of growing
// vectors (docs/performance.md: this halved the time and the peak memory).
void reserve_for(StreamTable& t, const CsvReader& reader, bool has_days) {
  if (reader.consumed_bytes() == 0 || reader.total_bytes() <= reader.consumed_bytes()) return;
  const double per_row =
      static_cast<double>(reader.consumed_bytes()) / static_cast<double>(t.size());
  const auto rows =
      static_cast<std::size_t>(static_cast<double>(reader.total_bytes()) / per_row * 1.02) + 64;
  t.first.reserve(rows);
  t.last.reserve(rows);
  t.stream.reserve(rows);
  t.line.reserve(rows);
  t.dry_t.reserve(rows);
  t.assay.reserve(rows * t.metal_count);
  t.digits.reserve(rows * (1 + t.metal_count));
  if (has_days) t.operating_days.reserve(rows);
}

// A row's values beyond period, stream and tonnes, NaN where not given:
// assays and their uncertainties (per metal, as mass fractions), operating
// days, and the uncertainty of the dry tonnes.
struct RowValues {
  std::vector<double> assays, assay_sds;
  double days = kNaN, dry_sd = kNaN;
  std::vector<std::uint8_t> digits;  // dry tonnes, then each metal's assay
};

// The steps below run once per row of the hot loop and are inlined into it,
// where the values they fill stay in registers (docs/performance.md).

// Rows of one period come together: the period is parsed again only when its
// text changes from the row before.
[[gnu::always_inline]] inline void read_period(const CsvRecord& rec, std::size_t col,
                                               RecordCheck& check, std::string& last_period_text,
                                               std::optional<calendar::Period>& last_period) {
  const std::string_view ptext = rec.fields[col];
  if (ptext != last_period_text || !last_period) {
    last_period_text.assign(ptext);
    last_period = calendar::Period::parse(ptext);
  }
  if (!last_period) {
    check.bad(col, "bad-period", "unparsable period",
              std::string(calendar::Period::kAcceptedForms));
  }
}

[[gnu::always_inline]] inline std::optional<double> read_dry_tonnes(const CsvRecord& rec,
                                                                    std::size_t col,
                                                                    const Stream* stream,
                                                                    RecordCheck& check,
                                                                    std::uint8_t& digits) {
  const auto dry = parse_number(rec.fields[col], digits);
  if (!dry) {
    const bool empty = rec.fields[col].empty();
    check.bad(col, empty ? "missing-value" : "malformed-number",
              empty ? "missing dry tonnes" : "dry tonnes is not a number",
              "a number of dry tonnes such as 21251 or 1583.4");
  } else if (*dry < 0.0 && !(stream != nullptr && stream->role == StreamRole::stock_change)) {
    // Only a stock change (a drawdown) may be negative.
    check.bad(col, "negative-tonnes", "negative dry tonnes", "zero or more tonnes");
  }
  return dry;
}

[[gnu::always_inline]] inline void read_values(const CsvRecord& rec, const Header& h,
                                               const std::optional<calendar::Period>& last_period,
                                               RecordCheck& check, RowValues& row) {
  std::fill(row.assays.begin(), row.assays.end(), kNaN);
  std::fill(row.digits.begin() + 1, row.digits.end(), kUnknownDigits);
  if (h.has_assay_sd) std::fill(row.assay_sds.begin(), row.assay_sds.end(), kNaN);
  row.days = kNaN, row.dry_sd = kNaN;
  for (std::size_t c = 0; c < h.count; ++c) {
    const int metal = h.metal[c];
    const bool is_days = static_cast<int>(c) == h.operating_days;
    const bool is_sd = h.sd_metal[c] >= 0 || static_cast<int>(c) == h.dry_t_sd;
    if (metal < 0 && !is_days && !is_sd) continue;
    const std::string_view field = rec.fields[c];
    if (field.empty()) continue;  // not assayed / not given
    std::uint8_t digits = kUnknownDigits;
    const auto v = parse_number(field, digits);
    if (!v) {
      check.bad(c, "malformed-number", fmt::format("'{}' is not a number", h.names[c]),
                is_days ? "a number of days"
                : is_sd ? "a standard deviation above 0, or an empty cell"
                        : "a grade such as 11.3, or an empty cell when not assayed");
      continue;
    }
    if (is_sd) {
      if (!(*v > 0.0)) {
        check.bad(c, "bad-uncertainty", fmt::format("'{}' must be above zero", h.names[c]),
                  "a standard deviation above 0, or an empty cell");
      } else if (h.sd_metal[c] >= 0) {
        row.assay_sds[static_cast<std::size_t>(h.sd_metal[c])] =
            *v * units::fraction_per(h.unit[c]);
      } else {
        row.dry_sd = *v;
      }
      continue;
    }
    if (is_days) {
      if (*v < 0.0 || (last_period && *v > last_period->days())) {
        check.bad(
            c, "operating-days-out-of-range", "operating days outside the period",
            last_period ? fmt::format("0 to {} days", last_period->days()) : "0 or more days");
      }
      row.days = *v;
      continue;
    }
    if (const auto g = check.grade(c, *v, h.unit[c])) {
      row.assays[static_cast<std::size_t>(metal)] = g->fraction();
      row.digits[1 + static_cast<std::size_t>(metal)] = digits;
    }
  }
}

[[gnu::always_inline]] inline void append_row(StreamTable& t, const Header& h,
                                              const calendar::Period& period, std::uint32_t s,
                                              std::uint32_t line, double dry,
                                              const RowValues& row) {
  t.first.push_back(period.first());
  t.last.push_back(period.last());
  t.stream.push_back(s);
  t.line.push_back(line);
  t.dry_t.push_back(dry);
  for (double a : row.assays) t.assay.push_back(a);
  for (std::uint8_t d : row.digits) t.digits.push_back(d);
  if (h.operating_days >= 0) t.operating_days.push_back(row.days);
  if (h.dry_t_sd >= 0) t.dry_t_sd.push_back(row.dry_sd);
  if (h.has_assay_sd)
    for (double a : row.assay_sds) t.assay_sd.push_back(a);
}

// The header: false when the rows cannot be read.
bool read_header_record(CsvReader& reader, CsvRecord& rec, const std::string& file,
                        const Site& site, StreamTable& t, Header& h, core::Diagnostics& diags) {
  if (!first_record(reader, rec, file, "a header with period, stream and dry_t", diags)) {
    return false;
  }
  if (!read_header(rec, file, site, h, diags)) return false;
  for (std::size_t c = 0; c < h.count; ++c) {
    if (h.metal[c] < 0) continue;
    t.assay_column[static_cast<std::size_t>(h.metal[c])] = rec.columns[c];
    t.assay_fraction_per_unit[static_cast<std::size_t>(h.metal[c])] =
        units::fraction_per(h.unit[c]);
  }
  return true;
}

// The rows after the header: every field checked, then stored by column.
// Returns which streams have rows out of time order.
std::vector<bool> read_rows(CsvReader& reader, CsvRecord& rec, const std::string& file,
                            const Site& site, const Header& h, StreamTable& t,
                            core::Diagnostics& diags) {
  const bool has_days = h.operating_days >= 0;
  std::unordered_map<std::string, std::uint32_t, StringHash, std::equal_to<>> stream_index;
  for (std::size_t s = 0; s < site.streams.size(); ++s) {
    stream_index.emplace(site.streams[s].id, static_cast<std::uint32_t>(s));
  }
  std::vector<calendar::DayNumber> reach(site.streams.size(),
                                         std::numeric_limits<calendar::DayNumber>::min());
  std::vector<bool> unsorted(site.streams.size(), false);

  std::string last_period_text;
  std::optional<calendar::Period> last_period;
  RowValues row;
  row.assays.resize(t.metal_count);
  row.assay_sds.resize(t.metal_count);
  row.digits.assign(1 + t.metal_count, kUnknownDigits);
  const std::size_t col_period = static_cast<std::size_t>(h.period);
  const std::size_t col_stream = static_cast<std::size_t>(h.stream);
  const std::size_t col_dry = static_cast<std::size_t>(h.dry_t);

  core::Progress progress("reading " + file, reader.total_bytes(), "bytes");
  while (reader.next(rec)) {
    if (rec.line % 65536 == 0) progress.set(reader.consumed_bytes());
    RecordCheck check(rec, file, diags);
    if (!check.well_formed(h.count)) continue;
    read_period(rec, col_period, check, last_period_text, last_period);
    // Streams alternate from row to row, so they are looked up every time.
    const auto found_stream = stream_index.find(rec.fields[col_stream]);
    const bool known_stream = found_stream != stream_index.end();
    if (!known_stream)
      check.bad(col_stream, "unknown-stream", "unknown stream",
                "a stream id declared in site.toml");
    const auto dry =
        read_dry_tonnes(rec, col_dry, known_stream ? &site.streams[found_stream->second] : nullptr,
                        check, row.digits[0]);
    read_values(rec, h, last_period, check, row);
    if (!check.ok()) continue;

    if (t.size() == kSampleRows) reserve_for(t, reader, has_days);
    const std::uint32_t s = found_stream->second;
    append_row(t, h, *last_period, s, rec.line, *dry, row);
    // Rows of a stream usually come in time order; only streams that do not are sorted.
    if (last_period->first() <= reach[s]) unsorted[s] = true;
    reach[s] = std::max(reach[s], last_period->last());
  }
  return unsorted;
}

}  // namespace

StreamTable load_streams_csv(CsvReader& reader, const std::string& file, const Site& site,
                             core::Diagnostics& diags) {
  StreamTable t;
  t.file = file;
  t.metal_count = site.metals.size();
  t.assay_column.assign(t.metal_count, 0);
  t.assay_fraction_per_unit.assign(t.metal_count, 1.0);
  CsvRecord rec;
  Header h;
  if (!read_header_record(reader, rec, file, site, t, h, diags)) return t;
  const std::vector<bool> unsorted = read_rows(reader, rec, file, site, h, t, diags);
  check_overlaps(t, site, unsorted, diags);
  return t;
}

}  // namespace orebook::dataset
