import pathlib, sys; sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / "tools")); from answers import *

doc = Doc(__file__)
doc.source = {"company": "Avino Silver and Gold Mines Ltd.",
              "title": "Avino Q2/June Production Report",
              "date": "2013-07",
              "urls": ["https://avino.com/news/archive/2013/avino-q2-june-production-report"]}


def ln(s):
    hits = [i + 1 for i, l in enumerate(doc.lines) if l.startswith(s)]
    assert len(hits) == 1, (s, hits)
    return hits[0]


def cells(n):
    c = doc.lines[n - 1].split("\t")
    return [doc.fig(n, x, nth=c[1:i + 1].count(x)) if x else None for i, x in enumerate(c[1:], start=1)]


c1, c2, tot = cells(ln("San Gonzalo (Circuit 1)")), cells(ln("Historic Above Ground")), cells(ln("\t\t12,904"))
DAYS, T, GAG, GAU, RAG, RAU, AG, AU, EQ, YTD = range(10)
names = {T: "mill feed tonnes", AG: "silver oz", AU: "gold oz", EQ: "silver eq. oz", YTD: "YTD silver eq. oz"}
for k, nm in names.items():
    doc.relation("sum-of-segments", f"June total {nm} = Circuit 1 + Circuit 2", tot[k], [c1[k], c2[k]], c1[k].i + c2[k].i)
notes55 = [i + 1 for i, l in enumerate(doc.lines) if l.startswith("Silver equivalent uses a 55:1")]  # below each table
r55 = doc.fig(notes55[0], "55")
for m, name in [(c1, "Circuit 1"), (c2, "Circuit 2"), (tot, "June total")]:
    doc.relation("total", f"{name} silver eq. oz = Ag oz + 55 × Au oz (55:1)", m[EQ], [m[AG], m[AU], r55], m[AG].i + r55.exact * m[AU].i)
for m, name in [(c1, "Circuit 1"), (c2, "Circuit 2")]:
    doc.relation("recovery", f"{name} June Ag recovery = Ag oz ÷ (t × Ag g/t ÷ 31.1034768)", m[RAG], [m[AG], m[T], m[GAG]], m[AG].i / contained_oz(m[T].i, m[GAG].i) * 100)
    doc.relation("recovery", f"{name} June Au recovery = Au oz ÷ (t × Au g/t ÷ 31.1034768)", m[RAU], [m[AU], m[T], m[GAU]], m[AU].i / contained_oz(m[T].i, m[GAU].i) * 100)

q = {}
for label in ["Total Silver Produced (oz) calculated", "Total Gold Produced (oz) calculated", "Total Silver Equivalent Produced (oz)"]:
    n = ln(label + "\t")
    a, b, c = q[label] = cells(n)
    doc.relation("change", f"{label}: % Change = (Q2 2013 ÷ Q1 2013 − 1) × 100", c, [b, a], pct_change(b.i, a.i))
ag, au, eq = q.values()
r55 = doc.fig(notes55[1], "55")
for k, per in [(0, "Q1 2013"), (1, "Q2 2013")]:
    doc.relation("total", f"{per} silver equivalent oz = Ag oz + 55 × Au oz (55:1)", eq[k], [ag[k], au[k], r55], ag[k].i + r55.exact * au[k].i)
doc.relation("period-sum", "YTD (January–June) silver eq. oz of the June table = Q1 2013 + Q2 2013 silver equivalent oz", tot[YTD], [eq[0], eq[1]], eq[0].i + eq[1].i)

NOTES = {
    "Q1 2013 silver equivalent oz = Ag oz + 55 × Au oz (55:1)":
        "printed 191,107; 159,582 + 55 × 574 = 191,152 (191,124–191,180 over the printed precision); the same Q1 figures miss the same way in the Q1 2013 report",
}
import os
if os.environ.get("DRY"):
    [print(r["formula"], r["computed"], r["printed"]) for r in doc.relations if r["status"] != "ties"]; sys.exit()
for r in doc.relations:
    if r["formula"] in NOTES:
        assert r["status"] == "does_not_tie", r["formula"]
        r["note"] = NOTES[r["formula"]]
doc.write()
