import pathlib, sys; sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / "tools")); from answers import *

doc = Doc(__file__)
doc.source = {"company": "Avino Silver & Gold Mines Ltd.",
              "title": "Avino Announces Q2 2023 Production Results",
              "date": "2023-07-20",
              "urls": ["https://jp.advfn.com/exchanges/TSX/ASM/share-news/91612539/avino-announces-q2-2023-production-results"]}


def ln(s):
    hits = [i + 1 for i, l in enumerate(doc.lines) if s in l]
    assert len(hits) == 1, (s, hits)
    return hits[0]


def row(label):
    """Cells of a table row whose label (4th cell) is `label`: Q2 23, Q2 22, chg, H1 23, H1 22, chg."""
    n = ln("\t" + label + "\t")
    c = doc.lines[n - 1].split("\t")
    return n, [doc.fig(n, c[0]), doc.fig(n, c[1], nth=2 if c[1] == c[0] else 1), doc.fig(n, c[2]),
               doc.fig(n, c[4], nth=[x for x in c[:5]].count(c[4])), doc.fig(n, c[5], nth=[x for x in c[:6]].count(c[5])),
               doc.fig(n, c[6], nth=[x for x in c[:7]].count(c[6]))]


R = {}
for label in ["Total Mill Feed (dry tonnes)", "Feed Grade Silver (g/t)", "Feed Grade Gold (g/t)",
              "Feed Grade Copper (%)", "Recovery Silver (%)", "Recovery Gold (%)", "Recovery Copper (%)",
              "Total Silver Produced (oz)", "Total Gold Produced (oz)", "Total Copper Produced (Lbs)",
              "Total Silver Equivalent Produced (oz)1"]:
    n, f = row(label)
    R[label] = f
    q, qp, qc, h, hp, hc = f
    doc.relation("change", f"{label}: Change = (Q2 2023 ÷ Q2 2022 − 1) × 100", qc, [q, qp], pct_change(q.i, qp.i))
    doc.relation("change", f"{label}: Change = (H1 2023 ÷ H1 2022 − 1) × 100", hc, [h, hp], pct_change(h.i, hp.i))

t = R["Total Mill Feed (dry tonnes)"]
gag, gau, gcu = R["Feed Grade Silver (g/t)"], R["Feed Grade Gold (g/t)"], R["Feed Grade Copper (%)"]
rag, rau, rcu = R["Recovery Silver (%)"], R["Recovery Gold (%)"], R["Recovery Copper (%)"]
pag, pau, pcu = R["Total Silver Produced (oz)"], R["Total Gold Produced (oz)"], R["Total Copper Produced (Lbs)"]
for k, per in [(0, "Q2 2023"), (1, "Q2 2022"), (3, "H1 2023"), (4, "H1 2022")]:
    doc.relation("recovery", f"Ag recovery {per} = Ag produced ÷ (dry t × Ag g/t ÷ 31.1034768)", rag[k],
                 [pag[k], t[k], gag[k]], pag[k].i / contained_oz(t[k].i, gag[k].i) * 100)
    doc.relation("recovery", f"Au recovery {per} = Au produced ÷ (dry t × Au g/t ÷ 31.1034768)", rau[k],
                 [pau[k], t[k], gau[k]], pau[k].i / contained_oz(t[k].i, gau[k].i) * 100)
    doc.relation("recovery", f"Cu recovery {per} = Cu produced lb ÷ (dry t × Cu % → lb)", rcu[k],
                 [pcu[k], t[k], gcu[k]], pcu[k].i / contained_lb(t[k].i, gcu[k].i) * 100)

# Highlights (Q2 2023 against Q2 2022)
eq = R["Total Silver Equivalent Produced (oz)1"]
hl = [("Output of silver equivalent fell", "10%", "587,317", eq, -1),
      ("Output of silver rose", "3%", "232,417", pag, 1),
      ("Output of gold rose", "13%", "1,520", pau, 1),
      ("The mill processed", "33%", "157,371", t, 1)]
for key, pct, val, f, sign in hl:
    n = ln(key)
    p, v = doc.fig(n, pct), doc.fig(n, val)
    doc.relation("change-in-prose", f"'{pct}' = |Q2 2023 ÷ Q2 2022 − 1| × 100 ({key})", p, [f[0], f[1]],
                 pct_change(f[0].i, f[1].i) * sign)
    doc.relation("restatement", f"{val} in the highlights = the table's Q2 2023", v, [f[0]], f[0].i, same=True)
n = ln("Output of copper fell")
p, v = doc.fig(n, "12%"), doc.fig(n, "1.45", scale=10**6)
doc.relation("change-in-prose", "'fell 12%' = −(Q2 2023 ÷ Q2 2022 − 1) × 100, copper lbs", p, [pcu[0], pcu[1]], -pct_change(pcu[0].i, pcu[1].i))
doc.relation("restatement", "1.45 million lbs = the table's 1,445,552 lbs", v, [pcu[0]], pcu[0].i)
n = ln("reports that the Avino Mine produced")
doc.relation("restatement", "587,317 AgEq oz in the lead = the table's Q2 2023", doc.fig(n, "587,317"), [eq[0]], eq[0].i, same=True)
NOTES = {
    "Total Mill Feed (dry tonnes): Change = (H1 2023 ÷ H1 2022 − 1) × 100":
        "printed 39%; 311,119 t against 229,362 t is +35.6%. The H1 2023 recoveries do not tie with 311,119 t either; "
        "about 318,800 t would give 39% and the printed 88%/73%/84%, so the H1 2023 tonnage looks misprinted (review: Avino's Q1 2023 release gives 159,757 t, so Q1 + Q2 = 317,128 t, which ties the three recoveries but gives +38.3%)",
    "Ag recovery H1 2023 = Ag produced ÷ (dry t × Ag g/t ÷ 31.1034768)":
        "printed 88%; 466,755 oz from 311,119 t at 52 g/t gives 88.9–90.6%; consistent with the H1 2023 tonnage being understated (see mill feed change)",
    "Au recovery H1 2023 = Au produced ÷ (dry t × Au g/t ÷ 31.1034768)":
        "printed 73%; 3,805 oz from 311,119 t at 0.51 g/t gives 73.9–75.3%; consistent with the H1 2023 tonnage being understated",
    "Cu recovery H1 2023 = Cu produced lb ÷ (dry t × Cu % → lb)":
        "printed 84%; 2,843,189 lb from 311,119 t at 0.48% Cu gives 85.5–87.3%; consistent with the H1 2023 tonnage being understated",
}
for r in doc.relations:
    if r["formula"] in NOTES:
        assert r["status"] == "does_not_tie", r["formula"]
        r["note"] = NOTES[r["formula"]]
doc.write()
