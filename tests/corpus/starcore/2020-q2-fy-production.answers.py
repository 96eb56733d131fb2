import pathlib, sys; sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / "tools")); from answers import *

doc = Doc(__file__)
doc.source = {
    "company": "Starcore International Mines Ltd.",
    "title": "Starcore Announces 2nd Quarter Production Results (fiscal 2019/2020, quarter ended October 31, 2019)",
    "date": "2019-11-13",
    "urls": ["https://www.sec.gov/Archives/edgar/data/1301713/000156459019043277/sam-ex991_6.htm"],
}
f = doc.fig


def cells(line, n=6):
    """The printed cells of a table row (label dropped), as figures, None for an empty cell."""
    out, seen = [], {}
    for c in doc.lines[line - 1].split("\t")[1:n + 1]:
        if not c:
            out.append(None)
            continue
        seen[c] = seen.get(c, 0) + 1
        out.append(f(line, c, nth=seen[c]))
    return out


def wavg2(x0, x1, w0, w1):
    """Weighted average of x0, x1 with weights w0, w1 (intervals), exact: x1 + (x0 − x1)·v with
    v = 1 ÷ (1 + w1 ÷ w0) is multilinear in (x0, x1, v), so its range is reached at the corners."""
    v = 1 / (1 + w1 / w0)
    vals = [b + (a - b) * c for a in (x0.lo, x0.hi) for b in (x1.lo, x1.hi) for c in (v.lo, v.hi)]
    return I(min(vals), max(vals))


# columns: current quarter, prior quarter, Q/Q change, YTD current, YTD prior, Y/Y change
HEAD = ("Q2 2019 (quarter ended Oct 31, 2019)", "Q1 2019", "YTD 2019", "YTD 2018")
rows = {"ore milled t": 13, "gold equivalent oz": 14, "gold grade g/t": 15, "silver grade g/t": 16,
        "gold recovery %": 17, "silver recovery %": 18}
R = {k: cells(v) for k, v in rows.items()}

for name, c in R.items():
    doc.relation("change", f"Q/Q change of {name} = {HEAD[0]} ÷ {HEAD[1]} − 1", c[2], [c[0], c[1]], pct_change(c[0].i, c[1].i))
    doc.relation("change", f"Y/Y change of {name} = {HEAD[2]} ÷ {HEAD[3]} − 1", c[5], [c[3], c[4]], pct_change(c[3].i, c[4].i))

t, eq, ga, gs, ra, rs = (R[k] for k in rows)
doc.relation("period-sum", "YTD 2019 ore milled = Q2 2019 + Q1 2019", t[3], [t[0], t[1]], t[0].i + t[1].i)
doc.relation("period-sum", "YTD 2019 gold equivalent oz = Q2 2019 + Q1 2019", eq[3], [eq[0], eq[1]], eq[0].i + eq[1].i)
NOTES = {"silver grade": "printed 33.35 g/t; (54,096 t × 34.19 + 60,822 t × 32.40) ÷ 114,918 t gives 33.24 g/t (33.237–33.248): the year-to-date silver grade does not follow from the two quarters printed beside it"}
for metal, g, r in (("gold", ga, ra), ("silver", gs, rs)):
    doc.relation("weighted-average", f"YTD 2019 {metal} grade = Σ t × g/t ÷ Σ t (Q2, Q1 2019)", g[3], [t[0], g[0], t[1], g[1]],
                 wavg2(g[0].i, g[1].i, t[0].i, t[1].i), note=NOTES.get(f"{metal} grade", ""))
    doc.relation("weighted-average", f"YTD 2019 {metal} recovery = Σ recovery × metal fed ÷ Σ metal fed (Q2, Q1 2019)", r[3],
                 [r[0], t[0], g[0], r[1], t[1], g[1]], wavg2(r[0].i, r[1].i, t[0].i * g[0].i, t[1].i * g[1].i))

doc.write()
