import pathlib, sys; sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / "tools")); from answers import *

doc = Doc(__file__)
doc.source = {"company": "First Majestic Silver Corp.",
              "title": "First Majestic Produces 6.2 Million Silver Equivalent Ounces in First Quarter",
              "date": "2020-04-14",
              "urls": ["https://www.globenewswire.com/news-release/2020/04/14/2015529/0/en/First-Majestic-Produces-6-2-Million-Silver-Equivalent-Ounces-in-First-Quarter.html",
                       "https://news.canadianminingreport.com/company/news/first-majestic-produces-62-million-silver-equivalent"]}


def ln(s):
    hits = [i + 1 for i, l in enumerate(doc.lines) if s in l]
    assert len(hits) == 1, (s, hits)
    return hits[0]


def row(label):
    n = ln(label + "\t")
    c = doc.lines[n - 1].split("\t")
    return [doc.fig(n, x, nth=c[1:i + 1].count(x)) for i, x in enumerate(c[1:], start=1)]


R = {}
for label in ["Ore processed/tonnes milled", "Total production - ounces of silver eqv.", "Silver ounces produced",
              "Gold ounces produced", "Pounds of lead produced", "Pounds of zinc produced"]:
    q, y, yc, p, pc = R[label] = row(label)
    doc.relation("change", f"{label}: Y/Y Change = (Q1 2020 ÷ Q1 2019 − 1) × 100", yc, [q, y], pct_change(q.i, y.i))
    if p.value != 0:  # zinc: 0 against 0, printed 0%, is no ratio
        doc.relation("change", f"{label}: Q/Q Change = (Q1 2020 ÷ Q4 2019 − 1) × 100", pc, [q, p], pct_change(q.i, p.i))

t, eq, ag, au, pb, zn = (R[k] for k in R)
for key, what in [("reports that its production", "lead"), ("Production totalled", "highlights"), ("three operating mines produced", "CEO")]:
    n = ln(key)
    doc.relation("restatement", f"6.2 million AgEq oz ({what}) = the table's Q1 2020 6,195,057", doc.fig(n, "6.2", scale=10**6), [eq[0]], eq[0].i)
    if what != "CEO":
        doc.relation("restatement", f"3.2 million oz silver ({what}) = the table's Q1 2020 3,151,980", doc.fig(n, "3.2", scale=10**6), [ag[0]], ag[0].i)
        doc.relation("restatement", f"32,202 oz gold ({what}) = the table's Q1 2020", doc.fig(n, "32,202"), [au[0]], au[0].i, same=True)
n = ln("processed a total of")
doc.relation("restatement", "599,142 tonnes in the review = the table's Q1 2020", doc.fig(n, "599,142"), [t[0]], t[0].i, same=True)
doc.relation("change-in-prose", "'4% less than in the previous quarter' = −(Q1 2020 ÷ Q4 2019 − 1) × 100", doc.fig(n, "4%"), [t[0], t[3]], -pct_change(t[0].i, t[3].i))

NOTES = {}
import os
if os.environ.get("DRY"):
    [print(r["formula"], r["computed"], r["printed"]) for r in doc.relations if r["status"] != "ties"]; sys.exit()
for r in doc.relations:
    if r["formula"] in NOTES:
        assert r["status"] == "does_not_tie", r["formula"]
        r["note"] = NOTES[r["formula"]]
doc.write()
