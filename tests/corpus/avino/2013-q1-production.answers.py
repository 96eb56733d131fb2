import pathlib, sys; sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / "tools")); from answers import *

doc = Doc(__file__)
doc.source = {"company": "Avino Silver and Gold Mines Ltd.",
              "title": "Avino Q1/March Production Report",
              "date": "2013-04",
              "urls": ["https://avino.com/news/archive/2013/avino-q1-march-production-report",
                       "https://www.avino.com/news/archive/2013/avino-q1-march-production-report/"]}


def ln(s):
    hits = [i + 1 for i, l in enumerate(doc.lines) if s in l]
    assert len(hits) == 1, (s, hits)
    return hits[0]


def row(label):
    n = ln(label + "\t")
    c = doc.lines[n - 1].split("\t")
    return [doc.fig(n, x, nth=c[1:i + 1].count(x)) for i, x in enumerate(c[1:4], start=1)]


labels = ["Total Mill Feed (dry tonnes)", "Average Daily Throughput (tpd)", "Days of Operation", "Feed Grade Silver (g/t)",
          "Feed Grade Gold (g/t)", "Bulk Concentrate (dry tonnes)", "Bulk Concentrate Grade Silver (kg/t)",
          "Bulk Concentrate Grade Gold (g/t)", "Recovery Silver (%)", "Recovery Gold (%)", "Mill Availability (%)",
          "Total Silver Produced (kg)", "Total Gold Produced (g)", "Total Silver Produced (oz) calculated",
          "Total Gold Produced (oz) calculated", "Total Silver Equivalent Produced (oz)"]
R = {}
for label in labels:
    a, b, c = R[label] = row(label)
    doc.relation("change", f"{label}: % Change = (Q1 2013 ÷ Q4 2012 − 1) × 100", c, [b, a], pct_change(b.i, a.i))

t, tpd, days, gag, gau, ct, cag, cau, rag, rau, av, kag, gAu, oag, oau, eq = (R[k] for k in labels)
for k, per in [(0, "Q4 2012"), (1, "Q1 2013")]:
    doc.relation("throughput", f"tpd {per} = dry tonnes ÷ days of operation", tpd[k], [t[k], days[k]], t[k].i / days[k].exact)
    doc.relation("contained-metal", f"Ag produced kg {per} = bulk concentrate dry t × Ag kg/t", kag[k], [ct[k], cag[k]], ct[k].i * cag[k].i)
    doc.relation("contained-metal", f"Au produced g {per} = bulk concentrate dry t × Au g/t", gAu[k], [ct[k], cau[k]], ct[k].i * cau[k].i)
    doc.relation("recovery", f"Ag recovery {per} = Ag produced kg ÷ (dry t × Ag g/t ÷ 1000)", rag[k], [kag[k], t[k], gag[k]], kag[k].i / (t[k].i * gag[k].i / 1000) * 100)
    doc.relation("recovery", f"Au recovery {per} = Au produced g ÷ (dry t × Au g/t)", rau[k], [gAu[k], t[k], gau[k]], gAu[k].i / (t[k].i * gau[k].i) * 100)
    doc.relation("restatement", f"Ag oz calculated {per} = Ag kg × 1000 ÷ 31.1034768", oag[k], [kag[k]], kag[k].i * 1000 / GRAMS_PER_TROY_OUNCE)
    doc.relation("restatement", f"Au oz calculated {per} = Au g ÷ 31.1034768", oau[k], [gAu[k]], gAu[k].i / GRAMS_PER_TROY_OUNCE)
n = ln("uses a 55:1 silver to gold ratio")
r55, r50 = doc.fig(n, "55"), doc.fig(n, "50")
doc.relation("total", "AgEq Q4 2012 = Ag oz + 50 × Au oz (50:1 for October–December)", eq[0], [oag[0], oau[0], r50], oag[0].i + r50.exact * oau[0].i)
doc.relation("total", "AgEq Q1 2013 = Ag oz + 55 × Au oz (55:1 for January–March)", eq[1], [oag[1], oau[1], r55], oag[1].i + r55.exact * oau[1].i)

for key, pct, f in [("Silver feed grade in Q1 2013", "19.3%", gag), ("Gold feed grade in Q1 2013", "24%", gau)]:
    n = ln(key)
    doc.relation("change-in-prose", f"'{pct}' = (Q1 2013 ÷ Q4 2012 − 1) × 100 ({key})", doc.fig(n, pct), [f[1], f[0]], pct_change(f[1].i, f[0].i))
n = ln("grades of the bulk concentrate rose")
doc.relation("change-in-prose", "concentrate Ag grade '17%' = (Q1 2013 ÷ Q4 2012 − 1) × 100", doc.fig(n, "17%"), [cag[1], cag[0]], pct_change(cag[1].i, cag[0].i))
doc.relation("change-in-prose", "concentrate Au grade '19.3%' = (Q1 2013 ÷ Q4 2012 − 1) × 100", doc.fig(n, "19.3%"), [cau[1], cau[0]], pct_change(cau[1].i, cau[0].i))
n = ln("more silver and")
doc.relation("change-in-prose", "silver produced '24.1%' = (Q1 2013 ÷ Q4 2012 oz − 1) × 100", doc.fig(n, "24.1%"), [oag[1], oag[0]], pct_change(oag[1].i, oag[0].i))
doc.relation("change-in-prose", "gold produced '26.2%' = (Q1 2013 ÷ Q4 2012 oz − 1) × 100", doc.fig(n, "26.2%"), [oau[1], oau[0]], pct_change(oau[1].i, oau[0].i))

NOTES = {
    "Bulk Concentrate Grade Silver (kg/t): % Change = (Q1 2013 ÷ Q4 2012 − 1) × 100":
        "printed 17.0; 8.72 against 7.44 kg/t is +17.2% (17.06–17.35% over the printed precision); the notes' rounded '17%' ties",
    "Total Silver Produced (kg): % Change = (Q1 2013 ÷ Q4 2012 − 1) × 100":
        "printed 24.1; 4,960 against 4,000 kg is +24.0% (23.97–24.03%); 24.1 is the change of the calculated oz rows (159,582 against 128,607)",
    "Ag oz calculated Q1 2013 = Ag kg × 1000 ÷ 31.1034768":
        "printed 159,582 oz; 4,960 kg is 159,452–159,484 oz (159,582 oz would be 4,963.6 kg); the kg and oz rows tie for Q4 2012 but not for Q1 2013",
    "Au oz calculated Q1 2013 = Au g ÷ 31.1034768":
        "printed 574 oz; 17,875 g is 574.68–574.71 oz, which rounds to 575",
    "AgEq Q1 2013 = Ag oz + 55 × Au oz (55:1 for January–March)":
        "printed 191,107; 159,582 + 55 × 574 = 191,152 (191,124–191,180 over the printed precision); 45 oz short of the stated 55:1 ratio",
}
import os
if os.environ.get("DRY"):
    [print(r["formula"], r["computed"], r["printed"]) for r in doc.relations if r["status"] != "ties"]; sys.exit()
for r in doc.relations:
    if r["formula"] in NOTES:
        assert r["status"] == "does_not_tie", r["formula"]
        r["note"] = NOTES[r["formula"]]
doc.write()
