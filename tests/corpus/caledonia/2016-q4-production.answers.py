import pathlib, sys; sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / "tools")); from answers import *

doc = Doc(__file__)
doc.source = {
    "company": "Caledonia Mining",
    "title": "Caledonia Mining Corporation Plc: Record Gold Production From the Blanket Gold Mine (Q4 and full year 2016)",
    "date": "2017-01-11",
    "urls": ["http://www.marketwired.com/press-release/caledonia-mining-corporation-plc-record-gold-production-from-the-blanket-gold-mine-2187587.htm"],
}

q4, q4y, q3 = doc.fig(8, "13,591"), doc.fig(8, "11,515"), doc.fig(8, "13,428")
doc.relation("change-in-prose", "18% above Q4 2015 = (Q4 2016 ÷ Q4 2015 gold oz − 1) × 100",
             target=doc.fig(8, "18"), inputs=[q4, q4y], computed=pct_change(q4.i, q4y.i))
doc.relation("change-in-prose", "1.2% above Q3 2016 = (Q4 2016 ÷ Q3 2016 gold oz − 1) × 100",
             target=doc.fig(8, "1.2"), inputs=[q4, q3], computed=pct_change(q4.i, q3.i))
y16, y15 = doc.fig(10, "50,351"), doc.fig(10, "42,804")
doc.relation("change-in-prose", "17.6% more than 2015 = (2016 ÷ 2015 gold oz − 1) × 100",
             target=doc.fig(10, "17.6"), inputs=[y16, y15], computed=pct_change(y16.i, y15.i))
doc.relation("same-figure", "CEO's 2016 production 50,351 oz = the year's 50,351 oz",
             target=doc.fig(18, "50,351"), inputs=[y16], computed=y16.i, same=True)
# (2017 targets and the 2013 record are guidance and history: not listed.)
doc.write()
