// [[equivalents]] in site.toml: metal-equivalent production as the site
// defines it (docs/dataset.md, docs/formulas.md §19).

#include <algorithm>
#include <cctype>
#include <cmath>
#include <string>

#include <fmt/format.h>
#include <toml++/toml.h>

#include "orebook/dataset/dataset.h"
#include "orebook/dataset/toml_reader.h"

namespace orebook::dataset {

namespace {

// An integer or floating-point TOML value as a double; nullopt for any other type.
std::optional<double> number_of(const toml::node& node) {
  if (node.is_integer()) return static_cast<double>(*node.value<std::int64_t>());
  if (node.is_floating_point()) return *node.value<double>();
  return std::nullopt;
}

// A metal symbol of `site` that is one of `eq`'s contributing metals;
// nullopt after an error at `at`.
std::optional<std::size_t> contributing_metal(const Site& site, const Equivalent& eq,
                                              std::string_view symbol,
                                              const toml::source_region& at, TableReader& r,
                                              std::string_view what) {
  const auto m = site.find_metal(symbol);
  if (!m) {
    r.error(at, "unknown-metal", fmt::format("unknown metal in {} of {}", what, r.name()),
            std::string(symbol), "a metal symbol declared in [[metals]]");
    return std::nullopt;
  }
  if (std::find(eq.metals.begin(), eq.metals.end(), *m) == eq.metals.end()) {
    r.error(at, "unknown-metal",
            fmt::format("{} in {} of {} is not one of its metals", symbol, what, r.name()),
            std::string(symbol), "a metal listed in 'metals'");
    return std::nullopt;
  }
  return m;
}

// metals: the contributing metals, required: the site's definition names
// them, and no default could tell a metal given only in production.csv from
// one that is merely assayed.
void read_contributing_metals(TableReader& r, const Site& site, Equivalent& eq) {
  if (r.get("metals", true) == nullptr) return;
  for (const auto& [symbol, where] : r.strings("metals")) {
    const auto m = site.find_metal(symbol);
    if (!m) {
      r.error(where, "unknown-metal", fmt::format("unknown metal in 'metals' of {}", r.name()),
              symbol, "a metal symbol declared in [[metals]]");
    } else if (std::find(eq.metals.begin(), eq.metals.end(), *m) != eq.metals.end()) {
      r.error(where, "duplicate-metal", fmt::format("metal listed twice in {}", r.name()), symbol,
              "each metal once");
    } else {
      eq.metals.push_back(*m);
    }
  }
  std::sort(eq.metals.begin(), eq.metals.end());
}

// factors = { Au = 0.95 }: the recovery or payability of each metal, in (0, 1].
void read_factors(TableReader& r, const Site& site, Equivalent& eq) {
  const toml::node* node = r.get("factors", false);
  if (node == nullptr) return;
  const toml::table* factors = node->as_table();
  if (factors == nullptr) {
    r.error(node->source(), "wrong-type", fmt::format("'factors' in {} must be a table", r.name()),
            type_name(*node), "{ Au = 0.95 }");
    return;
  }
  for (const auto& [key, value] : *factors) {
    const auto m = contributing_metal(site, eq, key.str(), value.source(), r, "factors");
    if (!m) continue;
    const auto v = number_of(value);
    if (!v || !(*v > 0.0 && *v <= 1.0)) {
      r.error(
          value.source(), v ? "out-of-range" : "wrong-type",
          fmt::format("factor of {} in {} must be a recovery or payability", key.str(), r.name()),
          v ? fmt::format("{}", *v) : type_name(value), "a number above 0 and at most 1");
      continue;
    }
    eq.factor[*m] = *v;
  }
}

// [[equivalents.prices]]: from = a date, then a price per contributing metal.
void read_price_sets(const toml::table& t, const std::string& file, const Site& site,
                     Equivalent& eq, core::Diagnostics& diags, const std::string& where) {
  for_each_table(t, "prices", file, diags, [&](const toml::table& p, std::size_t i) {
    TableReader r(p, file, diags, fmt::format("prices entry {} of {}", i + 1, where));
    Equivalent::Prices set;
    set.line = static_cast<std::uint32_t>(p.source().begin.line);
    set.price.assign(site.metals.size(), std::nullopt);
    const auto from = r.date("from", true);
    bool ok = from.has_value();
    for (const auto& [key, value] : p) {
      if (key.str() == "from") continue;
      const auto m = contributing_metal(site, eq, key.str(), value.source(), r, "prices");
      if (!m) {
        ok = false;
        continue;
      }
      const auto v = number_of(value);
      if (!v || !(*v > 0.0) || !std::isfinite(*v)) {
        r.error(value.source(), v ? "out-of-range" : "wrong-type",
                fmt::format("price of {} in {} must be a number above 0", key.str(), r.name()),
                v ? fmt::format("{}", *v) : type_name(value),
                fmt::format("a price per {}", units::to_string(site.metals[*m].production_unit)));
        ok = false;
        continue;
      }
      set.price[*m] = v;
    }
    for (std::size_t m : eq.metals) {
      if (!set.price[m] && p.get(site.metals[m].symbol) == nullptr) {
        r.error(p.source(), "missing-key",
                fmt::format("{} has no price of {}", r.name(), site.metals[m].symbol), "",
                fmt::format("a '{}' key with its price per {}", site.metals[m].symbol,
                            units::to_string(site.metals[m].production_unit)));
        ok = false;
      }
    }
    if (from && !eq.prices.empty() && *from <= eq.prices.back().from) {
      r.error(r.where("from"), "bad-order",
              fmt::format("prices of {} must be in order of 'from', each date once", where),
              calendar::format_date(*from),
              fmt::format("a date after {}", calendar::format_date(eq.prices.back().from)));
      return;
    }
    if (!ok) return;
    set.from = *from;
    eq.prices.push_back(std::move(set));
  });
}

void read_basis(const toml::table& t, TableReader& r, const std::string& file, const Site& site,
                Equivalent& eq, core::Diagnostics& diags) {
  const auto basis = r.string("basis", true);
  if (!basis) return;
  if (*basis == "realized") {
    eq.basis = Equivalent::Basis::realized;
    if (const toml::node* p = t.get("prices")) {
      r.error(p->source(), "unknown-key", "prices are given only for basis = \"fixed\"", "prices",
              "no prices with basis = \"realized\" (each period's realized prices are used)");
    }
  } else if (*basis == "fixed") {
    eq.basis = Equivalent::Basis::fixed;
    read_price_sets(t, file, site, eq, diags, r.name());
    if (t.get("prices") == nullptr) {
      r.error(t.source(), "missing-key",
              fmt::format("{} has basis = \"fixed\" but no prices", r.name()), "",
              "[[equivalents.prices]] tables with from = a date and a price per metal");
    }
  } else {
    r.error(r.where("basis"), "unknown-rule", fmt::format("unknown basis in {}", r.name()), *basis,
            "fixed or realized");
  }
}

// The label names a report key (production.equivalent.<label>): letters and
// digits only.
bool usable_label(std::string_view label) {
  if (label.empty()) return false;
  return std::all_of(label.begin(), label.end(),
                     [](char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; });
}

}  // namespace

void read_equivalents(const toml::table& root, const std::string& file, Site& site,
                      core::Diagnostics& diags) {
  for_each_table(root, "equivalents", file, diags, [&](const toml::table& t, std::size_t i) {
    const std::string where = fmt::format("[[equivalents]] entry {}", i + 1);
    const std::size_t errors = diags.error_count();  // keep only an entry without errors
    TableReader r(t, file, diags, where);
    r.allow_only({"label", "base", "metals", "basis", "factors", "prices"});
    Equivalent eq;
    eq.line = static_cast<std::uint32_t>(t.source().begin.line);
    eq.column = static_cast<std::uint32_t>(t.source().begin.column);
    eq.factor.assign(site.metals.size(), 1.0);
    eq.label = r.string("label", true).value_or("");
    if (t.get("label") != nullptr && t.get("label")->is_string() && !usable_label(eq.label)) {
      r.error(r.where("label"), "bad-symbol", "an equivalent's label must be letters and digits",
              eq.label, "a label such as AgEq");
    }
    for (const Equivalent& other : site.equivalents) {
      if (other.label == eq.label) {
        r.error(r.where("label"), "duplicate-equivalent", "equivalent label declared twice",
                eq.label, "each label once");
      }
    }
    read_contributing_metals(r, site, eq);
    if (const auto base = r.string("base", true)) {
      if (const auto m = contributing_metal(site, eq, *base, r.where("base"), r, "base")) {
        eq.base = *m;
      }
    }
    read_factors(r, site, eq);
    read_basis(t, r, file, site, eq, diags);
    if (diags.error_count() == errors) site.equivalents.push_back(std::move(eq));
  });
}

}  // namespace orebook::dataset
