import pathlib, sys; sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / "tools")); from answers import *

doc = Doc(__file__)
doc.source = {"company": "Great Panther Silver Limited",
              "title": "Great Panther Silver Reports Fourth Quarter and Annual 2017 Production Results and Provides 2018 Outlook",
              "date": "2018-01-11",
              "urls": ["https://markets.businessinsider.com/news/stocks/great-panther-silver-reports-fourth-quarter-and-annual-2017-production-results-and-provides-2018-outlook-1012917020",
                       "https://news.canadianminingreport.com/company/news/great-panther-silver-reports-fourth-quarter-and-annual-87d74"]}


def ln(s):
    hits = [i + 1 for i, l in enumerate(doc.lines) if s in l]
    assert len(hits) == 1, (s, hits)
    return hits[0]


def row(label):
    n = ln(label + "\t")
    c = doc.lines[n - 1].split("\t")
    return [doc.fig(n, x, nth=c[1:i + 1].count(x)) for i, x in enumerate(c[1:], start=1)]


R = {}
for label in ["Ore processed (tonnes milled)", "Silver equivalent ounce production1, 2", "Silver ounce production",
              "Gold ounce production", "Lead production (tonnes)", "Zinc production (tonnes)"]:
    q, qp, qc, y, yp, yc = R[label] = row(label)
    doc.relation("change", f"{label}: Change = (Q4 2017 ÷ Q4 2016 − 1) × 100", qc, [q, qp], pct_change(q.i, qp.i))
    doc.relation("change", f"{label}: Change = (FY 2017 ÷ FY 2016 − 1) × 100", yc, [y, yp], pct_change(y.i, yp.i))

t, eq, ag, au = R["Ore processed (tonnes milled)"], R["Silver equivalent ounce production1, 2"], R["Silver ounce production"], R["Gold ounce production"]
hl = [("Consolidated metal production rose 2%", "2%", "3,978,731", eq, 3, 1),
      ("Silver production fell 3%", "3%", "1,982,685", ag, 3, -1),
      ("Gold production rose 1%", "1%", "22,501", au, 3, 1),
      ("Ore processed fell 1%", "1%", "373,709", t, 3, -1),
      ("Consolidated metal production rose 21%", "21%", "1,065,773", eq, 0, 1),
      ("Silver production rose 12%", "12%", "514,218", ag, 0, 1),
      ("Gold production rose 14%", "14%", "5,931", au, 0, 1),
      ("Ore processed rose 6%", "6%", "98,396", t, 0, 1)]
for key, pct, val, f, k, sign in hl:
    per = "FY 2017 ÷ FY 2016" if k == 3 else "Q4 2017 ÷ Q4 2016"
    n = ln(key)
    doc.relation("change-in-prose", f"'{key}' = {'' if sign > 0 else '−'}({per} − 1) × 100", doc.fig(n, pct), [f[k], f[k + 1]], pct_change(f[k].i, f[k + 1].i) * sign)
    doc.relation("restatement", f"{val} in the highlights = the table's {per.split(' ÷')[0]}", doc.fig(n, val), [f[k]], f[k].i, same=True)

# Review addition: silver equivalent ounces from the footnotes' ratios (line 28 for 2017, line 29 for 2016):
# Ag eq oz = Ag oz + 70 × Au oz + Pb lb × (Pb $/lb ÷ Ag $/oz) + Zn lb × (Zn $/lb ÷ Ag $/oz), lead and zinc
# printed in tonnes (× 2,204.62262 lb).
LB_PER_T = F(1000) / KG_PER_POUND
pb, zn = R["Lead production (tonnes)"], R["Zinc production (tonnes)"]
for k, per, fl, pbr, znr in [(0, "Q4 2017", 28, ("0.0559", 1), ("0.0676", 1)), (3, "FY 2017", 28, ("0.0559", 1), ("0.0676", 1)),
                             (1, "Q4 2016", 29, ("0.0504", 1), ("0.0504", 2)), (4, "FY 2016", 29, ("0.0504", 1), ("0.0504", 2))]:
    r70, rpb, rzn = doc.fig(fl, "70"), doc.fig(fl, *pbr), doc.fig(fl, *znr)
    doc.relation("total", f"{per} Ag eq oz = Ag oz + 70 × Au oz + Pb lb × {pbr[0]} + Zn lb × {znr[0]} (footnote {'1' if fl == 28 else '2'})",
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
