#pragma once
// Inline inputs for unit tests: a test writes the small CSV and TOML it reads
// as raw strings, next to its assertions (docs/design.md).

#include <string>
#include <string_view>

#include <gtest/gtest.h>

#include "orebook/dataset/csv.h"
#include "orebook/dataset/dataset.h"

namespace orebook::testing {

// A three-metal site like the example: ore_mined, feed, two concentrates, tailings.
inline constexpr std::string_view kSite = R"([site]
name = "Test mine"
currency = "CAD"

[[metals]]
symbol = "Ag"
products = ["pb_con", "zn_con"]

[[metals]]
symbol = "Pb"
products = ["pb_con"]

[[metals]]
symbol = "Zn"
products = ["zn_con"]

[[streams]]
id = "mined"
role = "ore_mined"

[[streams]]
id = "feed"
role = "feed"

[[streams]]
id = "pb_con"
role = "concentrate"
label = "Lead concentrate"

[[streams]]
id = "zn_con"
role = "concentrate"
label = "Zinc concentrate"

[[streams]]
id = "tails"
role = "tailings"
)";

// Builds a Dataset from text, as dataset::load would from files.
inline dataset::Dataset load_strings(std::string_view site_toml, std::string streams_csv,
                                     core::Diagnostics& diags,
                                     std::optional<std::string> sales_csv = std::nullopt) {
  dataset::Dataset ds;
  ds.site = dataset::load_site_toml(site_toml, "site.toml", diags);
  auto streams = dataset::CsvReader::from_string(std::move(streams_csv));
  ds.streams = dataset::load_streams_csv(streams, "streams.csv", ds.site, diags);
  if (sales_csv) {
    ds.sales.present = true;
    ds.sales.file = "sales.csv";
    auto sales = dataset::CsvReader::from_string(std::move(*sales_csv));
    ds.sales.rows = dataset::load_sales_csv(sales, "sales.csv", ds.site, diags);
  }
  diags.sort();
  return ds;
}

// The first diagnostic with `code` whose message contains `text`, or nullptr.
inline const core::Diagnostic* find_saying(const core::Diagnostics& diags, std::string_view code,
                                           std::string_view text) {
  for (const auto& d : diags.items())
    if (d.code == code && d.message.find(text) != std::string::npos) return &d;
  return nullptr;
}

// The first diagnostic with `code`, or nullptr.
inline const core::Diagnostic* find(const core::Diagnostics& diags, std::string_view code) {
  for (const auto& d : diags.items())
    if (d.code == code) return &d;
  return nullptr;
}

inline std::string dump(const core::Diagnostics& diags) {
  std::string out;
  for (const auto& d : diags.items()) out += core::to_string(d) + "\n";
  return out;
}

}  // namespace orebook::testing
