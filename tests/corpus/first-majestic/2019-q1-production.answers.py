import pathlib, sys; sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / "tools")); from answers import *

doc = Doc(__file__)
doc.source = {"company": "First Majestic Silver Corp.",
              "title": "First Majestic Produces 6.3 Million Silver Equivalent Ounces in First Quarter",
              "date": "2019-04-16",
              "urls": ["https://markets.businessinsider.com/news/stocks/first-majestic-produces-6-3-million-silver-equivalent-ounces-in-first-quarter-1028114039"]}


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
    doc.relation("change", f"{label}: Y/Y Change = (Q1 2019 ÷ Q1 2018 − 1) × 100", yc, [q, y], pct_change(q.i, y.i))
    doc.relation("change", f"{label}: Q/Q Change = (Q1 2019 ÷ Q4 2018 − 1) × 100", pc, [q, p], pct_change(q.i, p.i))

t, eq, ag, au, pb, zn = (R[k] for k in R)
n = ln("reports that its mines produced")
doc.relation("restatement", "6.3 million AgEq oz (lead) = the table's Q1 2019 6,273,677", doc.fig(n, "6.3", scale=10**6), [eq[0]], eq[0].i)
doc.relation("restatement", "3.3 million oz silver (lead) = the table's Q1 2019 3,331,388", doc.fig(n, "3.3", scale=10**6), [ag[0]], ag[0].i)
doc.relation("restatement", "32,037 oz gold (lead) = the table's Q1 2019", doc.fig(n, "32,037"), [au[0]], au[0].i, same=True)
doc.relation("restatement", "2.7 million lb lead (lead) = the table's Q1 2019 2,661,088", doc.fig(n, "2.7", scale=10**6), [pb[0]], pb[0].i)
doc.relation("restatement", "1.3 million lb zinc (lead) = the table's Q1 2019 1,265,438", doc.fig(n, "1.3", scale=10**6), [zn[0]], zn[0].i)
n = ln("called it a good beginning")
doc.relation("restatement", "6.3 million AgEq oz (CEO) = the table's Q1 2019 6,273,677", doc.fig(n, "6.3", scale=10**6), [eq[0]], eq[0].i)
doc.relation("restatement", "3.3 million oz silver (CEO) = the table's Q1 2019 3,331,388", doc.fig(n, "3.3", scale=10**6), [ag[0]], ag[0].i)
doc.relation("change-in-prose", "silver 'rose 2%' = (Q1 2019 ÷ Q4 2018 − 1) × 100 (the quarter-on-quarter comparison)", doc.fig(n, "2%"), [ag[0], ag[3]], pct_change(ag[0].i, ag[3].i))
n = ln("processed a total of")
doc.relation("restatement", "831,261 tonnes in the review = the table's Q1 2019", doc.fig(n, "831,261"), [t[0]], t[0].i, same=True)
doc.relation("change-in-prose", "'2% less than in the previous quarter' = −(Q1 2019 ÷ Q4 2018 − 1) × 100", doc.fig(n, "2%"), [t[0], t[3]], -pct_change(t[0].i, t[3].i))

NOTES = {}
import os
if os.environ.get("DRY"):
    [print(r["formula"], r["computed"], r["printed"]) for r in doc.relations if r["status"] != "ties"]; sys.exit()
for r in doc.relations:
    if r["formula"] in NOTES:
        assert r["status"] == "does_not_tie", r["formula"]
        r["note"] = NOTES[r["formula"]]
doc.write()
