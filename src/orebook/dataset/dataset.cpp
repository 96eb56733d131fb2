// Loading a dataset folder: site.toml, then streams.csv, then sales.csv.

#include <filesystem>
#include <fstream>
#include <sstream>

#include <fmt/format.h>

#include "orebook/dataset/csv.h"
#include "orebook/dataset/dataset.h"

namespace orebook::dataset {

namespace fs = std::filesystem;

Dataset load(const std::string& root, core::Diagnostics& diags) {
  Dataset ds;
  ds.root = root;
  std::error_code ec;
  if (!fs::is_directory(root, ec)) {
    diags.error(root, 0, 0, "missing-file", "dataset folder not found", root,
                "a folder holding site.toml and streams.csv");
    return ds;
  }
  const std::string site_file = (fs::path(root) / "site.toml").string();
  {
    std::ifstream in(site_file, std::ios::binary);
    if (!in) {
      diags.error(site_file, 0, 0, "missing-file", "cannot read site.toml", "",
                  "a site.toml file in the dataset folder");
      return ds;
    }
    std::ostringstream text;
    text << in.rdbuf();
    const std::size_t before = diags.error_count();
    ds.site = load_site_toml(text.str(), site_file, diags);
    // Without a usable site the CSV files cannot be interpreted.
    if (diags.error_count() > before && (ds.site.streams.empty() || ds.site.metals.empty())) {
      return ds;
    }
  }

  const std::string streams_file = (fs::path(root) / "streams.csv").string();
  CsvReader streams(streams_file);
  if (!streams.ok()) {
    diags.error(streams_file, 0, 0, "missing-file",
                "cannot read streams.csv: " + streams.open_error(), "",
                "a streams.csv file in the dataset folder");
  } else {
    ds.streams = load_streams_csv(streams, streams_file, ds.site, diags);
  }

  ds.sales_file = (fs::path(root) / "sales.csv").string();
  if (fs::exists(ds.sales_file, ec)) {
    CsvReader sales(ds.sales_file);
    if (!sales.ok()) {
      diags.error(ds.sales_file, 0, 0, "missing-file",
                  "cannot read sales.csv: " + sales.open_error());
    } else {
      ds.has_sales = true;
      ds.sales = load_sales_csv(sales, ds.sales_file, ds.site, diags);
    }
  }
  ds.contracts_file = (fs::path(root) / "contracts.toml").string();
  if (fs::exists(ds.contracts_file, ec)) {
    std::ifstream in(ds.contracts_file, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    ds.has_contracts = true;
    ds.contracts = load_contracts_toml(text.str(), ds.contracts_file, ds.site, diags);
  }
  ds.prices_file = (fs::path(root) / "prices.csv").string();
  if (fs::exists(ds.prices_file, ec)) {
    CsvReader prices(ds.prices_file);
    ds.has_prices = true;
    ds.prices = load_prices_csv(prices, ds.prices_file, ds.site, diags);
  }
  ds.lots_file = (fs::path(root) / "lots.csv").string();
  if (fs::exists(ds.lots_file, ec)) {
    CsvReader lots(ds.lots_file);
    ds.has_lots = true;
    ds.lots = load_lots_csv(lots, ds.lots_file, ds.site, diags);
    // Lots are settled under contracts at prices: without them they mean nothing.
    for (const auto& [present, name] :
         {std::pair{ds.has_contracts, "contracts.toml"}, std::pair{ds.has_prices, "prices.csv"}}) {
      if (!present) {
        diags.error(ds.lots_file, 0, 0, "missing-file",
                    fmt::format("lots.csv needs {} in the same folder", name), "",
                    fmt::format("a {} file", name));
      }
    }
  }
  // The cost and financial statement files, each optional.
  const auto optional_csv = [&](const char* name, bool& has, std::string& path, auto&& load_rows) {
    path = (fs::path(root) / name).string();
    if (!fs::exists(path, ec)) return;
    CsvReader reader(path);
    has = true;
    load_rows(reader, path);
  };
  optional_csv("costs.csv", ds.has_costs, ds.costs_file, [&](CsvReader& r, const std::string& f) {
    ds.costs = load_costs_csv(r, f, ds.site, diags);
    if (!ds.site.costs.present) {
      diags.error(f, 0, 0, "missing-key", "costs.csv needs a [costs] table in site.toml", "",
                  "[costs] with primary_metal and categories");
    }
  });
  optional_csv("financials.csv", ds.has_financials, ds.financials_file,
               [&](CsvReader& r, const std::string& f) {
                 ds.financials = load_financials_csv(r, f, diags);
               });
  optional_csv(
      "reported.csv", ds.has_reported, ds.reported_file,
      [&](CsvReader& r, const std::string& f) { ds.reported = load_reported_csv(r, f, diags); });
  diags.sort();
  return ds;
}

}  // namespace orebook::dataset
