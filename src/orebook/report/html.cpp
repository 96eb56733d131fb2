#include "orebook/report/html.h"

#include <fmt/format.h>

#include "orebook/report/echarts_asset.h"
#include "orebook/report/render.h"

namespace orebook::report {

namespace {

// Screen: a readable page of tables. Print (@media print): A4 landscape
// margins, no chart or table split over a page, links and shadows gone.
constexpr std::string_view kStyle = R"css(
:root { --ink: #1d2430; --muted: #5b6575; --rule: #d5dae1; --band: #f4f6f8; }
* { box-sizing: border-box; }
body { margin: 0; color: var(--ink); background: #fff;
  font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
main { max-width: 1180px; margin: 0 auto; padding: 24px 28px 48px; }
header.page { border-bottom: 2px solid var(--ink); margin-bottom: 20px; padding-bottom: 8px; }
h1 { font-size: 22px; margin: 0 0 4px; }
h2 { font-size: 17px; margin: 28px 0 6px; }
p.meta, p.caption, p.chart-note { color: var(--muted); margin: 0 0 8px; }
figure.chart { margin: 18px 0 8px; border: 1px solid var(--rule); border-radius: 6px; padding: 10px 12px; }
figure.chart figcaption { font-weight: 600; margin-bottom: 4px; }
div.chart { width: 100%; }
section.table { overflow-x: auto; }
table.figures { border-collapse: collapse; font-variant-numeric: tabular-nums; margin: 4px 0 6px; }
table.figures th, table.figures td { padding: 3px 10px; border-bottom: 1px solid var(--rule); }
table.figures thead th { text-align: right; border-bottom: 2px solid var(--ink); white-space: nowrap; }
table.figures thead th:first-child { text-align: left; }
table.figures td { text-align: right; white-space: nowrap; }
table.figures th[scope=row] { text-align: left; font-weight: normal; white-space: nowrap; }
table.figures tr.heading th { text-align: left; font-weight: 600; background: var(--band); }
table.figures .indent-1 { padding-left: 26px; }
table.figures .indent-2 { padding-left: 42px; }
ul.notes { margin: 6px 0 0; padding-left: 20px; }
section.about table { border-collapse: collapse; }
section.about td, section.about th { text-align: left; padding: 2px 10px 2px 0; vertical-align: top; }
section.about code { font-size: 12px; word-break: break-all; }
@media print {
  @page { size: A4 landscape; margin: 12mm; }
  body { font-size: 10.5pt; }
  main { max-width: none; padding: 0; }
  figure.chart, table.figures, section.table { break-inside: avoid; }
  section.table { overflow: visible; }
  table.figures th, table.figures td { padding: 2px 6px; }
  figure.chart { border: none; padding: 0; }
  h2 { break-after: avoid; }
}
)css";

// The page's functions that chart options name ("orebook:NAME"), and the
// code that draws each chart from its option.
constexpr std::string_view kScript = R"js(
(function () {
  'use strict';
  var colors = { cost: '#4e79a7', credit: '#59a14f', total: '#3b3b3b' };
  // Factories: each takes the object the option names it in (a series) and
  // gives the function ECharts calls.
  var fns = {
    // A waterfall step: a bar at category value[0] from value[1] to value[2],
    // coloured by the data item's kind (cost, credit, total), its amount on it.
    waterfall: function (series) {
      return function (params, api) {
        var item = series.data[params.dataIndex];
        var a = api.coord([api.value(0), api.value(1)]);
        var b = api.coord([api.value(0), api.value(2)]);
        var w = api.size([1, 0])[0] * 0.6;
        var top = Math.min(a[1], b[1]);
        return { type: 'group', children: [
          { type: 'rect',
            shape: { x: a[0] - w / 2, y: top, width: w, height: Math.max(Math.abs(a[1] - b[1]), 1) },
            style: { fill: colors[item.kind] || colors.cost } },
          { type: 'text', x: a[0], y: top - 4,
            style: { text: item.text, align: 'center', verticalAlign: 'bottom', fontSize: 11, fill: '#1d2430' } }
        ] };
      };
    },
    waterfallTooltip: function () {
      return function (p) { return p.data.label + ': ' + p.data.text; };
    },
    linkTooltip: function () {
      return function (p) {
        if (p.dataType !== 'edge') return p.name;
        var d = p.data;
        return d.stream + ' (' + d.source + ' \u2192 ' + d.target + ')<br>' + d.detail;
      };
    },
    edgeLabel: function () {
      return function (p) { return p.data.label || ''; };
    }
  };
  function revive(o, owner) {
    if (Array.isArray(o)) { o.forEach(function (x) { revive(x, x); }); return; }
    if (!o || typeof o !== 'object') return;
    Object.keys(o).forEach(function (k) {
      var v = o[k];
      if (typeof v === 'string' && v.indexOf('orebook:') === 0) o[k] = fns[v.slice(8)](owner);
      else revive(v, owner);
    });
  }
  var options = JSON.parse(document.getElementById('orebook-charts').textContent);
  var charts = options.map(function (option, i) {
    revive(option, option);
    var chart = echarts.init(document.getElementById('chart-' + (i + 1)), null, { renderer: 'svg' });
    chart.setOption(option);
    return chart;
  });
  function resize() { charts.forEach(function (c) { c.resize(); }); }
  window.addEventListener('resize', resize);
  window.addEventListener('beforeprint', resize);
  window.addEventListener('afterprint', resize);
})();
)js";

// Inside <script>, "</" could end the element: JSON and JavaScript both read
// "<\/" as "</".
std::string script_safe(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    out += text[i];
    if (text[i] == '<' && i + 1 < text.size() && text[i + 1] == '/') out += '\\';
  }
  return out;
}

void write_table(std::string& out, const Table& t) {
  const bool change = has_change(t);
  out += "<section class=\"table\">\n<h2>" + html_escape(t.title) + "</h2>\n";
  if (!t.caption.empty()) out += "<p class=\"caption\">(" + html_escape(t.caption) + ")</p>\n";
  if (!t.figures.empty()) {
    out += "<table class=\"figures\">\n<thead><tr><th></th>";
    for (std::size_t k = 0; k < t.periods.size(); ++k)
      out += "<th scope=\"col\">" + html_escape(t.period_name(k)) + "</th>";
    if (change) out += "<th scope=\"col\">Change</th>";
    out += "</tr></thead>\n<tbody>\n";
    const std::size_t columns = t.periods.size() + (change ? 2 : 1);
    for (const Line& line : t.lines) {
      if (!line.heading.empty()) {
        out += fmt::format(
            "<tr class=\"heading\"><th colspan=\"{}\" scope=\"rowgroup\">{}</th></tr>\n", columns,
            html_escape(line.heading));
        continue;
      }
      const Figure& f = t.figures[line.figure];
      out += "<tr><th scope=\"row\"";
      if (line.indent > 0) out += fmt::format(" class=\"indent-{}\"", std::min(line.indent, 2));
      out += ">" + html_escape(f.label) + "</th>";
      for (std::size_t k = 0; k < t.periods.size(); ++k)
        out += "<td>" + html_escape(display_cell(f, k)) + "</td>";
      if (change)
        out += "<td>" + html_escape(display_change(f, f.values[0], f.values[1])) + "</td>";
      out += "</tr>\n";
    }
    out += "</tbody>\n</table>\n";
    if (any_reported(t)) out += "<p class=\"caption\">" + html_escape(kReportedNote) + "</p>\n";
  }
  if (!t.notes.empty()) {
    out += "<ul class=\"notes\">\n";
    for (const std::string& n : t.notes) out += "<li>" + html_escape(n) + "</li>\n";
    out += "</ul>\n";
  }
  out += "</section>\n";
}

void write_about(std::string& out, const Document& d, bool with_charts) {
  out += "<section class=\"about\">\n<h2>About this report</h2>\n<table>\n";
  out += "<tr><th>Made by</th><td>orebook " + html_escape(d.version) + "</td></tr>\n";
  out += "<tr><th>Command</th><td><code>" + html_escape(d.command) + "</code></td></tr>\n";
  if (!d.dataset.empty())
    out += "<tr><th>Dataset</th><td>" + html_escape(d.dataset) + "</td></tr>\n";
  if (with_charts) {
    out += "<tr><th>Charts</th><td>Apache ECharts (Apache-2.0), embedded; SHA-256 <code>" +
           std::string(echarts_sha256()) + "</code></td></tr>\n";
  }
  out += "</table>\n<h3>Files read</h3>\n<table class=\"files\">\n";
  for (const SourceFile& f : d.files) {
    out += "<tr><td>" + html_escape(f.path) + "</td><td><code>" +
           html_escape(f.sha256 ? *f.sha256 : std::string("(could not be read again)")) +
           "</code></td></tr>\n";
  }
  out += "</table>\n<h3>Warnings</h3>\n";
  if (d.warnings.empty()) {
    out += "<p>None.</p>\n";
  } else {
    out += "<ul class=\"warnings\">\n";
    for (const std::string& w : d.warnings) out += "<li>" + html_escape(w) + "</li>\n";
    out += "</ul>\n";
  }
  out += "</section>\n";
}

}  // namespace

std::string html_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string render_html(const std::vector<Table>& tables, const std::vector<Chart>& charts,
                        const Document& document) {
  const std::string title = tables.empty() ? std::string("orebook") : tables.front().title;
  std::string out;
  out.reserve(echarts_js().size() + 65536);
  out += "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n";
  out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
  out += "<meta name=\"generator\" content=\"orebook " + html_escape(document.version) + "\">\n";
  out += "<title>" + html_escape(title) + "</title>\n<style>" + std::string(kStyle) +
         "</style>\n</head>\n<body>\n<main>\n";
  out += "<header class=\"page\"><h1>" + html_escape(title) + "</h1>\n<p class=\"meta\">" +
         html_escape(document.command) + "</p></header>\n";
  for (std::size_t i = 0; i < charts.size(); ++i) {
    const Chart& c = charts[i];
    out += fmt::format(
        "<figure class=\"chart\">\n<figcaption>{0}</figcaption>\n<div class=\"chart\" "
        "id=\"chart-{1}\" role=\"img\" aria-label=\"{0}\" style=\"height: {2}px\"></div>\n",
        html_escape(c.title), i + 1, c.height);
    if (!c.note.empty()) out += "<p class=\"chart-note\">" + html_escape(c.note) + "</p>\n";
    out += "</figure>\n";
  }
  for (const Table& t : tables) write_table(out, t);
  write_about(out, document, !charts.empty());
  out += "</main>\n";
  if (!charts.empty()) {
    std::string options = "[";
    for (std::size_t i = 0; i < charts.size(); ++i)
      options += (i > 0 ? ",\n" : "") + charts[i].option;
    options += "]";
    out += "<script type=\"application/json\" id=\"orebook-charts\">" + script_safe(options) +
           "</script>\n";
    out += "<script id=\"echarts-library\">" + script_safe(echarts_js()) + "</script>\n";
    out += "<script>" + std::string(kScript) + "</script>\n";
  }
  out += "</body>\n</html>\n";
  return out;
}

}  // namespace orebook::report
