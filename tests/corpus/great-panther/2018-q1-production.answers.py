import pathlib, sys; sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / "tools")); from answers import *

doc = Doc(__file__)
doc.source = {"company": "Great Panther Silver Limited",
              "title": "Great Panther Silver Reports First Quarter 2018 Production Results",
              "date": "2018-04",
              "urls": ["https://apexgoldsilvercoin2.com/great-panther-silver-reports-first-quarter-2018-production-results"]}


def ln(s):
    hits = [i + 1 for i, l in enumerate(doc.lines) if s in l]
    assert len(hits) == 1, (s, hits)
    return hits[0]


def row(label):
    n = ln(label + "\t")
    c = doc.lines[n - 1].split("\t")
    return [doc.fig(n, x, nth=c[1:i + 1].count(x)) if x not in ("–", "n/a") else None for i, x in enumerate(c[1:], start=1)]


R = {}
for label in ["Ore processed (tonnes milled)", "Silver equivalent ounce production2", "Silver ounce production",
              "Gold ounce production", "Lead production (tonnes)", "Zinc production (tonnes)"]:
    q, y, yc, q2, p, pc = R[label] = row(label)
    if y is not None:
        doc.relation("change", f"{label}: Change = (Q1 2018 ÷ Q1 2017 − 1) × 100", yc, [q, y], pct_change(q.i, y.i))
    doc.relation("change", f"{label}: Change = (Q1 2018 ÷ Q4 2017 − 1) × 100", pc, [q2, p], pct_change(q2.i, p.i))
    doc.relation("same-figure", f"{label}: Q1 2018 printed in both halves of the table", q2, [q], q.i, same=True)

t, eq, ag, au = (R[k] for k in list(R)[:4])
hl = [("Consolidated metal production rose 42%", "42%", "1,031,937", eq),
      ("Silver production rose 35%", "35%", "491,063", ag),
      ("Gold production rose 13%", "13%", "5,831", au),
      ("Ore processed rose 17%", "17%", "96,869", t)]
for key, pct, val, f in hl:
    n = ln(key)
    doc.relation("change-in-prose", f"'{key}' = (Q1 2018 ÷ Q1 2017 − 1) × 100", doc.fig(n, pct), [f[0], f[1]], pct_change(f[0].i, f[1].i))
    doc.relation("restatement", f"{val} in the highlights = the table's Q1 2018", doc.fig(n, val), [f[0]], f[0].i, same=True)

# Review addition: silver equivalent ounces from footnote (2)'s ratios (line 22):
# Ag eq oz = Ag oz + 70 × Au oz + Pb lb × 0.0559 + Zn lb × 0.0676 (lead and zinc printed in tonnes; Q1 2017
# prints '–' for both, Topia having processed no ore: footnote (1)).
LB_PER_T = F(1000) / KG_PER_POUND
pb, zn = R["Lead production (tonnes)"], R["Zinc production (tonnes)"]
n = ln("Silver equivalent ounces use a 70:1")
r70, rpb, rzn = doc.fig(n, "70"), doc.fig(n, "0.0559"), doc.fig(n, "0.0676")
for k, per in [(0, "Q1 2018"), (1, "Q1 2017"), (4, "Q4 2017")]:
    if pb[k] is None:
        doc.relation("total", f"{per} Ag eq oz = Ag oz + 70 × Au oz (no lead or zinc: '–')", eq[k], [ag[k], au[k], r70],
                     ag[k].i + r70.exact * au[k].i)
    else:
        doc.relation("total", f"{per} Ag eq oz = Ag oz + 70 × Au oz + Pb lb × 0.0559 + Zn lb × 0.0676 (footnote 2)",
                     eq[k], [ag[k], au[k], pb[k], zn[k], r70, rpb, rzn],
                     ag[k].i + r70.exact * au[k].i + pb[k].i * LB_PER_T * rpb.exact + zn[k].i * LB_PER_T * rzn.exact)

NOTES = {}
import os
if os.environ.get("DRY"):
    [print(r["formula"], r["computed"], r["printed"]) for r in doc.relations if r["status"] != "ties"]; sys.exit()
for r in doc.relations:
    if r["formula"] in NOTES:
        assert r["status"] == "does_not_tie", r["formula"]
        r["note"] = NOTES[r["formula"]]
doc.write()
