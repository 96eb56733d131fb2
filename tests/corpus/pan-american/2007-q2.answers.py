import pathlib, sys; sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / "tools")); from answers import *

doc = Doc(__file__)
doc.source = {
    "company": "Pan American Silver",
    "title": "Pan American Silver second quarter 2007 results",
    "date": "2007-08-13",
    "urls": ["https://www.sec.gov/Archives/edgar/data/771992/000117184307000468/exh_991.htm",
             "https://www.sec.gov/Archives/edgar/data/771992/000117184307000468/exh_993.htm"],
}

ag07, ag06 = doc.fig(39, "4,219,751"), doc.fig(39, "3,317,369")
doc.relation("restatement", "highlight 4.2 million oz = table Q2 2007 silver metal 4,219,751 oz",
             target=doc.fig(6, "4.2", scale=10**6), inputs=[ag07], computed=ag07.i)
doc.relation("change-in-prose", "silver up 27% over Q2 2006 = (Q2 2007 ÷ Q2 2006 silver ounces − 1) × 100",
             target=doc.fig(6, "27%"), inputs=[ag07, ag06], computed=pct_change(ag07.i, ag06.i))

ni07, ni06 = doc.fig(30, "18,472", scale=1000), doc.fig(30, "14,964", scale=1000)
eps07, eps06 = doc.fig(31, "0.24"), doc.fig(31, "0.21")
cf07 = doc.fig(33, "31,537", scale=1000)
for line in (7, 20):
    doc.relation("restatement", f"text (line {line}) net income $18.5 million = table Q2 2007 18,472 (000s)",
                 target=doc.fig(line, "18.5", scale=10**6), inputs=[ni07], computed=ni07.i)
    doc.relation("restatement", f"text (line {line}) Q2 2006 net income $15.0 million = table Q2 2006 14,964 (000s)",
                 target=doc.fig(line, "15.0", scale=10**6), inputs=[ni06], computed=ni06.i)
    doc.relation("same-figure", f"text (line {line}) $0.24 per share = table Q2 2007 EPS",
                 target=doc.fig(line, "0.24"), inputs=[eps07], computed=eps07.i, same=True)
    doc.relation("same-figure", f"text (line {line}) $0.21 per share = table Q2 2006 EPS",
                 target=doc.fig(line, "0.21"), inputs=[eps06], computed=eps06.i, same=True)
for line in (8, 20):
    doc.relation("restatement", f"text (line {line}) cash flow $31.5 million = table Q2 2007 31,537 (000s)",
                 target=doc.fig(line, "31.5", scale=10**6), inputs=[cf07], computed=cf07.i)

doc.write()
