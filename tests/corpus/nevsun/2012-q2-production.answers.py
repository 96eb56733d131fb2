import pathlib, sys; sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / "tools")); from answers import *

doc = Doc(__file__)
doc.source = {
    "company": "Nevsun Resources Ltd.",
    "title": "Nevsun Announces Q2 Gold Production of 87,000 Ounces",
    "date": "2012-07-09",
    "urls": ["https://www.sec.gov/Archives/edgar/data/919991/000147237512000130/exhibit99-1.htm"],
}
f = doc.fig
ore = [f(17, "500,000"), f(17, "349,000"), f(17, "849,000")]
mg = [f(18, "6.04"), f(18, "4.71"), f(18, "5.49")]
waste = [f(19, "1,658,500"), f(19, "1,826,200"), f(19, "3,484,700")]
pre = [f(21, "480,600"), f(21, "739,000"), f(21, "1,219,600")]
milled = [f(23, "465,000"), f(23, "430,000"), f(23, "895,000")]
fg = [f(24, "6.93"), f(24, "6.58"), f(24, "6.76")]
rec = [f(26, "85%"), f(26, "86%"), f(26, "86%", nth=2)]
dore = [f(27, "87,000"), f(27, "82,000"), f(27, "169,000")]
sold = [f(29, "87,500"), f(29, "83,100"), f(29, "170,600")]

for name, r in [("ore mined t", ore), ("waste mined t", waste), ("copper phase prestrip t", pre), ("ore milled t", milled),
                ("gold in doré poured oz", dore), ("gold ounces sold", sold)]:
    doc.relation("period-sum", f"Year-to-Date 2012 {name} = Q2 2012 + Q1 2012", r[2], [r[0], r[1]], r[0].i + r[1].i)
doc.relation("weighted-average", "Year-to-Date 2012 mined grade = Σ ore mined × g/t ÷ Σ ore mined (Q2, Q1)", mg[2], [ore[0], mg[0], ore[1], mg[1]],
             weighted([(ore[0].i, mg[0].i), (ore[1].i, mg[1].i)]))
doc.relation("weighted-average", "Year-to-Date 2012 feed grade = Σ milled × g/t ÷ Σ milled (Q2, Q1)", fg[2], [milled[0], fg[0], milled[1], fg[1]],
             weighted([(milled[0].i, fg[0].i), (milled[1].i, fg[1].i)]))
fed = [contained_oz(milled[k].i, fg[k].i) for k in range(2)]
doc.relation("weighted-average", "Year-to-Date 2012 gold recovery = Σ recovery × gold fed ÷ Σ gold fed (Q2, Q1)", rec[2],
             [rec[0], milled[0], fg[0], rec[1], milled[1], fg[1]],
             (rec[0].i * fed[0] + rec[1].i * fed[1]) / (fed[0] + fed[1]))
doc.relation("restatement", "title: Q2 gold production 87,000 oz = table doré poured", f(6, "87,000"), [dore[0]], dore[0].i, same=True)
doc.relation("restatement", "highlights: Q2 gold production 87,000 oz = table doré poured", f(9, "87,000"), [dore[0]], dore[0].i, same=True)

doc.write()
