#pragma once
// What a dataset folder says (docs/dataset.md): site.toml, streams.csv and the
// optional files (production, sales, contracts, prices, lots, costs,
// financials, reported;
// dataset.cpp lists them in one table), with the source line of every row kept
// so that any figure can be traced back to the cells it came from.

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "orebook/calendar/period.h"
#include "orebook/core/diagnostic.h"
#include "orebook/dataset/column_allocator.h"
#include "orebook/terms/terms.h"
#include "orebook/units/units.h"

namespace orebook::dataset {

// stock_change: the measured accumulation of a stockpile node over each
// period (dry tonnes, negative for a drawdown), e.g. from surveys.
enum class StreamRole {
  ore_mined,
  feed,
  concentrate,
  tailings,
  stockpile,
  intermediate,
  stock_change
};
std::string_view to_string(StreamRole role);
std::optional<StreamRole> stream_role_from_string(std::string_view text);

// The most digits after the point site.toml may ask for (head_grade_decimals
// and the other *_decimals keys).
inline constexpr int kMaxDecimals = 6;

struct Metal {
  std::string symbol;  // "Ag"
  std::string name;    // "Silver"
  units::GradeUnit grade_unit = units::GradeUnit::percent;
  units::MassUnit production_unit = units::MassUnit::pound;
  // Streams (concentrates) whose contained metal counts as production and
  // recovery of this metal; indices into Site::streams.
  std::vector<std::size_t> products;
  std::string recovery_label;    // empty: derived from name and products
  std::string production_label;  // empty: derived from name and products
  // Digits shown after the point, per kind of figure of this metal, as
  // site.toml sets them (0 to 6); nullopt: chosen from the figures' magnitude
  // when printed (docs/formulas.md §15, report/display.h).
  std::optional<int> head_grade_decimals;
  std::optional<int> concentrate_grade_decimals;
  std::optional<int> recovery_decimals;
  std::optional<int> production_decimals;  // production and contained metal
  std::optional<int> payable_decimals;     // payable production and payable metal sold
  std::optional<int> price_decimals;       // realized price
  // A second unit the head and concentrate grades are also shown in (g/t and
  // oz/st side by side); nullopt: only grade_unit.
  std::optional<units::GradeUnit> second_grade_unit;
};

// [display] in site.toml: digits of the site-wide figures (0 to 6); nullopt:
// chosen from the magnitude (docs/formulas.md §15).
struct DisplaySettings {
  std::optional<int> tonnes_decimals;      // ore mined and processed, concentrate and stream tonnes
  std::optional<int> throughput_decimals;  // tonnes per day and per operating day
};

// The data files of a dataset, by name without ".csv": each may be a CSV
// file or a sheet of a workbook (docs/dataset.md, "Workbooks").
inline constexpr std::string_view kTableFiles[] = {
    "streams", "production", "sales", "prices", "lots", "costs", "financials", "reported"};

// [files] in site.toml: a data file read from a sheet of a workbook instead
// of its CSV file, `streams = "mill.xlsx#Mill"`.
struct WorkbookFile {
  std::string key;                     // of kTableFiles: "streams"
  std::string workbook;                // the workbook, relative to the dataset folder
  std::string sheet;                   // empty: the first sheet
  std::uint32_t line = 0, column = 0;  // of the value in site.toml
};

// The default uncertainty of a measurement: relative (0.01 for "1%") or
// absolute in the column's units.
struct Uncertainty {
  double value = 0.0;
  bool relative = true;
  // The standard deviation of a measured value `v`.
  double of(double v) const { return relative ? value * std::abs(v) : value; }
};

struct Stream {
  std::string id;
  std::string label;
  StreamRole role = StreamRole::intermediate;
  // Place in the flowsheet: node ids of [[nodes]], or "env" for outside the
  // plant; both empty when the stream is not part of the flowsheet.
  std::string from, to;
  // Default uncertainties ([[streams]] sd = { dry_t = "1%", Pb_pct = "2%" }).
  std::optional<Uncertainty> dry_t_sd;
  std::vector<std::optional<Uncertainty>> assay_sd;  // indexed like Site::metals
  std::uint32_t line = 0, column = 0;                // of the [[streams]] table
};

// A node of the flowsheet ([[nodes]] in site.toml): a process unit that
// neither makes nor holds mass, or a stockpile (bin, pad, thickener) whose
// stock change over a period closes its balance.
struct Node {
  std::string id;
  bool stockpile = false;
  // The stock_change stream measuring its accumulation; nullopt: unmeasured.
  std::optional<std::size_t> stock_change;
  std::uint32_t line = 0, column = 0;
};

// [balance] in site.toml: options of `orebook balance`.
struct BalanceSettings {
  double alpha = 0.05;
  bool eliminate = false;
};

// The buckets of the cash cost and all-in cost standards that costs.csv
// categories map to (docs/formulas.md §12, §13).
enum class CostBucket {
  mining,
  milling,
  site_ga,
  transport,
  treatment_refining,
  royalties,
  production_taxes,
  inventory_change,
  depreciation,
  sustaining_capital,
  corporate_ga,
  reclamation,
  sustaining_exploration,
  sustaining_leases,
  non_sustaining,
  other_segments,
};
inline constexpr std::size_t kCostBuckets = 16;
std::string_view to_string(CostBucket b);
std::optional<CostBucket> cost_bucket_from_string(std::string_view text);

struct CostSettings {
  bool present = false;           // site.toml has a [costs] table
  std::size_t primary_metal = 0;  // the metal costs are expressed per payable unit of
  bool per_unit_sold = false;     // payable units sold rather than produced
  std::vector<std::pair<std::string, CostBucket>> categories;  // costs.csv category → bucket
  // Buckets that make up IFRS cost of sales of the mining segment.
  std::vector<CostBucket> cost_of_sales;
  std::string mining_segment = "mining";  // financials.csv segment reconciled
};

// [[equivalents]] in site.toml: production of several metals expressed as one
// metal, e.g. silver-equivalent ounces (docs/formulas.md §19):
// Σ_m q_m × f_m × P_m ÷ (f_base × P_base) over the contributing metals m.
struct Equivalent {
  enum class Basis {
    fixed,    // prices (or price ratios) the site sets, each set in force from a date
    realized  // each period's realized prices (sales.csv)
  };
  // A set of fixed prices, in force from `from` until the next set's `from`.
  struct Prices {
    calendar::DayNumber from = 0;
    // Per Site::metals, per the metal's production unit, all in one currency
    // (only their ratios matter); nullopt for metals that do not contribute.
    std::vector<std::optional<double>> price;
    std::uint32_t line = 0;
  };
  std::string label;     // "AgEq": the report key production.equivalent.AgEq
  std::size_t base = 0;  // the metal it is expressed in (index into Site::metals)
  Basis basis = Basis::fixed;
  std::vector<std::size_t> metals;  // contributing metals, the base among them, in site order
  // Per Site::metals: the recovery or payability the site's definition
  // applies to each metal's production; 1 unless given.
  std::vector<double> factor;
  std::vector<Prices> prices;          // fixed basis: ascending by `from`
  std::uint32_t line = 0, column = 0;  // of the [[equivalents]] table
};

struct Site {
  std::string name;
  std::string currency;  // reporting currency, e.g. "CAD"
  // [site] fiscal_year_end = "06-30": the year FY2020, FY2020Q1 ... are
  // counted in; none when the site reports by calendar year only.
  std::optional<calendar::FiscalYear> fiscal_year;
  std::vector<Metal> metals;
  std::vector<Stream> streams;
  std::vector<Node> nodes;  // the flowsheet; empty when none is described
  BalanceSettings balance;
  CostSettings costs;
  DisplaySettings display;
  std::vector<WorkbookFile> files;  // [files], in the order of kTableFiles
  // [[guidance]]: annual production guidance ranges, per year and metal, in
  // the metal's production unit.
  struct Guidance {
    int year = 0;
    std::size_t metal = 0;
    double low = 0.0, high = 0.0;
    std::uint32_t line = 0;  // of its [[guidance]] table in site.toml
  };
  std::vector<Guidance> guidance;
  std::vector<Equivalent> equivalents;  // [[equivalents]], in file order
  // [highlights] in site.toml: sentence templates replacing the defaults.
  std::vector<std::pair<std::string, std::string>> highlight_templates;

  std::optional<std::size_t> find_metal(std::string_view symbol) const;
  std::optional<std::size_t> find_stream(std::string_view id) const;
  std::optional<std::size_t> find_node(std::string_view id) const;
};

// streams.csv held by column: ten million rows take about 48 bytes each.
struct StreamTable {
  std::string file;
  std::size_t metal_count = 0;
  Column<calendar::DayNumber> first;  // first day of the row's period
  Column<calendar::DayNumber> last;   // last day of the row's period
  Column<std::uint32_t> stream;       // index into Site::streams
  Column<std::uint32_t> line;         // line in streams.csv
  Column<double> dry_t;               // dry metric tonnes
  // Row-major, rows × metal_count, as mass fractions; NaN where not assayed.
  Column<double> assay;
  // Operating days of the row's period; NaN where not given. Empty when the
  // file has no operating_days column.
  Column<double> operating_days;
  // Column (1-based) of each metal's assay in the header; 0 when absent.
  std::vector<std::uint32_t> assay_column;
  // Per-row uncertainties (dry_t_sd, <Metal>_<unit>_sd columns): absolute, in
  // the column's units, assays as mass fractions; NaN where not given. Empty
  // when the file has no such column.
  Column<double> dry_t_sd;
  Column<double> assay_sd;  // rows × metal_count
  // Digits after the decimal point as the cells print them, rows × (1 +
  // metal_count): the dry tonnes, then each metal's assay (kUnknownDigits
  // where not assayed or written with an exponent). A figure printed to d
  // decimals is known to ± half a unit of its last digit, which is how far a
  // figure entered directly may differ from one computed from these
  // (docs/formulas.md §3).
  Column<std::uint8_t> digits;
  // Mass fraction per unit of each metal's assay column (0.01 for Ag_pct).
  std::vector<double> assay_fraction_per_unit;

  std::size_t size() const { return dry_t.size(); }
  double assay_at(std::size_t row, std::size_t metal) const {
    return assay[row * metal_count + metal];
  }
};

struct SaleRow {
  calendar::Period period;
  std::size_t metal = 0;
  // Payable metal sold; nullopt when the row gives a realized price without
  // the quantity (releases often print prices without volumes).
  std::optional<units::Mass> payable;
  double price = 0.0;  // realized price per `price_unit` in `currency`
  units::MassUnit price_unit = units::MassUnit::troy_ounce;
  std::string currency;
  std::uint32_t line = 0;
};

// production.csv: metal produced, entered directly (from the assay laboratory
// or the smelter) where tonnes × grade of the concentrates is not known or
// not as exact as the figure a release prints (docs/dataset.md).
struct ProductionRow {
  calendar::Period period;
  std::size_t metal = 0;
  // The concentrate (index into Site::streams) the metal was produced in;
  // nullopt for the metal's production in all its products together.
  std::optional<std::size_t> product;
  double value = 0.0;  // as printed, in `unit` × `multiple`
  units::ScaledMassUnit unit;
  std::uint8_t decimals = 0;  // digits printed after the point (kUnknownDigits: exponent form)
  std::uint32_t line = 0;

  units::Mass produced() const { return units::Mass::of(value * unit.multiple, unit.unit); }
};

// A month as a number: year × 12 + (month − 1).
using MonthNumber = std::int32_t;
MonthNumber month_number(calendar::DayNumber day);
std::string format_month(MonthNumber month);  // "2012-03"

enum class PriceKind { average, forward, fx };

// prices.csv: monthly average and month-end forward prices of metals, and
// monthly average exchange rates to the reporting currency.
struct PriceRow {
  PriceKind kind = PriceKind::average;
  MonthNumber month = 0;
  std::size_t metal = 0;  // average, forward
  double per_t = 0.0;     // average, forward: price per tonne of metal in `currency`
  double rate = 0.0;      // fx: reporting currency per one unit of `currency`
  std::string currency;
  std::uint32_t line = 0;
};

// One weighing and assaying of a lot: at shipment (provisional) or at final
// settlement (final).
struct LotMeasure {
  calendar::DayNumber date = 0;  // shipment date, or final settlement date
  double wet_t = 0.0;
  double moisture = 0.0;                                 // fraction, in [0, 1)
  std::vector<std::optional<units::Grade>> metals;       // indexed like Site::metals
  std::vector<std::pair<std::string, double>> elements;  // penalty elements, as lots.csv gives them
  std::uint32_t line = 0;
};

// lots.csv: concentrate shipments.
struct Lot {
  std::string id;
  std::size_t product = 0;   // index into Site::streams
  std::string counterparty;  // empty: the product's only counterparty
  std::optional<calendar::DayNumber> arrived;
  LotMeasure provisional;
  std::optional<LotMeasure> final;
};

// costs.csv: one amount per period and category.
struct CostRow {
  calendar::Period period;
  CostBucket bucket = CostBucket::mining;
  std::string category;
  double amount = 0.0;
  std::string currency;
  std::uint32_t line = 0;
};

// financials.csv: financial statement lines per period (or at a date for
// balance items) and segment.
struct FinancialRow {
  calendar::Period period;
  std::string segment;  // empty: the company as a whole
  std::string line;     // revenue, cost_of_sales, net_income, cash ...
  double amount = 0.0;  // in the reporting currency (per share for eps_* lines)
  std::uint32_t row = 0;
};

// The keys reported.csv may give: the figures a report shows as published
// elsewhere, marked (r), where orebook cannot compute them (the costs per
// payable unit of report/results_report.cpp, unit_costs). The one list: the
// report reads its keys from here and the loader rejects any other.
namespace reported_key {
inline constexpr std::string_view cash_cost_per_unit = "costs.cash_cost_per_unit";
inline constexpr std::string_view co_product_per_unit = "costs.co_product_per_unit";
inline constexpr std::string_view total_production_cost_per_unit =
    "costs.total_production_cost_per_unit";
inline constexpr std::string_view aisc_per_unit = "costs.aisc_per_unit";
inline constexpr std::string_view aic_per_unit = "costs.aic_per_unit";
}  // namespace reported_key
inline constexpr std::string_view kReportedKeys[] = {
    reported_key::cash_cost_per_unit, reported_key::co_product_per_unit,
    reported_key::total_production_cost_per_unit, reported_key::aisc_per_unit,
    reported_key::aic_per_unit};

// reported.csv: figures published elsewhere that orebook cannot derive.
struct ReportedRow {
  calendar::Period period;
  std::string key;  // a report key, e.g. costs.cash_cost_per_unit
  double value = 0.0;
  std::string unit;      // as written: "US$/oz"
  std::string currency;  // ISO 4217, read from the unit ("US$" is USD; "$" the reporting currency)
  units::MassUnit per = units::MassUnit::troy_ounce;  // the unit a cost is per
  std::uint32_t line = 0;
};

// What one file of the dataset folder gave: its path (set whether or not the
// file is there, for messages), whether it is there, and its rows. Every file
// but site.toml and streams.csv is optional; an absent one leaves the figures
// that need it unknown.
struct FileState {
  std::string file;
  bool present = false;
};
template <class Rows>
struct Source : FileState {
  Rows rows{};
};

// Where a data file that was loaded came from: its name as FileState::file
// and diagnostics give it ("…/streams.csv", or "plant.xlsx#Mill" for a sheet
// [files] names), the file read, and the sheet of a workbook.
struct DataFile {
  std::string name;
  std::string path;       // the CSV file or the workbook
  bool workbook = false;  // `path` is an .xlsx workbook
  std::string sheet;      // of the workbook; empty: its first sheet
};

struct Dataset {
  std::string root;  // the dataset folder as given
  Site site;
  StreamTable streams;  // streams.csv, required
  Source<std::vector<ProductionRow>> production;
  Source<std::vector<SaleRow>> sales;
  Source<std::vector<terms::Contract>> contracts;  // sorted by product, counterparty, valid_from
  Source<std::vector<PriceRow>> prices;
  Source<std::vector<Lot>> lots;  // in the order of their first row
  Source<std::vector<CostRow>> costs;
  Source<std::vector<FinancialRow>> financials;
  Source<std::vector<ReportedRow>> reported;
  // Every file of the folder that was read, in the order read.
  std::vector<std::string> files_read;
  // Every data file read as rows (CSV or sheet), in the order read.
  std::vector<DataFile> data_files;
};

// Loads and validates a dataset folder: site.toml, then every file of the
// table in dataset.cpp that is there. Every problem found goes to `diags`; the
// returned Dataset is usable only when diags has no errors.
Dataset load(const std::string& root, core::Diagnostics& diags);

// The pieces, exposed for tests that write inputs inline.
Site load_site_toml(std::string_view text, const std::string& file, core::Diagnostics& diags);
StreamTable load_streams_csv(class CsvReader& reader, const std::string& file, const Site& site,
                             core::Diagnostics& diags);
std::vector<SaleRow> load_sales_csv(class CsvReader& reader, const std::string& file,
                                    const Site& site, core::Diagnostics& diags);
std::vector<ProductionRow> load_production_csv(class CsvReader& reader, const std::string& file,
                                               const Site& site, core::Diagnostics& diags);

std::vector<terms::Contract> load_contracts_toml(std::string_view text, const std::string& file,
                                                 const Site& site, core::Diagnostics& diags);
std::vector<PriceRow> load_prices_csv(class CsvReader& reader, const std::string& file,
                                      const Site& site, core::Diagnostics& diags);
std::vector<CostRow> load_costs_csv(class CsvReader& reader, const std::string& file,
                                    const Site& site, core::Diagnostics& diags);
std::vector<FinancialRow> load_financials_csv(class CsvReader& reader, const std::string& file,
                                              core::Diagnostics& diags);
// `reporting_currency` is what a unit of "$/oz" is in.
std::vector<ReportedRow> load_reported_csv(class CsvReader& reader, const std::string& file,
                                           const std::string& reporting_currency,
                                           core::Diagnostics& diags);
// The financial statement lines financials.csv knows.
inline constexpr std::string_view kFinancialLines[] = {"revenue",
                                                       "cost_of_sales",
                                                       "income_before_taxes",
                                                       "net_income",
                                                       "total_comprehensive_income",
                                                       "operating_cash_flow",
                                                       "eps_basic",
                                                       "eps_diluted",
                                                       "weighted_average_shares_basic",
                                                       "weighted_average_shares_diluted",
                                                       "cash",
                                                       "working_capital"};
std::vector<Lot> load_lots_csv(class CsvReader& reader, const std::string& file, const Site& site,
                               core::Diagnostics& diags);

// The SHA-256 of rows of a data file the dataset read (`name` as
// FileState::file gives it), for each line of `lines` (ascending) that holds a
// record: what the ledger keeps of every row a closed figure used
// (docs/design.md, "The ledger"). The hash is of the record's fields as
// read, each as its length, ':' and its bytes, so a row hashes the same
// whether its file quotes a field or not, and a changed cell changes it.
// Empty when the file is not one the dataset read or cannot be read again.
std::vector<std::pair<std::uint32_t, std::string>> row_hashes(
    const Dataset& ds, const std::string& name, const std::vector<std::uint32_t>& lines);

// Parses a finite decimal number ("21395", "11.3", "-4e3"); surrounding spaces
// allowed, thousands separators not.
std::optional<double> parse_number(std::string_view text);
// The same, with the digits printed after the decimal point ("11.30" → 2,
// "21395" → 0): a figure printed to d decimals is known to ± half a unit of
// its last digit. kUnknownDigits for an exponent form or no number.
inline constexpr std::uint8_t kUnknownDigits = 255;
std::optional<double> parse_number(std::string_view text, std::uint8_t& decimals);

}  // namespace orebook::dataset
