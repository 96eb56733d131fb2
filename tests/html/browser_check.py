#!/usr/bin/python3
"""Opens an HTML golden's page in headless Chromium and checks it (issue 15 §5):

  browser_check.py OREBOOK CASE_DIR SCREENSHOT_DIR [--page FILE] [--self-test]

CASE_DIR/cmd is an orebook command with --format html. Its stored stdout has
the ECharts library replaced by a placeholder, so the command is run again for
the whole page, and once more with --format text. Chromium (/usr/bin/chromium,
standard library only here) loads the page twice: once for the DOM after the
scripts ran (--dump-dom), once for SCREENSHOT_DIR/<case>.png. Fails on:
  - a JavaScript console error or an uncaught exception;
  - a chart container (div.chart) without an <svg> holding a drawn element;
  - a table, row, cell, caption or note that differs from the text report;
  - the page's "Charts" SHA-256 differing from third_party/echarts/echarts.min.js
    (and the embedded library differing from that file), a listed input whose
    SHA-256 is not the file's;
  - any request the page makes (it must open offline), or a src=/href= to
    http(s), an @import or a url( of a remote resource in the HTML.
Prints one line per problem and exits 1, or prints what it checked.

--page FILE checks FILE instead of the page the command writes (the text report
still comes from the command). --self-test checks deliberately broken copies
of the page (a console error, an uncaught exception, an empty chart, a changed
cell, a remote request, a wrong library hash) and fails unless each is caught.

Chromium 156 prints every console message at INFO, whatever its level:
  [pid:tid:date/time:INFO:CONSOLE:LINE] "MESSAGE", source: URL (LINE)
console.error("x") and console.log("x") print the same line, an uncaught
exception prints "Uncaught TypeError: …" (or "Uncaught (in promise) …"). So the
page Chromium loads for the DOM is a copy with a prelude first in <head> that
tags each console call with its level ("[browser-check] console.error: x"),
counts uncaught errors and requests into attributes of <html>, and a Content
Security Policy that blocks (and reports) any load. The screenshot is of the
page as orebook wrote it.
"""
import hashlib
import html
import html.parser
import os
import re
import shlex
import signal
import subprocess
import sys
import tempfile
import time

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from text_report import text_tables  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
ECHARTS = "third_party/echarts/echarts.min.js"
TIMEOUT = 60
TAG = "[browser-check]"

# First in <head> of the copy Chromium loads for the DOM. The CSP lets the
# page's inline script and style run and nothing load: a blocked load is a
# request the page would make. 'unsafe-eval' because ECharts has a
# new Function (for option strings) that is not a request.
PRELUDE = """<meta http-equiv="Content-Security-Policy" content="default-src 'none'; \
script-src 'unsafe-inline' 'unsafe-eval'; style-src 'unsafe-inline'; img-src data: blob:; font-src data:">
<script>
(function () {
  var root = document.documentElement, errors = 0, blocked = 0;
  ['error', 'warn', 'info', 'log', 'debug'].forEach(function (level) {
    var original = console[level];
    console[level] = function () {
      var text = Array.prototype.map.call(arguments, String).join(' ');
      if (level === 'error') root.setAttribute('data-check-console-errors', ++errors);
      original.call(console, '%TAG% console.' + level + ': ' + text);
    };
  });
  var uncaught = 0;
  window.addEventListener('error', function () { root.setAttribute('data-check-uncaught', ++uncaught); });
  window.addEventListener('unhandledrejection', function () { root.setAttribute('data-check-uncaught', ++uncaught); });
  document.addEventListener('securitypolicyviolation', function (e) {
    root.setAttribute('data-check-blocked', ++blocked);
    console.error('request blocked (' + e.effectiveDirective + '): ' + e.blockedURI);
  });
  window.addEventListener('load', function () {
    performance.getEntriesByType('resource').forEach(function (r) {
      console.error('request made: ' + r.name);
    });
    setTimeout(function () {
      root.setAttribute('data-check-height', Math.ceil(document.documentElement.scrollHeight));
      root.setAttribute('data-check-loaded', '1');
      console.log('loaded');
    }, 0);
  });
})();
</script>
""".replace("%TAG%", TAG)

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
        "source", "track", "wbr"}
DRAWN = {"path", "rect", "circle", "ellipse", "line", "polyline", "polygon", "text", "image"}


# --- a small DOM from html.parser --------------------------------------------

class Node:
    def __init__(self, tag, attrs, parent):
        self.tag, self.attrs, self.parent, self.children = tag, dict(attrs), parent, []

    def classes(self):
        return (self.attrs.get("class") or "").split()

    def has(self, tag, cls=None):
        return self.tag == tag and (cls is None or cls in self.classes())

    def walk(self):
        for c in self.children:
            if isinstance(c, Node):
                yield c
                yield from c.walk()

    def all(self, tag, cls=None):
        return [n for n in self.walk() if n.has(tag, cls)]

    def first(self, tag, cls=None):
        return next(iter(self.all(tag, cls)), None)

    def kids(self, tag=None):
        return [c for c in self.children if isinstance(c, Node) and (tag is None or c.tag == tag)]

    def text(self):
        return "".join(c if isinstance(c, str) else c.text() for c in self.children)


class TreeBuilder(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = Node("#document", [], None)
        self.stack = [self.root]

    def handle_starttag(self, tag, attrs):
        n = Node(tag, attrs, self.stack[-1])
        self.stack[-1].children.append(n)
        if tag not in VOID:
            self.stack.append(n)

    def handle_startendtag(self, tag, attrs):
        self.stack[-1].children.append(Node(tag, attrs, self.stack[-1]))

    def handle_endtag(self, tag):
        for k in range(len(self.stack) - 1, 0, -1):
            if self.stack[k].tag == tag:
                del self.stack[k:]
                return

    def handle_data(self, data):
        self.stack[-1].children.append(data)


def parse(text):
    b = TreeBuilder()
    b.feed(text)
    b.close()
    return b.root


def cell(node):
    return node.text().strip(" \t\n")


# --- Chromium ----------------------------------------------------------------

def chromium(extra, url):
    """Runs headless Chromium on url; (exit code or None on timeout, stdout, stderr, seconds)."""
    start = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="orebook-chromium-", ignore_cleanup_errors=True) as profile:
        cmd = [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
               "--no-first-run", "--disable-background-networking", "--disable-component-update",
               "--disable-sync", f"--user-data-dir={profile}",
               "--enable-logging=stderr", "--v=0", "--virtual-time-budget=10000"] + extra + [url]
        p = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                             stdin=subprocess.DEVNULL, start_new_session=True)
        try:
            out, err = p.communicate(timeout=TIMEOUT)
            code = p.returncode
        except subprocess.TimeoutExpired:
            os.killpg(p.pid, signal.SIGKILL)  # the browser and its helper processes
            out, err = p.communicate()
            code = None
    return (code, out.decode("utf-8", "replace"), err.decode("utf-8", "replace"),
            time.monotonic() - start)


RECORD = re.compile(r"^\[\d+:\d+:\d+/\d+\.\d+:([A-Z]+):([^\]]*)\] ?", re.M)
CONSOLE = re.compile(r'^"(.*)", source: (.*) \((\d+)\)\s*$', re.S)


def log_records(stderr):
    """(level, file, text) per record of Chromium's log; a record runs to the next."""
    marks = list(RECORD.finditer(stderr))
    for k, m in enumerate(marks):
        end = marks[k + 1].start() if k + 1 < len(marks) else len(stderr)
        yield m.group(1), m.group(2), stderr[m.end():end].rstrip("\n")


def console_messages(stderr):
    """(level as Chromium logged it, message, source, line) per console message."""
    for level, where, text in log_records(stderr):
        if not where.startswith("CONSOLE"):
            continue
        m = CONSOLE.match(text)
        if m:
            yield level, m.group(1), m.group(2), m.group(3)
        else:
            yield level, text, "", ""


# --- the checks --------------------------------------------------------------

def check_console(stderr, fail, notes, tagged):
    """Console errors and uncaught exceptions. tagged: the page had the prelude,
    so an untagged message is Chromium's own (a refused load, a failed request)."""
    loaded = False
    for level, msg, source, line in console_messages(stderr):
        where = f"{os.path.basename(source)}:{line}" if source else "console"
        if msg.startswith("Uncaught"):
            fail(f"uncaught exception at {where}: {msg}")
        elif msg.startswith(TAG + " console.error: "):
            fail(f"console error at {where}: {msg[len(TAG) + 16:]}")
        elif msg == TAG + " console.log: loaded":
            loaded = True
        elif msg.startswith(TAG + " console."):
            notes.append(f"console at {where}: {msg[len(TAG) + 1:]}")
        elif level in ("ERROR", "FATAL"):
            fail(f"console {level} at {where}: {msg}")
        elif tagged:
            fail(f"browser message at {where}: {msg}")
        else:
            notes.append(f"console at {where}: {msg}")
    return loaded


def check_requests(page_html, fail):
    """The HTML itself names no remote resource (the library, whose hash is
    checked, has namespace URIs and code that builds links, not links)."""
    own = re.sub(r'(<script id="echarts-library">).*?(</script>)', r"\1\2", page_html,
                 count=1, flags=re.S)
    for m in re.finditer(r"""\b(?:src|href|xlink:href)\s*=\s*["']?\s*((?:https?:)?//[^"'\s>]*)""", own, re.I):
        fail(f"remote resource in the HTML: {m.group(0)}")
    for m in re.finditer(r"""@import\b[^;]*|url\(\s*["']?\s*(?:https?:)?//[^)]*\)""", own, re.I):
        fail(f"remote resource in the HTML: {m.group(0)}")


def check_tables(doc, text, fail, stats):
    main = doc.first("main") or doc
    sections = main.all("section", "table")
    tables = text_tables(text)
    if len(sections) != len(tables):
        fail(f"{len(sections)} tables on the page, {len(tables)} in the text report "
             f"(page: {[cell(s.first('h2')) for s in sections if s.first('h2')]}, "
             f"text: {[t['title'] for t in tables]})")
    for n, (sec, t) in enumerate(zip(sections, tables), 1):
        h2 = sec.first("h2")
        title = cell(h2) if h2 else None
        where = f"table {n} ({title!r})"
        stats["tables"] += 1
        if title != t["title"]:
            fail(f"{where}: title {title!r}, text {t['title']!r}")
        table = sec.first("table", "figures")
        before, after, seen_table = [], [], False
        for c in sec.kids():
            if c is table:
                seen_table = True
            elif c.has("p", "caption"):
                (after if seen_table else before).append(cell(c))
        caption = before[0] if before else None
        if caption != t["caption"] or len(before) > 1:
            fail(f"{where}: caption {before}, text {t['caption']!r}")
        if after != t["reported"]:
            fail(f"{where}: captions after the table {after}, text {t['reported']}")
        notes = [cell(li) for ul in sec.all("ul", "notes") for li in ul.kids("li")]
        if notes != t["notes"]:
            for k in range(max(len(notes), len(t["notes"]))):
                a = notes[k] if k < len(notes) else None
                b = t["notes"][k] if k < len(t["notes"]) else None
                if a != b:
                    fail(f"{where}: note {k + 1} {a!r}, text {b!r}")
        if table is None:
            if t["rows"]:
                fail(f"{where}: no table on the page, {len(t['rows'])} rows in the text")
            continue
        rows, indents = [], []
        head = table.first("thead")
        header = head.all("th") if head else []
        if not header or cell(header[0]) != "":
            fail(f"{where}: the header does not start with an empty corner")
        rows.append([cell(th) for th in header[1:]])
        indents.append(None)
        columns = len(header)
        body = table.first("tbody")
        for tr in (body.kids("tr") if body else []):
            if "heading" in tr.classes():
                ths = tr.kids("th")
                if len(ths) != 1 or ths[0].attrs.get("colspan") != str(columns) \
                        or ths[0].attrs.get("scope") != "rowgroup":
                    fail(f"{where}: heading row {cell(tr)!r} is not one th colspan={columns} scope=rowgroup")
                rows.append([cell(th) for th in ths])
                indents.append(None)
                continue
            th = tr.kids("th")
            tds = tr.kids("td")
            if len(th) != 1 or th[0].attrs.get("scope") != "row" or len(tds) != columns - 1:
                fail(f"{where}: row {cell(tr)!r} is not a th scope=row and {columns - 1} td")
            label = cell(th[0]) if th else ""
            m = re.search(r"\bindent-(\d+)\b", th[0].attrs.get("class", "")) if th else None
            rows.append([label] + [cell(td) for td in tds])
            indents.append(int(m.group(1)) if m else 0)
        stats["rows"] += len(rows) - 1
        stats["cells"] += sum(len(r) - 1 for r in rows[1:])
        for k in range(max(len(rows), len(t["rows"]))):
            got = rows[k] if k < len(rows) else None
            want = t["rows"][k] if k < len(t["rows"]) else None
            what = "header" if k == 0 else f"row {k}"
            if got != want:
                fail(f"{where}: {what} {got}, text {want}")
            elif k > 0 and indents[k] is not None and indents[k] != min(t["indents"][k], 2):
                fail(f"{where}: {what} {got[0]!r} indent-{indents[k]}, text indented {t['indents'][k]} levels")


def check_charts(doc, page_doc, fail, stats):
    divs = doc.all("div", "chart")
    figures = doc.all("figure", "chart")
    if len(divs) != len(figures):
        fail(f"{len(divs)} chart containers in {len(figures)} chart figures")
    options = next((s for s in page_doc.all("script") if s.attrs.get("id") == "orebook-charts"), None)
    if divs and options is None:
        fail("charts without a <script id=\"orebook-charts\">")
    for n, div in enumerate(divs, 1):
        fig = div.parent if div.parent is not None and div.parent.has("figure", "chart") else None
        cap = fig.first("figcaption") if fig else None
        where = f"chart {div.attrs.get('id')} ({cell(cap) if cap else 'no figcaption'!r})"
        stats["charts"] += 1
        if div.attrs.get("id") != f"chart-{n}":
            fail(f"{where}: expected id chart-{n}")
        if fig is None:
            fail(f"{where}: not in a <figure class=\"chart\">")
        svgs = div.all("svg")
        drawn = sum(1 for s in svgs for e in s.walk() if e.tag in DRAWN)
        if not svgs:
            fail(f"{where}: no <svg> drawn in the container")
        elif drawn == 0:
            fail(f"{where}: an <svg> without any drawn element")
        else:
            stats["drawn"] += drawn
            texts = [cell(e) for s in svgs for e in s.walk() if e.tag == "text"]
            if not any(texts):
                fail(f"{where}: the chart has no text (no labels, axes or values)")


def check_about(doc, page_html, args, fail):
    about = doc.first("section", "about")
    if about is None:
        fail("no <section class=\"about\">")
        return
    pairs = {}
    for tr in about.all("tr"):
        th, td = tr.kids("th"), tr.kids("td")
        if th and td:
            pairs[cell(th[0])] = td[0]
    want = hashlib.sha256(open(ECHARTS, "rb").read()).hexdigest()
    # A page with charts names the library it embeds; one without has neither.
    charts = pairs.get("Charts")
    got = re.search(r"\b[0-9a-f]{64}\b", cell(charts)) if charts else None
    has_charts = bool(doc.all("div", "chart"))
    if not has_charts:
        if charts is not None:
            fail("a Charts row on a page without charts")
    elif got is None:
        fail("the About section has no Charts row with a SHA-256")
    elif got.group(0) != want:
        fail(f"Charts SHA-256 {got.group(0)}, {ECHARTS} has {want}")
    # The library is embedded when the page has charts, with "</" written "<\/"
    # as everything inside a <script> (html.cpp, script_safe).
    m = re.search(r'<script id="echarts-library">(.*?)</script>', page_html, re.S)
    if m is None:
        if doc.all("div", "chart"):
            fail("charts without a <script id=\"echarts-library\">")
    else:
        safe = open(ECHARTS, "rb").read().replace(b"</", b"<\\/")
        embedded = m.group(1).encode("utf-8")
        if embedded != safe:
            fail(f"the embedded library (SHA-256 {hashlib.sha256(embedded).hexdigest()}) "
                 f"is not {ECHARTS} (SHA-256 {want})")
    command = pairs.get("Command")
    if command is None or cell(command) != "orebook " + " ".join(shlex.quote(a) for a in args):
        fail(f"Command {cell(command) if command else None!r}")
    files = about.first("table", "files")
    listed = 0
    for tr in (files.all("tr") if files else []):
        tds = tr.kids("td")
        if len(tds) != 2:
            continue
        listed += 1
        path, digest = cell(tds[0]), cell(tds[1])
        try:
            real = hashlib.sha256(open(path, "rb").read()).hexdigest()
        except OSError as e:
            fail(f"file read {path}: {e.strerror}")
            continue
        if digest != real:
            fail(f"file read {path}: SHA-256 {digest}, recomputed {real}")
    if not listed:
        fail("no files read listed")


def check_page(page, text, args, screenshot, dom_out=None):
    """Problems with the page (a path), against the text report; the numbers checked."""
    problems, notes = [], []
    stats = {"tables": 0, "rows": 0, "cells": 0, "charts": 0, "drawn": 0, "seconds": []}
    fail = problems.append
    page_html = open(page, encoding="utf-8").read()
    page_doc = parse(page_html)
    check_requests(page_html, fail)

    with tempfile.TemporaryDirectory(prefix="orebook-html-check-") as tmp:
        # The copy with the prelude, where the page is (a relative load would resolve alike).
        probe = os.path.join(tmp, "page.html")
        with open(probe, "w", encoding="utf-8") as f:
            f.write(re.sub(r"<head>", lambda m: m.group(0) + "\n" + PRELUDE, page_html, count=1))
        # The screenshot's width, so the measured height is the screenshot's.
        code, dom, err, secs = chromium(["--dump-dom", "--window-size=1280,1000"], "file://" + probe)
        stats["seconds"].append(secs)
        if code is None:
            fail(f"Chromium did not finish in {TIMEOUT} s (--dump-dom)")
        elif code != 0:
            fail(f"Chromium exited with {code} (--dump-dom): {err.strip().splitlines()[-1:]}")
        if dom_out:
            with open(dom_out, "w", encoding="utf-8") as f:
                f.write(dom)
        loaded = check_console(err, fail, notes, tagged=True)
        doc = parse(dom)
        root = doc.first("html")
        attrs = root.attrs if root else {}
        if not loaded or attrs.get("data-check-loaded") != "1":
            fail("the page did not finish loading in Chromium (no load event seen)")
        # The page's own count, should Chromium's log have missed a message.
        for key, what, logged in (("data-check-console-errors", "console errors", "console error"),
                                  ("data-check-uncaught", "uncaught errors", "uncaught exception"),
                                  ("data-check-blocked", "blocked requests", "request blocked")):
            if key in attrs and not any(logged in p for p in problems):
                fail(f"{attrs[key]} {what} counted in the page, none in Chromium's log")
        check_charts(doc, page_doc, fail, stats)
        check_tables(doc, text, fail, stats)
        check_about(doc, page_html, args, fail)

    if screenshot:
        height = int(attrs.get("data-check-height") or 0) + 40
        if height <= 40:  # no measure: generous
            height = 200 * max(stats["rows"], 1) + 500 * stats["charts"] + 1000
        height = min(height, 16000)
        os.makedirs(os.path.dirname(screenshot) or ".", exist_ok=True)
        if os.path.exists(screenshot):
            os.remove(screenshot)
        code, _, err, secs = chromium(
            [f"--screenshot={os.path.abspath(screenshot)}", f"--window-size=1280,{height}",
             "--hide-scrollbars"], "file://" + os.path.abspath(page))
        stats["seconds"].append(secs)
        if code is None:
            fail(f"Chromium did not finish in {TIMEOUT} s (--screenshot)")
        elif code != 0 or not os.path.exists(screenshot) or os.path.getsize(screenshot) == 0:
            fail(f"Chromium wrote no screenshot {screenshot} (exit {code})")
        check_console(err, fail, notes, tagged=False)
        stats["height"] = height
    return problems, notes, stats


# --- the self-test: broken copies of the page must fail -------------------------

def mutations(page_html):
    """(name, expected problem substring, broken page)."""
    def before(tag, extra, s=page_html):
        k = s.rindex(tag)
        return s[:k] + extra + s[k:]

    out = [
        ("console error", "console error",
         before("</body>", "<script>console.error('deliberate error');</script>\n")),
        ("uncaught exception", "uncaught exception",
         before("</body>", "<script>null.deliberate;</script>\n")),
        ("empty chart", "no <svg> drawn",
         before("</main>", '<figure class="chart"><figcaption>Left empty</figcaption>'
                           '<div class="chart" id="chart-999" role="img"></div></figure>\n')),
        ("remote image in the HTML", "remote resource in the HTML",
         before("</main>", '<img src="https://example.invalid/logo.png" alt="">\n')),
        ("request from a script", "request blocked",
         before("</body>", "<script>fetch('ht' + 'tps://example.invalid/data.json')"
                           ".catch(function () {});</script>\n")),
        ("wrong Charts SHA-256", "Charts SHA-256",
         re.sub(r"(<tr><th>Charts</th><td>[^<]*<code>)[0-9a-f]{64}", r"\g<1>" + "0" * 64,
                page_html, count=1)),
    ]
    # A changed figure: the first cell with a digit, one digit changed.
    m = re.search(r"<td>([^<]*?)(\d)([^<]*)</td>", page_html)
    if m:
        d = "1" if m.group(2) != "1" else "2"
        out.append(("changed cell", "text [",
                    page_html[:m.start(2)] + d + page_html[m.end(2):]))
    else:  # a page of notes only: a changed note
        m = re.search(r"<li>([^<]*?)(\w)", page_html)
        out.append(("changed note", "note 1",
                    page_html[:m.start(2)] + "#" + page_html[m.end(2):]))
    if '<div class="chart"' in page_html:
        # Charts initialised but never given their option: an empty <svg> each.
        out.append(("chart never drawn (setOption removed)", "without any drawn element",
                    page_html.replace("chart.setOption(option);", "", 1)))
    return out


def self_test(page, text, args):
    page_html = open(page, encoding="utf-8").read()
    problems = []
    with tempfile.TemporaryDirectory(prefix="orebook-html-selftest-") as tmp:
        for name, expect, broken in mutations(page_html):
            path = os.path.join(tmp, "broken.html")
            with open(path, "w", encoding="utf-8") as f:
                f.write(broken)
            found, _, stats = check_page(path, text, args, None)
            hit = [p for p in found if expect in p]
            print(f"self-test {name}: {'caught' if hit else 'MISSED'} "
                  f"({len(found)} problem(s), {sum(stats['seconds']):.1f} s)")
            for p in found:
                print(f"    {p}")
            if not hit:
                problems.append(f"self-test {name}: not caught (expected a problem with {expect!r})")
    return problems


def main():
    argv = sys.argv[1:]
    page_arg, selftest = None, False
    if "--page" in argv:
        k = argv.index("--page")
        page_arg = argv[k + 1]
        del argv[k:k + 2]
    if "--self-test" in argv:
        argv.remove("--self-test")
        selftest = True
    if len(argv) != 3:
        sys.exit(__doc__)
    orebook, case, shots = argv
    if not os.access(CHROMIUM, os.X_OK):
        sys.exit(f"{CHROMIUM} is missing: the HTML browser test needs Debian's chromium "
                 f"(run scripts/setup, or apt-get install chromium)")
    if not os.path.exists(ECHARTS):
        sys.exit(f"{ECHARTS} not found: run from the repository root")
    name = os.path.basename(os.path.normpath(case))
    args = shlex.split(open(os.path.join(case, "cmd")).read().replace("$CASE", case))
    if "--format" not in args or args[args.index("--format") + 1] != "html":
        sys.exit(f"{case}: the command does not write --format html")

    def run(fmt, out):
        a = list(args)
        a[a.index("--format") + 1] = fmt
        r = subprocess.run([orebook] + a, stdout=out, stderr=subprocess.PIPE,
                           stdin=subprocess.DEVNULL)
        if r.returncode != 0:
            sys.exit(f"{case}: orebook {' '.join(a)} exited with {r.returncode}: "
                     f"{r.stderr.decode('utf-8', 'replace').strip()}")

    start = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="orebook-html-") as tmp:
        page = os.path.join(tmp, name + ".html")
        with open(page, "wb") as f:
            run("html", f)
        with open(os.path.join(tmp, "report.txt"), "wb") as f:
            run("text", f)
        text = open(os.path.join(tmp, "report.txt"), encoding="utf-8").read()
        if page_arg:
            page = page_arg
        if selftest:
            problems = self_test(page, text, args)
            for p in problems:
                print(p)
            print(f"{name}: self-test {'failed' if problems else 'passed'} "
                  f"in {time.monotonic() - start:.1f} s")
            sys.exit(1 if problems else 0)
        shot = os.path.join(shots, name + ".png")
        problems, notes, stats = check_page(page, text, args, shot)
    for n in notes:
        print(f"note: {n}")
    for p in problems:
        print(f"{name}: {p}")
    if problems:
        sys.exit(1)
    secs = " + ".join(f"{s:.1f}" for s in stats["seconds"])
    print(f"{name}: ok: {stats['tables']} tables, {stats['rows']} rows, {stats['cells']} cells "
          f"as in the text report; {stats['charts']} charts drawn ({stats['drawn']} SVG elements); "
          f"console clean; no requests; ECharts SHA-256 matches; screenshot {shot} "
          f"(1280x{stats.get('height')}); Chromium {secs} s, total {time.monotonic() - start:.1f} s")


if __name__ == "__main__":
    main()
