// `orebook nsr`: load → read the date, month, moisture and prices asked for →
// value each concentrate under the contract in force → (one tonne of ore from
// head grades and recoveries) → the NSR tables.

#include <algorithm>

#include <fmt/format.h>

#include "orebook/dataset/dataset.h"
#include "orebook/pipeline/pipeline.h"
#include "orebook/pipeline/stages.h"
#include "orebook/report/nsr_report.h"
#include "orebook/sales/nsr.h"

namespace orebook::pipeline {

namespace {

// What the request says of every concentrate: the day the contracts must be
// in force on, the month of the average prices, moisture, price overrides.
struct Terms {
  std::optional<calendar::DayNumber> date;
  std::optional<dataset::MonthNumber> month;
  double moisture = 0.0;                              // fraction
  std::vector<std::optional<double>> override_per_t;  // per site metal
};

std::optional<Terms> read_terms(const NsrRequest& request, const dataset::Site& site,
                                core::Diagnostics& diags) {
  Terms t;
  if (!request.date.empty()) {
    const auto p = calendar::Period::parse(request.date);
    if (!p || p->kind() != calendar::PeriodKind::day) {
      diags.error("", 0, 0, "bad-period", "--date is not a day", request.date,
                  "a date such as 2012-03-15");
      return std::nullopt;
    }
    t.date = p->first();
  }
  if (!request.month.empty()) {
    const auto p = calendar::Period::parse(request.month);
    if (!p || p->kind() != calendar::PeriodKind::month) {
      diags.error("", 0, 0, "bad-period", "--month is not a month", request.month,
                  "a month such as 2012-03");
      return std::nullopt;
    }
    t.month = dataset::month_number(p->first());
  }
  if (request.moisture_pct < 0 || request.moisture_pct >= 100) {
    diags.error("", 0, 0, "moisture-out-of-range", "--moisture outside [0, 100)",
                fmt::format("{}", request.moisture_pct), "a percentage from 0 up to 100");
    return std::nullopt;
  }
  t.moisture = request.moisture_pct / 100;
  t.override_per_t.assign(site.metals.size(), std::nullopt);
  for (const PriceOverride& price : request.prices) {
    const auto metal = site.find_metal(price.metal);
    const auto unit = units::mass_unit_from_string(price.unit);
    if (!metal || !unit) {
      diags.error("", 0, 0, "bad-argument", "cannot read --price", price.text,
                  "METAL=PRICE/UNIT with a declared metal, such as Ag=31.54/oz");
      return std::nullopt;
    }
    t.override_per_t[*metal] = price.price / units::tonnes_per(*unit);
  }
  return t;
}

// A concentrate's assays: metals of site.toml in their grade unit, any other
// name a penalty element.
std::optional<sales::ConcentrateAssays> read_assays(const dataset::Site& site,
                                                    const std::vector<NamedValue>& values,
                                                    core::Diagnostics& diags) {
  sales::ConcentrateAssays assays;
  assays.metals.assign(site.metals.size(), std::nullopt);
  for (const auto& [name, value] : values) {
    const auto m = site.find_metal(name);
    if (!m) {
      assays.elements.emplace_back(name, value);
      continue;
    }
    assays.metals[*m] = units::Grade::of(value, site.metals[*m].grade_unit);
    if (assays.metals[*m]->fraction() > 1.0 || value < 0) {
      diags.error("", 0, 0, "grade-out-of-range",
                  fmt::format("assay of {} outside 0 to 100%", name), fmt::format("{}", value),
                  "a grade in " + std::string(units::to_string(site.metals[*m].grade_unit)));
      return std::nullopt;
    }
  }
  return assays;
}

std::optional<sales::ConcentrateValue> value_one(const dataset::Dataset& ds,
                                                 const NsrRequest& request, const Terms& terms,
                                                 const sales::PriceBook& book,
                                                 const ProductValues& given,
                                                 core::Diagnostics& diags) {
  const auto& site = ds.site;
  const auto product = site.find_stream(given.product);
  if (!product || site.streams[*product].role != dataset::StreamRole::concentrate) {
    diags.error("", 0, 0, "unknown-product", "--concentrate names no concentrate of site.toml",
                given.product, "a stream id with role = \"concentrate\"");
    return std::nullopt;
  }
  const terms::Contract* contract = terms::in_force(ds.contracts.rows, given.product, terms.date);
  if (contract == nullptr) {
    diags.error("", 0, 0, "no-contract",
                fmt::format("no contract for {} in contracts.toml{}", given.product,
                            terms.date ? " in force on " + request.date : ""));
    return std::nullopt;
  }
  auto assays = read_assays(site, given.values, diags);
  if (!assays) return std::nullopt;
  const auto prices =
      sales::valuation_prices(book, terms.override_per_t, terms.month, contract->currency);
  std::string why;
  auto valued =
      sales::value_concentrate(site, *product, *contract, *assays, prices, terms.moisture, why);
  if (!valued) {
    diags.error("", 0, 0, "cannot-value", fmt::format("{}: {}", given.product, why), "",
                "--month with prices in prices.csv, or --price METAL=PRICE/UNIT");
  }
  return valued;
}

// One tonne of ore: each concentrate's yield from the recovery of its main
// metal and the head grade (docs/formulas.md §3, §10).
std::optional<report::Table> ore_table(const dataset::Site& site, const NsrRequest& request,
                                       const std::vector<sales::ConcentrateValue>& valued,
                                       core::Diagnostics& diags) {
  std::vector<std::optional<units::Grade>> head(site.metals.size());
  for (const auto& [name, value] : request.head) {
    const auto m = site.find_metal(name);
    if (!m) {
      diags.error("", 0, 0, "unknown-metal", "--head names an unknown metal", name,
                  "a metal of site.toml");
      return std::nullopt;
    }
    head[*m] = units::Grade::of(value, site.metals[*m].grade_unit);
  }
  std::vector<sales::OreShare> shares;
  std::string currency;
  for (const ProductValues& given : request.recoveries) {
    const auto it = std::find_if(valued.begin(), valued.end(), [&](const auto& c) {
      return site.streams[c.product].id == given.product;
    });
    if (it == valued.end() || given.values.size() != 1) {
      diags.error("", 0, 0, "bad-argument",
                  "--recovery must name one metal of a valued --concentrate", given.text,
                  "PRODUCT:METAL=PERCENT, such as pb_con:Pb=93");
      return std::nullopt;
    }
    const auto& [name, recovery_pct] = given.values[0];
    const auto m = site.find_metal(name);
    if (!m || !head[*m] || !it->assays.metals[*m] || !(it->assays.metals[*m]->fraction() > 0)) {
      diags.error("", 0, 0, "bad-argument",
                  "--recovery needs the metal's head grade and concentrate assay", given.text,
                  "a metal given in --head and in the concentrate's assays");
      return std::nullopt;
    }
    if (!currency.empty() && currency != it->contract->currency) {
      diags.error("", 0, 0, "mixed-currency", "concentrates priced in different currencies",
                  it->contract->currency, currency);
      return std::nullopt;
    }
    currency = it->contract->currency;
    shares.push_back(sales::ore_share(static_cast<std::size_t>(it - valued.begin()), *it, *m,
                                      *head[*m], recovery_pct));
  }
  return report::ore_table(site, valued, shares, currency);
}

}  // namespace

std::optional<Outcome> nsr(const NsrRequest& request, orebook::report::Format format,
                           core::Diagnostics& diags) {
  const dataset::Dataset ds = dataset::load(request.dataset, diags);
  if (diags.has_errors()) return std::nullopt;
  const auto terms = read_terms(request, ds.site, diags);
  if (!terms) return std::nullopt;
  const sales::PriceBook book(ds.prices.rows, ds.site.currency);

  std::vector<sales::ConcentrateValue> valued;
  for (const ProductValues& given : request.concentrates) {
    auto c = value_one(ds, request, *terms, book, given, diags);
    if (!c) return std::nullopt;
    valued.push_back(std::move(*c));
  }
  if (valued.empty()) {
    diags.error("", 0, 0, "bad-argument", "nothing to value", "", "at least one --concentrate");
    return std::nullopt;
  }
  std::vector<report::Table> out;
  for (const auto& c : valued)
    out.push_back(report::concentrate_table(ds.site, c, terms->moisture));
  if (!request.head.empty() || !request.recoveries.empty()) {
    auto ore = ore_table(ds.site, request, valued, diags);
    if (!ore) return std::nullopt;
    out.push_back(std::move(*ore));
  }
  return rendered(ds, out, format);
}

}  // namespace orebook::pipeline
