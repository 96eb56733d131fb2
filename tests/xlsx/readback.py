#!/usr/bin/env python3
"""Reads back an XLSX golden with openpyxl and checks every cell against the
same command's other outputs (issue 15 §5):

  readback.py OREBOOK CASE_DIR

CASE_DIR/cmd is an orebook command with --format xlsx; CASE_DIR/stdout is the
workbook it wrote. The command is run again with --format text and with
--format json, and:
  - every cell, shown through its number format as Excel shows it, reads as
    the text report prints that figure (labels, values, change, notes);
  - every number equals the JSON's value to the digits the workbook stores
    (libxlsxwriter 1.1.4 writes 16 significant digits, "%.16G"; a percent
    cell holds the fraction, so one division and one multiplication by 100
    add a few units in the last place);
  - the Notes sheet names orebook's version and the command, lists the files
    read with their SHA-256 (recomputed here) and the warnings of the run.
Exits 1 with a line per difference.
"""
import decimal
import hashlib
import json
import math
import os
import re
import shlex
import subprocess
import sys

import openpyxl

UNKNOWN = "\u2013"
problems = []


def fail(where, what):
    problems.append(f"{where}: {what}")


def close(cell, want):
    if want == 0:
        return cell == 0
    unit = 10.0 ** (math.floor(math.log10(abs(want))) - 15)
    return abs(cell - want) <= 0.5 * unit + 4 * math.ulp(want)


# --- Excel number formats, the subset orebook writes -------------------------

def sections(fmt):
    out, cur, quoted = [], "", False
    for ch in fmt:
        if ch == '"':
            quoted = not quoted
        if ch == ";" and not quoted:
            out.append(cur)
            cur = ""
        else:
            cur += ch
    return out + [cur]


def show(value, fmt):
    """The text Excel shows for `value` under `fmt` (literals, #,##0.00, %)."""
    parts = sections(fmt)
    if value < 0 and len(parts) > 1:
        part, value, sign = parts[1], -value, ""
    elif value == 0 and len(parts) > 2:
        part, sign = parts[2], ""
    else:
        part, sign = parts[0], "-" if value < 0 else ""
        value = abs(value)
    tokens = re.findall(r'"[^"]*"|[#,0.]+|%|[^"#,0.%]+', part)
    if "%" in tokens:
        value = value * 100
    out = ""
    for t in tokens:
        if t.startswith('"'):
            out += t[1:-1]
        elif t[0] in "#0":
            decimals = len(t.split(".")[1]) if "." in t else 0
            # Half away from zero on the shortest decimal text (as Excel
            # rounds its 15-digit decimal, and orebook its shortest text).
            d = decimal.Decimal(repr(value)).quantize(
                decimal.Decimal(1).scaleb(-decimals), rounding=decimal.ROUND_HALF_UP)
            text = f"{d:,.{decimals}f}" if "," in t else f"{d:.{decimals}f}"
            out += text
        else:
            out += t
    if sign and any(c.isdigit() and c != "0" for c in out):
        out = sign + out  # Excel writes the minus before any literal
    return out


def displayed(cell):
    if cell.value is None:
        return ""
    if isinstance(cell.value, str):
        return cell.value
    if cell.number_format == "General":
        return repr(cell.value)
    return show(cell.value, cell.number_format)


# --- the text report, split into tables and rows -----------------------------

def text_tables(text):
    """Per table: its title and its rows (lists of cells), headings included."""
    tables, cur = [], None
    lines = text.split("\n")
    i = 0
    while i < len(lines):
        line = lines[i]
        if cur is None or (line and not line.startswith(" ") and i > 0 and lines[i - 1] == ""
                           and i + 1 < len(lines) and (lines[i + 1] == "" or lines[i + 1].startswith("("))):
            if line:
                cur = {"title": line, "rows": [], "notes": []}
                tables.append(cur)
            i += 1
            continue
        if line.startswith("- "):
            cur["notes"].append(line[2:])
        elif line and not line.startswith("(r) reported") and not line.startswith("("):
            cur["rows"].append(re.split(r"\s{2,}", line.strip()))
        i += 1
    return tables


def main():
    orebook, case = sys.argv[1], sys.argv[2]
    args = shlex.split(open(os.path.join(case, "cmd")).read().replace("$CASE", case))
    if "--format" not in args or args[args.index("--format") + 1] != "xlsx":
        sys.exit(f"{case}: the command does not write --format xlsx")
    # A file object: openpyxl refuses a name without an .xlsx extension.
    book = openpyxl.load_workbook(open(os.path.join(case, "stdout"), "rb"))

    def run(fmt):
        a = list(args)
        a[a.index("--format") + 1] = fmt
        r = subprocess.run([orebook] + a, capture_output=True, text=True, check=True)
        return r.stdout, r.stderr

    text, stderr = run("text")
    j = json.loads(run("json")[0])
    sheets = book.worksheets[:-1]
    tables = text_tables(text)
    if len(sheets) != len(tables):
        fail(case, f"{len(sheets)} table sheets, {len(tables)} tables in the text report")

    # 1. Every cell as shown against the text report.
    for ws, t in zip(sheets, tables):
        where = f"{case}:{ws.title}"
        if ws["A1"].value != t["title"]:
            fail(where, f"title {ws['A1'].value!r}, text {t['title']!r}")
        rows = [[displayed(c) for c in r] for r in ws.iter_rows(min_row=2)]
        rows = [r for r in rows if any(r)]
        if rows and rows[0][0].startswith("("):
            rows = rows[1:]  # the caption
        grid = []
        for r in rows:
            while r and r[-1] == "":
                r.pop()
            grid.append(r)
        body = grid[: len(t["rows"])]
        for k, (got, want) in enumerate(zip(body, t["rows"])):
            # The header's empty corner; a label's own leading spaces.
            got = got[1:] if not got[0] else [got[0].strip()] + got[1:]
            if got != want:
                fail(where, f"row {k + 1}: workbook {got}, text {want}")
        rest = [r[0] for r in grid[len(t["rows"]):] if not r[0].startswith("(r) reported")]
        if rest != t["notes"]:
            fail(where, f"notes {rest}, text {t['notes']}")

    # 2. Every number against the JSON.
    def values_of(ws):
        """(label, [cells]) for each row with values, after the header."""
        out, header = [], None
        for r in ws.iter_rows(min_row=2):
            if header is None:
                if r[0].value is None and len(r) > 1 and r[1].value is not None:
                    header = [c.value for c in r[1:]]
                continue
            if r[0].value is None or all(c.value is None for c in r[1:]):
                continue
            out.append((r[0].value, r[1:]))
        return header, out

    def check_value(where, cell, want, percent=False):
        if want is None:
            if cell.value != UNKNOWN:
                fail(where, f"{cell.value!r} where the JSON has null")
            return
        if not isinstance(cell.value, (int, float)):
            fail(where, f"{cell.value!r} where the JSON has {want!r}")
            return
        got = cell.value * 100 if percent else cell.value
        if not close(got, want):
            fail(where, f"{got!r}, JSON {want!r}")

    if "tables" in j or "figures" in j:
        jt = j.get("tables", [j])
        for ws, t in zip(sheets, jt):
            header, rows = values_of(ws)
            figures = t["figures"]
            if len(rows) != len(figures):
                fail(f"{case}:{ws.title}", f"{len(rows)} figure rows, JSON {len(figures)} figures")
            for (label, cells), f in zip(rows, figures):
                where = f"{case}:{ws.title}:{f['key']}"
                if label != f["label"]:
                    fail(where, f"label {label!r}, JSON {f['label']!r}")
                for k, v in enumerate(f["values"]):
                    check_value(f"{where}[{k}]", cells[k], v, f["unit"] == "%")
                if "change" in f:
                    c = cells[len(f["values"])]
                    if f["unit"] == "%":
                        check_value(f"{where}.change", c, f["change"]["absolute"])
                    elif f["change"]["percent"] is not None:
                        check_value(f"{where}.change", c, f["change"]["percent"] / 100)
    elif "periods" in j:  # balance --each
        header, rows = values_of(sheets[0])
        for (label, cells), p in zip(rows, j["periods"]):
            where = f"{case}:{p['period']}"
            if not label.startswith(p["period"] + " ("):
                fail(where, f"label {label!r}")
            g = p.get("global_test") or {}
            check_value(where + ".J", cells[0], g.get("statistic"))
            check_value(where + ".critical", cells[1], g.get("critical"))
        if len(rows) != len(j["periods"]):
            fail(case, f"{len(rows)} period rows, JSON {len(j['periods'])}")
    elif "streams" in j:  # one balance: streams, nodes, check-in/check-out
        streams = {s["id"]: s for s in j["streams"]}
        nodes = {n["id"]: n for n in j["nodes"]}
        seen = 0
        for ws in sheets:
            header, rows = values_of(ws)
            for label, cells in rows:
                where = f"{case}:{ws.title}:{label}"
                words = label.split(" ")
                if header[0] == "measured":  # streams; sd before is the input σ, not in the JSON
                    s = streams[words[0]]
                    x = s["flow"] if words[1] in ("flow",) or words[1].startswith("(") else s["assay"][words[1]]
                    check_value(where + ".measured", cells[0], x["measured"])
                    check_value(where + ".reconciled", cells[1], x["reconciled"])
                    adj = None if x["measured"] is None or x["reconciled"] is None else x["reconciled"] - x["measured"]
                    check_value(where + ".adjustment", cells[2], adj)
                    check_value(where + ".sd after", cells[4], x["sd"])
                    check_value(where + ".z", cells[5], x["z"])
                elif header[0] == "residual before":
                    b = nodes[words[0]]["balances"][words[1]]
                    for c, key in zip(cells, ("residual_before", "residual_after", "z")):
                        check_value(f"{where}.{key}", c, b[key])
                elif header[0] == "in":
                    side = "measured" if ws["A1"].value.endswith("measured") else "reconciled"
                    e = next(e for e in j["check_in_out"] if e["node"] == words[0] and e["metal"] == words[1])
                    for c, key in zip(cells, ("in", "out", "stock_change", "unaccounted", "low", "high")):
                        check_value(f"{where}.{key}", c, e[side][key])
                else:
                    fail(where, f"a table this test does not know: {header}")
                seen += 1
        if seen == 0:
            fail(case, "no balance rows compared")
    else:
        fail(case, "a JSON this test does not know")

    # 3. The Notes sheet.
    notes = book.worksheets[-1]
    if notes.title != "Notes":
        fail(case, f"last sheet {notes.title!r}, not Notes")
    pairs = {r[0].value: r[1].value for r in notes.iter_rows() if r[0].value and len(r) > 1}
    version = subprocess.run([orebook, "--version"], capture_output=True, text=True).stdout.strip()
    if pairs.get("Made by") != version:
        fail(case, f"Made by {pairs.get('Made by')!r}, orebook --version {version!r}")
    if pairs.get("Command") != "orebook " + " ".join(shlex.quote(a) for a in args):
        fail(case, f"Command {pairs.get('Command')!r}")
    rows = [(r[0].value, r[1].value if len(r) > 1 else None) for r in notes.iter_rows()]
    start = rows.index(("Files read", "SHA-256")) + 1
    files = []
    for path, digest in rows[start:]:
        if path is None:
            break
        files.append(path)
        want = hashlib.sha256(open(path, "rb").read()).hexdigest()
        if digest != want:
            fail(case, f"SHA-256 of {path}: {digest}, recomputed {want}")
    if not files:
        fail(case, "no files read listed")
    start = rows.index(("Warnings", None)) + 1
    listed = [v for v, _ in rows[start:] if v is not None]
    warned = [l for l in stderr.splitlines() if ": warning: " in l]
    if listed != (warned or ["None."]):
        fail(case, f"warnings {listed}, the run printed {warned}")

    for p in problems:
        print(p)
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
