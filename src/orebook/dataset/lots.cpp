// lots.csv: concentrate shipments, one row per weighing and assaying
// (docs/dataset.md).

#include <algorithm>
#include <map>

#include <fmt/format.h>

#include "orebook/dataset/csv.h"
#include "orebook/dataset/dataset.h"
#include "orebook/dataset/record_check.h"

namespace orebook::dataset {

namespace {

struct LotHeader {
  std::size_t count = 0;
  int lot = -1, product = -1, stage = -1, date = -1, wet_t = -1, moisture = -1, counterparty = -1,
      arrived = -1;
  std::vector<int> metal;              // per column: metal assayed, or -1
  std::vector<units::GradeUnit> unit;  // its unit
  std::vector<std::string> element;    // per column: penalty element, or empty
};

bool read_lot_header(const CsvRecord& rec, const std::string& file, const Site& site, LotHeader& h,
                     core::Diagnostics& diags) {
  h.count = rec.fields.size();
  h.metal.assign(h.count, -1);
  h.unit.assign(h.count, units::GradeUnit::percent);
  h.element.assign(h.count, "");
  const std::pair<std::string_view, int*> named[] = {
      {"lot", &h.lot},         {"product", &h.product},
      {"stage", &h.stage},     {"date", &h.date},
      {"wet_t", &h.wet_t},     {"moisture_pct", &h.moisture},
      {"arrived", &h.arrived}, {"counterparty", &h.counterparty}};
  for (std::size_t c = 0; c < h.count; ++c) {
    const std::string_view name = rec.fields[c];
    const std::uint32_t col = rec.columns[c];
    bool known = false;
    for (const auto& [n, slot] : named) {
      if (name != n) continue;
      if (*slot >= 0) {
        diags.error(file, rec.line, col, "duplicate-column", "column appears twice",
                    std::string(name), "each column once");
      }
      *slot = static_cast<int>(c);
      known = true;
    }
    if (known) continue;
    const auto us = name.rfind('_');
    const auto unit = us == std::string_view::npos
                          ? std::nullopt
                          : units::grade_unit_from_column_token(name.substr(us + 1));
    if (!unit) {
      diags.error(file, rec.line, col, "unknown-column", "unknown column", std::string(name),
                  "lot, product, stage, date, wet_t, moisture_pct, counterparty, arrived, or an "
                  "assay <Element>_<gpt|pct|ppm|ozpst>");
      continue;
    }
    const std::string_view symbol = name.substr(0, us);
    h.unit[c] = *unit;
    if (const auto m = site.find_metal(symbol)) {
      h.metal[c] = static_cast<int>(*m);
    } else {
      h.element[c] = std::string(symbol);  // a penalty element
    }
  }
  bool ok = true;
  for (auto [slot, name] : {std::pair{h.lot, "lot"}, std::pair{h.product, "product"},
                            std::pair{h.stage, "stage"}, std::pair{h.date, "date"},
                            std::pair{h.wet_t, "wet_t"}, std::pair{h.moisture, "moisture_pct"}}) {
    if (slot < 0) {
      diags.error(file, rec.line, 1, "missing-column", fmt::format("missing column '{}'", name), "",
                  "a header with lot, product, stage, date, wet_t and moisture_pct");
      ok = false;
    }
  }
  return ok;
}

std::optional<calendar::DayNumber> read_day(RecordCheck& check, const CsvRecord& rec,
                                            std::size_t c) {
  const auto p = calendar::Period::parse(rec.fields[c]);
  if (!p || p->kind() != calendar::PeriodKind::day) {
    check.bad(c, "bad-period", "not a date", "a date such as 2012-03-15");
    return std::nullopt;
  }
  return p->first();
}

std::size_t col(int c) { return static_cast<std::size_t>(c); }

// A row's assays: of the site's metals, and of penalty elements in the
// column's own unit, as penalties read them.
void read_lot_assays(const CsvRecord& rec, const LotHeader& h, RecordCheck& check, LotMeasure& m) {
  for (std::size_t c = 0; c < h.count; ++c) {
    if (h.metal[c] < 0 && h.element[c].empty()) continue;
    const std::string_view field = rec.fields[c];
    if (field.empty()) continue;  // not assayed
    const auto v = parse_number(field);
    if (!v) {
      check.bad(c, "malformed-number", "assay is not a number",
                "an assay such as 63.2, or an empty cell");
      continue;
    }
    const auto g = check.grade(c, *v, h.unit[c]);
    if (!g) continue;
    if (h.metal[c] >= 0) {
      m.metals[col(h.metal[c])] = g;
    } else {
      m.elements.emplace_back(h.element[c],
                              *v);  // in the column's own unit, as penalties read it
    }
  }
}

// A weighing and assaying: date, wet tonnes, moisture and assays.
LotMeasure read_measure(const CsvRecord& rec, const LotHeader& h, const Site& site,
                        RecordCheck& check) {
  LotMeasure m;
  m.line = rec.line;
  m.date = read_day(check, rec, col(h.date)).value_or(0);
  const auto wet = parse_number(rec.fields[col(h.wet_t)]);
  if (!wet) {
    check.bad(col(h.wet_t), "malformed-number", "wet tonnes is not a number",
              "wet tonnes such as 1086.96");
  } else if (*wet <= 0) {
    check.bad(col(h.wet_t), "negative-tonnes", "wet tonnes not above zero",
              "more than zero tonnes");
  } else {
    m.wet_t = *wet;
  }
  const auto moisture = parse_number(rec.fields[col(h.moisture)]);
  if (!moisture) {
    check.bad(col(h.moisture), "malformed-number", "moisture is not a number",
              "a percentage such as 8.0");
  } else if (*moisture < 0 || *moisture >= 100) {
    check.bad(col(h.moisture), "moisture-out-of-range", "moisture outside [0, 1)",
              "a percentage from 0 up to, not including, 100");
  } else {
    m.moisture = *moisture / 100;
  }
  m.metals.assign(site.metals.size(), std::nullopt);
  read_lot_assays(rec, h, check, m);
  return m;
}

// One row of lots.csv, every field checked.
struct LotRow {
  std::string id;
  std::optional<std::size_t> product;
  std::string_view stage;
  LotMeasure m;
  std::optional<calendar::DayNumber> arrived;
  std::string counterparty;
};

LotRow read_lot_row(const CsvRecord& rec, const LotHeader& h, const Site& site,
                    RecordCheck& check) {
  LotRow row;
  row.id = std::string(rec.fields[col(h.lot)]);
  if (row.id.empty())
    check.bad(col(h.lot), "missing-value", "missing lot id", "a lot id such as L-2012-017");
  row.product = site.find_stream(rec.fields[col(h.product)]);
  if (!row.product || site.streams[*row.product].role != StreamRole::concentrate) {
    check.bad(col(h.product), "unknown-product", "unknown product",
              "the id of a stream with role = \"concentrate\" in site.toml");
  }
  row.stage = rec.fields[col(h.stage)];
  if (row.stage != "provisional" && row.stage != "final") {
    check.bad(col(h.stage), "unknown-stage", "unknown stage", "provisional or final");
  }
  row.m = read_measure(rec, h, site, check);
  if (h.arrived >= 0 && !rec.fields[col(h.arrived)].empty())
    row.arrived = read_day(check, rec, col(h.arrived));
  row.counterparty = h.counterparty >= 0 ? std::string(rec.fields[col(h.counterparty)]) : "";
  return row;
}

// The row's measure into its lot (a new one for a new id): the provisional
// or the final one, each at most once per lot.
void add_to_lot(LotRow& row, const CsvRecord& rec, const LotHeader& h, const std::string& file,
                const Site& site, std::vector<Lot>& lots,
                std::map<std::string, std::size_t, std::less<>>& index, core::Diagnostics& diags) {
  const std::string& id = row.id;
  auto [it, fresh] = index.try_emplace(id, lots.size());
  if (fresh) {
    Lot lot;
    lot.id = id;
    lot.product = *row.product;
    lots.push_back(std::move(lot));
  }
  Lot& lot = lots[it->second];
  if (lot.product != *row.product) {
    diags.error(file, rec.line, rec.columns[col(h.product)], "inconsistent-lot",
                fmt::format("lot {} changes product", id), std::string(rec.fields[col(h.product)]),
                site.streams[lot.product].id);
    return;
  }
  if (!row.counterparty.empty()) lot.counterparty = row.counterparty;
  if (row.arrived) lot.arrived = row.arrived;
  if (row.stage == "provisional") {
    if (lot.provisional.line != 0) {
      diags.error(file, rec.line, 1, "duplicate-row",
                  fmt::format("second provisional row for lot {} (first at line {})", id,
                              lot.provisional.line),
                  "", "one provisional and at most one final row per lot");
      return;
    }
    lot.provisional = std::move(row.m);
  } else {
    if (lot.final) {
      diags.error(
          file, rec.line, 1, "duplicate-row",
          fmt::format("second final row for lot {} (first at line {})", id, lot.final->line), "",
          "one provisional and at most one final row per lot");
      return;
    }
    lot.final = std::move(row.m);
  }
}

// Every lot has a provisional row, and is not settled before it was shipped.
void check_lots(const std::vector<Lot>& lots, const std::string& file, core::Diagnostics& diags) {
  for (const Lot& lot : lots) {
    if (lot.provisional.line == 0) {
      diags.error(file, lot.final ? lot.final->line : 0, 1, "missing-provisional",
                  fmt::format("lot {} has no provisional row", lot.id), "",
                  "a row with stage provisional and the shipment date");
    } else if (lot.final && lot.final->date < lot.provisional.date) {
      diags.error(file, lot.final->line, 1, "final-before-shipment",
                  fmt::format("lot {} is finally settled before it was shipped", lot.id),
                  calendar::format_date(lot.final->date),
                  "a date on or after " + calendar::format_date(lot.provisional.date));
    }
  }
}

}  // namespace

std::vector<Lot> load_lots_csv(CsvReader& reader, const std::string& file, const Site& site,
                               core::Diagnostics& diags) {
  std::vector<Lot> lots;
  CsvRecord rec;
  if (!first_record(reader, rec, file,
                    "a header with lot, product, stage, date, wet_t and moisture_pct", diags)) {
    return lots;
  }
  LotHeader h;
  if (!read_lot_header(rec, file, site, h, diags)) return lots;
  std::map<std::string, std::size_t, std::less<>> index;  // lot id → position in `lots`
  while (reader.next(rec)) {
    RecordCheck check(rec, file, diags);
    if (!check.well_formed(h.count)) continue;
    LotRow row = read_lot_row(rec, h, site, check);
    if (!check.ok()) continue;
    add_to_lot(row, rec, h, file, site, lots, index, diags);
  }
  check_lots(lots, file, diags);
  return lots;
}

}  // namespace orebook::dataset
