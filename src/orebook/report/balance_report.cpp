#include "orebook/report/balance_report.h"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "orebook/balance/check_in_out.h"
#include "orebook/report/format.h"
#include "orebook/report/json.h"

namespace orebook::report {

namespace {

nlohmann::ordered_json opt(const std::optional<double>& v) {
  return v ? nlohmann::ordered_json(*v) : nlohmann::ordered_json(nullptr);
}

// Suspected and eliminated gross errors, for the notes.
void gross_error_notes(const std::string& what, const balance::StreamResult& x,
                       std::vector<std::string>& notes) {
  if (!x.gross_error) return;
  notes.push_back(fmt::format("{} {}: estimated gross error {}{}{}.",
                              x.eliminated ? "Eliminated" : "Suspect", what,
                              *x.gross_error > 0 ? "+" : "", format_fixed(*x.gross_error, 3),
                              x.z ? fmt::format(" (z = {})", format_fixed(*x.z, 3)) : ""));
}

nlohmann::ordered_json test_json(const balance::GlobalTest& g) {
  return {
      {"statistic", g.statistic}, {"dof", g.dof}, {"critical", g.critical}, {"passed", g.passed}};
}

// The global test and measurement critical value as notes: of the whole for
// a connected flowsheet, else of each part (each is reconciled on its own)
// and an overall verdict. `symbol`: γ (linear) or J (bilinear).
void test_notes(const balance::Problem& p, const std::vector<balance::PartResult>& parts,
                const balance::GlobalTest& global, double measurement_critical,
                std::string_view symbol, std::vector<std::string>& notes) {
  auto test = [&](const balance::GlobalTest& g) {
    return fmt::format("{} = {} against χ²({}) critical {} at α = {}: {}", symbol,
                       format_fixed(g.statistic, 3), g.dof, format_fixed(g.critical, 3),
                       p.options.alpha, g.passed ? "passed" : "failed");
  };
  if (parts.size() <= 1) {
    notes.push_back(fmt::format("Global test: {}.", test(global)));
    notes.push_back(fmt::format("Measurement test critical value (Šidák): {}.",
                                format_fixed(measurement_critical, 3)));
    return;
  }
  std::string failed;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    const balance::PartResult& part = parts[i];
    const balance::Part nodes{part.nodes, {}};
    notes.push_back(
        fmt::format("Part {} ({}; {} stream{}): {}{}; measurement test critical value (Šidák) {}.",
                    i + 1, balance::describe_part(nodes, p.node_ids), part.streams.size(),
                    part.streams.size() == 1 ? "" : "s", test(part.global),
                    part.global.dof == 0 ? " (no redundancy: nothing in this part is tested)" : "",
                    format_fixed(part.measurement_critical, 3)));
    if (!part.global.passed) failed += fmt::format("{}{}", failed.empty() ? "" : ", ", i + 1);
  }
  notes.push_back(fmt::format(
      "The flowsheet falls into {} parts that meet only outside the plant, each reconciled on its "
      "own: {} (together {} = {}, χ²({})).",
      parts.size(),
      failed.empty() ? std::string("every part passes its global test")
                     : fmt::format("part{} {} fail{} the global test",
                                   failed.find(',') == std::string::npos ? "" : "s", failed,
                                   failed.find(',') == std::string::npos ? "s" : ""),
      symbol, format_fixed(global.statistic, 3), global.dof));
}

// The whole's measurement critical value: null when each part has its own.
nlohmann::ordered_json measurement_critical_json(const std::vector<balance::PartResult>& parts,
                                                 double value) {
  return parts.size() > 1 ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(value);
}

// The parts for JSON: nodes, stream count, test, critical value, solves.
nlohmann::ordered_json parts_json(const balance::Problem& p,
                                  const std::vector<balance::PartResult>& parts) {
  auto out = nlohmann::ordered_json::array();
  for (const balance::PartResult& part : parts) {
    auto nodes = nlohmann::ordered_json::array();
    for (std::size_t i : part.nodes) nodes.push_back(p.node_ids[i]);
    out.push_back(
        {{"nodes", nodes},
         {"streams", part.streams.size()},
         {"measured", part.measured},
         {"global_test", test_json(part.global)},
         {"measurement_critical", part.measurement_critical},
         {"summary",
          {{"termination", part.summary.termination}, {"iterations", part.summary.iterations}}}});
  }
  return out;
}

std::vector<Table> tables(const balance::Problem& p, const balance::LinearResult& r) {
  Table s;
  s.title = "Reconciled flows";
  s.show_change = false;
  s.periods = {"measured", "reconciled", "adjustment", "sd before", "sd after", "z"};
  for (std::size_t j = 0; j < p.stream_ids.size(); ++j) {
    const auto& x = r.streams[j];
    const auto& m = p.linear.measured[j];
    std::optional<double> adj;
    if (m && x.reconciled) adj = *x.reconciled - *m;
    Figure f("stream." + p.stream_ids[j],
             fmt::format("{} ({}{})", p.stream_ids[j], balance::to_string(x.cls),
                         x.eliminated ? ", eliminated" : ""),
             "", 3, "",
             {x.measured, x.reconciled, adj, m ? std::optional(p.linear.sd[j]) : std::nullopt, x.sd,
              x.z});
    s.add(f);
    gross_error_notes(p.stream_ids[j], x, s.notes);
  }
  Table n;
  n.title = "Node balances";
  n.show_change = false;
  n.periods = {"residual before", "residual after", "nodal z"};
  for (std::size_t i = 0; i < p.node_ids.size(); ++i) {
    const auto& x = r.nodes[i];
    n.add({"node." + p.node_ids[i],
           p.node_ids[i],
           "",
           3,
           "",
           {x.residual_before, x.residual_after, x.z}});
  }
  s.caption = p.title;
  std::string eliminated;
  for (std::size_t j : r.eliminated)
    eliminated += (eliminated.empty() ? "" : ", ") + p.stream_ids[j];
  test_notes(p, r.parts, r.global, r.measurement_critical, "γ", n.notes);
  for (std::size_t j : r.held)
    n.notes.push_back("Held at zero (non-negativity): flow " + p.stream_ids[j] + ".");
  if (!eliminated.empty()) n.notes.push_back("Eliminated as gross errors: " + eliminated + ".");
  n.notes.push_back("Termination: " + r.summary.BriefReport() + ".");
  return {s, n};
}

// Decimals of metal quantities: whole units of oz or lb, finer for problem files.
int metal_decimals(const balance::Problem& p, std::size_t k) {
  return p.metal_factor[k] == 1.0 ? 3 : 0;
}

// One row per variable: flows, then each component's assays; node balances;
// check-in/check-out.
std::vector<Table> tables(const balance::Problem& p, const balance::BilinearResult& r) {
  const auto& b = p.bilinear;
  Table s;
  s.title = "Reconciled flows and assays";
  s.caption = p.title;
  s.show_change = false;
  s.periods = {"measured", "reconciled", "adjustment", "sd before", "sd after", "z"};
  auto row = [&](const std::string& key, const std::string& label, const balance::StreamResult& x,
                 const std::optional<double>& sd_before, int decimals) {
    std::optional<double> adj;
    if (x.measured && x.reconciled) adj = *x.reconciled - *x.measured;
    s.add({key,
           fmt::format("{} ({})", label, balance::to_string(x.cls)),
           "",
           decimals,
           "",
           {x.measured, x.reconciled, adj, x.measured ? sd_before : std::nullopt, x.sd, x.z}});
    gross_error_notes(label, x, s.notes);
  };
  for (std::size_t j = 0; j < p.stream_ids.size(); ++j) {
    row("stream." + p.stream_ids[j], p.stream_ids[j] + " flow", r.flow[j], b.flow_sd[j], 3);
    for (std::size_t k = 0; k < b.components.size(); ++k) {
      row("stream." + p.stream_ids[j] + ".assay." + b.components[k],
          p.stream_ids[j] + " " + p.component_labels[k], r.assay[k][j], b.assay_sd[k][j], 4);
    }
  }
  test_notes(p, r.parts, r.global, r.measurement_critical, "J", s.notes);
  // Below 1e-12 the figure is rounding noise that differs between machines.
  s.notes.push_back(
      r.max_relative_residual <= 1e-12
          ? std::string("Balances close to rounding (below 1e-12 relative).")
          : fmt::format("Balances close to {:.1e} relative.", r.max_relative_residual));
  for (const auto& bound : r.active_bounds)
    s.notes.push_back("Held at zero (non-negativity): " + bound + ".");
  s.notes.push_back("Termination: " + r.summary.BriefReport() + ".");

  Table n;
  n.title = "Node balances";
  n.show_change = false;
  n.periods = {"residual before", "residual after", "nodal z"};
  const std::size_t nodes = p.node_ids.size();
  for (std::size_t c = 0; c <= b.components.size(); ++c) {
    for (std::size_t i = 0; i < nodes; ++i) {
      const auto& x = r.nodes[c * nodes + i];
      const std::string what = c == 0 ? "mass" : b.components[c - 1];
      n.add({"node." + p.node_ids[i] + "." + what,
             p.node_ids[i] + " " + what,
             "",
             c == 0 ? 3 : 4,
             "",
             {x.residual_before, x.residual_after, x.z}});
    }
  }

  std::vector<Table> out{s, n};
  const auto accounts = balance::check_in_out(p, r);
  for (bool reconciled : {false, true}) {
    Table t;
    t.title = reconciled ? "Check-in/check-out, reconciled" : "Check-in/check-out, measured";
    t.show_change = false;
    t.periods = {"in", "out", "stock change", "unaccounted", "low (95%)", "high (95%)"};
    for (const auto& a : accounts) {
      const auto& m = reconciled ? a.reconciled : a.raw;
      const std::string& node = p.node_ids[a.node];
      t.add({"check_in_out." + node + "." + b.components[a.component],
             fmt::format("{} {} ({})", node, b.components[a.component], p.metal_unit[a.component]),
             p.metal_unit[a.component],
             metal_decimals(p, a.component),
             "",
             {m.in, m.out, m.stock, m.unaccounted, m.low(), m.high()}});
    }
    if (reconciled) {
      t.notes.push_back(
          "Reconciled σ ignore the correlations the balance creates, so the interval overstates "
          "the uncertainty of the unaccounted metal.");
    }
    out.push_back(t);
  }
  return out;
}

nlohmann::ordered_json variable_json(const balance::StreamResult& x) {
  nlohmann::ordered_json v;
  v["measured"] = opt(x.measured);
  v["reconciled"] = opt(x.reconciled);
  v["sd"] = opt(x.sd);
  v["z"] = opt(x.z);
  v["class"] = std::string(balance::to_string(x.cls));
  v["eliminated"] = x.eliminated;
  v["gross_error"] = opt(x.gross_error);
  return v;
}

}  // namespace

nlohmann::ordered_json balance_json(const balance::Problem& p, const balance::BilinearResult& r) {
  nlohmann::ordered_json j;
  auto streams = nlohmann::ordered_json::array();
  for (std::size_t k = 0; k < p.stream_ids.size(); ++k) {
    nlohmann::ordered_json s;
    s["id"] = p.stream_ids[k];
    s["flow"] = variable_json(r.flow[k]);
    nlohmann::ordered_json assays = nlohmann::ordered_json::object();
    for (std::size_t c = 0; c < p.bilinear.components.size(); ++c) {
      assays[p.bilinear.components[c]] = variable_json(r.assay[c][k]);
    }
    s["assay"] = assays;
    streams.push_back(s);
  }
  j["streams"] = streams;
  auto nodes = nlohmann::ordered_json::array();
  const std::size_t node_count = p.node_ids.size();
  for (std::size_t i = 0; i < node_count; ++i) {
    nlohmann::ordered_json balances;
    for (std::size_t c = 0; c <= p.bilinear.components.size(); ++c) {
      const auto& x = r.nodes[c * node_count + i];
      balances[c == 0 ? std::string("mass") : p.bilinear.components[c - 1]] = {
          {"residual_before", opt(x.residual_before)},
          {"residual_after", opt(x.residual_after)},
          {"z", opt(x.z)}};
    }
    nodes.push_back({{"id", p.node_ids[i]}, {"balances", balances}});
  }
  j["nodes"] = nodes;
  auto accounts = nlohmann::ordered_json::array();
  for (const auto& a : balance::check_in_out(p, r)) {
    auto account = [](const balance::MetalAccount& m) {
      return nlohmann::ordered_json{{"in", opt(m.in)},
                                    {"out", opt(m.out)},
                                    {"stock_change", opt(m.stock)},
                                    {"unaccounted", opt(m.unaccounted)},
                                    {"sd", opt(m.sd)},
                                    {"low", opt(m.low())},
                                    {"high", opt(m.high())}};
    };
    accounts.push_back({{"node", p.node_ids[a.node]},
                        {"metal", p.bilinear.components[a.component]},
                        {"unit", p.metal_unit[a.component]},
                        {"measured", account(a.raw)},
                        {"reconciled", account(a.reconciled)}});
  }
  j["check_in_out"] = accounts;
  j["global_test"] = test_json(r.global);
  j["measurement_critical"] = measurement_critical_json(r.parts, r.measurement_critical);
  j["parts"] = parts_json(p, r.parts);
  j["eliminated"] = r.eliminated;
  j["active_bounds"] = r.active_bounds;
  j["max_relative_residual"] = r.max_relative_residual;
  j["summary"] = {{"termination", r.summary.termination}, {"iterations", r.summary.iterations}};
  return j;
}

nlohmann::ordered_json balance_json(const balance::Problem& p, const balance::LinearResult& r) {
  nlohmann::ordered_json j;
  auto streams = nlohmann::ordered_json::array();
  for (std::size_t k = 0; k < p.stream_ids.size(); ++k) {
    const auto& x = r.streams[k];
    nlohmann::ordered_json flow;
    flow["measured"] = opt(x.measured);
    flow["reconciled"] = opt(x.reconciled);
    flow["sd"] = opt(x.sd);
    flow["z"] = opt(x.z);
    flow["class"] = std::string(balance::to_string(x.cls));
    flow["eliminated"] = x.eliminated;
    flow["gross_error"] = opt(x.gross_error);
    streams.push_back({{"id", p.stream_ids[k]}, {"flow", flow}});
  }
  j["streams"] = streams;
  auto nodes = nlohmann::ordered_json::array();
  for (std::size_t i = 0; i < p.node_ids.size(); ++i) {
    const auto& x = r.nodes[i];
    nodes.push_back({{"id", p.node_ids[i]},
                     {"residual_before", opt(x.residual_before)},
                     {"residual_after", opt(x.residual_after)},
                     {"z", opt(x.z)}});
  }
  j["nodes"] = nodes;
  j["global_test"] = test_json(r.global);
  j["measurement_critical"] = measurement_critical_json(r.parts, r.measurement_critical);
  j["parts"] = parts_json(p, r.parts);
  auto eliminated = nlohmann::ordered_json::array();
  for (std::size_t k : r.eliminated) eliminated.push_back(p.stream_ids[k]);
  j["eliminated"] = eliminated;
  auto held = nlohmann::ordered_json::array();
  for (std::size_t k : r.held) held.push_back(p.stream_ids[k]);
  j["held_at_zero"] = held;
  j["summary"] = {{"termination", r.summary.termination}, {"iterations", r.summary.iterations}};
  return j;
}

std::string render_balance(const balance::Problem& p, const balance::BilinearResult& r,
                           Format format) {
  if (format != Format::json) return render(tables(p, r), format);
  return json_text(balance_json(p, r));
}

std::string render_balance(const balance::Problem& p, const balance::LinearResult& r,
                           Format format) {
  if (format != Format::json) return render(tables(p, r), format);
  return json_text(balance_json(p, r));
}

PeriodSummary summarise(const calendar::Period& period, const balance::PeriodBalance& b,
                        bool with_values) {
  PeriodSummary out;
  out.period = period;
  if (b.problem.idle) {
    out.status = "idle";
    return out;
  }
  if (!b.balanced()) {
    out.status = "not balanced";
    return out;
  }
  out.status = fmt::format("{}, global test {}", b.summary()->termination,
                           b.global()->passed ? "passed" : "failed");
  out.global = *b.global();
  out.iterations = b.summary()->iterations;
  const balance::Problem& p = b.problem.problem;
  auto add = [&](std::size_t j, const std::string& what, const balance::StreamResult& x) {
    if (with_values) out.reconciled.emplace_back(p.stream_ids[j], what, x.reconciled);
    if (x.gross_error)
      out.suspects.push_back(
          {p.stream_ids[j] + " " + what, x.measured, x.reconciled, x.z, *x.gross_error});
  };
  for (std::size_t j = 0; j < p.stream_ids.size(); ++j) {
    if (b.linear) add(j, "flow", b.linear->streams[j]);
    if (!b.bilinear) continue;
    add(j, "flow", b.bilinear->flow[j]);
    for (std::size_t k = 0; k < p.bilinear.components.size(); ++k)
      add(j, p.bilinear.components[k], b.bilinear->assay[k][j]);
  }
  return out;
}

std::string render_balance_batch(const std::vector<PeriodSummary>& periods, Format format) {
  if (format == Format::json) {
    auto list = nlohmann::ordered_json::array();
    for (const PeriodSummary& s : periods) {
      nlohmann::ordered_json e;
      e["period"] = s.period.to_string();
      e["status"] = s.status;
      if (s.global) {
        e["global_test"] = test_json(*s.global);
        e["iterations"] = s.iterations;
      }
      auto suspects = nlohmann::ordered_json::array();
      for (const auto& x : s.suspects) {
        suspects.push_back({{"variable", x.variable},
                            {"measured", opt(x.measured)},
                            {"reconciled", opt(x.reconciled)},
                            {"z", opt(x.z)},
                            {"gross_error", x.gross_error}});
      }
      e["suspects"] = suspects;
      nlohmann::ordered_json values = nlohmann::ordered_json::object();
      for (const auto& [stream, what, v] : s.reconciled) values[stream][what] = opt(v);
      e["reconciled"] = values;
      list.push_back(e);
    }
    nlohmann::ordered_json j;
    j["periods"] = list;
    return json_text(j);
  }
  Table t;
  t.title = "Balances by period";
  t.show_change = false;
  t.periods = {"J", "critical"};
  std::size_t failed = 0;
  for (const PeriodSummary& s : periods) {
    if (s.global && !s.global->passed) ++failed;
    std::string label = fmt::format("{} ({}", s.period.to_string(), s.status);
    if (s.global) {
      label += fmt::format("; χ²({}), {} suspect{}, {} solve{}", s.global->dof, s.suspects.size(),
                           s.suspects.size() == 1 ? "" : "s", s.iterations,
                           s.iterations == 1 ? "" : "s");
    }
    t.add({"period." + s.period.to_string(),
           label + ")",
           "",
           3,
           "",
           {s.global ? std::optional(s.global->statistic) : std::nullopt,
            s.global ? std::optional(s.global->critical) : std::nullopt}});
    std::string list;
    for (const auto& x : s.suspects) {
      list += fmt::format("{}{} ({}{})", list.empty() ? "" : ", ", x.variable,
                          x.gross_error > 0 ? "+" : "", format_fixed(x.gross_error, 3));
    }
    if (!list.empty()) t.notes.push_back(s.period.to_string() + ": " + list + ".");
  }
  t.notes.push_back(fmt::format("{} of {} periods fail the global test.", failed, periods.size()));
  return render(std::vector<Table>{t}, format);
}

}  // namespace orebook::report
