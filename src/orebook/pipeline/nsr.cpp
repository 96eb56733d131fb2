// `orebook nsr`: the value of a tonne of concentrate, and of a tonne of ore,
// step by step (shared/docs/domain.md §5).

#include <fmt/format.h>

#include "orebook/dataset/dataset.h"
#include "orebook/pipeline/pipeline.h"
#include "orebook/report/format.h"
#include "orebook/sales/formulas.h"
#include "orebook/sales/settlement.h"
#include "orebook/sales/valuation.h"

namespace orebook {

namespace {

using Assignments = std::vector<std::pair<std::string, double>>;

// Reads "Ag=4965,Pb=63"; reports what does not read.
std::optional<Assignments> parse_assignments(std::string_view text, std::string_view option,
                                             core::Diagnostics& diags) {
  Assignments out;
  while (!text.empty()) {
    const auto comma = text.find(',');
    const std::string_view item = text.substr(0, comma);
    text = comma == std::string_view::npos ? std::string_view{} : text.substr(comma + 1);
    const auto eq = item.find('=');
    const auto value =
        eq == std::string_view::npos ? std::nullopt : dataset::parse_number(item.substr(eq + 1));
    if (!value || eq == 0) {
      diags.error("", 0, 0, "bad-argument", fmt::format("cannot read {}", option),
                  std::string(item),
                  "NAME=NUMBER pairs separated by commas, such as Ag=4965,Pb=63");
      return std::nullopt;
    }
    out.emplace_back(std::string(item.substr(0, eq)), *value);
  }
  return out;
}

// Splits "pb_con:Ag=4965,Pb=63" into the product and its assignments.
std::optional<std::pair<std::string, Assignments>> parse_product(std::string_view text,
                                                                 std::string_view option,
                                                                 core::Diagnostics& diags) {
  const auto colon = text.find(':');
  if (colon == std::string_view::npos || colon == 0) {
    diags.error("", 0, 0, "bad-argument", fmt::format("cannot read {}", option), std::string(text),
                "PRODUCT:NAME=NUMBER,..., such as pb_con:Ag=4965,Pb=63");
    return std::nullopt;
  }
  auto values = parse_assignments(text.substr(colon + 1), option, diags);
  if (!values) return std::nullopt;
  return std::pair{std::string(text.substr(0, colon)), *values};
}

struct Concentrate {
  std::size_t product = 0;
  const terms::Contract* contract = nullptr;
  sales::ConcentrateAssays assays;
  sales::Valuation value;
};

report::Table concentrate_table(const dataset::Dataset& ds, const Concentrate& c, double moisture) {
  const auto& site = ds.site;
  const terms::Contract& k = *c.contract;
  const std::string cur = report::currency_prefix(k.currency);
  const std::string prefix = report::amount_prefix(k.currency);
  report::Table t;
  t.site = site.name;
  t.show_change = false;
  t.title = fmt::format("NSR of one dry tonne of {}: {} (contract from {}), prices in {}",
                        site.streams[c.product].label, k.counterparty,
                        calendar::format_date(k.valid_from), k.currency);
  t.periods = {"per dmt"};
  const std::string key = "nsr." + site.streams[c.product].id + ".";
  for (const sales::MetalValue& mv : c.value.metals) {
    const auto& metal = site.metals[mv.metal];
    const std::string unit(units::to_string(metal.production_unit));
    const std::string gu(units::to_string(metal.grade_unit));
    t.heading(metal.name + ":");
    const std::string in_unit = gu == "%" ? "" : " (" + gu + ")";  // % prints with the value
    t.add({key + "grade." + metal.symbol,
           "Assay" + in_unit,
           gu,
           2,
           "",
           {mv.grade.in(metal.grade_unit)}},
          1);
    t.add({key + "payable_grade." + metal.symbol,
           "Payable" + in_unit,
           gu,
           2,
           "",
           {mv.payable_grade.in(metal.grade_unit)}},
          1);
    t.add({key + "payable." + metal.symbol,
           "Payable metal (" + unit + ")",
           unit,
           4,
           "",
           {mv.payable.in(metal.production_unit)}},
          1);
    t.add({key + "price." + metal.symbol,
           fmt::format("Price ({} per {})", cur, unit),
           k.currency + "/" + unit,
           4,
           prefix,
           {mv.price_per_t * units::tonnes_per(metal.production_unit)}},
          1);
    t.add({key + "value." + metal.symbol,
           fmt::format("Value ({})", cur),
           k.currency,
           4,
           prefix,
           {mv.value}},
          1);
  }
  t.heading(fmt::format("Per dry tonne ({}):", cur));
  const std::pair<const char*, double> lines[] = {{"gross", c.value.gross_value},
                                                  {"tc", c.value.treatment_charge},
                                                  {"rc", c.value.refining_charge},
                                                  {"penalties", c.value.penalty_total},
                                                  {"niv", c.value.niv},
                                                  {"freight", c.value.freight},
                                                  {"insurance", c.value.insurance},
                                                  {"nsr", c.value.nsr}};
  const char* labels[] = {"Gross value of payable metal",
                          "Treatment charge",
                          "Refining charge",
                          "Penalties",
                          "Net invoice value",
                          "Freight",
                          "Insurance",
                          "Net smelter return"};
  for (std::size_t i = 0; i < std::size(lines); ++i) {
    if (std::string_view(lines[i].first) == "freight") {
      t.add({key + "moisture", "Moisture", "%", 1, "", {moisture * 100}}, 1);
    }
    t.add({key + lines[i].first, labels[i], k.currency, 4, prefix, {lines[i].second}}, 1);
    if (std::string_view(lines[i].first) != "penalties") continue;
    for (const auto& p : c.value.penalties) {
      t.add({key + "penalty." + p.element,
             fmt::format("  of which {} at {}", p.element, p.assay),
             k.currency,
             4,
             prefix,
             {p.amount}},
            1);
    }
  }
  return t;
}

}  // namespace

std::optional<std::vector<report::Table>> nsr(const NsrRequest& request, core::Diagnostics& diags) {
  const dataset::Dataset ds = dataset::load(request.dataset, diags);
  if (diags.has_errors()) return std::nullopt;
  const auto& site = ds.site;
  std::optional<calendar::DayNumber> date;
  if (!request.date.empty()) {
    const auto p = calendar::Period::parse(request.date);
    if (!p || p->kind() != calendar::PeriodKind::day) {
      diags.error("", 0, 0, "bad-period", "--date is not a day", request.date,
                  "a date such as 2012-03-15");
      return std::nullopt;
    }
    date = p->first();
  }
  std::optional<dataset::MonthNumber> month;
  if (!request.month.empty()) {
    const auto p = calendar::Period::parse(request.month);
    if (!p || p->kind() != calendar::PeriodKind::month) {
      diags.error("", 0, 0, "bad-period", "--month is not a month", request.month,
                  "a month such as 2012-03");
      return std::nullopt;
    }
    month = dataset::month_number(p->first());
  }
  if (request.moisture_pct < 0 || request.moisture_pct >= 100) {
    diags.error("", 0, 0, "moisture-out-of-range", "--moisture outside [0, 100)",
                fmt::format("{}", request.moisture_pct), "a percentage from 0 up to 100");
    return std::nullopt;
  }
  const double moisture = request.moisture_pct / 100;
  // Price overrides: "Ag=31.54/oz".
  std::vector<std::optional<double>> override_per_t(site.metals.size());
  for (const std::string& text : request.prices) {
    const auto eq = text.find('='), slash = text.find('/');
    const auto metal = eq == std::string::npos ? std::nullopt : site.find_metal(text.substr(0, eq));
    const auto value =
        (eq == std::string::npos || slash == std::string::npos || slash < eq)
            ? std::nullopt
            : dataset::parse_number(std::string_view(text).substr(eq + 1, slash - eq - 1));
    const auto unit = slash == std::string::npos
                          ? std::nullopt
                          : units::mass_unit_from_string(text.substr(slash + 1));
    if (!metal || !value || !unit) {
      diags.error("", 0, 0, "bad-argument", "cannot read --price", text,
                  "METAL=PRICE/UNIT with a declared metal, such as Ag=31.54/oz");
      return std::nullopt;
    }
    override_per_t[*metal] = *value / units::tonnes_per(*unit);
  }
  const sales::PriceBook book(ds.prices, site.currency);

  std::vector<Concentrate> concentrates;
  for (const std::string& text : request.concentrates) {
    const auto parsed = parse_product(text, "--concentrate", diags);
    if (!parsed) return std::nullopt;
    Concentrate c;
    const auto product = site.find_stream(parsed->first);
    if (!product || site.streams[*product].role != dataset::StreamRole::concentrate) {
      diags.error("", 0, 0, "unknown-product", "--concentrate names no concentrate of site.toml",
                  parsed->first, "a stream id with role = \"concentrate\"");
      return std::nullopt;
    }
    c.product = *product;
    for (const terms::Contract& k : ds.contracts) {
      if (k.product != parsed->first || (date && k.valid_from > *date)) continue;
      if (c.contract == nullptr || k.valid_from > c.contract->valid_from) c.contract = &k;
    }
    if (c.contract == nullptr) {
      diags.error("", 0, 0, "no-contract",
                  fmt::format("no contract for {} in contracts.toml{}", parsed->first,
                              date ? " in force on " + request.date : ""));
      return std::nullopt;
    }
    c.assays.metals.assign(site.metals.size(), std::nullopt);
    for (const auto& [name, value] : parsed->second) {
      if (const auto m = site.find_metal(name)) {
        c.assays.metals[*m] = units::Grade::of(value, site.metals[*m].grade_unit);
        if (c.assays.metals[*m]->fraction() > 1.0 || value < 0) {
          diags.error("", 0, 0, "grade-out-of-range",
                      fmt::format("assay of {} outside 0 to 100%", name), fmt::format("{}", value),
                      "a grade in " + std::string(units::to_string(site.metals[*m].grade_unit)));
          return std::nullopt;
        }
      } else {
        c.assays.elements.emplace_back(name, value);
      }
    }
    std::vector<std::optional<double>> prices(site.metals.size());
    for (std::size_t m = 0; m < site.metals.size(); ++m) {
      prices[m] = override_per_t[m];
      if (!prices[m] && month) prices[m] = book.average(m, c.contract->currency, *month);
    }
    std::string why;
    const auto v = sales::value_per_dmt(
        *c.contract, c.assays, prices, moisture,
        [&] {
          std::vector<std::string> s;
          for (const auto& m : site.metals) s.push_back(m.symbol);
          return s;
        }(),
        why);
    if (!v) {
      diags.error("", 0, 0, "cannot-value", fmt::format("{}: {}", parsed->first, why), "",
                  "--month with prices in prices.csv, or --price METAL=PRICE/UNIT");
      return std::nullopt;
    }
    c.value = *v;
    concentrates.push_back(std::move(c));
  }
  if (concentrates.empty()) {
    diags.error("", 0, 0, "bad-argument", "nothing to value", "", "at least one --concentrate");
    return std::nullopt;
  }
  std::vector<report::Table> out;
  for (const Concentrate& c : concentrates) out.push_back(concentrate_table(ds, c, moisture));

  if (request.head.empty() && request.recoveries.empty()) return out;
  // One tonne of ore: each concentrate's yield from the recovery of its main
  // metal, yield = head × recovery ÷ concentrate grade; NSR per tonne of ore =
  // Σ yield × NSR per dmt (domain.md §3, §5).
  const auto head = parse_assignments(request.head, "--head", diags);
  if (!head) return std::nullopt;
  std::vector<std::optional<units::Grade>> head_grade(site.metals.size());
  for (const auto& [name, value] : *head) {
    const auto m = site.find_metal(name);
    if (!m) {
      diags.error("", 0, 0, "unknown-metal", "--head names an unknown metal", name,
                  "a metal of site.toml");
      return std::nullopt;
    }
    head_grade[*m] = units::Grade::of(value, site.metals[*m].grade_unit);
  }
  report::Table ore;
  ore.site = site.name;
  ore.show_change = false;
  ore.title = "NSR of one tonne of ore";
  ore.periods = {"per t of ore"};
  double total = 0.0;
  std::string currency;
  for (const std::string& text : request.recoveries) {
    const auto parsed = parse_product(text, "--recovery", diags);
    if (!parsed) return std::nullopt;
    const auto it = std::find_if(
        concentrates.begin(), concentrates.end(),
        [&](const Concentrate& c) { return site.streams[c.product].id == parsed->first; });
    if (it == concentrates.end() || parsed->second.size() != 1) {
      diags.error("", 0, 0, "bad-argument",
                  "--recovery must name one metal of a valued --concentrate", text,
                  "PRODUCT:METAL=PERCENT, such as pb_con:Pb=93");
      return std::nullopt;
    }
    const auto& [name, recovery_pct] = parsed->second[0];
    const auto m = site.find_metal(name);
    if (!m || !head_grade[*m] || !it->assays.metals[*m] ||
        !(it->assays.metals[*m]->fraction() > 0)) {
      diags.error("", 0, 0, "bad-argument",
                  "--recovery needs the metal's head grade and concentrate assay", text,
                  "a metal given in --head and in the concentrate's assays");
      return std::nullopt;
    }
    if (!currency.empty() && currency != it->contract->currency) {
      diags.error("", 0, 0, "mixed-currency", "concentrates priced in different currencies",
                  it->contract->currency, currency);
      return std::nullopt;
    }
    currency = it->contract->currency;
    const double yield =
        head_grade[*m]->fraction() * recovery_pct / 100 / it->assays.metals[*m]->fraction();
    const std::string id = site.streams[it->product].id;
    const std::string prefix = report::amount_prefix(currency);
    ore.heading(site.streams[it->product].label + ":");
    ore.add({"nsr.ore." + id + ".yield",
             fmt::format("Concentrate per tonne of ore (t), from {} {}% recovery",
                         site.metals[*m].name, report::format_fixed(recovery_pct, 1)),
             "t",
             5,
             "",
             {yield}},
            1);
    ore.add({"nsr.ore." + id + ".nsr",
             fmt::format("NSR ({} per t of ore)", report::currency_prefix(currency)),
             currency,
             4,
             prefix,
             {yield * it->value.nsr}},
            1);
    total += yield * it->value.nsr;
  }
  ore.add({"nsr.ore.total",
           fmt::format("NSR per tonne of ore ({})", report::currency_prefix(currency)),
           currency,
           4,
           report::amount_prefix(currency),
           {total}});
  out.push_back(std::move(ore));
  return out;
}

}  // namespace orebook
