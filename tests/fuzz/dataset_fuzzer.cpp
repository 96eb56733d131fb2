// libFuzzer target for the dataset's file loaders (docs/fuzzing.md): any
// bytes in, read as each CSV file of a dataset folder (streams, production,
// sales, prices, lots, costs, financials, reported) against a fixed site, and
// as site.toml and contracts.toml; never a crash, a hang, an escaping
// exception or a sanitizer report out, and what is loaded is well-formed
// (every diagnostic has a code and is in the file read; every row has a line).
//   /tmp/dataset_fuzzer -max_total_time=300 -max_len=8192 -timeout=10 /tmp/dataset-corpus

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "orebook/dataset/csv.h"
#include "orebook/dataset/dataset.h"

namespace {

// The demo mine's site (examples/demo-mine/site.toml, without its comments):
// three metals, two concentrates, a flowsheet, costs categories, guidance.
constexpr std::string_view kSite = R"toml([site]
name = "Demo mine (illustrative)"
currency = "CAD"

[[metals]]
symbol = "Ag"
name = "Silver"
products = ["pb_con", "zn_con"]

[[metals]]
symbol = "Pb"
name = "Lead"
products = ["pb_con"]

[[metals]]
symbol = "Zn"
name = "Zinc"
products = ["zn_con"]

[balance]
alpha = 0.05
eliminate = false

[[nodes]]
id = "rom_pad"
kind = "stockpile"

[[nodes]]
id = "mill"

[[streams]]
id = "ore_mined"
role = "ore_mined"
label = "Ore mined"
from = "env"
to = "rom_pad"
sd = { dry_t = "5%" }

[[streams]]
id = "mill_feed"
role = "feed"
label = "Mill feed"
from = "rom_pad"
to = "mill"
sd = { dry_t = "1.5%", Ag = "3%", Pb = "2%", Zn = "2%" }

[[streams]]
id = "pb_con"
role = "concentrate"
label = "Lead concentrate"
from = "mill"
to = "env"
sd = { dry_t = "1%", Ag = "1%", Pb = "1%", Zn = "3%" }

[[streams]]
id = "zn_con"
role = "concentrate"
label = "Zinc concentrate"
from = "mill"
to = "env"
sd = { dry_t = "1%", Ag = "2%", Pb = "3%", Zn = "1%" }

[[streams]]
id = "tailings"
role = "tailings"
label = "Tailings"
from = "mill"
to = "env"
sd = { dry_t = "5%", Ag = 4.0, Pb = 0.05, Zn = 0.1 }

[costs]
primary_metal = "Ag"
basis = "produced"
cost_of_sales = ["mining", "milling", "site_ga", "royalties", "inventory_change", "depreciation"]

[costs.categories]
"Mining" = "mining"
"Milling" = "milling"
"Site general and administrative" = "site_ga"
"Royalties" = "royalties"
"Inventory change" = "inventory_change"
"Depreciation and depletion" = "depreciation"
"Sustaining capital" = "sustaining_capital"
"Corporate general and administrative" = "corporate_ga"
"Reclamation accretion" = "reclamation"
"Sustaining exploration" = "sustaining_exploration"
"Growth capital and exploration" = "non_sustaining"

[[guidance]]
year = 2012
metal = "Ag"
low = 2200000
high = 2500000
)toml";

const orebook::dataset::Site& site() {
  static const orebook::dataset::Site s = [] {
    orebook::core::Diagnostics diags;
    auto loaded = orebook::dataset::load_site_toml(kSite, "site.toml", diags);
    if (diags.has_errors()) __builtin_trap();  // the fixed site itself must load
    return loaded;
  }();
  return s;
}

// Every diagnostic has a code and is in the file that was read.
void check(const orebook::core::Diagnostics& diags, const std::string& file) {
  for (const auto& d : diags.items()) {
    if (d.code.empty() || d.file != file) __builtin_trap();
    (void)orebook::core::to_string(d);
  }
}

void check_line(std::uint32_t line) {
  if (line == 0) __builtin_trap();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  namespace ds = orebook::dataset;
  using orebook::core::Diagnostics;
  const std::string text(reinterpret_cast<const char*>(data), size);
  const ds::Site& s = site();
  {
    Diagnostics diags;
    auto reader = ds::CsvReader::from_string(text);
    const auto t = ds::load_streams_csv(reader, "streams.csv", s, diags);
    check(diags, "streams.csv");
    const std::size_t rows = t.size();
    if (t.first.size() != rows || t.last.size() != rows || t.stream.size() != rows ||
        t.line.size() != rows || t.assay.size() != rows * t.metal_count ||
        t.metal_count != s.metals.size()) {
      __builtin_trap();
    }
    for (std::size_t i = 0; i < rows; ++i) {
      check_line(t.line[i]);
      if (t.stream[i] >= s.streams.size() || t.first[i] > t.last[i]) __builtin_trap();
    }
  }
  {
    Diagnostics diags;
    auto reader = ds::CsvReader::from_string(text);
    for (const auto& r : ds::load_production_csv(reader, "production.csv", s, diags)) {
      check_line(r.line);
      if (r.metal >= s.metals.size() || (r.product && *r.product >= s.streams.size()))
        __builtin_trap();
    }
    check(diags, "production.csv");
  }
  {
    Diagnostics diags;
    auto reader = ds::CsvReader::from_string(text);
    for (const auto& r : ds::load_sales_csv(reader, "sales.csv", s, diags)) {
      check_line(r.line);
      if (r.metal >= s.metals.size()) __builtin_trap();
    }
    check(diags, "sales.csv");
  }
  {
    Diagnostics diags;
    auto reader = ds::CsvReader::from_string(text);
    for (const auto& r : ds::load_prices_csv(reader, "prices.csv", s, diags)) {
      check_line(r.line);
      if (r.kind != ds::PriceKind::fx && r.metal >= s.metals.size()) __builtin_trap();
    }
    check(diags, "prices.csv");
  }
  {
    Diagnostics diags;
    auto reader = ds::CsvReader::from_string(text);
    for (const auto& lot : ds::load_lots_csv(reader, "lots.csv", s, diags)) {
      // A lot of a final row alone is kept, with a missing-provisional error.
      if (lot.provisional.line == 0 && !diags.has_errors()) __builtin_trap();
      if (lot.final) check_line(lot.final->line);
      if (lot.product >= s.streams.size()) __builtin_trap();
    }
    check(diags, "lots.csv");
  }
  {
    Diagnostics diags;
    auto reader = ds::CsvReader::from_string(text);
    for (const auto& r : ds::load_costs_csv(reader, "costs.csv", s, diags)) check_line(r.line);
    check(diags, "costs.csv");
  }
  {
    Diagnostics diags;
    auto reader = ds::CsvReader::from_string(text);
    for (const auto& r : ds::load_financials_csv(reader, "financials.csv", diags))
      check_line(r.row);
    check(diags, "financials.csv");
  }
  {
    Diagnostics diags;
    auto reader = ds::CsvReader::from_string(text);
    for (const auto& r : ds::load_reported_csv(reader, "reported.csv", s.currency, diags)) {
      check_line(r.line);
    }
    check(diags, "reported.csv");
  }
  {
    Diagnostics diags;
    (void)ds::load_contracts_toml(text, "contracts.toml", s, diags);
    check(diags, "contracts.toml");
  }
  {
    Diagnostics diags;
    const ds::Site loaded = ds::load_site_toml(text, "site.toml", diags);
    check(diags, "site.toml");
    for (const auto& m : loaded.metals) {
      for (const std::size_t p : m.products) {
        if (p >= loaded.streams.size()) __builtin_trap();
      }
    }
  }
  return 0;
}
