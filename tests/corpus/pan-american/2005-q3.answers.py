import pathlib, sys; sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / "tools")); from answers import *

doc = Doc(__file__)
doc.source = {
    "company": "Pan American Silver",
    "title": "Pan American Silver reports record production in third quarter (Q3 2005)",
    "date": "2005-11-02",
    "urls": ["https://www.sec.gov/Archives/edgar/data/771992/000113717105001933/pressrelease.htm",
             "http://business.punxsutawneyspirit.com/punxsutawneyspirit/action/getedgarwindow?accesscode=113717105001919"],
}

ag = doc.fig(32, "3,202,289")
doc.relation("restatement", "highlight silver 3.2 million oz = table Q3 2005 silver metal 3,202,289 oz",
             target=doc.fig(9, "3.2", scale=10**6), inputs=[ag], computed=ag.i)
cc = doc.fig(37, "4.15")
doc.relation("same-figure", "highlight cash production cost $4.15/oz = table Q3 2005 total cash cost per ounce",
             target=doc.fig(10, "4.15"), inputs=[cc], computed=cc.i, same=True)
cf = doc.fig(25, "6,959", scale=1000)
doc.relation("restatement", "highlight cash flow $7.0 million = table Q3 2005 6,959 (000s)",
             target=doc.fig(12, "7.0", scale=10**6), inputs=[cf], computed=cf.i)
ni = doc.fig(23, "2,328", scale=1000)
doc.relation("restatement", "highlight net earnings $2.3 million = table Q3 2005 net income 2,328 (000s)",
             target=doc.fig(14, "2.3", scale=10**6), inputs=[ni], computed=ni.i)
eps = doc.fig(24, "0.03")
doc.relation("same-figure", "highlight $0.03/share = table Q3 2005 earnings per share",
             target=doc.fig(14, "0.03"), inputs=[eps], computed=eps.i, same=True)

doc.write()
