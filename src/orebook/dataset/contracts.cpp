// contracts.toml: smelter terms per concentrate and counterparty (docs/dataset.md).

#include <algorithm>
#include <cmath>
#include <limits>

#include <fmt/format.h>

#include "orebook/dataset/dataset.h"
#include "orebook/dataset/toml_reader.h"

namespace orebook::dataset {

namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

// A deduction given as units (1 unit = 1% of a dmt), %, g/t, ppm or oz/dmt.
std::optional<units::Grade> deduction_grade(double value, std::string_view unit) {
  if (unit == "units" || unit == "%") return units::Grade::of(value, units::GradeUnit::percent);
  if (unit == "g/t") return units::Grade::of(value, units::GradeUnit::grams_per_tonne);
  if (unit == "ppm") return units::Grade::of(value, units::GradeUnit::ppm);
  // Troy ounces per dry metric tonne: 31.1034768 g/t each.
  if (unit == "oz/dmt") {
    return units::Grade::of(value * units::kGramsPerTroyOunce, units::GradeUnit::grams_per_tonne);
  }
  return std::nullopt;
}

std::optional<std::size_t> metal_of(TableReader& r, const toml::table& t, const Site& site,
                                    std::string_view key = "metal") {
  const auto symbol = r.string(key, true);
  if (!symbol) return std::nullopt;
  const auto m = site.find_metal(*symbol);
  if (!m) {
    r.error(t.get(key)->source(), "unknown-metal", fmt::format("unknown metal in {}", r.name()),
            *symbol, "a metal symbol declared in site.toml");
  }
  return m;
}

// Reads escalator (above the basis, ascending) or de-escalator (below it,
// descending) tiers; an open end runs to the next tier or to infinity / zero.
std::vector<terms::PriceTier> read_tiers(const toml::table& tc, std::string_view key, bool above,
                                         double basis, const std::string& where,
                                         const std::string& file, core::Diagnostics& diags) {
  std::vector<terms::PriceTier> tiers;
  std::vector<toml::source_region> at;
  for_each_table(tc, key, file, diags, [&](const toml::table& t, std::size_t i) {
    TableReader r(t, file, diags, fmt::format("{} {} tier {}", where, key, i + 1));
    r.allow_only({"from", "to", "rate"});
    terms::PriceTier tier;
    constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
    // The first escalator starts at the basis price and the first de-escalator
    // ends there; later tiers say where they start (end); the far end runs to
    // the next tier, or to infinity (zero).
    const bool first = tiers.empty();
    const auto from = r.number("from", above && !first, 0);
    const auto to = r.number("to", !above && !first, 0);
    tier.from = from ? *from : above ? (first ? basis : kNaN) : kNaN;
    tier.to = to ? *to : above ? kNaN : (first ? basis : kNaN);
    tier.rate = r.number("rate", true).value_or(0.0);
    tiers.push_back(tier);
    at.push_back(t.source());
  });
  // Open ends: an escalator runs to the next tier's start (or forever); a
  // de-escalator runs down to the next tier's top (or zero).
  for (std::size_t i = 0; i < tiers.size(); ++i) {
    if (above && std::isnan(tiers[i].to))
      tiers[i].to = i + 1 < tiers.size() ? tiers[i + 1].from : kInf;
    if (!above && std::isnan(tiers[i].from))
      tiers[i].from = i + 1 < tiers.size() ? tiers[i + 1].to : 0.0;
  }
  auto bad = [&](std::size_t i, std::string code, std::string message, std::string expected) {
    diags.error(file, static_cast<std::uint32_t>(at[i].begin.line),
                static_cast<std::uint32_t>(at[i].begin.column), std::move(code),
                fmt::format("{}: {} tier {} {}", where, key, i + 1, message),
                fmt::format("{} to {}", tiers[i].from, tiers[i].to), std::move(expected));
  };
  for (std::size_t i = 0; i < tiers.size(); ++i) {
    const auto& t = tiers[i];
    if (!(t.from < t.to)) {
      bad(i, "bad-tier", "is empty or reversed", "a band whose 'from' is below its 'to'");
    } else if (above && t.from < basis) {
      bad(i, "bad-tier", "starts below the basis price", fmt::format("a band above {}", basis));
    } else if (!above && t.to > basis) {
      bad(i, "bad-tier", "ends above the basis price", fmt::format("a band below {}", basis));
    } else if (i > 0 && above && t.from < tiers[i - 1].from) {
      bad(i, "unordered-tiers", "comes before the tier above it",
          "escalator tiers listed upwards from the basis price");
    } else if (i > 0 && !above && t.to > tiers[i - 1].to) {
      bad(i, "unordered-tiers", "comes after the tier below it",
          "de-escalator tiers listed downwards from the basis price");
    } else if (i > 0 && above && t.from < tiers[i - 1].to) {
      bad(i, "overlapping-tiers", "overlaps the tier before it", "bands that do not overlap");
    } else if (i > 0 && !above && t.to > tiers[i - 1].from) {
      bad(i, "overlapping-tiers", "overlaps the tier before it", "bands that do not overlap");
    }
  }
  return tiers;
}

// What every part of a contract is read with: the file, its diagnostics, and
// the site whose metals and concentrates the contracts name.
struct ContractsFile {
  const std::string& file;
  const Site& site;
  core::Diagnostics& diags;

  // One [[contracts]] entry; `earlier` are the entries before it.
  terms::Contract contract(const toml::table& t, std::size_t i,
                           const std::vector<terms::Contract>& earlier) const {
    TableReader r(t, file, diags, fmt::format("[[contracts]] entry {}", i + 1));
    r.allow_only({"product", "counterparty", "valid_from", "currency", "provisional_payment_pct",
                  "freight_per_wmt", "insurance_pct", "insured_value_pct", "weight_franchise_pct",
                  "payables", "tc", "rc", "penalties", "qp"});
    terms::Contract c;
    c.product = r.string("product", true).value_or("");
    c.counterparty = r.string("counterparty", true).value_or("");
    c.valid_from = r.date("valid_from", true).value_or(0);
    c.currency = r.string("currency", true).value_or("USD");
    if (!c.product.empty()) {
      const auto s = site.find_stream(c.product);
      if (!s || site.streams[*s].role != StreamRole::concentrate) {
        r.error(r.where("product"), "unknown-product",
                "contract for a product that is not a concentrate", c.product,
                "the id of a stream with role = \"concentrate\" in site.toml");
      }
    }
    const std::string where = fmt::format("contract {}/{} from {}", c.product, c.counterparty,
                                          calendar::format_date(c.valid_from));
    c.provisional_payment = r.number("provisional_payment_pct", false, 0, 100).value_or(100) / 100;
    c.freight_per_wmt = r.number("freight_per_wmt", false, 0).value_or(0);
    c.insurance_rate = r.number("insurance_pct", false, 0, 100).value_or(0) / 100;
    c.insured_fraction = r.number("insured_value_pct", false, 0).value_or(100) / 100;
    c.weight_franchise = r.number("weight_franchise_pct", false, 0, 99.999).value_or(0) / 100;

    read_payables(t, where, c);
    read_tc(t, where, c);
    read_rc(t, where, c);
    read_penalties(t, where, c);
    read_qp(t, where, c);
    for (const auto& other : earlier) {
      if (other.product == c.product && other.counterparty == c.counterparty &&
          other.valid_from == c.valid_from) {
        r.error(t.source(), "duplicate-contract",
                "two contracts for the same product, counterparty and date", where,
                "one contract per product and counterparty from any date");
      }
    }
    return c;
  }

  void read_payables(const toml::table& t, const std::string& where, terms::Contract& c) const {
    for_each_table(t, "payables", file, diags, [&](const toml::table& p, std::size_t k) {
      TableReader pr(p, file, diags, fmt::format("{} payable {}", where, k + 1));
      pr.allow_only({"metal", "rule", "pay_pct", "deduction", "deduction_unit"});
      terms::PayableTerm term;
      const auto metal = metal_of(pr, p, site);
      const auto rule = pr.string("rule", false).value_or("pay_with_min_deduction");
      if (rule == "deduct_then_pay") {
        term.rule = terms::PayableRule::deduct_then_pay;
      } else if (rule != "pay_with_min_deduction") {
        pr.error(pr.where("rule"), "unknown-rule",
                 fmt::format("unknown payable rule in {}", pr.name()), rule,
                 "pay_with_min_deduction or deduct_then_pay");
      }
      const auto pay = pr.number("pay_pct", true);
      if (pay && (*pay <= 0 || *pay > 100)) {
        pr.error(pr.where("pay_pct"), "payable-above-100",
                 fmt::format("{}: payable outside (0, 100]%", pr.name()), fmt::format("{}", *pay),
                 "a percentage above 0 and at most 100");
      }
      term.pay = pay.value_or(100) / 100;
      const double deduction = pr.number("deduction", false, 0).value_or(0);
      const auto unit = pr.string("deduction_unit", deduction != 0).value_or("units");
      const auto grade = deduction_grade(deduction, unit);
      if (!grade) {
        pr.error(pr.where("deduction_unit"), "unknown-unit",
                 fmt::format("unknown deduction unit in {}", pr.name()), unit,
                 "units, %, g/t, ppm or oz/dmt");
      }
      term.deduction = grade.value_or(units::Grade{});
      if (metal) {
        term.metal = *metal;
        c.payables.push_back(term);
      }
    });
  }

  void read_tc(const toml::table& t, const std::string& where, terms::Contract& c) const {
    if (const toml::table* tc = t["tc"].as_table()) {
      TableReader tr(*tc, file, diags, where + " [tc]");
      tr.allow_only({"metal", "base", "basis_price", "escalators", "de_escalators"});
      terms::TreatmentChargeTerms terms;
      const auto metal = metal_of(tr, *tc, site);
      terms.base = tr.number("base", true).value_or(0);
      terms.basis_price = tr.number("basis_price", true, 0).value_or(0);
      terms.escalators = read_tiers(*tc, "escalators", true, terms.basis_price, where, file, diags);
      terms.de_escalators =
          read_tiers(*tc, "de_escalators", false, terms.basis_price, where, file, diags);
      if (metal) {
        terms.metal = *metal;
        c.tc = terms;
      }
    }
  }

  void read_rc(const toml::table& t, const std::string& where, terms::Contract& c) const {
    for_each_table(t, "rc", file, diags, [&](const toml::table& p, std::size_t k) {
      TableReader pr(p, file, diags, fmt::format("{} refining charge {}", where, k + 1));
      pr.allow_only({"metal", "rate", "unit"});
      terms::RefiningCharge rc;
      const auto metal = metal_of(pr, p, site);
      rc.rate = pr.number("rate", true, 0).value_or(0);
      const auto unit = pr.string("unit", true).value_or("oz");
      if (const auto u = units::mass_unit_from_string(unit)) {
        rc.unit = *u;
      } else {
        pr.error(pr.where("unit"), "unknown-unit", fmt::format("unknown unit in {}", pr.name()),
                 unit, "oz, lb, t, kg, g or st");
      }
      if (metal) {
        rc.metal = *metal;
        c.rc.push_back(rc);
      }
    });
  }

  void read_penalties(const toml::table& t, const std::string& where, terms::Contract& c) const {
    for_each_table(t, "penalties", file, diags, [&](const toml::table& p, std::size_t k) {
      TableReader pr(p, file, diags, fmt::format("{} penalty {}", where, k + 1));
      pr.allow_only({"element", "threshold", "step", "rate", "steps", "cap"});
      terms::PenaltyTerm pen;
      pen.element = pr.string("element", true).value_or("");
      pen.threshold = pr.number("threshold", true, 0).value_or(0);
      pen.step = pr.number("step", true, 1e-12).value_or(1);
      pen.rate = pr.number("rate", true, 0).value_or(0);
      pen.cap = pr.number("cap", false, 0);
      const auto steps = pr.string("steps", false).value_or("pro_rata");
      if (steps == "whole_steps") {
        pen.steps = terms::PenaltySteps::whole_steps;
      } else if (steps == "part_steps") {
        pen.steps = terms::PenaltySteps::part_steps;
      } else if (steps != "pro_rata") {
        pr.error(pr.where("steps"), "unknown-rule",
                 fmt::format("unknown penalty steps in {}", pr.name()), steps,
                 "pro_rata, whole_steps or part_steps");
      }
      c.penalties.push_back(pen);
    });
  }

  void read_qp(const toml::table& t, const std::string& where, terms::Contract& c) const {
    for_each_table(t, "qp", file, diags, [&](const toml::table& p, std::size_t k) {
      TableReader pr(p, file, diags, fmt::format("{} quotational period {}", where, k + 1));
      pr.allow_only({"metal", "month", "basis"});
      terms::QuotationalPeriod qp;
      const auto metal = metal_of(pr, p, site);
      const auto month = pr.string("month", true).value_or("M");
      if (month == "M") {
        qp.months_after = 0;
      } else if (month.size() == 3 && month.substr(0, 2) == "M+" && month[2] >= '1' &&
                 month[2] <= '6') {
        qp.months_after = month[2] - '0';
      } else {
        pr.error(pr.where("month"), "bad-period",
                 fmt::format("unknown quotational month in {}", pr.name()), month,
                 "M, M+1, M+2 ... M+6");
      }
      const auto basis = pr.string("basis", false).value_or("shipment");
      if (basis == "arrival") {
        qp.basis = terms::QuotationalBasis::arrival;
      } else if (basis != "shipment") {
        pr.error(pr.where("basis"), "unknown-rule", fmt::format("unknown basis in {}", pr.name()),
                 basis, "shipment or arrival");
      }
      if (metal) {
        qp.metal = *metal;
        c.qp.push_back(qp);
      }
    });
  }
};

}  // namespace

std::vector<terms::Contract> load_contracts_toml(std::string_view text, const std::string& file,
                                                 const Site& site, core::Diagnostics& diags) {
  std::vector<terms::Contract> out;
  const std::optional<toml::table> parsed = parse_toml(text, file, diags);
  if (!parsed) return out;
  const toml::table& root = *parsed;
  TableReader top(root, file, diags, "contracts.toml");
  top.allow_only({"contracts"});
  const ContractsFile contracts{file, site, diags};
  for_each_table(root, "contracts", file, diags, [&](const toml::table& t, std::size_t i) {
    out.push_back(contracts.contract(t, i, out));
  });
  // Deterministic order: product, counterparty, then date.
  std::stable_sort(out.begin(), out.end(), [](const terms::Contract& a, const terms::Contract& b) {
    return std::tie(a.product, a.counterparty, a.valid_from) <
           std::tie(b.product, b.counterparty, b.valid_from);
  });
  return out;
}

}  // namespace orebook::dataset
