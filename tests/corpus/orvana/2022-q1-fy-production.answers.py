import pathlib, sys; sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / "tools")); from answers import *

doc = Doc(__file__)
doc.source = {
    "company": "Orvana Minerals Corp.",
    "title": "Orvana reports solid Q1 FY2022 production results, and announces 2.9 meters @ 20.66 g/t Au intercept at Greenfield Project in Orovalle, Spain",
    "date": "2022-01-18",
    "urls": [
        "https://news.canadianminingreport.com/company/news/orvana-reports-solid-q1-fy2022-production-results-3a630",
        "https://xoops.minenportal.de/artikel/459069--Orvana-reports-solid-Q1-FY2022-production-results-and-announces-2.9-m--20.66-g~t-Au-intercept-at-Greenfield-Project-in-Orovalle.html",
    ],
}
f = doc.fig
COLS = ["Q1 FY2022", "Q4 FY2021", "Q1 FY2021"]
ore = [f(20, x) for x in ("176,288", "134,626", "180,380")]
aueq = [f(21, x) for x in ("15,921", "12,042", "18,398")]
au_g = [f(23, x) for x in ("2.27", "2.18", "2.60")]
au_r = [f(24, x) for x in ("91.1", "91.3", "92.6")]
au_p = [f(25, x) for x in ("11,731", "8,621", "14,127")]
cu_g = [f(27, x) for x in ("0.45", "0.52", "0.63")]
cu_r = [f(28, x) for x in ("83.7", "80.9", "81.6")]
cu_p = [f(29, x, scale=1000) for x in ("1,451", "1,253", "2,044")]

doc.relation("restatement", "highlights: Q1 FY2022 gold equivalent oz = table", f(7, "15,921"), [aueq[0]], aueq[0].i, same=True)
doc.relation("change-in-prose", "highlights: up 32% = Q1 FY2022 gold equivalent ÷ Q4 FY2021 − 1", f(7, "32%"), [aueq[0], aueq[1]], pct_change(aueq[0].i, aueq[1].i))
doc.relation("restatement", "results: Q1 FY2022 gold equivalent oz = table", f(15, "15,921"), [aueq[0]], aueq[0].i, same=True)
doc.relation("change-in-prose", "results: 32% more than Q4 2021 = Q1 FY2022 gold equivalent ÷ Q4 FY2021 − 1", f(15, "32%"), [aueq[0], aueq[1]], pct_change(aueq[0].i, aueq[1].i))
doc.relation("restatement", "results: Q1 FY2022 gold oz = table", f(16, "11,731"), [au_p[0]], au_p[0].i, same=True)
doc.relation("restatement", "results: Q1 FY2022 copper 1.5 million lb = table 1,451 K lbs", f(17, "1.5", scale=10**6), [cu_p[0]], cu_p[0].i)
for k, col in enumerate(COLS):
    doc.relation("recovery", f"{col} Au recovery = oz ÷ (t × g/t ÷ 31.1034768)", au_r[k], [au_p[k], ore[k], au_g[k]],
                 au_p[k].i / contained_oz(ore[k].i, au_g[k].i) * 100,
                 note="printed 92.6%; 14,127 oz ÷ (180,380 t × 2.60 g/t ÷ 31.1034768 = 15,074–15,085 oz fed) gives 93.51–93.87%" if k == 2 else "")
    doc.relation("recovery", f"{col} Cu recovery = lb ÷ (t × % → lb)", cu_r[k], [cu_p[k], ore[k], cu_g[k]],
                 cu_p[k].i / contained_lb(ore[k].i, cu_g[k].i) * 100)

doc.write()
