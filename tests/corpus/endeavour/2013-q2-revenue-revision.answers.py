import pathlib, sys; sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / "tools")); from answers import *

doc = Doc(__file__)
doc.source = {"company": "Endeavour Silver Corp.",
              "title": "Endeavour Silver Adjusts Second Quarter 2013 Revenues 12% Higher; Second Quarter 2013 Financial Results to be Released Tuesday, August 6",
              "date": "2013-07-15",
              "urls": ["https://www.sec.gov/Archives/edgar/data/1277866/000110262413000812/exh99_1.htm"]}


def ln(s):
    hits = [i + 1 for i, l in enumerate(doc.lines) if s in l]
    assert len(hits) == 1, (s, hits)
    return hits[0]


R = {}
for label in ["Revenues ($ millions)", "Silver oz sold", "Gold oz sold", "Realized silver price per oz", "Realized gold price per oz"]:
    n = ln("\t" + label + "\t")
    c = [x.replace("(2)", "") if x.endswith("(2)") else x for x in doc.lines[n - 1].split("\t")]
    f = [doc.fig(n, c[0]), doc.fig(n, c[1]), doc.fig(n, c[2]), doc.fig(n, c[4]), doc.fig(n, c[5]), doc.fig(n, c[6])]
    R[label] = f
    doc.relation("change", f"{label}: % Change = (three months 2013 ÷ 2012 − 1) × 100", f[2], [f[0], f[1]], pct_change(f[0].i, f[1].i))
    doc.relation("change", f"{label}: % Change = (six months 2013 ÷ 2012 − 1) × 100", f[5], [f[3], f[4]], pct_change(f[3].i, f[4].i))

rev, ag, au = R["Revenues ($ millions)"], R["Realized silver price per oz"], R["Realized gold price per oz"]
n = ln("Corrected revenues for Q2")
doc.relation("restatement", "$71.3 million in the text = the table's Q2 2013 revenues", doc.fig(n, "$71.3"), [rev[0]], rev[0].i, same=True)
doc.relation("change-in-prose", "'76% above Q2, 2012' = (Q2 2013 ÷ Q2 2012 revenues − 1) × 100", doc.fig(n, "76%"), [rev[0], rev[1]], pct_change(rev[0].i, rev[1].i))
doc.relation("restatement", "$21.38 per oz silver in the text = the table's Q2 2013 realized silver price", doc.fig(n, "$21.38"), [ag[0]], ag[0].i, same=True)
doc.relation("restatement", "$1,297 per oz gold in the text = the table's Q2 2013 realized gold price", doc.fig(n, "$1,297"), [au[0]], au[0].i, same=True)

NOTES = {
    "Realized silver price per oz: % Change = (three months 2013 ÷ 2012 − 1) × 100":
        "printed (35%); $21.38 against $29.21 is −26.8%. The revised Q2 price was put in the table but the change column was "
        "not updated: −35% of $29.21 is about $18.99, the understated price this release corrects",
    "Realized silver price per oz: % Change = (six months 2013 ÷ 2012 − 1) × 100":
        "printed (24%); $25.05 against $31.18 is −19.7%; the change column was apparently left from before the revision",
    "Realized gold price per oz: % Change = (three months 2013 ÷ 2012 − 1) × 100":
        "printed (28%); $1,297 against $1,599 is −18.9%; the change column was apparently left from the understated price (−28% gives about $1,151)",
    "Realized gold price per oz: % Change = (six months 2013 ÷ 2012 − 1) × 100":
        "printed (19%); $1,417 against $1,648 is −14.0%; the change column was apparently left from before the revision",
}
import os
if os.environ.get("DRY"):
    [print(r["formula"], r["computed"], r["printed"]) for r in doc.relations if r["status"] != "ties"]; sys.exit()
for r in doc.relations:
    if r["formula"] in NOTES:
        assert r["status"] == "does_not_tie", r["formula"]
        r["note"] = NOTES[r["formula"]]
doc.write()
