#include "orebook/balance/problem.h"

#include <algorithm>
#include <fstream>
#include <sstream>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

#include <fmt/format.h>

#include "orebook/dataset/toml_reader.h"

namespace orebook::balance {

using dataset::for_each_table;
using dataset::TableReader;

namespace {

// A [[stream]] entry as written.
struct Raw {
  std::string from, to;
  std::optional<double> flow;
  double sd = 0.0;
  std::vector<std::pair<std::string, double>> assay, assay_sd;
};

void read_options(const toml::table& root, const std::string& file, core::Diagnostics& diags,
                  BalanceOptions& options) {
  if (const toml::table* o = root["options"].as_table()) {
    TableReader r(*o, file, diags, "[options]");
    r.allow_only({"alpha", "eliminate"});
    options.alpha = r.number("alpha", false).value_or(0.05);
    if (const std::string why = options.Validate(); !why.empty()) {
      r.error(r.where("alpha"), "out-of-range", why, fmt::format("{}", options.alpha),
              "a significance level between 0 and 1, such as 0.05");
    }
    if (const toml::node* e = r.get("eliminate", false)) {
      if (const auto b = e->value<bool>()) {
        options.eliminate = *b;
      } else {
        r.error(e->source(), "wrong-type", "'eliminate' in [options] must be true or false",
                dataset::type_name(*e), "true or false");
      }
    }
  }
}

// assay = { Pb = 3.1 } and assay_sd = { Pb = 0.06 }: numbers by component.
void read_assays(TableReader& r, Raw& s, std::vector<std::string>& components) {
  for (const auto& [key, into] :
       {std::pair{"assay", &s.assay}, std::pair{"assay_sd", &s.assay_sd}}) {
    const toml::node* node = r.get(key, false);
    if (node == nullptr) continue;
    const toml::table* values = node->as_table();
    if (values == nullptr) {
      r.error(node->source(), "wrong-type", fmt::format("'{}' must be an inline table", key),
              dataset::type_name(*node), "{ Pb = 3.1, Zn = 5.9 }");
      continue;
    }
    for (const auto& [name, v] : *values) {
      const auto number = v.is_integer()
                              ? std::optional(static_cast<double>(*v.value<std::int64_t>()))
                              : v.value<double>();
      if (!number || (std::string_view(key) == "assay_sd" && !(*number > 0))) {
        r.error(v.source(), number ? "out-of-range" : "malformed-number",
                fmt::format("{} of {} is not a usable number", key, name.str()),
                number ? fmt::format("{}", *number) : dataset::type_name(v),
                std::string_view(key) == "assay_sd" ? "a number above zero" : "a number");
        // Reported here: not also as a missing assay_sd.
        if (std::string_view(key) == "assay_sd") into->emplace_back(std::string(name.str()), 1.0);
        continue;
      }
      into->emplace_back(std::string(name.str()), *number);
      if (std::find(components.begin(), components.end(), name.str()) == components.end()) {
        components.emplace_back(name.str());
      }
    }
  }
  for (const auto& [name, value] : s.assay) {
    const bool has_sd = std::any_of(s.assay_sd.begin(), s.assay_sd.end(),
                                    [&](const auto& a) { return a.first == name; });
    if (!has_sd) {
      r.error(r.where("assay"), "missing-key", fmt::format("assay of {} has no assay_sd", name), "",
              fmt::format("assay_sd = {{ {} = ... }}", name));
    }
  }
}

// The [[stream]] entries as written, their ids, and the nodes and components
// in order of first mention.
void read_streams(const toml::table& root, const std::string& file, core::Diagnostics& diags,
                  Problem& p, std::vector<std::string>& components, std::vector<Raw>& raw) {
  // Ids seen so far, looked up by hash (issue 14: a linear search per stream
  // made loading quadratic — 100,000 streams took 40–50 s).
  std::unordered_set<std::string> stream_seen;
  std::unordered_map<std::string, std::size_t> node_seen;
  for_each_table(root, "stream", file, diags, [&](const toml::table& t, std::size_t i) {
    TableReader r(t, file, diags, fmt::format("[[stream]] entry {}", i + 1));
    r.allow_only({"id", "from", "to", "flow", "flow_sd", "assay", "assay_sd"});
    const auto id = r.string("id", true);
    Raw s;
    s.from = r.string("from", true).value_or("");
    s.to = r.string("to", true).value_or("");
    s.flow = r.number("flow", false);
    const auto sd = r.number("flow_sd", s.flow.has_value(), 1e-300);
    s.sd = sd.value_or(1.0);
    read_assays(r, s, components);
    if (!id) return;
    if (!stream_seen.insert(*id).second) {
      r.error(t.source(), "duplicate-stream", "stream id given twice", *id, "each stream id once");
      return;
    }
    if (s.from == s.to) {
      r.error(r.where("to"), "bad-stream", "a stream from a node to itself", s.to,
              "two different nodes");
    }
    for (const std::string* node : {&s.from, &s.to}) {
      if (*node != "env" && !node->empty() && node_seen.emplace(*node, p.node_ids.size()).second) {
        p.node_ids.push_back(*node);
      }
    }
    p.stream_ids.push_back(*id);
    raw.push_back(s);
  });
  if (raw.empty()) {
    diags.error(file, 1, 1, "missing-key", "the problem has no streams", "", "[[stream]] tables");
  }
}

// The flows: measurements and the incidence matrix of the flowsheet; false
// when the flowsheet falls apart.
bool set_flows(Problem& p, const std::vector<Raw>& raw, const std::string& file,
               core::Diagnostics& diags) {
  std::unordered_map<std::string_view, std::size_t> node_index;
  node_index.reserve(p.node_ids.size());
  for (std::size_t n = 0; n < p.node_ids.size(); ++n) node_index.emplace(p.node_ids[n], n);
  const auto index = [&](const std::string& node) -> std::optional<std::size_t> {
    if (node == "env") return std::nullopt;
    const auto it = node_index.find(node);
    return it == node_index.end() ? p.node_ids.size() : it->second;
  };
  Flowsheet sheet;
  sheet.nodes = p.node_ids;
  for (std::size_t j = 0; j < raw.size(); ++j) {
    sheet.streams.push_back({p.stream_ids[j], index(raw[j].from), index(raw[j].to)});
    p.linear.measured.push_back(raw[j].flow);
    p.linear.sd.push_back(raw[j].sd);
  }
  if (sheet.parts().size() > 1) {
    diags.error(file, 1, 1, "disconnected-flowsheet",
                "the flowsheet falls apart into parts with no stream between them",
                sheet.describe_parts(), "one connected flowsheet (balance each part on its own)");
    return false;
  }
  p.linear.incidence = sheet.incidence();
  return true;
}

// The components: their labels, and the assays of the bilinear problem.
void set_components(Problem& p, const std::vector<Raw>& raw,
                    const std::vector<std::string>& components) {
  for (const std::string& c : components) {
    p.component_labels.push_back(c);
    p.metal_factor.push_back(1.0);
    p.metal_unit.push_back("t·assay");
  }
  if (!components.empty()) {
    BilinearProblem& b = p.bilinear;
    b.incidence = p.linear.incidence;
    b.components = components;
    b.flow = p.linear.measured;
    b.flow_sd = p.linear.sd;
    b.assay.assign(components.size(), std::vector<std::optional<double>>(raw.size()));
    b.assay_sd.assign(components.size(), std::vector<double>(raw.size(), 1.0));
    for (std::size_t j = 0; j < raw.size(); ++j) {
      for (std::size_t k = 0; k < components.size(); ++k) {
        for (const auto& [name, v] : raw[j].assay)
          if (name == components[k]) b.assay[k][j] = v;
        for (const auto& [name, v] : raw[j].assay_sd)
          if (name == components[k]) b.assay_sd[k][j] = v;
      }
    }
  }
}

}  // namespace

std::optional<Problem> load_problem(const std::string& path, core::Diagnostics& diags) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    diags.error(path, 0, 0, "missing-file", "cannot read the problem file", "", "a TOML file");
    return std::nullopt;
  }
  std::ostringstream text;
  text << in.rdbuf();
  return load_problem_toml(text.str(), path, diags);
}

std::optional<Problem> load_problem_toml(std::string_view text, const std::string& file,
                                         core::Diagnostics& diags) {
  const std::optional<toml::table> parsed = dataset::parse_toml(text, file, diags);
  if (!parsed) return std::nullopt;
  const toml::table& root = *parsed;
  const std::size_t before = diags.error_count();
  TableReader top(root, file, diags, "the problem");
  top.allow_only({"options", "stream"});
  Problem p;
  read_options(root, file, diags, p.options);
  std::vector<std::string> components;  // in order of first mention
  std::vector<Raw> raw;
  read_streams(root, file, diags, p, components, raw);
  if (diags.error_count() > before) return std::nullopt;
  if (!set_flows(p, raw, file, diags)) return std::nullopt;
  set_components(p, raw, components);
  return p;
}

}  // namespace orebook::balance
