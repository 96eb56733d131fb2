#!/usr/bin/env python3
"""Independent reference answers for orebook's example datasets.

Computed from the raw files under examples/ (site.toml, streams.csv,
production.csv) with the Python standard library only; orebook's own code is
neither read nor run.  Rerunning this script rewrites the JSON files next to
it byte for byte.

Usage: python3 compute.py            (writes <dataset>-<period>.json here)
"""
import csv
import datetime as dt
import json
import os
import re

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", "..", "..", ".."))  # repository root
EXAMPLES = os.path.join(ROOT, "examples")

TROY_OZ_G = 31.1034768          # g per troy ounce (exact)
LB_KG = 0.45359237              # kg per pound (exact)

# grade unit -> divisor turning a grade into a mass fraction
GRADE_DIVISOR = {"g/t": 1e6, "ppm": 1e6, "%": 100.0}
# column suffix used in streams.csv for each grade unit
GRADE_SUFFIX = {"g/t": "gpt", "%": "pct", "ppm": "ppm"}
# production unit -> tonnes of metal per unit
UNIT_T = {"oz": TROY_OZ_G / 1e6, "koz": TROY_OZ_G / 1e3, "lb": LB_KG / 1e3,
          "klb": LB_KG, "t": 1.0, "kg": 1e-3, "g": 1e-6}

CASES = [("san-gonzalo", "2013"), ("san-gonzalo", "2014Q1"),
         ("nuestra-senora", "2013"), ("nuestra-senora", "2014H1")]


def unit_factor(frm, to):
    """Multiplier from unit frm to unit to (exact for 'kX' -> 'X')."""
    if frm == to:
        return 1.0
    if frm == "k" + to:
        return 1000.0
    return UNIT_T[frm] / UNIT_T[to]


# ---------------------------------------------------------------- site.toml
def load_toml(path):
    try:
        import tomllib
        with open(path, "rb") as f:
            return tomllib.load(f)
    except ImportError:          # Python < 3.11: just enough TOML for site.toml
        return _mini_toml(path)


def _mini_toml(path):
    doc, cur = {}, None
    cur = doc
    for raw in open(path, encoding="utf-8"):
        line = re.sub(r'\s+#.*$', '', raw.strip()) if not raw.strip().startswith('"') else raw.strip()
        if not line or line.startswith("#"):
            continue
        m = re.match(r'^\[\[([\w.]+)\]\]$', line)
        if m:
            parts = m.group(1).split(".")
            tgt = doc
            for p in parts[:-1]:
                tgt = tgt[p][-1] if isinstance(tgt[p], list) else tgt[p]
            tgt.setdefault(parts[-1], []).append({})
            cur = tgt[parts[-1]][-1]
            continue
        m = re.match(r'^\[([\w.]+)\]$', line)
        if m:
            cur = doc.setdefault(m.group(1), {})
            continue
        k, _, v = line.partition("=")
        k, v = k.strip(), v.strip()
        if v.startswith('"'):
            cur[k] = v[1:v.index('"', 1)]
        elif v.startswith("["):
            cur[k] = re.findall(r'"([^"]*)"', v)
        else:
            cur[k] = v
    return doc


# ---------------------------------------------------------------- periods
def period_range(p):
    """Half-open date range [start, end) of a period label."""
    p = p.strip()
    m = re.fullmatch(r"(\d{4})", p)
    if m:
        y = int(m.group(1))
        return dt.date(y, 1, 1), dt.date(y + 1, 1, 1)
    m = re.fullmatch(r"(\d{4})Q([1-4])", p)
    if m:
        y, q = int(m.group(1)), int(m.group(2))
        return _months(y, 3 * (q - 1) + 1, 3)
    m = re.fullmatch(r"(\d{4})H([12])", p)
    if m:
        y, h = int(m.group(1)), int(m.group(2))
        return _months(y, 6 * (h - 1) + 1, 6)
    m = re.fullmatch(r"(\d{4})-(\d{2})", p)
    if m:
        return _months(int(m.group(1)), int(m.group(2)), 1)
    raise ValueError("unknown period label: %r" % p)


def _months(y, m, n):
    start = dt.date(y, m, 1)
    mm = m - 1 + n
    return start, dt.date(y + mm // 12, mm % 12 + 1, 1)


def classify(row_period, target):
    """'in' if the row's period lies inside target, 'out' if disjoint, else 'straddle'."""
    rs, re_ = period_range(row_period)
    ts, te = target
    if rs >= ts and re_ <= te:
        return "in"
    if re_ <= ts or rs >= te:
        return "out"
    return "straddle"


# ---------------------------------------------------------------- CSV
def read_csv(path):
    """Rows as (line_number, dict); comments (#) and blank lines skipped; header = first other line."""
    rows, header = [], None
    with open(path, encoding="utf-8-sig", newline="") as f:
        for n, line in enumerate(f, start=1):
            s = line.rstrip("\r\n")
            if not s.strip() or s.lstrip().startswith("#"):
                continue
            fields = next(csv.reader([s]))
            if header is None:
                header = [h.strip() for h in fields]
                continue
            fields += [""] * (len(header) - len(fields))
            rows.append((n, {h: v.strip() for h, v in zip(header, fields)}))
    return header, rows


def num(s):
    return float(s) if s is not None and s.strip() != "" else None


# ---------------------------------------------------------------- one answer
def compute(dataset, period):
    folder = os.path.join(EXAMPLES, dataset)
    site = load_toml(os.path.join(folder, "site.toml"))
    metals = site["metals"]
    roles = {s["id"]: s.get("role") for s in site.get("streams", [])}
    target = period_range(period)
    days = (target[1] - target[0]).days
    notes = []

    header, rows = read_csv(os.path.join(folder, "streams.csv"))
    has_days = "operating_days" in header
    grade_col = {}
    for m in metals:
        col = "%s_%s" % (m["symbol"], GRADE_SUFFIX[m["grade_unit"]])
        grade_col[m["symbol"]] = col if col in header else None

    # stream order: site.toml first, then any other stream met in the CSV
    order = [s["id"] for s in site.get("streams", [])]
    for _, r in rows:
        if r["stream"] not in order:
            order.append(r["stream"])

    streams = {}
    for sid in order:
        inside = []
        for n, r in rows:
            if r["stream"] != sid:
                continue
            c = classify(r["period"], target)
            if c == "in":
                inside.append((n, r))
            elif c == "straddle":
                notes.append("streams.csv line %d (%s) straddles %s and is left out"
                             % (n, r["period"], period))
        entry = {"rows": len(inside),
                 "first_line": inside[0][0] if inside else None,
                 "last_line": inside[-1][0] if inside else None,
                 "dry_t": None, "operating_days": None, "contained_t": {}}
        if inside:
            dry = [num(r["dry_t"]) for _, r in inside]
            entry["dry_t"] = sum(dry) if None not in dry else None
            if has_days:
                od = [num(r.get("operating_days")) for _, r in inside]
                entry["operating_days"] = sum(od) if None not in od else None
        for m in metals:
            sym, col = m["symbol"], grade_col[m["symbol"]]
            total = None
            if inside and col is not None:
                total = 0.0
                for _, r in inside:
                    d, g = num(r["dry_t"]), num(r.get(col))
                    if d is None or g is None:
                        total = None
                        break
                    total += d * g / GRADE_DIVISOR[m["grade_unit"]]
            entry["contained_t"][sym] = total
        streams[sid] = entry

    feed_ids = [s for s in order if roles.get(s) == "feed"]
    mined_ids = [s for s in order if roles.get(s) == "ore_mined"]

    def total_of(ids, key):
        vals = [streams[s][key] for s in ids]
        return sum(vals) if vals and None not in vals else None

    feed_t = total_of(feed_ids, "dry_t")
    mined_t = total_of(mined_ids, "dry_t")

    # production.csv (metal totals given directly)
    prod_rows = []
    ppath = os.path.join(folder, "production.csv")
    if os.path.exists(ppath):
        _, prod_rows = read_csv(ppath)

    out_metals = {}
    for m in metals:
        sym, unit = m["symbol"], m["grade_unit"]
        fc = [streams[s]["contained_t"][sym] for s in feed_ids]
        feed_c = sum(fc) if fc and None not in fc else None
        head = (feed_c / feed_t * GRADE_DIVISOR[unit]
                if feed_c is not None and feed_t else None)
        punit = m["production_unit"]
        rec = {"head_grade": head, "grade_unit": unit,
               "production": None, "production_unit": punit}
        prod_t = None
        products = m.get("products") or []
        if products:
            pc = [streams[p]["contained_t"][sym] if p in streams else None for p in products]
            if None not in pc:
                prod_t = sum(pc)
                rec["production"] = prod_t / UNIT_T[punit]
        else:
            # summed in the production unit (klb -> lb is x1000 exactly), then to tonnes
            lines, total, ok = [], 0.0, False
            for n, r in prod_rows:
                if r["metal"] != sym:
                    continue
                c = classify(r["period"], target)
                if c == "straddle":
                    notes.append("production.csv line %d (%s) straddles %s and is left out"
                                 % (n, r["period"], period))
                if c != "in":
                    continue
                v = num(r["produced"])
                lines.append(n)
                if v is None:
                    total = None
                    continue
                if total is not None:
                    total += v * unit_factor(r["unit"], punit)
                ok = True
            rec["production_lines"] = lines
            if ok and total is not None:
                rec["production"] = total
                prod_t = total * UNIT_T[punit]
        rec["recovery_pct"] = (prod_t / feed_c * 100.0
                               if prod_t is not None and feed_c else None)
        out_metals[sym] = rec

    return {
        "dataset": dataset,
        "period": period,
        "method": None,  # filled below
        "calendar_days": days,
        "streams": streams,
        "metals": out_metals,
        "ore_processed_t": feed_t,
        "ore_mined_t": mined_t,
        "throughput_tpd": feed_t / days if feed_t is not None else None,
    }, notes


METHOD = {
    "san-gonzalo": (
        "Rows of streams.csv whose quarter lies inside the period (no row straddles it); "
        "contained t = sum of dry_t x grade / 1e6 (g/t) per row; head grade = feed contained / "
        "feed dry t x 1e6; production = contained metal of bulk_con (the only product) / "
        "31.1034768 g/oz; recovery = bulk_con contained / mill_feed contained x 100; "
        "throughput = feed t / calendar days. bulk_con has no operating_days (null); "
        "there is no ore_mined stream (null)."),
    "nuestra-senora": (
        "Rows of streams.csv whose quarter lies inside the period (no row straddles it); "
        "contained t = sum of dry_t x grade (g/t / 1e6, % / 100); ore_mined rows carry no "
        "assays, so its contained metal is null; streams.csv has no operating_days column (null). "
        "Production = sum of production.csv rows of the period (klb x 1000 -> lb, lb x 0.45359237 kg, "
        "oz x 31.1034768 g); recovery = production / mill_feed contained x 100 in tonnes; "
        "throughput = feed t / calendar days."),
}


def main():
    for dataset, period in CASES:
        ans, notes = compute(dataset, period)
        ans["method"] = METHOD[dataset] + ("" if not notes else " Notes: " + "; ".join(notes) + ".")
        path = os.path.join(HERE, "%s-%s.json" % (dataset, period))
        with open(path, "w", encoding="utf-8", newline="\n") as f:
            json.dump(ans, f, indent=2, ensure_ascii=False)
            f.write("\n")
        print("wrote", os.path.relpath(path, ROOT))


if __name__ == "__main__":
    main()
