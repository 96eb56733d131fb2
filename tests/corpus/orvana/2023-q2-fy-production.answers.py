import pathlib, sys; sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / "tools")); from answers import *

doc = Doc(__file__)
doc.source = {
    "company": "Orvana Minerals Corp.",
    "title": "Orvana Reports Q2 FY2023 Production and Provides Exploration Update",
    "date": "2023-04-17",
    "urls": [
        "https://newswire.ca/news-releases/orvana-reports-q2-fy2023-production-and-provides-exploration-update-824529133.html",
        "https://theprospectornews.com/orvana-reports-q2-fy2023-production-and-provides-exploration-update/index.php",
    ],
}
f = doc.fig
COLS = ["Q2 FY2023", "Q1 FY2023", "Q2 FY2022"]
ore = [f(18, x) for x in ("177,853", "156,681", "146,170")]
aueq = [f(19, x) for x in ("14,470", "13,815", "10,595")]
au_g = [f(21, x) for x in ("2.21", "2.30", "1.94")]
au_r = [f(22, x) for x in ("91.9", "92.5", "91.6")]
au_p = [f(23, x) for x in ("11,599", "10,711", "8,341")]
cu_g = [f(25, x) for x in ("0.36", "0.43", "0.31")]
cu_r = [f(26, x) for x in ("81.2", "82.6", "80.7")]
cu_p = [f(27, x, scale=1000) for x in ("1,144", "1,216", "797")]
ag_g = [f(29, x) for x in ("8.40", "10.98", "7.12")]
ag_r = [f(30, x) for x in ("72.9", "81.2", "76.8")]
ag_p = [f(31, x) for x in ("35,000", "44,903", "25,703")]
prices = [(f(34, "$1,888.63"), f(34, "$22.56"), f(34, "$4.05")),
          (f(35, "$1,729.21"), f(35, "$21.18"), f(35, "$3.63")),
          (f(36, "$1,873.63"), f(36, "$23.94"), f(36, "$4.53"))]

# prose restatements
doc.relation("restatement", "Q2 FY2023 gold equivalent in highlights = table", f(7, "14,470"), [aueq[0]], aueq[0].i, same=True)
doc.relation("restatement", "Q2 FY2023 gold oz in highlights = table", f(7, "11,599"), [au_p[0]], au_p[0].i, same=True)
doc.relation("restatement", "Q2 FY2023 copper 1.1 million lb in highlights = table 1,144 K lbs", f(7, "1.1", scale=10**6), [cu_p[0]], cu_p[0].i)
doc.relation("restatement", "Q2 FY2023 silver oz in highlights = table", f(7, "35,000"), [ag_p[0]], ag_p[0].i, same=True)
doc.relation("restatement", "Q2 FY2023 gold oz in production results = table", f(14, "11,599"), [au_p[0]], au_p[0].i, same=True)
doc.relation("restatement", "Q2 FY2023 copper 1.1 million lb in production results = table 1,144 K lbs", f(15, "1.1", scale=10**6), [cu_p[0]], cu_p[0].i)

for k, col in enumerate(COLS):
    doc.relation("recovery", f"{col} Au recovery = oz ÷ (t × g/t ÷ 31.1034768)", au_r[k], [au_p[k], ore[k], au_g[k]],
                 au_p[k].i / contained_oz(ore[k].i, au_g[k].i) * 100)
    doc.relation("recovery", f"{col} Cu recovery = lb ÷ (t × % → lb)", cu_r[k], [cu_p[k], ore[k], cu_g[k]],
                 cu_p[k].i / contained_lb(ore[k].i, cu_g[k].i) * 100)
    doc.relation("recovery", f"{col} Ag recovery = oz ÷ (t × g/t ÷ 31.1034768)", ag_r[k], [ag_p[k], ore[k], ag_g[k]],
                 ag_p[k].i / contained_oz(ore[k].i, ag_g[k].i) * 100)
    pau, pag, pcu = prices[k]
    doc.relation("total", f"{col} gold equivalent oz = Au oz + Ag oz × Ag price ÷ Au price + Cu lb × Cu price ÷ Au price (footnote 1)",
                 aueq[k], [au_p[k], ag_p[k], cu_p[k], pau, pag, pcu],
                 au_p[k].i + (ag_p[k].i * pag.i + cu_p[k].i * pcu.i) / pau.i)

# drilling table
doc.relation("total", "Ortosa-Godán total m = greenfield", f(41, "882", nth=2), [f(41, "882")], f(41, "882").i, same=True)
doc.relation("total", "Boinas South total m = infill", f(43, "1,991", nth=2), [f(43, "1,991")], f(43, "1,991").i, same=True)
doc.relation("total", "Boinas East total m = infill", f(44, "1,081", nth=2), [f(44, "1,081")], f(44, "1,081").i, same=True)
doc.relation("total", "TOTAL infill m = SB + BE", f(45, "3,072"), [f(43, "1,991"), f(44, "1,081")], f(43, "1,991").i + f(44, "1,081").i)
doc.relation("total", "TOTAL greenfield m = Ortosa-Godán", f(45, "882"), [f(41, "882")], f(41, "882").i, same=True)
doc.relation("total", "TOTAL m = infill + greenfield", f(45, "3,954"), [f(45, "3,072"), f(45, "882")], f(45, "3,072").i + f(45, "882").i)
doc.relation("restatement", "highlights infill m = drilling table TOTAL infill", f(8, "3,072"), [f(45, "3,072")], f(45, "3,072").i, same=True)
doc.relation("restatement", "highlights greenfield m = drilling table TOTAL greenfield", f(9, "882"), [f(45, "882")], f(45, "882").i, same=True)

doc.write()
