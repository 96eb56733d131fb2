// site.toml: the site, its metals and its streams (docs/dataset.md).

#include <algorithm>
#include <initializer_list>
#include <sstream>
#include <string>

#include <fmt/format.h>
#include <toml++/toml.h>

#include "orebook/dataset/dataset.h"
#include "orebook/dataset/toml_reader.h"

namespace orebook::dataset {

// equivalents.cpp: [[equivalents]], read after [[metals]].
void read_equivalents(const toml::table& root, const std::string& file, Site& site,
                      core::Diagnostics& diags);

std::string_view to_string(StreamRole role) {
  switch (role) {
    case StreamRole::ore_mined:
      return "ore_mined";
    case StreamRole::feed:
      return "feed";
    case StreamRole::concentrate:
      return "concentrate";
    case StreamRole::tailings:
      return "tailings";
    case StreamRole::stockpile:
      return "stockpile";
    case StreamRole::intermediate:
      return "intermediate";
    case StreamRole::stock_change:
      return "stock_change";
  }
  return "?";
}

std::optional<StreamRole> stream_role_from_string(std::string_view text) {
  for (StreamRole r :
       {StreamRole::ore_mined, StreamRole::feed, StreamRole::concentrate, StreamRole::tailings,
        StreamRole::stockpile, StreamRole::intermediate, StreamRole::stock_change}) {
    if (text == to_string(r)) return r;
  }
  return std::nullopt;
}

std::optional<std::size_t> Site::find_metal(std::string_view symbol) const {
  for (std::size_t i = 0; i < metals.size(); ++i)
    if (metals[i].symbol == symbol) return i;
  return std::nullopt;
}

std::optional<std::size_t> Site::find_node(std::string_view id) const {
  for (std::size_t i = 0; i < nodes.size(); ++i)
    if (nodes[i].id == id) return i;
  return std::nullopt;
}

std::optional<std::size_t> Site::find_stream(std::string_view id) const {
  for (std::size_t i = 0; i < streams.size(); ++i)
    if (streams[i].id == id) return i;
  return std::nullopt;
}

namespace {

constexpr std::string_view kRoles =
    "ore_mined, feed, concentrate, tailings, stockpile, intermediate or stock_change";

bool is_precious(std::string_view symbol) {
  return symbol == "Ag" || symbol == "Au" || symbol == "Pt" || symbol == "Pd";
}

std::string default_name(std::string_view symbol) {
  static constexpr std::pair<std::string_view, std::string_view> kNames[] = {
      {"Ag", "Silver"},     {"Au", "Gold"},     {"Pb", "Lead"},      {"Zn", "Zinc"},
      {"Cu", "Copper"},     {"Pt", "Platinum"}, {"Pd", "Palladium"}, {"Ni", "Nickel"},
      {"Mo", "Molybdenum"}, {"Co", "Cobalt"}};
  for (const auto& [s, n] : kNames)
    if (s == symbol) return std::string(n);
  return std::string(symbol);
}

}  // namespace

std::string_view to_string(CostBucket b) {
  static constexpr std::string_view kNames[kCostBuckets] = {"mining",
                                                            "milling",
                                                            "site_ga",
                                                            "transport",
                                                            "treatment_refining",
                                                            "royalties",
                                                            "production_taxes",
                                                            "inventory_change",
                                                            "depreciation",
                                                            "sustaining_capital",
                                                            "corporate_ga",
                                                            "reclamation",
                                                            "sustaining_exploration",
                                                            "sustaining_leases",
                                                            "non_sustaining",
                                                            "other_segments"};
  return kNames[static_cast<std::size_t>(b)];
}

std::optional<CostBucket> cost_bucket_from_string(std::string_view text) {
  for (std::size_t i = 0; i < kCostBuckets; ++i) {
    if (to_string(static_cast<CostBucket>(i)) == text) return static_cast<CostBucket>(i);
  }
  return std::nullopt;
}

namespace {

constexpr std::string_view kBucketList =
    "mining, milling, site_ga, transport, treatment_refining, royalties, production_taxes, "
    "inventory_change, depreciation, sustaining_capital, corporate_ga, reclamation, "
    "sustaining_exploration, sustaining_leases, non_sustaining or other_segments";

// [costs]: the primary metal, the unit basis, and costs.csv categories mapped to buckets.
void read_cost_settings(const toml::table& t, const std::string& file, Site& site,
                        core::Diagnostics& diags) {
  TableReader r(t, file, diags, "[costs]");
  r.allow_only({"primary_metal", "basis", "categories", "cost_of_sales", "mining_segment"});
  CostSettings& cs = site.costs;
  cs.present = true;
  if (const auto symbol = r.string("primary_metal", true)) {
    if (const auto m = site.find_metal(*symbol)) {
      cs.primary_metal = *m;
    } else {
      r.error(r.where("primary_metal"), "unknown-metal", "unknown primary metal in [costs]",
              *symbol, "a metal symbol declared in [[metals]]");
    }
  }
  const auto basis = r.string("basis", false).value_or("produced");
  if (basis == "sold") {
    cs.per_unit_sold = true;
  } else if (basis != "produced") {
    r.error(r.where("basis"), "unknown-rule", "unknown basis in [costs]", basis,
            "produced or sold");
  }
  cs.mining_segment = r.string("mining_segment", false).value_or("mining");
  if (const toml::table* cats = t["categories"].as_table()) {
    for (const auto& [key, node] : *cats) {
      const auto bucket = node.value<std::string>();
      const auto parsed = bucket ? cost_bucket_from_string(*bucket) : std::nullopt;
      if (!parsed) {
        r.error(node.source(), "unknown-bucket", "cost category mapped to an unknown bucket",
                bucket.value_or(type_name(node)), std::string(kBucketList));
        continue;
      }
      cs.categories.emplace_back(std::string(key.str()), *parsed);
    }
  }
  using B = CostBucket;
  cs.cost_of_sales = {B::mining,    B::milling,          B::site_ga,          B::transport,
                      B::royalties, B::production_taxes, B::inventory_change, B::depreciation};
  if (t.contains("cost_of_sales")) {
    cs.cost_of_sales.clear();
    for (const auto& [name, where] : r.strings("cost_of_sales")) {
      if (const auto b = cost_bucket_from_string(name)) {
        cs.cost_of_sales.push_back(*b);
      } else {
        r.error(where, "unknown-bucket", "unknown bucket in cost_of_sales", name,
                std::string(kBucketList));
      }
    }
  }
}

// An uncertainty: "2%" (relative) or a number (absolute, in `unit_factor`s of
// the stored quantity); nullopt after a diagnostic.
std::optional<Uncertainty> read_uncertainty(const toml::node& node, double unit_factor,
                                            TableReader& r, std::string_view what) {
  const std::string expected = "a relative uncertainty such as \"2%\" or an absolute one above 0";
  if (const auto text = node.value<std::string>()) {
    std::string_view v = *text;
    if (!v.empty() && v.back() == '%') {
      const auto pct = parse_number(v.substr(0, v.size() - 1));
      if (pct && *pct > 0.0) return Uncertainty{*pct / 100.0, true};
    }
    r.error(node.source(), "bad-uncertainty", fmt::format("unusable uncertainty of {}", what),
            *text, expected);
    return std::nullopt;
  }
  std::optional<double> v;
  if (node.is_integer()) v = static_cast<double>(*node.value<std::int64_t>());
  if (node.is_floating_point()) v = *node.value<double>();
  if (v && *v > 0.0 && std::isfinite(*v)) return Uncertainty{*v * unit_factor, false};
  r.error(node.source(), "bad-uncertainty", fmt::format("unusable uncertainty of {}", what),
          v ? fmt::format("{}", *v) : type_name(node), expected);
  return std::nullopt;
}

// [balance]: options of `orebook balance`.
void read_balance_settings(const toml::table& root, const std::string& file, Site& site,
                           core::Diagnostics& diags) {
  if (const toml::table* b = root["balance"].as_table()) {
    TableReader r(*b, file, diags, "[balance]");
    r.allow_only({"alpha", "eliminate"});
    site.balance.alpha = r.number("alpha", false, 1e-12, 1.0 - 1e-12).value_or(0.05);
    if (const toml::node* e = r.get("eliminate", false)) {
      if (const auto v = e->value<bool>()) {
        site.balance.eliminate = *v;
      } else {
        r.error(e->source(), "wrong-type", "'eliminate' in [balance] must be true or false",
                type_name(*e), "true or false");
      }
    }
  }
}

void read_nodes(const toml::table& root, const std::string& file, Site& site,
                core::Diagnostics& diags) {
  std::vector<std::size_t> claimed;  // stock_change streams already attached to a node
  for_each_table(root, "nodes", file, diags, [&](const toml::table& t, std::size_t i) {
    TableReader r(t, file, diags, fmt::format("[[nodes]] entry {}", i + 1));
    r.allow_only({"id", "kind", "stock_change"});
    Node n;
    n.id = r.string("id", true).value_or("");
    n.line = static_cast<std::uint32_t>(t.source().begin.line);
    n.column = static_cast<std::uint32_t>(t.source().begin.column);
    const std::string kind = r.string("kind", false).value_or("process");
    if (kind == "stockpile") {
      n.stockpile = true;
    } else if (kind != "process") {
      r.error(r.where("kind"), "unknown-rule", "unknown node kind", kind, "process or stockpile");
    }
    if (const auto sc = r.string("stock_change", false)) {
      const auto s = site.find_stream(*sc);
      if (!n.stockpile) {
        r.error(r.where("stock_change"), "bad-flowsheet",
                "only a stockpile node has a stock change", *sc, "kind = \"stockpile\"");
      } else if (!s || site.streams[*s].role != StreamRole::stock_change) {
        r.error(r.where("stock_change"), "unknown-stream",
                "stock_change must name a stream with role = \"stock_change\"", *sc,
                "the id of a stock_change stream");
      } else if (std::find(claimed.begin(), claimed.end(), *s) != claimed.end()) {
        r.error(r.where("stock_change"), "bad-flowsheet",
                "stock change stream attached to two nodes", *sc, "one node per stock change");
      } else {
        n.stock_change = s;
        claimed.push_back(*s);
      }
    }
    if (n.id.empty()) return;
    if (n.id == "env" || site.find_node(n.id)) {
      r.error(t.source(), "duplicate-node",
              n.id == "env" ? "\"env\" is outside the plant, not a node" : "node id declared twice",
              n.id, "each node id once, other than env");
      return;
    }
    site.nodes.push_back(std::move(n));
  });
}

// A stream's place in the flowsheet: its from and to nodes.
void read_stream_ends(TableReader& r, const Site& site, Stream& s) {
  const auto from = r.string("from", false), to = r.string("to", false);
  if (from.has_value() != to.has_value()) {
    r.error(r.where(from ? "from" : "to"), "bad-flowsheet",
            fmt::format("stream '{}' has '{}' but no '{}'", s.id, from ? "from" : "to",
                        from ? "to" : "from"),
            from.value_or(to.value_or("")), "both from and to, or neither");
  } else if (from && s.role == StreamRole::stock_change) {
    r.error(r.where("from"), "bad-flowsheet",
            "a stock_change stream is placed by its node's stock_change key", *from,
            "no from or to");
  } else if (from) {
    bool ok = true;
    for (const auto& [key, node] : {std::pair{"from", *from}, std::pair{"to", *to}}) {
      if (node != "env" && !site.find_node(node)) {
        r.error(r.where(key), "unknown-node", fmt::format("'{}' names an undeclared node", key),
                node, "the id of a [[nodes]] entry, or \"env\" for outside the plant");
        ok = false;
      }
    }
    if (ok && *from == *to) {
      r.error(r.where("to"), "bad-flowsheet", "a stream from a node to itself", *to,
              "two different nodes");
    } else if (ok) {
      s.from = *from;
      s.to = *to;
    }
  }
}

// A stream's default uncertainties: sd = { dry_t = "1%", Pb = "2%" }.
void read_stream_sd(TableReader& r, const Site& site, Stream& s) {
  if (const toml::node* sd = r.get("sd", false)) {
    const toml::table* values = sd->as_table();
    if (values == nullptr) {
      r.error(sd->source(), "wrong-type", "'sd' must be an inline table", type_name(*sd),
              "{ dry_t = \"1%\", Pb = \"2%\" }");
      return;
    }
    for (const auto& [key, node] : *values) {
      if (key.str() == "dry_t") {
        s.dry_t_sd = read_uncertainty(node, 1.0, r, "dry_t");
      } else if (const auto m = site.find_metal(key.str())) {
        s.assay_sd[*m] =
            read_uncertainty(node, units::fraction_per(site.metals[*m].grade_unit), r, key.str());
      } else {
        r.error(node.source(), "unknown-key", fmt::format("unknown key in sd of '{}'", s.id),
                std::string(key.str()), "dry_t or a metal symbol of [[metals]]");
      }
    }
  }
}

// The flowsheet: [[nodes]], the from/to and sd of [[streams]], and [balance].
// Read after [[metals]], since uncertainties are given per metal.
void read_flowsheet(const toml::table& root, const std::string& file, Site& site,
                    core::Diagnostics& diags) {
  read_balance_settings(root, file, site, diags);
  read_nodes(root, file, site, diags);
  for_each_table(root, "streams", file, diags, [&](const toml::table& t, std::size_t i) {
    TableReader r(t, file, diags, fmt::format("[[streams]] entry {}", i + 1));
    const auto id = r.string("id", false);
    const auto index = id ? site.find_stream(*id) : std::nullopt;
    if (!index || site.streams[*index].line != t.source().begin.line) return;  // reported already
    Stream& s = site.streams[*index];
    s.assay_sd.assign(site.metals.size(), std::nullopt);
    read_stream_ends(r, site, s);
    read_stream_sd(r, site, s);
  });
  for (Stream& s : site.streams) s.assay_sd.resize(site.metals.size());
}

// [highlights]: sentence templates replacing the defaults.
void read_highlights(const toml::table& root, const std::string& file, Site& site,
                     core::Diagnostics& diags) {
  if (const toml::table* h = root["highlights"].as_table()) {
    for (const auto& [key, node] : *h) {
      if (const auto text = node.value<std::string>()) {
        site.highlight_templates.emplace_back(std::string(key.str()), *text);
      } else {
        diags.error(file, static_cast<std::uint32_t>(node.source().begin.line),
                    static_cast<std::uint32_t>(node.source().begin.column), "wrong-type",
                    "a highlight template must be a string", type_name(node),
                    "a sentence in quotes");
      }
    }
  }
}

// [site]: name, currency and the fiscal year end.
void read_site_table(const toml::table& root, const std::string& file, Site& site,
                     core::Diagnostics& diags) {
  if (const toml::table* s = root["site"].as_table()) {
    TableReader r(*s, file, diags, "[site]");
    r.allow_only({"name", "currency", "fiscal_year_end"});
    site.name = r.string("name", true).value_or("");
    site.currency = r.string("currency", true).value_or("");
    if (const auto end = r.string("fiscal_year_end", false)) {
      std::string why;
      site.fiscal_year = calendar::fiscal_year_ending(*end, why);
      if (!site.fiscal_year) {
        r.error(r.where("fiscal_year_end"), "bad-fiscal-year-end", why, *end,
                "the last day of a month as MM-DD, e.g. \"06-30\" for a June year end");
      }
    }
  } else {
    diags.error(file, 1, 1, "missing-key", "site.toml has no [site] table", "",
                "a [site] table with name and currency");
  }
}

// Table [key] of site.toml: none when it is absent, or (with a wrong-type
// error) not a table.
const toml::table* optional_table(const toml::table& root, const char* key, const std::string& file,
                                  core::Diagnostics& diags, const std::string& expected) {
  const toml::node* node = root.get(key);
  if (node == nullptr) return nullptr;
  const toml::table* t = node->as_table();
  if (t == nullptr) {
    diags.error(file, static_cast<std::uint32_t>(node->source().begin.line),
                static_cast<std::uint32_t>(node->source().begin.column), "wrong-type",
                fmt::format("[{}] must be a table", key), type_name(*node), expected);
  }
  return t;
}

// [display]: digits of the site-wide figures.
void read_display(const toml::table& root, const std::string& file, Site& site,
                  core::Diagnostics& diags) {
  const toml::table* d =
      optional_table(root, "display", file, diags,
                     "a [display] table with tonnes_decimals or throughput_decimals");
  if (d == nullptr) return;
  TableReader r(*d, file, diags, "[display]");
  r.allow_only({"tonnes_decimals", "throughput_decimals"});
  site.display.tonnes_decimals = r.integer("tonnes_decimals", 0, kMaxDecimals);
  site.display.throughput_decimals = r.integer("throughput_decimals", 0, kMaxDecimals);
}

// [files]: data files read from sheets of workbooks, "book.xlsx" (its first
// sheet) or "book.xlsx#Sheet".
void read_files(const toml::table& root, const std::string& file, Site& site,
                core::Diagnostics& diags) {
  const toml::table* t = optional_table(root, "files", file, diags,
                                        "a [files] table such as streams = \"streams.xlsx#Mill\"");
  if (t == nullptr) return;
  TableReader r(*t, file, diags, "[files]");
  r.allow_only(
      {"streams", "production", "sales", "prices", "lots", "costs", "financials", "reported"});
  for (const std::string_view key : kTableFiles) {
    const auto value = r.string(key, false);
    if (!value) continue;
    const toml::source_region& at = r.where(key);
    WorkbookFile f;
    f.key = std::string(key);
    f.line = static_cast<std::uint32_t>(at.begin.line);
    f.column = static_cast<std::uint32_t>(at.begin.column);
    const auto hash = value->find('#');
    f.workbook = value->substr(0, hash);
    if (hash != std::string::npos) f.sheet = value->substr(hash + 1);
    const std::string_view book(f.workbook);
    const std::string expected = fmt::format(
        "a workbook in the dataset folder and optionally a sheet: \"{0}.xlsx\" or "
        "\"{0}.xlsx#Sheet1\"",
        key);
    if (book.size() <= 5 || book.substr(book.size() - 5) != ".xlsx") {
      r.error(at, "bad-workbook", fmt::format("'{}' in [files] must name an .xlsx workbook", key),
              *value, expected);
    } else if (book.front() == '/') {
      r.error(at, "bad-workbook",
              fmt::format("'{}' in [files] is relative to the dataset folder", key), *value,
              expected);
    } else if (hash != std::string::npos && f.sheet.empty()) {
      r.error(at, "bad-workbook", fmt::format("'{}' in [files] has no sheet after '#'", key),
              *value, expected);
    } else {
      site.files.push_back(std::move(f));
    }
  }
}

void read_streams(const toml::table& root, const std::string& file, Site& site,
                  core::Diagnostics& diags) {
  for_each_table(root, "streams", file, diags, [&](const toml::table& t, std::size_t i) {
    TableReader r(t, file, diags, fmt::format("[[streams]] entry {}", i + 1));
    r.allow_only({"id", "role", "label", "from", "to", "sd"});
    Stream s;
    s.line = static_cast<std::uint32_t>(t.source().begin.line);
    s.column = static_cast<std::uint32_t>(t.source().begin.column);
    s.id = r.string("id", true).value_or("");
    const auto role = r.string("role", true);
    s.label = r.string("label", false).value_or(s.id);
    if (role) {
      if (auto parsed = stream_role_from_string(*role)) {
        s.role = *parsed;
      } else {
        r.error(t.get("role")->source(), "unknown-role", "unknown stream role", *role,
                std::string(kRoles));
      }
    }
    if (s.id.empty()) return;
    if (site.find_stream(s.id)) {
      r.error(t.source(), "duplicate-stream", "stream id declared twice", s.id,
              "each stream id once");
      return;
    }
    site.streams.push_back(std::move(s));
  });
  if (site.streams.empty()) {
    diags.error(file, 1, 1, "missing-key", "site.toml declares no streams", "",
                "at least one [[streams]] table");
  }
}

// A metal's grade and production units: by default g/t and troy ounces for
// precious metals, % and pounds for base metals.
void read_metal_units(const toml::table& t, TableReader& r, Metal& m) {
  const bool precious = is_precious(m.symbol);
  m.grade_unit = precious ? units::GradeUnit::grams_per_tonne : units::GradeUnit::percent;
  m.production_unit = precious ? units::MassUnit::troy_ounce : units::MassUnit::pound;
  if (auto gu = r.string("grade_unit", false)) {
    if (auto parsed = units::grade_unit_from_string(*gu)) {
      m.grade_unit = *parsed;
    } else {
      r.error(t.get("grade_unit")->source(), "unknown-unit", "unknown grade unit", *gu,
              "g/t, %, ppm or oz/st");
    }
  }
  if (auto pu = r.string("production_unit", false)) {
    if (auto parsed = units::mass_unit_from_string(*pu)) {
      m.production_unit = *parsed;
    } else {
      r.error(t.get("production_unit")->source(), "unknown-unit", "unknown production unit", *pu,
              "oz, lb, t, kg, g or st");
    }
  }
}

// The concentrates a metal is sold in.
void read_metal_products(TableReader& r, const Site& site, Metal& m) {
  for (const auto& [id, where] : r.strings("products")) {
    const auto s = site.find_stream(id);
    if (!s) {
      r.error(where, "unknown-stream",
              fmt::format("product of {} is not a declared stream", m.symbol), id,
              "the id of a [[streams]] entry");
    } else if (site.streams[*s].role != StreamRole::concentrate) {
      r.error(where, "not-a-product",
              fmt::format("product of {} must be a concentrate stream", m.symbol), id,
              "a stream with role = \"concentrate\"");
    } else {
      m.products.push_back(*s);
    }
  }
}

// Digits shown per kind of figure; a key absent leaves the digits to the
// magnitude of the figures (docs/formulas.md §15).
void read_metal_decimals(TableReader& r, Metal& m) {
  m.head_grade_decimals = r.integer("head_grade_decimals", 0, kMaxDecimals);
  m.concentrate_grade_decimals = r.integer("concentrate_grade_decimals", 0, kMaxDecimals);
  m.recovery_decimals = r.integer("recovery_decimals", 0, kMaxDecimals);
  m.production_decimals = r.integer("production_decimals", 0, kMaxDecimals);
  m.payable_decimals = r.integer("payable_decimals", 0, kMaxDecimals);
  m.price_decimals = r.integer("price_decimals", 0, kMaxDecimals);
}

// The unit grades are also shown in ("oz/st" beside g/t); it must differ from
// the metal's grade unit, else the second row would repeat the first.
void read_second_grade_unit(const toml::table& t, TableReader& r, Metal& m) {
  const auto text = r.string("second_grade_unit", false);
  if (!text) return;
  const auto parsed = units::grade_unit_from_string(*text);
  if (!parsed) {
    r.error(t.get("second_grade_unit")->source(), "unknown-unit", "unknown second grade unit",
            *text, "g/t, %, ppm or oz/st");
  } else if (*parsed == m.grade_unit) {
    r.error(t.get("second_grade_unit")->source(), "same-unit",
            fmt::format("second_grade_unit of {} is its grade_unit", m.symbol), *text,
            fmt::format("a unit other than {}", units::to_string(m.grade_unit)));
  } else {
    m.second_grade_unit = *parsed;
  }
}

void read_metals(const toml::table& root, const std::string& file, Site& site,
                 core::Diagnostics& diags) {
  for_each_table(root, "metals", file, diags, [&](const toml::table& t, std::size_t i) {
    TableReader r(t, file, diags, fmt::format("[[metals]] entry {}", i + 1));
    r.allow_only({"symbol", "name", "grade_unit", "production_unit", "products", "recovery_label",
                  "production_label", "head_grade_decimals", "concentrate_grade_decimals",
                  "recovery_decimals", "production_decimals", "payable_decimals", "price_decimals",
                  "second_grade_unit"});
    Metal m;
    m.symbol = r.string("symbol", true).value_or("");
    if (m.symbol.empty()) return;
    if (m.symbol.find('_') != std::string::npos || m.symbol.find(',') != std::string::npos) {
      r.error(t.get("symbol")->source(), "bad-symbol", "metal symbol cannot contain '_' or ','",
              m.symbol, "a symbol such as Ag");
      return;
    }
    m.name = r.string("name", false).value_or(default_name(m.symbol));
    read_metal_units(t, r, m);
    read_metal_products(r, site, m);
    read_metal_decimals(r, m);
    read_second_grade_unit(t, r, m);
    m.recovery_label = r.string("recovery_label", false).value_or("");
    m.production_label = r.string("production_label", false).value_or("");
    if (site.find_metal(m.symbol)) {
      r.error(t.source(), "duplicate-metal", "metal declared twice", m.symbol,
              "each metal symbol once");
      return;
    }
    site.metals.push_back(std::move(m));
  });
}

void read_guidance(const toml::table& root, const std::string& file, Site& site,
                   core::Diagnostics& diags) {
  for_each_table(root, "guidance", file, diags, [&](const toml::table& t, std::size_t i) {
    TableReader r(t, file, diags, fmt::format("[[guidance]] entry {}", i + 1));
    r.allow_only({"year", "metal", "low", "high"});
    Site::Guidance g;
    const auto year = r.number("year", true, 1900, 2200);
    const auto symbol = r.string("metal", true);
    const auto low = r.number("low", true, 0);
    const auto high = r.number("high", true, 0);
    const auto metal = symbol ? site.find_metal(*symbol) : std::nullopt;
    if (symbol && !metal) {
      r.error(r.where("metal"), "unknown-metal", "unknown metal in [[guidance]]", *symbol,
              "a metal symbol declared in [[metals]]");
    }
    if (low && high && *low > *high) {
      r.error(r.where("low"), "bad-range", "guidance low above high",
              fmt::format("{} to {}", *low, *high), "low at most high");
      return;
    }
    if (!year || !metal || !low || !high) return;
    g.year = static_cast<int>(*year);
    g.metal = *metal;
    g.low = *low;
    g.high = *high;
    g.line = static_cast<std::uint32_t>(t.source().begin.line);
    site.guidance.push_back(g);
  });
}

}  // namespace

Site load_site_toml(std::string_view text, const std::string& file, core::Diagnostics& diags) {
  Site site;
  const std::optional<toml::table> parsed = parse_toml(text, file, diags);
  if (!parsed) return site;
  const toml::table& root = *parsed;

  TableReader top(root, file, diags, "site.toml");
  top.allow_only({"site", "metals", "streams", "nodes", "balance", "costs", "highlights",
                  "guidance", "equivalents", "display", "files"});
  read_highlights(root, file, site, diags);
  read_files(root, file, site, diags);
  read_site_table(root, file, site, diags);
  read_display(root, file, site, diags);
  // Streams first: metals name their products by stream id.
  read_streams(root, file, site, diags);
  read_metals(root, file, site, diags);
  read_flowsheet(root, file, site, diags);
  if (const toml::table* c = root["costs"].as_table()) read_cost_settings(*c, file, site, diags);
  read_guidance(root, file, site, diags);
  read_equivalents(root, file, site, diags);
  return site;
}

}  // namespace orebook::dataset
