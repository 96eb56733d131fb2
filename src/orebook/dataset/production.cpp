// production.csv: metal produced per period, metal and (optionally) product,
// entered directly (docs/dataset.md). Where a row covers a period, it is the
// metal's production there in place of tonnes × grade of the concentrates
// (docs/formulas.md §3).

#include <algorithm>
#include <array>

#include <fmt/format.h>

#include "orebook/dataset/csv.h"
#include "orebook/dataset/dataset.h"
#include "orebook/dataset/record_check.h"

namespace orebook::dataset {

std::vector<ProductionRow> load_production_csv(CsvReader& reader, const std::string& file,
                                               const Site& site, core::Diagnostics& diags) {
  std::vector<ProductionRow> rows;
  constexpr std::array<std::string_view, 5> kNames = {"period", "metal", "product", "produced",
                                                      "unit"};
  for_each_record(
      reader, file, kNames, diags, [&](const CsvRecord& rec, RecordCheck& check, const auto& at) {
        ProductionRow row;
        row.line = rec.line;
        if (const auto p = read_period(check, rec, at[0])) row.period = *p;
        const auto metal = site.find_metal(rec.fields[at[1]]);
        if (metal) {
          row.metal = *metal;
        } else {
          check.bad(at[1], "unknown-metal", "unknown metal",
                    "a metal symbol declared in site.toml");
        }
        if (const std::string_view product = rec.fields[at[2]]; !product.empty()) {
          const auto s = site.find_stream(product);
          if (!s) {
            check.bad(at[2], "unknown-stream", "unknown product",
                      "a concentrate stream of site.toml, or nothing for all the metal's products");
          } else if (metal && std::find(site.metals[*metal].products.begin(),
                                        site.metals[*metal].products.end(),
                                        *s) == site.metals[*metal].products.end()) {
            check.bad(at[2], "not-a-product",
                      fmt::format("'{}' is not one of the products of {} in site.toml", product,
                                  site.metals[*metal].symbol),
                      "a stream named in the metal's products, or nothing for all of them");
          } else {
            row.product = *s;
          }
        }
        const std::string_view text = rec.fields[at[3]];
        std::uint8_t decimals = kUnknownDigits;
        const auto value = parse_number(text, decimals);
        if (!value) {
          check.bad(at[3], text.empty() ? "missing-value" : "malformed-number",
                    "produced metal is not a number", "a quantity such as 2507712 or 33.45");
        } else if (*value < 0.0) {
          check.bad(at[3], "negative-quantity", "negative produced metal", "zero or more");
        } else {
          row.value = *value;
          row.decimals = decimals;
        }
        if (const auto unit = units::scaled_mass_unit_from_string(rec.fields[at[4]])) {
          row.unit = *unit;
        } else {
          check.bad(at[4], "unknown-unit", "unknown unit of produced metal",
                    "oz, lb, t, kg, g or st, or koz, Moz, klb, Mlb, kt, Mt");
        }
        if (check.ok()) rows.push_back(row);
      });

  // One figure per metal and day: a day in two rows of a metal would count
  // twice, and a total beside a product's figure would say the same twice.
  std::vector<std::size_t> order(rows.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return std::pair{rows[a].metal, rows[a].period} < std::pair{rows[b].metal, rows[b].period};
  });
  for (std::size_t k = 0; k < order.size(); ++k) {
    for (std::size_t j = k + 1; j < order.size(); ++j) {
      const ProductionRow& a = rows[order[k]];
      const ProductionRow& b = rows[order[j]];
      if (b.metal != a.metal || b.period.first() > a.period.last()) break;
      if (a.product && b.product && *a.product != *b.product) continue;  // two products
      const bool same = a.period == b.period && a.product == b.product;
      diags.error(file, std::max(a.line, b.line), 1, same ? "duplicate-row" : "overlapping-rows",
                  fmt::format("production rows of {} overlap: {} and {} (line {}){}",
                              site.metals[a.metal].symbol, a.period.to_string(),
                              b.period.to_string(), std::min(a.line, b.line),
                              a.product.has_value() != b.product.has_value()
                                  ? ": give a metal's production either in total or per product"
                                  : ""),
                  "", "one row per metal (and product) for any day");
    }
  }
  return rows;
}

}  // namespace orebook::dataset
