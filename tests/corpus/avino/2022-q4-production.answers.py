import pathlib, sys; sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / "tools")); from answers import *

doc = Doc(__file__)
doc.source = {"company": "Avino Silver & Gold Mines Ltd.",
              "title": "Avino Beats Yearly Silver Equivalent Production Estimate With Over 2.6 Million Ozs In 2022 - An Increase Of 215% Over 2021",
              "date": "2023-01-17",
              "urls": ["https://jp.advfn.com/exchanges/TSX/ASM/share-news/89993683/avino-beats-yearly-silver-equivalent-production-es",
                       "https://www.goldseiten.de/artikel/565533--Avino-Beats-Yearly-Silver-Equivalent-Production-Estimate-With-Over-2.6-Million-Ozs-In-2022---An-Increase-Of-215Prozent-Over-2021.html"]}


def ln(s):
    hits = [i + 1 for i, l in enumerate(doc.lines) if s in l]
    assert len(hits) == 1, (s, hits)
    return hits[0]


def row(label):
    """Q4 2022, Q4 2021, chg, 2022, 2021, chg (the label is the 4th cell)."""
    n = ln("\t" + label + "\t")
    c = doc.lines[n - 1].split("\t")
    return [doc.fig(n, x, nth=c[:i + 1].count(x)) for i, x in enumerate(c) if i != 3]


labels = ["Total Mill Feed (dry tonnes)", "Feed Grade Silver (g/t)", "Feed Grade Gold (g/t)",
          "Feed Grade Copper (%)", "Recovery Silver (%)", "Recovery Gold (%)", "Recovery Copper (%)",
          "Total Silver Produced (oz)", "Total Gold Produced (oz)", "Total Copper Produced (Lbs)",
          "Total Silver Equivalent Produced (oz)2"]
R = {}
for label in labels:
    q, qp, qc, y, yp, yc = R[label] = row(label)
    doc.relation("change", f"{label}: Change = (Q4 2022 ÷ Q4 2021 − 1) × 100", qc, [q, qp], pct_change(q.i, qp.i))
    doc.relation("change", f"{label}: Change = (2022 ÷ 2021 − 1) × 100", yc, [y, yp], pct_change(y.i, yp.i))

t, gag, gau, gcu, rag, rau, rcu, pag, pau, pcu, eq = (R[k] for k in labels)
for k, per in [(0, "Q4 2022"), (1, "Q4 2021"), (3, "2022"), (4, "2021")]:
    doc.relation("recovery", f"Ag recovery {per} = Ag produced ÷ (dry t × Ag g/t ÷ 31.1034768)", rag[k],
                 [pag[k], t[k], gag[k]], pag[k].i / contained_oz(t[k].i, gag[k].i) * 100)
    doc.relation("recovery", f"Au recovery {per} = Au produced ÷ (dry t × Au g/t ÷ 31.1034768)", rau[k],
                 [pau[k], t[k], gau[k]], pau[k].i / contained_oz(t[k].i, gau[k].i) * 100)
    doc.relation("recovery", f"Cu recovery {per} = Cu produced lb ÷ (dry t × Cu % → lb)", rcu[k],
                 [pcu[k], t[k], gcu[k]], pcu[k].i / contained_lb(t[k].i, gcu[k].i) * 100)

hl = [("Output of silver equivalent rose", "42%", "770,127", eq),
      ("Output of silver rose", "89%", "309,856", pag),
      ("Output of gold rose", "12%", "2,426", pau),
      ("The mill processed", "45%", "150,292", t)]
for key, pct, val, f in hl:
    n = ln(key)
    doc.relation("change-in-prose", f"'{pct}' = (Q4 2022 ÷ Q4 2021 − 1) × 100 ({key})", doc.fig(n, pct), [f[0], f[1]], pct_change(f[0].i, f[1].i))
    doc.relation("restatement", f"{val} in the highlights = the table's Q4 2022", doc.fig(n, val), [f[0]], f[0].i, same=True)
n = ln("Output of copper rose")
doc.relation("change-in-prose", "copper '37%' = (Q4 2022 ÷ Q4 2021 lbs − 1) × 100", doc.fig(n, "37%"), [pcu[0], pcu[1]], pct_change(pcu[0].i, pcu[1].i))
doc.relation("restatement", "1.5 million lbs = the table's Q4 2022 1,540,851 lbs", doc.fig(n, "1.5", scale=10**6), [pcu[0]], pcu[0].i)
n = ln("reports production of 2,655,502")
doc.relation("restatement", "2,655,502 AgEq oz in the lead = the table's 2022", doc.fig(n, "2,655,502"), [eq[3]], eq[3].i, same=True)
doc.relation("restatement", "770,127 AgEq oz in the lead = the table's Q4 2022", doc.fig(n, "770,127"), [eq[0]], eq[0].i, same=True)
over = doc.fig(1, "2.6", scale=10**6)
over.i = I(2600000, 2700000)  # "over 2.6 million": more than 2.6 million, less than 2.7 million
doc.relation("rounding-word", "'over 2.6 million' (title): 2.6 million < 2022 AgEq < 2.7 million", over, [eq[3]], eq[3].i)
doc.relation("change-in-prose", "title 'up 215% on 2021' = (2022 ÷ 2021 AgEq − 1) × 100", doc.fig(1, "215%"), [eq[3], eq[4]], pct_change(eq[3].i, eq[4].i))

# Review addition (line 29): the internal estimate of "2.2 to 2.4 million" was beaten at its top "by more than
# 250,000 silver equivalent ounces": 2022 AgEq − 2.4 million. "More than 250,000" is read like the title's
# "over 2.6 million": above 250,000 and below the next step of the round figure, 300,000.
n = ln("exceeded the top of that range")
top = doc.fig(n, "2.4", scale=10**6)
more = doc.fig(n, "250,000")
more.i = I(250000, 300000)
doc.relation("difference-in-prose", "'more than 250,000' AgEq oz above the estimate's top = 2022 AgEq − 2.4 million",
             more, [eq[3], top], eq[3].i - top.exact)

NOTES = {
    "Cu recovery 2021 = Cu produced lb ÷ (dry t × Cu % → lb)":
        "printed 88%; 1,869,306 lb from 165,304 t at 0.57% Cu gives 89.2–90.8% (silver and gold recoveries of the same column tie)",
}
import os
if os.environ.get("DRY"):
    [print(r["formula"], r["computed"], r["printed"]) for r in doc.relations if r["status"] != "ties"]; sys.exit()
for r in doc.relations:
    if r["formula"] in NOTES:
        assert r["status"] == "does_not_tie", r["formula"]
        r["note"] = NOTES[r["formula"]]
doc.write()
