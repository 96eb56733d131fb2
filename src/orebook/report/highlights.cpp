#include "orebook/report/highlights.h"

#include <algorithm>
#include <cmath>

#include <fmt/args.h>
#include <fmt/format.h>

#include "orebook/accounting/formulas.h"
#include "orebook/calendar/names.h"
#include "orebook/report/format.h"

namespace orebook::report {

const std::vector<std::pair<std::string, std::string>>& default_highlight_templates() {
  static const std::vector<std::pair<std::string, std::string>> kTemplates = {
      {"production", "{site} produced {list} in {period}."},
      {"production_change", "{metal} production {direction} {percent}% compared to {compare}."},
      {"production_unchanged", "{metal} production was unchanged from {compare}."},
      {"milling_change", "The milling rate {direction} {percent}% compared to {compare}."},
      {"milling_unchanged", "The milling rate was unchanged from {compare}."},
      {"throughput",
       "Mill throughput averaged {current} tpd compared to {prior} tpd in {compare}."},
      {"cash_cost",
       "Cash cost per {unit} of payable {metal}, net of by-product credits, was {value}, a "
       "{percent}% or "
       "{amount} {direction} from {prior} in {previous}."},
      {"price",
       "The realized {metal} price was {value} per {unit}, {percent}% {direction} than in "
       "{compare}."},
      {"price_unchanged",
       "The realized {metal} price was {value} per {unit}, unchanged from {compare}."},
  };
  return kTemplates;
}

std::string approximate_amount(double value, int& word_index) {
  if (value < 1e6) return format_grouped(value, 0);
  // The largest tenth of a million not above the value: "4.9 million" for 4,912,252.
  const double tenths = std::floor(value / 1e5 + 1e-9);
  const std::string millions = format_fixed(tenths / 10, 1) + " million";
  if (value <= tenths * 1e5) return millions;  // exactly that many
  static constexpr const char* kWords[] = {"over", "more than"};
  return std::string(kWords[word_index++ % 2]) + " " + millions;
}

namespace {

std::string unit_word(units::MassUnit u) {
  switch (u) {
    case units::MassUnit::troy_ounce:
      return "ounce";
    case units::MassUnit::pound:
      return "pound";
    case units::MassUnit::tonne:
      return "tonne";
    case units::MassUnit::kilogram:
      return "kilogram";
    case units::MassUnit::gram:
      return "gram";
    case units::MassUnit::short_ton:
      return "short ton";
  }
  return "unit";
}

class Writer {
 public:
  Writer(const dataset::Dataset& ds, core::Diagnostics& diags) : ds_(ds), diags_(diags) {}

  void say(const std::string& name,
           const fmt::dynamic_format_arg_store<fmt::format_context>& args) {
    std::string tpl;
    for (const auto& [n, t] : default_highlight_templates())
      if (n == name) tpl = t;
    for (const auto& [n, t] : ds_.site.highlight_templates)
      if (n == name) tpl = t;
    try {
      sentences.push_back(fmt::vformat(tpl, args));
    } catch (const fmt::format_error& e) {
      diags_.error("site.toml", 0, 0, "bad-template",
                   fmt::format("highlight template '{}': {}", name, e.what()), tpl,
                   "a sentence whose {names} are those of the default template");
    }
  }
  std::vector<std::string> sentences;

 private:
  const dataset::Dataset& ds_;
  core::Diagnostics& diags_;
};

using Args = fmt::dynamic_format_arg_store<fmt::format_context>;

const char* direction(double rel, const char* up, const char* down) { return rel > 0 ? up : down; }
std::string percent(double rel) { return format_fixed(std::abs(rel) * 100, 0); }

// A [highlights] template whose name no default has is a typo.
void check_template_names(const dataset::Site& site, core::Diagnostics& diags) {
  for (const auto& [name, text] : site.highlight_templates) {
    const auto& known = default_highlight_templates();
    if (std::none_of(known.begin(), known.end(), [&](const auto& k) { return k.first == name; })) {
      std::string names;
      for (const auto& k : known) names += (names.empty() ? "" : ", ") + k.first;
      diags.error("site.toml", 0, 0, "bad-template", "unknown highlight template in [highlights]",
                  name, "one of " + names);
    }
  }
}

// Production of every metal, the biggest amounts in rounded words.
void say_production(Writer& w, const dataset::Site& site,
                    const accounting::OperatingStatistics& cur) {
  std::vector<std::string> parts;
  int word = 0;
  for (std::size_t m = 0; m < site.metals.size(); ++m) {
    const auto& q = cur.metals[m].production;
    if (!q) continue;
    const auto unit = site.metals[m].production_unit;
    parts.push_back(fmt::format("{} {}s {}", approximate_amount(q->in(unit), word), unit_word(unit),
                                lowercase(site.metals[m].name)));
  }
  if (!parts.empty()) {
    std::string list = parts[0];
    for (std::size_t i = 1; i < parts.size(); ++i)
      list += (i + 1 == parts.size() ? " and " : ", ") + parts[i];
    Args a;
    a.push_back(fmt::arg("site", site.name));
    a.push_back(fmt::arg("list", list));
    a.push_back(fmt::arg("period", calendar::sentence_name(cur.period)));
    w.say("production", a);
  }
}

// A relative change said with the `changed` template ({direction},
// {percent}), or with `unchanged` when it rounds to 0%: never "increased 0%".
void say_change(Writer& w, Args& args, double rel, const char* up, const char* down,
                const std::string& changed, const std::string& unchanged) {
  if (percent(rel) == "0") {
    w.say(unchanged, args);
    return;
  }
  args.push_back(fmt::arg("direction", std::string(direction(rel, up, down))));
  args.push_back(fmt::arg("percent", percent(rel)));
  w.say(changed, args);
}

// Each metal's production, the milling rate and the throughput against the
// period compared to.
void say_changes(Writer& w, const dataset::Site& site, const accounting::OperatingStatistics& cur,
                 const accounting::OperatingStatistics& prior, const std::string& compare_text) {
  for (std::size_t m = 0; m < site.metals.size(); ++m) {
    const auto& a = cur.metals[m].production;
    const auto& b = prior.metals[m].production;
    if (!a || !b || b->tonnes() <= 0) continue;
    const double rel = accounting::relative_change(a->tonnes(), b->tonnes());
    Args args;
    args.push_back(fmt::arg("metal", site.metals[m].name));
    args.push_back(fmt::arg("compare", compare_text));
    say_change(w, args, rel, "increased", "decreased", "production_change", "production_unchanged");
  }
  if (cur.ore_processed && prior.ore_processed && prior.ore_processed->tonnes() > 0) {
    const double rel =
        accounting::relative_change(cur.ore_processed->tonnes(), prior.ore_processed->tonnes());
    Args args;
    args.push_back(fmt::arg("compare", compare_text));
    say_change(w, args, rel, "increased", "decreased", "milling_change", "milling_unchanged");
  }
  if (cur.throughput && prior.throughput) {
    Args args;
    args.push_back(fmt::arg("current", format_grouped(cur.throughput->tonnes_per_day(), 0)));
    args.push_back(fmt::arg("prior", format_grouped(prior.throughput->tonnes_per_day(), 0)));
    args.push_back(fmt::arg("compare", compare_text));
    w.say("throughput", args);
  }
}

void say_cash_cost(Writer& w, const dataset::Site& site, const HighlightInputs& in) {
  if (site.costs.present && in.cash_cost_per_unit && in.previous_cash_cost_per_unit &&
      in.previous && *in.previous_cash_cost_per_unit != 0 &&
      in.cash_cost_currency == in.previous_cash_cost_currency) {
    const auto& metal = site.metals[site.costs.primary_metal];
    const double a = *in.cash_cost_per_unit, b = *in.previous_cash_cost_per_unit;
    const double rel = accounting::relative_change(a, b);
    // "$" in the reporting currency, as a release's own tables; "US$"
    // for another, as releases name it.
    const std::string prefix = in.cash_cost_currency == site.currency
                                   ? amount_prefix(site.currency)
                                   : currency_prefix(in.cash_cost_currency);
    Args args;
    args.push_back(fmt::arg("unit", unit_word(metal.production_unit)));
    args.push_back(fmt::arg("metal", lowercase(metal.name)));
    args.push_back(fmt::arg("value", prefix + format_grouped(a, 2)));
    args.push_back(fmt::arg("percent", percent(rel)));
    args.push_back(fmt::arg("amount", prefix + format_grouped(std::abs(a - b), 2)));
    args.push_back(fmt::arg("direction", std::string(direction(rel, "increase", "reduction"))));
    args.push_back(fmt::arg("prior", prefix + format_grouped(b, 2)));
    args.push_back(fmt::arg("previous", calendar::sentence_name(*in.previous)));
    w.say("cash_cost", args);
  }
}

// The realized price of each metal against that of comparison k.
void say_prices(Writer& w, const dataset::Site& site, const HighlightInputs& in, std::size_t k,
                const std::string& compare_text) {
  for (std::size_t m = 0; m < site.metals.size(); ++m) {
    const auto& a = in.prices[0][m];
    const auto& b = in.prices[k][m];
    if (!a || !b || *b == 0) continue;
    const double rel = accounting::relative_change(*a, *b);
    Args args;
    args.push_back(fmt::arg("metal", lowercase(site.metals[m].name)));
    args.push_back(
        fmt::arg("value", amount_prefix(in.price_currency[0][m]) + format_grouped(*a, 2)));
    args.push_back(fmt::arg("unit", unit_word(site.metals[m].production_unit)));
    args.push_back(fmt::arg("compare", compare_text));
    say_change(w, args, rel, "higher", "lower", "price", "price_unchanged");
  }
}

}  // namespace

Table highlights(const dataset::Dataset& ds, const HighlightInputs& in, core::Diagnostics& diags) {
  const auto& site = ds.site;
  check_template_names(site, diags);
  Writer w(ds, diags);
  const auto& cur = in.stats[0];
  say_production(w, site, cur);
  for (std::size_t k = 1; k < in.stats.size(); ++k)
    say_changes(w, site, cur, in.stats[k], calendar::sentence_name(in.stats[k].period));
  say_cash_cost(w, site, in);
  for (std::size_t k = 1; k < in.stats.size() && k < in.prices.size(); ++k)
    say_prices(w, site, in, k, calendar::sentence_name(in.stats[k].period));
  Table t;
  t.site = site.name;
  t.title = fmt::format("{}: highlights, {}", site.name, calendar::sentence_name(cur.period));
  t.add_period(cur.period.to_string(), calendar::header_name(cur.period));
  t.show_change = false;
  t.notes = std::move(w.sentences);
  return t;
}

}  // namespace orebook::report
