#include "orebook/balance/problem.h"

#include <algorithm>
#include <fstream>
#include <sstream>

#include <fmt/format.h>

#include "orebook/dataset/toml_reader.h"

namespace orebook::balance {

using dataset::for_each_table;
using dataset::TableReader;

std::optional<Problem> load_problem(const std::string& path, dataset::Diagnostics& diags) {
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
                                         dataset::Diagnostics& diags) {
  const std::optional<toml::table> parsed = dataset::parse_toml(text, file, diags);
  if (!parsed) return std::nullopt;
  const toml::table& root = *parsed;
  const std::size_t before = diags.error_count();
  TableReader top(root, file, diags, "the problem");
  top.allow_only({"options", "stream"});
  Problem p;
  if (const toml::table* o = root["options"].as_table()) {
    TableReader r(*o, file, diags, "[options]");
    r.allow_only({"alpha", "eliminate"});
    p.options.alpha = r.number("alpha", false).value_or(0.05);
    if (const std::string why = p.options.Validate(); !why.empty()) {
      r.error(r.where("alpha"), "out-of-range", why, fmt::format("{}", p.options.alpha),
              "a significance level between 0 and 1, such as 0.05");
    }
    if (const toml::node* e = r.get("eliminate", false)) {
      if (const auto b = e->value<bool>()) {
        p.options.eliminate = *b;
      } else {
        r.error(e->source(), "wrong-type", "'eliminate' in [options] must be true or false",
                dataset::type_name(*e), "true or false");
      }
    }
  }
  struct Raw {
    std::string from, to;
    std::optional<double> flow;
    double sd = 0.0;
  };
  std::vector<Raw> raw;
  for_each_table(root, "stream", file, diags, [&](const toml::table& t, std::size_t i) {
    TableReader r(t, file, diags, fmt::format("[[stream]] entry {}", i + 1));
    r.allow_only({"id", "from", "to", "flow", "flow_sd", "assay", "assay_sd"});
    if (t.contains("assay") || t.contains("assay_sd")) {
      r.error(r.where("assay"), "not-supported",
              "assays need bilinear reconciliation, which orebook does not do yet", "assay",
              "flows only (flow, flow_sd)");
    }
    const auto id = r.string("id", true);
    Raw s;
    s.from = r.string("from", true).value_or("");
    s.to = r.string("to", true).value_or("");
    s.flow = r.number("flow", false);
    const auto sd = r.number("flow_sd", s.flow.has_value(), 1e-300);
    s.sd = sd.value_or(1.0);
    if (!id) return;
    if (std::find(p.stream_ids.begin(), p.stream_ids.end(), *id) != p.stream_ids.end()) {
      r.error(t.source(), "duplicate-stream", "stream id given twice", *id, "each stream id once");
      return;
    }
    if (s.from == s.to) {
      r.error(r.where("to"), "bad-stream", "a stream from a node to itself", s.to,
              "two different nodes");
    }
    for (const std::string* node : {&s.from, &s.to}) {
      if (*node != "env" && !node->empty() &&
          std::find(p.node_ids.begin(), p.node_ids.end(), *node) == p.node_ids.end()) {
        p.node_ids.push_back(*node);
      }
    }
    p.stream_ids.push_back(*id);
    raw.push_back(s);
  });
  if (raw.empty()) {
    diags.error(file, 1, 1, "missing-key", "the problem has no streams", "", "[[stream]] tables");
  }
  if (diags.error_count() > before) return std::nullopt;
  const auto index = [&](const std::string& node) {
    return static_cast<Eigen::Index>(std::find(p.node_ids.begin(), p.node_ids.end(), node) -
                                     p.node_ids.begin());
  };
  p.linear.incidence = Eigen::MatrixXd::Zero(static_cast<Eigen::Index>(p.node_ids.size()),
                                             static_cast<Eigen::Index>(raw.size()));
  for (std::size_t j = 0; j < raw.size(); ++j) {
    const auto col = static_cast<Eigen::Index>(j);
    if (raw[j].to != "env") p.linear.incidence(index(raw[j].to), col) += 1.0;      // into the node
    if (raw[j].from != "env") p.linear.incidence(index(raw[j].from), col) -= 1.0;  // out of it
    p.linear.measured.push_back(raw[j].flow);
    p.linear.sd.push_back(raw[j].sd);
  }
  return p;
}

}  // namespace orebook::balance
