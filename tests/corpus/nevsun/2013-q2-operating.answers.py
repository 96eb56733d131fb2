import pathlib, sys; sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / "tools")); from answers import *

doc = Doc(__file__)
doc.source = {
    "company": "Nevsun Resources Ltd.",
    "title": "Nevsun Announces Q2 2013 Bisha Operating Results",
    "date": "2013-07-09",
    "urls": [
        "https://www.sec.gov/Archives/edgar/data/919991/000147237513000146/exhibit99-1.htm",
        "https://tesfanews.com/nevsun-announces-q2-2013-bisha-operating-results/",
    ],
}
f = doc.fig
ore_m = [f(23, "425,000"), f(23, "475,000"), f(23, "900,000")]
waste = [f(24, "1,647,000"), f(24, "1,925,000"), f(24, "3,572,000")]
strip = [f(25, "4.5"), f(25, "5.1"), f(25, "4.8")]
milled = [f(27, "455,000"), f(27, "432,000"), f(27, "887,000")]
grade = [f(28, "2.75"), f(28, "4.14"), f(28, "3.43")]
rec = [f(30, "80%"), f(30, "79%"), f(30, "79%", nth=2)]
dore = [f(31, "34,900"), f(31, "42,300"), f(31, "77,200")]
pm_au = [f(32, "2,700"), f(32, "2,700", nth=2)]
pm_ag = [f(33, "277,000"), f(33, "277,000", nth=2)]

for name, r in [("ore mined t", ore_m), ("waste mined t", waste), ("ore milled t", milled), ("gold in doré poured oz", dore)]:
    doc.relation("period-sum", f"Year-to-Date 2013 {name} = Q2 2013 + Q1 2013", r[2], [r[0], r[1]], r[0].i + r[1].i)
doc.relation("period-sum", "Year-to-Date 2013 gold oz in PM concentrate = Q2 2013 + Q1 2013 ('-')", pm_au[1], [pm_au[0]], pm_au[0].i, same=True)
doc.relation("period-sum", "Year-to-Date 2013 silver oz in PM concentrate = Q2 2013 + Q1 2013 ('-')", pm_ag[1], [pm_ag[0]], pm_ag[0].i, same=True)
doc.relation("weighted-average", "Year-to-Date 2013 feed grade = Σ milled × g/t ÷ Σ milled (Q2, Q1)", grade[2], [milled[0], grade[0], milled[1], grade[1]],
             weighted([(milled[0].i, grade[0].i), (milled[1].i, grade[1].i)]))
fed = [contained_oz(milled[k].i, grade[k].i) for k in range(2)]
doc.relation("weighted-average", "Year-to-Date 2013 gold recovery = Σ recovery × gold fed ÷ Σ gold fed (Q2, Q1)", rec[2],
             [rec[0], milled[0], grade[0], rec[1], milled[1], grade[1]],
             (rec[0].i * fed[0] + rec[1].i * fed[1]) / (fed[0] + fed[1]))
doc.relation("total", "Q2 2013 ore mined = Harena 249,000 t + Bisha Main 176,000 t (footnote 1)", ore_m[0], [f(35, "249,000"), f(35, "176,000")],
             f(35, "249,000").i + f(35, "176,000").i)

# prose
doc.relation("restatement", "highlights: Q2 2013 gold 34,900 oz = table doré poured", f(10, "34,900"), [dore[0]], dore[0].i, same=True)
doc.relation("restatement", "highlights: Q2 2013 milled 455,000 t = table", f(13, "455,000"), [milled[0]], milled[0].i, same=True)
doc.relation("restatement", "highlights: Q2 2013 2.75 g/t = table feed grade", f(13, "2.75"), [grade[0]], grade[0].i, same=True)
doc.relation("restatement", "highlights: Q2 2013 80% recovery = table", f(13, "80%"), [rec[0]], rec[0].i, same=True)
doc.relation("restatement", "intro: Q2 2013 gold 34,900 oz = table doré poured", f(15, "34,900"), [dore[0]], dore[0].i, same=True)
doc.relation("restatement", "prose: Q2 2013 waste mined = table", f(40, "1,675,000"), [waste[0]], waste[0].i, same=True,
             note="the text says 1,675,000 tonnes of waste mined in the quarter; the table prints 1,647,000 (and its year-to-date 3,572,000 = 1,647,000 + 1,925,000), so the text transposes two digits")
doc.relation("restatement", "prose: Q2 2013 strip ratio 4.5 to 1 by volume = table (BCM)", f(40, "4.5"), [strip[0]], strip[0].i, same=True)

doc.write()
