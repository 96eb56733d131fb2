import pathlib, sys; sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / "tools")); from answers import *

doc = Doc(__file__)
doc.source = {
    "company": "Caledonia Mining",
    "title": "Caledonia Mining Corporation Plc: Q3 2016 Production Update & New Ball Mill Commissioning",
    "date": "2016-10-05",
    "urls": ["https://www.sec.gov/Archives/edgar/data/766011/000110262416003449/exh99_1.htm"],
}

q3, q3y, q2 = doc.fig(10, "13,430"), doc.fig(10, "10,927"), doc.fig(10, "12,509")
doc.relation("change-in-prose", "23% year on year = (Q3 2016 ÷ Q3 2015 gold oz − 1) × 100",
             target=doc.fig(10, "23"), inputs=[q3, q3y], computed=pct_change(q3.i, q3y.i))
doc.relation("change-in-prose", "7.4% quarter on quarter = (Q3 2016 ÷ Q2 2016 gold oz − 1) × 100",
             target=doc.fig(10, "7.4"), inputs=[q3, q2], computed=pct_change(q3.i, q2.i))
new, old = doc.fig(14, "1,800"), doc.fig(14, "1,500")
doc.relation("change-in-prose", "new mill lifts throughput 20% = (1,800 ÷ 1,500 t/day − 1) × 100",
             target=doc.fig(14, "20"), inputs=[new, old], computed=pct_change(new.i, old.i))
# (2016 guidance of 50,000 oz and the 80,000 oz target are guidance: not listed.)
doc.write()
