import pathlib, sys; sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / "tools")); from answers import *

doc = Doc(__file__)
doc.source = {
    "company": "Jaguar Mining",
    "title": "Jaguar Mining Reports Third Quarter 2019 Operating Results",
    "date": "2019-10-17",
    "urls": ["https://stockhouse.com/news/press-releases/2019/10/17/jaguar-mining-reports-third-quarter-2019-operating-results"],
}

c, p = doc.fig(11, "19,324"), doc.fig(11, "20,320")
doc.relation("change-in-prose", "consolidated gold -5% = (Q3 2019 ÷ Q3 2018 − 1) × 100",
             target=doc.fig(11, "-5%"), inputs=[c, p], computed=pct_change(c.i, p.i))
pil, tur = doc.fig(12, "11,044"), doc.fig(13, "8,280")
doc.relation("sum-of-segments", "Q3 2019 consolidated gold = Pilar + Turmalina",
             target=c, inputs=[pil, tur], computed=pil.i + tur.i)
tp = doc.fig(13, "9,252")
doc.relation("change-in-prose", "Turmalina -11% = (Q3 2019 ÷ Q3 2018 − 1) × 100",
             target=doc.fig(13, "-11%"), inputs=[tur, tp], computed=pct_change(tur.i, tp.i))
d, d18, d1 = doc.fig(14, "2,526"), doc.fig(14, "2,089"), doc.fig(14, "1,496")
doc.relation("change-in-prose", "development +21% = (Q3 2019 ÷ Q3 2018 metres − 1) × 100",
             target=doc.fig(14, "+21%"), inputs=[d, d18], computed=pct_change(d.i, d18.i))
doc.relation("change-in-prose", "development +69% = (Q3 2019 ÷ Q1 2019 metres − 1) × 100",
             target=doc.fig(14, "+69%"), inputs=[d, d1], computed=pct_change(d.i, d1.i))
# (up 5% on Q2 and 18% on Q1: the Q1 and Q2 2019 ounces are not printed.)
doc.write()
