import pathlib, sys; sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / "tools")); from answers import *

doc = Doc(__file__)
doc.source = {"company": "Great Panther Silver Limited",
              "title": "Great Panther Silver Reports a 19% Increase in Metal Production in 2013",
              "date": "2014-01",
              "urls": ["https://mexicominingcenter.com/great-panther-silver-reports-a-19-increase-in-metal-production-in-2013"]}


def ln(s):
    hits = [i + 1 for i, l in enumerate(doc.lines) if s in l]
    assert len(hits) == 1, (s, hits)
    return hits[0]


def row(label):
    n = ln(label + "\t")
    c = doc.lines[n - 1].split("\t")
    return [doc.fig(n, x, nth=c[1:i + 1].count(x)) for i, x in enumerate(c[1:], start=1)]


labels = ["Ore processed (tonnes milled)", "Silver equivalent ounce production 1", "Silver ounce production", "Gold ounce production",
          "Lead production (tonnes)", "Zinc production (tonnes)", "Total underground development (m)", "Underground diamond drilling (m)"]
R = {}
for label in labels:
    q, qp, qc, y, yp, yc = R[label] = row(label)
    doc.relation("change", f"{label}: Change = (Q4 2013 ÷ Q4 2012 − 1) × 100", qc, [q, qp], pct_change(q.i, qp.i))
    doc.relation("change", f"{label}: Change = (FY 2013 ÷ FY 2012 − 1) × 100", yc, [y, yp], pct_change(y.i, yp.i))

t, eq, ag, au = (R[k] for k in labels[:4])
hl = [("Ore processed rose 23%", "23%", "283,608", t, 3), ("record 2,840,845", "19%", "2,840,845", eq, 3),
      ("Silver production rose 10%", "10%", "1,711,215", ag, 3), ("Gold production rose 44%", "44%", "15,714", au, 3),
      ("Ore processed rose 3%", "3%", "69,601", t, 0), ("Metal production rose 14%", "14%", "763,881", eq, 0),
      ("Silver production rose 7%", "7%", "484,936", ag, 0), ("Gold production rose 37%", "37%", "3,880", au, 0)]
for key, pct, val, f, k in hl:
    per = "FY 2013 ÷ FY 2012" if k == 3 else "Q4 2013 ÷ Q4 2012"
    n = ln(key)
    doc.relation("change-in-prose", f"'{pct}' ({key}) = ({per} − 1) × 100", doc.fig(n, pct), [f[k], f[k + 1]], pct_change(f[k].i, f[k + 1].i))
    doc.relation("restatement", f"{val} in the highlights = the table's {per.split(' ÷')[0]}", doc.fig(n, val), [f[k]], f[k].i, same=True)

NOTES = {}
import os
if os.environ.get("DRY"):
    [print(r["formula"], r["computed"], r["printed"]) for r in doc.relations if r["status"] != "ties"]; sys.exit()
for r in doc.relations:
    if r["formula"] in NOTES:
        assert r["status"] == "does_not_tie", r["formula"]
        r["note"] = NOTES[r["formula"]]
doc.write()
