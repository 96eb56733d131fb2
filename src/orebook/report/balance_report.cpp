#include "orebook/report/balance_report.h"

#include <algorithm>
#include <cmath>
#include <ostream>
#include <sstream>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "orebook/accounting/formulas.h"
#include "orebook/balance/check_in_out.h"
#include "orebook/report/charts.h"
#include "orebook/report/format.h"
#include "orebook/report/json_writer.h"

namespace orebook::report {

namespace {

// Suspected and eliminated gross errors, for the notes.
void gross_error_notes(const std::string& what, const balance::StreamResult& x,
                       std::vector<std::string>& notes) {
  if (!x.gross_error) return;
  notes.push_back(fmt::format("{} {}: estimated gross error {}{}{}.",
                              x.eliminated ? "Eliminated" : "Suspect", what,
                              *x.gross_error > 0 ? "+" : "", format_fixed(*x.gross_error, 3),
                              x.z ? fmt::format(" (z = {})", format_fixed(*x.z, 3)) : ""));
}

void write_test(JsonWriter& w, const balance::GlobalTest& g) {
  w.begin_object();
  w.key("statistic").value(g.statistic);
  w.key("dof").value(g.dof);
  w.key("critical").value(g.critical);
  w.key("passed").value(g.passed);
  w.end_object();
}

void write_summary(JsonWriter& w, const balance::BalanceSummary& s) {
  w.begin_object();
  w.key("termination").value(s.termination);
  w.key("iterations").value(s.iterations);
  w.end_object();
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
  std::vector<std::size_t> failed;  // part numbers
  for (std::size_t i = 0; i < parts.size(); ++i) {
    const balance::PartResult& part = parts[i];
    const balance::Part nodes{part.nodes, {}};
    notes.push_back(
        fmt::format("Part {} ({}; {} stream{}): {}{}; measurement test critical value (Šidák) {}.",
                    i + 1, balance::describe_part(nodes, p.node_ids), part.streams.size(),
                    part.streams.size() == 1 ? "" : "s", test(part.global),
                    part.global.dof == 0 ? " (no redundancy: nothing in this part is tested)" : "",
                    format_fixed(part.measurement_critical, 3)));
    if (!part.global.passed) failed.push_back(i + 1);
  }
  notes.push_back(fmt::format(
      "The flowsheet falls into {} parts that meet only outside the plant, each reconciled on its "
      "own: {} (together {} = {}, χ²({})).",
      parts.size(),
      failed.empty() ? std::string("every part passes its global test")
                     : fmt::format("{} fail{} the global test", balance::name_parts(failed),
                                   failed.size() == 1 ? "s" : ""),
      symbol, format_fixed(global.statistic, 3), global.dof));
}

// The whole's global test, measurement critical value (null when each part
// has its own) and the parts: nodes, stream count, test, critical value, solves.
void write_tests_and_parts(JsonWriter& w, const balance::Problem& p,
                           const balance::GlobalTest& global, double measurement_critical,
                           const std::vector<balance::PartResult>& parts) {
  write_test(w.key("global_test"), global);
  if (parts.size() > 1) {
    w.key("measurement_critical").null();
  } else {
    w.key("measurement_critical").value(measurement_critical);
  }
  w.key("parts").begin_array();
  for (const balance::PartResult& part : parts) {
    w.begin_object();
    w.key("nodes").begin_array();
    for (std::size_t i : part.nodes) w.value(p.node_ids[i]);
    w.end_array();
    w.key("streams").value(part.streams.size());
    w.key("measured").value(part.measured);
    write_test(w.key("global_test"), part.global);
    w.key("measurement_critical").value(part.measurement_critical);
    write_summary(w.key("summary"), part.summary);
    w.end_object();
  }
  w.end_array();
}

}  // namespace

std::vector<Table> balance_tables(const balance::Problem& p, const balance::LinearResult& r) {
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
    s.add(std::move(f));
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
  std::vector<Table> out;
  out.push_back(std::move(s));
  out.push_back(std::move(n));
  return out;
}

namespace {

// Decimals of metal quantities: whole units of oz or lb, finer for problem files.
int metal_decimals(const balance::Problem& p, std::size_t k) {
  return p.metal_factor[k] == 1.0 ? 3 : 0;
}

// One row per variable: flows, then each component's assays; node balances;
// check-in/check-out.
}  // namespace

std::vector<Table> balance_tables(const balance::Problem& p, const balance::BilinearResult& r) {
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

  std::vector<Table> out;
  out.push_back(std::move(s));
  out.push_back(std::move(n));
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
    out.push_back(std::move(t));
  }
  return out;
}

namespace {

void write_variable(JsonWriter& w, const balance::StreamResult& x) {
  w.begin_object();
  w.key("measured").value(x.measured);
  w.key("reconciled").value(x.reconciled);
  w.key("sd").value(x.sd);
  w.key("z").value(x.z);
  w.key("class").value(balance::to_string(x.cls));
  w.key("eliminated").value(x.eliminated);
  w.key("gross_error").value(x.gross_error);
  w.end_object();
}

void write_account(JsonWriter& w, const balance::MetalAccount& m) {
  w.begin_object();
  w.key("in").value(m.in);
  w.key("out").value(m.out);
  w.key("stock_change").value(m.stock);
  w.key("unaccounted").value(m.unaccounted);
  w.key("sd").value(m.sd);
  w.key("low").value(m.low());
  w.key("high").value(m.high());
  w.end_object();
}

}  // namespace

// Written as produced (json_writer.h): a document of every stream's results
// took longer to build than the reconciliation.
std::string balance_json(const balance::Problem& p, const balance::BilinearResult& r) {
  JsonWriter w;
  w.begin_object();
  w.key("streams").begin_array();
  for (std::size_t k = 0; k < p.stream_ids.size(); ++k) {
    w.begin_object();
    w.key("id").value(p.stream_ids[k]);
    write_variable(w.key("flow"), r.flow[k]);
    w.key("assay").begin_object();
    for (std::size_t c = 0; c < p.bilinear.components.size(); ++c)
      write_variable(w.key(p.bilinear.components[c]), r.assay[c][k]);
    w.end_object();
    w.end_object();
  }
  w.end_array();
  w.key("nodes").begin_array();
  const std::size_t node_count = p.node_ids.size();
  for (std::size_t i = 0; i < node_count; ++i) {
    w.begin_object();
    w.key("id").value(p.node_ids[i]);
    w.key("balances").begin_object();
    for (std::size_t c = 0; c <= p.bilinear.components.size(); ++c) {
      const auto& x = r.nodes[c * node_count + i];
      w.key(c == 0 ? std::string("mass") : p.bilinear.components[c - 1]).begin_object();
      w.key("residual_before").value(x.residual_before);
      w.key("residual_after").value(x.residual_after);
      w.key("z").value(x.z);
      w.end_object();
    }
    w.end_object();
    w.end_object();
  }
  w.end_array();
  w.key("check_in_out").begin_array();
  for (const auto& a : balance::check_in_out(p, r)) {
    w.begin_object();
    w.key("node").value(p.node_ids[a.node]);
    w.key("metal").value(p.bilinear.components[a.component]);
    w.key("unit").value(p.metal_unit[a.component]);
    write_account(w.key("measured"), a.raw);
    write_account(w.key("reconciled"), a.reconciled);
    w.end_object();
  }
  w.end_array();
  write_tests_and_parts(w, p, r.global, r.measurement_critical, r.parts);
  w.key("eliminated").begin_array();
  for (const auto& e : r.eliminated) w.value(e);
  w.end_array();
  w.key("active_bounds").begin_array();
  for (const auto& b : r.active_bounds) w.value(b);
  w.end_array();
  w.key("max_relative_residual").value(r.max_relative_residual);
  write_summary(w.key("summary"), r.summary);
  w.end_object();
  return w.take();
}

std::string balance_json(const balance::Problem& p, const balance::LinearResult& r) {
  JsonWriter w;
  w.begin_object();
  w.key("streams").begin_array();
  for (std::size_t k = 0; k < p.stream_ids.size(); ++k) {
    w.begin_object();
    w.key("id").value(p.stream_ids[k]);
    write_variable(w.key("flow"), r.streams[k]);
    w.end_object();
  }
  w.end_array();
  w.key("nodes").begin_array();
  for (std::size_t i = 0; i < p.node_ids.size(); ++i) {
    const auto& x = r.nodes[i];
    w.begin_object();
    w.key("id").value(p.node_ids[i]);
    w.key("residual_before").value(x.residual_before);
    w.key("residual_after").value(x.residual_after);
    w.key("z").value(x.z);
    w.end_object();
  }
  w.end_array();
  write_tests_and_parts(w, p, r.global, r.measurement_critical, r.parts);
  w.key("eliminated").begin_array();
  for (std::size_t k : r.eliminated) w.value(p.stream_ids[k]);
  w.end_array();
  w.key("held_at_zero").begin_array();
  for (std::size_t k : r.held) w.value(p.stream_ids[k]);
  w.end_array();
  write_summary(w.key("summary"), r.summary);
  w.end_object();
  return w.take();
}

std::string render_balance(const balance::Problem& p, const balance::BilinearResult& r,
                           Format format) {
  if (format != Format::json) return render(balance_tables(p, r), format);
  return balance_json(p, r);
}

std::string render_balance(const balance::Problem& p, const balance::LinearResult& r,
                           Format format) {
  if (format != Format::json) return render(balance_tables(p, r), format);
  return balance_json(p, r);
}

namespace {

// The period's object in the batch's JSON: two containers deep (the
// document, its "periods" array).
std::string period_json(const PeriodSummary& s, const balance::PeriodBalance& b) {
  JsonWriter w(2);
  w.begin_object();
  w.key("period").value(s.period.to_string());
  w.key("status").value(s.status);
  if (s.global) {
    write_test(w.key("global_test"), *s.global);
    w.key("iterations").value(s.iterations);
  }
  w.key("suspects").begin_array();
  for (const auto& x : s.suspects) {
    w.begin_object();
    w.key("variable").value(x.variable);
    w.key("measured").value(x.measured);
    w.key("reconciled").value(x.reconciled);
    w.key("z").value(x.z);
    w.key("gross_error").value(x.gross_error);
    w.end_object();
  }
  w.end_array();
  // Per stream, its reconciled values (null: unobservable).
  w.key("reconciled").begin_object();
  if (b.balanced()) {
    const balance::Problem& p = b.problem.problem;
    for (std::size_t j = 0; j < p.stream_ids.size(); ++j) {
      w.key(p.stream_ids[j]).begin_object();
      if (b.linear) w.key("flow").value(b.linear->streams[j].reconciled);
      if (b.bilinear) {
        w.key("flow").value(b.bilinear->flow[j].reconciled);
        for (std::size_t k = 0; k < p.bilinear.components.size(); ++k)
          w.key(p.bilinear.components[k]).value(b.bilinear->assay[k][j].reconciled);
      }
      w.end_object();
    }
  }
  w.end_object();
  w.end_object();
  return w.take_value();
}

}  // namespace

PeriodSummary summarise(const calendar::Period& period, const balance::PeriodBalance& b,
                        bool json) {
  PeriodSummary out;
  out.period = period;
  if (b.problem.idle) {
    out.status = "idle";
  } else if (!b.balanced()) {
    out.status = "not balanced";
  } else {
    out.status = fmt::format("{}, global test {}", b.summary()->termination,
                             b.global()->passed ? "passed" : "failed");
    out.global = *b.global();
    out.iterations = b.summary()->iterations;
    const balance::Problem& p = b.problem.problem;
    auto add = [&](std::size_t j, const std::string& what, const balance::StreamResult& x) {
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
  }
  if (json) out.json = period_json(out, b);
  return out;
}

void write_balance_batch(const std::vector<PeriodSummary>& periods, Format format,
                         std::ostream& out) {
  if (format != Format::json) {
    const std::string text = render_balance_batch(periods, format);
    out.write(text.data(), static_cast<std::streamsize>(text.size()));
    return;
  }
  JsonWriter w;
  w.begin_object();
  w.key("periods").begin_array();
  for (const PeriodSummary& s : periods) {
    w.raw(s.json);
    w.flush_to(out);
  }
  w.end_array();
  w.end_object();
  const std::string rest = w.take();
  out.write(rest.data(), static_cast<std::streamsize>(rest.size()));
}

Table balance_batch_table(const std::vector<PeriodSummary>& periods) {
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
  return t;
}

std::string render_balance_batch(const std::vector<PeriodSummary>& periods, Format format) {
  if (format == Format::json) {
    std::ostringstream out;
    write_balance_batch(periods, format, out);
    return std::move(out).str();
  }
  return render(std::vector<Table>{balance_batch_table(periods)}, format);
}

namespace {

using json = nlohmann::ordered_json;

// One stream of a Sankey: its ends (node index, or none: the plant's
// outside), what it carries, and how its measurement moved.
struct SankeyStream {
  std::optional<std::size_t> from, to;
  std::optional<double> value;  // reconciled, in the chart's unit
  std::optional<double> measured, reconciled, sd_before;
  const balance::StreamResult* result = nullptr;
};

// Where each stream of an incidence matrix (nodes × streams, +1 in, −1 out) runs.
std::vector<SankeyStream> stream_ends(const Eigen::SparseMatrix<double>& incidence,
                                      std::size_t streams) {
  std::vector<SankeyStream> out(streams);
  for (Eigen::Index j = 0; j < incidence.outerSize(); ++j) {
    for (Eigen::SparseMatrix<double>::InnerIterator it(incidence, j); it; ++it) {
      auto& s = out[static_cast<std::size_t>(j)];
      (it.value() > 0 ? s.to : s.from) = static_cast<std::size_t>(it.row());
    }
  }
  return out;
}

// The colour of a stream: its adjustment in σ of its measurement, or a
// gross error (suspected or eliminated).
const char* adjustment_colour(const SankeyStream& s, double sigma) {
  if (s.result != nullptr && (s.result->gross_error || s.result->eliminated)) return "#d62728";
  if (!s.measured) return "#b8bec6";
  const double a = std::abs(sigma);
  return a < 1.0 ? "#6f9fd8" : a < 2.0 ? "#f2b134" : "#f07c28";
}

constexpr std::string_view kSankeyNote =
    "Links are as wide as the reconciled quantity. Colour: the adjustment in σ of the "
    "measurement — blue under 1σ, yellow 1–2σ, orange 2σ and more; red a gross error (suspected "
    "or eliminated); grey unmeasured.";

// A Sankey of the flowsheet. ECharts draws only acyclic graphs: a stream
// that would close a loop (a recycle) ends at a copy of its node, marked so.
Chart sankey(const balance::Problem& p, std::vector<SankeyStream> streams, const std::string& title,
             const std::string& unit, int decimals) {
  std::vector<std::string> names = p.node_ids;
  std::vector<std::vector<std::size_t>> next(names.size());
  const auto name_of = [&](const std::string& wanted) {
    std::string name = wanted;
    while (std::find(names.begin(), names.end(), name) != names.end()) name += " ·";
    names.push_back(name);
    next.emplace_back();
    return names.size() - 1;
  };
  const auto reaches = [&](std::size_t from, std::size_t to) {
    std::vector<std::size_t> stack{from};
    std::vector<bool> seen(names.size(), false);
    while (!stack.empty()) {
      const std::size_t n = stack.back();
      stack.pop_back();
      if (n == to) return true;
      if (seen[n]) continue;
      seen[n] = true;
      for (std::size_t m : next[n]) stack.push_back(m);
    }
    return false;
  };
  Figure shown("", "", unit, decimals, "", {});
  json links = json::array();
  std::vector<std::string> not_drawn;
  for (std::size_t j = 0; j < streams.size(); ++j) {
    SankeyStream& s = streams[j];
    const std::string& id = p.stream_ids[j];
    if (!s.value || *s.value <= 0.0) {
      not_drawn.push_back(id);
      continue;
    }
    const std::size_t a = s.from ? *s.from : name_of(id);
    std::size_t b = s.to ? *s.to : name_of(id);
    if (reaches(b, a)) b = name_of(names[b] + " (recycle)");
    next[a].push_back(b);
    const double sigma = s.measured && s.reconciled && s.sd_before && *s.sd_before > 0
                             ? (*s.reconciled - *s.measured) / *s.sd_before
                             : 0.0;
    std::string detail = "reconciled " + display_value(shown, *s.reconciled) + " " + unit;
    if (s.measured) {
      detail += "<br>measured " + display_value(shown, *s.measured) + ", adjustment " +
                display_value(shown, *s.reconciled - *s.measured) +
                fmt::format(" ({}{}σ)", sigma > 0 ? "+" : "", format_fixed(sigma, 1));
    } else {
      detail += "<br>unmeasured";
    }
    if (s.result != nullptr && (s.result->gross_error || s.result->eliminated))
      detail +=
          s.result->eliminated ? "<br>eliminated as a gross error" : "<br>suspected gross error";
    const char* colour = adjustment_colour(s, sigma);
    links.push_back({{"source", names[a]},
                     {"target", names[b]},
                     {"value", chart_value(s.value, decimals)},
                     {"stream", id},
                     {"label", s.measured ? fmt::format("{} {}{}σ", id, sigma > 0 ? "+" : "",
                                                        format_fixed(sigma, 1))
                                          : id},
                     {"detail", detail},
                     {"lineStyle", {{"color", colour}, {"opacity", 0.75}}}});
  }
  json nodes = json::array();
  std::size_t longest = 0;
  for (const std::string& n : names) {
    nodes.push_back({{"name", n}});
    longest = std::max(longest, n.size());
  }
  // The last column's labels sit right of their nodes: room for the longest
  // (about 7 px a character at 12 px).
  const int right = 16 + 7 * static_cast<int>(longest);
  json o;
  o["animation"] = false;
  o["tooltip"] = {{"trigger", "item"}, {"formatter", "orebook:linkTooltip"}};
  o["series"] = json::array(
      {{{"type", "sankey"},
        {"left", 8},
        {"right", right},
        {"top", 12},
        {"bottom", 12},
        {"nodeGap", 14},
        {"draggable", false},
        {"emphasis", {{"focus", "adjacency"}}},
        {"label", {{"fontSize", 12}}},
        {"edgeLabel", {{"show", true}, {"fontSize", 10}, {"formatter", "orebook:edgeLabel"}}},
        {"lineStyle", {{"curveness", 0.5}}},
        {"data", nodes},
        {"links", links}}});
  std::string note(kSankeyNote);
  if (!not_drawn.empty()) {
    note += " Not drawn (no reconciled quantity above zero): ";
    for (std::size_t i = 0; i < not_drawn.size(); ++i) note += (i ? ", " : "") + not_drawn[i];
    note += ".";
  }
  const int height = std::clamp(static_cast<int>(names.size()) * 48, 320, 900);
  return make_chart(title, o, note, height);
}

std::string sankey_title(const balance::Problem& p, const std::string& what) {
  return p.title.empty() ? what : what + ", " + p.title;
}

// A Sankey of more streams than this is no longer read by anyone (nor drawn
// by a browser in reasonable time): the page says so instead.
constexpr std::size_t kMaxSankeyStreams = 300;

std::optional<Chart> too_large(const balance::Problem& p) {
  if (p.stream_ids.size() <= kMaxSankeyStreams) return std::nullopt;
  json o;
  o["animation"] = false;
  o["title"] = {{"text", fmt::format("Not drawn: {} streams (a Sankey is drawn up to {}); the "
                                     "tables below hold every stream",
                                     format_grouped(static_cast<double>(p.stream_ids.size()), 0),
                                     kMaxSankeyStreams)},
                {"left", "center"},
                {"top", "middle"},
                {"textStyle", {{"fontSize", 13}, {"fontWeight", "normal"}}}};
  return make_chart(sankey_title(p, "Flowsheet"), o, "", 80);
}

}  // namespace

std::vector<Chart> balance_charts(const balance::Problem& p, const balance::LinearResult& r) {
  if (auto c = too_large(p)) return {std::move(*c)};
  auto streams = stream_ends(p.linear.incidence, p.stream_ids.size());
  for (std::size_t j = 0; j < streams.size(); ++j) {
    const auto& x = r.streams[j];
    streams[j].value = x.reconciled;
    streams[j].measured = x.measured;
    streams[j].reconciled = x.reconciled;
    streams[j].sd_before = p.linear.measured[j] ? std::optional(p.linear.sd[j]) : std::nullopt;
    streams[j].result = &x;
  }
  return {sankey(p, std::move(streams), sankey_title(p, "Reconciled flows"), "", 3)};
}

std::vector<Chart> balance_charts(const balance::Problem& p, const balance::BilinearResult& r) {
  if (auto c = too_large(p)) return {std::move(*c)};
  const auto& b = p.bilinear;
  const auto ends = stream_ends(b.incidence, p.stream_ids.size());
  std::vector<Chart> out;
  auto streams = ends;
  for (std::size_t j = 0; j < streams.size(); ++j) {
    const auto& x = r.flow[j];
    streams[j].value = x.reconciled;
    streams[j].measured = x.measured;
    streams[j].reconciled = x.reconciled;
    streams[j].sd_before = x.measured ? std::optional(b.flow_sd[j]) : std::nullopt;
    streams[j].result = &x;
  }
  out.push_back(sankey(p, std::move(streams), sankey_title(p, "Mass (reconciled flows)"),
                       p.title.empty() ? "" : "t", 3));  // problem files: no unit
  // Per metal: the metal each stream carries, coloured by its assay's adjustment.
  for (std::size_t k = 0; k < b.components.size(); ++k) {
    auto metal = ends;
    for (std::size_t j = 0; j < metal.size(); ++j) {
      const auto& f = r.flow[j];
      const auto& a = r.assay[k][j];
      if (f.reconciled && a.reconciled)
        metal[j].value =
            accounting::contained_metal(*f.reconciled, *a.reconciled) * p.metal_factor[k];
      metal[j].measured = a.measured;
      metal[j].reconciled = a.reconciled;
      metal[j].sd_before = a.measured ? std::optional(b.assay_sd[k][j]) : std::nullopt;
      metal[j].result = &a;
    }
    Chart c = sankey(p, std::move(metal),
                     sankey_title(p, fmt::format("{} ({})", b.components[k], p.metal_unit[k])),
                     p.metal_unit[k], metal_decimals(p, k));
    c.note += " The colours and the σ are those of the stream's " + b.components[k] + " assay.";
    out.push_back(std::move(c));
  }
  return out;
}

Chart balance_test_chart(const std::vector<PeriodSummary>& periods) {
  json categories = json::array(), j = json::array(), critical = json::array();
  for (const PeriodSummary& s : periods) {
    categories.push_back(s.period.to_string());
    if (!s.global) {
      j.push_back(nullptr);
      critical.push_back(nullptr);
      continue;
    }
    json point = {{"value", chart_value(s.global->statistic, 3)}};
    if (!s.global->passed) point["itemStyle"] = {{"color", "#d62728"}};
    j.push_back(point);
    critical.push_back(chart_value(s.global->critical, 3));
  }
  json o = chart_base();
  o["xAxis"] = {{"type", "category"}, {"data", categories}};
  o["yAxis"] = {{"type", "value"}, {"name", "J"}};
  o["series"] = json::array({{{"name", "Global test statistic J"},
                              {"type", "line"},
                              {"showAllSymbol", true},
                              {"data", j}},
                             {{"name", "Critical value (χ², α)"},
                              {"type", "line"},
                              {"symbol", "none"},
                              {"lineStyle", {{"type", "dashed"}}},
                              {"data", critical}}});
  return make_chart("Global test by period", o,
                    "A red point fails the global test: J above its critical value. Gaps: "
                    "periods without a test (idle, or nothing redundant).");
}

}  // namespace orebook::report
