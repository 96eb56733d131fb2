// sales.csv: payable metal sold and realized price per period and metal
// (docs/dataset.md). A dataset with lots.csv takes these figures from settling
// its lots under contracts.toml instead.

#include <algorithm>
#include <array>

#include <fmt/format.h>

#include "orebook/dataset/csv.h"
#include "orebook/dataset/dataset.h"
#include "orebook/dataset/record_check.h"

namespace orebook::dataset {

std::vector<SaleRow> load_sales_csv(CsvReader& reader, const std::string& file, const Site& site,
                                    core::Diagnostics& diags) {
  std::vector<SaleRow> rows;
  constexpr std::array<std::string_view, 6> kColumns = {"period", "metal", "payable",
                                                        "unit",   "price", "currency"};
  constexpr std::string_view kExpected = "period,metal,payable,unit,price,currency";
  CsvRecord rec;
  if (!first_record(reader, rec, file, std::string("a header ") + std::string(kExpected), diags)) {
    return rows;
  }
  std::array<int, kColumns.size()> at{};
  at.fill(-1);
  for (std::size_t c = 0; c < rec.fields.size(); ++c) {
    const auto it = std::find(kColumns.begin(), kColumns.end(), rec.fields[c]);
    if (it == kColumns.end()) {
      diags.error(file, rec.line, rec.columns[c], "unknown-column", "unknown column",
                  std::string(rec.fields[c]), std::string("one of ") + std::string(kExpected));
      continue;
    }
    auto& slot = at[static_cast<std::size_t>(it - kColumns.begin())];
    if (slot >= 0) {
      diags.error(file, rec.line, rec.columns[c], "duplicate-column", "column appears twice",
                  std::string(rec.fields[c]), "each column once");
    }
    slot = static_cast<int>(c);
  }
  bool header_ok = true;
  for (std::size_t k = 0; k < kColumns.size(); ++k) {
    if (at[k] < 0) {
      diags.error(file, rec.line, 1, "missing-column",
                  fmt::format("missing column '{}'", kColumns[k]), "",
                  std::string("a header ") + std::string(kExpected));
      header_ok = false;
    }
  }
  if (!header_ok) return rows;
  const std::size_t width = rec.fields.size();
  auto col = [&](std::size_t k) { return static_cast<std::size_t>(at[k]); };

  while (reader.next(rec)) {
    RecordCheck check(rec, file, diags);
    if (!check.well_formed(width)) continue;
    SaleRow row;
    row.line = rec.line;
    if (auto p = calendar::Period::parse(rec.fields[col(0)])) {
      row.period = *p;
    } else {
      check.bad(col(0), "bad-period", "unparsable period",
                std::string(calendar::Period::kAcceptedForms));
    }
    if (auto m = site.find_metal(rec.fields[col(1)])) {
      row.metal = *m;
    } else {
      check.bad(col(1), "unknown-metal", "unknown metal", "a metal symbol declared in site.toml");
    }
    const auto unit = units::mass_unit_from_string(rec.fields[col(3)]);
    if (unit) {
      row.price_unit = *unit;
    } else {
      check.bad(col(3), "unknown-unit", "unknown unit of payable metal", "oz, lb, t, kg, g or st");
    }
    const auto payable = parse_number(rec.fields[col(2)]);
    if (rec.fields[col(2)].empty()) {
      // A realized price without its volume: the price is known, the payable
      // metal sold is not.
    } else if (!payable) {
      check.bad(col(2), "malformed-number", "payable quantity is not a number",
                "a quantity such as 540942, or nothing for a price without its volume");
    } else if (*payable < 0.0) {
      check.bad(col(2), "negative-quantity", "negative payable quantity", "zero or more");
    } else if (unit) {
      row.payable = units::Mass::of(*payable, *unit);
    }
    const auto price = parse_number(rec.fields[col(4)]);
    if (!price) {
      check.bad(col(4), "malformed-number", "price is not a number", "a price such as 32.81");
    } else if (*price < 0.0) {
      check.bad(col(4), "negative-price", "negative price", "zero or more");
    } else {
      row.price = *price;
    }
    row.currency = std::string(rec.fields[col(5)]);
    if (!is_currency(row.currency)) {
      check.bad(col(5), "bad-currency", "currency is not an ISO 4217 code",
                "three capital letters such as USD");
    }
    if (check.ok()) rows.push_back(std::move(row));
  }

  // One row per metal for any day: overlapping rows would count a sale twice.
  std::vector<std::size_t> order(rows.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return std::pair{rows[a].metal, rows[a].period} < std::pair{rows[b].metal, rows[b].period};
  });
  for (std::size_t k = 1; k < order.size(); ++k) {
    const SaleRow& a = rows[order[k - 1]];
    const SaleRow& b = rows[order[k]];
    if (a.metal == b.metal && a.period.overlaps(b.period)) {
      const bool same = a.period == b.period;
      diags.error(file, std::max(a.line, b.line), 1, same ? "duplicate-row" : "overlapping-rows",
                  fmt::format("{} sales rows for {} overlap: {} and {} (line {})",
                              same ? "two" : "overlapping", site.metals[a.metal].symbol,
                              a.period.to_string(), b.period.to_string(), std::min(a.line, b.line)),
                  "", "one row per metal for any day");
    }
  }
  return rows;
}

}  // namespace orebook::dataset
