#include "orebook/balance/problem.h"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <functional>
#include <sstream>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

#include <fmt/format.h>

#include "orebook/core/progress.h"
#include "orebook/dataset/csv.h"
#include "orebook/dataset/dataset.h"
#include "orebook/dataset/record_check.h"
#include "orebook/dataset/toml_reader.h"

namespace orebook::balance {

using dataset::for_each_table;
using dataset::TableReader;

namespace {

// A [[stream]] entry as written.
struct Raw {
  std::optional<std::size_t> from, to;  // node indices; nullopt: env
  std::optional<double> flow;
  double sd = 0.0;
  std::uint32_t line = 0, column = 0;  // of the [[stream]] entry
  std::uint32_t flow_line = 0, flow_column = 0;
  std::vector<std::pair<std::string, double>> assay, assay_sd;
};

// Node ids in order of first mention, looked up by hash (issue 14: a
// linear search per stream made loading quadratic).
class NodeIndex {
 public:
  void reserve(std::size_t n) { seen_.reserve(n); }
  // The index of node `id`, added to p.node_ids at its first mention;
  // nullopt for env.
  std::optional<std::size_t> index(Problem& p, std::string_view id) {
    if (id == "env") return std::nullopt;
    const auto [it, added] = seen_.try_emplace(std::string(id), p.node_ids.size());
    if (added) p.node_ids.emplace_back(id);
    return it->second;
  }

 private:
  std::unordered_map<std::string, std::size_t> seen_;
};

// A node's id, or env.
std::string name_of(const Problem& p, const std::optional<std::size_t>& node) {
  return node ? p.node_ids[*node] : std::string("env");
}

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
  for (const auto& assay : s.assay) {
    const std::string& name = assay.first;
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
  NodeIndex nodes;
  for_each_table(root, "stream", file, diags, [&](const toml::table& t, std::size_t i) {
    TableReader r(t, file, diags, fmt::format("[[stream]] entry {}", i + 1));
    r.allow_only({"id", "from", "to", "flow", "flow_sd", "assay", "assay_sd"});
    const auto id = r.string("id", true);
    Raw s;
    const std::string from = r.string("from", true).value_or("");
    const std::string to = r.string("to", true).value_or("");
    s.flow = r.number("flow", false);
    s.line = static_cast<std::uint32_t>(t.source().begin.line);
    s.column = static_cast<std::uint32_t>(t.source().begin.column);
    s.flow_line = static_cast<std::uint32_t>(r.where("flow").begin.line);
    s.flow_column = static_cast<std::uint32_t>(r.where("flow").begin.column);
    const auto sd = r.number("flow_sd", s.flow.has_value(), 1e-300);
    s.sd = sd.value_or(1.0);
    read_assays(r, s, components);
    if (!id) return;
    if (!stream_seen.insert(*id).second) {
      r.error(t.source(), "duplicate-stream", "stream id given twice", *id, "each stream id once");
      return;
    }
    if (from == to) {
      r.error(r.where("to"), "bad-stream", "a stream from a node to itself", to,
              "two different nodes");
    }
    if (from.empty() || to.empty()) return;  // reported as missing
    s.from = nodes.index(p, from);
    s.to = nodes.index(p, to);
    p.stream_ids.push_back(*id);
    raw.push_back(std::move(s));
  });
  if (raw.empty()) {
    diags.error(file, 1, 1, "missing-key", "the problem has no streams", "", "[[stream]] tables");
  }
}

// The flows: measurements and the incidence matrix of the flowsheet.
void set_flows(Problem& p, const std::vector<Raw>& raw) {
  std::vector<Eigen::Triplet<double>> t;
  t.reserve(2 * raw.size());
  p.linear.measured.reserve(raw.size());
  p.linear.sd.reserve(raw.size());
  for (std::size_t j = 0; j < raw.size(); ++j) {
    const auto col = static_cast<int>(j);
    if (raw[j].to) t.emplace_back(static_cast<int>(*raw[j].to), col, 1.0);
    if (raw[j].from) t.emplace_back(static_cast<int>(*raw[j].from), col, -1.0);
    p.linear.measured.push_back(raw[j].flow);
    p.linear.sd.push_back(raw[j].sd);
  }
  p.linear.incidence.resize(static_cast<Eigen::Index>(p.node_ids.size()),
                            static_cast<Eigen::Index>(raw.size()));
  p.linear.incidence.setFromTriplets(t.begin(), t.end());
}

// What the balance can make of the measurements: σ it cannot weigh are an
// error; a node of one stream, a negative flow and a problem with nothing
// measured are warnings that say what follows from them.
void check_measurements(const Problem& p, const std::vector<Raw>& raw, const std::string& file,
                        core::Diagnostics& diags) {
  if (const auto clash = sd_beyond_precision(p)) {
    const Raw& low = raw[clash->low];
    diags.error(
        file, low.line, low.column, "sd-beyond-precision",
        fmt::format("the σ of stream {} ({}) is {:.3g} times that of stream {} ({}): "
                    "double precision cannot weigh one against the other",
                    p.stream_ids[clash->high], clash->high_sd, clash->high_sd / clash->low_sd,
                    p.stream_ids[clash->low], clash->low_sd),
        fmt::format("{}", clash->low_sd),
        "σ within a factor of 1e150 of each other (they are squared, and a double "
        "reaches 1e-308)");
  }
  std::vector<std::size_t> streams_at(p.node_ids.size(), 0);
  std::vector<std::size_t> last_stream(p.node_ids.size(), 0);
  for (Eigen::Index j = 0; j < p.linear.incidence.outerSize(); ++j) {
    for (Eigen::SparseMatrix<double>::InnerIterator it(p.linear.incidence, j); it; ++it) {
      ++streams_at[static_cast<std::size_t>(it.row())];
      last_stream[static_cast<std::size_t>(it.row())] = static_cast<std::size_t>(j);
    }
  }
  // Each rule said once, at its first case, with how many more there are and
  // their first lines (a generated problem can hold thousands).
  std::vector<std::size_t> single, negative;
  for (std::size_t i = 0; i < p.node_ids.size(); ++i)
    if (streams_at[i] == 1) single.push_back(i);
  bool any_measured = false;
  for (std::size_t j = 0; j < raw.size(); ++j) {
    if (!raw[j].flow && raw[j].assay.empty()) continue;
    any_measured = true;
    if (raw[j].flow && *raw[j].flow < 0.0) negative.push_back(j);
  }
  if (!single.empty()) {
    std::vector<std::uint32_t> more;  // lines of the nodes after the first
    for (std::size_t k = 1; k < single.size(); ++k)
      more.push_back(raw[last_stream[single[k]]].line);
    const std::size_t i = single.front();
    const Raw& s = raw[last_stream[i]];
    diags.warning(file, s.line, s.column, "single-stream-node",
                  fmt::format("node {} has one stream, {}: its balance holds that stream at "
                              "zero (a stream in or out of {} is missing from the problem){}",
                              p.node_ids[i], p.stream_ids[last_stream[i]], p.node_ids[i],
                              core::more_in_file(more)),
                  p.node_ids[i], "a node with a stream in and a stream out");
  }
  if (!negative.empty()) {
    std::vector<std::uint32_t> more;  // lines of the streams after the first
    for (std::size_t k = 1; k < negative.size(); ++k) more.push_back(raw[negative[k]].flow_line);
    const std::size_t j = negative.front();
    diags.warning(file, raw[j].flow_line, raw[j].flow_column, "negative-flow",
                  fmt::format("stream {} is measured below zero: a flow runs from '{}' to '{}' "
                              "and is reconciled at zero or above{}",
                              p.stream_ids[j], name_of(p, raw[j].from), name_of(p, raw[j].to),
                              core::more_in_file(more)),
                  fmt::format("{}", *raw[j].flow),
                  "a flow of zero or more (or the stream written the other way round)");
  }
  if (!any_measured && !raw.empty()) {
    diags.warning(file, 1, 1, "nothing-measured",
                  "no stream has a measured flow or assay: there is nothing to reconcile and "
                  "nothing to test",
                  "", "flow = ... on the streams that are measured");
  }
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

std::optional<SdClash> sd_beyond_precision(const Problem& p) {
  // Flows, then each component's assays: variable v is stream v % n.
  const std::size_t n = p.linear.measured.size();
  std::vector<std::optional<double>> measured = p.linear.measured;
  std::vector<double> sd = p.linear.sd;
  for (std::size_t k = 0; k < p.bilinear.components.size(); ++k) {
    measured.insert(measured.end(), p.bilinear.assay[k].begin(), p.bilinear.assay[k].end());
    sd.insert(sd.end(), p.bilinear.assay_sd[k].begin(), p.bilinear.assay_sd[k].end());
  }
  const auto pair = sd_beyond_precision(measured, sd);
  if (!pair) return std::nullopt;
  return SdClash{pair->first % n, pair->second % n, sd[pair->first], sd[pair->second]};
}

std::optional<Problem> load_problem(const std::string& path, core::Diagnostics& diags) {
  if (path.size() >= 4 && path.compare(path.size() - 4, 4, ".csv") == 0) {
    dataset::CsvReader reader(path);
    if (!reader.ok()) {
      diags.error(path, 0, 0, "missing-file", "cannot read the problem file", reader.open_error(),
                  "a CSV file");
      return std::nullopt;
    }
    return load_problem_csv(reader, path, diags);
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    diags.error(path, 0, 0, "missing-file", "cannot read the problem file", "", "a TOML file");
    return std::nullopt;
  }
  std::ostringstream text;
  text << in.rdbuf();
  return load_problem_toml(text.str(), path, diags);
}

namespace {

// The columns of a problem CSV: id, from, to, flow, flow_sd, and per
// component C a column C with its C_sd.
struct CsvColumns {
  std::optional<std::size_t> id, from, to, flow, flow_sd;
  std::vector<std::string> components;
  std::vector<std::size_t> assay, assay_sd;
};

std::optional<CsvColumns> csv_columns(const dataset::CsvRecord& header, const std::string& file,
                                      core::Diagnostics& diags) {
  CsvColumns c;
  const std::size_t before = diags.error_count();
  std::vector<std::pair<std::string_view, std::size_t>> sds;  // "C_sd" columns by component
  for (std::size_t i = 0; i < header.fields.size(); ++i) {
    const std::string_view name = header.fields[i];
    std::optional<std::size_t>* known = name == "id"        ? &c.id
                                        : name == "from"    ? &c.from
                                        : name == "to"      ? &c.to
                                        : name == "flow"    ? &c.flow
                                        : name == "flow_sd" ? &c.flow_sd
                                                            : nullptr;
    const bool taken =
        (known != nullptr && known->has_value()) ||
        std::find(c.components.begin(), c.components.end(), name) != c.components.end() ||
        std::any_of(sds.begin(), sds.end(), [&](const auto& sd) { return sd.first == name; });
    if (name.empty() || taken) {
      diags.error(file, header.line, header.columns[i],
                  name.empty() ? "missing-column" : "duplicate-column",
                  name.empty() ? "a column without a name" : "a column named twice",
                  std::string(name),
                  "id,from,to,flow,flow_sd and a column C with C_sd per assayed component");
      continue;
    }
    if (known != nullptr) {
      *known = i;
    } else if (name.size() > 3 && name.substr(name.size() - 3) == "_sd") {
      sds.emplace_back(name, i);
    } else {
      c.components.emplace_back(name);
      c.assay.push_back(i);
    }
  }
  for (const auto& [name, column] :
       {std::pair{"id", c.id}, std::pair{"from", c.from}, std::pair{"to", c.to}}) {
    if (!column)
      diags.error(file, header.line, 1, "missing-column", fmt::format("no '{}' column", name), "",
                  "id,from,to,flow,flow_sd");
  }
  if (c.flow.has_value() != c.flow_sd.has_value()) {
    diags.error(file, header.line, header.columns[c.flow ? *c.flow : *c.flow_sd], "missing-column",
                c.flow ? "a flow column without flow_sd" : "a flow_sd column without flow",
                c.flow ? "flow" : "flow_sd", "flow and flow_sd together");
  }
  for (std::size_t k = 0; k < c.components.size(); ++k) {
    const std::string sd = c.components[k] + "_sd";
    const auto it =
        std::find_if(sds.begin(), sds.end(), [&](const auto& e) { return e.first == sd; });
    if (it == sds.end()) {
      diags.error(file, header.line, header.columns[c.assay[k]], "missing-column",
                  fmt::format("assay column {} has no {} column", c.components[k], sd),
                  c.components[k], sd);
      c.assay_sd.push_back(0);
    } else {
      c.assay_sd.push_back(it->second);
      sds.erase(it);
    }
  }
  for (const auto& [name, column] : sds) {
    diags.error(file, header.line, header.columns[column], "unknown-column",
                fmt::format("{} names no assay column", name), std::string(name),
                fmt::format("a column {} beside it", name.substr(0, name.size() - 3)));
  }
  if (diags.error_count() > before) return std::nullopt;
  return c;
}

}  // namespace

std::optional<Problem> load_problem_csv(dataset::CsvReader& reader, const std::string& file,
                                        core::Diagnostics& diags) {
  dataset::CsvRecord rec;
  if (!dataset::first_record(reader, rec, file, "id,from,to,flow,flow_sd", diags))
    return std::nullopt;
  const auto columns = csv_columns(rec, file, diags);
  if (!columns) return std::nullopt;
  const CsvColumns& c = *columns;
  const std::size_t width = rec.fields.size();
  const std::size_t before = diags.error_count();
  Problem p;
  std::vector<Raw> raw;
  // Rows expected, from the file's size, so the tables are not regrown.
  const std::size_t rows = static_cast<std::size_t>(reader.total_bytes() / 24) + 16;
  std::unordered_set<std::string> stream_seen;
  stream_seen.reserve(rows);
  NodeIndex nodes;
  nodes.reserve(rows / 2);
  raw.reserve(rows);
  p.stream_ids.reserve(rows);
  // A number, or nullopt for an empty cell; a cell that is neither is reported.
  auto number = [&](dataset::RecordCheck& check, std::size_t column, bool sd,
                    bool& bad) -> std::optional<double> {
    const std::string_view text = rec.fields[column];
    if (text.empty()) return std::nullopt;
    const auto v = dataset::parse_number(text);
    if (!v || (sd && !(*v > 0.0))) {
      check.bad(column, v ? "out-of-range" : "malformed-number",
                v ? "a standard deviation of zero or less" : "not a number",
                sd ? "a number above zero" : "a number");
      bad = true;
      return std::nullopt;
    }
    return v;
  };
  core::Progress progress("reading " + file, reader.total_bytes(), "bytes");
  while (reader.next(rec)) {
    if (rec.line % 65536 == 0) progress.set(reader.consumed_bytes());
    dataset::RecordCheck check(rec, file, diags);
    if (!check.well_formed(width)) continue;
    bool bad = false;
    Raw s;
    s.line = rec.line;
    s.column = 1;
    const std::string_view id = rec.fields[*c.id];
    const std::string_view from = rec.fields[*c.from], to = rec.fields[*c.to];
    for (const std::size_t k : {*c.id, *c.from, *c.to}) {
      if (rec.fields[k].empty()) {
        check.bad(k, "missing-value", "an empty cell", "a stream or node id");
        bad = true;
      }
    }
    if (!bad && from == to) {
      check.bad(*c.to, "bad-stream", "a stream from a node to itself", "two different nodes");
      bad = true;
    }
    if (c.flow) {
      s.flow = number(check, *c.flow, false, bad);
      s.flow_line = rec.line;
      s.flow_column = rec.columns[*c.flow];
      const auto sd = number(check, *c.flow_sd, true, bad);
      if (s.flow && !sd && rec.fields[*c.flow_sd].empty()) {
        check.bad(*c.flow_sd, "missing-value", "a measured flow without its σ",
                  "a number above zero");
        bad = true;
      }
      s.sd = sd.value_or(1.0);
    }
    for (std::size_t k = 0; k < c.components.size(); ++k) {
      const auto v = number(check, c.assay[k], false, bad);
      const auto sd = number(check, c.assay_sd[k], true, bad);
      if (v && !sd && rec.fields[c.assay_sd[k]].empty()) {
        check.bad(c.assay_sd[k], "missing-value",
                  fmt::format("an assay of {} without its σ", c.components[k]),
                  "a number above zero");
        bad = true;
      }
      if (v) {
        s.assay.emplace_back(c.components[k], *v);
        s.assay_sd.emplace_back(c.components[k], sd.value_or(1.0));
      }
    }
    if (bad) continue;
    if (!stream_seen.emplace(id).second) {
      check.bad(*c.id, "duplicate-stream", "stream id given twice", "each stream id once");
      continue;
    }
    s.from = nodes.index(p, from);
    s.to = nodes.index(p, to);
    p.stream_ids.emplace_back(id);
    raw.push_back(std::move(s));
  }
  if (raw.empty() && diags.error_count() == before)
    diags.error(file, rec.line, 1, "missing-key", "the problem has no streams", "",
                "a row per stream");
  if (diags.error_count() > before) return std::nullopt;
  std::vector<std::string> components;
  for (std::size_t k = 0; k < c.components.size(); ++k) {
    const bool used = std::any_of(raw.begin(), raw.end(), [&](const Raw& r) {
      return std::any_of(r.assay.begin(), r.assay.end(),
                         [&](const auto& a) { return a.first == c.components[k]; });
    });
    if (used) components.push_back(c.components[k]);
  }
  set_flows(p, raw);
  set_components(p, raw, components);
  check_measurements(p, raw, file, diags);
  if (diags.error_count() > before) return std::nullopt;
  return p;
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
  set_flows(p, raw);
  set_components(p, raw, components);
  check_measurements(p, raw, file, diags);
  if (diags.error_count() > before) return std::nullopt;
  return p;
}

namespace {

// "in demo-mine, 2012-03, " or nothing for a problem file.
std::string in_title(const Problem& p) { return p.title.empty() ? "" : "in " + p.title + ", "; }

// The diagnostics both kinds of result share: balances not closed (`what`
// names balance i), parts without redundancy.
void common_diagnostics(const Problem& p, const std::vector<Unclosed>& unclosed,
                        const std::vector<PartResult>& parts,
                        const std::function<std::string(std::size_t)>& what,
                        const std::string& file, std::vector<core::Diagnostic>& out) {
  for (const Unclosed& u : unclosed) {
    const bool finite = std::isfinite(u.residual) && std::isfinite(u.largest);
    out.push_back(
        {file, 0, 0, core::Severity::error, "balance-not-closed",
         fmt::format("{}the balance of {} does not close after reconciling: {} (the measurements' "
                     "values and σ span more than double precision resolves); no result is given",
                     in_title(p), what(u.balance),
                     finite ? fmt::format("residual {:.6g} against its largest term {:.6g}",
                                          u.residual, u.largest)
                            : std::string("its reconciled values are not finite numbers")),
         finite                   ? fmt::format("{:.3g} relative", u.residual / u.largest)
         : std::isnan(u.residual) ? std::string("nan")  // whatever its sign bit
                                  : fmt::format("{}", u.residual),
         "a balance closing to 1e-9 of its largest term"});
  }
  for (std::size_t i = 0; i < parts.size(); ++i) {
    if (parts[i].global.dof > 0 || parts[i].measured == 0) continue;
    const std::string which =
        parts.size() == 1
            ? "the flowsheet"
            : fmt::format("part {} ({})", i + 1, describe_part({parts[i].nodes, {}}, p.node_ids));
    out.push_back({file, 0, 0, core::Severity::warning, "no-redundancy",
                   fmt::format("{}{} has no redundancy: its balances leave the measurements as "
                               "they are and nothing is tested (χ²(0))",
                               in_title(p), which),
                   "", "more measured streams, or fewer unmeasured ones, in that part"});
  }
}

// Variables held at zero by their bound, said once: the first few named.
void held_diagnostic(const Problem& p, const std::vector<std::string>& held,
                     const std::string& file, std::vector<core::Diagnostic>& out) {
  if (held.empty()) return;
  std::string names;
  for (std::size_t k = 0; k < held.size() && k < 5; ++k) names += (k == 0 ? "" : ", ") + held[k];
  if (held.size() > 5) names += fmt::format(" and {} more", held.size() - 5);
  out.push_back({file, 0, 0, core::Severity::warning, "bound-active",
                 fmt::format("{}{} {} held at zero: the balances would make {} negative; the "
                             "tests are those of the bounded solution",
                             in_title(p), names, held.size() == 1 ? "is" : "are",
                             held.size() == 1 ? "it" : "them"),
                 "", ""});
}

}  // namespace

std::vector<core::Diagnostic> result_diagnostics(const Problem& p, const LinearResult& r,
                                                 const std::string& file) {
  std::vector<core::Diagnostic> out;
  common_diagnostics(
      p, r.unclosed, r.parts, [&](std::size_t i) { return "node " + p.node_ids[i]; }, file, out);
  std::vector<std::string> held;
  for (std::size_t j : r.held) held.push_back("flow " + p.stream_ids[j]);
  held_diagnostic(p, held, file, out);
  return out;
}

std::vector<core::Diagnostic> result_diagnostics(const Problem& p, const BilinearResult& r,
                                                 const std::string& file) {
  std::vector<core::Diagnostic> out;
  const std::size_t nodes = p.node_ids.size();
  common_diagnostics(
      p, r.unclosed, r.parts,
      [&](std::size_t i) {
        const std::size_t c = i / nodes;
        return fmt::format("node {} ({})", p.node_ids[i % nodes],
                           c == 0 ? std::string("mass") : p.bilinear.components[c - 1]);
      },
      file, out);
  held_diagnostic(p, r.active_bounds, file, out);
  return out;
}

}  // namespace orebook::balance
