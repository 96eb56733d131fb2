import pathlib, sys; sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / "tools")); from answers import *

doc = Doc(__file__)
doc.source = {
    "company": "Caledonia Mining",
    "title": "Caledonia Mining Corporation Plc: Q3 2019 Production Update",
    "date": "2019-10-14",
    "urls": ["https://www.goldseiten.de/artikel/428546--Caledonia-Mining-Corporation-Plc~-Q3-2019-Production-Update.html"],
}

q3, q2 = doc.fig(8, "13,646"), doc.fig(8, "12,712")
doc.relation("change-in-prose", "7.3% more than Q2 2019 = (Q3 2019 ÷ Q2 2019 gold oz − 1) × 100",
             target=doc.fig(8, "7.3%"), inputs=[q3, q2], computed=pct_change(q3.i, q2.i))
n19, n18 = doc.fig(8, "38,306"), doc.fig(8, "39,559")
doc.relation("change-in-prose", "approximately 3.2% less = (1 − nine months 2019 ÷ nine months 2018 gold oz) × 100",
             target=doc.fig(8, "3.2%"), inputs=[n19, n18], computed=-pct_change(n19.i, n18.i))
# (2019 guidance and the 2021/2022 targets: guidance, not listed.)
doc.write()
