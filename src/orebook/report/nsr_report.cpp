#include "orebook/report/nsr_report.h"

#include <fmt/format.h>

#include "orebook/report/format.h"

namespace orebook::report {

Table concentrate_table(const dataset::Site& site, const sales::ConcentrateValue& c,
                        double moisture) {
  const terms::Contract& k = *c.contract;
  const std::string cur = currency_prefix(k.currency);
  const std::string prefix = amount_prefix(k.currency);
  Table t;
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
      // Under the penalties: a level deeper (the text indents it, HTML and
      // workbooks nest it), not spaces in the label.
      t.add({key + "penalty." + p.element,
             fmt::format("of which {} at {}", p.element, p.assay),
             k.currency,
             4,
             prefix,
             {p.amount}},
            2);
    }
  }
  return t;
}

Table ore_table(const dataset::Site& site, const std::vector<sales::ConcentrateValue>& valued,
                const std::vector<sales::OreShare>& shares, const std::string& currency) {
  Table ore;
  ore.site = site.name;
  ore.show_change = false;
  ore.title = "NSR of one tonne of ore";
  ore.periods = {"per t of ore"};
  const std::string prefix = amount_prefix(currency);
  double total = 0.0;
  for (const sales::OreShare& s : shares) {
    const auto& product = site.streams[valued[s.concentrate].product];
    ore.heading(product.label + ":");
    ore.add({"nsr.ore." + product.id + ".yield",
             fmt::format("Concentrate per tonne of ore (t), from {} {}% recovery",
                         site.metals[s.metal].name, format_fixed(s.recovery_pct, 1)),
             "t",
             5,
             "",
             {s.yield}},
            1);
    ore.add({"nsr.ore." + product.id + ".nsr",
             fmt::format("NSR ({} per t of ore)", currency_prefix(currency)),
             currency,
             4,
             prefix,
             {s.nsr}},
            1);
    total += s.nsr;
  }
  ore.add({"nsr.ore.total",
           fmt::format("NSR per tonne of ore ({})", currency_prefix(currency)),
           currency,
           4,
           prefix,
           {total}});
  return ore;
}

}  // namespace orebook::report
