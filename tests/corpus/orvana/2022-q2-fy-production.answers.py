import pathlib, sys; sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / "tools")); from answers import *

doc = Doc(__file__)
doc.source = {
    "company": "Orvana Minerals Corp.",
    "title": "Orvana Reports Q2 FY2022 Production, and announces 196.50 meters @ 0.53 g/t Au intercept at Greenfield Project in Orovalle, Spain",
    "date": "2022-04-15",
    "urls": [
        "https://prnewswire.co.uk/news-releases/orvana-reports-q2-fy2022-production-and-announces-196-50-meters-0-53-g-t-au-intercept-at-greenfield-project-in-orovalle-spain-847352271.html",
        "https://ceo.ca/@newswire/orvana-reports-q2-fy2022-production-and-announces-c802e",
    ],
}
f = doc.fig
COLS = ["Q2 FY2022", "Q1 FY2022", "Q2 FY2021"]
ore = [f(19, x) for x in ("146,170", "176,288", "159,603")]
aueq = [f(20, x) for x in ("10,595", "15,921", "14,197")]
au_g = [f(22, x) for x in ("1.94", "2.27", "2.31")]
au_r = [f(23, x) for x in ("91.6", "91.1", "90.9")]
au_p = [f(24, x) for x in ("8,341", "11,731", "10,785")]
cu_g = [f(26, x) for x in ("0.31", "0.45", "0.47")]
cu_r = [f(27, x) for x in ("80.7", "83.7", "82.3")]
cu_p = [f(28, x, scale=1000) for x in ("797", "1,451", "1,355")]

doc.relation("restatement", "highlights: Q2 FY2022 gold equivalent oz = table", f(8, "10,595"), [aueq[0]], aueq[0].i, same=True)
doc.relation("restatement", "results: Q2 FY2022 gold equivalent oz = table", f(30, "10,595"), [aueq[0]], aueq[0].i, same=True)
doc.relation("change-in-prose", "33% lower = Q2 FY2022 gold equivalent ÷ Q1 FY2022 − 1 (a decrease)", f(30, "33%"), [aueq[0], aueq[1]],
             -pct_change(aueq[0].i, aueq[1].i))
for k, col in enumerate(COLS):
    doc.relation("recovery", f"{col} Au recovery = oz ÷ (t × g/t ÷ 31.1034768)", au_r[k], [au_p[k], ore[k], au_g[k]],
                 au_p[k].i / contained_oz(ore[k].i, au_g[k].i) * 100)
    doc.relation("recovery", f"{col} Cu recovery = lb ÷ (t × % → lb)", cu_r[k], [cu_p[k], ore[k], cu_g[k]],
                 cu_p[k].i / contained_lb(ore[k].i, cu_g[k].i) * 100)

doc.write()
