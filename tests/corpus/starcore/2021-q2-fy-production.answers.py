import pathlib, sys; sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / "tools")); from answers import *

doc = Doc(__file__)
doc.source = {
    "company": "Starcore International Mines Ltd.",
    "title": "Starcore Announces 2nd Quarter Production Results (fiscal 2020/2021, quarter ended October 31, 2020)",
    "date": "2020-11-16",
    "urls": ["https://www.sec.gov/Archives/edgar/data/1301713/000156459020054109/sam-ex991_6.htm"],
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
HEAD = ("Q2 2020 (quarter ended Oct 31, 2020)", "Q1 2019 (so printed: the quarter ended Jul 31, 2020)", "YTD 2020", "YTD 2019")
rows = {"ore milled t": 14, "gold equivalent oz": 15, "gold grade g/t": 16, "silver grade g/t": 17,
        "gold recovery %": 18, "silver recovery %": 19}
R = {k: cells(v) for k, v in rows.items()}

YOY_NOTES = {
    "ore milled t": "printed -1%; 115,830 ÷ 114,918 − 1 = +0.79%: year-to-date ore milled rose, the printed change has the wrong sign (and would be -1% only as 114,918 ÷ 115,830 − 1 = -0.79%)",
    "silver grade g/t": "printed -23%; 25.65 ÷ 32.25 − 1 = -20.47%. The printed change fits the YTD 2019 silver grade of 33.35 g/t published a year earlier (25.65 ÷ 33.35 − 1 = -23.09%), not the 32.25 printed beside it",
}
for name, c in R.items():
    doc.relation("change", f"Q/Q change of {name} = {HEAD[0]} ÷ {HEAD[1]} − 1", c[2], [c[0], c[1]], pct_change(c[0].i, c[1].i))
    doc.relation("change", f"Y/Y change of {name} = {HEAD[2]} ÷ {HEAD[3]} − 1", c[5], [c[3], c[4]], pct_change(c[3].i, c[4].i),
                 note=YOY_NOTES.get(name, ""))

t, eq, ga, gs, ra, rs = (R[k] for k in rows)
doc.relation("period-sum", "YTD 2020 ore milled = Q2 2020 + Q1 (printed Q1 2019)", t[3], [t[0], t[1]], t[0].i + t[1].i)
doc.relation("period-sum", "YTD 2020 gold equivalent oz = Q2 2020 + Q1 (printed Q1 2019)", eq[3], [eq[0], eq[1]], eq[0].i + eq[1].i)
NOTES = {}
for metal, g, r in (("gold", ga, ra), ("silver", gs, rs)):
    doc.relation("weighted-average", f"YTD 2020 {metal} grade = Σ t × g/t ÷ Σ t (Q2 2020, Q1)", g[3], [t[0], g[0], t[1], g[1]],
                 wavg2(g[0].i, g[1].i, t[0].i, t[1].i), note=NOTES.get(f"{metal} grade", ""))
    doc.relation("weighted-average", f"YTD 2020 {metal} recovery = Σ recovery × metal fed ÷ Σ metal fed (Q2 2020, Q1)", r[3],
                 [r[0], t[0], g[0], r[1], t[1], g[1]], wavg2(r[0].i, r[1].i, t[0].i * g[0].i, t[1].i * g[1].i))

doc.write()
