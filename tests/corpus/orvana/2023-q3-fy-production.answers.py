import pathlib, sys; sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / "tools")); from answers import *

doc = Doc(__file__)
doc.source = {
    "company": "Orvana Minerals Corp.",
    "title": "Orvana Reports Q3 FY2023 Production and Provides Exploration Update",
    "date": "2023-07-17",
    "urls": [
        "https://mx.advfn.com/bolsa-de-valores/TSX/ORV/noticias/91582758/orvana-reports-q3-fy2023-production-and-provides-e",
        "https://theprospectornews.com/orvana-reports-q3-fy2023-production-and-provides-exploration-update/",
    ],
}
f = doc.fig
COLS = ["Q3 FY2023", "Q3 FY2022", "YTD Q3 FY2023"]
ore = [f(21, x) for x in ("163,996", "176,401", "498,527")]
aueq = [f(22, x) for x in ("13,398", "15,798", "41,683")]
au_g = [f(24, x) for x in ("2.41", "2.39", "2.30")]
au_r = [f(25, x) for x in ("90.8", "91.2", "91.7")]
au_p = [f(26, x) for x in ("11,522", "12,354", "33,832")]
cu_g = [f(28, x) for x in ("0.29", "0.40", "0.36")]
cu_r = [f(29, x) for x in ("76.6", "82.5", "80.5")]
cu_p = [f(30, x, scale=1000) for x in ("801", "1,293", "3,161")]
ag_g = [f(32, x) for x in ("6.84", "8.91", "8.70")]
ag_r = [f(33, x) for x in ("72.0", "75.4", "76.0")]
ag_p = [f(34, x) for x in ("25,965", "38,082", "105,868")]
prices = [(f(37, "$1,977.33"), f(37, "$24.20"), f(37, "$3.85")),
          (f(38, "$1,872.01"), f(38, "$22.65"), f(38, "$4.32")),
          (f(39, "$1,865.06"), f(39, "$22.65"), f(39, "$3.84"))]

doc.relation("restatement", "Q3 FY2023 gold equivalent in highlights = table", f(7, "13,398"), [aueq[0]], aueq[0].i, same=True)
doc.relation("restatement", "Q3 FY2023 gold oz in highlights = table", f(7, "11,522"), [au_p[0]], au_p[0].i, same=True)
doc.relation("restatement", "Q3 FY2023 copper 0.8 million lb in highlights = table 801 K lbs", f(7, "0.8", scale=10**6), [cu_p[0]], cu_p[0].i)
doc.relation("restatement", "Q3 FY2023 silver oz in highlights = table", f(7, "25,965"), [ag_p[0]], ag_p[0].i, same=True)
doc.relation("restatement", "Q3 FY2023 gold oz in production results = table", f(17, "11,522"), [au_p[0]], au_p[0].i, same=True)
doc.relation("restatement", "Q3 FY2023 copper 0.8 million lb in production results = table 801 K lbs", f(18, "0.8", scale=10**6), [cu_p[0]], cu_p[0].i)

for k, col in enumerate(COLS):
    doc.relation("recovery", f"{col} Au recovery = oz ÷ (t × g/t ÷ 31.1034768)", au_r[k], [au_p[k], ore[k], au_g[k]],
                 au_p[k].i / contained_oz(ore[k].i, au_g[k].i) * 100)
    doc.relation("recovery", f"{col} Cu recovery = lb ÷ (t × % → lb)", cu_r[k], [cu_p[k], ore[k], cu_g[k]],
                 cu_p[k].i / contained_lb(ore[k].i, cu_g[k].i) * 100)
    doc.relation("recovery", f"{col} Ag recovery = oz ÷ (t × g/t ÷ 31.1034768)", ag_r[k], [ag_p[k], ore[k], ag_g[k]],
                 ag_p[k].i / contained_oz(ore[k].i, ag_g[k].i) * 100)
    pau, pag, pcu = prices[k]
    note = ("printed 41,683; the YTD figures with the YTD average prices of footnote 1 give 41,616–41,636 "
            "(33,832 oz Au + 105,868 oz Ag × 22.65 ÷ 1,865.06 + 3,161 K lb Cu × 3.84 ÷ 1,865.06). 41,683 is the sum of "
            "the quarters' own gold equivalents (13,815 + 14,470 + 13,398 in the Q1/Q2 and Q3 releases), not the footnote's method") if k == 2 else ""
    doc.relation("total", f"{col} gold equivalent oz = Au oz + Ag oz × Ag price ÷ Au price + Cu lb × Cu price ÷ Au price (footnote 1)",
                 aueq[k], [au_p[k], ag_p[k], cu_p[k], pau, pag, pcu],
                 au_p[k].i + (ag_p[k].i * pag.i + cu_p[k].i * pcu.i) / pau.i, note=note)

# drilling table (Table 1)
rows = {45: ("517", None, None, "517"), 46: ("1,061", "195", None, "1,256"), 47: ("923", "389", None, "1,312"), 48: (None, None, "850", "850")}
for ln, (inf, bro, gre, tot) in rows.items():
    parts = [f(ln, x) for x in (inf, bro, gre) if x]
    t = f(ln, tot, nth=2 if tot in (inf, gre) else 1)
    doc.relation("total", f"line {ln} TOTAL m = infill + brownfield + greenfield", t, parts, total(p.i for p in parts), same=len(parts) == 1)
inf = [f(45, "517"), f(46, "1,061"), f(47, "923")]
doc.relation("total", "TOTAL infill m = SB + BS + BE", f(49, "2,501"), inf, total(x.i for x in inf))
bro = [f(46, "195"), f(47, "389")]
doc.relation("total", "TOTAL brownfield m = BS + BE", f(49, "584"), bro, total(x.i for x in bro))
doc.relation("total", "TOTAL greenfield m = Ortosa-Godán", f(49, "850"), [f(48, "850")], f(48, "850").i, same=True)
tots = [f(45, "517", nth=2), f(46, "1,256"), f(47, "1,312"), f(48, "850", nth=2)]
doc.relation("total", "TOTAL m = Σ areas' totals", f(49, "3,935"), tots, total(x.i for x in tots))
cols = [f(49, "2,501"), f(49, "584"), f(49, "850")]
doc.relation("total", "TOTAL m = infill + brownfield + greenfield", f(49, "3,935"), cols, total(x.i for x in cols))
doc.relation("restatement", "highlights infill and brownfield m = Table 1 infill + brownfield", f(8, "3,085"), cols[:2], cols[0].i + cols[1].i)
doc.relation("restatement", "highlights greenfield m = Table 1 greenfield", f(12, "850"), [f(49, "850")], f(49, "850").i, same=True)

doc.write()
